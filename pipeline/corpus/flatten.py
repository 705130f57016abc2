"""Records to table rows: the pure half of the corpus tables (no I/O, no Arrow).

A stored record (its JSON read back as a dict) gives rows of these tables; every
row also carries ``report_id`` (the sha256 of the report's bytes), added by the
writer (:mod:`.tables`):

- ``reports``: one row per report: source, meta (region flattened), summary, counts.
- ``sections``, ``paragraphs``, ``figures``, ``statements``, ``checks``: one row per
  list item, with ``seq`` its position in the record.
- ``cells``: every table cell in long form ``(table, row, col, value, text, start, end, page)``,
  and one table per record table (``requests``, ``disclosure``, ``appeals``, ...) with the
  same rows.  A nested table ``{row: {col: v}}`` gives ``row``/``col``; a flat one ``{key: v}``
  gives ``row=key`` and ``col=NULL``.  ``value`` is numeric or NULL, ``text`` keeps a
  non-numeric cell.
- ``errors``: one row per file that gave no record, with its ``reason``.

The columns come from the record's dataclasses (:func:`pipeline.record.columns`), so a
field added to the record appears here without a second definition.  Whatever a record
holds is kept: fields a table does not know go to its ``extra`` column as JSON, unknown
list fields of the record become their own table with a JSON ``data`` column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..record import CellSpan, Kind, Meta, Number, Record, SourceFile, columns, dumps, field_names, item_lists, kind_of

Column = tuple[str, Kind]


@dataclass(frozen=True)
class TableSchema:
    """The columns of one table after ``report_id``: ``seq`` (position in the record), the named columns, ``extra``."""

    columns: tuple[Column, ...]
    seq: bool = True
    extra: bool = True  # fields the columns do not know, as JSON


ITEMS: dict[str, type] = item_lists()  # sections, paragraphs, figures, statements, checks
COUNTED = tuple(name for name in ITEMS if name != "checks")  # n_sections ... in the reports row
STATUS_COLUMNS = {"fail": "checks_failed", "unknown": "checks_unknown", "pass": "checks_passed"}
_RECORD_KINDS = dict(columns(Record))

REPORTS = TableSchema(
    (
        *(c for c in columns(SourceFile) if c[0] != "sha256"),  # the sha256 is the report_id
        *columns(Meta),
        *((name, _RECORD_KINDS[name]) for name in ("schema_version", "summary", "warnings")),
        *((f"n_{name}", "int") for name in COUNTED),
        *((name, "int") for name in STATUS_COLUMNS.values()),
    ),
    seq=False,
)
CELLS = TableSchema(
    (("table", "str"), ("row", "str"), ("col", "str"), ("value", kind_of(Number)), ("text", "str"), *columns(CellSpan))
)
ERRORS = TableSchema((("path", "str"), ("reason", "str"), ("detail", "str"), ("error", "str")), seq=False)
DATA = TableSchema((("data", "str"),), extra=False)  # an unknown list field of the record, one JSON item a row

TABLES: dict[str, TableSchema] = {
    "reports": REPORTS,
    **{name: TableSchema(tuple(columns(cls))) for name, cls in ITEMS.items()},
    "cells": CELLS,
    "errors": ERRORS,
}
RECORD_TABLES = ("requests", "disclosure", "appeals")  # written even when no record has them

_HANDLED = frozenset(field_names())  # record fields with a place of their own; others are kept generically


def to_json(value: Any) -> str:
    """A value as compact JSON text with sorted keys (for JSON columns)."""
    return dumps(value, sort_keys=True).decode("utf-8")


@dataclass
class Flat:
    """One record's rows: by fixed table; the record tables its cells fill (each a slice of ``cells``); generic lists."""

    rows: dict[str, list[dict[str, Any]]]
    cell_tables: list[str] = field(default_factory=list)  # the record tables its cells belong to, in order
    generic: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def flatten(record: dict[str, Any]) -> Flat:
    """The rows of one record (items are the record's own dicts, not copies)."""
    cells = list(cell_rows(record.get("tables") or {}, record.get("table_spans")))
    flat = Flat({"reports": [report_fields(record)], **{n: record.get(n) or [] for n in ITEMS}, "cells": cells})
    flat.cell_tables = list(dict.fromkeys(cell["table"] for cell in cells))
    for name, value in record.items():
        if name not in _HANDLED and _is_item_list(value):
            flat.generic[name] = [{"data": to_json(item)} for item in value]
    return flat


def report_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The fields of one record's ``reports`` row, before conversion to the column types.

    Nested source/meta values go by their leaf name (``meta.region.province`` → ``province``),
    by their dotted path when the leaf name is taken.
    """
    flat: dict[str, Any] = {}
    for part in ("source", "meta"):
        for path, value in _leaves(record.get(part) or {}):
            flat[".".join(path) if path[-1] in flat else path[-1]] = value
    flat.pop("sha256", None)
    flat["schema_version"] = record.get("schema_version")
    flat["summary"] = record.get("summary")
    flat["warnings"] = record.get("warnings") or None
    flat.update(_counts(record))
    flat.update((key, value) for key, value in record.items() if key not in _HANDLED and not _is_item_list(value))
    return flat


def _counts(record: dict[str, Any]) -> dict[str, int]:
    """Items per counted list (``n_sections`` ...) and checks per status."""
    counts = {f"n_{name}": len(record.get(name) or []) for name in COUNTED}
    statuses = [c.get("status") for c in record.get("checks") or []]
    counts.update((column, statuses.count(status)) for status, column in STATUS_COLUMNS.items())
    return counts


def cell_rows(tables: dict[str, Any], spans: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Every cell of the record's tables in long form, in the record's order.

    The last key of a cell's path is its ``col`` and the keys before it its ``row``
    (joined with "." when deeper than two levels); a flat table's key is its ``row``.
    """
    spans = spans or {}
    for name, table in (tables or {}).items():
        if not isinstance(table, dict):
            yield {"table": name, "row": None, "col": None, "value": None, "text": to_json(table)}
            continue
        for path, value in _leaves(table):
            yield _cell(name, path, value, spans.get(".".join((name, *path))) or {})


def _cell(table: str, path: tuple[str, ...], value: Any, span: dict[str, Any]) -> dict[str, Any]:
    """One long-form cell: numbers in ``value``, anything else but null in ``text``."""
    row, col = (path[0], None) if len(path) == 1 else (".".join(path[:-1]), path[-1])
    number = _as_number(value)
    numeric = number is not None
    return {
        "table": table,
        "row": row,
        "col": col,
        "value": number,
        "text": None if numeric or value is None else (value if isinstance(value, str) else to_json(value)),
        "start": span.get("start"),
        "end": span.get("end"),
        "page": span.get("page"),
    }


def _as_number(value: Any) -> float | None:
    """A cell's numeric value as float; None for anything else (an integer beyond float range included)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _leaves(node: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(key path, value) of every leaf of nested dicts; an empty dict is a leaf."""
    for key, value in node.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, (*path, key))
        else:
            yield (*path, key), value


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
