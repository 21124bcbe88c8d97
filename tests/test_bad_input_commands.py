"""A corpus of bad inputs against every command: one line naming the file, never a traceback.

The corpus is written by the fixture (nothing large is kept in git). Commands run in-process
through typer's CliRunner, which reports any uncaught exception instead of a traceback.
"""

from __future__ import annotations

import codecs
import gzip
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "004_f8cd05c5291d25b2.txt"
NEWSLETTER = """Data Law Monthly - May 2024 Issue

Enforcement Developments

1. A hotel in Kunming was fined RMB 80,000 (6 May)

On 6 May, the Cyberspace Administration of Kunming imposed a fine of RMB 80,000 on a hotel.
"""


def _corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty.txt": b"",
        "pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "gzip.txt": gzip.compress(b"hello " * 100),
        "utf16.txt": codecs.BOM_UTF16_LE + NEWSLETTER.encode("utf-16-le"),
        "gb18030.txt": NEWSLETTER.replace("hotel", "酒店 hotel").encode("gb18030"),
        "cp1252.txt": NEWSLETTER.replace("hotel", "hotel’s café").encode("cp1252"),
        "mixed_endings.txt": NEWSLETTER.replace("\n", "\r\n", 3).encode(),
        "one_long_line.txt": ("word " * 1_000_000).encode(),
        "big.txt": (("filler text without any structure. " * 30) + "\n").encode() * 20_000,
        "no_items.txt": b"Just a paragraph of prose about data law, with no items at all.\n",
        "duplicated.txt": (NEWSLETTER + NEWSLETTER.split("Enforcement Developments")[1]).encode(),
        "bad_dates.txt": NEWSLETTER.replace("(6 May)", "(31 February)")
                                   .replace("On 6 May, ", "").encode(),
        "scripts.html": (b"<html><head><script>alert(1)</script></head><body><iframe src="
                         b"'http://example.org'></iframe><h2>Enforcement</h2><h3>A hotel was "
                         b"fined</h3><p>On 6 May 2024, the Cyberspace Administration of Kunming "
                         b"fined a hotel RMB 80,000.<script>alert(2)</script></p></body></html>"),
    }
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    (folder / "a_directory").mkdir(exist_ok=True)
    paths["a_directory"] = folder / "a_directory"
    paths["missing.txt"] = folder / "missing.txt"
    return paths


# Text with words is read, whatever its layout: a paragraph without items is an item.
READABLE = {"utf16.txt", "gb18030.txt", "cp1252.txt", "mixed_endings.txt", "duplicated.txt",
            "bad_dates.txt", "scripts.html", "no_items.txt", "one_long_line.txt", "big.txt"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _corpus(tmp_path_factory.mktemp("bad"))


def _run(args: list[str]):
    return CliRunner().invoke(app, args, catch_exceptions=True)


def _one_line_error(result, name: str) -> bool:
    errors = [ln for ln in result.output.splitlines() if ln.startswith("kg: error")]
    return bool(errors) and name in errors[0]


NAMES = ["empty.txt", "pdf.txt", "png.txt", "gzip.txt", "utf16.txt", "gb18030.txt",
         "cp1252.txt", "mixed_endings.txt", "one_long_line.txt", "big.txt", "no_items.txt",
         "duplicated.txt", "bad_dates.txt", "scripts.html", "a_directory", "missing.txt"]


@pytest.mark.parametrize("command", ["parse", "extract"])
@pytest.mark.parametrize("name", NAMES)
def test_reading_commands(corpus: dict[str, Path], command: str, name: str) -> None:
    result = _run([command, str(corpus[name]), "--format", "json"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                     SystemExit)
    if name in READABLE:
        assert result.exit_code == 0, result.output[-500:]
    elif name == "a_directory":
        assert result.exit_code != 0 and _one_line_error(result, "a_directory")
    else:
        assert result.exit_code != 0 and _one_line_error(result, name)


def test_encodings_are_named_in_a_warning(corpus: dict[str, Path]) -> None:
    result = _run(["parse", str(corpus["gb18030.txt"])])
    assert "gb18030" in result.output


def test_scripts_in_html_are_dropped(corpus: dict[str, Path]) -> None:
    result = _run(["parse", str(corpus["scripts.html"]), "--format", "json"])
    assert "alert" not in result.output and "fined a hotel" in result.output


def test_directory_run_skips_bad_files_and_reads_the_rest(corpus: dict[str, Path],
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("empty.txt", "png.txt", "gzip.txt"):
        shutil.copy(corpus[name], folder / name)
    shutil.copy(SEED, folder / SEED.name)
    result = _run(["build", str(folder), "--store", str(tmp_path / "store")])
    errors = [ln for ln in result.output.splitlines() if ln.startswith("kg: error")]
    assert result.exit_code == 1 and len(errors) == 3
    assert "1 newsletter(s) added" in result.output


@pytest.mark.parametrize("name", ["empty.txt", "png.txt", "missing.txt"])
def test_add_bad_file(corpus: dict[str, Path], tmp_path: Path, name: str) -> None:
    result = _run(["add", str(corpus[name]), "--store", str(tmp_path / "store")])
    assert result.exit_code != 0 and _one_line_error(result, name)


@pytest.mark.parametrize("name", ["empty.txt", "png.txt", "missing.txt", "no_items.txt"])
def test_validate_bad_graph_file(corpus: dict[str, Path], name: str) -> None:
    result = _run(["validate", str(corpus[name])])
    assert result.exit_code != 0 and _one_line_error(result, name)


@pytest.mark.parametrize("name", ["empty.txt", "png.txt", "missing.txt", "no_items.txt"])
def test_query_file_that_is_not_a_query(corpus: dict[str, Path], seed_store: Path,
                                        name: str) -> None:
    result = _run(["query", "-f", str(corpus[name]), "--store", str(seed_store)])
    assert result.exit_code != 0 and _one_line_error(result, name)


@pytest.mark.parametrize("command", [["export", "--format", "ttl"], ["viz"], ["stats"],
                                     ["serve", "--port", "0"], ["query", "ASK {}"]])
@pytest.mark.parametrize("store", ["missing", "a_file", "not_a_store"])
def test_commands_on_a_bad_store(corpus: dict[str, Path], tmp_path: Path, command: list[str],
                                 store: str) -> None:
    path = {"missing": tmp_path / "nowhere", "a_file": corpus["no_items.txt"],
            "not_a_store": corpus["a_directory"]}[store]
    result = _run([*command, "--store", str(path)])
    assert result.exit_code != 0 and _one_line_error(result, str(path))
