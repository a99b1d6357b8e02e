"""Collecting a round: the inbox read and the round built (see the package).

    found = collect_inbox(plan, round, inbox, store=store)   # the files just returned
    collected = rebuild(plan, store, round)                  # the round as the store kept it

Both give the same CollectedRound (toolkit.collect.rounds.build_round), with the round compared
against the previous one. Recording the run in the store and writing the consolidated workbook
are the hall's (toolkit.app), which also runs the check in between.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.collect.corrections import usable_corrections, usable_receipts
from toolkit.collect.examine import Examined, examine
from toolkit.collect.index import CollectIndex
from toolkit.collect.loop import (
    change_problems, comparison, previous_round, resubmitted, revisions,
)
from toolkit.collect.merge import USED, choose, mark_duplicates
from toolkit.collect.rounds import (
    FIGURE_FIELDS, TASK_FIELDS, CollectedRound, answer_block, build_round, records_of,
    winner_values,
)
from toolkit.books.form.reader import FormRow
from toolkit.common.atomic import sha256_of
from toolkit.errors import Problem, WorkplanError
from toolkit.common.isolated import TIMED_OUT, Isolated
from toolkit.common.progress import Progress, silent
from toolkit.intake.archive import archive_files
from toolkit.intake.inbox import Skipped, sources, unread_source, walk
from toolkit.intake.problems import WARNING
from toolkit.intake.safety import reader_failed
from toolkit.mail.config import addresses
from toolkit.intake.limits import DEFAULT_LIMITS, Limits
from toolkit.model.plan import AT_MOST, Plan
from toolkit.model.returns import Answer, FileRecord, PackedAnswers, answers_of
from toolkit.rules.units import unit_named

READING = "读取报回文件"
log = logging.getLogger("workplan.collect")


@dataclass
class Collection:
    """What one collection run read: the round, and the files and answers it recorded."""

    index: CollectIndex
    collected: CollectedRound
    records: list[FileRecord]
    answers: PackedAnswers  # every answer of every file read, one block a file
    extra: list[Problem] = field(default_factory=list)  # archive and 核实更正 problems
    skipped: list[Skipped] = field(default_factory=list)


def collect_inbox(plan: Plan, round_name: str, inbox, *, store=None, archive=None,
                  exclude=(), limits: Limits = DEFAULT_LIMITS,
                  progress: Progress = silent) -> Collection:
    """Read the inbox for one round: every file examined, each unit's return chosen, the
    administrator's corrections applied and the round compared with the previous one. With a
    store, the times it first saw each file and the mail's arrival times count, and the
    corrections are synced into it; nothing else is written."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise WorkplanError(f"找不到回收文件夹 {inbox}，请把各单位报回的表格放入该文件夹后再汇总。")
    return _collect(plan, round_name, inbox, store, archive, exclude, limits, progress)


def _collect(plan: Plan, round_name: str, inbox: Path, store, archive, exclude, limits: Limits,
             progress: Progress) -> Collection:
    entries, skipped = walk(inbox, {p for p in exclude if p})
    index = CollectIndex(plan)
    found = _examine_all(entries, index, round_name, limits, progress)
    _mail_arrivals(found, store, round_name)
    mark_duplicates(found)
    choose(found)
    _senders(found, plan)
    now = datetime.now().isoformat(sep=" ", timespec="seconds") if store is not None else None
    registered, wrong_receipts = usable_receipts(index, round_name, plan.receipts)
    records, answers = records_of(found, skipped, store.first_seen(round_name) if store else {},
                                  registered, now)
    extra = _archive(found, inbox, Path(archive)) if archive else []
    extra += wrong_receipts
    values = _values(store, round_name, records, answers)
    corrections, wrong = _corrections(index, round_name, plan, store, values)
    collected = build_round(index, round_name, records, values, corrections, extra + wrong)
    _round_against_rounds(index, collected, store, answers)
    return Collection(index, collected, records, answers, extra, skipped)


def _values(store, round_name: str, records: list[FileRecord], answers):
    """The used files' answers as the round reads them, one row key at a time: with a store,
    from the store, where they are recorded now (kept by the files' content, so recording them
    again changes nothing), rather than held whole in memory."""
    if store is None:
        return winner_values(records, answers)
    store.record_answers(round_name, answers)
    return store.file_rows(round_name, [(r.sha256, r.unit) for r in records if r.outcome == USED])


def _round_against_rounds(index: CollectIndex, collected: CollectedRound, store,
                          answers: list[Answer]) -> None:
    """修改记录 (every file of each unit, the cells a resubmission changed) and 进展对比 (the
    round against the last earlier one in the store), whose findings (a return repeating the
    last one, figures that went down) join the problem list."""
    collected.revisions = revisions(collected.records, answers)

    def build(name, records, values, corrections):
        return build_round(index, name, records, values, corrections).consolidation

    before = previous_round(index.plan, store, collected.round, build)
    if before is None:
        return
    caps = {i.key for i in index.plan.indicators if i.comparator == AT_MOST}
    collected.comparison = comparison(before, collected.consolidation, caps)
    winners = collected.winners
    cells = _cells(answers, winners, store, collected.round)
    collected.problems += change_problems(collected.comparison, winners, cells)


def _cells(answers, winners: dict, store, round_name: str):
    """cells(unit, key, field) -> the cell of that answer in the unit's used file: from the
    answers at hand, else from the store (a command run alone holds only some of them); read
    for a unit when first asked (the few cells the changes name, not the round's)."""
    found: dict[tuple, str] = {}
    asked: set[str] = set()

    def cell(unit: str, key: str, field: str) -> str:
        record = winners.get(unit)
        if record is not None and unit not in asked:
            asked.add(unit)
            held = [a for a in answers_of(answers, {record.sha256}) if a.unit == unit]
            if not held and store is not None:
                held = [a for a in store.answers_of(round_name, [record.sha256])
                        if a.unit == unit]
            found.update(((a.unit, a.key, a.field), a.cell) for a in held)
        return found.get((unit, key, field), "")

    return cell


def _corrections(index: CollectIndex, round_name: str, plan: Plan, store, values: dict):
    """The master's 核实更正 rows for this round that apply, synced into the store (with the
    collected value each replaces), and the problems of those that do not."""
    good, wrong = usable_corrections(index, round_name, plan.corrections)
    if store is None:
        return good, wrong
    applied = store.sync_corrections(round_name, good,
                                     lambda c: (values.row(c.unit, c.key) or {}).get(c.field))
    return applied, wrong


def _archive(found: list[Examined], inbox: Path, folder: Path) -> list[Problem]:
    processed = sorted({(f.source.path.relative_to(inbox).as_posix(), f.source.path)
                        for f in found if f.source.sha256})
    copies = [(n, p, _file_hash(found, p)) for n, p in processed]
    return archive_files(copies, folder)


def _examine_all(entries, plan: CollectIndex, round_name: str, limits: Limits,
                 progress: Progress = silent) -> list[Examined]:
    """Every entry examined in a reader process of its own (toolkit.common.isolated): a file
    that crashes or hangs the reader is one problem row, and the others are read as usual."""
    by_entry: dict[int, list[Examined]] = {}
    workers = limits.readers or min(os.cpu_count() or 1, MAX_READERS)
    progress(READING, 0, len(entries))
    with Isolated(_read_entry, _reader_setup, (plan, round_name, limits),
                  workers=min(workers, max(1, len(entries))), memory=limits.reader_memory,
                  seconds=limits.reader_seconds) as pool:
        for index, outcome in pool.run(entries):
            by_entry[index] = outcome.value if outcome.ok else [_failed(entries[index], outcome,
                                                                        limits)]
            progress(READING, len(by_entry), len(entries))
    return [item for index in range(len(entries)) for item in by_entry[index]]


MAX_READERS = 4
_reader: tuple = ()  # (index, round, limits) in a reader process


def _reader_setup(index: CollectIndex, round_name: str, limits: Limits) -> None:
    global _reader
    _reader = (index, round_name, limits)


def _read_entry(entry) -> list[Examined]:
    """In a reader process: every source of one inbox entry, examined."""
    index, round_name, limits = _reader
    name, path, seen = entry
    out = []
    for source in sources(name, path, limits, seen):
        found = _slim(examine(source, index, round_name, limits))
        if found.usable:  # packed here, in parallel, as the run keeps them
            found.answers, found.answer_count = answer_block(found)
        found.pack()
        out.append(found)
        source.data = source.zip_infos = None  # only the findings go back
    return out


ANSWER_FIELDS = TASK_FIELDS + FIGURE_FIELDS


def _slim(found: Examined) -> Examined:
    """Of each row, only what the parent keeps: its answers' cells as read and where they are
    (the plan's text a row repeats goes back with nothing: a round of thousands of files)."""
    found.rows = {key: FormRow(row.key, row.row,
                               {f: row.values[f] for f in ANSWER_FIELDS if f in row.values},
                               {f: row.cells[f] for f in ANSWER_FIELDS if f in row.cells})
                  for key, row in found.rows.items()}
    return found


def _failed(entry, outcome, limits: Limits) -> Examined:
    """An entry whose reader process died or ran out of time: one problem row."""
    name, path, _ = entry
    log.warning("读取 %s 时读取进程%s（%s）", name,
                "超时" if outcome.failure == TIMED_OUT else "异常终止", outcome.detail)
    found = Examined(unread_source(name, path, limits, reader_failed(outcome.failure == TIMED_OUT,
                                                                      limits.reader_seconds)))
    found.problems = [found.source.rejection.as_problem(name)]
    return found


def _mail_arrivals(found: list[Examined], store, round_name: str) -> None:
    """A file fetched from the mailbox (or a member of an archive fetched) was received when
    its message arrived, whatever its file time says: that time is its receipt time; and it
    was sent from that message's address."""
    arrivals = store.arrivals(round_name) if store is not None else {}
    if not arrivals:
        return
    for item in found:
        source = item.source
        known = arrivals.get(source.sha256) or arrivals.get(str(source.path.resolve()))
        if known:
            source.arrived, source.sender = datetime.fromisoformat(known[0]), known[1]


def _senders(found: list[Examined], plan: Plan) -> None:
    """A return that came by mail from an address that is not its unit's own 邮箱 (单位 sheet):
    a finding naming the unit, the sender and, when the address is another unit's, that unit.
    Nothing is said for a unit with no 邮箱 registered."""
    owners = {a: u.name for u in plan.units for a in addresses(u.email)}
    for item in found:
        sender = item.source.sender
        unit = plan.unit(item.unit) if item.usable and sender else None
        own = addresses(unit.email) if unit is not None else []
        if not own or sender in own:
            continue
        other = owners.get(sender)
        who = f"{sender}（{other}的邮箱）" if other else sender
        item.problems.append(Problem(
            item.source.name, "", "",
            f"本表是{item.unit}的任务表，却由 {who} 发来，不是{item.unit}在“单位”表登记的邮箱"
            f"（{'、'.join(own)}）", f"请与{item.unit}核实是否由其报送", WARNING))


def _file_hash(found: list[Examined], path: Path) -> str:
    for f in found:
        if f.source.path == path and not f.source.member:
            return f.source.sha256
    return sha256_of(path)  # a .zip: its members were hashed, not the archive


# --- a round as the store kept it -----------------------------------------------------------
@dataclass
class StoredRound:
    index: CollectIndex
    collected: CollectedRound
    output: Path  # the consolidated workbook the last collection wrote


def rebuild(plan: Plan, store, round_name: str, record: bool = True) -> StoredRound:
    """The round of the last collection, rebuilt from the store with today's 核实更正 (synced
    into the store; not with `record` false, for a run that writes nothing)."""
    run = store.latest_run(round_name)
    if run is None:
        raise WorkplanError(f"“{round_name}”尚未汇总：请先运行汇总（workplan collect）。")
    records = store.run_records(run["id"])
    values = store.winner_rows(round_name, run["id"])
    answers = store.answers_of(round_name, resubmitted(records))  # for 修改记录
    index = CollectIndex(plan)
    corrections, wrong = _corrections(index, round_name, plan, store if record else None, values)
    collected = build_round(index, round_name, records, values, corrections,
                            run["extra"] + wrong)
    _round_against_rounds(index, collected, store, answers)
    return StoredRound(index, collected, Path(run["output"]))


# --- who has reported, and what a unit sent -------------------------------------------------
def rounds_shown(plan: Plan, store, round_name: str | None) -> list[str]:
    """The round given, or every round collected so far in the 设置 sheet's order."""
    if round_name:
        return [round_name]
    done = set(store.rounds())
    rounds = [r.name for r in plan.settings.rounds if r.name in done]
    return rounds + sorted(done - set(rounds))


def status_of(plan: Plan, store, round_name: str) -> list[dict]:
    """Every expected unit of the round with its state in the last collection run."""
    run = store.latest_run(round_name)
    records = store.run_records(run["id"]) if run else []
    values = store.winner_rows(round_name, run["id"] if run else None)  # 未填写 needs them
    collected = build_round(CollectIndex(plan), round_name, records, values)
    return [{
        "round": round_name,
        "unit": s.unit,
        "state": s.state,
        "sent": s.sent(),
        "file": s.file,
        "received": s.received,
        "problems": s.problems,
        "collected": run["started"] if run else "",
    } for s in collected.consolidation.submissions]


def history_of(plan: Plan, store, unit: str, rounds: list[str]):
    """(unit, [(round, [Revision])]) of one unit: every file it sent for each round and the
    cells its resubmissions changed, as the 修改记录 sheet has them."""
    index = CollectIndex(plan)
    name = unit_named(index.canonical, index.responsible, unit)
    out = []
    for rnd in rounds:
        run = store.latest_run(rnd)
        records = [r for r in store.run_records(run["id"]) if r.unit == name] if run else []
        answers = store.answers_of(rnd, [r.sha256 for r in records if r.sha256])
        out.append((rnd, revisions(records, answers)))
    return name, out
