"""The words around one quantity, and the vocabulary the metric rules share (pure functions over strings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import Quantity

POST_UNITS = {"条", "篇", "件", "期", "份", "幅", "张", None}
CATEGORY_ITEM = re.compile(r"(?<!各)类(?:信息|文件)?(?:共|有|为)?\s*$|情况(?:类信息)?\s*$")
# The clause's own verb (not an attribute "印发的"): reviewed, cleaned or repealed is never issued.
REVIEW_VERB = re.compile(r"(?:审核|审查|清理|梳理|废止|废改|备案|评估|核查|修订|修改)(?!的)")
SHARE_AFTER = re.compile(r"^\s*[，,]?\s*(?:占|占比)")
WEBSITE = re.compile(r"网站|门户|平台")
SENTENCE_MEDIA = re.compile(r"微信|公众号|微博|两微|新媒体|抖音|视频号|头条号|今日头条|快手")
CLAUSE_END = "，,；;。：:\n！？!?"
SENTENCE_END = "；;。\n！？!?"


@dataclass(frozen=True)
class Context:
    """The words around one quantity."""

    left: str  # the clause before it, cut at the previous quantity
    right: str  # a few characters after it
    right_clause: str  # the rest of its clause
    sentence: str  # the sentence before it (not cut)
    after: str  # the raw characters right after it ("，占…")
    unit: str | None
    following: str = ""  # the text after it, across one sentence end ("…，其中2023年…")
    preceding: str = ""  # the text before it back to the last full stop, across "；" ("…784条；截至目前累计…")

    @classmethod
    def of(cls, text: str, q: Quantity, prev_end: int = 0) -> Context:
        left = _cut_left(text, q, prev_end)
        right_clause = _right(text, q.end, CLAUSE_END, 40)
        right = _right(text, q.end, CLAUSE_END + "、", 6)
        sentence = _left(text, q.start, SENTENCE_END, 160)
        following = text[q.end : q.end + 80].split("\n", 1)[0]
        preceding = _left(text, q.start, "。\n！？!?", 160)
        return cls(left, right, right_clause, sentence, text[q.end : q.end + 4], q.unit, following, preceding)


def _cut_left(text: str, q: Quantity, prev_end: int) -> str:
    """The clause before ``q``, cut at the previous quantity, else with the label of its line ("规范性文件：")."""
    left = _left(text, q.start, CLAUSE_END)
    cut = prev_end - (q.start - len(left))
    if 0 < cut <= len(left):
        return left[cut:].lstrip("、，, ")
    return _colon_label(text, q.start - len(left)) + left


def _colon_label(text: str, i: int) -> str:
    """The label of a "规范性文件：本年制发6件" line when the clause at ``i`` follows its colon, else ""."""
    if i == 0 or text[i - 1] not in "：:":
        return ""
    label = _left(text, i - 1, CLAUSE_END + "、", 12)
    return label if label and not any(ch.isdigit() for ch in label) else ""


def _left(text: str, i: int, stops: str, limit: int = 80) -> str:
    j = i
    while j > 0 and i - j < limit and text[j - 1] not in stops:
        j -= 1
    return text[j:i]


def _right(text: str, i: int, stops: str, limit: int = 6) -> str:
    j = i
    while j < len(text) and j - i < limit and text[j] not in stops:
        j += 1
    return text[i:j]


def previous_clause(ctx: Context) -> tuple[str, str]:
    """The sentence before this clause, and its last clause."""
    before = ctx.sentence[: len(ctx.sentence) - len(ctx.left)].rstrip("，,：: ")
    return before, re.split(r"[，,：:]", before)[-1] if before else ""
