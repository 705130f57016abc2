"""The three statistics tables as HTML, labelled as the standard forms print them.

Every cell with a source span links to it (``#src-t-<key>`` in the marked
text, see :mod:`pipeline.review.html_page`); a blank cell shows "—".
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from ..tables.form_labels import (
    APPEAL_LABELS,
    APPEAL_OUTCOME_LABELS,
    DISCLOSURE_LABELS,
    ORGANISATION_COLUMNS,
    REQUEST_COLUMN_LABELS,
    REQUEST_ROW_LABELS,
)
from ..tables.forms import APPEAL_GROUPS, APPEAL_OUTCOMES, REQUEST_COLUMNS

# key -> the anchor of its span in the text, or None when the key has no span
Linker = Callable[[str], str | None]


def cell(key: str, value: Any, link: Linker) -> str:
    """One value cell, linked to its span when it has one."""
    shown = "—" if value is None else escape(str(value))
    target = link(key) if value is not None else None
    if target is None:
        return f"<td>{shown}</td>"
    return f"<td><a class='cell' href='#{target}' title='{escape(key)}'>{shown}</a></td>"


def requests_table(table: dict[str, Any], link: Linker) -> str:
    """Rows as printed (一、本年新收… 四、结转下年度继续办理), columns 自然人 | 法人或其他组织 (5) | 总计."""
    orgs = "".join(f"<th>{REQUEST_COLUMN_LABELS[c]}</th>" for c in ORGANISATION_COLUMNS)
    head = (
        "<tr><th rowspan='3' class='k'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
        f"<th colspan='{len(REQUEST_COLUMNS)}'>申请人情况</th></tr>"
        f"<tr><th rowspan='2'>{REQUEST_COLUMN_LABELS['natural_person']}</th>"
        f"<th colspan='{len(ORGANISATION_COLUMNS)}'>法人或其他组织</th>"
        f"<th rowspan='2'>{REQUEST_COLUMN_LABELS['total']}</th></tr>"
        f"<tr>{orgs}</tr>"
    )
    rows = []
    for row, cols in table.items():
        if row == "granted":
            rows.append(f"<tr><td class='k' colspan='{len(REQUEST_COLUMNS) + 1}'>三、本年度办理结果</td></tr>")
        cols = cols if isinstance(cols, dict) else {}
        cells = "".join(cell(f"requests.{row}.{c}", cols.get(c), link) for c in REQUEST_COLUMNS)
        rows.append(f"<tr><td class='k'>{escape(REQUEST_ROW_LABELS.get(row, row))}</td>{cells}</tr>")
    return head + "".join(rows)


def disclosure_table(table: dict[str, Any], link: Linker) -> str:
    """Items (规章, 行政规范性文件, 行政许可 …) with their printed columns; a header row where the columns change."""
    items: list[tuple[str, list[str]]] = []
    for key in table:
        item = DISCLOSURE_LABELS.get(key, (key, ""))[0]
        if items and items[-1][0] == item:
            items[-1][1].append(key)
        else:
            items.append((item, [key]))
    out: list[str] = []
    previous: tuple[str, ...] = ()
    for item, keys in items:
        columns = tuple(DISCLOSURE_LABELS.get(k, ("", k))[1] for k in keys)
        if columns != previous:
            out.append("<tr><th class='k'>信息内容</th>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr>")
            previous = columns
        cells = "".join(cell(f"disclosure.{k}", table.get(k), link) for k in keys)
        out.append(f"<tr><td class='k'>{escape(item)}</td>{cells}</tr>")
    return "".join(out)


def appeals_table(table: dict[str, Any], link: Linker) -> str:
    """行政复议, 行政诉讼 (未经复议直接起诉, 复议后起诉) × 结果维持 … 总计."""
    head = (
        "<tr><th class='k'></th>" + "".join(f"<th>{APPEAL_OUTCOME_LABELS[o]}</th>" for o in APPEAL_OUTCOMES) + "</tr>"
    )
    rows = "".join(
        f"<tr><td class='k'>{APPEAL_LABELS[g]}</td>"
        + "".join(cell(f"appeals.{g}_{o}", table.get(f"{g}_{o}"), link) for o in APPEAL_OUTCOMES)
        + "</tr>"
        for g in APPEAL_GROUPS
    )
    return head + rows


RENDERERS: dict[str, Callable[[dict[str, Any], Linker], str]] = {
    "disclosure": disclosure_table,
    "requests": requests_table,
    "appeals": appeals_table,
}
