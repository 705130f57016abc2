"""Records flatten into deterministic Parquet tables whatever stages filled them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest

from pipeline.corpus.flatten import cell_rows
from pipeline.corpus.parts import build_tables, table_files
from pipeline.corpus.store import Store
from pipeline.corpus.tables import export_jsonl, report_row


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
    cells = list(cell_rows(rec["tables"], rec["table_spans"]))
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


def read_rows(out: Path, name: str) -> list[dict]:
    """Every row of one table of a run folder (all its parts), sorted by report_id and seq (else by content)."""
    files = table_files(out)[name]
    rows = [row for f in files for row in pq.read_table(f).to_pylist()]
    if rows and "report_id" not in rows[0]:  # a corpus-wide table (agencies, pairs …)
        return sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True, default=str))
    return sorted(rows, key=lambda r: (r["report_id"] or "", r.get("seq") or 0))


def test_build_tables_keeps_unknown_fields_and_wrong_types(tmp_path: Path) -> None:
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
    reports = read_rows(tmp_path, "reports")
    assert [r["report_id"] for r in reports] == sorted(key(n) for n in (1, 2, 3))
    assert json.loads(reports[0]["extra"]) == {"custom_score": 0.5}
    paragraphs = read_rows(tmp_path, "paragraphs")
    assert paragraphs[0]["page"] is None and json.loads(paragraphs[0]["extra"]) == {"page": "二"}
    assert json.loads(paragraphs[0]["scores"]) == {"overview": 0.9}
    requests = read_rows(tmp_path, "requests")
    assert {(r["row"], r["col"], r["value"]) for r in requests} == {
        ("new_received", "total", 12.0),
        ("new_received", "natural_person", None),
    }
    notes = read_rows(tmp_path, "appeals_notes")
    assert len(notes) == 3 and json.loads(notes[0]["data"])["kind"] == "review"
    assert read_rows(tmp_path, "errors")[0]["reason"] == "corrupt"
    assert counts["reports"] == 3 and counts["checks"] == 6 and counts["statements"] == 0
    assert pq.read_table(table_files(tmp_path)["statements"][0]).schema.names[:4] == ["report_id", "seq", "id", "kind"]


def test_a_build_with_nothing_new_writes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write_record(key(1), json.dumps(record(2022)).encode())
        build_tables(store)
        first = {p: p.read_bytes() for p in (tmp_path / "tables").rglob("*") if p.is_file()}
        build_tables(store)
        assert {p: p.read_bytes() for p in (tmp_path / "tables").rglob("*") if p.is_file()} == first


def test_each_batch_appends_a_part_and_full_levels_merge_without_losing_rows(tmp_path: Path, monkeypatch) -> None:
    import pipeline.corpus.parts as parts

    monkeypatch.setattr(parts, "BATCH", 4)
    monkeypatch.setattr(parts, "FANOUT", 3)
    with Store(tmp_path) as store:
        for n in range(30):
            rec = record(2000 + n, appeals_notes=[{"n": n}] if n % 3 else [])
            store.write_record(key(n), json.dumps(rec, ensure_ascii=False).encode())
            if n % 7 == 6:
                build_tables(store)  # several runs, each adding a few records
        counts = build_tables(store)
    assert counts["reports"] == 30 and counts["appeals_notes"] == 20
    assert [r["year"] for r in sorted(read_rows(tmp_path, "reports"), key=lambda r: r["year"])] == list(
        range(2000, 2030)
    )
    assert len(table_files(tmp_path)["reports"]) < 30 // 4  # merged: fewer parts than batches
    with Store(tmp_path) as store:  # the next build removes the merged-away files
        build_tables(store)
    listed = {p for paths in table_files(tmp_path).values() for p in paths}
    listed.add(tmp_path / "tables" / "_yoy" / parts.Manifest.read(tmp_path).index["file"])  # the pairing index
    assert set((tmp_path / "tables").glob("*/*.parquet")) == listed


def test_a_record_that_gives_no_rows_becomes_an_error_row_and_blocks_nothing(tmp_path: Path) -> None:
    huge = record(2022)
    huge["figures"] = [{"id": "f1", "value": 10**400, "unit": "条", "metric": "other", "approx": False,
                        "text": "x", "start": 0, "end": 1}]  # fmt: skip
    huge["tables"]["requests"]["new_received"]["total"] = 10**400
    with Store(tmp_path) as store:
        store.write_record(key(1), json.dumps(record(2021)).encode())
        store.write_record(key(2), json.dumps(huge).encode())
        store.write_record(key(3), b'["not", "a", "record"]')
        build_tables(store)
        store.write_record(key(4), json.dumps(record(2023)).encode())
        counts = build_tables(store)  # later builds go on
    assert sorted(r["year"] for r in read_rows(tmp_path, "reports")) == [2021, 2022, 2023]
    figure = read_rows(tmp_path, "figures")[0]
    assert figure["value"] is None and json.loads(figure["extra"]) == {"value": 10**400}
    cell = next(c for c in read_rows(tmp_path, "requests") if c["col"] == "total" and c["report_id"] == key(2))
    assert cell["value"] is None and cell["text"] == str(10**400)
    [bad] = read_rows(tmp_path, "errors")
    assert (bad["report_id"], bad["reason"]) == (key(3), "bad_record")
    assert counts["reports"] == 3


def test_jsonl_on_request_has_one_canonical_line_per_record(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        compact = json.dumps(record(2022), ensure_ascii=False, separators=(",", ":")).encode()
        store.write_record(key(1), compact)
        store.write_record(key(2), json.dumps(record(2023), ensure_ascii=False, indent=2).encode())
        assert export_jsonl(store, tmp_path / "records.jsonl") == 2
    lines = (tmp_path / "records.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3  # two records, each one line ending in a newline
    by_key = dict(zip(sorted([key(1), key(2)]), lines))
    assert by_key[key(1)] == compact  # the stored bytes, decoded exactly
    assert json.loads(by_key[key(2)]) == record(2023) and b"\n" not in by_key[key(2)]


def test_a_corpus_wide_table_plugs_in_through_build_extra_tables(tmp_path: Path) -> None:
    """A table of the whole corpus: read the parts through the manifest, write it with write_extra_table
    (what a function called from build_extra_tables does); the tables then list it beside the others."""
    import pyarrow as pa

    import pipeline.corpus.parts as parts

    def years(store: Store, manifest: parts.Manifest) -> None:
        rows = [r for f in manifest.files(store.root)["reports"] for r in pq.read_table(f).to_pylist()]
        table = pa.table({"year": sorted({r["year"] for r in rows})})
        parts.write_extra_table(store, manifest, "years", table)

    with Store(tmp_path) as store:
        for n, year in [(1, 2021), (2, 2022), (3, 2022)]:
            store.write_record(key(n), json.dumps(record(year)).encode())
        build_tables(store)
        years(store, parts.Manifest.read(tmp_path))
    assert read_rows_plain(tmp_path, "years") == [{"year": 2021}, {"year": 2022}]
    assert {"years", "reports", "panel"} <= set(table_files(tmp_path))


def test_the_year_over_year_step_runs_in_the_table_builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The step at the end of a run runs in the helper process (the run's own process would import pandas
    for its first Arrow table); the run's process reads the manifest the step wrote."""
    import pipeline.corpus.parts as parts

    def here(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the year-over-year step ran in the run's own process")

    monkeypatch.setattr(parts, "update_year_over_year", here)  # the helper process has its own, unpatched
    with Store(tmp_path) as store:
        for n, year in [(1, 2021), (2, 2022)]:
            store.write_record(key(n), json.dumps(record(year)).encode())
        with parts.table_writer(store) as writer:
            writer.open()
            for k, _path in store.record_paths():
                writer.add(k)
            writer.finish()
    assert writer.manifest.index and set(parts.pairs.TABLES) <= set(writer.manifest.extra)
    assert writer.manifest.index == parts.Manifest.read(tmp_path).index
    index = tmp_path / "tables" / parts.yoy_index.FOLDER / writer.manifest.index["file"]
    assert sorted(parts.yoy_index.read(index)) == sorted([key(1), key(2)])
    assert parts.extra_tables_due(parts.Manifest.read(tmp_path), changed=False) is False


def read_rows_plain(out: Path, name: str) -> list[dict]:
    return [row for f in table_files(out)[name] for row in pq.read_table(f).to_pylist()]


def test_year_over_year_tables_from_the_pairing_fields_equal_those_from_whole_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copy

    from pipeline import parse
    from pipeline.corpus import pairs
    from pipeline.record import field_names

    root = Path(__file__).resolve().parent.parent / "examples"
    newer = orjson.loads(parse(root / "yunxi_2023.txt").to_bytes())
    older = copy.deepcopy(newer)
    older["meta"]["year"], older["source"]["path"] = 2022, "/c/yunxi_2022.txt"
    older["paragraphs"] = older["paragraphs"][::2]
    same_report = orjson.loads(parse(root / "yunxi_2023.html").to_bytes())
    records = {key(1): older, key(2): newer, key(3): same_report, key(4): ["not", "a", "record"]}

    def rows() -> dict:
        return pairs.year_over_year(list(records.items()), lambda k: records[k])

    slim = rows()
    monkeypatch.setattr(pairs, "PAIRING_FIELDS", field_names())
    assert slim == rows()
    assert slim["pairs"] and slim["duplicates"] and slim["panel"] and slim["agencies"]
