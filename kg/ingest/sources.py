"""Bytes of one file to the plain text(s) it holds, whatever its format.

Every later offset refers to `SourceText.text`, so a format reader must give the text exactly as
the items will be cut from it. A format that holds several documents (a feed) gives one
`SourceText` per document, each with its own `part` key.

The format is found from the content where the content says (a PDF's "%PDF", a .docx's ZIP
holding word/document.xml, a feed's or a page's first tag, an e-mail's header block), else from
the file's suffix; binary formats are dispatched before `decode`, which refuses binaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .decode import decode
from .errors import ReadError
from .metadata import dateline

# What may precede a document's first tag: a BOM, space, <?xml ...?>, comments, a DOCTYPE.
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype\s[^>]*>)*",
                     re.S | re.I)
_HTML_DOCTYPE = re.compile(rb"<!doctype\s+html", re.I)
_HTML_START = re.compile(rb"<(?:html|head|body)[\s>/]", re.I)
_FEED_START = re.compile(rb"<(?:rss[\s>]"
                         rb"|(?:\w+:)?feed[\s>][^>]*?(?:w3\.org/2005/Atom|purl\.org/atom)"
                         rb"|rdf:RDF[\s>][^>]*?purl\.org/rss)", re.I | re.S)
# An e-mail starts with a header block; one of these headers tells it from a text that
# merely opens with "From:" and "Subject:" lines.
_MAIL_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]?[^\r\n]*$")
_MAIL_PROOF = {b"mime-version", b"received", b"message-id", b"content-type", b"return-path",
               b"delivered-to", b"dkim-signature", b"x-mailer"}
# Markdown ATX headings ("### Heading") are headings the way <h3> is in a web page.
_MD_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+\S", re.M)
FORMATS = ("pdf", "docx", "email", "feed", "html", "xml", "text")


@dataclass
class SourceText:
    """The text of one document and what its container says about it.

    `heading_starts` are offsets of lines that markup (HTML, Markdown, Word styles) marks as
    headings; `published` is an ISO date (or datetime) from metadata such as
    `article:published_time`, an e-mail's `Date:` or a feed entry's date, or a plain text's
    own dateline ("Published: May 13, 2021").
    """

    text: str
    encoding: str
    kind: str = "text"
    heading_starts: frozenset[int] = field(default_factory=frozenset)
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    part: str | None = None
    warnings: list[str] = field(default_factory=list)


def source_texts(name: str, data: bytes) -> list[SourceText]:
    """The document(s) in one file's bytes; raises ReadError naming the file."""
    kind = format_of(name, data)
    if kind == "pdf":
        from .pdf import pdf_texts

        return pdf_texts(name, data)
    if kind == "docx":
        from .docx import docx_texts

        return docx_texts(name, data)
    if kind == "email":
        from .mail import mail_texts

        return mail_texts(name, data)
    if kind == "feed":
        from .feed import feed_texts

        return feed_texts(name, data)
    if kind == "html":
        return [html_source(name, data)]
    if kind == "xml":
        raise ReadError(name, "XML file that is neither an RSS/Atom feed nor an XHTML page")
    raw, encoding = decode(name, data)
    heading_starts = frozenset(m.start(1) for m in _MD_HEADING.finditer(raw))
    return [SourceText(raw, encoding, "text", heading_starts, published=dateline(raw))]


def format_of(name: str, data: bytes) -> str:
    """One of FORMATS: from the content where it tells, else from the suffix ("text")."""
    suffix = name.lower().rpartition(".")[2] if "." in name.rpartition("/")[2] else ""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    if suffix in ("pdf", "docx"):
        return suffix  # its reader says why the content is not one
    prolog, rest = _lead(data)
    if _FEED_START.match(rest):
        return "feed"
    if _HTML_DOCTYPE.search(prolog) or _HTML_START.match(rest):
        return "html"
    if suffix == "eml" or _looks_like_mail(data):
        return "email"
    if suffix in ("rss", "atom"):
        return "feed"
    if suffix in ("html", "htm", "xhtml"):
        return "html"
    if suffix == "xml":
        return "xml"
    return "text"


def _lead(data: bytes) -> tuple[bytes, bytes]:
    """(prolog, what follows it) of the file's first 4 KB, UTF-16 read as UTF-8."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:8192].decode("utf-16", "ignore").encode("utf-8", "ignore")
    m = _PROLOG.match(head)
    end = m.end() if m else 0
    return head[:end], head[end:]


def _is_docx(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _looks_like_mail(data: bytes) -> bool:
    """A header block ("Name: value" lines, folded lines, up to a blank line) with a header
    that only e-mails have."""
    names: set[bytes] = set()
    lines = data[:16384].split(b"\n")
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]  # an mbox "From " line
    for line in lines:
        line = line.rstrip(b"\r")
        if not line:
            return bool(names & _MAIL_PROOF) and b"from" in names
        if line[:1] in (b" ", b"\t") and names:
            continue
        m = _MAIL_HEADER.match(line)
        if m is None:
            return False
        names.add(m[1].lower())
    return False


def html_source(name: str, data: bytes) -> SourceText:
    """A web page: its article text, headings, title, publisher and publication date."""
    from .html import html_to_text  # BeautifulSoup takes 0.1 s to import; text needs none

    raw, encoding = decode(name, data)
    page = html_to_text(raw)
    return SourceText(page.text, encoding, "html", page.heading_starts, page.title,
                      page.publisher, page.published)
