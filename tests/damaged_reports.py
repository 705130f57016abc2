"""Made-up reports with damaged table layouts, and the cells they print.

青禾县 and its agencies are fictional; every number here was invented for
these tests and the tables add up (row, column, balance and appeal totals)
unless a damage says otherwise.  Labels are the national forms' printed
labels.  Each builder returns the report text and the truth: the cells a
perfect reader gives (``{"requests.<row>.<col>": value, ...}``).
"""

from __future__ import annotations

COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")
# the 2021 form's requests rows and their printed labels
LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_security_stability": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_file": "7.属于行政执法案卷",
    "denied_admin_query": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "1.信访举报投诉类申请",
    "rejected_duplicate": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_misc": "3.其他",
    "total_processed": "四、总计",
    "carried_forward": "五、结转下年度继续办理",
}

HEAD = "青禾县农业农村局2023年政府信息公开工作年度报告\n一、总体情况\n本局依法做好公开工作。\n"
TAIL = "五、存在的主要问题及改进情况\n培训不够。\n六、其他需要报告的事项\n无。\n"
REQUESTS_HEADING = "三、收到和处理政府信息公开申请情况"
APPEALS_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
ROWS = list(LABELS)
# row -> (natural person, commercial); other columns are 0, total is their sum
NUMBERS = {
    "new_received": (25, 5),
    "carried_over": (2, 1),
    "granted": (9, 4),
    "partially_granted": (3, 0),
    "denied_prohibited_by_law": (2, 0),
    "denied_third_party": (1, 1),
    "unavailable_not_held": (6, 0),
    "unavailable_unclear": (1, 0),
    "rejected_duplicate": (2, 0),
    "other_misc": (1, 0),
    "total_processed": (25, 5),
    "carried_forward": (2, 1),
}
APPEALS = [1, 0, 0, 0, 1, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0]


def row_values(name: str) -> list[int]:
    a, b = NUMBERS.get(name, (0, 0))
    return [a, b, 0, 0, 0, 0, a + b]


def truth() -> dict[str, int]:
    return {f"requests.{r}.{c}": v for r in ROWS for c, v in zip(COLUMNS, row_values(r))}


def label(name: str) -> str:
    return LABELS[name]


def _report(requests: str) -> str:
    appeals = "\t".join(map(str, APPEALS))
    return HEAD + "二、主动公开政府信息情况\n" + requests + f"\n{APPEALS_HEADING}\n{appeals}\n" + TAIL


def typo_tsv() -> tuple[str, dict[str, int]]:
    """Tab-separated rows; one label misprinted (a character dropped and one swapped)."""
    lines = [REQUESTS_HEADING]
    for name in ROWS:
        printed = "2.其他法律行政止公开" if name == "denied_prohibited_by_law" else label(name)
        lines.append(printed + "\t" + "\t".join(map(str, row_values(name))))
    return _report("\n".join(lines)), truth()


def typo_flattened() -> tuple[str, dict[str, int]]:
    """The whole table on one line with run-together digits; one label misprinted."""
    parts = []
    for name in ROWS:
        printed = "2.其他法律行政止公开" if name == "denied_prohibited_by_law" else label(name)
        parts.append(printed + "".join(map(str, row_values(name))))
    return _report(REQUESTS_HEADING + "申请人情况自然人总计" + "".join(parts)), truth()


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_apart() -> tuple[str, dict[str, int]]:
    """PDF-to-Markdown: balance rows in a table, the outcome labels as lines, then their value rows without labels.

    The table is broken across two Markdown tables (a page break) inside the unlabelled value rows.
    """
    head = [
        _md_row(["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]),
        _md_row(["---"] * 8),
    ]
    lines = [REQUESTS_HEADING, "", *head]
    lines += [_md_row([label(n), *map(str, row_values(n))]) for n in ("new_received", "carried_over")]
    lines += ["", "三、本年度办理结果"]
    outcomes = ROWS[2:-2]
    for name in outcomes:
        if name == "denied_state_secret":
            lines.append("（三）不予公开")
        lines.append(label(name))
    lines.append("")
    for k, name in enumerate(outcomes):
        if k == 12:
            lines += ["", "- 4 -", "", _md_row([""] * 8), _md_row(["---"] * 8)]
        lines.append(_md_row(["", *map(str, row_values(name))]))
    lines += [_md_row([label(n), *map(str, row_values(n))]) for n in ("total_processed", "carried_forward")]
    return _report("\n".join(lines)), truth()


def seven_digits() -> tuple[str, dict[str, int]]:
    """Run-together digits; one row prints 5 and 1 with a total of 0 ("5100000"): one reading, a wrong total."""
    parts = []
    for name in ROWS:
        digits = "5100000" if name == "rejected_publication" else "".join(map(str, row_values(name)))
        parts.append(label(name) + digits)
    cells = truth()
    cells.update({"requests.rejected_publication.natural_person": 5, "requests.rejected_publication.commercial": 1})
    return _report(REQUESTS_HEADING + "".join(parts)), cells


DAMAGED = {
    "typo_tsv": typo_tsv,
    "typo_flattened": typo_flattened,
    "markdown_apart": markdown_apart,
    "seven_digits": seven_digits,
}


def markdown_split_row() -> tuple[str, dict[str, int]]:
    """PDF-to-Markdown across a page break: one row's label ends the first table, its values open the second."""
    header = _md_row(["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    lines = [REQUESTS_HEADING, "", header, _md_row(["---"] * 8)]
    for name in ROWS:
        if name == "unavailable_not_held":
            lines += [_md_row([label(name)] + [""] * 7), "", "- 3 -", "", header, _md_row(["---"] * 8)]
            lines.append(_md_row(["", *map(str, row_values(name))]))
            continue
        lines.append(_md_row([label(name), *map(str, row_values(name))]))
    return _report("\n".join(lines)), truth()


DAMAGED["markdown_split_row"] = markdown_split_row


def markdown_apart_2019() -> tuple[str, dict[str, int]]:
    """As :func:`markdown_apart`, in the 2019 form: one "（六）其他处理" row where 2021 prints three."""
    text, _ = markdown_apart()
    others = [LABELS[r] for r in ("other_no_correction", "other_unpaid_fee", "other_misc")]
    lines = [ln for ln in text.split("\n") if ln not in others[1:]]
    lines[lines.index(others[0])] = "（六）其他处理"
    # the value rows of the three other_* rows become one (their sums: 1, 0, 0, 0, 0, 0, 1)
    values = [
        _md_row(["", *map(str, row_values(r))]) for r in ("other_no_correction", "other_unpaid_fee", "other_misc")
    ]
    k = max(i for i, ln in enumerate(lines) if ln in values)
    lines = lines[: k - 2] + [_md_row(["", "1", "0", "0", "0", "0", "0", "1"])] + lines[k + 1 :]
    cells = {k: v for k, v in truth().items() if not k.startswith("requests.other_")}
    cells.update({f"requests.other.{c}": v for c, v in zip(COLUMNS, [1, 0, 0, 0, 0, 0, 1])})
    return "\n".join(lines), cells


DAMAGED["markdown_apart_2019"] = markdown_apart_2019


def markdown_apart_blank() -> tuple[str, dict[str, int | None]]:
    """As :func:`markdown_apart`, with one unlabelled value row printing a blank cell (a null, not a 0)."""
    text, cells = markdown_apart()
    row = _md_row(["", *map(str, row_values("granted"))])
    blanked = row.replace("| 9 | 4 | 0 |", "| 9 |  | 0 |", 1)
    assert text.count(row) == 1 and blanked != row
    cells = {**cells, "requests.granted.commercial": None}
    return text.replace(row, blanked), cells  # type: ignore[return-value]


DAMAGED["markdown_apart_blank"] = markdown_apart_blank  # type: ignore[assignment]
