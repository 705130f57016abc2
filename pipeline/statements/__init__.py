"""Statements: single problems, rectifications and plans, each with a category.

Section 五 (found under any of its titles, or from its sub-headings when the
heading is missing; in old free-form reports the paragraphs labelled
problems / rectification / plans) is split into single statements by
:mod:`.split`; each statement's kind is read from its own words with the
heading or lead-in as context (:mod:`.kinds`), and problems and plans get a
category: the topic of the lead phrase when it names exactly one, else the
trained category model (:mod:`.categories`).  Every statement keeps its cue
(the lead-in or heading in force) and scores for kind and category.
"""

from __future__ import annotations

import re

from ..document import Document
from ..paragraphs import is_table_text
from ..record import Paragraph, Section, Statement
from ..sections import body_start
from .categories import decide_category
from .kinds import decide
from .split import Unit, ledger, split

NARRATIVE_KINDS = {"problems": "problem", "rectification": "rectification", "plans": "plan"}


def regions(text: str, sections: list[Section], paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Stretches of text that hold statements: section 五, else runs of problem/plan paragraphs."""
    five = [s for s in sections if s.number == 5]
    if five:
        s = five[0]
        return [(body_start(text, s), s.end)]
    out: list[tuple[int, int]] = []
    run: list[Paragraph] = []
    for p in paragraphs + [None]:  # type: ignore[list-item]
        if p is not None and p.label in NARRATIVE_KINDS:
            run.append(p)
            continue
        if run:
            out.append((run[0].start, run[-1].end))
            run = []
    return out


def _holes(start: int, end: int, tables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` without the table blocks inside it."""
    out: list[tuple[int, int]] = []
    pos = start
    for a, b in sorted(tables):
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def extract(doc: Document, sections: list[Section], paragraphs: list[Paragraph]) -> list[Unit]:
    """Every statement unit of the document, in reading order."""
    tables = [(b.start, b.end) for b in doc.blocks if b.kind == "table"]
    units: list[Unit] = []
    for a, b in regions(doc.text, sections, paragraphs):
        for x, y in _holes(a, b, tables):
            units.extend(u for u in split(doc.text, x, y) if _narrative(doc.text, u, paragraphs))
        for x, y in tables:  # a problem/measure ledger printed as a real table
            if a <= x and y <= b:
                units.extend(ledger(doc.text, x, y))
    return sorted(units, key=lambda u: u.start)


_NOT_A_STATEMENT = re.compile(
    r"^(?:[^，。；]{2,40}(?:局|委员会|委|办公室|办|人民政府|政府|中心|院|所|处|办事处))?\s*(?:20\d\d年\d{1,2}月\d{1,2}日)?$"
    r"|^\(?此件(?:主动)?公开\)?$|^附件|^(?:来源|发布时间|字号|打印|关闭)[:：]"
)


def _narrative(text: str, u: Unit, paragraphs: list[Paragraph]) -> bool:
    """A unit inside a narrative paragraph, or one that is not a signature, a date or page furniture."""
    if any(p.start < u.end and u.start < p.end for p in paragraphs):
        return True
    piece = text[u.start : u.end].strip()
    return not (is_table_text(piece) or _NOT_A_STATEMENT.search(piece))


def _paragraph_of(u: Unit, paragraphs: list[Paragraph]) -> str | None:
    for p in paragraphs:
        if p.start <= u.start < p.end or (p.start < u.end and u.start < p.end):
            return p.id
    return None


_SENTENCE_END = re.compile(r"[。；;！？!?：:\n]")


def _sentence_before(text: str, start: int, reach: int = 80) -> str:
    """The words of a statement's sentence before it (at most ``reach`` characters)."""
    head = text[max(0, start - reach) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    return head[ends[-1] :] if ends else head


def label(doc: Document, units: list[Unit], paragraphs: list[Paragraph], kind_model, category_model) -> list[Statement]:
    """Statements with kind, category and scores for ``units``, using the given models."""
    if not units:
        return []
    texts = [doc.text[u.start : u.end] for u in units]
    model_kinds = kind_model.predict([(t, None) for t in texts])
    kinds = [decide(t, u.context, scores) for t, u, (_, scores) in zip(texts, units, model_kinds)]
    need = [i for i, (k, _) in enumerate(kinds) if k in ("problem", "plan")]
    model_cats = category_model.predict([(texts[i], kinds[i][0]) for i in need])
    cats = {
        i: decide_category(texts[i], scores, _sentence_before(doc.text, units[i].start))
        for i, (_, scores) in zip(need, model_cats)
    }
    out: list[Statement] = []
    for i, u in enumerate(units):
        kind, kind_score = kinds[i]
        category, category_score = cats.get(i, (None, None))
        out.append(
            Statement(
                id=f"s{i + 1}",
                kind=kind,
                text=texts[i],
                category=category,
                paragraph_id=_paragraph_of(u, paragraphs),
                start=u.start,
                end=u.end,
                cue=u.cue,
                kind_score=kind_score,
                category_score=category_score,
            )
        )
    return out
