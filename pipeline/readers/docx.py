"""Word ``.docx`` files: body paragraphs and tables in document order.

The package is opened with :mod:`zipfile` after a zip-bomb check (total
uncompressed size and compression ratio) and ``word/document.xml`` is parsed
with defusedxml (no DTDs, no entities).  Table merges are expanded:
``w:gridSpan`` spans columns, ``w:vMerge`` (restart / continue) spans rows,
``w:gridBefore`` skips leading grid columns.  Deleted revisions (``w:del``)
and field instructions are not text.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..document import Document
from ..errors import CorruptFile
from .grid_text import Placed, TextBuilder

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
_DOCUMENT = "word/document.xml"


def check_zip(zf: zipfile.ZipFile, path: str) -> None:
    """Refuse archives whose members would expand to an unreasonable size."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise CorruptFile(
                path, f"zip bomb: {info.filename} expands {info.file_size // max(info.compress_size, 1)}x"
            )
    if total > MAX_UNCOMPRESSED:
        raise CorruptFile(path, f"zip bomb: {total} bytes uncompressed > limit {MAX_UNCOMPRESSED}")


def load_body(data: bytes, path: str) -> Element:
    """The ``w:body`` element of a .docx, or a typed error."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable zip archive: {exc}") from None
    with zf:
        check_zip(zf, path)
        if _DOCUMENT not in zf.namelist():
            raise CorruptFile(path, f"no {_DOCUMENT} in the archive (not a Word document)")
        try:
            xml = zf.read(_DOCUMENT)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise CorruptFile(path, f"damaged {_DOCUMENT}: {exc}") from None
    try:
        root = SafeET.fromstring(xml)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise CorruptFile(path, f"unparsable {_DOCUMENT}: {exc}") from None
    body = root.find(f"{W}body")
    if body is None:
        raise CorruptFile(path, f"{_DOCUMENT} has no body")
    return body


def paragraph_text(p: Element) -> str:
    """Visible text of one ``w:p`` (line breaks kept as newlines)."""
    out: list[str] = []

    def walk(node: Element) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag in (f"{W}del", f"{W}instrText", f"{W}delText", f"{W}pPr", f"{W}rPr"):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _val(el: Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(f"{W}{name}", default)


def cell_text(tc: Element) -> str:
    """All paragraphs of a cell (nested tables included), one per line."""
    return "\n".join(paragraph_text(p) for p in tc.iter(f"{W}p"))


def table_cells(tbl: Element) -> list[Placed]:
    """Cells of a ``w:tbl`` placed on its grid, vertical merges joined."""
    cells: list[Placed] = []
    open_v: dict[int, Placed] = {}  # grid column -> cell whose vertical merge may continue
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        trpr = tr.find(f"{W}trPr")
        before = tr.find(f"{W}trPr/{W}gridBefore") if trpr is not None else None
        col = int(_val(before, "val", "0") or 0)
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = int(_val(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, "val", "1") or 1)
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            if vmerge is not None and _val(vmerge, "val", "continue") == "continue" and col in open_v:
                above = open_v[col]
                above.rowspan = r - above.row + 1
            else:
                cell = Placed(r, col, cell_text(tc), 1, max(span, 1))
                cells.append(cell)
                for k in range(col, col + max(span, 1)):
                    open_v.pop(k, None)
                if vmerge is not None:
                    open_v[col] = cell
            col += max(span, 1)
    return cells


def read_bytes(data: bytes, path: str, fmt: str = "docx") -> Document:
    body = load_body(data, path)
    out = TextBuilder()
    for child in body:
        if child.tag == f"{W}p":
            out.paragraph(paragraph_text(child))
        elif child.tag == f"{W}tbl":
            out.table(table_cells(child))
        elif child.tag == f"{W}sdt":  # content controls wrap ordinary paragraphs
            for p in child.iter(f"{W}p"):
                out.paragraph(paragraph_text(p))
    return Document(path=path, format="docx", text=out.text(), blocks=out.blocks, encoding="utf-8")
