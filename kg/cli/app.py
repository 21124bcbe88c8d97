"""The `kg` application: its options shared by commands, and the entry point."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import api

from .render import err, line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="kg: a knowledge graph of China's cybersecurity and data-protection law.",
)

StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="Store folder.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Newsletter files or directories.")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Extract in this many processes.")]
DEFAULT_STORE = api.DEFAULT_STORE


@app.callback()
def root() -> None:
    """kg: a knowledge graph of China's cybersecurity and data-protection law."""
    # The command line is parsed; what start-up made (see main) lives on and is frozen.
    api.end_start_up()


def main() -> None:
    """Entry point that turns any unexpected exception into one line, not a traceback.

    Set KG_DEBUG=1 to see the traceback.
    """
    import gc
    import os

    # Start-up (parsing the command line imports pydantic) runs with the cyclic collector off,
    # as kg.util.long_lived explains; `root` turns it back on before the command runs.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        err.print("kg: interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence
        if os.environ.get("KG_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        line(f"kg: error: {type(exc).__name__}: {first} (KG_DEBUG=1 shows the traceback)", err)
        sys.exit(2)
