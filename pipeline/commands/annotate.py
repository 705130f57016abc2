"""``xxgk annotate export|import``: pre-annotated items for coders, and their corrections back as training data."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..cli import EXIT_OK, EXIT_USAGE

FORMATS = ("labelstudio", "doccano", "spacy")


@click.group()
def annotate() -> None:
    """Export paragraphs and statements for coding, and import the corrected file.

    \b
    Examples:
      xxgk annotate export coding/ out/ --to labelstudio --limit 200
      xxgk annotate export coding/ report1.pdf report2.docx --to doccano
      xxgk annotate import coding/corrected.json --coder zhang
    """


def _records(inputs: tuple[str, ...]) -> Iterator[object]:
    """Records of a run folder's store, or of files parsed now."""
    from ..corpus.store import Store
    from ..errors import XxgkError
    from ..parse import parse
    from ..record import load

    for name in inputs:
        path = Path(name)
        if path.is_dir() and (path / "objects").is_dir():
            for _key, data in Store(path).iter_records():
                yield load(data)
        elif path.is_file():
            try:
                yield parse(path.resolve())
            except XxgkError as exc:
                click.echo(f"skipped: {exc}", err=True)
        else:
            raise click.UsageError(f"{name}: neither a file nor an `xxgk run` output folder")


@annotate.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True, help="The annotation tool.")
@click.option("--limit", type=int, default=None, help="Only the N least confident items.")
def export(out_dir: str, inputs: tuple[str, ...], fmt: str, limit: int | None) -> None:
    """Write the items of INPUTS (files, or a run folder) to OUT_DIR, least confident first."""
    from ..annotate.formats import labelstudio_config, to_doccano, to_labelstudio, to_spacy
    from ..annotate.items import items_of, queue

    items = queue([it for record in _records(inputs) for it in items_of(record)])[:limit]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "labelstudio":
        (out / "tasks.json").write_text(
            json.dumps(to_labelstudio(items), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        (out / "label_config.xml").write_text(labelstudio_config(), encoding="utf-8")
        written = "tasks.json, label_config.xml"
    elif fmt == "doccano":
        (out / "items.jsonl").write_text(to_doccano(items), encoding="utf-8")
        written = "items.jsonl"
    else:
        from ._extras import require_extra

        require_extra("spacy", "spacy", "annotate export --to spacy")
        (out / "items.spacy").write_bytes(to_spacy(items))
        written = "items.spacy"
    click.echo(f"{len(items)} items to {out}: {written}")
    sys.exit(EXIT_OK)


def read_coded(path: Path) -> list:
    """Coded items from a Label Studio JSON, doccano JSONL or spaCy DocBin file."""
    from ..annotate.formats import from_doccano, from_labelstudio, from_spacy

    if path.suffix == ".spacy":
        return from_spacy(path.read_bytes())
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return from_labelstudio(json.loads(text))
    return from_doccano(text)


@annotate.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--coder", default="coder", show_default=True, help="Who coded the file (kept with every row).")
@click.option("--into", type=click.Path(file_okay=False), default=None, help="Training data folder [training_data/].")
def import_(file: str, coder: str, into: str | None) -> None:
    """Read a corrected export back into training data as pointers (sha256 + offsets)."""
    from ..annotate.pointers import merge_into, to_pointers
    from ..training.data import TRAINING_DATA, shared_dir

    try:
        coded = read_coded(Path(file))
    except (ValueError, KeyError) as exc:
        click.echo(f"error: {file} is not an export of `xxgk annotate export` ({exc})", err=True)
        sys.exit(EXIT_USAGE)
    imported = to_pointers(coded, shared_dir(), coder)
    for item, reason in imported.refused:
        click.echo(f"refused {item}: {reason}", err=True)
    paragraphs, statements = merge_into(Path(into) if into else TRAINING_DATA, imported)
    click.echo(
        f"{paragraphs} paragraph labels and {statements} statements imported; {len(imported.refused)} items refused"
    )
    sys.exit(EXIT_OK)


import_.name = "import"
