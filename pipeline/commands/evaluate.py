"""``xxgk evaluate``: leave-one-agency-out scores of the classifiers and of statements end to end,
or agreement between two coders (``--agreement A B``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ._extras import require_training


@click.command()
@click.option("--reselect", is_flag=True, help="Also re-run the candidate comparison.")
@click.option(
    "--agreement",
    nargs=2,
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Two coded files (Label Studio JSON, doccano JSONL or spaCy DocBin; an uncorrected export is the model).",
)
@click.option("--json", "as_json", is_flag=True, help="With --agreement: print JSON.")
def evaluate(reselect: bool, agreement: tuple[str, str] | None, as_json: bool) -> None:
    """Print per-label precision/recall/F1 and confusion matrices.

    \b
    Paragraph labels, statement kinds and categories, each report predicted
    by a model that never saw any report of that agency
    (leave-one-agency-out); statements scored end to end (found on
    their own, kind, category), also from Fujian to other provinces and
    on held-out written passages.

    With --agreement A B: percent agreement and Cohen's kappa of two coders
    (or a coder and the model) per variable and per label, the confusion
    matrices and every disagreeing item.

    \b
    Examples:
      xxgk evaluate
      xxgk evaluate --agreement coder_a.json coder_b.json
      xxgk evaluate --agreement coding/tasks.json corrected.json   # the model against a coder
    """
    if agreement:
        from ..annotate.agreement import compare_coders
        from .annotate import read_coded

        report = compare_coders(read_coded(Path(agreement[0])), read_coded(Path(agreement[1])))
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if as_json else _agreement_text(report))
        return
    require_training("xxgk evaluate")
    from ..training.build import evaluate as run

    click.echo(run(reselect=reselect, log=click.echo))


def _agreement_text(report: object) -> str:
    data = report.to_dict()  # type: ignore[attr-defined]
    lines = [f"items coded by both: {data['items']}", ""]
    for name in ("paragraph", "split", "kind", "category"):
        v = data[name]
        pct = "—" if v["percent"] is None else f"{v['percent']:.3f}"
        kappa = "—" if v["kappa"] is None else f"{v['kappa']:.3f}"
        lines.append(f"{name:<10} n={v['n']:<5} agreement {pct}  kappa {kappa}")
        for label, x in v["per_label"].items():
            k = "—" if x["kappa"] is None else f"{x['kappa']:.3f}"
            lines.append(f"    {label:<28} kappa {k}  A {x['a']}  B {x['b']}")
        labels = list(v["confusion"])
        if labels:
            lines.append("    confusion (rows A, columns B): " + " ".join(labels))
            lines += [f"    {a:<28} " + " ".join(str(v["confusion"][a][b]) for b in labels) for a in labels]
        lines.append("")
    lines.append(f"disagreements: {len(data['disagreements'])}")
    lines += [f"  {json.dumps(d, ensure_ascii=False)}" for d in data["disagreements"]]
    return "\n".join(lines)
