"""Every authority users meet: State Council and Party bodies, courts, district-level bodies,
descriptions resolved by date, abbreviations a text defines, and one thing per alias.

The sentences are written for these tests; each states a public fact about the body it names.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.ingest import Item
from kg.vocab import KG, ORG, authority_iri, load_ontology, place_iri
from kg.vocab.rdfs import instances

AUTH = "https://w3id.org/cnkg/id/authority/"


def _item(body: str, date: str | None = None) -> Item:
    headline = "News"
    h = len(headline)
    return Item(1, headline, body, date, "legislative", (0, h + 1 + len(body)), (0, h),
                (h + 1, h + 1 + len(body)))


@pytest.fixture(scope="module")
def link(builder):
    def go(body: str, date: str | None = None):
        ext = next(builder.extractor.extract_items([_item(body, date)]))
        return builder.linker.link(ext)
    return go


def _names(linked) -> list[str]:
    return [name for _, name, _ in linked.authorities]


def _iris(linked) -> list[str]:
    return [iri for iri, _, _ in linked.authorities]


# ---------------------------------------------------------------- State Council and Party
def test_state_council_bodies_that_issued_the_confidentiality_provisions(link) -> None:
    linked = link("On 24 February 2023 the China Securities Regulatory Commission, the Ministry "
                  "of Finance, the National Administration of State Secrets Protection and the "
                  "National Archives Administration of China issued the revised confidentiality "
                  "and archives provisions for overseas listings.")
    assert _iris(linked) == [authority_iri(a) for a in ("csrc", "mof", "nassp", "naa")]


def test_railway_administration_is_under_the_ministry_of_transport(link) -> None:
    linked = link("The National Railway Administration regulates railway safety.")
    assert _iris(linked) == [authority_iri("nra")]
    assert (URIRef(authority_iri("nra")), ORG.subOrganizationOf,
            URIRef(authority_iri("mot"))) in load_ontology()


def test_party_centre_and_state_council_issue_jointly(link) -> None:
    linked = link("In February 2023 the CPC Central Committee and the State Council issued the "
                  "Overall Layout Plan for Digital China Construction.")
    assert _names(linked) == ["Central Committee of the Communist Party of China",
                              "State Council"]


def test_legislative_affairs_commission_is_the_npcsc_s(link) -> None:
    linked = link("The Legislative Affairs Commission of the NPC Standing Committee answers "
                  "questions on draft laws.")
    assert _iris(linked) == [authority_iri("npc-lac")]


# ---------------------------------------------------------------- courts
def test_internet_court_named_news_style(link) -> None:
    linked = link("The Hangzhou Internet Court, China's first, opened in August 2017.")
    assert _names(linked) == ["Hangzhou Internet Court"]


def test_higher_court_of_a_province_named_place_first(link) -> None:
    linked = link("The Higher People's Court of Zhejiang Province sits in Hangzhou.")
    assert _names(linked) == ["Zhejiang Higher People's Court"]


def test_top_court_is_the_supreme_peoples_court(link) -> None:
    linked = link("China's top court issued a judicial interpretation on personal information.")
    assert _iris(linked) == [authority_iri("spc")]


def test_a_city_court_is_not_named_from_a_bare_court(link) -> None:
    assert _names(link("A Beijing court sentenced two people for selling data.")) == []


# ---------------------------------------------------------------- district-level bodies
def test_district_cyberspace_administration_keeps_its_city(link) -> None:
    linked = link("The Chongqing Yuzhong District Cyberspace Administration summoned an app "
                  "operator.")
    assert _names(linked) == ["Chongqing Yuzhong District Cyberspace Administration"]
    (info,) = linked.minted.values()
    assert info["place"] == place_iri("chongqing-yuzhong-district")


def test_district_named_alone_resolves_to_the_listed_district(link) -> None:
    linked = link("The Jing'an District Public Security Bureau opened an investigation.")
    (info,) = linked.minted.values()
    assert (_names(linked), info["place"]) == (["Jing'an District Public Security Bureau"],
                                               place_iri("shanghai-jingan-district"))


def test_every_county_level_division_is_a_place(onto: Graph) -> None:
    county = {"district", "county", "county-level city", "banner", "autonomous county"}
    n = sum(1 for _, t in onto.subject_objects(KG.placeType) if str(t) in county)
    assert n > 2700  # GB/T 2260 lists about 2,840 outside Taiwan


# ---------------------------------------------------------------- descriptions by period
@pytest.mark.parametrize(("date", "body"), [("2017-06-01", "cbrc"), ("2020-06-01", "cbirc"),
                                            ("2024-01-05", "nfra")])
def test_banking_regulator_is_the_body_of_the_items_date(link, date: str, body: str) -> None:
    linked = link("China's banking regulator fined a bank for leaking customer data.", date)
    assert _iris(linked) == [authority_iri(body)]


def test_market_regulator_with_a_place_is_the_local_one(link) -> None:
    linked = link("The market regulator in Hangzhou fined a supermarket for misusing facial "
                  "recognition.")
    assert _names(linked) == ["Hangzhou Administration for Market Regulation"]


# ---------------------------------------------------------------- local offices of national bodies
def test_possessive_central_sub_branch_is_the_local_office(link) -> None:
    linked = link("The PBOC's Hangzhou central sub-branch fined a payment company for "
                  "collecting more customer data than it needed.")
    assert _names(linked) == ["Hangzhou People's Bank of China"]


def test_branch_written_after_its_place_is_the_office_of_that_place(link) -> None:
    linked = link("The People's Bank of China Changsha Branch fined a bank 918,000 yuan.")
    assert _names(linked) == ["Changsha People's Bank of China"]


def test_office_of_the_cbirc_is_its_local_bureau(link) -> None:
    linked = link("The Shenzhen office of the China Banking and Insurance Regulatory "
                  "Commission fined a bank for weak data governance.", "2021-03-01")
    assert _names(linked) == ["Shenzhen China Banking and Insurance Regulatory Commission"]


def test_branch_office_of_the_cac_is_the_local_administration(link) -> None:
    linked = link("The Shanghai branch office of the CAC summoned a travel platform.")
    assert _names(linked) == ["Shanghai Cyberspace Administration"]


# ---------------------------------------------------------------- abbreviations a text defines
def test_abbreviation_of_a_local_body_names_other_places_bodies(link) -> None:
    linked = link("The Beijing Communications Administration (“CA”) and the Tianjin CA each "
                  "notified apps that infringed user rights.")
    assert _names(linked) == ["Beijing Communications Administration",
                              "Tianjin Communications Administration"]


def test_abbreviation_of_a_national_body_names_it_later(link) -> None:
    linked = link("The National Railway Administration (“NRA”) regulates railways. The NRA "
                  "also oversees railway data security.")
    assert [m.ref for m in linked.extraction.authorities] == [authority_iri("nra")] * 2


def test_a_text_defining_a_known_acronym_for_another_body_is_followed(link) -> None:
    """The text's own definition holds in the text: "SAC" is usually the Standardization
    Administration, but not where a text has defined it otherwise."""
    linked = link("On 2 December 2020, the Ministry of Commerce (the “MOC”) and the State "
                  "Cryptography Administration (the “SAC”) issued a list of commercial "
                  "cryptography items. The SAC will review licence applications.")
    assert [m.ref for m in linked.extraction.authorities] == [authority_iri("mofcom")] * 2 + [
        authority_iri("sca")] * 3


def test_a_known_acronym_after_a_fragment_of_a_longer_name_keeps_its_body(link) -> None:
    linked = link("On 26 May, Technical Committee 260 on Cybersecurity of Standardization "
                  "Administration (TC260) released two guidelines.")
    assert _names(linked) == ["National Information Security Standardisation Technical "
                              "Committee"]


# ---------------------------------------------------------------- one thing per alias
@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_no_label_names_two_things(onto: Graph) -> None:
    """Across authorities, instruments, organisations, places and body types, every label the
    extractor matches (not a place's codes, nor the Chinese names kept as source data)."""
    things = (instances(onto, KG.Authority) | instances(onto, KG.Instrument)
              | instances(onto, KG.Organisation) | instances(onto, KG.Place)
              | set(onto.subjects(RDF.type, KG.BodyType)))
    places = instances(onto, KG.Place)
    owners: dict[str, set[URIRef]] = {}
    for s in things:
        props = [SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, KG.citationName]
        if s not in places:
            props.append(SKOS.notation)
        for p in props:
            for label in onto.objects(s, p):
                if getattr(label, "language", None) == "zh":
                    continue
                key = re.sub(r"[\W_]+", "", str(label).lower().replace("isation", "ization"))
                owners.setdefault(key, set()).add(s)
    assert {k: sorted(map(str, v)) for k, v in owners.items() if len(v) > 1} == {}


def test_pudong_and_sasac_each_name_one_thing(onto: Graph) -> None:
    def named(label: str) -> set[URIRef]:
        return {s for p in (SKOS.prefLabel, SKOS.altLabel) for s in onto.subjects(p, None)
                if any(str(o).lower() == label.lower() for o in onto.objects(s, p))}
    assert named("Pudong") == {URIRef(place_iri("pudong-new-area"))}
    assert named("State-owned Assets Supervision and Administration Commission") == {
        URIRef(AUTH + "sasac")}


# ---------------------------------------------------------------- acronyms with small letters
def test_a_ministry_acronym_with_small_letters_is_the_ministry(link) -> None:
    linked = link("In April 2020 the CAC, the MoF and MofCom were among twelve bodies that issued "
                  "the Cybersecurity Review Measures.")
    assert _iris(linked) == [authority_iri(a) for a in ("cac", "mof", "mofcom")]


def test_a_ministry_acronym_with_small_letters_is_matched_as_written(link) -> None:
    assert _iris(link("Moe and Mot met in Paris; the mof file was lost.")) == []


def test_the_propaganda_department_is_the_publicity_department(link) -> None:
    linked = link("On 28 July 2022 the Propaganda Department of the Central Committee of the "
                  "Communist Party of China held a press conference.")
    assert _iris(linked) == [authority_iri("publicity-department")]


# ---------------------------------------------------------------- shared bodies, courts, offices
def test_places_before_plural_branches_each_have_a_branch(link) -> None:
    names = _names(link("In August 2017 the Beijing and Guangdong branches of the CAC opened "
                        "investigations into three platforms."))
    assert names == ["Beijing Cyberspace Administration", "Guangdong Cyberspace Administration"]


def test_places_before_one_body_in_the_singular_do_not_share_it(link) -> None:
    names = _names(link("Officials from Beijing and the Shanghai Cyberspace Administration met."))
    assert names == ["Shanghai Cyberspace Administration"]


def test_a_high_court_is_the_higher_peoples_court(link) -> None:
    assert _names(link("In 2018 the Beijing High Court set up an internet court.")) == [
        "Beijing Higher People's Court"]


def test_a_basic_court_keeps_the_name_the_text_gives_it(link) -> None:
    assert _names(link("The Xiangzhou District court heard the case in 2021.")) == [
        "Xiangzhou District Court"]


def test_the_pbocs_business_management_department_is_its_local_office(link) -> None:
    names = _names(link("On 24 March 2024 the Chongqing Business Management Department of the "
                        "central bank fined a consumer finance company 390,000 yuan."))
    assert names == ["Chongqing People's Bank of China"]


def test_the_cybersecurity_notification_centre_sits_under_the_mps(link, onto: Graph) -> None:
    linked = link("On 9 September 2025 the National Cybersecurity Notification Centre announced "
                  "a penalty on a retailer.")
    iri = authority_iri("cybersecurity-notification-centre")
    assert _iris(linked) == [iri]
    assert (URIRef(iri), ORG.subOrganizationOf, URIRef(authority_iri("mps"))) in onto


def test_literal_translations_of_national_bodies(link) -> None:
    linked = link("The National Network Security Standards Committee issued standards and the "
                  "General Administration of Market Supervision published typical cases.")
    assert _iris(linked) == [authority_iri("tc260"), authority_iri("samr")]


@pytest.mark.parametrize(("text", "body", "parent"), [
    ("The Ministry of Public Security's Bureau of Network Security Protection said cases rose.",
     "mps-cybersecurity-bureau", "mps"),
    ("The Information and Communications Administration Bureau of MIIT notified 26 apps.",
     "miit-ict-bureau", "miit"),
    ("A deputy director of the Network Data Administration of the CAC spoke at the forum.",
     "cac-network-data", "cac"),
])
def test_a_ministrys_bureau_is_its_own_body_under_the_ministry(link, onto: Graph, text: str,
                                                               body: str, parent: str) -> None:
    assert authority_iri(body) in _iris(link(text))
    assert (URIRef(authority_iri(body)), ORG.subOrganizationOf,
            URIRef(authority_iri(parent))) in onto


def test_a_district_of_a_city_written_with_a_possessive_is_the_districts_body(link) -> None:
    linked = link("Police in Shanghai's Jing'an District fined a hotel 20,000 yuan.")
    assert _names(linked) == ["Shanghai Jing'an District Public Security Bureau"]
    # one body, however the text writes its district
    plain = link("The Jing'an District Public Security Bureau opened an investigation.")
    assert _iris(linked) == _iris(plain)


def test_each_place_listed_after_a_body_has_its_own(link) -> None:
    linked = link("Police in Liaoning, Beijing, Guangdong and Hunan broke up three rings that "
                  "sold personal information.")
    assert _names(linked) == [f"{p} Public Security Bureau"
                              for p in ("Liaoning", "Beijing", "Guangdong", "Hunan")]


def test_a_citys_province_after_a_comma_is_no_body_of_its_own(link) -> None:
    linked = link("Police in Changchun, Jilin province, arrested 27 suspects.")
    assert _names(linked) == ["Changchun Public Security Bureau"]


@pytest.mark.parametrize(("text", "name"), [
    ("The police of Beijing's Haidian district arrested eight suspects.",
     "Beijing Haidian District Public Security Bureau"),
    ("Haidian district police arrested eight suspects.", "Haidian District Public Security Bureau"),
])
def test_a_district_written_in_lower_case_is_the_district(link, text: str, name: str) -> None:
    assert _names(link(text)) == [name]


def test_a_lower_case_district_the_place_data_lacks_is_no_place(link) -> None:
    assert _names(link("Software Park district police fined a hotel 20,000 yuan.")) == []



def test_a_district_the_item_writes_with_its_city_keeps_it_throughout(link) -> None:
    linked = link("Police in Shanghai's Jing'an district arrested four data brokers. The Jing'an "
                  "District People's Court later convicted them.")
    assert _names(linked) == ["Shanghai Jing'an District Public Security Bureau",
                              "People's Court of Shanghai Jing'an District"]
