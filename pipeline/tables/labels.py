"""Row labels of the three standard tables, as printed, to canonical keys."""

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
OUTCOME_ROWS_2021 = [r for r, _ in REQUEST_ROWS[2:23]]

APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
APPEAL_KEYS = [f"{g}_{o}" for g in APPEAL_GROUPS for o in APPEAL_OUTCOMES]

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
