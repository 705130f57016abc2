"""A run with nothing new, this code against an earlier commit, as interleaved pairs on the same inputs.

    python benchmarks/bench_resume_pairs.py INPUTS OUT --baseline-code DIR [--baseline-out DIR2] [--pairs 10]

``OUT`` is an output folder this code has filled from ``INPUTS`` (e.g. the
``--keep`` folder of ``bench_scale.py``); ``--baseline-code`` is a checkout of
the earlier commit (``git archive <commit> | tar -x -C DIR``).  The earlier code
(store layout 2) cannot open a layout 3 folder, so ``--baseline-out`` is made
from ``OUT`` first: hard links to the same objects and tables, ``paths.json``
with the same hashes in the earlier stamp format, no key files.  Then, ``--pairs``
times: a resume by this code, one by the baseline (``seconds`` inside
``run_corpus``, the main process's peak RSS), then ``xxgk run`` by each as a
command (wall time: interpreter, imports and all).  Prints every pair, the load
average, and the medians of the times and of the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, sys
from pipeline.corpus.runner import run_corpus
s = run_corpus([sys.argv[1]], sys.argv[2], workers=2, progress=False)
hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": s.seconds, "skipped": s.skipped, "processed": s.processed, "peak_mb": hwm}))
"""


def layout2_copy(out: Path, target: Path) -> None:
    """``out`` as the earlier code wrote it (hard links; paths.json; no key files; store.json layout 2)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.corpus.pathcache import PATH_CACHE, PathCache

    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["cp", "-al", str(out), str(target)], check=True)
    entries = PathCache.load(target / PATH_CACHE).old
    (target / PATH_CACHE).unlink()
    shutil.rmtree(target / "tables" / "_keys", ignore_errors=True)
    (target / "store.json").write_text('{"layout": 2}', encoding="utf-8")
    old = {}
    for path, entry in entries.items():
        st = os.stat(path)
        old[path] = f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {entry[-64:]}"
    (target / "paths.json").write_bytes(json.dumps(old, ensure_ascii=False, separators=(",", ":")).encode())


def in_run(code: Path, inputs: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(inputs), str(out)], cwd=code, env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["processed"]:
        sys.exit(f"{out}: the resume processed {result['processed']} files; it must find nothing new")
    return result


def command(code: Path, inputs: Path, out: Path) -> float:
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(inputs), "--out", str(out), "--workers", "2", "-q"]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=code, env={**os.environ, "PYTHONPATH": str(code)}, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--baseline-code", type=Path, required=True)
    ap.add_argument("--baseline-out", type=Path, default=None, help="default: OUT-layout2 (made from OUT)")
    ap.add_argument("--pairs", type=int, default=10)
    args = ap.parse_args()
    base_out = args.baseline_out or args.out.with_name(args.out.name + "-layout2")
    layout2_copy(args.out, base_out)
    rows = []
    for _ in range(args.pairs):
        load = os.getloadavg()[0]
        ours, base = in_run(ROOT, args.inputs, args.out), in_run(args.baseline_code, args.inputs, base_out)
        ours_cmd, base_cmd = command(ROOT, args.inputs, args.out), command(args.baseline_code, args.inputs, base_out)
        rows.append({"load": round(load, 2), "ours_s": round(ours["seconds"], 3), "base_s": round(base["seconds"], 3),
                     "ratio": round(ours["seconds"] / base["seconds"], 3), "ours_cmd_s": round(ours_cmd, 3),
                     "base_cmd_s": round(base_cmd, 3), "cmd_ratio": round(ours_cmd / base_cmd, 3),
                     "ours_peak_mb": round(ours["peak_mb"]), "base_peak_mb": round(base["peak_mb"])})  # fmt: skip
        print(json.dumps(rows[-1]), flush=True)
    keys = ("ours_s", "base_s", "ratio", "ours_cmd_s", "base_cmd_s", "cmd_ratio")
    print(json.dumps({"inputs": ours["skipped"], "median": {k: statistics.median(r[k] for r in rows) for k in keys}}))


if __name__ == "__main__":
    main()
