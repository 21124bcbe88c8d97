"""Files that are not (readable) newsletters give one ReadError naming the file, nothing else."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.ingest.decode
from kg.ingest import Document, ReadError, read_bytes, read_file, read_paths

NEWSLETTER = (
    "China Data Update – March 2024\n"
    "\n"
    "Legislative Developments\n"
    "\n"
    "1. The CAC released rules on data labelling (5 March)\n"
    "The rules apply to all providers of generated content.\n"
    "\n"
    "2. Shenzhen published a public data catalogue (12 March)\n"
    "The catalogue lists data the city will open.\n"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read_error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_file(path)
    return info.value


# -- one bad file at a time --------------------------------------------------------------------

BINARY = {
    "report.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "chart.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "archive.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00",
    "nul.txt": b"Legislative developments\n\x00\x00\x00\x001. Something (5 March)\n",
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_file_is_refused_naming_the_file(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, BINARY[name])
    error = read_error(path)
    assert str(path) in str(error) and "binary" in str(error)


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    error = read_error(path)
    assert str(path) in str(error) and "empty" in str(error)


def test_text_without_a_layout_is_read_as_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path / "letter.txt",
                 b"Dear reader,\n\nThank you for subscribing to our mailing list.\n"
                 b"We will write again next month.\n")
    doc = read_file(path)
    assert doc.layout == "paragraphs" and any("each paragraph is an item" in w
                                              for w in doc.warnings)


def test_text_without_sentences(tmp_path: Path) -> None:
    path = write(tmp_path / "numbers.txt", b"12 34 56\n78 90\n-- 2 --\n")
    error = read_error(path)
    assert str(path) in str(error) and "no sentences" in str(error)


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    error = read_error(path)
    assert str(path) in str(error) and "no such file" in str(error)


def test_directory_given_to_read_file(tmp_path: Path) -> None:
    assert str(tmp_path) in str(read_error(tmp_path))


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", NEWSLETTER.encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user can read a mode-000 file (root)")
        error = read_error(path)
        assert str(path) in str(error) and "permission" in str(error)
    finally:
        path.chmod(0o600)


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.ingest.decode, "MAX_BYTES", 100)
    path = write(tmp_path / "big.txt", NEWSLETTER.encode())
    assert len(NEWSLETTER.encode()) > 100
    error = read_error(path)
    assert str(path) in str(error) and "limit" in str(error)


def test_file_under_the_size_limit_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.ingest.decode, "MAX_BYTES", 10_000)
    assert len(read_file(write(tmp_path / "small.txt", NEWSLETTER.encode())).items) == 2


# -- encodings that are not UTF-8 ---------------------------------------------------------------

@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_reads(tmp_path: Path, bom: bytes, codec: str) -> None:
    doc = read_file(write(tmp_path / "u16.txt", bom + NEWSLETTER.encode(codec)))
    assert doc.encoding == "utf-16"
    assert [i.date for i in doc.items] == ["2024-03-05", "2024-03-12"]


def test_utf16_warning_names_the_encoding(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "u16.txt", codecs.BOM_UTF16_LE +
                          NEWSLETTER.encode("utf-16-le")))
    assert any("utf-16" in w for w in doc.warnings)


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "bom.txt", codecs.BOM_UTF8 + NEWSLETTER.encode()))
    assert doc.title == "China Data Update – March 2024"


def test_utf8_has_no_encoding_warning(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "plain.txt", NEWSLETTER.encode()))
    assert (doc.encoding, doc.warnings) == ("utf-8", [])


GB_TEXT = NEWSLETTER + "\n3. 上海发布公共数据开放条例 (20 March)\n上海市人民政府发布了条例。\n"


def test_gb18030_reads_with_warning(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "gb.txt", GB_TEXT.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert any("gb18030" in w for w in doc.warnings)


def test_gb18030_text_is_decoded_correctly(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "gb.txt", GB_TEXT.encode("gb18030")))
    assert doc.items[2].headline == "上海发布公共数据开放条例 (20 March)"


def test_cp1252_reads_with_warning(tmp_path: Path) -> None:
    text = NEWSLETTER.replace("rules on data", "“rules” on café data")
    doc = read_file(write(tmp_path / "cp.txt", text.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert any("cp1252" in w for w in doc.warnings)


def test_cp1252_apostrophes_are_not_read_as_chinese(tmp_path: Path) -> None:
    # "’s" is b"\x92s" in cp1252, which also happens to be a valid GB18030 character.
    text = ("China Data Update, March 2024\n\nLegislative Developments\n\n"
            "1. The CAC released China’s rules on data labelling (5 March)\n"
            "The regulator’s rules apply to all providers.\n")
    doc = read_file(write(tmp_path / "cp.txt", text.encode("cp1252")))
    assert (doc.encoding, doc.items[0].headline) == (
        "cp1252", "The CAC released China’s rules on data labelling (5 March)")


def test_crlf_line_endings_read_like_lf(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path / "crlf.txt", NEWSLETTER.replace("\n", "\r\n").encode()))
    assert [i.headline for i in doc.items] == [
        "The CAC released rules on data labelling (5 March)",
        "Shenzhen published a public data catalogue (12 March)"]


# -- directories --------------------------------------------------------------------------------

def test_directory_with_nothing_readable(tmp_path: Path) -> None:
    write(tmp_path / "scan.pdf", BINARY["report.pdf.txt"])
    write(tmp_path / "logo.png", BINARY["chart.txt"])
    results = list(read_paths([tmp_path]))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert str(tmp_path) in str(results[0])


def test_directory_with_one_bad_and_one_good_file(tmp_path: Path) -> None:
    bad = write(tmp_path / "a_bad.txt", BINARY["report.pdf.txt"])
    good = write(tmp_path / "b_good.txt", NEWSLETTER.encode())
    results = list(read_paths([tmp_path]))
    errors = [r for r in results if isinstance(r, ReadError)]
    docs = [r for r in results if isinstance(r, Document)]
    assert [str(bad) in str(e) for e in errors] == [True]
    assert [d.path for d in docs] == [str(good)] and len(docs[0].items) == 2


def test_read_paths_reports_a_missing_path_and_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", NEWSLETTER.encode())
    missing = tmp_path / "missing.txt"
    results = list(read_paths([missing, good]))
    assert isinstance(results[0], ReadError) and str(missing) in str(results[0])
    assert isinstance(results[1], Document)


# -- properties ---------------------------------------------------------------------------------

def check_document(doc: Document) -> None:
    for item in doc.items:
        assert 0 <= item.span[0] <= item.span[1] <= len(doc.text)
        assert item.span[0] <= item.headline_span[0] <= item.headline_span[1] <= item.span[1]
        assert item.span[0] <= item.body_span[0] <= item.body_span[1] <= item.span[1]
        assert item.section in ("legislative", "enforcement", "industry", "other")
        if item.date is not None:
            assert dt.date.fromisoformat(item.date).isoformat() == item.date


def read_or_error(name: str, data: bytes) -> Document | None:
    try:
        return read_bytes(name, data)
    except ReadError as error:
        assert name in str(error)
        return None


# Short random markup makes BeautifulSoup warn that it "looks like a filename"; that is fine.
no_bs4_warning = pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")
PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    doc = read_or_error("fuzz.txt", data)
    if doc is not None:
        check_document(doc)


@no_bs4_warning
@PROPERTY
@given(st.text(max_size=400), st.sampled_from(["fuzz.txt", "fuzz.md", "fuzz.html"]))
def test_arbitrary_text_gives_a_document_or_a_read_error(text: str, name: str) -> None:
    doc = read_or_error(name, text.encode("utf-8"))
    if doc is not None:
        check_document(doc)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Sept", "Feb"]
days = st.integers(min_value=0, max_value=35)
years = st.sampled_from(["", " 2019", ", 2020", " 2024", ", 2025", " 1899", ", 20231"])
dmy = st.builds(lambda d, m, y: f"{d} {m}{y}", days, st.sampled_from(MONTHS), years)
mdy = st.builds(lambda d, m, y: f"{m} {d}{y}", days, st.sampled_from(MONTHS), years)
any_date = st.one_of(dmy, mdy, st.sampled_from(["2024-02-30", "2023-13-01", "2024年3月5日"]))
words = st.lists(st.sampled_from(["CAC", "MIIT", "released", "draft", "rules", "on", "data",
                                  "fined", "a", "platform", "(", ")", "Shenzhen", "the", "–",
                                  "“notice”", "1.", "•", "**"]), min_size=1, max_size=10)
phrase = words.map(" ".join)
section_heading = st.sampled_from([
    "Legislative Developments", "Enforcement", "## Enforcement developments", "Industry news",
    "Key Highlights", "Our View", "Latest insights", "Written By", "Regulatory developments",
    "<h2>Legislative developments</h2>", "Other"])
numbered = st.builds(lambda n, p, d: f"{n}. {p} ({d})", st.integers(0, 120), phrase, any_date)
unnumbered = st.builds(lambda p: p.capitalize(), phrase)
md_heading = st.builds(lambda p: f"### {p}", phrase)
body = st.builds(lambda d, p: f"On {d}, {p}.", any_date, phrase)
bullet = st.builds(lambda p: f"  • {p};", phrase)
sub_item = st.builds(lambda n, p: f"  {n}. {p};", st.integers(1, 5), phrase)
line = st.one_of(section_heading, numbered, unnumbered, md_heading, body, bullet, sub_item,
                 phrase, st.just(""))
newsletter = st.builds(
    lambda title, lines, sep: title + sep + sep.join(lines),
    st.sampled_from(["China Data Update – January 2025 Issue", "Monthly Update", "", "# Brief",
                     "Data News - 2024-03"]),
    st.lists(line, min_size=0, max_size=40),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)


@no_bs4_warning
@PROPERTY
@given(newsletter, st.sampled_from(["news.txt", "news.md", "news.html"]))
def test_newsletter_shaped_text_gives_a_document_or_a_read_error(text: str, name: str) -> None:
    doc = read_or_error(name, text.encode("utf-8"))
    if doc is not None:
        check_document(doc)


@PROPERTY
@given(newsletter)
def test_newsletter_shaped_text_in_other_encodings(text: str) -> None:
    for codec in ("utf-16", "gb18030", "cp1252"):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        doc = read_or_error("news.txt", data)
        if doc is not None:
            check_document(doc)
