"""A store's life on disk: opened, rebuilt beside itself and swapped in, and its TriG dump.

A fresh build writes a new store in `NAME.new` beside the live one and swaps it in only when it
is complete: the live store is renamed `NAME.old`, the new one takes its name, the old one is
deleted. A build killed between the two renames leaves no `NAME` but a whole `NAME.old`, which
`open_store` puts back; a build killed earlier leaves a `NAME.new` that the next fresh build
deletes. So an interrupted build never leaves you without a store.

The dump `NAME.trig` beside the store is rewritten, or deleted, by every command that changes
the store: a dump that no longer matches the store misleads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .embedded import GraphStore, is_store

NEW, OLD = ".new", ".old"


def beside(path: Path, suffix: str) -> Path:
    """The folder `NAME.new` or `NAME.old` beside the store `NAME`."""
    return path.with_name(path.name + suffix)


def recover(path: str | Path) -> None:
    """Put back a store that a swap left as `NAME.old`."""
    path = Path(path)
    old = beside(path, OLD)
    if not path.exists() and old.is_dir():
        old.rename(path)


def open_store(path: str | Path, read_only: bool = False) -> GraphStore:
    """The store at `path`, recovered first if a swap was cut short (raises StoreError)."""
    recover(path)
    return GraphStore(path, read_only=read_only)


class BuildTarget:
    """Where a build writes: the store itself, or, when `fresh` (or when there is no store
    yet), a new store beside it that `finish` swaps in."""

    def __init__(self, path: str | Path, fresh: bool = False) -> None:
        self.path = Path(path)
        self.fresh = fresh or not is_store(self.path)
        self.folder = beside(self.path, NEW) if self.fresh else self.path
        if self.fresh:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.store = open_store(self.folder)

    def finish(self) -> GraphStore:
        """Flush what was written; a fresh store is compacted and swapped in. Returns the
        store at `path`, open for writing."""
        self.store.flush()
        if self.fresh:
            self.store.compact()
            self.store.close()
            swap(self.folder, self.path)
            self.store = open_store(self.path)
        return self.store


def swap(new: Path, path: Path) -> None:
    """Make the complete store `new` the store at `path`, as the module docstring says."""
    old = beside(path, OLD)
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    new.rename(path)
    shutil.rmtree(old, ignore_errors=True)


def dump_path(path: str | Path) -> Path:
    """The TriG dump beside a store: `NAME.trig`."""
    path = Path(path)
    return path.parent / f"{path.name}.trig"


def refresh_dump(store: GraphStore, dump: bool) -> Path | None:
    """Rewrite the dump beside the store (returning its path), or delete it."""
    target = dump_path(store.path)
    if dump:
        store.dump(target)
        return target
    target.unlink(missing_ok=True)
    return None
