"""Figure extraction against the hand-checked gold in training_data/figures_gold.jsonl.

Gold lines point into ../shared by sha256 and offsets (no text is copied).
``figures_gold.jsonl`` holds the seeds and 平潭综合实验区's own reports (rules
were tuned on them); ``figures_gold_heldout.jsonl`` holds every figure of the
department reports of eight agencies of ``corpus/pingtan-depts`` (lyy, nyn,
scj, shs, spp, xian_mzj, zhz, zrz) whose text was not read while the metric
rules were first written (labelled afterwards, blind to the predicted
metric; its errors were then used to improve the rules, so it now counts as
tuned); ``figures_gold_fresh.jsonl`` holds the figures of the 淮安市 2024 PDF,
labelled last and never used for tuning; ``figures_gold_blind2.jsonl`` holds
every figure of 18 reports of six more agencies of ``corpus/pingtan-depts``
(czj, gaj, gwh, htp, hzs, jjf), labelled on 2026-11-29 from the text and the
candidate spans of ``benchmarks.label_figures`` before any prediction for
them was looked at (its first score is the unseen-agency figure; it was
used for tuning afterwards); ``figures_gold_blind3.jsonl`` holds the
figures of the 10 reports of the last four agencies (gyz, jjp, jsp, jtj),
labelled the same way after the rules had been tuned on everything else,
so its first score measures the tuned rules on unseen agencies.
A predicted figure matches a gold one when the spans overlap and the values
are equal; metric accuracy is measured over matched figures.

``figures_gold_genre.jsonl`` holds the figures of all 51 whole reports we wrote in other
provinces' styles (``tests/data/genre_reports``), labelled blind; its ``_headlines`` file says,
per report, which figure each key metric's summary headline should be (``--headlines``).

    python -m benchmarks.eval_figures [--shared ../shared] [--gold heldout|fresh|blind2|blind3|genre] [--headlines]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from pipeline.parse import parse
from pipeline.review.headlines import Headline, headline
from pipeline.review.summary import KEY_METRICS

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "training_data" / "figures_gold.jsonl"
GOLD_SETS = {
    "tuned": GOLD,
    "heldout": ROOT / "training_data" / "figures_gold_heldout.jsonl",
    "fresh": ROOT / "training_data" / "figures_gold_fresh.jsonl",
    "blind2": ROOT / "training_data" / "figures_gold_blind2.jsonl",
    "blind3": ROOT / "training_data" / "figures_gold_blind3.jsonl",
    "genre": ROOT / "training_data" / "figures_gold_genre.jsonl",
}
# per report, the headline each key metric should have (absent: none); scored with --headlines
HEADLINE_GOLD = {"genre": ROOT / "training_data" / "figures_gold_genre_headlines.jsonl"}
STAGES = ["sections", "meta", "paragraphs", "figures"]


def load_gold(path: Path = GOLD) -> dict[str, list[dict]]:
    by_sha: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_sha[row["sha256"]].append(row)
    return by_sha


def _find(shared: Path, row: dict) -> Path | None:
    path = ROOT / row["file"] if row["file"].startswith("tests/") else shared / row["file"]
    if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]:
        return path
    for candidate in shared.rglob("*.txt"):
        if hashlib.sha256(candidate.read_bytes()).hexdigest() == row["sha256"]:
            return candidate
    return None


def evaluate(shared: Path, gold_path: Path = GOLD) -> dict:
    """Precision, recall and metric accuracy per file and overall."""
    gold = load_gold(gold_path)
    totals = {"tp": 0, "fp": 0, "fn": 0, "metric_ok": 0}
    files: dict[str, dict] = {}
    errors: list[str] = []
    for rows in gold.values():
        path = _find(shared, rows[0])
        if path is None:
            errors.append(f"missing file for {rows[0]['file']}")
            continue
        predicted = parse(path, STAGES).figures
        used: set[int] = set()
        stats = {"tp": 0, "fp": 0, "fn": 0, "metric_ok": 0}
        for g in rows:
            hit = next(
                (
                    i
                    for i, f in enumerate(predicted)
                    if i not in used and f.start < g["end"] and g["start"] < f.end and f.value == g["value"]
                ),
                None,
            )
            if hit is None:
                stats["fn"] += 1
                errors.append(f"{rows[0]['file']}: missed {g['value']}{g['unit'] or ''} at {g['start']}")
                continue
            used.add(hit)
            stats["tp"] += 1
            if predicted[hit].metric == g["metric"]:
                stats["metric_ok"] += 1
            else:
                errors.append(
                    f"{rows[0]['file']}: {g['value']}{g['unit'] or ''} at {g['start']} metric "
                    f"{predicted[hit].metric} (gold {g['metric']})"
                )
        for i, f in enumerate(predicted):
            if i not in used:
                stats["fp"] += 1
                errors.append(f"{rows[0]['file']}: spurious {f.text!r} at {f.start}")
        files[rows[0]["file"]] = stats
        for k in totals:
            totals[k] += stats[k]
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    return {
        "files": files,
        "gold": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "metric_accuracy": totals["metric_ok"] / tp if tp else 0.0,
        "metric_right_of_gold": totals["metric_ok"] / (tp + fn) if tp + fn else 0.0,
        "errors": errors,
    }


def _headline_verdict(h: Headline | None, gold: dict | None) -> str:
    """right, wrong (another number, or one where none should be), missed, or none (both empty)."""
    if h is None:
        return "none" if gold is None else "missed"
    if gold is None:
        return "wrong"
    same_span = h.start is not None and h.start < gold["end"] and gold["start"] < h.end
    return "right" if same_span and h.value == gold["value"] else "wrong"


def evaluate_headlines(shared: Path, gold_path: Path) -> dict:
    """Each key metric's summary headline against the gold one; table-sourced headlines are not scored."""
    counts = {"right": 0, "wrong": 0, "missed": 0, "none": 0, "due": 0}
    errors: list[str] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        path = _find(shared, row)
        if path is None:
            errors.append(f"missing file for {row['file']}")
            continue
        record = parse(path)
        for metric in KEY_METRICS:
            h = headline(record, metric)
            if h is not None and h.from_table:
                continue
            gold = row["headlines"].get(metric)
            verdict = _headline_verdict(h, gold)
            counts[verdict] += 1
            counts["due"] += gold is not None
            if verdict in ("wrong", "missed"):
                said = "none" if h is None else f"{h.value} at {h.start}"
                want = "none" if gold is None else f"{gold['value']} at {gold['start']}"
                errors.append(f"{row['file']}: {metric} {verdict}: said {said}, gold {want}")
    stated, due = counts["right"] + counts["wrong"], counts["due"]
    return {
        **counts,
        "precision": counts["right"] / stated if stated else 0.0,
        "recall": counts["right"] / due if due else 0.0,
        "errors": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", choices=sorted(GOLD_SETS), default="tuned", help="which gold set to score")
    ap.add_argument("--headlines", action="store_true", help="score the summary headlines (gold sets that have them)")
    args = ap.parse_args()
    if args.headlines:
        scored = evaluate_headlines(args.shared, HEADLINE_GOLD[args.gold])
        print(
            f"gold headlines {scored['due']}: stated right {scored['right']}  wrong {scored['wrong']}  "
            f"missed {scored['missed']}: "
            f"precision {scored['precision']:.3f}  recall {scored['recall']:.3f}"
        )
        for e in scored["errors"]:
            print("  ", e)
        return
    result = evaluate(args.shared, GOLD_SETS[args.gold])
    for name, s in sorted(result["files"].items()):
        print(f"{name[:60]:60} tp={s['tp']:3} fp={s['fp']:2} fn={s['fn']:2} metric_ok={s['metric_ok']}")
    print(
        f"gold figures {result['gold']}: precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"metric accuracy {result['metric_accuracy']:.3f}  metric right of all gold {result['metric_right_of_gold']:.3f}"
    )
    for e in result["errors"]:
        print("  ", e)


if __name__ == "__main__":
    main()
