"""Every format people receive newsletters in: web pages, PDF, Word, e-mail, RSS and Atom.

Each fixture is built here from text written for these tests: PDFs with fpdf2, .docx with
python-docx, e-mails with the email package, feeds and pages as strings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from kg.ingest import Document, ReadError, documents_from_bytes, read_file
from kg.ingest.sources import format_of, source_texts

TITLE = "Data Law Digest - March 2024"
ITEMS = [
    ("Cyberspace Administration of China issues rules on labelling generated content (5 March)",
     "On 5 March 2024, the Cyberspace Administration of China issued measures under the Personal "
     "Information Protection Law that require platforms to label generated text, images and "
     "video, to keep logs for six months and to report incidents within three working days."),
    ("Ministry of Industry and Information Technology publishes a data catalogue (8 March)",
     "The draft catalogue under the Data Security Law lists categories of industrial data that "
     "processors must protect, including production line parameters, supplier lists and maps "
     "of plants, and asks for comments by the end of April."),
    ("Provincial office fines an app operator for location tracking (12 March)",
     "The Cyberspace Administration of China fined the operator RMB 500,000 under the "
     "Personal Information Protection Law for collecting precise location data before users "
     "agreed to the privacy notice, and ordered it to delete the records within ten days."),
]
HEADLINES = [h for h, _ in ITEMS]


def one(name: str, data: bytes) -> Document:
    docs = documents_from_bytes(name, data)
    assert len(docs) == 1
    return docs[0]


def error_of(name: str, data: bytes) -> str:
    with pytest.raises(ReadError) as info:
        source_texts(name, data)
    return str(info.value)


def span_text(doc: Document, n: int) -> str:
    start, end = doc.items[n].span
    return re.sub(r"^\d+\.\s+", "", doc.text[start:end])


# -- PDF ---------------------------------------------------------------------------------------

def _fpdf(**kw):
    from fpdf import FPDF

    pdf = FPDF(**kw)
    pdf.set_font("Helvetica", size=11)
    return pdf


PLACES = ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan", "Tianjin",
          "Nanjing", "Xiamen")
PDF_ITEMS = [(f"{place}: {ITEMS[n % 3][0]}",
              f"{ITEMS[n % 3][1]} The {place} office will publish guidance on the rules later "
              f"this year. {ITEMS[(n + 1) % 3][1]}") for n, place in enumerate(PLACES)]


def pdf_newsletter(items: int = 9) -> bytes:
    """A newsletter of 3+ A5 pages, with a running header and "Page N of M" footers."""
    from fpdf import FPDF

    class Paged(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, "Example Partners | China Data Law", align="R")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Paged(format=(148, 210))  # A5, in mm
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for n, (headline, body) in enumerate(PDF_ITEMS[:items]):
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, f"{n + 1}. {headline}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    return bytes(pdf.output())


def pdf_two_columns() -> bytes:
    """Two columns written row by row across the page, as some typesetters do."""
    pdf = _fpdf()
    pdf.set_font("Helvetica", size=9)
    pdf.add_page()

    def column(numbers: range) -> list[str]:
        lines: list[str] = []
        for n in numbers:
            headline, body = ITEMS[n % 3]
            lines += [*textwrap.wrap(f"{n + 1}. {headline}", 48), *textwrap.wrap(body, 48), ""]
        return lines

    left, right = [TITLE, "", *column(range(0, 2))], column(range(2, 4))
    y = 20.0
    for i in range(max(len(left), len(right))):
        for x, side in ((12, left), (110, right)):
            if i < len(side) and side[i]:
                pdf.text(x, y, side[i])
        y += 5
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def pdf_doc() -> Document:
    return one("digest.pdf", pdf_newsletter())


def test_pdf_spans_three_pages_or_more() -> None:
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf_newsletter())).pages) >= 3


def test_pdf_items_are_the_numbered_headlines(pdf_doc: Document) -> None:
    assert [i.headline for i in pdf_doc.items] == [h for h, _ in PDF_ITEMS]


def test_pdf_span_starts_with_the_headline(pdf_doc: Document) -> None:
    assert all(span_text(pdf_doc, n).startswith(item.headline)
               for n, item in enumerate(pdf_doc.items))


def test_pdf_running_header_is_dropped(pdf_doc: Document) -> None:
    assert "China Data Law" not in pdf_doc.text


def test_pdf_page_numbers_are_dropped(pdf_doc: Document) -> None:
    assert not re.search(r"Page \d+ of \d+", pdf_doc.text)


def test_pdf_body_across_a_page_break_is_whole(pdf_doc: Document) -> None:
    assert [i.body for i in pdf_doc.items] == [b for _, b in PDF_ITEMS]


def test_pdf_title_is_the_first_line(pdf_doc: Document) -> None:
    assert pdf_doc.title == TITLE


def test_pdf_two_columns_read_column_by_column() -> None:
    doc = one("columns.pdf", pdf_two_columns())
    assert [i.headline for i in doc.items] == HEADLINES + HEADLINES[:1]


def test_pdf_two_column_bodies_do_not_interleave() -> None:
    doc = one("columns.pdf", pdf_two_columns())
    assert [i.body for i in doc.items] == [b for _, b in ITEMS + ITEMS[:1]]


HYPHENATED = ("The measures apply to every online plat-",
              "form operator in the country and to each",
              "cross-border transfer of data. Any cross-",
              "border transfer of more than ten thousand",
              "records needs a filing with the regulator.")


@pytest.mark.parametrize("joined", ["every online platform operator", "Any cross-border transfer"])
def test_pdf_hyphenated_line_break_is_joined(joined: str) -> None:
    pdf = _fpdf()
    pdf.add_page()
    for n, line in enumerate(HYPHENATED):
        pdf.text(20, 20 + 5 * n, line)
    assert joined in source_texts("h.pdf", bytes(pdf.output()))[0].text


def test_pdf_encrypted_with_a_password_is_refused() -> None:
    from fpdf.enums import EncryptionMethod

    pdf = _fpdf()
    pdf.add_page()
    pdf.text(20, 20, "A newsletter behind a password.")
    pdf.set_encryption(owner_password="owner", user_password="reader",
                       encryption_method=EncryptionMethod.RC4)
    assert "encrypted PDF;" in error_of("locked.pdf", bytes(pdf.output()))


def test_pdf_encrypted_without_a_user_password_is_read() -> None:
    from fpdf.enums import EncryptionMethod

    pdf = _fpdf()
    pdf.add_page()
    pdf.text(20, 20, "A newsletter that may not be printed.")
    pdf.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_128)
    assert "may not be printed" in source_texts("restricted.pdf", bytes(pdf.output()))[0].text


def test_pdf_without_a_text_layer_is_refused() -> None:
    from PIL import Image

    pdf = _fpdf()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    assert error_of("scan.pdf", bytes(pdf.output())).endswith(
        "PDF has no text layer (a scanned image?); kg needs text")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"not a PDF at all"])
def test_corrupt_pdf_is_refused(data: bytes) -> None:
    assert "corrupt PDF" in error_of("broken.pdf", data)


@pytest.fixture(scope="module")
def huge_pdf_refusal() -> tuple[str, float]:
    pdf = _fpdf()
    for n in range(2000):
        pdf.add_page()
        pdf.text(20, 20, f"Page body {n}")
    data = bytes(pdf.output())
    started = time.perf_counter()
    message = error_of("huge.pdf", data)
    return message, time.perf_counter() - started


def test_pdf_of_2000_pages_is_refused_naming_the_limit(
        huge_pdf_refusal: tuple[str, float]) -> None:
    assert "PDF has 2000 pages, over the 300-page limit" in huge_pdf_refusal[0]


def test_pdf_of_2000_pages_is_refused_within_seconds(
        huge_pdf_refusal: tuple[str, float]) -> None:
    assert huge_pdf_refusal[1] < 10


def test_pdf_is_found_by_its_magic_whatever_the_name() -> None:
    assert format_of("newsletter.txt", pdf_newsletter(1)) == "pdf"


# -- Word .docx --------------------------------------------------------------------------------

def docx_newsletter() -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = TITLE
    d.core_properties.created = dt.datetime(2024, 3, 28, 9, 0)
    d.add_heading(TITLE, level=0)
    d.add_heading("Legislative Developments", level=1)
    for headline, body in ITEMS:
        d.add_paragraph(headline, style="List Number")
        d.add_paragraph(body)
        d.add_paragraph("Platforms must keep records.", style="List Bullet")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("Authority", "Fine", "Date"), ("Provincial office", "RMB 500,000",
                                                              "12 March")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_doc() -> Document:
    return one("digest.docx", docx_newsletter())


def test_docx_items_are_the_numbered_paragraphs(docx_doc: Document) -> None:
    assert [i.headline for i in docx_doc.items] == HEADLINES


def test_docx_span_starts_with_the_headline(docx_doc: Document) -> None:
    assert all(span_text(docx_doc, n).startswith(h) for n, h in enumerate(HEADLINES))


def test_docx_numbering_is_written_out(docx_doc: Document) -> None:
    assert f"\n2. {HEADLINES[1]}\n" in docx_doc.text


def test_docx_bullets_are_written_out(docx_doc: Document) -> None:
    assert "\n• Platforms must keep records.\n" in docx_doc.text


def test_docx_table_row_is_one_line(docx_doc: Document) -> None:
    assert "\nProvincial office | RMB 500,000 | 12 March\n" in docx_doc.text


def test_docx_heading_style_marks_a_heading() -> None:
    source = source_texts("digest.docx", docx_newsletter())[0]
    assert source.text.index("Legislative Developments") in source.heading_starts


def test_docx_title_from_core_properties(docx_doc: Document) -> None:
    assert docx_doc.title == TITLE


def test_docx_created_is_the_publication_date() -> None:
    assert source_texts("digest.docx", docx_newsletter())[0].published == "2024-03-28"


def test_docx_is_found_inside_its_zip_whatever_the_name() -> None:
    assert format_of("digest.bin", docx_newsletter()) == "docx"


def test_corrupt_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    assert "corrupt .docx" in error_of("broken.docx", out.getvalue())


def test_docx_that_is_no_zip_is_refused() -> None:
    assert error_of("fake.docx", b"plain text").endswith("corrupt .docx (not a ZIP archive)")


def test_other_zip_archives_are_still_refused_as_binary() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "binary file (a ZIP archive" in error_of("sheet.txt", out.getvalue())


# -- e-mail ------------------------------------------------------------------------------------

PLAIN = f"{TITLE}\n\n" + "".join(f"{n}. {h}\n{b}\n\n" for n, (h, b) in enumerate(ITEMS, 1))
HTML_BODY = (f"<html><body><h1>{TITLE}</h1><h2>Legislative Developments</h2><ol>"
             + "".join(f"<li><b>{h}</b><p>{b}</p></li>" for h, b in ITEMS) + "</ol></body></html>")


def message(subject: str = "Data Law Digest - March 2024", **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = headers.get("sender", "Example Partners <insights@example.com>")
    msg["To"] = "reader@example.org"
    msg["Subject"] = subject
    msg["Date"] = headers.get("date", "Tue, 02 Apr 2024 09:00:00 +0800")
    return msg


def html_mail() -> bytes:
    msg = message("Fwd: Data Law Digest - March 2024")
    msg.set_content(PLAIN)
    msg.add_alternative(HTML_BODY, subtype="html")
    return bytes(msg)


def test_mail_prefers_the_html_part() -> None:
    source = source_texts("digest.eml", html_mail())[0]
    assert source.text.index("Legislative Developments") in source.heading_starts


def test_mail_items_from_the_html_part() -> None:
    assert [i.headline for i in one("digest.eml", html_mail()).items] == HEADLINES


def test_mail_subject_is_the_title_without_fwd() -> None:
    assert source_texts("digest.eml", html_mail())[0].title == TITLE


def test_mail_date_header_is_the_publication_date() -> None:
    assert source_texts("digest.eml", html_mail())[0].published == "2024-04-02"


def test_mail_plain_text_only() -> None:
    msg = message()
    msg.set_content(PLAIN)
    doc = one("digest.eml", bytes(msg))
    assert all(span_text(doc, n).startswith(h) for n, h in enumerate(HEADLINES))


def test_mail_is_found_by_its_headers_whatever_the_name() -> None:
    assert format_of("digest.txt", html_mail()) == "email"


def forwarded_inline() -> bytes:
    msg = message("Fwd: Data Law Digest - March 2024", sender="Jane Reader <jane@example.org>",
                  date="Mon, 08 Apr 2024 10:00:00 +0000")
    msg.set_content("FYI, worth a read.\n\n---------- Forwarded message ---------\n"
                    "From: Example Partners <insights@example.com>\n"
                    "Date: Tue, Mar 26, 2024 at 9:14 AM\nSubject: Data Law Digest - March 2024\n"
                    "To: <jane@example.org>\n\n" + PLAIN)
    return bytes(msg)


def test_mail_forwarded_inline_starts_with_the_newsletter() -> None:
    assert source_texts("fwd.eml", forwarded_inline())[0].text.startswith(TITLE)


def test_mail_forwarded_inline_takes_the_forwarded_date() -> None:
    assert source_texts("fwd.eml", forwarded_inline())[0].published == "2024-03-26"


def test_mail_forwarded_inline_takes_the_forwarded_sender() -> None:
    assert source_texts("fwd.eml", forwarded_inline())[0].publisher == "Example Partners"


def forwarded_as_attachment() -> bytes:
    inner = message(date="Wed, 27 Mar 2024 08:00:00 +0800")
    inner.set_content(PLAIN)
    outer = message("FW: newsletter", sender="Jane Reader <jane@example.org>")
    outer.set_content("See the attached newsletter.")
    outer.add_attachment(inner)
    return bytes(outer)


def test_mail_forwarded_as_attachment_reads_the_attached_newsletter() -> None:
    assert source_texts("attached.eml", forwarded_as_attachment())[0].text == PLAIN


def test_mail_forwarded_as_attachment_takes_its_date() -> None:
    assert source_texts("attached.eml", forwarded_as_attachment())[0].published == "2024-03-27"


def test_mail_with_only_attachments_is_refused_naming_them() -> None:
    msg = message()
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf",
                       filename="digest.pdf")
    assert error_of("only.eml", bytes(msg)).endswith(
        "e-mail has no text or HTML body (only attachments: digest.pdf)")


# -- feeds -------------------------------------------------------------------------------------

def rss(n: int = 3) -> bytes:
    entries = "".join(
        f"<item><title>{ITEMS[i % 3][0]}</title><link>https://example.org/news/{i}</link>"
        f"<guid>urn:example:news:{i}</guid><pubDate>Tue, {5 + i % 20:02d} Mar 2024 09:00:00 +0800"
        f"</pubDate><description>&lt;p&gt;{ITEMS[i % 3][1]}&lt;/p&gt;</description></item>"
        for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Example Partners Insights</title><link>https://example.org/</link>"
            f"<description>Data law news</description>{entries}</channel></rss>").encode()


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Policy Watch</title><id>urn:example:feed</id><updated>2024-03-20T00:00:00Z</updated>
  <entry><title>{ITEMS[0][0]}</title><id>urn:example:a</id>
    <updated>2024-03-06T01:00:00+08:00</updated>
    <content type="html">&lt;p&gt;{ITEMS[0][1]}&lt;/p&gt;</content></entry>
  <entry><title>{ITEMS[1][0]}</title><id>urn:example:b</id>
    <published>2024-03-09T10:00:00Z</published><summary>{ITEMS[1][1]}</summary></entry>
</feed>""".encode()


def test_rss_gives_one_document_per_entry() -> None:
    assert len(documents_from_bytes("news.rss", rss())) == 3


def test_rss_entry_part_is_its_guid() -> None:
    assert [s.part for s in source_texts("news.rss", rss())][0] == "urn:example:news:0"


def test_rss_entry_text_is_title_blank_line_content() -> None:
    assert source_texts("news.rss", rss())[0].text == f"{ITEMS[0][0]}\n\n{ITEMS[0][1]}\n"


def test_rss_entry_is_one_item_under_its_title() -> None:
    assert [i.headline for i in documents_from_bytes("news.rss", rss())[1].items] == [ITEMS[1][0]]


def test_rss_entry_date_is_the_publication_date() -> None:
    assert source_texts("news.rss", rss())[2].published == "2024-03-07"


def test_rss_feed_title_is_the_publisher() -> None:
    assert documents_from_bytes("news.rss", rss())[0].publisher == "Example Partners Insights"


def test_rss_entries_get_distinct_digests() -> None:
    assert len({d.sha256 for d in documents_from_bytes("news.rss", rss())}) == 3


def test_a_feed_that_gains_an_entry_keeps_the_old_entries_digests() -> None:
    old = {d.sha256 for d in documents_from_bytes("news.rss", rss(3))}
    new = {d.sha256 for d in documents_from_bytes("news.rss", rss(4))}
    assert old < new


def test_atom_entry_date_is_taken_as_written() -> None:
    assert [s.published for s in source_texts("policy.atom", ATOM)] == ["2024-03-06",
                                                                       "2024-03-09"]


def test_atom_summary_serves_when_there_is_no_content() -> None:
    assert source_texts("policy.atom", ATOM)[1].text.endswith(f"{ITEMS[1][1]}\n")


@pytest.mark.parametrize("name", ["feed.xml", "feed.txt", "feed"])
def test_feed_is_found_by_its_first_tag(name: str) -> None:
    assert format_of(name, ATOM) == "feed"


@pytest.fixture(scope="module")
def big_feed() -> tuple[list[Document], float]:
    data = rss(5000)
    started = time.perf_counter()
    docs = documents_from_bytes("big.rss", data)
    return docs, time.perf_counter() - started


def test_feed_of_5000_entries_gives_5000_documents(big_feed: tuple[list[Document], float]) -> None:
    assert len(big_feed[0]) == 5000


def test_feed_of_5000_entries_reads_in_under_a_minute(
        big_feed: tuple[list[Document], float]) -> None:
    assert big_feed[1] < 60


def test_xml_that_is_no_feed_is_refused() -> None:
    assert "neither an RSS/Atom feed nor an XHTML page" in error_of(
        "data.xml", b'<?xml version="1.0"?><catalog><book/></catalog>')


def test_xhtml_with_xml_declaration_and_doctype_is_html() -> None:
    page = (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML '
            b'1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>')
    assert format_of("page.xml", page) == "html"


# -- web pages ---------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE} | Example Partners</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Example Partners">
<meta property="article:published_time" content="2024-04-09T08:00:00+08:00">
</head><body>
<div id="onetrust-consent-sdk"><p>We use cookies to improve your experience.</p>
<button>Accept All Cookies</button></div>
<div class="top-bar"><ul class="menu-items"><li><a href="/">Home</a></li>
<li><a href="/people">Our People</a></li></ul></div>
<div class="content-area"><div class="post">
<h1 class="entry-title">{TITLE}</h1>
<div class="entry-content">
<p>This issue covers the month's developments in data protection.</p>
<h2>Legislative Developments</h2>
<h3>1. {ITEMS[0][0]}</h3><p>{ITEMS[0][1]}</p>
<ul><li>Exports of fewer than 100,000 records a year are exempt.</li>
<li>Free trade zones may publish negative lists.</li></ul>
<h3>2. {ITEMS[1][0]}</h3><p>{ITEMS[1][1]}</p>
<h2>Enforcement</h2>
<h3>3. {ITEMS[2][0]}</h3><p>{ITEMS[2][1]}</p>
</div>
<div class="jp-relatedposts"><h3>Related Insights</h3>
<div><a href="/a">A checklist for personal information audits</a></div></div>
</div>
<div class="col-4"><div>Most read</div><p><a href="/c">Five things to know about model rules
</a></p></div></div>
<div id="colophon"><p>Example Partners is a partnership registered in Nowhere.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></div>
</body></html>"""


@pytest.fixture(scope="module")
def page_doc() -> Document:
    return one("digest.html", PAGE.encode())


@pytest.mark.parametrize("chrome", ["cookies", "Our People", "Related Insights", "checklist",
                                   "Most read", "Five things", "partnership registered",
                                   "Privacy policy"])
def test_html_chrome_is_not_in_the_text(page_doc: Document, chrome: str) -> None:
    assert chrome not in page_doc.text


def test_html_items_are_the_numbered_headings(page_doc: Document) -> None:
    assert [i.headline for i in page_doc.items] == HEADLINES


def test_html_span_starts_with_the_headline(page_doc: Document) -> None:
    assert all(span_text(page_doc, n).startswith(h) for n, h in enumerate(HEADLINES))


def test_html_list_items_are_lines_of_their_own(page_doc: Document) -> None:
    assert "\n• Free trade zones may publish negative lists.\n" in page_doc.text


def test_html_section_heading_is_marked() -> None:
    source = source_texts("digest.html", PAGE.encode())[0]
    assert source.text.index("Enforcement") in source.heading_starts


def test_html_title_from_og_title(page_doc: Document) -> None:
    assert page_doc.title == TITLE


def test_html_publisher_from_og_site_name(page_doc: Document) -> None:
    assert page_doc.publisher == "Example Partners"


DATED = {
    '<meta property="article:published_time" content="2024-04-09T01:00:00+08:00">':
        "2024-04-09",
    '<meta name="date" content="2024-03-15">': "2024-03-15",
    '<meta name="DC.date" content="2024-05-06">': "2024-05-06",
    '<meta name="pubdate" content="20240322">': "2024-03-22",
    '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": '
    '"NewsArticle", "datePublished": "2024-07-02T09:30:00+08:00"}]}</script>': "2024-07-02",
    '</head><body><p>By Staff <time datetime="2024-06-11T10:00:00Z">11 June</time></p>':
        "2024-06-11",
}


@pytest.mark.parametrize("markup", sorted(DATED))
def test_html_publication_date_from_metadata(markup: str) -> None:
    page = f"<html><head><title>T</title>{markup}<p>1. {ITEMS[0][0]}</p></body></html>"
    assert source_texts("p.html", page.encode())[0].published == DATED[markup]


def test_html_link_heavy_item_is_kept() -> None:
    page = (f"<html><head><title>{TITLE}</title></head><body><div class='a'><h1>{TITLE}</h1>"
            + "".join(f"<p><a href='/{n}'><b>{n}. {h}</b></a></p><p>{b}</p>"
                      for n, (h, b) in enumerate(ITEMS[:2], 1))
            + f"<p><a href='/3'><b>3. {ITEMS[2][0]}</b></a></p><p><a href='/r'>Read the rules</a>"
            "</p></div><div class='b'><a href='/t'>Tags</a> <a href='/u'>PIPL</a></div>"
            "</body></html>")
    assert f"3. {ITEMS[2][0]}" in source_texts("links.html", page.encode())[0].text


# -- files on disk -----------------------------------------------------------------------------

def test_read_file_reads_a_pdf_by_path(tmp_path: Path) -> None:
    path = tmp_path / "digest.pdf"
    path.write_bytes(pdf_newsletter(3))
    assert [i.headline for i in read_file(path).items] == [h for h, _ in PDF_ITEMS[:3]]


def test_directory_run_picks_up_every_format(tmp_path: Path) -> None:
    from kg.ingest import iter_paths

    for name, data in (("a.pdf", pdf_newsletter(3)), ("b.docx", docx_newsletter()),
                       ("c.eml", html_mail()), ("d.rss", rss()), ("e.atom", ATOM)):
        (tmp_path / name).write_bytes(data)
    assert len(list(iter_paths([tmp_path]))) == 5


# -- building from a feed ----------------------------------------------------------------------

@pytest.fixture()
def store(tmp_path: Path):
    from kg.store import GraphStore, load_reference

    s = GraphStore(tmp_path / "store")
    load_reference(s)
    return s


@pytest.fixture()
def feed_file(tmp_path: Path) -> Path:
    # Two entries whose graphs hold triples about shared nodes: GraphStore.has_graph is false
    # for a newsletter whose triples are all about its own nodes (the third entry's).
    path = tmp_path / "news.rss"
    path.write_bytes(rss(2))
    return path


def test_build_adds_each_feed_entry(store, feed_file: Path, pipeline) -> None:
    from kg.pipeline import add_documents

    assert len(add_documents(store, [feed_file], pipeline).added) == 2


def test_build_with_jobs_adds_each_feed_entry(store, feed_file: Path) -> None:
    from kg.pipeline import add_documents

    assert len(add_documents(store, [feed_file], jobs=2).added) == 2


def test_build_with_jobs_skips_stored_feed_entries(store, feed_file: Path,
                                                   pipeline) -> None:
    from kg.pipeline import add_documents

    add_documents(store, [feed_file], pipeline)
    report = add_documents(store, [feed_file], jobs=2)
    assert (report.added, len(report.unchanged)) == ([], 2)


def test_remove_takes_out_every_feed_entry(store, feed_file: Path, pipeline) -> None:
    from kg.pipeline import add_documents, remove_documents

    add_documents(store, [feed_file], pipeline)
    remove_documents(store, [feed_file])
    assert [g for g in store.named_graphs() if "/newsletter/" in g] == []
