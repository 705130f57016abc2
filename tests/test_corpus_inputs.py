"""Input expansion: files, folders, globs and list files become one sorted list of paths."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from pipeline.corpus.inputs import InputError, expand_inputs, read_list_file


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for rel in [
        "a/one.txt",
        "a/two.html",
        "a/sub/three.pdf",
        "a/.hidden.txt",
        "a/.git/x.txt",
        "a/notes.json",
        "b/four.docx",
    ]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    return tmp_path


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_folder_is_walked_recursively_for_report_suffixes_skipping_hidden(tree: Path) -> None:
    assert names(expand_inputs([str(tree / "a")])) == ["one.txt", "three.pdf", "two.html"]


def test_explicit_file_is_taken_whatever_its_suffix(tree: Path) -> None:
    assert names(expand_inputs([str(tree / "a" / "notes.json")])) == ["notes.json"]


def test_recursive_glob_expands(tree: Path) -> None:
    assert sorted(names(expand_inputs([str(tree / "**" / "*.txt")]))) == ["one.txt"]


def test_list_file_entries_are_relative_to_the_list_and_skip_comments(tree: Path) -> None:
    lst = tree / "inputs.list"
    lst.write_text("# corpus\n\na/one.txt\nb\n", encoding="utf-8")
    assert names(expand_inputs([str(lst)])) == ["one.txt", "four.docx"]
    plain = tree / "paths.txt"
    plain.write_text(str(tree / "a" / "two.html") + "\n", encoding="utf-8")
    assert names(expand_inputs(["@" + str(plain)])) == ["two.html"]
    assert read_list_file(lst)[0] == str(tree / "a/one.txt")


def test_duplicates_are_removed_and_result_is_sorted(tree: Path) -> None:
    one = str(tree / "a" / "one.txt")
    paths = expand_inputs([one, str(tree / "a"), one])
    assert len(paths) == len(set(paths)) == 3
    assert paths == sorted(paths)


@pytest.mark.parametrize("arg", ["missing.txt", "nothing/*.pdf", "@missing.list"])
def test_argument_naming_nothing_is_an_error(tmp_path: Path, arg: str) -> None:
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / arg) if not arg.startswith("@") else "@" + str(tmp_path / arg[1:])])


def test_a_named_pipe_is_never_read_and_a_dangling_link_is_kept_to_be_reported(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block the run forever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert [p.name for p in expand_inputs([str(tmp_path)])] == ["a.txt", "missing.txt"]
    with pytest.raises(InputError, match="not a regular file"):
        expand_inputs([str(tmp_path / "pipe.txt")])


def test_a_list_file_may_name_files_in_another_encoding(tmp_path: Path) -> None:
    name = os.fsdecode(b"r\xff.txt")
    try:
        (tmp_path / name).write_text("x", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this filesystem does not take file names in another encoding")
    (tmp_path / "in.list").write_bytes(b"\xef\xbb\xbf# reports\nr\xff.txt\n")
    assert expand_inputs([str(tmp_path / "in.list")]) == [(tmp_path / name).resolve()]


def _gnu_find() -> bool:
    import shutil
    import subprocess

    find = shutil.which("find")
    return bool(find) and b"GNU" in subprocess.run([find, "--version"], capture_output=True).stdout


@pytest.mark.skipif(not _gnu_find(), reason="needs GNU find")
def test_the_find_walk_selects_what_the_python_walk_does_with_the_stamps_of_stat(tmp_path: Path) -> None:
    from pipeline.corpus.findwalk import find_reports
    from pipeline.corpus.inputs import REPORT_SUFFIXES, walk_folder, walk_folder_stamps
    from pipeline.corpus.pathcache import stamp

    for rel in ["a/one.txt", "a/UP.PDF", "a/.hidden.txt", "a/.git/x.txt", "a/notes.json", "a/b/c/deep.docx",
                "a/new\nline.md", "a/sp ace.html", "other/target.txt", "other/dir/in.txt"]:  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    os.utime(tmp_path / "a/one.txt", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # whole seconds
    (tmp_path / "a/link.txt").symlink_to(tmp_path / "other/target.txt")
    (tmp_path / "a/dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "a/linked_dir").symlink_to(tmp_path / "other/dir")
    os.mkfifo(tmp_path / "a/pipe.txt")
    with contextlib.suppress(OSError, UnicodeError):  # a name in another encoding, where the file system takes one
        (tmp_path / "a" / os.fsdecode(b"r\xff.txt")).write_text("x", encoding="utf-8")
    top = str((tmp_path / "a").resolve())
    python_walk = sorted(walk_folder(Path(top)))
    stamps: dict[str, str] = {}
    assert sorted(walk_folder_stamps(Path(top), stamps)) == python_walk
    assert {Path(p).name for p in python_walk} >= {"one.txt", "UP.PDF", "deep.docx", "new\nline.md", "target.txt"}
    found = find_reports(top, REPORT_SUFFIXES)
    assert found is not None
    files, links, _ = found
    assert sorted(stamps) == sorted(files) and len(links) == 2
    assert stamps == {path: stamp(os.stat(path)) for path in files}
