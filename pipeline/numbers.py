"""Numerals and quantities in Chinese text: pure functions over strings.

``parse_numeral`` turns one numeral into a value: Arabic (``1,234``,
``3.5``), Chinese (``一百二十三``, ``两千``, ``百``), mixed (``3.5万``) and
spelled percentages (``百分之九十`` → 90).  ``find_quantities`` finds every
numeral followed by a unit (``50余篇``, ``近百条``, ``97.68%``, ``3940元``)
with its approximation flag and exact span.  Deciding which quantities are
*figures* (not inside names, document numbers, ordinals …) is the job of
:mod:`pipeline.figures`.

Conventions: a count written with 万/亿 is scaled (``3.5万条`` → 35000
条); money keeps its printed unit (``3.5万元`` → 3.5 万元) so it compares
with tables kept in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)


MAX_DIGITS = 15  # a count or amount in these reports never has more; longer is refused, never rounded


class NumberFormatError(ValueError):
    """The string is not a numeral this module understands (or its value is out of range)."""


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 10)


def parse_chinese(s: str) -> int | float:
    """Value of a Chinese numeral: 一百二十三 → 123, 两千 → 2000, 百 → 100, 三万五千 → 35000, 九十五点五 → 95.5."""
    if not s:
        raise NumberFormatError("empty numeral")
    if "点" in s:
        return _parse_chinese_decimal(s)
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        # digit by digit: 二〇二〇 → 2020
        if len(s) > MAX_DIGITS:
            raise NumberFormatError(f"numeral of {len(s)} digits is out of range")
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    return _parse_chinese_grouped(s)


def _parse_chinese_decimal(s: str) -> int | float:
    """九十五点五 → 95.5: the whole part, then the decimals digit by digit."""
    whole, _, frac = s.partition("点")
    if not frac or any(ch not in CN_DIGITS for ch in frac):
        raise NumberFormatError(f"bad decimal numeral {s!r}")
    decimals = "".join(str(CN_DIGITS[ch]) for ch in frac)
    return _tidy(parse_chinese(whole) + float("0." + decimals))


def _parse_chinese_grouped(s: str) -> int:
    """A numeral with 十/百/千 inside 万/亿 groups: 三万五千 → 35000."""
    total = 0  # completed 万/亿 groups
    section = 0  # value below the current 万/亿
    digit: int | None = None
    for ch in s:
        if ch in CN_DIGITS:
            if digit and CN_DIGITS[ch] != 0:
                raise NumberFormatError(f"two digits in a row in {s!r}")
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_BIG:
            total = _close_group(total, section + (digit or 0), CN_BIG[ch])
            section, digit = 0, None
            if total >= 10**MAX_DIGITS:
                raise NumberFormatError(f"numeral {s[:12]!r}… is out of range")
        else:
            raise NumberFormatError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


def _close_group(total: int, section: int, big: int) -> int:
    """Add a finished group before 万 or 亿 (a bare 万 counts one): 亿 scales everything before it, 万 its group."""
    section = section or 1
    return (total + section) * big if big > 10**4 else total + section * big


_ARABIC = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_numeral(s: str) -> int | float:
    """Value of one numeral, Arabic, Chinese or mixed; raises NumberFormatError."""
    s = re.sub(r"\s", "", s)
    if len(s.split(".")[0].replace(",", "")) > MAX_DIGITS and s[:1].isdigit():
        raise NumberFormatError(f"numeral of {len(s)} characters is out of range")
    if s.startswith("百分之"):
        return parse_numeral(s[3:])
    if s and s[-1] in CN_BIG and _ARABIC.match(s[:-1]):
        return _tidy(float(s[:-1].replace(",", "")) * CN_BIG[s[-1]])
    if _ARABIC.match(s):
        return _tidy(float(s.replace(",", "")))
    return parse_chinese(s)


# --- quantities -------------------------------------------------------------

# Longest first: the alternation takes the first that matches.
UNITS = (
    "万人次", "人次", "万元", "亿元", "元", "%", "个工作日", "工作日", "个月", "小时", "分钟", "天",
    "条", "件", "篇", "个", "次", "名", "人", "期", "场", "封", "宗", "起", "项", "份", "家", "户", "批",
    "部", "本", "套", "台", "处", "类", "轮", "栏", "幅", "张", "万册", "册", "场次", "通", "余",
)  # fmt: skip
_UNIT_RX = "|".join(re.escape(u) for u in sorted(set(UNITS) - {"余"}, key=len, reverse=True))
# Thousands grouped by commas, or by a space when a unit follows ("1 203件"; a space before anything else
# separates two numbers, as in a table row).
_SPACE_GROUPED = r"[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)(?=\s*(?:[万亿余多]|" + _UNIT_RX + "))"
_AR = r"(?:\d{1,3}(?:,\d{3})+|" + _SPACE_GROUPED + r"|\d+)(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_PREFIX = r"(?P<pre>将近|接近|近|约|大约|逾|超过|超|不到|不足)?"
QUANTITY = re.compile(
    _PREFIX
    + r"(?:(?P<pct>百分之(?:"
    + _CN
    + "|"
    + _AR
    + r"))"
    + r"|(?P<num>"
    + _AR
    + r"(?:\s*[万亿](?!元))?|"
    + _CN
    + r"))"
    + r"(?P<approx>\s*(?:余|多))?"
    + r"\s*(?P<unit>"
    + _UNIT_RX
    + r")?"
    + r"(?P<post>以上|左右|余)?"
)


@dataclass(frozen=True)
class Quantity:
    """A numeral with its unit as printed; ``text`` is ``source[start:end]``."""

    value: int | float
    unit: str | None
    approx: bool
    text: str
    start: int
    end: int
    numeral_start: int  # where the digits begin (after 近/约/…)


def _bare_chinese_ok(num: str) -> bool:
    """Reject Chinese strings that only look like numerals (万, 亿, 万万)."""
    return any(ch in CN_DIGITS or ch in CN_SMALL for ch in num)


def find_quantities(text: str, unitless_after: str = "量数") -> list[Quantity]:
    """Every numeral followed by a unit in ``text``.

    A numeral with no unit is kept only right after a character of
    ``unitless_after`` (``访问量1723809``, ``信息数46``), where the unit is
    implied; everything else without a unit (years, codes, phone numbers) is
    left out here.
    """
    out: list[Quantity] = []
    for m in _quantity_matches(text):  # most are bare numbers (years, codes): the cheap tests go first
        pre, pct, num, approx, unit, post = m.group("pre", "pct", "num", "approx", "unit", "post")
        if pct:
            num, unit = pct, "%"
        if not num:
            continue
        if unit is None and (pre or not _unitless_context(text, m.start("num"), unitless_after)):
            continue
        chinese = _DIGIT.search(num) is None
        if chinese and (unit is None or not _bare_chinese_ok(num[3:] if pct else num)):
            continue
        try:
            value = parse_numeral(num)
        except NumberFormatError:
            continue
        end = m.end()
        if unit is None:
            end = m.end("num") if not approx else m.end("approx")
        num_start = m.start("pct") if pct else m.start("num")
        out.append(Quantity(value, unit, bool(pre or approx or post), text[m.start() : end], m.start(), end, num_start))
    return out


_DIGIT = re.compile(r"\d")
# Every character a QUANTITY match can start with: a prefix's first, 百 (百分之), a digit, a Chinese numeral.
_QUANTITY_START = re.compile(r"[将接近约大逾超不百\d零〇一二两三四五六七八九十千万亿]")


def _quantity_matches(text: str) -> list[re.Match[str]]:
    """``QUANTITY.finditer(text)``, tried only where a match can start (found by a one-character scan)."""
    out = []
    pos = 0
    while (start := _QUANTITY_START.search(text, pos)) is not None:
        m = QUANTITY.match(text, start.start())
        if m is None:
            pos = start.start() + 1
        else:
            out.append(m)
            pos = m.end()
    return out


def _unitless_context(text: str, i: int, after: str) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " 为达到是:：":
        j -= 1
    return j >= 0 and text[j] in after
