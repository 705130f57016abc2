"""``xxgk evaluate``: leave-one-document-out scores of the text classifiers."""

from __future__ import annotations

import click


@click.command()
@click.option("--reselect", is_flag=True, help="Also re-run the candidate comparison.")
def evaluate(reselect: bool) -> None:
    """Print per-label precision/recall/F1 and confusion matrices.

    \b
    Paragraph labels, statement kinds and categories, each report predicted
    by a model that never saw it (leave-one-document-out).

    \b
    Example:
      xxgk evaluate
    """
    from ..classify.build import evaluate as run

    click.echo(run(reselect=reselect, log=click.echo))
