"""Plain text and Markdown: detect the encoding, normalise, done.

Tables inside text (tab-separated, one cell per line with ``|``, Markdown,
run-together digits) stay in the text; ``pipeline.tables`` finds them.
"""

from __future__ import annotations

from ..document import Block, Document
from ..errors import EncodingError
from ..normalise import normalise

_CANDIDATES = ("utf-8", "gb18030", "big5", "utf-16")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding name).

    BOMs win; then strict UTF-8; then GB18030 (a superset of GBK/GB2312),
    accepted only if the result looks like Chinese text.
    """
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    path, f"starts with a {enc} byte-order mark but is not {enc}: {exc.reason}"
                ) from None
    for enc in _CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8" or _looks_chinese(text):
            return text, enc
    raise EncodingError(path, "not UTF-8, GB18030, Big5 or UTF-16 text")


_MARKERS = ("政府", "信息", "公开", "年度", "报告", "工作", "申请")


def _marker_count(text: str) -> int:
    sample = text[:20000]
    return sum(sample.count(m) for m in _MARKERS)


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo the two common mojibakes of Chinese text; return (text, what was repaired).

    GBK bytes shown as Latin-1 (``Õþ¸®``) and UTF-8 bytes shown as GBK
    (``鏀垮簻``).  A repair is kept only if it yields clearly more of the
    words every report uses.
    """
    before = _marker_count(text)
    attempts = (("latin-1", "gb18030"), ("cp1252", "gb18030"), ("latin-1", "utf-8"), ("gb18030", "utf-8"))
    for wrong, right in attempts:
        try:
            fixed = text.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _marker_count(fixed) > max(3, 2 * before):
            return fixed, f"repaired mojibake ({right} text shown as {wrong})"
    # UTF-8 shown as GBK usually lost bytes on the way: repair what survives.
    try:
        fixed = text.encode("gb18030").decode("utf-8", errors="replace")
    except UnicodeEncodeError:
        return text, None
    if _marker_count(fixed) > max(3, 2 * before):
        lost = fixed.count("\ufffd")
        return fixed, f"repaired mojibake (utf-8 text shown as gb18030; {lost} characters lost)"
    return text, None


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return cjk / len(sample) > 0.2 and controls / len(sample) < 0.01


def read_bytes(data: bytes, path: str, fmt: str = "txt") -> Document:
    raw, encoding = decode(data, path)
    if "\x00" in raw:
        raise EncodingError(path, "NUL bytes in text: binary data or wrong encoding")
    raw, repaired = repair_mojibake(raw)
    text = normalise(raw)
    return Document(
        path=path,
        format=fmt,
        text=text,
        blocks=[Block("text", 0, len(text))],
        encoding=encoding,
        warnings=[repaired] if repaired else [],
    )
