"""Items of running prose: news articles, blog posts, digest bullets, listing pages.

Text without numbered or marked-up headings still reports developments one after another. An
item starts where a clause opens a development (`developments.starts_development`), and the
sentences after it that refer back ("These measures ...", "The company ...") continue it. A
headline line heads the paragraph under it; a listing page's teasers ("...more", or a
"Continue reading <title>" line under each) are one item each; captions, bylines and lines
that point to another article are page furniture. The cues are `kg:ReaderCueScheme` cues in
`ontology/kg.ttl`; nothing here names an authority or a publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon.cues import cue_words, head_words
from kg.lexicon.title_grammar import SMALL_WORDS, content_words

from .developments import (
    LABEL,
    WORD,
    acts_on_earlier_parties,
    clauses,
    refers_back,
    starts_development,
)
from .layout import _BULLET, Block, RawItem
from .metadata import dateline_day

_ANY_LABEL = re.compile(r"^[^:：]{1,20}[:：]\s*")
# A byline: "By" and a capitalised name, on a line of its own ("By JANE DOE in BEIJING").
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
                     r"(?:\s+(?:in|and|for)\s+\S.*|\s*[|(,].*)?$")


def is_intro(text: str) -> bool:
    """A one-sentence paragraph that introduces a list ("... in key areas such as:") reports
    nothing itself."""
    return text.rstrip().endswith(":") and len(clauses(text)) == 1


_TERMINAL = re.compile(r"[.!?:;,][\"”’')\]]*$")


def _is_title(block: Block, heading_starts: frozenset[int]) -> bool:
    """A short line without closing punctuation: a headline over the paragraph after it."""
    clean = _BULLET.sub("", block.clean)
    if _teaser_end().search(clean):
        return False  # a listing page's teaser, cut short
    words = WORD.findall(clean)
    if block.start in heading_starts and len(words) <= 30:
        return True
    return 3 <= len(words) <= 25 and not _TERMINAL.search(clean) and clean[:1].isupper()


def title_start(blocks: list[Block]) -> int:
    """Where a document's title is: its first line that is more than page furniture."""
    return next((b.start for b in blocks if not _is_noise(b)), -1)


def _is_noise(block: Block) -> bool:
    """Captions, labels and page furniture too short to report anything, a byline, and a line
    that points to another article ("SEE ALSO: ...")."""
    words = len(WORD.findall(block.clean))
    return words < 4 or bool(_cross_reference().match(block.clean)) or (
        words <= 12 and _BYLINE.match(block.clean) is not None) or (
        words <= 16 and dateline_day(block.clean) is not None)


@lru_cache(maxsize=1)
def _teaser_end() -> re.Pattern[str]:
    """The end of a teaser that a listing page cut short ("...more")."""
    return re.compile(rf"{cue_words('teaser-end')}\W*$", re.I)


@lru_cache(maxsize=1)
def _teaser_link() -> re.Pattern[str]:
    """The line under a teaser that links to its article by title ("Continue reading X Y")."""
    return re.compile(rf"\n[^\S\n]*{cue_words('teaser-link')}[^\S\n]+\S+\s+\S", re.I)


@lru_cache(maxsize=1)
def _cross_reference() -> re.Pattern[str]:
    """A `cross-reference` cue as a line's rubric, before a colon, bar or dash."""
    return re.compile(rf"^\W*{cue_words('cross-reference')}\s*[:：|»›–—-]", re.I)


# A lead paragraph is running text: several words (`_is_lead`), ending as a sentence does.
_SENTENCE_CLOSE = re.compile(r"[.!?][\"”’)]?$")


def _opens_lead(paragraph: str) -> bool:
    """A paragraph that opens with a sentence of its own, not one that refers back to the
    development before it ("It also ...", "The company ...")."""
    first = WORD.search(paragraph[:80])
    return first is not None and first.group().casefold() != "the" and not refers_back(paragraph)


def _is_lead(clean: str) -> bool:
    return len(clean.split(maxsplit=5)) > 5 and _SENTENCE_CLOSE.search(clean) is not None


def prose_items(text: str, candidates: list[tuple[Block, str]],
                heading_starts: frozenset[int] = frozenset(), top: int = -1) -> list[RawItem]:
    """Items of text that has no headed items: one per development, as the module says.

    A headline line heads the paragraph after it when that paragraph opens a development; the
    document's own title (the block at offset `top`) does so only when its first paragraph
    does not. Text a page repeats
    (a title shown twice, a summary above the article) starts no second item.
    """
    units: list[_Unit] = []
    seen: set[str] = set()
    current: _Unit | None = None
    absorb_next = after_link = False
    lead = -1  # where the story's lead starts: prose before its first development
    teaser_end = -1  # where the last teaser paragraph ends
    lead_section: str | None = None
    for n, (block, section) in enumerate(candidates):
        nxt = candidates[n + 1][0] if n + 1 < len(candidates) else None
        prior, end_before = current, current.end if current is not None else -1
        if _heads_next(block, nxt, block.start == top, heading_starts) and not (
                block.start == top and _restated_below(block, candidates[n + 1 :])):
            if _key(block.clean) in seen:
                continue  # a headline the page repeats: its paragraph is read for itself
            seen.add(_key(block.clean))
            current = _Unit(block, block.end, block.end, section)
            units.append(current)
            absorb_next = True
            continue
        if block.start == top and _is_title(block, heading_starts):
            seen.add(_key(block.clean))
            continue
        if (_is_noise(block) and not _names_instrument(block.clean)) or (
                is_intro(block.clean) and not absorb_next):
            continue
        bullet = bool(_BULLET.match(block.text))
        # A teaser cut short ("...more") is one article; one above a link to its article ends
        # there, and the next block is another's.
        teaser = _teaser_end().search(block.clean) is not None
        linked = _teaser_link().search(
            text, block.end, nxt.start if nxt is not None else len(text)) is not None
        opens, whole, after_link = teaser or after_link, teaser or linked, linked
        for i, (s, e) in enumerate(clauses(text, block.start, block.end)):
            clause = text[s:e]
            if absorb_next:
                new = False  # the paragraph under a headline is that headline's story
            elif opens or (whole and i > 0):
                new = i == 0
            elif i == 0 and bullet:
                new = bool(LABEL.match(clause.lstrip("•·▪◦‣*+-– "))) or starts_development(
                    clause, True)
            elif i == 0 and _is_headline_label(clause):
                new = True  # "Ministry of State Security: Foreign companies ..."
            else:
                new = starts_development(clause, i == 0) and not (
                    current is not None and acts_on_earlier_parties(clause))
            if new or (current is None and i == 0 and (bullet or linked)):
                key = _key(clause)
                if key in seen:
                    break  # the page repeats itself
                seen.add(key)
                # The first development's paragraph is its item from the paragraph's start: a
                # lead sentence before it ("Regulators are cracking down on ...") introduces it.
                # A lead runs into prose of its section, not into a list.
                first = lead if lead >= 0 and not bullet and lead_section == section else (
                    block.start)
                above = _title_above(candidates, n, teaser_end) if teaser and i == 0 else None
                if above is not None:  # a digest entry: title, a line (its source), teaser
                    title, first = above
                    _close_before(units, title, candidates)
                    current = _Unit(title, first, e, section)
                else:
                    if current is not None and current is prior and i > 0 and (
                            not bullet and _opens_lead(text[block.start:block.end])):
                        # "Mobile firms face more scrutiny after leaks. Police arrested ...":
                        # the paragraph's first sentence leads into its development.
                        current.end, s = end_before, block.start
                    current = _Unit(None, first if current is None else s, e, section)
                units.append(current)
            elif current is not None:
                current.end = e
            elif lead < 0 and i == 0 and not bullet and _is_lead(block.clean):
                lead, lead_section = s, section
        absorb_next = False
        teaser_end = block.end if teaser else teaser_end
    return [unit.raw_item(text) for unit in units]


def _heads_next(block: Block, nxt: Block | None, first: bool,
                heading_starts: frozenset[int]) -> bool:
    """Is this line the headline of the paragraph after it?"""
    if nxt is None or _is_noise(nxt) or _BULLET.match(nxt.text):
        return False
    words = WORD.findall(block.clean)
    prose = len(nxt.clean.split()) >= 12 and _TERMINAL.search(nxt.clean) is not None
    if not first and len(nxt.clean.split()) >= 12 and _names_instrument(block.clean):
        return True  # an instrument's title over the paragraph on it ("Data Security Measures")
    if _is_noise(block) or not _is_title(block, heading_starts):
        return False
    if ":" in block.clean or len(words) < 4:
        return False  # a caption ("Screenshot source: ..."), a byline or a site's name
    spans = clauses(nxt.text)
    opens = bool(spans) and starts_development(nxt.text[spans[0][0]:spans[0][1]], True)
    if not first:
        return opens
    # A document's title reports a development its opening paragraph only explains.
    return not opens and prose and starts_development(block.clean, True)


def _names_instrument(line: str) -> bool:
    """A Title Cased line of a few words that ends with an instrument's head word, or opens with
    one ("Regulations on ...")."""
    words = WORD.findall(line)
    heads = head_words()
    if not 2 <= len(words) <= 20 or _TERMINAL.search(line) or words[0].endswith(("’s", "'s")):
        return False
    headed = words[-1].lower() in heads or words[0].lower() in heads and words[1] in SMALL_WORDS
    return headed and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)


def _title_above(candidates: list[tuple[Block, str]], n: int, floor: int
                 ) -> tuple[Block, int] | None:
    """(title, where the entry's text starts) for a teaser under its title line, or under its
    title and one short line (the issuing body, a date), both after the teaser before."""
    above = [b for b, _ in candidates[max(0, n - 2):n] if b.start >= floor]
    short = [len(WORD.findall(b.clean)) <= 12 and not _TERMINAL.search(b.clean) for b in above]
    if len(above) == 2 and all(short) and _titled(above[0].clean):
        return above[0], above[1].start
    if above and short[-1] and _titled(above[-1].clean):
        return above[-1], candidates[n][0].start
    return None


def _titled(clean: str) -> bool:
    return 2 <= len(WORD.findall(clean)) <= 25 and (clean[:1].isupper() or clean[:1].isdigit())


def _close_before(units: list[_Unit], title: Block, candidates: list[tuple[Block, str]]) -> None:
    """An entry's title line is no part of the items before it."""
    while units and units[-1].begin >= title.start:
        units.pop()
    if units and units[-1].end > title.start:
        units[-1].end = max((b.end for b, _ in candidates if b.end <= title.start),
                            default=units[-1].start)


def _restated_below(title: Block, below: list[tuple[Block, str]]) -> bool:
    """A news page's title that its lede restates, below a standfirst and the page's furniture
    ("Watchdog issues notices to 129 apps" ... "BEIJING: The watchdog has issued notices to
    the operators of 129 apps"): the title heads no item of its own."""
    words = _content_words(title.clean)
    prose = [b for b, _ in below[:8] if not _is_noise(b)][:3]
    for block in prose:
        spans = clauses(block.clean)
        first = block.clean[spans[0][0] : spans[0][1]] if spans else ""
        if starts_development(first, True):
            return len(words & _content_words(first)) >= max(3, len(words) // 2)
    return False


def _content_words(text: str) -> set[str]:
    return {w for w in content_words(text) if len(w) > 2}


def _key(clause: str) -> str:
    """A repeated sentence's key: its letters, without a leading label or bracket."""
    label = _ANY_LABEL.match(clause.strip())
    body = clause.strip()[label.end():] if label else clause
    return re.sub(r"[\W_]+", "", body.casefold())[:80]


def _is_headline_label(clause: str) -> bool:
    """A paragraph led by a headline and a colon ("MIIT Announced ...: On 17 October, ...",
    "302 Services Complete Filing with the CAC: As of ..."), not by a rubric ("Why it matters:",
    "Details:")."""
    clause = clause.strip()
    label = LABEL.match(clause)
    if label is not None and sum(w[:1].isupper() for w in label.group().split()) >= 2:
        return True
    long = _LONG_HEADLINE.match(clause)  # a longer headline, in Title Case throughout
    words = long.group(1).split() if long else []
    return len(words) >= 5 and all(w[:1].isupper() or w[:1].isdigit() or w in SMALL_WORDS
                                   for w in words)


# A headline of 20 to 200 characters before a colon, the sentence after it opening with a
# capital or a figure.
_LONG_HEADLINE = re.compile(r"^([A-Z0-9][^:.;!?]{20,200}?):\s+(?=[A-Z0-9“\"])")


@dataclass
class _Unit:
    title: Block | None
    start: int
    end: int
    section: str

    @property
    def begin(self) -> int:
        """Where the item's text begins: its title line, else its first clause."""
        return self.title.start if self.title is not None else self.start

    def raw_item(self, text: str) -> RawItem:
        if self.title is not None:
            body = [] if self.end <= self.start else [_block(text, self.start, self.end)]
            return RawItem(None, self.title, body, self.section)
        first = clauses(text, self.start, self.end)[0]
        head = _block(text, first[0], first[1])
        rest = text.find(text[first[1]:self.end].strip(), first[1]) if first[1] < self.end else -1
        body = ([_block(text, rest, self.end)] if rest >= 0 and text[first[1]:self.end].strip()
                else [])
        return RawItem(None, head, body, self.section)


def _block(text: str, start: int, end: int) -> Block:
    return Block(start, end, text[start:end], 0)
