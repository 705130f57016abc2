"""``xxgk train``: rebuild models/ from training_data/."""

from __future__ import annotations

from pathlib import Path

import click

from ._extras import require_training


@click.command()
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Output folder (default: models/).")
@click.option("--reselect", is_flag=True, help="Re-run the leave-one-agency-out candidate comparison (slower).")
def train(out: str | None, reselect: bool) -> None:
    """Train the paragraph, statement-kind and category models.

    \b
    Reads training_data/ (labels pointing into ../shared by sha256 + offsets,
    plus self-written examples) and writes models/*.json and models/card.json.
    Without ../shared only the self-written examples are used.

    \b
    Examples:
      xxgk train
      xxgk train --reselect
    """
    require_training("xxgk train")
    from ..classify import MODELS
    from ..training.build import train as run

    run(Path(out) if out else MODELS, reselect=reselect, log=click.echo)
