"""Score statements end to end: splitting, kind and category, leave-one-agency-out.

A gold statement counts as *found* when one predicted statement overlaps it
with an intersection-over-union of at least :data:`IOU` (each prediction
matches at most one gold statement, best overlap first), so a statement
merged with its neighbour or cut in half is not found.  *Right* means found
with the gold kind and, for problems and plans, the gold category.

Folds are agencies, not documents: all years of one agency are one fold
(``agency_of``), so a model is never scored on a near-copy of a report it
was trained on.  A second split, ``new_province``, trains on the Fujian
reports only and tests on the reports from other provinces (the seeds from
Henan and Hunan, the Jiangsu PDF).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .data import WRITTEN, Example, shared_dir

IOU = 0.6


def agency_of(doc: str) -> str:
    """The agency a report belongs to: every year of one agency is one group."""
    name = Path(doc).name
    if doc.startswith("corpus/pingtan-depts/"):
        return "depts:" + re.sub(r"_\d{4}\.txt$", "", name)
    if doc.startswith("corpus/pingtan/"):
        return "pingtan:tax" if "税务" in name else "pingtan:gov"
    return doc  # seeds, the PDF: one agency each


def is_fujian(group: str) -> bool:
    return group.startswith(("depts:", "pingtan:"))


def labelled_docs(shared: Path | None = None) -> list[str]:
    """Every real report whose section 五 was read for gold statements (reports without any count too)."""
    shared = shared or shared_dir()
    out: list[str] = []
    for pattern in ("seeds/*.txt", "corpus/pingtan/*.txt", "corpus/pingtan-depts/*.txt", "corpus/pdf/*.pdf"):
        out += [str(p.relative_to(shared)) for p in sorted(shared.glob(pattern))]
    return out


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    kind: str
    category: str | None


@dataclass
class Parsed:
    """A report read and split once; only the models change between folds."""

    doc: object
    paragraphs: list
    units: list


@cache
def parsed(path: str) -> Parsed:
    from ..parse import parse_document
    from ..readers import read
    from ..statements import extract

    doc = read(path)
    record = parse_document(doc, ["sections", "meta", "paragraphs"])
    return Parsed(doc, record.paragraphs, extract(doc, record.sections, record.paragraphs))


def match(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Gold index -> predicted index, one to one, by best IoU >= :data:`IOU`."""
    pairs = []
    for i, (ga, gb) in enumerate(gold):
        for j, (pa, pb) in enumerate(pred):
            inter = min(gb, pb) - max(ga, pa)
            if inter > 0:
                iou = inter / (max(gb, pb) - min(ga, pa))
                if iou >= IOU:
                    pairs.append((iou, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    found: int = 0
    kind_right: int = 0
    right: int = 0  # found, right kind, right category
    cat_seen: int = 0
    cat_right: int = 0

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def figures(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return round(a / b, 3) if b else float("nan")

        return {
            "gold": self.gold,
            "predicted": self.pred,
            "split_recall": r(self.found, self.gold),
            "split_precision": r(self.found, self.pred),
            "kind_accuracy_of_found": r(self.kind_right, self.found),
            "category_accuracy_of_found": r(self.cat_right, self.cat_seen),
            "right": r(self.right, self.gold),
        }


def score_doc(gold: list[Gold], statements: list) -> tuple[Tally, list[tuple[str, str]], list[tuple[str, str]]]:
    """Tally one report; also (gold, predicted) kind pairs and category pairs of found statements."""
    m = match([(g.start, g.end) for g in gold], [(s.start, s.end) for s in statements])
    t = Tally(gold=len(gold), pred=len(statements), found=len(m))
    kinds: list[tuple[str, str]] = []
    cats: list[tuple[str, str]] = []
    for i, j in m.items():
        g, s = gold[i], statements[j]
        kinds.append((g.kind, s.kind))
        kind_ok = g.kind == s.kind
        t.kind_right += kind_ok
        cat_ok = g.category == s.category if g.kind != "rectification" else s.category is None
        if g.kind != "rectification" and g.category:
            t.cat_seen += 1
            t.cat_right += g.category == s.category
            cats.append((g.category, s.category or "-"))
        t.right += kind_ok and cat_ok
    return t, kinds, cats


Trainer = Callable[[list[Example], list[Example]], tuple[object, object]]


def evaluate_statements(
    rows: list[dict],
    kind_examples: list[Example],
    category_examples: list[Example],
    train: Trainer,
    folds: str = "agency",
) -> dict:
    """Leave-one-agency-out (``folds="agency"``) or Fujian → other provinces (``"new_province"``)."""
    from ..statements import label

    shared = shared_dir()
    gold_by: dict[str, list[Gold]] = {}
    for r in rows:
        if r["group"] != WRITTEN:
            gold_by.setdefault(r["doc"], []).append(Gold(r["start"], r["end"], r["kind"], r.get("category")))
    docs = labelled_docs(shared)
    groups = sorted({agency_of(d) for d in docs})
    if folds == "new_province":
        plan = [([g for g in groups if not is_fujian(g)], [g for g in groups if is_fujian(g)])]
    else:
        plan = [([g], [h for h in groups if h != g]) for g in groups]
    total = Tally()
    per_group: dict[str, Tally] = {}
    kind_pairs: list[tuple[str, str]] = []
    cat_pairs: list[tuple[str, str]] = []
    for test, _ in plan:
        test_set = set(test)
        tr_k = [e for e in kind_examples if _group_of(e) not in test_set]
        tr_c = [e for e in category_examples if _group_of(e) not in test_set]
        kind_model, cat_model = train(tr_k, tr_c)
        for d in docs:
            if agency_of(d) not in test_set:
                continue
            p = parsed(str(shared / d))
            statements = label(p.doc, p.units, p.paragraphs, kind_model, cat_model)
            gold = sorted(gold_by.get(d, []), key=lambda g: g.start)
            t, kp, cp = score_doc(gold, statements)
            total.add(t)
            kind_pairs += kp
            cat_pairs += cp
            per_group.setdefault(agency_of(d), Tally()).add(t)
    return {
        "folds": folds,
        "overall": total.figures(),
        "per_agency": {g: v.figures() for g, v in sorted(per_group.items())},
        "kind_pairs": kind_pairs,
        "category_pairs": cat_pairs,
    }


def _group_of(e: Example) -> str:
    return WRITTEN if e.group == WRITTEN else agency_of(e.group)


def with_agency_groups(examples: list[Example]) -> list[Example]:
    """Examples regrouped by agency (for leave-one-agency-out scoring of any classifier)."""
    return [e if e.group == WRITTEN else replace(e, group=agency_of(e.group)) for e in examples]


def confusion_counts(pairs: list[tuple[str, str]]) -> Counter:
    return Counter(pairs)


# A report skeleton around a self-written section-五 passage, so sections and the
# headless-五 search run as on a whole report (our own filler text).
_SKELETON_HEAD = (
    "示例单位2024年政府信息公开工作年度报告\n"
    "一、总体情况\n2024年，本单位认真贯彻落实政府信息公开条例，各项工作有序推进。\n"
    "二、主动公开政府信息情况\n本年度主动公开情况见统计表。\n"
    "三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请3件，均已按期答复。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼案件。\n"
)


def _skeleton(passage: str) -> tuple[str, int]:
    """(report text, offset of the passage in it)."""
    tail_number = "七" if passage.lstrip("# ").startswith("六、") else "六"
    text = (
        _SKELETON_HEAD + passage.rstrip("\n") + f"\n{tail_number}、其他需要报告的事项\n本单位本年度未收取信息处理费。\n"
    )
    return text, len(_SKELETON_HEAD)


def written_gold(passages: list[dict], workdir: Path) -> list[tuple[str, list[Gold]]]:
    """Write each passage as a report under ``workdir``; (path, gold statements) with offsets into the read text."""
    from ..normalise import normalise
    from ..readers import read

    out = []
    for p in passages:
        text, _ = _skeleton(p["text"])
        path = workdir / f"{p['id']}.txt"
        path.write_text(text, encoding="utf-8")
        norm = read(path).text
        pos = norm.index(normalise(p["text"].strip("\n"))[:20])
        gold = []
        for s in p["statements"]:
            needle = normalise(s["text"])
            i = norm.index(needle, pos)
            gold.append(Gold(i, i + len(needle), s["kind"], s.get("category")))
            pos = i + len(needle)
        out.append((str(path), gold))
    return out


def evaluate_written(passages: list[dict], kind_model, category_model, workdir: Path) -> dict:
    """Score self-written passages (never trained on) with the given models."""
    from ..statements import label

    total = Tally()
    kind_pairs: list[tuple[str, str]] = []
    cat_pairs: list[tuple[str, str]] = []
    misses: list[dict] = []
    for path, gold in written_gold(passages, workdir):
        p = parsed(path)
        statements = label(p.doc, p.units, p.paragraphs, kind_model, category_model)
        t, kp, cp = score_doc(gold, statements)
        total.add(t)
        kind_pairs += kp
        cat_pairs += cp
        if t.found < t.gold or t.pred > t.found:
            misses.append({"path": path, "gold": t.gold, "found": t.found, "predicted": t.pred})
    return {"overall": total.figures(), "kind_pairs": kind_pairs, "category_pairs": cat_pairs, "misses": misses}
