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

# Invisible characters that must not reach a record: Unicode format characters (category Cf:
# zero-width, bidi embeddings/overrides/isolates such as U+202E and U+2066..U+2069, soft hyphen,
# tag characters) and C0/C1 controls other than tab and newline.  A terminal escape sequence
# (CSI ``ESC [ … m``, OSC ``ESC ] … BEL``) goes as a whole.  Line/paragraph separators and NEL
# become newlines; vertical tab and form feed too.
_FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_ESCAPE_SEQUENCE = "\x1b(?:\\[[0-?]{0,64}[ -/]{0,8}[@-~]|\\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\\\)?|[@-Z\\\\-_])"
_NEWLINES = {"\u2028", "\u2029", "\x85", "\x0b", "\x0c"}

# str.translate with a dict looks every character up in Python; a regex finding
# the few characters to change and a dict of replacements is ~8x faster.
_REPLACEMENT = {chr(k): "" if v is None else v if isinstance(v, str) else chr(v) for k, v in _FULLWIDTH.items()}
_REPLACEMENT.update(dict.fromkeys(_NEWLINES, "\n"))
# A lone surrogate (a broken text layer) cannot be stored as UTF-8: it becomes U+FFFD.
_TO_REPLACE = re.compile(
    _ESCAPE_SEQUENCE
    + "|[" + re.escape("".join(_REPLACEMENT)) + "\ud800-\udfff" + _FORMAT_CHARS + _CONTROLS + "]"
)  # fmt: skip


def _replace(match: re.Match[str]) -> str:
    found = match.group()
    if found in _REPLACEMENT:
        return _REPLACEMENT[found]
    return "\ufffd" if "\ud800" <= found <= "\udfff" else ""


def fold_fullwidth(text: str) -> str:
    """``text.translate(_FULLWIDTH)``: full-width forms to ASCII, odd spaces to " ", zero-width and CR
    removed; a lone surrogate, which no file can encode, to U+FFFD; invisible format characters,
    controls and terminal escape sequences removed; Unicode line separators to newlines."""
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
