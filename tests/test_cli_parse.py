"""`kg parse`: through typer's CliRunner and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
ITEM_FIELDS = {"number", "headline", "body", "date", "section", "span"}
GOOD = (
    "China Data Update – March 2024\n\n"
    "Legislative Developments\n\n"
    "1. The CAC released rules on data labelling (5 March)\n"
    "The rules apply to all providers of generated content.\n"
)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def seeds_json() -> list[dict]:
    result = run("parse", str(SEEDS), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_five_documents(seeds_json: list[dict]) -> None:
    assert [d["file"] for d in seeds_json] == SEED_FILES


def test_json_has_120_items(seeds_json: list[dict]) -> None:
    assert sum(len(d["items"]) for d in seeds_json) == 120


def test_json_items_have_the_fields(seeds_json: list[dict]) -> None:
    assert all(set(item) >= ITEM_FIELDS for d in seeds_json for item in d["items"])


def test_json_spans_are_pairs_of_ints(seeds_json: list[dict]) -> None:
    spans = [item["span"] for d in seeds_json for item in d["items"]]
    assert all(len(s) == 2 and all(isinstance(x, int) for x in s) and s[0] < s[1] for s in spans)


def test_table_lists_every_file() -> None:
    result = run("parse", str(SEEDS))
    assert result.exit_code == 0
    assert all(name in result.stdout for name in SEED_FILES)


def test_table_prints_the_totals() -> None:
    assert "5 newsletter(s), 120 items" in run("parse", str(SEEDS)).stdout


def test_missing_file_fails_with_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = run("parse", str(missing))
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_directory_with_a_bad_file_still_prints_the_good_one(tmp_path: Path) -> None:
    (tmp_path / "a_scan.txt").write_bytes(b"%PDF-1.4\n%binary\n")
    (tmp_path / "b_update.txt").write_text(GOOD, encoding="utf-8")
    result = run("parse", str(tmp_path), "--format", "json")
    assert result.exit_code != 0
    assert [d["file"] for d in json.loads(result.stdout)] == ["b_update.txt"]
    assert "a_scan.txt" in result.stderr


def test_out_writes_the_json_file(tmp_path: Path) -> None:
    out = tmp_path / "parsed.json"
    result = run("parse", str(SEEDS / SEED_FILES[0]), "--format", "json", "--out", str(out))
    assert result.exit_code == 0
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert [d["file"] for d in docs] == SEED_FILES[:1] and len(docs[0]["items"]) == 36


def test_out_leaves_stdout_empty(tmp_path: Path) -> None:
    result = run("parse", str(SEEDS / SEED_FILES[0]), "-f", "json", "-o", str(tmp_path / "x.json"))
    assert result.stdout.strip() == ""


def test_real_process() -> None:
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg)] if kg.exists() else [sys.executable, "-c",
                                              "from kg.cli import main; main()"]
    ok = subprocess.run([*command, "parse", str(SEEDS), "--format", "json"], capture_output=True,
                        text=True, timeout=60, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    docs = json.loads(ok.stdout)
    assert (len(docs), sum(len(d["items"]) for d in docs)) == (5, 120)


def test_real_process_missing_file_has_no_traceback(tmp_path: Path) -> None:
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg)] if kg.exists() else [sys.executable, "-c",
                                              "from kg.cli import main; main()"]
    missing = tmp_path / "nowhere.txt"
    bad = subprocess.run([*command, "parse", str(missing)], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert bad.returncode != 0
    assert bad.stderr.strip().splitlines() == [f"kg: error: {missing}: no such file or directory"]
    assert "Traceback" not in bad.stdout + bad.stderr
