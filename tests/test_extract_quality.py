"""Extraction quality on the development gold: P/R/F1 per field, printed, with floors.

Scored as `kg evaluate` and the gold's scorer (tools/score.py) score it: names and titles after
the scorer's normalisation, document-level sets, items found by headline, cases by authority and
respondent or fine. Each floor is a little under the F1 measured on the seeds with that scoring
(measured: authorities .995, instruments .982, cited_laws 1, items 1, dates 1, cases .981, fines 1,
instrument_status .938, issuers .911, actions .963), so a lost entity, item or case fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import ExtractionReport, evaluate_extraction, load_gold
from kg.ingest import read_paths
from kg.link import document_json, link_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


FLOORS = {
    "authorities": 0.97,
    "instruments": 0.97,
    "cited_laws": 0.95,
    "items": 0.98,
    "dates": 0.98,
    "cases": 0.96,
    "fines": 0.95,
    "instrument_status": 0.92,
    "issuers": 0.87,
    "actions": 0.92,
}


@pytest.fixture(scope="module")
def extracted(builder) -> dict[str, dict]:
    docs = {}
    for doc in read_paths([SEEDS]):
        docs[doc.file] = document_json(doc, link_document(doc, builder.extractor,
                                                          builder.linker))
    return docs


@pytest.fixture(scope="module")
def report(extracted: dict[str, dict]) -> ExtractionReport:
    return evaluate_extraction(load_gold(GOLD), extracted)


def test_print_figures(report: ExtractionReport, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nExtraction on seeds/ against tests/gold/ (micro-averaged)")
        print(report.table())
    assert set(FLOORS) == set(report.scores)
    assert not report.skipped


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_meets_floor(report: ExtractionReport, field: str) -> None:
    score = report.scores[field]
    detail = "; ".join((score.misses + score.false_hits)[:8])
    assert score.f1 >= FLOORS[field], f"{field} F1 {score.f1:.3f} < {FLOORS[field]}: {detail}"


def test_every_item_is_extracted(extracted: dict[str, dict]) -> None:
    assert sum(len(d["items"]) for d in extracted.values()) == 120


def test_json_keeps_the_gold_shape(extracted: dict[str, dict]) -> None:
    item = extracted["000_f6ccfccfc20f5a7f.txt"]["items"][0]
    assert {"headline", "date", "section", "authorities", "instruments", "cited_laws",
            "case"} <= set(item)


def test_every_entity_span_points_at_its_text(extracted: dict[str, dict]) -> None:
    texts = {d.file: d.text for d in read_paths([SEEDS])}
    bad = []
    for name, doc in extracted.items():
        for item in doc["items"]:
            for inst in item["instruments"]:
                start, end = inst["span"]
                if texts[name][start:end] != inst["title"] and inst["known"] is False:
                    bad.append((name, inst["title"], texts[name][start:end]))
    assert not bad, bad[:3]
