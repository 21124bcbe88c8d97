"""Who acted, against whom, and which laws an item cites: document-level readings, on
sentences written for these tests (public facts: bodies, parties, laws and amounts; the wording
is ours). One fact per test."""

from __future__ import annotations

import pytest
from casejson import authority_name

from kg.extract.model import Mention
from kg.ingest import Document, Item
from kg.link import document_json, link_document


def _document(paragraphs: list[str], lead: str = "", layout: str = "prose",
              date: str | None = None, numbered: bool = False) -> Document:
    """A document of one item per paragraph (its first line the headline), after `lead`."""
    text = lead + ("\n" if lead else "")
    items = []
    for n, p in enumerate(paragraphs, start=1):
        head, _, body = p.partition("\n")
        start = len(text)
        h_end = start + len(head)
        items.append(Item(n if numbered else None, head, body, date, "enforcement",
                          (start, h_end + (1 + len(body) if body else 0)), (start, h_end),
                          (h_end + 1, h_end + 1 + len(body))))
        text += p + "\n"
    return Document("test.txt", "0" * 64, None, None, None, "utf-8", text, items, [], layout)


@pytest.fixture(scope="module")
def extract(builder):
    """The `kg extract` JSON items of a document built from paragraphs."""
    def go(paragraphs: list[str], **kw) -> list[dict]:
        doc = _document(paragraphs, **kw)
        return document_json(doc, link_document(doc, builder.extractor, builder.linker))["items"]
    return go


def _cases(items: list[dict]) -> list[dict]:
    return [c for it in items for c in (it.get("cases") or ([it["case"]] if it["case"] else []))]


def _authorities(items: list[dict]) -> set[str]:
    return {a for it in items for a in it["authorities"]}


# -- the document's lead names the actor of a list of typical cases ------------------------
LEAD = ("In 2023 the Cyberspace Administration of China made public a set of typical data "
        "security cases, two of which are below:")
TYPICAL = ["(1) Case of Data Leakage by a Logistics Co., Ltd. in Hubei\n"
           "The company did not fix known vulnerabilities, and customer data leaked.",
           "(2) Case of Webpage Tampering by a Software Co., Ltd. in Hunan\n"
           "The company did not monitor its website, which was defaced."]


def test_typical_cases_take_the_actor_the_lead_names(extract) -> None:
    cases = _cases(extract(TYPICAL, lead=LEAD, layout="numbered", numbered=True))
    assert [authority_name(c) for c in cases] == ["Cyberspace Administration of China"] * 2


def test_the_lead_actor_is_listed_among_the_authorities(extract) -> None:
    items = extract(TYPICAL, lead=LEAD, layout="numbered", numbered=True)
    assert "Cyberspace Administration of China" in _authorities(items)


def test_a_lead_that_names_no_body_leaves_the_cases_without_one(extract) -> None:
    lead = "Typical cases of data security enforcement are summarised as follows:"
    cases = _cases(extract(TYPICAL, lead=lead, layout="numbered", numbered=True))
    assert [authority_name(c) for c in cases] == [None, None]


# -- a kind of body named without its place ------------------------------------------------
GENERIC = ("A certain internet cafe was fined 2,000 yuan by a public security organ for storing "
           "customers' ID numbers without encryption.")


def test_a_body_type_named_without_a_place_is_the_actor(extract) -> None:
    assert [authority_name(c) for c in _cases(extract([GENERIC]))] == ["public security organ"]


def test_a_body_type_without_a_place_is_listed_among_the_authorities(extract) -> None:
    assert _authorities(extract([GENERIC])) == {"public security organ"}


def test_a_plural_body_type_is_named_in_the_singular(extract) -> None:
    text = ("A certain bookshop was warned by the public security organs for leaving its "
            "Wi-Fi open without identity checks.")
    assert [authority_name(c) for c in _cases(extract([text]))] == ["public security organ"]


def test_local_police_are_no_body_the_story_names_elsewhere(extract) -> None:
    """Like "the court", "local police" leave the case's actor unnamed."""
    items = extract(["The Cyberspace Administration of China stepped up checks on ticketing "
                     "apps in January 2019.",
                     "Local police arrested a 25-year-old suspect for taking the data of five "
                     "million passengers."])
    assert [authority_name(c) for c in _cases(items)] == [None]


def test_an_unnamed_court_stays_unnamed(extract) -> None:
    text = "The court sentenced a man surnamed Li to two years in prison for selling data."
    assert [authority_name(c) for c in _cases(extract([text]))] == [None]


def test_a_named_body_wins_over_a_body_type(extract) -> None:
    text = ("The Hangzhou Public Security Bureau fined a certain hotel 5,000 yuan, the public "
            "security organs said.")
    assert [authority_name(c) for c in _cases(extract([text]))] == [
        "Hangzhou Public Security Bureau"]


# -- a description that names its kind of body ---------------------------------------------
def test_undated_banking_commission_is_the_cbirc(extract) -> None:
    text = ("China Everbright Bank was fined 4.2 million yuan for data security failings, "
            "according to a statement by the banking commission.")
    cases = _cases(extract([text]))
    assert [authority_name(c) for c in cases] == [
        "China Banking and Insurance Regulatory Commission"]


def test_banking_commission_before_2018_is_the_cbrc(extract) -> None:
    text = ("China Everbright Bank was fined 4.2 million yuan for data security failings, "
            "according to a statement by the banking commission.")
    cases = _cases(extract([text], date="2016-05-03"))
    assert [authority_name(c) for c in cases] == ["China Banking Regulatory Commission"]


def test_undated_banking_regulator_is_the_latest_body(extract) -> None:
    text = ("China Everbright Bank was fined 4.2 million yuan for data security failings, "
            "according to a statement by the banking regulator.")
    cases = _cases(extract([text]))
    assert [authority_name(c) for c in cases] == ["National Financial Regulatory Administration"]


# -- a national actor and its local branch -------------------------------------------------
BRANCH = ("In April 2018 the People's Bank of China fined Alipay 180,000 yuan for misleading "
          "advertising. The decision was published by the PBOC sub-branch in Hangzhou. A year "
          "earlier, the People's Bank of China had fined Alipay 30,000 yuan.")


def test_a_local_branch_named_in_the_next_sentence_is_the_actor(extract) -> None:
    cases = _cases(extract([BRANCH]))
    assert (authority_name(cases[0]), cases[0]["fine_cny"]) == ("Hangzhou People's Bank of China",
                                                            180000)


def test_a_branch_named_before_an_earlier_penalty_leaves_it_national(extract) -> None:
    cases = _cases(extract([BRANCH]))
    assert (authority_name(cases[1]), cases[1]["fine_cny"]) == ("People's Bank of China", 30000)


# -- courts as the text names them ---------------------------------------------------------
def test_a_district_court_without_peoples_is_named_as_written(extract) -> None:
    text = ("The Haidian District court sentenced a man surnamed Zhao to one year in prison "
            "and fined him 5,000 yuan for selling personal information.")
    assert [authority_name(c) for c in _cases(extract([text]))] == ["Haidian District Court"]


def test_a_district_peoples_court_keeps_its_full_name(extract) -> None:
    text = ("The Haidian District People's Court sentenced a man surnamed Zhao to one year in "
            "prison for selling personal information.")
    assert [authority_name(c) for c in _cases(extract([text]))] == [
        "People's Court of Haidian District"]


# -- page furniture ------------------------------------------------------------------------
def test_an_acronym_in_an_all_capitals_line_is_no_authority(extract) -> None:
    text = "The CAC fined a platform 50,000 yuan.\nMOST VIEWED\nTOP STORIES"
    assert _authorities(extract([text])) == {"Cyberspace Administration of China"}


def test_an_acronym_in_a_sentence_is_an_authority(extract) -> None:
    text = "The MOST issued ethics review measures for science and technology."
    assert "Ministry of Science and Technology" in _authorities(extract([text]))


# -- cited laws ----------------------------------------------------------------------------
def test_a_law_released_as_a_draft_is_not_cited(extract) -> None:
    text = ("The NPC Standing Committee released the draft Personal Information Protection Law "
            "for public comment.")
    assert [it["cited_laws"] for it in extract([text])] == [[]]


def test_a_draft_version_of_an_amended_law_is_not_cited(extract) -> None:
    text = ("The People's Bank of China published the draft version of the amended "
            "Anti-Money Laundering Law (Amended AML Law) for comment. The Amended AML Law "
            "widens customer due diligence.")
    assert [it["cited_laws"] for it in extract([text])] == [[]]


def test_a_kind_of_law_is_not_cited(extract) -> None:
    text = "In 2017, China enacted a cybersecurity law that lets regulators punish data leaks."
    assert [it["cited_laws"] for it in extract([text])] == [[]]


def test_a_law_breached_in_lower_case_is_cited(extract) -> None:
    text = ("A carmaker was fined 100,000 yuan by the Shanghai market regulator for breaching "
            "China's consumer protection law.")
    assert [it["cited_laws"] for it in extract([text])] == [["Consumer Rights Protection Law"]]


def test_a_law_set_aside_is_neither_cited_nor_an_instrument(extract) -> None:
    text = ('The police punished a karaoke bar under the "Data Security Law" rather than the '
            'usual "Public Security Administration Punishments Law".')
    items = extract([text])
    assert (items[0]["cited_laws"], [i["title"] for i in items[0]["instruments"]
                                     if "Punishments" in i["title"]]) == (["Data Security Law"],
                                                                          [])


def test_every_law_of_a_list_set_aside_is_not_cited(extract) -> None:
    text = ('The penalties rest on the "Cybersecurity Law" rather than the "Food Safety Law" '
            'and the "Consumer Rights Protection Law".')
    assert [it["cited_laws"] for it in extract([text])] == [["Cybersecurity Law"]]


# -- parties fined "each", described one by one --------------------------------------------
EACH = ["Shanghai data breaches punished\nThe Shanghai Municipal Cyberspace Administration "
        "fined two firms 50,000 yuan each after data breaches. The server of a logistics "
        "company in Shanghai had no access control. Another company left a database port open "
        "to the internet. If a company fails to protect data, it may be fined up to 500,000 "
        "yuan."]


def test_parties_fined_each_are_one_case_per_member_described(extract) -> None:
    cases = _cases(extract(EACH))
    assert [(c["respondent"], c["fine_cny"]) for c in cases] == [
        ("a logistics company in Shanghai", 50000), ("Another company", 50000)]


def test_members_of_a_plural_party_keep_its_actor(extract) -> None:
    assert {authority_name(c) for c in _cases(extract(EACH))} == {
        "Shanghai Cyberspace Administration"}


def test_parties_fined_each_without_members_stay_one_case(extract) -> None:
    text = "The CAC fined two firms 50,000 yuan each for leaking data."
    assert len(_cases(extract([text]))) == 1


# -- a round count in a story's lead -------------------------------------------------------
def test_a_rounded_count_of_a_batch_stated_exactly_later_is_one_case(extract) -> None:
    cases = _cases(extract([
        "Regulators have removed over 100 apps from app stores this week.",
        "On Thursday the MIIT took down 106 apps that had not fixed their violations."]))
    assert [c["respondent"] for c in cases] == ["106 apps"]


# -- minting local bodies ------------------------------------------------------------------
def test_two_places_of_one_name_mint_two_bodies(builder) -> None:
    lex = builder.lexicon
    taizhou = [p.iri for p in lex.places if p.name == "Taizhou" and p.level == "city"]
    psb = next(b.iri for b in lex.body_types if b.name == "Public Security Bureau")
    iris = {builder.linker.authority(Mention("local_authority", "Taizhou police", 0, 14,
                                             place=p, body_type=psb))[0] for p in taizhou}
    assert len(taizhou) == 2 and len(iris) == 2


def test_a_municipal_arm_of_the_cac_is_the_local_administration(extract) -> None:
    text = ("The Beijing municipal arm of the CAC imposed a fine of 3 million yuan on Beijing "
            "Weimeng Chuangke Network Technology Co., Ltd.")
    assert [authority_name(c) for c in _cases(extract([text]))] == [
        "Beijing Cyberspace Administration"]


# -- a plural back reference to names listed before it -------------------------------------
def test_these_apps_are_the_apps_listed_before(extract) -> None:
    text = ("Didi Global, Full Truck Alliance and Kanzhun resumed registration\nIn July 2021, "
            "the Cybersecurity Review Office launched a cybersecurity review of these apps.")
    assert [c["respondent"] for c in _cases(extract([text]))] == [
        "Didi Global, Full Truck Alliance and Kanzhun"]


def test_a_list_of_bodies_is_no_list_of_parties(extract) -> None:
    text = ("The CAC, MIIT and MPS met on Monday.\nThe regulators then launched a cybersecurity "
            "review of these apps.")
    assert _cases(extract([text])) == []


# -- app batches ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "On August 25, the MIIT identified 67 apps that had not corrected their violations.",
    "The MIIT listed 67 apps that had not corrected their violations.",
    "The MIIT announced the removal of 67 apps from app stores.",
])
def test_a_batch_of_apps_named_by_other_verbs(extract, text: str) -> None:
    cases = _cases(extract([text]))
    assert [(authority_name(c), c["respondent"]) for c in cases] == [
        ("Ministry of Industry and Information Technology", "67 apps")]


def test_apps_removed_from_app_stores_are_the_apps_listed_between_dashes(extract) -> None:
    text = ("The MIIT said it had removed from app stores three apps -- Renren Video, Chunyu "
            "Pedometer and WeSing -- which had not corrected their violations by the deadline.")
    assert [c["respondent"] for c in _cases(extract([text]))] == [
        "Renren Video, Chunyu Pedometer and WeSing"]


# -- instruments the ontology's head words mark --------------------------------------------
def test_a_standard_contract_is_an_instrument(extract) -> None:
    text = ("The CAC published the Standard Contract for the Outbound Cross-border Transfer of "
            "Personal Information, which took effect on 1 June 2023.")
    assert [i["title"] for i in extract([text])[0]["instruments"]] == [
        "Standard Contract for the Outbound Cross-border Transfer of Personal Information"]
