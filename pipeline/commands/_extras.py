"""Commands that need a pip extra check for it first and exit with a usage error naming it."""

from __future__ import annotations

import sys

import click

from ..cli import EXIT_USAGE
from ..extras import MissingExtra, require


def require_extra(extra: str, module: str, feature: str) -> None:
    """Exit with code 2 and the install command when ``module`` (from the pip extra ``extra``) is missing."""
    try:
        require(extra, module, feature)
    except MissingExtra as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def require_training(feature: str) -> None:
    """:func:`require_extra` for scikit-learn (the ``train`` extra)."""
    require_extra("train", "sklearn", feature)
