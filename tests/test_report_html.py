"""The HTML report page, rendered in a real headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from pipeline.figures import extract
from pipeline.record import Check, Evidence, Meta, Record, Source
from pipeline.report_html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _record() -> Record:
    text = "一、总体情况\n全年共发布政府信息 4321 条，政策解读 17 篇。<script>alert(1)</script>"
    rec = Record(
        source=Source("x.txt", "0", "txt", None, len(text), "utf-8"),
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
    assert "某县测试局" in dom
    assert "主动公开信息4321条" in dom and "政策解读17篇" in dom
    assert '<tr class="fail">' in dom and "year.figures" in dom
    assert 'id="src-f1"' in dom  # the highlighted span survives rendering
    assert "<script>alert(1)</script>" not in dom
