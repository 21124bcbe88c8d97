"""Small shared helpers with no pipeline knowledge."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def long_lived() -> Iterator[None]:
    """Build what lives as long as the process (spaCy's pipeline, the lexicon) with the cyclic
    collector off, then freeze it out of the collector's reach.

    Every object made at start-up survives, so each collection then only walks a growing heap
    to free nothing; frozen, later collections skip it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        end_start_up(enable=enabled)


def end_start_up(enable: bool = True) -> None:
    """What start-up made, with the collector off, is frozen out of its reach; then it runs."""
    gc.freeze()
    if enable:
        gc.enable()


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write text so that readers see the old file or the new one, never half of it."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; give the file its normal mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
