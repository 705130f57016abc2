"""A comparison as Markdown or as a standalone HTML page, in Chinese, each number next to its source."""

from __future__ import annotations

import html

from ..record import Check
from ..review.check_words import STATUS_ZH
from . import Comparison
from .similar import Match

SECTION_NAMES = {1: "一、总体情况", 2: "二、主动公开", 3: "三、依申请公开", 4: "四、复议诉讼", 5: "五、问题及改进",
                 6: "六、其他事项", None: "（节外）"}  # fmt: skip
MATCH = {"exact": "原文重复", "near": "近似重复", "followed": "已跟进", "not_followed": "未见跟进"}
SNIPPET = 60


def _snippet(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= SNIPPET else piece[: SNIPPET - 1] + "…"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _title(c: Comparison) -> str:
    agency = c.new.meta.agency or c.old.meta.agency or "（未识别单位）"
    return f"{agency} {c.old.meta.year or '?'}→{c.new.meta.year or '?'} 年度报告对比"


def _check_line(check: Check) -> str:
    values = "；".join(f"{e.ref}={e.value}" for e in check.evidence)
    return f"| {check.id} | {STATUS_ZH[check.status]} | {_md_cell(check.message)} | {_md_cell(values)} |"


def _match_line(m: Match) -> str:
    old = _md_cell(m.old.text) if m.old else ""
    new = _md_cell(m.new.text) if m.new else ""
    return f"| {MATCH[m.how]} | {m.score:.2f} | {old} | {new} |"


def to_markdown(c: Comparison) -> str:
    """The comparison for reading: carry-over, reuse per section with its stretches, repeats, follow-up."""
    pair = c.pair()
    out = [f"# {_title(c)}", "", f"- 上年：{c.old.source.path}", f"- 本年：{c.new.source.path}"]
    out += [f"- 注意：{w}" for w in pair["warnings"]]  # type: ignore[union-attr]
    out += ["", "## 数字衔接", "", "| 核对 | 结果 | 说明 | 数据 |", "|---|---|---|---|"]
    out += [_check_line(ch) for ch in c.carry_over]
    out += ["", "## 各部分文字沿用上年（法定表述、标题和表格不计）", "", "| 部分 | 字数 | 沿用字数 | 沿用比例 |",
            "|---|---|---|---|"]  # fmt: skip
    for r in c.reuse:
        share = f"{r.share:.0%}" if r.share is not None else "—"
        out.append(f"| {SECTION_NAMES.get(r.section, r.section)} | {r.chars} | {r.reused} | {share} |")
    longest = sorted((s for r in c.reuse for s in r.spans), key=lambda s: s[0] - s[1])[:10]
    if longest:
        out += ["", "沿用最长的片段（本年位置 / 上年位置）：", ""]
        for a, b, x, y in longest:
            out.append(f"- 本年[{a}:{b}] / 上年[{x}:{y}]：{_snippet(c.new.text, a, b)}")
    out += ["", "## 与上年重复的表述", ""]
    if c.repeated_statements:
        out += ["| 类型 | 相似度 | 上年 | 本年 |", "|---|---|---|---|"]
        out += [_match_line(m) for m in c.repeated_statements]
    else:
        out.append("未发现。")
    out += ["", "## 上年计划的跟进", ""]
    if c.plans_followed:
        out += ["| 结果 | 得分 | 上年计划 | 本年整改 |", "|---|---|---|---|"]
        out += [_match_line(m) for m in c.plans_followed]
    else:
        out.append("上年报告未列出计划。")
    return "\n".join(out) + "\n"


def _h(text: object) -> str:
    return html.escape(str(text))


def _reuse_html(c: Comparison) -> str:
    rows = []
    for r in c.reuse:
        stretches = "".join(
            f"<li><span class=pos>本年[{a}:{b}] / 上年[{x}:{y}]</span> <mark>{_h(_snippet(c.new.text, a, b))}</mark></li>"
            for a, b, x, y in r.spans
        )
        share = f"{r.share:.0%}" if r.share is not None else "—"
        rows.append(
            f"<tr><td>{_h(SECTION_NAMES.get(r.section, r.section))}</td><td>{r.chars}</td><td>{r.reused}</td>"
            f"<td>{share}</td><td><details><summary>{len(r.spans)} 处</summary><ul>{stretches}</ul></details></td></tr>"
        )
    return "".join(rows)


def _matches_html(matches: list[Match], empty: str) -> str:
    if not matches:
        return f"<p>{_h(empty)}</p>"
    rows = "".join(
        f"<tr><td>{_h(MATCH[m.how])}</td><td>{m.score:.2f}</td><td>{_h(m.old.text if m.old else '')}</td>"
        f"<td>{_h(m.new.text if m.new else '')}</td></tr>"
        for m in matches
    )
    return f"<table><tr><th>类型</th><th>得分</th><th>上年</th><th>本年</th></tr>{rows}</table>"


def to_html(c: Comparison) -> str:
    """A standalone page (no scripts, no external files)."""
    checks = "".join(
        f"<tr class={ch.status}><td>{_h(ch.id)}</td><td>{STATUS_ZH[ch.status]}</td><td>{_h(ch.message)}</td>"
        f"<td>{_h('；'.join(f'{e.ref}={e.value}' for e in ch.evidence))}</td></tr>"
        for ch in c.carry_over
    )
    warnings = "".join(f"<p class=warn>注意：{_h(w)}</p>" for w in c.pair()["warnings"])  # type: ignore[union-attr]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{_h(_title(c))}</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #999;padding:3px;vertical-align:top}tr.fail{background:#fdd}"
        "tr.unknown{background:#eee}.pos{color:#666;font-size:smaller}.warn{color:#a00}"
        "</style></head><body>"
        f"<h1>{_h(_title(c))}</h1><p>上年：{_h(c.old.source.path)}<br>本年：{_h(c.new.source.path)}</p>{warnings}"
        "<h2>数字衔接</h2><table><tr><th>核对</th><th>结果</th><th>说明</th><th>数据</th></tr>"
        f"{checks}</table>"
        "<h2>各部分文字沿用上年</h2><p>法定表述、标题和表格不计；每处沿用给出本年和上年报告中的字符位置。</p>"
        "<table><tr><th>部分</th><th>字数</th><th>沿用字数</th><th>比例</th><th>沿用片段</th></tr>"
        f"{_reuse_html(c)}</table>"
        f"<h2>与上年重复的表述</h2>{_matches_html(c.repeated_statements, '未发现。')}"
        f"<h2>上年计划的跟进</h2>{_matches_html(c.plans_followed, '上年报告未列出计划。')}"
        "</body></html>\n"
    )
