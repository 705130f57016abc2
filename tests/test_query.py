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


def test_temporary_and_unlisted_files_are_not_read(run_dir: Path) -> None:
    (run_dir / "tables" / "reports" / ".tmp-p00000099.parquet").write_bytes(b"half a file")
    (run_dir / "tables" / ".tmp-reports.parquet").write_bytes(b"half a file")
    (run_dir / "tables" / "reports" / "p00000098.parquet").write_bytes(b"not in the manifest")
    result = CliRunner().invoke(query, [str(run_dir), "select count(*) n from reports", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 3}]


def test_a_layout_1_folder_is_queried_without_its_temporaries(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "tables").mkdir()
    pq.write_table(pa.table({"report_id": ["a", "b"]}), tmp_path / "tables" / "reports.parquet")
    (tmp_path / "tables" / ".tmp-reports.parquet").write_bytes(b"PAR1 half")
    result = CliRunner().invoke(query, [str(tmp_path), "select count(*) n from reports", "--format", "json"])
    assert json.loads(result.output) == [{"n": 2}]


@pytest.mark.parametrize(
    "sql",
    [
        "select * from read_csv('{outside}')",
        "copy (select 1) to '{run_dir}/tables/reports/p.parquet'",
        "copy (select 1) to '{run_dir}/x.csv'",
        "attach '{run_dir}/x.db'",
        "install httpfs",
        "load httpfs",
        "set enable_external_access = true",
        "select * from glob('/*')",
    ],
)
def test_sql_reaches_nothing_but_the_run_tables(
    run_dir: Path, tmp_path_factory: pytest.TempPathFactory, sql: str
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.csv"
    outside.write_text("a\n1\n")
    before = sorted(p for p in run_dir.rglob("*"))
    result = CliRunner().invoke(query, [str(run_dir), sql.format(outside=outside, run_dir=run_dir)])
    assert result.exit_code == 2 and "error" in result.output
    assert sorted(p for p in run_dir.rglob("*")) == before


def test_allow_files_opens_the_connection_up(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "other.csv"
    outside.write_text("a\n1\n2\n")
    sql = f"select count(*) n from read_csv('{outside}') join reports on true"
    result = CliRunner().invoke(query, [str(run_dir), sql, "--format", "json", "--allow-files"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 6}]
