"""The sha256 of each input as of the last run, so that a resume does not read every file again.

An entry is trusted only while the file's size, modification and change times
(ns) and inode are those it was hashed with, as git trusts its index; anything
else is hashed again.  The cache only saves reading: the key a record is stored
under is always the hash of the bytes the parser read (see
:func:`pipeline.corpus.worker.run_one`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..record import dumps
from .compact import loads
from .store import atomic_write, file_sha256

PATH_CACHE = "paths.json"


def stamp(st: os.stat_result) -> str:
    """Size, modification and change times (ns) and inode, as one string (cheap to load and compare)."""
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} "


class PathCache:
    """``path → stamp + sha256`` of the last run's inputs; :meth:`save` keeps this run's."""

    def __init__(self, file: Path, entries: dict[str, str]) -> None:
        self.file = file
        self.old = entries
        self.new: dict[str, str] = {}
        self.changed = False

    @classmethod
    def load(cls, file: Path) -> PathCache:
        try:
            entries = loads(file.read_bytes())
        except (OSError, ValueError):
            entries = {}
        return cls(file, entries if isinstance(entries, dict) else {})

    def key(self, path: str | Path) -> str:
        """The sha256 of ``path``'s bytes (from the cache when the file is unchanged); OSError if unreadable."""
        name = os.fsdecode(path)
        entry = self.old.get(name)
        if not isinstance(entry, str) or entry[:-64] != stamp(os.stat(name)):  # stat fails on a link loop too
            with open(name, "rb") as fh:
                entry = stamp(os.fstat(fh.fileno())) + file_sha256(fh)  # the stamp of what was hashed
            self.changed = True
        self.new[name] = entry  # the same string when unchanged: no second copy in memory
        return entry[-64:]

    def save(self) -> None:
        """Write this run's entries, if they differ from the last run's; forget both."""
        changed = self.changed or len(self.new) != len(self.old)
        self.old = {}
        if changed:
            safe = {
                k.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"): v for k, v in self.new.items()
            }
            if len(safe) == len(self.new):
                atomic_write(self.file, dumps(safe))
        self.new = {}
