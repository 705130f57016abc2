"""A content-addressed store of per-report results, safe to kill at any moment.

Layout of an output folder (layout 3)::

    DIR/store.json                              {"layout": 3}
    DIR/objects/records/<2 hex>/<sha256>.rec    one record per report (:mod:`.compact` encoding)
    DIR/objects/errors/<2 hex>/<sha256>.json    one error per file that gave no record
    DIR/tables/_manifest.json                   the Parquet parts that make each table (:mod:`.parts`)
    DIR/tables/<name>/<part>.parquet            appended per batch of new records, merged when many
    DIR/tables/_keys/<part>.keys                the report ids of each part, one per line (read by a resume)
    DIR/paths.bin                               input path → (size, mtime, ctime, inode, sha256), to skip re-hashing
    DIR/records.jsonl                           only with ``xxgk run --jsonl``
    DIR/run.json                                statistics of the last run (timings, not results)

Layout 1 folders (records as ``<sha256>.json``, whole tables as
``tables/<name>.parquet``) and layout 2 folders (records of the earlier
compact encoding, checks kept whole; ``paths.json``; parts without key files)
are read as they are and upgraded on the next run: new objects are written in
today's encoding, old ones stay readable.  A folder of a newer layout is refused.

Every file is written to a temporary name in its final folder, synced to disk
and moved into place with ``os.replace``, so a reader (or a resumed run) sees
either the whole file or none.  Workers write their records in groups
(:class:`GroupCommit`: one ``syncfs`` for the data of a group, then the
renames, then one for the folders) and report a file done only once its
group is committed.  Paths derive from hex digests only, never
from input names, so nothing can be written outside ``DIR``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..record import dumps
from .compact import decode, decode_value, encode

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
TMP_PREFIX = ".tmp-"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


LAYOUT = 3
READS = (2, 3)  # layouts with a store.json this xxgk reads (layout 1 folders have none)
RUNNING = ".running"  # present while a run writes; a run killed leaves it for the next to see


class StoreLocked(RuntimeError):
    """Another run is writing to the same output folder."""


class StoreError(RuntimeError):
    """The output folder cannot be written (disk full, read-only, ...): the run stops, no file is blamed."""


class StoreLayoutError(RuntimeError):
    """The output folder was written by a newer xxgk."""


def file_sha256(path: str | Path | BinaryIO, chunk: int = 1 << 20) -> str:
    """sha256 of the file's bytes (a path, or a file open for reading in binary), read in chunks."""
    if not isinstance(path, str | Path):
        return _sha256(path, chunk)
    with open(path, "rb") as fh:
        return _sha256(fh, chunk)


def _sha256(fh: BinaryIO, chunk: int) -> str:
    h = hashlib.sha256()
    while block := fh.read(chunk):
        h.update(block)
    return h.hexdigest()


def is_key(text: str) -> bool:
    """True for a sha256 hex digest (the only names the store gives its objects)."""
    return bool(_HEX64.match(text))


def path_key(path: str | Path) -> str:
    """Key for a file whose bytes could not be read (so it has no content hash)."""
    return hashlib.sha256(b"unreadable-path\0" + str(path).encode("utf-8", "surrogateescape")).hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and durably (tmp + fsync + os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_parquet(path: Path, table: Any) -> None:
    """Write the Arrow ``table`` to ``path`` as zstd Parquet, atomically (tmp + fsync + os.replace)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{TMP_PREFIX}{path.name}"
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _syncfs_function() -> Any:
    """libc ``syncfs`` (Linux), or None."""
    try:
        import ctypes

        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # pragma: no cover - not Linux/glibc
        return None
    fn.argtypes = [ctypes.c_int]
    fn.restype = ctypes.c_int
    return fn


_syncfs = _syncfs_function()


def _sync_files(fds: list[int]) -> None:
    """Make the data of the open files ``fds`` (all on one file system) durable.

    One ``syncfs`` flushes them all with a single journal commit; per-file
    ``fsync`` costs one commit each (several ms on a virtual disk).  A single
    file, or a failing ``syncfs``, goes the per-file way.
    """
    if len(fds) > 1 and _syncfs is not None and _syncfs(fds[0]) == 0:
        return
    for fd in fds:
        os.fsync(fd)


class GroupCommit:
    """Atomic, durable writes of many files at the cost of two syncs in all.

    :meth:`add` writes the bytes to a temporary name in the final folder;
    :meth:`commit` makes every pending file durable (one ``syncfs``), moves
    each into place with ``os.replace`` and syncs the folders.  As with
    :func:`atomic_write`, a reader (or a resumed run after ``kill -9`` or a
    power cut) sees a final name only with its whole content; until
    :meth:`commit` returns, nothing added is visible, and a killed process
    leaves only temporaries, which :meth:`Store.open` removes.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[int, str, Path, Path | None]] = []  # (fd, tmp, final, stale file to remove)

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, path: Path, data: bytes, remove: Path | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except BaseException:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        self.pending.append((fd, tmp, path, remove))

    def commit(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            _sync_files([fd for fd, _, _, _ in pending])
        except BaseException:
            for fd, tmp, _, _ in pending:
                os.close(fd)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise
        folders: dict[Path, None] = {}
        for fd, tmp, final, _ in pending:
            os.close(fd)
            os.replace(tmp, final)
            folders[final.parent] = None
        fds = [os.open(folder, os.O_RDONLY) for folder in folders]
        try:
            _sync_files(fds)
        finally:
            for fd in fds:
                os.close(fd)
        for _, _, _, remove in pending:
            if remove is not None:
                remove.unlink(missing_ok=True)

    def abort(self) -> None:
        pending, self.pending = self.pending, []
        for fd, tmp, _, _ in pending:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


class Store:
    """Per-report JSON files under ``root``, keyed by content hash."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.records_dir = self.root / "objects" / "records"
        self.errors_dir = self.root / "objects" / "errors"
        self.tables_dir = self.root / "tables"
        self._lock_fh: Any = None

    # -- locations -------------------------------------------------------
    def _object_path(self, folder: Path, key: str, suffix: str = ".json") -> Path:
        if not _HEX64.match(key):
            raise ValueError(f"not a sha256 hex digest: {key!r}")
        return folder / key[:2] / f"{key}{suffix}"

    def record_path(self, key: str) -> Path:
        return self._object_path(self.records_dir, key, ".rec")

    def legacy_record_path(self, key: str) -> Path:
        """Where a layout 1 store kept the record (plain JSON)."""
        return self._object_path(self.records_dir, key)

    def error_path(self, key: str) -> Path:
        return self._object_path(self.errors_dir, key)

    # -- lifecycle -------------------------------------------------------
    def open(self) -> Store:
        """Create the folders, take the run lock and remove temporaries left by a killed run."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock_fh = open(self.root / ".lock", "w")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_fh.close()
            self._lock_fh = None
            raise StoreLocked(f"{self.root}: another run is writing here") from None
        try:
            interrupted = self.interrupted  # before the layout marker is written
            self._check_layout()
            if interrupted:  # only a run that did not end can have left temporaries
                for folder in (self.records_dir, self.errors_dir, self.tables_dir, self.root):
                    if folder.is_dir():
                        for tmp in folder.rglob(f"{TMP_PREFIX}*"):
                            tmp.unlink(missing_ok=True)
        except BaseException:
            self.close()
            raise
        return self

    @property
    def interrupted(self) -> bool:
        """True if the last run that wrote here did not end (or the folder predates the marker)."""
        return (self.root / RUNNING).exists() or not (self.root / "store.json").exists()

    def begin(self) -> None:
        """Mark the folder as being written (until :meth:`end`): a run killed meanwhile is seen by the next."""
        if not (self.root / RUNNING).exists():
            atomic_write(self.root / RUNNING, b"")

    def end(self) -> None:
        (self.root / RUNNING).unlink(missing_ok=True)
        _fsync_dir(self.root)

    def _check_layout(self) -> None:
        """Refuse a folder of a newer layout; mark a new (or older) folder as today's layout."""
        marker = self.root / "store.json"
        if marker.exists():
            layout = orjson.loads(marker.read_bytes()).get("layout")
            if layout not in READS:
                raise StoreLayoutError(
                    f"{self.root}: store layout {layout} (this xxgk reads layouts 1 to {LAYOUT}); "
                    "use a newer xxgk or another --out folder"
                )
            if layout == LAYOUT:
                return
        atomic_write(marker, dumps({"layout": LAYOUT}))

    def close(self) -> None:
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- state -----------------------------------------------------------
    def has_record(self, key: str) -> bool:
        return self.record_path(key).exists() or self.legacy_record_path(key).exists()

    def has_error(self, key: str) -> bool:
        return self.error_path(key).exists()

    def is_done(self, key: str, retry_errors: bool = False) -> bool:
        """True if ``key`` has a record, or an error (unless errors are to be retried)."""
        return self.has_record(key) or (not retry_errors and self.has_error(key))

    # -- writes ----------------------------------------------------------
    def write_record(self, key: str, payload: bytes) -> None:
        """Store a record's JSON bytes (compact encoding); a stale error for the same file is removed after."""
        atomic_write(self.record_path(key), encode(payload))
        self.error_path(key).unlink(missing_ok=True)

    def write_error(self, key: str, error: dict[str, Any]) -> None:
        atomic_write(self.error_path(key), dumps(error))

    def stage_record(self, batch: GroupCommit, key: str, payload: bytes) -> None:
        """:meth:`write_record` as part of ``batch`` (visible once the batch commits)."""
        batch.add(self.record_path(key), encode(payload), remove=self.error_path(key))

    def stage_error(self, batch: GroupCommit, key: str, error: dict[str, Any]) -> None:
        batch.add(self.error_path(key), dumps(error))

    # -- reads -----------------------------------------------------------
    @staticmethod
    def _iter(folder: Path, suffixes: tuple[str, ...] = (".json",)) -> Iterator[tuple[str, Path]]:
        """(key, path) of the objects in ``folder``, sorted by key (one per key: the first suffix wins)."""
        if not folder.is_dir():
            return
        for sub in sorted(e.name for e in os.scandir(folder) if len(e.name) == 2 and e.is_dir()):
            found: dict[str, Path] = {}
            for entry in os.scandir(folder / sub):
                stem, dot, suffix = entry.name.partition(".")
                if dot and "." + suffix in suffixes and _HEX64.match(stem):
                    path = Path(entry.path)
                    if stem not in found or suffixes.index("." + suffix) < suffixes.index(found[stem].suffix):
                        found[stem] = path
            yield from sorted(found.items())

    def record_paths(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every stored record, sorted by sha256."""
        return self._iter(self.records_dir, (".rec", ".json"))

    def record_key_set(self) -> set[str]:
        """Keys of every stored record, from the folder listings alone (no path object per record)."""
        folder = self.records_dir
        if not folder.is_dir():
            return set()
        keys = set()
        for sub in (e.name for e in os.scandir(folder) if len(e.name) == 2 and e.is_dir()):
            for name in os.listdir(folder / sub):
                stem, dot, suffix = name.partition(".")
                if dot and suffix in ("rec", "json") and _HEX64.match(stem):
                    keys.add(stem)
        return keys

    def record_keys(self) -> Iterator[str]:
        for key, _ in self.record_paths():
            yield key

    def read_record(self, path: str | Path) -> bytes:
        """A stored record's canonical JSON bytes."""
        return decode(Path(path).read_bytes())

    def iter_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(sha256, record dict) for every stored record, sorted by sha256."""
        for key, path in self.record_paths():
            yield key, decode_value(path.read_bytes())

    def error_keys(self) -> set[str]:
        """Keys of every stored error (with or without a record)."""
        return {key for key, _ in self._iter(self.errors_dir)}

    def error_paths(self) -> Iterator[tuple[str, Path]]:
        """(key, path) of every stored error without a record, sorted by key."""
        for key, path in self._iter(self.errors_dir):
            if not self.has_record(key):
                yield key, path

    def iter_errors(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(key, error dict) for every stored error without a record, sorted by key."""
        for key, path in self.error_paths():
            yield key, orjson.loads(path.read_bytes())
