"""Report metadata from titles we write ourselves and from the real reports."""

from __future__ import annotations

import pytest

from pipeline.meta import agency_kind, extract_meta, format_version
from pipeline.readers import read


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("息县人民政府", "government"),
        ("会同县", "government"),
        ("殷都区人民政府办公室", "office"),
        ("叶县工业和信息化局", "department"),
        ("叶县辛店镇人民政府", "township"),
        ("云溪县城关街道办事处", "street"),
        ("某某研究会", "department"),
    ],
)
def test_agency_kind_from_name(agency, kind):
    assert agency_kind(agency) == kind


def test_title_agency_year_region_from_heading_line():
    meta, warnings = extract_meta("\n# 河南省信阳市息县人民政府 2024 年政府信息公开工作年度报告\n一、总体情况\n")
    assert meta.agency == "河南省信阳市息县人民政府"
    assert meta.year == 2024
    assert meta.title == "河南省信阳市息县人民政府2024年政府信息公开工作年度报告"
    assert (meta.region.province, meta.region.city, meta.region.county) == ("河南省", "信阳市", "息县")
    assert meta.admin_level == "county"
    assert warnings == []


def test_title_split_over_two_lines():
    meta, _ = extract_meta("淮安市人民政府\n2024 年政府信息公开工作年度报告\n正文")
    assert meta.year == 2024
    assert meta.agency == "淮安市人民政府"
    assert meta.admin_level == "city"


def test_year_from_statistics_period_when_no_title():
    meta, warnings = extract_meta("本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。")
    assert meta.year == 2022
    assert meta.agency is None
    assert "no report title found" in warnings


def test_title_and_period_disagree_gives_a_warning():
    _, warnings = extract_meta("某县人民政府2023年政府信息公开工作年度报告\n统计期限自2022年1月1日起")
    assert any("differs" in w for w in warnings)


@pytest.mark.parametrize(
    ("text", "year", "version"),
    [
        ("信息内容\t本年制发件数\t本年废止件数", 2024, "2021"),
        ("信息内容本年新制作数量本年新公开数量", 2020, "2019"),
        ("没有表格的旧式报告", 2015, "legacy"),
        ("没有表格", None, "unknown"),
    ],
)
def test_format_version_from_table_wording_then_year(text, year, version):
    assert format_version(text, year) == version


def test_real_reports_meta(seed_paths, pingtan_paths):
    expected_years = {"000": 2024, "001": 2022, "002": 2024, "003": 2024, "004": 2024}
    for path in seed_paths:
        meta, _ = extract_meta(read(path).text)
        assert meta.year == expected_years[path.name[:3]], path.name
        assert meta.agency and meta.region.province == ("湖南省" if path.name.startswith("001") else "河南省")
        assert meta.format_version == "2021"
    for path in pingtan_paths:
        meta, _ = extract_meta(read(path).text)
        year = int(path.name.split("平潭")[1].split("年")[0][-4:])
        assert meta.year == year, path.name
        assert meta.format_version == ("legacy" if year <= 2018 else "2019" if year <= 2020 else "2021"), path.name


def test_a_short_name_with_another_suffix_is_matched_with_a_warning():
    from pipeline.region import lookup

    region, level, doubt = lookup("云溪县人民政府")  # only 岳阳市云溪区 exists: renamed, or another place
    assert (region.county, level) == ("云溪区", "county")
    assert doubt == "region: 云溪县 matched by its short name to 云溪区"
    assert lookup("岳阳市云溪区人民政府")[2] is None
    assert lookup("信阳市市场监督管理局")[2] is None
    assert lookup("平潭综合实验区管理委员会")[2] is None


def test_an_html_title_tag_gives_title_and_agency_when_the_text_has_none(tmp_path):
    from pipeline import parse

    page = (
        "<html><head><meta charset='utf-8'><title>青禾县农业农村局2019年政府信息公开工作年度报告</title></head>"
        "<body><p>一、总体情况</p><p>本局全年主动公开信息30条。</p></body></html>"
    )
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    meta = parse(path, ["sections", "meta"]).meta
    assert (meta.title, meta.agency, meta.year) == (
        "青禾县农业农村局2019年政府信息公开工作年度报告",
        "青禾县农业农村局",
        2019,
    )
