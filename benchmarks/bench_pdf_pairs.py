"""PDF speed against ``pdftotext -layout`` as interleaved pairs: same files, same number of processes.

    python benchmarks/bench_pdf_pairs.py [--n 600] [--workers 2] [--pairs 10]

Builds the PDF corpus of ``bench_corpus.py`` (copies of the real PDF(s) of
../shared and of our two example PDFs, each with its own trailing comment) in a
temporary folder, then alternates, ``--pairs`` times: ``xxgk run`` over the
folder into a new output folder with ``--workers`` workers (wall time of the
command: start-up, parsing, store, tables), then ``pdftotext -layout`` over the
same files, one process per file, ``--workers`` at a time (wall time).  Each
side's CPU seconds (user + system of every process it ran, from
``RUSAGE_CHILDREN``) are measured too: on a machine shared with other work, wall
time depends on how the scheduler splits the cores (short ``pdftotext``
processes fare differently from long-lived workers), CPU time much less.  Prints
each pair (times, ratios, load average) and the median ratios.  A pair is
measured under (nearly) the same conditions, so a ratio is steadier than either
time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import ROOT, make_corpus, sources  # noqa: E402


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far (their children included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Add the CPU seconds so far of ``root`` and its descendants to ``seen`` (pid → latest reading)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / _TICKS
    for pid in cpu:
        node = pid
        while node > 1 and node != root:
            node = parents.get(node, 0)
        if node == root:
            seen[pid] = max(seen.get(pid, 0.0), cpu[pid])


_TICKS = os.sysconf("SC_CLK_TCK")


def ours(folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """(wall s, CPU s) of ``xxgk run`` over ``folder`` into a new ``out``.

    The workers are children of the forkserver, which the run does not wait for, so
    rusage misses them: the process tree's CPU is read from /proc every 0.1 s instead
    (each process loses at most its last 0.1 s)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--workers", str(workers), "-q"]
    seen: dict[int, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        _tree_cpu(proc.pid, seen)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, sum(seen.values())


def pdftotext(files: list[Path], workers: int) -> tuple[float, float]:
    """(wall s, CPU s) of ``pdftotext -layout`` over ``files``, ``workers`` processes at a time."""

    def one(f: Path) -> None:
        subprocess.run(["pdftotext", "-layout", str(f), "-"], check=True, capture_output=True)

    cpu, start = children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start, children_cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pairs", type=int, default=10)
    args = ap.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is needed")
    texts, pdfs = sources()
    tmp = Path(tempfile.mkdtemp(prefix="xxgk-pdfpairs-"))
    try:
        files = make_corpus(tmp / "pdf", "pdf", args.n, texts, pdfs)
        pairs = []
        for _ in range(args.pairs):
            load = os.getloadavg()[0]
            (a, a_cpu), (b, b_cpu) = ours(tmp / "pdf", tmp / "out", args.workers), pdftotext(files, args.workers)
            pairs.append({"load": round(load, 2), "ours_s": round(a, 2), "pdftotext_s": round(b, 2),
                          "ratio": round(a / b, 3), "ours_cpu_s": round(a_cpu, 2), "pdftotext_cpu_s": round(b_cpu, 2),
                          "cpu_ratio": round(a_cpu / b_cpu, 3)})  # fmt: skip
            print(json.dumps(pairs[-1]), flush=True)
        median = {key: statistics.median(p[key] for p in pairs) for key in ("ratio", "cpu_ratio")}
        print(json.dumps({"files": args.n, "workers": args.workers, "median": median}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
