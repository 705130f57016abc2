"""Normalisation: one spelling for digits and brackets, spacing artefacts removed."""

from __future__ import annotations

from pipeline.normalise import collapse_cjk_spacing, normalise


def test_fullwidth_digits_brackets_and_percent_become_ascii():
    assert normalise("（一）全年公开１２３条，占９８．５％") == "(一)全年公开123条，占98.5%"


def test_chinese_punctuation_is_kept():
    assert normalise("总体情况：一是，二是；“三审三校”。") == "总体情况：一是，二是；“三审三校”。"


def test_crlf_ideographic_space_and_zero_width_are_cleaned():
    assert normalise("一、总体情况\r\n\u3000\u3000正文\u200b。 \r\n") == "一、总体情况\n  正文。\n"


def test_space_between_every_cjk_character_is_removed():
    assert collapse_cjk_spacing("政 府 信 息 公 开 工 作 年 度 报 告") == "政府信息公开工作年度报告"


def test_ordinary_spacing_survives():
    for line in ("2024 年，全年公开 5375 条", "结果 维持\t结果 纠正", "息县人民政府 2024 年报告"):
        assert collapse_cjk_spacing(line) == line


def test_fold_fullwidth_is_translate_with_the_table() -> None:
    import random

    from pipeline.normalise import _FULLWIDTH, fold_fullwidth

    special = [chr(k) for k in _FULLWIDTH]
    rnd = random.Random(3)
    alphabet = special + list("政府信息公开abc123 \n\t，。（）") + ["\uff5b", "\uff01", "\u3001"]
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert fold_fullwidth(text) == text.translate(_FULLWIDTH), repr(text)


def test_a_lone_surrogate_from_a_broken_text_layer_becomes_the_replacement_character():
    assert normalise("第\ud800一\udfff条") == "第\ufffd一\ufffd条"
    assert normalise("𠀀") == "𠀀"  # a real character outside the BMP stays
