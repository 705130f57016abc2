"""HTML pages: visible text in reading order, data tables as grids.

Parsed with lxml.html offline (no network, no external entities).  Script,
style and navigation elements are skipped.  A ``<table>`` holding other
tables is layout: its cells are read as ordinary blocks and the innermost
tables become grids, with rowspan/colspan expanded.  The encoding comes from
a BOM, the ``<meta charset>`` declaration, or strict UTF-8 then GB18030.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ..document import Document
from ..errors import CorruptFile, EncodingError
from .grid_text import Placed, TextBuilder, cell_text

_SKIP = {"script", "style", "nav", "noscript", "template", "head", "title", "select", "option", "iframe", "object"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
    "article", "header", "footer", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "form",
    "aside", "figure", "figcaption", "caption", "body", "html", "td", "th", "tbody", "thead", "tfoot",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_SPAN = 200


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode an HTML page; return (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        if name in {"gbk", "gb2312", "gb_2312-80", "x-gbk", "gb18030"}:
            name = "gb18030"
        try:
            return data.decode(name), name
        except LookupError:
            pass
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


def _inline_text(el: lxml.html.HtmlElement) -> str:
    """Text of an element with line breaks at block boundaries."""
    out: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        tag = _tag(node)
        if tag in _SKIP:
            return
        if tag in _BLOCK:
            out.append("\n")
        if node.text and tag:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if tag in _BLOCK:
            out.append("\n")

    walk(el)
    return "".join(out)


def table_cells(table: lxml.html.HtmlElement) -> list[Placed]:
    """The cells of a data table placed on the grid (HTML table model)."""
    cells: list[Placed] = []
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(_own_rows(table)):
        col = 0
        for td in tr:
            if _tag(td) not in {"td", "th"}:
                continue
            while (r, col) in taken:
                col += 1
            rowspan, colspan = _int_attr(td, "rowspan"), _int_attr(td, "colspan")
            cells.append(Placed(r, col, _inline_text(td), rowspan, colspan))
            taken.update((r + i, col + k) for i in range(rowspan) for k in range(colspan))
            col += colspan
    return cells


class _Walker:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.line: list[str] = []

    def flush(self) -> None:
        if self.line:
            self.out.paragraph(cell_text("".join(self.line)))
            self.line = []

    def walk(self, node: lxml.html.HtmlElement) -> None:
        tag = _tag(node)
        if tag in _SKIP or (not tag and node.tag is not None):  # comments, processing instructions
            return
        if tag == "table" and not node.xpath(".//table"):
            self.flush()
            self.out.table(table_cells(node))
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if node.text:
            self.line.append(node.text)
        for child in node:
            self.walk(child)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()


def read_bytes(data: bytes, path: str, fmt: str = "html") -> Document:
    raw, encoding = decode_html(data, path)
    raw = _XML_DECL.sub("", raw)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.fromstring(raw, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFile(path, f"unparsable HTML: {exc}") from None
    body = root.find(".//body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    text = walker.out.text()
    return Document(path=path, format="html", text=text, blocks=walker.out.blocks, encoding=encoding)
