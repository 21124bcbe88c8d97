"""Items in, mentions and relations out: authorities, instruments (status, issuers), cases."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from kg.ingest import Document, Item
from kg.lexicon import Lexicon
from kg.vocab.labels import label_key

from .cases import find_cases
from .locals import LocalRules, compose_local
from .model import Amount, InstrumentMention, ItemExtraction, Mention
from .money import find_money, money_regex
from .pipeline import (
    AUTHORITY,
    INSTRUMENT,
    ORGANISATION,
    Ent,
    LexiconRuler,
    build_pipeline,
)
from .scan import in_slice, occurrences
from .sentence_bounds import sentence_starts
from .story import resolve_story
from .title_checks import (
    defined_terms,
    drop_echoes,
    drop_headline_paraphrases,
    drop_short_names,
    occurrences_of,
    rule_of_body,
    standard_numbers,
    title_key,
)
from .titles import TitleMention, find_titles

_SHORT_NAME = re.compile(r"\s*\((?:the\s+)?([A-Z][^()]{1,60})\)")
# Every clause break starts with one of these (lower case).
_BREAK_OPENERS = (";", ",", "that", "which", "while", "whereas")
_CLAUSE_BREAK = re.compile(r";|,\s+(?=(?:and|but|while|which|who|whereas)\b)|\bthat\b|\bwhich\b"
                           r"|\bwhile\b|\bwhereas\b", re.I)
# "... (Draft) was officially issued": the title's status told after it.
# What follows a title that then gets a final-status cue: "... was officially issued", "...
# will come into force", "... to Take Effect".
_THEN_FINAL = re.compile(r"^[^.;]{0,40}?\b(?:(?:was|were|has been|have been|is|are)\s+"
                         r"(?:officially\s+|formally\s+|jointly\s+)?|(?:to|will|shall|which"
                         r"|that)\s+(?=come|take|enter)|(?=(?:came|comes|come|took|takes|take"
                         r"|entered|enters)\b))", re.I)
_TITLE_TAIL = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:of|by|issued by|released by)\s+(?:the\s+)?")
_OF_THE = re.compile(r"\bof\s+(?:the\s+)?$")
# Titles and defined terms come back item after item: each is normalised once.

_AMENDING_FORM = "Amendment"  # kg:Amendment, whose titles name the instrument they amend


class Extractor:
    """Runs the spaCy pipeline over items and reads relations off the result.

    lexicon
        Names, aliases, head words and cue phrases, all from `ontology/`.
    batch_size
        Items per tokenizer batch; 256 keeps memory flat on long corpora.
    """

    def __init__(self, lexicon: Lexicon, batch_size: int = 256) -> None:
        self.lexicon = lexicon
        self.nlp = build_pipeline(lexicon)
        self.ruler: LexiconRuler = self.nlp.get_pipe("kg_lexicon_ruler")
        self.batch_size = batch_size
        self.rules = LocalRules.from_lexicon(lexicon)
        self.money_re = money_regex({c: list(labels) for c, labels in
                                     lexicon.currencies.items()})
        self.currency_of = {lab.lower(): code for code, labels in lexicon.currencies.items()
                            for lab in labels}
        # What an amount cannot be written without: a currency's label, a money symbol ($ or
        # ¥, which every symbol kg.extract.money adds carries), or, for a penalty with no unit
        # ("fined 3.2 million"), a penalty word. A text with none of them is not searched.
        self.money_words = tuple(sorted({*self.currency_of, "$", "¥", "fine", "penalt"}))
        self.status_cues = {s: _cue_regex(c) for s, c in lexicon.status_cues.items()}
        self.status_words = tuple(sorted(_openers(c for cues in lexicon.status_cues.values()
                                                  for c in cues)))
        # Ignoring case, a non-ASCII cue letter can match an ASCII one: such cues are scanned.
        self.status_words_ascii = all(w.isascii() for w in self.status_words)
        self.basis_re = re.compile(_cue_regex(lexicon.basis_cues or ("based on",)).pattern
                                   + r"\s+(?:the\s+)?(?:relevant\s+)?(?:provisions\s+of\s+"
                                   r"(?:the\s+)?)?(?:article\s+\d+\s+of\s+(?:the\s+)?)?$", re.I)
        self.laws = {k.iri for k in lexicon.instruments if k.short}
        self.authority_labels = {label_key(a) for k in lexicon.authorities
                                 for a in (k.name, *k.aliases)}
        self.authority_labels |= {label_key(a) for b in lexicon.body_types
                                  for a in (b.name, *b.aliases)}

    # -- public -------------------------------------------------------------------------
    def extract(self, document: Document) -> list[ItemExtraction]:
        """Every item of one document; the cases of a news report told over several
        paragraphs are joined up across them."""
        exts = list(self.extract_items(document.items))
        drop_short_names(exts)
        resolve_story(exts, document.layout, self.lexicon)
        return exts

    def extract_items(self, items: Iterable[Item]) -> Iterator[ItemExtraction]:
        """Each item tokenised and matched, then read.

        The tokenizer and the ruler are called directly rather than through `nlp.pipe`: the
        ruler hands its spans over as they are (writing and reading `doc.ents` walks every
        token twice) and is given the item text, which `doc.text` would rebuild.
        """
        items = list(items)
        texts = [item.text for item in items]
        docs = self.nlp.tokenizer.pipe(texts, batch_size=self.batch_size)
        for item, text, doc in zip(items, texts, docs, strict=True):
            yield self._item(item, text, doc, self.ruler.spans(doc, text))

    # -- one item -----------------------------------------------------------------------
    def _item(self, item: Item, text: str, doc: Doc, ents: list[Ent]) -> ItemExtraction:
        local, used = compose_local(text, ents, self.rules, item.date or item.month)
        out = ItemExtraction(item, text)
        mentions: list[Mention] = list(local)
        for i, ent in enumerate(ents):
            if i in used:
                continue
            if ent.label_ == AUTHORITY:
                mentions.append(Mention("authority", ent.text, ent.start_char, ent.end_char,
                                        ent.id_))
            elif ent.label_ == ORGANISATION:
                mentions.append(Mention("organisation", ent.text, ent.start_char, ent.end_char,
                                        ent.id_))
        mentions.sort(key=lambda m: m.start)
        out.authorities = [m for m in mentions if m.kind in ("authority", "local_authority")]
        out.instruments = self._instruments(doc, text, ents, out.authorities,
                                            len(item.headline))
        out.amounts = self._amounts(text)
        # Every section: prose puts penalties under "legislative" or "industry" headings too;
        # find_cases rejects an item without a penalty word before any regex.
        out.cases = find_cases(text, len(item.headline), out, self.lexicon)
        return out

    # -- instruments --------------------------------------------------------------------
    def _instruments(self, doc: Doc, text: str, ents: list[Ent], authorities: list[Mention],
                     head: int) -> list[InstrumentMention]:
        terms = defined_terms(text)
        defined = {title_key(t) for t in terms}
        # Where the text uses a defined short name: a title inside one ("PI Provisions" in
        # "Children’s PI Provisions") is that short name, not a title of its own.
        used = [(at, at + len(t)) for t in terms for at in occurrences_of(text, t)]
        found: list[InstrumentMention] = []
        # Titles never run from the headline into the body.
        found_titles = [*find_titles(text[:head], self.lexicon.grammar),
                        *(_shift(t, head + 1) for t in find_titles(text[head + 1 :],
                                                                   self.lexicon.grammar))]
        # "Data Regulation of ... (Shenzhen Data Regulation)": a title's short name is the title.
        defined |= {title_key(m.group(1)) for t in found_titles
                    if (m := _SHORT_NAME.match(text, t.end))}
        latest_at: dict[int, int] = {}  # where the last authority ending at each offset starts
        for a in authorities:
            latest_at[a.end] = max(a.start, latest_at.get(a.end, a.start))
        for t in found_titles:
            key = title_key(t.title)
            if key in defined or key in self.authority_labels or any(
                    a <= t.start and t.end <= b for a, b in used):
                continue
            body = latest_at.get(t.end, -1)
            if body >= t.start and not rule_of_body(text, t.start, body, self.lexicon.grammar):
                continue  # "... Administration for Market Regulation" is a body, not a rule
            mention = Mention("instrument", t.title, t.start, t.end)
            found.append(InstrumentMention(mention, t.title, "draft" if t.draft else "unknown",
                                           head=t.head))
        # Known instruments named by an alias the title grammar does not catch ("PIPL").
        for ent in ents:
            if ent.label_ != INSTRUMENT:
                continue
            inside = [f for f in found
                      if f.mention.start <= ent.start_char and ent.end_char <= f.mention.end]
            for f in inside:
                if f.mention.start == ent.start_char and f.mention.end == ent.end_char:
                    f.mention.ref = ent.id_
            if not inside or any(self._amends(f) for f in inside):
                # "Amendment XI to the Criminal Law" cites the law it amends.
                found.append(InstrumentMention(
                    Mention("instrument", ent.text, ent.start_char, ent.end_char, ent.id_),
                    ent.text))
        found += standard_numbers(text, found)
        found.sort(key=lambda f: f.mention.start)
        found = drop_headline_paraphrases(drop_echoes(found), text, head)
        if found:
            # Sentence bounds only for items with a title to place in its sentence.
            starts = sentence_starts(doc, text)
            # Where cue words and clause breaks stand, found once for all the item's titles.
            cues = breaks = None
            if text.isascii() and self.status_words_ascii:
                low = text.lower()
                # Cues and breaks are read in the titles' sentences, to 200 characters past one.
                lo = starts[max(0, bisect.bisect_right(starts, found[0].mention.start) - 1)]
                hi = max(f.mention.end for f in found) + 200
                cues = occurrences(low, self.status_words, lo, hi)
                breaks = occurrences(low, _BREAK_OPENERS, lo, hi)
            for f in found:
                self._status_and_issuers(f, text, starts, authorities, cues, breaks)
            self._based_on(found, text)
        return found

    def _amends(self, inst: InstrumentMention) -> bool:
        """Whether a title's head word makes it an amending act (`kg:Amendment`)."""
        return self.lexicon.form_of_head.get((inst.head or "").lower()) == _AMENDING_FORM

    def _based_on(self, found: list[InstrumentMention], text: str) -> None:
        """"Based on the Cybersecurity Law, ... issued the Measures": the Measures rest on it."""
        laws = [f for f in found if f.mention.ref in self.laws and f.status == "unknown"
                and self.basis_re.search(text, max(0, f.mention.start - 30), f.mention.start)]
        if not laws:
            return
        for f in found:
            if f.status != "unknown" and f.mention.ref not in self.laws:
                f.based_on = [law for law in laws if law is not f]

    def _status_and_issuers(self, inst: InstrumentMention, text: str,
                            sentence_starts: list[int], authorities: list[Mention],
                            cues: list[int] | None = None,
                            breaks: list[int] | None = None) -> None:
        """Status and issuers of a title from its clause. `cues` and `breaks` are where status
        cue words and clause breaks can start in `text` (`scan.occurrences`), None to scan."""
        start, end = inst.mention.start, inst.mention.end
        k = bisect.bisect_right(sentence_starts, start) - 1
        s_start = sentence_starts[k] if k >= 0 else 0
        s_end = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(text)
        # What follows the title is read for its first 80 characters only.
        after_end = max(end, min(s_end, end + 200))
        clause_start = clause_start_before(text, s_start, start, breaks)
        status = inst.status
        draft = self.status_cues.get("draft")
        final = self.status_cues.get("issued")
        drafted = later = verb = None
        if draft is not None:
            drafted = _final(in_slice(draft, text, clause_start, start, cues))
            later = next(in_slice(draft, text, end, min(after_end, end + 60), cues), None)
        issued = None if final is None else _final(in_slice(final, text, clause_start, start,
                                                           cues))
        # A draft cue after the title, or the last cue before it: "Following a draft in April,
        # TC260 issued the Rules" issued them; "the CAC released the draft Rules" did not.
        if later or (drafted and not (issued and issued.start() > drafted.end())):
            status, verb = "draft", drafted
        if issued is not None:
            verb = verb or issued
            if status == "unknown":
                status = "issued"
        elif (final is not None and status == "unknown" and _THEN_FINAL.match(text[end:after_end])
              and next(in_slice(final, text, end, min(after_end, end + 80), cues), None)):
            status = "issued"
        inst.status = status
        issuers: list[Mention] = []
        if verb is not None:
            subject_end = clause_start + verb.start()
            issuers = [a for a in authorities
                       if clause_start <= a.start and a.end <= subject_end]
        # "the Ministry of Finance’s Interim Provisions ...": an authority ending where the
        # possessive before the title starts (only spaces around the "’s").
        owner = possessor_ends(text, start)
        if owner is not None:
            for a in authorities:
                if owner[0] <= a.end <= owner[1] and a not in issuers:
                    issuers.append(a)
        # "Opinions of the State Council on ...", "... Action Plan of the NDA and 17 others"
        tail = _TITLE_TAIL.match(text, end)
        for a in authorities:
            inside_title = start <= a.start and a.end <= end and _OF_THE.search(
                text[start:a.start])
            after_title = tail is not None and a.start == tail.end()
            if (inside_title or after_title) and a not in issuers:
                issuers.append(a)
        inst.issuers = issuers

    def _amounts(self, text: str) -> list[Amount]:
        if text.isascii():  # the money pattern ignores case as lower() does on ASCII text
            low = text.lower()
            if not any(map(low.__contains__, self.money_words)):
                return []
        return [Amount(m.value, m.currency, m.start, m.end)
                for m in find_money(text, self.money_re, self.currency_of)]


def clause_start_before(text: str, s_start: int, start: int,
                        breaks: list[int] | None = None) -> int:
    """Where the clause holding `start` begins: after the sentence's last clause break before
    it. `breaks` are where breaks can start (`scan.occurrences` of `_BREAK_OPENERS` in the
    lower-cased ASCII text): tried from the right, as breaks never overlap. Without them the
    sentence is read back from `start` a stretch at a time: a sentence can be a page long."""
    if breaks is not None:
        for p in reversed(breaks[bisect.bisect_left(breaks, s_start):
                                 bisect.bisect_left(breaks, start)]):
            if p == s_start:  # read as the start of a string of its own, as below
                m = _CLAUSE_BREAK.match(text[s_start:start])
                return s_start + (m.end() if m else 0)
            if (m := _CLAUSE_BREAK.match(text, p, start)) is not None:
                return m.end()
        return s_start
    span = 256
    while True:
        lo = max(s_start, start - span)
        if lo == s_start:  # the whole sentence so far, read as a string of its own
            last = _final(_CLAUSE_BREAK.finditer(text[s_start:start]))
            return s_start + (last.end() if last else 0)
        # Breaks never overlap, so the last one at or after `lo` is the sentence's last.
        last = _final(_CLAUSE_BREAK.finditer(text, lo, start))
        if last is not None:
            return last.end()
        span *= 4


def possessor_ends(text: str, start: int) -> tuple[int, int] | None:
    """(first, last) offset at which an authority written as the title's possessor ends:
    text[end:start] is spaces, "’s" and spaces, as `\\s*(?:'s|’s)\\s+` matches whole."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == start or j < 2 or text[j - 2 : j] not in ("'s", "’s"):
        return None
    first = j - 2
    while first > 0 and text[first - 1].isspace():
        first -= 1
    return first, j - 2


def _shift(t: TitleMention, by: int) -> TitleMention:
    return TitleMention(t.title, t.start + by, t.end + by, t.draft, t.head)


def _cue_regex(cues: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({c.strip().lower() for c in cues if c.strip()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b", re.I)


def _final(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    return next(iter(deque(matches, maxlen=1)), None)


def _openers(cues: Iterable[str]) -> set[str]:
    """The cue phrases (lower case) that no other one starts: every match of `_cue_regex`
    starts with one of them."""
    words = {c.strip().lower() for c in cues if c.strip()}
    return {w for w in words if not any(o != w and w.startswith(o) for o in words)}


__all__ = ["Extractor", "Span"]
