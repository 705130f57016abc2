"""Turn a labeller's working file into pointer rows (sha256 + offsets, no text).

Labellers read a report and write what they mark as text, outside the
repository; this module finds each marked text in the report's normalised
text and writes rows that hold only the report path, its sha256 and the
offsets, as ``training_data/*.jsonl`` require.

    python -m pipeline.training.pointers show corpus/pingtan-depts/czj_2020.txt
    python -m pipeline.training.pointers statements /tmp/marked.jsonl out.jsonl
    python -m pipeline.training.pointers paragraphs /tmp/marked.jsonl out.jsonl

A statements working row: ``{"doc", "text", "kind", "category"}`` (rows of
one report in reading order; each text is searched after the previous one).
A paragraphs working row: ``{"doc", "id", "label"}`` with the paragraph id
``show`` prints.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from .data import shared_dir


def _read(doc: str):
    from ..readers import read

    path = shared_dir() / doc
    return read(path), hashlib.sha256(path.read_bytes()).hexdigest()


def _paragraphs(doc):
    from ..paragraphs import split_paragraphs
    from ..sections import segment

    sections, _ = segment(doc.text)
    return split_paragraphs(doc, sections), sections


def show(doc_path: str) -> str:
    doc, _ = _read(doc_path)
    paragraphs, sections = _paragraphs(doc)
    lines = [f"# {doc_path}: {len(doc.text)} chars"]
    lines += [f"section {s.number} [{s.start}:{s.end}] {s.title}" for s in sections]
    for p in paragraphs:
        lines.append(f"\n[{p.id}] section={p.section} [{p.start}:{p.end}]\n{p.text}")
    return "\n".join(lines)


def _jsonl(path: str) -> list[dict]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


def statements(rows: list[dict]) -> list[dict]:
    out: list[dict] = []
    cache: dict[str, tuple[str, str]] = {}
    pos: dict[str, int] = {}
    for r in rows:
        if r["doc"] not in cache:
            doc, digest = _read(r["doc"])
            cache[r["doc"]] = (doc.text, digest)
        text, digest = cache[r["doc"]]
        needle = r["text"]
        i = text.find(needle, pos.get(r["doc"], 0))
        if i < 0:
            i = text.find(needle)
        if i < 0:
            raise SystemExit(f"{r['doc']}: not found: {needle!r}")
        pos[r["doc"]] = i + len(needle)
        row = {"doc": r["doc"], "sha256": digest, "start": i, "end": i + len(needle), "kind": r["kind"]}
        row["category"] = r.get("category") if r["kind"] != "rectification" else None
        row["gold"] = True
        out.append(row)
    return out


def paragraphs(rows: list[dict]) -> list[dict]:
    out: list[dict] = []
    cache: dict[str, tuple[dict, str]] = {}
    for r in rows:
        if r["doc"] not in cache:
            doc, digest = _read(r["doc"])
            cache[r["doc"]] = ({p.id: p for p in _paragraphs(doc)[0]}, digest)
        by_id, digest = cache[r["doc"]]
        p = by_id[r["id"]]
        out.append(
            {
                "doc": r["doc"],
                "sha256": digest,
                "start": p.start,
                "end": p.end,
                "section": p.section,
                "label": r["label"],
                "gold": True,
            }
        )
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["show"]:
        print(show(argv[1]))
        return
    conv = {"statements": statements, "paragraphs": paragraphs}[argv[0]]
    rows = conv(_jsonl(argv[1]))
    Path(argv[2]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {argv[2]}")


if __name__ == "__main__":
    main(sys.argv[1:])
