"""Legacy Word 97-2003 ``.doc`` files: text from the piece table.

The main document text is found through the FIB's ``Clx`` piece table
(MS-DOC §2.4.1) and read as UTF-16 or 8-bit pieces.  Field codes are dropped
(their displayed result kept).  Table structure is not decoded from the
paragraph properties; each table cell (ended by ``\\x07``) becomes one line
ending in `` |`` — the same "one cell per line" form flattened HTML tables
take, which the tables stage reads.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any

from ..document import Block, Document
from ..errors import CorruptFile, EncryptedFile, XxgkError
from ..normalise import normalise

_FC_CLX = 0x01A2
_CCP_TEXT = 0x004C
_COMPRESSED = 0x40000000


def extract_text(data: bytes, path: str) -> str:
    """The main-document text of a Word 97+ binary file."""
    import olefile

    # olefile raises whatever a damaged header or sector chain leads it to (OSError, ValueError,
    # ZeroDivisionError …): on this untrusted input every such failure means a damaged file.
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:
        raise CorruptFile(path, f"not a readable OLE2 file: {type(exc).__name__}: {exc}") from None
    try:
        with ole:
            return _read_streams(ole, path)
    except XxgkError:
        raise
    except Exception as exc:  # a stream named right that is a storage, a damaged sector chain …
        raise CorruptFile(path, f"damaged OLE2 stream: {type(exc).__name__}: {exc}") from None


def _read_streams(ole: Any, path: str) -> str:
    """The text of an opened OLE2 Word file: FIB checks, the table stream, the pieces."""
    if ole.exists("EncryptedPackage"):
        raise EncryptedFile(path, "password-protected Office Open XML document (an encrypted package)")
    if not ole.exists("WordDocument"):
        raise CorruptFile(path, "OLE2 file without a WordDocument stream (not a Word file)")
    wd = ole.openstream("WordDocument").read()
    if len(wd) < _FC_CLX + 8 or struct.unpack_from("<H", wd, 0)[0] != 0xA5EC:
        raise CorruptFile(path, "Word file header (FIB) is missing or damaged")
    flags = struct.unpack_from("<H", wd, 0x0A)[0]
    if flags & 0x0100:
        raise EncryptedFile(path, "Word document is password-protected")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise CorruptFile(path, f"missing {table_name} stream")
    table = ole.openstream(table_name).read()
    ccp_text = struct.unpack_from("<i", wd, _CCP_TEXT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", wd, _FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    try:
        pieces = _pieces(clx)
    except (struct.error, IndexError):
        raise CorruptFile(path, "damaged piece table") from None
    # Every character is at least one byte of the WordDocument stream: a piece table
    # describing more text than that (pieces overlapping, 2 GB character ranges) is cut there.
    budget = min(max(ccp_text, 0), len(wd))
    out: list[str] = []
    produced = 0
    for cp_start, cp_end, fc in pieces:
        if produced >= budget:
            break
        n = min(cp_end - cp_start, budget - produced)
        if fc & _COMPRESSED:
            pos = (fc & ~_COMPRESSED) // 2
            out.append(wd[pos : pos + n].decode("cp1252", errors="replace"))
        else:
            out.append(wd[fc : fc + 2 * n].decode("utf-16-le", errors="replace"))
        produced += len(out[-1])
    return "".join(out)[:budget]


def _pieces(clx: bytes) -> list[tuple[int, int, int]]:
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: skip property modifiers
        (cb,) = struct.unpack_from("<H", clx, i + 1)
        i += 3 + cb
    if i >= len(clx) or clx[i] != 0x02:
        raise IndexError("no Pcdt in Clx")
    (lcb,) = struct.unpack_from("<I", clx, i + 1)
    plc = clx[i + 5 : i + 5 + lcb]
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces = []
    for k in range(n):
        (fc,) = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)
        pieces.append((cps[k], cps[k + 1], fc))
    return pieces


_FIELD_MARK = re.compile("([\x13\x14\x15])")
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f]")
_CONTROL_TEXT = {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": " |\n", "\x1e": "-", "\n": "\n"}


def clean_doc_text(raw: str) -> str:
    """Word control characters to plain text; table cells to `` |`` lines.

    Field codes (between ``\\x13`` and ``\\x14``) are dropped and their results
    (up to ``\\x15``) kept; the text is handled a run at a time, not a character.
    """
    kept: list[str] = []
    depth = 0  # inside a field code (between \x13 and \x14)
    stack: list[bool] = []
    for run in _FIELD_MARK.split(raw):
        if run == "\x13":
            stack.append(True)
            depth += 1
        elif run == "\x14":
            if stack and stack[-1]:
                stack[-1] = False
                depth -= 1
        elif run == "\x15":
            if stack and stack.pop():
                depth -= 1
        elif not depth:
            kept.append(run)
    return _CONTROL.sub(lambda m: _CONTROL_TEXT.get(m.group(), ""), "".join(kept))


def read_bytes(data: bytes, path: str, fmt: str = "doc") -> Document:
    text = normalise(clean_doc_text(extract_text(data, path)))
    return Document(path=path, format="doc", text=text, blocks=[Block("text", 0, len(text))], encoding="utf-16-le")
