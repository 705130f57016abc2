"""``xxgk query DIR "SQL"``: SQL over a run's Parquet tables through DuckDB."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from ..cli import EXIT_OK, EXIT_USAGE


def connect(run_dir: str | Path) -> Any:
    """A DuckDB connection with one view per ``DIR/tables/<name>.parquet``."""
    import duckdb

    tables = Path(run_dir) / "tables"
    names = sorted(p.stem for p in tables.glob("*.parquet"))
    if not names:
        raise click.UsageError(f"{run_dir}: no Parquet tables under {tables} (is this an `xxgk run` output folder?)")
    con = duckdb.connect()
    for name in names:
        path = str(tables / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path}')")
    return con


def width(text: str) -> int:
    """Display width in a terminal: CJK wide characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell_text(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() or abs(value) >= 1e-4 else repr(value)
    return str(value)


def format_table(columns: list[str], rows: list[tuple], max_width: int = 60) -> str:
    """Rows as an aligned plain-text table (long cells cut to ``max_width``)."""

    def cut(text: str) -> str:
        text = text.replace("\n", " ")
        if width(text) <= max_width:
            return text
        out, w = "", 0
        for ch in text:
            w += width(ch)
            if w > max_width - 1:
                break
            out += ch
        return out + "…"

    body = [[cut(cell_text(v)) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in body]) for i, c in enumerate(columns)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _jsonable(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


@click.command()
@click.argument("run_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--max-width", type=int, default=60, show_default=True, help="Cut cells wider than this (table format).")
def query(run_dir: str, sql: str, fmt: str, max_width: int) -> None:
    """Run SQL over the Parquet tables of the run folder DIR (DuckDB).

    \b
    Tables: reports, sections, paragraphs, figures, statements, checks, errors,
    cells (every table cell: report_id, table, row, col, value) and one per
    report table (requests, disclosure, appeals) with the same columns.
    Every row carries report_id, the sha256 of the report file.

    \b
    Examples:
      xxgk query out/ "select year, admin_level, count(*) n from reports group by all order by all"
      xxgk query out/ "select r.year, sum(value) from requests q join reports r using (report_id)
                        where q.row = 'new_received' and q.col = 'total' group by all" --format csv
      xxgk query out/ "select id, count(*) from checks where status = 'fail' group by id" --format json
    """
    import duckdb

    con = connect(run_dir)
    try:
        cursor = con.execute(sql)
    except duckdb.Error as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if cursor.description is None:
        sys.exit(EXIT_OK)
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if fmt == "table":
        click.echo(format_table(columns, rows, max_width))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else _jsonable(v) for v in row] for row in rows])
    else:
        records = [{c: _jsonable(v) for c, v in zip(columns, row)} for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=1, default=str))
    sys.exit(EXIT_OK)
