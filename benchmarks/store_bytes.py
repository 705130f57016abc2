"""Stored bytes per record of an output folder: today's encoding against the earlier one (store layout 2).

    python benchmarks/store_bytes.py OUT

Reads every record of ``OUT`` and prints the mean size of its stored object, of
the same record in the earlier encoding (texts sliced, checks whole:
``tests/test_corpus_store.py:encode_v1``) and of its plain JSON.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_corpus_store import encode_v1  # noqa: E402

from pipeline.corpus.store import Store  # noqa: E402


def main() -> None:
    n = stored = earlier = plain = 0
    with Store(Path(sys.argv[1])) as store:
        for _key, path in store.record_paths():
            payload = store.read_record(path)
            n, stored = n + 1, stored + path.stat().st_size
            earlier, plain = earlier + len(encode_v1(payload)), plain + len(payload)
    print(f"{n} records: stored {stored / n:.0f} B, earlier encoding {earlier / n:.0f} B "
          f"({(stored - earlier) / earlier * 100:+.1f}%), plain JSON {plain / n:.0f} B")  # fmt: skip


if __name__ == "__main__":
    main()
