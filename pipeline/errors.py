"""Typed errors for inputs that cannot become a record.

Every error names the file and a machine-readable ``reason`` so a corpus run
can record it and go on.
"""

from __future__ import annotations


class XxgkError(Exception):
    """Base class: a file that could not be turned into a record."""

    reason = "error"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{self.path}: {self.reason}" + (f": {detail}" if detail else ""))

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason, "detail": self.detail}


class Unreadable(XxgkError):
    """The file could not be opened or read (gone, no permission, an I/O error)."""

    reason = "unreadable"


class EmptyFile(XxgkError):
    reason = "empty"


class TooLarge(XxgkError):
    reason = "too_large"


class CorruptFile(XxgkError):
    reason = "corrupt"


class EncryptedFile(XxgkError):
    reason = "encrypted"


class NeedsOCR(XxgkError):
    """The file has pages with no text layer (scanned images)."""

    reason = "image_only"


class EncodingError(XxgkError):
    reason = "wrong_encoding"


class UnsupportedFormat(XxgkError):
    reason = "unsupported_format"


class NotAReport(XxgkError):
    """Readable, but not a government information-disclosure annual report."""

    reason = "not_a_report"


class Timeout(XxgkError):
    reason = "timeout"


class InternalError(XxgkError):
    """A fault of ours, not of the file: a stage failed unexpectedly (a bug to report, with the file)."""

    reason = "internal_error"
