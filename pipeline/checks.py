"""Consistency checks (勾稽关系 and more), each pass | fail | unknown.

A check whose inputs are missing or null is ``unknown`` and says what is
missing; it never passes on absent data.  Evidence points at the table cells
(``ref`` = table key, with offsets) or the text that was compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .record import Check, Evidence, Record, table_value
from .sections import Heading, find_headings
from .tables.form_labels import APPEAL_LABELS, REQUEST_COLUMN_LABELS, REQUEST_ROW_LABELS, cell_label
from .tables.forms import APPEAL_GROUPS, APPEAL_OUTCOMES, BALANCE_ROWS, REQUEST_COLUMNS, form_of, outcome_rows


def _evidence(record: Record, refs: Iterable[str]) -> list[Evidence]:
    out = []
    for ref in refs:
        span = record.table_spans.get(ref)
        out.append(
            Evidence(ref, table_value(record.tables, ref), span.start if span else None, span.end if span else None)
        )
    return out


def _missing(check_id: str, what: str, evidence: list[Evidence]) -> Check | None:
    """An ``unknown`` check naming the null or absent cells as printed, or None if all are there."""
    missing = [cell_label(e.ref) for e in evidence if e.value is None]
    if not missing:
        return None
    return Check(check_id, "unknown", f"{what}：缺少 {'、'.join(missing)}", evidence)


def _sum_check(check_id: str, what: str, record: Record, parts: list[str], totals: list[str]) -> Check:
    """sum(parts) == sum(totals) over table cells named by ref; the message lists every term."""
    evidence = _evidence(record, [*parts, *totals])
    unknown = _missing(check_id, what, evidence)
    if unknown:
        return unknown
    left_values = [e.value for e in evidence[: len(parts)]]
    right_values = [e.value for e in evidence[len(parts) :]]
    left, right = sum(left_values), sum(right_values)  # type: ignore[arg-type]
    ok = abs(left - right) < 1e-9
    op = "=" if ok else "≠"
    lhs = " + ".join(f"{v:g}" for v in left_values)  # type: ignore[str-format]
    rhs = " + ".join(f"{v:g}" for v in right_values)  # type: ignore[str-format]
    lhs = lhs if len(left_values) == 1 else f"{lhs} = {left:g}"
    rhs = rhs if len(right_values) == 1 else f"{rhs} = {right:g}"
    return Check(check_id, "pass" if ok else "fail", f"{what}：{lhs} {op} {rhs}", evidence)


def _outcome_check(record: Record, col: str, rows: list[str]) -> Check:
    """Outcome rows of one column add up to total_processed; the message gives the two sums."""
    check_id = f"requests.outcomes.{col}"
    what = REQUEST_COLUMN_LABELS.get(col, col)
    parts = [f"requests.{r}.{col}" for r in rows]
    evidence = _evidence(record, [*parts, f"requests.total_processed.{col}"])
    unknown = _missing(check_id, what, evidence)
    if unknown:
        return unknown
    left = sum(e.value for e in evidence[:-1])  # type: ignore[misc]
    right = evidence[-1].value
    ok = abs(left - right) < 1e-9  # type: ignore[operator]
    message = f"{what}：各项办理结果之和 {left:g} {'=' if ok else '≠'} 总计 {right:g}"
    return Check(check_id, "pass" if ok else "fail", message, evidence)


def request_checks(record: Record) -> list[Check]:
    requests = record.tables.get("requests")
    if not requests:
        return [Check("requests", "unknown", "未找到第三部分申请办理情况统计表", [])]
    rows = list(requests)
    outcomes = outcome_rows(rows)  # the rows printed: a 2021 report may print the 2019 form's rows
    checks = []
    received, carried_over, processed, carried_forward = BALANCE_ROWS
    for col in REQUEST_COLUMNS:
        checks.append(
            _sum_check(
                f"requests.balance.{col}",
                REQUEST_COLUMN_LABELS.get(col, col),
                record,
                [f"requests.{received}.{col}", f"requests.{carried_over}.{col}"],
                [f"requests.{processed}.{col}", f"requests.{carried_forward}.{col}"],
            )
        )
        checks.append(_outcome_check(record, col, outcomes))
    for row in rows:
        checks.append(
            _sum_check(
                f"requests.columns.{row}",
                REQUEST_ROW_LABELS.get(row, row),
                record,
                [f"requests.{row}.{c}" for c in REQUEST_COLUMNS[:-1]],
                [f"requests.{row}.{REQUEST_COLUMNS[-1]}"],
            )
        )
    return checks


def appeal_checks(record: Record) -> list[Check]:
    if not record.tables.get("appeals"):
        return [Check("appeals", "unknown", "未找到第四部分行政复议、行政诉讼情况统计表", [])]
    return [
        _sum_check(
            f"appeals.totals.{g}",
            APPEAL_LABELS.get(g, g),
            record,
            [f"appeals.{g}_{o}" for o in APPEAL_OUTCOMES[:-1]],
            [f"appeals.{g}_{APPEAL_OUTCOMES[-1]}"],
        )
        for g in APPEAL_GROUPS
    ]


def structure_check(record: Record, headings: list[Heading] | None = None) -> Check:
    if not form_of(record).six_sections:
        return Check("structure", "unknown", "2019年以前的旧格式报告，不适用六个部分的结构", [])
    found = [s.number for s in record.sections]
    evidence = [Evidence(f"section.{s.number}", s.title, s.start, s.end) for s in record.sections]
    missing = [n for n in range(1, 7) if n not in found]
    duplicated = _duplicated_sections(record.text, find_headings(record.text) if headings is None else headings)
    if missing:
        return Check("structure", "fail", f"缺少第{_numerals(missing)}部分", evidence)
    if duplicated:
        return Check(
            "structure",
            "fail",
            f"第{_numerals(duplicated)}部分出现两次，且两处都有内容",
            evidence,
        )
    return Check("structure", "pass", "六个部分齐全，各出现一次，顺序正确", evidence)


def _numerals(numbers: list[int]) -> str:
    """Section numbers as printed: [1, 3] -> "一、三"."""
    return "、".join("一二三四五六"[n - 1] for n in numbers)


def _duplicated_sections(text: str, headings: list[Heading]) -> list[int]:
    """Sections whose heading appears twice with real content after both."""
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


_PERIOD_RANGE = re.compile(
    r"统计期限?[^0-9]{0,6}(?P<y1>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^0-9]{0,6}(?P<y2>(?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_LEAD = re.compile(r"(?:^|\n|。)\s*(?P<y>(?:19|20)\d{2})\s*年\s*度?\s*(?:[，,]|是|以来|我|全)")
_ACTIVITY = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*度?\s*(?:以来)?\s*(?:共|全年|累计|全区|全县|全市|全镇|我[县区市镇局乡])?\s*"
    r"(?:主动)?(?:公开了?|发布了?|收到|受理|办理|制发|新收)"
)
_PREVIOUS = re.compile(r"上年|上一年|去年|针对|较|比|同比|存在的?问题|整改|对照|截至|截止")
_FUTURE = re.compile(r"将|计划|下一步|拟|继续|力争|明年")


_TITLE_LINE = re.compile(
    r"(?m)^[^\n《》。，]{0,60}?(?P<y>(?:19|20)\d{2})\s*年\s*度?\s*的?(?:政府)?(?:信息公开|政务公开)[^\n。，]{0,12}?报告\s*$"
)


def year_statements(record: Record) -> list[Evidence]:
    """Years the text states as the reporting year, with their offsets.

    Title lines, the statistics period, and in sections 1-4 paragraph-leading
    "YYYY年，" and "YYYY年共公开…" activity statements — but not previous
    years in comparisons or rectification, next years in plans or carry-over,
    nor years inside document names 《…》.
    """
    text = record.text
    found = _title_and_period_years(text)
    for number in (1, 2, 3, 4):
        section = next((s for s in record.sections if s.number == number), None)
        if section is None:
            continue
        for rx in (_LEAD, _ACTIVITY):
            for m in rx.finditer(text, section.start, section.end):
                if _is_reporting_year(text, m, section.start, record.meta.year) and not any(
                    e.start == m.start("y") for e in found
                ):
                    found.append(Evidence("text.reporting_year", int(m.group("y")), m.start("y"), m.end("y")))
    return found


def _title_and_period_years(text: str) -> list[Evidence]:
    """Years in title lines and in the statistics period."""
    found = [Evidence("text.title", int(m.group("y")), m.start("y"), m.end("y")) for m in _TITLE_LINE.finditer(text)]
    for m in _PERIOD_RANGE.finditer(text):
        for g in ("y1", "y2"):
            found.append(Evidence("text.statistics_period", int(m.group(g)), m.start(g), m.end(g)))
    return found


def _is_reporting_year(text: str, m: re.Match[str], section_start: int, year: int | None) -> bool:
    """False for a year inside a document name, an earlier year compared with, a later year planned for."""
    y = int(m.group("y"))
    before = text[max(section_start, m.start("y") - 12) : m.start("y")]
    after = text[m.end("y") : m.end() + 30]
    if "《" in before and "》" not in before:
        return False  # a document name
    if year is not None and y < year and _PREVIOUS.search(before + after):
        return False
    return not (year is not None and y > year and (_FUTURE.search(after) or re.search(r"结转|转入|延期|顺延", before)))


def year_check(record: Record) -> Check:
    year = record.meta.year
    if year is None:
        return Check("year", "unknown", "报告年度未识别（meta.year 为空）", [])
    evidence = year_statements(record)
    wrong = [e for e in evidence if e.value != year]
    if wrong:
        shown = "年、".join(sorted({str(e.value) for e in wrong}))
        return Check(
            "year",
            "fail",
            f"报告年度为{year}年，但正文把本年度工作表述为{shown}年",
            wrong + [e for e in evidence if e not in wrong],
        )
    if not evidence:
        return Check("year", "unknown", f"正文未说明报告年度，无法与{year}年核对", [])
    return Check("year", "pass", f"正文所述报告年度均为{year}年", evidence)


def run_checks(record: Record, headings: list[Heading] | None = None) -> list[Check]:
    """Every check of one record; ``headings``: the section headings already found in its text."""
    checks = [structure_check(record, headings), year_check(record)]
    checks += [*request_checks(record), *appeal_checks(record)]
    if record.ocr:
        for check in checks:
            name_ocr_cells(record, check)
    return checks


OCR_SURE = 0.9  # an OCR'd cell read less surely than this is named when its check fails


def name_ocr_cells(record: Record, check: Check) -> None:
    """Give a check over OCR'd cells the confidence of each (evidence ``ocr_confidence.<cell>``).

    A failed check names its least sure cell in the message when that one is below :data:`OCR_SURE`:
    a misread digit is the likelier cause.
    """
    reads = {r.start: r for r in record.ocr if r.kind == "cell" and r.start >= 0}
    sure: list[tuple[float, str]] = []
    for e in list(check.evidence):
        read = reads.get(e.start) if e.start is not None and "." in e.ref and not e.ref.startswith("text") else None
        if read is not None:
            check.evidence.append(Evidence(f"ocr_confidence.{e.ref}", read.confidence, e.start, e.end))
            sure.append((read.confidence, e.ref))
    if check.status == "fail" and sure and min(sure)[0] < OCR_SURE:
        confidence, ref = min(sure)
        check.message += f" (OCR: {ref} read with confidence {confidence})"
