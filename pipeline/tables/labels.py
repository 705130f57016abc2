"""Row labels of the three standard tables, as printed, to canonical keys.

Patterns match the printed label text with whitespace removed; the Chinese
display labels name columns, appeal groups and outcome groups in summaries.
:mod:`.forms` puts these rows together into one object per table form.
"""

from __future__ import annotations

import re

REQUEST_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
    "total",
)

# (canonical row, pattern on the label text with whitespace removed), in table order.
REQUEST_ROWS: list[tuple[str, str]] = [
    ("new_received", r"本年新收"),
    ("carried_over", r"上年结转"),
    ("granted", r"予以公开"),
    ("partially_granted", r"部分公开"),
    ("denied_state_secret", r"国家秘密"),
    ("denied_prohibited_by_law", r"法律行政法规禁止"),
    ("denied_security_stability", r"三安全一稳定|危及"),
    ("denied_third_party", r"第三方合法权益"),
    ("denied_internal_affairs", r"内部事务"),
    ("denied_process_info", r"过程性信息"),
    ("denied_enforcement_file", r"行政执法案卷"),
    ("denied_admin_query", r"行政查询事项"),
    ("unavailable_not_held", r"不掌握"),
    ("unavailable_needs_creation", r"另行制作"),
    ("unavailable_unclear", r"仍不明确|内容不明确"),
    ("rejected_petition", r"信访|举报投诉"),
    ("rejected_duplicate", r"重复申请"),
    ("rejected_publication", r"公开出版物"),
    ("rejected_excessive", r"大量反复"),
    ("rejected_reissue", r"重新出具|确认或"),
    ("other_no_correction", r"不补正"),
    ("other_unpaid_fee", r"缴纳费用|收费通知"),
    ("other_misc", r"(?:^|[\d.、)])其[他它]$"),
    ("total_processed", r"总计"),
    ("carried_forward", r"结转下年"),
]
OTHER_2019 = ("other", r"其[他它]处理$")
# The 2019 form prints one "other" row where the 2021 form prints the three other_* rows.
_OTHER_AT = [n for n, _ in REQUEST_ROWS].index("other_no_correction")
REQUEST_ROWS_2019: list[tuple[str, str]] = [*REQUEST_ROWS[:_OTHER_AT], OTHER_2019, *REQUEST_ROWS[_OTHER_AT + 3 :]]
# The labels the national forms print for each requests row (2021 form; "other" from 2019):
# the evidence a garbled or separated label is weighed against (:mod:`.placement`).
PRINTED_REQUEST_LABELS: dict[str, str] = {
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
    "other": "（六）其他处理",
    "total_processed": "四、总计",
    "carried_forward": "五、结转下年度继续办理",
}
# Group headings of the outcome rows: printed without values of their own (or with subtotals).
GROUP_HEADING = re.compile(
    r"本年度办理结果|^[（(]?[一二三四五六七][)）、.]?(?:不予公开|无法提供|不予处理|其[他它]处理)$"
)
BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")

APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
APPEAL_KEYS = [f"{g}_{o}" for g in APPEAL_GROUPS for o in APPEAL_OUTCOMES]

# Chinese display labels.
COLUMN_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计列",
}
APPEAL_GROUP_LABELS = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
# Outcome groups: a requests row belongs to the group its key starts with.
OUTCOME_GROUPS: tuple[tuple[str, str], ...] = (
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unavailable", "无法提供"),
    ("rejected", "不予处理"),
    ("other", "其他处理"),
)

# label pattern -> canonical keys of the value cells that follow, per format
DISCLOSURE_2021: list[tuple[str, list[str]]] = [
    (r"^规章|规章$", ["rules_issued", "rules_repealed", "rules_in_force"]),
    (r"规范性文件", ["normative_issued", "normative_repealed", "normative_in_force"]),
    (r"^行政许可|行政许可$", ["licensing_decisions"]),
    (r"^行政处罚|行政处罚$", ["penalty_decisions"]),
    (r"^行政强制|行政强制$", ["coercion_decisions"]),
    (r"行政事业性收费", ["admin_fees_10k_yuan"]),
]
DISCLOSURE_2019: list[tuple[str, list[str]]] = [
    (r"^规章|规章$", ["rules_new", "rules_published", "rules_total"]),
    (r"规范性文件", ["normative_new", "normative_published", "normative_total"]),
    (r"^行政许可|行政许可$", ["licensing_items_prev", "licensing_items_change", "licensing_decisions"]),
    (r"其他对外管理服务事项", ["other_services_items_prev", "other_services_items_change", "other_services_decisions"]),
    (r"^行政处罚|行政处罚$", ["penalty_items_prev", "penalty_items_change", "penalty_decisions"]),
    (r"^行政强制|行政强制$", ["coercion_items_prev", "coercion_items_change", "coercion_decisions"]),
    (r"行政事业性收费", ["fees_items_prev", "fees_items_change"]),
    (r"政府集中采购", ["procurement_items", "procurement_total"]),
]


def matches(pattern: str, key: str) -> bool:
    return re.search(pattern, key) is not None


# The label each form prints for a disclosure row, by the row's first key: evidence for a garbled label.
PRINTED_DISCLOSURE_LABELS: dict[str, str] = {
    "rules_issued": "规章",
    "rules_new": "规章",
    "normative_issued": "行政规范性文件",
    "normative_new": "规范性文件",
    "licensing_decisions": "行政许可",
    "licensing_items_prev": "行政许可",
    "other_services_items_prev": "其他对外管理服务事项",
    "penalty_decisions": "行政处罚",
    "penalty_items_prev": "行政处罚",
    "coercion_decisions": "行政强制",
    "coercion_items_prev": "行政强制",
    "admin_fees_10k_yuan": "行政事业性收费",
    "fees_items_prev": "行政事业性收费",
    "procurement_items": "政府集中采购",
}
