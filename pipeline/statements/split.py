"""Split section 五 into single statements, each with the lead-in or heading in force.

The text is cut into sentences (at "。！？；", line breaks, list markers and
lead-in colons), each sentence is read as a heading ("（一）存在问题"), a lead-in
("…但仍存在一些不足，主要表现在："), a closing ("通过以上措施，…") or content,
and content is grouped into statements:

- a numbered item ("一是", "1.", "（1）", "①", "首先，", "一方面，") is one statement, its later
  sentences included, until the next marker, a line break or a new lead-in;
- an unnumbered sentence is one statement; a shortcoming sentence is split
  further into clauses that each have their own subject and predicate
  ("A有待提高、B有待提升、C有待加强等" gives three; "A、B有待提升" stays one).

Every statement keeps the cue in force (the text of its lead-in or heading)
and the kind that cue announces; markers, connectors ("如", "主要是"), closings
("等", "等问题") and final punctuation are outside its span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .signals import DONE, PLAN, PREDICATE, TARGET, has_predicate

CN = "一二三四五六七八九十"

# List markers, each with the ordinal it carries.
_MARKERS = (
    ("shi", re.compile(rf"([{CN}]{{1,2}})(?:是|要)(?=[^，。；、：:\s])")),
    ("qi", re.compile(rf"其([{CN}])[，,、]")),
    ("seq", re.compile(r"(首先|其次|再次|最后|一方面|另一方面)(?:[，,：:]|(?=是|要|在|对))")),
    ("paren_cn", re.compile(rf"\(([{CN}]{{1,2}})\)")),
    ("paren_ar", re.compile(r"\((\d{1,2})\)")),
    ("circle", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])")),
    ("dun", re.compile(rf"([{CN}]{{1,2}})、")),
    ("ar", re.compile(r"(?<![\d.])(\d{1,2})(?:[.、](?!\d)|\s(?=[\u4e00-\u9fff]))")),
)
_ANY_MARKER = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _MARKERS))
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# Ordinal words that open items ("首先，…其次，…最后，…", "一方面…另一方面…").
_SEQUENCE = {"首先": 1, "一方面": 1, "其次": 2, "另一方面": 2, "再次": 3, "最后": 4}
# Markers that number items (not headings): an item runs until the next one.
_ITEM_MARKERS = ("shi", "qi", "seq", "paren_ar", "circle", "ar")
_BOUNDARY = "。；;：:！？!?\n"

# Headings inside 五: short titles about problems, rectification or plans.
_KNOWN_HEAD = re.compile(
    r"(?:20\d\d年度?|上一?年度?|去年|本年度?|今年|明年|下一年度?)?(?:政府信息公开|政务公开)?(?:工作)?(?:中)?(?:的)?"
    r"(?:存在的?(?:主要)?(?:问题|不足)(?:和不足|及不足|与不足)?(?:的?(?:整改|改进)(?:情况|措施)?)?|主要问题|问题(?:和|及)不足|不足之处"
    r"|(?:问题)?(?:整改|改进)(?:情况|措施|举措|落实情况)|下一步(?:工作)?(?:计划|打算|安排|思路|措施|举措|重点)?|(?:工作)?(?:计划|打算)|努力方向)"
    # "（二）本年度存在的主要问题及改进措施": a problem heading joined to a measures heading
    r"(?:(?:及|和|与|、)(?:(?:下一步|今后)(?:工作)?)?(?:改进|整改)?(?:情况|措施|举措|计划|打算|方向))?"
)
_HEAD_END = re.compile(r"(?:情况|措施|计划|打算|举措|方向|思路|安排|重点|改进|整改|问题|不足|差距|短板)$")
_SPLIT_PUNCT = re.compile(r"[，,、；;]")

# Lead-ins and connectors.
_GENERIC_PROBLEM = re.compile(
    r"(?:存在|仍有|还有|面临|有)(?:着)?(?:一定|一些|部分|不少|若干|诸多|以下|如下|许多|较多|的|个别)?(?:的)?"
    r"(?:亟待解决|有待改进|需要改进|有待解决|需要解决|有待提高|需要完善|突出|明显)?(?:的)?(?:问题|不足|差距|短板|薄弱环节|不足之处|困难|地方|环节)(?:和|与|及|、)?(?:不足|问题|差距|短板|薄弱环节|困难)?"
)
_LIST_WORDS = re.compile(
    r"(?:以下|如下|下列|几个|几点|若干)(?:方面|措施|问题|不足|工作|举措|改进|整改|几点)?|具体如下|具体是|主要有"
    r"|[两二三四五六七八九十]个?方面|[两二三四五六七八九十](?:项|点)(?:措施|工作|举措)"
)
# Words that open the list after a lead-in: "…存在不足，如A、B", "主要是：A，B".
_LIST_OPENER = (
    r"如|比如|例如|譬如|主要(?:是|有|存在|表现(?:在|为)|体现(?:在|为))|具体存在|具体(?:表现)?(?:在|为|是)"
    r"|表现(?:在|为)|体现(?:在|为)"
)
_INTRO_SPLIT = re.compile(rf"[，,。](?=(?:{_LIST_OPENER})[^，。；]{{2}})")
_CONNECTOR = re.compile(
    rf"(?:{_LIST_OPENER}|一方面|另一方面|同时|(?:其|究其)?原因(?:主要)?(?:是|在于|有)"
    r"|(?:还|仍|也)?存在(?:着)?(?=[^，。；]{2,}(?:不够|不足|有待|不及时|不规范|缺乏|欠缺|较少|单一|滞后|不到位|不高|不强)))[:：，,]?"
)
_CLOSING_TAIL = re.compile(
    r"(?:等|等等)(?:方面|领域)?(?:的)?(?:问题|不足|情况|现象|短板|方面)?(?:有待[^，。；]{0,8})?$"
)
_CLOSING_SENTENCE = re.compile(
    r"^(?:通过(?:以上|上述|这些)|以上|综上|总之|从?总的来看|从?总体(?:上)?来看|总的来说|上述(?:问题|不足))"
    # nothing to report: "我局2020年度报告未提出需要整改的问题", "上年度无整改事项"
    r"|^[^，。；]{0,30}?(?:未(?:提出|发现|涉及)|没有(?:提出|发现)|无|暂无)(?:需要|需)?(?:整改|改进)?的?(?:问题|事项)[。；;]?$"
    r"|^[^，。；]{0,30}?无(?:需|须)(?:整改|改进)"
)
# "…工作总体平稳，暂未发现突出问题": nothing found, no problem named.
_NOTHING_FOUND = re.compile(r"(?:暂|尚)?(?:未|没有)(?:发现|出现)(?:突出|明显|重大|较大)?的?(?:问题|不足)")
_TIME_OPENER = re.compile(r"^(?:下一步|今后|同时|此外|20\d\d年|明年)$")
# Measures that name nothing specific ("继续做好政府信息公开工作", "不断提升公开质效").
_GENERIC_CLAUSE = re.compile(
    r"^(?:下一步|今后|20\d\d年)?(?:我\w{1,2}|本\w{1,2})?(?:将|要)?(?:继续|持续|进一步|认真|扎实|不断)*"
    r"(?:(?:做好|抓好|推进|推动|加强|深化|落实)(?:政府信息公开|政务公开|信息公开)(?:各项)?工作"
    r"|(?:提升|提高)(?:政府信息公开|政务公开|公开)?(?:工作)?的?(?:质效|质量|水平|实效|成效))$"
)
# A heading run into the text without punctuation ("存在的主要问题2020年，…"): what may follow it.
_RUN_IN_NEXT = re.compile(
    r"(?:20\d\d|今年|去年|一年来|过去|我|本|虽|在|一[是要]|1|\(|对照|随着|当前|目前|总体|从|针对|近年来|但|为|按照|根据)"
)
# Adverbial openers of a problem sentence, not part of any problem ("对照…要求，", "随着…，").
_ADVERBIAL = re.compile(r"^(?:对照|按照|根据|随着|由于|面对|结合|与.{1,12}相比)|(?:要求|来看|而言|情况下|背景下)$")
# "针对存在问题，" / "针对上述问题，": a generic lead naming no problem, a cue; a specific one
# ("针对…公开栏缺乏维护的问题，已…") says what the measure answers and stays in the statement.
_GENERIC_TARGET = re.compile(
    r"针对(?:上述|以上|这些|前述|存在的?|上一?年度?的?|去年|20\d\d年度?的?|工作|报告中?|(?:提出|指出|发现|提到|查摆)的?)*"
    r"(?:问题|不足|短板|差距)(?:和|与|及)?(?:问题|不足)?[，,]"
)
_OPENER = re.compile(
    r"^(?:下一步|今后|针对|但|然而|目前|当前|20\d\d年|明年|新的一年|我(?:局|们|委|办|区|县|市|镇|单位)将|存在|仍存在)"
)


@dataclass(frozen=True)
class Unit:
    """One statement: its exact span, the cue in force and the kind it announces."""

    start: int
    end: int
    cue: str  # text of the heading or lead-in in force ("" if none)
    context: str  # problem | plan | rectification | none: what that cue announces
    numbered: bool


@dataclass
class _Sentence:
    start: int
    end: int
    marker: str | None = None  # marker type when the sentence opens with one
    ordinal: int = 0
    body: int = 0  # first character after the marker
    role: str = "content"  # heading | leadin | closing | content
    newline_before: bool = False


def _ordinal(s: str) -> int:
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    if s in _SEQUENCE:
        return _SEQUENCE[s]
    if s.isascii() and s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if len(s) == 2 and s[0] == "十":
        return 10 + CN.index(s[1]) + 1
    return CN.index(s[0]) + 1 if s and s[0] in CN else 0


def _marker_at(text: str, i: int) -> tuple[str, int, int] | None:
    """(type, ordinal, end) of a list marker starting at ``i``."""
    for name, rx in _MARKERS:
        m = rx.match(text, i)
        if m:
            return name, _ordinal(m.group(1)), m.end()
    return None


def _is_boundary(text: str, i: int, start: int, kind: str) -> bool:
    """May a marker of ``kind`` at ``i`` start an item?"""
    j = i - 1
    while j >= start and text[j] in " \t#":  # "### （二）存在的主要问题": a Markdown heading mark
        j -= 1
    if j < start or text[j] in _BOUNDARY or text[j] in ")）":
        return True
    if kind in ("shi", "qi", "seq", "circle", "paren_ar") and text[j] in "，,、":
        return True
    return kind == "ar" and text[j] in "，," and "\u4e00" <= text[i + 2 : i + 3] <= "\u9fff"


def _sentences(text: str, start: int, end: int) -> list[_Sentence]:
    """Cut ``text[start:end]`` at sentence ends, line breaks, markers and lead-in colons."""
    cuts: dict[int, tuple[str, int, int] | None] = {start: None}
    newline_at: set[int] = set()
    for m in _ANY_MARKER.finditer(text, start, end):
        info = _marker_at(text, m.start())
        if info and _is_boundary(text, m.start(), start, info[0]):
            cuts[m.start()] = info
    markers = sorted(cuts)
    last = start  # the latest sentence cut so far
    for i in range(start, end):
        ch = text[i]
        if ch == "\n":
            newline_at.add(i + 1)
        elif not (ch in "。！？；;!?" or ch in "：:" and _colon_ends_leadin(text, _last_cut(markers, last, i), i)):
            continue
        cuts.setdefault(i + 1, None)
        last = i + 1
    points = sorted(p for p in cuts if p < end)
    out: list[_Sentence] = []
    for a, b in zip(points, points[1:] + [end]):
        info = cuts[a]
        s = _Sentence(a, b, newline_before=a in newline_at or a == start)
        if info:
            s.marker, s.ordinal, s.body = info
        else:
            s.body = a
        out.append(s)
    return out


def _last_cut(markers: list[int], last: int, i: int) -> int:
    """The latest cut at or before ``i``: a marker (sorted) or the latest sentence cut."""
    k = bisect.bisect_right(markers, i)
    return max(last, markers[k - 1]) if k else last


def _colon_ends_leadin(text: str, a: int, i: int) -> bool:
    head = text[a:i]
    return len(head) <= 30 or bool(_GENERIC_PROBLEM.search(head) or _LIST_WORDS.search(head) or PLAN.search(head))


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "，,、。；;：:#"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "，,、。；;：:！!？?"):
        b -= 1
    return a, b


def heading_kind(title: str) -> str:
    """What a heading inside 五 announces."""
    rect = re.search(r"整改|改进情况|落实情况|上一?年|去年|问题的改进", title)
    plan = re.search(r"措施|计划|打算|举措|方向|思路|安排|下一步|明年|重点", title)
    prob = re.search(r"问题|不足|差距|短板", title)
    if rect and not re.search(r"计划|打算|下一步|明年", title):
        return "rectification"
    if plan and not prob:
        return "plan"
    if prob and not plan and not rect:
        return "problem"
    return "none"


def cue_kind(text: str) -> str:
    """What a lead-in announces: plan words win over "针对…问题" (a plan answering problems is a plan)."""
    if PLAN.search(text) or re.search(r"措施|改进如下|以下工作|努力方向", text):
        return "plan"
    if re.search(r"整改|改进情况|做了如下|上一?年度?|去年", text):
        return "rectification"
    if _GENERIC_PROBLEM.search(text) or re.search(r"问题|不足|差距|短板", text):
        return "problem"
    return "none"


def _known_heading(text: str, i: int, s: _Sentence) -> tuple[str, int] | None:
    """(title, end) of a heading the genre uses ("存在的主要问题", "改进情况") opening at ``i``."""
    m = _KNOWN_HEAD.match(text, i)
    if not (m and m.end() - i >= 4 and _HEAD_END.search(text[i : m.end()])):
        return None
    end = m.end()
    if not (end >= s.end or text[end] in "。：: \t\n" or _RUN_IN_NEXT.match(text, end)):
        return None
    while end < s.end and text[end] in "。：: \t\n":
        end += 1
    return text[i : m.end()], end


# "关于“…”的问题" run in with its measure: the rectification item's own opening clause.
_NAMED_PROBLEM_ITEM = re.compile(r"^关于[“\"][^”\"]{2,40}[”\"]的?(?:问题|不足)$")

# A measure item opens with how often or when something is done ("按月公开…情况"): not a heading.
_SCHEDULE_OPENER = re.compile(r"(?:按[日周月季年]度?|每[日周月季年]度?|每半年|定期|逐[项月季年])")


def _short_heading(text: str, i: int, s: _Sentence) -> tuple[str, int] | None:
    """(title, end) when the whole sentence is a short heading-like title without a shortcoming."""
    title = text[i : s.end].rstrip("。：: \t\n")
    line_end = text.find("\n", s.end)
    if _NAMED_PROBLEM_ITEM.match(title) and text[s.end : line_end if line_end >= 0 else len(text)].strip():
        return None  # "2.关于“…指导不足”的问题。已印发…": a rectification item naming its problem, not a heading
    short = 0 < len(title) <= 32 and "，" not in title and "," not in title and not _SCHEDULE_OPENER.match(title)
    if short and _HEAD_END.search(title) and not has_predicate(title.replace("不足", "")):
        return title, s.end
    return None


def _heading_title(text: str, s: _Sentence) -> tuple[str, int] | None:
    """(title, end) when sentence ``s`` opens with a heading, else None."""
    if s.marker not in ("paren_cn", "dun", "ar", None) or (s.marker is None and not s.newline_before):
        return None
    i = s.body
    while i < s.end and text[i] == " ":
        i += 1
    return _known_heading(text, i, s) or _short_heading(text, i, s)


def _classify(text: str, sents: list[_Sentence]) -> list[_Sentence]:
    """Give every sentence its role; a heading opening a sentence becomes a sentence of its own."""
    out: list[_Sentence] = []
    for s in sents:
        head = _heading_title(text, s)
        if head is not None:
            title, end = head
            out.append(_Sentence(s.start, end, s.marker, s.ordinal, s.body, "heading", s.newline_before))
            if end < s.end and text[end : s.end].strip():
                rest = _Sentence(end, s.end, None, 0, end, "content", False)
                info = _marker_at(text, end)
                if info:
                    rest.marker, rest.ordinal, rest.body = info
                out.append(rest)
            continue
        out.append(s)
    for k, s in enumerate(out):
        if s.role == "heading":
            continue
        piece = text[s.body : s.end].strip()
        nxt = out[k + 1] if k + 1 < len(out) else None
        starts_list = nxt is not None and nxt.marker in _ITEM_MARKERS and nxt.ordinal == 1
        numbered = s.marker in (*_ITEM_MARKERS, "paren_cn", "dun")
        if numbered and not (_is_leadin(piece, starts_list) and (_LIST_WORDS.search(piece) or len(piece) <= 20)):
            s.role = "content"
        elif _is_leadin(piece, starts_list):
            s.role = "leadin"
        elif _CLOSING_SENTENCE.match(piece) or _says_nothing(piece):
            s.role = "closing"
    return out


def _says_nothing(piece: str) -> bool:
    """A sentence that names no problem ("总体平稳，暂未发现突出问题") or no specific measure."""
    if _NOTHING_FOUND.search(piece) and not PREDICATE.search(_NOTHING_FOUND.sub("", piece)):
        return True
    clauses = [c.strip() for c in re.split(r"[，,。；;]", piece) if c.strip() and not _TIME_OPENER.match(c.strip())]
    return bool(clauses) and all(_GENERIC_CLAUSE.match(c) for c in clauses)


def _is_leadin(piece: str, starts_list: bool) -> bool:
    if not piece:
        return False
    if piece.endswith(("：", ":")) and len(piece) <= 150:
        return True
    if _LIST_WORDS.search(piece) and len(piece) <= 100 and (starts_list or piece.endswith(("：", ":", "，", ","))):
        return True
    if _only_generic_problem(piece):
        return True
    if starts_list and (piece.endswith(("，", ",", "：", ":")) or cue_kind(piece) != "none"):
        return True
    return bool(_LIST_WORDS.search(piece) and len(piece) <= 60 and cue_kind(piece) != "none")


def _only_generic_problem(piece: str) -> bool:
    """ "…取得一定成效，但仍存在一些不足。": a problem is announced, none is named."""
    m = _GENERIC_PROBLEM.search(piece)
    if not m or PLAN.search(piece) or DONE.search(piece):
        return False
    rest = piece[: m.start()] + piece[m.end() :]
    if TARGET.search(rest):
        return False
    return not PREDICATE.search(rest)


def _split_intro(text: str, s: _Sentence) -> list[_Sentence]:
    """ "…仍存在不足，如A、B" → a lead-in "…仍存在不足" and content "A、B"."""
    m = _INTRO_SPLIT.search(text, s.body, s.end)
    if not m or s.role != "content":
        return [s]
    head = text[s.body : m.start()]
    if not (_GENERIC_PROBLEM.search(head) or cue_kind(head) != "none") or PREDICATE.search(
        _GENERIC_PROBLEM.sub("", head)
    ):
        return [s]
    lead = _Sentence(s.start, m.end(), s.marker, s.ordinal, s.body, "leadin", s.newline_before)
    rest = _Sentence(m.end(), s.end, None, 0, m.end(), "content", False)
    return [lead, rest]


_CONCESSION_LEAD = re.compile(r"[，,](?:但是|但|然而|不过|只是)(?:在|仍|还|也|仍然)?")
_CONSEQUENCE = re.compile(r"等?[，,](?=(?:影响|导致|制约|使得|造成|致使|从而|进而)[^。；]*$)")


# "本年度，我乡政务公开工作仍存在A、B等问题": the work in general as subject, then 存在 and the problems.
# A named part ("部分单位工作中存在…") keeps its subject.
_EXIST_LEAD = re.compile(r"(?P<subject>[^。；：:]{0,40}?(?:工作|方面|中|上|来))(?:仍然|依然|仍|还|也|尚)?存在(?:着)?")
_NAMED_PART = re.compile(r"部分|个别|少数|有的|一些")


def _problem_span(text: str, a: int, b: int) -> tuple[int, int]:
    """The part of a shortcoming sentence that states problems: no concession opener, consequence or adverbial."""
    m = _CONCESSION_LEAD.search(text, a, b)
    if m and not PREDICATE.search(text[a : m.start()]):
        a = m.end()
    m = _EXIST_LEAD.match(text, a, b)
    subject = m.group("subject") if m else ""
    if m and PREDICATE.search(text, m.end(), b) and not (PREDICATE.search(subject) or _NAMED_PART.search(subject)):
        a = m.end()
    m = _CONSEQUENCE.search(text, a, b)
    if m and PREDICATE.search(text[a : m.start()]):
        b = m.start()
    while True:  # adverbial openers ("对照…要求，") before the first problem
        m = re.search(r"[，,]", text[a:b])
        head = text[a : a + m.start()] if m else ""
        if not m or PREDICATE.search(head) or not _ADVERBIAL.search(head):
            break
        a += m.end()
    return a, b


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a shortcoming sentence into clauses that each have a subject and a predicate."""
    a, b = _problem_span(text, a, b)
    bounds = [a] + [m.end() for m in _SPLIT_PUNCT.finditer(text, a, b)] + [b]
    chunks = [(x, y) for x, y in zip(bounds, bounds[1:]) if text[x:y].strip("，,、；; ")]
    groups: list[list[int]] = []
    has_pred: list[bool] = []
    complete = False  # the chunk before ended on its predicate: its clause is over
    for x, y in chunks:
        chunk = text[x:y].strip("，,、；; ")
        m = PREDICATE.search(chunk)
        own = m is not None and m.start() >= 2 and not TARGET.search(chunk)
        # "A有待增强，B、C不够全面": nouns listed after a finished clause open the next one
        noun_list = m is None and complete and text[x:y].rstrip().endswith("、")
        if groups and not (own and has_pred[-1]) and not noun_list:  # it continues the clause before
            groups[-1][1] = y
            has_pred[-1] = has_pred[-1] or m is not None
        else:
            groups.append([x, y])
            has_pred.append(m is not None)
        complete = _ends_on_predicate(chunk)
    return [(x, y) for x, y in groups]


def _ends_on_predicate(chunk: str) -> bool:
    """Does the clause end on its shortcoming ("…有待增强", "…不够全面"), not go on to its object ("缺乏对A")?"""
    ends = [m.end() for m in PREDICATE.finditer(chunk)]
    return bool(ends) and len(chunk) - ends[-1] <= 4


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop connectors, closings and punctuation around a statement."""
    a, b = _strip(text, a, b)
    m = _GENERIC_TARGET.match(text, a, b)
    if m and b - m.end() >= 8:
        a, b = _strip(text, m.end(), b)
    m = _CONNECTOR.match(text, a, b)
    if m and m.end() < b:
        a, b = _strip(text, m.end(), b)
    m = _CLOSING_TAIL.search(text[a:b])
    if m and m.start() > 3:
        b = a + m.start()
        a, b = _strip(text, a, b)
    return a, b


def split(text: str, start: int, end: int, cue: str = "", context: str = "none") -> list[Unit]:
    """Statements of ``text[start:end]``; ``cue``/``context``: the lead-in in force on entry.

    A problem/measure ledger printed as tab-separated rows ("序号 存在问题 整改措施 完成时限")
    gives one statement per problem cell and per measure cell (:func:`ledger`).
    """
    units: list[Unit] = []
    pos = start
    for a, b in _tab_runs(text, start, end):
        rows = ledger(text, a, b)
        if rows:
            units += _split_prose(text, pos, a, cue, context)
            units += rows
            pos = b
    return units + _split_prose(text, pos, end, cue, context)


_TAB_LINE = re.compile(r"[^\n]*\t[^\n]*(?:\n|$)")
_PROBLEM_COLUMN = re.compile(r"问题|不足|短板|差距")
_MEASURE_COLUMN = re.compile(r"措施|整改|改进|计划|打算|举措|情况")


def _tab_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of consecutive lines holding a tab (rows of a table rendered as text)."""
    runs: list[tuple[int, int]] = []
    for m in _TAB_LINE.finditer(text, start, end):
        if m.start() != m.end() and (m.start() == start or text[m.start() - 1] == "\n"):
            if runs and runs[-1][1] == m.start():
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
    return runs


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of each tab-separated cell of the line ``text[a:b]``."""
    out, pos = [], a
    for i in range(a, b + 1):
        if i == b or text[i] in "\t\n":
            out.append((pos, i))
            pos = i + 1
            if i < b and text[i] == "\n":
                break
    return out


def ledger(text: str, start: int, end: int) -> list[Unit]:
    """Statements of a problem/measure table (tab-separated rows in ``text[start:end]``), or [] if it is none.

    The header row names a problem column ("存在问题") and/or a measure column ("整改措施",
    "整改情况"); every later row gives its problem cell (context problem) and its measure
    cell (context: what the column header announces, :func:`cue_kind`).
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]
    lines = [(start + a, start + b) for a, b in lines]
    if len(lines) < 2:
        return []
    header = [text[a:b].strip() for a, b in _cells(text, *lines[0])]
    roles: dict[int, tuple[str, str]] = {}
    for k, h in enumerate(header):
        if len(h) > 12:
            continue
        if _PROBLEM_COLUMN.search(h) and not _MEASURE_COLUMN.search(h):
            roles[k] = (h, "problem")
        elif _MEASURE_COLUMN.search(h):
            roles[k] = (h, cue_kind(h) if cue_kind(h) != "none" else "rectification")
    if not any(kind == "problem" for _, kind in roles.values()) or len(roles) < 2:
        return []
    units: list[Unit] = []
    for line in lines[1:]:
        for k, (a, b) in enumerate(_cells(text, *line)):
            if k in roles:
                x, y = _trim(text, a, b)
                if y - x >= 4:
                    units.append(Unit(x, y, roles[k][0], roles[k][1], True))
    return units


def _split_prose(text: str, start: int, end: int, cue: str, context: str) -> list[Unit]:
    """Statements of running text (sentences, numbered items, lead-ins and headings)."""
    if end <= start:
        return []
    sents: list[_Sentence] = []
    for s in _classify(text, _sentences(text, start, end)):
        sents.extend(_split_intro(text, s))
    units: list[Unit] = []
    heading_cue, heading_ctx = cue, context
    lead_cue, lead_ctx = "", "none"
    item: list[int] | None = None  # [start, end] of the numbered item being read
    item_ctx: tuple[str, str] = ("", "none")
    plan_chain = False  # the unnumbered sentence before ended in "；" and announced a measure

    def flush() -> None:
        nonlocal item
        if item is not None:
            a, b = _trim(text, item[0], item[1])
            if b > a:
                units.append(Unit(a, b, item_ctx[0], item_ctx[1], True))
        item = None

    for s in sents:
        piece = text[s.body : s.end].strip()
        chained, plan_chain = plan_chain, False
        if s.role == "heading":
            flush()
            heading_cue, heading_ctx = piece.rstrip("。：: "), heading_kind(piece)
            lead_cue, lead_ctx = "", "none"
            continue
        if s.role == "leadin":
            flush()
            kind = cue_kind(piece)
            lead_cue = piece.rstrip("：:，, ")
            lead_ctx = kind if kind != "none" else lead_ctx
            continue
        if s.role == "closing":
            flush()
            continue
        cur_cue = lead_cue or heading_cue
        cur_ctx = lead_ctx if lead_ctx != "none" else heading_ctx
        if s.marker in (*_ITEM_MARKERS, "paren_cn", "dun"):
            flush()
            item = [s.body, s.end]
            item_ctx = (cur_cue, cur_ctx)
            continue
        if item is not None and not s.newline_before and not _OPENER.match(piece):
            item[1] = s.end
            continue
        flush()
        cur_ctx, plan_chain = _chain_context(piece, chained and not s.newline_before, cur_ctx)
        a, b = _trim(text, s.body, s.end)
        if b - a < 4:
            continue
        for x, y in _sentence_pieces(text, a, b, cur_ctx):
            x, y = _trim(text, x, y)
            if y - x >= 4:
                units.append(Unit(x, y, cur_cue, cur_ctx, False))
    flush()
    return units


def _chain_context(piece: str, chained: bool, context: str) -> tuple[str, bool]:
    """(context, whether the chain goes on) for an unnumbered sentence in a "；" chain.

    "2023年，我县将A；组织B；举办C。": the items after an announced measure are the same list of
    measures (plan), unless one states a shortcoming or a thing done.
    """
    if chained and _continues_plan(piece):
        context = "plan"
    return context, piece.endswith(("；", ";")) and (context == "plan" and chained or _announces(piece))


def _announces(piece: str) -> bool:
    """An unnumbered sentence that announces a measure ("下一步，我区将…", "街道将于2026年…")."""
    return bool(PLAN.search(piece) or re.search(r"(?<![已并])将于", piece)) and not DONE.search(piece)


def _continues_plan(piece: str) -> bool:
    """A "；" item after an announced measure that is itself a measure: no shortcoming, nothing done."""
    return not PREDICATE.search(TARGET.sub("", piece)) and not DONE.search(piece)


# "…人员力量不足，下一步将加强人员配备": the sentence turns from a problem to a plan.
_PLAN_TURN = re.compile(r"[，,](?=(?:下一步|今后|明年|下一年度?|20\d\d年)[，,]?[^，。；]{0,12}?(?:将|要|拟|计划))")


def _problem_then_plan(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence that states a shortcoming and then announces a measure, cut in two at the turn."""
    m = _PLAN_TURN.search(text, a, b)
    if m and PREDICATE.search(text, a, m.start()) and not PLAN.search(text, a, m.start()):
        return [(a, m.start()), (m.end(), b)]
    return [(a, b)]


def _sentence_pieces(text: str, a: int, b: int, context: str) -> list[tuple[int, int]]:
    """The statements of one unnumbered sentence: problem and plan parts, shortcomings clause by clause."""
    pieces: list[tuple[int, int]] = []
    for x, y in _problem_then_plan(text, a, b):
        pieces += _clauses(text, x, y) if _is_shortcoming(text[x:y], context) else [(x, y)]
    return pieces


def _is_shortcoming(sentence: str, context: str) -> bool:
    core = TARGET.sub("", sentence)
    if not PREDICATE.search(core):
        return False
    if PLAN.search(sentence) or DONE.search(sentence):
        return False
    return context in ("problem", "none") or not re.match(r"^(?:加强|强化|提升|提高|完善|健全|推进|进一步)", sentence)
