"""Silver labels from report structure: the bootstrap for hand-checked gold.

Only used to build ``training_data/``: a paragraph's section number and
its run-in sub-heading ("（三）政府信息管理…") give a first label, which a
person then checks.  The shipped model never sees headings as rules.
"""

from __future__ import annotations

import re

_SUBTOPIC = [
    ("request_handling", re.compile(r"依申请")),
    ("information_management", re.compile(r"信息管理")),
    ("platform_building", re.compile(r"平台建设")),
    ("oversight", re.compile(r"监督保障|组织领导|队伍建设|工作制度")),
    ("proactive_disclosure", re.compile(r"主动公开|重点领域|解读|回应")),
]
_PLAN = re.compile(
    r"下一步|将采取|将继续|^\s*[一二三四五六七八九十]是(?:加|强|进|持|继|完|提|丰|拓|优|做|抓|结|重|规|深|健|落)|^\s*\d[、.]|^\s*\(\S\)(?:进一步|继续|深化|完善|强化|丰富)"
)
_RECTIFY = re.compile(r"针对.{0,20}(?:上年|问题)|改进情况[:：]")
_FEES = re.compile(r"收费|处理费")


def silver_label(text: str, section: int | None, first_in_section: bool) -> str:
    head = text[:30]
    if section is None:
        return "overview"
    if section == 6 or _FEES.search(head):
        return "other_matters"
    if section == 5:
        if _RECTIFY.search(text[:40]):
            return "rectification"
        if _PLAN.search(text[:40]):
            return "plans"
        return "problems"
    if section == 1:
        if first_in_section:
            return "overview"
        for label, rx in _SUBTOPIC:
            if rx.search(head):
                return label
        return "proactive_disclosure"
    if section in (3, 4):
        return "request_handling"
    return "proactive_disclosure"
