"""Year-over-year tables kept up to date run by run equal a full rebuild (``xxgk pairs``).

The reports are written for this test (made-up agencies of a made-up 青禾县);
each run adds some, and after each the tables the run left are compared with
the tables ``xxgk pairs`` rebuilds from every record in a copy of the folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.corpus import pairs
from pipeline.corpus.parts import Manifest, table_files
from pipeline.corpus.runner import run_corpus

AGENCIES = {"jt": "青禾县交通运输局", "jy": "青禾县教育局", "bs": "青禾县白石镇人民政府"}
TOPICS = ["农村公路养护", "校车安全管理", "城乡公交线路", "惠民补贴发放", "建设项目审批", "防汛值守安排"]


def text(agency: str, year: int) -> str:
    """A short report of ``agency`` for ``year``: its own figures, last year's plans repeated in part."""
    n = sum(map(ord, agency)) % 97 + year % 100
    topic, other = TOPICS[year % len(TOPICS)], TOPICS[(year + 1) % len(TOPICS)]
    return (
        f"{AGENCIES[agency]}{year}年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        f"{year}年，本单位围绕{topic}公开信息共计{n * 7}条，组织政务公开培训{n % 5 + 1}次，"
        f"在门户网站更新{topic}专栏{n % 9 + 2}期。\n"
        "五、存在的主要问题及改进情况\n"
        f"本单位政务公开工作还存在一些不足：一是{topic}信息更新不够及时；二是政策解读形式较为单一。\n"
        f"下一步，本单位将重点做好以下工作：一是建立{other}信息定期更新制度；二是丰富政策解读形式，推出图解解读。\n"
    )


def write(folder: Path, agency: str, year: int, suffix: str = "txt") -> Path:
    body = text(agency, year)
    if suffix == "html":
        body = (
            "<html><head><meta charset='utf-8'></head><body>"
            + "".join(f"<p>{line}</p>" for line in body.splitlines())
            + "</body></html>"
        )
    path = folder / f"{agency}_{year}.{suffix}"
    path.write_text(body, encoding="utf-8")
    return path


def rows_of(out: Path) -> dict[str, tuple[list[str], list[dict]]]:
    files = table_files(out)
    out_tables = {}
    for name in pairs.TABLES:
        [file] = files[name]
        table = pq.read_table(file)
        out_tables[name] = (table.schema.names, table.to_pylist())
    return out_tables


def full_rebuild(out: Path, tmp: Path) -> dict[str, tuple[list[str], list[dict]]]:
    copy = tmp / f"rebuild-{len(list(tmp.glob('rebuild-*')))}"
    shutil.copytree(out, copy)
    result = CliRunner().invoke(main, ["pairs", str(copy)])
    assert result.exit_code == 0, result.output
    return rows_of(copy)


def built(out: Path) -> tuple[int, int]:
    """What the last year-over-year build of ``out`` cost, as its manifest says: (entries added, pairs compared)."""
    cost = Manifest.read(out).index["built"]
    return cost["entries"], cost["compared"]


def test_runs_that_add_reports_leave_the_tables_a_full_rebuild_gives(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()

    def run(*reports: tuple[str, int] | tuple[str, int, str]) -> tuple[int, int]:
        for report in reports:
            write(inputs, *report)
        run_corpus([str(inputs)], out, workers=1, progress=False)
        assert rows_of(out) == full_rebuild(out, tmp_path)
        return built(out)

    first = run(("jt", 2021), ("jt", 2023), ("jy", 2022), ("jy", 2023))
    assert first == (4, 1)  # no index yet: every record read
    assert len(rows_of(out)["pairs"][1]) == 1
    second = run(("jt", 2024), ("bs", 2022), ("bs", 2023))  # an existing agency's next year, a new agency
    assert second == (3, 2)  # only the new records read, only the new pairs compared
    third = run(("jt", 2022))  # a year between two stored years: two new pairs
    assert third == (1, 2)
    fourth = run(("jy", 2022, "html"))  # the same report in a preferred format: it replaces the text file
    assert fourth == (1, 1)
    tables = rows_of(out)
    assert len(tables["duplicates"][1]) == 1 and len(tables["pairs"][1]) == 5 and len(tables["panel"][1]) == 8
    assert {r["agency_key"] for r in tables["agencies"][1]} == {r["agency_key"] for r in tables["panel"][1]}
    assert tables["reuse"][1] and tables["repeated_statements"][1] and tables["plan_followup"][1]


def test_a_removed_record_and_a_folder_without_index(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for agency, year in [("jt", 2021), ("jt", 2022), ("jy", 2022)]:
        write(inputs, agency, year)
    html = write(inputs, "jt", 2021, "html")
    run_corpus([str(inputs)], out, workers=1, progress=False)
    [kept] = [r for r in rows_of(out)["duplicates"][1]]
    assert kept["kept_path"].endswith(".html")
    # the HTML copy's input and stored record removed by hand: the text copy is kept again (its row read again)
    html.unlink()
    (out / "objects" / "records" / kept["kept"][:2] / f"{kept['kept']}.rec").unlink()
    write(inputs, "jy", 2023)
    run_corpus([str(inputs)], out, workers=1, progress=False)
    assert built(out) == (2, 2)  # the new record and the text copy; jt 2021-2022 and jy
    tables = rows_of(out)
    assert tables == full_rebuild(out, tmp_path) and not tables["duplicates"][1]
    # a manifest without the index (a folder written before it): the next run rebuilds and writes one
    manifest = Manifest.read(out)
    manifest.index = {}
    manifest.write(out)
    write(inputs, "jy", 2024)
    run_corpus([str(inputs)], out, workers=1, progress=False)
    assert built(out) == (5, 3)  # every record read, every pair compared
    assert rows_of(out) == full_rebuild(out, tmp_path) and Manifest.read(out).index["layout"] == 1


def test_panel_columns_do_not_depend_on_which_row_comes_first() -> None:
    a = {"key": "a", "agency_key": "k", "year": 2022, "share_granted": 0.5, "requests.granted.total": 3}
    b = {"key": "b", "agency_key": "k", "year": 2023, "share_granted": None, "appeals.review_total": 1,
         "requests.granted.total": 4}  # fmt: skip
    one, other = pairs.arrow_table("panel", [a, b]), pairs.arrow_table("panel", [b, a])
    names = ["key", "agency_key", "year", "share_granted", "appeals.review_total", "requests.granted.total"]
    assert one.schema.names == other.schema.names == names  # a cell only the second row has is a column
    assert one.column("appeals.review_total").to_pylist() == [None, 1]


def test_the_year_over_year_step_takes_the_entries_the_table_builder_made(tmp_path: Path) -> None:
    """A run's new records are read once, by the table builder: the step at the end reads a record
    only to compare a pair (two new reports of different agencies: none), with or without an index."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    write(inputs, "jt", 2021)
    write(inputs, "jy", 2022)
    run_corpus([str(inputs)], out, workers=1, progress=False)
    assert Manifest.read(out).index["built"] == {"entries": 2, "compared": 0, "records_read": 0}
    manifest = Manifest.read(out)
    manifest.index = {}  # no index: a rebuild, which reads the stored records the run did not read
    manifest.write(out)
    write(inputs, "jt", 2022)
    run_corpus([str(inputs)], out, workers=1, progress=False)
    # jt 2021 and jy 2022 for their entries; jt 2021 and 2022 for their pair
    assert Manifest.read(out).index["built"] == {"entries": 3, "compared": 1, "records_read": 4}
    assert rows_of(out) == full_rebuild(out, tmp_path)
