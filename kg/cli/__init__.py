"""The `kg` command: each command parses its options, calls kg.api and prints the result.

`reading` (parse, extract, evaluate), `building` (build, add, remove), `querying` (query,
validate, export), `serving` (serve, push) and `viewing` (viz, stats, plot) hold the commands,
`render` prints, `app` is the application and its entry point `main`.
"""

from __future__ import annotations

from .app import app, main
from .building import add, build, remove
from .querying import export, query, validate
from .reading import evaluate, extract, parse
from .serving import push, serve
from .viewing import plot, stats, viz

for command in (parse, extract, evaluate, build, add, remove, query, validate, serve, export,
                push, viz, stats, plot):
    app.command()(command)

__all__ = ["add", "app", "build", "evaluate", "export", "extract", "main", "parse", "plot",
           "push", "query", "remove", "serve", "stats", "validate", "viz"]
