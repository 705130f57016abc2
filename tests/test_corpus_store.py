"""The content-addressed store: atomic writes, hash-only paths, resume state, one writer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from pipeline.corpus.store import (
    TMP_PREFIX,
    Store,
    StoreLocked,
    atomic_write,
    file_sha256,
    path_key,
)

KEY = hashlib.sha256(b"report").hexdigest()


def test_file_sha256_is_sha256_of_the_bytes(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b"abc" * 1000)
    assert file_sha256(p, chunk=7) == hashlib.sha256(b"abc" * 1000).hexdigest()


def test_atomic_write_replaces_content_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x" / "f.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]
    assert target.stat().st_mode & 0o044  # readable by others like a normal file


@pytest.mark.parametrize("key", ["../../etc/passwd", "a" * 63, "A" * 64, "/abs/" + "a" * 59])
def test_object_paths_accept_only_hex_digests(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError):
        Store(tmp_path).record_path(key)


def test_record_and_error_state_drive_resume(tmp_path: Path) -> None:
    with Store(tmp_path / "out") as store:
        assert not store.is_done(KEY)
        store.write_error(KEY, {"reason": "timeout"})
        assert store.is_done(KEY) and not store.is_done(KEY, retry_errors=True)
        assert [k for k, _ in store.iter_errors()] == [KEY]
        store.write_record(KEY, json.dumps({"a": 1}).encode())
        assert store.is_done(KEY, retry_errors=True)
        assert not store.has_error(KEY)
        assert list(store.iter_records()) == [(KEY, {"a": 1})]
        assert store.record_path(KEY).parent.parent == store.records_dir


def test_open_removes_temporaries_left_by_a_killed_run(tmp_path: Path) -> None:
    store = Store(tmp_path)
    leftover = store.records_dir / "ab" / f"{TMP_PREFIX}123"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a rec")
    with store:
        assert not leftover.exists()


def test_second_writer_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path), pytest.raises(StoreLocked):
        Store(tmp_path).open()
    with Store(tmp_path):  # released after the first run closes
        pass


def test_unreadable_file_key_is_a_digest_of_its_path() -> None:
    assert path_key("/a/b") != path_key("/a/c")
    assert len(path_key("/a/b")) == 64


def test_group_commit_shows_nothing_before_commit_and_everything_after(tmp_path: Path) -> None:
    from pipeline.corpus.store import GroupCommit

    store = Store(tmp_path).open()
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(5)]
    store.write_error(keys[0], {"reason": "stale"})
    batch = GroupCommit()
    for i, k in enumerate(keys):
        store.stage_record(batch, k, f'{{"n":{i}}}'.encode())
    store.stage_error(batch, KEY, {"reason": "empty"})
    assert len(batch) == 6
    assert not any(store.has_record(k) for k in keys) and store.has_error(keys[0]) and not store.has_error(KEY)
    batch.commit()
    assert len(batch) == 0
    assert [json.loads(store.read_record(store.record_path(k)))["n"] for k in keys] == list(range(5))
    assert not store.has_error(keys[0])  # the stale error of a file now recorded is gone
    assert json.loads(store.error_path(KEY).read_bytes()) == {"reason": "empty"}
    assert not list(tmp_path.rglob(f"{TMP_PREFIX}*"))
    store.close()


def test_group_commit_abort_leaves_no_file(tmp_path: Path) -> None:
    from pipeline.corpus.store import GroupCommit

    store = Store(tmp_path).open()
    batch = GroupCommit()
    store.stage_record(batch, KEY, b"{}")
    batch.abort()
    batch.commit()  # nothing left to commit
    assert not store.has_record(KEY)
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.name not in (".lock", "store.json")]
    store.close()


def _example_records() -> list[Any]:
    from pipeline import parse

    root = Path(__file__).resolve().parent.parent / "examples"
    records = []
    for path in sorted(p for p in root.iterdir() if p.suffix != ".py"):
        try:
            records.append(parse(path))
        except Exception:  # not a report: nothing to store
            continue
    return records


def encode_v1(payload: bytes) -> bytes:
    """A record as stores of layout 2 wrote it (texts sliced, checks whole): what the encoding was."""
    import zlib

    from pipeline.corpus.compact import MAGIC_V1, SLICED, _slice_texts, loads
    from pipeline.record import dumps

    record = loads(payload)
    sliced = _slice_texts(record)
    if sliced:
        record[SLICED] = sliced
    return MAGIC_V1 + zlib.compress(dumps(record), 6)


def test_every_example_stored_then_loaded_is_the_parsed_record_in_fewer_bytes(tmp_path: Path) -> None:
    import zlib

    from pipeline.corpus.compact import MAGIC, decode, encode
    from pipeline.record import load

    records = _example_records()
    assert len(records) >= 6 and all(r.checks for r in records)
    with Store(tmp_path) as store:
        for record in records:
            payload = record.to_bytes()
            store.write_record(record.source.sha256, payload)
            stored = store.record_path(record.source.sha256).read_bytes()
            assert store.read_record(store.record_path(record.source.sha256)) == payload
            assert load(store.read_record(store.record_path(record.source.sha256))) == record
            assert decode(encode_v1(payload)) == payload  # objects of layout 2 stay readable
            assert len(stored) < len(encode_v1(payload)) < len(payload) / 3
            inner = orjson.loads(zlib.decompress(stored[len(MAGIC) :]))
            assert "checks" not in inner and all(isinstance(c[2], list) for c in inner["~checks"])
            assert len(inner["~templates"]) < len(record.checks)  # the prose of one kind of check, once
        assert dict(store.iter_records()) == {r.source.sha256: orjson.loads(r.to_bytes()) for r in records}
    assert decode(encode(b'{"plain":"layout 1"}')) == decode(b'{"plain":"layout 1"}') == b'{"plain":"layout 1"}'


@pytest.mark.parametrize(
    "checks",
    [
        [{"id": "a.b", "status": "pass", "message": "b: 1 + 2 = 3", "evidence": [{"ref": "t.x", "value": 1, "start": 0, "end": 1}]}],
        [{"id": "a.b", "status": "fail", "message": "b\x01 \x02 9", "evidence": [{"ref": "t.x", "value": 1.0, "start": 0, "end": 1}]}],
        [{"id": "a.3", "status": "pass", "message": "3 of 3", "evidence": [{"ref": "t.x", "value": 1, "start": None, "end": None}]}],
        [{"id": "a", "status": "pass", "message": "", "evidence": [{"ref": "t.y", "value": 1, "start": 0, "end": 1}]}],
        [{"id": "a", "status": "pass", "message": "x", "evidence": [], "extra": 1}],
        [{"id": "a", "status": "pass", "message": "x", "evidence": [{"value": 1, "ref": "t.x", "start": 0, "end": 1}]}],
    ],
)  # fmt: skip
def test_checks_pack_only_where_unpacking_gives_them_back_exactly(checks: list[Any]) -> None:
    from pipeline.corpus.compact import decode, encode
    from pipeline.record import dumps

    payload = dumps(
        {"text": "1 2", "tables": {"t": {"x": 1}}, "table_spans": {"t.x": {"start": 0, "end": 1}}, "checks": checks}
    )
    assert decode(encode(payload)) == payload


def test_a_record_of_a_newer_encoding_is_refused_with_a_message() -> None:
    from pipeline.corpus.compact import NewerEncoding, decode

    with pytest.raises(NewerEncoding, match="newer xxgk"):
        decode(b"XXGK9\n" + b"\0" * 8)
