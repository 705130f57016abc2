"""Training data: labels that point into ../shared, plus self-written examples.

``training_data/paragraphs.jsonl`` and ``statements.jsonl`` hold no text:
each row names a report (path under the shared folder), its sha256 and
character offsets into the normalised text.  The loader re-reads the report,
checks the hash and slices the text.  ``written_*.jsonl`` hold examples we
wrote ourselves; they always go to training, never to evaluation.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAINING_DATA = ROOT / "training_data"
WRITTEN = "written"


class DataError(Exception):
    """A label row does not match the report it points into."""


def shared_dir() -> Path:
    return Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))


@dataclass(frozen=True)
class Example:
    text: str
    context: str | None
    label: str
    group: str  # the report it came from, or "written"


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts(rows: list[dict], shared: Path) -> dict[str, str]:
    from ..readers import read

    texts: dict[str, str] = {}
    for r in rows:
        doc = r["doc"]
        if doc in texts:
            continue
        path = shared / doc
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != r["sha256"]:
            raise DataError(f"{path}: sha256 {digest[:12]}… does not match the label file ({r['sha256'][:12]}…)")
        texts[doc] = read(path).text
    return texts


def available(shared: Path | None = None) -> bool:
    shared = shared or shared_dir()
    return (shared / "seeds").is_dir()


def labelled_rows(data: Path, name: str, shared: Path) -> list[dict]:
    """Pointer rows of ``name`` (when the shared folder is present) with the coders' corrections applied.

    ``annotated_<name>`` (written by ``xxgk annotate import``) replaces the row
    of the same span and adds new ones; rows pointing outside the shared
    folder (absolute paths) are used whether or not it is present.
    """
    gold = _rows(data / name) if available(shared) else []
    annotated = [r for r in _rows(data / f"annotated_{name}") if available(shared) or Path(r["doc"]).is_absolute()]
    keyed = {(r["sha256"], r["start"], r["end"]): r for r in gold}
    for r in annotated:
        keyed[(r["sha256"], r["start"], r["end"])] = {k: v for k, v in r.items() if k != "coder"}
    return list(keyed.values())


def paragraph_examples(shared: Path | None = None, data: Path = TRAINING_DATA) -> list[Example]:
    """Labelled paragraphs: real ones (if the shared folder is present), coders' corrections, written ones."""
    shared = shared or shared_dir()
    out: list[Example] = []
    rows = labelled_rows(data, "paragraphs.jsonl", shared)
    if rows:
        texts = _texts(rows, shared)
        contexts = _paragraph_contexts(rows, texts)
        for r, ctx in zip(rows, contexts):
            out.append(Example(texts[r["doc"]][r["start"] : r["end"]], ctx, r["label"], r["doc"]))
    for r in _rows(data / "written_paragraphs.jsonl"):
        # a written paragraph's context is stated with it ("context": where it would sit), else its section
        sec = r.get("section")
        ctx = r.get("context", None if sec is None else str(sec))
        out.append(Example(r["text"], ctx, r["label"], WRITTEN))
    return out


def _paragraph_contexts(rows: list[dict], texts: dict[str, str]) -> list[str]:
    """The inference-time context of every labelled paragraph (rows hold every paragraph of their report)."""
    from ..paragraphs import paragraph_contexts
    from ..sections import section_at, segment

    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_doc.setdefault(r["doc"], []).append(i)
    out: list[str] = [""] * len(rows)
    for doc, idx in by_doc.items():
        idx.sort(key=lambda i: rows[i]["start"])
        sections, _ = segment(texts[doc])
        spans = [(rows[i]["start"], rows[i]["end"], rows[i].get("section", section_at(sections, rows[i]["start"])))
                 for i in idx]  # fmt: skip
        for i, ctx in zip(idx, paragraph_contexts(texts[doc], spans, sections)):
            out[i] = ctx
    return out


def statement_rows(shared: Path | None = None, data: Path = TRAINING_DATA) -> list[dict]:
    """Labelled statements as dicts with text, cue, kind, category and group."""
    shared = shared or shared_dir()
    out: list[dict] = []
    rows = labelled_rows(data, "statements.jsonl", shared)
    if rows:
        texts = _texts(rows, shared)
        for r in rows:
            out.append({**r, "text": texts[r["doc"]][r["start"] : r["end"]], "group": r["doc"]})
    for r in _rows(data / "written_statements.jsonl"):
        out.append({**r, "group": WRITTEN})
    for passage in _rows(data / "written_sections.jsonl"):
        for r in passage["statements"]:
            out.append({**r, "cue": None, "group": WRITTEN})
    return out


def heldout_passages(data: Path = TRAINING_DATA) -> list[dict]:
    """Self-written section-五 passages kept for testing only (never trained on)."""
    return _rows(data / "heldout_sections.jsonl")


def kind_examples(rows: list[dict]) -> list[Example]:
    return [Example(r["text"], r.get("cue"), r["kind"], r["group"]) for r in rows]


def category_examples(rows: list[dict]) -> list[Example]:
    return [Example(r["text"], r["kind"], r["category"], r["group"]) for r in rows if r.get("category")]


def data_hash(data: Path = TRAINING_DATA) -> str:
    """sha256 over the training_data files, to tie a model to its data."""
    h = hashlib.sha256()
    for p in sorted(data.glob("*.jsonl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
