"""Coverage-guided fuzzing of the text path with atheris (optional).

    pip install atheris
    python tests/fuzz/fuzz_parse.py -max_total_time=600        # ten minutes
    python tests/fuzz/fuzz_parse.py -runs=2000                 # a quick smoke run
    # seeded with the bundled reports, so mutations start from real structure:
    mkdir -p /tmp/fuzz_seeds && cp examples/*.txt examples/*.md /tmp/fuzz_seeds/
    python tests/fuzz/fuzz_parse.py /tmp/fuzz_seeds -max_len=8192 -max_total_time=600

Feeds arbitrary bytes through decoding, normalisation and every stage but
the report gate (which would refuse most mutants before the parsers see
them).  Any exception other than a typed ``XxgkError`` is a bug and stops
the fuzzer with the input that caused it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports():
    from pipeline.errors import XxgkError
    from pipeline.numbers import NumberFormatError, find_quantities
    from pipeline.parse import DEFAULT_STAGES, parse_document
    from pipeline.readers.text import read_bytes

STAGES = [s for s in DEFAULT_STAGES if s != "gate"]


def test_one_input(data: bytes) -> None:
    try:
        doc = read_bytes(data, "fuzz.txt")
        parse_document(doc, STAGES)
        find_quantities(doc.text[:2000])
    except (XxgkError, NumberFormatError):
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
