"""Collect (汇总): read the returned assignment workbooks, check them, and merge them.

    collect_round(master, round)  -> CollectResult  (the `workplan collect` command)
    status(master, round)         -> who has reported, from the ledger
    load_consolidation(path)      -> forms.Consolidation, how later stages read the output

Returned files are untrusted: they are size- and structure-checked before parsing, read with
python-calamine, never opened for writing, and every finding is a Problem naming its place.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from toolkit.collect import ledger as ledger_db
from toolkit.collect.archive import archive_files, sha256_of
from toolkit.collect.examine import Examined, examine
from toolkit.collect.inbox import Skipped, sources, walk
from toolkit.collect.index import CollectIndex
from toolkit.collect.limits import DEFAULT_LIMITS, Limits
from toolkit.collect.load import load_consolidation
from toolkit.collect.merge import (
    SKIPPED,
    USED,
    choose,
    consolidate,
    is_late,
    mark_duplicate,
)
from toolkit.collect.writer import Report, write_consolidated
from toolkit.common import forms, paths
from toolkit.common.errors import Problem, WorkplanError
from toolkit.common.lock import stage_lock
from toolkit.common.text import printable
from toolkit.master import load_master
from toolkit.model import Plan

__all__ = [
    "CollectResult",
    "Limits",
    "collect_plan",
    "collect_round",
    "load_consolidation",
    "status",
    "status_of",
]


@dataclass
class CollectResult:
    output: Path
    consolidation: forms.Consolidation
    problems: list[Problem]
    counts: dict
    files: list[dict] = field(default_factory=list)  # one per file read: name, unit, outcome
    skipped: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "round": self.consolidation.round,
            "output": str(self.output),
            "counts": dict(self.counts),
            "files": list(self.files),
            "skipped": list(self.skipped),
            "problems": [asdict(p) for p in self.problems],
        }

    def summary_line(self) -> str:
        c = self.counts
        line = f"已汇总 {c['reported']} 个单位，{c['missing']} 个未报送，{c['problems']} 条问题"
        if c["late"]:
            line += f"，{c['late']} 个逾期"
        if c["unverified"]:
            line += f"，{c['unverified']} 份未核验"
        return line


def _load_plan(master: Path) -> Plan:
    if not master.is_file():
        raise WorkplanError(f"找不到总表 {master}，请确认路径。")
    return load_master(master)


def _check_round(plan: Plan, round_name: str) -> None:
    names = [r.name for r in plan.settings.rounds]
    if names and round_name not in names:
        raise WorkplanError(f"总表“设置”中没有“{round_name}”这一报送轮次，可选：{'、'.join(names)}。")


def collect_round(master_path, round_name: str, inbox=None, out=None, archive=None,
                  limits: Limits = DEFAULT_LIMITS) -> CollectResult:
    """Collect one round for the master workbook at `master_path`, with default folders."""
    master = Path(master_path)
    plan = _load_plan(master)
    _check_round(plan, round_name)
    year, folders = plan.settings.year, plan.settings.folders
    inbox = Path(inbox) if inbox else paths.inbox(master, year, round_name, folders)
    out = Path(out) if out else paths.consolidated(master, year, round_name, folders)
    _refuse_inputs(out, archive, inbox, master)
    with stage_lock(master, "汇总"):
        return collect_plan(plan, round_name, inbox, out, ledger=paths.ledger(master),
                            archive=archive, limits=limits)


def collect_plan(plan: Plan, round_name: str, inbox, out, *, ledger=None, archive=None,
                 limits: Limits = DEFAULT_LIMITS) -> CollectResult:
    """Collect one round against a Plan: read the inbox, write `out`, record the ledger."""
    inbox, out = Path(inbox), Path(out)
    if not inbox.is_dir():
        raise WorkplanError(f"找不到回收文件夹 {inbox}，请把各单位报回的表格放入该文件夹后再汇总。")
    _refuse_inputs(out, archive, inbox)
    with _collector_paused():
        return _collect(plan, round_name, inbox, out, ledger, archive, limits)


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


def _collect(plan: Plan, round_name: str, inbox: Path, out: Path, ledger, archive,
             limits: Limits) -> CollectResult:
    exclude = {p for p in (out, ledger, archive) if p}
    entries, skipped = walk(inbox, exclude)
    index = CollectIndex(plan)
    found = _examine_all(entries, index, round_name, limits)
    winners = choose(found)
    consolidation = consolidate(index, round_name, winners)
    rnd = plan.settings.round(round_name)
    late = {u for u, f in winners.items() if is_late(f, rnd.due if rnd else None)}
    problem_rows = [(f.unit, p) for f in found for p in f.problems]
    if archive:
        processed = sorted({(f.source.path.relative_to(inbox).as_posix(), f.source.path)
                            for f in found if f.source.sha256})
        copies = [(n, p, _file_hash(found, p)) for n, p in processed]
        problem_rows += [("", p) for p in archive_files(copies, Path(archive))]
    problems = [p for _, p in problem_rows]
    report = Report(index, round_name, consolidation, problem_rows, late,
                    {u: f.filled.isoformat() for u, f in winners.items() if f.filled})
    write_consolidated(out, report)
    counts = _counts(consolidation, winners, late, problems)
    files = [_file_row(f, winners) for f in found]
    if ledger:
        states = {s.unit: s.state for s in consolidation.submissions}
        rows = [_ledger_row(f, winners, states) for f in found] + [_skipped_row(s) for s in skipped]
        ledger_db.record_run(Path(ledger), round_name, inbox, out, counts, rows)
    return CollectResult(out, consolidation, problems, counts, files,
                         [{"name": s.name, "reason": s.reason} for s in skipped])


def _examine_all(entries, plan: CollectIndex, round_name: str, limits: Limits) -> list[Examined]:
    by_hash: dict[str, Examined] = {}
    found: list[Examined] = []
    for name, path, seen in entries:
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
    return found


def _file_hash(found: list[Examined], path: Path) -> str:
    for f in found:
        if f.source.path == path and not f.source.member:
            return f.source.sha256
    return sha256_of(path)  # a .zip: its members were hashed, not the archive


def _counts(consolidation, winners, late, problems) -> dict:
    subs = consolidation.submissions
    missing = sum(1 for s in subs if s.state == forms.NOT_SUBMITTED)
    return {
        "expected": len(subs),
        "reported": len(subs) - missing,
        "missing": missing,
        "late": len(late),
        "problems": len(problems),
        "unverified": sum(1 for f in winners.values() if not f.verified),
    }


def _file_row(found: Examined, winners: dict) -> dict:
    return {
        "name": found.source.name,
        "unit": found.unit,
        "round": found.round,
        "outcome": found.outcome,
        "verified": found.verified,
        "problems": len(found.problems),
    }


def _ledger_row(found: Examined, winners: dict, states: dict) -> dict:
    state = states.get(found.unit, "") if winners.get(found.unit) is found else ""
    return {
        "path": found.source.ledger_path,
        "sha256": found.source.sha256,
        "size": found.source.size,
        "mtime": found.source.received,
        "unit": found.unit,
        "form_round": found.round,
        "outcome": found.outcome,
        "state": state,
        "problems": len(found.problems),
    }


def _skipped_row(skipped: Skipped) -> dict:
    return {
        "path": printable(str(skipped.path)), "sha256": "", "size": None, "mtime": "", "unit": "",
        "form_round": "", "outcome": SKIPPED, "state": "", "problems": 0,
    }


def status(master_path, round_name: str) -> list[dict]:
    """Every expected unit of the round with its state in the last collection run."""
    master = Path(master_path)
    plan = _load_plan(master)
    _check_round(plan, round_name)
    return status_of(plan, paths.ledger(master), round_name)


def status_rounds(master_path, round_name: str | None = None) -> tuple[list[str], list[dict]]:
    """The rounds to show (the given one, or every round collected so far) and their rows."""
    master = Path(master_path)
    plan = _load_plan(master)
    ledger = paths.ledger(master)
    if round_name:
        _check_round(plan, round_name)
        rounds = [round_name]
    else:
        done = set(ledger_db.rounds(ledger))
        rounds = [r.name for r in plan.settings.rounds if r.name in done]
        rounds += sorted(done - set(rounds))
    return rounds, [row for name in rounds for row in status_of(plan, ledger, name)]


def status_of(plan: Plan, ledger_path: Path, round_name: str) -> list[dict]:
    run = ledger_db.last_run(ledger_path, round_name)
    used = {}
    if run is not None:
        for row in ledger_db.files_of_run(ledger_path, run["id"]):
            if row["outcome"] == USED:
                used[row["unit"]] = row
    rows = []
    for unit in CollectIndex(plan).responsible:
        row = used.get(unit)
        rows.append({
            "round": round_name,
            "unit": unit,
            "state": row["state"] if row else forms.NOT_SUBMITTED,
            "file": row["path"] if row else "",
            "received": row["mtime"] if row else "",
            "problems": row["problems"] if row else 0,
            "collected": run["started"] if run else "",
        })
    return rows
