"""Extraction and linking on small texts written for these tests (not from the seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from casejson import authority_name
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.money import find_money, money_regex
from kg.extract.titles import find_titles
from kg.ingest import Item, read_bytes
from kg.link import document_json, link_document


def _item(headline: str, body: str = "", section: str = "legislative") -> Item:
    h = len(headline)
    return Item(1, headline, body, None, section, (0, h + 1 + len(body)), (0, h),
                (h + 1, h + 1 + len(body)))


@pytest.fixture(scope="module")
def run(builder):
    def go(headline: str, body: str = "", section: str = "legislative") -> dict:
        ext = next(builder.extractor.extract_items([_item(headline, body, section)]))
        return builder.linker.link(ext).to_json()
    return go


# -- tokenizer --------------------------------------------------------------------------
def test_tokenizer_splits_as_spacy_does(builder) -> None:
    """Its one-token exceptions moved to a token_match (for the cache); the tokens must not move."""
    import spacy

    from kg.ingest import read_paths

    ours = builder.extractor.nlp.tokenizer
    stock = spacy.blank("en").tokenizer
    stock.infix_finditer = ours.infix_finditer
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts = [item.text for doc in read_paths([seeds]) for item in doc.items]
    texts += ["Fined Foo Co., Ltd. (the \"Company\") e.g. on Jan. 5, at 10a.m.\n\nNo appeal.",
              "Measures (Draft)\n  No. 12 of Art. 3, U.S. and St. Louis; Mr. Li's app didn't."]
    assert len(texts) > 100
    for text in texts:
        assert [(t.text, t.whitespace_) for t in ours(text)] == \
            [(t.text, t.whitespace_) for t in stock(text)], text[:80]
    assert ours.token_match is not None and "Co." not in ours.rules


# -- titles -----------------------------------------------------------------------------
def test_title_with_subject_is_found(builder) -> None:
    text = "The ministry issued the Measures for the Protection of Health Data in Hospitals."
    titles = [t.title for t in find_titles(text, builder.lexicon.grammar)]
    assert titles == ["Measures for the Protection of Health Data in Hospitals"]


def test_draft_marker_is_cut_and_reported(builder) -> None:
    text = "It released the Rules on Vehicle Data Export (Draft for Comments) on Monday."
    found = list(find_titles(text, builder.lexicon.grammar))
    assert [(t.title, t.draft) for t in found] == [("Rules on Vehicle Data Export", True)]


def test_title_parenthetical_suffix_is_kept(builder) -> None:
    text = "Shenzhen published the Shenzhen Public Data Opening Measures (Trial) last week."
    titles = [t.title for t in find_titles(text, builder.lexicon.grammar)]
    assert titles == ["Shenzhen Public Data Opening Measures (Trial)"]


def test_standard_prefix_title(builder) -> None:
    text = "TC260 released Information Security Technology - Guide for Face Data Processing."
    titles = [t.title for t in find_titles(text, builder.lexicon.grammar)]
    assert titles == ["Information Security Technology - Guide for Face Data Processing"]


def test_white_paper_is_not_an_instrument(builder) -> None:
    text = "The institute issued the White Paper on Data Trading Markets."
    assert list(find_titles(text, builder.lexicon.grammar)) == []


# -- money ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,value,currency", [
    ("a fine of RMB 50,000", 50000, "CNY"),
    ("fined 1.4 million CNY", 1_400_000, "CNY"),
    ("fined RMB30,000", 30000, "CNY"),
    ("USD 2 million in damages", 2_000_000, "USD"),
    ("918,000 yuan", 918000, "CNY"),
])
def test_money(builder, text: str, value: float, currency: str) -> None:
    lex = builder.lexicon
    pattern = money_regex({c: list(v) for c, v in lex.currencies.items()})
    codes = {lab.lower(): c for c, labs in lex.currencies.items() for lab in labs}
    found = list(find_money(text, pattern, codes))
    assert [(m.value, m.currency) for m in found] == [(value, currency)]


# -- authorities ------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("The Cyberspace Administration of Kunming fined a hotel.",
     "Kunming Cyberspace Administration"),
    ("Yunnan Provincial CAC released a notice.", "Yunnan Cyberspace Administration"),
    ("Police in Harbin arrested two suspects.", "Harbin Public Security Bureau"),
    ("The Harbin Branch of the People's Bank of China fined a bank.",
     "Harbin People's Bank of China"),
    ("The Hefei Municipal Bureau of Market Regulation punished a shop.",
     "Hefei Administration for Market Regulation"),
])
def test_local_authority_from_place_and_body_type(run, text: str, name: str) -> None:
    assert name in run(text)["authorities"]


def test_second_body_shares_the_place(run) -> None:
    item = run("The Harbin Municipal Big Data Bureau and the Finance Bureau jointly issued rules.")
    assert item["authorities"] == ["Harbin Big Data Development Administration",
                                   "Harbin Finance Bureau"]


def test_aliases_link_to_one_authority(run) -> None:
    result = run("NISSTC and the National Cybersecurity Standardization Technical Committee met.")
    assert result["authorities"] == ["National Information Security Standardisation Technical "
                                     "Committee"]


def test_curly_apostrophe_matches(run) -> None:
    assert "Supreme People's Court" in run("The Supreme People’s Court issued a decision.")[
        "authorities"]


def test_company_is_not_an_authority(run) -> None:
    assert run("Industrial and Commercial Bank of China opened a branch.")["authorities"] == []


# -- instruments, status, issuers -------------------------------------------------------
def test_issuer_and_final_status(run) -> None:
    item = run("MIIT issued the Measures for Telecom Data Security Management")
    inst = item["instruments"][0]
    assert (inst["status"], inst["issuers"]) == (
        "final", ["Ministry of Industry and Information Technology"])


def test_joint_issuers(run) -> None:
    item = run("On 3 May, the National Health Commission and the Ministry of Finance jointly "
               "issued the Guidelines on Hospital Data Sharing.")
    assert item["instruments"][0]["issuers"] == ["National Health Commission",
                                                 "Ministry of Finance"]


def test_draft_status_from_context(run) -> None:
    item = run("SAMR seeks public opinions on the Provisions on Online Price Labelling")
    assert item["instruments"][0]["status"] == "draft"


@pytest.mark.parametrize(("text", "status"), [
    ("Following an exposure draft dated 29 April, TC260 finalised and released the "
     "Certification Rules for Cross-Border Data Processing Activities on 24 June 2022.", "final"),
    ("On 29 April 2022, TC260 released the draft Certification Rules for Cross-Border Data "
     "Processing Activities.", "draft"),
    ("After its draft drew comments, TC260 released the Certification Rules for Cross-Border "
     "Data Processing Activities (Draft for Comment).", "draft"),
])
def test_the_status_cue_nearest_before_a_title_decides(run, text: str, status: str) -> None:
    assert run(text)["instruments"][0]["status"] == status


def test_a_standard_named_by_its_number_alone_is_an_instrument(run) -> None:
    item = run("On 1 May 2023, the Standardization Administration of China implemented "
               "GB/T 42574-2023, a national standard on notices and consent.")
    inst = item["instruments"][0]
    assert (inst["title"], inst["status"], inst["issuers"]) == (
        "GB/T 42574-2023", "final", ["Standardization Administration of China"])


def test_known_law_is_cited_by_its_short_name(run) -> None:
    item = run("A bank was fined under the PRC Personal Information Protection Law.")
    assert item["cited_laws"] == ["Personal Information Protection Law"]


def test_law_alias_links_to_the_ontology_iri(run) -> None:
    a = run("It violated the Cyber Security Law.")["instruments"][0]["iri"]
    b = run("It violated the CSL.")["instruments"][0]["iri"]
    assert a == b == "https://w3id.org/cnkg/id/instrument/cybersecurity-law"


def test_known_instrument_carries_its_canonical_name(run) -> None:
    known = run("The firm ignored the Personal Information Security Specification.")[
        "instruments"][0]
    assert known["title"] == "Personal Information Security Specification"
    assert known["name"].startswith("Information Security Technology")
    minted = run("CAC issued the Provisions on Data Labelling")["instruments"][0]
    assert minted["name"] == minted["title"] == "Provisions on Data Labelling"


def test_a_short_name_with_a_mistyped_closing_quote_is_no_title(run) -> None:
    item = run("On 3 March 2025 the CAC issued the Measures for the Administration of Data "
               "Labelling (“Labelling Measures“), effective from 1 June. The Labelling Measures "
               "apply to platforms.")
    assert [i["title"] for i in item["instruments"]] == [
        "Measures for the Administration of Data Labelling"]


def test_a_short_name_defined_in_one_item_is_no_title_in_the_next(builder) -> None:
    text = ("1. CAC issues labelling rules\n\nOn 3 March 2025 the CAC issued the Measures for the "
            "Administration of Data Labelling (the “Labelling Measures”, effective 1 June).\n\n"
            "2. Platforms prepare\n\nPlatforms say the Labelling Measures will cost them.\n")
    doc = read_bytes("labels.txt", text.encode())
    exts = builder.extractor.extract(doc)
    assert len(exts) == 2
    assert [f.title for f in exts[0].instruments] == [
        "Measures for the Administration of Data Labelling"]
    assert exts[1].instruments == []


def test_minted_instrument_iri_is_stable_across_wordings(run) -> None:
    a = run("CAC issued the Provisions on Data Labelling")["instruments"][0]["iri"]
    b = run("The CAC released the Provisions on Data Labelling (Draft for Comments)")[
        "instruments"][0]["iri"]
    assert a == b


# -- cases ------------------------------------------------------------------------------
def test_fine_on_entity_kept_apart_from_fine_on_person(run) -> None:
    item = run("A hotel in Kunming was fined RMB 80,000",
               "The Cyberspace Administration of Kunming imposed a fine of RMB 80,000 on the hotel "
               "and a fine of RMB 5,000 on the directly responsible person under the Data "
               "Security Law.", section="enforcement")
    case = item["case"]
    assert (authority_name(case), case["fine_cny"], case["personal_fine"]["value"],
            case["legal_basis"]) == ("Kunming Cyberspace Administration", 80000, 5000,
                                     ["Data Security Law"])


def test_batch_of_apps_is_the_respondent(run) -> None:
    item = run("MIIT named 31 apps that failed to rectify",
               "On 2 March, MIIT published a list of 31 apps that collected personal information "
               "illegally and ordered them to rectify.", section="enforcement")
    assert (item["case"]["respondent"], item["case"]["app_count"]) == ("31 apps", 31)


def test_running_total_is_not_a_case(run) -> None:
    item = run("Police handled 12,000 cases so far this year",
               "So far this year, police handled 12,000 administrative cases and fined "
               "3,000 companies.", section="enforcement")
    assert item["case"] is None


# -- a newsletter in another publisher's style ------------------------------------------
MONDAQ_STYLE = """China Data Law Digest - May 2023

Enforcement

1. Regulator fines a car rental company

On March 28, 2023, the State Administration for Market Regulation ("SAMR")1 announced that a
car rental company was fined RMB 200,000 for violating the Personal Information Protection Law.

Legislation

1. CAC releases draft rules on facial recognition

On April 10, 2023, the Cyberspace Administration of China ("CAC") released the Provisions on the
Security Management of Facial Recognition Technology (Draft for Comment).
"""


def test_unseen_publisher_style(builder) -> None:
    doc = read_bytes("digest.md", MONDAQ_STYLE.encode())
    result = document_json(doc, link_document(doc, builder.extractor, builder.linker))
    enforcement, legislation = result["items"]
    assert authority_name(enforcement["case"]) == "State Administration for Market Regulation"
    assert enforcement["case"]["fine_cny"] == 200000
    assert legislation["instruments"][0]["title"] == (
        "Provisions on the Security Management of Facial Recognition Technology")
    assert legislation["instruments"][0]["status"] == "draft"


# -- robustness -------------------------------------------------------------------------
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=400))
def test_any_text_gives_a_result(builder, text: str) -> None:
    ext = next(builder.extractor.extract_items([_item("Heading", text, "enforcement")]))
    out = builder.linker.link(ext).to_json()
    n = len(ext.text)
    for m in ext.authorities:
        assert 0 <= m.start <= m.end <= n
    assert isinstance(out["authorities"], list)


def test_long_item_without_sentences(builder) -> None:
    body = ("data " * 50_000) + "RMB 1 " * 1000
    ext = next(builder.extractor.extract_items([_item("Numbers", body, "enforcement")]))
    assert builder.linker.link(ext).to_json()["headline"] == "Numbers"


# -- a law-firm blog page, saved as HTML (tests/data/unseen_blog.html, written for kg) ---------
@pytest.fixture(scope="module")
def blog(builder) -> dict:
    from pathlib import Path

    from kg.ingest import read_file

    doc = read_file(Path(__file__).parent / "data" / "unseen_blog.html")
    return document_json(doc, link_document(doc, builder.extractor, builder.linker))


def test_blog_page_metadata(blog: dict) -> None:
    assert (blog["publisher"], blog["issue"], len(blog["items"])) == (
        "Example Law Partners", "2023-04", 6)


def test_blog_footnote_marker_is_not_in_the_title(blog: dict) -> None:
    assert blog["items"][0]["instruments"][0]["title"] == (
        "Measures for the Certification of Personal Information Protection")


def test_blog_bank_fine_and_executive_fine(blog: dict) -> None:
    case = blog["items"][3]["case"]
    assert (authority_name(case), case["fine_cny"], case["personal_fine"]["value"]) == (
        "Shanghai People's Bank of China", 1_200_000, 50000)


def test_blog_app_removal(blog: dict) -> None:
    assert "app_removal" in blog["items"][4]["case"]["actions"]


def test_blog_district_court(blog: dict) -> None:
    case = blog["items"][5]["case"]
    assert (authority_name(case), case["actions"], case["fine_cny"]) == (
        "People's Court of Haidian District", ["criminal_sentence"], 20000)


def test_one_case_per_penalised_party(run) -> None:
    item = run("Three banks fined over customer data",
               "On 5 January 2024, the Beijing branch of the NFRA announced penalties. Bank of "
               "China was fined 4.3 million yuan for mishandling customer data; China Construction"
               " Bank was fined 1.7 million yuan for the same; and China CITIC Bank was fined 4 "
               "million yuan for failing to protect customer information.",
               section="enforcement")
    assert [(c["respondent"], c["fine_cny"]) for c in item["cases"]] == [
        ("Bank of China", 4_300_000), ("China Construction Bank", 1_700_000),
        ("China CITIC Bank", 4_000_000)]


def test_respectively_gives_one_case_per_authority(run) -> None:
    item = run("Regulators notified 26 apps",
               "On 3 March, MIIT, MPS and CVERC respectively notified 26 apps that illegally "
               "collected personal information.", section="enforcement")
    assert [authority_name(c) for c in item["cases"]] == [
        "Ministry of Industry and Information Technology", "Ministry of Public Security",
        "National Computer Virus Emergency Response Centre"]


def test_total_of_penalties_is_not_a_case(run) -> None:
    item = run("Regulators imposed 44 penalties",
               "In 2023, regulators imposed 44 penalties totalling RMB 14.3 million on financial "
               "institutions.", section="enforcement")
    assert (item["case"], item.get("cases")) == (None, None)


def test_instrument_based_on_a_law(run) -> None:
    item = run("MIIT issued rules on telecom data",
               "Based on the Data Security Law, MIIT issued the Measures for Telecom Data "
               "Classification.")
    inst = [i for i in item["instruments"] if i["title"].startswith("Measures")][0]
    assert inst["based_on"] == ["Data Security Law"]


@pytest.mark.parametrize("text", [
    "",
    "One sentence only",
    "The CAC fined it. The MIIT warned it! Did MPS act? Yes.",
    "Headline without a stop\nBody one. Body two.\n\nAfter a blank line.",
    "Shanghai Data Co., Ltd. was fined 50,000 yuan (“the Fine”). It paid.",
    "Ends with dots... and goes on. “Quoted.” Next one?! Last",
])
def test_sentence_starts_follow_the_sentencizer_and_line_breaks(text: str) -> None:
    import spacy

    from kg.extract.sentence_bounds import sentence_starts

    nlp = spacy.blank("en")
    sentencizer = nlp.add_pipe("sentencizer")
    doc = sentencizer(nlp.make_doc(text))
    expected = {s.start_char for s in doc.sents} if len(doc) else {0}
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            expected.add(doc[token.i + 1].idx)
    assert sentence_starts(nlp.make_doc(text)) == sorted(expected)


def test_lexicon_cache_gives_the_same_lexicon_and_survives_a_corrupt_file(
        tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from kg.lexicon import load_lexicon

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    first = load_lexicon()
    (cached,) = tmp_path.glob("lexicon-*.pickle")
    assert load_lexicon() == first
    cached.write_bytes(b"not a pickle")
    assert load_lexicon() == first


# -- a title that ends in a body's name -------------------------------------------------------
def test_a_rule_of_a_body_ends_in_the_body_name(run) -> None:
    out = run("PBOC seeks comments on data rules",
              "On 4 May, the People's Bank of China sought comments on the Administrative "
              "Measures for Data Security Management in the Business Field of the People's Bank "
              "of China (Draft for Comments).")
    found = {i["title"]: i for i in out["instruments"]}
    rule = found["Administrative Measures for Data Security Management in the Business Field "
                 "of the People's Bank of China"]
    assert rule["status"] == "draft"
    assert rule["issuer_iris"] == ["https://w3id.org/cnkg/id/authority/pboc"]


def test_a_department_or_a_sender_is_no_rule(run) -> None:
    out = run("Regulator comments on a case",
              "The Policy and Regulation Department of the State Administration for Market "
              "Regulation said a shop had received a Notice of Non-Filing from the Shanghai "
              "Municipal Public Security Bureau.")
    assert out["instruments"] == []


def test_an_amendment_cites_the_law_it_amends(run) -> None:
    out = run("Court sentences a data seller",
              "The court sentenced the seller under the 7th Amendment to the PRC Criminal Law.",
              "enforcement")
    forms = {i["title"]: i["form"] for i in out["instruments"]}
    assert forms["7th Amendment to the PRC Criminal Law"] == "Amendment"
    assert out["cited_laws"] == ["Criminal Law"]
