"""Section segmentation on text we write ourselves, and on every real report."""

from __future__ import annotations

from pipeline.normalise import normalise
from pipeline.readers import read
from pipeline.sections import segment

STANDARD = """云溪县人民政府2023年政府信息公开工作年度报告
一、总体情况
全年工作平稳推进。
二、主动公开政府信息情况
表格略。
三、收到和处理政府信息公开申请情况
表格略。
四、政府信息公开行政复议、行政诉讼情况
表格略。
五、存在的主要问题及改进情况
队伍建设仍需加强。
六、其他需要报告的事项
无。
"""


def numbers(text: str) -> list[int]:
    return [s.number for s in segment(text)[0]]


def test_six_standard_headings_found_in_order():
    sections, warnings = segment(STANDARD)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert warnings == []
    assert STANDARD[sections[0].start :].startswith("一、总体情况")
    assert sections[-1].end == len(STANDARD)
    for a, b in zip(sections, sections[1:]):
        assert a.end == b.start


def test_markdown_hashes_and_arabic_numbers_are_headings():
    text = STANDARD.replace("一、总体情况", "## 1. 总体情况").replace("五、存在", "#### 5、存在")
    sections, _ = segment(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert sections[0].title == "1. 总体情况"


def test_repeated_title_and_heading_uses_the_last_occurrence():
    text = (
        "云溪县人民政府2023年报告\n一、总体情况\n云溪县人民政府2023年报告\n一、总体情况\n正文。\n"
        + STANDARD.split("二、", 1)[1]
    )
    text = text.replace("主动公开政府信息情况", "二、主动公开政府信息情况", 1)
    sections, warnings = segment(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert text[sections[0].start :].startswith("一、总体情况\n正文")
    assert any("appears 2 times" in w for w in warnings)


def test_missing_section_is_reported_not_invented():
    text = STANDARD.replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    sections, warnings = segment(text)
    assert [s.number for s in sections] == [1, 2, 3, 5, 6]
    assert "sections missing: 4" in warnings


def test_headings_inside_a_flattened_single_line():
    flat = STANDARD.replace("\n", "")
    assert numbers(flat) == [1, 2, 3, 4, 5, 6]


def test_preamble_list_of_section_names_is_not_a_heading():
    preamble = "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。\n"
    sections, _ = segment(preamble + STANDARD)
    assert sections[0].start == len(preamble) + STANDARD.index("一、总体情况")


def test_subtopic_numbered_like_a_section_does_not_start_a_section():
    text = STANDARD.replace("全年工作平稳推进。", "1.主动公开情况\n正文。\n2.依申请公开情况\n正文。")
    sections, _ = segment(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert "2.依申请公开情况" in text[sections[0].start : sections[0].end]


def test_legacy_headings_map_by_topic():
    text = "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开工作情况\n正文。\n四、主要问题和改进措施\n正文。"
    assert numbers(text) == [1, 2, 3, 5]


def test_every_real_report_has_its_sections(seed_paths, pingtan_paths):
    for path in seed_paths:
        assert numbers(read(path).text) == [1, 2, 3, 4, 5, 6], path.name
    for path in pingtan_paths:
        found = numbers(read(path).text)
        if "2019年度" in path.name or int(path.name[:4]) >= 2020:
            assert found == [1, 2, 3, 4, 5, 6], path.name
        else:  # free-form reports: at least overview, proactive, requests, problems
            assert {1, 2, 3}.issubset(found), (path.name, found)


def test_the_2019_title_of_section_four_is_found():
    text = "一、总体情况\n正文。\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n本年度未发生。\n"
    sections, _ = segment(text)
    assert [s.number for s in sections] == [1, 4]


def test_sections_numbered_in_brackets_are_found():
    text = STANDARD
    for cn in "一二三四五六":
        text = text.replace(f"{cn}、", f"（{cn}）", 1)
    sections, _ = segment(normalise(text))
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert sections[4].title == "(五)存在的主要问题及改进情况"


def test_a_bracketed_sub_heading_of_another_number_is_not_a_section():
    text = STANDARD.replace("全年工作平稳推进。", "（一）主动公开政府信息情况\n全年发布信息120条。")
    sections, _ = segment(normalise(text))
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert "(一)主动公开政府信息情况" in normalise(text)[sections[0].start : sections[0].end]


def test_section_five_under_a_title_of_its_own_wording():
    for title in ("五、问题与不足", "五、工作中的不足及改进措施", "五、下一步工作计划", "5.问题和建议"):
        text = STANDARD.replace("五、存在的主要问题及改进情况", title)
        sections, _ = segment(text)
        assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6], title
        assert sections[4].title == title


def test_a_loose_title_needs_the_number_five_and_a_line_of_its_own():
    text = STANDARD.replace("全年工作平稳推进。", "全年工作平稳推进。\n三、问题与不足\n正文。")
    assert numbers(text) == [1, 2, 3, 4, 5, 6]
    assert "三、问题与不足" in text[segment(text)[0][0].start : segment(text)[0][0].end]
    flat = STANDARD.replace("五、存在的主要问题及改进情况\n", "五、问题与不足，队伍建设仍需加强。\n")
    assert 5 not in numbers(flat)


def test_a_bracketed_note_after_the_title_of_five_is_part_of_the_heading():
    text = normalise(STANDARD.replace("及改进情况\n", "及改进情况（含上年度问题整改情况）\n"))
    sections, _ = segment(text)
    assert sections[4].title == "五、存在的主要问题及改进情况(含上年度问题整改情况)"
