"""The reader against gold: items aligned by headline (the gold headline is a verbatim prefix,
at most 100 characters, of the item's heading), their dates and sections."""

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


def _headline_key(text: str) -> str:
    """A headline compared by its words alone: gold and reader may break lines differently."""
    return _WS.sub(" ", text).strip().lower()


def align_items(gold_items: Sequence[dict[str, Any]],
                items: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (gold index, item index) whose headlines agree, in document order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    start = 0
    for g, gold in enumerate(gold_items):
        want = _headline_key(gold["headline"])
        for i in range(start, len(items)):
            if i not in used and _headline_key(items[i]["headline"]).startswith(want):
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
