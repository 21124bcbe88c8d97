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
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (.doc/.xls)"),
    (b"\x7fELF", "an executable"),
)

# Tried in order after the BOM check. GB18030 accepts most byte strings, so it comes after
# strict UTF-8 and before cp1252, which accepts nearly anything.
FALLBACK_ENCODINGS = ("utf-8", "gb18030", "cp1252")

MAX_BYTES = 50 * 1024 * 1024


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
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _clean(data.decode(name)), name
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"has a {name} byte-order mark but is not {name}") from exc
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not a newsletter")
    for name in FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "gb18030" and _latin_in_disguise(text):
            try:  # cp1252 bytes that happen to pair up as GB18030 ("China’s" -> "China抯")
                text, name = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        if _looks_binary(text):
            raise ReadError(path, "binary file (mostly control characters), not a newsletter")
        return _clean(text), name
    raise ReadError(path, "not decodable as UTF-8, GB18030 or cp1252")


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
