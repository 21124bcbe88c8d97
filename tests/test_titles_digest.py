"""Instrument titles as digests and news write them: headlines that name the actor and the act,
standards with subtitles, laws with the state's name, short names given in brackets. Every
sentence here is written for the test; the titles are real."""

from __future__ import annotations

import pytest

from kg.extract.titles import find_titles
from kg.ingest import Item
from kg.lexicon import load_lexicon


@pytest.fixture(scope="module")
def grammar():
    return load_lexicon().grammar


def titles(text: str, grammar) -> list[str]:  # noqa: ANN001 - a TitleGrammar
    return [t.title for t in find_titles(text, grammar)]


def test_headline_actor_and_verb_are_not_the_title(grammar) -> None:
    assert titles("CAC Issues Measures for Security Assessment of Data Exports", grammar) == [
        "Measures for Security Assessment of Data Exports"]


def test_several_actors_and_an_adverb_before_the_verb(grammar) -> None:
    found = titles("SPC, SPP and MPS Jointly Publish Opinions on Handling Telecom Fraud Cases",
                   grammar)
    assert found == ["Opinions on Handling Telecom Fraud Cases"]


def test_a_consultation_is_not_part_of_the_title(grammar) -> None:
    found = titles("MIIT Publicly Solicits Opinions on the Measures for Industrial Data Security",
                   grammar)
    assert found == ["Measures for Industrial Data Security"]


def test_a_title_with_issues_in_it_is_kept_whole(grammar) -> None:
    found = titles("the Interpretation on Several Issues Concerning Personal Information Cases",
                   grammar)
    assert found == ["Interpretation on Several Issues Concerning Personal Information Cases"]


def test_standard_with_a_lower_case_subtitle(grammar) -> None:
    found = titles("TC260 released Data Security Technology – Rules for data classification "
                   "(Draft for Comments), which sets out levels.", grammar)
    assert found == ["Data Security Technology – Rules for data classification"]


def test_a_dateline_dash_opens_no_subtitle(grammar) -> None:
    text = ("Beijing, Oct 1 - Premier Wang Ming of the State Council signed an order on Friday "
            "to publish the Regulations on the Administration of Network Data Security.")
    assert titles(text, grammar) == ["Regulations on the Administration of Network Data Security"]


@pytest.mark.parametrize("version", ["(2013 Revision)", "(2018 Amendment)"])
def test_a_laws_version_is_not_part_of_its_title(grammar, version: str) -> None:
    text = f"Shops must follow the Consumer Rights and Interests Protection Law {version} too."
    assert titles(text, grammar) == ["Consumer Rights and Interests Protection Law"]
    assert titles("The Criminal Law (1997) punishes the sale of personal data.", grammar) == [
        "Criminal Law"]


def test_a_title_cut_short_by_a_teaser_is_dropped(grammar) -> None:
    assert titles("The CAC released the Administrative Measures for Personal...more",
                  grammar) == []


def test_practice_guide_with_a_colon_subtitle(grammar) -> None:
    found = titles("It consults on the Cybersecurity Standards Practice Guide—Personal "
                   "Information Protection: Sensitive Personal Information Identification Guide.",
                   grammar)
    assert found == ["Cybersecurity Standards Practice Guide—Personal Information Protection: "
                     "Sensitive Personal Information Identification Guide"]


def test_the_states_name_is_not_part_of_a_law_title(grammar) -> None:
    found = titles("The NPC published the “People’s Republic of China Data Security Law” (中华人民"
                   "共和国数据安全法) for comment.", grammar)
    assert found == ["Data Security Law"]


def test_a_short_name_in_brackets_is_no_second_title(grammar) -> None:
    found = titles("Shenzhen adopted the Data Regulation of the Shenzhen Special Economic Zone "
                   "(Shenzhen Data Regulation) in June 2021.", grammar)
    assert found == ["Data Regulation of the Shenzhen Special Economic Zone"]


def test_quoted_titles_joined_by_and_are_two(grammar) -> None:
    found = titles('It breached the "Cybersecurity Law" and "Data Security Law" of the PRC.',
                   grammar)
    assert found == ["Cybersecurity Law", "Data Security Law"]


def test_a_count_of_measures_is_no_title(grammar) -> None:
    assert titles("MIIT Issues 26 Measures, Focusing on App Compliance", grammar) == []


def test_two_titles_joined_by_and_to_the(grammar) -> None:
    found = titles("The notice refers to the Advertising Law and to the Cybersecurity Review "
                   "Measures.", grammar)
    assert found == ["Advertising Law", "Cybersecurity Review Measures"]


def test_an_amendment_is_a_title_of_its_own(grammar) -> None:
    assert titles("He was sentenced under the 7th Amendment to the PRC Criminal Law.",
                  grammar) == ["7th Amendment to the PRC Criminal Law"]


# -- where a headline's title ends -----------------------------------------------------------
def test_a_title_ends_before_the_participle_that_reports_it(grammar) -> None:
    found = titles("Guidelines for Cross-border Data Flows in Free Trade Zones Published for "
                   "Public Comment", grammar)
    assert found == ["Guidelines for Cross-border Data Flows in Free Trade Zones"]


def test_a_title_ends_before_it_comes_into_force(grammar) -> None:
    found = titles("Measures for Security Assessment of Data Export to Take Effect on "
                   "September 1", grammar)
    assert found == ["Measures for Security Assessment of Data Export"]


def test_a_plan_and_the_regulations_it_includes_are_two_titles(grammar) -> None:
    found = titles("State Council Publishes 2022 Legislative Work Plan Including Regulations "
                   "on Network Data Security Management", grammar)
    assert found[-1] == "Regulations on Network Data Security Management"


def test_a_short_name_in_brackets_ends_the_title(grammar) -> None:
    found = titles("MIIT issued the Notice on Carrying out Network Security Checks for 2018 "
                   "(“Notice”) on 13 August 2018.", grammar)
    assert found == ["Notice on Carrying out Network Security Checks for 2018"]


def test_a_defined_acronym_between_two_titles_parts_them(grammar) -> None:
    found = titles('It rests on the Cybersecurity Law ("CSL") and Certification and '
                   "Accreditation Regulations.", grammar)
    assert found == ["Cybersecurity Law", "Certification and Accreditation Regulations"]


@pytest.mark.parametrize("lead", ["Finalized", "According to", "Revised"])
def test_a_word_before_the_title_is_not_part_of_it(grammar, lead: str) -> None:
    assert titles(f"{lead} Cybersecurity Review Measures apply to operators.", grammar) == [
        "Cybersecurity Review Measures"]


def test_a_year_before_a_law_is_not_part_of_its_title(grammar) -> None:
    assert titles("Since the 2017 Cybersecurity Law took effect, operators file reports.",
                  grammar) == ["Cybersecurity Law"]


def test_a_year_opening_a_plan_stays_in_its_title(grammar) -> None:
    assert titles("They read the 2024 Work Plan for Data Standards.", grammar) == [
        "2024 Work Plan for Data Standards"]


@pytest.mark.parametrize("after", ["to Take Effect on September 1", "took effect on 1 September",
                                   "will come into force on 1 September"])
def test_a_title_that_takes_effect_is_final(builder, after: str) -> None:
    text = f"The Measures for Security Assessment of Data Export {after}."
    item = Item(1, text, "", None, "legislative", (0, len(text)), (0, len(text)),
                (len(text), len(text)))
    ext = next(builder.extractor.extract_items([item]))
    assert [(i.title, i.status) for i in ext.instruments] == [
        ("Measures for Security Assessment of Data Export", "issued")]


def test_a_definition_after_a_title_is_not_part_of_it(grammar) -> None:
    assert titles("On 11 September 2025 the CAC released the National Cybersecurity Incident "
                  "Reporting Management Measures (hereinafter the “Measures”).", grammar) == [
        "National Cybersecurity Incident Reporting Management Measures"]
    assert titles("TC260 released Data Security Technology – Requirements for Data Security "
                  "Protection (hereafter referred to as the Draft) for comment.", grammar) == [
        "Data Security Technology – Requirements for Data Security Protection"]


def test_a_headlines_short_title_echoes_the_full_one_in_its_body(builder) -> None:
    head = "CAC Issues Incident Reporting Measures"
    body = ("On 11 September 2025 the CAC released the National Cybersecurity Incident Reporting "
            "Management Measures.")
    item = Item(1, head, body, "2025-09-11", "legislative", (0, len(head) + 1 + len(body)),
                (0, len(head)), (len(head) + 1, len(head) + 1 + len(body)))
    ext = next(builder.extractor.extract_items([item]))
    assert [i.title for i in ext.instruments] == [
        "National Cybersecurity Incident Reporting Management Measures"]


def test_two_measures_one_a_subsequence_of_the_other_stay_two(builder) -> None:
    body = ("On 12 June 2022 the NEA released the Administrative Measures for Cybersecurity in the "
            "Power Industry and the Administrative Measures for Multi-Level Cybersecurity "
            "Protection in the Power Industry.")
    item = Item(1, "News", body, None, "legislative", (0, 5 + len(body)), (0, 4),
                (5, 5 + len(body)))
    ext = next(builder.extractor.extract_items([item]))
    assert len(ext.instruments) == 2


@pytest.mark.parametrize("when", ["on 1 May 2024", "on May 1, 2024", "on 1 May", "in May 2024"])
def test_the_date_after_a_title_is_not_part_of_it(grammar, when: str) -> None:
    assert titles(f"The CAC issued the Measures for Data Export {when}.", grammar) == [
        "Measures for Data Export"]


def test_a_participle_after_a_preposition_stays_in_the_title(grammar) -> None:
    found = titles("SAMR revised the Rules on Registration of Ingredients of Formulated Milk "
                   "Powder Products for Infants and Babies.", grammar)
    assert found == ["Rules on Registration of Ingredients of Formulated Milk Powder Products "
                     "for Infants and Babies"]


def test_through_carries_a_title_on(grammar) -> None:
    found = titles("The CAC issued the Administrative Provisions on the Information Services "
                   "Provided through Official Accounts to Internet Users.", grammar)
    assert found == ["Administrative Provisions on the Information Services Provided through "
                     "Official Accounts to Internet Users"]


def test_a_verb_after_a_headlines_title_still_ends_it(grammar) -> None:
    assert titles("Measures for Data Export Released", grammar) == ["Measures for Data Export"]


@pytest.mark.parametrize(("text", "title"), [
    # after a colon, the subtitle is part of the title
    ("TC260 published the Cybersecurity Standards Practice Guide: Personal Information Security "
     "Protection Requirements for Facial Recognition Payment Scenarios.",
     "Cybersecurity Standards Practice Guide: Personal Information Security Protection "
     "Requirements for Facial Recognition Payment Scenarios"),
    # a subtitle in title case ends at a lower-case word
    ("On May 29, TC260 released Cybersecurity Standards Practice Guide - Implementation "
     "Guidelines for Data Risk Assessment for guiding the work of assessors.",
     "Cybersecurity Standards Practice Guide - Implementation Guidelines for Data Risk "
     "Assessment"),
])
def test_a_standards_series_and_its_subtitle_are_one_title(grammar, text: str,
                                                           title: str) -> None:
    assert titles(text, grammar) == [title]


def test_two_titles_either_side_of_a_colon_stay_two(grammar) -> None:
    assert titles("The Measures for Data Export: Guidelines on Filing were released.",
                  grammar) == ["Measures for Data Export", "Guidelines on Filing"]


@pytest.mark.parametrize("text", [
    "China issued the Global Data Security Initiative in 2020.",
    "China issued the Global Data Security Initiative on Monday.",
    "China issued the Global Data Security Initiative at the Belt and Road Forum in Beijing.",
])
def test_a_year_a_weekday_or_an_event_after_a_title_is_no_part_of_it(grammar, text) -> None:
    assert titles(text, grammar) == ["Global Data Security Initiative"]


@pytest.mark.parametrize("text", [
    "Certification Rules for Cross-Border Data Processing Activities Are Finalized",
    "Certification Rules for Cross-Border Data Processing Activities Have Been Released",
])
def test_an_auxiliary_before_a_headlines_verb_is_no_part_of_the_title(grammar, text) -> None:
    assert titles(text, grammar) == ["Certification Rules for Cross-Border Data Processing "
                                     "Activities"]


def test_a_title_cut_short_by_a_teasers_ellipsis_is_no_title(grammar) -> None:
    assert titles("On 22 November, the CAC and the MPS jointly released the Provisions on the "
                  "Protection of...more", grammar) == []


def test_an_update_or_a_roundup_is_no_instrument(grammar) -> None:
    assert titles("Recent Updates to Chinese Cybersecurity and Data Protection Measures",
                  grammar) == []


def _item_titles(builder, headline: str, body: str) -> list[str]:  # noqa: ANN001
    h, n = len(headline), len(headline) + 1 + len(body)
    item = Item(None, headline, body, None, "legislative", (0, n), (0, h), (h + 1, n))
    return [i.title for i in next(builder.extractor.extract_items([item])).instruments]


@pytest.mark.parametrize("headline", [
    "Energy Regulator Releases Trial Measures on Data Security",  # fewer words
    "Energy Regulator Releases Trial Measures on Data Security Management in the Energy Sector",
])  # the same words in another order
def test_a_headlines_own_wording_gives_way_to_the_title_in_the_body(builder,
                                                                    headline: str) -> None:
    body = ("On 8 December 2025, the National Energy Administration issued the Measures on Data "
            "Security Management in the Energy Sector (Trial).")
    assert _item_titles(builder, headline, body) == [
        "Measures on Data Security Management in the Energy Sector (Trial)"]


@pytest.mark.parametrize(("text", "title"), [
    ("The SAC released GB 46864-2025 Data security technology – Technical requirements for "
     "information sanitization of electronic products. It takes effect in 2027.",
     "Data security technology – Technical requirements for information sanitization of "
     "electronic products"),
    ("TC260 released Information security technology — Personal information security "
     "specification in 2020.",
     "Information security technology — Personal information security specification"),
    ("TC260 released GB/T 45574-2025 Data Security Technology – Rules for data classification.",
     "Data Security Technology – Rules for data classification"),
    ("TC260 issued TC260-PG-20222A “Security Certification Specification for Personal "
     "Information Cross-border Processing Activities” in 2022.",
     "Security Certification Specification for Personal Information Cross-border Processing "
     "Activities"),  # a committee's document number before the title
])
def test_a_standard_in_sentence_case_after_its_number(grammar, text: str, title: str) -> None:
    assert titles(text, grammar) == [title]


def test_a_headline_verb_of_two_words_is_not_the_title(grammar) -> None:
    assert titles("Regulator Rolls Out Measures for Data Labelling", grammar) == [
        "Measures for Data Labelling"]


def test_a_part_of_a_newsletter_is_no_title(grammar) -> None:
    assert titles("PART I – REGULATIONS, POLICIES & JUDICIARY INTERPRETATIONS", grammar) == []
