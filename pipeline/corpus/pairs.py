"""Year-over-year tables of a corpus run: agencies, duplicates, pairs, reuse, repeats, follow-up, panel.

Built from the stored records at the end of every run that stored something
new (:func:`pipeline.corpus.parts.build_extra_tables` calls
:func:`write_year_over_year`), and on request by ``xxgk pairs``:
one pass over the records collects what pairing needs (agency key, year,
content key) and the panel row of each report; then each consecutive pair is
compared with :func:`pipeline.compare.compare`, loading only its two records.
Memory holds one small reference per report and two records at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..compare import compare
from ..compare.series import ReportRef, consecutive_pairs, distinct, pair_rows, panel_row
from ..record import Record, load

PAIRING_FIELDS = ("source", "meta", "paragraphs", "tables")  # what ReportRef.of, panel_row and content_key read
TABLES = ("agencies", "duplicates", "pairs", "reuse", "repeated_statements", "plan_followup", "panel")
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


def year_over_year(
    records: Iterable[tuple[str, dict[str, Any]]], load_one: Callable[[str], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every year-over-year table from ``(key, record dict)`` pairs; ``load_one(key)`` reads one again."""
    refs: list[ReportRef] = []
    panel: dict[str, dict[str, Any]] = {}
    names: dict[str, str | None] = {}
    for key, data in records:
        try:
            record = _pairing_record(data)
        except (TypeError, KeyError, ValueError):  # not a record (the tables report it as bad_record)
            continue
        refs.append(ReportRef.of(key, record))
        panel[key] = {"key": key, **panel_row(record)}
        names[key] = record.meta.agency
    kept, dropped = distinct(refs)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    out["duplicates"] = [{"kept": a.key, "kept_path": a.path, "duplicate": b.key, "duplicate_path": b.path}
                         for a, b in dropped]  # fmt: skip
    out["panel"] = [panel[r.key] for r in kept if r.agency_key and r.year]
    for old, new in consecutive_pairs(kept):
        try:
            both = load(load_one(old.key)), load(load_one(new.key))
        except (TypeError, KeyError, ValueError):  # a record not whole: no pair with it
            continue
        rows = pair_rows(f"{old.key[:16]}-{new.key[:16]}", compare(*both))
        for table, table_rows in rows.items():
            out[table] += table_rows
    out["agencies"] = _agencies(kept, names)
    return out


def _pairing_record(data: Any) -> Record:
    """The parts of a stored record that pairing, the panel and the agencies read (:mod:`..compare.series`:
    source, meta, tables, paragraph texts): building the whole record (checks and their evidence, cell spans,
    statements ...) for every stored report costs ~10 ms each at the end of every run that stored one."""
    if not isinstance(data, dict):
        raise TypeError(f"a record is a JSON object, not {type(data).__name__}")
    return load({name: data[name] for name in PAIRING_FIELDS if name in data})


def _agencies(kept: list[ReportRef], names: dict[str, str | None]) -> list[dict[str, Any]]:
    by_key: dict[str, list[ReportRef]] = defaultdict(list)
    for ref in kept:
        if ref.agency_key:
            by_key[ref.agency_key].append(ref)
    rows = []
    for agency_key, refs in sorted(by_key.items()):
        latest = max(refs, key=lambda r: (r.year or 0, r.key))
        years = sorted({r.year for r in refs if r.year})
        rows.append({"agency_key": agency_key, "agency": names[latest.key], "reports": len(refs),
                     "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
                     "years": ",".join(map(str, years))})  # fmt: skip
    return rows


def arrow_table(name: str, rows: list[dict[str, Any]]) -> Any:
    """``rows`` as an Arrow table (an empty table keeps its columns)."""
    import pyarrow as pa

    if rows:
        return pa.Table.from_pylist(rows)
    return pa.table({c: pa.array([], pa.string()) for c in EMPTY_COLUMNS[name]})


def write_year_over_year(
    records: Iterable[tuple[str, dict[str, Any]]],
    load_one: Callable[[str], dict[str, Any]],
    write: Callable[[str, Any], None],
) -> dict[str, list[dict[str, Any]]]:
    """Build every year-over-year table and hand each to ``write(name, arrow table)``; return the rows."""
    tables = year_over_year(records, load_one)
    for name, rows in tables.items():
        write(name, arrow_table(name, rows))
    return tables
