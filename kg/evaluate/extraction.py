"""The extraction against gold, scored by the rules of the scorer the gold was made for.

That scorer runs `kg extract --format json` on each text and scores
authorities, instruments and cited laws as document-level sets, items by their headline found in a
predicted item's headline and body, dates on found items, cases by authority and respondent (or
fine) and fines exactly. This module applies the same rules, so that for the same extraction the
tp/fp/fn of those seven fields are the same; instrument_status, issuers and actions are kg's own,
scored on the items and cases aligned that way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .conventions import is_core_law, norm, similar, token_subset
from .reader import Score

SCORED = ("authorities", "instruments", "cited_laws", "items", "dates", "cases", "fines")
FIELDS = SCORED + ("instrument_status", "issuers", "actions")


def labels(x: Any) -> list[str]:
    """Every surface form a predicted entity offers (a string, or a dict's name fields)."""
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    if not isinstance(x, dict):
        return [str(x)]
    out = [v for k in ("name", "label", "prefLabel", "title", "canonical", "mention", "text",
                       "surface") if isinstance(v := x.get(k), str)]
    for k in ("altLabels", "altLabel", "aliases", "mentions"):
        if isinstance(v := x.get(k), list):
            out.extend(str(i) for i in v)
    return out


def uniq(seq: Iterable[Any]) -> list[Any]:
    """First of each normalised name (a dict by its first label); empty names dropped."""
    seen: set[str] = set()
    out = []
    for s in seq:
        k = norm(s) if isinstance(s, str) else norm(labels(s)[0] if labels(s) else "")
        if k and k not in seen:
            seen.add(k)
            out.append(s)
    return out


def match_sets(gold: Sequence[str], pred: Sequence[Any], threshold: float) -> dict[int, int]:
    """Greedy one-to-one matching in gold order: gold index -> first free similar prediction."""
    hits: dict[int, int] = {}
    for g, name in enumerate(gold):
        for j, p in enumerate(pred):
            if j not in hits.values() and any(similar(name, x, threshold) for x in labels(p)):
                hits[g] = j
                break
    return hits


def _tally(score: Score, gold: Sequence[str], pred: Sequence[Any], hits: dict[int, int],
           where: str) -> None:
    score.tp += len(hits)
    score.fp += len(pred) - len(hits)
    score.fn += len(gold) - len(hits)
    score.misses += [f"{where}: {g}" for n, g in enumerate(gold) if n not in hits]
    used = set(hits.values())
    score.false_hits += [f"{where}: {(labels(p) or ['?'])[0]}" for j, p in enumerate(pred)
                         if j not in used]


def _instruments(item: dict[str, Any], gold: bool) -> list[Any]:
    if gold:
        return [i for i in item.get("instruments", []) if not is_core_law(i["title"])]
    return [i for i in (item.get("instruments") or [])
            if not any(is_core_law(t) for t in labels(i)[:1])]


def cases_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    """An item's `cases` list, then its `case` (a scorer counts both when both are given)."""
    out = [c for c in (item.get("cases") or []) if c]
    return out + ([item["case"]] if item.get("case") else [])


def same_case(gc: dict[str, Any], pc: dict[str, Any]) -> bool:
    """The gold's authority (when it names one), and the respondent or the fine, agree."""
    auth_ok = not gc.get("authority") or any(similar(gc["authority"], x, 0.9)
                                             for x in labels(pc.get("authority")))
    resp, g = " ".join(labels(pc.get("respondent"))), gc.get("respondent")
    resp_ok = bool(resp) and (similar(g or "", resp, 0.75) or norm(g)[:25] in norm(resp)
                              or norm(resp)[:25] in norm(g) or token_subset(g, resp))
    fine_same = bool(gc.get("fine_cny") and pc.get("fine_cny")
                     and float(pc["fine_cny"]) == float(gc["fine_cny"]))
    return bool(auth_ok and (resp_ok or fine_same))


def match_items(gold_items: Sequence[dict[str, Any]],
                items: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Gold index -> predicted item whose headline and body start with (or hold) the gold
    headline's first 60 normalised characters, or nearly so (ratio 0.85)."""
    texts = [norm((p.get("headline") or p.get("heading") or "") + " "
                  + (p.get("body") or p.get("text") or "")) for p in items]
    hits: dict[int, int] = {}
    for g, gi in enumerate(gold_items):
        h = norm(gi["headline"])[:60]
        for j, text in enumerate(texts):
            if h and j not in hits.values() and (
                    h in text or SequenceMatcher(None, h, text[:len(h)]).ratio() >= 0.85):
                hits[g] = j
                break
    return hits


def score_document(gold: dict[str, Any], pred: dict[str, Any], scores: dict[str, Score]) -> None:
    """Add one document's counts to `scores` (one Score per name in FIELDS)."""
    where, items, g_items = gold["file"], pred.get("items") or [], gold["items"]
    for name, threshold, g_set, p_set in (
            ("authorities", 0.90, [a for it in g_items for a in it.get("authorities", [])],
             [a for it in items for a in (it.get("authorities") or [])]),
            ("instruments", 0.90, [i["title"] for it in g_items for i in _instruments(it, True)],
             [i for it in items for i in _instruments(it, False)]),
            ("cited_laws", 0.92, [c for it in g_items for c in it.get("cited_laws", [])],
             [c for it in items for c in (it.get("cited_laws") or [])])):
        g_set, p_set = uniq(g_set), uniq(p_set)
        _tally(scores[name], g_set, p_set, match_sets(g_set, p_set, threshold), where)

    aligned = match_items(g_items, items)
    _tally(scores["items"], [gi["headline"][:70] for gi in g_items], items, aligned, where)
    for g, gi in enumerate(g_items):
        if g in aligned:
            _extras(gi, items[aligned[g]], scores, where)
        if gi.get("date"):
            ok = g in aligned and str(items[aligned[g]].get("date") or "")[:10] == gi["date"]
            _count(scores["dates"], ok, f"{where}: {gi['headline'][:40]}: {gi['date']}")

    g_cases = [c for it in g_items for c in cases_of(it)]
    p_cases = [c for it in items for c in cases_of(it)]
    hits: dict[int, int] = {}
    for n, gc in enumerate(g_cases):
        hit = next((j for j, pc in enumerate(p_cases)
                    if j not in hits.values() and same_case(gc, pc)), None)
        if hit is not None:
            hits[n] = hit
            pc = p_cases[hit]
            _set_score(scores["actions"], gc.get("actions") or [], pc.get("actions") or [], where)
        if gc.get("fine_cny"):
            pf = p_cases[hit].get("fine_cny") if hit is not None else None
            _count(scores["fines"], pf is not None and float(pf) == float(gc["fine_cny"]),
                   f"{where}: {gc.get('respondent')}: {gc['fine_cny']} != {pf}")
    _tally(scores["cases"], [f"{c.get('authority')} -> {c.get('respondent')}" for c in g_cases],
           [{"name": f"{c.get('authority')} -> {c.get('respondent')}"} for c in p_cases],
           hits, where)


def _count(score: Score, ok: bool, miss: str) -> None:
    if ok:
        score.tp += 1
    else:
        score.fn += 1
        score.misses.append(miss)


def _extras(gi: dict[str, Any], pi: dict[str, Any], scores: dict[str, Score], where: str) -> None:
    """instrument_status and issuers of the instruments an aligned gold and kg item share."""
    g_ins, p_ins = _instruments(gi, True), _instruments(pi, False)
    for g, j in match_sets([i["title"] for i in g_ins], p_ins, 0.90).items():
        gx, px = g_ins[g], p_ins[j] if isinstance(p_ins[j], dict) else {}
        st = scores["instrument_status"]
        if gx.get("status") == px.get("status"):
            st.tp += 1
        else:
            st.fp += 1
            st.fn += 1
            st.misses.append(f"{where}: {gx['title'][:60]}: {gx.get('status')} != "
                             f"{px.get('status')}")
        g_iss, p_iss = uniq(gx.get("issuers") or []), uniq(px.get("issuers") or [])
        _tally(scores["issuers"], g_iss, p_iss, match_sets(g_iss, p_iss, 0.90), where)


def _set_score(score: Score, gold: Iterable[str], found: Iterable[str], where: str) -> None:
    g, f = list(dict.fromkeys(gold)), list(dict.fromkeys(found))
    score.tp += sum(x in f for x in g)
    score.fn += sum(x not in f for x in g)
    score.fp += sum(x not in g for x in f)
    score.misses += [f"{where}: {x}" for x in g if x not in f]
    score.false_hits += [f"{where}: {x}" for x in f if x not in g]


@dataclass
class ExtractionReport:
    """Precision, recall and F1 per field (FIELDS order), micro-averaged over documents."""

    scores: dict[str, Score]
    skipped: list[str] = field(default_factory=list)

    def table(self) -> str:
        """The figures as plain text, one field a line."""
        lines = [f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
        for name, s in self.scores.items():
            lines.append(f"{name:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                         f"{s.tp}/{s.fp}/{s.fn}")
        return "\n".join(lines)


def doc_of(pred: Any) -> dict[str, Any]:
    """The document a prediction is about: the first of a `kg extract` list."""
    if isinstance(pred, list):
        return pred[0] if pred else {}
    if isinstance(pred, dict) and "documents" in pred:
        return pred["documents"][0] if pred["documents"] else {}
    return pred or {}


def evaluate_extraction(gold_docs: Iterable[dict[str, Any]],
                        documents: dict[str, Any]) -> ExtractionReport:
    """Score `kg extract` JSON (keyed by file name) against gold, as the gold's scorer does.

    A gold document whose file is not a key of `documents` is skipped; one that maps to an
    empty prediction (a text that failed to read) scores as finding nothing.
    """
    scores = {name: Score() for name in FIELDS}
    skipped = []
    for gold in gold_docs:
        if gold["file"] in documents:
            score_document(gold, doc_of(documents[gold["file"]]), scores)
        else:
            skipped.append(gold["file"])
    return ExtractionReport(scores, skipped)


def find_text(name: str, against: Sequence[Path]) -> Path | None:
    """The text a gold file annotates: `name` in one of the folders, or a file so named."""
    for p in against:
        if p.is_dir() and (p / name).exists():
            return p / name
        if p.name == name and p.exists() and not p.is_dir():
            return p
    return None


def scorer_bytes(path: Path) -> bytes:
    """The text the scorer hands to `kg extract`: line ends made "\\n" and a leading "# source:"
    header cut up to its first blank line. A file not in UTF-8 is given as it is."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return data
    if text.startswith("# source:"):
        text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return text.encode("utf-8")


def extract_as_scored(path: Path, extractor: Any, linker: Any) -> dict[str, Any]:
    """`kg extract --format json` of one text as the scorer runs it (its first document, through
    JSON); raises ReadError or OSError when the text cannot be read."""
    from kg.ingest import documents_from_bytes
    from kg.link import document_json, link_document

    docs = documents_from_bytes(str(path), scorer_bytes(path))
    if not docs:
        return {}
    return json.loads(json.dumps(document_json(docs[0], link_document(docs[0], extractor, linker)),
                                 ensure_ascii=False))
