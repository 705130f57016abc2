"""Write examples/qingshi_eeb_2024.html: a second made-up report, for the README's corpus run.

青石市生态环境局 is fictional; every sentence and number was written for this
project.  It reuses the table renderer of ``tests/fixtures/make_fixtures.py``
with its own numbers, and its narrative deliberately states 27 new requests
where the table has 25, so ``xxgk run examples/`` shows a failed cross-check.

    python examples/make_qingshi.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "fixtures"))

import make_fixtures as m  # noqa: E402

m.TITLE[:] = ["青石市生态环境局", "2024年政府信息公开工作年度报告"]
m.DISCLOSURE.update(
    rules_issued=None,
    rules_in_force=None,
    normative_issued=3,
    normative_repealed=1,
    normative_in_force=22,
    licensing_decisions=412,
    penalty_decisions=186,
    coercion_decisions=9,
    admin_fees_10k_yuan=None,
)
parts = {k: [0] * 6 for k in m._REQUEST_PARTS}
parts["new_received"] = [21, 3, 0, 1, 0, 0]
parts["carried_over"] = [2, 0, 0, 0, 0, 0]
parts["granted"] = [9, 2, 0, 1, 0, 0]
parts["partially_granted"] = [3, 0, 0, 0, 0, 0]
parts["denied_process_info"] = [1, 0, 0, 0, 0, 0]
parts["unavailable_not_held"] = [6, 1, 0, 0, 0, 0]
parts["rejected_petition"] = [2, 0, 0, 0, 0, 0]
m._REQUEST_PARTS.clear()
m._REQUEST_PARTS.update(parts)
m.REQUESTS.clear()
m.REQUESTS.update(m._requests())
m.APPEALS.update(review=[1, 0, 0, 0], suit_direct=[0, 0, 0, 1], suit_after_review=[0, 0, 0, 0])
m.APPEALS_FLAT.clear()
m.APPEALS_FLAT.update(
    {
        f"{g}_{n}": v
        for g, p in m.APPEALS.items()
        for n, v in zip(("upheld", "corrected", "other", "pending", "total"), [*p, sum(p)])
    }
)
m.TABLES.update(disclosure=m.disclosure_cells(), requests=m.requests_cells(), appeals=m.appeals_cells())
R = m.REQUESTS
# Sections 二 to 四 (headings and the three tables) as the fixture prints them.
TABLE_PART = [(kind, value) for kind, value in m.BODY if kind == "table" or value.startswith(("二、", "三、", "四、"))]
m.BODY[:] = [
    (
        "p",
        "本报告由青石市生态环境局根据《中华人民共和国政府信息公开条例》要求编制，统计期限为2024年1月1日至2024年12月31日。",
    ),
    ("h", "一、总体情况"),
    (
        "p",
        "2024年，我局围绕生态环境保护中心工作推进政务公开，全年在局网站和政务新媒体主动公开信息1268条，"
        "其中环境质量信息412条、建设项目环评审批信息233条，发布政策解读12篇。",
    ),
    (
        "p",
        f"依申请公开方面，全年新收政府信息公开申请27件，上年结转{R['carried_over']['total']}件，"
        f"办结{R['total_processed']['total']}件。",
    ),
    ("p", "政府信息管理方面，严格执行公开前保密审查，全年清理规范性文件5件，动态调整主动公开目录。"),
    ("p", "平台建设方面，完成局网站适老化改造，开通“环境信访”网上办理专栏。"),
    ("p", "监督保障方面，局党组会议专题研究政务公开工作2次，开展全员培训3次。"),
    *TABLE_PART,
    ("h", "五、存在的主要问题及改进情况"),
    (
        "p",
        "一是环境执法信息公开的及时性不够，部分处罚决定超过规定时限才上网；二是解读材料以文字为主，图解和视频较少。"
        "针对上年度报告指出的目录更新滞后问题，我局已于2024年6月完成目录全面梳理。",
    ),
    ("p", "下一步，我局将建立执法信息公开台账，每月核对公开时限；加强图解、短视频等多元化解读，提升解读质量。"),
    ("h", "六、其他需要报告的事项"),
    ("p", "本年度我局未收取信息处理费。"),
]


if __name__ == "__main__":
    (HERE / "qingshi_eeb_2024.html").write_text(m.render_html(), encoding="utf-8")
