"""Numbers that chain from one year to the next: carry-over of requests, rules and documents in force."""

from __future__ import annotations

from dataclasses import dataclass

from ..record import Check, Evidence, Record, table_value
from ..tables.form_labels import cell_label


@dataclass(frozen=True)
class Chain:
    """last year's ``base`` + this year's ``added`` - this year's ``subtracted`` = this year's ``target``."""

    id: str
    message: str
    base: str
    target: str
    added: tuple[str, ...] = ()
    subtracted: tuple[str, ...] = ()


CHAINS = (
    Chain("carry.requests", "上年结转下年度继续办理 = 本年上年结转",
          "requests.carried_forward.total", "requests.carried_over.total"),
    Chain("carry.rules", "规章现行有效件数：上年现行有效 + 本年新制发 - 本年废止 = 本年现行有效",
          "disclosure.rules_in_force", "disclosure.rules_in_force", ("disclosure.rules_issued",),
          ("disclosure.rules_repealed",)),
    Chain("carry.normative", "行政规范性文件现行有效件数：上年现行有效 + 本年新制发 - 本年废止 = 本年现行有效",
          "disclosure.normative_in_force", "disclosure.normative_in_force", ("disclosure.normative_issued",),
          ("disclosure.normative_repealed",)),
)  # fmt: skip


def _evidence(record: Record, key: str, side: str) -> Evidence | None:
    value = table_value(record.tables, key)
    if value is None:
        return None
    span = record.table_spans.get(key)
    return Evidence(f"{side}:{key}", value, span.start if span else None, span.end if span else None)


def check_chain(chain: Chain, old: Record, new: Record) -> Check:
    """``pass`` or ``fail`` with every number as evidence; ``unknown`` (never ``pass``) when one is missing.

    A repealed count left empty or printed "/" counts as none repealed.
    """
    base = _evidence(old, chain.base, "old")
    target = _evidence(new, chain.target, "new")
    added = [_evidence(new, k, "new") for k in chain.added]
    needed = {f"old:{chain.base}": base, f"new:{chain.target}": target} | {
        f"new:{k}": e for k, e in zip(chain.added, added)
    }
    missing = [ref for ref, e in needed.items() if e is None]
    if base is None or target is None or missing:
        shown = "、".join(
            f"{'上年' if ref.startswith('old:') else '本年'}{cell_label(ref.split(':', 1)[1])}" for ref in missing
        )
        return Check(chain.id, "unknown", f"{chain.message}：未取得 {shown}")
    subtracted = [e for e in (_evidence(new, k, "new") for k in chain.subtracted) if e is not None]
    plus = [base, *(e for e in added if e is not None)]
    expected = sum(e.value for e in plus) - sum(e.value for e in subtracted)  # type: ignore[misc]
    status = "pass" if expected == target.value else "fail"
    return Check(
        chain.id, status, f"{chain.message}：应为 {expected}，表中为 {target.value}", [*plus, *subtracted, target]
    )


def carry_over(old: Record, new: Record) -> list[Check]:
    """One check per chain of :data:`CHAINS`."""
    return [check_chain(chain, old, new) for chain in CHAINS]
