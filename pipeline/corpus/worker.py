"""One report in a sandboxed child process: parse, limit time and memory, store.

:func:`process` is the unit of work (``pipeline.parse(path)`` → stored JSON
or a typed error).  :class:`Sandbox` runs it in a long-lived child process
that imports the pipeline once; the owner kills and replaces the child when
a file exceeds the time limit or the memory limit, and records the file as
failed with reason ``timeout`` or ``memory``.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from .store import Store, dumps

PRELOAD = ["pipeline.corpus.preload"]
DEFAULT_PARSER = "pipeline.parse:parse"


def load_parser(spec: str) -> Any:
    """The function named ``"module:function"`` (the unit of work; default ``pipeline.parse:parse``)."""
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "parse")


def proc_status_mb(pid: int | str, field_name: str) -> float | None:
    """A memory field (VmRSS, VmHWM, VmSize) of a live process, in MB, from /proc."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def error_dict(key: str | None, path: str, reason: str, detail: str = "", error: str = "") -> dict[str, Any]:
    return {"report_id": key, "path": path, "reason": reason, "detail": detail, "error": error}


def process(key: str, path: str, out_dir: str | None, parser: str = DEFAULT_PARSER) -> dict[str, Any]:
    """Parse one file and store its record or error under ``out_dir``.

    Returns a small summary (status, reason, checks failed, seconds, peak RSS).
    With ``out_dir=None`` nothing is written and the summary carries the JSON
    ``payload`` (record) or ``error`` for the caller to store.
    """
    from ..errors import XxgkError

    start = time.perf_counter()
    payload: bytes | None = None
    error: dict[str, Any] | None = None
    checks_failed = 0
    try:
        record = load_parser(parser)(path)
        checks_failed = len(record.checks_failed)
        payload = dumps(record.to_dict())
    except XxgkError as exc:
        error = {**error_dict(key, path, exc.reason, exc.detail, type(exc).__name__), **exc.to_dict(), "report_id": key}
    except MemoryError:
        error = error_dict(key, path, "memory", "allocation failed under the worker memory limit", "MemoryError")
    except RecursionError as exc:
        error = error_dict(key, path, "internal_error", f"RecursionError: {exc}"[:500], "RecursionError")
    except Exception as exc:  # one bad file never stops the run: record it and go on
        error = error_dict(key, path, "internal_error", f"{type(exc).__name__}: {exc}"[:500], type(exc).__name__)
    summary: dict[str, Any] = {
        "key": key,
        "path": path,
        "status": "ok" if error is None else "error",
        "reason": None if error is None else error["reason"],
        "checks_failed": checks_failed,
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": proc_status_mb("self", "VmHWM"),
        "pid": os.getpid(),
    }
    if out_dir is None:
        summary["payload"] = payload
        summary["error"] = error
    else:
        store = Store(out_dir)
        if payload is not None:
            store.write_record(key, payload)
        else:
            store.write_error(key, error)
    return summary


def _limit_address_space(max_memory_mb: float | None) -> None:
    # RLIMIT_AS is virtual memory: allow what the worker already maps plus the budget,
    # so a runaway allocation raises MemoryError; RSS itself is watched by the owner.
    if not max_memory_mb:
        return
    current = proc_status_mb("self", "VmSize") or 0.0
    limit = int((current + max_memory_mb) * 1024 * 1024)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(conn: Connection, out_dir: str | None, max_memory_mb: float | None, parser: str = DEFAULT_PARSER) -> None:
    """Child main loop: receive (key, path) jobs until None or the owner goes away."""
    # Import the pipeline and its stages once per process; if a stage module is
    # broken, each file then fails with that error instead of the worker dying.
    with contextlib.suppress(Exception):
        from . import preload  # noqa: F401
    with contextlib.suppress(Exception):  # the parser's own imports happen before the limit applies
        load_parser(parser)
    _limit_address_space(max_memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = process(job[0], job[1], out_dir, parser)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


# Parallelism comes from processes: one BLAS/OpenMP thread per worker keeps memory per worker small.
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def context() -> mp.context.BaseContext:
    """forkserver: workers fork from a server that already imported the pipeline.

    Sets the :data:`THREAD_ENV` variables (unless set) in this process, so the
    server and its workers inherit them.
    """
    for name, value in THREAD_ENV.items():
        os.environ.setdefault(name, value)
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


@dataclass
class Sandbox:
    """One child process running :func:`serve`, replaceable when it must be killed."""

    out_dir: str | None
    max_memory_mb: float | None
    parser: str = DEFAULT_PARSER
    ctx: Any = field(default_factory=context)
    process: Any = None
    conn: Connection | None = None
    job: tuple[str, str] | None = None
    deadline: float = 0.0
    peak_rss_mb: float = 0.0
    restarts: int = 0

    def start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.process = self.ctx.Process(
            target=serve, args=(child, self.out_dir, self.max_memory_mb, self.parser), daemon=True, name="xxgk-worker"
        )
        self.process.start()
        child.close()
        self.conn = parent

    @property
    def busy(self) -> bool:
        return self.job is not None

    def submit(self, key: str, path: str, timeout: float | None) -> None:
        if self.process is None or not self.process.is_alive():
            self.start()
        self.job = (key, path)
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send(self.job)

    def rss_mb(self) -> float:
        rss = proc_status_mb(self.process.pid, "VmRSS") if self.process is not None else None
        if rss:
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
        return rss or 0.0

    def _fail(self, reason: str, detail: str) -> dict[str, Any]:
        key, path = self.job
        self.kill()
        return {
            "key": key,
            "path": path,
            "status": "error",
            "reason": reason,
            "checks_failed": 0,
            "seconds": None,
            "peak_rss_mb": None,
            "payload": None,
            "error": error_dict(key, path, reason, detail, "WorkerKilled"),
            "killed": True,
        }

    def poll(self, timeout: float | None, max_memory_mb: float | None) -> dict[str, Any] | None:
        """The finished job's summary, a timeout/memory/crash failure, or None if still running."""
        if self.conn.poll():
            try:
                result = self.conn.recv()
            except (EOFError, OSError):
                return self._fail("crashed", f"worker exited with code {self.process.exitcode}")
            self.job = None
            if result.get("peak_rss_mb"):
                self.peak_rss_mb = max(self.peak_rss_mb, result["peak_rss_mb"])
            return result
        if not self.process.is_alive():
            return self._fail("crashed", f"worker exited with code {self.process.exitcode}")
        if time.monotonic() > self.deadline:
            return self._fail("timeout", f"no result within {timeout:g} s; worker killed")
        if max_memory_mb and self.rss_mb() > max_memory_mb:
            return self._fail("memory", f"worker RSS above {max_memory_mb:g} MB; worker killed")
        return None

    def run(self, key: str, path: str, timeout: float | None, max_memory_mb: float | None) -> dict[str, Any]:
        """Blocking: run one job to its end (used by the Dask engine)."""
        self.submit(key, path, timeout)
        while True:
            self.conn.poll(0.1)
            result = self.poll(timeout, max_memory_mb)
            if result is not None:
                return result

    def kill(self) -> None:
        self.job = None
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.restarts += 1
        if self.conn is not None:
            self.conn.close()
        self.process = None
        self.conn = None

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        if self.conn is not None:
            self.conn.close()
        self.process = None
        self.conn = None
