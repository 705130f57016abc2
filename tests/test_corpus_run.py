"""Corpus runs end to end: every file accounted for, resume, kill -9, limits, duplicates."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from test_corpus_synth import make_corpus
from test_corpus_tables import read_rows

from pipeline.corpus.compact import decode
from pipeline.corpus.parts import table_files
from pipeline.corpus.runner import run_corpus
from pipeline.options import DEFAULT, Options

ROOT = Path(__file__).resolve().parent.parent


def snapshot(out: Path) -> dict[str, Any]:
    """Everything a run leaves as results (table rows, per-report objects decoded), for comparison."""
    snap: dict[str, Any] = {f"tables/{name}": read_rows(out, name) for name in table_files(out)}
    snap["objects"] = {str(p.relative_to(out)): decode(p.read_bytes()) for p in sorted(objects(out))}
    return snap


def objects(out: Path) -> list[Path]:
    folder = out / "objects"
    return [p for p in folder.rglob("*") if p.suffix in (".rec", ".json")] if folder.exists() else []


def count_objects(out: Path) -> int:
    return len(objects(out))


def cli_run(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(inputs), "--out", str(out), "--workers", "2", "-q"]


LIMITED = Options(parser="test_corpus_run:limited_parse")


def limited_parse(path: str, options: Options = DEFAULT) -> Any:
    """A parser for limit tests: hangs on files saying SLEEP, grows memory on files saying HOG."""
    from pipeline import parse

    text = Path(path).read_bytes()
    if b"SLEEP" in text:
        time.sleep(120)
    if b"HOG" in text:
        blocks = []
        for _ in range(100):
            blocks.append(bytearray(8 * 2**20))  # zero-filled: the pages are really used
            time.sleep(0.02)
    return parse(path, options=options)


def test_every_input_ends_as_record_or_error_and_rerun_skips_all(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=8)
    shutil.copy(paths[0], tmp_path / "in" / "copy_of_r000.txt")
    out = tmp_path / "out"
    first = run_corpus([str(tmp_path / "in")], out, workers=2, progress=False)
    assert first.inputs == 11 and first.duplicates == 1 and first.processed == 10
    assert first.reports + sum(first.errors.values()) == 10
    assert first.errors.get("empty") == 1
    errors = read_rows(out, "errors")
    assert {Path(e["path"]).name for e in errors} >= {"empty.txt", "junk.pdf"}
    assert json.loads((out / "run.json").read_text())["processed"] == 10
    before = snapshot(out)
    again = run_corpus([str(tmp_path / "in")], out, workers=2, progress=False)
    assert (again.processed, again.skipped) == (0, 10)
    assert snapshot(out) == before


def test_options_reach_every_worker_and_each_file_is_parsed_as_parse_would(tmp_path: Path) -> None:
    from pipeline import parse

    paths = make_corpus(tmp_path / "in", n=3)
    options = Options(stages=("sections", "meta"))
    run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=2, progress=False, options=options, jsonl=True)
    stored = {
        json.loads(line)["source"]["path"]: line
        for line in (tmp_path / "out" / "records.jsonl").read_bytes().splitlines()
    }
    assert stored and all(not json.loads(line)["tables"] for line in stored.values())
    first = next(p for p in paths if str(p) in stored)
    assert stored[str(first)] == parse(first, options=options).to_bytes()


@pytest.mark.slow
def test_run_killed_with_sigkill_resumes_to_output_identical_to_uninterrupted_run(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=60)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reference = tmp_path / "reference"
    subprocess.run(cli_run(tmp_path / "in", reference), cwd=ROOT, env=env, check=True, capture_output=True)
    assert count_objects(reference) == 62

    out = tmp_path / "killed"
    for kill_after in (5, 30):  # kill twice: resume after a resumed run too
        proc = subprocess.Popen(cli_run(tmp_path / "in", out), cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while count_objects(out) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
        assert count_objects(out) < 62, "the run finished before it could be killed"
        assert not (out / "records.jsonl").exists()
    subprocess.run(cli_run(tmp_path / "in", out), cwd=ROOT, env=env, check=True, capture_output=True)
    assert snapshot(out) == snapshot(reference)


@pytest.mark.slow
def test_ctrl_c_stops_the_run_without_tracebacks_and_the_next_run_finishes_it(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=60)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "out"
    proc = subprocess.Popen(
        cli_run(tmp_path / "in", out),
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even if this runner ignores Ctrl-C
    )
    deadline = time.monotonic() + 120
    while count_objects(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets it
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and b"Aborted" in err
    assert b"Traceback" not in err, err.decode(errors="replace")
    assert count_objects(out) < 62, "the run finished before Ctrl-C"
    gone = time.monotonic() + 20
    while time.monotonic() < gone:  # workers and the forkserver end with the run
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("processes of the interrupted run are still alive")
    subprocess.run(cli_run(tmp_path / "in", out), cwd=ROOT, env=env, check=True, capture_output=True)
    assert count_objects(out) == 62


@pytest.mark.slow
def test_hung_file_times_out_and_the_run_goes_on(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=4, bad=False)
    (tmp_path / "in" / "hang.txt").write_text("SLEEP", encoding="utf-8")
    started = time.monotonic()
    summary = run_corpus(
        [str(tmp_path / "in")], tmp_path / "out", workers=2, timeout=1.5, progress=False,
        options=LIMITED,
    )  # fmt: skip
    assert time.monotonic() - started < 60
    assert summary.failed == {"timeout": 1}
    assert summary.reports + sum(summary.errors.values()) == len(paths) + 1
    errors = read_rows(tmp_path / "out", "errors")
    assert [(Path(e["path"]).name, e["reason"]) for e in errors] == [("hang.txt", "timeout")]


@pytest.mark.slow
def test_file_exceeding_memory_limit_fails_with_reason_memory(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=3, bad=False)
    (tmp_path / "in" / "big.txt").write_text("HOG", encoding="utf-8")
    summary = run_corpus(
        [str(tmp_path / "in")], tmp_path / "out", workers=1, max_memory_mb=200, progress=False,
        options=LIMITED,
    )  # fmt: skip
    assert summary.failed == {"memory": 1}
    assert summary.processed == len(paths) + 1  # the worker was replaced and the rest processed


@pytest.mark.slow
@pytest.mark.parametrize("reason", ["timeout"])
def test_failed_files_are_retried_only_on_request(tmp_path: Path, reason: str) -> None:
    make_corpus(tmp_path / "in", n=1, bad=False)
    hang = tmp_path / "in" / "hang.txt"
    hang.write_text("SLEEP", encoding="utf-8")
    kw: dict[str, Any] = {"workers": 1, "timeout": 1.0, "progress": False, "options": LIMITED}
    assert run_corpus([str(tmp_path / "in")], tmp_path / "out", **kw).failed == {reason: 1}
    hang.write_text("SLEEP", encoding="utf-8")
    assert run_corpus([str(tmp_path / "in")], tmp_path / "out", **kw).processed == 0
    assert run_corpus([str(tmp_path / "in")], tmp_path / "out", retry_errors=True, **kw).processed == 1


@pytest.mark.slow
def test_hung_file_inside_a_chunk_fails_alone_and_its_chunk_mates_are_stored(tmp_path: Path) -> None:
    from pipeline.corpus.engines import chunk_size

    paths = make_corpus(tmp_path / "in", n=30, bad=False)
    (tmp_path / "in" / "r010-hang.txt").write_text("SLEEP", encoding="utf-8")  # sorts mid-corpus
    assert chunk_size(len(paths) + 1, 1) > 10  # the hung file shares its chunk with others
    summary = run_corpus(
        [str(tmp_path / "in")], tmp_path / "out", workers=1, timeout=2.0, progress=False,
        options=LIMITED,
    )  # fmt: skip
    assert summary.failed == {"timeout": 1}
    assert summary.processed == len(paths) + 1
    assert summary.reports == len(paths)
    records = read_rows(tmp_path / "out", "reports")
    assert sorted(Path(r["path"]).name for r in records) == sorted(p.name for p in paths)


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report, notice = os.fsdecode(b"r\xff\xfe.txt"), os.fsdecode(b"n\xff.txt")
    try:
        shutil.copy(ROOT / "examples" / "yunxi_2023.txt", folder / report)
        shutil.copy(ROOT / "examples" / "notice_not_a_report.txt", folder / notice)
    except (OSError, UnicodeError):
        pytest.skip("this filesystem does not take file names in another encoding")
    summary = run_corpus([str(folder)], tmp_path / "out", workers=1, progress=False)
    assert summary.processed == 2 and summary.reports == 1 and summary.errors == {"not_a_report": 1}
    [row] = read_rows(tmp_path / "out", "reports")
    assert (row["path"], row["year"]) == (str(folder / "r\\xff\\xfe.txt"), 2023)
    assert [e["path"] for e in read_rows(tmp_path / "out", "errors")] == [str(folder / "n\\xff.txt")]
