"""Layouts without numbered or marked-up items: digests of bullets, headline digests, news
stories, blog posts, tables and Q&A. Every text here is written for the test; the facts in
them (bodies, dates, amounts) are public."""

from __future__ import annotations

import textwrap

import pytest

from kg.ingest import Document, SourceText, read_bytes
from kg.ingest.developments import clauses, starts_development
from kg.ingest.metadata import dateline
from kg.ingest.reader import read_source


def read(name: str, text: str) -> Document:
    return read_bytes(name, textwrap.dedent(text).lstrip("\n").encode("utf-8"))


def starts(doc: Document) -> list[str]:
    return [item.headline[:30] for item in doc.items]


HIGHLIGHTS = """
    Data Protection Monthly – March 2024

    To receive this update, write to our privacy team.

    Key Highlights

    In February 2024, regulators kept up their work on data export and app governance:

      • Data Export: The Cyberspace Administration of China released a draft of rules that ease security assessments for outbound data. Notably, the Tianjin Free Trade Zone published its own negative list. These lists name the data that needs an assessment.
      • App Governance: The Ministry of Industry and Information Technology notified 26 apps that collected data without consent; the Shanghai Communications Administration removed 12 apps from app stores.
    """


def test_highlight_bullets_are_items_when_nothing_follows() -> None:
    assert read("digest.txt", HIGHLIGHTS).layout == "prose"


def test_each_development_in_a_bullet_is_an_item() -> None:
    assert starts(read("digest.txt", HIGHLIGHTS)) == [
        "Data Export: The Cyberspace Ad",
        "Notably, the Tianjin Free Trad",
        "App Governance: The Ministry o",
        "the Shanghai Communications Ad",
    ]


def test_a_sentence_that_refers_back_continues_its_development() -> None:
    doc = read("digest.txt", HIGHLIGHTS)
    assert "These lists name the data" in doc.items[1].body


def test_the_list_introduction_and_the_title_are_no_items() -> None:
    doc = read("digest.txt", HIGHLIGHTS)
    assert doc.title == "Data Protection Monthly – March 2024"
    assert not any(item.headline.startswith(("In February", "Data Protection Monthly"))
                   for item in doc.items)


HEADLINES = """
    Regulatory Highlights

    CAC Issues Measures for Security Assessment of Data Exports
    The Cyberspace Administration of China issued the Measures for Security Assessment of Data Exports on 7 July 2022. They take effect on 1 September 2022.

    MIIT Notifies 26 Apps for Infringing User Rights
    The Ministry of Industry and Information Technology named 26 apps on 20 July 2022 and gave them five days to rectify.
    """


def test_headline_digest_items_are_headed_by_their_headlines() -> None:
    assert starts(read("headlines.txt", HEADLINES)) == [
        "CAC Issues Measures for Securi", "MIIT Notifies 26 Apps for Infr"]


def test_headline_digest_dates_come_from_the_paragraph() -> None:
    assert [i.date for i in read("headlines.txt", HEADLINES).items] == ["2022-07-07",
                                                                        "2022-07-20"]


NEWS = """
    Regulator fines three banks over data systems

    China's banking regulator disclosed fines of 10 million yuan on three lenders on Friday.

    Bank of China was fined 4.3 million yuan for failing to report changes to important information systems.

    China Construction Bank was fined 1.7 million yuan ($239,000) for four violations. The bank said it would rectify them.

    Analysts said the fines show closer supervision of technology risks at banks.
    """


def test_news_story_gives_one_item_per_penalised_party() -> None:
    found = starts(read("news.txt", NEWS))
    assert "Bank of China was fined 4.3 mi" in found
    assert "China Construction Bank was fi" in found


def test_news_commentary_is_no_item() -> None:
    assert not any(s.startswith("Analysts") for s in starts(read("news.txt", NEWS)))


def test_news_title_is_no_item_when_its_story_opens_with_the_development() -> None:
    assert not any(s.startswith("Regulator fines") for s in starts(read("news.txt", NEWS)))


BLOG = """
    A second fine under the PIPL

    On 6 September 2023, the Cyberspace Administration of China imposed a fine of RMB 50 million on an online academic database.

    The decision follows an investigation that began in 2022. It found that the apps collected personal information without consent.

    This is only the second time the regulator has fined a company under the law.
    """


def test_blog_story_over_several_paragraphs_is_one_item() -> None:
    doc = read("blog.txt", BLOG)
    assert len(doc.items) == 1 and "second time" in doc.items[0].body


LEAD = """
    App makers told to fix their permissions

    Source: Example Wire | 2021-08-30 | Editor: staff

    In August, the Ministry of Industry and Information Technology listed 267 apps in three batches that had not fixed problems with user rights in time.

    According to the notices, most of the apps asked for permissions they did not need.

    By August 25, the ministry had removed 67 apps from app stores.
    """


def test_a_lead_paragraph_without_a_development_verb_is_kept_in_the_first_item() -> None:
    doc = read("lead.txt", LEAD)
    assert doc.items[0].headline.startswith("In August, the Ministry")
    assert "most of the apps" in doc.items[0].text
    assert not any("Example Wire" in item.text for item in doc.items)


def test_blog_story_date() -> None:
    assert read("blog.txt", BLOG).items[0].date == "2023-09-06"


def test_a_story_date_without_a_year_takes_the_year_of_the_one_before() -> None:
    doc = read("story.txt", """
        On March 15, 2021, a broadcaster reported that a retailer filmed shoppers' faces.

        On June 22, the Shanghai Administration for Market Regulation fined the retailer 500,000 yuan.
        """)
    assert [i.date for i in doc.items] == ["2021-03-15", "2021-06-22"]


def test_on_the_same_date_takes_the_date_before() -> None:
    doc = read("story.txt", """
        On 21 October 2020, a central bank branch in Jilin fined a bank 12.23 million yuan.

        On the same date three branches of another bank were fined a total of 24.53 million yuan.
        """)
    assert [i.date for i in doc.items] == ["2020-10-21", "2020-10-21"]


def test_month_only_date_keeps_the_month() -> None:
    doc = read("story.txt", """
        In December 2024, the National Data Administration released guidelines on public data.

        Officials said more rules would follow next year.
        """)
    item = doc.items[0]
    assert (item.date, item.month) == (None, "2024-12")


def test_a_story_without_years_takes_the_year_it_names_as_a_time() -> None:
    doc = read("story.txt", """
        On July 15, a city cyberspace administration fined a retailer RMB 80,000.

        The fine follows an inspection campaign that ran throughout 2021.
        """)
    assert doc.items[0].date == "2021-07-15"


def test_a_year_that_qualifies_a_noun_dates_nothing() -> None:
    doc = read("story.txt", """
        On July 15, a city cyberspace administration fined a retailer RMB 80,000.

        The fine equals a tenth of the retailer's 2019 online sales.
        """)
    assert doc.items[0].date is None


def test_weekday_is_resolved_against_the_article_date() -> None:
    text = "The Cyberspace Administration of China said on Monday it had fined an app operator.\n"
    source = SourceText(text, "utf-8", "html", published="2022-01-12")
    doc = read_source("page.html", source, "0" * 64)
    assert doc.items[0].date == "2022-01-10"


@pytest.mark.parametrize("dateline", ["Published: Jan 12, 2022 03:23 PM", "12 January 2022",
                                      "Updated on 2022-01-12", "Daily Wire Published: 2022-01-12 20:37:56",
                                      "2022-01-12 Daily Wire Editor: Jane Doe",
                                      "By Jane Doe in Beijing | Daily Wire | Updated: 2022-01-12 09:43",
                                      "Published 12 January 2022 Jane Doe"])
def test_weekday_is_resolved_against_a_plain_texts_own_dateline(dateline: str) -> None:
    doc = read("story.txt", f"""
        App operator fined
        {dateline}

        The Cyberspace Administration of China said on Monday it had fined an app operator.
        """)
    assert [i.date for i in doc.items] == ["2022-01-10"]


def test_a_date_inside_a_sentence_is_no_dateline() -> None:
    doc = read("story.txt", """
        App operator fined

        On 12 January 2022 the CAC published a notice. It said on Monday it had fined an app.
        """)
    assert doc.items[0].date == "2022-01-12"
    assert dateline(doc.text) is None


def test_weekday_without_an_article_date_is_left_null() -> None:
    doc = read("story.txt", "The Cyberspace Administration of China said on Monday it had "
                            "fined an app operator.\n")
    assert doc.items[0].date is None


def test_repeated_title_and_summary_give_no_second_item() -> None:
    doc = read("page.txt", """
        Platform fined for data breach

        On 13 June 2025, the Beijing Cyberspace Administration fined a platform for a data breach.

        Platform fined for data breach

        On 13 June 2025, the Beijing Cyberspace Administration fined a platform for a data breach.
        """)
    assert len(doc.items) == 1


TABLE = """
    Enforcement tracker

    Date | Authority | Respondent | Penalty
    2024-03-05 | Shanghai Cyberspace Administration | A logistics company | Warning
    2024-03-12 | Beijing Public Security Bureau | A hotel operator | Fine of RMB 50,000
    2024-03-20 | Cyberspace Administration of China | An app operator | App removal
    """


def test_table_rows_are_items() -> None:
    doc = read("table.txt", TABLE)
    assert (doc.layout, len(doc.items)) == ("table", 3)


def test_table_rows_are_dated_by_their_date_cell() -> None:
    assert [i.date for i in read("table.txt", TABLE).items] == ["2024-03-05", "2024-03-12",
                                                                "2024-03-20"]


QA = """
    Questions on the export rules

    Q1: What did the CAC publish?
    A: On 22 March 2024, the Cyberspace Administration of China issued the Provisions on Promoting and Regulating Cross-border Data Flows.

    Q2: Which standard did TC260 release?
    A: On 8 April 2024, TC260 released a draft standard on data classification.
    """


def test_answered_questions_are_items() -> None:
    doc = read("qa.txt", QA)
    assert (doc.layout, [i.date for i in doc.items]) == ("qa", ["2024-03-22", "2024-04-08"])


def test_text_without_a_development_is_read_one_paragraph_per_item() -> None:
    doc = read("notes.txt", """
        Notes from the privacy roundtable

        Speakers compared consent practices across sectors and regions.

        Several participants asked for clearer guidance on anonymisation.
        """)
    assert doc.layout == "paragraphs" and len(doc.items) == 2


def test_a_disclaimer_inside_a_flattened_page_does_not_drop_the_page() -> None:
    # One block for the whole page: the publisher's phrase comes after the news, not first.
    doc = read("flat.txt", """
        Privacy notes

        Speakers compared consent practices across sectors and regions. Several participants \
        asked for clearer guidance on anonymisation. This note is for general information \
        only and is not advice. Later sessions turned to data export filings.
        """)
    assert len(doc.items) == 1 and "anonymisation" in doc.items[0].text


def test_a_text_of_publisher_lines_alone_is_still_read() -> None:
    doc = read("teaser.txt", """
        Continue reading Our Notes On Consent And Export

        This page is for general information only, and the notes on it are our own.
        """)
    assert len(doc.items) == 1 and "general information" in doc.items[0].text


TRACKER = """
    Measures for Filing Data Export Contracts
    Cyberspace Administration of China (CAC)
    Handlers that sign the standard contract file it with the provincial office within ten \
working days. Read the full text >
    2024 List of Pilot Zones for Data Labelling
    National Data Administration
    Five cities will host labelling bases and share their tools with local firms. Read more >
    Notice on Easier Payroll Transfers
    State Administration of Foreign Exchange
    Banks may pay foreign staff without checking papers within set limits. Read the full text >
    """


def test_tracker_entries_are_title_source_and_teaser() -> None:
    doc = read("tracker.txt", TRACKER)
    assert [item.headline for item in doc.items] == [
        "Measures for Filing Data Export Contracts", "2024 List of Pilot Zones for Data Labelling",
        "Notice on Easier Payroll Transfers"]
    assert doc.items[1].body.startswith("National Data Administration")
    assert "Payroll" not in doc.items[1].body and "Read more" in doc.items[1].body


def test_a_story_opening_with_a_crackdown_in_progress_is_one_item() -> None:
    doc = read("crackdown.txt", """
        Photo: file

        Chinese regulators are launching a campaign against apps that over-collect data, \
taking offline 40 apps from shops and lenders.

        The apps lacked privacy policies and asked for more data than they needed, the \
Ministry of Public Security said on Tuesday.

        Among the apps taken offline were two banks' apps and a reading platform.
        """)
    assert doc.layout == "prose" and len(doc.items) == 1


def test_prose_spans_point_at_the_headline() -> None:
    doc = read("news.txt", NEWS)
    for item in doc.items:
        assert doc.text[item.span[0]:item.span[1]].startswith(item.headline)


def test_clauses_keep_abbreviations_whole() -> None:
    text = "Beijing Douwang Technology Co., Ltd. was fined 1.5 million yuan. It paid on Jan. 6."
    assert [text[s:e] for s, e in clauses(text)] == [
        "Beijing Douwang Technology Co., Ltd. was fined 1.5 million yuan.", "It paid on Jan. 6."]


def test_a_named_actor_and_an_act_start_a_development() -> None:
    assert starts_development("Separately, on July 4, the CAC ordered app stores to remove it.")


def test_a_back_reference_does_not_start_a_development() -> None:
    assert not starts_development("These measures were issued to protect minors.")


def test_an_infinitive_is_no_act() -> None:
    assert not starts_development("If you would like to be notified of our events, write to us.")


def test_a_source_before_the_comma_is_a_lead_in() -> None:
    assert starts_development("According to the decision letter, the Shanghai Administration "
                              "for Market Regulation fined the retailer 500,000 yuan.")


def test_a_caption_heads_no_item() -> None:
    doc = read("page.txt", """
        Retailer fined for face recognition cameras

        Screenshot source: the regulator's website

        The Shanghai Administration for Market Regulation fined a retailer 500,000 yuan on 22 June 2021.
        """)
    assert [i.headline[:10] for i in doc.items] == ["The Shangh"]


EFFECT = """
    Data Protection Monthly – March 2025

    Key Highlights

    In March 2025, regulators kept up their work on data export and app governance:

      • Data Export: The Cyberspace Administration of China issued the Measures on Outbound Data, which will take effect on 1 October 2025. Notably, the Rules on Data Labelling came into effect on 3 March 2025.
    """


def test_a_date_a_rule_takes_effect_on_does_not_date_its_issue() -> None:
    item = read("effect.txt", EFFECT).items[0]
    assert item.headline.startswith("Data Export")
    assert item.date != "2025-10-01" and item.month != "2025-10"


def test_a_rule_coming_into_effect_is_dated_by_it() -> None:
    dates = {item.headline[:20]: item.date for item in read("effect.txt", EFFECT).items}
    assert dates["Notably, the Rules o"] == "2025-03-03"


LINKED_STORY = """
    Regulator fines a lender over customer data

    The Cyberspace Administration of Hangzhou fined a small loan company RMB 50,000 on 3 May 2024 for keeping customer records without protection.
    The company was also ordered to rectify within 30 days.
    SEE ALSO: Two Video Platforms Fined RMB 200,000 for Misleading Minors
    Read more – Provincial regulator names 12 apps
    Related news was published by the provincial bureau on the same day.
    """


def test_a_line_pointing_to_another_article_is_no_item_and_no_case(builder) -> None:  # noqa: ANN001
    doc = read("story.txt", LINKED_STORY)
    assert [item.headline[:24] for item in doc.items] == ["The Cyberspace Administr"]
    # The rubric needs its colon or dash: a sentence that starts with the same word is prose.
    assert "Related news was published" in doc.items[0].body
    cases = [c for ext in builder.extractor.extract(doc) for c in ext.cases]
    assert [c.respondent for c in cases] == ["a small loan company"]


def test_counted_or_named_parties_penalised_start_a_development() -> None:
    assert starts_development("Twelve apps were removed from app stores on Monday.")
    assert starts_development("The three suspects were jailed for selling phone numbers.")
    assert starts_development("A courier firm in Hangzhou was fined 80,000 yuan.")
    # A company's full name, however long the subject before the verb.
    assert starts_development("A manager and two staff of a firm, Lianxin Data Technology "
                              "Co., Ltd., on Friday were sentenced to prison.")
    assert not starts_development("The penalty was imposed for seven kinds of conduct.")


STORY = """
    Seller of call lists jailed

    By LI MING in HANGZHOU (Daily Post)

    A former sales employee of a property agency has been jailed for three years for selling the phone numbers of buyers, a Hangzhou court said.

    The man, surnamed Wu, made 30,000 yuan from the sales. He was also fined 20,000 yuan.

    The court said the numbers were sold to decoration firms.
    """


def test_a_news_story_told_over_paragraphs_is_one_item() -> None:
    doc = read("story.txt", STORY)
    assert doc.layout == "prose"
    assert starts(doc) == ["A former sales employee of a p"]


def test_a_byline_heads_no_item() -> None:
    doc = read("story.txt", STORY)
    assert not any(i.headline.startswith("By ") for i in doc.items)


def test_a_headline_the_page_repeats_starts_no_second_item() -> None:
    doc = read("page.txt", """
        Two banks fined over customer data

        The Beijing branch of the People's Bank of China fined Bank A 1.2 million yuan on 3 May 2024 for leaking customer data.

        Two banks fined over customer data

        Bank B was fined 800,000 yuan by the same branch for the same conduct.
        """)
    heads = [i.headline for i in doc.items]
    assert heads.count("Two banks fined over customer data") <= 1
    assert any(h.startswith("Bank B was fined") for h in heads)


def test_each_teaser_of_a_listing_page_is_an_item() -> None:
    doc = read("listing.txt", """
        Operators of apps for children must now file a yearly report with the regulator. The first report is due...more
        The Beijing Municipal Administration for Market Regulation fined an online shop 200,000 yuan for selling...more
        Firms that export data will find the new guide useful when they prepare their filings, as it lists...more
        """)
    assert starts(doc) == ["Operators of apps for children",
                           "The Beijing Municipal Administ",
                           "Firms that export data will fi"]


def test_a_teaser_above_a_link_to_its_article_is_an_item() -> None:
    doc = read("blog.txt", """
        Companies that handle the data of minors face new duties under a rule finalised this autumn. It also sets out how audits work.

        Continue Reading New duties for handlers of minors' data

        Our earlier post looked at the draft guide on sensitive data. The final version is now out and differs in places.

        Continue Reading Sensitive data guide finalised
        """)
    assert starts(doc) == ["Companies that handle the data", "Our earlier post looked at the"]
    assert not any("Continue Reading" in i.text for i in doc.items)


def test_a_paragraph_that_opens_with_a_full_date_is_a_new_development() -> None:
    assert starts_development("On 9 March 2021, amid a campaign against scam calls that ran for "
                              "months in many provinces and drew in banks, carriers and app "
                              "stores across the country, the MIIT named 20 apps.", True)
    assert starts_development("On March 1, 2020, the Provisions on Online Content took effect.",
                              True)
    assert not starts_development("In March 2020, regulators kept up their work on apps.", True)


def test_a_lead_sentence_belongs_to_the_development_after_it() -> None:
    doc = read("story.txt", """
        Regulators are turning to face data in shops. The Wuhan Administration for Market Regulation has hit two estate agents with 80,000 yuan fines for filming visitors.

        The agents had not asked for consent.
        """)
    assert starts(doc) == ["Regulators are turning to face"]


def test_a_paragraph_telling_one_more_case_is_a_development_of_its_own() -> None:
    doc = read("story.txt", """
        The Ministry of Public Security said on 20 March 2025 that police had solved 7,000 cases of personal information crime in 2024.

        In one case, police in Beijing's Haidian district arrested eight suspects who had planted malware on company computers.

        In another case, a ring that sold the resumes of job seekers was broken up by police in Changchun.

        A separate case involved courier staff who sold waybill data to a criminal group.
        """)
    # the report's lead opens the first case's item
    assert starts(doc) == ["The Ministry of Public Securit", "In another case, a ring that s",
                           "A separate case involved couri"]
    assert not starts_development("In another case, a ring was broken up.", False)


def test_a_count_as_of_a_day_is_dated_by_it() -> None:
    doc = read("story.txt", """
        By August 25, 2020, the MIIT had removed 67 apps that failed to correct their violations.

        Operators must correct their apps by 1 October 2020.
        """)
    assert doc.items[0].date == "2020-08-25"


@pytest.mark.parametrize(("clause", "opens"), [
    ("Eighteen apps were found collecting personal information without consent, the MIIT said.",
     True),
    ("A hotel in Ningbo was criticised for scanning the faces of its guests.", True),
    ("The report found that 18 apps were collecting data.", False),
    ("These companies were also found to mislead users.", False),
])
def test_a_verb_that_reports_an_act_only_in_the_passive(clause: str, opens: bool) -> None:
    assert starts_development(clause, True) is opens


def test_a_paragraph_opening_with_its_own_lead_starts_the_next_story() -> None:
    doc = read("story.txt", """
        The Shanghai Cyberspace Administration named 20 companies whose apps collected too much data.

        The companies have promised to fix the problems.

        Ride-hailing firms have faced more scrutiny after a run of data leaks. Police in Hangzhou arrested a driver who sold passenger records.

        It was the second such case this year. The Hangzhou Public Security Bureau fined a courier firm 50,000 yuan.
        """)
    # the third paragraph's first sentence leads into its arrest; the fourth opens by looking
    # back at that arrest, so it stays with it until the fine
    assert starts(doc) == ["The Shanghai Cyberspace Admini", "Ride-hailing firms have faced ",
                           "The Hangzhou Public Security B"]


def test_an_instruments_title_over_its_paragraph_heads_an_item() -> None:
    doc = read("roundup.txt", """
        Regional Round-Up: Data Protection

        The Cyberspace Administration of China has released three drafts for public comment this quarter.

        Cybersecurity Review Measures

        The draft Cybersecurity Review Measures set up a review of network products bought by operators of critical information infrastructure.

        Regulations on the Protection of Children's Personal Information Online

        The draft Regulations would require consent from a guardian before a child's data is collected. They would also introduce a named person responsible for children's data.
        """)
    assert starts(doc)[1:] == ["Cybersecurity Review Measures", "Regulations on the Protection "]
    # "would also introduce": a proposal, not a development of its own
    assert not starts_development("The DSM Measures would also introduce a data officer.")
    assert starts_development("On May 30, in order to guide filings, the CAC compiled the Guidelines "
                              "for the Filing of Standard Contracts.", True)


def test_a_development_on_the_same_day_takes_the_date_before_it_in_any_layout() -> None:
    doc = read("update.txt", """
        1. App governance

        On July 22, 2020, four ministries launched a campaign on apps that collect too much personal information.

        On the same day, MIIT also announced a new round of rectification of apps.

        2. Standards

        TC260 also issued on the same day a practice guideline on self-assessment for apps.
        """)
    assert doc.layout == "numbered"
    assert [item.date for item in doc.items] == ["2020-07-22"] * len(doc.items)


def test_a_share_button_under_the_title_does_not_end_the_story() -> None:
    doc = read("story.txt", """
        Regulator warns three tech firms
        Daily Wire Published: 2018-01-12 20:37:56
        Comment
        Share

        China has warned three large tech firms about how they collect personal data from their users.

        The Ministry of Industry and Information Technology on Thursday named the three firms in a notice on its website.

        The regulator ordered the companies to correct their privacy policies at once.

        MIIT warned the companies that they would face heavy penalties if they broke the rules.
        """)
    # the regulator's order and warning go on with the story the notice began
    assert doc.layout == "prose"
    assert starts(doc) == ["China has warned three large t", "The Ministry of Industry and I"]
    assert doc.items[1].date == "2018-01-11"


def test_a_paragraph_of_two_developments_before_a_numbered_list_is_read() -> None:
    """A blog's opening paragraph reports two developments, then introduces the numbered
    sections of its analysis: the developments are items, each with its date."""
    doc = read("analysis.txt", """
        Analysis of the New Export Provisions
        Published 5 April 2024 Jane Doe

        On March 22, 2024, the Cyberspace Administration of China issued the Provisions on Export of Data. Previously, on September 28, 2023, the CAC had solicited comments on a draft of the Provisions. Compared with the draft, the Provisions contain these changes:
        1. Wider exemptions
        The exemptions now cover more ordinary business transfers than the draft did.
        2. Longer validity
        An assessment result now stays valid for three years instead of two.
        """)
    assert [(i.headline.split(",")[0], i.date) for i in doc.items[:2]] == [
        ("On March 22", "2024-03-22"), ("Previously", "2023-09-28")]


def test_a_paragraph_of_one_release_before_its_list_stays_the_lists_lead() -> None:
    doc = read("cases.txt", """
        On September 16, 2025, the Cyberspace Administration of China released typical cases. The summaries are as follows:
        (1) Case of Webpage Tampering by a Technology Co., Ltd. in Hunan
        The company failed to patch its system, in breach of the Cybersecurity Law.
        (2) Case of Data Leakage by a Logistics Co., Ltd. in Hebei
        The company kept no network logs, in breach of the Cybersecurity Law.
        """)
    assert [(i.number, i.date) for i in doc.items] == [(1, "2025-09-16"), (2, "2025-09-16")]


def test_lines_led_by_a_title_case_headline_and_a_colon_are_items() -> None:
    doc = read("highlights.txt", """
        Data Protection Highlights
        CAC Seeks Comments on Measures for Export Certification: The Cyberspace Administration of China has drafted measures on certification for data export and invites comments.
        310 Generative AI Services Complete Filing with the CAC: As of March 31, 2025, a total of 310 generative AI services had completed filing with the CAC.
        Ministry Lists Apps: The MIIT listed 20 apps that collect too much personal information.
        """)
    assert doc.items[1].date == "2025-03-31"  # "...: As of March 31, 2025, a total of ..."
    assert [" ".join(i.headline.split()).split(":")[0] for i in doc.items] == [
        "CAC Seeks Comments on Measures for Export Certification",
        "310 Generative AI Services Complete Filing with the CAC", "Ministry Lists Apps"]


def test_a_sentence_with_a_colon_is_no_headline_label() -> None:
    doc = read("quote.txt", """
        On 3 March 2025, the CAC fined a platform 500,000 yuan for leaking user data.
        The regulator said in a statement on the same day: Platforms must protect user data.
        """)
    assert len(doc.items) == 1


def test_a_story_of_an_admonition_is_one_development() -> None:
    doc = read("story.txt", """
        Regulator warns three platforms over data practices

        The Ministry of Industry and Information Technology has admonished three platforms for telling users too little about how their data is used.

        The ministry said the platforms had been negligent, according to a statement on its website.

        The three were also directed to make improvements at once.
        """)
    assert doc.layout == "prose" and len(doc.items) == 1


def test_a_news_title_that_its_lede_restates_heads_no_item_of_its_own() -> None:
    doc = read("news.txt", """
        Watchdog issues notices to 129 apps over personal data

        Fitness, shopping and video apps were among those named in the notice this week.

        Published: 12 June 2021 06:16 PM | Last Updated: 12 June 2021 06:16 PM

        By Wire Staff

        BEIJING: China's internet watchdog has issued notices to the operators of 129 apps for collecting personal data illegally, the agency said.
        """)
    assert len(doc.items) == 1 and "BEIJING" in doc.items[0].body
