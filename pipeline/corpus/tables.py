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

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from .store import TMP_PREFIX, Store, dumps

BATCH = 256  # records per Parquet row group
BLOCK = 32  # records flattened per task (BATCH is a multiple)

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
        ("cue", S), ("kind_score", F), ("category_score", F),
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


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _json(value: Any) -> str:
    """A value as compact JSON text with sorted keys (orjson; ``json`` for what orjson refuses)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except TypeError:
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
    """The ``reports`` row of one record (nested meta/source keys flattened by leaf name), without ``report_id``."""
    rows = _Rows()
    rows.add(None, [report_fields(record)])
    row = rows.table(REPORT_COLUMNS, _REPORTS_SCHEMA, seq=False).to_pylist()[0]
    del row["report_id"]
    return row


def report_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The fields of one record's ``reports`` row, before conversion to the column types."""
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
    return flat


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
    """Parquet writer for one table with a fixed schema, written to a temp file (one row group per write)."""

    def __init__(self, folder: Path, name: str, schema: pa.Schema) -> None:
        self.path = folder / f"{name}.parquet"
        self.tmp = folder / f"{TMP_PREFIX}{name}.parquet"
        self.schema = schema
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")

    def write(self, table: pa.Table | None) -> None:
        if table is not None and table.num_rows:
            self.writer.write_table(table)

    def finish(self) -> None:
        self.writer.close()


_REPORTS_SCHEMA = _schema(REPORT_COLUMNS, seq=False)
_CELLS_SCHEMA = _schema(CELL_COLUMNS)
_ITEM_TABLE_SCHEMAS = {name: _schema(columns) for name, columns in ITEM_SCHEMAS.items()}
_DATA_SCHEMA = pa.schema([("report_id", S), ("seq", INT), ("data", S)])
_ERRORS_SCHEMA = _schema(ERROR_COLUMNS, seq=False)


class _Rows:
    """Items of one table (dicts) with their ``report_id`` and ``seq``, turned into columns at the end."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.keys: list[str | None] = []
        self.seqs: list[int] = []

    def add(self, key: str | None, items: list[dict[str, Any]]) -> None:
        self.items.extend(items)
        self.keys.extend([key] * len(items))
        self.seqs.extend(range(len(items)))

    def table(self, columns: list[tuple[str, pa.DataType]], schema: pa.Schema, seq: bool = True) -> pa.Table:
        """The rows, converted a column at a time: a value of another type than its column's goes
        through :func:`_coerce`, and what does not fit (and every unknown field) into ``extra`` as JSON."""
        plan, known = _plan(columns)
        items = self.items
        arrays = [pa.array(self.keys, S)] + ([pa.array(self.seqs, INT)] if seq else [])
        extras: list[dict[str, Any] | None] = [None] * len(items)
        for name, typ, plain in plan:
            values = list(map(dict.get, items, repeat(name)))
            if not set(map(type, values)) <= {type(None), plain}:  # rare: convert value by value
                for i, value in enumerate(values):
                    if value is None or type(value) is plain:
                        continue
                    values[i], ok = _coerce(value, typ)
                    if not ok:
                        extras[i] = {**(extras[i] or {}), name: value}
            arrays.append(pa.array(values, typ))
        for i, fits in enumerate(map(known.issuperset, items)):
            if not fits:
                extras[i] = {**(extras[i] or {}), **{k: v for k, v in items[i].items() if k not in known}}
        if any(extras):
            arrays.append(pa.array([_json(e) if e else None for e in extras], S))
        else:
            arrays.append(pa.nulls(len(items), S))
        return pa.Table.from_arrays(arrays, schema=schema)


def flatten_block(paths: list[tuple[str, str]]) -> dict[str, Any]:
    """Rows of a block of stored records ``(key, path)`` (sorted): one Arrow table per table,
    the per-table cell tables, generic list fields, and the ``records.jsonl`` line of each
    record whose stored file is not already one line (by position in the block; the others
    are copied from their files as they are).

    Runs in a pool process when tables are built in parallel; the result only
    depends on the block, so any number of processes gives the same tables.
    """
    reports, cells = _Rows(), _Rows()
    items = {name: _Rows() for name in ITEM_SCHEMAS}
    per_table_cells: dict[str, _Rows] = {}
    generic: dict[str, list[dict[str, Any]]] = {}
    lines: dict[int, bytes] = {}
    for i, (key, path) in enumerate(paths):
        raw = Path(path).read_bytes()
        record = orjson.loads(raw)
        if b"\n" in raw:  # not the canonical one-line JSON (store.dumps): that line is written instead
            lines[i] = dumps(record)
        reports.add(key, [report_fields(record)])
        for name, rows in items.items():
            rows.add(key, record.get(name) or [])
        record_cells = list(table_cells(record.get("tables") or {}, record.get("table_spans")))
        cells.add(key, record_cells)
        for seq, cell in enumerate(record_cells):
            rows = per_table_cells.get(cell["table"]) or per_table_cells.setdefault(cell["table"], _Rows())
            rows.items.append(cell)
            rows.keys.append(key)
            rows.seqs.append(seq)
        for field_name, value in record.items():
            if field_name not in _HANDLED and _is_item_list(value):
                for seq, item in enumerate(value):
                    generic.setdefault(field_name, []).append({"report_id": key, "seq": seq, "data": _json(item)})
    tables = {
        "reports": reports.table(REPORT_COLUMNS, _REPORTS_SCHEMA, seq=False),
        "cells": cells.table(CELL_COLUMNS, _CELLS_SCHEMA),
        **{name: rows.table(ITEM_SCHEMAS[name], _ITEM_TABLE_SCHEMAS[name]) for name, rows in items.items()},
    }
    return {
        "tables": tables,
        "per_table_cells": {n: rows.table(CELL_COLUMNS, _CELLS_SCHEMA) for n, rows in per_table_cells.items()},
        "generic": {n: pa.Table.from_pylist(r, schema=_DATA_SCHEMA) for n, r in generic.items()},
        "jsonl_lines": lines,
    }


def build_tables(store: Store, workers: int = 1) -> dict[str, int]:
    """Rebuild ``DIR/tables/*.parquet`` and ``DIR/records.jsonl`` from the store; return row counts.

    Records are flattened in blocks of :data:`BLOCK`, on ``workers`` processes
    when there are several blocks, and written in row groups of :data:`BATCH`
    records; the files are the same whatever the number of workers.
    """
    folder = store.tables_dir
    folder.mkdir(parents=True, exist_ok=True)
    writers: dict[str, _Writer] = {
        "reports": _Writer(folder, "reports", _REPORTS_SCHEMA),
        "cells": _Writer(folder, "cells", _CELLS_SCHEMA),
        "errors": _Writer(folder, "errors", _ERRORS_SCHEMA),
    }
    for name in ITEM_SCHEMAS:
        writers[name] = _Writer(folder, name, _ITEM_TABLE_SCHEMAS[name])
    per_table_cells: dict[str, list[pa.Table]] = {}
    generic: dict[str, list[pa.Table]] = {}
    counts: dict[str, int] = {}
    jsonl_tmp = store.root / f"{TMP_PREFIX}records.jsonl"
    paths = [(key, str(path)) for key, path in store.record_paths()]
    blocks = [paths[i : i + BLOCK] for i in range(0, len(paths), BLOCK)]
    pending: dict[str, list[pa.Table]] = {}  # rows of the records not yet written, by table
    n_pending = 0
    errors = [str(path) for _key, path in store.error_paths()]
    with open(jsonl_tmp, "wb", buffering=0) as jsonl, _flattening(blocks, errors, workers) as (results, error_table):
        for block, result in zip(blocks, results, strict=True):
            for i, (_key, path) in enumerate(block):
                line = result["jsonl_lines"].get(i)
                if line is None:
                    _append_file(jsonl, path)
                    jsonl.write(b"\n")
                else:
                    jsonl.write(line + b"\n")
            for name, table in result["tables"].items():
                pending.setdefault(name, []).append(table)
                counts[name] = counts.get(name, 0) + table.num_rows
            n_pending += len(block)
            if n_pending >= BATCH or block is blocks[-1]:  # one row group per BATCH records
                for name, tables in pending.items():
                    writers[name].write(_concat(tables, writers[name].schema))
                pending, n_pending = {}, 0
            for name, table in result["per_table_cells"].items():
                per_table_cells.setdefault(name, []).append(table)
            for name, table in result["generic"].items():
                generic.setdefault(name, []).append(table)
        os.fsync(jsonl.fileno())
        table = error_table()
    if table.num_rows:
        writers["errors"].write(table)
        counts["errors"] = table.num_rows

    finished: list[tuple[Path, Path]] = [(jsonl_tmp, store.root / "records.jsonl")]
    for w in writers.values():
        w.finish()
        finished.append((w.tmp, w.path))
    for name in sorted(set(per_table_cells) | {"requests", "disclosure", "appeals"}):
        if name in writers or name in generic:
            continue
        table = _concat(per_table_cells.get(name, []), _CELLS_SCHEMA)
        _write_whole(folder, name, table, finished)
        counts[name] = table.num_rows
    for name, tables in sorted(generic.items()):
        if name in writers:
            continue
        table = _concat(tables, _DATA_SCHEMA)
        _write_whole(folder, name, table, finished)
        counts[name] = table.num_rows
    for tmp, final in finished:
        os.replace(tmp, final)
    keep = {final.name for _, final in finished}
    for stale in folder.glob("*.parquet"):
        if stale.name not in keep:
            stale.unlink()
    for name in writers:
        counts.setdefault(name, 0)
    return dict(sorted(counts.items()))


def _append_file(out: Any, path: str) -> None:
    """Append the bytes of ``path`` to the unbuffered file ``out``, copied by the kernel where it can."""
    with open(path, "rb") as src:
        size = os.fstat(src.fileno()).st_size
        try:
            while size > 0:
                copied = os.copy_file_range(src.fileno(), out.fileno(), size)
                if copied == 0:
                    break
                size -= copied
        except (AttributeError, OSError):  # no copy_file_range here (or not between these files)
            pass
        if size > 0:
            src.seek(os.fstat(src.fileno()).st_size - size)
            shutil.copyfileobj(src, out)


def _concat(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
    if not tables:
        return schema.empty_table()
    return pa.concat_tables(tables).combine_chunks()


def _error_table(paths: list[str]) -> pa.Table:
    """The ``errors`` table from the stored error files ``paths`` (sorted by key)."""
    rows = _Rows()
    for path in paths:
        error = orjson.loads(Path(path).read_bytes())
        rows.add(error.get("report_id"), [error])
    return rows.table(ERROR_COLUMNS, _ERRORS_SCHEMA, seq=False)


@contextlib.contextmanager
def _flattening(
    blocks: list[list[tuple[str, str]]], errors: list[str], workers: int
) -> Iterator[tuple[Iterator[dict[str, Any]], Callable[[], pa.Table]]]:
    """``flatten_block`` over ``blocks`` (in order) and a function giving the errors table:
    in this process, or on a pool of forkserver processes (then this process builds no
    Arrow array itself, so pyarrow never imports pandas here)."""
    workers = min(workers, len(blocks))
    if workers < 2:
        yield map(flatten_block, blocks), lambda: _error_table(errors)
        return
    from .worker import context

    with context().Pool(workers, initializer=_pool_init) as pool:
        pending = pool.apply_async(_error_table, (errors,))
        yield pool.imap(flatten_block, blocks), pending.get


def _pool_init() -> None:
    """Pool processes: leave Ctrl-C to the caller, and tell pyarrow there is no pandas.

    pyarrow imports pandas (about 0.3 s) the first time it builds an array,
    only to check whether its input is a pandas object; the tables here are
    built from lists, so the import is wasted.  While pyarrow makes that
    check, an import hook refuses pandas, so pyarrow records "no pandas" for
    this process.  Only done in these throwaway processes, never in the caller's.
    """
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle (it ends the pool)
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not used by the table builder")
        return None


def _write_whole(folder: Path, name: str, table: pa.Table, finished: list[tuple[Path, Path]]) -> None:
    tmp = folder / f"{TMP_PREFIX}{name}.parquet"
    pq.write_table(table, tmp, compression="zstd")
    finished.append((tmp, folder / f"{name}.parquet"))


def table_names(out_dir: str | Path) -> list[str]:
    """Names of the Parquet tables in a run folder."""
    return sorted(p.stem for p in (Path(out_dir) / "tables").glob("*.parquet"))
