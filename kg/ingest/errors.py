"""The one error type the reader raises, so the CLI can print it as one line."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a newsletter; the message names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
