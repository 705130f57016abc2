"""The hostile-input catalogue through ``xxgk parse``: what each case gives, CPU seconds and peak memory.

    python benchmarks/bench_hostile.py [--markdown]

Builds every attack file of ``tests/hostile_files.py`` (plus the 190 MB
document.xml case of the CLI test) in a temporary folder and runs
``xxgk parse FILE --no-text`` on each in a fresh interpreter.  Prints, per
case: the outcome (``record`` with the number of warnings, or the typed error
and its reason as printed), the exit code, CPU seconds of the command (user +
system) and its peak RSS.  The test ``test_cli_gives_a_typed_error_or_a_record_in_10_s_and_1_gb``
asserts the same limits (10 CPU-s, 1 GB); this script shows the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile_files as H  # noqa: E402

_MEASURE = """
import re, runpy, sys
sys.argv = ["xxgk", "parse", sys.argv[1], "--no-text"]
try:
    runpy.run_module("pipeline.cli", run_name="__main__")
finally:  # VmHWM: this process's own peak (ru_maxrss would include the parent's at fork)
    status = open("/proc/self/status").read()
    print("MAXRSS", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
"""


def cases() -> dict:
    return {**H.ATTACKS, "big_document.docx": lambda: H.docx_big_document(40_000_000)}


def run_case(path: Path) -> dict:
    """One ``xxgk parse`` of ``path``: outcome, exit code, CPU seconds, peak MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr, _, rss = run.stderr.rpartition("MAXRSS")
    if run.returncode in (0, 1) and run.stdout.strip():
        record = json.loads(run.stdout)
        failed = sum(c["status"] == "fail" for c in record["checks"])
        outcome = f"record ({len(record['warnings'])} warnings, {failed} failed checks)"
    else:
        outcome = stderr.strip().splitlines()[0] if stderr.strip() else "(nothing printed)"
    return {"outcome": outcome, "exit": run.returncode, "cpu_s": round(cpu, 2), "peak_mb": int(rss) // 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in sorted(cases().items()):
            path = Path(tmp) / name
            path.write_bytes(make())
            rows.append({"case": name, "bytes": path.stat().st_size, **run_case(path)})
            path.unlink()
            if not args.markdown:
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    if args.markdown:
        print("| case | input bytes | outcome | exit | CPU s | peak MB |\n|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['case']} | {r['bytes']:,} | {r['outcome']} | {r['exit']} | {r['cpu_s']} | {r['peak_mb']} |")
    print(
        f"{len(rows)} cases; slowest {max(r['cpu_s'] for r in rows)} CPU-s; largest {max(r['peak_mb'] for r in rows)} MB"
    )


if __name__ == "__main__":
    main()
