"""OCR of scanned pages: seconds per page (wall and CPU) and peak memory, clean and scan-like.

    python benchmarks/bench_ocr.py [--pages 1,2,3,4] [--write]

Scans our own fixture ``tests/fixtures/yunxi_2023.pdf`` at test time
(:mod:`tests.scanned_pdfs`): "clean" is each page rendered at 200 dpi,
"scan-like" the same turned 0.6-1.4°, blurred, speckled and JPEG-compressed
(quality 50).  Each case is parsed in a fresh process (model loading included,
as a corpus worker pays it once), which reports its wall and CPU time and its
peak RSS (VmHWM); the table cells and the narrative text are compared with the
text-layer parse of the same PDF.  ``--write`` appends the figures to
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "tests" / "fixtures" / "yunxi_2023.pdf"

CHILD = """
import difflib, json, resource, sys, time
from pipeline.parse import parse
from pipeline.record import table_value
path, ref = sys.argv[1], parse(sys.argv[2])
t, c = time.perf_counter(), time.process_time()
rec = parse(path)
wall, cpu = time.perf_counter() - t, time.process_time() - c
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
keys = [s for s in ref.table_spans]
same = sum(table_value(rec.tables, k) == table_value(ref.tables, k) for k in keys)
narrative = [("\\n".join(p.text for p in r.paragraphs)) for r in (ref, rec)]
ratio = difflib.SequenceMatcher(None, *narrative, autojunk=False).ratio()
print(json.dumps({"pages": rec.source.pages, "wall": wall, "cpu": cpu, "peak_mb": peak / 1024,
                  "cells": len(keys), "cells_exact": same, "narrative_ratio": ratio}))
"""


def measure(pdf: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(pdf), str(FIXTURE)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from tests.scanned_pdfs import scanned

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="1,2,3,4", help="pages of the fixture to scan (1-based)")
    ap.add_argument("--write", action="store_true", help="append the figures to benchmarks/RESULTS.md")
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, like in (("clean", False), ("scan-like", True)):
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(scanned(FIXTURE, pages, scan_like=like))
            m = measure(pdf)
            n = m["pages"]
            rows.append(
                f"| {name} | {n} | {m['wall'] / n:.1f} | {m['cpu'] / n:.1f} | {m['peak_mb']:.0f} "
                f"| {m['cells_exact']}/{m['cells']} | {m['narrative_ratio']:.4f} |"
            )
            print(rows[-1], flush=True)
    if args.write:
        text = "\n".join(
            [
                "",
                f"## OCR of scanned pages ({platform.python_version()}, `python benchmarks/bench_ocr.py --pages {args.pages}`)",
                "",
                "| scan | pages | wall s/page | CPU s/page | peak MB | table cells exact | narrative chars right |",
                "|---|---|---|---|---|---|---|",
                *rows,
                "",
            ]
        )
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
