"""Records flatten into deterministic Parquet tables whatever stages filled them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.corpus.flatten import table_cells
from pipeline.corpus.store import Store
from pipeline.corpus.tables import build_tables, report_row


def key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def record(year: int, **extra: object) -> dict:
    return {
        "schema_version": "1.0",
        "source": {"path": f"/c/{year}.txt", "sha256": "x", "format": "txt", "pages": None, "chars": 10, "encoding": "utf-8"},
        "meta": {"title": "t", "admin_level": "county", "region": {"province": "甲省", "city": None, "county": None}, "year": year},
        "text": "正文",
        "paragraphs": [{"id": "p1", "section": 1, "text": "正文", "start": 0, "end": 2, "label": "overview", "scores": {"overview": 0.9}}],
        "checks": [{"id": "structure", "status": "fail", "message": "m", "evidence": []}, {"id": "year", "status": "unknown", "message": "", "evidence": []}],
        "tables": {
            "requests": {"new_received": {"total": 12, "natural_person": None}},
            "disclosure": {"rules_issued": 0, "note": "见附件"},
        },
        "table_spans": {"requests.new_received.total": {"start": 5, "end": 7, "page": 2}},
        **extra,
    }  # fmt: skip


def test_nested_table_gives_row_and_col_and_flat_table_gives_key_as_row() -> None:
    rec = record(2022)
    cells = list(table_cells(rec["tables"], rec["table_spans"]))
    total = next(c for c in cells if c["col"] == "total")
    assert (total["table"], total["row"], total["value"], total["start"], total["page"]) == (
        "requests",
        "new_received",
        12.0,
        5,
        2,
    )
    assert next(c for c in cells if c["col"] == "natural_person")["value"] is None
    flat = {c["row"]: c for c in cells if c["table"] == "disclosure"}
    assert flat["rules_issued"]["col"] is None and flat["rules_issued"]["value"] == 0.0
    assert flat["note"]["value"] is None and flat["note"]["text"] == "见附件"


def test_report_row_flattens_region_and_counts_checks() -> None:
    row = report_row(record(2023))
    assert (row["province"], row["year"], row["admin_level"]) == ("甲省", 2023, "county")
    assert (row["checks_failed"], row["checks_unknown"], row["checks_passed"]) == (1, 1, 0)
    assert row["n_paragraphs"] == 1 and row["extra"] is None


def test_build_tables_sorts_by_report_id_and_keeps_unknown_fields(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        for n, year in [(3, 2021), (1, 2022), (2, 2023)]:
            rec = record(year, appeals_notes=[{"kind": "review", "n": n}], custom_score=0.5)
            rec["paragraphs"][0]["page"] = "二"  # wrong type from some stage: kept in extra, not lost
            store.write_record(key(n), json.dumps(rec, ensure_ascii=False).encode())
        store.write_error(
            key(9),
            {"report_id": key(9), "path": "/c/bad.pdf", "reason": "corrupt", "detail": "", "error": "CorruptFile"},
        )
        counts = build_tables(store)
    tables = tmp_path / "tables"
    reports = pq.read_table(tables / "reports.parquet").to_pylist()
    assert [r["report_id"] for r in reports] == sorted(key(n) for n in (1, 2, 3))
    assert json.loads(reports[0]["extra"]) == {"custom_score": 0.5}
    paragraphs = pq.read_table(tables / "paragraphs.parquet").to_pylist()
    assert paragraphs[0]["page"] is None and json.loads(paragraphs[0]["extra"]) == {"page": "二"}
    assert json.loads(paragraphs[0]["scores"]) == {"overview": 0.9}
    requests = pq.read_table(tables / "requests.parquet").to_pylist()
    assert {(r["row"], r["col"], r["value"]) for r in requests} == {
        ("new_received", "total", 12.0),
        ("new_received", "natural_person", None),
    }
    notes = pq.read_table(tables / "appeals_notes.parquet").to_pylist()
    assert len(notes) == 3 and json.loads(notes[0]["data"])["kind"] == "review"
    assert pq.read_table(tables / "errors.parquet").to_pylist()[0]["reason"] == "corrupt"
    assert counts["reports"] == 3 and counts["checks"] == 6 and counts["statements"] == 0
    assert pq.read_table(tables / "statements.parquet").schema.names[:4] == ["report_id", "seq", "id", "kind"]
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    by_key = sorted([(key(3), 2021), (key(1), 2022), (key(2), 2023)])
    assert [json.loads(line)["meta"]["year"] for line in lines] == [year for _, year in by_key]


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write_record(key(1), json.dumps(record(2022)).encode())
        build_tables(store)
        first = {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()}
        build_tables(store)
        assert {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()} == first


def test_tables_built_on_a_pool_are_byte_identical_to_one_process(tmp_path: Path, monkeypatch) -> None:
    import pipeline.corpus.tables as tables_mod

    monkeypatch.setattr(tables_mod, "BLOCK", 4)  # several blocks per row group, a partial last one
    monkeypatch.setattr(tables_mod, "BATCH", 12)
    with Store(tmp_path) as store:
        for n in range(30):
            rec = record(2000 + n, appeals_notes=[{"n": n}] if n % 3 else [])
            store.write_record(key(n), json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode())
        one = build_tables(store, workers=1)
        first = {p.name: p.read_bytes() for p in tmp_path.glob("**/*") if p.suffix in (".parquet", ".jsonl")}
        assert build_tables(store, workers=2) == one
        assert {p.name: p.read_bytes() for p in tmp_path.glob("**/*") if p.suffix in (".parquet", ".jsonl")} == first
    assert pq.ParquetFile(tmp_path / "tables" / "reports.parquet").metadata.num_row_groups == 3  # 12 + 12 + 6
    assert one["reports"] == 30 and one["appeals_notes"] == 20


def test_jsonl_copies_one_line_records_and_rewrites_pretty_printed_ones(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        compact = json.dumps(record(2022), ensure_ascii=False, separators=(",", ":")).encode()
        store.write_record(key(1), compact)
        store.write_record(key(2), json.dumps(record(2023), ensure_ascii=False, indent=2).encode())
        build_tables(store)
    lines = (tmp_path / "records.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3  # two records, each one line ending in a newline
    by_key = dict(zip(sorted([key(1), key(2)]), lines))
    assert by_key[key(1)] == compact  # copied byte for byte
    assert json.loads(by_key[key(2)]) == record(2023) and b"\n" not in by_key[key(2)]
