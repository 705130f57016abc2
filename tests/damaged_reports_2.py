"""More made-up reports with damaged table layouts, and the cells they print.

A second set of damages (see :mod:`tests.damaged_reports` for the first):
layouts that web pages, copy-paste and PDF-to-text produce and that the
first set does not show.  青禾县 and its agencies are fictional; every number
was invented and the tables add up (row, column, balance and appeal totals).
Each builder returns the report (plain text, or HTML for the builders named in
:data:`FORMATS`) and the truth: the cells a perfect reader gives, keyed as
``"requests.<row>.<col>"`` and ``"appeals.<key>"``; a None is a printed blank.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.damaged_reports import COLUMNS, LABELS

ROWS = list(LABELS)
# every applicant column carries numbers, so a column shifted by one shows
VALUES = {
    # natural person, commercial, research, public interest, legal services, other
    "new_received": (25, 5, 2, 1, 3, 0),
    "carried_over": (2, 1, 0, 0, 1, 0),
    "granted": (9, 4, 1, 0, 2, 0),
    "partially_granted": (3, 0, 0, 0, 0, 0),
    "denied_prohibited_by_law": (2, 0, 0, 0, 0, 0),
    "denied_third_party": (1, 1, 0, 0, 0, 0),
    "unavailable_not_held": (6, 0, 1, 0, 0, 0),
    "unavailable_needs_creation": (0, 0, 0, 1, 0, 0),
    "unavailable_unclear": (1, 0, 0, 0, 0, 0),
    "rejected_petition": (0, 0, 0, 0, 1, 0),
    "rejected_duplicate": (2, 0, 0, 0, 0, 0),
    "other_misc": (1, 0, 0, 0, 0, 0),
    "total_processed": (25, 5, 2, 1, 3, 0),
    "carried_forward": (2, 1, 0, 0, 1, 0),
}
APPEAL_KEYS = [
    f"{group}_{part}"
    for group in ("review", "suit_direct", "suit_after_review")
    for part in ("upheld", "corrected", "other", "pending", "total")
]
APPEALS = [2, 1, 0, 1, 4, 1, 0, 1, 0, 2, 0, 1, 0, 0, 1]
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
# the group rows the national form prints without numbers
GROUPS = {
    "granted": "三、本年度办理结果",
    "denied_state_secret": "（三）不予公开",
    "unavailable_not_held": "（四）无法提供",
    "rejected_petition": "（五）不予处理",
    "other_no_correction": "（六）其他处理",
}

HEAD = (
    "青禾县市场监督管理局2023年政府信息公开工作年度报告\n"
    "一、总体情况\n本局依法推进政务公开。\n"
    "二、主动公开政府信息情况\n本年主动公开信息若干条。\n"
)
TAIL = "五、存在的主要问题及改进情况\n公开深度不够。\n六、其他需要报告的事项\n无。\n"
REQUESTS_HEADING = "三、收到和处理政府信息公开申请情况"
APPEALS_HEADING = "四、政府信息公开行政复议、行政诉讼情况"


def row_values(name: str, scale: int = 1) -> list[int]:
    six = [v * scale for v in VALUES.get(name, (0,) * 6)]
    return [*six, sum(six)]


def request_truth(scale: int = 1) -> dict[str, int | None]:
    return {f"requests.{r}.{c}": v for r in ROWS for c, v in zip(COLUMNS, row_values(r, scale))}


def appeal_truth() -> dict[str, int | None]:
    return {f"appeals.{k}": v for k, v in zip(APPEAL_KEYS, APPEALS)}


def _tsv_appeals() -> str:
    return APPEALS_HEADING + "\n" + "\t".join(map(str, APPEALS))


def _report(requests: str, appeals: str | None = None) -> str:
    return HEAD + requests + "\n" + (appeals or _tsv_appeals()) + "\n" + TAIL


def _tsv_header() -> list[str]:
    return ["\t申请人情况", "\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t" + "\t".join(APPLICANTS[1:])]


def _tsv_rows(labels: dict[str, str] | None = None, sep: str = "\t", fmt: Callable[[int], str] = str) -> list[str]:
    lines = []
    for name in ROWS:
        if name in GROUPS:
            lines.append(GROUPS[name])
        label = (labels or LABELS).get(name, LABELS[name])
        lines.append(label + sep + sep.join(fmt(v) for v in row_values(name)))
    return lines


def one_cell_per_line() -> tuple[str, dict[str, int | None]]:
    """Copy-paste from a web page: every cell on its own line, the label first, then its seven numbers."""
    lines = [REQUESTS_HEADING, "申请人情况", "自然人", "法人或其他组织", *APPLICANTS[1:], "总计"]
    for name in ROWS:
        if name in GROUPS:
            lines.append(GROUPS[name])
        lines.append(LABELS[name])
        lines += [str(v) for v in row_values(name)]
    return _report("\n".join(lines)), request_truth()


def thousands_spaced() -> tuple[str, dict[str, int | None]]:
    """Big numbers printed with thousand separators ("1,107"), cells separated by single spaces."""
    lines = [REQUESTS_HEADING, "申请人情况 自然人 " + " ".join(APPLICANTS[1:]) + " 总计"]
    for name in ROWS:
        lines.append(LABELS[name] + " " + " ".join(f"{v:,}" for v in row_values(name, 123)))
    return _report("\n".join(lines)), request_truth(123)


def header_split() -> tuple[str, dict[str, int | None]]:
    """The header of applicant types broken over two lines in the middle of a name."""
    lines = [
        REQUESTS_HEADING,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t商业企业\t科研机构\t社会公",
        "益组织\t法律服务机构\t其他",
        *_tsv_rows(),
    ]
    return _report("\n".join(lines)), request_truth()


def mixed_blanks() -> tuple[str, dict[str, int | None]]:
    """Zero cells printed as "/", "—" or "0" in turn: the slash and dash cells are blanks (null)."""
    truth = request_truth()
    lines = [REQUESTS_HEADING, *_tsv_header()]
    k = 0
    for name in ROWS:
        if name in GROUPS:
            lines.append(GROUPS[name])
        cells = []
        for col, v in zip(COLUMNS, row_values(name)):
            if v == 0 and col != "total":
                mark = ("/", "—", "0")[k % 3]
                k += 1
                if mark != "0":
                    truth[f"requests.{name}.{col}"] = None
                cells.append(mark)
            else:
                cells.append(str(v))
        lines.append(LABELS[name] + "\t" + "\t".join(cells))
    return _report("\n".join(lines)), truth


def appeals_row_major() -> tuple[str, dict[str, int | None]]:
    """The appeals table flattened row by row: its header rows, one cell a line, then the 15 numbers."""
    parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    lines = [
        APPEALS_HEADING,
        "行政复议",
        "行政诉讼",
        *parts,
        "未经复议直接起诉",
        "复议后起诉",
        *parts,
        *parts,
        *map(str, APPEALS),
    ]
    tsv = REQUESTS_HEADING + "\n" + "\n".join([*_tsv_header(), *_tsv_rows()])
    return _report(tsv, "\n".join(lines)), appeal_truth()


UNNUMBERED = {
    name: label.lstrip("一二三四五、（）12345678.").split("（")[0]
    for name, label in LABELS.items()
    if name not in ("total_processed",)
}


def unnumbered_labels() -> tuple[str, dict[str, int | None]]:
    """Row labels that lost their numbering ("予以公开" without "（一）"), group rows unnumbered too."""
    lines = [REQUESTS_HEADING, *_tsv_header()]
    for line in _tsv_rows(UNNUMBERED):
        label = line.split("\t")[0]
        lines.append(GROUPS_UNNUMBERED.get(label, line))
    return _report("\n".join(lines)), request_truth()


GROUPS_UNNUMBERED = {g: g.lstrip("三、（）六五四").lstrip("、") for g in GROUPS.values()}


def total_first() -> tuple[str, dict[str, int | None]]:
    """The total column printed first, as the header says."""
    lines = [REQUESTS_HEADING, "\t总计\t自然人\t" + "\t".join(APPLICANTS[1:])]
    for name in ROWS:
        values = row_values(name)
        lines.append(LABELS[name] + "\t" + "\t".join(map(str, [values[-1], *values[:-1]])))
    return _report("\n".join(lines)), request_truth()


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def fullwidth_digits() -> tuple[str, dict[str, int | None]]:
    """Full-width digits separated by ideographic spaces, as some word processors print them."""
    lines = [REQUESTS_HEADING, "申请人情况　自然人　" + "　".join(APPLICANTS[1:]) + "　总计"]
    for name in ROWS:
        lines.append(LABELS[name] + "　" + "　".join(str(v).translate(FULLWIDTH) for v in row_values(name)))
    appeals = APPEALS_HEADING + "\n" + "　".join(str(v).translate(FULLWIDTH) for v in APPEALS)
    return _report("\n".join(lines), appeals), {**request_truth(), **appeal_truth()}


def page_break_repeat() -> tuple[str, dict[str, int | None]]:
    """PDF-to-text: the table broken across two pages, page number and the header rows repeated between."""
    rows = _tsv_rows()
    k = next(i for i, ln in enumerate(rows) if ln.startswith(LABELS["unavailable_not_held"]))
    lines = [REQUESTS_HEADING, *_tsv_header(), *rows[:k], "", "— 3 —", "", *_tsv_header(), *rows[k:]]
    return _report("\n".join(lines)), request_truth()


def _td(text: object = "", **attrs: int) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<td{extra}>{text}</td>"


def html_spans() -> tuple[str, dict[str, int | None]]:
    """An HTML table with rowspan/colspan headers and group labels, and empty <td>s for blank cells.

    The three group columns (三、本年度办理结果 / （三）不予公开 …) are rowspans, as the national form prints them;
    other_org's zeros are left empty (blank, null).
    """
    rows = [
        _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3)
        + _td("申请人情况", colspan=7),
        _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
        "".join(_td(a) for a in APPLICANTS[1:]),
    ]
    truth = request_truth()
    spans = {"granted": 21, "denied_state_secret": 8, "unavailable_not_held": 3, "rejected_petition": 5}
    spans["other_no_correction"] = 3
    for name in ROWS:
        values = row_values(name)
        cells = [str(v) for v in values[:5]] + [""] + [str(values[6])]
        truth[f"requests.{name}.other_org"] = None
        group = ""
        if name == "granted":
            group = _td("三、本年度办理结果", rowspan=21)
        if name in ("new_received", "carried_over", "total_processed", "carried_forward"):
            head = _td(LABELS[name], colspan=3)
        elif name in ("granted", "partially_granted"):
            head = group + _td(LABELS[name], colspan=2)
        else:
            sub = _td(GROUPS[name], rowspan=spans[name]) if name in spans and name != "granted" else ""
            head = group + sub + _td(LABELS[name])
        rows.append(head + "".join(_td(c) for c in cells))
    table = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"
    appeals = "<table><tr>" + "".join(_td(v) for v in APPEALS) + "</tr></table>"
    body = "".join(f"<p>{ln}</p>" for ln in HEAD.strip().split("\n"))
    body += f"<p>{REQUESTS_HEADING}</p>{table}<p>{APPEALS_HEADING}</p>{appeals}"
    body += "".join(f"<p>{ln}</p>" for ln in TAIL.strip().split("\n"))
    html = f'<html><head><meta charset="utf-8"><title>年度报告</title></head><body>{body}</body></html>'
    return html, {**truth, **appeal_truth()}


DAMAGED_2: dict[str, Callable[[], tuple[str, dict[str, int | None]]]] = {
    "one_cell_per_line": one_cell_per_line,
    "thousands_spaced": thousands_spaced,
    "header_split": header_split,
    "mixed_blanks": mixed_blanks,
    "appeals_row_major": appeals_row_major,
    "unnumbered_labels": unnumbered_labels,
    "total_first": total_first,
    "fullwidth_digits": fullwidth_digits,
    "page_break_repeat": page_break_repeat,
    "html_spans": html_spans,
}
FORMATS = {"html_spans": "html"}  # the others are plain text


# A second batch, written after the fixes for the first ten and scored before any fix for them.

DISCLOSURE = {
    "rules_issued": 1,
    "rules_repealed": 0,
    "rules_in_force": 6,
    "normative_issued": 4,
    "normative_repealed": 2,
    "normative_in_force": 38,
    "licensing_decisions": 120,
    "penalty_decisions": 45,
    "coercion_decisions": 3,
    "admin_fees_10k_yuan": 2.5,
}


def disclosure_one_per_line() -> tuple[str, dict[str, int | float | None]]:
    """The disclosure table copied from a web page one cell a line, its sub-headings and column heads included."""
    d = DISCLOSURE
    lines = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "规章",
        *map(str, (d["rules_issued"], d["rules_repealed"], d["rules_in_force"])),
        "行政规范性文件",
        *map(str, (d["normative_issued"], d["normative_repealed"], d["normative_in_force"])),
        "第二十条第（五）项",
        "信息内容",
        "本年处理决定数量",
        "行政许可",
        str(d["licensing_decisions"]),
        "第二十条第（六）项",
        "信息内容",
        "本年处理决定数量",
        "行政处罚",
        str(d["penalty_decisions"]),
        "行政强制",
        str(d["coercion_decisions"]),
        "第二十条第（八）项",
        "信息内容",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
        str(d["admin_fees_10k_yuan"]),
    ]
    head = HEAD.split("二、")[0]
    tsv = REQUESTS_HEADING + "\n" + "\n".join([*_tsv_header(), *_tsv_rows()])
    text = head + "\n".join(lines) + "\n" + tsv + "\n" + _tsv_appeals() + "\n" + TAIL
    return text, {f"disclosure.{k}": v for k, v in d.items()}


def pdf_layout_wrapped() -> tuple[str, dict[str, int | None]]:
    """pdftotext -layout: columns padded with spaces, long labels wrapped over three lines with the numbers on
    the middle one (a vertically centred cell), the group label sharing a line with the first row of its group."""
    lines = [REQUESTS_HEADING, "                    申请人情况", "          自然人   法人或其他组织        总计"]
    for name in ROWS:
        values = "    ".join(f"{v:>3}" for v in row_values(name))
        label = LABELS[name]
        if name in GROUPS and name not in ("granted",):
            label = GROUPS[name] + "    " + label
        if len(LABELS[name]) > 20:
            third = len(label) // 3
            lines += [label[:third], f"{label[third : 2 * third]}      {values}", label[2 * third :]]
        else:
            lines.append(f"{label:<30}{values}")
    return _report("\n".join(lines)), request_truth()


def appeals_header_blanks() -> tuple[str, dict[str, int | None]]:
    """The appeals table tab-separated with its three header rows; zero cells of the suits printed as "/"."""
    parts = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    cells = [str(v) if v or k < 5 else "/" for k, v in enumerate(APPEALS)]
    lines = [
        APPEALS_HEADING,
        "行政复议\t\t\t\t\t行政诉讼",
        "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t".join([parts, parts, parts]),
        "\t".join(cells),
    ]
    truth = {k: (v if c != "/" else None) for (k, v), c in zip(appeal_truth().items(), cells)}
    tsv = REQUESTS_HEADING + "\n" + "\n".join([*_tsv_header(), *_tsv_rows()])
    return _report(tsv, "\n".join(lines)), truth


def html_label_rows_apart() -> tuple[str, dict[str, int | None]]:
    """An HTML table whose converter put every row label in a row of its own, its seven numbers in the next."""
    rows = [_td("申请人情况", colspan=7), "".join(_td(a) for a in [*APPLICANTS, "总计"])]
    for name in ROWS:
        rows.append(_td(LABELS[name], colspan=7))
        rows.append("".join(_td(v) for v in row_values(name)))
    table = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"
    body = "".join(f"<p>{ln}</p>" for ln in HEAD.strip().split("\n"))
    body += f"<p>{REQUESTS_HEADING}</p>{table}<p>{APPEALS_HEADING}</p><p>{' '.join(map(str, APPEALS))}</p>"
    body += "".join(f"<p>{ln}</p>" for ln in TAIL.strip().split("\n"))
    html = f'<html><head><meta charset="utf-8"><title>年度报告</title></head><body>{body}</body></html>'
    return html, request_truth()


def transposed() -> tuple[str, dict[str, int | None]]:
    """The requests table transposed (applicant types as rows, the form's rows as columns): nothing may come out
    wrong; reading it at all is a bonus."""
    lines = [REQUESTS_HEADING, "申请人\t" + "\t".join(LABELS[n] for n in ROWS)]
    for k, applicant in enumerate([*APPLICANTS, "总计"]):
        lines.append(applicant + "\t" + "\t".join(str(row_values(n)[k]) for n in ROWS))
    return _report("\n".join(lines)), request_truth()


def markdown_bold_totals() -> tuple[str, dict[str, int | None]]:
    """PDF-to-Markdown that kept the bold of the total column and the total rows ("**36**")."""
    head = "| | " + " | ".join([*APPLICANTS, "总计"]) + " |"
    lines = [REQUESTS_HEADING, "", head, "|" + "---|" * 8]
    for name in ROWS:
        bold = name in ("total_processed", "carried_forward")
        cells = [f"**{v}**" if bold or k == 6 else str(v) for k, v in enumerate(row_values(name))]
        lines.append(f"| {LABELS[name]} | " + " | ".join(cells) + " |")
    return _report("\n".join(lines)), request_truth()


DAMAGED_2.update(
    {
        "disclosure_one_per_line": disclosure_one_per_line,  # type: ignore[dict-item]
        "pdf_layout_wrapped": pdf_layout_wrapped,
        "appeals_header_blanks": appeals_header_blanks,
        "html_label_rows_apart": html_label_rows_apart,
        "transposed": transposed,
        "markdown_bold_totals": markdown_bold_totals,
    }
)
FORMATS["html_label_rows_apart"] = "html"
