"""``xxgk pairs DIR``: year-over-year tables of a run, and the agency × year panel."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import click

from ..cli import EXIT_OK, EXIT_USAGE


@click.command()
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False), help="Write the panel (agency × year) as CSV.")
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False), help="Write the panel as an Excel workbook.")
def pairs(run_dir: str, csv_out: str | None, xlsx_out: str | None) -> None:
    """Compare every agency's consecutive years in the run folder RUN_DIR.

    `xxgk run` builds the tables agencies, duplicates (the same report in two
    files), pairs, reuse, repeated_statements, plan_followup and panel at the
    end of every run that stored something new (from an index, reading only
    the new records); this command rebuilds them and the index from every
    record (the repair path) and exports the panel (one row per agency and year).

    \b
    Examples:
      xxgk pairs out/
      xxgk pairs out/ --csv panel.csv --xlsx panel.xlsx
      xxgk query out/ "SELECT agency_key, new_year, section5_reuse_share FROM pairs ORDER BY 3 DESC"
    """
    from ..corpus.parts import Manifest, write_year_over_year
    from ..corpus.store import Store

    if not (Path(run_dir) / "objects").is_dir():
        click.echo(f"error: {run_dir} holds no stored records (is it an `xxgk run` output folder?)", err=True)
        sys.exit(EXIT_USAGE)
    with Store(run_dir) as store:
        manifest = Manifest.read(store.root)
        if manifest is None:
            click.echo(f"error: {run_dir} has tables of an older layout: run `xxgk run` on it once first", err=True)
            sys.exit(EXIT_USAGE)
        tables = write_year_over_year(store, manifest)
    click.echo(", ".join(f"{name}: {table.num_rows}" for name, table in tables.items()))
    panel = tables["panel"].to_pylist() if csv_out or xlsx_out else []
    if csv_out:
        write_csv(panel, Path(csv_out))
    if xlsx_out:
        write_xlsx(panel, Path(xlsx_out))
    sys.exit(EXIT_OK)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for row in rows for k in row))


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """The panel as UTF-8 CSV with a byte order mark, so spreadsheet programs read the Chinese right."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=_columns(rows))
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    """The panel as one Excel sheet (needs the ``excel`` extra: openpyxl)."""
    from ._extras import require_extra

    require_extra("excel", "openpyxl", "xxgk pairs --xlsx")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("panel")
    columns = _columns(rows)
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns])
    book.save(path)
