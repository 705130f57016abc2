"""One report in a sandboxed child process: parse, limit time and memory, store.

:func:`process` is the unit of work (``pipeline.parse(path)`` → stored JSON
or a typed error).  :class:`Sandbox` runs it in a long-lived child process
that imports the pipeline once; the owner kills and replaces the child when
a file exceeds the time limit or the memory limit, and records the file as
failed with reason ``timeout`` or ``memory``.  While the child reads scanned
pages by OCR it says so after each page: the memory limit is then
``Options.ocr_memory_mb``, the time limit runs per page, and the owner's
``on_pages`` counts the pages.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from ..options import DEFAULT, Options
from .store import GroupCommit, Store, StoreError, is_key

PRELOAD = ["pipeline.corpus.preload"]


def load_parser(spec: str) -> Any:
    """The function named ``"module:function"`` (``Options.parser``; default ``pipeline.parse:parse``)."""
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


def run_one(key: str, path: str, options: Options = DEFAULT) -> tuple[dict[str, Any], bytes | None, dict | None]:
    """Parse one file with ``options``: (summary, record JSON or None, error dict or None); writes nothing."""
    from ..errors import XxgkError

    start = time.perf_counter()
    payload: bytes | None = None
    error: dict[str, Any] | None = None
    checks_failed = 0
    planned = key
    try:
        record = load_parser(options.parser)(path, options=options)
        checks_failed = len(record.checks_failed)
        payload = record.to_bytes()
        key = parsed_key(record, key)
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
        "planned_key": planned,  # the key the file had when the run was planned
    }
    return summary, payload, error


def parsed_key(record: Any, planned: str) -> str:
    """The key of a record: the sha256 of the bytes the parser read (the file may have changed since planning)."""
    digest = getattr(getattr(record, "source", None), "sha256", None)
    return digest if isinstance(digest, str) and is_key(digest) else planned


def process(key: str, path: str, out_dir: str | None, options: Options = DEFAULT) -> dict[str, Any]:
    """Parse one file and store its record or error under ``out_dir``.

    Returns a small summary (status, reason, checks failed, seconds, peak RSS).
    With ``out_dir=None`` nothing is written and the summary carries the JSON
    ``payload`` (record) or ``error`` for the caller to store.
    """
    summary, payload, error = run_one(key, path, options)
    if out_dir is None:
        summary["payload"] = payload
        summary["error"] = error
    else:
        store = Store(out_dir)
        if payload is not None:
            store.write_record(summary["key"], payload)  # the hash of the bytes parsed
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


# A worker commits its stored files (one GroupCommit) after this many files or seconds.
COMMIT_FILES = 16
COMMIT_SECONDS = 1.0


def serve(conn: Connection, out_dir: str | None, max_memory_mb: float | None, options: Options = DEFAULT) -> None:
    """Child main loop: receive chunks of (key, path) jobs until None or the owner goes away.

    After each file the owner gets ``([key], [])`` (the file is parsed: its
    time limit ends, the next file's begins); the records and errors are
    written as one :class:`GroupCommit` every :data:`COMMIT_FILES` files or
    :data:`COMMIT_SECONDS`, and at the end of each chunk, and only then are
    their summaries sent (``([...], [summary, ...])``): a file is reported
    done once it is durable.  Without ``out_dir`` the summaries carry the
    JSON and are sent at once.
    """
    # Ctrl-C reaches the whole process group: the owner handles it (and kills this
    # process), so a worker does not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Import the pipeline and its stages once per process; if a stage module is
    # broken, each file then fails with that error instead of the worker dying.
    with contextlib.suppress(Exception):
        from . import preload  # noqa: F401
    with contextlib.suppress(Exception):  # the parser's own imports happen before the limit applies
        load_parser(options.parser)
    _limit_address_space(max_memory_mb)
    _report_ocr_pages(conn, max_memory_mb)
    store = Store(out_dir) if out_dir is not None else None
    batch = GroupCommit()
    try:
        _serve_loop(conn, store, batch, options)
    except OSError as exc:  # the output folder cannot be written: tell the owner, who stops the run
        with contextlib.suppress(BrokenPipeError, OSError):
            conn.send((STORE_ERROR, f"{type(exc).__name__}: {exc}"))
    finally:
        with contextlib.suppress(OSError):
            batch.abort()


STORE_ERROR = "store-error"  # message from a worker that could not write its results
OCR_PAGE = "ocr-page"  # message from a worker reading scanned pages: (pages done, pages to read)


def _report_ocr_pages(conn: Connection, max_memory_mb: float | None) -> None:
    """Tell the owner about each scanned page as OCR reads it.

    onnxruntime reserves far more address space than it uses, so the address-space
    cap of :func:`_limit_address_space` is lifted while a file is read by OCR (the
    owner holds the worker's RSS to ``Options.ocr_memory_mb`` meanwhile) and set again,
    from what the worker then maps, when the last page is read.
    """
    from ..readers import ocr

    def on_page(done: int, total: int) -> None:
        if max_memory_mb and done in (0, total):
            if done == 0:
                _, hard = resource.getrlimit(resource.RLIMIT_AS)
                resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            else:
                _limit_address_space(max_memory_mb)
        with contextlib.suppress(BrokenPipeError, OSError):
            conn.send((OCR_PAGE, (done, total)))

    ocr.on_page = on_page


def _serve_loop(conn: Connection, store: Store | None, batch: GroupCommit, options: Options) -> None:
    waiting: list[dict[str, Any]] = []  # summaries of files in the uncommitted batch
    since = 0.0
    while True:
        try:
            jobs = conn.recv()
        except (EOFError, OSError):
            return
        if jobs is None:
            return
        for i, (key, path) in enumerate(jobs):
            summary, payload, error = run_one(key, path, options)
            key = summary["key"]
            if store is None:
                summary["payload"] = payload
                summary["error"] = error
                message: tuple[Any, Any] = ([summary["planned_key"]], [summary])
            else:
                if not waiting:
                    since = time.monotonic()
                if payload is not None:
                    store.stage_record(batch, key, payload)
                else:
                    store.stage_error(batch, key, error)
                waiting.append(summary)
                last = i == len(jobs) - 1
                if last or len(waiting) >= COMMIT_FILES or time.monotonic() - since >= COMMIT_SECONDS:
                    batch.commit()
                    message, waiting = ([summary["planned_key"]], waiting), []
                else:
                    message = ([summary["planned_key"]], [])
            try:
                conn.send(message)
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


Job = tuple[str, str]  # (sha256 key, path)


def start_forkserver() -> None:
    """Start the forkserver now, so it imports the pipeline and loads jieba and the models
    (a few seconds) while this process is still importing and planning the run."""
    from multiprocessing import forkserver

    context()
    with contextlib.suppress(Exception):  # the first Sandbox starts it anyway
        forkserver.ensure_running()


@dataclass
class Sandbox:
    """One child process running :func:`serve`, replaceable when it must be killed.

    It takes a chunk of jobs at a time (:meth:`submit`); ``jobs`` are those not
    yet parsed (the first is running, under the time limit), ``uncommitted``
    those parsed but not yet durable.  When the child must be killed, the
    running job fails with the reason and the others go to ``requeued`` for
    the engine to hand out again (an attempt is counted against them only
    when no running job was to blame).
    """

    out_dir: str | None
    max_memory_mb: float | None
    options: Options = DEFAULT
    ctx: Any = field(default_factory=context)
    process: Any = None
    conn: Connection | None = None
    jobs: deque[Job] = field(default_factory=deque)
    uncommitted: dict[str, Job] = field(default_factory=dict)
    requeued: list[tuple[Job, bool]] = field(default_factory=list)  # (job, counts as an attempt)
    deadline: float = 0.0
    peak_rss_mb: float = 0.0
    restarts: int = 0
    on_pages: Callable[[int, int], None] | None = None  # (pages read, pages announced) by OCR, as they happen
    in_ocr: bool = False  # the running file is being read by OCR

    def start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.process = self.ctx.Process(
            target=serve, args=(child, self.out_dir, self.max_memory_mb, self.options), daemon=True, name="xxgk-worker"
        )
        self.process.start()
        child.close()
        self.conn = parent

    @property
    def busy(self) -> bool:
        return bool(self.jobs or self.uncommitted)

    def submit(self, jobs: list[Job], timeout: float | None) -> None:
        if self.process is None or not self.process.is_alive():
            self.start()
        self.jobs.extend(jobs)
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send(list(jobs))

    def rss_mb(self) -> float:
        rss = proc_status_mb(self.process.pid, "VmRSS") if self.process is not None else None
        if rss:
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
        return rss or 0.0

    def _fail(self, reason: str, detail: str) -> list[dict[str, Any]]:
        failed = []
        charged = not self.jobs  # killed while storing: no running file to blame, so the stored ones count an attempt
        if self.jobs:
            key, path = self.jobs.popleft()
            failed.append(killed_result(key, path, reason, detail))
        self.requeued.extend((job, charged) for job in [*self.uncommitted.values(), *self.jobs])
        self.jobs.clear()
        self.uncommitted.clear()
        self.kill()
        return failed

    def poll(self, timeout: float | None, max_memory_mb: float | None) -> list[dict[str, Any]]:
        """Summaries of the files now done (durable), plus any timeout/memory/crash failure."""
        results: list[dict[str, Any]] = []
        while self.busy and self.conn.poll():
            try:
                parsed, done = self.conn.recv()
            except (EOFError, OSError):
                return results + self._fail("crashed", f"worker exited with code {self.process.exitcode}")
            if parsed == STORE_ERROR:
                raise StoreError(f"{self.out_dir}: a worker cannot write the output folder: {done}")
            if parsed == OCR_PAGE:
                self._ocr_page(*done, timeout)
                continue
            self.in_ocr = False
            for key in parsed:
                job = self.jobs.popleft()
                self.uncommitted[key] = job
            for result in done:
                self.uncommitted.pop(result.get("planned_key", result["key"]), None)
                if result.get("peak_rss_mb"):
                    self.peak_rss_mb = max(self.peak_rss_mb, result["peak_rss_mb"])
                results.append(result)
            if parsed and timeout:
                self.deadline = time.monotonic() + timeout
        if not self.busy:
            return results
        if not self.process.is_alive():
            return results + self._fail("crashed", f"worker exited with code {self.process.exitcode}")
        if time.monotonic() > self.deadline:
            return results + self._fail("timeout", f"no result within {timeout:g} s; worker killed")
        if self.in_ocr and self.options.ocr_memory_mb:
            max_memory_mb, max_memory_what = self.options.ocr_memory_mb, " reading scanned pages by OCR"
        else:
            max_memory_what = ""
        if max_memory_mb and self.rss_mb() > max_memory_mb:
            return results + self._fail(
                "memory", f"worker RSS above {max_memory_mb:g} MB{max_memory_what}; worker killed"
            )
        return results

    def _ocr_page(self, done: int, total: int, timeout: float | None) -> None:
        """A scanned page read (``done`` > 0) or about to be (0, of ``total``): the time limit restarts."""
        self.in_ocr = True
        if done and timeout:
            self.deadline = time.monotonic() + timeout
        if self.on_pages is not None:
            self.on_pages(1 if done else 0, 0 if done else total)

    def take_requeued(self) -> list[tuple[Job, bool]]:
        jobs, self.requeued = self.requeued, []
        return jobs

    def run(self, key: str, path: str, timeout: float | None, max_memory_mb: float | None) -> dict[str, Any]:
        """Blocking: run one job to its end (used by the Dask engine)."""
        self.submit([(key, path)], timeout)
        while True:
            self.conn.poll(0.1)
            results = self.poll(timeout, max_memory_mb)
            if results:
                return results[0]
            if self.take_requeued():  # killed while storing: a one-job chunk stores nothing, so not reached
                return killed_result(key, path, "crashed", "worker killed after parsing")

    def kill(self) -> None:
        self.jobs.clear()
        self.uncommitted.clear()
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


def killed_result(key: str, path: str, reason: str, detail: str) -> dict[str, Any]:
    """The summary of a file whose worker was killed (the owner stores the error)."""
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
