"""Expand command-line inputs (files, folders, globs, list files) into paths."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .findwalk import find_reports

# Suffixes picked up when walking a folder (explicitly named files are always taken).
REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx", ".doc"}
)
# A file with one of these suffixes, or an argument written ``@file``, lists one input per line.
LIST_SUFFIXES = frozenset({".list", ".lst"})

_GLOB_CHARS = set("*?[")


class InputError(ValueError):
    """An input argument that names nothing."""


def is_glob(arg: str) -> bool:
    return any(ch in arg for ch in _GLOB_CHARS)


def read_list_file(path: Path) -> list[str]:
    """Entries of a list file: one per line, blank lines and ``#`` comments skipped.

    Relative entries are relative to the list file's folder.  Lines are file
    names as bytes, decoded as the file system does (UTF-8; other bytes kept,
    so names in another encoding still open).
    """
    entries = []
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    for line in map(os.fsdecode, raw.splitlines()):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        entry = Path(line).expanduser()
        entries.append(str(entry if entry.is_absolute() else path.parent / entry))
    return entries


def walk_folder(folder: Path) -> Iterator[str]:
    """Report files under ``folder``, recursively, as real absolute paths, skipping hidden files and
    folders, folders behind links, and anything that is not a regular file (a named pipe would block
    the run; a dangling link or a link loop is reported as unreadable when hashed).

    One ``scandir`` per folder and no ``stat`` per regular file: the folder is resolved once,
    so only links need resolving."""
    stack = [_absolute(folder)]
    while stack:  # paths as str: a Path per file costs more than the rest of the walk
        top = stack.pop()
        try:
            entries = list(os.scandir(top))
        except OSError:  # an unreadable folder is skipped, as os.walk does
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif _suffix(entry.name) in REPORT_SUFFIXES:
                if not entry.is_symlink():
                    if entry.is_file(follow_symlinks=False):
                        yield entry.path
                elif _is_file_or_broken(entry.path):
                    yield _absolute(entry.path)


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, without a Path."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _is_file_or_broken(path: str) -> bool:
    """A link to a regular file, or one that leads nowhere (dangling, or a loop)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def walk_folder_stamps(folder: Path, stamps: dict[str, str]) -> list[str]:
    """:func:`walk_folder`, and the stat stamp of each regular file found added to ``stamps``
    (from one ``find`` when it can: :mod:`.findwalk`)."""
    top = _absolute(folder)
    found = find_reports(top, REPORT_SUFFIXES)
    if found is None:
        return list(walk_folder(Path(top)))
    files, links, file_stamps = found
    stamps.update(file_stamps)
    return files + [_absolute(link) for link in links if _is_file_or_broken(link)]


def _expand_one(arg: str, depth: int, stamps: dict[str, str] | None = None) -> Iterator[str]:
    if depth > 8:
        raise InputError(f"{arg}: list files nested too deeply")
    if arg.startswith("@"):
        yield from _expand_list(Path(arg[1:]).expanduser(), depth, stamps)
        return
    path = Path(arg).expanduser()
    if path.is_dir():
        yield from walk_folder(path) if stamps is None else walk_folder_stamps(path, stamps)
    elif path.is_file():
        if path.suffix.lower() in LIST_SUFFIXES:
            yield from _expand_list(path, depth, stamps)
        else:
            yield _absolute(path)
    elif is_glob(arg):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            raise InputError(f"{arg}: the pattern matches no file")
        for match in matches:
            m = Path(match)
            if m.is_dir():
                yield from walk_folder(m) if stamps is None else walk_folder_stamps(m, stamps)
            elif m.is_file():
                yield _absolute(m)
    elif path.is_symlink():  # a dangling link or a link loop: reported as unreadable when hashed
        yield _absolute(path)
    elif path.exists():
        raise InputError(f"{arg}: not a regular file or folder")
    else:
        raise InputError(f"{arg}: no such file or folder")


def _expand_list(path: Path, depth: int, stamps: dict[str, str] | None) -> Iterator[str]:
    if not path.is_file():
        raise InputError(f"{path}: list file not found")
    for entry in read_list_file(path):
        yield from _expand_one(entry, depth + 1, stamps)


def expand_inputs(args: Iterable[str]) -> list[Path]:
    """All input files named by ``args``, absolute, de-duplicated and sorted.

    Raises :class:`InputError` for an argument that names nothing, so a typo
    is reported before a long run starts rather than silently ignored.
    """
    return [Path(name) for name in expand_input_names(args)]


def expand_input_names(args: Iterable[str]) -> list[str]:
    """:func:`expand_inputs` as str (what a corpus run uses: cheaper than a Path per file)."""
    seen: set[str] = set()
    for arg in args:
        seen.update(_expand_one(str(arg), 0))
    return sorted(seen)


def expand_with_stamps(args: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """:func:`expand_input_names`, and the stat stamps (:func:`.pathcache.stamp`) the folder walks read."""
    seen: set[str] = set()
    stamps: dict[str, str] = {}
    for arg in args:
        seen.update(_expand_one(str(arg), 0, stamps))
    return sorted(seen), stamps


def _absolute(path: str | Path) -> str:
    """The real path of ``path``; for a symbolic link loop (which has none) the absolute path of the link."""
    try:
        return str(Path(path).resolve())
    except (RuntimeError, OSError):  # RuntimeError: "Symlink loop" (Python < 3.13)
        return os.path.abspath(path)
