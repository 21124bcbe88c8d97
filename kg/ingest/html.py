"""Saved web pages to plain text, keeping block structure and where the headings are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "nav", "header", "footer", "aside", "form", "button", "select", "input",
              "head", "meta", "link")
# Class or id words that mark page chrome rather than the article.
_CHROME = re.compile(r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|cookies?"
                     r"|share|social|subscribe|newsletter-signup|related|comments?|banner"
                     r"|skip-link|toolbar|masthead)(?:$|[-_\s])", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "tr",
               "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
               "figure", "figcaption", "address", "hr", "br"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"\s+")


@dataclass
class HtmlText:
    text: str
    title: str | None
    publisher: str | None
    heading_starts: frozenset[int]


def html_to_text(markup: str) -> HtmlText:
    """Article text with one block per line; `heading_starts` are offsets of heading lines."""
    soup = BeautifulSoup(markup, "html.parser")
    title = _meta(soup, "og:title")
    if title is None and soup.title:
        title = soup.title.get_text(" ", strip=True)
    publisher = _meta(soup, "og:site_name") or _meta(soup, "publisher")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all("sup"):
        if re.fullmatch(r"\s*\[?\d{1,3}\]?\s*", tag.get_text()):
            tag.decompose()  # a footnote marker, not part of the sentence
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marks = " ".join([tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or ""])
        if marks.strip() and _CHROME.search(marks) and tag.name not in ("body", "html", "main"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    out = _Writer()
    _walk(root, out)
    text, starts = out.finish()
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else None
    return HtmlText(text, title or None, publisher, frozenset(starts))


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return content.strip() if isinstance(content, str) and content.strip() else None


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.heading_lines: set[int] = set()
        self.in_heading = 0

    def add(self, s: str) -> None:
        self.current.append(s)

    def newline(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        self.current = []
        if line:
            if self.in_heading:
                self.heading_lines.add(len(self.lines))
            self.lines.append(line)

    def finish(self) -> tuple[str, set[int]]:
        self.newline()
        starts: set[int] = set()
        pos = 0
        for i, line in enumerate(self.lines):
            if i in self.heading_lines:
                starts.add(pos)
            pos += len(line) + 1
        return "\n".join(self.lines) + "\n", starts


def _walk(node: Tag, out: _Writer) -> None:
    counter = 0
    for child in node.children:
        if isinstance(child, NavigableString):
            out.add(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.newline()
            continue
        block = name in _BLOCK_TAGS
        if block:
            out.newline()
        if name == "li":
            counter += 1
            out.add(f"{counter}. " if node.name == "ol" else "• ")
        heading = name in _HEADING_TAGS
        out.in_heading += heading
        _walk(child, out)
        if block:
            out.newline()
        out.in_heading -= heading
