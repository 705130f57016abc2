"""The record owns its schema and its one serializer; the corpus tables derive from them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pipeline import record as rec
from pipeline.corpus.flatten import TABLES
from pipeline.corpus.tables import arrow_schema
from pipeline.record import CellSpan, Meta, Record, SourceFile, Statement, dumps, kind_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def asdict_first(record: Record) -> dict:
    d = dataclasses.asdict(record)
    if not d["ocr"]:
        del d["ocr"]  # only records of scanned pages carry OCR readings
    return {"schema_version": d.pop("schema_version"), **d}


@pytest.mark.parametrize("name", ["yunxi_2023.txt", "yunxi_2023.html", "yunxi_2023.md", "yunxi_2023_gbk.txt"])
def test_to_bytes_is_the_compact_json_of_the_dataclass_fields(name: str) -> None:
    from pipeline.parse import parse

    record = parse(FIXTURES / name)
    assert record.paragraphs and record.checks and record.tables
    compact = json.dumps(asdict_first(record), ensure_ascii=False, separators=(",", ":")).encode()
    assert record.to_bytes() == compact
    assert record.to_json(indent=None) == json.dumps(asdict_first(record), ensure_ascii=False)
    assert record.to_dict(include_text=False).keys() == asdict_first(record).keys() - {"text"}


def test_dumps_escapes_names_utf8_cannot_encode_and_sorts_keys_on_request() -> None:
    assert dumps({"b": 1, "a": "r\udcff.txt"}) == b'{"b":1,"a":"r\\\\xff.txt"}'
    assert dumps({"b": 1, "a": 2}, sort_keys=True) == b'{"a":2,"b":1}'
    assert dumps({"n": 2**70}) == b'{"n":1180591620717411303424}'  # beyond orjson: through json
    assert dumps(CellSpan(1, 2)) == b'{"start":1,"end":2,"page":null}'


def test_kind_of_maps_field_types_to_column_kinds() -> None:
    assert [kind_of(t) for t in (str, int | None, float | int, bool, dict[str, float], list[str])] == [
        "str",
        "int",
        "float",
        "bool",
        "json",
        "json",
    ]


def test_every_item_field_is_a_column_of_its_table_in_order() -> None:
    for name, cls in rec.item_lists().items():
        assert [c for c, _ in TABLES[name].columns] == [f.name for f in dataclasses.fields(cls)]
    kinds = dict(TABLES["statements"].columns)
    assert (kinds["kind_score"], kinds["start"], kinds["text"]) == ("float", "int", "str")
    assert arrow_schema(TABLES["statements"]).names[:4] == ["report_id", "seq", "id", "kind"]


def test_reports_columns_come_from_source_and_meta_with_region_flattened() -> None:
    names = [c for c, _ in TABLES["reports"].columns]
    source = [f.name for f in dataclasses.fields(SourceFile) if f.name != "sha256"]
    assert names[: len(source)] == source
    assert {"province", "city", "county", "year", "format_version"} <= set(names)
    assert "region" not in names and dataclasses.is_dataclass(Meta().region)


def test_a_field_added_to_an_item_appears_in_its_table() -> None:
    @dataclasses.dataclass
    class Wider(Statement):
        severity: int | None = None

    assert rec.columns(Wider)[-1] == ("severity", "int")


def test_old_names_are_gone_so_each_name_means_one_thing() -> None:
    assert not hasattr(rec, "Span") and not hasattr(rec, "Source")
