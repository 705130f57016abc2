"""Imported once per worker (and by the forkserver, so forked workers share it):
the pipeline, every stage module, and whatever the stages load lazily (models,
dictionaries), warmed up on a tiny invented report so that no file pays for it
against its time limit."""

from __future__ import annotations

import contextlib

from ..parse import parse_document

WARMUP_TEXT = (
    "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息10条。\n"
    "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\t2\n"
    "五、存在的主要问题及改进情况\n一是培训不足；二是栏目更新不及时。下一步将加强培训。\n"
)


def warm_up() -> None:
    from ..readers.text import read_bytes

    parse_document(read_bytes(WARMUP_TEXT.encode("utf-8"), "warmup.txt", "txt"))


with contextlib.suppress(Exception):  # a broken stage shows up per file, not here
    warm_up()
