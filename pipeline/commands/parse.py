"""``xxgk parse FILE``: print one report's record."""

from __future__ import annotations

import sys

import click

from ..cli import EXIT_CHECKS_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE
from ..errors import InternalError, XxgkError
from ..options import Options
from ..parse import parse as parse_file
from ..review.markdown import to_markdown
from ..stages import DEFAULT_STAGES, StageError


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md"]),
    default="json",
    show_default=True,
    help="json: the full record; md: a readable report of tables and checks.",
)
@click.option("--no-text", is_flag=True, help="Leave the normalised text out of the JSON.")
@click.option(
    "--stages",
    default=",".join(DEFAULT_STAGES),
    show_default=True,
    help="Comma-separated stages to run (they run in data order; each needs the stages it reads from).",
)
@click.option("--timeout", type=float, default=None, help="Give up on FILE after this many seconds (error: timeout).")
@click.option("--max-memory", type=float, default=None, help="Give up on FILE past this many MB (error: too_large).")
def parse(file: str, fmt: str, no_text: bool, stages: str, timeout: float | None, max_memory: float | None) -> None:
    """Parse FILE and print its record.

    \b
    Examples:
      xxgk parse report.pdf
      xxgk parse report.html --format md
      xxgk parse report.txt --no-text | jq .tables.requests.new_received
      xxgk parse upload.docx --timeout 10 --max-memory 1024
    """
    from ..limits import limits

    for name, value in (("--timeout", timeout), ("--max-memory", max_memory)):
        if value is not None and not value > 0:
            raise click.UsageError(f"{name} must be a positive number")
    try:
        with limits(file, timeout, max_memory):
            record = parse_file(file, options=Options(stages=tuple(s.strip() for s in stages.split(",") if s.strip())))
    except StageError as exc:
        raise click.UsageError(str(exc)) from None
    except XxgkError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INTERNAL if isinstance(exc, InternalError) else EXIT_UNREADABLE)
    if fmt == "json":
        click.echo(record.to_json(include_text=not no_text))
    else:
        click.echo(to_markdown(record))
    sys.exit(EXIT_CHECKS_FAILED if record.checks_failed else EXIT_OK)
