"""``xxgk codebook``: every variable, label and category with its meaning, and the models' scores."""

from __future__ import annotations

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
def codebook(fmt: str) -> None:
    """Print the codebook a methods section cites.

    \b
    Examples:
      xxgk codebook > CODEBOOK.md
      xxgk codebook --format html > codebook.html
    """
    from ..codebook import codebook as build
    from ..codebook import to_html, to_markdown

    book = build()
    click.echo(to_html(book) if fmt == "html" else to_markdown(book), nl=False)
