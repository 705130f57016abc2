"""What a sentence says about itself: shortcoming, measure done, measure announced.

Word patterns read by the splitter (is this clause a shortcoming with its own
predicate?) and by the kind rules (done vs announced vs shortcoming).  They
are facts about wording, the same in every province's reports.
"""

from __future__ import annotations

import re

# A shortcoming predicate: the words that make a clause a problem.
PREDICATE = re.compile(
    r"不够|不足|有待|欠缺|缺乏|较少|偏少|过少|较弱|偏弱|较低|偏低|单一|不高|不强|不深|不细|不优|不精|不大|不多|不广|不熟|不专|不新|不同源"
    r"|(?:数量|信息量|内容|频次|次数|人员|人手|力量|渠道|形式)(?:较|偏|过)?少|有限(?!公司|责任)"
    r"|(?:流动性?|人员变动)(?:较|偏|过)?大|不同步|过期|过时|陈旧|(?:长期|一直)未|未(?:更新|公开|发布|同步|落实|覆盖)"
    r"|不(?:够)?(?:及时|规范|完善|到位|全面|充分|深入|平衡|均衡|统一|明显|准确|严谨|健全|畅通|丰富|灵活|便捷|直观|严格|一致|精准|广泛|多|够)"
    r"|滞后|薄弱|差距|短板|弱项|尚未|未能|未及时|未按|未完全|未形成|未建立|未设置|未提供|未实现|未对|没有|缺少|缺位|落后"
    r"|仍需|还需|尚需|尚待|亟需|亟待|有所欠缺|参差不齐|难以|不能(?:满足|完全|及时)|跟不上|流于形式|重.{1,4}轻|只[\u4e00-\u9fff]{1,4}不[\u4e00-\u9fff]"
    r"|存在.{0,12}(?:问题|现象|情况|风险|错漏|疏漏|差错|漏洞|隐患|偏差)|(?<![未没无])出现[^，。；]{0,24}?(?:情况|现象|差错|错漏)|不严"
    r"|(?:需|需要|要)(?:进一步|继续|持续)?(?:加强|提高|提升|完善|改进|规范|加大|强化|优化|拓展|丰富)"
    r"|(?:还|仍|依然|仍然)(?:存在|有|不|较|偏|需|要)|待(?:提高|提升|加强|完善|改进|规范|优化)|不太|一般化|形式化|碎片化|不尽"
)

# A measure announced for the future.
PLAN = re.compile(
    r"下一步|今后|明年|来年|新的一年|下一年度?|(?:20\d\d年)(?:度)?[，,]?[^。；]{0,16}?(?:将|要|拟|计划|力争)"
    r"|(?<![已并])将(?:进一步|继续|持续|不断|着力|重点|全面|积极|认真|切实|深入|加大|加强|强化|提升|提高|优化|扩大|规范|完善|健全|建立|推进|推动|做好|抓好|严格|坚持|聚焦|围绕|以|在|把|从|对|通过|结合|按照|及时|定期|组织|开展|探索|加快|落实|进行|逐步|努力|更加|大力|着重|充分|主动|紧扣|立足|用好)"
    r"|(?:我们|我局|我委|我办|我区|我县|我市|我镇|我乡|本局|本单位|本机关|我单位|我中心|我部门)(?:将|要|拟|计划)|计划(?:于|在|开展|推出|组织)|拟(?:于|在|开展|推出|组织|建立|制定)|力争|争取在|预计"
)

# A measure told as done or under way.
DONE = re.compile(
    r"已(?:经)?(?:完成|整改|建立|开设|开通|上线|制定|出台|印发|开展|组织|实现|落实|修订|完善|全部|基本|按|对|将|于|在|于|形成|纳入|增设|优化|更新|补充|调整|规范|启动|召开|举办|配备|明确|设置|编制|公开|发布|得到|取得|解决"
    r"|推出|推行|推动|推进|上传|制作|改版|升级|搭建|建成|开发|印制|编印|设立|新设|增加|加强|扩大|引入|采用|实行|将其|把)"
    r"|(?:完成|开设|开通|建立|制定|印发|出台|举办|组织|开展|增设|修订|更新|补充|调整|配备|召开|新增|上线|设置|编制|梳理|清理|邀请)了"
    r"|进行了|得到(?:了)?(?:有效|明显|较大|进一步)?(?:提升|改善|解决|加强|整改|提高|规范|优化)|整改(?:完成|到位|完毕)|正在(?:推进|整改|开展|建设|进行|完善|实施)"
    r"|已启动|截至目前|截至\d|目前已|全年共|共(?:组织|开展|举办|召开|培训|发布|更新|整改)|(?:累计|先后)(?:组织|开展|举办|召开|培训|发布|整改)|均已|现已|逐步(?:完善|规范)了"
)

# A clause that names a problem only as the object of a measure: "针对…问题，", "解决…不足", "补齐…短板".
TARGET = re.compile(
    r"针对[^。；]{0,60}?(?:问题|不足|短板|情况|差距|要求)[，,]?|(?:解决|弥补|补齐|改进|克服|整改|扭转|破解)[^，。；]{0,24}(?:问题|不足|短板|弱项|差距|现象)"
    # "关于“…不够及时”的问题。已…": an item of a rectification list opens by naming last year's problem
    r"|(?:^|(?<=[。；\n]))关于[^。；]{0,60}?(?:问题|不足|短板)[。，,：:]?"
    # "及时更换过期内容": stale content as the object of the measure that removes it
    r"|(?:更换|清理|撤下|撤换|删除|下架|替换)[^，。；]{0,6}?(?:过期|过时|陈旧|失效)"
)

# An item that opens with a verb of action ("加强…", "进一步完善…"): a measure, its tense set by the context.
IMPERATIVE = re.compile(
    r"^(?:要|需|必须|应|继续|持续|进一步|不断|切实|着力|全面|积极|认真|深入|坚持|始终|更加|大力|定期|及时|严格|主动|努力|逐步|)"
    r"(?:加强|加大|强化|提升|提高|优化|扩大|规范|完善|健全|建立|推进|推动|做好|抓好|落实|深化|丰富|拓宽|拓展|创新|注重|重视|聚焦|围绕|组织|开展|夯实|压实|细化|明确|严把|严格|把好|抓实|狠抓|用好|发挥|畅通|增强|探索|整合|统筹|坚持|突出|紧扣|立足|加快|提速|梳理|完成|做实|配齐|配强|充实|改进|更新|及时|定期|以|按照|结合|对照|围绕|依托|通过|利用|打造|构建|搭建|开设|设立|增设|邀请|督促|指导|鼓励|引导|确保|力求|争取|切实|强调|认真|贯彻|对)"
)

CONCESSION = re.compile(r"(?:但|但是|然而|却|不过)[^。；]{0,40}?(?:" + PREDICATE.pattern + ")")


def strip_targets(text: str) -> str:
    """``text`` without clauses that name a problem as the object of a measure."""
    return TARGET.sub("", text)


def has_predicate(text: str) -> bool:
    return PREDICATE.search(text) is not None


def signals(text: str) -> dict[str, bool]:
    """Kind signals of one statement's text."""
    core = strip_targets(text)
    return {
        "plan": PLAN.search(text) is not None,
        "done": DONE.search(text) is not None,
        "problem": PREDICATE.search(core) is not None,
        "concession": CONCESSION.search(text) is not None,
        "imperative": IMPERATIVE.match(text) is not None,
        "target": core != text,
    }
