"""The year-over-year step of a run that adds 1% to N stored reports: before (every record read, every pair
compared) and after (the index: only the new records read, only the new pairs compared).

    python benchmarks/bench_yoy.py --n 10000 [--years 5] [--work DIR] [--base-code DIR]
    python benchmarks/bench_yoy.py --folder OUT [--work DIR] [--base-code DIR] [--repeat 3] [--no-rebuild]

With ``--n``, writes a store of N records made from our own example report
(``examples/yunxi_2023.txt``, parsed once): N / years agencies, each with
``years`` consecutive years, every record's first paragraph made its own so
no two are one report; then the 1% added are the next year of N / 100
agencies (N / 100 new pairs).  With ``--folder``, the records of an existing
output folder are used (objects hard-linked into ``--work``, tables copied),
1% of them (every 100th key) held back for the first build.

Each step runs in a fresh process and times
``parts.build_extra_tables(store, manifest, changed=True)``, what the end of
``xxgk run`` calls: first on N records (ours: a full build that writes the
index), then after the 1% is added, ours (the update) and, with ``--base-code``
(a ``git archive`` of the code before the index), the earlier code on the
same records (``--repeat``: alternately, each from the tables of the first
build), and last ours as a full rebuild (``xxgk pairs``).  Prints one JSON
line per step with the 1-minute load average.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
from pipeline.corpus import parts
from pipeline.corpus.store import Store
with Store(sys.argv[1]) as store:
    manifest = parts.Manifest.read(store.root) or parts.Manifest()
    start = time.perf_counter()
    if sys.argv[2] == "rebuild":
        parts.write_year_over_year(store, manifest)
    else:
        parts.build_extra_tables(store, manifest, changed=True)
    seconds = time.perf_counter() - start
hwm = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": round(seconds, 3), "peak_mb": round(hwm)}))
"""


def step(name: str, folder: Path, code: Path = ROOT, mode: str = "run") -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), mode], env=env, cwd=code, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    row = {"step": name, **json.loads(out.splitlines()[-1]), "load_1min": round(load, 2)}
    print(json.dumps(row), flush=True)
    return row


def synthetic(n: int, years: int, work: Path) -> tuple[Path, list[tuple[str, bytes]]]:
    """A store of ``n`` records and the 1% to add later (key, JSON bytes)."""
    import orjson

    from pipeline import parse
    from pipeline.corpus.store import Store

    base = orjson.loads(parse(ROOT / "examples" / "yunxi_2023.txt").to_bytes())

    def record(agency: int, year: int) -> tuple[str, bytes]:
        rec = copy.deepcopy(base)
        rec["meta"].update(agency=f"云溪县第{agency}局", agency_key=f"bench-{agency:06d}", year=year)
        rec["source"]["path"] = f"/bench/{agency}/{year}.txt"
        rec["paragraphs"][0]["text"] += f"（第{agency}局{year}年）"
        return hashlib.sha256(rec["source"]["path"].encode()).hexdigest(), orjson.dumps(rec)

    agencies = n // years
    out = work / f"synthetic-{n}"
    with Store(out) as store:
        for agency in range(agencies):
            for year in range(2020, 2020 + years):
                store.write_record(*record(agency, year))
    return out, [record(agency, 2020 + years) for agency in range(max(1, n // 100))]


def held_back(folder: Path, work: Path) -> tuple[Path, list[Path]]:
    """A copy of ``folder`` (objects hard-linked) and every 100th record file moved aside."""
    out = work / folder.name
    out.mkdir(parents=True)
    subprocess.run(["cp", "-al", str(folder / "objects"), str(out / "objects")], check=True)
    shutil.copytree(folder / "tables", out / "tables")
    shutil.copy(folder / "store.json", out / "store.json")
    aside = work / "aside"
    aside.mkdir()
    records = sorted((out / "objects" / "records").glob("*/*.rec"))[::100]
    moved = []
    for path in records:
        target = aside / path.name
        path.rename(target)
        moved.append(target)
    return out, moved


def restore(snapshot: Path, out: Path) -> None:
    shutil.rmtree(out / "tables")
    shutil.copytree(snapshot, out / "tables")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, help="stored reports to synthesize")
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--folder", type=Path, help="an output folder whose records to use instead")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_yoy"))
    ap.add_argument("--base-code", type=Path, help="the earlier code (git archive), timed on the same records")
    ap.add_argument("--repeat", type=int, default=1, help="alternate ours and the earlier code this many times")
    ap.add_argument("--no-rebuild", action="store_true", help="leave out the last step (ours, full rebuild)")
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    from pipeline.corpus.store import Store

    if args.folder:
        out, moved = held_back(args.folder, args.work)
        step("first build, ours (N records)", out)
        for path in moved:
            path.rename(out / "objects" / "records" / path.name[:2] / path.name)
    else:
        out, new = synthetic(args.n, args.years, args.work)
        step("first build, ours (N records)", out)
        with Store(out) as store:
            for key, data in new:
                store.write_record(key, data)
    snapshot = args.work / "tables.snapshot"  # the tables after the first build, restored before each step
    shutil.copytree(out / "tables", snapshot)
    for _ in range(args.repeat):
        restore(snapshot, out)
        step("after adding 1%, ours (update)", out)
        if args.base_code:
            restore(snapshot, out)
            step("after adding 1%, earlier code (full rebuild)", out, args.base_code)
    if not args.no_rebuild:
        step("full rebuild (xxgk pairs), ours", out, mode="rebuild")


if __name__ == "__main__":
    main()
