"""Numeral parsing and quantity finding on text written for the tests."""

from __future__ import annotations

import pytest

from pipeline.numbers import NumberFormatError, find_quantities, parse_numeral


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一百二十三", 123), ("两千", 2000), ("百", 100), ("十二", 12), ("一千零五", 1005), ("三万五千", 35000),
        ("一亿二千万", 120000000), ("九十五点五", 95.5), ("3.5万", 35000), ("1,234", 1234), ("12", 12),
        ("百分之九十", 90), ("0.5", 0.5),
    ],
)  # fmt: skip
def test_parse_numeral_reads_arabic_chinese_and_mixed(numeral: str, value: float) -> None:
    assert parse_numeral(numeral) == value


def test_parse_numeral_rejects_non_numerals() -> None:
    with pytest.raises(NumberFormatError):
        parse_numeral("公开")


def _q(text: str) -> list[tuple]:
    return [(q.value, q.unit, q.approx) for q in find_quantities(text)]


def test_quantities_carry_unit_and_approximation() -> None:
    assert _q("共发布信息50余篇、近百条，接听100多次，逾3万条，超过2000件，约12人") == [
        (50, "篇", True), (100, "条", True), (100, "次", True), (30000, "条", True), (2000, "件", True), (12, "人", True),
    ]  # fmt: skip


def test_money_keeps_printed_unit_and_percent_is_a_unit() -> None:
    assert _q("收取费用3940元，另3.5万元，满意率97.5%，百分之九十") == [
        (3940, "元", False), (3.5, "万元", False), (97.5, "%", False), (90, "%", False),
    ]  # fmt: skip


def test_unitless_number_only_after_a_measure_word() -> None:
    assert _q("访问量12345，电话0591-1234567，邮编350400") == [(12345, None, False)]


def test_chinese_numerals_without_unit_are_not_quantities() -> None:
    assert _q("一是加强领导，三审三校") == []


def test_quantity_matches_are_finditers() -> None:
    """The scan that tries QUANTITY only where a match can start finds exactly what finditer finds."""
    from pipeline.numbers import QUANTITY, _quantity_matches

    texts = [
        "将近30件，接近两千条，大约1 203件，不到5个工作日，不足百分之十，超过3.5万人次，逾百余家，约12人左右",
        "２０２４年全年受理申请1,234件（同比增长12.5%），办结率百分之九十九点五，〇件",
        "电话0591-1234567，邮编350400，访问量12345，信息数46，第一季度，一是加强领导",
        "",
        "无数字的句子。",
    ]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in QUANTITY.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _quantity_matches(text)] == expected
    assert sum(len(list(QUANTITY.finditer(t))) for t in texts) > 15
