"""Hostile situations for a corpus run: each costs at most the file concerned, never the run or the folder."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_corpus_synth import make_corpus
from test_corpus_tables import read_rows

from pipeline.corpus.runner import run_corpus
from pipeline.corpus.store import RUNNING, Store, StoreError, StoreLayoutError
from pipeline.options import DEFAULT, Options

HOSTILE = Options(parser="test_corpus_faults:hostile_parse")


def hostile_parse(path: str, options: Options = DEFAULT) -> Any:
    """A parser for fault tests: HUGE gives a figure beyond float range, FULL makes the store's disk full,
    SWAP rewrites the file just before it is parsed."""
    from pipeline import parse
    from pipeline.record import Figure

    data = Path(path).read_bytes()
    if b"FULL" in data:
        from pipeline.corpus import store

        def disk_full(self: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        store.GroupCommit.commit = disk_full  # this worker's store writes fail from now on
    if b"SWAP" in data:
        Path(path).write_bytes(data.replace(b"SWAP", b"SWAPPED"))
    record = parse(path, options=options)
    if b"HUGE" in data:
        record.figures.append(Figure("f-huge", 10**400, "条", "other", False, "HUGE", 0, 4))
    return record


def test_a_figure_beyond_float_range_costs_nothing_and_later_runs_go_on(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=4, bad=False)
    huge = tmp_path / "in" / "huge.txt"
    huge.write_text((tmp_path / "in" / "r000.txt").read_text(encoding="utf-8") + "HUGE\n", encoding="utf-8")
    first = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False, options=HOSTILE)
    assert first.reports == 5 and first.errors == {}
    figures = [f for f in read_rows(tmp_path / "out", "figures") if f["id"] == "f-huge"]
    assert figures[0]["value"] is None and json.loads(figures[0]["extra"]) == {"value": 10**400}
    make_corpus(tmp_path / "in", n=6, bad=False)  # two more
    again = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False, retry_errors=True)
    assert (again.processed, again.reports) == (2, 7)
    result = CliRunner().invoke(_query(), [str(tmp_path / "out"), "select count(*) n from reports", "--format", "json"])
    assert json.loads(result.output) == [{"n": 7}]


def _query() -> Any:
    from pipeline.commands.query import query

    return query


def test_a_full_disk_stops_the_run_blames_no_file_and_the_next_run_loses_nothing(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=12, bad=False)
    full = tmp_path / "in" / "r005-full.txt"
    full.write_text(paths[0].read_text(encoding="utf-8") + "FULL\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(StoreError, match="No space left"):
        run_corpus([str(tmp_path / "in")], out, workers=1, progress=False, options=HOSTILE)
    assert not list((out / "objects" / "errors").rglob("*.json")), "a file was blamed for the disk"
    summary = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)  # disk freed
    assert summary.reports == 13 and summary.errors == {}
    assert len(read_rows(out, "reports")) == 13


def test_a_symlink_loop_in_a_folder_is_unreadable_and_the_rest_runs(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=3, bad=False)
    os.symlink("loop.txt", tmp_path / "in" / "loop.txt")
    os.symlink(tmp_path / "in" / "b.txt", tmp_path / "in" / "a.txt")
    os.symlink(tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt")
    summary = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False)
    assert summary.reports == 3 and summary.failed == {"unreadable": 3}
    errors = read_rows(tmp_path / "out", "errors")
    assert {Path(e["path"]).name for e in errors} == {"loop.txt", "a.txt", "b.txt"}
    assert all(e["detail"] == "a symbolic link loop" for e in errors)
    named = run_corpus([str(tmp_path / "in" / "loop.txt")], tmp_path / "out2", workers=1, progress=False)
    assert named.failed == {"unreadable": 1}


def test_a_file_replaced_after_planning_is_stored_under_the_hash_of_the_bytes_parsed(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=2, bad=False)
    swap = tmp_path / "in" / "swap.txt"
    swap.write_text(paths[0].read_text(encoding="utf-8") + "SWAP\n", encoding="utf-8")
    summary = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False, options=HOSTILE)
    parsed = hashlib.sha256(swap.read_bytes()).hexdigest()  # the content the parser read
    assert summary.changed == 1 and summary.reports == 3
    ids = {r["report_id"] for r in read_rows(tmp_path / "out", "reports")}
    assert parsed in ids
    with Store(tmp_path / "out") as store:
        assert store.has_record(parsed)
    again = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False)
    assert (again.processed, again.skipped, again.reports) == (0, 3, 3)


def test_a_run_with_nothing_new_reads_no_input_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.corpus.pathcache as pathcache

    make_corpus(tmp_path / "in", n=4)
    run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False)
    monkeypatch.setattr(pathcache, "file_sha256", lambda fh: pytest.fail("an unchanged input was hashed again"))
    again = run_corpus([str(tmp_path / "in")], tmp_path / "out", workers=1, progress=False)
    assert (again.processed, again.skipped) == (0, 6)


def test_records_stored_by_an_interrupted_run_reach_the_tables_on_the_next(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=3, bad=False)
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    orphan = make_corpus(tmp_path / "more", n=4, bad=False)[3]
    from pipeline import parse

    record = parse(orphan)
    with Store(out) as store:  # stored by a worker, then the run was killed before its part was written
        store.write_record(record.source.sha256, record.to_bytes())
    (out / RUNNING).write_bytes(b"")
    summary = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert (summary.recovered, summary.reports) == (1, 4)
    assert not (out / RUNNING).exists()


def test_a_layout_1_folder_is_read_and_upgraded_and_a_newer_one_refused(tmp_path: Path) -> None:
    from pipeline import parse

    out = tmp_path / "old"
    paths = make_corpus(tmp_path / "in", n=2, bad=False)
    record = parse(paths[0])
    legacy = out / "objects" / "records" / record.source.sha256[:2] / f"{record.source.sha256}.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(record.to_bytes())
    summary = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert (summary.processed, summary.recovered, summary.reports) == (1, 1, 2)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "store.json").write_text('{"layout": 4}')
    with pytest.raises(StoreLayoutError, match="layout 4"):
        run_corpus([str(tmp_path / "in")], tmp_path / "new", workers=1, progress=False)


@pytest.mark.parametrize(
    "limit", [["--timeout", "-1"], ["--timeout", "nan"], ["--max-memory", "-5"], ["--timeout", "inf"]]
)
def test_a_negative_or_nan_limit_is_a_usage_error(tmp_path: Path, limit: list[str]) -> None:
    from pipeline.commands.run import run

    make_corpus(tmp_path / "in", n=1, bad=False)
    result = CliRunner().invoke(run, [str(tmp_path / "in"), "--out", str(tmp_path / "out"), *limit])
    assert result.exit_code == 2 and "not a number >= 0" in result.output
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError):
        run_corpus([str(tmp_path / "in")], tmp_path / "out", timeout=float(limit[1]) if "time" in limit[0] else None,
                   max_memory_mb=float(limit[1]) if "memory" in limit[0] else None, progress=False)  # fmt: skip


def test_records_jsonl_is_written_on_request_and_never_left_stale(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", n=2, bad=False)
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert not (out / "records.jsonl").exists()
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False, jsonl=True)
    assert len((out / "records.jsonl").read_bytes().splitlines()) == 2
    make_corpus(tmp_path / "in", n=3, bad=False)
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert not (out / "records.jsonl").exists()  # it would miss the new record


def test_an_output_folder_that_cannot_be_written_exits_3_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.corpus.runner as runner
    from pipeline.commands.run import run

    def full(*args: Any, **kwargs: Any) -> None:
        raise StoreError(f"{tmp_path}: cannot write the output folder: [Errno 28] No space left on device")

    monkeypatch.setattr(runner, "run_corpus", full)
    make_corpus(tmp_path / "in", n=1, bad=False)
    result = CliRunner().invoke(run, [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 3 and "No space left" in result.output and "run again" in result.output


def _cache(out: Path) -> dict[str, str]:
    from pipeline.corpus.pathcache import PATH_CACHE, PathCache

    return PathCache.load(out / PATH_CACHE).old


def test_a_resume_sees_files_changed_in_place_added_deleted_and_renamed(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", n=5, bad=False)
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    same_size = paths[0].read_bytes().replace("年度".encode(), "年份".encode(), 1)
    times = os.stat(paths[0]).st_atime_ns, os.stat(paths[0]).st_mtime_ns
    paths[0].write_bytes(same_size)
    os.utime(paths[0], ns=times)  # same size and mtime: the change time still tells
    added = make_corpus(tmp_path / "more", n=6, bad=False)[5].rename(tmp_path / "in" / "added.txt")
    paths[1].unlink()
    renamed = paths[2].rename(tmp_path / "in" / "renamed.txt")
    summary = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert (summary.inputs, summary.processed, summary.skipped) == (5, 2, 3)
    cache = _cache(out)
    assert str(paths[1]) not in cache and str(paths[2]) not in cache
    assert cache[str(renamed)][-64:] == hashlib.sha256(renamed.read_bytes()).hexdigest()
    assert cache[str(paths[0])][-64:] == hashlib.sha256(same_size).hexdigest()
    assert cache[str(added)][-64:] == hashlib.sha256(added.read_bytes()).hexdigest()
    again = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert (again.processed, again.skipped) == (0, 5)


def test_a_layout_2_folder_resumes_without_reading_an_input_and_its_records_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from test_corpus_store import encode_v1

    import pipeline.corpus.pathcache as pathcache
    from pipeline.corpus.compact import MAGIC, MAGIC_V1

    make_corpus(tmp_path / "in", n=4)
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    with Store(out) as store:  # what a layout 2 run left: records of the earlier encoding, paths.json, no key files
        before = dict(store.iter_records())
        for _key, path in store.record_paths():
            path.write_bytes(encode_v1(store.read_record(path)))
    old = {path: _ns_entry(path, entry) for path, entry in _cache(out).items()}
    (out / pathcache.PATH_CACHE).unlink()
    (out / pathcache.OLD_PATH_CACHE).write_text(json.dumps(old), encoding="utf-8")
    shutil.rmtree(out / "tables" / "_keys")
    (out / "store.json").write_text('{"layout": 2}', encoding="utf-8")
    monkeypatch.setattr(pathcache, "file_sha256", lambda fh: pytest.fail("an unchanged input was hashed again"))
    again = run_corpus([str(tmp_path / "in")], out, workers=1, progress=False)
    assert (again.processed, again.skipped) == (0, 6)
    assert (out / pathcache.PATH_CACHE).exists() and not (out / pathcache.OLD_PATH_CACHE).exists()
    assert json.loads((out / "store.json").read_text(encoding="utf-8")) == {"layout": 3}
    monkeypatch.undo()
    added = make_corpus(tmp_path / "more", n=5, bad=False)[4].rename(tmp_path / "in" / "added.txt")
    assert run_corpus([str(tmp_path / "in")], out, workers=1, progress=False).processed == 1
    with Store(out) as store:
        after = dict(store.iter_records())
        magics = {path.read_bytes()[:6] for _key, path in store.record_paths()}
    new_key = hashlib.sha256(added.read_bytes()).hexdigest()
    assert {k: v for k, v in after.items() if k != new_key} == before and magics == {MAGIC, MAGIC_V1}


def _ns_entry(path: str, entry: str) -> str:
    st = os.stat(path)
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {entry[-64:]}"
