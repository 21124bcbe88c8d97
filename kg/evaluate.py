"""Measure the reader and the extractor against hand-annotated gold files.

Gold files follow `tests/gold/README.md`. Items are aligned by headline: the gold headline is a
verbatim prefix (at most 100 characters) of the item's heading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WS = re.compile(r"\s+")


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Every gold JSON file in a directory, sorted by name."""
    files = sorted(Path(gold_dir).glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def align_items(gold_items: Sequence[dict[str, Any]],
                items: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (gold index, item index) whose headlines agree, in document order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    start = 0
    for g, gold in enumerate(gold_items):
        want = _norm(gold["headline"])
        for i in range(start, len(items)):
            if i not in used and _norm(items[i]["headline"]).startswith(want):
                pairs.append((g, i))
                used.add(i)
                start = i + 1
                break
    return pairs


@dataclass
class Score:
    """Counts behind precision, recall and F1 for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ItemReport:
    """Reader quality: items found, dates and sections right, per document and in total."""

    per_document: list[dict[str, Any]]
    items: Score
    dates_right: int
    sections_right: int
    gold_items: int

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.gold_items if self.gold_items else 1.0

    @property
    def section_accuracy(self) -> float:
        return self.sections_right / self.gold_items if self.gold_items else 1.0


def evaluate_items(gold_docs: Iterable[dict[str, Any]],
                   documents: dict[str, dict[str, Any]]) -> ItemReport:
    """Compare reader output (`to_json` dicts keyed by file name) with gold documents."""
    total = Score()
    dates = sections = n_gold = 0
    rows = []
    for gold in gold_docs:
        doc = documents.get(gold["file"], {"items": [], "issue": None})
        pairs = align_items(gold["items"], doc["items"])
        matched_gold = {g for g, _ in pairs}
        matched_items = {i for _, i in pairs}
        score = Score(len(pairs), len(doc["items"]) - len(pairs), len(gold["items"]) - len(pairs))
        score.misses = [gold["items"][g]["headline"] for g in range(len(gold["items"]))
                        if g not in matched_gold]
        score.false_hits = [doc["items"][i]["headline"][:100] for i in range(len(doc["items"]))
                            if i not in matched_items]
        d_ok = sum(gold["items"][g]["date"] == doc["items"][i]["date"] for g, i in pairs)
        s_ok = sum(gold["items"][g]["section"] == doc["items"][i]["section"] for g, i in pairs)
        wrong = [(gold["items"][g]["headline"][:50], gold["items"][g]["date"],
                  doc["items"][i]["date"], gold["items"][g]["section"], doc["items"][i]["section"])
                 for g, i in pairs
                 if gold["items"][g]["date"] != doc["items"][i]["date"]
                 or gold["items"][g]["section"] != doc["items"][i]["section"]]
        rows.append({"file": gold["file"], "gold": len(gold["items"]), "found": len(doc["items"]),
                     "matched": len(pairs), "dates": d_ok, "sections": s_ok,
                     "issue_ok": gold.get("issue") == doc.get("issue"), "wrong": wrong,
                     "misses": score.misses, "false_hits": score.false_hits})
        total.tp += score.tp
        total.fp += score.fp
        total.fn += score.fn
        dates += d_ok
        sections += s_ok
        n_gold += len(gold["items"])
    return ItemReport(rows, total, dates, sections, n_gold)


# -- extraction ---------------------------------------------------------------------------

FIELDS = ("items", "dates", "authorities", "instruments", "instrument_status", "issuers",
          "cited_laws", "cases", "fines", "actions")

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def respondent_key(name: str) -> str:
    """Lower case, no article, number words as digits: "Two enterprises" = "2 enterprises"."""
    words = re.sub(r"[^\w\s-]", " ", name.lower()).split()
    words = [_NUMBER_WORDS.get(w, w) for w in words]
    return _ARTICLE.sub("", " ".join(words))


def respondents_match(gold: str | None, found: str | None) -> bool:
    """Same party, allowing for the extra words a headline or body adds around it."""
    if not gold or not found:
        return gold == found
    from rapidfuzz import fuzz

    a, b = respondent_key(gold), respondent_key(found)
    if not a or not b:
        return a == b
    return a in b or b in a or fuzz.token_set_ratio(a, b) >= 85


def _cases_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    if item.get("cases"):
        return list(item["cases"])
    return [item["case"]] if item.get("case") else []


@dataclass
class ExtractionReport:
    """Precision, recall and F1 per field, micro-averaged over documents."""

    scores: dict[str, Score]

    def rows(self) -> list[tuple[str, float, float, float, int, int, int]]:
        return [(name, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn)
                for name, s in self.scores.items()]

    def table(self) -> str:
        lines = [f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, p, r, f, tp, fp, fn in self.rows():
            lines.append(f"{name:<18} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")
        return "\n".join(lines)


def _set_score(score: Score, gold: Iterable[str], found: Iterable[str], where: str) -> None:
    g, f = list(dict.fromkeys(gold)), list(dict.fromkeys(found))
    for x in g:
        if x in f:
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{where}: {x}")
    for x in f:
        if x not in g:
            score.fp += 1
            score.false_hits.append(f"{where}: {x}")


def evaluate_extraction(gold_docs: Iterable[dict[str, Any]],
                        documents: dict[str, dict[str, Any]],
                        authority_key: Any = None, title_key: Any = None) -> ExtractionReport:
    """Compare `kg extract` JSON (keyed by file name) with gold, field by field.

    `authority_key` and `title_key` map a name to the key two names must share to count as the
    same entity (an IRI when the ontology knows the name); both default to a normalised string.
    """
    akey = authority_key or (lambda s: _norm(s))
    tkey = title_key or (lambda s: _norm(s))
    scores = {name: Score() for name in FIELDS}
    for gold in gold_docs:
        doc = documents.get(gold["file"], {"items": []})
        items = doc["items"]
        pairs = align_items(gold["items"], items)
        matched = {g for g, _ in pairs}
        s = scores["items"]
        s.tp += len(pairs)
        s.fp += len(items) - len(pairs)
        s.fn += len(gold["items"]) - len(pairs)
        for g in range(len(gold["items"])):
            if g not in matched:
                s.misses.append(f"{gold['file']}: {gold['items'][g]['headline']}")
        for g, i in pairs:
            gi, fi = gold["items"][g], items[i]
            where = f"{gold['file'][:3]}#{g + 1}"
            ds = scores["dates"]
            if gi["date"] and gi["date"] == fi.get("date"):
                ds.tp += 1
            else:
                if fi.get("date"):
                    ds.fp += 1
                if gi["date"]:
                    ds.fn += 1
                    ds.misses.append(f"{where}: {gi['date']} != {fi.get('date')}")
            _set_score(scores["authorities"], [akey(a) for a in gi["authorities"]],
                       [akey(a) for a in fi.get("authorities", [])], where)
            gold_inst = {tkey(x["title"]): x for x in gi["instruments"]}
            found_inst = {tkey(x["title"]): x for x in fi.get("instruments", [])}
            _set_score(scores["instruments"], gold_inst, found_inst, where)
            for k, gx in gold_inst.items():
                fx = found_inst.get(k)
                if fx is None:
                    continue
                st = scores["instrument_status"]
                if gx["status"] == fx["status"]:
                    st.tp += 1
                else:
                    st.fp += 1
                    st.fn += 1
                    st.misses.append(f"{where}: {gx['title'][:60]}: {gx['status']} != "
                                     f"{fx['status']}")
                _set_score(scores["issuers"], [f"{k} <- {akey(a)}" for a in gx["issuers"]],
                           [f"{k} <- {akey(a)}" for a in fx.get("issuers", [])], where)
            _set_score(scores["cited_laws"], [tkey(x) for x in gi["cited_laws"]],
                       [tkey(x) for x in fi.get("cited_laws", [])], where)
            _score_cases(scores, _cases_of(gi), _cases_of(fi), akey, where)
    return ExtractionReport(scores)


def _score_cases(scores: dict[str, Score], gold: list[dict[str, Any]],
                 found: list[dict[str, Any]], akey: Any, where: str) -> None:
    used: set[int] = set()
    cs = scores["cases"]
    for gc in gold:
        hit = None
        for n, fc in enumerate(found):
            if n in used:
                continue
            same_authority = (akey(gc["authority"]) if gc["authority"] else None) == (
                akey(fc["authority"]) if fc.get("authority") else None)
            if same_authority and respondents_match(gc["respondent"], fc.get("respondent")):
                hit = n
                break
        if hit is None:
            cs.fn += 1
            cs.misses.append(f"{where}: {gc['authority']} / {gc['respondent']}")
            continue
        used.add(hit)
        cs.tp += 1
        fc = found[hit]
        fs = scores["fines"]
        if gc["fine_cny"] is not None and gc["fine_cny"] == fc.get("fine_cny"):
            fs.tp += 1
        else:
            if fc.get("fine_cny") is not None:
                fs.fp += 1
                fs.false_hits.append(f"{where}: {fc.get('fine_cny')}")
            if gc["fine_cny"] is not None:
                fs.fn += 1
                fs.misses.append(f"{where}: {gc['fine_cny']}")
        _set_score(scores["actions"], gc["actions"], fc.get("actions", []), where)
    for n, fc in enumerate(found):
        if n not in used:
            cs.fp += 1
            cs.false_hits.append(f"{where}: {fc.get('authority')} / {fc.get('respondent')}")


def entity_keys(extractor: Any, linker: Any) -> tuple[Any, Any]:
    """Key functions that send a gold name through the same linking as extracted names.

    Two names count as the same entity when they link to the same IRI: "Beijing Internet
    Police" and "Beijing Public Security Bureau", "Cyber Security Law" and "Cybersecurity Law".
    A name that links to nothing is compared as normalised text.
    """
    from kg.extract.model import InstrumentMention, Mention
    from kg.ingest import Item

    cache: dict[str, str] = {}

    def authority_key(name: str) -> str:
        if name in cache:
            return cache[name]
        n = len(name)
        item = Item(None, name, "", None, "other", (0, n), (0, n), (n, n))
        ext = next(extractor.extract_items([item]))
        spans = [m for m in ext.authorities if (m.end - m.start) >= 0.6 * n]
        key = linker.authority(spans[0])[0] if len(spans) == 1 else "name:" + _norm(name)
        cache[name] = key
        return key

    def title_key(title: str) -> str:
        mention = InstrumentMention(Mention("instrument", title, 0, len(title)), title)
        return linker.instrument(mention)[0]

    return authority_key, title_key
