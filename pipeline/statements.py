"""Statements: single problems, rectifications and plans, with a category.

Section 五 (and any paragraph labelled problems / rectification / plans
elsewhere) is cut into single statements at list markers ("一是…二是…",
"1.…2.…", "（一）…"), at "；" between list items, after "如：" in
"如：a；b；c等问题", and at sentence ends.  Lead-in sentences ("仍存在一些
不足。", "下一步，我们将采取以下措施：") are not statements: they set the
context that the kind classifier reads along with the statement's own text,
so a paragraph mixing problems and plans is split into both kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .record import Paragraph, Record, Statement
from .stages import stage

NARRATIVE_KINDS = {"problems": "problem", "rectification": "rectification", "plans": "plan"}

_MARK = (
    r"\([一二三四五六七八九十]{1,2}\)|\(\d{1,2}\)|[一二三四五六七八九十]{1,2}是(?=[^，。])"
    r"|(?<![\d.])\d{1,2}[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]"
)
_MARKER = re.compile(_MARK)
_LEADING_MARKER = re.compile(r"(?:" + _MARK + r")\s*")
_INTRO_WORDS = re.compile(
    r"(?:一些|一定|以下|如下|几个|部分)(?:问题|不足|差距|措施|方面)|薄弱环节|加以改进|进行改进|仍存在差距|取得.{0,6}(?:成效|成绩|进展)"
)
_LIST_INTRO = re.compile(r"(?:如|比如|例如|主要(?:表现)?(?:在|是|有)|具体(?:表现)?(?:为|是))[:：]")
_LABEL_INTRO = re.compile(r"^(?:存在(?:的主要)?问题|改进情况|改进措施|整改措施|下一步(?:工作)?(?:计划|打算)?)[:：]")

CUE_PROBLEM = re.compile(r"存在.{0,12}(?:问题|不足|差距|短板|薄弱)|(?:问题|不足)(?:主要)?(?:有|是|表现在)|不足之处")
CUE_PLAN = re.compile(
    r"下一步|以下措施|如下措施|改进措施|整改措施|今后|(?:20\d\d年|明年|新的一年)[，,]?.{0,12}将|从以下.{0,6}方面|我们将|将采取"
)
CUE_RECTIFY = re.compile(r"针对.{0,40}(?:上年|去年|上一年|问题)|做了如下改进|整改情况|改进情况[:：]")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    intro: bool  # a lead-in sentence, not a statement
    cue: str  # context kind set by the latest lead-in: problem|plan|rectification|none


def _cue_of(s: str) -> str | None:
    if CUE_RECTIFY.search(s):
        return "rectification"
    if CUE_PLAN.search(s):
        return "plan"
    if CUE_PROBLEM.search(s):
        return "problem"
    return None


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets where a statement may begin inside ``text[start:end]``."""
    cuts = {start, end}
    for m in _MARKER.finditer(text, start, end):
        i = m.start()
        prev = text[i - 1] if i > start else "。"
        if prev in "。；;：:！？!? \n)" or i == start:
            cuts.add(i)
    marked = sorted(c for c in cuts if _MARKER.match(text, c) and c < end)
    for i in range(start, end):
        ch = text[i]
        if ch in "。；;!！?？" and i + 1 < end:
            inside_item = any(m <= i for m in marked)
            rest = text[i + 1 : _next_stop(text, i + 1, end)]
            if not inside_item or _is_intro(rest) or _cue_of(rest):
                cuts.add(i + 1)
    for m in _LIST_INTRO.finditer(text, start, end):
        cuts.add(m.end())
    for m in _LABEL_INTRO.finditer(text, start, end):
        cuts.add(m.end())
    return sorted(cuts)


def _next_stop(text: str, i: int, end: int) -> int:
    for j in range(i, end):
        if text[j] in "。；;!！?？：:":
            return j + 1
    return end


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "，,、"):
        a += 1
    m = _LIST_INTRO.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    m = _LEADING_MARKER.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_intro(s: str) -> bool:
    """A lead-in: announces a list of problems or measures without stating one."""
    s = s.strip()
    if _LABEL_INTRO.match(s) and len(s) < 12:
        return True
    if s.endswith(("：", ":")) and len(s) < 80:
        return True
    return bool(len(s) < 90 and _cue_of(s) and _INTRO_WORDS.search(s))


def split_units(text: str, start: int, end: int, cue: str = "none") -> list[Unit]:
    """Cut ``text[start:end]`` into statement units; ``cue`` is the context on entry."""
    cuts = _cuts(text, start, end)
    units: list[Unit] = []
    pending: tuple[int, int] | None = None
    for a, b in zip(cuts, cuts[1:]):
        a, b = _trim(text, a, b)
        if b - a < 1:
            continue
        piece = text[a:b]
        if _LIST_INTRO.fullmatch(piece.strip()):
            continue
        if pending is not None:  # glue a fragment too short to stand alone onto the next piece
            a = pending[0]
            piece = text[a:b]
            pending = None
        if len(piece.strip("。；;，, ")) < 4:
            pending = (a, b)
            continue
        own = _cue_of(piece)
        if _is_intro(piece):
            cue = own or cue
            units.append(Unit(a, b, True, cue))
            continue
        cue = own or cue
        units.append(Unit(a, b, False, cue))
    if pending is not None and units:
        last = units[-1]
        units[-1] = Unit(last.start, pending[1], last.intro, last.cue)
    return units


def statement_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs that hold statements: section 五, or labelled problems/rectification/plans."""
    return [p for p in paragraphs if p.section == 5 or p.label in NARRATIVE_KINDS]


def extract(text: str, paragraphs: list[Paragraph]) -> list[tuple[Paragraph, Unit]]:
    """(paragraph, unit) for every non-intro statement unit, context carried across paragraphs."""
    out: list[tuple[Paragraph, Unit]] = []
    carried = "none"  # context from a lead-in ("…采取以下措施：") that announces the next paragraphs
    prev_section: int | None = -1
    for p in statement_paragraphs(paragraphs):
        starts_item = bool(_LEADING_MARKER.match(p.text))
        if p.section != prev_section or not starts_item:
            carried = "none"
        prev_section = p.section
        units = split_units(text, p.start, p.end, carried)
        out.extend((p, u) for u in units if not u.intro)
        if units and units[-1].intro and text[units[-1].start : units[-1].end].rstrip().endswith(("：", ":")):
            carried = units[-1].cue
        elif units and not starts_item:
            carried = "none"
    return out


@stage("statements")
def statements_stage(doc: Document, record: Record) -> None:
    from .classify import category_model, kind_model

    pairs = extract(doc.text, record.paragraphs)
    if not pairs:
        record.statements = []
        return
    kinds = kind_model().predict([(doc.text[u.start : u.end], u.cue) for _, u in pairs])
    texts = [doc.text[u.start : u.end] for _, u in pairs]
    need = [i for i, (k, _) in enumerate(kinds) if k in ("problem", "plan")]
    cats = dict(zip(need, category_model().predict([(texts[i], kinds[i][0]) for i in need])))
    record.statements = [
        Statement(
            id=f"s{i}",
            kind=kinds[i - 1][0],
            text=texts[i - 1],
            category=cats[i - 1][0] if i - 1 in cats else None,
            paragraph_id=p.id,
            start=u.start,
            end=u.end,
        )
        for i, (p, u) in enumerate(pairs, 1)
    ]
