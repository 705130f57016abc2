"""The codebook: every variable of the record and of the run tables, the labels, and the models' scores.

What a methods section cites: ``xxgk codebook --format md|html``.  Meanings
are written here once; the variables and columns are read from the record's
dataclasses and the run tables' schemas, so a new field without a meaning
fails the tests instead of going undocumented.
"""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path
from typing import Any

from . import record as rec

NUMBER_RULE = "null: not printed, blank, '/', '—' or not read; 0: a printed zero"

VARIABLES: dict[str, str] = {
    "Record.source": "the file read (SourceFile)",
    "Record.meta": "what the report says about itself (Meta)",
    "Record.text": "the normalised text every offset points into",
    "Record.sections": "the six standard sections found (Section)",
    "Record.paragraphs": "narrative paragraphs with a label (Paragraph)",
    "Record.figures": "numbers stated in the narrative (Figure)",
    "Record.tables": "the statistics tables: disclosure, requests (row x column), appeals, by canonical key; "
    + NUMBER_RULE,
    "Record.table_spans": "where each table cell was read: 'requests.new_received.total' -> CellSpan",
    "Record.statements": "stated problems, rectifications and plans (Statement)",
    "Record.checks": "arithmetic and consistency checks (Check)",
    "Record.summary": "a short Chinese summary; every number in it is in the record",
    "Record.warnings": "what the pipeline found dubious (ambiguous digits, missing tables, pages needing OCR)",
    "Record.ocr": "lines and table cells read by OCR from scanned pages (OcrRead); absent for files with a text layer",
    "Record.schema_version": "version of this layout",
    "SourceFile.path": "the file as given",
    "SourceFile.sha256": "sha256 of the file's bytes: the report's identity in pointers and the store",
    "SourceFile.format": "pdf, docx, doc, html, md or txt, sniffed from the bytes",
    "SourceFile.pages": "pages of a PDF; null for formats without pages",
    "SourceFile.chars": "length of the normalised text",
    "SourceFile.encoding": "the text encoding found (text and HTML files)",
    "Meta.title": "the report's title line",
    "Meta.agency": "the agency as printed",
    "Meta.agency_key": "region + the agency's own name: one key per agency across years and name variants",
    "Meta.agency_kind": "government, office, department, township, street or other",
    "Meta.admin_level": "province, city, county or township",
    "Meta.region": "province, city and county of the agency (Region)",
    "Meta.year": "the reporting year",
    "Meta.format_version": "table form: 2021, 2019, legacy (no standard tables) or unknown",
    "Region.province": "province (省级) name",
    "Region.city": "prefecture (地级) name; the municipality itself for 直辖市",
    "Region.county": "county-level (县级) name",
    "Section.number": "1-6: 总体情况, 主动公开, 依申请公开, 复议诉讼, 问题及改进, 其他事项",
    "Section.title": "the heading as printed",
    "Section.start": "offset of the heading in the text",
    "Section.end": "offset where the section ends",
    "Paragraph.id": "p1, p2 … in text order",
    "Paragraph.section": "the section holding it (null: before section 一 or outside any)",
    "Paragraph.text": "the paragraph's text",
    "Paragraph.start": "start offset in the text",
    "Paragraph.end": "end offset in the text",
    "Paragraph.page": "PDF page (null for other formats)",
    "Paragraph.label": "the paragraph label (see Paragraph labels)",
    "Paragraph.scores": "the model's probability of every label",
    "Figure.id": "f1, f2 … in text order",
    "Figure.value": "the number, units applied (万 → ×10000)",
    "Figure.unit": "条, 件, 次, 万元 … as printed",
    "Figure.metric": "what the number counts (e.g. requests_received, published_total; other when unknown)",
    "Figure.approx": "true when printed as approximate (约, 余, 多)",
    "Figure.text": "the printed number with its unit",
    "Figure.start": "start offset in the text",
    "Figure.end": "end offset in the text",
    "Figure.paragraph_id": "the paragraph holding it",
    "Statement.id": "s1, s2 … in text order",
    "Statement.kind": "problem (a shortcoming), rectification (a measure done or under way) or plan (announced)",
    "Statement.text": "the statement without its lead-in or closing",
    "Statement.category": "the problem category (problems and plans; null for rectifications)",
    "Statement.paragraph_id": "the paragraph holding it",
    "Statement.start": "start offset in the text",
    "Statement.end": "end offset in the text",
    "Statement.cue": 'the lead-in or heading in force ("存在的主要问题")',
    "Statement.kind_score": "confidence of the kind, 0-1",
    "Statement.category_score": "confidence of the category, 0-1",
    "CellSpan.start": "start offset of the cell's text",
    "CellSpan.end": "end offset of the cell's text",
    "CellSpan.page": "PDF page of the cell",
    "OcrRead.kind": "line (narrative text) or cell (a table cell)",
    "OcrRead.text": "what OCR read (a cell left blank for low confidence: empty)",
    "OcrRead.page": "PDF page it was read on",
    "OcrRead.box": "x0, top, x1, bottom in points on the page, y downwards",
    "OcrRead.confidence": "the recogniser's confidence, 0-1 (a cell: its least sure line)",
    "OcrRead.start": "start offset of the reading in the text (-1: dropped, as a page number)",
    "OcrRead.end": "end offset of the reading in the text",
    "Evidence.ref": "a table key (requests.new_received.total), 'text', or ocr_confidence.<key> for an OCR'd cell",
    "Evidence.value": "the value used by the check (for ocr_confidence.<key>: the cell's OCR confidence)",
    "Evidence.start": "where it was read (offset)",
    "Evidence.end": "where it ends (offset)",
    "Check.id": "which check (requests.balance.total, year, text_vs_table.requests_received …)",
    "Check.status": "pass, fail or unknown (an input is missing: never pass)",
    "Check.message": "what was compared",
    "Check.evidence": "the numbers compared, each with its source (Evidence)",
}

COLUMNS: dict[str, str] = {
    "report_id": "the report (sha256 of the file): joins every table to reports",
    "seq": "position of the item in its report",
    "province": "Meta.region.province",
    "city": "Meta.region.city",
    "county": "Meta.region.county",
    "n_sections": "number of sections found",
    "n_paragraphs": "number of paragraphs",
    "n_figures": "number of figures",
    "n_statements": "number of statements",
    "n_ocr": "number of lines and table cells read by OCR (0: every page had a text layer)",
    "checks_failed": "checks with status fail",
    "checks_unknown": "checks that could not run",
    "checks_passed": "checks with status pass",
    "cells.table": "disclosure, requests or appeals",
    "cells.row": "canonical row key",
    "cells.col": "canonical column key (requests); null for one-column tables",
    "cells.value": "the cell's number; " + NUMBER_RULE,
    "cells.text": "the cell as printed",
    "errors.path": "the file that gave no record",
    "errors.reason": "empty, corrupt, encrypted, needs_ocr, encoding, unsupported_format, not_a_report, timeout …",
    "errors.detail": "what exactly went wrong",
    "errors.error": "the error as JSON",
}

PARAGRAPH_LABELS: dict[str, tuple[str, str]] = {
    "overview": ("the year's work in general (总体情况 lead)", "全年围绕中心工作推进政务公开，公开质量稳步提升。"),
    "proactive_disclosure": (
        "what was published on the agency's own initiative",
        "通过门户网站主动公开文件、预决算等信息八百余条。",
    ),
    "request_handling": (
        "applications for disclosure and how they were answered",
        "全年受理依申请公开二十件，均在法定期限内答复。",
    ),
    "information_management": (
        "managing information: review before release, catalogues, 公开属性",
        "落实发布前保密审查，更新政府信息公开目录。",
    ),
    "platform_building": ("websites, new media, columns and service points", "改版门户网站，新开设政策问答专栏。"),
    "oversight": ("supervision, training, assessment, leadership", "将政务公开纳入年度考核，组织业务培训两场。"),
    "problems": ("the shortcomings the agency states", "存在的不足是基层公开内容更新不够及时。"),
    "rectification": ("measures taken on earlier problems", "针对上年问题，已建立栏目巡查制度并每月通报。"),
    "plans": ("measures announced for next year", "下一步将健全解读机制，推动政策与解读同步发布。"),
    "other_matters": ("section 六: fees, 人大建议/政协提案, anything else", "本年度未收取信息处理费。"),
}

CATEGORIES: dict[str, tuple[str, str]] = {
    "staffing_capacity": ("staff, skills, training not enough", "工作人员业务能力有待提高。"),
    "awareness": ("too little attention or understanding", "个别单位对公开工作重视不够。"),
    "disclosure_scope": ("disclosure not full, timely or deep enough", "重点领域信息公开不够全面。"),
    "policy_interpretation": ("policy interpretation: form or quality", "政策解读形式较为单一。"),
    "request_handling": ("handling applications, replies not standard", "依申请答复文书不够规范。"),
    "platform_management": ("websites, new media, columns, platform functions", "部分栏目更新不及时。"),
    "public_engagement": ("responding to concerns, interaction, participation", "回应社会关切还不够及时。"),
    "standardization": ("standardisation: formats, catalogues, 公开属性认定, lists", "公开属性认定还不够准确。"),
    "meetings_and_participation": ("open meetings, the public in decisions", "重大决策公众参与渠道偏少。"),
    "work_mechanism": ("rules, mechanisms, leadership, supervision and assessment", "公开工作考核机制尚不健全。"),
    "content_review": (
        "errors in what was published: wording, typos, personal data unmasked",
        "个别公开文件存在错别字。",
    ),
    "other": ("none of the above", "其他方面仍有提升空间。"),
}


def _fields() -> list[tuple[str, str, str]]:
    """(Class.field, type, meaning) for every dataclass of the record."""
    out = []
    for cls in (rec.Record, rec.SourceFile, rec.Meta, rec.Region, rec.Section, rec.Paragraph, rec.Figure,
                rec.Statement, rec.CellSpan, rec.OcrRead, rec.Evidence, rec.Check):  # fmt: skip
        for f in dataclasses.fields(cls):
            name = f"{cls.__name__}.{f.name}"
            out.append((name, str(f.type), VARIABLES.get(name, "")))
    return out


def _column_meaning(table: str, column: str) -> str:
    if f"{table}.{column}" in COLUMNS:
        return COLUMNS[f"{table}.{column}"]
    if column in COLUMNS:
        return COLUMNS[column]
    owner = {"reports": ("SourceFile", "Meta", "Record"), "sections": ("Section",), "paragraphs": ("Paragraph",),
             "figures": ("Figure",), "statements": ("Statement",), "checks": ("Check",), "cells": ("CellSpan",),
             "ocr": ("OcrRead",)}  # fmt: skip
    for cls in owner.get(table, ()):
        if f"{cls}.{column}" in VARIABLES:
            return VARIABLES[f"{cls}.{column}"]
    return ""


def _columns() -> list[tuple[str, str, str, str]]:
    """(table, column, type, meaning) of every run table."""
    from .corpus.flatten import TABLES

    out = []
    for table, schema in TABLES.items():
        columns = [("report_id", "str")] + ([("seq", "int")] if schema.seq else []) + list(schema.columns)
        for column, kind in columns:
            out.append((table, column, kind, _column_meaning(table, column)))
    return out


def _scores(models: Path) -> dict[str, Any]:
    card = models / "card.json"
    if not card.exists():
        return {}
    data = json.loads(card.read_text(encoding="utf-8"))
    out: dict[str, Any] = {"evaluation": data.get("evaluation"), "trained": data.get("trained")}
    for name, model in data.get("models", {}).items():
        out[name] = {"macro_f1": model.get("loao_macro_f1"), "per_label": model.get("loao_per_label", {})}
    if "statements" in data:
        out["statements"] = data["statements"]
    return out


def _cells() -> list[tuple[str, str]]:
    """(cell key, printed label pattern) of every table cell of the standard forms."""
    from .tables.labels import APPEAL_KEYS, DISCLOSURE_2019, DISCLOSURE_2021, REQUEST_COLUMNS, REQUEST_ROWS

    out = [(f"requests.{row}.<column>", pattern) for row, pattern in REQUEST_ROWS]
    out.append(("requests.<row>.<column>", "columns: " + ", ".join(REQUEST_COLUMNS)))
    for form, rows in (("2021", DISCLOSURE_2021), ("2019", DISCLOSURE_2019)):
        out += [(f"disclosure.{key}", f"{form} form: {pattern}") for pattern, keys in rows for key in keys]
    out += [(f"appeals.{key}", "复议/诉讼 group x outcome") for key in APPEAL_KEYS]
    return out


def codebook() -> dict[str, Any]:
    """Everything the codebook shows, as plain data."""
    from .classify import MODELS

    return {
        "record": _fields(),
        "cells": _cells(),
        "tables": _columns(),
        "null_vs_zero": NUMBER_RULE,
        "paragraph_labels": PARAGRAPH_LABELS,
        "categories": CATEGORIES,
        "scores": _scores(MODELS),
    }


def _f1(scores: dict[str, Any], model: str, label: str) -> str:
    value = scores.get(model, {}).get("per_label", {}).get(label, {}).get("f1")
    return "" if value is None else f"{value:.3f}"


def to_markdown(book: dict[str, Any]) -> str:
    s = book["scores"]
    out = ["# xxgk codebook", "", f"Numbers: {book['null_vs_zero']}.", "", "## Record variables", "",
           "| variable | type | meaning |", "|---|---|---|"]  # fmt: skip
    out += [f"| `{n}` | `{t}` | {m} |" for n, t, m in book["record"]]
    out += ["", "## Table cells (`tables`, `table_spans`, run table `cells`)", "", f"Every cell: {NUMBER_RULE}.", "",
            "| key | printed label (pattern) |", "|---|---|"]  # fmt: skip
    out += [f"| `{k}` | {p.replace('|', '/')} |" for k, p in book["cells"]]
    out += ["", "## Run tables (Parquet, `xxgk query`)", "", "| table | column | type | meaning |", "|---|---|---|---|"]
    out += [f"| {t} | `{c}` | {k} | {m} |" for t, c, k, m in book["tables"]]
    out += ["", "## Paragraph labels", "", "| label | meaning | example (ours) | F1 |", "|---|---|---|---|"]
    out += [f"| {k} | {d} | {e} | {_f1(s, 'paragraphs', k)} |" for k, (d, e) in book["paragraph_labels"].items()]
    out += ["", "## Problem categories", "", "| category | meaning | example (ours) | F1 |", "|---|---|---|---|"]
    out += [f"| {k} | {d} | {e} | {_f1(s, 'categories', k)} |" for k, (d, e) in book["categories"].items()]
    out += ["", "## Measured scores", "", f"Evaluation: {s.get('evaluation')}; trained {s.get('trained')}.", ""]
    for model in ("paragraphs", "kinds", "categories"):
        if model in s:
            out.append(f"- {model}: macro-F1 {s[model]['macro_f1']}")
    if "statements" in s:
        out.append(f"- statements end to end: {json.dumps(s['statements'], ensure_ascii=False)}")
    return "\n".join(out) + "\n"


def to_html(book: dict[str, Any]) -> str:
    def table(head: list[str], rows: list[tuple[Any, ...]]) -> str:
        th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><tr>{th}</tr>{body}</table>"

    s = book["scores"]
    labels = [(k, d, e, _f1(s, "paragraphs", k)) for k, (d, e) in book["paragraph_labels"].items()]
    cats = [(k, d, e, _f1(s, "categories", k)) for k, (d, e) in book["categories"].items()]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>xxgk codebook</title><style>'
        "body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}</style></head><body>"
        f"<h1>xxgk codebook</h1><p>Numbers: {html.escape(book['null_vs_zero'])}.</p>"
        f"<h2>Record variables</h2>{table(['variable', 'type', 'meaning'], book['record'])}"
        f"<h2>Table cells</h2>{table(['key', 'printed label (pattern)'], book['cells'])}"
        f"<h2>Run tables</h2>{table(['table', 'column', 'type', 'meaning'], book['tables'])}"
        f"<h2>Paragraph labels</h2>{table(['label', 'meaning', 'example (ours)', 'F1'], labels)}"
        f"<h2>Problem categories</h2>{table(['category', 'meaning', 'example (ours)', 'F1'], cats)}"
        f"<h2>Measured scores</h2><pre>{html.escape(json.dumps(s, ensure_ascii=False, indent=1))}</pre>"
        "</body></html>\n"
    )
