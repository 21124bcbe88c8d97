"""Saved web pages to plain text, keeping block structure and where the headings are.

A page is mostly chrome: navigation, cookie banners, share buttons, "related articles",
footers. trafilatura is good at finding the article but renders it flat, and on short or
link-heavy pages it drops or merges real paragraphs; BeautifulSoup keeps every heading and
list item but cannot tell chrome from content by itself. So trafilatura only locates the
article (the smallest element holding every block it kept) and BeautifulSoup writes that
element out, one block per line, after dropping what class names mark as chrome.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .metadata import iso_date

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "nav", "header", "footer", "aside", "form", "button", "select", "input",
              "head", "meta", "link", "dialog")
# Class or id words that mark page chrome rather than the article.
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|topnav|menu|breadcrumbs?|crumbs|footer|header|sidebar|cookies?"
    r"|cookie-?(?:banner|notice|consent|bar)|consent|gdpr|onetrust\w*|cc-window|cc-banner"
    r"|share|sharing|sharedaddy|share-?(?:bar|buttons|links|tools)|social|subscribe|signup"
    r"|sign-up|newsletter-(?:signup|box|form|promo)|related|relatedposts|recommended"
    r"|more-stories|read-?next|also-?like|popular|most-read|trending|comments?|banner"
    r"|skip-link|toolbar|masthead|widgets?|widget-area|colophon|site-info|site-footer"
    r"|promo|advert\w*|ads|sponsored|popup|modal|overlay|login|search|pagination|pager"
    r"|tags|tag-?cloud|author-?bio)(?:$|[-_\s])", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "tr",
               "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
               "figure", "figcaption", "address", "hr", "br", "header"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose text is matched against what trafilatura kept, to find the article.
_LEAF_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
              "blockquote", "pre", "figcaption", "div")
_SPACE = re.compile(r"\s+")
# Meta tags that give a page's publication date, most specific first.
_DATE_METAS = ("article:published_time", "datePublished", "date", "dc.date", "dc.date.issued",
               "dcterms.date", "dcterms.issued", "dcterms.created", "pubdate", "publish-date",
               "publish_date", "publication_date", "citation_publication_date", "og:pubdate",
               "parsely-pub-date", "sailthru.date")


@dataclass
class HtmlText:
    text: str
    title: str | None
    publisher: str | None
    heading_starts: frozenset[int]
    published: str | None = None


def html_to_text(markup: str, fragment: bool = False) -> HtmlText:
    """Article text with one block per line; `heading_starts` are offsets of heading lines.

    A `fragment` (a feed entry's content, not a whole page) is written out whole: there is no
    chrome around it to find the article in.
    """
    soup = BeautifulSoup(markup, "html.parser")
    title = publisher = published = None
    if not fragment:
        metas = _metas(soup)
        title = metas.get("og:title")
        if title is None and soup.title:
            title = soup.title.get_text(" ", strip=True)
        publisher = metas.get("og:site_name") or metas.get("publisher")
        published = _published(soup, metas)
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(True):  # one pass: a feed of 5,000 entries has 5,000 fragments
        if vars(tag).get("_decomposed") or tag.attrs is None:  # not .decomposed: O(subtree)
            continue
        if tag.name in _DROP_TAGS:
            if tag.name != "header" or tag.find_parent(("article", "main")) is None:
                tag.decompose()  # an article's own header holds its title, not site chrome
            continue
        if tag.name == "sup" and re.fullmatch(r"\s*\[?\d{1,3}\]?\s*", tag.get_text()):
            tag.decompose()  # a footnote marker, not part of the sentence
            continue
        marks = " ".join([tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or ""])
        if marks.strip() and _CHROME.search(marks) and tag.name not in ("body", "html", "main"):
            tag.decompose()
    root = soup if fragment else _article(markup, soup)
    out = _Writer()
    _walk(root, out)
    text, starts = out.finish()
    if not title and not fragment:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else None
    return HtmlText(text, title or None, publisher, frozenset(starts), published)


def _article(markup: str, soup: BeautifulSoup) -> Tag:
    """The element holding the article: the smallest one around every block trafilatura kept.

    Falls back to <article>, <main> or <body> when trafilatura finds nothing or keeps text
    that no block of the page holds on its own.
    """
    default = soup.find("article") or soup.find("main") or soup.body or soup
    try:
        import trafilatura

        kept = trafilatura.extract(markup, include_comments=False, include_tables=True,
                                   deduplicate=False)
    except Exception:  # noqa: BLE001 - any failure of the locator leaves the plain reading
        return default
    if not kept:
        return default
    kept = _SPACE.sub("", kept)
    matched: list[Tag] = []
    covered = 0
    # Innermost blocks only: an outer block's text repeats its inner ones', and reading it (or
    # searching below it) for every level of a deeply nested list is quadratic in the depth.
    outer: set[int] = set()
    for block in soup.find_all(_BLOCK_TAGS):
        parent = block.parent
        while parent is not None and id(parent) not in outer:
            outer.add(id(parent))
            parent = parent.parent
    for tag in soup.find_all(_LEAF_TAGS):
        if id(tag) in outer:
            continue
        key = _SPACE.sub("", tag.get_text())
        if len(key) >= 15 and key in kept:
            matched.append(tag)
            covered += len(key)
    if not matched or 2 * covered < len(kept):
        return default
    root = _common_ancestor(matched)
    while root.name in _LEAF_TAGS and root.name != "div" and root.parent is not None:
        root = root.parent  # one paragraph is never the whole article
    h1 = soup.find("h1")
    if h1 is not None and root not in h1.parents and h1 not in root.parents:
        # The page title often sits just outside the article body: take it in when that adds
        # little else.
        wider = _common_ancestor([root, h1])
        extra = len(_SPACE.sub("", wider.get_text())) - len(_SPACE.sub("", root.get_text()))
        if extra <= 2 * len(_SPACE.sub("", h1.get_text())) + 40:
            root = wider
    return default if root.name in ("html", "[document]") else root


def _common_ancestor(tags: list[Tag]) -> Tag:
    path = [tags[0], *tags[0].parents][::-1]  # from the document down to the first tag
    depth = len(path)
    for tag in tags[1:]:
        chain = {id(tag), *(id(p) for p in tag.parents)}
        while depth > 1 and id(path[depth - 1]) not in chain:
            depth -= 1
    return path[depth - 1]


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """Each <meta> tag's content by its lower-cased property, name or itemprop (first wins)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str):
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _published(soup: BeautifulSoup, metas: dict[str, str]) -> str | None:
    """The publication date from meta tags, JSON-LD or a <time datetime>, as "YYYY-MM-DD"."""
    candidates = [metas.get("article:published_time"), _json_ld_date(soup)]
    candidates += [metas.get(name.lower()) for name in _DATE_METAS[1:]]
    times = soup.find_all("time", attrs={"datetime": True})
    candidates += [t.get("datetime") for t in times if t.has_attr("pubdate")]
    candidates += [t.get("datetime") for t in times]
    for value in candidates:
        found = iso_date(value)
        if found:
            return found
    return None


def _json_ld_date(soup: BeautifulSoup) -> str | None:
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "", strict=False)
        except ValueError:
            continue
        todo = [data]
        while todo:
            node = todo.pop(0)
            if isinstance(node, list):
                todo.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    return node["datePublished"]
                todo.extend(v for v in node.values() if isinstance(v, list | dict))
    return None


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


def _walk(root: Tag, out: _Writer) -> None:
    """Write the text under `root`, depth first.

    The walk keeps its own stack: a page nested 10,000 deep must read, not exceed Python's
    recursion limit. A frame is [tag, its children, li count, is a block, is a heading].
    """
    stack: list[list] = [[root, iter(root.children), 0, False, False]]
    while stack:
        frame = stack[-1]
        node = frame[0]
        child = next(frame[1], None)
        if child is None:
            stack.pop()
            if frame[3]:
                out.newline()
            out.in_heading -= frame[4]
            continue
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
            frame[2] += 1
            out.add(f"{frame[2]}. " if node.name == "ol" else "• ")
        elif name in ("td", "th") and out.current:
            out.add(" | ")  # a table row is one line, its cells apart (see tables.table_items)
        heading = name in _HEADING_TAGS
        out.in_heading += heading
        stack.append([child, iter(child.children), _ol_start(child), block, heading])


def _ol_start(tag: Tag) -> int:
    """The count before an <ol>'s first item: a list that goes on from "3." starts at 3."""
    start = tag.get("start") if tag.name == "ol" else None
    return int(start) - 1 if isinstance(start, str) and start.strip().isdigit() else 0
