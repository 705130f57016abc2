"""Corpus runs at scale: time per report, main and worker peak memory, resume time, output bytes per report.

    python benchmarks/bench_scale.py [--sizes 1000,10000] [--workers 2] [--stages sections,meta] [--keep DIR] [--write]

For each size N, writes N distinct text reports into a temporary folder (the
real reports of ../shared, each with a variant line so every file has its own
hash; nothing from ../shared enters the repository), then, each in a fresh
process:

1. ``run``: ``run_corpus`` over the folder into a new output folder (what
   ``xxgk run`` does); reports s per report, the run's own peak RSS (VmHWM of
   the main process, not counting workers) and the largest worker peak;
2. ``resume``: the same again with nothing new (``seconds`` measured inside the
   run, and the wall time of ``xxgk run`` as a command, start-up included);
3. ``add``: 1% more reports, to show a run costs in proportion to what is new.

Output bytes per report are the bytes of every file in the output folder / N.
``--write`` appends the figures (numbers only) to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))

CHILD = """
import json, sys, time
from pipeline.corpus.runner import run_corpus
from pipeline.options import Options
inputs, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
stages = tuple(sys.argv[4].split(",")) if sys.argv[4] else None
start = time.perf_counter()
s = run_corpus([inputs], out, workers=workers, progress=False, options=Options(stages=stages))
wall = time.perf_counter() - start
hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({**s.to_dict(), "wall": wall, "main_peak_mb": hwm}))
"""


def texts() -> list[str]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("pingtan*/*.txt"))
    if not files:
        sys.exit(f"no real reports under {SHARED} (set XXGK_SHARED)")
    return [f.read_text(encoding="utf-8") for f in files]


def make_corpus(folder: Path, start: int, stop: int, sources: list[str]) -> int:
    """Reports ``start``..``stop`` (1000 a folder); input bytes written."""
    written = 0
    for i in range(start, stop):
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = (sources[i % len(sources)] + f"\n编号{i}\n").encode("utf-8")
        (sub / f"r{i:07d}.txt").write_bytes(data)
        written += len(data)
    return written


def child_run(inputs: Path, out: Path, workers: int, stages: str = "") -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(inputs), str(out), str(workers), stages],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cli_seconds(inputs: Path, out: Path, workers: int, stages: str = "") -> float:
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(inputs), "--out", str(out), "--workers", str(workers), "-q"]
    cmd += ["--stages", stages] if stages else []
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(n: int, workers: int, base: Path, sources: list[str], stages: str = "") -> dict:
    inputs, out = base / f"in-{n}", base / f"out-{n}"
    in_bytes = make_corpus(inputs, 0, n, sources)
    run = child_run(inputs, out, workers, stages)
    resume = child_run(inputs, out, workers, stages)
    resume_cli = cli_seconds(inputs, out, workers, stages)
    added = max(1, n // 100)
    make_corpus(inputs, n, n + added, sources)
    add = child_run(inputs, out, workers, stages)
    out_bytes = folder_bytes(out)
    return {
        "n": n,
        "stages": stages or "all",
        "workers": workers,
        "s_per_report": run["seconds"] / n,
        "reports_per_s": n / run["seconds"],
        "main_peak_mb": run["main_peak_mb"],
        "worker_peak_mb": max(run["peak_rss_mb"] or [0]),
        "tables_s_after_last_result": run["tables_seconds"],
        "resume_s": resume["seconds"],
        "resume_main_peak_mb": resume["main_peak_mb"],
        "resume_cli_s": resume_cli,
        "add_n": added,
        "add_s": add["seconds"],
        "input_bytes_per_report": in_bytes / n,
        "output_bytes_per_report": out_bytes / (n + added),
        "objects_bytes_per_report": folder_bytes(out / "objects") / (n + added),
        "tables_bytes_per_report": folder_bytes(out / "tables") / (n + added),
        "failed": run["failed"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--stages", default="", help="run only these stages (e.g. sections,meta: quick records for big N)")
    ap.add_argument(
        "--keep", type=Path, default=None, help="work in this folder and keep it (default: a temporary one)"
    )
    ap.add_argument("--write", action="store_true", help="append the results to benchmarks/RESULTS.md")
    args = ap.parse_args()
    sources = texts()
    base = args.keep or Path(tempfile.mkdtemp(prefix="xxgk-scale-"))
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            row = bench(n, args.workers, base, sources, args.stages)
            print(json.dumps(row), flush=True)
            rows.append(row)
            if not args.keep:
                shutil.rmtree(base / f"in-{n}")
                shutil.rmtree(base / f"out-{n}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    if args.write:
        write_results(rows, args)


def write_results(rows: list[dict], args: argparse.Namespace) -> None:
    head = (
        f"\n## Scale ({time.strftime('%Y-%m-%d')})\n\n"
        f"`python benchmarks/bench_scale.py --sizes {args.sizes} --workers {args.workers}"
        + (f" --stages {args.stages}" if args.stages else "")
        + f" --write` on "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; text reports (real reports of ../shared "
        "with a variant line each).\n\n"
        "| reports | s per report | reports/s | main peak MB | worker peak MB | resume s (in run) | "
        "resume s (`xxgk run`, wall) | +1% s | input B/report | output B/report | objects B/report | "
        "tables B/report |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = [
        f"| {r['n']} | {r['s_per_report']:.4f} | {r['reports_per_s']:.1f} | {r['main_peak_mb']:.0f} | "
        f"{r['worker_peak_mb']:.0f} | {r['resume_s']:.2f} | {r['resume_cli_s']:.2f} | {r['add_s']:.1f} "
        f"({r['add_n']}) | {r['input_bytes_per_report']:.0f} | {r['output_bytes_per_report']:.0f} | "
        f"{r['objects_bytes_per_report']:.0f} | {r['tables_bytes_per_report']:.0f} |"
        for r in rows
    ]
    with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as fh:
        fh.write(head + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
