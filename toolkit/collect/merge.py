"""Which file of each unit counts: duplicates noted once, older returns superseded."""

from __future__ import annotations

from datetime import datetime

from toolkit.collect.examine import Examined
from toolkit.errors import Problem
from toolkit.vocab import DUPLICATE, NOTE, REJECTED, SKIPPED, SUPERSEDED, USED  # noqa: F401


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
    received = found.source.arrived or found.source.mtime or datetime.min
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
