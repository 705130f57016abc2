"""The year-over-year step of a run: update the tables of :mod:`.pairs` from the index, or rebuild them.

:func:`update_year_over_year` (the end of every run that stored something
new) reads the index (:mod:`.yoy_index`), lists the stored record keys, takes
the entries of the records the index does not have (made by the run's table
builder, which read those records anyway, or read here) and drops the entries
of records no longer stored (xxgk never deletes a record, not even when its
input is deleted: only a hand-removed object file does that), then writes
every table and the new index and names them all in one manifest write.  Without a usable index (a folder written before it, or by
an xxgk that dropped it from the manifest, or tables other than the ones the
index was built with) it does :func:`rebuild_year_over_year`, what
``xxgk pairs`` does: every record read, every pair compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from . import pairs, yoy_index
from .compact import decode_value
from .store import Store, write_parquet


class Manifest(Protocol):
    """What this module uses of :class:`.parts.Manifest` (imported from there, it would close a cycle)."""

    extra: dict[str, str]
    index: dict[str, Any]

    def next_id(self, prefix: str = "p") -> str: ...

    def write(self, root: Path) -> None: ...


class _Loader:
    """Reads one stored record (as a dict) by key, counting the records read."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0

    def __call__(self, key: str) -> dict[str, Any]:
        self.count += 1
        path = self.store.record_path(key)
        return decode_value((path if path.exists() else self.store.legacy_record_path(key)).read_bytes())


Known = dict[str, pairs.NewEntry]  # entries the table builder made from the records it read: not read again


def _new_entries(keys: list[str], known: Known, load_one: _Loader) -> Iterator[pairs.NewEntry]:
    for key in keys:
        yield known[key] if key in known else pairs.entry_of(key, load_one(key))


def rebuild_year_over_year(store: Store, manifest: Manifest, known: Known | None = None) -> pairs.Result:
    """Every table and the index from every stored record (the full rebuild; also the repair path)."""
    load_one = _Loader(store)
    keys = [key for key, _path in store.record_paths()]
    result = pairs.update(pairs.Previous.empty(), _new_entries(keys, known or {}, load_one), set(), load_one)
    write(store, manifest, result, load_one.count)
    return result


def update_year_over_year(store: Store, manifest: Manifest, known: Known | None = None) -> pairs.Result:
    """The tables and index after the records stored since the last build (a rebuild without a usable index).

    ``known``: index entries of new records made by whoever read them already (the table builder)."""
    previous = read_previous(store, manifest)
    if previous is None:
        return rebuild_year_over_year(store, manifest, known)
    stored = store.record_key_set()
    new = sorted(stored - previous.entries.keys())
    removed = previous.entries.keys() - stored
    load_one = _Loader(store)
    result = pairs.update(previous, _new_entries(new, known or {}, load_one), set(removed), load_one)
    write(store, manifest, result, load_one.count)
    return result


def read_previous(store: Store, manifest: Manifest) -> pairs.Previous | None:
    """The index and table rows of the last build, or None when there is no index this code can trust."""
    index = manifest.index
    if index.get("layout") != yoy_index.LAYOUT or index.get("tables") != _built_with(manifest):
        return None
    try:
        entries = yoy_index.read(store.tables_dir / yoy_index.FOLDER / index["file"])
    except (OSError, ValueError, KeyError):  # pyarrow's ArrowInvalid is a ValueError
        return None

    def table(name: str) -> Any:
        import pyarrow.parquet as pq

        return pq.read_table(store.tables_dir / name / manifest.extra[name])

    return pairs.Previous(entries, table)


def _built_with(manifest: Manifest) -> dict[str, str | None]:
    return {name: manifest.extra.get(name) for name in pairs.TABLES}


def write(store: Store, manifest: Manifest, result: pairs.Result, records_read: int) -> None:
    """Write every table and the index, name them all in one manifest write (with what the build cost:
    entries added, pairs compared, records read from the store), then remove the files replaced."""
    old: list[Path] = []
    for name in pairs.TABLES:
        file = f"{manifest.next_id('x')}.parquet"
        write_parquet(store.tables_dir / name / file, result.tables[name])
        if name in manifest.extra:
            old.append(store.tables_dir / name / manifest.extra[name])
        manifest.extra[name] = file
    file = f"{manifest.next_id('i')}.parquet"
    write_parquet(store.tables_dir / yoy_index.FOLDER / file, yoy_index.to_table(result.entries))
    if manifest.index.get("file"):
        old.append(store.tables_dir / yoy_index.FOLDER / manifest.index["file"])
    cost = {"entries": result.read, "compared": result.compared, "records_read": records_read}
    manifest.index = {"file": file, "layout": yoy_index.LAYOUT, "tables": _built_with(manifest), "built": cost}
    manifest.write(store.root)
    for path in old:  # only once the manifest names the new files
        path.unlink(missing_ok=True)
