"""Cases in news reports as wire services and business sites write them: a penalty told in the
passive progressive, a participle that leads into the clause, a relative clause inside the
subject, a pronoun object, courts told apart by number. Sentences written for these tests
(public facts: bodies, parties and amounts; the wording is ours). One fact per test."""

from __future__ import annotations

import pytest
from casejson import authority_name

from kg.link import document_json, link_document
from tests.conftest import news_document


@pytest.fixture(scope="module")
def authorities(builder):
    def go(text: str) -> list[str]:
        doc = news_document([f"Court news\n{text}"])
        items = document_json(doc, link_document(doc, builder.extractor, builder.linker))["items"]
        return [a for it in items for a in it["authorities"]]
    return go


# -- the actor ---------------------------------------------------------------------------------
def test_a_pboc_branch_in_lower_case_is_named_after_its_place(cases) -> None:
    got = cases("Rural lender fined\nIn July 2025 the People's Bank of China's Yulin branch fined "
                "Bobai County Rural Credit Cooperative 3.1278 million yuan.")
    assert authority_name(got[0]) == "Yulin People's Bank of China"


def test_a_pboc_branch_however_written_is_one_body_with_both_names(cases) -> None:
    got = cases("Banks fined\nIn June 2022 the Changsha Branch of the People's Bank of China fined "
                "the Hunan branch of ICBC 918,000 yuan.",
                "The People's Bank of China Changsha Branch also fined Lotus Bank 200,000 yuan.",
                "The PBOC's Changsha sub-branch fined Orchard Bank 50,000 yuan.")
    assert {c["authority"]["iri"] for c in got} == {
        "https://w3id.org/cnkg/id/authority/changsha-pboc-branch"}
    assert got[0]["authority"]["name"] == "Changsha People's Bank of China"
    assert got[0]["authority"]["altLabels"] == ["People's Bank of China Changsha Branch"]


@pytest.mark.parametrize("written", ["Shanghai No. 1 Intermediate People's Court",
                                     "Shanghai First Intermediate People's Court",
                                     "Shanghai No.1 Intermediate People's Court"])
def test_a_numbered_intermediate_court_keeps_its_number(authorities, written: str) -> None:
    assert authorities(f"The trial at the {written} took one day.") == [
        "Shanghai First Intermediate People's Court"]


def test_numbered_courts_of_one_city_are_two_courts(authorities) -> None:
    got = authorities("The Beijing No. 2 Intermediate People's Court upheld a ruling of the "
                      "Beijing No. 3 Intermediate People's Court.")
    assert len(set(got)) == 2


# -- the party ---------------------------------------------------------------------------------
def test_the_subject_of_a_passive_progressive_is_the_party(cases) -> None:
    got = cases("Ride-hailing firm fined\nDidi is being ordered by the Cyberspace "
                "Administration of China to pay 8.026 billion yuan for data violations.")
    assert got[0]["respondent"] == "Didi"


def test_a_relative_clause_in_the_subject_is_not_the_party(cases) -> None:
    got = cases("Apps removed\nThe Ministry of Industry and Information Technology said that the "
                "96 apps that had not fixed their problems in time were removed from app stores.")
    assert got[0]["app_count"] == 96


def test_a_time_after_the_subject_is_not_part_of_the_party(cases) -> None:
    got = cases("Staff sentenced\nFive employees of Kuailu Online, a Beijing legal services firm, "
                "on Tuesday were sentenced for selling personal information.")
    assert got[0]["respondent"].endswith("Kuailu Online, a Beijing legal services firm")


def test_a_pronoun_object_is_the_party_before_it(cases) -> None:
    got = cases("Credit firm fined\nThe People's Bank of China took 19.2 million yuan of illegal "
                "gains from Pengyuan Credit Service Co., Ltd. and fined it a further 620,000 "
                "yuan for running credit checks without a licence.")
    assert all("further" not in (c["respondent"] or "") for c in got)


# -- the fine ----------------------------------------------------------------------------------
def test_an_amount_ordered_to_be_paid_is_the_fine(cases) -> None:
    got = cases("Ride-hailing firm fined\nDidi is being ordered by the Cyberspace "
                "Administration of China to pay $1.19 billion or 8.026 billion yuan for data "
                "violations.")
    assert got[0]["fine_cny"] == 8_026_000_000


def test_a_penalty_in_a_leading_participle_is_the_fine(cases) -> None:
    got = cases("Weibo summoned\nThe Cyberspace Administration of China summoned Sina Weibo in "
                "December 2021. Facing a penalty of 3 million yuan ($471,300), Sina Weibo was "
                "ordered to fix the problems it had been told of.")
    assert [c["fine_cny"] for c in got] == [3_000_000]


def test_a_fine_after_a_pronoun_is_the_fine(cases) -> None:
    got = cases("Credit firm fined\nThe People's Bank of China took 19.2 million yuan of illegal "
                "gains from Pengyuan Credit Service Co., Ltd. and fined it a further 620,000 "
                "yuan for running credit checks without a licence.")
    assert [c["fine_cny"] for c in got] == [620_000]


def test_a_fine_is_an_action_whatever_words_impose_it(cases) -> None:
    got = cases("Rural lender fined\nIn July 2025 the People's Bank of China's Yulin branch "
                "imposed a 3.1278 million yuan ($430,000) penalty against Bobai County Rural "
                "Credit Cooperative.")
    assert "fine" in got[0]["actions"]


def test_a_number_cut_short_is_no_fine(cases) -> None:
    got = cases("Bank fined again\nIn July 2019 CITIC Bank was fined RMB 22,23")
    assert [c["fine_cny"] for c in got] == [None]


def test_a_back_reference_with_a_description_joins_the_party_before_it(cases) -> None:
    got = cases("Developers fined\nIn 2021 the Ningbo Administration for Market Regulation fined "
                "three property firms for collecting visitors' faces. The companies, local arms "
                "of national developers, were each fined 250,000 yuan.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("three property firms", 250_000)]


def test_a_back_reference_followed_by_a_name_is_that_name(cases) -> None:
    got = cases("Payment firm warned\nThe company, Shandong Yitong Payment Network Technology "
                "Co., Ltd., was warned by the People's Bank of China in February 2025.")
    assert got[0]["respondent"].startswith("Shandong Yitong Payment")


def test_a_counted_plural_of_developers_is_one_counted_party(cases) -> None:
    got = cases("Developers fined\nNingbo's market regulator fined three property developers in "
                "April 2021.")
    assert got[0]["respondent"] == "three property developers"


def test_a_fine_imposed_in_the_passive_is_a_case(cases) -> None:
    got = cases("Database fined\nA fine of 50 million yuan has been imposed on the three operators "
                "of CNKI, the Cyberspace Administration of China said in September 2023.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [
        ("three operators of CNKI", 50_000_000)]


def test_a_penalty_told_of_before_in_the_passive_is_no_new_case(cases) -> None:
    got = cases("Comment\nThe fact that the penalty was imposed on a foreign company appears to "
                "say much.")
    assert got == []


def test_an_earlier_fine_incurred_is_a_case_of_that_party(cases) -> None:
    got = cases("Payment firm fined\nTenpay has also previously incurred a 600,000 yuan fine "
                "from the State Administration of Foreign Exchange.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("Tenpay", 600_000)]


def test_a_headline_case_gives_way_to_the_party_the_report_names(cases) -> None:
    got = cases("Academic Database Fined for Privacy Violations",
                "In September 2023 the Cyberspace Administration of China fined the operators of "
                "CNKI 50 million yuan.")
    assert [c["respondent"] for c in got] == ["operators of CNKI"]


def test_the_central_bank_is_the_pboc(cases) -> None:
    got = cases("Bank fined\nOn 14 February 2022 the Shenyang branch of the central bank fined "
                "a local bank branch 2.4 million yuan.")
    assert authority_name(got[0]) == "Shenyang People's Bank of China"


def test_another_countrys_central_bank_is_not_the_pboc(authorities) -> None:
    assert authorities("The officials met the central bank of Russia in Moscow.") == []


def test_what_a_notice_tells_is_no_party(cases) -> None:
    got = cases("Apps named\nIn June 2021 the Cyberspace Administration of China looked at "
                "fitness apps. The relevant situation is now notified as follows.")
    assert got == []


@pytest.mark.parametrize(("text", "party"), [
    ("Bank warned\nIn February 2022 the Shenyang branch of the People's Bank of China gave a "
     "warning to China CITIC Bank's Shenyang branch.", "China CITIC Bank's Shenyang branch"),
    ("Warning\nThe Shanghai Cyberspace Administration issued a warning to Lotus Technology Co., "
     "Ltd. for failing to protect user data.", "Lotus Technology Co., Ltd"),
])
def test_a_warning_given_or_issued_to_a_party_is_a_case(cases, text: str, party: str) -> None:
    assert [(c["respondent"], c["actions"]) for c in cases(text)] == [(party, ["warning"])]


def test_the_exact_fine_given_with_a_warning_wins_over_a_bound(cases) -> None:
    got = cases("Bank fined\nIn February 2022 China CITIC Bank's Shenyang branch was fined more "
                "than 2.4 million yuan. The Shenyang branch of the People's Bank of China gave a "
                "warning to China CITIC Bank's Shenyang branch and fined 2.406 million yuan.")
    assert [c["fine_cny"] for c in got] == [2_406_000]


# -- prison, batches and their members ---------------------------------------------------------
def test_a_person_jailed_by_a_court_is_a_criminal_case(cases) -> None:
    got = cases("Data seller jailed\nA former sales agent has been jailed for three years for "
                "selling customer records, the Haidian District People's Court said. He was "
                "also fined 20,000 yuan.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("A former sales agent", 20000)]
    assert "criminal_sentence" in got[0]["actions"]


def test_a_described_internet_watchdog_is_the_cac(cases) -> None:
    got = cases("Reviews launched\nChina's powerful internet watchdog launched a cybersecurity "
                "review of Full Truck Alliance on Monday.")
    assert authority_name(got[0]) == "Cyberspace Administration of China"


def test_app_stores_told_to_remove_apps_are_not_the_party(cases) -> None:
    got = cases("Apps removed\nOn Thursday the MIIT ordered several app stores to remove 90 "
                "apps that collected personal data without consent.")
    assert [(c["respondent"], c["actions"]) for c in got] == [("90 apps", ["app_removal"])]


def test_apps_named_after_their_batch_are_its_members(cases) -> None:
    got = cases("Apps removed\nThe MIIT on Thursday removed 90 apps from app stores.",
                "Among them, apps of the job site Maimai and the travel agency Tuniu were "
                "removed from the stores.")
    assert [c["respondent"] for c in got] == ["90 apps"]


def test_a_named_party_fined_after_a_batch_is_a_case_of_its_own(cases) -> None:
    got = cases("Apps removed\nThe MIIT on Thursday removed 90 apps from app stores.",
                "Separately, Maimai Technology Co., Ltd. was fined 50,000 yuan.")
    assert len(got) == 2


def test_a_sentenced_count_stays_when_the_one_named_was_only_arrested(cases) -> None:
    got = cases("Couriers sentenced\nSome 19 people, including 11 courier staff, have been "
                "sentenced for selling customer data.",
                "Du, a courier in Hebei, was arrested at the end of 2016.")
    assert "Some 19 people" in [c["respondent"] for c in got]


def test_a_sentenced_count_named_one_by_one_is_no_case_of_its_own(cases) -> None:
    got = cases("Couriers sentenced\nThe court sentenced two people for selling customer data.",
                "Zhang was sentenced to three years in prison and Li was sentenced to two years.")
    assert "two people" not in [c["respondent"] for c in got]


def test_a_party_asked_to_rectify_is_a_case(cases) -> None:
    got = cases("Operator told to rectify\nThe Shanghai Cyberspace Administration found that "
                "Company A collected data beyond need. The company was asked to rectify within "
                "15 days.")
    assert got and "rectification" in got[0]["actions"]


# -- payments, appositions, representatives, compensation, courts --------------------------------
def test_a_party_that_paid_a_penalty_is_a_case(cases) -> None:
    got = cases("Payment firm penalised\nIn July 2017 the PBOC found breaches at DDBill Payment. "
                "DDBill Payment paid CNY15.3 million in penalties for handling payments on "
                "falsified data.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("DDBill Payment", 15300000)]


def test_an_apposition_between_the_fine_and_its_party(cases) -> None:
    got = cases("Broker fined\nThe PBOC issued a CNY1 million fine, the largest penalty given to a "
                "brokerage this year, to China Galaxy Securities on 27 July 2017.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [
        ("China Galaxy Securities", 1000000)]


def test_the_company_whose_representatives_were_summoned_is_the_party(cases) -> None:
    got = cases("Platform summoned\nIn July 2018 the MIIT summoned individuals responsible for "
                "the shopping platform yMatou.com.")
    assert got[0]["respondent"].endswith("yMatou.com")
    assert "summons" in got[0]["actions"]


def test_apps_taken_offline_are_a_batch_removed(cases) -> None:
    got = cases("Apps offline\nIn December 2019 the Ministry of Public Security took offline 100 "
                "apps that collected personal data illegally.")
    assert [(c["respondent"], c["actions"]) for c in got] == [("100 apps", ["app_removal"])]


def test_a_warning_of_risks_is_no_case(cases) -> None:
    assert cases("Risks flagged\nThe Ministry of State Security warned of possible data leaks "
                 "in the healthcare sector in 2023.") == []


def test_compensation_ordered_is_not_a_fine(cases) -> None:
    got = cases("Defendants sentenced\nIn March 2021 Xiao and Deng were sentenced to four years in "
                "prison for selling personal data. The court later ordered the company to pay "
                "300,000 yuan in compensation.")
    assert all(c["fine_cny"] != 300000 for c in got)


def test_a_sentence_is_the_courts_not_the_procuratorates(cases) -> None:
    got = cases("Sellers sentenced\nIn March 2021 Zhang was prosecuted by the Gongshu District "
                "Procuratorate and was sentenced to four years in prison by the Gongshu District "
                "People's Court.")
    assert [authority_name(c) for c in got] == ["People's Court of Gongshu District"]


def test_a_sentence_with_no_court_named_has_no_actor(cases) -> None:
    got = cases("Sellers sentenced\nIn March 2021 Zhang, prosecuted by the Gongshu District "
                "Procuratorate, was sentenced to four years in prison.")
    assert [authority_name(c) for c in got] == [None]


def test_hit_with_fines_penalises_its_object(cases) -> None:
    got = cases("Developers fined\nThe Wuhan Administration for Market Regulation has hit two "
                "estate agents with 80,000 yuan fines for filming visitors' faces without consent.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("two estate agents", 80000)]


def test_hit_without_a_fine_is_no_case(cases) -> None:
    assert cases("Sales\nThe Wuhan Administration for Market Regulation said sales hit a record "
                 "high with 80,000 yuan of fines collected in the year.") == []


def test_the_second_fine_served_to_a_party_is_its_case(cases) -> None:
    got = cases("Banks fined\nThe Wuhan Administration for Market Regulation fined Huamei Bank "
                "300,000 yuan. The second fine was served to Dongfang Bank for a similar lapse.")
    assert {c["respondent"] for c in got} == {"Huamei Bank", "Dongfang Bank"}


def test_a_warning_to_consumers_is_no_case(cases) -> None:
    assert cases("Loan apps\nThe Ministry of Industry and Information Technology issued a "
                 "warning to consumers about fake loan apps.") == []


@pytest.mark.parametrize(("text", "case"), [
    # warnings issued to a counted group are one case
    ("Wi-Fi sweep\nPolice in Suzhou issued warnings to 12 internet cafes that offered Wi-Fi "
     "without real-name registration.", ("Suzhou Public Security Bureau", "12 internet cafes")),
    # police who arrest suspects act, and the suspects are the party
    ("Data thieves held\nPolice in Changchun arrested 27 suspects and seized more than 1,000 "
     "fake business licences.", ("Changchun Public Security Bureau", "27 suspects")),
])
def test_local_police_act_on_a_counted_group(cases, text: str, case: tuple[str, str]) -> None:
    assert [(authority_name(c), c["respondent"]) for c in cases(text)] == [case]


def test_a_count_after_a_headline_verb_is_its_object_not_an_amount(cases) -> None:
    # "X fined 50,000 yuan" is a headline's passive; "X arrested 30 suspects" is active
    got = cases("Police in Zhangye arrested 30 suspects who stole customer data.")
    assert [c["respondent"] for c in got] == ["30 suspects"]


def test_a_cbirc_office_is_named_after_its_place(authorities) -> None:
    assert "Shenzhen China Banking and Insurance Regulatory Commission" in authorities(
        "Banks fined\nThe Shenzhen Supervision Bureau of China Banking and Insurance Regulatory "
        "Commission fined Huamei Bank 300,000 yuan.")


def test_the_outlet_named_again_is_the_party_named_before(cases) -> None:
    got = cases("Retailer fined\nA Zhongshan outlet of a phone retailer has been fined for selling "
                "member data, the Shanghai Administration for Market Regulation said on Friday.",
                "The outlet was fined 80,000 yuan under the consumer rights protection law.")
    assert [(c["respondent"], c["fine"]["value"]) for c in got] == [
        ("A Zhongshan outlet of a phone retailer", 80000.0)]


def test_a_finding_is_not_a_party_the_text_introduces(cases) -> None:
    got = cases("Data misuse exposed\nAn investigation found that the company used a shopper's ID "
                "number for other orders.",
                "An administrative penalty was imposed on the company by the Jinshan District "
                "Administration for Market Regulation.")
    assert not any(c["respondent"].startswith("An investigation") for c in got)


def test_a_source_marker_ends_a_sentence_that_has_no_full_stop(cases) -> None:
    got = cases("Core Viewpoint - The People's Bank of China has imposed penalties on Lotus Bank "
                "for account breaches, with a total fine of 2.1 million yuan [1] Summary of "
                "Violations - Lotus Bank was penalized for failing to verify customers [1]")
    assert [(authority_name(c), c["respondent"]) for c in got] == [
        ("People's Bank of China", "Lotus Bank")]


@pytest.mark.parametrize(("sentence", "authority", "respondent"), [
    ("Beijing's local cyberspace regulator fined Orchard Video 1 million yuan.",
     "Beijing Cyberspace Administration", "Orchard Video"),
    ("The Beijing Cyberspace Administration imposed penalties on Orchard Video totalling 14.3 "
     "million yuan.", "Beijing Cyberspace Administration", "Orchard Video"),
])
def test_a_local_regulator_and_a_total_after_the_party(cases, sentence: str, authority: str,
                                                       respondent: str) -> None:
    got = cases(f"Platform fined\n{sentence}")
    assert [(authority_name(c), c["respondent"]) for c in got] == [(authority, respondent)]


@pytest.mark.parametrize(("sentence", "authority"), [
    ("A hotel in Wuxi was fined 50,000 yuan by the local cyberspace regulator.",
     "Wuxi Cyberspace Administration"),
    ("In Jiangsu Province, a car rental shop in Wuxi was fined 50,000 yuan by the local market "
     "watchdog.", "Wuxi Administration for Market Regulation"),  # the city, not its province
    ("A carmaker was fined 100,000 yuan by China's local market watchdog, as Beijing tightens "
     "its rules.", "market watchdog"),  # no place before it; Beijing is the government
])
def test_the_local_regulator_is_the_one_of_the_place_the_sentence_names(
        cases, sentence: str, authority: str) -> None:
    assert [authority_name(c) for c in cases(f"Firms fined\n{sentence}")] == [authority]


def test_two_places_leave_the_local_regulator_unplaced(cases) -> None:
    got = cases("Firms fined\nA hotel in Wuxi and a shop in Suzhou were fined by the local "
                "market watchdog.")
    assert "Wuxi" not in authority_name(got[0]) and "Suzhou" not in authority_name(got[0])


def test_a_known_acronym_after_a_garbled_full_name_keeps_its_body(authorities) -> None:
    found = authorities("On August 6, the National Technical Committee 260 on Cyber-security "
                        "Standardization Administration of China (TC260) released a draft.")
    assert found == ["National Information Security Standardisation Technical Committee"]
