"""Row and column labels of the three tables as the standard forms print them (for people).

:mod:`pipeline.tables.labels` holds the label *patterns* used to read the
tables and, as evidence for placing rows, each row's own printed label; the
labels here are for display: a row under its group heading ("（三）不予公开
1.属于国家秘密"), long labels shortened.  Keys are the canonical keys of
SPEC.md; a key with no printed label is shown as is.
"""

from __future__ import annotations

from .forms import APPEAL_GROUP_LABELS, COLUMN_LABELS, REQUEST_COLUMNS

REQUEST_ROW_LABELS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密",
    "denied_prohibited_by_law": "（三）不予公开 2.其他法律行政法规禁止公开",
    "denied_security_stability": "（三）不予公开 3.危及“三安全一稳定”",
    "denied_third_party": "（三）不予公开 4.保护第三方合法权益",
    "denied_internal_affairs": "（三）不予公开 5.属于三类内部事务信息",
    "denied_process_info": "（三）不予公开 6.属于四类过程性信息",
    "denied_enforcement_file": "（三）不予公开 7.属于行政执法案卷",
    "denied_admin_query": "（三）不予公开 8.属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "（四）无法提供 2.没有现成信息需要另行制作",
    "unavailable_unclear": "（四）无法提供 3.补正后申请内容仍不明确",
    "rejected_petition": "（五）不予处理 1.信访举报投诉类申请",
    "rejected_duplicate": "（五）不予处理 2.重复申请",
    "rejected_publication": "（五）不予处理 3.要求提供公开出版物",
    "rejected_excessive": "（五）不予处理 4.无正当理由大量反复申请",
    "rejected_reissue": "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 1.申请人无正当理由逾期不补正",
    "other_unpaid_fee": "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
    "other_misc": "（六）其他处理 3.其他",
    "other": "（六）其他处理",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
# The columns as printed: 自然人 | 法人或其他组织 (five) | 总计.
REQUEST_COLUMN_LABELS: dict[str, str] = {c: COLUMN_LABELS[c] for c in REQUEST_COLUMNS} | {
    "other_org": "其他",
    "total": "总计",
}
ORGANISATION_COLUMNS = ("commercial", "research", "public_interest", "legal_services", "other_org")

# disclosure key -> (item as printed, column as printed)
DISCLOSURE_LABELS: dict[str, tuple[str, str]] = {
    "rules_issued": ("规章", "本年制发件数"),
    "rules_repealed": ("规章", "本年废止件数"),
    "rules_in_force": ("规章", "现行有效件数"),
    "normative_issued": ("行政规范性文件", "本年制发件数"),
    "normative_repealed": ("行政规范性文件", "本年废止件数"),
    "normative_in_force": ("行政规范性文件", "现行有效件数"),
    "licensing_decisions": ("行政许可", "本年处理决定数量"),
    "penalty_decisions": ("行政处罚", "本年处理决定数量"),
    "coercion_decisions": ("行政强制", "本年处理决定数量"),
    "admin_fees_10k_yuan": ("行政事业性收费", "本年收费金额（单位：万元）"),
    "rules_new": ("规章", "本年新制作数量"),
    "rules_published": ("规章", "本年新公开数量"),
    "rules_total": ("规章", "对外公开总数量"),
    "normative_new": ("规范性文件", "本年新制作数量"),
    "normative_published": ("规范性文件", "本年新公开数量"),
    "normative_total": ("规范性文件", "对外公开总数量"),
    "licensing_items_prev": ("行政许可", "上一年项目数量"),
    "licensing_items_change": ("行政许可", "本年增/减"),
    "other_services_items_prev": ("其他对外管理服务事项", "上一年项目数量"),
    "other_services_items_change": ("其他对外管理服务事项", "本年增/减"),
    "other_services_decisions": ("其他对外管理服务事项", "处理决定数量"),
    "penalty_items_prev": ("行政处罚", "上一年项目数量"),
    "penalty_items_change": ("行政处罚", "本年增/减"),
    "coercion_items_prev": ("行政强制", "上一年项目数量"),
    "coercion_items_change": ("行政强制", "本年增/减"),
    "fees_items_prev": ("行政事业性收费", "上一年项目数量"),
    "fees_items_change": ("行政事业性收费", "本年增/减"),
    "procurement_items": ("政府集中采购", "采购项目数量"),
    "procurement_total": ("政府集中采购", "采购总金额"),
}
APPEAL_OUTCOME_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
APPEAL_LABELS: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "行政诉讼 未经复议直接起诉",
    "suit_after_review": "行政诉讼 复议后起诉",
}
APPEAL_GROUP_NAMES: dict[str, str] = dict(APPEAL_GROUP_LABELS)
TABLE_TITLES_ZH: dict[str, str] = {
    "disclosure": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
}


def cell_label(key: str) -> str:
    """A table key ("requests.granted.total", "disclosure.normative_issued", "appeals.review_total") in Chinese."""
    table, _, rest = key.partition(".")
    if table == "requests":
        row, _, col = rest.partition(".")
        row_label = REQUEST_ROW_LABELS.get(row, row)
        return f"{row_label}·{REQUEST_COLUMN_LABELS.get(col, col)}" if col else row_label
    if table == "disclosure" and rest in DISCLOSURE_LABELS:
        return "·".join(DISCLOSURE_LABELS[rest])
    if table == "appeals":
        group, _, outcome = rest.rpartition("_")
        return f"{APPEAL_LABELS.get(group, group)}·{APPEAL_OUTCOME_LABELS.get(outcome, outcome)}"
    return key
