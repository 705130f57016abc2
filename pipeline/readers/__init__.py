"""Readers: any supported file to one normalised :class:`Document`.

``read(path)`` sniffs the real format from the bytes (the extension is only a
hint), enforces size limits and hands the bytes to the readers registered for
that format in :data:`READERS`, in order.  A reader is a module with
``read_bytes(data, path, fmt) -> Document``, imported on first use.  When a
reader raises :class:`NeedsOCR` (a scan with no text layer), the next reader of
the format gets the bytes: an OCR reader plugs in with one ``register`` call
and no change to the dispatch.
"""

from __future__ import annotations

import hashlib
import re
from importlib import import_module
from pathlib import Path

from ..document import Document
from ..errors import CorruptFile, EmptyFile, NeedsOCR, TooLarge, Unreadable, UnsupportedFormat

MAX_BYTES = 100 * 1024 * 1024

# format → reader modules, tried in order (the next one only after NeedsOCR)
READERS: dict[str, list[str]] = {
    "pdf": ["pipeline.readers.pdf", "pipeline.readers.ocr"],  # OCR: pages without a text layer
    "docx": ["pipeline.readers.docx"],
    "html": ["pipeline.readers.html"],
    "doc": ["pipeline.readers.doc"],
    "txt": ["pipeline.readers.text"],
    "md": ["pipeline.readers.text"],
}


def register(fmt: str, module: str, first: bool = False) -> None:
    """Add the reader ``module`` for ``fmt`` (after the existing readers, or before them)."""
    readers = READERS.setdefault(fmt, [])
    if module not in readers:
        readers.insert(0 if first else len(readers), module)


_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml"}


# A PDF may follow a little junk (readers look for the header in the first KB), but then it
# must also show its object structure; "%PDF-1.7" quoted in a text is not a PDF.
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PDF_OBJECT = re.compile(rb"\d+[ \t\r\n]+\d+[ \t\r\n]+obj\b")
_MIME_FIELD = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")


def _is_pdf(data: bytes) -> bool:
    if data.startswith(b"%PDF"):
        return True
    m = _PDF_HEADER.search(data, 0, 1024)
    return m is not None and _PDF_OBJECT.search(data, m.end(), m.end() + 65536) is not None


def _is_mhtml(head: bytes) -> bool:
    """A MIME message (MHTML "web archive", Word's "single file web page"): headers, then parts."""
    header = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0].lower()
    return _MIME_FIELD.match(header) is not None and b"mime-version:" in header and b"multipart/" in head.lower()


def sniff(data: bytes, suffix: str = "") -> str:
    """Return the format of ``data``: pdf, docx, doc, html, md or txt; or rtf, mhtml, zip (not read)."""
    head = data[:2048]
    if _is_pdf(data):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or suffix == ".docx" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    lowered = head.lstrip().lower()
    if lowered.removeprefix(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    if _is_mhtml(head):
        return "mhtml"
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head.lower():
        return "html"
    if lowered.startswith(b"<") and (b"<table" in head.lower() or b"<p" in head.lower() or b"<div" in head.lower()):
        return "html"
    if suffix in {".md", ".markdown"}:
        return "md"
    if suffix in {".htm", ".html", ".shtml", ".xhtml"} and b"<" in head:
        return "html"
    return "txt"


def read(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read ``path`` into a normalised Document, or raise a typed XxgkError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise EmptyFile(str(path), "zero bytes")
        if size > max_bytes:
            raise TooLarge(str(path), f"{size} bytes > limit {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(str(path), f"{type(exc).__name__}: {exc.strerror or exc}") from None
    doc = read_data(data, str(path), sniff(data, path.suffix.lower()))
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.size = size
    if not doc.text.strip():
        raise EmptyFile(str(path), "no text after reading")
    return doc


def read_data(data: bytes, path: str, fmt: str) -> Document:
    """Hand ``data`` to the readers of ``fmt`` in turn until one gives a Document.

    The readers bound what they build; should a structure still exhaust the stack or the
    memory (a library recursing), that is a typed error too, not a crash.
    """
    readers = READERS.get(fmt)
    if not readers:
        raise UnsupportedFormat(path, f"{fmt} files are not supported")
    *earlier, last = readers
    try:
        for name in earlier:
            try:
                return import_module(name).read_bytes(data, path, fmt)
            except NeedsOCR:
                continue  # a scan: the next reader (OCR) may read it
        return import_module(last).read_bytes(data, path, fmt)
    except RecursionError:
        raise CorruptFile(path, f"{fmt} structure nested too deeply to read") from None
    except MemoryError:
        raise TooLarge(path, f"reading the {fmt} file needs more memory than there is") from None
