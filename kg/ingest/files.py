"""Paths to documents: which files a run reads, and the one-line error for each it cannot."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ReadError, printable_path
from .model import Document
from .reader import documents_from_bytes

# What a directory run reads; a file named on the command line is read whatever its suffix.
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".eml", ".xml",
            ".rss", ".atom")


def read_documents(path: str | os.PathLike[str]) -> list[Document]:
    """Every document in one file (a feed holds several); raises ReadError with a reason."""
    name = printable_path(path)  # the Document's path: printed, JSON, an RDF literal
    p = Path(path)
    if stat.S_ISDIR(_stat(p).st_mode):
        raise ReadError(name, "is a directory; give files or use a directory run")
    return documents_from_bytes(name, _read_regular(p))


def read_file(path: str | os.PathLike[str]) -> Document:
    """The one document in a file; a file of several documents is an error here."""
    docs = read_documents(path)
    if len(docs) != 1:
        raise ReadError(str(path), f"holds {len(docs)} documents; read it with read_documents")
    return docs[0]


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ReadError]:
    """Expand directories to their newsletter files (sorted); a bad path yields its error.

    Only regular files are yielded: a FIFO or a device named here (or named like a newsletter
    in a directory) is an error, since reading it would block or never end.
    """
    for path in paths:
        p = Path(path)
        try:
            mode = _stat(p).st_mode
        except ReadError as exc:
            yield exc
            continue
        if stat.S_ISDIR(mode):
            yield from _directory(p)
        elif (problem := _not_regular(mode)) is not None:
            yield ReadError(printable_path(p), problem)
        else:
            yield p


def _directory(p: Path) -> Iterator[Path | ReadError]:
    try:
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES)
    except OSError as exc:
        yield ReadError(printable_path(p), _reason(p, exc))
        return
    found = False
    for f in files:
        try:
            mode = _stat(f).st_mode
        except ReadError as exc:  # a broken link or a link loop named like a newsletter
            found = True
            yield exc
            continue
        if stat.S_ISDIR(mode):
            continue  # a folder named like a file is not walked
        found = True
        problem = _not_regular(mode)
        yield f if problem is None else ReadError(printable_path(f), problem)
    if not found:
        yield ReadError(printable_path(p), "directory holds no newsletter files "
                        f"({', '.join(SUFFIXES)})")


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
# A FIFO swapped in after the check must not block the open; O_BINARY matters on Windows only.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _stat(p: Path) -> os.stat_result:
    """`p`'s status (links followed); raises ReadError saying why it cannot be read."""
    try:
        return p.stat()
    except OSError as exc:
        raise ReadError(printable_path(p), _reason(p, exc)) from exc


def _reason(p: Path, exc: OSError) -> str:
    """The one-line reason for an OSError on `p`: a loop or a dangling link is not "missing"."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        try:
            if stat.S_ISLNK(os.lstat(p).st_mode):
                return "broken symbolic link"
        except OSError:
            pass
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot be read ({exc.strerror or exc})"


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((k for test, k in _KINDS if test(mode)), None)
    return f"not a regular file ({kind})" if kind else "not a regular file"


def _read_regular(p: Path) -> bytes:
    """The bytes of `p`, checked on the open file to be a regular one (never blocks)."""
    try:
        fd = os.open(p, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadError(printable_path(p), _reason(p, exc)) from exc
    with open(fd, "rb") as fh:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise ReadError(printable_path(p), problem)
        try:
            return fh.read()
        except OSError as exc:
            raise ReadError(printable_path(p), _reason(p, exc)) from exc


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
