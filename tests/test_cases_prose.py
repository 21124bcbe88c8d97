"""Cases and fines in news prose, on sentences written for these tests (public facts: bodies,
parties and amounts; the wording is ours). One fact per test."""

from __future__ import annotations

import pytest
from casejson import authority_name

from kg.extract.cases import find_cases
from kg.extract.money import find_money, money_regex
from kg.extract.story import resolve_story
from kg.ingest import Item


def _item(headline: str, body: str = "", section: str = "enforcement",
          date: str | None = None, number: int | None = 1) -> Item:
    h = len(headline)
    return Item(number, headline, body, date, section, (0, h + 1 + len(body)), (0, h),
                (h + 1, h + 1 + len(body)))


@pytest.fixture(scope="module")
def cases(builder):
    """The linked cases of one item (find_cases runs whatever the item's section)."""
    def go(headline: str, body: str = "", section: str = "enforcement") -> list[dict]:
        ext = next(builder.extractor.extract_items([_item(headline, body, section)]))
        ext.cases = find_cases(ext.text, len(headline), ext, builder.lexicon)
        out = builder.linker.link(ext).to_json()
        return out.get("cases") or ([out["case"]] if out["case"] else [])
    return go


@pytest.fixture(scope="module")
def story(builder):
    """The cases of paragraphs of one news report, joined up by resolve_story."""
    def go(*paragraphs: str, layout: str = "prose") -> list:
        items = [_item(p.split(". ")[0], p[len(p.split(". ")[0]) + 2:], number=None)
                 for p in paragraphs]
        exts = list(builder.extractor.extract_items(items))
        for e in exts:
            e.cases = find_cases(e.text, len(e.item.headline), e, builder.lexicon)
        resolve_story(exts, layout, builder.lexicon)
        return [c for e in exts for c in e.cases]
    return go


@pytest.fixture(scope="module")
def money(builder):
    lex = builder.lexicon
    pattern = money_regex({c: list(v) for c, v in lex.currencies.items()})
    codes = {lab.lower(): c for c, labs in lex.currencies.items() for lab in labs}
    return lambda text: [(m.value, m.currency) for m in find_money(text, pattern, codes)]


# -- money as news writes it ---------------------------------------------------------------
def test_yuan_amount_comes_before_its_dollar_conversion(money) -> None:
    assert money("fined 18.228 billion yuan ($2.8 billion)")[0] == (18_228_000_000, "CNY")


def test_dollar_conversion_keeps_its_own_currency(money) -> None:
    assert money("fined 18.228 billion yuan ($2.8 billion)")[1] == (2_800_000_000, "USD")


def test_cny_with_m_suffix(money) -> None:
    assert money("a fine of CNY 50m") == [(50_000_000, "CNY")]


def test_yen_sign_is_yuan(money) -> None:
    assert money("a fine of ¥500,000") == [(500_000, "CNY")]


def test_usd_dollar_sign(money) -> None:
    assert money("fined USD$2 million") == [(2_000_000, "USD")]


def test_four_decimal_millions(money) -> None:
    assert money("a fine of 12.3456 million yuan") == [(12_345_600, "CNY")]


def test_unit_dropped_after_fined_is_yuan(money) -> None:
    assert money("Meituan was fined 3.442 billion for exclusive dealing") == [
        (3_442_000_000, "CNY")]


# -- who was fined, by whom, how much --------------------------------------------------------
def test_active_voice_respondent(cases) -> None:
    got = cases("Regulator fines Meituan", "The State Administration for Market Regulation "
                "fined Meituan 3.442 billion yuan on October 8, 2021 for abusing its market "
                "position.")
    assert got[0]["respondent"] == "Meituan"


def test_active_voice_fine(cases) -> None:
    got = cases("Regulator fines Meituan", "The State Administration for Market Regulation "
                "fined Meituan 3.442 billion yuan on October 8, 2021.")
    assert got[0]["fine_cny"] == 3_442_000_000


def test_passive_voice_agent_is_the_authority(cases) -> None:
    got = cases("Alibaba fined", "Alibaba Group was fined 18.228 billion yuan ($2.8 billion) "
                "by the State Administration for Market Regulation in April 2021.")
    assert authority_name(got[0]) == "State Administration for Market Regulation"


def test_fine_imposed_on_a_party(cases) -> None:
    got = cases("Alibaba fined", "The State Administration for Market Regulation imposed a fine "
                "of 18.228 billion yuan on Alibaba Group in April 2021.")
    assert got[0]["respondent"] == "Alibaba Group"


def test_penalty_received(cases) -> None:
    got = cases("Tenpay penalised", "Tenpay received a penalty of 2.99 billion yuan from the "
                "People's Bank of China in July 2023.")
    assert got[0]["fine_cny"] == 2_990_000_000


def test_fines_slapped_on_a_party(cases) -> None:
    got = cases("Ant Group fined", "The People's Bank of China slapped fines totalling 7.123 "
                "billion yuan on Ant Group.")
    assert got[0]["respondent"] == "Ant Group"


def test_handed_a_fine(cases) -> None:
    got = cases("Meituan fined", "Meituan was handed a 3.442 billion yuan fine for its "
                "exclusive dealing practices.")
    assert got[0]["fine_cny"] == 3_442_000_000


def test_authority_named_in_another_clause(cases) -> None:
    got = cases("Bank fined", "A rural commercial bank was fined 500,000 yuan for mishandling "
                "customer data, according to a notice from the Harbin Branch of the People's "
                "Bank of China.")
    assert authority_name(got[0]) == "Harbin People's Bank of China"


def test_respectively_gives_each_party_its_fine(cases) -> None:
    got = cases("Two banks fined", "China Everbright Bank and Ping An Bank were fined 4.6 "
                "million yuan and 3.2 million yuan respectively by the National Financial "
                "Regulatory Administration.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [
        ("China Everbright Bank", 4_600_000), ("Ping An Bank", 3_200_000)]


def test_parties_sharing_one_verb(cases) -> None:
    got = cases("Banks fined", "On 5 January the NFRA announced penalties. China Everbright "
                "Bank was fined 4.6 million yuan, Ping An Bank 3.2 million yuan and Huaxia Bank "
                "900,000 yuan for data breaches.")
    assert [c["fine_cny"] for c in got] == [4_600_000, 3_200_000, 900_000]


def test_listed_parties_of_a_counted_phrase(cases) -> None:
    got = cases("Banks fined", "The NFRA disclosed fines of 10 million yuan on three banks - "
                "Industrial Bank, Bank of Ningbo and Huaxia Bank.")
    assert [c["respondent"] for c in got] == ["Industrial Bank", "Bank of Ningbo",
                                              "Huaxia Bank"]


def test_parties_named_after_namely_are_the_respondent(cases) -> None:
    got = cases("Reviews opened", "In early July 2021, the CAC announced that it had "
                "initiated cybersecurity reviews of three companies, namely DiDi, Boss Zhipin "
                "and Full Truck Alliance, and during the reviews the companies may not register "
                "new users.")
    assert [c["respondent"] for c in got] == ["DiDi, Boss Zhipin and Full Truck Alliance"]


def test_app_stores_ordered_to_remove_a_named_companys_app(cases) -> None:
    got = cases("App removed", "On 4 July 2021, the CAC ordered app stores to remove DiDi’s app "
                "for collecting personal information in serious violation of the law.")
    assert [(c["respondent"], c["actions"]) for c in got] == [("DiDi", ["app_removal"])]


def test_one_company_of_a_listed_group_is_a_party_of_its_own(story) -> None:
    got = story("In July 2021, the CAC opened cybersecurity reviews of three companies, namely "
                "DiDi, Boss Zhipin and Full Truck Alliance. The reviews followed their listings.",
                "The CAC also ordered app stores to remove DiDi’s app. It cited serious "
                "violations in collecting personal information.")
    assert [c.respondent for c in got] == ["DiDi, Boss Zhipin and Full Truck Alliance", "DiDi"]


def test_combined_fine_is_no_partys_fine(cases) -> None:
    got = cases("Banks fined", "The People's Bank of China fined Industrial Bank and Bank of "
                "Ningbo over 16 million yuan combined.")
    assert [c["fine_cny"] for c in got] == [None, None]


def test_running_total_is_no_case(cases) -> None:
    assert cases("Banks fined", "Over the year, regulators imposed 312 penalties totalling "
                 "2.1 billion yuan on banks.") == []


def test_total_fine_on_one_party_is_its_fine(cases) -> None:
    got = cases("Branches fined", "Four sub-branches of Bank of Ningbo received fines "
                "totalling 5 million yuan from the People's Bank of China.")
    assert got[0]["fine_cny"] == 5_000_000


def test_hypothetical_fine_is_no_case(cases) -> None:
    assert cases("PIPL penalties", "Under the Personal Information Protection Law, violators "
                 "may be fined up to 50 million yuan or 5% of annual turnover.") == []


def test_rule_text_in_a_legislative_item_is_no_case(cases) -> None:
    assert cases("Draft rules", "The draft imposes fines of up to 5% of annual turnover on "
                 "companies that fail to comply.", section="legislative") == []


def test_link_to_another_story_is_skipped(cases) -> None:
    assert cases("Related", "Read more: Hotel chain fined 200,000 yuan over guest data") == []


# -- kinds of penalty ----------------------------------------------------------------------
def test_court_sentence_is_a_criminal_sentence(cases) -> None:
    got = cases("Court sentences data seller", "The Haidian District People's Court sentenced "
                "a defendant surnamed Zhao to three years in prison and fined him 50,000 yuan "
                "for selling personal information.")
    assert got[0]["actions"] == ["criminal_sentence"]


def test_court_fine_is_the_fine(cases) -> None:
    got = cases("Court sentences data seller", "The Haidian District People's Court sentenced "
                "a defendant surnamed Zhao to three years in prison and fined him 50,000 yuan.")
    assert got[0]["fine_cny"] == 50_000


def test_court_is_the_authority(cases) -> None:
    got = cases("Court sentences data seller", "The Haidian District People's Court sentenced "
                "a defendant surnamed Zhao to three years in prison.")
    assert authority_name(got[0]) == "People's Court of Haidian District"


def test_sentenced_employee_is_the_respondent(cases) -> None:
    got = cases("Courier employee jailed", "A former employee of a courier company was "
                "sentenced to two years in prison and fined 20,000 yuan.")
    assert got[0]["respondent"] == "A former employee of a courier company"


def test_apps_notified_are_a_batch(cases) -> None:
    got = cases("MIIT names apps", "On 3 March, the Ministry of Industry and Information "
                "Technology notified 26 apps that illegally collected personal information.")
    assert got[0]["app_count"] == 26


def test_apps_removed_from_stores(cases) -> None:
    got = cases("Apps removed", "The Guangdong Communications Administration removed 25 apps "
                "from app stores.")
    assert "app_removal" in got[0]["actions"]


def test_apps_ordered_to_be_removed(cases) -> None:
    got = cases("Apps removed", "The Ministry of Industry and Information Technology ordered "
                "38 apps to be taken down from app stores.")
    assert got[0]["respondent"] == "38 apps"


def test_summoned_executives_stand_for_their_company(cases) -> None:
    got = cases("Weibo summoned", "The Cyberspace Administration of China summoned executives "
                "of Sina Weibo over trending-topic manipulation.")
    assert got[0]["respondent"] == "Sina Weibo"


def test_rectification_order(cases) -> None:
    got = cases("Platform told to rectify", "The Shanghai Cyberspace Administration ordered a "
                "food delivery platform to rectify its data practices within 15 days.")
    assert got[0]["actions"] == ["rectification"]


def test_cybersecurity_review(cases) -> None:
    got = cases("Review launched", "The Cybersecurity Review Office launched a cybersecurity "
                "review of Full Truck Alliance on July 5, 2021.")
    assert got[0]["respondent"] == "Full Truck Alliance"


def test_confiscated_gains_are_not_the_fine(cases) -> None:
    got = cases("Bank fined", "The bank was warned, had illegal gains of 300,000 yuan "
                "confiscated and was fined 1 million yuan by the People's Bank of China.")
    assert got[0]["fine_cny"] == 1_000_000


def test_fine_on_responsible_person_kept_apart(cases) -> None:
    got = cases("Tenpay fined", "The People's Bank of China fined Tenpay 2.99 billion yuan and "
                "fined its responsible executive 500,000 yuan.")
    assert got[0]["personal_fine"]["value"] == 500_000


def test_anonymous_company_with_its_place(cases) -> None:
    got = cases("Company fined", "The Guangdong Cyberspace Administration fined a technology "
                "company in Guangdong 100,000 yuan for failing to fix system vulnerabilities.")
    assert got[0]["respondent"] == "a technology company in Guangdong"


def test_bank_branch_respondent(cases) -> None:
    got = cases("Branch fined", "The Jilin branch of China Construction Bank was fined 2 million "
                "yuan by the People's Bank of China.")
    assert got[0]["respondent"] == "Jilin branch of China Construction Bank"


def test_headline_names_the_party_the_body_refers_to(cases) -> None:
    got = cases("Bank of Ningbo fined 2 million yuan", "The regional regulator issued a warning "
                "and imposed a fine of 2 million yuan.")
    assert got[0]["respondent"] == "Bank of Ningbo"


def test_a_later_fine_on_the_same_company_is_another_case(cases) -> None:
    got = cases("Platform fined again", "In March, Beijing Kuaishou Technology Co., Ltd. was "
                "fined 80,000 yuan. In October, the company was fined 120,000 yuan again.")
    assert [c["fine_cny"] for c in got] == [80_000, 120_000]


def test_party_introduced_before_the_action(cases) -> None:
    got = cases("Hotel warned", "A hotel in Wuhan failed to encrypt guest records. The Wuhan "
                "police then gave it a warning and ordered it to fix the flaw.")
    assert got[0]["respondent"] == "A hotel in Wuhan"


def test_both_defendants_named_by_their_introductions(cases) -> None:
    got = cases("Two sentenced", "A defendant surnamed Wang sold 5,000 phone numbers, and "
                "another defendant surnamed Chen bought them for telemarketing. The two "
                "defendants were sentenced to prison terms by the Haidian District People's "
                "Court.")
    assert got[0]["respondent"] == "defendants surnamed Wang and Chen"


def test_case_carries_the_item_date(builder) -> None:
    item = _item("Meituan fined", "The State Administration for Market Regulation fined "
                 "Meituan 3.442 billion yuan.", date="2021-10-08")
    ext = next(builder.extractor.extract_items([item]))
    assert find_cases(ext.text, len(item.headline), ext, builder.lexicon)[0].date == "2021-10-08"


# -- a report told over several paragraphs ------------------------------------------------
def test_story_authority_from_an_earlier_paragraph(story) -> None:
    got = story("The National Financial Regulatory Administration announced penalties on two "
                "lenders on Monday. It named Industrial Bank and Bank of Ningbo.",
                "Industrial Bank was fined 2 million yuan. The fine was for data failures.")
    assert got[-1].authority.text == "National Financial Regulatory Administration"


def test_story_same_party_is_one_case(story) -> None:
    got = story("The People's Bank of China fined Industrial Bank and Bank of Ningbo. Both "
                "breached rules.",
                "Industrial Bank was fined 1.2 million yuan. It breached statistics rules.",
                "Bank of Ningbo was fined 3.4 million yuan. It mishandled credit data.")
    assert [(c.respondent, c.fine.value) for c in got] == [("Industrial Bank", 1_200_000),
                                                          ("Bank of Ningbo", 3_400_000)]


def test_story_count_named_one_by_one_is_no_case(story) -> None:
    got = story("The Chaoyang District People's Court on Tuesday sentenced three people for "
                "trading personal data. They were employees.",
                "Zhao was sentenced to two years in prison. He was fined 20,000 yuan.")
    assert [c.respondent for c in got] == ["Zhao"]


def test_story_back_reference_to_an_earlier_paragraph(story) -> None:
    got = story("The State Administration for Market Regulation fined Meituan 3.442 billion "
                "yuan. The ruling ended a six-month probe.",
                "The Beijing-based company was ordered to rectify its practices. It said it "
                "would comply.")
    assert got[-1].respondent == "Meituan"


def test_numbered_newsletter_items_are_separate_stories(story) -> None:
    got = story("Bookstore fined. A bookstore was fined 30,000 yuan.",
                "Hotel fined. The hotel was fined 20,000 yuan by the Kunming police.",
                layout="numbered")
    assert len(got) == 2


def test_a_decision_to_inflict_a_penalty_is_a_case(cases) -> None:
    got = cases("DiDi fined", "On July 21, 2022, the Cyberspace Administration of China published "
                "its decision to inflict administrative penalties of RMB 8.026 billion on Didi "
                "Global Co., Ltd. for breaking data laws.")
    assert [(c["respondent"], c["fine_cny"]) for c in got] == [("Didi Global Co., Ltd",
                                                                8_026_000_000)]
    # a plan is still no case
    assert cases("Plans", "The regulator plans to inflict penalties on Didi Global Co., Ltd.") == []


def test_chinas_public_security_authority_is_the_ministry(cases) -> None:
    got = cases("Dior penalised", "China's public security authority has penalised Christian Dior "
                "Couture (Shanghai) Co., Ltd. for sending customers' data abroad unlawfully.")
    assert [c["authority"]["name"] for c in got] == ["Ministry of Public Security"]


def test_a_court_that_acts_is_the_actor_not_the_one_that_reports(cases) -> None:
    got = cases("Four convicted", "A court in Shanghai has found four people guilty of selling "
                "celebrities' flight details, the Shanghai High People's Court said on Tuesday. "
                "The Jing'an District People's Court convicted them of infringing on personal "
                "information.")
    assert [c["authority"]["name"] for c in got] == ["People's Court of Jing'an District"]
