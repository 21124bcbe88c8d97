"""Debian's Virtuoso 7 (virtuoso-opensource) on loopback, for the tests.

A fresh database in a temporary folder, on free ports of 127.0.0.1, with the anonymous SPARQL
user granted SPARQL_UPDATE (so /sparql-graph-crud takes writes), stopped when the test ends.
Start-up takes about 4 s. `MISSING` says why the tests cannot have one.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
MISSING = None if VIRTUOSO and ISQL else (
    "Virtuoso is not installed: virtuoso-t and isql-vt come with Debian's virtuoso-opensource "
    "(apt-get install virtuoso-opensource; .ci/run does it when it runs as root)")
# The server's HTTP root (pages it serves at /); the package installs it here.
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_virtuoso(folder: Path, timeout: float = 60.0) -> Iterator[str]:
    """Run virtuoso-t with its database in `folder`; yields its base URL (http://127.0.0.1:N,
    SPARQL at /sparql)."""
    if MISSING:
        raise RuntimeError(MISSING)
    assert VIRTUOSO and ISQL
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql=sql, http=http, vsp=VSP), encoding="utf-8")
    with (folder / "virtuoso.out").open("wb") as log:
        proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(ini)], cwd=folder, stdout=log,
                                stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{http}"
        try:
            _wait(base, proc, timeout, folder)
            subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba",
                            'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                           check=True, capture_output=True, timeout=30)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait(base: str, proc: subprocess.Popen, timeout: float, folder: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (folder / "virtuoso.out").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"virtuoso-t stopped ({proc.returncode}): {log}")
        try:
            urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"virtuoso-t did not answer within {timeout} s")
