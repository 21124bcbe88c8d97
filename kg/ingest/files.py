"""Paths to documents: which files a run reads, and the one-line error for each it cannot."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ReadError
from .model import Document
from .reader import documents_from_bytes

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def read_documents(path: str | os.PathLike[str]) -> list[Document]:
    """Every document in one file (a feed holds several); raises ReadError with a reason."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise ReadError(name, "no such file or directory")
    if p.is_dir():
        raise ReadError(name, "is a directory; give files or use a directory run")
    try:
        data = p.read_bytes()
    except PermissionError as exc:
        raise ReadError(name, "permission denied") from exc
    except OSError as exc:
        raise ReadError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return documents_from_bytes(name, data)


def read_file(path: str | os.PathLike[str]) -> Document:
    """The one document in a file; a file of several documents is an error here."""
    docs = read_documents(path)
    if len(docs) != 1:
        raise ReadError(str(path), f"holds {len(docs)} documents; read it with read_documents")
    return docs[0]


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ReadError]:
    """Expand directories to their newsletter files (sorted); a bad path yields its error."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(str(p), "directory holds no .txt, .md or .html files")
            yield from files
        elif not p.exists():
            yield ReadError(str(p), "no such file or directory")
        else:
            yield p


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Document | ReadError]:
    """Every document under `paths`; unreadable files come back as errors, not exceptions."""
    for entry in iter_paths(paths):
        if isinstance(entry, ReadError):
            yield entry
            continue
        try:
            yield from read_documents(entry)
        except ReadError as exc:
            yield exc
