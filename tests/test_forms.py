"""Table forms: detected once from cue words then year, and owning keys, labels and check rows."""

from __future__ import annotations

import pytest

from pipeline.record import Meta, Record, SourceFile
from pipeline.tables.extract import extract_requests
from pipeline.tables.forms import (
    BALANCE_ROWS,
    FORM_2019,
    FORM_2021,
    FORMS,
    LEGACY,
    REQUEST_VARIANTS,
    UNKNOWN,
    detect_form,
    form_of,
    table_key,
)
from pipeline.tables.layout import text_rows


@pytest.mark.parametrize(
    ("text", "year", "form"),
    [
        ("信息内容\t本年制发件数", 2019, FORM_2021),
        ("信息内容\t本年新制作数量", 2024, FORM_2019),
        ("政府集中采购\t采购项目数量", None, FORM_2019),
        ("本年新收政府信息公开申请数量", None, FORM_2021),
        ("本年新收政府信息公开申请数量", 2020, FORM_2019),
        ("本年新收政府信息公开申请数量", 2015, FORM_2019),
        ("没有表格", 2022, FORM_2021),
        ("没有表格", 2019, FORM_2019),
        ("没有表格", 2018, LEGACY),
        ("没有表格", None, UNKNOWN),
    ],
)
def test_detect_form_reads_cue_words_before_the_year(text, year, form):
    assert detect_form(text, year) is form


def test_form_of_reuses_the_decision_stored_in_meta():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta(format_version="2019"), text="本年制发件数")
    assert form_of(record) is FORM_2019


def test_form_of_decides_from_the_text_when_meta_did_not_run():
    record = Record(SourceFile("x", "", "txt", None, 0, None), Meta(), text="本年制发件数")
    assert form_of(record) is FORM_2021


def test_each_form_owns_its_keys_and_check_rows():
    assert "rules_in_force" in FORM_2021.disclosure_keys and "rules_total" in FORM_2019.disclosure_keys
    assert "other" in FORM_2019.outcome_rows and "other" not in FORM_2021.outcome_rows
    assert {"other_no_correction", "other_unpaid_fee", "other_misc"} <= set(FORM_2021.outcome_rows)
    for form in (FORM_2021, FORM_2019):
        assert not set(BALANCE_ROWS) & set(form.outcome_rows)
        assert form.request_keys[:2] == BALANCE_ROWS[:2] and form.request_keys[-2:] == BALANCE_ROWS[2:]
    assert not LEGACY.has_tables and not LEGACY.six_sections
    assert set(FORMS) == {"2021", "2019", "legacy"}


def test_table_key_refuses_a_cell_no_form_has():
    assert table_key("requests", "new_received", "total") == "requests.new_received.total"
    assert table_key("appeals", "review_total") == "appeals.review_total"
    with pytest.raises(KeyError):
        table_key("requests", "new_recieved", "total")


def test_the_2019_forms_single_other_row_is_a_variant_of_the_2021_rows():
    (variant,) = REQUEST_VARIANTS
    assert variant.replaces == ("other_no_correction", "other_unpaid_fee", "other_misc")
    assert [name for name, _ in variant.rows] == ["other"]


def _requests_text(other_rows: list[str]) -> str:
    lines = ["本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "（一）予以公开", *other_rows]
    lines += ["（四）总计", "四、结转下年度继续办理"]
    return "\n".join(label + "\t1\t0\t0\t0\t0\t0\t1" for label in lines) + "\n"


def test_requests_are_read_in_the_rows_printed_whatever_the_report_form():
    table, _ = extract_requests(text_rows(_requests_text(["（七）其他处理"])))
    assert table is not None and "other" in table and "other_misc" not in table
    assert list(table) == list(FORM_2019.request_keys)
    table, _ = extract_requests(
        text_rows(_requests_text(["1.申请人无正当理由逾期不补正", "2.申请人逾期未按收费通知要求缴纳费用", "3.其他"]))
    )
    assert table is not None and table["other_misc"]["total"] == 1
    assert list(table) == list(FORM_2021.request_keys)


def test_a_new_form_is_detected_and_its_own_rows_become_a_variant(monkeypatch):
    import re

    from pipeline.tables import forms

    rows = [("denied_new_reason", "新理由") if r[0] == "denied_admin_query" else r for r in FORM_2021.request_rows]
    new = forms.TableForm("2099", 2099, re.compile("新表格字样"), FORM_2021.disclosure, tuple(rows))
    monkeypatch.setattr(forms, "FORMS", {"2099": new, **FORMS})
    assert detect_form("……新表格字样……", 2024) is new
    assert detect_form("没有表格", 2100) is new
    assert detect_form("没有表格", 2022) is FORM_2021
    variant = forms._variant(new, FORM_2021)
    assert variant is not None and variant.replaces == ("denied_admin_query",)
    assert variant.rows == (("denied_new_reason", "新理由"),)
    dropped = forms.TableForm("x", 2099, None, (), tuple(r for r in rows if r[0] != "denied_new_reason"))
    assert forms._variant(dropped, FORM_2021) is None


def test_the_2019_form_knows_its_appeals_title_and_the_legacy_form_its_own_keys():
    from pipeline.tables.forms import FORM_2019, FORM_2021, LEGACY_KEYS

    text = "三、收到和处理政府信息公开申请情况\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n"
    assert FORM_2019.title_at("appeals", text) == text.index("四、")
    assert FORM_2019.title_at("requests", text) is None and FORM_2021.title_at("appeals", text) is None
    assert "requests_received" in LEGACY_KEYS and "review_total" in LEGACY_KEYS
