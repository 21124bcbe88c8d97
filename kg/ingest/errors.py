"""The one error type the reader raises, so the CLI can print it as one line."""

from __future__ import annotations

import os


class ReadError(Exception):
    """A file that cannot be read as a newsletter; the message names the file."""

    def __init__(self, path: str, reason: str) -> None:
        path = printable_path(path)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def printable_path(path: str | os.PathLike[str]) -> str:
    """`path` as text that can be printed, written as JSON or made an RDF literal.

    A file name that is not UTF-8 reaches Python as a str holding lone surrogates
    (surrogateescape), which every strict encoder refuses; its undecodable bytes become U+FFFD.
    Use the result for names only: it no longer opens the file.
    """
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(name).decode("utf-8", "replace")
        except UnicodeError:  # surrogates that no file system gave (e.g. "\ud800")
            return name.encode("utf-8", "replace").decode("utf-8")
    return name
