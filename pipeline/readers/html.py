"""HTML pages: visible text in reading order, data tables as grids.

Parsed with lxml.html offline (no network, no external entities).  Script,
style and navigation elements are skipped.  A ``<table>`` holding other
tables is layout: its cells are read as ordinary blocks and the innermost
tables become grids, with rowspan/colspan expanded.  The encoding comes from
a BOM, the ``<meta charset>`` declaration, or strict UTF-8 then GB18030.

Hostile pages are bounded: a declared charset counts only if it is a web text
encoding (``idna``, ``punycode`` or ``undefined`` are ignored; a declared
UTF-16 means UTF-8, as browsers read it; non-ASCII bytes that are valid UTF-8
are UTF-8 whatever the declaration says).  The tree is parsed with libxml2's
``huge_tree`` (text nodes over 10 MB, nesting to 2048 levels) and walked without
recursion; nesting deeper than that is refused, and any other content the
parser drops is named in a warning.  Expanded tables are limited by
:mod:`.grid_text`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

import lxml.etree
import lxml.html

from ..document import Document
from ..errors import CorruptFile, EncodingError, TooLarge
from ..normalise import normalise_line
from .grid_text import Placed, TextBuilder, cell_text, check_table_size

_SKIP = {"script", "style", "nav", "noscript", "template", "head", "title", "select", "option", "iframe", "object"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
    "article", "header", "footer", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "form",
    "aside", "figure", "figcaption", "caption", "body", "html", "td", "th", "tbody", "thead", "tfoot",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_SPAN = 200
MAX_DEPTH = 2048  # libxml2's nesting limit with huge_tree

# Encodings a web page may declare (the WHATWG Encoding Standard's, as Python codec names).
_WEB_ENCODINGS = {
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk", "gb2312", "gb18030",
    "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932", "euc_kr", "cp949", "iso8859-1", "ascii",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *(f"cp{n}" for n in range(1250, 1259)),
}  # fmt: skip
_UTF16 = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def declared_charset(data: bytes) -> str | None:
    """The Python codec a page's ``<meta charset>`` names, if it is a web encoding.

    A page whose meta tag can be read as ASCII is not UTF-16: a declared UTF-16
    means UTF-8 (as in browsers).  Names that are not text encodings of the web
    (``idna``, ``punycode``, ``undefined``, ``rot13`` …) are ignored.
    """
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in {"gbk", "gb2312", "gb_2312-80", "x-gbk", "gb18030"}:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in _UTF16:
        return "utf-8"
    return name if codec in _WEB_ENCODINGS else None


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode an HTML page; return (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    name = declared_charset(data)
    if name:
        if name != "utf-8" and not data.isascii():
            try:  # non-ASCII text that is valid UTF-8 is UTF-8, whatever the page declares
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
        try:  # the declaration lies: the bytes are UTF-8
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise EncodingError(path, "HTML is neither declared-charset, UTF-8 nor GB18030 text") from None


def _int_attr(el: lxml.html.HtmlElement, name: str) -> int:
    try:
        return min(max(int(str(el.get(name, "1")).strip() or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def _own_rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in {"thead", "tbody", "tfoot"}:
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


Element = lxml.html.HtmlElement


def walk_tree(
    root: Element, enter: Callable[[Element], bool], leave: Callable[[Element], None], tail: Callable[[str], None]
) -> None:
    """Depth-first walk without recursion: ``enter(node)`` says whether to descend into it,
    ``leave(node)`` follows its children, ``tail(text)`` takes each child's tail (not the root's)."""
    if not enter(root):
        return
    stack = [(root, iter(root))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            leave(parent)
            if stack and parent.tail:
                tail(parent.tail)
        elif enter(child):
            stack.append((child, iter(child)))
        elif child.tail:
            tail(child.tail)


def _inline_text(el: Element) -> str:
    """Text of an element with line breaks at block boundaries."""
    out: list[str] = []

    def enter(node: Element) -> bool:
        tag = _tag(node)
        if tag in _SKIP:
            return False
        if tag in _BLOCK:
            out.append("\n")
        if node.text and tag:
            out.append(node.text)
        return True

    def leave(node: Element) -> None:
        if _tag(node) in _BLOCK:
            out.append("\n")

    walk_tree(el, enter, leave, out.append)
    return "".join(out)


def html_table_cells(table: Element, path: str = "") -> list[Placed]:
    """The cells of a data table placed on the grid (HTML table model); TooLarge past the grid limit."""
    cells: list[Placed] = []
    taken: set[tuple[int, int]] = set()
    rows = cols = 0
    for r, tr in enumerate(_own_rows(table)):
        col = 0
        for td in tr:
            if _tag(td) not in {"td", "th"}:
                continue
            while (r, col) in taken:
                col += 1
            rowspan, colspan = _int_attr(td, "rowspan"), _int_attr(td, "colspan")
            rows, cols = max(rows, r + rowspan), max(cols, col + colspan)
            check_table_size(rows, cols, path)
            cells.append(Placed(r, col, _inline_text(td), rowspan, colspan))
            taken.update((r + i, col + k) for i in range(rowspan) for k in range(colspan))
            col += colspan
    return cells


class _Walker:
    def __init__(self, path: str = "") -> None:
        self.out = TextBuilder(path)
        self.path = path
        self.line: list[str] = []

    def flush(self) -> None:
        if self.line:
            self.out.paragraph(cell_text("".join(self.line)))
            self.line.clear()  # in place: walk() hands self.line.append on

    def enter(self, node: Element) -> bool:
        tag = _tag(node)
        if tag in _SKIP or (not tag and node.tag is not None):  # comments, processing instructions
            return False
        if tag == "table" and not node.xpath(".//table"):
            self.flush()
            self.out.table(html_table_cells(node, self.path))
            return False
        if tag in _BLOCK:
            self.flush()
        if node.text:
            self.line.append(node.text)
        return True

    def leave(self, node: Element) -> None:
        if _tag(node) in _BLOCK:
            self.flush()

    def walk(self, node: Element) -> None:
        walk_tree(node, self.enter, self.leave, self.line.append)


def _dropped(parser: lxml.html.HTMLParser, path: str) -> list[str]:
    """Warnings for content the parser gave up on; TooLarge past the nesting limit."""
    warnings = []
    for entry in parser.error_log:
        if entry.level < lxml.etree.ErrorLevels.FATAL:
            continue
        if "depth" in entry.message.lower():
            raise TooLarge(path, f"HTML nested deeper than MAX_DEPTH={MAX_DEPTH} levels (line {entry.line})")
        warnings.append(f"HTML parser stopped at line {entry.line}, column {entry.column}: {entry.message.strip()}; "
                        "content after it is missing")  # fmt: skip
    return warnings


def read_bytes(data: bytes, path: str, fmt: str = "html") -> Document:
    raw, encoding = decode_html(data, path)
    raw = _XML_DECL.sub("", raw)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.fromstring(raw, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFile(path, f"unparsable HTML: {exc}") from None
    warnings = _dropped(parser, path)
    body = root.find(".//body")
    walker = _Walker(path)
    walker.walk(body if body is not None else root)
    walker.flush()
    text = walker.out.text()
    title = root.findtext(".//title")
    return Document(
        path=path,
        format="html",
        text=text,
        blocks=walker.out.blocks,
        encoding=encoding,
        warnings=warnings,
        title=normalise_line(title) if title and title.strip() else None,
    )
