"""The metric of a figure, from the words around it (pure functions over strings).

``metric_for(text, q, prev_end)`` reads the clause before the quantity (cut
at the previous quantity, so a list "A类10条、B类2条" gives each count its own
words), a few characters after it and, for a bare lead ("其中", "办结量"),
the sentence.  Words that make a count something else come first: outcomes,
carry-overs, breakdowns by applicant or channel, category items ("X类信息"),
documents reviewed or cleaned rather than issued, counts of made-and-obtained
information or of information released on request (items, not requests),
stocks over years (累计…, with this year's count beside it).  Unknown context
gives ``"other"``.  The words around a quantity are
:class:`~pipeline.figures.context.Context`; totals of published information
are decided in :mod:`pipeline.figures.published`.
"""

from __future__ import annotations

import re

from ..numbers import Quantity
from .context import (
    CATEGORY_ITEM,
    POST_UNITS,
    REVIEW_VERB,
    SENTENCE_MEDIA,
    SHARE_AFTER,
    WEBSITE,
    Context,
    previous_clause,
)
from .published import GENERIC_NOUN, published, published_phrase

_REQUEST_UNITS = {"件", "宗", "个", "条", "份", "次", "起", None}
_MONEY = {"元", "万元", "亿元"}

# metric -> (keywords, units the metric is counted in); order breaks ties.
_RULES: tuple[tuple[str, str, set[str | None]], ...] = (
    ("website_visits", r"访问量|访问人次|浏览量|浏览|点击量|点击|访问", {"次", "人次", "万人次", None}),
    ("reads", r"阅读量|阅读|播放量", {"次", "人次", "万人次", None}),
    ("followers", r"粉丝|关注用户|关注人数|关注量|订阅", {"人", "个", "名", "户", "人次", None}),
    ("hotline_calls", r"热线|来电|工单|话务|接听|12345|诉求", {"次", "个", "件", "通", "人次", "条", "宗", "起", None}),
    ("mailbox_letters", r"信箱|来信|留言", {"封", "件", "条", "个", "次", None}),
    ("interviews", r"访谈", {"期", "次", "场", "场次", "个", None}),
    ("trainings", r"培训|参训", {"次", "期", "场", "场次", "人次", "人", "名", "轮", "批", None}),
    ("policy_interpretations", r"解读|图解", POST_UNITS | {"个", "次", "场", "场次"}),
    ("normative_documents", r"规范性文件", POST_UNITS),
    ("rules", r"规章", POST_UNITS),
    ("catalog_posts", r"公开目录|目录信息|目录中|目录栏", POST_UNITS),
    ("news_posts", r"政务动态|动态信息|工作动态|新闻|稿件|要闻", POST_UNITS),
    ("new_media_posts", r"微信|微博|两微|公众号|新媒体|抖音|视频号|头条号|今日头条|快手|客户端", POST_UNITS),
    ("policy_documents", r"政策文件|政府文件|政策性文件|文件", POST_UNITS),
    ("policy_documents", r"(?<!相关)政策$", {"件", "份"}),  # 公开涉企政策31件 (not a 2019 item "及相关政策1条")
    ("special_columns", r"专题|专栏|栏目", {"个", "类", "项", None}),
    ("requests", r"公开申请|依申请|申请公开|信息公开的申请|申请人|申请", _REQUEST_UNITS),
)
_RULE_RX = [(name, re.compile(kw), units) for name, kw, units in _RULES]
# Metrics that name what a category item of the published information is ("规范性文件类信息12条").
_CATEGORY_METRICS = {"normative_documents", "news_posts", "policy_interpretations", "rules", "policy_documents"}
_DOCUMENTS = {"normative_documents", "rules", "policy_documents"}

# --- words that make a count something else ---------------------------------------

_NOT_HEADLINE = re.compile(
    r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|结转|上年|去年|复议|诉讼|涉及|回访|同比|较|另有|另"
)
# A change, not a count: 数量增加15篇 (新增 counts new items and stays a count).
_CHANGE = re.compile(r"(?<!新)(?:增加|增长|减少|下降|提高|降低|上升)了?\s*$")
# The agency's own share of a wider channel is its count, not a part: 12345热线受理涉及本部门的诉求N件.
_OWN_SCOPE = re.compile(r"涉及(?:本|我)(?:部门|单位|机关|局|委|办|厅|区|县|市|镇|乡|街道)")
_BREAKDOWN = re.compile(r"自然人|法人|商业企业|科研机构|公益组织|法律服务机构")
# …also when the applicant kind is longer than the last few characters: 法人或其他组织申请26件.
_APPLICANT_KIND = re.compile(r"(?:自然人|法人|其他组织|商业企业|科研机构|公益组织|法律服务机构)(?:提出|提交)?的?申请$")
_CHANNEL = re.compile(r"(?:信函|网络|网上|当面|传真|电子邮件|邮件|邮寄|现场|口头|书面)(?:提交|提出)?(?:的)?申请$")
_ON_REQUEST_ITEMS = re.compile(r"依申请公开(?:的)?(?:政府)?信息|作为依申请")
_OTHER_ITEM = re.compile(r"其他应?(?:主动)?公开|其他类|其他(?:政府|政务)?信息|其他(?:政策)?文件")
# A frequency, not a count of this year's: 每半年组织一次培训, 每季度召开1次.
_FREQUENCY = re.compile(r"每(?:年度?|半年|季度?|个?月|两个月|周|天|日)[^，。；\d]{0,6}$")
# Counts that are a property of the published items, not a count of their own (全文电子化的信息数).
_PROPERTY = re.compile(r"全文电子化")
_MADE_OBTAINED = re.compile(r"制作、?获取|获取政府信息|制作(?:的)?(?:政府|政务)信息|制发(?:政府)?信息|信息总数|总制发")
_ISSUE_VERB = re.compile(r"(?<!拟)(?:发布|公开|制发|制定|出台|印发|新增|下发)(?!的)")
# Documents in force or re-published as a collection after cleaning: not issued this year.
_IN_FORCE = re.compile(r"现行有效|有效期内")
_COLLECTION = re.compile(r"集中发布|汇总发布|汇编|集中公布")
_NEW_ISSUE = re.compile(r"(?:本年度?|今年|当年|新)(?:制发|制定|出台|印发)")
# 政策解读稿件/文章: manuscripts that are interpretations
_READING_POSTS = re.compile(r"解读类?(?:稿件|文章|材料|新闻)")
# A stock over years, then this year's part: 累计公开N条，其中2023年(度)/本年度…
_STOCK = re.compile(r"累计")
_THIS_YEAR_PART = re.compile(r"^.{0,60}?其中[^。；;，,]{0,6}?(?:\d{4}\s*年|本年|今年|当年|年内|全年)")
# …or after this year's count in the same sentence: 2019年公开文件38份，截至年底累计公开296份.
_AS_OF = re.compile(r"截至|截止|至今|以来|历年")
_COUNTED_IN = {"条", "件", "份", "篇"}
# A report that counts its information in documents: 主动公开文件N份 (no kind of document named).
_BARE_FILES = re.compile(r"主动公开(?:了)?文件$")
# A count of hotlines (8条热线, 11个部门热线), not of calls.
_LINES = re.compile(r"^[\u4e00-\u9fff]{0,4}热线")
# Mixed categories: 政策及解读 counts policies and interpretations together.
_POLICY_AND_READING = re.compile(r"政策(?:及其?|和|与|、)解读")

# --- requests ------------------------------------------------------------------------

_DISCLOSURE_REQUEST = re.compile(r"公开申请|依申请|申请公开|信息公开的申请|申请人")
_SERVICE = re.compile(r"审批|窗口|许可|办件|业务|服务|备案|证")
_APPLICATION = re.compile(r"(?<!依)申请")
_ANSWERED = re.compile(r"答复|办结|办理完毕|已办理|已处理|予以回复")
_ANSWERED_AFTER = re.compile(r"(?:均|全部|已)[^，,；;。]{0,10}(?:办结|答复|办理|回复)")
_REQUEST_AFTER = re.compile(r"^(?:提出|提交)?(?:了)?(?:政府)?信息公开(?:的)?申请|^公开申请|^申请")
# Applicants counted in 人次 when the clause goes on to their applications: 35人次提出政府信息公开申请.
_APPLICANT_UNITS = {"人次", "人"}
# 依申请公开政府信息9条，其中当面申请4条…: the count is split into applications right after it.
_APPLICATIONS_LISTED = re.compile(r"^\W*其中\W*(?:其中\W*)?[\u4e00-\u9fff]{0,6}申请\s*\d")
_NOT_REQUESTS = re.compile(r"热线|来电|12345|信箱|来信|留言|诉求|投诉|工单|办件|审批|业务")

# --- channels, events and what a keyword means in its clause ------------------------------------

_HOTLINE = re.compile(r"热线|来电|话务|接听")
_MAILBOX = re.compile(r"信箱|来信|留言")
_PUSHED = re.compile(r"推送|推文")
_RESOLVED = re.compile(r"解决|办结|办理|化解|处置|回复|答复")
_RECEIVED = re.compile(r"受理|接听|收到|接到|接收|来电|转办|交办|承办|派单")  # assigned to the agency: its calls
# "办理12345热线工单N件", "办理“接诉即办”工单N件": the work orders handled are the agency's calls, not a part resolved.
_HANDLED_ORDERS = re.compile(r"(?:办理|处理)[^，。；,;]{0,20}工单\s*$")
# Events and people whose training or interview is named after the number: 举办3次…培训, 3人次参加…培训.
_EVENT_AFTER = (
    ("trainings", re.compile(r"培训"), {"次", "期", "场", "场次", "轮", "批", "人次", "人", "名"}),
    ("interviews", re.compile(r"访谈"), {"次", "期", "场", "场次"}),
)
# Units that only one metric counts in: 封 letters, 通 calls (按时回复412封, after a sentence about a mailbox).
_NEWS_AFTER = re.compile(r"动态|新闻|稿件|要闻")
_UNIT_OWNER = {"封": "mailbox_letters", "通": "hotline_calls"}

# --- rates and money -------------------------------------------------------------------

_SATISFACTION = re.compile(r"满意|好评")
_COMPLETION = re.compile(r"办结率|完成率|答复率|回复率|办理率|处置率|按时办结|办结量|按期|办结")
_FEE = re.compile(r"处理费|信息公开费|检索费|复制费|邮寄费")
_OWN_SPENDING = re.compile(r"经费|支出|投入|预算|资金|拨付|采购|花费|开支|用于|费用")
_CHARGED = re.compile(r"收取|收费|缴纳|收缴|征收")
_WAIVED = re.compile(r"免收|减免|免除|免予收取|免于收取")
_BARE_LEAD = re.compile(
    r"^(?:其中|共|共计|合计|累计|总计|办结量|办理量|受理量|办结|达|达到|为|分别|计|有|和|及|与|全年|本年|今年|新增)*$"
)
_NON_HAN = re.compile(r"[^\u4e00-\u9fff]")
# A bare total after a carried-over count (上年结转11件，共计220件) adds last year's in.
_BARE_TOTAL = re.compile(r"^(?:共|共计|合计|总计)$")
_CARRIED = re.compile(r"结转|上年")


def _nearest(window: str, unit: str | None, from_right: bool) -> str | None:
    """The metric whose keyword is nearest to the number in ``window``."""
    best: tuple[int, int, str] | None = None
    for order, (name, rx, units) in enumerate(_RULE_RX):
        if unit not in units:
            continue
        for m in rx.finditer(window):
            if from_right and m.start() == 0 and name == "hotline_calls" and unit in {"条", "个"}:
                continue  # 11条热线: a count of hotlines, not of calls
            dist = m.start() if from_right else len(window) - m.end()
            if best is None or (dist, order) < best[:2]:
                best = (dist, order, name)
    return best[2] if best else None


# --- the metric ----------------------------------------------------------------------------


def metric_for(text: str, q: Quantity, prev_end: int = 0) -> str:
    """The metric a quantity counts, from the words around it; "other" if unclear."""
    ctx = Context.of(text, q, prev_end)
    if q.unit == "%":
        return _rate(ctx)
    if q.unit in _MONEY:
        return _money(ctx)
    if _not_a_headline(ctx):
        return "other"
    name = _keyword_metric(ctx)
    if name is not None:
        return _refine(name, ctx)
    return published(ctx)


def _rate(ctx: Context) -> str:
    near = ctx.left[-12:] + ctx.right[:4]
    if _SATISFACTION.search(near):
        return "satisfaction_rate"
    return "completion_rate" if _COMPLETION.search(near) else "other"


def _money(ctx: Context) -> str:
    """Fees charged to applicants; an agency's own spending on the work is not a fee."""
    if not _FEE.search(ctx.sentence + ctx.right):
        return "other"
    if _OWN_SPENDING.search(ctx.sentence) and not _CHARGED.search(ctx.left):
        return "other"  # 用于公开栏等产生的信息公开费用N万元: the agency's own spending
    if _WAIVED.search(ctx.left):
        return "other"  # 免收信息处理费N元: waived, not charged
    return "fees_collected"


def _not_a_headline(ctx: Context) -> bool:
    """Outcomes, carry-overs, breakdowns, items released on request, made-and-obtained totals, stocks over years."""
    left = ctx.left
    return bool(
        _NOT_HEADLINE.search(_OWN_SCOPE.sub("", left))
        or _PROPERTY.search(left)
        or _stock(ctx)
        or (ctx.unit in {"条", "个"} and _LINES.match(ctx.right_clause))
        or (_BARE_TOTAL.match(_NON_HAN.sub("", left)) is not None and _CARRIED.search(ctx.sentence) is not None)
        or _BREAKDOWN.search(left[-6:])
        or _APPLICANT_KIND.search(left)
        or _CHANNEL.search(left)
        or (_ON_REQUEST_ITEMS.search(left) and not _APPLICATIONS_LISTED.match(ctx.following))
        or _MADE_OBTAINED.search(left)
        or _OTHER_ITEM.search(left)
        or _FREQUENCY.search(left)
        or _CHANGE.search(left)
    )


def _stock(ctx: Context) -> bool:
    """累计 over years, with this year's count named after it or before it (across "；") in the sentence."""
    if not _STOCK.search(ctx.left):
        return False
    if _THIS_YEAR_PART.search(ctx.following):
        return True
    if ctx.unit not in _COUNTED_IN or not _AS_OF.search(ctx.preceding):
        return False
    before = ctx.preceding[: len(ctx.preceding) - len(ctx.left)]
    return re.search(r"\d\s*" + ctx.unit, before) is not None  # this year's count, in the same unit


def _keyword_metric(ctx: Context) -> str | None:
    """The nearest metric keyword: the clause to the left, a few characters to the right, then the sentence."""
    for window, from_right in ((ctx.left, False), (ctx.right, True)):
        name = _nearest(window, ctx.unit, from_right)
        if name:
            return name
    later = _named_later(ctx)
    if later:
        return later
    lead = _NON_HAN.sub("", ctx.left)
    if (lead and _BARE_LEAD.match(lead)) or (not lead and "分别" in ctx.sentence):
        return _nearest(ctx.sentence, ctx.unit, False)  # 其中N条; 分别为A条、B条
    owner = _UNIT_OWNER.get(ctx.unit or "")
    if owner and _nearest(ctx.sentence, ctx.unit, False) == owner:
        return owner
    if _ANSWERED.search(ctx.left) and "申请" in ctx.sentence and not _NOT_REQUESTS.search(ctx.sentence):
        return "requests"  # 依法依规办结69件, after a sentence about applications
    return None


def _named_later(ctx: Context) -> str | None:
    """对于5件政府信息公开申请, 举办3次全市性的业务培训: what is counted is named further on in the clause."""
    if ctx.unit in _REQUEST_UNITS and _REQUEST_AFTER.match(ctx.right_clause):
        return "requests"
    if ctx.unit in _APPLICANT_UNITS and ctx.right_clause.startswith(("提出", "提交")):
        return "requests" if _REQUEST_AFTER.match(ctx.right_clause) else None
    item = ctx.right_clause.split("、", 1)[0][:16]
    for name, rx, units in _EVENT_AFTER:
        if ctx.unit in units and rx.search(item):
            return name
    if ctx.unit in POST_UNITS and _NEWS_AFTER.search(item[:12]):
        return "news_posts"  # 宣传报道了45篇综合执法工作动态
    return None


def _reviewed(left: str) -> bool:
    """The clause's last verb on documents reviews, cleans or repeals them (梳理…印发的文件 is reviewed)."""
    review = [m.end() for m in REVIEW_VERB.finditer(left)]
    issue = [m.end() for m in _ISSUE_VERB.finditer(left)]
    return bool(review) and (not issue or review[-1] > issue[-1])


def _in_force(ctx: Context) -> bool:
    """Documents in force, or a collection published after cleaning (清理和集中发布，共发布N件), unless new this year."""
    if _IN_FORCE.search(ctx.left) or _COLLECTION.search(ctx.left):
        return True
    return bool(_COLLECTION.search(previous_clause(ctx)[1])) and not _NEW_ISSUE.search(ctx.left)


def _reviewed_after(ctx: Context) -> bool:
    """对2,135件存量文件进行清理: the documents are named, and reviewed, after the number."""
    return (
        _nearest(ctx.left, ctx.unit, False) is None
        and not _ISSUE_VERB.search(ctx.left)
        and REVIEW_VERB.search(ctx.right_clause) is not None
    )


def _refine(name: str, ctx: Context) -> str:
    """Requests split into received/answered; documents reviewed or category items are not counts of their own."""
    if name == "requests":
        return _requests(ctx) if _about_disclosure(ctx) else "other"
    name = _closer_reading(name, ctx)
    if name == "other":
        return name
    if CATEGORY_ITEM.search(ctx.left) and name not in _CATEGORY_METRICS:
        return "other"
    if name in _DOCUMENTS and (_reviewed(ctx.left) or _in_force(ctx) or _reviewed_after(ctx)):
        return "other"  # 审核/清理规范性文件N件, 现行有效N件, 集中发布N件: reviewed or in force, not issued
    if name == "new_media_posts" and WEBSITE.search(ctx.left):
        phrase = published_phrase(ctx.left + ctx.right)
        if phrase is not None:  # 在网站和新媒体公开信息N条: all channels together, unless a kind of information
            return "posts_total" if GENERIC_NOUN.match(phrase[1]) else "other"
    return name


def _closer_reading(name: str, ctx: Context) -> str:
    """Keywords that change what the nearest one means in this clause."""
    if name == "website_visits" and "阅读" in ctx.left:
        return "reads"  # 阅读点击数
    if name == "policy_documents" and _BARE_FILES.search(ctx.left):
        return "posts_total"  # 2019年主动公开文件38份: the report counts information in documents
    if name in _DOCUMENTS and "解读" in ctx.left:
        return "policy_interpretations"  # 解读政策性文件N条
    if name == "news_posts" and _READING_POSTS.search(ctx.left):
        return "policy_interpretations"  # 政策解读稿件N篇
    if name == "policy_interpretations" and _POLICY_AND_READING.search(ctx.left):
        return "other"  # 政策及解读类信息N条: policies and interpretations together
    if name == "news_posts" and (
        SENTENCE_MEDIA.search(ctx.left) or (_PUSHED.search(ctx.left) and SENTENCE_MEDIA.search(ctx.sentence))
    ):
        return "new_media_posts"  # 通过政务新媒体发布稿件N篇; 依托公众号…，推送工作动态N篇
    if name == "hotline_calls" and _resolved_calls(ctx):
        return "other"  # 协调解决诉求N件: calls resolved are a part of the calls received
    if name in ("hotline_calls", "mailbox_letters") and _HOTLINE.search(ctx.left) and _MAILBOX.search(ctx.left):
        return "other"  # 来信、来电、来访等事项: calls and letters together
    return name


def _resolved_calls(ctx: Context) -> bool:
    """The clause names the calls and only resolves them (协调解决N件诉求件), it does not receive them."""
    named = (
        _nearest(ctx.left, ctx.unit, False) == "hotline_calls" or _nearest(ctx.right, ctx.unit, True) == "hotline_calls"
    )
    handled = _HANDLED_ORDERS.search(ctx.left)
    return named and bool(_RESOLVED.search(ctx.left)) and not _RECEIVED.search(ctx.left) and not handled


def _about_disclosure(ctx: Context) -> bool:
    """A bare 申请 counts disclosure applications only when the sentence is not about other services."""
    if _DISCLOSURE_REQUEST.search(ctx.left + ctx.right):
        return True
    return not _SERVICE.search(ctx.sentence + ctx.right_clause)


def _requests(ctx: Context) -> str:
    applications = _APPLICATION.search(ctx.left + ctx.right_clause[:10]) or _APPLICATIONS_LISTED.match(ctx.following)
    if ctx.unit == "条" and not applications:
        return "other"  # 依申请公开N条: information items, not applications (unless split into 申请 after it)
    words = ctx.left + ctx.right
    if _ANSWERED.search(words) or _ANSWERED_AFTER.search(ctx.right_clause):
        return "other" if SHARE_AFTER.search(ctx.after) else "requests_answered"
    return "other" if SHARE_AFTER.search(ctx.after) else "requests_received"
