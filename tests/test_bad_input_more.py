"""More bad inputs: each gets a correct reading or one line naming the file, and runs go on.

Deep HTML, file names that are not UTF-8, FIFOs and broken links, UTF-16 without a byte-order
mark, a stray cp1252 byte in UTF-8, RTF saved as .txt, and text in Chinese only. Commands that
could block (a FIFO) run in a subprocess with a timeout; the others run in-process through
typer's CliRunner, as in test_bad_input_commands.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import Document, ReadError, read_bytes, read_file, read_paths
from kg.ingest.decode import check_language

ROOT = Path(__file__).resolve().parents[1]
NEWSLETTER = """Data Law Monthly – May 2024 Issue

Enforcement Developments

1. A hotel in Kunming was fined RMB 80,000 (6 May)

On 6 May, the Cyberspace Administration of Kunming imposed a fine of RMB 80,000 on a hotel’s owner.
"""
HEADLINE = "A hotel in Kunming was fined RMB 80,000 (6 May)"


def _run(args: list[str]):
    return CliRunner().invoke(app, args, catch_exceptions=True)


def _kg(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """`kg ARGS` in a subprocess: a command that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True,
                          timeout=timeout, check=False)


def _error_lines(stderr: bytes) -> list[str]:
    return [ln for ln in stderr.decode("utf-8", "replace").splitlines()
            if ln.startswith("kg: error")]


def _headlines(doc: Document) -> list[str]:
    return [item.headline for item in doc.items]


# -- HTML nested very deep -------------------------------------------------------------------

def _deep_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<h2>Enforcement</h2>"
            "<h3>A hotel in Kunming was fined (6 May 2024)</h3>"
            "<p>On 6 May 2024, the Cyberspace Administration of Kunming fined a hotel.</p>"
            + "</div>" * depth + "</body></html>").encode()


def test_html_nested_1000_deep_parses(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(_deep_html(1000))
    result = _run(["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output[-500:]


def test_html_nested_1000_deep_reads_its_item() -> None:
    doc = read_bytes("deep.html", _deep_html(1000))
    assert _headlines(doc) == ["A hotel in Kunming was fined (6 May 2024)"]


def test_html_nested_10000_deep_reads_its_item() -> None:
    doc = read_bytes("deep.html", _deep_html(10_000))
    assert _headlines(doc) == ["A hotel in Kunming was fined (6 May 2024)"]


def test_html_nested_10000_deep_reads_in_seconds() -> None:
    start = time.perf_counter()
    read_bytes("deep.html", _deep_html(10_000))
    assert time.perf_counter() - start < 5  # no tag may search its whole subtree


# -- a file name that is not UTF-8 -------------------------------------------------------------

@pytest.fixture
def latin1_named(tmp_path: Path) -> Path:
    """A newsletter in a folder of its own, named b"caf\\xe9.txt" (latin-1, not UTF-8)."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / os.fsdecode(b"caf\xe9.txt")
    try:
        path.write_bytes(NEWSLETTER.encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    return path


def test_parse_json_of_a_file_name_not_utf8_is_utf8(latin1_named: Path) -> None:
    result = _kg(["parse", "--format", "json", os.fsdecode(latin1_named)])
    assert json.loads(result.stdout.decode("utf-8"))[0]["file"] == "caf\ufffd.txt"


def test_document_path_of_a_file_name_not_utf8_encodes(latin1_named: Path) -> None:
    assert read_file(latin1_named).path.encode("utf-8").endswith("caf\ufffd.txt".encode())


def test_build_a_file_name_not_utf8(latin1_named: Path, tmp_path: Path) -> None:
    result = _run(["build", str(latin1_named.parent), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0 and "1 newsletter(s) added" in result.output, result.output


def test_add_a_file_name_not_utf8(latin1_named: Path, tmp_path: Path) -> None:
    result = _run(["add", str(latin1_named), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0 and "added 1," in result.output, result.output


def test_read_error_of_a_file_name_not_utf8_encodes(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")
    error = list(read_paths([path]))[0]  # missing: an error that names the file
    assert str(error).encode("utf-8").endswith(b"caf\xef\xbf\xbd.txt: no such file or directory")


# -- FIFOs, devices and symbolic links ---------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@needs_fifo
def test_parse_a_fifo_fails_at_once_naming_it(fifo: Path) -> None:
    result = _kg(["parse", str(fifo)], timeout=60)
    assert _error_lines(result.stderr) == [f"kg: error: {fifo}: not a regular file (a FIFO)"]


@needs_fifo
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_a_directory_holding_a_fifo_reads_the_rest(fifo: Path, tmp_path: Path,
                                                         jobs: str) -> None:
    (fifo.parent / "good.txt").write_bytes(NEWSLETTER.encode())
    result = _kg(["build", str(fifo.parent), "--store", str(tmp_path / "store"), "-j", jobs])
    assert b"1 newsletter(s) added, 0 unchanged, 1 failed" in result.stdout, result.stderr[-800:]


@needs_fifo
def test_directory_run_reports_the_fifo(fifo: Path) -> None:
    (fifo.parent / "good.txt").write_bytes(NEWSLETTER.encode())
    errors = [str(r) for r in read_paths([fifo.parent]) if isinstance(r, ReadError)]
    assert errors == [f"{fifo}: not a regular file (a FIFO)"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_character_device_is_not_read() -> None:
    with pytest.raises(ReadError, match="not a regular file \\(a character device\\)"):
        read_file("/dev/null")


def test_symbolic_link_loop_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "loop.txt"
    path.symlink_to(path.name)
    result = _run(["parse", str(path)])
    assert f"kg: error: {path}: symbolic link loop" in result.output


def test_broken_symbolic_link_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "dangling.txt"
    path.symlink_to(tmp_path / "gone.txt")
    result = _run(["parse", str(path)])
    assert f"kg: error: {path}: broken symbolic link" in result.output


def test_directory_run_reports_a_broken_link_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a_dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "b_good.txt").write_bytes(NEWSLETTER.encode())
    kinds = [type(r).__name__ for r in read_paths([tmp_path])]
    assert kinds == ["ReadError", "Document"]


def test_symbolic_link_to_a_newsletter_reads(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(NEWSLETTER.encode())
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert _headlines(read_file(tmp_path / "link.txt")) == [HEADLINE]


# -- encodings: UTF-16 without a byte-order mark, a stray byte in UTF-8 ------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_reads(codec: str) -> None:
    doc = read_bytes("u16.txt", NEWSLETTER.encode(codec))
    assert _headlines(doc) == [HEADLINE]


def test_utf16_without_bom_names_the_encoding() -> None:
    doc = read_bytes("u16.txt", NEWSLETTER.encode("utf-16-le"))
    assert any("utf-16-le" in w for w in doc.warnings)


def test_nul_bytes_that_are_not_utf16_are_still_binary() -> None:
    with pytest.raises(ReadError, match="binary"):
        read_bytes("nul.txt", b"\x00\x01\x02\x03" * 64 + NEWSLETTER.encode())


STRAY = NEWSLETTER.encode().replace(b"hotel in", b"h\xe9tel in")


def test_one_stray_cp1252_byte_keeps_the_utf8_text() -> None:
    doc = read_bytes("stray.txt", STRAY)
    assert "Data Law Monthly – May 2024 Issue" in doc.text and "hotel’s owner" in doc.text


def test_one_stray_cp1252_byte_reads_as_its_character() -> None:
    doc = read_bytes("stray.txt", STRAY)
    assert _headlines(doc) == ["A hétel in Kunming was fined RMB 80,000 (6 May)"]


def test_one_stray_byte_is_a_warning() -> None:
    doc = read_bytes("stray.txt", STRAY)
    assert any("1 invalid byte read as cp1252" in w for w in doc.warnings)


def test_gb18030_with_a_few_chinese_characters_is_still_gb18030() -> None:
    doc = read_bytes("gb.txt", NEWSLETTER.replace("hotel in", "酒店 hotel in").encode("gb18030"))
    assert (doc.encoding, _headlines(doc)) == (
        "gb18030", ["A 酒店 hotel in Kunming was fined RMB 80,000 (6 May)"])


# -- RTF saved as .txt ---------------------------------------------------------------------------

RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}{\colortbl;\red0\green0"
       rb"\blue0;}" b"\n"
       rb"\f0\fs22 Data Law Monthly \endash  May 2024 Issue\par" b"\n"
       rb"\par" b"\n"
       rb"{\b Enforcement Developments}\par" b"\n"
       rb"\par" b"\n"
       rb"1. A h\'f4tel in Kunming was fined RMB 80,000 (6 May)\par" b"\n"
       rb"\par" b"\n"
       rb"On 6 May, the Cyberspace Administration of Kunming fined a hotel\rquote s owner "
       rb"\u8364? 80,000.\par" b"\n}")


def test_rtf_headline_has_no_control_words() -> None:
    assert _headlines(read_bytes("news.txt", RTF)) == [
        "A hôtel in Kunming was fined RMB 80,000 (6 May)"]


def test_rtf_font_table_is_not_text() -> None:
    assert "Calibri" not in read_bytes("news.txt", RTF).text


def test_rtf_unicode_escapes_are_read() -> None:
    assert "hotel’s owner € 80,000." in read_bytes("news.txt", RTF).text


def test_rtf_is_a_warning() -> None:
    assert "converted from RTF" in read_bytes("news.txt", RTF).warnings


def test_rtf_through_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(RTF)
    result = _run(["parse", str(path), "--format", "json"])
    assert "\\par" not in result.output and "A hôtel in Kunming" in result.output


# -- text in Chinese only ----------------------------------------------------------------------

CHINESE = ("数据法律月报 2024年5月\n\n执法动态\n\n"
           "1. 昆明一家酒店被罚款8万元 (5月6日)\n\n"
           "5月6日，昆明市网信办对一家酒店处以8万元罚款，原因是其未履行数据安全保护义务。"
           "该酒店的App还收集了与服务无关的个人信息。\n")


def test_chinese_only_text_is_refused_saying_so() -> None:
    with pytest.raises(ReadError, match="text is in Chinese only; kg reads newsletters in "
                                        "English"):
        check_language("cn.txt", CHINESE)


def test_chinese_only_refusal_names_the_file() -> None:
    with pytest.raises(ReadError, match="^cn.txt: "):
        check_language("cn.txt", CHINESE)


def test_english_with_chinese_names_is_read() -> None:
    mixed = NEWSLETTER.replace("a hotel’s owner", "the owner of 昆明大酒店 (Kunming Grand Hotel)")
    assert check_language("mixed.txt", mixed) is None


def test_bilingual_text_is_read() -> None:
    assert check_language("both.txt", CHINESE + NEWSLETTER) is None


def test_english_only_text_is_read() -> None:
    assert check_language("en.txt", NEWSLETTER) is None


def test_chinese_only_text_is_refused_by_the_reader() -> None:
    with pytest.raises(ReadError, match="Chinese only"):
        read_bytes("zh.txt", "国家互联网信息办公室发布了数据出境安全评估办法。"
                             "该办法自九月起施行。".encode())


def test_html_list_nested_ten_thousand_deep_is_read() -> None:
    page = ("<html><body><article>" + "<ol><li>step " * 10_000
            + "The CAC fined a company 5,000 yuan on 5 May 2024." + "</li></ol>" * 10_000
            + "</article></body></html>")
    assert read_bytes("deep.html", page.encode()).items
