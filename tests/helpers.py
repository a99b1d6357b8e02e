"""Helpers shared by the tests of several stages."""

from __future__ import annotations

from pathlib import Path

from toolkit.common.forms import Consolidation
from toolkit.store import Answer, FileRecord, Store
from toolkit.vocab import USED

TASK_FIELDS = ("status", "progress", "narrative", "problems", "next_steps")


def store_round(master: Path, consolidation: Consolidation, output: Path | None = None) -> Store:
    """Record `consolidation` in the store beside `master` as a complete collection run: one
    file per unit that answered, every answer as collected. Stages run alone read it back."""
    answers: list[Answer] = []
    units: dict[str, None] = {}
    for t in consolidation.tasks:
        units[t.unit] = None
        answers += [Answer(f"sha-{t.unit}", t.unit, f"T{t.task}", name, getattr(t, name),
                           getattr(t, name), "") for name in TASK_FIELDS]
    for f in consolidation.figures:
        units[f.unit] = None
        answers += [Answer(f"sha-{f.unit}", f.unit, f.indicator, name, getattr(f, name),
                           getattr(f, name), "") for name in ("actual", "note", "flag")]
    records = [FileRecord(f"{u}.xlsx", f"/inbox/{u}.xlsx", f"sha-{u}", "2020-12-20 09:00:00",
                          u, consolidation.round, USED, True) for u in units]
    store = Store.beside(master)
    out = output or master.parent / "汇总表.xlsx"
    run = store.record_collection(consolidation.round, master.parent, out, {}, records, answers)
    store.complete_run(run)
    return store
