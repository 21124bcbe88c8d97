"""Other publishers lay newsletters out differently; small made-up newsletters in each layout."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest import Document, read_bytes
from kg.ingest.layout import strip_decor
from kg.ingest.listing import is_date_line


def read(name: str, text: str) -> Document:
    return read_bytes(name, textwrap.dedent(text).lstrip("\n").encode("utf-8"))


def headlines(doc: Document) -> list[str]:
    return [" ".join(item.headline.split()) for item in doc.items]


# -- (a) markdown -----------------------------------------------------------------------------

MD_HASH = """
    # Asia Privacy Brief – May 2023

    ## Legislative developments

    ### CAC consults on draft rules for generative AI services

    On April 11, 2023, the Cyberspace Administration of China published draft measures.

    ### MIIT tightens rules on app permission requests

    MIIT asked app operators to review the permissions they request.

    ## Enforcement

    ### Shanghai police break up a data broker ring

    On 3 April 2023, police in Shanghai detained eleven suspects.
    """

MD_NUMBERED = """
    # Asia Privacy Brief – May 2023

    ## Legislative developments

    1. **CAC consults on draft rules for generative AI services (11 April)**

       The Cyberspace Administration of China published draft measures.

    2. **MIIT tightens rules on app permission requests (20 April)**

       MIIT asked app operators to review the permissions they request.

    ## Enforcement

    3. **Shanghai police break up a data broker ring (3 April)**

       Police in Shanghai detained eleven suspects.
    """


def test_markdown_hash_headings_are_items() -> None:
    doc = read("brief.md", MD_HASH)
    assert headlines(doc) == [
        "CAC consults on draft rules for generative AI services",
        "MIIT tightens rules on app permission requests",
        "Shanghai police break up a data broker ring",
    ]


def test_markdown_hash_headings_sections() -> None:
    doc = read("brief.md", MD_HASH)
    assert [i.section for i in doc.items] == ["legislative", "legislative", "enforcement"]


def test_markdown_hash_headings_dates() -> None:
    doc = read("brief.md", MD_HASH)
    assert [i.date for i in doc.items] == ["2023-04-11", None, "2023-04-03"]


def test_markdown_title_and_issue() -> None:
    doc = read("brief.md", MD_HASH)
    assert (doc.title, doc.issue) == ("Asia Privacy Brief – May 2023", "2023-05")


def test_markdown_numbered_bold_headings_have_no_asterisks() -> None:
    doc = read("brief.md", MD_NUMBERED)
    assert headlines(doc) == [
        "CAC consults on draft rules for generative AI services (11 April)",
        "MIIT tightens rules on app permission requests (20 April)",
        "Shanghai police break up a data broker ring (3 April)",
    ]


def test_markdown_numbered_bold_numbers_dates_sections() -> None:
    doc = read("brief.md", MD_NUMBERED)
    assert [(i.number, i.date, i.section) for i in doc.items] == [
        (1, "2023-04-11", "legislative"),
        (2, "2023-04-20", "legislative"),
        (3, "2023-04-03", "enforcement"),
    ]


def test_markdown_title_heading_of_sectionless_file_is_not_an_item() -> None:
    doc = read("notes.md", """
        # Data Notes – June 2022

        ### CAC consults on standard contract rules

        On June 30, 2022, the CAC released draft rules for the standard contract.

        ### Court fines a data broker

        On June 2, 2022, a court fined a broker for selling phone numbers.
        """)
    assert headlines(doc) == ["CAC consults on standard contract rules",
                              "Court fines a data broker"]


# -- (b) HTML ---------------------------------------------------------------------------------

HTML = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>China Privacy Watch – June 2023</title>
    <meta property="og:site_name" content="Harbour Lane Legal">
    <script>var trackerToken = "SCRIPT_TOKEN_XYZ";</script>
    <style>.lead { color: #333 }</style>
    </head>
    <body>
    <nav><a href="/">Home</a> <a href="/insights">NAVMENU Insights</a></nav>
    <div class="cookie-banner">COOKIEBANNER We use cookies.</div>
    <main>
    <h1>China Privacy Watch – June 2023</h1>
    <h2>Legislative developments</h2>
    <h3>CAC publishes rules on personal information audits (8 May)</h3>
    <p>The Cyberspace Administration of China released draft rules on compliance audits.</p>
    <ul><li>audits every two years for large processors;</li>
    <li>third-party auditors allowed.</li></ul>
    <h3>NDA consults on a public data catalogue (19 May)</h3>
    <p>The National Data Administration asked for comments on a public data catalogue.</p>
    <h2>Enforcement</h2>
    <h3>Beijing regulator fines a ride-hailing app (24 May)</h3>
    <p>The app was fined RMB 80,000 for collecting location data without consent.</p>
    </main>
    <footer>FOOTERTEXT © 2023 Harbour Lane Legal</footer>
    <script>console.log("SCRIPT_TWO_XYZ")</script>
    </body></html>
    """


def test_html_items_found() -> None:
    doc = read("watch.html", HTML)
    assert headlines(doc) == [
        "CAC publishes rules on personal information audits (8 May)",
        "NDA consults on a public data catalogue (19 May)",
        "Beijing regulator fines a ride-hailing app (24 May)",
    ]


def test_html_dates_and_sections() -> None:
    doc = read("watch.html", HTML)
    assert [(i.date, i.section) for i in doc.items] == [
        ("2023-05-08", "legislative"), ("2023-05-19", "legislative"),
        ("2023-05-24", "enforcement")]


@pytest.mark.parametrize("chrome", ["SCRIPT_TOKEN_XYZ", "SCRIPT_TWO_XYZ", "NAVMENU", "FOOTERTEXT",
                                    "COOKIEBANNER", "color: #333"])
def test_html_page_chrome_is_not_in_text(chrome: str) -> None:
    assert chrome not in read("watch.html", HTML).text


def test_html_list_inside_item_is_part_of_the_body() -> None:
    doc = read("watch.html", HTML)
    assert "third-party auditors allowed." in doc.items[0].body


def test_html_title_from_title_tag() -> None:
    assert read("watch.html", HTML).title == "China Privacy Watch – June 2023"


def test_html_publisher_from_og_site_name() -> None:
    assert read("watch.html", HTML).publisher == "Harbour Lane Legal"


def test_html_issue_from_title() -> None:
    assert read("watch.html", HTML).issue == "2023-06"


def test_html_page_title_heading_of_sectionless_page_is_not_an_item() -> None:
    doc = read("notes.html", """
        <html><head><title>Data Notes</title></head><body>
        <h1>Data Notes – June 2022</h1>
        <h3>CAC consults on standard contract rules (30 June)</h3>
        <p>The CAC released draft rules for the standard contract.</p>
        <h3>Court fines a data broker (2 June)</h3>
        <p>A court fined a broker for selling phone numbers.</p>
        </body></html>
        """)
    assert headlines(doc) == ["CAC consults on standard contract rules (30 June)",
                              "Court fines a data broker (2 June)"]


def test_html_recognised_without_html_suffix() -> None:
    doc = read("saved_page", HTML)
    assert "SCRIPT_TOKEN_XYZ" not in doc.text and len(doc.items) == 3


# -- (c) US dates with footnote numbers -------------------------------------------------------

US = """
    Asia Data Regulatory Digest

    Regulatory developments

    SAMR finalises rules against unfair competition online
    On March 28, 2023, the State Administration for Market Regulation ("SAMR") issued rules.1
    The rules bar the misuse of data to harm competitors.2

    The rules take effect on June 1, 2023.

    Enforcement

    Court rules against scraping of public posts
    On March 9, 2023, a court in Hangzhou ordered a data company to pay damages.3

    1 See the SAMR announcement of 28 March 2023.
    """


def test_us_dates_items() -> None:
    doc = read("digest.txt", US)
    assert headlines(doc) == ["SAMR finalises rules against unfair competition online",
                              "Court rules against scraping of public posts"]


def test_us_dates_are_the_on_date_not_the_effective_date() -> None:
    doc = read("digest.txt", US)
    assert [i.date for i in doc.items] == ["2023-03-28", "2023-03-09"]


def test_a_numbered_item_dated_inside_its_body_takes_that_date() -> None:
    body = ("To implement the Cybersecurity Law, the Ministry of Public Security has drafted "
            "guidelines. The guidelines were issued on 30 November 2018 for comment, and take "
            "effect on 1 March 2019 once final.")
    doc = read("digest.txt", f"""
        1. Guidelines on personal information security released for comment

        {body}

        2. Customs to reach payment data

        The General Administration of Customs will gain access to payment data, it said.
        """)
    assert [i.date for i in doc.items] == ["2018-11-30", None]


def test_us_dates_sections() -> None:
    doc = read("digest.txt", US)
    assert [i.section for i in doc.items] == ["legislative", "enforcement"]


def test_footnote_number_after_the_date_comma() -> None:
    doc = read("digest.txt", """
        Regulatory developments

        MIIT sets up a data security sandbox
        On March 28, 2023,4 the ministry announced a pilot for data security products.5

        4 On 1 January 2022, the earlier pilot ended.
        """)
    assert doc.items[0].date == "2023-03-28"


def test_footnote_lines_are_not_items() -> None:
    assert len(read("digest.txt", US).items) == 2


# -- (d) UK dates, year across a boundary -----------------------------------------------------

UK = """
    China Data Update – January 2025 Issue

    Legislative Developments

    1. The CAC published draft rules on network data labelling (5 January)
    The draft rules are open for comment until the end of the month.

    2. MIIT finalised a catalogue of important industrial data (16 December)
    The catalogue lists categories of important data in manufacturing.

    Enforcement Developments

    3. Guangdong regulators punished four app operators (28 December)
    The operators were ordered to rectify within fifteen days.
    """


def test_uk_date_in_heading_same_year() -> None:
    assert read("update.txt", UK).items[0].date == "2025-01-05"


def test_uk_december_item_in_january_issue_is_previous_year() -> None:
    assert read("update.txt", UK).items[1].date == "2024-12-16"


def test_uk_issue_and_sections() -> None:
    doc = read("update.txt", UK)
    assert doc.issue == "2025-01"
    assert [i.section for i in doc.items] == ["legislative", "legislative", "enforcement"]


def test_uk_february_date_in_february_issue() -> None:
    doc = read("update.txt", """
        China Data Update – February 2024 Issue

        Legislative Developments

        1. Beijing issued rules on public data operation (5 February)
        The rules set out how operators are authorised.
        """)
    assert doc.items[0].date == "2024-02-05"


# -- (e) unnumbered headlines, "On <date>," bodies, lists inside items -------------------------

UNNUMBERED = """
    The Ministry of Commerce opens a pilot on cross-border data services

    On August 14, 2020, the Ministry of Commerce published a plan covering 28 pilot regions.

    The plan proposes to:

      • build dedicated data channels in pilot areas;
      • explore a classification model for cross-border data.

    The pilot areas must also:

      1. report progress each quarter;
      2. publish a list of pilot projects;
      3. share cases with other regions.

    For more information, please refer to the announcement.

    China publishes a draft standard on data processing security

    On August 21, 2020, the standards committee released a draft specification for comment.

    Highlights of the draft include:

      1. data classification duties;
      2. security assessments before processing.

    The comment period ends on October 20, 2020.
    """


def test_unnumbered_headlines_are_the_items() -> None:
    doc = read("pilot.txt", UNNUMBERED)
    assert headlines(doc) == [
        "The Ministry of Commerce opens a pilot on cross-border data services",
        "China publishes a draft standard on data processing security",
    ]


def test_unnumbered_items_have_no_numbers() -> None:
    assert [i.number for i in read("pilot.txt", UNNUMBERED).items] == [None, None]


def test_unnumbered_dates_from_on_opening() -> None:
    assert [i.date for i in read("pilot.txt", UNNUMBERED).items] == ["2020-08-14", "2020-08-21"]


def test_lists_stay_inside_their_item() -> None:
    first, second = read("pilot.txt", UNNUMBERED).items
    assert "3. share cases with other regions." in first.body
    assert "explore a classification model" in first.body
    assert "2. security assessments before processing." in second.body


def test_sectionless_rule_making_items_are_legislative() -> None:
    assert [i.section for i in read("pilot.txt", UNNUMBERED).items] == ["legislative"] * 2


# -- (f) numbering restarts in each section ----------------------------------------------------

RESTART = """
    Data Law Monthly – October 2021

    Legislative developments

    1. NPC adopted the Personal Information Protection Law (20 August)
    The law takes effect on 1 November.

    2. CAC released draft rules on network data security (14 September)
    The draft covers data classification and cross-border transfer.

    Enforcement developments

    1. MIIT removed 90 apps from stores (9 September)
    The apps failed to fix unlawful data collection.

    2. Police in Zhejiang arrested a data broker gang (22 September)
    Twenty suspects were arrested.

    Industry developments

    1. A data exchange opened in Shenzhen (30 September)
    The exchange will trade data products.
    """


def test_restarted_numbering_keeps_every_item() -> None:
    doc = read("monthly.txt", RESTART)
    assert [(i.number, i.section) for i in doc.items] == [
        (1, "legislative"), (2, "legislative"), (1, "enforcement"), (2, "enforcement"),
        (1, "industry")]


def test_restarted_numbering_dates() -> None:
    doc = read("monthly.txt", RESTART)
    assert [i.date for i in doc.items] == [
        "2021-08-20", "2021-09-14", "2021-09-09", "2021-09-22", "2021-09-30"]


# -- (g) front and back matter hold no items ---------------------------------------------------

FRONT_MATTER = """
    China Data Protection: Monthly Update – April 2023 Issue

    Written By

    Li Wei
    Partner
    Beijing

    Li Wei is a partner who advises on data compliance.
    1. Li Wei previously worked at a regulator (2015)
    She joined the firm in 2018.

    Key Highlights

    1. The key event this month was the draft AI measures (11 April)
    More detail is in the legislative section.

    Our View

    2. Why the new audit rules matter (3 April)
    Our commentary explains the audit duties.

    Legislative Developments

    1. CAC released draft measures on generative AI (11 April)
    The measures cover training data and labelling.

    Enforcement Developments

    2. SAMR fined an online retailer (18 April)
    The retailer misused consumer data.

    Latest insights

    3. Webinar: data export after one year (27 April)
    Join our team for a webinar.
    """


def test_front_and_back_matter_items_are_skipped() -> None:
    doc = read("update.txt", FRONT_MATTER)
    assert headlines(doc) == ["CAC released draft measures on generative AI (11 April)",
                              "SAMR fined an online retailer (18 April)"]


def test_front_matter_does_not_change_sections() -> None:
    doc = read("update.txt", FRONT_MATTER)
    assert [i.section for i in doc.items] == ["legislative", "enforcement"]


# -- (h) hard-wrapped plain text --------------------------------------------------------------

WRAPPED_PARAGRAPHS = [
    "PRC DATA PROTECTION BULLETIN - SEPTEMBER 2021",
    "This bulletin summarises developments in data protection and cybersecurity law in the "
    "People's Republic of China during the past month, for clients and friends of the firm.",
    "LEGISLATIVE DEVELOPMENTS",
    "Personal Information Protection Law adopted by the NPC Standing Committee",
    "On August 20, 2021, the Standing Committee of the National People's Congress adopted the "
    "Personal Information Protection Law, which will take effect on November 1, 2021. The law "
    "sets out the legal bases for processing personal information and the rules for transfers "
    "abroad.",
    "The law also creates duties for large platforms, including an independent oversight body "
    "and regular social responsibility reports.",
    "Regulations on critical information infrastructure published",
    "On August 17, 2021, the State Council published regulations on the security protection of "
    "critical information infrastructure, which define how sector regulators identify operators "
    "and what those operators must do to protect their networks.",
    "ENFORCEMENT",
    "Ministry removes forty-three apps from stores",
    "On August 18, 2021, the Ministry of Industry and Information Technology named forty-three "
    "apps that had failed to correct unlawful collection of personal information and ordered "
    "app stores to take them down within a week.",
    "Most of the apps had collected contact lists and location data without a clear notice to "
    "users, the ministry said in a statement published on its website.",
]
WRAPPED = "\n\n".join(textwrap.fill(p, 72) for p in WRAPPED_PARAGRAPHS) + "\n"


def test_fixture_is_really_hard_wrapped() -> None:
    assert max(len(line) for line in WRAPPED.splitlines()) <= 72
    assert len(WRAPPED.splitlines()) >= 30


def test_wrapped_items_found() -> None:
    doc = read_bytes("bulletin.txt", WRAPPED.encode())
    assert headlines(doc) == [
        "Personal Information Protection Law adopted by the NPC Standing Committee",
        "Regulations on critical information infrastructure published",
        "Ministry removes forty-three apps from stores",
    ]


def test_wrapped_dates_and_sections() -> None:
    doc = read_bytes("bulletin.txt", WRAPPED.encode())
    assert [(i.date, i.section) for i in doc.items] == [
        ("2021-08-20", "legislative"), ("2021-08-17", "legislative"),
        ("2021-08-18", "enforcement")]


def test_wrapped_body_keeps_its_second_paragraph() -> None:
    doc = read_bytes("bulletin.txt", WRAPPED.encode())
    assert "social responsibility" in doc.items[0].body
    assert "published on its" in doc.items[2].body


def test_wrapped_issue_from_upper_case_title() -> None:
    assert read_bytes("bulletin.txt", WRAPPED.encode()).issue == "2021-09"


# -- (i) spans --------------------------------------------------------------------------------

SPAN_CASES = {
    "uk.txt": UK, "restart.txt": RESTART, "pilot.txt": UNNUMBERED, "brief.md": MD_HASH,
    "numbered.md": MD_NUMBERED, "watch.html": HTML, "digest.txt": US,
}


@pytest.mark.parametrize("name", sorted(SPAN_CASES))
def test_span_starts_with_heading_and_holds_body(name: str) -> None:
    doc = read(name, SPAN_CASES[name])
    for item in doc.items:
        chunk = doc.text[item.span[0]:item.span[1]]
        heading_line = doc.text[item.span[0]:].split("\n", 1)[0]
        assert item.headline.split("\n")[0] in heading_line
        assert chunk.startswith(heading_line)
        assert item.body in chunk


@pytest.mark.parametrize("name", sorted(SPAN_CASES))
def test_headline_and_body_spans_point_at_their_text(name: str) -> None:
    doc = read(name, SPAN_CASES[name])
    for item in doc.items:
        assert doc.text[item.headline_span[0]:item.headline_span[1]] == item.headline
        assert doc.text[item.body_span[0]:item.body_span[1]] == item.body


@pytest.mark.parametrize("name", sorted(SPAN_CASES))
def test_spans_are_ordered_and_nested(name: str) -> None:
    doc = read(name, SPAN_CASES[name])
    previous_end = 0
    for item in doc.items:
        start, end = item.span
        assert previous_end <= start <= item.headline_span[0] < item.headline_span[1]
        assert item.headline_span[1] <= item.body_span[0] <= item.body_span[1] == end
        previous_end = end


def test_numbered_span_starts_at_the_number() -> None:
    doc = read("uk.txt", UK)
    assert doc.text[doc.items[1].span[0]:].startswith("2. MIIT finalised")


def test_wrapped_headline_span_covers_both_lines() -> None:
    doc = read_bytes("bulletin.txt", WRAPPED.encode())
    first = doc.items[0]
    assert " ".join(doc.text[first.headline_span[0]:first.headline_span[1]].split()) == (
        "Personal Information Protection Law adopted by the NPC Standing Committee")


# -- (j) issue month --------------------------------------------------------------------------

def test_issue_from_title_even_when_items_are_older() -> None:
    doc = read("update.txt", """
        Cyber Law Roundup - March 2024

        Legislative Developments

        1. TC260 released a draft standard on data labelling (27 February)
        The standard covers labelling of training data.
        """)
    assert (doc.issue, doc.items[0].date) == ("2024-03", "2024-02-27")


def test_issue_from_latest_item_date_without_title_month() -> None:
    doc = read("roundup.txt", """
        Cyber Law Roundup

        Regulatory developments

        CAC clarifies cross-border data rules
        On February 27, 2024, the CAC answered questions on the new rules.

        Beijing publishes a data export list
        On March 5, 2024, Beijing published a negative list for its free trade zone.

        Shenzhen opens a data exchange
        On January 30, 2024, a data exchange opened in Shenzhen.
        """)
    assert doc.issue == "2024-03"


# -- (k) no day, impossible days ---------------------------------------------------------------

NO_DAY = """
    China Data Protection: Monthly Update – July 2022 Issue

    Legislative Developments

    1. Shenzhen issued a data trading plan
    In June, Shenzhen published a plan for a data trading market.

    2. CAC clarified filing rules for algorithms (31 February)
    The notice explains how to file algorithms.

    3. NPC amended the Anti-Monopoly Law (24 June)
    The amendment adds rules on data and algorithms.

    4. Hangzhou set up a data bureau
    In July 2022, Hangzhou created a bureau for data resources.
    """


def test_month_without_day_gives_no_date() -> None:
    assert read("update.txt", NO_DAY).items[0].date is None


def test_month_and_year_without_day_gives_no_date() -> None:
    assert read("update.txt", NO_DAY).items[3].date is None


def test_31_february_is_not_a_date() -> None:
    assert read("update.txt", NO_DAY).items[1].date is None


def test_valid_date_beside_undated_items() -> None:
    assert read("update.txt", NO_DAY).items[2].date == "2022-06-24"


def test_undated_items_are_counted_in_a_warning() -> None:
    assert any("3 item(s)" in w for w in read("update.txt", NO_DAY).warnings)


def test_29_february_only_in_leap_years() -> None:
    doc = read("update.txt", """
        Data Update – March 2023

        Enforcement

        1. A court fined a data broker (29 February)
        The broker sold phone numbers.

        2. A court fined an app operator (28 February)
        The operator kept data too long.
        """)
    assert [i.date for i in doc.items] == [None, "2023-02-28"]


def test_every_date_is_a_real_iso_date() -> None:
    for text in (UK, RESTART, UNNUMBERED, MD_HASH, MD_NUMBERED, HTML, US, NO_DAY):
        for item in read("x.html" if "<html" in text else "x.txt", text).items:
            if item.date is not None:
                assert dt.date.fromisoformat(item.date).isoformat() == item.date


# The heading-decoration rule as one regex; `strip_decor` must do exactly what it does.
_DECOR_SPEC = re.compile(r"^(?:#{1,6}\s*|>\s*|\*\*|__|\[)+|(?:\*\*|__|\])+$")


@given(st.lists(st.sampled_from(["*", "_", "**", "__", "]", "[", "#", ">", " ", "a", "\n"]),
                max_size=12).map("".join))
def test_strip_decor_matches_the_regex_rule(text: str) -> None:
    assert strip_decor(text) == _DECOR_SPEC.sub("", text).strip()


@pytest.mark.parametrize(("text", "clean"), [
    ("## **3. New measures**", "3. New measures"),
    ("> [Draft rules]\n", "Draft rules"),
    ("A sentence ending with a bracket]", "A sentence ending with a bracket"),
    ("Five stars*****", "Five stars*"),
])
def test_strip_decor_examples(text: str, clean: str) -> None:
    assert strip_decor(text) == clean


# -- a digest whose items carry labelled dates ----------------------------------------------
LABELLED = """China Laws and Regulations Update, July 2023

1. Interim Measures for the Management of Generative AI Services

Promulgated by the Cyberspace Administration of China and six other departments

Promulgation date: 10 July 2023

Implementation date: 15 August 2023

The measures set out how providers of generative AI services to the public must label content.

2. Measures for Cybersecurity Incident Reporting (Draft)

Implementation date: 1 January 2024

The CAC asked for comments on how operators must report incidents.
"""


def test_a_promulgation_date_field_dates_the_item() -> None:
    doc = read("update.txt", LABELLED)
    assert [i.date for i in doc.items] == ["2023-07-10", None]


def test_a_headline_over_a_body_that_opens_in_a_date_heads_an_item() -> None:
    doc = read("digest.txt", """
        Data notes

        CAC Issues Incident Reporting Measures

        On 11 September 2025, the CAC issued measures on reporting cybersecurity incidents.

        NEA Releases Trial Measures on Energy Data

        In December 8, 2025, the National Energy Administration issued trial measures.
        """)
    assert headlines(doc) == ["CAC Issues Incident Reporting Measures",
                              "NEA Releases Trial Measures on Energy Data"]
    assert [item.date for item in doc.items] == ["2025-09-11", "2025-12-08"]


def test_the_paragraph_under_a_headline_is_one_story() -> None:
    story = ("The PIPL took effect on 1 November 2021. On 29 October, the CAC released draft "
             "measures for security assessment of data exports for public comment.")
    doc = read("update.txt", "\n\n".join([
        "Data protection update (November)", "Draft Measures on Security Assessment", story,
        "The Dual List of Personal Information",
        "The MIIT launched a campaign on 1 November 2021 that asks apps to keep two lists."]))
    assert headlines(doc) == ["Draft Measures on Security Assessment",
                              "The Dual List of Personal Information"]
    assert doc.items[0].date == "2021-10-29"


# -- (j) dated entries: a listing page of articles, a policy timeline ---------------------------

LISTING = """
    From our privacy team

    March 4, 2024

    What the new export rules mean for retailers

    The Cyberspace Administration of China eased filing duties for small transfers. We look at \
what changes for shops.

    February 19, 2024

    Three questions on the draft standard for face data

    TC260 asked for comments on a draft standard. Here are our answers.

    January 30, 2024

    January 8, 2024

    Notes from our data compliance breakfast

    Clients compared audit plans under the PIPL.

    Load more
    """

TIMELINE = """
    Timeline of the policy change

    2021-04-29
    in consultation

    The Standing Committee publishes a second draft of the law.

    2021-06-10
    adopted

    The law is adopted by the Standing Committee.

    2021-09-01
    in force

    The law takes effect across the country.
    """


@pytest.mark.parametrize("title", ["From our privacy team", "Insights"])
def test_listing_entries_are_items_dated_by_their_date_line(title: str) -> None:
    # "Insights" heads a newsletter's item-less back matter; over a whole page it is the page.
    doc = read("insights.txt", LISTING.replace("From our privacy team", title))
    assert doc.layout == "dated"
    assert headlines(doc) == ["What the new export rules mean for retailers",
                              "Three questions on the draft standard for face data",
                              "Notes from our data compliance breakfast"]
    assert [item.date for item in doc.items] == ["2024-03-04", "2024-02-19", "2024-01-08"]
    assert "Load more" not in doc.items[-1].body


def test_timeline_entries_are_items() -> None:
    doc = read("timeline.txt", TIMELINE)
    assert [item.date for item in doc.items] == ["2021-04-29", "2021-06-10", "2021-09-01"]
    assert "second draft" in doc.items[0].body and headlines(doc)[1] == "adopted"


@pytest.mark.parametrize("fixture", [LISTING, TIMELINE])
def test_a_dated_entry_spans_its_date_line(fixture: str) -> None:
    doc = read("dated.txt", fixture)
    for item in doc.items:
        chunk = doc.text[item.span[0]:item.span[1]]
        assert is_date_line(chunk.split("\n", 1)[0])
        assert doc.text[item.headline_span[0]:item.headline_span[1]] == item.headline
        assert item.body in chunk and chunk.index(item.headline) < chunk.index(item.body)


# A listing page flattened from HTML: each entry's date is printed under it, run into the next
# entry's first words.
GLUED = (
    "Prosecutors charged 120 people over the sale of courier waybills in 2025, the procuratorate "
    "said.\n"
    "March 3, 2026The procuratorate warned that data brokers now sell records made to order.\n"
    "February 2, 2026A joint opinion of the courts and the police targets people who help "
    "cyber fraud.\n"
    "January 5, 2026Procuratorates filed 900 public interest suits over personal information.\n"
    "December 1, 2025\n")


def test_entries_dated_from_below_take_the_date_under_them() -> None:
    doc = read("glued.txt", GLUED)
    assert doc.layout == "dated"
    assert [(item.headline.split()[0], item.date) for item in doc.items] == [
        ("Prosecutors", "2026-03-03"), ("The", "2026-02-02"), ("A", "2026-01-05"),
        ("Procuratorates", "2025-12-01")]
    for item in doc.items:
        chunk = doc.text[item.span[0]:item.span[1]]
        assert chunk.startswith(item.headline) and is_date_line(chunk.rsplit("\n", 1)[-1])


def test_two_date_lines_make_no_list() -> None:
    doc = read("letter.txt", """
        March 4, 2024

        Dear clients, the Cyberspace Administration of China issued the Measures on Data \
Export on 1 March 2024.

        March 5, 2024

        Our team will host a call on the Measures next week.
        """)
    assert doc.layout != "dated"



DIGEST = """
    Hubei Cyberspace Administration Issues Guidelines on Data Export Filing

    On June 14, 2023, the Hubei Cyberspace Administration issued guidelines on export filing.

    Hunan Government Issues Measures for Government Data Security

    On June 13, the Hunan government issued measures on the security of government data.

    """


@pytest.mark.parametrize(("last", "items"), [
    ("Shanghai Cyberspace Administration Publishes Notice on Filing of Standard Contr", 3),
    ("Contact our data protection team for advice", 2),  # a closing line that reports nothing
])
def test_a_digests_last_headline_is_an_item_when_its_story_is_cut_off(last: str,
                                                                      items: int) -> None:
    doc = read("digest.txt", DIGEST + "    " + last + "\n")
    assert doc.layout == "headings" and len(doc.items) == items
    assert headlines(doc)[-1] == (last if items == 3 else "Hunan Government Issues Measures for "
                                  "Government Data Security")
