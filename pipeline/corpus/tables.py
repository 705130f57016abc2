"""Stored records to Arrow tables: :func:`flatten_block` (and ``records.jsonl`` on request).

What goes in which row is decided by :mod:`.flatten` (pure); this module turns
rows into Arrow columns a column at a time, converting value by value only where
a column holds another type than its own (a value that does not fit its column,
an integer beyond 64 bits say, goes to ``extra`` as JSON).  A record that still
cannot be turned into rows becomes one ``errors`` row.  Which files the tables
live in is :mod:`.parts`'s business.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..record import Kind, dumps
from .compact import decode_value, loads
from .flatten import (
    DATA,
    ERRORS,
    REPORTS,
    TABLES,
    Flat,
    TableSchema,
    flatten,
    report_fields,
    to_json,
)
from .store import TMP_PREFIX, Store

BATCH = 256  # records per Parquet row group
BLOCK = 32  # records flattened per task (BATCH is a multiple)

_ARROW: dict[Kind, pa.DataType] = {
    "str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "json": pa.string()
}  # fmt: skip
_PLAIN: dict[Kind, type] = {"str": str, "int": int, "float": float, "bool": bool, "json": str}


def arrow_schema(table: TableSchema) -> pa.Schema:
    """The Arrow schema of a table: ``report_id``, ``seq`` (if any), its columns, ``extra`` (if any)."""
    head = [("report_id", pa.string())] + ([("seq", pa.int64())] if table.seq else [])
    tail = [("extra", pa.string())] if table.extra else []
    return pa.schema(head + [(name, _ARROW[kind]) for name, kind in table.columns] + tail)


_SCHEMAS: dict[TableSchema, pa.Schema] = {}


def _schema(table: TableSchema) -> pa.Schema:
    schema = _SCHEMAS.get(table)
    if schema is None:
        schema = _SCHEMAS[table] = arrow_schema(table)
    return schema


def _coerce(value: Any, kind: Kind) -> tuple[Any, bool]:
    """(value converted to the column ``kind``, ok); not ok means it belongs in ``extra``."""
    return (None, True) if value is None else _CONVERT[kind](value)


def _as_text(value: Any) -> tuple[Any, bool]:
    if not isinstance(value, str):
        return to_json(value), True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: written with backslash escapes, as the serializer does
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace"), True
    return value, True


def _as_bool(value: Any) -> tuple[Any, bool]:
    return (value, True) if isinstance(value, bool) else (None, False)


_INT64 = range(-(2**63), 2**63)


def _as_int(value: Any) -> tuple[Any, bool]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in _INT64:
        return value, True
    return None, False


def _as_float(value: Any) -> tuple[Any, bool]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value), True
        except OverflowError:  # an integer beyond float range: kept in extra
            return None, False
    return None, False


_CONVERT = {"str": _as_text, "json": _as_text, "bool": _as_bool, "int": _as_int, "float": _as_float}


class _Columns:
    """Rows of one table (dicts) with their ``report_id`` and ``seq``, turned into Arrow columns at the end."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.keys: list[str | None] = []
        self.seqs: list[int] = []

    def add(self, key: str | None, items: list[dict[str, Any]], seqs: list[int] | None = None) -> None:
        self.items.extend(items)
        self.keys.extend([key] * len(items))
        self.seqs.extend(range(len(items)) if seqs is None else seqs)

    def table(self, table: TableSchema) -> pa.Table:
        """The rows, converted a column at a time: a value of another type than its column's goes
        through :func:`_coerce`, and what does not fit (and every unknown field) into ``extra`` as JSON."""
        arrays = [pa.array(self.keys, pa.string())] + ([pa.array(self.seqs, pa.int64())] if table.seq else [])
        extras: list[dict[str, Any] | None] = [None] * len(self.items)
        arrays += [self._column(name, kind, extras) for name, kind in table.columns]
        if table.extra:
            arrays.append(self._extra(table, extras))
        return pa.Table.from_arrays(arrays, schema=_schema(table))

    def _column(self, name: str, kind: Kind, extras: list[dict[str, Any] | None]) -> pa.Array:
        values = list(map(dict.get, self.items, repeat(name)))
        if set(map(type, values)) <= {type(None), _PLAIN[kind]}:
            try:
                return pa.array(values, _ARROW[kind])
            except (OverflowError, pa.ArrowException):  # rare: out of range, or text UTF-8 cannot encode
                pass
        for i, value in enumerate(values):  # rare: convert value by value
            values[i], ok = _coerce(value, kind)
            if not ok:
                extras[i] = {**(extras[i] or {}), name: value}
        return pa.array(values, _ARROW[kind])

    def _extra(self, table: TableSchema, extras: list[dict[str, Any] | None]) -> pa.Array:
        known = frozenset(name for name, _ in table.columns)
        for i, fits in enumerate(map(known.issuperset, self.items)):
            if not fits:
                extras[i] = {**(extras[i] or {}), **{k: v for k, v in self.items[i].items() if k not in known}}
        return pa.array([to_json(e) if e else None for e in extras], pa.string())


def report_row(record: dict[str, Any]) -> dict[str, Any]:
    """The ``reports`` row of one record, in its column types, without ``report_id``."""
    rows = _Columns()
    rows.add(None, [report_fields(record)])
    row = rows.table(REPORTS).to_pylist()[0]
    del row["report_id"]
    return row


@dataclass
class BlockTables:
    """The rows of a block of records as Arrow tables; records that could not be flattened as error rows."""

    tables: dict[str, pa.Table]  # reports, the item tables, cells, errors (records that gave no rows)
    cell_tables: dict[str, pa.Table] = field(default_factory=dict)  # requests, disclosure, ...
    generic: dict[str, pa.Table] = field(default_factory=dict)  # unknown list fields of the records
    checks_failed: dict[str, int] = field(default_factory=dict)  # failed checks by id
    reports_with_failed_checks: int = 0
    bad: int = 0  # records that became error rows


def _read(path: str) -> dict[str, Any]:
    record = decode_value(Path(path).read_bytes())
    if not isinstance(record, dict):
        raise TypeError(f"a stored record is a JSON object, not {type(record).__name__}")
    return record


def _block_tables(flats: list[tuple[str, Flat]]) -> BlockTables:
    rows = _BlockRows()
    for key, flat in flats:
        rows.add(key, flat)
    tables = {name: columns.table(TABLES[name]) for name, columns in rows.fixed.items()}
    return BlockTables(
        tables,
        _by_record_table(tables["cells"], rows.cell_tables),
        {name: columns.table(DATA) for name, columns in rows.generic.items()},
    )


def _by_record_table(cells: pa.Table, names: Iterable[str]) -> dict[str, pa.Table]:
    """One table per record table (``requests`` ...): the rows of ``cells`` of that table, in order."""
    import pyarrow.compute as pc

    column = cells.column("table")
    return {name: cells.filter(pc.equal(column, name)) for name in names}


def flatten_block(
    paths: list[tuple[str, str]], on_record: Callable[[str, dict[str, Any]], None] | None = None
) -> BlockTables:
    """Rows of a block of stored records ``(key, path)``; ``on_record(key, record)`` sees each record read.

    A record that cannot be read, flattened or converted to its columns becomes
    one row of ``errors`` (reason ``bad_record``) and the others go on.
    """
    flats: list[tuple[str, Flat]] = []
    bad: list[tuple[str, str, BaseException]] = []
    for key, path in paths:
        try:
            record = _read(path)
            if on_record is not None:
                on_record(key, record)
            flats.append((key, flatten(record)))
        except Exception as exc:  # one bad record never blocks the others
            bad.append((key, path, exc))
    try:
        result = _block_tables(flats)
    except Exception:  # find the record whose values do not fit, one by one
        good = []
        for key, flat in flats:
            try:
                _block_tables([(key, flat)])
                good.append((key, flat))
            except Exception as exc:
                bad.append((key, _source_path(flat), exc))
        result = _block_tables(good)
        flats = good
    _count_checks(result, flats)
    result.tables["errors"] = _bad_rows(bad)
    result.bad = len(bad)
    return result


def _source_path(flat: Flat) -> str:
    path = flat.rows["reports"][0].get("path")
    return path if isinstance(path, str) else ""


def _count_checks(result: BlockTables, flats: list[tuple[str, Flat]]) -> None:
    for _key, flat in flats:
        failed = [c.get("id") for c in flat.rows.get("checks", []) if isinstance(c, dict) and c.get("status") == "fail"]
        for check in failed:
            result.checks_failed[str(check)] = result.checks_failed.get(str(check), 0) + 1
        result.reports_with_failed_checks += bool(failed)


def _bad_rows(bad: list[tuple[str, str, BaseException]]) -> pa.Table:
    rows = _Columns()
    for key, path, exc in bad:
        detail = f"the stored record gives no table rows: {type(exc).__name__}: {exc}"[:500]
        rows.add(key, [{"path": path, "reason": "bad_record", "detail": detail, "error": type(exc).__name__}])
    return rows.table(ERRORS)


class _BlockRows:
    """The rows of a block of records, by table, as they are flattened."""

    def __init__(self) -> None:
        self.fixed = {name: _Columns() for name in TABLES if name != "errors"}
        self.cell_tables: dict[str, None] = {}  # the record tables met, in order (their rows are in ``cells``)
        self.generic: dict[str, _Columns] = {}

    def add(self, key: str, flat: Flat) -> None:
        for name, rows in flat.rows.items():
            self.fixed[name].add(key, rows)
        self.cell_tables.update(dict.fromkeys(flat.cell_tables))
        for name, rows in flat.generic.items():
            self.generic.setdefault(name, _Columns()).add(key, rows)


def export_jsonl(store: Store, path: Path) -> int:
    """Write every stored record as one line of ``path`` (sorted by sha256, atomically); the number of lines."""
    tmp = path.parent / f"{TMP_PREFIX}{path.name}"
    n = 0
    with open(tmp, "wb") as out:
        for _key, record_path in store.record_paths():
            line = store.read_record(record_path)
            if b"\n" in line:  # a pretty-printed layout 1 object: its canonical line instead
                line = dumps(loads(line))
            out.write(line + b"\n")
            n += 1
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return n


def error_table(paths: list[str]) -> pa.Table:
    """The ``errors`` rows of the stored error files ``paths`` (sorted by key)."""
    rows = _Columns()
    for path in paths:
        error = loads(Path(path).read_bytes())
        rows.add(error.get("report_id"), [error])
    return rows.table(ERRORS)
