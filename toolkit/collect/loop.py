"""A round against the others: the files a unit sent and what changed (修改记录), and the
round against the previous one (进展对比).

    revisions(records, answers)                -> [Revision]   every file of the round, per unit
    comparison(previous, current)              -> Comparison   previous vs current, per task and unit
    previous_round(plan, store, round_name)    -> the last earlier round's Consolidation, or None
    change_problems(comparison, winners, cells)  -> problem rows: a return repeating the last
                                                  round's answers, figures that went down
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.books.form import layout as F
from toolkit.model import returns
from toolkit.books.form.layout import value_text
from toolkit.rules.rounds import earlier_rounds
from toolkit.model.plan import Plan
from toolkit.errors import Problem
from toolkit.model.returns import INFO_KEY, Answer, FileRecord, answers_of
from toolkit.rules.numbers import fmt_number
from toolkit.store import Store
from toolkit.vocab import (
    CHANGED_BETTER,
    CHANGED_NEW,
    CHANGED_SAME,
    CHANGED_WORSE,
    DONE,
    FORM_FIGURES,
    FORM_TASKS,
    DUPLICATE,
    NOT_STARTED,
    ONGOING,
    SKIPPED,
    SUPERSEDED,
    UNFINISHED,
    USED,
    WARNING,
)

# How far along a status is: a lower one in a later round is a step back.
STATUS_RANK = {NOT_STARTED: 0, ONGOING: 1, UNFINISHED: 1, DONE: 2}


# --- 修改记录 --------------------------------------------------------------------------------
@dataclass
class Change:
    key: str
    field: str
    cell: str
    old: object
    new: object

    def text(self) -> str:
        label = F.ANSWER_LABELS.get(self.field, self.field)
        return f"{self.key} {label}（{self.cell}）：{value_text(self.old)} → {value_text(self.new)}"


@dataclass
class Revision:
    """One file a unit sent for the round, and for the one used over an earlier one, what changed."""

    unit: str
    file: str
    received: str
    outcome: str
    changes: list[Change] = field(default_factory=list)
    replaced: str = ""  # the earlier file this one was compared with

    def changes_text(self) -> str:
        return "；".join(c.text() for c in self.changes)


def _files_by_unit(records: list[FileRecord]) -> dict[str, list[FileRecord]]:
    by_unit: dict[str, list[FileRecord]] = {}
    for r in records:
        if r.unit and r.outcome not in (SKIPPED, DUPLICATE):
            by_unit.setdefault(r.unit, []).append(r)
    return by_unit


def resubmitted(records: list[FileRecord]) -> set[str]:
    """The hashes of the files of units that sent more than one: the answers 修改记录 needs."""
    return {r.sha256 for files in _files_by_unit(records).values() if len(files) > 1
            for r in files}


def revisions(records: list[FileRecord], answers: list[Answer]) -> list[Revision]:
    """Every file of a unit, oldest first; the used file of a unit that sent more than one
    lists the cells that changed from the newest earlier file."""
    by_unit = _files_by_unit(records)
    several = resubmitted(records)
    values: dict[str, dict] = {}
    for a in answers_of(answers, several):
        if a.key != INFO_KEY:
            values.setdefault(a.sha256, {})[(a.key, a.field)] = a
    out = []
    for unit, files in by_unit.items():
        files = sorted(files, key=lambda r: r.received)
        used = next((r for r in files if r.outcome == USED), None)
        earlier = [r for r in files if r is not used and r.outcome == SUPERSEDED
                   and used is not None and r.received <= used.received]
        for r in files:
            rev = Revision(unit, r.name, r.received, r.outcome)
            if r is used and earlier:
                rev.replaced = earlier[-1].name
                rev.changes = _changes(values.get(earlier[-1].sha256, {}), values.get(r.sha256, {}))
            out.append(rev)
    return out


def _changes(old: dict, new: dict) -> list[Change]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        before, after = (a.value if a else None), (b.value if b else None)
        if _same(before, after):
            continue
        cell = (b or a).cell
        out.append(Change(key[0], key[1], cell, before, after))
    return out


def _same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    return a == b


# --- 进展对比 --------------------------------------------------------------------------------
@dataclass(slots=True)
class TaskChange:
    task: int
    unit: str
    previous: returns.TaskAnswer | None
    current: returns.TaskAnswer
    judgement: str  # 倒退, 无进展, 有进展, 新报送, or "" (not reported this round)

    @property
    def change(self) -> float | None:
        if self.previous is None or self.previous.progress is None or self.current.progress is None:
            return None
        return self.current.progress - self.previous.progress


@dataclass(slots=True)
class FigureChange:
    indicator: str
    unit: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass
class Comparison:
    previous_round: str
    tasks: list[TaskChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    before: returns.Consolidation | None = None  # the previous round as collected
    repeated: list[str] = field(default_factory=list)  # units that sent last round's answers
    down: list[FigureChange] = field(default_factory=list)  # figures lower than last round

    @property
    def backwards(self) -> list[TaskChange]:
        return [t for t in self.tasks if t.judgement == CHANGED_WORSE]

    @property
    def standing(self) -> list[TaskChange]:
        return [t for t in self.tasks if t.judgement == CHANGED_SAME]


def judge(previous: returns.TaskAnswer | None, current: returns.TaskAnswer) -> str:
    """The one rule for a task's movement between rounds."""
    reported = current.status or current.progress is not None
    if not reported:
        return ""
    if previous is None or not (previous.status or previous.progress is not None):
        return CHANGED_NEW
    rank_before, rank_now = STATUS_RANK.get(previous.status), STATUS_RANK.get(current.status)
    if rank_before is not None and rank_now is not None and rank_now < rank_before:
        return CHANGED_WORSE
    if previous.progress is not None and current.progress is not None:
        if current.progress < previous.progress:
            return CHANGED_WORSE
        if current.progress > previous.progress:
            return CHANGED_BETTER
    if current.status == DONE:
        return CHANGED_BETTER if previous.status != DONE else ""
    if rank_before is not None and rank_now is not None and rank_now > rank_before:
        return CHANGED_BETTER
    return CHANGED_SAME


def comparison(previous: returns.Consolidation, current: returns.Consolidation,
               caps=frozenset()) -> Comparison:
    """The round against the previous one: every task and figure, the units whose return
    repeats their previous answers unchanged, and the figures that went down (a figure under a
    cap, `caps` by indicator key, going down is an improvement and is not listed)."""
    before = {(t.task, t.unit): t for t in previous.tasks}
    figures = {(f.indicator, f.unit): f.actual for f in previous.figures}
    out = Comparison(previous.round, before=previous)
    for t in current.tasks:
        prior = before.get((t.task, t.unit))
        out.tasks.append(TaskChange(t.task, t.unit, prior, t, judge(prior, t)))
    for f in current.figures:
        out.figures.append(FigureChange(f.indicator, f.unit, figures.get((f.indicator, f.unit)),
                                        f.actual))
    out.repeated = repeated(previous, current)
    out.down = [f for f in out.figures if f.change is not None and f.change < 0
                and f.indicator not in caps]
    return out


TASK_ANSWER_FIELDS = ("status", "progress", "narrative", "problems", "next_steps")


def _answers_by_unit(consolidation: returns.Consolidation) -> dict[str, dict]:
    """unit -> {(row key, field): value} of what the unit sent (units without a file left out)."""
    out: dict[str, dict] = {}
    for t in consolidation.tasks:
        if t.file:
            row = out.setdefault(t.unit, {})
            for name in TASK_ANSWER_FIELDS:
                row[(f"T{t.task}", name)] = getattr(t, name)
    for f in consolidation.figures:
        if f.file:
            row = out.setdefault(f.unit, {})
            row[(f.indicator, "actual")], row[(f.indicator, "note")] = f.actual, f.note
    return out


def repeated(previous: returns.Consolidation, current: returns.Consolidation) -> list[str]:
    """The units whose return this round repeats, answer for answer, what they sent the round
    before (a form pre-filled with the last answers and sent back as it came): every task and
    figure the same, something in it, and something to update (a task not finished last round,
    or a figure: a unit whose tasks were all finished may well have nothing new to say)."""
    before, now = _answers_by_unit(previous), _answers_by_unit(current)
    open_ = {t.unit for t in previous.tasks if t.file and t.status != DONE}
    figures = {f.unit for f in previous.figures if f.file and f.actual is not None}
    out = []
    for unit, answers in now.items():
        if unit not in before or not any(v not in (None, "") for v in answers.values()):
            continue
        if unit not in open_ and unit not in figures:
            continue
        if all(_same(value, before[unit].get(key)) for key, value in answers.items()):
            out.append(unit)
    return out


def change_problems(found: Comparison, winners: dict[str, FileRecord], cells) -> list:
    """(unit, Problem) rows for the problem list: a return that repeats the previous round's
    answers unchanged, and each figure lower than the unit reported the round before, naming
    its cell (`cells(unit, key, field)`, "" when unknown)."""
    label = found.previous_round
    out = []
    for unit in found.repeated:
        record = winners.get(unit)
        out.append((unit, Problem(
            record.name if record else "", FORM_TASKS, "",
            f"报送内容与上期（{label}）完全相同，任务进展和指标数据均未更新",
            "请核实本期进展并更新后重新报送；确无变化的，请在“工作进展及成效”中写明", WARNING)))
    for change in found.down:
        record = winners.get(change.unit)
        out.append((change.unit, Problem(
            record.name if record else "", FORM_FIGURES,
            cells(change.unit, change.indicator, "actual"),
            f"{change.indicator} 实际完成值 {fmt_number(change.current)} 低于上期（{label}）报送的 "
            f"{fmt_number(change.previous)}",
            "累计完成数一般不会减少，请核实；确有下降的，请在“说明”列写明原因", WARNING)))
    return out


def previous_round(plan: Plan, store: Store | None, round_name: str, build) -> returns.Consolidation | None:
    """The consolidation of the last earlier round collected, rebuilt from the store by
    `build(round_name, records, values, corrections)`; None for a first round."""
    if store is None or not store.path.is_file():
        return None
    for name in earlier_rounds(plan, round_name):
        run = store.latest_run(name)
        if run is None:
            continue
        records = store.run_records(run["id"])
        return build(name, records, store.winner_rows(name, run["id"]), store.corrections(name))
    return None
