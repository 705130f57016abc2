"""The HTML report page, rendered in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from pipeline.figures import extract
from pipeline.record import CellSpan, Check, Evidence, Meta, Record, SourceFile
from pipeline.review.html_page import render_html
from pipeline.review.summary import build_summary

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _record() -> Record:
    text = "一、总体情况\n全年共发布政府信息 4321 条，政策解读 17 篇。<script>alert(1)</script>"
    rec = Record(
        source=SourceFile("x.txt", "0", "txt", None, len(text), "utf-8"),
        meta=Meta(title="测试报告", agency="某县测试局", year=2024),
    )
    rec.text = text
    rec.figures = extract(text)
    rec.checks = [
        Check("year.figures", "fail", "2024年度报告中的数字归于其他年份：2023年→23", [Evidence("text", 2023, 0, 4)]),
        Check("structure", "pass", "六个部分齐全", []),
    ]
    return rec


def test_page_links_every_figure_to_its_marked_span_and_escapes_text() -> None:
    html = render_html(_record())
    for f in _record().figures:
        assert f"href='#src-{f.id}'" in html and f'id="src-{f.id}"' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def _dump_dom(html: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        cmd = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", page.as_uri(),
        ]  # fmt: skip
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_browser_shows_agency_key_numbers_and_failed_checks() -> None:
    dom = _dump_dom(render_html(_record()))
    shown = re.sub(r"<[^>]+>", "", dom)
    assert "某县测试局" in shown
    assert "主动公开信息4321条" in shown and "政策解读17篇" in shown
    assert '<tr class="fail"' in dom and "year.figures" in dom
    assert 'id="src-f1"' in dom  # the highlighted span survives rendering
    assert "<script>alert(1)</script>" not in dom


def _record_with_tables() -> Record:
    rec = _record()
    text = rec.text + "\n三、收到和处理政府信息公开申请情况\n本年新收 5 0 0 0 0 0 5\n总计 5 0 0 0 0 0 5"
    rec.text = text
    new_at = text.index("本年新收") + 5
    rec.tables = {
        "requests": {
            "new_received": dict.fromkeys(["natural_person", "commercial", "research", "public_interest",
                                           "legal_services", "other_org"], 0) | {"natural_person": 5, "total": 5},
            "granted": {"total": 5},
            "total_processed": {"total": 5},
        },
        "disclosure": {"normative_issued": 2, "normative_repealed": 0, "normative_in_force": 9, "licensing_decisions": 31},
        "appeals": {"review_total": 0},
    }  # fmt: skip
    rec.table_spans = {"requests.new_received.natural_person": CellSpan(new_at, new_at + 1)}
    rec.checks.append(
        Check(
            "requests.balance.total",
            "unknown",
            "总计：缺少 二、上年结转政府信息公开申请数量·总计",
            [Evidence("requests.carried_over.total", None, None, None)],
        )
    )
    return rec


def test_tables_carry_the_printed_labels_and_link_cells_to_their_spans() -> None:
    html = render_html(_record_with_tables())
    for label in ("自然人", "法人或其他组织", "商业企业", "总计", "一、本年新收政府信息公开申请数量", "（一）予以公开",
                  "三、本年度办理结果", "行政规范性文件", "本年制发件数", "现行有效件数", "本年处理决定数量", "结果维持",
                  "尚未审结", "行政复议"):  # fmt: skip
        assert label in html, label
    for key in (">new_received<", ">natural_person<", ">granted<", ">normative_issued<", ">review_total<"):
        assert key not in html, key
    assert "href='#src-t-requests.new_received.natural_person'" in html
    assert 'id="src-t-requests.new_received.natural_person"' in html


def test_checks_are_in_chinese_with_failed_first_then_the_unknown_with_their_cause() -> None:
    html = render_html(_record_with_tables())
    rows = re.findall(r"<tr class='(\w+)'", html)
    assert rows == sorted(rows, key=["fail", "unknown", "pass"].index) and rows[0] == "fail"
    assert "正文数字所属年份是否为报告年度" in html and "无法核对" in html
    assert "表格数字缺失或无法拆分：二、上年结转政府信息公开申请数量·总计" in html


def test_every_number_of_the_summary_links_to_a_place_on_the_page() -> None:
    rec = _record_with_tables()
    html = render_html(rec)
    _, sources = build_summary(rec)
    links = re.findall(r"<a class='num' href='#([^']+)'", html)
    assert len(links) == len(sources)
    for target in links:
        assert f'id="{target}"' in html or f"id='{target}'" in html, target
    figure_links = [t for t, s in zip(links, sources) if s.ref.startswith("figures.")]
    assert figure_links and all(t.startswith("src-f") for t in figure_links)
