"""Word ``.docx`` files: body paragraphs and tables in document order.

The package is opened with :mod:`zipfile` after a zip-bomb check (total
uncompressed size and compression ratio) and ``word/document.xml`` is parsed
with defusedxml (no DTDs, no entities).  Table merges are expanded:
``w:gridSpan`` spans columns, ``w:vMerge`` (restart / continue) spans rows,
``w:gridBefore`` skips leading grid columns.  Deleted revisions (``w:del``)
and field instructions are not text.

Hostile packages are bounded: the XML parts may hold :data:`MAX_XML_BYTES` in all
(a document.xml of 190 MB passes any ratio check yet needs ~14x its size as a
tree), spans and skips are clamped integers, expanded tables are limited by
:mod:`.grid_text`, and every walk is iterative (100,000 nested runs are fine).
Strict OOXML (ISO 29500 strict namespace) is read as transitional.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..document import Document
from ..errors import CorruptFile, EncryptedFile, TooLarge
from .grid_text import Placed, TextBuilder, check_table_size

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# The XML parts are what gets inflated and parsed: a long report's document.xml is a few MB;
# 32 MB is ~10x that and parses in ~450 MB.
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_RATIO = 200
_DOCUMENT = "word/document.xml"
# What zipfile raises on a damaged archive besides BadZipFile (found by tests/fuzz/fuzz_readers.py):
# negative seeks (ValueError), bad deflate data (zlib.error), unknown versions (NotImplementedError).
_ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
)  # fmt: skip


def check_zip(zf: zipfile.ZipFile, path: str) -> None:
    """Refuse archives whose members would expand to an unreasonable size."""
    total = xml = 0
    for info in zf.infolist():
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")):
            xml += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise CorruptFile(
                path, f"zip bomb: {info.filename} expands {info.file_size // max(info.compress_size, 1)}x"
            )
    if total > MAX_UNCOMPRESSED:
        raise CorruptFile(path, f"zip bomb: {total} bytes uncompressed > limit {MAX_UNCOMPRESSED}")
    if xml > MAX_XML_BYTES:
        raise TooLarge(path, f"{xml} bytes of XML in the package > limit MAX_XML_BYTES={MAX_XML_BYTES}")


def load_body(data: bytes, path: str) -> Element:
    """The ``w:body`` element of a .docx, or a typed error."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise CorruptFile(path, f"not a readable zip archive: {exc}") from None
    with zf:
        check_zip(zf, path)
        if _DOCUMENT not in zf.namelist():
            raise CorruptFile(path, f"no {_DOCUMENT} in the archive (not a Word document)")
        if zf.getinfo(_DOCUMENT).flag_bits & 0x1:
            raise EncryptedFile(path, f"{_DOCUMENT} is encrypted in the archive")
        try:
            with zf.open(_DOCUMENT) as member:
                xml = member.read(MAX_XML_BYTES + 1)
        except _ZIP_ERRORS as exc:
            raise CorruptFile(path, f"damaged {_DOCUMENT}: {exc}") from None
    try:
        root = SafeET.fromstring(xml)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise CorruptFile(path, f"unparsable {_DOCUMENT}: {exc}") from None
    if root.tag.startswith(STRICT):
        _strict_to_transitional(root)
    body = root.find(f"{W}body")
    if body is None:
        raise CorruptFile(path, f"{_DOCUMENT} has no body")
    return body


def _strict_to_transitional(root: Element) -> None:
    """Rename Strict OOXML tags and attributes to the transitional namespace, in place."""
    for el in root.iter():
        if el.tag.startswith(STRICT):
            el.tag = W + el.tag[len(STRICT) :]
        if any(k.startswith(STRICT) for k in el.attrib):
            attrib = {(W + k[len(STRICT) :] if k.startswith(STRICT) else k): v for k, v in el.attrib.items()}
            el.attrib.clear()
            el.attrib.update(attrib)


_SKIP = {f"{W}del", f"{W}instrText", f"{W}delText", f"{W}pPr", f"{W}rPr"}
_SPACE = {f"{W}tab", f"{W}ptab"}
_BREAK = {f"{W}br", f"{W}cr"}


def paragraph_text(p: Element) -> str:
    """Visible text of one ``w:p`` (line breaks kept as newlines); iterative, so any depth is fine."""
    out: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag in _SPACE:
            out.append(" ")
        elif tag in _BREAK:
            out.append("\n")
        elif tag not in _SKIP:
            stack.append(iter(child))
    return "".join(out)


def _val(el: Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(f"{W}{name}", default)


def _int_val(el: Element | None, default: int) -> int:
    """The ``w:val`` of ``el`` as a count (0 or more); ``default`` if absent or not a number."""
    try:
        return max(int(_val(el, "val") or default), 0)
    except ValueError:
        return default


def paragraphs(el: Element) -> list[Element]:
    """The ``w:p`` elements inside ``el`` that are not inside another ``w:p`` (whose text holds theirs)."""
    found: list[Element] = []
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{W}p":
            found.append(child)
        else:
            stack.append(iter(child))
    return found


def cell_text(tc: Element) -> str:
    """All paragraphs of a cell (nested tables included), one per line."""
    return "\n".join(paragraph_text(p) for p in paragraphs(tc))


def tbl_cells(tbl: Element, path: str = "") -> list[Placed]:
    """Cells of a ``w:tbl`` placed on its grid, vertical merges joined (TooLarge past the grid limit)."""
    cells: list[Placed] = []
    open_v: dict[int, Placed] = {}  # grid column -> cell whose vertical merge may continue
    rows = tbl.findall(f"{W}tr")
    width = 0
    for r, tr in enumerate(rows):
        trpr = tr.find(f"{W}trPr")
        before = tr.find(f"{W}trPr/{W}gridBefore") if trpr is not None else None
        col = _int_val(before, 0)
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = _int_val(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, 1)
            width = max(width, col + max(span, 1))
            check_table_size(len(rows), width, path)
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
    out = TextBuilder(path)
    for child in body:
        if child.tag == f"{W}p":
            out.paragraph(paragraph_text(child))
        elif child.tag == f"{W}tbl":
            out.table(tbl_cells(child, path))
        elif child.tag == f"{W}sdt":  # content controls wrap ordinary paragraphs
            for p in paragraphs(child):
                out.paragraph(paragraph_text(p))
    return Document(path=path, format="docx", text=out.text(), blocks=out.blocks, encoding="utf-8")
