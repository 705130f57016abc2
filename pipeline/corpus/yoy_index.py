"""The year-over-year index: one row per stored report with what pairing needs, so a run reads only new records.

``DIR/tables/_yoy/<id>.parquet``, named in the manifest (``Manifest.index``)
with its layout and the files of the year-over-year tables it was built with.
Columns: ``key``, ``path``, ``format``, ``agency_key``, ``year``, ``content``
(:func:`pipeline.compare.series.content_key`; null for a stored record that is
not a record) and ``agency`` (the name the agencies table shows).  The panel
rows are not in it: the panel table holds those of the kept reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..compare.series import ReportRef
from .pairs import Entry

LAYOUT = 1  # a manifest naming an index of another layout gets a full rebuild
FOLDER = "_yoy"
COLUMNS = ("key", "path", "format", "agency_key", "year", "content", "agency")


def to_table(entries: dict[str, Entry]) -> Any:
    """The index as an Arrow table, sorted by key."""
    import pyarrow as pa

    rows = [entries[k] for k in sorted(entries)]
    refs = [e.ref for e in rows]
    return pa.table(
        {
            "key": pa.array([e.key for e in rows], pa.string()),
            "path": pa.array([r.path if r else None for r in refs], pa.string()),
            "format": pa.array([r.format if r else None for r in refs], pa.string()),
            "agency_key": pa.array([r.agency_key if r else None for r in refs], pa.string()),
            "year": pa.array([r.year if r else None for r in refs], pa.int64()),
            "content": pa.array([r.content if r else None for r in refs], pa.string()),
            "agency": pa.array([e.agency for e in rows], pa.string()),
        }
    )


def read(path: Path) -> dict[str, Entry]:
    """The entries of an index file (a file without the index columns raises ValueError)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    if tuple(table.column_names) != COLUMNS:
        raise ValueError(f"{path}: not a year-over-year index of layout {LAYOUT}")
    cols = [table.column(c).to_pylist() for c in COLUMNS]
    entries = {}
    for key, path_, fmt, agency_key, year, content, agency in zip(*cols, strict=True):
        ref = None if content is None else ReportRef(key, path_, fmt, agency_key, year, content)
        entries[key] = Entry(key, ref, agency)
    return entries
