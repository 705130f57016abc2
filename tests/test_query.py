"""``xxgk query DIR SQL``: DuckDB over a run's Parquet tables, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_corpus_tables import key, record

from pipeline.commands.query import format_table, query, width
from pipeline.corpus.parts import build_tables
from pipeline.corpus.store import Store


@pytest.fixture()
def run_dir(tmp_path: Path) -> Path:
    with Store(tmp_path) as store:
        for n, year in enumerate([2021, 2022, 2022]):
            store.write_record(key(n), json.dumps(record(year), ensure_ascii=False).encode())
        build_tables(store)
    return tmp_path


SQL = "select year, count(*) as n from reports group by year order by year"


def test_table_output_aligns_columns_and_counts_rows(run_dir: Path) -> None:
    result = CliRunner().invoke(query, [str(run_dir), SQL])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["year", "n"]
    assert [line.split() for line in lines[2:4]] == [["2021", "1"], ["2022", "2"]]
    assert lines[-1] == "(2 rows)"


def test_csv_and_json_output(run_dir: Path) -> None:
    out = CliRunner().invoke(query, [str(run_dir), SQL, "--format", "csv"]).output
    assert list(csv.reader(io.StringIO(out))) == [["year", "n"], ["2021", "1"], ["2022", "2"]]
    out = CliRunner().invoke(query, [str(run_dir), SQL, "--format", "json"]).output
    assert json.loads(out) == [{"year": 2021, "n": 1}, {"year": 2022, "n": 2}]


def test_long_form_request_cells_join_reports(run_dir: Path) -> None:
    sql = (
        "select r.year, sum(q.value) as received from requests q join reports r using (report_id) "
        "where q.row = 'new_received' and q.col = 'total' group by r.year order by r.year"
    )
    out = CliRunner().invoke(query, [str(run_dir), sql, "--format", "json"]).output
    assert json.loads(out) == [{"year": 2021, "received": 12.0}, {"year": 2022, "received": 24.0}]


def test_bad_sql_is_a_usage_error(run_dir: Path) -> None:
    result = CliRunner().invoke(query, [str(run_dir), "select nope from reports"])
    assert result.exit_code == 2 and "error" in result.output


def test_folder_without_tables_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(query, [str(tmp_path), "select 1"])
    assert result.exit_code == 2 and "no Parquet tables" in result.output


def test_wide_characters_count_double_in_alignment() -> None:
    assert width("甲a") == 3
    text = format_table(["名称", "n"], [("甲乙", 1), ("abcd", None)])
    rows = text.splitlines()
    assert width(rows[2][: rows[2].index("1")]) == width(rows[3][: rows[3].index("NULL")]) == 6
