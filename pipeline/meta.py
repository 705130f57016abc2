"""Report metadata: title, agency, kind, level, region, year, format version."""

from __future__ import annotations

import re

from .record import Meta
from .region import lookup
from .tables.forms import detect_form

_TITLE = re.compile(
    r"(?P<agency>[^\s。；;，,:：《》“”][^\n。；;，,:：《》“”]{1,59}?)\s{0,3}(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*"
    r"(?:的)?(?:政府)?(?:信息公开|政务公开)(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报告"
)
_TITLE_SPLIT = re.compile(
    r"(?P<agency>[^\s。；;，,:：《》“”][^\n。；;，,:：《》“”]{1,59}?)\s{0,3}(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:的)?(?:政府)?信息公开\s*\n\s*"
    r"(?:工作)?\s*(?:年度)?\s*报告"
)
# "2019年度青禾县农业农村局政府信息公开工作年度报告": the year first, on a line of its own.
_TITLE_YEAR_FIRST = re.compile(
    r"(?m)^[ \t]*(?:#+\s*|标题\s*[:：]\s*)?(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*"
    r"(?P<agency>[^\n。；;，,:：《》“”\d]{2,40}?)\s*(?:的)?(?:政府)?(?:信息公开|政务公开)(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报告[ \t]*$"
)
_PERIOD = re.compile(r"统计期限?(?:为|是|自|从)?\s*(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_LABEL_PREFIX = re.compile(r"^(?:#+\s*|标题\s*[:：]\s*)")

_KINDS: list[tuple[str, str]] = [
    (r"街道(?:办事处|办)?$", "street"),
    (r"(?:镇|乡)(?:人民政府|政府)?$", "township"),
    (r"(?:县|区|市|省|旗|州|盟)$", "government"),
    (r"(?:人民政府办公室|人民政府办公厅|政府办公室|政府办公厅|政府办)$", "office"),
    (r"(?:人民政府|管理委员会|管委会|实验区|新区|开发区|政府)$", "government"),
    (r"(?:局|委员会|委|厅|办公室|办|中心|署|院|所|站|队|处|会|部|公司)$", "department"),
]


def find_title(text: str) -> tuple[str | None, str | None, int | None]:
    """(title, agency, year) from the first title-like line of the text."""
    head = text[:3000]
    m = _TITLE.search(head) or _TITLE_SPLIT.search(head) or _TITLE_YEAR_FIRST.search(head) or _TITLE.search(text)
    if not m:
        return None, None, None
    agency = _LABEL_PREFIX.sub("", m.group("agency").strip()).strip()
    agency = re.sub(r"关于$", "", agency)
    title = re.sub(r"\s+", "", _LABEL_PREFIX.sub("", m.group(0).strip()))
    return title, agency or None, int(m.group("year"))


def agency_kind(agency: str | None) -> str | None:
    if not agency:
        return None
    for pattern, kind in _KINDS:
        if re.search(pattern, agency):
            return kind
    return "other"


def admin_level(agency: str | None, kind: str | None, place_level: str | None) -> str | None:
    if kind in ("township", "street"):
        return "township"
    if place_level:
        return place_level
    if not agency:
        return None
    if re.search(r"(?:省|自治区)", agency):
        return "province"
    if re.search(r"(?:县|区|旗)", agency):
        return "county"
    if "市" in agency:
        return "city"
    return None


def format_version(text: str, year: int | None) -> str:
    """2021 | 2019 | legacy | unknown: the name of the report's table form (:func:`detect_form`)."""
    return detect_form(text, year).name


def extract_meta(text: str, title_hint: str | None = None) -> tuple[Meta, list[str]]:
    """Meta of a report from its text; ``title_hint`` (an HTML <title>) is read when the text has no title."""
    warnings: list[str] = []
    title, agency, year = find_title(text)
    if title is None and title_hint:
        title, agency, year = find_title(title_hint)
    period = _PERIOD.search(text)
    if year is None and period:
        year = int(period.group("year"))
    elif year is not None and period and int(period.group("year")) != year:
        warnings.append(f"title year {year} differs from statistics period year {period.group('year')}")
    if title is None:
        warnings.append("no report title found")
    region, place_level, doubt = lookup(agency) if agency else (None, None, None)
    if doubt:
        warnings.append(doubt)
    kind = agency_kind(agency)
    meta = Meta(
        title=title,
        agency=agency,
        agency_kind=kind,
        admin_level=admin_level(agency, kind, place_level),
        year=year,
        format_version=format_version(text, year),
    )
    if region is not None:
        meta.region = region
    return meta, warnings
