"""The failures kg reports in one line, and the exit status of each."""

from __future__ import annotations


class KgError(Exception):
    """An input, option or store that kg cannot use; the message says which and why.

    `code` is the exit status of the command that meets it; `errors` are lines to report
    before it (the inputs that could not be read, say).
    """

    code = 1

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class UsageError(KgError):
    """Options that do not fit together or a value of the wrong shape."""

    code = 2


def failures() -> tuple[type[Exception], ...]:
    """The exceptions a command reports in one line: kg's own, the store's and a query's."""
    from kg.store import QueryError, StoreError

    return (KgError, StoreError, QueryError)


def exit_code(exc: Exception) -> int:
    """The exit status for one of `failures()`."""
    return exc.code if isinstance(exc, KgError) else 1
