"""Readers: any supported file to one normalised :class:`Document`.

``read(path)`` sniffs the real format from the bytes (the extension is only a
hint), enforces size limits and dispatches to one reader module per format.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Document
from ..errors import EmptyFile, TooLarge, Unreadable, UnsupportedFormat

MAX_BYTES = 100 * 1024 * 1024

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml"}


def sniff(data: bytes, suffix: str = "") -> str:
    """Return the format of ``data``: pdf, docx, doc, html, md or txt."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or suffix == ".docx" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    lowered = head.lstrip().lower()
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
    fmt = sniff(data, path.suffix.lower())
    if fmt == "pdf":
        from . import pdf as reader
    elif fmt == "docx":
        from . import docx as reader
    elif fmt == "html":
        from . import html as reader
    elif fmt == "doc":
        from . import doc as reader
    elif fmt in ("txt", "md"):
        from . import text as reader
    else:
        raise UnsupportedFormat(str(path), f"{fmt} files are not supported")
    doc = reader.read_bytes(data, str(path), fmt)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.size = size
    if not doc.text.strip():
        raise EmptyFile(str(path), "no text after reading")
    return doc
