"""Administrative region lookup from an agency name.

Uses the national division list shipped with the ``cpca`` package
(``cpca/resources/adcodes.csv``; read directly: importing cpca would build
its address matcher, a third of a second per process).  Matching is by longest full name at the start of the agency name,
then by unambiguous short names (``淮安`` for ``淮安市``).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import re
from pathlib import Path

from .record import Region

_SUFFIXES = r"(?:省|市|自治区|特别行政区|自治州|地区|盟|自治县|自治旗|县|区|旗|林区|特区)"
_SUFFIX = re.compile(_SUFFIXES + "$")
_SUFFIX_AT = re.compile(_SUFFIXES)
_MUNICIPALITIES = {"11", "12", "31", "50"}


@functools.lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
    """(adcode6 -> name, full name -> adcodes, short name -> adcodes)."""
    spec = importlib.util.find_spec("cpca")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca (its division list) is not installed", name="cpca")
    csv_path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    raw = csv_path.read_text(encoding="utf-8")
    by_code: dict[str, str] = {}
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["adcode"][:6]
        name = row["name"]
        by_code[code] = name
        full.setdefault(name, []).append(code)
        stem = _SUFFIX.sub("", name)
        if len(stem) >= 2 and stem != name:
            short.setdefault(stem, []).append(code)
    return by_code, full, short


def _level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def _region_from_code(code: str) -> Region:
    by_code, _, _ = _divisions()
    province = by_code.get(code[:2] + "0000")
    level = _level(code)
    if level == "province":
        return Region(province=province)
    city = by_code.get(code[:4] + "00")
    if code[:2] in _MUNICIPALITIES:
        city = province
    if level == "city":
        return Region(province=province, city=by_code.get(code))
    return Region(province=province, city=city, county=by_code.get(code))


def _walk(name: str) -> tuple[str | None, int, str | None]:
    """The most specific division named at the start of ``name``, where the rest begins, and a doubt."""
    by_code, full, short = _divisions()
    best: str | None = None
    doubt: str | None = None
    pos = 0
    while pos < len(name):
        match = None
        for length in range(min(12, len(name) - pos), 1, -1):
            piece = name[pos : pos + length]
            codes = full.get(piece) or short.get(piece)
            if not codes:
                continue
            if best:
                codes = [c for c in codes if _within(c, best)] or ([] if len(codes) > 1 else codes)
            if len(codes) == 1:
                match = (codes[0], length)
                break
        if not match:
            break
        best, pos = match[0], pos + match[1]
        official = by_code[best]
        said = _SUFFIX_AT.match(name[pos : pos + 4]) if official.startswith(name[pos - match[1] : pos]) else None
        if said and not official.endswith(said.group()):
            doubt = f"region: {name[pos - match[1] : pos + len(said.group())]} matched by its short name to {official}"
        elif said and not official.endswith(name[pos - match[1] : pos]):
            pos += len(said.group())  # "淮安" + "市": the suffix belongs to the place
    return best, pos, doubt


def lookup(name: str) -> tuple[Region, str | None, str | None]:
    """Region of the place an agency name starts with, that place's level, and a doubt.

    Walks the name left to right: a province, then a city, then a county may
    each be named in turn (``河南省信阳市息县…``).  The most specific match wins.
    The doubt is set when a short name is followed by another suffix than the
    official one (``某溪县`` matched to ``某溪区``): a renamed place (撤县设区)
    or a different one, which the name alone cannot tell.
    """
    best, _, doubt = _walk(name)
    if best is None:
        return Region(), None, None
    return _region_from_code(best), _level(best), doubt


def agency_key(name: str | None) -> str | None:
    """The agency whatever its printed name: its region plus its own name without the region prefix.

    "洪泽区人民政府" and "淮安市洪泽区人民政府" both give
    "江苏省/淮安市/洪泽区:人民政府"; a name with no known place keeps its
    whole text after the colon ("/:某县人民政府").
    """
    if not name:
        return None
    compact = "".join(name.split())
    best, pos, _ = _walk(compact)
    region = _region_from_code(best) if best else Region()
    places = "/".join(p or "" for p in (region.province, region.city, region.county))
    return f"{places}:{compact[pos:] or compact}"


def _within(code: str, parent: str) -> bool:
    level = _level(parent)
    if level == "province":
        return code[:2] == parent[:2]
    if level == "city":
        return code[:4] == parent[:4]
    return False
