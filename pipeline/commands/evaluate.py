"""``xxgk evaluate``: leave-one-agency-out scores of the classifiers and of statements end to end."""

from __future__ import annotations

import click

from ._extras import require_training


@click.command()
@click.option("--reselect", is_flag=True, help="Also re-run the candidate comparison.")
def evaluate(reselect: bool) -> None:
    """Print per-label precision/recall/F1 and confusion matrices.

    \b
    Paragraph labels, statement kinds and categories, each report predicted
    by a model that never saw any report of that agency
    (leave-one-agency-out); statements scored end to end (found on
    their own, kind, category), also from Fujian to other provinces and
    on held-out written passages.

    \b
    Example:
      xxgk evaluate
    """
    require_training("xxgk evaluate")
    from ..classify.build import evaluate as run

    click.echo(run(reselect=reselect, log=click.echo))
