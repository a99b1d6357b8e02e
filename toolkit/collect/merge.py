"""From examined files to the round's consolidation: duplicates resolved, every unit listed."""

from __future__ import annotations

from datetime import date, datetime

from toolkit.collect.examine import Examined
from toolkit.collect.index import CollectIndex
from toolkit.collect.problems import NOTE
from toolkit.common import forms
from toolkit.common.errors import Problem

# Ledger outcomes of a file.
USED, SUPERSEDED, DUPLICATE, REJECTED, SKIPPED = "已采用", "已被取代", "重复", "未采用", "已跳过"


def mark_duplicate(found: Examined, original: Examined) -> None:
    """An identical copy of a file already read: one submission, noted once."""
    found.outcome = DUPLICATE
    found.usable = False
    found.unit, found.round = original.unit, original.round
    found.problems = [Problem(
        found.source.name, "", "", f"与“{original.source.name}”内容完全相同，按同一份报送处理",
        "无需处理；可删除重复的文件", NOTE,
    )]


def _precedence(found: Examined):
    """A verified file beats an unverified one, whatever dates it carries; then the one received
    last. The self-declared 填报日期 never decides."""
    received = found.source.mtime or datetime.min
    return (found.verified, received, found.source.name)


def choose(found: list[Examined]) -> dict[str, Examined]:
    """The winning file of each unit (see _precedence); the others superseded."""
    by_unit: dict[str, list[Examined]] = {}
    for item in found:
        if item.usable:
            by_unit.setdefault(item.unit, []).append(item)
        elif not item.outcome:
            item.outcome = REJECTED
    winners: dict[str, Examined] = {}
    for unit, items in by_unit.items():
        items.sort(key=_precedence)
        winner = items[-1]
        winner.outcome = USED
        winners[unit] = winner
        for older in items[:-1]:
            older.outcome = SUPERSEDED
            older.problems = [_superseded(older, winner)]
    return winners


def _superseded(older: Examined, winner: Examined) -> Problem:
    if winner.verified and not older.verified:
        why = f"本文件无法核验来源，已采用{older.unit}经核验的“{winner.source.name}”"
    else:
        why = f"{older.unit}报送了多份，本文件已被较晚收到的“{winner.source.name}”取代"
    return Problem(older.source.name, "", "", f"{why}，未采用",
                   "无需处理；如应以本文件为准，请删除另一份文件后重新汇总", NOTE)


def is_late(found: Examined, due: date | None) -> bool:
    return bool(due and found.source.mtime and found.source.mtime.date() > due)


def consolidate(index: CollectIndex, round_name: str, winners: dict[str, Examined]) -> forms.Consolidation:
    rnd = index.plan.settings.round(round_name)
    due = rnd.due if rnd else None
    result = forms.Consolidation(round_name)
    for unit in index.responsible:
        result.submissions.append(_submission(unit, winners.get(unit), due))
    for task in index.tasks:
        for unit, role in index.task_units(task):
            found = winners.get(unit)
            answer = found.tasks.get(task.key, {}) if found else {}
            result.tasks.append(forms.TaskAnswer(
                task.number, unit, role,
                status=answer.get("status", ""),
                progress=answer.get("progress"),
                narrative=answer.get("narrative", ""),
                problems=answer.get("problems", ""),
                next_steps=answer.get("next_steps", ""),
                file=found.source.name if found and answer else "",
            ))
    tasks = {t.number: t for t in index.tasks}
    for ind in index.indicators:
        task = tasks.get(ind.task)
        if task is None:
            continue
        for unit, role in index.task_units(task):
            found = winners.get(unit)
            answer = found.figures.get(ind.key, {}) if found else {}
            row = index.rows(unit)[1].get(ind.key, {})
            result.figures.append(forms.FigureAnswer(
                ind.key, ind.task, unit, role,
                target=row.get("target", ind.value),
                actual=answer.get("actual"),
                note=answer.get("note", ""),
                flag=answer.get("flag", ""),
                file=found.source.name if found and answer else "",
            ))
    return result


def _submission(unit: str, found: Examined | None, due: date | None) -> forms.Submission:
    if found is None:
        return forms.Submission(unit, forms.NOT_SUBMITTED)
    if found.errors:
        state = forms.WITH_PROBLEMS
    elif is_late(found, due):
        state = forms.LATE
    else:
        state = forms.SUBMITTED
    return forms.Submission(
        unit, state, file=found.source.name, received=found.source.received,
        reporter=found.reporter, phone=found.phone, problems=len(found.problems),
        verified=found.verified,
    )

