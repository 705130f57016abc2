"""Narrative paragraphs: split the report's prose and label each paragraph.

Reports usually come one paragraph per line; those lines are the paragraphs.
Flattened reports (a whole report on one line, as crawled web pages are) are
cut at sub-heading markers ("(一)", "一是", "1.", "(1)", "七、") and, when a
piece is still long, at sentence ends, so paragraphs stay topic-sized.
Tables (tab-separated rows, "|" cell lines, run-together label+digit
stretches, document blocks of kind "table"), headings, titles and crawler
boilerplate are not narrative and are left out.

The label of each paragraph comes from its text (:mod:`pipeline.classify`),
never from the heading above it, so free-form reports get labels too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .cues import CUE_PLAN, CUE_PROBLEM, CUE_RECTIFY
from .document import Document
from .facts import facts
from .record import Paragraph, Section
from .sections import body_start, section_at

FLAT_LINE = 1500  # a line this long is a flattened report, not one paragraph
MAX_PARAGRAPH = 700  # flattened pieces longer than this are cut at sentence ends
SENTENCE_END = "。！？；;!?"

_TABLE_WORDS = re.compile(
    r"第二十条第|本年制发件数|本年新收|申请人情况|结果维持|尚未审结|指标名称|计量\s*单位|历年累计|本年处理决定数量"
)
_TABLE_NOTE = re.compile(r"^\(本列数据的勾稽关系")
_CRAWLER_HEAD = re.compile(r"=+\s*正文\s*=+")
_BREADCRUMB = re.compile(r"^.{0,400}?-->\s*")
_LEADING_JUNK = re.compile(r"^(?:[^。，,；;\s]{1,40}\s+){1,4}(?=\S)")
_SENTENCE_SPACE = re.compile(r"(?<=[。；;！？])\s+")
_LEADING_TITLE = re.compile(r"^[^。，\s]{4,50}(?:年度?报告|工作报告)\s+")
_RUN_IN_HEADING = re.compile(
    r"^(?:\([一二三四五六七八九十\d]{1,2}\)|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])[^。，；：:\s]{2,24}\s+"
)
_TRAILER = re.compile(r"\s*(?:附件下载|附件\d*[:：].*)$")

# Positions where a flattened line may be cut: before a sub-heading marker.
_MARKER = re.compile(
    r"\([一二三四五六七八九十]{1,2}\)"  # (一)
    r"|\(\d{1,2}\)"  # (1)
    r"|[一二三四五六七八九十]{1,2}、"  # 七、
    r"|(?<![\d.])\d{1,2}[.、](?!\d)"  # 1.  2、
    r"|[一二三四五六七八九十]是(?=[^，。])"  # 一是
)


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int


def is_table_text(s: str) -> bool:
    """True for table rows, "|" cell lines and run-together label+digit stretches."""
    s = s.strip()
    if "\t" in s or s.startswith("|") or s.endswith("|") or _TABLE_NOTE.match(s):
        return True
    if "。" in s:
        return False
    digits = sum(ch.isdigit() for ch in s)
    return bool(_TABLE_WORDS.search(s)) or (len(s) > 0 and digits / len(s) > 0.15)


def is_heading_text(s: str) -> bool:
    """True for titles, headings and short boilerplate: no sentence in it."""
    s = s.strip()
    if not s:
        return True
    short = 16 if s[0] != "(" else 25
    if len(s) <= short and s[-1] not in "；;" and "，" not in s and "," not in s and _MARKER.match(s):
        return True  # "（一）存在的问题。", "一是推进清单公开。"
    if s[-1] in "。！？；;":
        return False
    if len(s) <= 40:
        return True
    return "，" not in s and "," not in s and "。" not in s and len(s) <= 80


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _marker_ok(text: str, i: int, seg_start: int) -> bool:
    """A marker cuts only at a boundary: line start, after a sentence end or a space, or after a heading."""
    if i <= seg_start:
        return False
    prev = text[i - 1]
    if prev in SENTENCE_END or prev in "：: )" or prev.isspace():
        return True
    # "（一）加强组织领导，健全工作机制一是…": the marker follows a short run-in heading
    since = text[seg_start:i]
    return text[i + 1] == "是" and len(since) <= 30 and "。" not in since and since.startswith("(")


def split_flat(text: str, start: int, end: int) -> list[TextSpan]:
    """Cut a flattened stretch at sub-heading markers, then long pieces at sentence ends."""
    cuts = [start]
    points = sorted(
        [(m.start(), True) for m in _MARKER.finditer(text, start, end)]
        + [(m.end(), False) for m in _SENTENCE_SPACE.finditer(text, start, end)]
    )
    for i, is_marker in points:
        if i > cuts[-1] and (not is_marker or _marker_ok(text, i, cuts[-1])):
            cuts.append(i)
    cuts.append(end)
    spans: list[TextSpan] = []
    for a, b in zip(cuts, cuts[1:]):
        spans.extend(_split_long(text, a, b))
    return spans


def _split_long(text: str, start: int, end: int) -> list[TextSpan]:
    if end - start <= MAX_PARAGRAPH:
        return [TextSpan(start, end)]
    pieces = max(2, round((end - start) / (MAX_PARAGRAPH * 0.6)))
    target = (end - start) / pieces
    out: list[TextSpan] = []
    a = start
    for i in range(start, end):
        if text[i] == "。" and i + 1 - a >= target and end - (i + 1) >= 40:
            out.append(TextSpan(a, i + 1))
            a = i + 1
    out.append(TextSpan(a, end))
    return out


def _clean(text: str, span: TextSpan, first: bool = False) -> TextSpan | None:
    """Trim boilerplate around a candidate paragraph; None if nothing narrative is left.

    ``first``: the first piece of a flattened report, where crawler
    breadcrumbs and run-in titles precede the preamble.
    """
    a, b = _strip(text, span.start, span.end)
    if first:
        m = _BREADCRUMB.match(text[a:b])
        if m:
            a += m.end()
        m = _LEADING_JUNK.match(text[a:b])
        if m and m.end() < b - a:
            a += m.end()
    piece = text[a:b]
    m = _LEADING_TITLE.match(piece) or _RUN_IN_HEADING.match(piece)
    if m and m.end() < len(piece):
        a += m.end()
    m = _TRAILER.search(text, a, b)
    if m:
        b = m.start()
    a, b = _strip(text, a, b)
    piece = text[a:b]
    if not piece or is_heading_text(piece) or is_table_text(piece):
        return None
    return TextSpan(a, b)


def narrative_spans(text: str, sections: list[Section], tables: list[TextSpan] | None = None) -> list[TextSpan]:
    """Offsets of the narrative paragraphs of ``text``, in order.

    ``sections`` give the headings to skip; ``tables`` are stretches known to
    be tables (e.g. reader blocks) and are skipped too.
    """
    tables = tables or []
    head = _CRAWLER_HEAD.search(text)
    origin = head.end() if head else 0
    # headings are cut out of the text before splitting
    holes = [TextSpan(s.start, body_start(text, s)) for s in sections] + list(tables)
    holes.sort(key=lambda h: h.start)
    pieces: list[TextSpan] = []
    pos = origin
    for h in holes + [TextSpan(len(text), len(text))]:
        if h.end <= pos:
            continue
        if h.start > pos:
            pieces.append(TextSpan(pos, h.start))
        pos = max(pos, h.end)
    flat = _is_flat_doc(text)
    spans: list[TextSpan] = []
    for piece in pieces:
        line_start = piece.start
        for line in text[piece.start : piece.end].split("\n"):
            a, b = line_start, line_start + len(line)
            line_start = b + 1
            candidates = split_flat(text, a, b) if flat or b - a > FLAT_LINE else [TextSpan(a, b)]
            for c in candidates:
                cleaned = _clean(text, c, first=flat and not spans)
                if cleaned is not None:
                    spans.append(cleaned)
    return spans


def _is_flat_doc(text: str) -> bool:
    return max((len(ln) for ln in text.split("\n")), default=0) > FLAT_LINE


def table_spans(doc: Document) -> list[TextSpan]:
    """The reader's table blocks (found once per document, :mod:`pipeline.facts`)."""
    return [TextSpan(a, b) for a, b in facts(doc).table_blocks]


def split_paragraphs(doc: Document, sections: list[Section]) -> list[Paragraph]:
    """Unlabelled paragraphs of ``doc`` with ids p1, p2, … and exact offsets."""
    out: list[Paragraph] = []
    for i, s in enumerate(narrative_spans(doc.text, sections, table_spans(doc)), 1):
        out.append(
            Paragraph(
                id=f"p{i}",
                section=section_at(sections, s.start),
                text=doc.text[s.start : s.end],
                start=s.start,
                end=s.end,
                page=doc.page_at(s.start),
            )
        )
    return out


LEAD_SECTIONS = (5, None)  # where lead-ins announce what follows (五, and old reports without sections)
# rectification first: it wins a tie ("针对…存在的问题" ends both its cue and the problem cue at 问题)
_LEAD_CUES = (("rectification", CUE_RECTIFY), ("problem", CUE_PROBLEM), ("plan", CUE_PLAN))


def last_cue(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The lead-in kind (problem / plan / rectification) whose cue ends last in ``text[start:end]``.

    On a tie rectification wins: "针对上年存在的问题，积极整改" is a rectification lead-in;
    but a rectification cue whose sentence goes on in the future tense is a plan lead-in."""
    end = len(text) if end is None else end
    best: tuple[int, str] | None = None
    for kind, rx in _LEAD_CUES:
        for m in rx.finditer(text, start, end):
            if best is None or m.end() > best[0]:
                best = (m.end(), _announced(text, m.end(), end) if kind == "rectification" else kind)
    return best[1] if best else None


def _announced(text: str, start: int, end: int) -> str:
    """ "plan" when the sentence of a rectification cue goes on in the future tense ("针对上述问题，我局将…"), else "rectification"."""
    from .statements.signals import PLAN

    stop = text.find("。", start, end)
    return "plan" if PLAN.search(text, start, end if stop < 0 else stop) else "rectification"


def paragraph_contexts(text: str, spans: list[tuple[int, int, int | None]], sections: list[Section]) -> list[str]:
    """The classifier context of each paragraph ``(start, end, section)``, in document order.

    ``"<section>"`` (``"-"`` in the preamble or without sections), then
    ``"|first"`` for the first paragraph of its section, then, in section 五
    and outside any section, ``"|after=<kind>"`` when a lead-in earlier in the same section ("存在以下不足", "下一步…将采取以下措施",
    "针对上年…问题") is still in force: the latest such cue in the text before the
    paragraph (earlier paragraphs and the sub-headings between them) sets it.
    These are facts about the text around a paragraph, the way a reader
    takes "二是…" after "下一步，我们将：" as a plan.
    """
    bodies = {s.number: body_start(text, s) for s in sections}
    out: list[str] = []
    prev_section: object = object()
    state: str | None = None
    pos = 0
    for start, _end, sec in spans:
        first = sec != prev_section
        if first:
            state = None
            pos = bodies.get(sec, pos) if sec is not None else pos
        if sec in LEAD_SECTIONS:
            state = (last_cue(text, pos, start) if start > pos else None) or state
        ctx = "-" if sec is None else str(sec)
        if first:
            ctx += "|first"
        if state:
            ctx += f"|after={state}"
        out.append(ctx)
        prev_section = sec
        pos = max(pos, start)
    return out


_SENTENCE_END = re.compile(r"[。；;！？!?]")
_SPACE_RUN = re.compile(r"\s+")
_LEAD_CLAUSE = re.compile(
    r"^[^，,：:。]{0,20}?(?:针对|对照|关于)[^。；]{0,80}?(?:问题|不足|短板|差距|弱项)(?:[与和及](?:不足|短板|差距))?[^，,：:。]{0,6}[，,：:]"
)


def agree_with_kinds(text: str, context: str | None, label: str, scores: dict[str, float] | None = None) -> str:
    """The paragraph label after the statement-kind rules have their say (SPEC: rectification).

    In section 五 (or outside any section) a paragraph is a rectification when
    (a) it opens with a rectification lead-in ("针对上年…问题", "改进情况：") and its
    first sentence is read as a rectification by :func:`pipeline.statements.kinds.rule_kind`,
    or (b) a rectification lead-in is in force (``after=rectification``) and every
    sentence is read as a rectification.  A model's rectification with no sentence
    read as one is not kept: in 五 it becomes plans or problems (the kinds' majority),
    elsewhere, without a rectification lead-in, the model's next label.
    """
    from .statements.kinds import rule_kind

    parts = (context or "-").split("|")
    sentences = [x.strip() for x in _SENTENCE_END.split(text) if len(x.strip()) > 1]
    if not sentences:
        return label
    lead = CUE_RECTIFY.search(_SPACE_RUN.sub("", text)[:60])
    opens = lead is not None
    if parts[0] not in ("5", "-"):
        return _next_label(label, scores) if label == "rectification" and not opens else label
    if lead is not None:  # the lead-in clause ("针对上年…问题与不足，") is the cue, not a statement
        sentences[0] = _LEAD_CLAUSE.sub("", sentences[0], count=1) or sentences[0]
    kinds = [rule_kind(x, "rectification")[0] for x in sentences]
    if (opens and kinds[0] == "rectification") or (
        "after=rectification" in parts and all(k == "rectification" for k in kinds)
    ):
        return "rectification"
    if label == "rectification" and "rectification" not in kinds:
        return "plans" if kinds.count("plan") >= kinds.count("problem") else "problems"
    return label


def _next_label(label: str, scores: dict[str, float] | None) -> str:
    """The model's best label other than ``label`` (``label`` itself without scores)."""
    others = [k for k in (scores or {}) if k != label]
    return max(others, key=lambda k: (scores or {})[k]) if others else label


def label_paragraphs(doc: Document, sections: list[Section], model: Any) -> list[Paragraph]:
    """Split ``doc`` into narrative paragraphs and label each with ``model``."""
    paragraphs = split_paragraphs(doc, sections)
    if paragraphs:
        contexts = paragraph_contexts(doc.text, [(p.start, p.end, p.section) for p in paragraphs], sections)
        predicted = model.predict(list(zip([p.text for p in paragraphs], contexts)))
        for p, context, (label, scores) in zip(paragraphs, contexts, predicted):
            p.label = agree_with_kinds(p.text, context, label, scores)
            p.scores = scores
    return paragraphs
