"""Output for people: Markdown made inert, number sources printed readably."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.record import Check, Meta, Record, SourceFile, Statement
from pipeline.review.markdown import md_text, to_markdown
from pipeline.review.summary import NumberSource, source_text

ROOT = Path(__file__).resolve().parent.parent


def test_markdown_escapes_raw_html_and_drops_control_characters_from_report_text() -> None:
    rec = Record(
        source=SourceFile("a<b>.txt", "0", "txt", None, 10, "utf-8"),
        meta=Meta(title="报告<img src=x onerror=alert(1)>", agency="某局\x1b[31m\u202e"),
    )
    rec.summary = "摘要第一行<script>x</script>\n第二行"
    rec.statements = [Statement("s1", "problem", "问题<b>加粗</b>\x00\n续行", None, None, 0, 1)]
    rec.checks = [Check("year", "fail", "年度<i>不符</i>", [])]
    rec.warnings = ["<!-- comment -->"]
    md = to_markdown(rec)
    for raw in ("<img", "<script>", "<b>", "<i>", "<!--", "\x1b", "\x00", "\u202e", "a<b>"):
        assert raw not in md, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in md and "问题&lt;b&gt;加粗&lt;/b&gt; 续行" in md
    assert "摘要第一行&lt;script&gt;x&lt;/script&gt;\n第二行" in md


def test_md_text_keeps_plain_chinese_and_numbers() -> None:
    assert md_text("全年发布信息 120 条（含图解）") == "全年发布信息 120 条（含图解）"


def test_a_share_is_printed_as_a_formula() -> None:
    one = NumberSource(50.0, "share(requests.granted.total/requests.total_processed.total)")
    many = NumberSource(20.0, "share(requests.denied_a.total+requests.denied_b.total/requests.total_processed.total)")
    assert source_text(one) == "占比 = requests.granted.total / requests.total_processed.total × 100%"
    assert source_text(many) == (
        "占比 = (requests.denied_a.total + requests.denied_b.total) / requests.total_processed.total × 100%"
    )


def test_summarize_sources_print_shares_cells_and_spans_readably() -> None:
    from pipeline.commands.summarize import summarize

    result = CliRunner().invoke(summarize, [str(ROOT / "examples" / "yunxi_2023.txt"), "--sources"])
    out = result.output
    assert "share(" not in out
    assert "占比 = requests.granted.total / requests.total_processed.total × 100%" in out
    assert "表格 requests.new_received.total（一、本年新收政府信息公开申请数量·总计）" in out
    assert "正文数字 f1，原文[" in out


def test_markdown_is_chinese_with_the_tables_labelled_as_the_form_prints_them() -> None:
    from pipeline.parse import parse

    md = to_markdown(parse(ROOT / "examples" / "yunxi_2023.txt"))
    assert "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |" in md
    assert "| （三）不予公开 8.属于行政查询事项 |" in md and "| 行政规范性文件·本年制发件数 | 12 |" in md
    assert "| 行政诉讼 复议后起诉·总计 | 1 |" in md
    for english in ("new_received", "natural_person", "normative_issued", "review_total", "## Checks", "agency:"):
        assert english not in md.split("## 核对")[0], english
    checks = md.split("## 核对")[1]
    assert checks.index("? 无法核对") < checks.index("✓ 通过")
    assert "- ✓ 通过 `requests.balance.total` 总计：101 + 5 = 106 = 98 + 8 = 106" in checks
