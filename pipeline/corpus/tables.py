"""Write the corpus tables: Parquet files and ``records.jsonl`` rebuilt from the store.

:func:`build_tables` is the one entry point.  What goes in which row is decided by
:mod:`.flatten` (pure); this module only makes it fast and durable:

- rows become Arrow columns a column at a time, converting value by value only
  where a column holds another type than its own;
- records are flattened in blocks of :data:`BLOCK` on a pool of processes that
  never import pandas, and written in row groups of :data:`BATCH` records, so the
  files are the same whatever the number of processes;
- ``records.jsonl`` copies each stored record's bytes with ``copy_file_range``;
- every file is written under a temporary name and moved into place at the end.

Rows are sorted by ``report_id`` then ``seq``, so two runs over the same files give
the same tables.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from ..record import Kind, dumps
from .flatten import (
    CELLS,
    DATA,
    ERRORS,
    RECORD_TABLES,
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
    return (value, True) if isinstance(value, str) else (to_json(value), True)


def _as_bool(value: Any) -> tuple[Any, bool]:
    return (value, True) if isinstance(value, bool) else (None, False)


def _as_int(value: Any) -> tuple[Any, bool]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, True
    if isinstance(value, float) and value.is_integer():
        return int(value), True
    return None, False


def _as_float(value: Any) -> tuple[Any, bool]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), True
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
        plain = _PLAIN[kind]
        if not set(map(type, values)) <= {type(None), plain}:  # rare: convert value by value
            for i, value in enumerate(values):
                if value is None or type(value) is plain:
                    continue
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
    """The rows of a block of records as Arrow tables, and the ``records.jsonl`` lines to rewrite."""

    tables: dict[str, pa.Table]  # reports, the item tables, cells
    cell_tables: dict[str, pa.Table] = field(default_factory=dict)  # requests, disclosure, ...
    generic: dict[str, pa.Table] = field(default_factory=dict)  # unknown list fields of the records
    jsonl_lines: dict[int, bytes] = field(default_factory=dict)  # by position in the block


def flatten_block(paths: list[tuple[str, str]]) -> BlockTables:
    """Rows of a block of stored records ``(key, path)`` (sorted), and the ``records.jsonl`` line
    of each record whose stored file is not already one line (the others are copied as they are).

    Runs in a pool process when tables are built in parallel; the result only
    depends on the block, so any number of processes gives the same tables.
    """
    rows = _BlockRows()
    lines: dict[int, bytes] = {}
    for i, (key, path) in enumerate(paths):
        raw = Path(path).read_bytes()
        record = orjson.loads(raw)
        if b"\n" in raw:  # not the canonical one-line JSON: that line is written instead
            lines[i] = dumps(record)
        rows.add(key, flatten(record))
    return BlockTables(
        {name: columns.table(TABLES[name]) for name, columns in rows.fixed.items()},
        {name: columns.table(CELLS) for name, columns in rows.cell_tables.items()},
        {name: columns.table(DATA) for name, columns in rows.generic.items()},
        lines,
    )


class _BlockRows:
    """The rows of a block of records, by table, as they are flattened."""

    def __init__(self) -> None:
        self.fixed = {name: _Columns() for name in TABLES if name != "errors"}
        self.cell_tables: dict[str, _Columns] = {}
        self.generic: dict[str, _Columns] = {}

    def add(self, key: str, flat: Flat) -> None:
        for name, rows in flat.rows.items():
            self.fixed[name].add(key, rows)
        for name, (seqs, rows) in flat.cell_tables.items():
            self.cell_tables.setdefault(name, _Columns()).add(key, rows, seqs)
        for name, rows in flat.generic.items():
            self.generic.setdefault(name, _Columns()).add(key, rows)


def build_tables(store: Store, workers: int = 1) -> dict[str, int]:
    """Rebuild ``DIR/tables/*.parquet`` and ``DIR/records.jsonl`` from the store; return row counts.

    Records are flattened in blocks of :data:`BLOCK`, on ``workers`` processes
    when there are several blocks, and written in row groups of :data:`BATCH`
    records; the files are the same whatever the number of workers.
    """
    paths = [(key, str(path)) for key, path in store.record_paths()]
    blocks = [paths[i : i + BLOCK] for i in range(0, len(paths), BLOCK)]
    errors = [str(path) for _key, path in store.error_paths()]
    with _Output(store) as out, _flattening(blocks, errors, workers) as (results, error_table):
        for block, result in zip(blocks, results, strict=True):
            out.add(block, result, last=block is blocks[-1])
        out.add_errors(error_table())
    return out.commit()


class _TableFile:
    """One Parquet file with a fixed schema, written to a temporary name (one row group per write)."""

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


class _Output:
    """The files of one rebuild: fixed tables written in row groups as blocks arrive,
    per-record-table and generic tables written whole at the end, ``records.jsonl``
    appended in order; all moved into place by :meth:`commit`."""

    def __init__(self, store: Store) -> None:
        self.root = store.root
        self.folder = store.tables_dir
        self.folder.mkdir(parents=True, exist_ok=True)
        self.files = {name: _TableFile(self.folder, name, _schema(table)) for name, table in TABLES.items()}
        self.jsonl_tmp = self.root / f"{TMP_PREFIX}records.jsonl"
        self.jsonl: Any = None
        self.pending: dict[str, list[pa.Table]] = {}  # rows of the records not yet written, by table
        self.n_pending = 0
        self.cell_tables: dict[str, list[pa.Table]] = {}
        self.generic: dict[str, list[pa.Table]] = {}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)

    def __enter__(self) -> _Output:
        self.jsonl = open(self.jsonl_tmp, "wb", buffering=0)  # noqa: SIM115 - closed by __exit__
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            os.fsync(self.jsonl.fileno())
        self.jsonl.close()

    def add(self, block: list[tuple[str, str]], result: BlockTables, last: bool) -> None:
        for i, (_key, path) in enumerate(block):
            line = result.jsonl_lines.get(i)
            if line is None:
                _append_file(self.jsonl, path)
                self.jsonl.write(b"\n")
            else:
                self.jsonl.write(line + b"\n")
        for name, table in result.tables.items():
            self.pending.setdefault(name, []).append(table)
            self.counts[name] += table.num_rows
        self.n_pending += len(block)
        if self.n_pending >= BATCH or last:  # one row group per BATCH records
            for name, tables in self.pending.items():
                self.files[name].write(_concat(tables, self.files[name].schema))
            self.pending, self.n_pending = {}, 0
        for name, table in result.cell_tables.items():
            self.cell_tables.setdefault(name, []).append(table)
        for name, table in result.generic.items():
            self.generic.setdefault(name, []).append(table)

    def add_errors(self, table: pa.Table) -> None:
        self.files["errors"].write(table)
        self.counts["errors"] = table.num_rows

    def commit(self) -> dict[str, int]:
        """Finish every file, move it into place, remove tables of earlier runs that are gone; row counts."""
        finished = [(self.jsonl_tmp, self.root / "records.jsonl")]
        for file in self.files.values():
            file.finish()
            finished.append((file.tmp, file.path))
        finished += self._write_whole_tables()
        for tmp, final in finished:
            os.replace(tmp, final)
        keep = {final.name for _, final in finished}
        for stale in self.folder.glob("*.parquet"):
            if stale.name not in keep:
                stale.unlink()
        return dict(sorted(self.counts.items()))

    def _write_whole_tables(self) -> list[tuple[Path, Path]]:
        """The per-record-table and generic tables, each written at once; a list field wins over a table name."""
        whole = {name: (tables, _schema(CELLS)) for name, tables in self.cell_tables.items()}
        whole.update({name: ([], _schema(CELLS)) for name in RECORD_TABLES if name not in whole})
        whole.update({name: (tables, _schema(DATA)) for name, tables in self.generic.items()})
        finished = []
        for name, (tables, schema) in sorted(whole.items()):
            if name not in self.files:
                table = _concat(tables, schema)
                finished.append(_write_whole(self.folder, name, table))
                self.counts[name] = table.num_rows
        return finished


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
    rows = _Columns()
    for path in paths:
        error = orjson.loads(Path(path).read_bytes())
        rows.add(error.get("report_id"), [error])
    return rows.table(ERRORS)


@contextlib.contextmanager
def _flattening(
    blocks: list[list[tuple[str, str]]], errors: list[str], workers: int
) -> Iterator[tuple[Iterator[BlockTables], Callable[[], pa.Table]]]:
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


def _write_whole(folder: Path, name: str, table: pa.Table) -> tuple[Path, Path]:
    """Write ``table`` to a temporary file in ``folder``; (temporary, final) paths."""
    tmp = folder / f"{TMP_PREFIX}{name}.parquet"
    pq.write_table(table, tmp, compression="zstd")
    return tmp, folder / f"{name}.parquet"


def table_names(out_dir: str | Path) -> list[str]:
    """Names of the Parquet tables in a run folder."""
    return sorted(p.stem for p in (Path(out_dir) / "tables").glob("*.parquet"))
