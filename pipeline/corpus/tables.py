"""Flatten stored records into Parquet tables (and JSONL), deterministically.

Tables (one Parquet file each under ``DIR/tables``; every row carries ``report_id``,
the sha256 of the report's bytes):

- ``reports``: one row per report: source, meta (region flattened), summary, counts.
- ``sections``, ``paragraphs``, ``figures``, ``statements``, ``checks``: one row per
  list item, with ``seq`` its position in the record.
- ``cells``: every table cell in long form ``(report_id, table, row, col, value)``; and one
  file per record table (``requests``, ``disclosure``, ``appeals``, ...) with the same rows.
  A nested table ``{row: {col: v}}`` gives ``row``/``col``; a flat one ``{key: v}`` gives
  ``row=key`` and ``col=NULL``.  ``value`` is numeric or NULL, ``text`` keeps a non-numeric cell.
- ``errors``: one row per file that gave no record, with its ``reason``.

Whatever a record holds is kept: fields a table does not know go to its ``extra``
column as JSON, unknown list fields of the record become their own table with a
JSON ``data`` column.  Rows are sorted by ``report_id`` then ``seq``, so two runs
over the same files give the same tables.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .store import TMP_PREFIX, Store, dumps

BATCH = 256

S, INT, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

ITEM_SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "sections": [("number", INT), ("title", S), ("start", INT), ("end", INT)],
    "paragraphs": [
        ("id", S), ("section", INT), ("text", S), ("start", INT), ("end", INT),
        ("page", INT), ("label", S), ("scores", S),
    ],
    "figures": [
        ("id", S), ("value", F), ("unit", S), ("metric", S), ("approx", B),
        ("text", S), ("start", INT), ("end", INT), ("paragraph_id", S),
    ],
    "statements": [
        ("id", S), ("kind", S), ("text", S), ("category", S), ("paragraph_id", S), ("start", INT), ("end", INT),
    ],
    "checks": [("id", S), ("status", S), ("message", S), ("evidence", S)],
}  # fmt: skip

REPORT_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("path", S), ("format", S), ("pages", INT), ("chars", INT), ("encoding", S),
    ("title", S), ("agency", S), ("agency_kind", S), ("admin_level", S),
    ("province", S), ("city", S), ("county", S), ("year", INT), ("format_version", S),
    ("schema_version", S), ("summary", S), ("warnings", S),
    ("n_sections", INT), ("n_paragraphs", INT), ("n_figures", INT), ("n_statements", INT),
    ("checks_failed", INT), ("checks_unknown", INT), ("checks_passed", INT),
]  # fmt: skip

CELL_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("table", S),
    ("row", S),
    ("col", S),
    ("value", F),
    ("text", S),
    ("start", INT),
    ("end", INT),
    ("page", INT),
]
ERROR_COLUMNS: list[tuple[str, pa.DataType]] = [("path", S), ("reason", S), ("detail", S), ("error", S)]

# Record fields handled explicitly (everything else is kept generically).
_HANDLED = {"schema_version", "source", "meta", "text", "summary", "warnings", "tables", "table_spans", *ITEM_SCHEMAS}


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def _coerce(value: Any, typ: pa.DataType) -> tuple[Any, bool]:
    """(value converted to ``typ``, ok); not ok means it belongs in ``extra``."""
    if value is None:
        return None, True
    if typ == S:
        return (value, True) if isinstance(value, str) else (_json(value), True)
    if typ == B:
        return (value, True) if isinstance(value, bool) else (None, False)
    if isinstance(value, bool):
        return None, False
    if typ == INT:
        if isinstance(value, int):
            return value, True
        if isinstance(value, float) and value.is_integer():
            return int(value), True
        return None, False
    if typ == F and isinstance(value, int | float):
        return float(value), True
    return None, False


def _schema(columns: list[tuple[str, pa.DataType]], keyed: bool = True, seq: bool = True) -> pa.Schema:
    head = [("report_id", S)] if keyed else []
    if seq:
        head.append(("seq", INT))
    return pa.schema(head + columns + [("extra", S)])


_PLAIN: dict[int, tuple[list[tuple[str, pa.DataType, type | None]], frozenset[str]]] = {}


def _plan(columns: list[tuple[str, pa.DataType]]) -> tuple[list[tuple[str, pa.DataType, type | None]], frozenset[str]]:
    # Per column list: (name, type, the Python type stored as is), and the known names.
    plan = _PLAIN.get(id(columns))
    if plan is None:
        plain = {id(S): str, id(INT): int, id(F): float, id(B): bool}
        plan = _PLAIN[id(columns)] = (
            [(name, typ, plain.get(id(typ))) for name, typ in columns],
            frozenset(name for name, _ in columns),
        )
    return plan


def _row(
    item: dict[str, Any], columns: list[tuple[str, pa.DataType]], row: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The row of ``item`` (added to ``row``, which holds the leading key columns)."""
    plan, known = _plan(columns)
    row = {} if row is None else row
    extra: dict[str, Any] = {}
    for name, typ, plain in plan:
        value = item.get(name)
        if value is None or type(value) is plain:  # the common case: nothing to convert
            row[name] = value
            continue
        value, ok = _coerce(value, typ)
        row[name] = value
        if not ok:
            extra[name] = item.get(name)
    if not known.issuperset(item):
        extra.update({k: v for k, v in item.items() if k not in known})
    row["extra"] = _json(extra) if extra else None
    return row


def _flatten_dict(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in d.items():
        if isinstance(value, dict) and value:
            for k, v in _flatten_dict(value, f"{prefix}{key}.").items():
                out[k] = v
        else:
            out[f"{prefix}{key}"] = value
    return out


def report_row(record: dict[str, Any]) -> dict[str, Any]:
    """The ``reports`` row of one record (nested meta/source keys flattened by leaf name)."""
    flat: dict[str, Any] = {}
    for part in ("source", "meta"):
        for dotted, value in _flatten_dict(record.get(part) or {}).items():
            leaf = dotted.rsplit(".", 1)[-1]
            flat[dotted if leaf in flat else leaf] = value
    flat.pop("sha256", None)
    flat["schema_version"] = record.get("schema_version")
    flat["summary"] = record.get("summary")
    flat["warnings"] = record.get("warnings") or None
    for name in ("sections", "paragraphs", "figures", "statements"):
        flat[f"n_{name}"] = len(record.get(name) or [])
    statuses = [c.get("status") for c in record.get("checks") or []]
    flat["checks_failed"] = statuses.count("fail")
    flat["checks_unknown"] = statuses.count("unknown")
    flat["checks_passed"] = statuses.count("pass")
    for key, value in record.items():
        if key not in _HANDLED and not _is_item_list(value):
            flat[key] = value
    return _row(flat, REPORT_COLUMNS)


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def table_cells(tables: dict[str, Any], spans: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Every cell of the record's tables in long form, in the record's order."""
    spans = spans or {}
    for name, table in (tables or {}).items():
        if not isinstance(table, dict):
            yield {"table": name, "row": None, "col": None, "value": None, "text": _json(table)}
            continue
        for path, value in _flatten_dict(table).items():
            parts = path.split(".")
            row, col = (parts[0], None) if len(parts) == 1 else (".".join(parts[:-1]), parts[-1])
            span = spans.get(f"{name}.{path}") or {}
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            yield {
                "table": name,
                "row": row,
                "col": col,
                "value": float(value) if numeric else None,
                "text": None if numeric or value is None else (value if isinstance(value, str) else _json(value)),
                "start": span.get("start"),
                "end": span.get("end"),
                "page": span.get("page"),
            }


class _Writer:
    """Buffered Parquet writer for one table with a fixed schema, written to a temp file."""

    def __init__(self, folder: Path, name: str, schema: pa.Schema) -> None:
        self.path = folder / f"{name}.parquet"
        self.tmp = folder / f"{TMP_PREFIX}{name}.parquet"
        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def finish(self) -> None:
        self.flush()
        self.writer.close()


def build_tables(store: Store) -> dict[str, int]:
    """Rebuild ``DIR/tables/*.parquet`` and ``DIR/records.jsonl`` from the store; return row counts."""
    folder = store.tables_dir
    folder.mkdir(parents=True, exist_ok=True)
    writers: dict[str, _Writer] = {
        "reports": _Writer(folder, "reports", _schema(REPORT_COLUMNS, seq=False)),
        "cells": _Writer(folder, "cells", _schema(CELL_COLUMNS)),
        "errors": _Writer(folder, "errors", _schema(ERROR_COLUMNS, seq=False)),
    }
    for name, columns in ITEM_SCHEMAS.items():
        writers[name] = _Writer(folder, name, _schema(columns))
    per_table_cells: dict[str, list[dict[str, Any]]] = {}
    generic: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, int] = {}
    jsonl_tmp = store.root / f"{TMP_PREFIX}records.jsonl"

    def add(name: str, row: dict[str, Any]) -> None:
        writers[name].add(row)
        counts[name] = counts.get(name, 0) + 1

    with open(jsonl_tmp, "wb") as jsonl:
        for n, (key, raw, record) in enumerate(store.iter_records_raw(), 1):
            # The stored bytes are already the canonical one-line JSON (store.dumps): copied as they are.
            jsonl.write(raw + b"\n" if b"\n" not in raw else dumps(record) + b"\n")
            add("reports", {"report_id": key, **report_row(record)})
            for name, columns in ITEM_SCHEMAS.items():
                for seq, item in enumerate(record.get(name) or []):
                    add(name, _row(item, columns, {"report_id": key, "seq": seq}))
            for seq, cell in enumerate(table_cells(record.get("tables") or {}, record.get("table_spans"))):
                row = _row(cell, CELL_COLUMNS, {"report_id": key, "seq": seq})
                add("cells", row)
                per_table_cells.setdefault(cell["table"], []).append(row)
            for field_name, value in record.items():
                if field_name not in _HANDLED and _is_item_list(value):
                    for seq, item in enumerate(value):
                        generic.setdefault(field_name, []).append({"report_id": key, "seq": seq, "data": _json(item)})
            if n % BATCH == 0:
                for w in writers.values():
                    w.flush()
        jsonl.flush()
        os.fsync(jsonl.fileno())
    for _key, error in store.iter_errors():
        add("errors", {"report_id": error.get("report_id"), **_row(error, ERROR_COLUMNS)})

    finished: list[tuple[Path, Path]] = [(jsonl_tmp, store.root / "records.jsonl")]
    for w in writers.values():
        w.finish()
        finished.append((w.tmp, w.path))
    cell_schema = _schema(CELL_COLUMNS)
    for name in sorted(set(per_table_cells) | {"requests", "disclosure", "appeals"}):
        if name in writers or name in generic:
            continue
        rows = per_table_cells.get(name, [])
        _write_whole(folder, name, pa.Table.from_pylist(rows, schema=cell_schema), finished)
        counts[name] = len(rows)
    data_schema = pa.schema([("report_id", S), ("seq", INT), ("data", S)])
    for name, rows in sorted(generic.items()):
        if name in writers:
            continue
        _write_whole(folder, name, pa.Table.from_pylist(rows, schema=data_schema), finished)
        counts[name] = len(rows)
    for tmp, final in finished:
        os.replace(tmp, final)
    keep = {final.name for _, final in finished}
    for stale in folder.glob("*.parquet"):
        if stale.name not in keep:
            stale.unlink()
    for name in writers:
        counts.setdefault(name, 0)
    return dict(sorted(counts.items()))


def _write_whole(folder: Path, name: str, table: pa.Table, finished: list[tuple[Path, Path]]) -> None:
    tmp = folder / f"{TMP_PREFIX}{name}.parquet"
    pq.write_table(table, tmp, compression="zstd")
    finished.append((tmp, folder / f"{name}.parquet"))


def table_names(out_dir: str | Path) -> list[str]:
    """Names of the Parquet tables in a run folder."""
    return sorted(p.stem for p in (Path(out_dir) / "tables").glob("*.parquet"))
