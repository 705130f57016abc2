"""Fast paths taken for corpus throughput give exactly what the plain code gives.

- ``pipeline.nlp.cut`` (jieba-rs inside jieba's blocks) and ``jieba.cut``;
- section headings found at candidate positions and ``finditer`` over the whole text.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.classify.features import clean
from pipeline.nlp import cut, jieba_cut
from pipeline.sections import _HEADING, _HEADING_START, _finditer_at

FIXTURES = Path(__file__).resolve().parent / "fixtures"

TRICKY = [
    "",
    " ",
    "依申请公开政府信息公开申请数量",
    "三审三校制度，政务新媒体12345热线。",
    "2023年共收到申请16件，其中自然人14件、法人或其他组织2件。",
    "IPv6改造 www.gov.cn a+b#c&d_e-f%g 3.5%",
    "\u3000\u3000全角空格\r\n换行\t制表",
    "的的的的的的的的",
    "王小明在北京市朝阳区某某街道办事处",  # unknown names: the HMM part
    "乒乓球拍卖完了",  # a classic route ambiguity
    "结婚的和尚未结婚的",
    "ＡＢＣ１２３全角字母数字",
    "𠀀𠀁扩展区汉字与emoji🙂混排",
    "依申请\ud800公开\udfff",  # lone surrogates: jieba makes each a word; Rust cannot take them
]


def _paragraphs(text: str) -> list[str]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines + [clean(ln) for ln in lines] + [text]


@pytest.mark.parametrize("text", TRICKY)
def test_cut_equals_jieba_on_tricky_strings(text: str) -> None:
    assert cut(text) == jieba_cut(text)


def test_cut_equals_jieba_on_random_mixed_strings() -> None:
    # CJK inside and outside jieba's range (U+3400, U+9FD6, plane 2), Latin, digits,
    # the block symbols +#&._%-, full-width forms, punctuation and whitespace.
    rnd = random.Random(11)
    alphabet = (
        list(
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
        )
        + list("公开申请信息政府部门办理答复复议诉讼网站平台培训问题整改加强")
        + list("abcXYZ0123456789+#&._%-")
        + list(" \t\n\u3000，。、；：！？（）《》“”\"'")
        + ["\U00020000", "\U00020001", "\U0001f642", "Ａ", "１", "\u3400", "\u9fd6", "\ud800", "\udfff"]
    )
    for _ in range(4000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert cut(text) == jieba_cut(text), text


def test_cut_equals_jieba_on_the_fixture_report() -> None:
    for path in sorted(FIXTURES.glob("yunxi_2023*.txt")) + [FIXTURES / "yunxi_2023.md"]:
        raw = path.read_bytes()
        text = raw.decode("gbk") if "gbk" in path.name else raw.decode("utf-8")
        for para in _paragraphs(text):
            assert cut(para) == jieba_cut(para), para


def test_cut_equals_jieba_on_the_real_reports(seed_paths: list[Path], pingtan_paths: list[Path]) -> None:
    for path in seed_paths + pingtan_paths:
        for para in _paragraphs(path.read_text(encoding="utf-8")):
            assert cut(para) == jieba_cut(para), (path.name, para[:60])


def _heading_matches_agree(text: str) -> None:
    starts = [m.start() for m in _HEADING_START.finditer(text)]
    for patterns in _HEADING.values():
        for rx in patterns:
            plain = [(m.span(), m.groups()) for m in rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in _finditer_at(rx, text, starts)] == plain, (rx.pattern, text[:80])


def test_heading_search_at_candidate_positions_equals_finditer_on_random_text() -> None:
    rnd = random.Random(7)
    alphabet = list(
        "#  \t\n一二三十1234、.．总体情况主动公开政府信息的收到和处理申请行政复议诉讼存在主要问题及改进其他需要报告事项。"
    )
    for _ in range(3000):
        _heading_matches_agree("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))))


def test_heading_search_at_candidate_positions_equals_finditer_on_reports(
    seed_paths: list[Path], pingtan_paths: list[Path]
) -> None:
    for path in [*seed_paths, *pingtan_paths, FIXTURES / "yunxi_2023.txt", FIXTURES / "yunxi_2023.md"]:
        _heading_matches_agree(path.read_text(encoding="utf-8"))


def test_lead_words_from_the_paragraph_words_equal_cutting_the_lead(
    seed_paths: list[Path], pingtan_paths: list[Path]
) -> None:
    from pipeline.classify.features import lead_words

    paths = seed_paths + pingtan_paths + [FIXTURES / "yunxi_2023.txt"]
    checked = 0
    for path in paths:
        for para in _paragraphs(path.read_text(encoding="utf-8")):
            words = cut(clean(para))
            assert lead_words(para, words=words) == lead_words(para), (path.name, para[:60])
            checked += bool(words)
    assert checked > 100


def test_pdf_characters_from_one_text_call_equal_asking_each_character(
    monkeypatch: pytest.MonkeyPatch, huaian_pdf: Path
) -> None:
    import pypdfium2 as pdfium

    from pipeline.readers import pdf

    paths = [FIXTURES / "yunxi_2023.pdf", FIXTURES / "yunxi_2023_spaced.pdf", huaian_pdf]
    pages = [doc[i] for doc in map(pdfium.PdfDocument, paths) for i in range(len(doc))]

    def chars(page: pdfium.PdfPage) -> list[tuple]:
        found = pdf.page_chars(page.get_textpage(), page.get_mediabox()[3])
        return [(c.text, c.line, c.x0, c.top, c.x1, c.bottom) for c in found]

    fast = [chars(p) for p in pages]
    textpages = [p.get_textpage() for p in pages]
    assert all(pdf._page_text(tp.raw, tp.count_chars()) for tp in textpages)  # the one-call path was taken
    monkeypatch.setattr(pdf, "_page_text", lambda raw, n: None)  # every character asked for on its own
    assert [chars(p) for p in pages] == fast
    assert sum(map(len, fast)) > 1000


def test_address_typed_pdfium_calls_equal_pypdfium2s_typed_bindings(
    monkeypatch: pytest.MonkeyPatch, huaian_pdf: Path
) -> None:
    from pipeline.readers import pdf, pdf_rules, pdfium_calls, read

    assert pdfium_calls.FAST  # the fast declarations are in use here
    paths = [FIXTURES / "yunxi_2023.pdf", FIXTURES / "yunxi_2023_spaced.pdf", huaian_pdf]
    fast = [read(p) for p in paths]
    typed = pdfium_calls.functions(fast=False)
    assert all(getattr(f, "argtypes", None) is None for f in typed.values())  # the pypdfium2 wrappers
    monkeypatch.setattr(pdf, "CALLS", typed)
    monkeypatch.setattr(pdf_rules, "CALLS", typed)
    slow = [read(p) for p in paths]
    assert [(d.text, d.blocks, d.page_starts) for d in slow] == [(d.text, d.blocks, d.page_starts) for d in fast]
    assert sum(len(d.blocks) for d in fast) > 10
