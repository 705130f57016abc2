"""Text normalisation shared by every reader.

Offsets in the record point into the *normalised* text, so normalisation
happens once, in the reader, before any offset is taken.  It is deliberately
conservative: full-width digits, Latin letters, parentheses and percent signs
become ASCII (so patterns need one spelling); Chinese punctuation such as
``，。：；、“”`` is kept as printed.
"""

from __future__ import annotations

import re

_FULLWIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    ord("（"): "(",
    ord("）"): ")",
    ord("％"): "%",
    ord("．"): ".",
    ord("＋"): "+",
    ord("－"): "-",
    ord("｜"): "|",
    ord("＃"): "#",
    ord("\u3000"): " ",
    ord("\xa0"): " ",
    ord("\u2002"): " ",
    ord("\u2003"): " ",
    ord("\u2009"): " ",
    ord("\u200b"): None,
    ord("\u200c"): None,
    ord("\u200d"): None,
    ord("\ufeff"): None,
    ord("\r"): None,
}

# str.translate with a dict looks every character up in Python; a regex finding
# the few characters to change and a dict of replacements is ~8x faster.
_REPLACEMENT = {chr(k): "" if v is None else v if isinstance(v, str) else chr(v) for k, v in _FULLWIDTH.items()}
# A lone surrogate (a broken text layer) cannot be stored as UTF-8: it becomes U+FFFD.
_TO_REPLACE = re.compile("[" + re.escape("".join(_REPLACEMENT)) + "\ud800-\udfff]")


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT.get(match.group(), "\ufffd")


def fold_fullwidth(text: str) -> str:
    """``text.translate(_FULLWIDTH)``: full-width forms to ASCII, odd spaces to " ", zero-width and CR
    removed; and a lone surrogate, which no file can encode, to U+FFFD."""
    return _TO_REPLACE.sub(_replace, text)


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACED_PAIR = re.compile(f"(?<=[{_CJK}，。、；：“”（）]) (?=[{_CJK}，。、；：“”（）])")
_TIGHT_PAIR = re.compile(f"[{_CJK}](?=[{_CJK}])")


def collapse_cjk_spacing(line: str) -> str:
    """Remove the space a PDF put between every CJK character of a line.

    Only lines where most neighbouring CJK characters are spaced apart are
    touched, so ordinary spacing such as "2024 年" or "结果 维持" survives.
    """
    spaced = len(_SPACED_PAIR.findall(line))
    if spaced < 4 or spaced < len(_TIGHT_PAIR.findall(line)):
        return line
    return _SPACED_PAIR.sub("", line)


def normalise_line(text: str) -> str:
    """Normalise a piece of text that holds no line structure of interest."""
    return fold_fullwidth(text)


def normalise(text: str) -> str:
    """Normalise a whole document text (line breaks kept, CR dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = fold_fullwidth(text)
    text = "\n".join(collapse_cjk_spacing(line) for line in text.split("\n"))
    return _TRAILING_SPACE.sub("\n", text)
