"""The query processes and the queue in front of them, driven from the server's event loop.

Every query gets a deadline when its request arrives: time spent waiting in the queue counts,
so a client under load hears 503 at its limit rather than after its turn plus the limit. A
query still running at its deadline has its process killed and replaced; one whose process
dies (over the memory limit) gets 503 too. The queue is bounded: when every process is busy
and the queue is full, a request is answered 503 at once, never left to a connection reset.
"""

from __future__ import annotations

import asyncio
import collections
import multiprocessing
import os
import select
import sys
import time
from typing import Any

from kg.store import StoreError

from . import worker
from .worker import READY, Answer, Job, frame, unframe, write_all

_PRELOAD = ["kg.serve.worker", "rdflib.plugins.sparql.parser"]


def _context() -> Any:
    """forkserver where there is one: a replacement process is forked in milliseconds from a
    clean process that already imported kg, instead of starting Python again (spawn), and
    never inherits the server's threads (fork)."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


_PIPE_BYTES = 1 << 20


class _Proc:
    """One query process: jobs go down one pipe (small, written whole), answers come up
    another, read without blocking as they arrive, however large, into a buffer kept for the
    process's life (a new megabyte for each read costs an mmap and a munmap). The answer pipe
    holds a megabyte where the system allows it (Linux), so that a process writes most answers
    whole instead of waiting for the server to read each 64 kB."""

    def __init__(self, ctx: Any, store_path: str, memory_bytes: int | None) -> None:
        job_r, self.jobs = ctx.Pipe(duplex=False)
        self.answers, answer_w = ctx.Pipe(duplex=False)
        try:
            import fcntl

            fcntl.fcntl(self.answers.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except (ImportError, AttributeError, OSError):
            pass  # not Linux, or over /proc/sys/fs/pipe-max-size: the default size
        self.process = ctx.Process(target=worker.main,
                                   args=(store_path, job_r, answer_w, memory_bytes),
                                   daemon=True, name="kg-serve-query")
        self.process.start()
        job_r.close()
        answer_w.close()
        self.fd = self.answers.fileno()
        os.set_blocking(self.fd, False)
        self._reader = open(self.fd, "rb", buffering=0, closefd=False)
        self._chunk = bytearray(_PIPE_BYTES)
        self.buf = bytearray()
        self.job: _Pending | None = None
        self.started = 0.0
        self.ready = False

    def read(self) -> list[tuple[Any, bytes]] | None:
        """The messages complete so far ([] if none yet), or None when the process is gone."""
        try:
            n = self._reader.readinto(self._chunk)
        except OSError:
            return None
        if n is None:  # nothing to read yet
            return []
        if not n:
            return None
        self.buf += memoryview(self._chunk)[:n]
        return unframe(self.buf)

    def wait_ready(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], deadline - time.monotonic())
            if ready:
                messages = self.read()
                if messages is None:
                    return False
                if any(meta == READY for meta, _ in messages):
                    self.ready = True
                    return True
        return False

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self._reader.close()
        self.jobs.close()
        self.answers.close()


class _Pending:
    __slots__ = ("job", "deadline", "future", "timer")

    def __init__(self, job: Job, deadline: float, future: asyncio.Future[Answer]) -> None:
        self.job, self.deadline, self.future = job, deadline, future
        self.timer: asyncio.TimerHandle | None = None


def _limit(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (message + "\n").encode(), {"Retry-After": "1"}


class Pool:
    """`workers` query processes over the store at `store_path`, with a queue of `queue`.

    Processes start (and open the store) here, so that a server is ready when it says so;
    `attach` hands them to the event loop that will serve requests.

    When requests wait and every process is running a query that has already run `slow`
    seconds, one more process is started, up to `workers` more: so as many slow (or hostile)
    queries as there are processes do not hold up every other client until their deadlines.
    Those extra processes end as soon as nothing waits.
    """

    def __init__(self, store_path: str, workers: int, queue: int, timeout: float,
                 memory_mb: int | None) -> None:
        self.store_path, self.workers, self.queue_size = store_path, workers, queue
        self.timeout = timeout
        self.slow = min(1.0, timeout / 4)
        self.memory_bytes = memory_mb << 20 if memory_mb else None
        self._ctx = _context()
        self._waiting: collections.deque[_Pending] = collections.deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._check: asyncio.TimerHandle | None = None
        self.replaced = self.extra_started = 0
        self._procs = [_Proc(self._ctx, store_path, self.memory_bytes) for _ in range(workers)]
        for proc in self._procs:
            if not proc.wait_ready(60):
                self.close()
                raise StoreError(f"{store_path}: a query process could not open the store")
        self._idle: list[_Proc] = list(self._procs)

    def now(self) -> float:
        """The event loop's clock, on which deadlines are set."""
        assert self._loop is not None, "Pool.attach was not called"
        return self._loop.time()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        for proc in self._procs:
            loop.add_reader(proc.fd, self._readable, proc)

    async def run(self, job: Job, arrival: float) -> Answer:
        """The answer to `job`, or 503 when the queue is full or the deadline passes first.
        `arrival` is the loop time at which the request came in."""
        loop = self._loop
        assert loop is not None, "Pool.attach was not called"
        if not self._idle and len(self._waiting) >= self.queue_size:
            return _limit(503, f"busy: {len(self._procs)} queries running and "
                               f"{len(self._waiting)} waiting; try again")
        pending = _Pending(job, arrival + self.timeout, loop.create_future())
        if self._idle:
            self._dispatch(self._idle.pop(), pending)
        else:
            self._waiting.append(pending)
            pending.timer = loop.call_at(pending.deadline, self._expire, pending)
            self._grow()
        return await pending.future

    def _expire(self, pending: _Pending) -> None:
        try:
            self._waiting.remove(pending)
        except ValueError:
            return
        self._resolve(pending, _limit(503, f"query waited past the {self.timeout:g} s limit "
                                           "(counted from its arrival) for a free process"))

    @staticmethod
    def _resolve(pending: _Pending, answer: Answer) -> None:
        if pending.timer is not None:
            pending.timer.cancel()
        if not pending.future.done():
            pending.future.set_result(answer)

    def _dispatch(self, proc: _Proc, pending: _Pending) -> None:
        assert self._loop is not None
        if pending.timer is not None:
            pending.timer.cancel()
        proc.job, proc.started = pending, self._loop.time()
        pending.timer = self._loop.call_at(pending.deadline, self._overtime, proc, pending)
        try:
            write_all(proc.jobs.fileno(), frame(tuple(pending.job)))
        except OSError:
            self._died(proc)

    def _grow(self) -> None:
        """Start one more process if requests wait behind slow queries only (see the class)."""
        loop = self._loop
        if loop is None or not self._waiting or self._idle or self._check is not None:
            return
        busy = [p for p in self._procs if p.job is not None]
        if not busy or len(busy) < len(self._procs):
            return  # a process is starting: it will take the oldest waiting request
        now = loop.time()
        newest = max(p.started for p in busy)
        if now - newest < self.slow:  # check again when the newest query turns slow
            self._check = loop.call_at(newest + self.slow, self._recheck)
            return
        if len(self._procs) < 2 * self.workers:
            self._start()
            self.extra_started += 1

    def _recheck(self) -> None:
        self._check = None
        self._grow()

    def _start(self) -> _Proc:
        proc = _Proc(self._ctx, self.store_path, self.memory_bytes)
        self._procs.append(proc)
        if self._loop is not None:
            self._loop.add_reader(proc.fd, self._readable, proc)
        return proc

    def _free(self, proc: _Proc) -> None:
        """A process is free: give it the oldest request still waiting; or keep it idle, or
        end it if it is one of the extra processes."""
        while self._waiting:
            pending = self._waiting.popleft()
            if not pending.future.done():
                self._dispatch(proc, pending)
                return
        if len(self._procs) > self.workers:
            self._end(proc)
        else:
            self._idle.append(proc)

    def _readable(self, proc: _Proc) -> None:
        messages = proc.read()
        if messages is None:
            self._died(proc)
            return
        for meta, body in messages:
            if meta == READY:  # a new process has opened the store
                proc.ready = True
            else:
                pending, proc.job = proc.job, None
                if pending is not None:
                    status, ctype, headers = meta
                    self._resolve(pending, (status, ctype, body, headers))
            self._free(proc)
        self._grow()

    def _overtime(self, proc: _Proc, pending: _Pending) -> None:
        if proc.job is pending:
            self._resolve(pending, _limit(503, f"query exceeded the {self.timeout:g} s limit "
                                               "(counted from its arrival)"))
            self._replace(proc)

    def _died(self, proc: _Proc) -> None:
        if proc.job is not None:
            mb = f"{self.memory_bytes >> 20} MB" if self.memory_bytes else "no"
            self._resolve(proc.job, _limit(503, f"query process ended: the query went over the "
                                                f"memory limit ({mb}) or crashed"))
            proc.job = None
        if proc.ready:
            self._replace(proc)
        elif self._loop is not None:  # could not open the store: try again, not in a loop
            self._loop.remove_reader(proc.fd)
            self._loop.call_later(1.0, self._replace, proc)

    def _end(self, proc: _Proc) -> None:
        if self._loop is not None and not proc.answers.closed:
            self._loop.remove_reader(proc.fd)
        if proc.job is not None:
            self._resolve(proc.job, _limit(503, "query process ended"))
            proc.job = None
        proc.kill()
        if proc in self._idle:
            self._idle.remove(proc)
        if proc in self._procs:
            self._procs.remove(proc)

    def _replace(self, proc: _Proc) -> None:
        """End a process (overtime, or dead) and, unless it was an extra one, start another
        in its place, which takes work when it has opened the store."""
        known = proc in self._procs
        self._end(proc)
        if known and len(self._procs) < self.workers:
            self._start()
            self.replaced += 1
        self._grow()

    def close(self) -> None:
        if self._check is not None:
            self._check.cancel()
        procs, self._procs = self._procs, []
        for proc in procs:
            if self._loop is not None and not proc.answers.closed:
                try:
                    self._loop.remove_reader(proc.fd)
                except (RuntimeError, ValueError):
                    pass  # the loop is closed already
            proc.kill()
        for proc in procs:
            proc.process.join(timeout=5)
