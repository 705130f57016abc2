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

# Set before anything runs: no extension is installed or loaded behind the user's back.
_NO_EXTENSIONS = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}


def connect(run_dir: str | Path, allow_files: bool = False) -> Any:
    """A DuckDB connection with one table per table of the run folder (its Parquet parts).

    Locked by default: the tables are Arrow datasets handed to DuckDB, then
    ``enable_external_access`` is turned off and the configuration locked, so
    SQL reads and writes no file (not even the tables' own), attaches no
    database and installs or loads no extension.  ``allow_files`` gives views
    over ``read_parquet`` and an unlocked connection instead.
    """
    import duckdb

    from ..corpus.parts import table_files

    files = table_files(run_dir)
    if not files:
        tables = Path(run_dir) / "tables"
        raise click.UsageError(f"{run_dir}: no Parquet tables under {tables} (is this an `xxgk run` output folder?)")
    if allow_files:
        con = duckdb.connect()
        for name, paths in files.items():
            listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
            con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet([{listed}], union_by_name=true)')
        return con
    import pyarrow.dataset as ds

    con = duckdb.connect(config=_NO_EXTENSIONS)
    for name, paths in files.items():
        con.register(name, ds.dataset([str(p) for p in paths], format="parquet"))
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
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
@click.option(
    "--allow-files",
    is_flag=True,
    help="Let the SQL read and write files, attach databases and load extensions (off: only the run's tables).",
)
def query(run_dir: str, sql: str, fmt: str, max_width: int, allow_files: bool) -> None:
    """Run SQL over the Parquet tables of the run folder DIR (DuckDB).

    \b
    Tables: reports, sections, paragraphs, figures, statements, checks, errors,
    cells (every table cell: report_id, table, row, col, value) and one per
    report table (requests, disclosure, appeals) with the same columns.
    Every row carries report_id, the sha256 of the report file.  The SQL sees
    only these tables: no other file, database or extension, unless
    --allow-files.

    \b
    Examples:
      xxgk query out/ "select year, admin_level, count(*) n from reports group by all order by all"
      xxgk query out/ "select r.year, sum(value) from requests q join reports r using (report_id)
                        where q.row = 'new_received' and q.col = 'total' group by all" --format csv
      xxgk query out/ "select id, count(*) from checks where status = 'fail' group by id" --format json
    """
    import duckdb

    con = connect(run_dir, allow_files)
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
