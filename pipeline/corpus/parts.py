"""Incremental corpus tables: each batch of new records appends its own Parquet parts.

A table is the set of files ``DIR/tables/<name>/<part>.parquet`` listed in
``DIR/tables/_manifest.json``; the manifest is replaced atomically after the
files it names are durable, so a reader that goes through it (``xxgk query``,
:func:`table_files`) never sees a half-written part or a temporary file.  A run
costs in proportion to what is new:

- :class:`TableWriter` flattens every :data:`BATCH` newly stored records into one
  part per table (in a helper process that never imports pandas) while the
  workers go on;
- parts of one level are merged into one part of the next level when there are
  :data:`FANOUT` of them, streaming row group by row group, so a table has
  O(log N) parts and no merge holds more than one row group in memory;
- the ``errors`` table is the union of the parts' ``bad_record`` rows and one
  part rebuilt from the stored error files, only when they changed;
- per-part statistics (records, failed checks, errors by reason) live in the
  manifest, so a run's summary never reads the tables back.

Parts no longer named by the manifest (merged away, or written by a killed run)
are removed at the end of a run and when the next run opens the folder.  :func:`build_extra_tables` is
the one place where tables derived from the whole corpus (year-over-year pairs,
…) are built after the parts are up to date.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..record import dumps
from . import pairs, yoy_index
from .compact import loads
from .flatten import CELLS, DATA, RECORD_TABLES, TABLES
from .store import TMP_PREFIX, Store, StoreError, atomic_write, write_parquet
from .yoy import Known, rebuild_year_over_year, update_year_over_year

if TYPE_CHECKING:  # pyarrow is imported where a table is read or written: a run with nothing new needs none
    import pyarrow as pa

BATCH = 512  # new records per part
FANOUT = 8  # parts of one level merged into one of the next
MANIFEST = "_manifest.json"
FILE_ERRORS = "files"  # the part of ``errors`` rebuilt from the stored error files
KEYS = "_keys"  # tables/_keys/<part>.keys: the part's report ids, one per line (a resume reads these, not Parquet)


def _schema_of(name: str) -> pa.Schema:
    from .tables import arrow_schema

    if name in TABLES:
        return arrow_schema(TABLES[name])
    return arrow_schema(CELLS if name in RECORD_TABLES else DATA)


@dataclass
class Part:
    """One batch of records (or a merge of batches): its files' row counts and its statistics."""

    id: str
    level: int
    rows: dict[str, int]  # table → rows in this part's file (tables with a file only)
    records: int = 0  # records flattened into this part
    bad: int = 0  # records that became errors rows
    checks_failed: dict[str, int] = field(default_factory=dict)
    reports_with_failed_checks: int = 0


@dataclass
class Manifest:
    """The parts that make the tables, and the part of ``errors`` from the error files."""

    seq: int = 0
    parts: list[Part] = field(default_factory=list)
    file_errors: dict[str, Any] = field(default_factory=dict)  # {"id", "rows", "reasons"}
    extra: dict[str, str] = field(default_factory=dict)  # table → file of a table built by build_extra_tables
    index: dict[str, Any] = field(default_factory=dict)  # the year-over-year index: {"file", "layout", "tables"}

    @classmethod
    def read(cls, root: Path) -> Manifest | None:
        path = root / "tables" / MANIFEST
        if not path.exists():
            return None
        data = loads(path.read_bytes())
        parts = [Part(**p) for p in data.get("parts", [])]
        return cls(data.get("seq", 0), parts, data.get("file_errors", {}), data.get("extra", {}), data.get("index", {}))

    def write(self, root: Path) -> None:
        data = {
            "layout": 2,
            "seq": self.seq,
            "parts": [vars(p) for p in self.parts],
            "file_errors": self.file_errors,
            "extra": self.extra,
            "index": self.index,
        }
        atomic_write(root / "tables" / MANIFEST, dumps(data))

    def next_id(self, prefix: str = "p") -> str:
        self.seq += 1
        return f"{prefix}{self.seq:08d}"

    def files(self, root: Path) -> dict[str, list[Path]]:
        """Every table and its files, in part order."""
        out: dict[str, list[Path]] = {}
        for part in self.parts:
            for name in part.rows:
                out.setdefault(name, []).append(root / "tables" / name / f"{part.id}.parquet")
        if self.file_errors:
            out.setdefault("errors", []).append(root / "tables" / "errors" / f"{self.file_errors['id']}.parquet")
        for name, file in self.extra.items():
            out[name] = [root / "tables" / name / file]
        return dict(sorted(out.items()))

    def counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for part in self.parts:
            counts.update(part.rows)
        counts["errors"] += self.file_errors.get("rows", 0)
        return dict(sorted(counts.items()))


def table_files(root: str | Path) -> dict[str, list[Path]]:
    """The files of each table of a run folder (layout 2 manifest, or layout 1 ``tables/<name>.parquet``)."""
    root = Path(root)
    manifest = Manifest.read(root)
    if manifest is not None:
        return manifest.files(root)
    return {
        p.stem: [p]
        for p in sorted((root / "tables").glob("*.parquet"))
        if not p.name.startswith((TMP_PREFIX, ".", "_"))
    }


# -- in the helper process ----------------------------------------------------


_write_file = write_parquet


# The year-over-year index entries of the records this helper process flattened, by run folder, kept
# for the year-over-year step at the end of the run (in this process too), so that it need not read
# those records again; a cache: an entry missing here (the process was replaced) is read from the store.
_ENTRIES: dict[str, Known] = {}


def write_part(root: str, part_id: str, jobs: list[tuple[str, str]]) -> Part:
    """Flatten the stored records ``jobs`` ``(key, path)`` into one file per table named ``part_id``
    (and keep each record's year-over-year index entry, made while the record is read)."""
    from .tables import flatten_block

    entries = _ENTRIES.setdefault(root, {})

    def index(key: str, record: dict[str, Any]) -> None:
        entries[key] = pairs.entry_of(key, record)

    result = flatten_block(sorted(jobs), index)
    tables = {**result.tables, **result.cell_tables, **result.generic}
    for name in RECORD_TABLES:  # every part has the record tables, so each has a schema even when empty
        tables.setdefault(name, _schema_of(name).empty_table())
    folder = Path(root) / "tables"
    for name, table in tables.items():
        _write_file(folder / name / f"{part_id}.parquet", table)
    keys = tables["reports"].column("report_id").to_pylist() + tables["errors"].column("report_id").to_pylist()
    _write_keys(folder, part_id, keys)
    _sync_dirs([*(folder / name for name in tables), folder / KEYS])
    return Part(
        part_id,
        0,
        {name: t.num_rows for name, t in sorted(tables.items())},
        records=len(jobs) - result.bad,
        bad=result.bad,
        checks_failed=result.checks_failed,
        reports_with_failed_checks=result.reports_with_failed_checks,
    )


def merge_parts(root: str, part_id: str, parts: list[Part]) -> Part:
    """One part of the next level from ``parts``, copied row group by row group."""
    import pyarrow.parquet as pq

    folder = Path(root) / "tables"
    _write_keys(folder, part_id, keys_in_parts(root, [(p.id, p.bad > 0) for p in parts]))
    rows: Counter[str] = Counter()
    names = sorted({name for part in parts for name in part.rows})
    for name in names:
        target = folder / name / f"{part_id}.parquet"
        tmp = target.parent / f"{TMP_PREFIX}{target.name}"
        with pq.ParquetWriter(tmp, _schema_of(name), compression="zstd") as writer:
            for part in parts:
                if name not in part.rows:
                    continue
                source = pq.ParquetFile(folder / name / f"{part.id}.parquet")
                for i in range(source.num_row_groups):
                    group = source.read_row_group(i)
                    writer.write_table(group)
                    rows[name] += group.num_rows
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    _sync_dirs([*(folder / name for name in names), folder / KEYS])
    failed: Counter[str] = Counter()
    for part in parts:
        failed.update(part.checks_failed)
    return Part(
        part_id,
        max(p.level for p in parts) + 1,
        {name: rows[name] for name in names},
        records=sum(p.records for p in parts),
        bad=sum(p.bad for p in parts),
        checks_failed=dict(sorted(failed.items())),
        reports_with_failed_checks=sum(p.reports_with_failed_checks for p in parts),
    )


def write_file_errors(root: str, part_id: str, paths: list[str]) -> dict[str, Any]:
    """The ``errors`` part rebuilt from the stored error files ``paths``."""
    from .tables import error_table

    table = error_table(paths)
    _write_file(Path(root) / "tables" / "errors" / f"{part_id}.parquet", table)
    reasons = Counter(table.column("reason").to_pylist())
    return {"id": part_id, "rows": table.num_rows, "reasons": dict(sorted(reasons.items()))}


def _digest(paths: list[str]) -> str:
    """What the file errors part was built from: the error files, their sizes and times."""
    h = hashlib.sha256()
    for path in paths:
        st = os.stat(path)
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _sync_dirs(folders: Iterable[Path]) -> None:
    for folder in set(folders):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_keys(folder: Path, part_id: str, keys: list[str]) -> None:
    """The part's report ids, durable before the manifest names the part (synced with the part's folders)."""
    path = folder / KEYS / f"{part_id}.keys"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{TMP_PREFIX}{path.name}"
    with open(tmp, "wb") as fh:
        fh.write("".join(f"{key}\n" for key in keys).encode("ascii"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def keys_in_parts(root: str, parts: list[tuple[str, bool]]) -> list[str]:
    """The report ids in the ``reports`` files (and ``errors`` files, for parts with bad records) of ``parts``:
    from each part's keys file, or for a part written before those, from its Parquet files."""
    folder = Path(root) / "tables"
    keys: list[str] = []
    for part_id, bad in parts:
        try:
            keys += (folder / KEYS / f"{part_id}.keys").read_bytes().decode("ascii").splitlines()
            continue
        except FileNotFoundError:
            pass
        import pyarrow.parquet as pq

        for name in ("reports", "errors") if bad else ("reports",):
            path = folder / name / f"{part_id}.parquet"
            if path.exists():
                keys += pq.ParquetFile(path).read(columns=["report_id"]).column(0).to_pylist()
    return keys


# -- in the run's process -----------------------------------------------------


class TableWriter:
    """Keeps the tables of ``store`` up to date as records are stored; the manifest is written here only
    (and by the year-over-year step at the end, which runs in the helper while this process waits)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.root = str(store.root)
        self.manifest = Manifest.read(store.root) or Manifest()
        self.pending: list[tuple[str, str]] = []
        self.running: list[tuple[Any, list[str] | None]] = []  # (AsyncResult, ids a merge replaces), in order
        self.merging = False
        self.errors_changed = False
        self._pool: Any = None
        self.keys: set[str] = set()
        self.added = 0  # records queued for the tables by this writer

    # -- helper process ------------------------------------------------------
    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self._pool is None:
            from .helper_process import pool_init
            from .worker import context

            self._pool = context().Pool(1, initializer=pool_init)
        return self._pool.apply_async(fn, args)

    def _get(self, result: Any) -> Any:
        try:
            return result.get()
        except OSError as exc:
            raise StoreError(f"{self.store.root}: cannot write the tables: {exc}") from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    # -- state -----------------------------------------------------------------
    def open(self) -> set[str]:
        """Remove files no part names (a killed run's, merged parts, layout 1 tables); the keys in the tables."""
        self._remove_unlisted()
        self.keys = set(keys_in_parts(self.root, [(p.id, p.bad > 0) for p in self.manifest.parts]))
        return self.keys

    def _remove_unlisted(self) -> None:
        folder = self.store.tables_dir
        if not folder.is_dir():
            return
        listed = {path for paths in self.manifest.files(self.store.root).values() for path in paths}
        listed.update(folder / KEYS / f"{part.id}.keys" for part in self.manifest.parts)
        if self.manifest.index:
            listed.add(folder / yoy_index.FOLDER / self.manifest.index["file"])
        for path in folder.glob("*.parquet"):  # layout 1 whole tables
            path.unlink()
        for path in [*folder.glob("*/*.parquet"), *folder.glob(f"{KEYS}/*.keys")]:
            if path not in listed:
                path.unlink()

    # -- appending ---------------------------------------------------------------
    def add(self, key: str) -> None:
        """A record newly stored under ``key``: it goes into the next part (once)."""
        if key in self.keys:
            return
        self.keys.add(key)
        self.added += 1
        path = self.store.record_path(key)
        if not path.exists():
            path = self.store.legacy_record_path(key)
        self.pending.append((key, str(path)))
        if len(self.pending) >= BATCH:
            self.flush()
        self.poll()

    def flush(self) -> None:
        if self.pending:
            jobs, self.pending = self.pending, []
            self.running.append((self._call(write_part, self.root, self.manifest.next_id(), jobs), None))

    def poll(self, block: bool = False) -> None:
        """Add the finished parts to the manifest (in order), merging when a level is full."""
        while self.running and (block or self.running[0][0].ready()):
            result, replaces = self.running.pop(0)
            part = self._get(result)
            if replaces is not None:  # a merge: its part takes the place of the parts it copied
                self.merging = False
                self.manifest.parts = [p for p in self.manifest.parts if p.id not in replaces]
            self.manifest.parts.append(part)
            self.manifest.write(self.store.root)
            self._merge_if_full()

    def _full_level(self) -> list[Part] | None:
        for level in sorted({p.level for p in self.manifest.parts}):
            same = [p for p in self.manifest.parts if p.level == level]
            if len(same) >= FANOUT:
                return same[:FANOUT]
        return None

    def _merge_if_full(self) -> None:
        if self.merging:
            return
        full = self._full_level()
        if full:
            self.merging = True
            job = self._call(merge_parts, self.root, self.manifest.next_id(), full)
            self.running.append((job, [p.id for p in full]))

    def finish(self) -> dict[str, int]:
        """Write what is pending, wait for every part and merge, rebuild the file errors if they changed."""
        self.flush()
        while self.running:
            self.poll(block=True)
        if self.errors_changed or not self.manifest.file_errors:
            paths = [str(path) for _key, path in self.store.error_paths()]
            digest = _digest(paths)
            if digest != self.manifest.file_errors.get("digest"):
                part = self._get(self._call(write_file_errors, self.root, self.manifest.next_id("e"), paths))
                self.manifest.file_errors = {**part, "digest": digest}
                self.manifest.write(self.store.root)
        if extra_tables_due(self.manifest, changed=bool(self.added)):
            # in the helper, where pyarrow is loaded already (here it would also import pandas, ~0.5 s)
            self._get(self._call(extra_tables_step, self.root, bool(self.added)))
            self.manifest = Manifest.read(self.store.root) or self.manifest  # the step wrote it
        self._remove_unlisted()  # merged-away parts and replaced error parts
        return self.manifest.counts()

    def stats(self) -> dict[str, Any]:
        """Records, errors by reason, failed checks by id and reports with failed checks, over all parts."""
        failed: Counter[str] = Counter()
        reasons: Counter[str] = Counter(self.manifest.file_errors.get("reasons", {}))
        for part in self.manifest.parts:
            failed.update(part.checks_failed)
            if part.bad:
                reasons["bad_record"] += part.bad
        return {
            "reports": sum(p.records for p in self.manifest.parts),
            "errors": dict(sorted(reasons.items())),
            "checks_failed": dict(sorted(failed.items())),
            "reports_with_failed_checks": sum(p.reports_with_failed_checks for p in self.manifest.parts),
        }


def build_extra_tables(store: Store, manifest: Manifest, changed: bool, known: Known | None = None) -> None:
    """Tables derived from the whole corpus, built after the parts are up to date (end of every run).

    The one hook for tables that are not a function of one record
    (``pipeline/corpus/pairs.py``: agencies, year-over-year pairs, reuse …):
    read what they need from the parts (:meth:`Manifest.files`), write each
    with :func:`write_extra_table`.  ``changed`` is False when the run added
    no record: the tables (functions of the records alone) are kept then.
    ``known``: year-over-year index entries of records the parts were just built from.
    """
    if extra_tables_due(manifest, changed):
        update_year_over_year(store, manifest, known)


def extra_tables_due(manifest: Manifest, changed: bool) -> bool:
    """Whether :func:`build_extra_tables` has work: records were added, or a table is missing."""
    return changed or any(name not in manifest.extra for name in pairs.TABLES)


def extra_tables_step(root: str, changed: bool) -> None:
    """:func:`build_extra_tables` in the helper process, over the manifest as the run's process last wrote it
    (that process waits meanwhile and reads the manifest again after), with the entries kept by
    :func:`write_part`."""
    store = Store(root)
    build_extra_tables(store, Manifest.read(store.root) or Manifest(), changed, _ENTRIES.pop(root, {}))


def write_year_over_year(store: Store, manifest: Manifest) -> dict[str, pa.Table]:
    """Rebuild the year-over-year tables of ``store`` and their index from every record; return the tables."""
    return rebuild_year_over_year(store, manifest).tables


def write_extra_table(store: Store, manifest: Manifest, name: str, table: pa.Table) -> None:
    """Replace the whole table ``name`` (one file) and name it in the manifest."""
    if name in TABLES or any(name in p.rows for p in manifest.parts):
        raise ValueError(f"{name}: a table of the records; an extra table needs a name of its own")
    file = f"{manifest.next_id('x')}.parquet"
    _write_file(store.tables_dir / name / file, table)
    old = manifest.extra.get(name)
    manifest.extra[name] = file
    manifest.write(store.root)
    if old:  # only once the manifest names the new file
        (store.tables_dir / name / old).unlink(missing_ok=True)


@contextlib.contextmanager
def table_writer(store: Store) -> Any:
    writer = TableWriter(store)
    try:
        yield writer
    finally:
        writer.close()


def build_tables(store: Store) -> dict[str, int]:
    """Bring the tables of an open ``store`` up to date with its objects (only what is new); row counts."""
    with table_writer(store) as writer:
        writer.open()
        for key, _path in store.record_paths():
            writer.add(key)
        writer.errors_changed = True
        return writer.finish()
