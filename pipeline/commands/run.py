"""``xxgk run INPUT... --out DIR``: a whole corpus into Parquet tables and JSONL."""

from __future__ import annotations

import math
import sys

import click

from ..cli import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE
from ._extras import require_extra


def _limit(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A per-file limit: a finite number >= 0 (0: none)."""
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"{value:g} is not a number >= 0 (0 turns the limit off)", ctx, param)
    return value


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder (created).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
@click.option(
    "--timeout",
    type=float,
    callback=_limit,
    default=120.0,
    show_default=True,
    help="Seconds per file before it fails with reason timeout (0: none).",
)
@click.option(
    "--max-memory",
    type=float,
    callback=_limit,
    default=1024.0,
    show_default=True,
    help="MB of memory per worker before a file fails with reason memory (0: none).",
)
@click.option(
    "--ocr-memory",
    type=float,
    callback=_limit,
    default=1024.0,
    show_default=True,
    help="MB of memory per worker while it reads scanned pages by OCR (the ocr extra; 0: the --max-memory limit).",
)
@click.option(
    "--stages",
    default=None,
    help="Comma-separated stages to run (in data order; each needs the stages it reads from) [default: all]; files already stored are not parsed again.",
)
@click.option("--retry-errors", is_flag=True, help="Process again the files that failed in earlier runs.")
@click.option("--jsonl", is_flag=True, help="Also write DIR/records.jsonl (every record, one per line).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(
    inputs: tuple[str, ...],
    out_dir: str,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    timeout: float,
    max_memory: float,
    ocr_memory: float,
    stages: str | None,
    retry_errors: bool,
    jsonl: bool,
    quiet: bool,
) -> None:
    """Parse every report in INPUT... (files, folders, globs, list files) into DIR.

    \b
    An INPUT is a file, a folder (searched recursively for .txt .md .html .pdf
    .docx .doc), a quoted glob ('reports/**/*.pdf'), or a list file (@paths.txt,
    or a file ending in .list/.lst) naming one input per line.

    \b
    DIR gets one compact record per report keyed by the sha256 of its bytes
    (objects/), Parquet tables (tables/: reports, paragraphs, statements,
    figures, cells, requests, disclosure, appeals, checks, errors ...; each a
    folder of parts, new records appended as new parts), run.json, and with
    --jsonl records.jsonl.  Re-running skips files already done; a run killed
    at any moment resumes where it stopped.  A file that cannot be read, times
    out or exceeds the memory limit is recorded in the errors table with its
    reason and the run goes on.  Scanned PDF pages are read by OCR when the
    ocr extra is installed (a second progress bar counts them; the time limit
    then runs per page).  If DIR cannot be written (disk full), the run
    stops with exit code 3 and no file is blamed: free space and run again.

    \b
    Examples:
      xxgk run reports/ --out out/
      xxgk run 'corpus/**/*.pdf' @more.txt --out out/ --workers 8
      xxgk run reports/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786
      xxgk query out/ "select year, count(*) from reports group by year"
    """
    if engine == "dask":
        require_extra("corpus-dask", "distributed", "--engine dask")
    from ..corpus.inputs import InputError
    from ..corpus.runner import run_corpus
    from ..corpus.store import StoreError, StoreLayoutError, StoreLocked
    from ..options import Options

    names = None if stages is None else tuple(s.strip() for s in stages.split(",") if s.strip())
    if names is not None:
        from ..stages import StageError, plan  # the stage modules: imported only to check a stage list

        try:
            plan(names)
        except StageError as exc:
            raise click.UsageError(str(exc)) from None

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        summary = run_corpus(
            list(inputs),
            out_dir,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            timeout=timeout or None,
            max_memory_mb=max_memory or None,
            retry_errors=retry_errors,
            progress=not quiet,
            options=Options(stages=names, ocr_memory_mb=ocr_memory or None),
            jsonl=jsonl,
        )
    except (InputError, StoreLocked, StoreLayoutError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except StoreError as exc:
        click.echo(f"error: {exc}; what is stored is kept, run again to go on", err=True)
        sys.exit(EXIT_UNREADABLE)
    for line in summary.lines():
        click.echo(line, err=True)
    sys.exit(EXIT_OK)
