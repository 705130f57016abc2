"""Cross-validation reports: per-label precision/recall/F1 and confusion matrices."""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from .fit import macro_f1


def per_label(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, float]]:
    labels = sorted(set(gold) | set(pred))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        lab: {
            "precision": round(float(a), 3),
            "recall": round(float(b), 3),
            "f1": round(float(c), 3),
            "support": int(d),
        }
        for lab, a, b, c, d in zip(labels, p, r, f, n)
    }


def report(title: str, gold: Sequence[str], pred: Sequence[str]) -> str:
    """A plain-text block: per-label table, macro-F1 over gold labels, confusion matrix."""
    if not gold:
        return f"== {title}: no real examples to evaluate\n"
    rows = per_label(gold, pred)
    lines = [f"== {title}  (n={len(gold)}, macro-F1={macro_f1(gold, pred):.3f})"]
    lines.append(f"{'label':28s} {'prec':>6s} {'rec':>6s} {'f1':>6s} {'n':>5s}")
    for lab, m in rows.items():
        lines.append(f"{lab:28s} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
    labels = list(rows)
    cm = confusion_matrix(gold, pred, labels=labels)
    short = [lab[:6] for lab in labels]
    lines.append("confusion (rows gold, columns predicted): " + " ".join(f"{i}={lab}" for i, lab in enumerate(labels)))
    lines.append("      " + " ".join(f"{i:>4d}" for i in range(len(labels))))
    for i, row in enumerate(cm):
        lines.append(f"{i:>3d} {short[i]:>2.2s} " + " ".join(f"{v:>4d}" for v in row))
    return "\n".join(lines) + "\n"
