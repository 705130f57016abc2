"""Engines run jobs ``(key, path)`` and hand each result summary to a callback.

``local``: one sandboxed child process per core, driven from this process,
fed chunks of jobs (per-file timeout and memory limit, hung or bloated workers
killed and replaced, the rest of their chunk handed out again).  ``dask``: the same work as tasks on a Dask cluster; each Dask
worker thread keeps its own sandbox, so limits behave the same.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from ..options import DEFAULT, Options
from .worker import Sandbox, killed_result, process

Job = tuple[str, str]  # (sha256 key, path)
OnResult = Callable[[dict[str, Any]], None]


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


# Jobs go to a worker in chunks of up to CHUNK, smaller near the end of the run so
# that the workers finish together; a job requeued (its worker killed before it
# was stored, with no running job to blame) MAX_ATTEMPTS times fails as crashed.
CHUNK = 16
MAX_ATTEMPTS = 3


def chunk_size(remaining: int, workers: int) -> int:
    return max(1, min(CHUNK, remaining // (2 * workers)))


def run_local(
    jobs: Sequence[Job],
    out_dir: str,
    on_result: OnResult,
    workers: int | None = None,
    timeout: float | None = None,
    max_memory_mb: float | None = None,
    options: Options = DEFAULT,
    on_pages: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Run ``jobs`` on ``workers`` local processes, parsed with ``options``; workers write results into ``out_dir``.

    ``on_pages(read, announced)`` counts scanned pages as the workers read them by OCR.
    """
    n = max(1, min(workers or default_workers(), len(jobs) or 1))
    sandboxes = [Sandbox(out_dir, max_memory_mb, options, on_pages=on_pages) for _ in range(n)]
    pool = _LocalPool(sandboxes, deque(jobs), on_result, timeout, max_memory_mb)
    try:
        while pool.step():
            pass
    except KeyboardInterrupt:  # stop now: what is stored is durable, the rest is redone on the next run
        for sb in sandboxes:
            sb.kill()
        raise
    finally:
        for sb in sandboxes:
            sb.stop()
    return {
        "workers": n,
        "peak_rss_mb": [round(sb.peak_rss_mb, 1) for sb in sandboxes],
        "restarts": sum(sb.restarts for sb in sandboxes),
    }


@dataclass
class _LocalPool:
    """The sandboxes of a local run and the jobs not yet handed out."""

    sandboxes: list[Sandbox]
    queue: deque[Job]
    on_result: OnResult
    timeout: float | None
    max_memory_mb: float | None
    attempts: dict[str, int] = field(default_factory=dict)

    def step(self) -> bool:
        """Hand out chunks, wait for a result or a deadline, take what is done; False when all is done."""
        if not (self.queue or any(sb.busy for sb in self.sandboxes)):
            return False
        for sb in self.sandboxes:
            if not sb.busy and self.queue:
                size = chunk_size(len(self.queue), len(self.sandboxes))
                sb.submit([self.queue.popleft() for _ in range(size)], self.timeout)
        busy = [sb for sb in self.sandboxes if sb.busy]
        wait_for = max(0.0, min(min(sb.deadline for sb in busy) - time.monotonic(), 0.25))
        wait([sb.conn for sb in busy] + [sb.process.sentinel for sb in busy], wait_for)
        for sb in busy:
            for result in sb.poll(self.timeout, self.max_memory_mb):
                self.on_result(result)
            self._requeue(sb)
        return True

    def _requeue(self, sb: Sandbox) -> None:
        """Jobs of a killed worker go back to the queue, or fail as crashed after MAX_ATTEMPTS."""
        for (key, path), charged in reversed(sb.take_requeued()):
            self.attempts[key] = self.attempts.get(key, 0) + charged
            if self.attempts[key] >= MAX_ATTEMPTS:
                self.on_result(killed_result(key, path, "crashed", "worker killed before the result was stored"))
            else:
                self.queue.appendleft((key, path))


# -- Dask --------------------------------------------------------------------

_local = threading.local()


def dask_task(
    key: str, path: str, timeout: float | None, max_memory_mb: float | None, options: Options = DEFAULT
) -> dict[str, Any]:
    """Runs on a Dask worker: one job in this thread's sandbox; the result carries the JSON.

    A daemonic Dask worker (the default for ``dask worker``) may not start child
    processes: there the file is parsed in the worker itself, without the time and
    memory limits.  Start workers with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``
    to keep the limits.
    """
    import multiprocessing

    if multiprocessing.current_process().daemon:
        result = process(key, path, None, options)
        result["worker"] = f"{os.getpid()}-{threading.get_ident()}"
        return result
    sb = getattr(_local, "sandbox", None)
    if sb is None:
        sb = _local.sandbox = Sandbox(None, max_memory_mb, options)
    result = sb.run(key, path, timeout, max_memory_mb)
    result["peak_rss_mb"] = round(sb.peak_rss_mb, 1) or result.get("peak_rss_mb")
    result["worker"] = f"{os.getpid()}-{threading.get_ident()}"
    return result


def run_dask(
    jobs: Sequence[Job],
    on_result: OnResult,
    scheduler: str | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    max_memory_mb: float | None = None,
    options: Options = DEFAULT,
) -> dict[str, Any]:
    """Run ``jobs`` on the Dask cluster at ``scheduler`` (or a LocalCluster of ``workers`` processes).

    Results travel back to this process, which writes them, so Dask workers
    need to read the inputs but not to share the output folder.
    """
    from ..extras import require

    require("corpus-dask", "distributed", "the dask engine")  # a clear error naming the extra when it is missing
    import dask
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with dask.config.set({"distributed.worker.daemon": False}):  # workers start sandboxes
            cluster = LocalCluster(
                n_workers=workers or default_workers(), threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = Client(cluster)
    peaks: dict[str, float] = {}
    try:
        futures = [
            client.submit(dask_task, key, path, timeout, max_memory_mb, options, key=f"xxgk-{key}", pure=False)
            for key, path in jobs
        ]
        for future in as_completed(futures):
            result = future.result()
            future.release()
            if result.get("peak_rss_mb"):
                worker = result.get("worker", "?")
                peaks[worker] = max(peaks.get(worker, 0.0), result["peak_rss_mb"])
            on_result(result)
        stats = {"workers": len(client.scheduler_info().get("workers", {})), "peak_rss_mb": sorted(peaks.values())}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return stats
