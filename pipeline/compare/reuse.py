"""How much of each section was already in last year's report.

A character of this year's narrative counts as reused when it lies in a run
of :data:`SHINGLE` characters (spaces left out) that also occurs in last
year's narrative.  Only narrative paragraphs are compared, so headings and the
statistics tables (mandated forms) never count; sentences of mandated wording
(the statutory preamble: "根据《中华人民共和国政府信息公开条例》…编制本报告",
the statistics period, the contact line, the download line) are left out too.
Each reused stretch is given with its offsets in both reports, so a reader can
check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import Paragraph, Record

SHINGLE = 10
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
MANDATED = re.compile(
    r"政府信息公开条例.{0,40}(?:编制|制定|发布|公布|编写)|本报告.{0,30}(?:编制|组成|包括|分为)"
    r"|(?:统计|数据)(?:的)?期限|期限自.{0,30}起?至.{0,30}止|(?:疑问|意见|建议).{0,20}(?:联系|与)"
    r"|(?:电子版|本报告).{0,30}(?:下载|查阅|网站)"
)


@dataclass
class SectionReuse:
    """Reuse in one section: characters compared, characters found last year, and where."""

    section: int | None
    chars: int = 0
    reused: int = 0
    mandated: int = 0
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # new start, end; old start, end

    @property
    def share(self) -> float | None:
        return round(self.reused / self.chars, 3) if self.chars else None

    def to_dict(self) -> dict[str, object]:
        return {
            "section": self.section,
            "chars": self.chars,
            "reused_chars": self.reused,
            "share": self.share,
            "mandated_chars_left_out": self.mandated,
            "spans": [{"new": [a, b], "old": [c, d]} for a, b, c, d in self.spans],
        }


def _chars(paragraphs: list[Paragraph]) -> tuple[str, list[int], int]:
    """The paragraphs' characters without spaces or mandated sentences, each one's offset, and how many were left out."""
    kept: list[str] = []
    offsets: list[int] = []
    mandated = 0
    for p in paragraphs:
        for m in _SENTENCE.finditer(p.text):
            if MANDATED.search(m.group()):
                mandated += sum(1 for ch in m.group() if not ch.isspace())
                continue
            for i in range(m.start(), m.end()):
                if not p.text[i].isspace():
                    kept.append(p.text[i])
                    offsets.append(p.start + i)
    return "".join(kept), offsets, mandated


def _index(text: str) -> dict[str, int]:
    """Each shingle of ``text`` → where it first occurs."""
    index: dict[str, int] = {}
    for i in range(len(text) - SHINGLE + 1):
        index.setdefault(text[i : i + SHINGLE], i)
    return index


def section_reuse(section: int | None, paragraphs: list[Paragraph], old_text: str, old_offsets: list[int],
                  old_index: dict[str, int]) -> SectionReuse:  # fmt: skip
    """Reuse of one section's paragraphs against last year's narrative."""
    text, offsets, mandated = _chars(paragraphs)
    result = SectionReuse(section, chars=len(text), mandated=mandated)
    i = 0
    while i <= len(text) - SHINGLE:
        at = old_index.get(text[i : i + SHINGLE])
        if at is None:
            i += 1
            continue
        n = SHINGLE  # grow the match as far as both texts agree
        while i + n < len(text) and at + n < len(old_text) and text[i + n] == old_text[at + n]:
            n += 1
        result.reused += n
        result.spans.append((offsets[i], offsets[i + n - 1] + 1, old_offsets[at], old_offsets[at + n - 1] + 1))
        i += n
    return result


def reuse(old: Record, new: Record) -> list[SectionReuse]:
    """Reuse per section of ``new`` (sections 1-6, then paragraphs outside any section)."""
    old_text, old_offsets, _ = _chars(old.paragraphs)
    old_index = _index(old_text)
    numbers: list[int | None] = sorted({p.section for p in new.paragraphs if p.section is not None})
    if any(p.section is None for p in new.paragraphs):
        numbers.append(None)
    found = [
        section_reuse(n, [p for p in new.paragraphs if p.section == n], old_text, old_offsets, old_index)
        for n in numbers
    ]
    return [r for r in found if r.chars or r.section is not None]
