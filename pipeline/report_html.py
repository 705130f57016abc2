"""A standalone HTML page per report: summary, figures, checks, tables and the text.

Every figure in the figure list links to its span in the shown text; hovering
or clicking one highlights the span (plain CSS ``:target`` and a few lines of
script, no external resources).
"""

from __future__ import annotations

from html import escape
from typing import Any

from .record import Record
from .summary import build_summary
from .tables.forms import TABLE_NAMES

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:980px;margin:2em auto;line-height:1.6;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
.summary{background:#f5f7fa;padding:.8em 1em;white-space:pre-line}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#eee}td.k{text-align:left}
.pass{background:#e3f4e1;color:#1d5e1a}.fail{background:#fbe0de;color:#8b1a12;font-weight:bold}
.unknown{background:#f2f2f2;color:#555}
.text{white-space:pre-wrap;font-size:.92em;background:#fcfcfc;border:1px solid #eee;padding:1em}
mark.fig{background:#fff3b0}mark.fig.on,mark.fig:target{background:#ffb347;outline:2px solid #e67e00}
a.fig{text-decoration:none;border-bottom:1px dotted #888}
"""
_JS = """
document.querySelectorAll('a.fig').forEach(function(a){
  var m=document.getElementById(a.getAttribute('href').slice(1));
  if(!m)return;
  a.addEventListener('mouseenter',function(){m.classList.add('on')});
  a.addEventListener('mouseleave',function(){m.classList.remove('on')});
});
"""


def _marked_text(record: Record) -> str:
    """The normalised text with each figure's span wrapped in <mark id="src-fN">."""
    out: list[str] = []
    pos = 0
    for f in sorted(record.figures, key=lambda f: f.start):
        if f.start < pos:
            continue
        out.append(escape(record.text[pos : f.start]))
        out.append(
            f'<mark class="fig" id="src-{f.id}" title="{escape(f.metric)}">{escape(record.text[f.start : f.end])}</mark>'
        )
        pos = f.end
    out.append(escape(record.text[pos:]))
    return "".join(out)


def _table_rows(name: str, table: Any) -> list[str]:
    rows: list[str] = []
    if not isinstance(table, dict):
        return rows
    for key, value in table.items():
        if isinstance(value, dict):
            cells = "".join(f"<td>{'—' if v is None else escape(str(v))}</td>" for v in value.values())
            rows.append(f'<tr><td class="k">{escape(key)}</td>{cells}</tr>')
        else:
            rows.append(
                f'<tr><td class="k">{escape(key)}</td><td>{"—" if value is None else escape(str(value))}</td></tr>'
            )
    return rows


def render_html(record: Record) -> str:
    """The whole page as one string."""
    summary, _ = build_summary(record)
    title = escape(record.meta.title or record.source.path)
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>机关：<b class='agency'>{escape(record.meta.agency or '未识别')}</b>　年度：{record.meta.year or '未识别'}"
        f"　格式：{escape(record.meta.format_version)}</p>",
        "<h2>摘要</h2>",
        f"<div class='summary' id='summary'>{escape(summary)}</div>",
        "<h2>核对</h2><table id='checks'><tr><th>核对</th><th>结果</th><th>说明</th></tr>",
    ]
    for c in record.checks:
        parts.append(
            f"<tr class='{escape(c.status)}'><td class='k'>{escape(c.id)}</td><td>{escape(c.status)}</td>"
            f"<td class='k'>{escape(c.message)}</td></tr>"
        )
    parts.append(
        "</table><h2>正文数字</h2><table id='figures'><tr><th>数字</th><th>单位</th><th>指标</th><th>原文</th></tr>"
    )
    for f in record.figures:
        approx = "约" if f.approx else ""
        parts.append(
            f"<tr><td>{approx}{escape(str(f.value))}</td><td>{escape(f.unit or '')}</td><td class='k'>{escape(f.metric)}</td>"
            f"<td class='k'><a class='fig' href='#src-{f.id}'>{escape(f.text)}</a></td></tr>"
        )
    parts.append("</table>")
    for name in TABLE_NAMES:
        rows = _table_rows(name, record.tables.get(name))
        if rows:
            parts.append(f"<h2>表格 {name}</h2><table id='table-{name}'>" + "".join(rows) + "</table>")
    parts.append(f"<h2>原文</h2><div class='text' id='text'>{_marked_text(record)}</div>")
    parts.append(f"<script>{_JS}</script></body></html>")
    return "".join(parts)
