"""Records stay byte-identical on every real and example input unless we mean to change them.

A refactor must not move a single byte of any record.  ``tests/data/record_hashes.json``
holds the sha256 of the JSON record of every file in ``examples/`` and in the real
reports of ``../shared`` (seeds, corpus texts, the PDF), or of the typed error it
raises.  When a change is meant to alter records (a retrained model, a new rule),
refresh the snapshot and let the diff of this file show which inputs moved:

    python tests/test_record_snapshot.py --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SHARED  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "record_hashes.json"
SHARED_GLOBS = ("seeds/*.txt", "corpus/*/*.txt", "corpus/pdf/*.pdf")


def inputs() -> dict[str, Path]:
    """Snapshot key (``examples/…`` or ``shared/…``) → file."""
    files = {f"examples/{p.name}": p for p in sorted((ROOT / "examples").iterdir()) if p.suffix not in (".md", ".py")}
    for pattern in SHARED_GLOBS:
        files.update({f"shared/{p.relative_to(SHARED)}": p for p in sorted(SHARED.glob(pattern))})
    return files


def record_hash(key: str, path: Path) -> str:
    """sha256 of the record's JSON (with the path made relative), or of the error it raises."""
    from pipeline import parse
    from pipeline.errors import XxgkError

    try:
        record = parse(path)
    except XxgkError as exc:
        return "error:" + exc.reason
    record.source.path = key
    return hashlib.sha256(record.to_json(indent=None).encode("utf-8")).hexdigest()


def current() -> dict[str, str]:
    return {key: record_hash(key, path) for key, path in inputs().items()}


def test_records_match_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = current()
    shared_keys = [k for k in expected if k.startswith("shared/")]
    if not SHARED.exists():
        expected = {k: v for k, v in expected.items() if not k.startswith("shared/")}
    assert shared_keys or not SHARED.exists(), "snapshot holds no real report; refresh it with ../shared present"
    missing = sorted(set(expected) - set(got))
    assert not missing, f"inputs gone since the snapshot: {missing}"
    changed = sorted(k for k in expected if expected[k] != got[k])
    assert not changed, f"records changed for {len(changed)} inputs (refresh with --update if meant): {changed}"
    new = sorted(set(got) - set(expected))
    assert not new, f"inputs not in the snapshot yet (refresh with --update): {new}"


def test_snapshot_covers_examples_and_real_reports() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert sum(k.startswith("examples/") for k in expected) >= 5
    assert sum(k.startswith("shared/") for k in expected) >= 60


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: the snapshot must cover the real reports")
    SNAPSHOT.write_text(json.dumps(current(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
