"""Items to and from the files of annotation tools: Label Studio, doccano, spaCy.

Every exported item carries the report's sha256, its path, the paragraph's
offsets in the record text and the sha256 of the paragraph text, so a
corrected file can be read back as pointers (:mod:`.pointers`).

- Label Studio: a JSON list of tasks (``data`` + ``predictions``), with the
  labelling config (:func:`labelstudio_config`) to create the project from;
  statements are ``labels`` regions (the kind) with a per-region ``choices``
  (the category); the paragraph label is a ``choices`` over the text.
- doccano: JSONL in its "intent detection and slot filling" form:
  ``{"text", "entities": [[start, end, "kind:category"]], "cats": [label]}``.
- spaCy: a DocBin of ``spacy.blank("zh")`` docs, the paragraph label in
  ``doc.cats``, statements in ``doc.spans["statements"]`` labelled
  ``kind:category``, the pointers in ``doc.user_data``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..classify import CATEGORIES, KINDS, PARAGRAPH_LABELS
from .items import Item, StatementSpan

MODEL_VERSION = "xxgk"


@dataclass
class Coded:
    """What a coder (or the model) decided for one item."""

    sha256: str
    path: str
    start: int
    end: int
    text_sha256: str
    label: str | None
    spans: list[StatementSpan] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.sha256[:16]}:{self.start}-{self.end}"


def _meta(item: Item) -> dict[str, Any]:
    return {"sha256": item.sha256, "path": item.path, "start": item.start, "end": item.end,
            "text_sha256": item.text_sha256, "item": item.id, "confidence": round(item.confidence, 4)}  # fmt: skip


def _span_label(span: StatementSpan) -> str:
    return f"{span.kind}:{span.category}" if span.category else span.kind


def _parse_span_label(label: str) -> tuple[str, str | None]:
    kind, _, category = label.partition(":")
    return kind, category or None


# -- Label Studio ----------------------------------------------------------------


def labelstudio_config() -> str:
    """The labelling interface the exported tasks are made for."""
    choice = "".join(f'<Choice value="{x}"/>' for x in PARAGRAPH_LABELS)
    kinds = "".join(f'<Label value="{x}"/>' for x in KINDS)
    cats = "".join(f'<Choice value="{x}"/>' for x in CATEGORIES)
    return (
        '<View>\n  <Text name="text" value="$text"/>\n'
        f'  <Choices name="paragraph" toName="text" choice="single" showInline="true">{choice}</Choices>\n'
        f'  <Labels name="kind" toName="text">{kinds}</Labels>\n'
        f'  <Choices name="category" toName="text" perRegion="true" choice="single">{cats}</Choices>\n</View>\n'
    )


def to_labelstudio(items: list[Item]) -> list[dict[str, Any]]:
    tasks = []
    for item in items:
        result: list[dict[str, Any]] = []
        if item.label:
            result.append({"id": "p", "from_name": "paragraph", "to_name": "text", "type": "choices",
                           "value": {"choices": [item.label]}})  # fmt: skip
        for i, s in enumerate(item.spans):
            value = {"start": s.start, "end": s.end, "text": item.text[s.start : s.end]}
            result.append({"id": f"s{i}", "from_name": "kind", "to_name": "text", "type": "labels",
                           "value": {**value, "labels": [s.kind]}})  # fmt: skip
            if s.category:
                result.append({"id": f"s{i}", "from_name": "category", "to_name": "text", "type": "choices",
                               "value": {**value, "choices": [s.category]}})  # fmt: skip
        prediction = {"model_version": MODEL_VERSION, "score": round(item.confidence, 4), "result": result}
        tasks.append({"data": {"text": item.text, **_meta(item)}, "predictions": [prediction]})
    return tasks


def from_labelstudio(tasks: list[dict[str, Any]]) -> list[Coded]:
    """Tasks as exported by Label Studio: the first annotation (else the prediction) of each task."""
    out = []
    for task in tasks:
        data = task["data"]
        done = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        results = (done or task.get("predictions") or [{"result": []}])[0]["result"]
        label, regions = None, {}
        for r in results:
            value = r.get("value", {})
            if r.get("from_name") == "paragraph":
                label = (value.get("choices") or [None])[0]
            elif r.get("type") == "labels":
                regions.setdefault(r["id"], {}).update(start=value["start"], end=value["end"], kind=value["labels"][0])
            elif r.get("from_name") == "category":
                regions.setdefault(r["id"], {})["category"] = (value.get("choices") or [None])[0]
        spans = [
            StatementSpan(g["start"], g["end"], g["kind"], g.get("category")) for g in regions.values() if "kind" in g
        ]
        out.append(_coded(data, label, spans))
    return out


def _coded(meta: dict[str, Any], label: str | None, spans: list[StatementSpan]) -> Coded:
    return Coded(meta["sha256"], meta["path"], int(meta["start"]), int(meta["end"]), meta["text_sha256"], label,
                 sorted(spans, key=lambda s: (s.start, s.end)))  # fmt: skip


# -- doccano -----------------------------------------------------------------------


def to_doccano(items: list[Item]) -> str:
    lines = []
    for item in items:
        row = {"text": item.text, "entities": [[s.start, s.end, _span_label(s)] for s in item.spans],
               "cats": [item.label] if item.label else [], **_meta(item)}  # fmt: skip
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def from_doccano(text: str) -> list[Coded]:
    """doccano JSONL (``entities``/``label`` spans, ``cats`` labels), one item per line."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        raw = row.get("entities", row.get("label", row.get("labels", [])))
        spans = []
        for entry in raw:
            start, end, tag = (
                (entry["start_offset"], entry["end_offset"], entry["label"]) if isinstance(entry, dict) else entry
            )
            kind, category = _parse_span_label(tag)
            spans.append(StatementSpan(int(start), int(end), kind, category))
        cats = row.get("cats") or []
        out.append(_coded(row, cats[0] if cats else None, spans))
    return out


# -- spaCy -------------------------------------------------------------------------


def to_spacy(items: list[Item]) -> bytes:
    """A DocBin; needs the ``spacy`` extra."""
    from spacy.tokens import DocBin

    from ..nlp import blank_zh

    nlp = blank_zh()
    docs = DocBin(store_user_data=True)
    for item in items:
        doc = nlp.make_doc(item.text)
        doc.cats = {label: float(label == item.label) for label in PARAGRAPH_LABELS}
        spans = [doc.char_span(s.start, s.end, label=_span_label(s), alignment_mode="expand") for s in item.spans]
        doc.spans["statements"] = [s for s in spans if s is not None]
        doc.user_data["xxgk"] = _meta(item)
        docs.add(doc)
    return docs.to_bytes()


def from_spacy(data: bytes) -> list[Coded]:
    from spacy.tokens import DocBin

    from ..nlp import blank_zh

    out = []
    for doc in DocBin().from_bytes(data).get_docs(blank_zh().vocab):
        label = max(doc.cats, key=doc.cats.get) if doc.cats and max(doc.cats.values()) > 0 else None
        spans = [
            StatementSpan(s.start_char, s.end_char, *_parse_span_label(s.label_))
            for s in doc.spans.get("statements", [])
        ]
        out.append(_coded(doc.user_data["xxgk"], label, spans))
    return out
