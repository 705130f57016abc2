"""``xxgk summarize FILE``: the reviewer summary of one report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli import EXIT_CHECKS_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE
from ..errors import InternalError, XxgkError
from ..parse import parse as parse_file
from ..review.summary import NumberSource, build_summary, source_text
from ..tables.form_labels import cell_label


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Also write a standalone HTML page here.")
@click.option("--sources", is_flag=True, help="List where every number in the summary comes from.")
def summarize(file: str, html_out: str | None, sources: bool) -> None:
    """Print a short Chinese summary of FILE for reviewers.

    \b
    Examples:
      xxgk summarize report.pdf
      xxgk summarize report.txt --sources
      xxgk summarize report.html --html report_summary.html
    """
    try:
        record = parse_file(file)
    except XxgkError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INTERNAL if isinstance(exc, InternalError) else EXIT_UNREADABLE)
    text, srcs = build_summary(record)
    click.echo(text)
    if sources:
        click.echo("\n数字来源:")
        for i, s in enumerate(srcs, 1):
            click.echo(f"  {i:2}. {s.value} ← {_source_line(record.text, s)}")
    if html_out:
        from ..review.html_page import render_html

        try:
            Path(html_out).write_text(render_html(record), encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {html_out}: {exc.strerror or exc}") from None
        click.echo(f"HTML written to {html_out}", err=True)
    sys.exit(EXIT_CHECKS_FAILED if record.checks_failed else EXIT_OK)


def _source_line(text: str, source: NumberSource) -> str:
    """A source readably: 占比 = (a + b) / total × 100%, table cells with their printed labels, text spans quoted."""
    line = source_text(source)
    if source.ref.startswith(("requests.", "appeals.", "disclosure.")):
        keys = source.ref.split("+")
        line += f"（{cell_label(keys[0])}" + (f" 等{len(keys)}项之和）" if len(keys) > 1 else "）")
    if source.start is not None and source.end is not None:
        line += f"，原文[{source.start}:{source.end}]“{text[source.start : source.end]}”"
    return line
