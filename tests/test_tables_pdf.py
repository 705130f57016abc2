"""Tables from PDFs: grids shaped like pdfplumber's output, and PDF text layers.

pdfplumber gives ``None`` for positions covered by a merged cell, keeps line
breaks inside label cells and splits a table at a page break.  The readers
render every grid into the text as tab-separated rows; :func:`render` does
the same here so cell offsets are real positions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import parse
from pipeline.document import Block, Cell, Document, Grid
from pipeline.parse import parse_document
from pipeline.tables.labels import APPEAL_KEYS, REQUEST_COLUMNS, REQUEST_ROWS

STAGES = ["sections", "meta", "tables", "checks"]
HEAD = "云溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
Rows = list[list[str | None]]

# Template labels (the national form), with line breaks where a narrow PDF column wraps them.
LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_security_stability": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_file": "7.属于行政执法案卷",
    "denied_admin_query": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "1.信访举报投诉类申请",
    "rejected_duplicate": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_reissue": "5.要求行政机关确认或重新出\n具已获取信息",
    "other_no_correction": "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请",
    "other_unpaid_fee": "2、申请人逾期未按收费通知要\n求缴纳费用、行政机关不再处理\n其政府信息公开申请",
    "other_misc": "3、其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
GROUPS = {
    "denied": "（三）不\n予公开",
    "unavailable": "（四）无\n法提供",
    "rejected": "（五）不\n予处理",
    "other": "（六）其\n他处理",
}
# A consistent table we made up, with printed nulls in one row: row -> 7 cells as printed.
VALUES: dict[str, list[str | None]] = {
    "new_received": ["60", "4", "0", "0", "2", "1", "67"],
    "carried_over": ["5", "0", "0", "0", "0", "0", "5"],
    "granted": ["30", "2", "0", "0", "1", "1", "34"],
    "partially_granted": ["6", "0", "0", "0", "0", "0", "6"],
    "denied_third_party": ["1", "0", "0", "0", "0", "0", "1"],
    "unavailable_not_held": ["20", "1", "0", "0", "1", "0", "22"],
    "rejected_duplicate": ["2", "0", "0", "0", "0", "0", "2"],
    "rejected_excessive": ["/", "—", None, "", "/", "/", "/"],
    "other_misc": ["1", "0", "0", "0", "0", "0", "1"],
    "total_processed": ["60", "3", "0", "0", "2", "1", "66"],
    "carried_forward": ["5", "1", "0", "0", "0", "0", "6"],
}
ZEROS: list[str | None] = ["0"] * 7


def cells_of(name: str) -> list[str | None]:
    return VALUES.get(name, ZEROS)


def render(pieces: list[str | Rows], expand: bool = False) -> tuple[str, list[Grid]]:
    """Text with each grid rendered as tab-separated rows, and the grids with real offsets.

    ``expand`` fills a merge-covered ``None`` with the text to its left (or
    above), as a reader that expands merges does; otherwise it is empty.
    """
    text, grids = "", []
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
            continue
        start = len(text)
        rows: list[list[Cell]] = []
        for r, row in enumerate(piece):
            cells = []
            for c, value in enumerate(row):
                covered = value is None
                if covered and expand:
                    value = cells[c - 1].text if c and cells[c - 1].text else (rows[r - 1][c].text if r else "")
                cells.append(Cell(value or "", len(text), len(text) + len(value or ""), origin=not covered))
                text += (value or "") + ("\t" if c < len(row) - 1 else "\n")
            rows.append(cells)
        grids.append(Grid(rows=rows, page=None, start=start, end=len(text)))
    return text, grids


def doc_of(text: str, grids: list[Grid]) -> Document:
    blocks = [Block("text", 0, len(text))] + [Block("table", g.start, g.end, grid=g) for g in grids]
    return Document(path="mem.pdf", format="pdf", text=text, blocks=blocks)


def requests_rows() -> tuple[Rows, Rows]:
    """The requests table as pdfplumber gives it, split after the not-held row."""
    head: Rows = [
        ["（本列数据的勾稽关系为：…）", None, None, "申请人情况", None, None, None, None, None, None],
        [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
        [None, None, None, None, "商业企\n业", "科研机\n构", "社会公益\n组织", "法律服务\n机构", "其他", None],
    ]
    first, second = list(head), []
    part = first
    for name, _ in REQUEST_ROWS:
        group = name.split("_")[0]
        if name in ("new_received", "carried_over", "carried_forward"):
            row = [LABELS[name], None, None]
        elif name in ("granted", "partially_granted", "total_processed"):
            row = ["三、\n本\n年\n度\n办\n理\n结\n果" if name == "granted" else None, LABELS[name], None]
        else:
            first_of_group = name in ("denied_state_secret", "unavailable_not_held", "rejected_petition")
            row = [None, GROUPS[group] if first_of_group or name == "other_no_correction" else None, LABELS[name]]
        if name == "unavailable_needs_creation":
            part = second  # page break: the continuation starts with a blank first column
            row[0] = ""
        part.append(row + cells_of(name))
    return first, second


DISCLOSURE_PAGE_1: Rows = [
    ["第二十条第（一）项", None, None, None],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "2", "0", "9"],
    ["行政规范性文件", "7", "/", "40"],
    ["第二十条第（五）项", None, None, None],
    ["信息内容", "本年处理决定数量", None, None],
    ["行政许可", "1234", None, None],
    ["第二十条第（六）项", None, None, None],
]
DISCLOSURE_PAGE_2: Rows = [
    ["信息内容", "本年处理决定数量"],
    ["行政处罚", "56"],
    ["行政强制", "—"],
    ["第二十条第（八）项", None],
    ["信息内容", "本年收费金额（单位：万元）"],
    ["行政事业性收费", "12.3456"],
]
APPEALS: Rows = [
    ["行政复议", None, None, None, None, "行政诉讼"] + [None] * 9,
    ["结果\n维持", "结果\n纠正", "其他结\n果", "尚未\n审结", "总计", "未经复议直接起诉", None, None, None, None]
    + ["复议后起诉", None, None, None, None],
    [None] * 5 + ["结 果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"] * 2,
    ["3", "1", "0", "1", "5", "0", "0", "0", "2", "2", "1", "0", "0", "0", "1"],
]


def pdf_report(joined: bool, expand: bool) -> tuple[str, list[Grid]]:
    first, second = requests_rows()
    if joined:  # the reader joined the pages, repeating the header row on the continuation
        requests: list[str | Rows] = [first + [first[1]] + second]
    else:
        requests = [first, second]
    return render(
        [HEAD, "二、主动公开政府信息情况\n", DISCLOSURE_PAGE_1, DISCLOSURE_PAGE_2]
        + ["三、收到和处理政府信息公开申请情况\n", *requests]
        + ["四、政府信息公开行政复议、行政诉讼情况\n", APPEALS, TAIL],
        expand=expand,
    )


def expected(cell: str | None) -> int | float | None:
    return None if cell in (None, "", "/", "—") else int(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(("joined", "expand"), [(True, False), (False, False), (True, True), (False, True)])
def test_pdfplumber_shaped_grids_split_across_pages(joined: bool, expand: bool):
    text, grids = pdf_report(joined, expand)
    record = parse_document(doc_of(text, grids), STAGES)
    requests = record.tables["requests"]
    assert list(requests) == [r for r, _ in REQUEST_ROWS]
    for name, _ in REQUEST_ROWS:
        assert [requests[name][c] for c in REQUEST_COLUMNS] == [expected(v) for v in cells_of(name)], name
    d = record.tables["disclosure"]
    assert (d["rules_issued"], d["rules_repealed"], d["rules_in_force"]) == (2, 0, 9)
    assert (d["normative_issued"], d["normative_repealed"], d["normative_in_force"]) == (7, None, 40)
    assert (d["licensing_decisions"], d["penalty_decisions"], d["coercion_decisions"]) == (1234, 56, None)
    assert d["admin_fees_10k_yuan"] == 12.3456
    assert [record.tables["appeals"][k] for k in APPEAL_KEYS] == [3, 1, 0, 1, 5, 0, 0, 0, 2, 2, 1, 0, 0, 0, 1]
    # spans are real offsets of the printed cells
    span = record.table_spans["requests.unavailable_unclear.total"]
    assert text[span.start : span.end] == "0"
    span = record.table_spans["requests.total_processed.total"]
    assert text[span.start : span.end] == "66"
    span = record.table_spans["disclosure.admin_fees_10k_yuan"]
    assert text[span.start : span.end] == "12.3456"
    # the printed nulls of one row make exactly the checks that need them unknown
    status = {c.id: c.status for c in record.checks if c.id.startswith(("requests", "appeals"))}
    unknown = {k for k, v in status.items() if v == "unknown"}
    assert unknown == {f"requests.outcomes.{c}" for c in REQUEST_COLUMNS} | {"requests.columns.rejected_excessive"}
    assert {v for k, v in status.items() if k not in unknown} == {"pass"}


# --- the real PDF (numbers checked by hand against the file) ----------------------------------

HUAIAN_REQUESTS = {
    "new_received": [3001, 53, 0, 0, 61, 4, 3119],
    "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "granted": [1288, 21, 0, 0, 50, 3, 1362],
    "partially_granted": [447, 7, 0, 0, 0, 0, 454],
    "denied_state_secret": [2, 0, 0, 0, 0, 0, 2],
    "denied_prohibited_by_law": [30, 1, 0, 0, 0, 0, 31],
    "denied_security_stability": [5, 0, 0, 0, 0, 0, 5],
    "denied_third_party": [6, 0, 0, 0, 0, 0, 6],
    "denied_internal_affairs": [7, 1, 0, 0, 0, 0, 8],
    "denied_process_info": [12, 0, 0, 0, 0, 0, 12],
    "denied_enforcement_file": [9, 0, 0, 0, 0, 0, 9],
    "denied_admin_query": [105, 0, 0, 0, 0, 0, 105],
    "unavailable_not_held": [746, 12, 0, 0, 10, 1, 769],
    "unavailable_needs_creation": [11, 0, 0, 0, 0, 0, 11],
    "unavailable_unclear": [1, 0, 0, 0, 0, 0, 1],
    "rejected_petition": [56, 6, 0, 0, 0, 0, 62],
    "rejected_duplicate": [25, 0, 0, 0, 0, 0, 25],
    "rejected_publication": [0, 0, 0, 0, 0, 0, 0],
    "rejected_excessive": [0, 0, 0, 0, 0, 0, 0],
    "rejected_reissue": [1, 0, 0, 0, 0, 0, 1],
    "other_no_correction": [67, 3, 0, 0, 1, 0, 71],
    "other_unpaid_fee": [6, 0, 0, 0, 0, 0, 6],
    "other_misc": [108, 2, 0, 0, 0, 0, 110],
    "total_processed": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_forward": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_APPEALS = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
HUAIAN_DISCLOSURE = {
    "rules_issued": 1,
    "rules_repealed": 0,
    "rules_in_force": 11,
    "normative_issued": 8,
    "normative_repealed": 26,
    "normative_in_force": 66,
    "licensing_decisions": 447228,
    "penalty_decisions": 3985758,
    "coercion_decisions": 88283,
    "admin_fees_10k_yuan": 96171.6,
}


def assert_huaian(record) -> None:
    requests = record.tables["requests"]
    assert {r: [requests[r][c] for c in REQUEST_COLUMNS] for r in requests} == HUAIAN_REQUESTS
    assert [record.tables["appeals"][k] for k in APPEAL_KEYS] == HUAIAN_APPEALS
    assert record.tables["disclosure"] == HUAIAN_DISCLOSURE
    assert isinstance(record.tables["disclosure"]["admin_fees_10k_yuan"], float)
    failed = {c.id: c.message for c in record.checks if c.id.startswith(("requests", "appeals")) and c.status != "pass"}
    assert failed == {}


@pytest.fixture(scope="module")
def huaian_pages(huaian_pdf: Path):
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(huaian_pdf) as pdf:
        return [(page.extract_text(), page.extract_tables()) for page in pdf.pages]


def test_huaian_tables_from_pdfplumber_grids(huaian_pages):
    """pdfplumber's own tables of the real report (split across pages, merged labels, None cells)."""
    by_width: dict[int, list[str | Rows]] = {2: [], 4: [], 10: [], 15: []}
    for _, tables in huaian_pages:
        for table in tables:
            width = max(len(row) for row in table)
            if width in by_width:
                by_width[width].append(table)
    text, grids = render(
        [HEAD, "二、主动公开政府信息情况\n", *by_width[4], *by_width[2], "三、收到和处理政府信息公开申请情况\n"]
        + [*by_width[10], "四、政府信息公开行政复议、行政诉讼情况\n", *by_width[15], TAIL]
    )
    assert_huaian(parse_document(doc_of(text, grids), STAGES))


def test_huaian_tables_from_the_pdf_text_layer_alone(huaian_pages):
    """A PDF reader that finds no table: numbers separated by spaces, labels wrapped over lines."""
    text = "\n".join(page_text for page_text, _ in huaian_pages)
    record = parse_document(doc_of(text, []), STAGES)
    assert_huaian(record)
    assert not [w for w in record.warnings if w.startswith(("requests", "appeals", "disclosure"))]


def test_huaian_pdf_through_the_whole_pipeline(huaian_pdf: Path):
    pytest.importorskip("pipeline.readers.pdf", reason="the PDF reader has not landed yet")
    assert_huaian(parse(huaian_pdf))
