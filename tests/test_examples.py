"""The bundled examples behave as the README says.

``examples/yunxi_2023.*`` is the fixture report (tables as written in
``fixtures/make_fixtures.py``) in six formats, the Word 97 ``.doc`` among
them; ``qingshi_eeb_2024.html`` states 27 new requests in its text where its
table has 25; ``notice_not_a_report.txt`` is a notice, not a report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.errors import NotAReport

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_fixtures as content  # noqa: E402


@pytest.mark.parametrize("ext", ["txt", "md", "html", "docx", "doc", "pdf"])
def test_yunxi_in_every_format_gives_the_written_tables_and_passes_its_checks(ext):
    record = parse(EXAMPLES / f"yunxi_2023.{ext}")
    assert record.tables["requests"] == content.REQUESTS
    assert record.tables["appeals"] == content.APPEALS_FLAT
    assert record.tables["disclosure"] == content.DISCLOSURE
    assert (record.meta.agency, record.meta.year) == ("云溪县人民政府", 2023)
    assert not record.checks_failed, [c for c in record.checks if c.status == "fail"]


def test_qingshi_fails_the_text_versus_table_check_with_both_numbers():
    record = parse(EXAMPLES / "qingshi_eeb_2024.html")
    failed = {c.id: c for c in record.checks if c.status == "fail"}
    assert list(failed) == ["text_vs_table.requests_received"]
    evidence = {(e.ref, e.value) for e in failed["text_vs_table.requests_received"].evidence}
    assert {("requests.new_received.total", 25)} <= evidence
    assert 27 in {value for _, value in evidence}
    assert record.tables["requests"]["new_received"]["total"] == 25


def test_the_notice_is_refused_as_not_a_report():
    with pytest.raises(NotAReport) as exc:
        parse(EXAMPLES / "notice_not_a_report.txt")
    assert "notice_not_a_report.txt" in str(exc.value)


def test_the_readme_corpus_run_over_examples_gives_what_the_readme_says(tmp_path):
    from pipeline.corpus.runner import run_corpus

    summary = run_corpus([str(EXAMPLES)], tmp_path / "out", workers=2, progress=False)
    assert (summary.inputs, summary.reports, summary.errors) == (8, 7, {"not_a_report": 1})
    assert summary.checks_failed == {"text_vs_table.requests_received": 1}
    assert summary.reports_with_failed_checks == 1
