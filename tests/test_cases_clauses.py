"""Cases in the clause shapes of translated and wire news: a relative clause that carries the
penalty, clauses spliced by commas, a reported clause with its own actor, a plural back
reference to a count, a count of firms the story then names, company names that share a sector
word, and a PBOC office called a "City Branch". Sentences written for these tests (public facts:
bodies and amounts; the parties are invented). One fact per test."""

from __future__ import annotations

import pytest
from casejson import authority_name


def test_a_relative_clause_penalises_the_phrase_before_its_comma(cases) -> None:
    got = cases("Lender fined\nOn 2 May the China Banking and Insurance Regulatory Commission "
                "published penalties against Lakeside Bank, which was fined 3.2 million yuan "
                "for leaking customer data.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("Lakeside Bank", 3200000)]


def test_clauses_spliced_by_commas_each_have_their_subject(cases) -> None:
    got = cases("Payment firms punished\nTwo payment firms were punished, Hilltop Payment "
                "Technology Co., Ltd. was warned by the People's Bank of China, and Riverbend "
                "Payment Services Co., Ltd. was fined 1.2 million yuan.")
    assert {c["respondent"].rstrip(".") for c in got} == {
        "Hilltop Payment Technology Co., Ltd", "Riverbend Payment Services Co., Ltd"}


def test_firms_sharing_a_sector_word_are_two_parties(cases) -> None:
    got = cases("Payment firms warned\nHilltop Payment Network Co., Ltd. was warned by the "
                "People's Bank of China. Riverbend Payment Services Co., Ltd. was also warned.")
    assert len(got) == 2


def test_a_count_the_story_names_firm_by_firm_is_no_case_of_its_own(cases) -> None:
    got = cases("Two payment firms punished\nThe central bank punished two payment firms.",
                "Hilltop Payment Co., Ltd. was fined 300,000 yuan by the People's Bank of China.",
                "Riverbend Payment Co., Ltd. was fined 500,000 yuan by the People's Bank of "
                "China.")
    assert sorted(c["fine_cny"] for c in got) == [300000, 500000]


def test_a_plural_back_reference_takes_up_the_count_before_it(cases) -> None:
    got = cases("Telecom service report\nThe Ministry of Industry and Information Technology "
                "checked 80 internet services and found that 12 enterprises had failed to "
                "publish their data collection rules.",
                "These companies have been asked to make rectifications.")
    assert [c["respondent"] for c in got] == ["12 enterprises"]


def test_an_unexplained_plural_back_reference_is_no_case(cases) -> None:
    got = cases("Rules tightened\nThe ministry published new rules for app stores.",
                "These companies have been asked to make rectifications.")
    assert got == []


def test_the_actor_of_a_reported_clause_is_its_subject(cases) -> None:
    got = cases("Retailer penalised\nOn 3 March the Cyberspace Administration of China said "
                "that the Shanghai Municipal Public Security Bureau had investigated and "
                "imposed penalties on Northgate Retail for sending customer data abroad.")
    assert [authority_name(c) for c in got] == ["Shanghai Public Security Bureau"]


def test_a_pboc_city_branch_is_named_after_its_place(cases) -> None:
    got = cases("Payment firm warned\nPenalty information released by the People's Bank of "
                "China Qingdao City Branch shows that Hilltop Payment Co., Ltd. was warned.")
    assert authority_name(got[0]) == "Qingdao People's Bank of China"


def test_a_vague_count_beside_firms_the_story_names_is_no_case(cases) -> None:
    got = cases("Payment firms punished\nThe People's Bank of China fined Hilltop Payment Co., "
                "Ltd. 300,000 yuan.",
                "Riverbend Payment Co., Ltd. was also fined 500,000 yuan by the central bank.",
                "In addition, a number of payment institutions have been penalized for "
                "breaching merchant rules.")
    assert sorted(c["fine_cny"] for c in got) == [300000, 500000]


def test_a_count_of_a_platforms_operators_is_the_operators_named_before(cases) -> None:
    got = cases("Database fined\nThe operators of Scholar Archive Online (SAO) have been "
                "penalized for illegal handling of personal information, the Cyberspace "
                "Administration of China said.",
                "A fine of 20 million yuan has been imposed on two operators of SAO.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [
        ("two operators of SAO", 20000000)]


def test_a_groups_unit_is_not_the_group(cases) -> None:
    got = cases("Ride-hailing firm punished\nThe People's Bank of China said it had fined "
                "Quickride's payments unit 1.2 million yuan for mishandling customer data.",
                "Quickride was also ordered to be removed from app stores last year.")
    assert len(got) == 2


@pytest.mark.parametrize("joint", ["worth", "and"])
def test_a_word_joining_the_party_to_its_amount_is_no_part_of_its_name(cases,
                                                                        joint: str) -> None:
    got = cases(f"Lender fined\nThe People's Bank of China fined Lakeside Bank {joint} 1.2 "
                "million yuan for mishandling customer data.")
    assert got[0]["respondent"] == "Lakeside Bank"


def test_a_party_after_penalties_handed_out_is_the_one_fined(cases) -> None:
    got = cases("Platforms punished\nThe Cyberspace Administration of China said that warnings "
                "and suspensions were also handed out and Lakeside Mall was fined.")
    assert [c["respondent"] for c in got] == ["Lakeside Mall"]


def test_a_part_counted_out_of_a_whole_is_no_party(cases) -> None:
    got = cases("Sites punished\nAmong the 4,120 websites checked by the Cyberspace "
                "Administration of China, 230 were fined and 95 were suspended.")
    assert not [c for c in got if "websites" in c["respondent"]]


def test_apps_required_to_correct_are_a_rectification_case(cases) -> None:
    got = cases("Apps told to fix\nThe second batch contained 18 apps including Lakeside Maps, "
                "which were required to correct their problems before June 30, the Ministry of "
                "Industry and Information Technology said.")
    assert [(c["respondent"], c["actions"]) for c in got] == [("18 apps", ["rectification"])]


def test_a_duty_to_correct_is_no_case(cases) -> None:
    got = cases("Filing rules\nApplicants are required to correct their forms within five days, "
                "the Cyberspace Administration of China said.")
    assert got == []


def test_a_reference_before_any_party_is_named_is_the_party_named_next(cases) -> None:
    got = cases("The lending platform is punished for sharing borrowers' data.",
                "On 3 May the People's Bank of China fined Lakeside Lending Co., Ltd. 500,000 "
                "yuan for sharing customer data.")
    assert [(c["respondent"].rstrip("."), c["fine_cny"]) for c in got] == [
        ("Lakeside Lending Co., Ltd", 500000)]


def test_a_second_passive_joined_by_and_keeps_the_reported_subject(cases) -> None:
    got = cases("Apps taken down\nThe Cyberspace Administration of China said on Tuesday that "
                "after an investigation, six apps were found to collect personal information "
                "without consent and were ordered to be taken down.")
    assert [(c["respondent"], c["app_count"]) for c in got] == [("six apps", 6)]
