"""The sha256 of each input as of the last run, so that a resume does not read every file again.

An entry is trusted only while the file's size, modification and change times
(ns) and inode are those it was hashed with, as git trusts its index; anything
else is hashed again.  The cache only saves reading: the key a record is stored
under is always the hash of the bytes the parser read (see
:func:`pipeline.corpus.worker.run_one`).

Stored as ``DIR/paths.bin``: ``MAGIC`` then ``path NUL entry NUL`` per input
(file names as the file system's bytes), which loads with one ``split`` (a JSON
object of 100,000 entries takes ~0.1 s).  The ``paths.json`` of earlier runs is
read once and replaced.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from .compact import loads
from .store import atomic_write, file_sha256

PATH_CACHE = "paths.bin"
OLD_PATH_CACHE = "paths.json"  # layout 2 stores before the binary cache
MAGIC = b"XXGK-PATHS1\0"


def _seconds(ns: int) -> str:
    return f"{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}0"


def stamp(st: os.stat_result) -> str:
    """Size, modification and change times and inode, as one string (cheap to load and compare).

    Times are written as GNU ``find -printf %T@`` writes them (seconds, nine digits of
    nanoseconds and a 0), so :mod:`.findwalk`'s output compares as it is."""
    return f"{st.st_size} {_seconds(st.st_mtime_ns)} {_seconds(st.st_ctime_ns)} {st.st_ino} "


def _upgrade(entry: str) -> str:
    """An entry of ``paths.json`` (times as integer ns) in today's stamp format."""
    try:
        size, mtime, ctime, ino, digest = entry.split(" ")
        return f"{size} {_seconds(int(mtime))} {_seconds(int(ctime))} {ino} {digest}"
    except ValueError:
        return ""


class PathCache:
    """``path → stamp + sha256`` of the last run's inputs; :meth:`save` keeps this run's."""

    def __init__(self, file: Path, entries: dict[str, str]) -> None:
        self.file = file
        self.old = entries
        self.new: dict[str, str] = {}
        self.changed = False

    @classmethod
    def load(cls, file: Path) -> PathCache:
        """The cache in ``file`` (empty if missing or damaged; ``paths.json`` beside it if ``file`` is missing)."""
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            return cls(file, _load_json(file.with_name(OLD_PATH_CACHE)))
        except OSError:
            return cls(file, {})
        fields = os.fsdecode(data[len(MAGIC) :]).split("\0")
        if not data.startswith(MAGIC) or len(fields) % 2 != 1 or fields[-1]:
            return cls(file, {})
        return cls(file, dict(zip(fields[0:-1:2], fields[1::2], strict=True)))

    @classmethod
    def load_meanwhile(cls, file: Path) -> Callable[[], PathCache]:
        """:meth:`load` in a thread (it overlaps the input walk); the returned call waits for it.

        Safe before the run takes the folder's lock: a cache read while another run
        rewrites it can only be older, and an entry is trusted only if the file's stamp
        still matches."""
        result: list[PathCache] = []
        thread = threading.Thread(target=lambda: result.append(cls.load(file)), daemon=True)
        thread.start()

        def wait() -> PathCache:
            thread.join()
            return result[0] if result else cls(file, {})

        return wait

    def unchanged(self, stamps: dict[str, str]) -> dict[str, str]:
        """``path → sha256`` of the files whose ``stamps`` (just read by the caller) are the cached ones."""
        same: dict[str, str] = {}
        for path, st in stamps.items():
            entry = self.old.get(path)
            if entry is not None and entry[:-64] == st:
                same[path] = entry
        self.new.update(same)
        return {path: entry[-64:] for path, entry in same.items()}

    def key(self, path: str | Path, known: str | None = None) -> str:
        """The sha256 of ``path``'s bytes (from the cache when the file is unchanged); OSError if unreadable.

        ``known``: the file's stamp if the caller has just read it (:mod:`.findwalk`)."""
        name = os.fsdecode(path)
        entry = self.old.get(name)
        if entry is None or entry[:-64] != (known or stamp(os.stat(name))):  # stat fails on a link loop too
            with open(name, "rb") as fh:
                entry = stamp(os.fstat(fh.fileno())) + file_sha256(fh)  # the stamp of what was hashed
            self.changed = True
        self.new[name] = entry  # the same string when unchanged: no second copy in memory
        return entry[-64:]

    def save(self) -> None:
        """Write this run's entries, if they differ from the last run's; forget both."""
        changed = self.changed or len(self.new) != len(self.old) or not self.file.exists()
        self.old = {}
        if changed:
            atomic_write(self.file, MAGIC + os.fsencode("".join(f"{k}\0{v}\0" for k, v in self.new.items())))
            self.file.with_name(OLD_PATH_CACHE).unlink(missing_ok=True)
        self.new = {}


def _load_json(file: Path) -> dict[str, str]:
    """The entries of an earlier run's ``paths.json``, upgraded (none if missing or damaged)."""
    try:
        entries = loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: _upgrade(v) for k, v in entries.items() if isinstance(v, str)}
