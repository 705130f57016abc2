"""Corrected items back into training data, as pointers: report sha256 + offsets, never the text.

An item is taken only when its report is still the one it was exported from:
the file at its path has the same sha256 and the paragraph text there still
has the same sha256.  Anything else is refused with the reason.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..classify import CATEGORIES, KINDS, PARAGRAPH_LABELS
from .formats import Coded

PARAGRAPHS = "annotated_paragraphs.jsonl"
STATEMENTS = "annotated_statements.jsonl"


@dataclass
class Imported:
    paragraphs: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (item id, reason)


def _doc_name(path: Path, shared: Path) -> str:
    """The report as training data names it: relative to the shared folder when inside it."""
    try:
        return path.resolve().relative_to(shared.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _problem(item: Coded, texts: dict[str, str | None]) -> str | None:
    """Why ``item`` cannot be imported, or None."""
    from ..readers import read

    path = Path(item.path)
    if item.path not in texts:
        if not path.is_file():
            texts[item.path] = None
        else:
            same = hashlib.sha256(path.read_bytes()).hexdigest() == item.sha256
            texts[item.path] = read(path).text if same else ""
    text = texts[item.path]
    if text is None:
        return f"report not found at {item.path}"
    if text == "":
        return f"report changed since the export (sha256 of {item.path} differs)"
    if hashlib.sha256(text[item.start : item.end].encode("utf-8")).hexdigest() != item.text_sha256:
        return "paragraph text changed (the reader reads the report differently now)"
    if item.label is not None and item.label not in PARAGRAPH_LABELS:
        return f"unknown paragraph label {item.label!r}"
    for s in item.spans:
        if s.kind not in KINDS or (s.category is not None and s.category not in CATEGORIES):
            return f"unknown statement label {s.kind}:{s.category}"
        if not 0 <= s.start < s.end <= item.end - item.start:
            return f"statement offsets {s.start}-{s.end} outside the paragraph"
    return None


def to_pointers(items: list[Coded], shared: Path, coder: str) -> Imported:
    """Rows for ``annotated_paragraphs.jsonl`` and ``annotated_statements.jsonl``."""
    out = Imported()
    texts: dict[str, str | None] = {}
    for item in items:
        problem = _problem(item, texts)
        if problem:
            out.refused.append((item.id, problem))
            continue
        base = {"doc": _doc_name(Path(item.path), shared), "sha256": item.sha256}
        if item.label:
            out.paragraphs.append({**base, "start": item.start, "end": item.end, "label": item.label, "coder": coder})
        for s in item.spans:
            out.statements.append({**base, "start": item.start + s.start, "end": item.start + s.end, "kind": s.kind,
                                   "category": s.category if s.kind != "rectification" else None, "coder": coder})  # fmt: skip
    return out


def merge_into(folder: Path, imported: Imported) -> tuple[int, int]:
    """Add the rows to the annotation files in ``folder``; a later row for the same span replaces an earlier one."""
    counts = []
    for name, rows in ((PARAGRAPHS, imported.paragraphs), (STATEMENTS, imported.statements)):
        path = folder / name
        old = (
            [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] if path.exists() else []
        )
        keyed = {(r["sha256"], r["start"], r["end"]): r for r in [*old, *rows]}
        lines = [json.dumps(r, ensure_ascii=False) for r in keyed.values()]
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
        tmp.replace(path)
        counts.append(len(rows))
    return counts[0], counts[1]
