"""Bytes to text: refuse what is not text, and say which encoding was used."""

from __future__ import annotations

import codecs
import re

from .errors import ReadError

# Signatures of common binary formats people mistakenly point a text reader at.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive, e.g. .xlsx or .pptx"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (.doc/.xls)"),
    (b"\x7fELF", "an executable"),
)

# Tried in order after the BOM check. GB18030 accepts most byte strings, so it comes after
# strict UTF-8 and before cp1252, which accepts nearly anything.
FALLBACK_ENCODINGS = ("utf-8", "gb18030", "cp1252")

MAX_BYTES = 50 * 1024 * 1024

# Bytes that are not UTF-8, as `surrogateescape` decoding leaves them.
_STRAY = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def decode(path: str, data: bytes, max_bytes: int | None = None) -> tuple[str, str]:
    """Return (text, encoding name) or raise ReadError naming the file."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes  # read at call time, not import
    if not data:
        raise ReadError(path, "file is empty")
    if len(data) > max_bytes:
        raise ReadError(
            path, f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
        )
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(path, f"binary file ({kind}), not a newsletter")
    if data[:64].lstrip().startswith(b"{\\rtf"):
        from .rtf import rtf_to_text

        return _clean(rtf_to_text(path, data)), "rtf"
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _clean(data.decode(name)), name
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"has a {name} byte-order mark but is not {name}") from exc
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReadError(path, "binary file (contains NUL bytes), not a newsletter")
        return _clean(utf16[0]), utf16[1]
    for name in FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            mostly = _utf8_with_strays(data) if name == "utf-8" else None
            if mostly is None:
                continue
            text, name = mostly
        if name == "gb18030" and _latin_in_disguise(text):
            try:  # cp1252 bytes that happen to pair up as GB18030 ("China’s" -> "China抯")
                text, name = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        if _looks_binary(text):
            raise ReadError(path, "binary file (mostly control characters), not a newsletter")
        return _clean(text), name
    raise ReadError(path, "not decodable as UTF-8, GB18030 or cp1252")


def check_language(name: str, text: str) -> None:
    """Refuse a text written in Chinese only, naming the file.

    Without this, a Chinese newsletter reads as an English one with no items (or items cut
    from stray Latin acronyms), and the user is told nothing useful. A few English words per
    hundred Chinese characters (acronyms, company names) still count as Chinese only; an
    English newsletter quoting Chinese names, or a bilingual one, is read.
    """
    cjk = len(text) - len(_CJK.sub("", text))
    if cjk and _LATIN_WORD.subn("", text)[1] * 20 < cjk:
        raise ReadError(name, "text is in Chinese only; kg reads newsletters in English")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for UTF-16 saved without a byte-order mark, else None.

    Latin text in UTF-16 has a NUL as the high byte of nearly every character: at odd
    offsets in little-endian, even ones in big-endian. A binary file with NULs has them at
    both, or at too few places, or does not decode to printable text.
    """
    if len(data) % 2:
        return None
    sample = data[:8192]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if pairs >= 4 and 4 * high >= pairs and 20 * low <= high:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if "\x00" in text or _looks_binary(text):
                return None
            return text, codec
    return None


def _utf8_with_strays(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 with a few bytes that are not, else None.

    One stray cp1252 byte (a "é" pasted from an old file) would otherwise send a whole UTF-8
    file to the cp1252 fallback, turning every "’" into "â€™". A stray byte is read as its
    cp1252 character. The file counts as UTF-8 only when its valid multi-byte characters are
    at least as many as the stray bytes: GB18030 text is mostly invalid UTF-8, and a cp1252
    file has no valid multi-byte characters at all.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(text) - len(_STRAY.sub("", text))
    valid = len(text) - len(_NON_ASCII.sub("", text)) - stray
    if not valid or stray > valid:
        return None
    text = _STRAY.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", "replace"), text)
    return text, f"utf-8 ({stray} invalid byte{'s' if stray > 1 else ''} read as cp1252)"


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad > max(8, len(sample) // 20)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _latin_in_disguise(text: str) -> bool:
    """True when most non-ASCII runs are single characters stuck to a Latin letter.

    Chinese comes in runs of characters; a cp1252 "’" or "é" read as GB18030 becomes one
    character glued to the word around it.
    """
    runs = list(_NON_ASCII_RUN.finditer(text))

    def glued(m: re.Match[str]) -> bool:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return m.end() - m.start() == 1 and any(c.isascii() and c.isalpha() for c in before + after)

    return bool(runs) and 2 * sum(map(glued, runs)) > len(runs)


def _clean(text: str) -> str:
    # One line-ending convention keeps spans simple: every later offset is into this text.
    return text.replace("\r\n", "\n").replace("\r", "\n")
