"""Fuzz the DOCX, HTML and DOC readers: every input gives a Document or a typed XxgkError.

    python tests/fuzz/fuzz_readers.py --seconds 300            # random mutation loop
    python tests/fuzz/fuzz_readers.py --seconds 300 --parse    # and every stage after the reader
    python tests/fuzz/fuzz_readers.py --atheris -max_total_time=300   # coverage-guided, if installed

Seeds are the hostile structures of ``tests/hostile_files.py`` (small sizes), the example
reports and ``tests/data/mini_table.doc``.  Mutations know the formats: the XML inside a
DOCX is mutated and re-zipped (so most mutants get past the zip layer), HTML is mutated as
text (tags, spans, charsets, nesting), DOC streams are rewritten in place with olefile, and
every format also gets plain byte flips, cuts and splices.  Anything else than a Document or
an XxgkError (or a run over ``--limit`` seconds) is saved to ``--out`` with its traceback.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import signal
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.document import Document  # noqa: E402
from pipeline.errors import XxgkError  # noqa: E402
from pipeline.readers import read_data, sniff  # noqa: E402
from tests import hostile_files as H  # noqa: E402


class _Slow(Exception):
    pass


def seeds() -> dict[str, bytes]:
    """Small seed files of every structure the readers must survive."""
    out = {
        "report.docx": H.docx(H.paras_xml()),
        "grid_before.docx": H.docx_grid_before(30),
        "grid_span.docx": H.docx_grid_span(3),
        "vmerge.docx": H.docx_vmerge(4),
        "nested.docx": H.docx_nested_runs(50),
        "strict.docx": H.docx_strict(),
        "spans.html": H.html_spans(3, 3),
        "charset.html": H.html_charset("gbk"),
        "deep.html": H.html_deep(40),
        "report.html": H.html_page(H.html_report_body()),
        "inflated.doc": H.doc_inflated_pieces(),
        "mini.doc": (ROOT / "tests" / "data" / "mini_table.doc").read_bytes(),
    }
    for ext in ("docx", "html", "doc"):
        path = ROOT / "examples" / f"yunxi_2023.{ext}"
        if path.exists():
            out[f"example.{ext}"] = path.read_bytes()
    return out


_NUMBERS = ["0", "-1", "1", "2", "200", "201", "65535", "2147483647", "4294967296", "1e9", "two", "", " 3 ", "0x10"]
_TAGS = ["div", "table", "tr", "td", "p", "span", "br", "th", "tbody", "font", "script", "b"]
_CHARSETS = ["utf-8", "gbk", "utf-16", "idna", "punycode", "undefined", "utf-7", "big5", "x", "hz", "rot13"]
_WORD = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>字</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>",
    "</w:tc>", '<w:gridSpan w:val="9"/>', "<w:vMerge/>", '<w:vMerge w:val="restart"/>', "<w:br/>", "<w:tab/>",
    "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:tcPr>", "</w:tcPr>", "<w:trPr>", "</w:trPr>",
]  # fmt: skip


def _bytes_mutation(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            del buf[pos : pos + rng.randint(1, 64)]
        elif op == 2:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3 and buf:
            a = rng.randrange(len(buf))
            chunk = buf[a : a + rng.randint(1, 256)]
            buf[pos:pos] = chunk * rng.randint(1, 50)
        else:
            del buf[pos:]
    return bytes(buf)


def _text_mutation(rng: random.Random, text: str, vocab: list[str]) -> str:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        pos = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:pos] + rng.choice(vocab) * rng.choice([1, 1, 2, 10, 300]) + text[pos:]
        elif op == 1:  # a number attribute to something hostile
            text = re.sub(r'(="?)\d+', lambda m: m.group(1) + rng.choice(_NUMBERS), text, count=rng.randint(1, 5))
        elif op == 2 and len(text) > 2:
            a = rng.randrange(len(text))
            chunk = text[a : a + rng.randint(1, 400)]
            text = text[:pos] + chunk * rng.choice([2, 5, 50]) + text[pos:]
        elif op == 3:
            text = text[:pos] + text[pos + rng.randint(1, 100) :]
        elif op == 4:
            text = (
                text[:pos]
                + chr(rng.choice([0, 0x1B, 0x202E, 0x200B, 0xD800, 0xFEFF, rng.randrange(0x110000)]))
                + text[pos:]
            )
        else:
            text = re.sub(r"charset=[\w-]+", "charset=" + rng.choice(_CHARSETS), text)
    return text


def _mutate_docx(rng: random.Random, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
    except Exception:  # a mutant that no longer unzips: mutate its bytes
        return _bytes_mutation(rng, data)
    ns = H.STRICT_NS if rng.random() < 0.1 else H.W_NS
    xml = _text_mutation(rng, xml, _WORD).replace(H.W_NS, ns)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml.encode("utf-8", "surrogatepass"))
    return buf.getvalue()


def _mutate_html(rng: random.Random, data: bytes) -> bytes:
    vocab = [f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS] + ["<td rowspan=200 colspan=200>", "&#x202e;"]
    return _text_mutation(rng, data.decode("utf-8", "replace"), vocab).encode("utf-8", "surrogatepass")


def _mutate_doc(rng: random.Random, data: bytes) -> bytes:
    import olefile

    try:
        buf = io.BytesIO(data)
        with olefile.OleFileIO(buf, write_mode=True) as ole:
            name = rng.choice(["WordDocument", "1Table", "0Table"])
            if not ole.exists(name):
                return _bytes_mutation(rng, data)
            stream = ole.openstream(name).read()
            mutated = _bytes_mutation(rng, stream)[: len(stream)]
            ole.write_stream(name, mutated + stream[len(mutated) :])
        return buf.getvalue()
    except Exception:  # olefile refuses many mutants: fall back to raw bytes
        return _bytes_mutation(rng, data)


MUTATORS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "docx": _mutate_docx,
    "html": _mutate_html,
    "doc": _mutate_doc,
}


def check_one(data: bytes, name: str, parse: bool) -> str | None:
    """None if ``data`` gives a Document (or record) or a typed error; else what went wrong."""
    try:
        doc = read_data(data, name, sniff(data, Path(name).suffix))
        assert isinstance(doc, Document)
        if parse and doc.text.strip():
            from pipeline.parse import parse_document

            parse_document(doc)
    except XxgkError:
        return None
    except _Slow:
        return "slow"
    except Exception:
        return traceback.format_exc()
    return None


def _alarm(signum: int, frame: object) -> None:
    raise _Slow()


def run(seconds: float, limit: float, out: Path, seed: int, parse: bool) -> int:
    """Mutate seeds for ``seconds``; save every finding under ``out``; return the number found."""
    rng = random.Random(seed)
    pool = seeds()
    names = sorted(pool)
    signal.signal(signal.SIGALRM, _alarm)
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a blow-up is a MemoryError, not a dead box
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, int] = {}
    runs = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        name = rng.choice(names)
        fmt = name.rsplit(".", 1)[1]
        data = pool[name]
        for _ in range(rng.randint(1, 3)):
            data = MUTATORS[fmt](rng, data) if rng.random() < 0.8 else _bytes_mutation(rng, data)
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            problem = check_one(data, f"fuzz.{fmt}", parse)
        except _Slow:
            problem = "slow"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        runs += 1
        took = time.monotonic() - start
        if problem:
            key = "slow" if problem == "slow" else problem.strip().splitlines()[-1][:120]
            found[key] = found.get(key, 0) + 1
            if found[key] <= 3:
                stem = out / f"{fmt}_{len(found)}_{found[key]}"
                stem.with_suffix(f".{fmt}").write_bytes(data)
                stem.with_suffix(".txt").write_text(f"{took:.1f} s\n{problem}", encoding="utf-8")
        if len(data) < 200_000 and rng.random() < 0.02 and not problem:
            pool[f"grown{runs}.{fmt}"] = data  # keep some mutants as seeds
            names = sorted(pool)
    print(f"{runs} inputs in {seconds:.0f} s; findings: {len(found)}")
    for key, count in sorted(found.items(), key=lambda kv: -kv[1]):
        print(f"  {count:6d}  {key}")
    return len(found)


def atheris_main(argv: list[str]) -> None:
    """Coverage-guided: the first byte picks the format, the rest is the file.

    The pipeline's Python code is instrumented (``atheris.instrument_all``) and the seeds are
    written to a corpus folder (``/tmp/xxgk_atheris_corpus``, passed to libFuzzer) first.
    """
    import atheris

    corpus = Path("/tmp/xxgk_atheris_corpus")
    corpus.mkdir(exist_ok=True)
    for i, (name, data) in enumerate(seeds().items()):
        fmt = name.rsplit(".", 1)[-1]
        if fmt in ("docx", "html", "doc") and len(data) < 1_000_000:
            (corpus / f"seed{i}").write_bytes(bytes([("docx", "html", "doc").index(fmt)]) + data)
    argv = [*argv, str(corpus)]
    atheris.instrument_all()

    def one_input(data: bytes) -> None:
        if not data:
            return
        fmt = ("docx", "html", "doc")[data[0] % 3]
        problem = check_one(data[1:], f"fuzz.{fmt}", parse=False)
        if problem:
            raise RuntimeError(problem)

    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--limit", type=float, default=10, help="seconds one input may take")
    ap.add_argument("--out", type=Path, default=Path("/tmp/xxgk_fuzz_readers"))
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--parse", action="store_true", help="run every stage on each Document too")
    ap.add_argument("--atheris", action="store_true", help="coverage-guided with atheris (extra args go to it)")
    args, rest = ap.parse_known_args()
    if args.atheris:
        atheris_main([sys.argv[0], *rest])
        return
    sys.exit(1 if run(args.seconds, args.limit, args.out, args.seed, args.parse) else 0)


if __name__ == "__main__":
    main()
