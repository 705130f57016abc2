"""PDF speed against ``pdftotext -layout`` as interleaved pairs: same files, same number of processes.

    python benchmarks/bench_pdf_pairs.py [--n 600] [--workers 2] [--pairs 10]

Builds the PDF corpus of ``bench_corpus.py`` (copies of the real PDF(s) of
../shared and of our two example PDFs, each with its own trailing comment) in a
temporary folder, then alternates, ``--pairs`` times: ``xxgk run`` over the
folder into a new output folder with ``--workers`` workers (wall time of the
command: start-up, parsing, store, tables), then ``pdftotext -layout`` over the
same files, one process per file, ``--workers`` at a time (wall time).  Prints
each pair (ours, pdftotext, ratio, load average) and the median ratio.  On a
shared machine the speed changes from minute to minute; a pair is measured
under (nearly) the same conditions, so the ratio is steadier than either time.
"""

from __future__ import annotations

import argparse
import json
import os
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


def ours(folder: Path, out: Path, workers: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--workers", str(workers), "-q"]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def pdftotext(files: list[Path], workers: int) -> float:
    def one(f: Path) -> None:
        subprocess.run(["pdftotext", "-layout", str(f), "-"], check=True, capture_output=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start


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
            a = ours(tmp / "pdf", tmp / "out", args.workers)
            b = pdftotext(files, args.workers)
            pairs.append(
                {"load": round(load, 2), "ours_s": round(a, 2), "pdftotext_s": round(b, 2), "ratio": round(a / b, 3)}
            )
            print(json.dumps(pairs[-1]), flush=True)
        print(
            json.dumps(
                {"files": args.n, "workers": args.workers, "median_ratio": statistics.median(p["ratio"] for p in pairs)}
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
