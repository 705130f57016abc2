"""A corpus run: expand inputs, skip what is stored, process the rest, rebuild tables."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..options import DEFAULT, Options
from .engines import Job, default_workers, run_dask, run_local
from .inputs import expand_inputs
from .store import Store, atomic_write, file_sha256, path_key
from .tables import build_tables
from .worker import error_dict


@dataclass
class RunSummary:
    """What one run did (this run) and what the output folder holds (all runs)."""

    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: dict[str, int] = field(default_factory=dict)  # this run, by reason
    reports: int = 0  # records in the store
    errors: dict[str, int] = field(default_factory=dict)  # errors in the store, by reason
    checks_failed: dict[str, int] = field(default_factory=dict)  # failed checks in the store, by check id
    reports_with_failed_checks: int = 0
    seconds: float = 0.0
    engine_seconds: float = 0.0  # from starting the workers to the last result
    tables_seconds: float = 0.0  # rebuilding the Parquet tables and records.jsonl
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


def plan_jobs(paths: list[Path], store: Store, retry_errors: bool, summary: RunSummary) -> list[Job]:
    """Hash every input and keep the files whose content is not yet stored (first path wins for duplicates)."""
    jobs: list[Job] = []
    seen: set[str] = set()
    for path in paths:
        try:
            key = file_sha256(path)
        except OSError as exc:
            store.write_error(path_key(path), error_dict(None, str(path), "unreadable", str(exc), type(exc).__name__))
            summary.failed["unreadable"] = summary.failed.get("unreadable", 0) + 1
            continue
        store.error_path(path_key(path)).unlink(missing_ok=True)
        if key in seen:
            summary.duplicates += 1
            continue
        seen.add(key)
        if store.is_done(key, retry_errors):
            summary.skipped += 1
        else:
            jobs.append((key, str(path)))
    return jobs


def _store_totals(store: Store, summary: RunSummary) -> None:
    tables = store.tables_dir
    summary.reports = summary.tables.get("reports", 0)
    # ParquetFile rather than read_table: read_table goes through pyarrow.dataset, which imports pandas (0.5 s).
    errors = pq.ParquetFile(tables / "errors.parquet").read(columns=["reason"]).column("reason").to_pylist()
    summary.errors = dict(sorted(Counter(errors).items()))
    checks = pq.ParquetFile(tables / "checks.parquet").read(columns=["report_id", "id", "status"]).to_pylist()
    failed = [c for c in checks if c["status"] == "fail"]
    summary.checks_failed = dict(sorted(Counter(c["id"] for c in failed).items()))
    summary.reports_with_failed_checks = len({c["report_id"] for c in failed})


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
) -> RunSummary:
    """Parse ``inputs`` into ``out_dir``, each file as ``options.parser`` (default ``pipeline.parse``) with ``options``.

    Resumable: see :mod:`pipeline.corpus.store`.  ``timeout`` (seconds) and
    ``max_memory_mb`` limit each file; ``None`` means no limit.
    """
    started = time.perf_counter()
    paths = expand_inputs(inputs)
    summary = RunSummary(inputs=len(paths), engine=engine)
    out_dir = Path(out_dir).resolve()
    with Store(out_dir) as store:
        jobs = plan_jobs(paths, store, retry_errors, summary)
        from tqdm import tqdm

        bar = tqdm(
            total=len(jobs), unit="report", file=sys.stderr, disable=not progress, dynamic_ncols=True, smoothing=0.05
        )

        def on_result(result: dict[str, Any]) -> None:
            key = result["key"]
            if engine == "dask" or result.get("killed"):
                if result.get("payload") is not None:
                    store.write_record(key, result["payload"])
                else:
                    store.write_error(key, result["error"])
            summary.processed += 1
            if result["status"] != "ok":
                summary.failed[result["reason"]] = summary.failed.get(result["reason"], 0) + 1
            bar.update(1)
            if summary.failed:
                bar.set_postfix(failed=sum(summary.failed.values()), refresh=False)

        engine_started = time.perf_counter()
        try:
            if not jobs:
                stats: dict[str, Any] = {"workers": 0, "peak_rss_mb": []}
            elif engine == "local":
                stats = run_local(
                    jobs, str(out_dir), on_result, workers or default_workers(), timeout, max_memory_mb, options
                )
            elif engine == "dask":
                stats = run_dask(jobs, on_result, scheduler, workers, timeout, max_memory_mb, options)
            else:
                raise ValueError(f"unknown engine {engine!r}; use local or dask")
        finally:
            bar.close()
        summary.engine_seconds = time.perf_counter() - engine_started
        summary.workers = stats["workers"]
        summary.peak_rss_mb = stats["peak_rss_mb"]
        tables_started = time.perf_counter()
        summary.tables = build_tables(store, workers=(workers or default_workers()) if engine == "local" else 1)
        summary.tables_seconds = time.perf_counter() - tables_started
        summary.seconds = time.perf_counter() - started
        _store_totals(store, summary)
        atomic_write(out_dir / "run.json", json.dumps(summary.to_dict(), indent=2).encode("utf-8"))
    return summary
