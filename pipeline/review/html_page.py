"""A standalone HTML page per report, in Chinese: summary, checks, figures, tables and the text.

Every number on the page links to its source span in the shown text: each
number of the summary (figures, table cells, check evidence), each table
cell and each figure.  Hovering a link highlights its span; clicking jumps
to it (plain CSS ``:target`` and a few lines of script, no external
resources).  Failed checks come first, then those that could not run.
"""

from __future__ import annotations

from html import escape

from ..record import Check, Record
from ..tables.form_labels import TABLE_TITLES_ZH, cell_label
from ..tables.forms import TABLE_NAMES
from .check_words import STATUS_ORDER, STATUS_ZH, describe, unknown_detail
from .html_tables import RENDERERS
from .names_zh import FORMAT_LABELS, METRIC_LABELS
from .summary import CATEGORY_NAMES, NUMBER, NumberSource, build_summary, failed_check_sentence, source_text

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1080px;margin:2em auto;line-height:1.6;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
.summary{background:#f5f7fa;padding:.8em 1em;white-space:pre-line}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#eee;text-align:center}td.k,th.k{text-align:left}td.s{white-space:nowrap}
.pass{background:#e3f4e1;color:#1d5e1a}.fail{background:#fbe0de;color:#8b1a12;font-weight:bold}
.unknown{background:#f2f2f2;color:#555}
.text{white-space:pre-wrap;font-size:.92em;background:#fcfcfc;border:1px solid #eee;padding:1em}
mark{background:#fff3b0}mark.cell{background:#dcefff}mark.ev{background:#f6d6ff}mark.st{background:none;border-bottom:2px solid #c9b6e4}
mark.on,mark:target{background:#ffb347;outline:2px solid #e67e00}
a.fig,a.num,a.cell,a.ev{text-decoration:none;border-bottom:1px dotted #888;color:inherit}
"""
_JS = """
document.querySelectorAll('a.fig,a.num,a.cell,a.ev').forEach(function(a){
  var m=document.getElementById(a.getAttribute('href').slice(1));
  if(!m||m.tagName!=='MARK')return;
  a.addEventListener('mouseenter',function(){m.classList.add('on')});
  a.addEventListener('mouseleave',function(){m.classList.remove('on')});
});
"""
_SHORT = 40  # evidence spans longer than this (a whole section) are not marked


class _Marks:
    """Spans of the text to mark, without overlaps: an anchor whose span overlaps a kept one points to it."""

    def __init__(self, record: Record) -> None:
        wanted: list[tuple[int, int, str, str, str]] = []  # start, end, anchor, class, title
        for f in record.figures:
            wanted.append((f.start, f.end, f"src-{f.id}", "fig", METRIC_LABELS.get(f.metric, f.metric)))
        for key, span in record.table_spans.items():
            wanted.append((span.start, span.end, f"src-t-{key}", "cell", cell_label(key)))
        for i, c in enumerate(record.checks):
            for j, e in enumerate(c.evidence):
                if e.start is not None and e.end is not None and 0 < e.end - e.start <= _SHORT:
                    wanted.append((e.start, e.end, f"src-c{i}-{j}", "ev", describe(c)))
        self.kept: list[tuple[int, int, str, str, str]] = []
        self.alias: dict[str, str] = {}
        self._place(sorted(wanted, key=lambda w: (w[0], -w[1])), alias_overlaps=True)
        statements = [(s.start, s.end, f"src-{s.id}", "st", s.kind) for s in record.statements if s.end > s.start]
        self._place(statements, alias_overlaps=False)  # only where no number is marked

    def _place(self, spans: list[tuple[int, int, str, str, str]], alias_overlaps: bool) -> None:
        for start, end, anchor, cls, title in spans:
            hit = next((k for k in self.kept if k[0] < end and start < k[1]), None)
            if hit is None:
                self.kept.append((start, end, anchor, cls, title))
                hit = self.kept[-1]
            elif not alias_overlaps:
                continue
            self.alias[anchor] = hit[2]

    def target(self, anchor: str) -> str | None:
        return self.alias.get(anchor)

    def marked_text(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        for start, end, anchor, cls, title in sorted(self.kept):
            out.append(escape(text[pos:start]))
            out.append(f'<mark class="{cls}" id="{anchor}" title="{escape(title)}">{escape(text[start:end])}</mark>')
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)


def _source_target(record: Record, marks: _Marks, source: NumberSource) -> str:
    """The anchor a summary number links to: its span in the text, else the part of the page that holds it."""
    ref = source.ref
    candidates: list[str] = []
    if ref.startswith("figures."):
        candidates.append(f"src-{ref[8:]}")
    elif ref.startswith(("requests.", "appeals.", "disclosure.")):
        candidates += [f"src-t-{k}" for k in ref.split("+")]
    elif ref.startswith("share("):
        candidates += [f"src-t-{k}" for k in source.inputs]
    elif ref.startswith("statements["):
        candidates += [f"src-{s.id}" for s in record.statements if _statement_matches(ref, s.kind, s.category)]
    elif ref.startswith("checks."):
        check_id = ref[7:].removesuffix(".sum")
        for i, c in enumerate(record.checks):
            if c.id == check_id:
                candidates += [f"src-c{i}-{j}" for j in range(len(c.evidence))]
    for anchor in candidates:
        target = marks.target(anchor)
        if target:
            return target
    return "checks" if ref.startswith("checks") else "text"


def _statement_matches(ref: str, kind: str, category: str | None) -> bool:
    """statements[kind=problem,category=队伍与能力].count names this statement's kind (and category)."""
    spec = dict(p.split("=") for p in ref[11:].split("]")[0].split(","))
    wanted = spec.get("category")
    return spec.get("kind") == kind and (wanted is None or CATEGORY_NAMES.get(category or "other") == wanted)


def _linked_summary(record: Record, marks: _Marks) -> str:
    summary, sources = build_summary(record)
    out: list[str] = []
    pos = 0
    for m, source in zip(NUMBER.finditer(summary), sources):
        out.append(escape(summary[pos : m.start()]))
        target = _source_target(record, marks, source)
        out.append(f"<a class='num' href='#{target}' title='{escape(source_text(source))}'>{m.group()}</a>")
        pos = m.end()
    out.append(escape(summary[pos:]))
    return "".join(out)


def _explanation(check: Check, record: Record) -> str:
    if check.status == "fail":
        return failed_check_sentence(check, record.meta.year)
    if check.status == "unknown":
        return unknown_detail(check, record)
    return check.message if any("\u4e00" <= ch <= "\u9fff" for ch in check.message) else "一致"


def _evidence(i: int, check: Check, marks: _Marks) -> str:
    """The check's numbers, each linked to its span in the text (or to the table cell it names)."""
    shown = []
    for j, e in enumerate(check.evidence):
        if not isinstance(e.value, (int, float)):
            continue
        label = (
            cell_label(e.ref.split("+")[0]) if e.ref.startswith(("requests.", "appeals.", "disclosure.")) else "正文"
        )
        target = marks.target(f"src-c{i}-{j}") or marks.target(f"src-t-{e.ref.split('+')[0]}")
        value = escape(str(e.value))
        link = f"<a class='ev' href='#{target}' title='{escape(label)}'>{value}</a>" if target else value
        shown.append(link)
    return "、".join(shown)


def _checks_table(record: Record, marks: _Marks) -> str:
    rows = ["<tr><th class='k'>核对内容</th><th>结果</th><th class='k'>说明</th><th class='k'>依据</th></tr>"]
    order = sorted(range(len(record.checks)), key=lambda i: STATUS_ORDER.get(record.checks[i].status, 3))
    for i in order:
        c = record.checks[i]
        rows.append(
            f"<tr class='{escape(c.status)}' title='{escape(c.id)}'><td class='k'>{escape(describe(c))}</td>"
            f"<td class='s'>{STATUS_ZH.get(c.status, c.status)}</td><td class='k'>{escape(_explanation(c, record))}</td>"
            f"<td class='k'>{_evidence(i, c, marks)}</td></tr>"
        )
    return "<table id='checks'>" + "".join(rows) + "</table>"


def _figures_table(record: Record, marks: _Marks) -> str:
    rows = ["<tr><th>数字</th><th>单位</th><th class='k'>指标</th><th class='k'>原文</th></tr>"]
    for f in record.figures:
        approx = "约" if f.approx else ""
        target = marks.target(f"src-{f.id}") or f"src-{f.id}"
        rows.append(
            f"<tr><td>{approx}{escape(str(f.value))}</td><td>{escape(f.unit or '')}</td>"
            f"<td class='k'>{escape(METRIC_LABELS.get(f.metric, f.metric))}</td>"
            f"<td class='k'><a class='fig' href='#{target}'>{escape(f.text)}</a></td></tr>"
        )
    return "<table id='figures'>" + "".join(rows) + "</table>"


def _tables(record: Record, marks: _Marks) -> list[str]:
    parts = []
    for name in TABLE_NAMES:
        table = record.tables.get(name)
        if isinstance(table, dict) and table:
            body = RENDERERS[name](table, lambda key: marks.target(f"src-t-{key}"))
            parts.append(f"<h2>{TABLE_TITLES_ZH[name]}</h2><table id='table-{name}'>{body}</table>")
        else:
            parts.append(f"<h2>{TABLE_TITLES_ZH[name]}</h2><p class='unknown'>统计表未找到。</p>")
    return parts


def render_html(record: Record) -> str:
    """The whole page as one string."""
    marks = _Marks(record)
    meta = record.meta
    title = escape(meta.title or record.source.path)
    fmt = FORMAT_LABELS.get(meta.format_version, meta.format_version)
    return "".join(
        [
            "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
            f"<title>{title}</title><style>{_CSS}</style></head><body>",
            f"<h1>{title}</h1>",
            f"<p>机关：<b class='agency'>{escape(meta.agency or '未识别')}</b>　年度：{meta.year or '未识别'}"
            f"　格式：{escape(fmt)}</p>",
            f"<h2>摘要</h2><div class='summary' id='summary'>{_linked_summary(record, marks)}</div>",
            "<h2>核对（未通过的在前）</h2>",
            _checks_table(record, marks),
            "<h2>正文数字</h2>",
            _figures_table(record, marks),
            *_tables(record, marks),
            f"<h2>原文</h2><div class='text' id='text'>{marks.marked_text(record.text)}</div>",
            f"<script>{_JS}</script></body></html>",
        ]
    )
