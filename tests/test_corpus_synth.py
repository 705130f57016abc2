"""Synthetic corpora for corpus-run tests: made-up reports (no real report text), plus bad files.

Other corpus tests import :func:`make_corpus` from here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

AGENCIES = ["东山县人民政府", "西岭市人民政府办公室", "南川区教育局", "北湖镇人民政府", "青石街道办事处"]
ROWS = ["本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "结转下年度继续办理"]


def make_report(i: int) -> str:
    """A short 2021-format report with invented agency, numbers and wording."""
    agency = AGENCIES[i % len(AGENCIES)]
    year = 2021 + i % 4
    received, carried = 10 + i, i % 3
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",
        "一、总体情况",
        f"本年度本机关共主动公开政府信息{100 + 7 * i}条，编号第{i}号样本。",
        "二、主动公开政府信息情况",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        f"规章\t{i % 2}\t0\t{i % 5}",
        "三、收到和处理政府信息公开申请情况",
    ]
    lines += [f"{row}\t{v}" for row, v in zip(ROWS, [received, carried, received - 1, carried + 1])]
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        f"行政复议结果维持\t{i % 2}",
        "五、存在的主要问题及改进情况",
        "一是工作人员业务能力有待提高；二是栏目更新不够及时。下一步将加强培训。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"


def make_corpus(folder: Path, n: int = 60, bad: bool = True) -> list[Path]:
    """``n`` distinct report files (.txt, every fifth as .html) plus, if ``bad``, an empty and a junk file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = make_report(i)
        if i % 5 == 4:
            body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
            path = folder / f"r{i:03d}.html"
            path.write_text(f"<!doctype html><html><body>\n{body}</body></html>\n", encoding="utf-8")
        else:
            path = folder / f"r{i:03d}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    if bad:
        (folder / "empty.txt").write_bytes(b"")
        (folder / "junk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
        paths += [folder / "empty.txt", folder / "junk.pdf"]
    return paths


def test_synthetic_reports_are_distinct_files(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path, n=12)
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    assert len(digests) == len(paths) == 14
    assert "年政府信息公开工作年度报告" in paths[0].read_text(encoding="utf-8")
