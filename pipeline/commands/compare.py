"""``xxgk compare OLD NEW``: one agency's report against its previous year's."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from ..cli import EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE
from ..errors import InternalError, XxgkError
from ..parse import parse as parse_file


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of printing.")
def compare(old: str, new: str, fmt: str, out: str | None) -> None:
    """Compare NEW with OLD, the same agency's report of the year before.

    Carry-over of requests and of rules and documents in force, the share of
    each section already in OLD (with every reused stretch's offsets), problems
    and plans stated again, and OLD's plans followed up by NEW's rectifications.

    \b
    Examples:
      xxgk compare report_2023.pdf report_2024.pdf
      xxgk compare 2023.txt 2024.txt --format json | jq .plans_followed
      xxgk compare 2023.docx 2024.docx --format html --out pair.html
    """
    from ..compare import compare as compare_records
    from ..compare.view import to_html, to_markdown

    try:
        comparison = compare_records(parse_file(old), parse_file(new))
    except XxgkError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INTERNAL if isinstance(exc, InternalError) else EXIT_UNREADABLE)
    if fmt == "json":
        text = orjson.dumps(comparison.to_dict(), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    else:
        text = to_html(comparison) if fmt == "html" else to_markdown(comparison)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"written to {out}", err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_OK)
