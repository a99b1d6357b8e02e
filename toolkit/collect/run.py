"""Collecting a round: the inbox read, the store recorded, the workbook written (see the package)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.intake.archive import archive_files
from toolkit.collect.corrections import usable_corrections
from toolkit.collect.examine import Examined, examine
from toolkit.intake.inbox import sources, walk
from toolkit.collect.index import CollectIndex
from toolkit.intake.limits import DEFAULT_LIMITS, Limits
from toolkit.collect.loop import comparison, previous_round, resubmitted, revisions
from toolkit.collect.merge import choose, mark_duplicate
from toolkit.books.form import layout as F
from toolkit.model import returns
from toolkit.collect.rounds import (
    CollectedRound,
    build_round,
    records_of,
    registered_times,
    winner_values,
)
from toolkit.common import paths
from toolkit.common.atomic import atomic_path, remove_leftovers, sha256_of
from toolkit.common.edits import kept_line, where_to_write
from toolkit.errors import Problem, WorkplanError
from toolkit.common.lock import stage_lock
from toolkit.common.progress import Progress, silent
from toolkit.rules.rounds import find_round
from toolkit.books.consolidated.reader import load_consolidation
from toolkit.model.plan import Plan
from toolkit.model.returns import Answer
from toolkit.store import Store
from toolkit.vocab import SKIPPED

READING, WRITING = "读取报回文件", "写出汇总表"

__all__ = [
    "CollectResult",
    "CollectedRound",
    "Limits",
    "collect_plan",
    "collect_round",
    "load_consolidation",
    "publish",
    "status",
    "status_of",
    "stored_round",
]


@dataclass
class CollectResult:
    output: Path
    collected: CollectedRound
    evaluation: object  # toolkit.check.Evaluation
    skipped: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. the store was rebuilt
    kept: list[str] = field(default_factory=list)  # outputs someone edited, left as they were

    @property
    def consolidation(self) -> returns.Consolidation:
        return self.collected.consolidation

    @property
    def problems(self) -> list[Problem]:
        return [p for _, p in self.collected.problems]

    @property
    def counts(self) -> dict:
        return self.collected.counts

    @property
    def files(self) -> list[dict]:
        return [{"name": r.name, "unit": r.unit, "round": r.form_round, "outcome": r.outcome,
                 "verified": r.verified, "problems": len(r.problems)}
                for r in self.collected.records if r.outcome != SKIPPED]

    def to_json(self) -> dict:
        return {
            "round": self.collected.round,
            "output": str(self.output),
            "counts": dict(self.counts),
            "files": self.files,
            "skipped": list(self.skipped),
            "problems": [asdict(p) for p in self.problems],
            "notices": list(self.notices),
            "kept": list(self.kept),
        }

    def summary_line(self) -> str:
        c = self.counts
        line = f"已汇总 {c['reported']} 个单位，{c['missing']} 个未报送，{c['problems']} 条问题"
        if c["late"]:
            line += f"，{c['late']} 个逾期"
        if c["unverified"]:
            line += f"，{c['unverified']} 份未核验"
        return line + (f"。{kept_line(self.kept)}" if self.kept else "")


def _check_round(plan: Plan, round_name: str) -> None:
    find_round(plan, round_name)


def collect_round(master_path, round_name: str, inbox=None, out=None, archive=None,
                  limits: Limits = DEFAULT_LIMITS, progress: Progress = silent) -> CollectResult:
    """Collect one round for the master workbook at `master_path`, with default folders."""
    from toolkit.books.master import load_master

    master = Path(master_path)
    with stage_lock(master, "汇总"):
        plan = load_master(master)
        _check_round(plan, round_name)
        year, folders = plan.settings.year, plan.settings.folders
        inbox = Path(inbox) if inbox else paths.inbox(master, year, round_name, folders)
        out = Path(out) if out else paths.consolidated(master, year, round_name, folders)
        _refuse_inputs(out, archive, inbox, master)
        return collect_plan(plan, round_name, inbox, out, store=Store.beside(master),
                            archive=archive, limits=limits, progress=progress)


def collect_plan(plan: Plan, round_name: str, inbox, out, *, store: Store | Path | None = None,
                 archive=None, limits: Limits = DEFAULT_LIMITS,
                 progress: Progress = silent) -> CollectResult:
    """Collect one round against a Plan: read the inbox, record the store, check the figures
    and write the consolidated workbook `out`. Without a store nothing is recorded."""
    inbox, out = Path(inbox), Path(out)
    if not inbox.is_dir():
        raise WorkplanError(f"找不到回收文件夹 {inbox}，请把各单位报回的表格放入该文件夹后再汇总。")
    _refuse_inputs(out, archive, inbox)
    if store is not None and not isinstance(store, Store):
        store = Store(store)
    with _collector_paused():
        return _collect(plan, round_name, inbox, out, store, archive, limits, progress)


def _refuse_inputs(out: Path, archive, inbox: Path, master: Path | None = None) -> None:
    """No output may overwrite an input: the master, or the returned files in the inbox (an
    archive folder inside the inbox is fine: the walk leaves it out)."""
    paths.refuse_input_as_output(out, "汇总表", files=[master], folders=[inbox])
    paths.refuse_input_as_output(archive, "归档文件夹", files=[master, inbox])


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for a run, and collect once at its end.

    A run builds hundreds of thousands of long-lived objects (every file's answers, then
    XlsxWriter's cells), which the collector would otherwise rescan again and again: about 6%
    of the run for a thousand files. Reference counting frees memory as usual meanwhile; the
    cycles (XlsxWriter's workbook) are collected at the end.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _collect(plan: Plan, round_name: str, inbox: Path, out: Path, store: Store | None, archive,
             limits: Limits, progress: Progress) -> CollectResult:
    from toolkit.check import evaluate

    exclude = {p for p in (out, store.path if store else None, archive) if p}
    entries, skipped = walk(inbox, exclude)
    index = CollectIndex(plan)
    found = _examine_all(entries, index, round_name, limits, progress)
    _mail_arrivals(found, store, round_name)
    choose(found)
    records, answers = records_of(found, skipped, store.first_seen(round_name) if store else {},
                                  registered_times(index, round_name, plan.receipts))
    extra = _archive(found, inbox, Path(archive)) if archive else []
    values = winner_values(records, answers)
    corrections, wrong = _corrections(index, round_name, plan, store, values)
    collected = build_round(index, round_name, records, values, corrections, extra + wrong)
    _round_against_rounds(index, collected, store, answers)
    evaluation = evaluate(plan, collected.consolidation, round_name)

    runs = []

    def record(tmp: Path, target: Path) -> None:
        if store is not None:
            runs.append(store.record_collection(round_name, inbox, target, collected.counts,
                                                records, answers, extra,
                                                output_sha256=sha256_of(tmp)))

    progress(WRITING, 0, 1)
    written = publish(index, collected, evaluation, out, store=store, before_move=record)
    progress(WRITING, 1, 1)
    for run in runs:
        store.complete_run(run)
    return CollectResult(written, collected, evaluation,
                         [{"name": s.name, "reason": s.reason} for s in skipped],
                         list(store.notices) if store else [],
                         [str(out)] if written != out else [])


def publish(index: CollectIndex, collected: CollectedRound, evaluation, out: Path,
            store: Store | None = None, before_move=None) -> Path:
    """Write the consolidated workbook into place and return where: `out`, or beside it when
    someone edited `out` since we wrote it (toolkit.common.edits). `before_move(tmp, target)`
    runs once it is written and before it replaces its predecessor (the store records the run
    there)."""
    from toolkit.check.run import plan_title
    from toolkit.books.consolidated.writer import write_consolidated

    title = f"{plan_title(index.plan)}（{collected.round}）"
    target = where_to_write(out, store)
    remove_leftovers(target.parent)
    try:
        with atomic_path(target) as tmp:
            write_consolidated(tmp, index, collected, evaluation, title)
            if before_move:
                before_move(tmp, target)
    except PermissionError:
        raise WorkplanError(f"汇总表 {target.name} 正被其他程序打开，无法写入；请关闭后重试。") from None
    if store is not None:
        store.record_outputs([target])
    return target


def _round_against_rounds(index: CollectIndex, collected: CollectedRound, store: Store | None,
                          answers: list[Answer]) -> None:
    """修改记录 (every file of each unit, the cells a resubmission changed) and 进展对比 (the
    round against the last earlier one in the store)."""
    collected.revisions = revisions(collected.records, answers)

    def build(name, records, values, corrections):
        return build_round(index, name, records, values, corrections).consolidation

    before = previous_round(index.plan, store, collected.round, build)
    if before is not None:
        collected.comparison = comparison(before, collected.consolidation)


def _corrections(index: CollectIndex, round_name: str, plan: Plan, store: Store | None,
                 values: dict):
    """The master's 核实更正 rows for this round that apply, synced into the store (with the
    collected value each replaces), and the problems of those that do not."""
    good, wrong = usable_corrections(index, round_name, plan.corrections)
    if store is None:
        return good, wrong
    applied = store.sync_corrections(round_name, good,
                                     lambda c: values.get((c.unit, c.key), {}).get(c.field))
    return applied, wrong


def _archive(found: list[Examined], inbox: Path, folder: Path) -> list[Problem]:
    processed = sorted({(f.source.path.relative_to(inbox).as_posix(), f.source.path)
                        for f in found if f.source.sha256})
    copies = [(n, p, _file_hash(found, p)) for n, p in processed]
    return archive_files(copies, folder)


def _examine_all(entries, plan: CollectIndex, round_name: str, limits: Limits,
                 progress: Progress = silent) -> list[Examined]:
    by_hash: dict[str, Examined] = {}
    found: list[Examined] = []
    for done, (name, path, seen) in enumerate(entries):
        progress(READING, done, len(entries))
        for source in sources(name, path, limits, seen):
            original = by_hash.get(source.sha256) if source.sha256 else None
            if original is not None and source.rejection is None:
                item = Examined(source)
                mark_duplicate(item, original)
            else:
                item = examine(source, plan, round_name, limits)
                if source.sha256 and source.rejection is None:
                    by_hash.setdefault(source.sha256, item)
            source.data = None  # keep memory flat over a large inbox
            found.append(item)
    progress(READING, len(entries), len(entries))
    return found


def _mail_arrivals(found: list[Examined], store: Store | None, round_name: str) -> None:
    """A file fetched from the mailbox (or a member of an archive fetched) was received when
    its message arrived, whatever its file time says: that time is its receipt time."""
    arrivals = store.arrivals(round_name) if store is not None else {}
    if not arrivals:
        return
    for item in found:
        source = item.source
        arrived = arrivals.get(source.sha256) or arrivals.get(str(source.path.resolve()))
        if arrived:
            source.mtime = datetime.fromisoformat(arrived)


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
    output: Path
    store: Store


def stored_round(plan: Plan, master: Path, round_name: str) -> StoredRound:
    """The round of the last collection, rebuilt from the store with today's 核实更正."""
    _check_round(plan, round_name)
    store = Store.beside(master)
    run = store.latest_run(round_name)
    if run is None:
        raise WorkplanError(f"“{round_name}”尚未汇总：请先运行汇总（workplan collect）。")
    records = store.run_records(run["id"])
    values = store.winner_values(round_name, run["id"])
    answers = store.answers_of(round_name, resubmitted(records))  # for 修改记录
    index = CollectIndex(plan)
    corrections, wrong = _corrections(index, round_name, plan, store, values)
    collected = build_round(index, round_name, records, values, corrections,
                            run["extra"] + wrong)
    _round_against_rounds(index, collected, store, answers)
    return StoredRound(index, collected, Path(run["output"]), store)


# --- who has reported -----------------------------------------------------------------------
def status(master_path, round_name: str) -> list[dict]:
    """Every expected unit of the round with its state in the last collection run."""
    from toolkit.books.master import load_master

    master = Path(master_path)
    plan = load_master(master)
    _check_round(plan, round_name)
    return status_of(plan, Store.beside(master), round_name)


def status_rounds(master_path, round_name: str | None = None) -> tuple[list[str], list[dict]]:
    """The rounds to show (the given one, or every round collected so far) and their rows."""
    from toolkit.books.master import load_master

    master = Path(master_path)
    plan = load_master(master)
    store = Store.beside(master)
    rounds = _rounds_shown(plan, store, round_name)
    return rounds, [row for name in rounds for row in status_of(plan, store, name)]


def _rounds_shown(plan: Plan, store: Store, round_name: str | None) -> list[str]:
    """The round given, or every round collected so far in the 设置 sheet's order."""
    if round_name:
        _check_round(plan, round_name)
        return [round_name]
    done = set(store.rounds())
    rounds = [r.name for r in plan.settings.rounds if r.name in done]
    return rounds + sorted(done - set(rounds))


def history(master_path, unit: str, round_name: str | None = None):
    """(unit, [(round, [Revision])]) of one unit: every file it sent for each collected round
    (or the one given) and the cells its resubmissions changed, as the 修改记录 sheet has them."""
    from toolkit.books.master import load_master

    master = Path(master_path)
    plan = load_master(master)
    name = _unit_named(CollectIndex(plan), unit)
    store = Store.beside(master)
    out = []
    for rnd in _rounds_shown(plan, store, round_name):
        run = store.latest_run(rnd)
        records = [r for r in store.run_records(run["id"]) if r.unit == name] if run else []
        answers = store.answers_of(rnd, [r.sha256 for r in records if r.sha256])
        out.append((rnd, revisions(records, answers)))
    return name, out


def _unit_named(index: CollectIndex, text: str) -> str:
    """A responsible unit by its name, an alias, or a part of its name that only it has."""
    name = index.canonical((text or "").strip())
    if name in index.responsible_set:
        return name
    found = [u for u in index.responsible if text and text in u]
    if len(found) == 1:
        return found[0]
    if found:
        raise WorkplanError(f"“{text}”可指多个单位：{'、'.join(found[:10])}，请写出完整名称。")
    raise WorkplanError(f"单位“{text}”不是本计划的责任单位，请检查 --unit 中的名称。")


def status_of(plan: Plan, store: Store, round_name: str) -> list[dict]:
    run = store.latest_run(round_name)
    records = store.run_records(run["id"]) if run else []
    values = store.winner_values(round_name, run["id"]) if run else {}  # 未填写 needs them
    collected = build_round(CollectIndex(plan), round_name, records, values)
    return [{
        "round": round_name,
        "unit": s.unit,
        "state": s.state,
        "file": s.file,
        "received": s.received,
        "problems": s.problems,
        "collected": run["started"] if run else "",
    } for s in collected.consolidation.submissions]
