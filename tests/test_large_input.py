"""Large and odd inputs: a result or a one-line error, never spaCy's [E088] or a crash.

The texts are written here. Sizes are kept small enough for the suite; the two heavy checks
(a 10-million-character text, and `kg build`'s memory on a 50 MB file) run only when
KG_HEAVY_TESTS is set.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.extractor import clause_start_before, possessor_ends
from kg.extract.model import InstrumentMention, Mention
from kg.extract.title_checks import drop_echoes
from kg.ingest import ReadError, read_bytes
from kg.ingest.reader import MAX_ITEM_CHARS

HEAVY = pytest.mark.skipif(not os.environ.get("KG_HEAVY_TESTS"),
                           reason="heavy: set KG_HEAVY_TESTS=1 to run")
SENTENCE = ("The Cyberspace Administration of China issued the Measures on Data Export, which "
            "require handlers to assess risks and report incidents within seven days. ")


def test_a_paragraph_over_spacy_limit_is_cut_and_extracted(pipeline) -> None:
    text = "Regulatory Watch\n\n" + SENTENCE * (1_100_000 // len(SENTENCE)) + "\n"
    assert len(text) > pipeline.extractor.nlp.max_length  # what spaCy's nlp() refuses
    doc = read_bytes("long.txt", text.encode())
    assert max(len(item.text) for item in doc.items) <= MAX_ITEM_CHARS
    one = max(doc.items, key=lambda item: len(item.text))
    (ext,) = pipeline.extractor.extract_items([one])
    assert any(m.text == "Cyberspace Administration of China" for m in ext.authorities)


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_long_table_rows_are_items_not_a_wrapped_paragraph(sep: str) -> None:
    # Rows of one length look like a hard-wrapped paragraph; they must stay rows.
    header = sep.join(["No.", "Date", "Authority", "Document"])
    rows = [sep.join([str(i), f"{i % 28 + 1} March 2024", "Cyberspace Administration of China",
                      f"Measures on Data Item {i}"]) for i in range(1, 61)]
    doc = read_bytes("tracker.txt", ("Tracker – March 2024\n\n" + "\n".join([header, *rows])
                                     + "\n").encode())
    assert doc.layout == "table" and len(doc.items) == 60
    assert doc.items[4].headline.startswith("5") and doc.items[4].date == "2024-03-06"


def test_html_table_cells_stay_apart() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>2024-03-{i % 28 + 1:02d}</td><td>Cyberspace "
                   f"Administration of Shanghai</td><td>Company {i}</td></tr>"
                   for i in range(1, 41))
    page = ("<html><body><h1>Penalties in March 2024</h1><table><tr><th>No.</th><th>Date</th>"
            f"<th>Authority</th><th>Respondent</th></tr>{rows}</table></body></html>")
    doc = read_bytes("penalties.html", page.encode())
    assert doc.layout == "table" and len(doc.items) == 40
    assert doc.items[0].headline == "1 | 2024-03-02 | Cyberspace Administration of Shanghai | " \
                                    "Company 1"


def test_a_page_of_numbers_is_one_read_error() -> None:
    page = "\n".join(" ".join(str((r * 37 + c * 11) % 9973) for c in range(12))
                     for r in range(2000))
    with pytest.raises(ReadError) as err:
        read_bytes("numbers.txt", page.encode())
    assert "no sentences" in str(err.value) and "\n" not in str(err.value)


def test_chinese_and_english_mixed(pipeline) -> None:
    zh = "国家互联网信息办公室发布了《数据出境安全评估办法》。"
    items = "".join(f"{i}. The CAC issued the Measures on Data Item {i}（数据办法） ({i} March)\n"
                    f"The Cyberspace Administration of China（国家网信办）issued the Measures. {zh}"
                    "\n\n" for i in range(1, 6))
    doc = read_bytes("mixed.txt", f"Monthly Update – March 2024\n\nLegislative Developments\n\n"
                                  f"{items}".encode())
    assert len(doc.items) == 5
    exts = pipeline.extractor.extract(doc)
    assert all(any(m.text == "Cyberspace Administration of China" for m in e.authorities)
               for e in exts)


def _inst(title: str, start: int, ref: str | None = None) -> InstrumentMention:
    return InstrumentMention(Mention("instrument", title, start, start + len(title), ref), title)


def test_echoes_of_a_fuller_title_are_dropped() -> None:
    found = [_inst("Overall Plan for the Digital Economy of Hainan", 0),
             _inst("Overall Plan", 60),  # the fuller title starts with it
             _inst("Plan for the Digital Economy of Hainan", 80),  # held nearly whole
             _inst("Data Security Law", 130, ref="https://example.org/dsl")]
    kept = [f.title for f in drop_echoes(found)]
    assert kept == ["Overall Plan for the Digital Economy of Hainan", "Data Security Law"]


def test_many_titles_in_one_item_are_compared_without_blowing_up() -> None:
    found = [_inst(f"Measures on Data Item {i:04d} of Province {i % 7}", i * 60)
             for i in range(1500)]
    assert len(drop_echoes(found)) == 1500  # none is a prefix or near-copy of another


def test_a_long_short_title_with_a_preposition_is_checked_in_one_pass() -> None:
    # Words of the shorter title in order, same head word, but "of" opens a subject: not a
    # shortened form. A pattern that can split a word two ways backtracks exponentially here.
    words = [f"Sector{i}" for i in range(12)]
    full = _inst("National " + " ".join(f"{w} Cross Border Data" for w in words)
                 + " of Incident Reporting Measures", 0)
    short = _inst(" ".join(words) + " of Reporting Measures", 400)
    kept = [f.title for f in drop_echoes([full, short])]
    assert kept == [full.title, short.title]
    compound = _inst(" ".join(words) + " Reporting Measures", 400)
    assert [f.title for f in drop_echoes([full, compound])] == [full.title]


@pytest.mark.parametrize("text", [
    "The Ministry of Finance’s Interim Provisions",
    "the MOF 's  Provisions",
    "the MOF’s\nProvisions",
    "the MOFs Provisions",
    "’s Provisions", "Provisions",
])
def test_possessor_ends_as_the_pattern_matches(text: str) -> None:
    start = text.rindex("Provisions")
    want = [e for e in range(start + 1) if re.fullmatch(r"\s*(?:'s|’s)\s+", text[e:start])]
    found = possessor_ends(text, start)
    assert [e for e in range(start + 1) if found and found[0] <= e <= found[1]] == want


@pytest.mark.parametrize("lead", [0, 300, 5000])
def test_clause_start_reads_back_from_a_long_sentence(lead: int) -> None:
    text = ("word " * lead) + "the CAC said that, and while it issued; the rules which the " \
                              "Measures set out"
    start = text.rindex("Measures")
    last = list(re.finditer(r";|,\s+(?=(?:and|but|while|which|who|whereas)\b)|\bthat\b"
                            r"|\bwhich\b|\bwhile\b|\bwhereas\b", text[:start], re.I))[-1]
    assert clause_start_before(text, 0, start) == last.end()


@HEAVY
def test_ten_million_characters_extract(tmp_path: Path) -> None:
    parts, n = [], 0
    while sum(map(len, parts)) < 10_000_000:
        n += 1
        parts.append(f"{n}. The CAC issued the Measures on Data Item {n} (12 March)\n"
                     f"{SENTENCE * 6}\n\n")
    path = tmp_path / "ten.txt"
    path.write_text("Monthly Update – March 2024 Issue\n\nLegislative Developments\n\n"
                    + "".join(parts), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "E088" not in proc.stderr


@HEAVY
def test_build_of_a_fifty_mb_file_stays_under_two_gb(tmp_path: Path) -> None:
    from tests.benchmarks.run import KG, run_tree

    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "fifty.txt").open("w", encoding="utf-8") as fh:
        fh.write("Monthly Update – March 2024 Issue\n\nLegislative Developments\n\n")
        n = 0
        while fh.tell() < 50_000_000:
            n += 1
            fh.write(f"{n}. The CAC issued the Measures on Data Item {n} (12 March)\n"
                     f"{SENTENCE * 6}\n\n")
    _, peak_mb, proc = run_tree([*KG, "build", str(folder), "--store", str(tmp_path / "store"),
                                 "--no-dump"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert peak_mb < 2048


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_newsletter_of_many_batches_is_stored_as_one_transaction_stores_it(
        tmp_path: Path, pipeline, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    # Batches of 50 quads cut every newsletter, its items and their cases apart: the quads and
    # the running totals must not depend on where the cuts fall, nor on which process made them.
    import tempfile

    from kg.pipeline import add_documents
    from kg.store import GraphStore

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))

    def stored(name: str, bulk: bool) -> set[str]:
        store = GraphStore(tmp_path / name)
        report = add_documents(store, [seeds], pipeline if jobs == 1 or not bulk else None,
                               jobs=jobs if bulk else 1, bulk=bulk, batch_quads=50)
        assert len(report.added) == 5 and report.quads > 1000
        return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}

    assert stored("batches", True) == stored("transactions", False)
    assert list(spools.iterdir()) == []  # a worker's batches were read back and deleted
