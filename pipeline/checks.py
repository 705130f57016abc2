"""Consistency checks (勾稽关系 and more), each pass | fail | unknown.

A check whose inputs are missing or null is ``unknown`` and says what is
missing; it never passes on absent data.  Evidence points at the table cells
(``ref`` = table key, with offsets) or the text that was compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .document import Document
from .record import Check, Evidence, Record, table_value
from .sections import find_headings
from .stages import stage
from .tables.labels import APPEAL_GROUPS, REQUEST_COLUMNS

COLUMN_NAMES = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
GROUP_NAMES = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


def _evidence(record: Record, refs: Iterable[str]) -> list[Evidence]:
    out = []
    for ref in refs:
        span = record.table_spans.get(ref)
        out.append(
            Evidence(ref, table_value(record.tables, ref), span.start if span else None, span.end if span else None)
        )
    return out


def _sum_check(check_id: str, label: str, record: Record, parts: list[str], totals: list[str]) -> Check:
    """sum(parts) == sum(totals) over table cells named by ref."""
    evidence = _evidence(record, [*parts, *totals])
    missing = [e.ref for e in evidence if e.value is None]
    if missing:
        return Check(check_id, "unknown", f"{label}：缺少数据 {', '.join(missing)}", evidence)
    left = sum(e.value for e in evidence[: len(parts)])  # type: ignore[misc]
    right = sum(e.value for e in evidence[len(parts) :])  # type: ignore[misc]
    lhs = " + ".join(str(e.value) for e in evidence[: len(parts)])
    rhs = " + ".join(str(e.value) for e in evidence[len(parts) :])
    ok = abs(left - right) < 1e-9
    message = f"{label}：{lhs} = {left:g} {'=' if ok else '≠'} {rhs} = {right:g}"
    return Check(check_id, "pass" if ok else "fail", message, evidence)


def request_checks(record: Record) -> list[Check]:
    requests = record.tables.get("requests")
    if not requests:
        return [Check("requests", "unknown", "未识别到第三部分申请办理表", [])]
    rows = list(requests)
    outcome_rows = [r for r in rows if r not in BALANCE_ROWS]
    checks = []
    for col in REQUEST_COLUMNS:
        name = COLUMN_NAMES[col]
        checks.append(
            _sum_check(
                f"requests.balance.{col}",
                f"{name}：新收+上年结转=办理合计+结转下年",
                record,
                [f"requests.new_received.{col}", f"requests.carried_over.{col}"],
                [f"requests.total_processed.{col}", f"requests.carried_forward.{col}"],
            )
        )
        checks.append(
            _sum_check(
                f"requests.outcomes.{col}",
                f"{name}：各办理结果之和=总计",
                record,
                [f"requests.{r}.{col}" for r in outcome_rows],
                [f"requests.total_processed.{col}"],
            )
        )
    for row in rows:
        checks.append(
            _sum_check(
                f"requests.columns.{row}",
                f"{row}：六类申请人之和=总计",
                record,
                [f"requests.{row}.{c}" for c in REQUEST_COLUMNS[:6]],
                [f"requests.{row}.total"],
            )
        )
    return checks


def appeal_checks(record: Record) -> list[Check]:
    if not record.tables.get("appeals"):
        return [Check("appeals", "unknown", "未识别到第四部分复议诉讼表", [])]
    return [
        _sum_check(
            f"appeals.totals.{g}",
            f"{GROUP_NAMES[g]}：维持+纠正+其他+尚未审结=总计",
            record,
            [f"appeals.{g}_{o}" for o in ("upheld", "corrected", "other", "pending")],
            [f"appeals.{g}_total"],
        )
        for g in APPEAL_GROUPS
    ]


def structure_check(record: Record) -> Check:
    if record.meta.format_version == "legacy":
        return Check("structure", "unknown", "2019年以前的旧格式报告没有固定的六部分结构", [])
    found = [s.number for s in record.sections]
    evidence = [Evidence(f"section.{s.number}", s.title, s.start, s.end) for s in record.sections]
    missing = [n for n in range(1, 7) if n not in found]
    duplicated = _duplicated_sections(record.text)
    if missing:
        return Check("structure", "fail", "缺少第" + "、".join(str(n) for n in missing) + "部分", evidence)
    if duplicated:
        return Check("structure", "fail", "第" + "、".join(map(str, duplicated)) + "部分重复出现且各有内容", evidence)
    return Check("structure", "pass", "六个部分齐全，顺序正确", evidence)


def _duplicated_sections(text: str) -> list[int]:
    """Sections whose heading appears twice with real content after both."""
    headings = find_headings(text)
    dup = []
    for n in range(1, 7):
        same = [h for h in headings if h.number == n]
        for a, b in zip(same, same[1:]):
            between = text[a.body : b.start]
            between = re.sub(r"[^\n]*(?:年度报告|工作报告)[^\n]*", "", between)
            if len(re.sub(r"\s+", "", between)) > 20:
                dup.append(n)
                break
    return dup


_PERIOD = re.compile(
    r"统计期限?[^0-9]{0,6}(?P<y1>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^0-9]{0,6}(?P<y2>(?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_LEAD = re.compile(r"(?:^|\n|。)\s*(?P<y>(?:19|20)\d{2})\s*年\s*度?\s*(?:[，,]|是|以来|我|全)")
_ACTIVITY = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*度?\s*(?:以来)?\s*(?:共|全年|累计|全区|全县|全市|全镇|我[县区市镇局乡])?\s*"
    r"(?:主动)?(?:公开了?|发布了?|收到|受理|办理|制发|新收)"
)
_PREVIOUS = re.compile(r"上年|上一年|去年|针对|较|比|同比|存在的?问题|整改|对照|截至|截止")
_FUTURE = re.compile(r"将|计划|下一步|拟|继续|力争|明年")


def year_check(record: Record) -> Check:
    year = record.meta.year
    if year is None:
        return Check("year", "unknown", "未识别报告年度", [])
    text = record.text
    evidence: list[Evidence] = []
    wrong: list[Evidence] = []
    for m in _PERIOD.finditer(text):
        for g in ("y1", "y2"):
            ev = Evidence("text.statistics_period", int(m.group(g)), m.start(g), m.end(g))
            evidence.append(ev)
            if ev.value != year:
                wrong.append(ev)
    for number in (1, 2, 3, 4):
        section = next((s for s in record.sections if s.number == number), None)
        if section is None:
            continue
        for rx in (_LEAD, _ACTIVITY):
            for m in rx.finditer(text, section.start, section.end):
                y = int(m.group("y"))
                before = text[max(section.start, m.start("y") - 12) : m.start("y")]
                after = text[m.end("y") : m.end() + 30]
                if "《" in before and "》" not in before:
                    continue  # a document name
                if y < year and _PREVIOUS.search(before + after):
                    continue
                if y > year and (_FUTURE.search(after) or re.search(r"结转|转入|延期|顺延", before)):
                    continue
                if any(e.start == m.start("y") for e in evidence):
                    continue
                ev = Evidence("text.reporting_year", y, m.start("y"), m.end("y"))
                evidence.append(ev)
                if y != year:
                    wrong.append(ev)
    if wrong:
        shown = "、".join(f"{e.value}年" for e in wrong)
        return Check("year", "fail", f"报告年度为{year}年，正文将本年度工作表述为{shown}", wrong + evidence)
    if not evidence:
        return Check("year", "unknown", f"正文中没有可与报告年度{year}年核对的年份表述", [])
    return Check("year", "pass", f"正文中的本年度表述均为{year}年（{len(evidence)}处）", evidence)


def run_checks(record: Record) -> list[Check]:
    return [structure_check(record), year_check(record), *request_checks(record), *appeal_checks(record)]


@stage("checks")
def checks_stage(doc: Document, record: Record) -> None:
    record.checks.extend(run_checks(record))
