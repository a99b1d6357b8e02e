"""Which file of each unit counts: duplicates noted once, older returns superseded, replays of
an older return never taken for a newer one."""

from __future__ import annotations

from datetime import datetime

from toolkit.books.form import layout as F
from toolkit.collect.examine import Examined
from toolkit.errors import Problem
from toolkit.intake.problems import shorten
from toolkit.rules.numbers import plain
from toolkit.vocab import (  # noqa: F401 - SKIPPED: collect.rounds takes it from here
    DUPLICATE, NOTE, REJECTED, SKIPPED, SUPERSEDED, USED, WARNING,
)

CHECK_OLD_FORM = "请与报送单位核实；如应以本文件为准，请删除其他文件后重新汇总"


def received(found: Examined) -> datetime:
    """When the file reached the office, as far as the collection knows: the mail's arrival,
    else its file time (the receipt time proper is rounds.sent_time's)."""
    return found.source.arrived or found.source.mtime or datetime.min


def mark_duplicate(found: Examined, original: Examined) -> None:
    """An identical copy of a file already read: one submission, noted once."""
    found.outcome = DUPLICATE
    found.usable = False
    found.unit, found.round = original.unit, original.round
    found.problems = [Problem(
        found.source.name, "", "", f"与“{original.source.name}”内容完全相同，按同一份报送处理",
        "无需处理；可删除重复的文件", NOTE,
    )]


def mark_duplicates(found: list[Examined]) -> None:
    """Identical files are one submission, the copy received first: a copy of an old return
    received again later is that old return, not a new one."""
    first: dict[str, Examined] = {}
    for item in sorted(found, key=lambda f: (received(f), f.source.name)):
        source = item.source
        if not source.sha256 or source.rejection is not None:
            continue
        original = first.setdefault(source.sha256, item)
        if original is not item:
            mark_duplicate(item, original)


def _answers(found: Examined) -> tuple:
    """What a return says, to compare two returns of a unit: every answer and 填报信息."""
    return (sorted((k, sorted(v.items())) for k, v in found.tasks.items()),
            sorted((k, sorted(v.items())) for k, v in found.figures.items()),
            found.reporter, found.phone, found.filled)


def choose(found: list[Examined]) -> dict[str, Examined]:
    """The winning file of each unit; the others superseded. A verified file beats an
    unverified one, whatever dates it carries; then the one received last, where a return
    whose answers equal an earlier one's counts as received when that one was (a replay of an
    old return is not newer). The self-declared 填报日期 never decides. A figure of the winner
    lower than in an earlier return is a finding."""
    by_unit: dict[str, list[Examined]] = {}
    for item in found:
        if item.usable:
            by_unit.setdefault(item.unit, []).append(item)
        elif not item.outcome:
            item.outcome = REJECTED
    winners: dict[str, Examined] = {}
    for unit, items in by_unit.items():
        if len(items) > 1:
            for item in items:  # held packed while the round was gathered
                item.unpack()
        first = _first_of_same(items)
        items.sort(key=lambda f: (f.verified, received(first[id(f)]), first[id(f)] is f,
                                  received(f), f.source.name))
        winner = items[-1]
        winner.outcome = USED
        winners[unit] = winner
        for older in items[:-1]:
            older.outcome = SUPERSEDED
            older.problems = [_superseded(older, winner, first[id(older)])]
        _figures_back(winner, items[:-1])
    _nobodys(found, winners)
    return winners


def _first_of_same(items: list[Examined]) -> dict[int, Examined]:
    """id(item) -> the first return of the unit (by receipt) that says the same as it."""
    first: dict[int, Examined] = {}
    seen: list[tuple[tuple, Examined]] = []
    for item in sorted(items, key=lambda f: (received(f), f.source.name)):
        said = _answers(item)
        match = next((f for s, f in seen if s == said and f.verified == item.verified), None)
        first[id(item)] = match or item
        if match is None:
            seen.append((said, item))
    return first


def _superseded(older: Examined, winner: Examined, same: Examined) -> Problem:
    if winner.verified and not older.verified:
        why = f"本文件无法核验来源，已采用{older.unit}经核验的“{winner.source.name}”"
    elif same is not older and received(older) > received(winner):
        why = (f"本文件与较早收到的“{same.source.name}”填报内容完全相同（可能是旧表重发），"
               f"不作为较新的报送，已采用{older.unit}的“{winner.source.name}”")
        return Problem(older.source.name, "", "", f"{why}，未采用", CHECK_OLD_FORM, WARNING)
    else:
        why = f"{older.unit}报送了多份，本文件已被较晚收到的“{winner.source.name}”取代"
    return Problem(older.source.name, "", "", f"{why}，未采用",
                   "无需处理；如应以本文件为准，请删除另一份文件后重新汇总", NOTE)


BACK = (("figures", "actual", "实际完成值", ""), ("tasks", "progress", "完成进度", "%"))


def _figures_back(winner: Examined, others: list[Examined]) -> None:
    """A figure (实际完成值, 完成进度) of the winning return lower than the same unit's earlier
    verified return gave: a finding naming the cell and the earlier file."""
    if not winner.verified:
        return
    earlier = [o for o in others if o.verified and received(o) < received(winner)]
    for kind, name, label, suffix in BACK:
        for key, answer in getattr(winner, kind).items():
            now = answer.get(name)
            before = [(getattr(o, kind).get(key, {}).get(name), o) for o in earlier]
            before = [(v, o) for v, o in before if isinstance(v, (int, float))]
            if not isinstance(now, (int, float)) or not before:
                continue
            value, source = max(before, key=lambda b: b[0])
            if now < value:
                row = winner.rows.get(key)
                sheet = F.SHEET_FIGURES if kind == "figures" else F.SHEET_TASKS
                winner.problems.append(Problem(
                    winner.source.name, sheet, row.cells.get(name, "") if row else "",
                    f"{label} {plain(now)}{suffix} 低于本单位较早报送的“{shorten(source.source.name, 40)}”"
                    f"中的 {plain(value)}{suffix}（数值倒退），可能误用了旧表",
                    "请与报送单位核实以哪份为准", WARNING))


def _nobodys(found: list[Examined], winners: dict[str, Examined]) -> None:
    """A return of nobody (signed under another key) whose claimed unit has a verified return:
    its line names the return that counts."""
    for item in found:
        winner = winners.get(item.claimed) if item.claimed else None
        if winner is not None and winner.verified and item.problems:
            p = item.problems[0]
            p.problem += f"；已采用{item.claimed}经核验的“{winner.source.name}”"
