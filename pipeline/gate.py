"""Refuse documents that are readable but are not annual disclosure reports.

Runs right after ``meta``: a policy notice, a news page or an empty HTML
shell should give a clear ``NotAReport`` error rather than a record full of
nulls.  A real report with sections or tables missing still passes (and
gets warnings and failed checks instead).
"""

from __future__ import annotations

import re

_REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报告")
_TOPIC_WORDS = ("主动公开", "依申请公开", "政府信息公开申请", "行政复议", "信息公开")


def reason_not_report(text: str, sections_found: int, has_title: bool) -> str | None:
    """Why ``text`` is not a report, or None if it looks like one."""
    if has_title and sections_found >= 1:
        return None
    if sections_found >= 3:
        return None
    topic_hits = sum(text.count(w) for w in _TOPIC_WORDS)
    if has_title or _REPORT_WORDS.search(text[:5000]):
        if topic_hits >= 3:
            return None
        return "titled like a report but says almost nothing about disclosure work"
    if topic_hits >= 10 and sections_found >= 2:
        return None
    return f"no report title, {sections_found} of 6 standard sections, {topic_hits} disclosure terms"
