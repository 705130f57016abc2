"""Year-over-year tables of a corpus run: agencies, duplicates, pairs, reuse, repeats, follow-up, panel.

Built at the end of every run that stored something new
(:func:`pipeline.corpus.parts.build_extra_tables`) and on request by ``xxgk pairs``.
:func:`update` takes what the previous build left (:class:`Previous`: the
index of every stored report's pairing fields, :mod:`.yoy_index`, and the
tables) and the records new since then, so a run reads only its new
records and compares only the consecutive pairs that are new: a pair of two
reports that stay kept compares the same two records as before, so its rows
are kept.  A full rebuild is :func:`update` from :meth:`Previous.empty`; both
give the same rows in the same order (:func:`sort_tables`).
Memory holds one small reference per report, the tables (Arrow) and two records at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..compare import compare
from ..compare.series import ReportRef, consecutive_pairs, distinct, pair_rows, panel_row
from ..record import Record, load

PAIRING_FIELDS = ("source", "meta", "paragraphs", "tables")  # what ReportRef.of, panel_row and content_key read
TABLES = ("agencies", "duplicates", "pairs", "reuse", "repeated_statements", "plan_followup", "panel")
PAIR_TABLES = ("pairs", "reuse", "repeated_statements", "plan_followup")  # rows of one comparison each
PANEL_HEAD = ("key", "agency_key", "agency", "year", "path", "format_version")  # the panel's first columns
# Columns an empty table still has (a table with rows takes its columns from them).
EMPTY_COLUMNS = {
    "agencies": ("agency_key", "agency", "reports", "first_year", "last_year", "years"),
    "duplicates": ("kept", "kept_path", "duplicate", "duplicate_path"),
    "pairs": ("pair_id", "agency_key", "old_path", "new_path", "old_year", "new_year", "reuse_share",
              "section5_reuse_share", "repeated_statements", "plans", "plans_followed"),
    "reuse": ("pair_id", "section", "chars", "reused_chars", "share"),
    "repeated_statements": ("pair_id", "match", "score", "kind", "category", "old_statement", "new_statement",
                            "old_text", "new_text"),
    "plan_followup": ("pair_id", "plan", "category", "followed", "score", "plan_text", "rectification",
                      "rectification_text"),
    "panel": ("key", "agency_key", "agency", "year", "path"),
}  # fmt: skip

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    """One stored report as the index keeps it: its pairing reference (None: not a record) and agency name."""

    key: str
    ref: ReportRef | None
    agency: str | None = None


NewEntry = tuple[Entry, dict[str, Any] | None]  # a report's index entry and its panel row (:func:`entry_of`)


@dataclass
class Previous:
    """What the last build left: the index entries and a reader of each stored table (None: none)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    table: Callable[[str], Any] = lambda _name: None

    @classmethod
    def empty(cls) -> Previous:
        return cls()


@dataclass
class Result:
    """The index entries after this build, every table (Arrow), and what it cost."""

    entries: dict[str, Entry]
    tables: dict[str, Any]
    compared: int = 0  # pairs compared (the rest kept from the previous tables)
    read: int = 0  # new entries taken and records read again


def pair_id(old: ReportRef, new: ReportRef) -> str:
    return f"{old.key[:16]}-{new.key[:16]}"


def entry_of(key: str, data: Any) -> NewEntry:
    """The index entry of a stored record and its panel row (an entry without a reference if not a record)."""
    try:
        record = _pairing_record(data)
    except (TypeError, KeyError, ValueError):  # not a record (the tables report it as bad_record)
        return Entry(key, None), None
    return Entry(key, ReportRef.of(key, record), record.meta.agency), {"key": key, **panel_row(record)}


def year_over_year(
    records: Iterable[tuple[str, dict[str, Any]]], load_one: Callable[[str], dict[str, Any]]
) -> dict[str, Rows]:
    """Rows of every year-over-year table from ``(key, record dict)`` pairs; ``load_one(key)`` reads one again."""
    tables = update(Previous.empty(), (entry_of(key, data) for key, data in records), set(), load_one).tables
    return {name: table.to_pylist() for name, table in tables.items()}


def update(
    previous: Previous,
    new_entries: Iterable[NewEntry],
    removed: set[str],
    load_one: Callable[[str], dict[str, Any]],
) -> Result:
    """The tables after adding the reports of ``new_entries`` (:func:`entry_of` of each new record) and
    dropping the reports ``removed`` from ``previous``."""
    entries = {k: e for k, e in previous.entries.items() if k not in removed}
    panels: dict[str, dict[str, Any]] = {}
    read = 0
    for entry, row in new_entries:
        entries[entry.key] = entry
        read += 1
        if row is not None:
            panels[entry.key] = row
    kept, dropped = distinct(e.ref for e in entries.values() if e.ref)
    was_kept = distinct(e.ref for e in previous.entries.values() if e.ref)[0] if previous.entries else []
    new: dict[str, Rows] = {name: [] for name in TABLES}
    new["duplicates"] = [{"kept": a.key, "kept_path": a.path, "duplicate": b.key, "duplicate_path": b.path}
                         for a, b in dropped]  # fmt: skip
    new["agencies"] = _agencies(kept, entries)
    keep_panel, new["panel"], extra_reads = _panel(kept, was_kept, panels, load_one)
    keep_pairs, compared = _pairs(kept, was_kept, load_one, new)
    keep = {"panel": ("key", keep_panel), **{name: ("pair_id", keep_pairs) for name in PAIR_TABLES}}
    tables = {}
    for name in TABLES:
        column, keys = keep.get(name, ("", set()))
        tables[name] = _assemble(name, previous.table(name) if keys else None, column, keys, new[name])
    return Result(entries, sort_tables(tables), compared, read + extra_reads)


def _panel(
    kept: list[ReportRef],
    was_kept: list[ReportRef],
    panels: dict[str, dict[str, Any]],
    load_one: Callable[[str], dict[str, Any]],
) -> tuple[set[str], Rows, int]:
    """The panel (a row per kept report with agency and year): the keys whose rows the last panel has, the
    new rows (read again for a report that was a duplicate and is kept now, when its twin is removed)."""
    before = {r.key for r in was_kept}
    keep, rows, reads = set(), [], 0
    for ref in kept:
        if not (ref.agency_key and ref.year):
            continue
        if ref.key in panels:
            rows.append(panels[ref.key])
        elif ref.key in before:
            keep.add(ref.key)
        else:
            row = entry_of(ref.key, load_one(ref.key))[1]
            reads += 1
            if row is not None:
                rows.append(row)
    return keep, rows, reads


def _pairs(
    kept: list[ReportRef], was_kept: list[ReportRef], load_one: Callable[[str], dict[str, Any]], out: dict[str, Rows]
) -> tuple[set[str], int]:
    """The ids of the pairs whose rows the last tables have (both reports paired then); the rows of the
    other pairs, compared now, into ``out``; the number compared."""
    known = {(o.key, n.key) for o, n in consecutive_pairs(was_kept)}
    keep: set[str] = set()
    compared = 0
    for old, new in consecutive_pairs(kept):
        if (old.key, new.key) in known:
            keep.add(pair_id(old, new))
            continue
        compared += 1
        try:
            both = load(load_one(old.key)), load(load_one(new.key))
        except (TypeError, KeyError, ValueError):  # a record not whole: no pair with it
            continue
        for table, table_rows in pair_rows(pair_id(old, new), compare(*both)).items():
            out[table] += table_rows
    return keep, compared


def _assemble(name: str, old: Any, column: str, keys: set[str], rows: Rows) -> Any:
    """The rows of ``old`` whose ``column`` is in ``keys`` and the new ``rows``, as one Arrow table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = [arrow_table(name, rows)] if rows else []
    if old is not None and keys:
        kept = old.filter(pc.is_in(old.column(column), value_set=pa.array(sorted(keys), pa.string())))
        if kept.num_rows:
            parts.insert(0, kept)
    if not parts:
        return arrow_table(name, [])
    table = pa.concat_tables(parts, promote_options="permissive") if len(parts) > 1 else parts[0]
    order = columns(name, [dict.fromkeys(table.column_names)])
    return table.select(order) if order != table.column_names else table


SORT = {"agencies": ("agency_key",), "duplicates": ("kept", "duplicate"), "panel": ("key",),
        "pairs": ("agency_key", "new_year", "pair_id")}  # fmt: skip


def sort_tables(tables: dict[str, Any]) -> dict[str, Any]:
    """The one order of every table, whatever order its rows were built in: agencies by agency key,
    duplicates by (kept, duplicate), panel by key, pairs by (agency key, new year, pair id) and the rows
    of one pair in the other pair tables in the pairs' order (each pair's own rows in the order compared:
    Arrow's sort is stable)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = {name: t.sort_by([(c, "ascending") for c in SORT[name]]) if name in SORT and t.num_rows else t
           for name, t in tables.items()}  # fmt: skip
    rank = {pid: i for i, pid in enumerate(out["pairs"].column("pair_id").to_pylist())}
    for name in PAIR_TABLES[1:]:
        if out[name].num_rows:
            ranks = pa.array([rank.get(p, len(rank)) for p in out[name].column("pair_id").to_pylist()])
            out[name] = out[name].take(pc.sort_indices(ranks))
    return out


def _pairing_record(data: Any) -> Record:
    """The parts of a stored record that pairing, the panel and the agencies read (:mod:`..compare.series`:
    source, meta, tables, paragraph texts): building the whole record (checks and their evidence, cell spans,
    statements ...) for every stored report costs ~10 ms each at the end of every run that stored one."""
    if not isinstance(data, dict):
        raise TypeError(f"a record is a JSON object, not {type(data).__name__}")
    return load({name: data[name] for name in PAIRING_FIELDS if name in data})


def _agencies(kept: list[ReportRef], entries: dict[str, Entry]) -> Rows:
    by_key: dict[str, list[ReportRef]] = defaultdict(list)
    for ref in kept:
        if ref.agency_key:
            by_key[ref.agency_key].append(ref)
    rows = []
    for agency_key, refs in sorted(by_key.items()):
        latest = max(refs, key=lambda r: (r.year or 0, r.key))
        years = sorted({r.year for r in refs if r.year})
        rows.append({"agency_key": agency_key, "agency": entries[latest.key].agency, "reports": len(refs),
                     "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
                     "years": ",".join(map(str, years))})  # fmt: skip
    return rows


def columns(name: str, rows: Iterable[dict[str, Any]]) -> list[str]:
    """The columns of table ``name``: every key of its rows in order of first appearance; the panel's
    fixed columns first and its table cells after, sorted, so the column set and order do not depend on
    which row comes first."""
    seen = list(dict.fromkeys(k for row in rows for k in row))
    if name != "panel":
        return seen
    head = [c for c in PANEL_HEAD if c in seen]
    derived = [c for c in seen if c not in PANEL_HEAD and "." not in c]  # shares and rates, in panel_row's order
    return head + derived + sorted(c for c in seen if "." in c and c not in PANEL_HEAD)


def arrow_table(name: str, rows: Rows) -> Any:
    """``rows`` as an Arrow table (an empty table keeps its columns)."""
    import pyarrow as pa

    if rows:
        return pa.table({c: pa.array([row.get(c) for row in rows]) for c in columns(name, rows)})
    return pa.table({c: pa.array([], pa.string()) for c in EMPTY_COLUMNS[name]})
