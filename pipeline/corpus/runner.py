"""A corpus run: expand inputs, skip what is stored, process the rest, append it to the tables."""

from __future__ import annotations

import errno
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..options import DEFAULT, Options
from .engines import Job, default_workers, run_dask, run_local
from .inputs import expand_with_stamps
from .parts import TableWriter, table_writer
from .pathcache import PATH_CACHE, PathCache
from .store import Store, StoreError, atomic_write, path_key
from .worker import error_dict, start_forkserver


@dataclass
class RunSummary:
    """What one run did (this run) and what the output folder holds (all runs)."""

    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    duplicates: int = 0
    changed: int = 0  # files whose bytes changed between planning and parsing (stored under the new hash)
    recovered: int = 0  # records of an interrupted run added to the tables
    failed: dict[str, int] = field(default_factory=dict)  # this run, by reason
    reports: int = 0  # records in the store
    errors: dict[str, int] = field(default_factory=dict)  # errors in the store, by reason
    checks_failed: dict[str, int] = field(default_factory=dict)  # failed checks in the store, by check id
    reports_with_failed_checks: int = 0
    seconds: float = 0.0
    engine_seconds: float = 0.0  # from starting the workers to the last result
    tables_seconds: float = 0.0  # finishing the Parquet parts after the last result
    engine: str = "local"
    workers: int = 0
    peak_rss_mb: list[float] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def reports_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "reports_per_second": round(self.reports_per_second, 2)}

    def lines(self) -> list[str]:
        failed = sum(self.failed.values())
        out = [
            f"inputs {self.inputs}: processed {self.processed}, skipped {self.skipped} (already done), "
            f"duplicates {self.duplicates}, failed {failed}"
            + (" (" + ", ".join(f"{r} {n}" for r, n in sorted(self.failed.items())) + ")" if failed else ""),
            f"{self.seconds:.1f} s, {self.reports_per_second:.1f} reports/s on {self.workers} {self.engine} workers"
            + (f", peak RSS per worker {max(self.peak_rss_mb):.0f} MB" if self.peak_rss_mb else ""),
            f"output: {self.reports} records, {sum(self.errors.values())} errors"
            + (" (" + ", ".join(f"{r} {n}" for r, n in sorted(self.errors.items())) + ")" if self.errors else ""),
            f"checks failed: {sum(self.checks_failed.values())} in {self.reports_with_failed_checks} reports"
            + (
                " (" + ", ".join(f"{c} {n}" for c, n in sorted(self.checks_failed.items())) + ")"
                if self.checks_failed
                else ""
            ),
        ]
        return out


@dataclass
class Plan:
    """What a run starts from: the keys in the tables, the stored errors, the input hash cache."""

    in_tables: set[str]
    error_keys: set[str]
    cache: PathCache
    errors_changed: bool = False
    stamps: dict[str, str] = field(default_factory=dict)  # path → stat stamp read by the input walk


def plan_jobs(
    paths: list[str],
    store: Store,
    plan: Plan,
    retry_errors: bool,
    summary: RunSummary,
    on_first_job: Callable[[], None] | None = None,
) -> list[Job]:
    """Hash every input (unless its size, times and inode are those of the last run) and keep the files
    whose content is not yet stored (first path wins for duplicates).  ``on_first_job`` is called
    when the first file to process is found (the local engine starts loading its workers then)."""
    jobs: list[Job] = []
    seen: set[str] = set()
    known = plan.cache.unchanged(plan.stamps)
    for path in paths:
        try:
            key = known.get(path) or plan.cache.key(path, plan.stamps.get(path))
        except OSError as exc:
            _store_write(store.write_error, path_key(path), _unreadable(path, exc))
            plan.errors_changed = True
            summary.failed["unreadable"] = summary.failed.get("unreadable", 0) + 1
            continue
        if plan.error_keys and path_key(path) in plan.error_keys:  # readable again
            store.error_path(path_key(path)).unlink(missing_ok=True)
            plan.errors_changed = True
        if key in seen:
            summary.duplicates += 1
            continue
        seen.add(key)
        if key in plan.in_tables or (not retry_errors and key in plan.error_keys):
            summary.skipped += 1
        else:
            if not jobs and on_first_job is not None:
                on_first_job()
            jobs.append((key, str(path)))
    return jobs


def _unreadable(path: str, exc: OSError) -> dict[str, Any]:
    detail = "a symbolic link loop" if exc.errno == errno.ELOOP else str(exc)
    return error_dict(None, str(path), "unreadable", detail, type(exc).__name__)


def _store_write(write: Callable[..., None], *args: Any) -> None:
    """A write into the output folder; failing, it stops the run (:class:`StoreError`), never blames a file."""
    try:
        write(*args)
    except OSError as exc:
        raise StoreError(f"cannot write the output folder: {exc}") from exc


def check_limits(timeout: float | None, max_memory_mb: float | None) -> None:
    """Refuse a negative, infinite or NaN limit (None or 0: no limit)."""
    for name, value in (("timeout", timeout), ("max_memory_mb", max_memory_mb)):
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a number >= 0 (0 or None: no limit), not {value!r}")


def _recover(store: Store, tables: TableWriter) -> int:
    """Records stored by a run killed before they reached the tables (or by a layout 1 store): queue them."""
    added = 0
    for key, _path in store.record_paths():
        if key not in tables.keys:
            tables.add(key)
            added += 1
    return added


def run_corpus(
    inputs: list[str],
    out_dir: str | Path,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    timeout: float | None = 120.0,
    max_memory_mb: float | None = 1024.0,
    retry_errors: bool = False,
    progress: bool = True,
    options: Options = DEFAULT,
    jsonl: bool = False,
) -> RunSummary:
    """Parse ``inputs`` into ``out_dir``, each file as ``options.parser`` (default ``pipeline.parse``) with ``options``.

    Resumable: see :mod:`pipeline.corpus.store`.  ``timeout`` (seconds) and
    ``max_memory_mb`` limit each file; ``None`` or 0 means no limit.  Only new
    records are flattened into the tables (:mod:`.parts`); ``jsonl`` also writes
    ``records.jsonl``.  Raises :class:`StoreError` when the output folder
    cannot be written: the run stops and the next one goes on from there.
    """
    check_limits(timeout, max_memory_mb)
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; use local or dask")
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    cache = PathCache.load_meanwhile(out_dir / PATH_CACHE)
    paths, stamps = expand_with_stamps(inputs)
    summary = RunSummary(inputs=len(paths), engine=engine)
    with Store(out_dir) as store, table_writer(store) as tables:
        try:
            _run(store, tables, (paths, stamps, cache), summary, engine, scheduler, workers, timeout, max_memory_mb,
                 retry_errors, progress, options)  # fmt: skip
            if jsonl:
                from .tables import export_jsonl  # pyarrow: not imported by a run that needs no table

                export_jsonl(store, out_dir / "records.jsonl")
            elif summary.processed or summary.recovered:  # an earlier one no longer holds every record
                (out_dir / "records.jsonl").unlink(missing_ok=True)
            summary.seconds = time.perf_counter() - started
            atomic_write(out_dir / "run.json", json.dumps(summary.to_dict(), indent=2).encode("utf-8"))
            store.end()
        except OSError as exc:
            raise StoreError(f"{out_dir}: cannot write the output folder: {exc}") from exc
    return summary


def _run(
    store: Store,
    tables: TableWriter,
    inputs: tuple[list[str], dict[str, str], Callable[[], PathCache]],
    summary: RunSummary,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    timeout: float | None,
    max_memory_mb: float | None,
    retry_errors: bool,
    progress: bool,
    options: Options,
) -> None:
    in_tables = tables.open()
    if store.interrupted or not tables.manifest.parts:
        summary.recovered = _recover(store, tables)  # adds to in_tables
    paths, stamps, cache = inputs
    plan = Plan(in_tables, store.error_keys(), cache(), stamps=stamps)
    warm = start_forkserver if engine == "local" else None  # overlaps the workers' imports with planning
    jobs = plan_jobs(paths, store, plan, retry_errors, summary, warm)
    if jobs or plan.errors_changed or summary.recovered:
        store.begin()
    plan.cache.save()
    engine_started = time.perf_counter()
    results = _Results(store, tables, summary, engine, progress, len(jobs))
    try:
        stats = _engine(jobs, store, results, engine, scheduler, workers, timeout, max_memory_mb, options)
    finally:
        results.close()
    summary.engine_seconds = time.perf_counter() - engine_started
    summary.workers = stats["workers"]
    summary.peak_rss_mb = stats["peak_rss_mb"]
    tables.errors_changed |= plan.errors_changed
    tables_started = time.perf_counter()
    summary.tables = tables.finish()
    summary.tables_seconds = time.perf_counter() - tables_started
    totals = tables.stats()
    summary.reports = totals["reports"]
    summary.errors = totals["errors"]
    summary.checks_failed = totals["checks_failed"]
    summary.reports_with_failed_checks = totals["reports_with_failed_checks"]


def _engine(
    jobs: list[Job],
    store: Store,
    results: _Results,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    timeout: float | None,
    max_memory_mb: float | None,
    options: Options,
) -> dict[str, Any]:
    if not jobs:
        return {"workers": 0, "peak_rss_mb": []}
    if engine == "local":
        return run_local(
            jobs,
            str(store.root),
            results.on_result,
            workers or default_workers(),
            timeout,
            max_memory_mb,
            options,
            results.on_pages,
        )
    return run_dask(jobs, results.on_result, scheduler, workers, timeout, max_memory_mb, options)


class _Results:
    """Takes each file's result: stores what the workers did not, queues new records for the tables, counts."""

    def __init__(
        self, store: Store, tables: TableWriter, summary: RunSummary, engine: str, progress: bool, total: int
    ) -> None:
        self.store, self.tables, self.summary, self.engine = store, tables, summary, engine
        self.bar: Any = None  # no result can come without a job: tqdm is imported only when there are some
        if total:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total, unit="report", file=sys.stderr, disable=not progress, dynamic_ncols=True, smoothing=0.05
            )
        self.progress = progress
        self.pages: Any = None  # a second bar, for scanned pages read by OCR, once there are some

    def on_pages(self, read: int, announced: int) -> None:
        """Count scanned pages: ``announced`` when a file's OCR starts, ``read`` as each is done."""
        if self.pages is None:
            from tqdm import tqdm

            self.pages = tqdm(
                total=0,
                desc="OCR",
                unit="page",
                file=sys.stderr,
                disable=not self.progress,
                dynamic_ncols=True,
                position=1,
            )
        if announced:
            self.pages.total += announced
            self.pages.refresh()
        self.pages.update(read)

    def on_result(self, result: dict[str, Any]) -> None:
        key = result["key"]
        if self.engine == "dask" or result.get("killed"):
            if result.get("payload") is not None:
                _store_write(self.store.write_record, key, result["payload"])
            else:
                _store_write(self.store.write_error, key, result["error"])
        if result["status"] == "ok":
            self.tables.add(key)
        else:
            self.tables.errors_changed = True
            self.summary.failed[result["reason"]] = self.summary.failed.get(result["reason"], 0) + 1
        if result.get("planned_key", key) != key:
            self.summary.changed += 1
        self.summary.processed += 1
        self.bar.update(1)
        if self.summary.failed:
            self.bar.set_postfix(failed=sum(self.summary.failed.values()), refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        if self.pages is not None:
            self.pages.close()
