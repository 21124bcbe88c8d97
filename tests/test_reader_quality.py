"""Reader quality on the five seed newsletters, measured against the hand-made gold files.

The figures table is printed straight to the terminal, so it shows in a plain `pytest` run as
well as under `pytest -s`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import ItemReport, evaluate_items, load_gold
from kg.ingest import read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
GOLD_DOCS = load_gold(GOLD)
EXPECTED_COUNTS = {
    "000_f6ccfccfc20f5a7f.txt": 36,
    "001_320ae357488913d8.txt": 26,
    "002_e72f4d07c1975828.txt": 26,
    "003_5199b38359e1fc5d.txt": 13,
    "004_f8cd05c5291d25b2.txt": 19,
}


def _table(report: ItemReport) -> str:
    head = (f"{'file':<26} {'gold':>5} {'found':>6} {'matched':>8} {'dates ok':>9} "
            f"{'sections ok':>12} {'issue ok':>9}")
    lines = ["", "Reader quality on seeds/ against tests/gold/", head, "-" * len(head)]
    for row in report.per_document:
        issue_ok = "yes" if row["issue_ok"] else "NO"
        lines.append(f"{row['file']:<26} {row['gold']:>5} {row['found']:>6} {row['matched']:>8} "
                     f"{row['dates']:>9} {row['sections']:>12} {issue_ok:>9}")
        for headline, gold_date, date, gold_section, section in row["wrong"]:
            lines.append(f"    wrong: {headline!r}: date {date} (gold {gold_date}), "
                         f"section {section} (gold {gold_section})")
        lines += [f"    missed: {h!r}" for h in row["misses"]]
        lines += [f"    extra: {h!r}" for h in row["false_hits"]]
    issues = sum(row["issue_ok"] for row in report.per_document)
    found = sum(row["found"] for row in report.per_document)
    lines.append("-" * len(head))
    lines.append(f"{'total':<26} {report.gold_items:>5} {found:>6} {report.items.tp:>8} "
                 f"{report.dates_right:>9} {report.sections_right:>12} "
                 f"{f'{issues}/{len(report.per_document)}':>9}")
    lines.append(f"items P {report.items.precision:.3f} R {report.items.recall:.3f} "
                 f"F1 {report.items.f1:.3f}; date accuracy {report.date_accuracy:.3f}; "
                 f"section accuracy {report.section_accuracy:.3f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    return {p.name: read_file(p).to_json() for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def report(documents: dict[str, dict]) -> ItemReport:
    return evaluate_items(GOLD_DOCS, documents)


def test_print_quality_table(report: ItemReport, capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(report)
    with capsys.disabled():
        print(table)
    assert len(report.per_document) == 5


def test_every_seed_has_a_gold_file(documents: dict[str, dict]) -> None:
    assert sorted(documents) == sorted(g["file"] for g in GOLD_DOCS) == sorted(EXPECTED_COUNTS)


@pytest.mark.parametrize("name", sorted(EXPECTED_COUNTS))
def test_item_count_is_exact(documents: dict[str, dict], name: str) -> None:
    assert len(documents[name]["items"]) == EXPECTED_COUNTS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_COUNTS))
def test_every_gold_item_is_matched(report: ItemReport, name: str) -> None:
    row = next(r for r in report.per_document if r["file"] == name)
    assert row["misses"] == []


def test_dates_at_least_98_percent_exact(report: ItemReport) -> None:
    assert report.date_accuracy >= 0.98, _table(report)


def test_sections_at_least_98_percent_exact(report: ItemReport) -> None:
    assert report.section_accuracy >= 0.98, _table(report)


@pytest.mark.parametrize("name", sorted(EXPECTED_COUNTS))
def test_issue_month_is_right(documents: dict[str, dict], name: str) -> None:
    gold = next(g for g in GOLD_DOCS if g["file"] == name)
    assert documents[name]["issue"] == gold["issue"]
