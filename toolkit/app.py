"""The hall: the year as commands, in pipeline order.

Each command opens the master once, under its lock, picks the round and the folders, runs the
stages in order and returns a Result (toolkit.model.result) that every front end (command line,
ribbon, launchers, the scheduled run) shows the same way. Only this module knows where files go
(toolkit.common.paths) and takes the master's lock; the stages take a Plan and inputs and return
records, and never call one another.

    import_plan, new_master   the plan document (or nothing) -> the master workbook
    assign                    the master -> one form per unit and the 下发清单
    fetch                     the office mailbox -> the round's inbox
    collect                   the inbox -> the store -> the consolidated workbook, checked
    check                     the round from the store, checked again
    summarise                 the round -> the summary workbook and document
    feedback, remind, send    back to the units: 退回修改, 催报, by mail
    status, history           what the store knows
    run                       fetch, collect, check and summarise, unattended
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from toolkit import vocab
from toolkit.common import paths
from toolkit.common.atomic import remove_leftovers, sha256_of
from toolkit.common.edits import kept_line, written
from toolkit.common.lock import lock_path, stage_lock
from toolkit.common.logs import default_log_path, log_to
from toolkit.common.memory import collector_paused
from toolkit.common.progress import Progress, silent
from toolkit.errors import Problem, WorkplanError, interrupted, master_not_found, user_message
from toolkit.intake.limits import DEFAULT_LIMITS, Limits
from toolkit.model.plan import Plan, Round
from toolkit.model.result import FAILED, FOUND_PROBLEMS, OK, Result
from toolkit.rules.rounds import current_round, find_round, round_label
from toolkit.rules.text import shown_name

log = logging.getLogger("workplan.app")

MASTER_SUFFIX = "_任务分解总表.xlsx"
WRITING = "写出汇总表"


def label(command: str) -> str:
    """The command as a user reads it: on the ribbon, in a launcher, in a lock's holder."""
    return vocab.COMMANDS[command]


def command(name: str):
    """The hall's function for a command as vocab.COMMANDS names it."""
    return {"import": import_plan, "new": new_master, "summary": summarise}.get(name) or globals()[name]


# --- the master, open under its lock ----------------------------------------------------------
@dataclass
class Session:
    """The master workbook of one command, read once, and the folders of its rounds."""

    master: Path
    plan: Plan
    locked: bool = False  # under the master's lock: the store may be put right

    @cached_property
    def store(self):
        from toolkit.store import Store

        store = Store.beside(self.master)
        if self.locked and store.path.is_file():
            store.ready()
            if store.rebuilt is not None:
                _reconcile(self, store)
        return store

    def round(self, name: str | Round | None) -> Round:
        """The round asked for (one line naming the rounds there are when it is not one)."""
        return find_round(self.plan, name or "")

    def current(self, name: str | None, today: date | None = None) -> Round:
        """The round asked for, or the one due now according to the 设置 sheet."""
        if name:
            return self.round(name)
        return self.round(current_round(self.plan.settings, today or date.today()))

    def path(self, kind: str, rnd: Round) -> Path:
        """A round's folder or file: outbox, inbox, consolidated, summary_dir, feedback_dir,
        reminder_dir (toolkit.common.paths)."""
        return getattr(paths, kind)(self.master, self.plan.year, rnd.name,
                                    self.plan.settings.folders)

    def output(self, out, kind: str, rnd: Round, label: str = "", write: str = "") -> Path:
        """`out`, a round's output of `kind` (see PLACES; or any `label` and `write`), once it
        is sure not to overwrite an input (the master, the store, any round's inbox; for the
        inbox itself, which `fetch` writes into, the others) nor to mix with another output,
        another office's folder or the root of a disk."""
        out = Path(out)
        known = PLACES.get(kind)
        label, write = label or known[0], write or known[1]
        rounds = list(self.plan.settings.rounds)
        rounds += [] if self.plan.settings.round(rnd.name) else [rnd]
        inputs = [self.master, *self._store_files()]
        inboxes = [self.path("inbox", r) for r in rounds
                   if (kind, r.name) != ("inbox", rnd.name)]
        paths.refuse_input_as_output(out, label, files=inputs, folders=inboxes,
                                     holding=inputs + inboxes if write == paths.FOLDER else ())
        others = [(PLACES[k][0], self.path(k, r), PLACES[k][1]) for r in rounds for k in PLACES
                  if (k, r.name) != (kind, rnd.name) and (k != "inbox" or kind == "inbox")]
        base = None
        if known and out == self.path(kind, rnd):
            base = paths.folder(self.master, known[2], self.plan.settings.folders)
        paths.refuse_misplaced(out, label, self.master, write=write, others=others, base=base)
        return out

    def _store_files(self) -> list[Path]:
        from toolkit.store import STORE_NAME

        store = self.master.parent / STORE_NAME
        return [store, store.with_name(STORE_NAME + "-wal"), store.with_name(STORE_NAME + "-shm"),
                lock_path(self.master)]


# kind -> (what a line calls it, how it is written, its 设置 folder)
PLACES = {
    "outbox": ("下发文件夹", paths.FOLDER, paths.OUTBOX),
    "inbox": ("回收文件夹", paths.FOLDER, paths.INBOX),
    "consolidated": ("汇总表", paths.FILE, paths.CONSOLIDATED),
    "summary_dir": ("总结文件夹", paths.FILES, paths.SUMMARY),
    "feedback_dir": ("退回修改文件夹", paths.FOLDER, paths.FEEDBACK),
    "reminder_dir": ("催报文件夹", paths.FOLDER, paths.REMINDERS),
}


def _reconcile(s: Session, store) -> None:
    """A store rebuilt after corruption, told again what the disk still shows: the files
    fetched from the mailbox (their names and times say when they arrived) and the messages
    sent (the copies in 已发邮件). A round it no longer knows as collected is collected again
    when a command needs it (`_collected`)."""
    from toolkit.common.atomic import sha256_of as digest
    from toolkit.mail.fetch import arrival_of
    from toolkit.mail.send import WHATS, sent_copies

    fetched = sent = 0
    for rnd in s.plan.settings.rounds:
        inbox = s.path("inbox", rnd)
        files = sorted(p for p in inbox.rglob("*") if p.is_file()) if inbox.is_dir() else []
        found = [(digest(p), str(p.resolve()), arrived.isoformat(sep=" ", timespec="seconds"))
                 for p in files if (arrived := arrival_of(p)) is not None]
        fetched += store.record_fetched_files(rnd.name, found)
        for what in WHATS:
            for c in sent_copies(paths.sent_mail(s.master, s.plan.year, rnd.name, what)):
                store.record_sent(c["round"], c["what"], c["unit"], c["address"],
                                  c["message_id"], c["sent"])
                sent += 1
    log.warning("store rebuilt: %d fetched files and %d messages sent known again", fetched, sent)
    if fetched or sent:
        store.notices.append(f"已按磁盘上的文件恢复台账：邮件附件 {fetched} 个、已发邮件 {sent} 封。")


def _collected(s: Session, rnd: Round) -> None:
    """A round a rebuilt store no longer knows as collected, collected again into it from its
    inbox (no workbook is written), so that check, summary, feedback and reminders still see
    the returns that are there."""
    from toolkit.collect import collect_inbox
    from toolkit.common.atomic import sha256_of as digest

    store, inbox = s.store, s.path("inbox", rnd)
    if store.rebuilt is None or store.latest_run(rnd.name) is not None or not inbox.is_dir():
        return
    out = s.path("consolidated", rnd)
    found = collect_inbox(s.plan, rnd.name, inbox, store=store, exclude=(out,))
    run = store.record_collection(rnd.name, inbox, out, found.collected.counts, found.records,
                                  found.answers, found.extra,
                                  output_sha256=digest(out) if out.is_file() else "")
    store.complete_run(run)
    log.warning("store rebuilt: round %s collected again from %s", rnd.name, inbox)
    store.notices.append(f"台账重建后已按回收文件夹重新登记“{rnd.name}”的报送。")


_told: list[str] = []  # what the last master read has to tell the user (see `notices`)


def _load(master: Path) -> Plan:
    from toolkit.books.master import load_master

    if not master.is_file():
        raise master_not_found(master)
    plan = load_master(master)
    _told[:] = plan.notices
    for line in plan.notices:
        log.warning("master: %s", line)
    return plan


def notices() -> list[str]:
    """What the master of the last command has to tell the user whatever the command (its
    signing keys left merely hidden): every front end shows these beside the result."""
    return list(_told)


def read_master(master) -> Plan:
    """The master workbook as a Plan, with the administrator's edits (read, not locked)."""
    return _load(Path(master))


@contextmanager
def _session(master, command: str):
    """The master read under its lock, held for the whole command."""
    master = Path(master)
    if not master.is_file():  # said before any lock file is made beside it
        raise master_not_found(master)
    with stage_lock(master, label(command)):
        session = Session(master, _load(master), locked=True)
        try:
            yield session
        finally:
            if "store" in session.__dict__:  # opened: its readers' connections go
                session.store.close_readers()


@contextmanager
def hold(master, who: str):
    """The master's lock for a front end that prepares a command (the ribbon saves the master
    and closes the workbooks a command rewrites); the command inside takes it again."""
    with stage_lock(Path(master), who):
        yield


def _reading(master) -> Session:
    """The master read without the lock: for commands that only read (status, history)."""
    master = Path(master)
    return Session(master, _load(master))


# --- stage 1: the plan ------------------------------------------------------------------------
@dataclass
class ImportResult(Result):
    master_path: Path | None
    plan: Plan
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return self.plan.to_json()

    def headline(self) -> str:
        p = self.plan
        if self.master_path is None:
            return f"已解析 {len(p.sections)} 个部分、{len(p.tasks)} 项任务、{len(p.indicators)} 个指标。"
        if not p.tasks:
            return (f"已生成空白总表：{self.master_path}。请在“任务”表逐行录入或粘贴任务"
                    "（序号、任务名称、任务内容、责任单位），在“指标”表录入指标，保存后即可生成任务表。")
        return (f"已导入 {len(p.sections)} 个部分、{len(p.tasks)} 项任务、{len(p.indicators)} 个指标、"
                f"{len(p.units)} 个单位，生成总表：{self.master_path}")

    def lines(self) -> list[str]:
        return [self.headline()] + [f"提示：{w}" for w in self.warnings]

    def opens(self) -> list[Path]:
        return [self.master_path] if self.master_path else []


def read_plan(plan_path=None) -> ImportResult:
    """The plan parsed, nothing written (`workplan import --no-write`)."""
    from toolkit.plan_import import parse_plan_file, reference_plan_path

    plan = parse_plan_file(plan_path or reference_plan_path())
    return ImportResult(None, plan, list(plan.warnings))


def import_plan(plan_path=None, out=None, force: bool = False) -> ImportResult:
    """Parse a plan (the built-in reference plan by default) and write the master workbook."""
    from toolkit.plan_import import parse_plan_file, reference_plan_path

    plan_path = Path(plan_path) if plan_path else reference_plan_path()
    plan = parse_plan_file(plan_path)
    master = Path(out) if out else default_master_path(plan_path, plan)
    _write_new_master(plan, master, force)
    return ImportResult(master, plan, list(plan.warnings))


def new_master(out=None, force: bool = False, title: str = "", year: int | None = None
               ) -> ImportResult:
    """Write an empty master workbook (workplan new, import --blank)."""
    from toolkit.plan_import import blank_plan

    plan = blank_plan(title, year)
    master = Path(out) if out else Path("workbooks") / f"{_safe(title or '工作要点')}{MASTER_SUFFIX}"
    _write_new_master(plan, master, force)
    return ImportResult(master, plan, [])


def default_master_path(plan_path: Path, plan: Plan) -> Path:
    """workbooks/<plan name>_任务分解总表.xlsx beside the plan; the built-in plan's in ./workbooks."""
    from toolkit.plan_import import reference_plan_path

    stem = plan.meta.title or Path(plan_path).stem
    builtin = Path(plan_path) == reference_plan_path()
    folder = Path("workbooks") if builtin else Path(plan_path).parent / "workbooks"
    return folder / f"{_safe(stem)}{MASTER_SUFFIX}"


def import_target(plan_path) -> Path:
    """Where importing `plan_path` writes its master (the ribbon asks before overwriting)."""
    from toolkit.plan_import import parse_plan_file

    return default_master_path(Path(plan_path), parse_plan_file(plan_path))


def _safe(name: str) -> str:
    cleaned = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name).strip(" .")
    return cleaned.replace(" ", "")[:80] or "工作要点"


def _write_new_master(plan: Plan, master: Path, force: bool) -> None:
    """Every import (and every new master) signs its forms with a new key; the keys of the
    master it replaces are kept, so forms already sent out still verify as ours."""
    from toolkit.books.form.layout import new_key
    from toolkit.books.master import write_master
    from toolkit.books.master.reader import earlier_keys

    if master.exists() and not force:
        raise WorkplanError(
            f"总表 {master} 已存在，为免覆盖管理员的修改未重新生成；确需重新导入请加 --force。")
    master.parent.mkdir(parents=True, exist_ok=True)  # the master's folder holds its lock
    with stage_lock(master, label("import")):
        plan.keys = earlier_keys(master) + [new_key()]
        write_master(plan, master)


# --- stage 2: the forms -----------------------------------------------------------------------
def assign(master, round_name: str | None = None, out_dir=None, units=None, force: bool = False,
           progress: Progress = silent):
    """The round's folder of assignment workbooks and its 下发清单."""
    with _session(master, "assign") as s:
        return _assign(s, s.round(round_name), out_dir, units, force, progress)


def _assign(s: Session, rnd: Round, out_dir, units, force: bool, progress: Progress = silent):
    from toolkit.assign import assign_plan
    from toolkit.books.form.layout import PREVIOUS_FIELDS

    if not s.plan.keys:
        raise WorkplanError(f"总表 {s.master.name} 中没有签名密钥（可能由旧版本工具生成），"
                            "生成的任务表将无法核验；请重新导入计划（workplan import --force）。")
    out = s.output(out_dir or s.path("outbox", rnd), "outbox", rnd)
    previous = s.store.previous_answers(s.plan, rnd, PREVIOUS_FIELDS)
    return assign_plan(s.plan, rnd, out, units=units, force=force, progress=progress,
                       previous=previous, store=s.store)


# --- the mailbox ------------------------------------------------------------------------------
def fetch(master, round_name: str | None = None, limits: Limits = DEFAULT_LIMITS):
    """The returns in the office mailbox saved into the round's inbox."""
    with _session(master, "fetch") as s:
        return _fetch(s, s.current(round_name), limits)


def _fetch(s: Session, rnd: Round, limits: Limits = DEFAULT_LIMITS):
    from toolkit.mail.fetch import fetch_plan

    inbox = s.output(s.path("inbox", rnd), "inbox", rnd, write=paths.FILES)
    return fetch_plan(s.plan, rnd.name, inbox, s.store, limits)


# --- stages 3 and 4: collect and check --------------------------------------------------------
@dataclass
class CollectResult(Result):
    output: Path
    collected: object  # toolkit.collect.rounds.CollectedRound
    evaluation: object  # toolkit.check.Evaluation
    skipped: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. the store was rebuilt
    kept: list[str] = field(default_factory=list)  # outputs someone edited, left as they were

    @property
    def consolidation(self):
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
                for r in self.collected.records if r.outcome != vocab.SKIPPED]

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
        return line + (f"。{kept_line(self.kept).rstrip('。')}" if self.kept else "")

    def headline(self) -> str:
        return f"{self.summary_line()}。汇总表：{self.output}"

    def lines(self) -> list[str]:
        out = [shown_name(f"[{p.severity}] {p.line()}") for p in self.problems]
        return out + [f"提示：{n}" for n in self.notices] + [self.headline()]

    def opens(self) -> list[Path]:
        return [self.output]


def collect(master, round_name: str | None, inbox=None, out=None, archive=None,
            limits: Limits = DEFAULT_LIMITS, progress: Progress = silent) -> CollectResult:
    """Collect one round: the inbox read, the store recorded, the consolidated workbook written
    with the check's sheets."""
    with _session(master, "collect") as s:
        rnd = s.round(round_name)
        inbox = Path(inbox) if inbox else s.path("inbox", rnd)
        out = s.output(out or s.path("consolidated", rnd), "consolidated", rnd)
        if archive is not None:
            s.output(archive, "archive", rnd, "归档文件夹", paths.FILES)
        _refuse_inputs(out, archive, inbox, s.master)
        return collect_plan(s.plan, rnd.name, inbox, out, store=s.store, archive=archive,
                            limits=limits, progress=progress)


def collect_plan(plan: Plan, round_name: str, inbox, out, *, store=None, archive=None,
                 limits: Limits = DEFAULT_LIMITS, progress: Progress = silent,
                 hear=None) -> CollectResult:
    """The work of `collect` on a Plan in memory, with its folders given: read the inbox,
    check the figures, record the run in `store` (a Store or its path; none: nothing is
    recorded) and write the consolidated workbook `out`. `hear` is told each task's answers
    as the check reads them (a summary's `_hearing`)."""
    from toolkit.check import evaluate
    from toolkit.collect import collect_inbox
    from toolkit.store import Store

    inbox, out = Path(inbox), Path(out)
    if not inbox.is_dir():
        raise WorkplanError(f"找不到回收文件夹 {inbox}，请把各单位报回的表格放入该文件夹后再汇总。")
    _refuse_inputs(out, archive, inbox)
    if store is not None and not isinstance(store, Store):
        store = Store(store)
    with collector_paused():
        found = collect_inbox(plan, round_name, inbox, store=store, archive=archive,
                              exclude=(out, store.path if store else None, archive),
                              limits=limits, progress=progress)
        collected = found.collected
        if store is not None:  # recorded by the collection: not held through the writing
            found.answers = []
        evaluation = evaluate(plan, collected.consolidation, round_name, hear)
        runs = []

        def record(tmp: Path, target: Path) -> None:
            if store is not None:
                runs.append(store.record_collection(round_name, inbox, target, collected.counts,
                                                    found.records, found.answers, found.extra,
                                                    output_sha256=sha256_of(tmp)))

        for r in found.records:
            if r.outcome == vocab.REJECTED:  # a file turned away whole: the log names it
                log.warning("未汇总 %s：%s", r.name, r.problems[0].problem if r.problems else "")
        progress(WRITING, 0, 1)
        written = _publish(found.index, collected, evaluation, out, store, record)
        progress(WRITING, 1, 1)
        for run in runs:
            store.complete_run(run)
    return CollectResult(written, collected, evaluation,
                         [{"name": s.name, "reason": s.reason} for s in found.skipped],
                         list(store.notices) if store else [],
                         [str(out)] if written != out else [])


def _refuse_inputs(out: Path, archive, inbox: Path, master: Path | None = None) -> None:
    """No output may overwrite an input: the master, or the returned files in the inbox (an
    archive folder inside the inbox too: the inbox would change)."""
    paths.refuse_input_as_output(out, "汇总表", files=[master], folders=[inbox])
    paths.refuse_input_as_output(archive, "归档文件夹", files=[master], folders=[inbox])


def _publish(index, collected, evaluation, out: Path, store=None, before_move=None) -> Path:
    """Write the consolidated workbook into place and return where: `out`, or beside it when
    someone edited `out` since we wrote it (toolkit.common.edits). `before_move(tmp, target)`
    runs once it is written and before it replaces its predecessor (the store records the run
    there)."""
    from toolkit.books.consolidated.writer import write_consolidated

    title = f"{index.plan.display_title}（{collected.round}）"
    remove_leftovers(out.parent)
    with written(out, store, before_move=before_move) as place:  # open in Excel: one line
        write_consolidated(place.tmp, index, collected, evaluation, title)
    return place.path


@dataclass
class CheckResult(Result):
    output: Path
    round: str
    indicators: list = field(default_factory=list)  # toolkit.check IndicatorResult
    tasks: list = field(default_factory=list)  # TaskResult
    allocations: list = field(default_factory=list)  # AllocationResult
    counts: dict[str, int] = field(default_factory=dict)
    task_counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, output: Path, evaluation) -> "CheckResult":
        return cls(output=output, round=evaluation.round, indicators=evaluation.indicators,
                   tasks=evaluation.tasks, allocations=evaluation.allocations,
                   counts=evaluation.counts, task_counts=evaluation.task_counts)

    @property
    def attention(self) -> list:
        """Indicators someone should look at: neither met nor on track."""
        return [i for i in self.indicators if i.status not in vocab.GOOD_STATUSES]

    def to_json(self) -> dict:
        return {
            "round": self.round,
            "output": str(self.output),
            "counts": self.counts,
            "task_counts": self.task_counts,
            "indicators": [i.to_json() for i in self.indicators],
            "allocations": [asdict(a) for a in self.allocations],
            "tasks": [t.to_json() for t in self.tasks],
        }

    def headline(self) -> str:
        ind = "，".join(f"{s}{n}项" for s, n in self.counts.items() if n)
        tasks = "，".join(f"{s}{n}项" for s, n in self.task_counts.items() if n)
        return (
            f"{self.round}核对完成：指标{len(self.indicators)}项（{ind or '无'}）；"
            f"任务{len(self.tasks)}项（{tasks or '无'}）。"
            f"结果已写入 {self.output.name} 的「指标核对」「分解核对」「任务核对」工作表。"
        )

    def lines(self) -> list[str]:
        return [self.headline()] + [
            f"  {i.key} {i.name}（{i.target_text}）— {i.status}"
            + (f"：{i.remark}" if i.remark else "") for i in self.attention]

    def opens(self) -> list[Path]:
        return [self.output]


def check(master, round_name: str | None) -> CheckResult:
    """Check the round as the store holds it (the last collection, with the corrections of the
    master's 核实更正 sheet) and rewrite the consolidated workbook with the check's sheets."""
    from toolkit.check import evaluate
    from toolkit.collect import rebuild

    with _session(master, "check") as s, collector_paused():
        rnd = s.round(round_name)
        _collected(s, rnd)
        stored = rebuild(s.plan, s.store, rnd.name)
        evaluation = evaluate(s.plan, stored.collected.consolidation, rnd.name)
        out = s.output(stored.output, "consolidated", rnd)
        written = _publish(stored.index, stored.collected, evaluation, out, s.store)
    return CheckResult.of(written, evaluation)


# --- stage 5: the summary ---------------------------------------------------------------------
def summarise(master, round_name: str | None = vocab.FINAL_ROUND, out_dir=None):
    """The round as the store holds it, checked, and its summary files written."""
    from toolkit.check import evaluate
    from toolkit.collect import rebuild

    with _session(master, "summary") as s, collector_paused():
        rnd = s.round(round_name)
        _collected(s, rnd)
        stored = rebuild(s.plan, s.store, rnd.name)
        heard = _hearing(s.plan, rnd.name)
        evaluation = evaluate(s.plan, stored.collected.consolidation, rnd.name, heard)
        folder = s.output(out_dir or s.path("summary_dir", rnd), "summary_dir", rnd)
        return _summarise(s.plan, stored.collected, evaluation, folder, s.store, heard)


def _hearing(plan: Plan, round_name: str):
    """What the summary takes from each task's answers, to be told them by the check as it
    reads them: the round is then read once for both."""
    from toolkit.rules.rounds import is_final
    from toolkit.summary import Heard

    return Heard(is_final(find_round(plan, round_name)))


def _summarise(plan: Plan, collected, evaluation, folder: Path, store, heard=None):
    from toolkit.check import evaluate
    from toolkit.summary import render_summary

    compared = collected.comparison
    before = None
    if compared is not None and compared.before is not None:
        before = evaluate(plan, compared.before, compared.previous_round)
    return render_summary(plan, collected.consolidation, evaluation, folder, store=store,
                          comparison=compared, before=before, heard=heard)


# --- back to the units ------------------------------------------------------------------------
def feedback(master, round_name: str | None, units=None, out_dir=None,
             today: date | None = None):
    """退回修改: each unit with problems gets its own return back, its problems marked, to send
    again within the days 设置 allows after `today`."""
    with _session(master, "feedback") as s:
        return _feedback(s, s.round(round_name), units, out_dir, today)


def _feedback(s: Session, rnd: Round, units, out_dir, today: date | None = None,
              staged: Path | None = None):
    """退回修改 into its folder, or, for a dry run, into `staged` (nothing else written)."""
    from toolkit.books.form.layout import PREVIOUS_FIELDS
    from toolkit.followup.feedback import feedback_plan

    out = staged or s.output(out_dir or s.path("feedback_dir", rnd), "feedback_dir", rnd)
    _collected(s, rnd)
    previous = s.store.previous_answers(s.plan, rnd, PREVIOUS_FIELDS)
    return feedback_plan(s.plan, rnd, s.store, out, previous, units, today or date.today(),
                         guard=staged is None)


def remind(master, round_name: str | None, each: bool = False, out_dir=None,
           today: date | None = None):
    """催报: the round's notices and texts for the units not (fully) reported."""
    with _session(master, "remind") as s:
        return _remind(s, s.round(round_name), each, out_dir, today)


def _remind(s: Session, rnd: Round, each: bool, out_dir, today: date | None,
            staged: Path | None = None):
    """催报 into its folder, or, for a dry run, into `staged` (nothing else written)."""
    from toolkit.collect import rebuild
    from toolkit.followup.remind import reminders, write_reminders

    _collected(s, rnd)
    collected = rebuild(s.plan, s.store, rnd.name, record=staged is None).collected
    found = reminders(s.plan, collected.consolidation)
    out = staged or s.output(out_dir or s.path("reminder_dir", rnd), "reminder_dir", rnd)
    return write_reminders(s.plan, rnd, found, out, each, today or date.today(),
                           store=None if staged else s.store)


def send(master, round_name: str | None, what: str, units=None, dry_run: bool = False,
         force: bool = False, out_dir=None):
    """The round's forms, 退回修改 workbooks or 催报 texts to each unit's 邮箱 (or, with
    `dry_run`, as .eml files into 待发邮件/)."""
    from toolkit.mail import send as mail

    if what not in mail.WHATS:
        raise WorkplanError(f"--what 只能是 {'、'.join(mail.WHATS)}，不能是“{what}”。")
    with _session(master, "send") as s:
        rnd = s.round(round_name)
        mail.check_sender(s.plan, dry_run)
        folder = sent = None
        if dry_run:
            folder = s.output(out_dir or paths.outgoing_mail(s.master, s.plan.year, rnd.name,
                                                             what),
                              "outgoing", rnd, "待发邮件文件夹", paths.FILES)
        else:
            sent = s.output(paths.sent_mail(s.master, s.plan.year, rnd.name, what), "sent", rnd,
                            "已发邮件文件夹", paths.FILES)
        with _staging(dry_run) as staged:  # attachments are read before it goes
            outgoing = _outgoing(s, rnd, what, units, staged)
            return mail.send(s.plan, rnd, what, outgoing, s.store, dry_run=dry_run,
                             force=force, folder=folder, sent_folder=sent)


@contextmanager
def _staging(dry_run: bool):
    """For a dry run, a temporary folder away from the master's for whatever a message needs
    made (a dry run changes nothing on disk but its .eml files); else None."""
    if not dry_run:
        yield None
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="workplan-") as tmp:
        yield Path(tmp)


def _outgoing(s: Session, rnd: Round, what: str, units, staged: Path | None):
    from toolkit.books.form.layout import FormIndex
    from toolkit.mail import send as mail
    from toolkit.rules.units import select_units

    if what == mail.FORMS:
        return mail.form_messages(s.plan, rnd, _issued_forms(s, rnd, units, staged))
    if what == vocab.FEEDBACK:
        made = _feedback(s, rnd, units, None, staged=staged / "feedback" if staged else None)
        return mail.feedback_messages(s.plan, rnd, made.files)
    reminded = _remind(s, rnd, False, None, None, staged / "remind" if staged else None)
    wanted = None
    if units:
        wanted = set(select_units(s.plan, FormIndex(s.plan).responsible_units(), units))
    return mail.reminder_messages(s.plan, rnd, reminded.units, reminded.texts, wanted)


@dataclass
class Issued:
    unit: str
    path: Path


def _issued_forms(s: Session, rnd: Round, units, staged: Path | None) -> list[Issued]:
    """The forms to send: each unit's as it is in the round's 下发 folder (what was issued, as
    the office may have touched it); the forms missing there are made first (for a dry run,
    in `staged`)."""
    from toolkit.assign import assign_plan
    from toolkit.books.form.layout import FormIndex
    from toolkit.common.naming import unique_file_names
    from toolkit.rules.units import select_units

    everyone = FormIndex(s.plan).responsible_units()
    names = unique_file_names(everyone, round_label(s.plan.year, rnd.name))
    outbox = s.output(s.path("outbox", rnd), "outbox", rnd)  # the forms' place, even to read
    wanted = select_units(s.plan, everyone, units)
    found = {u: outbox / names[u] for u in wanted if (outbox / names[u]).is_file()}
    missing = [u for u in wanted if u not in found]
    if missing and staged is not None:
        made = assign_plan(s.plan, rnd, staged / "forms", units=missing, force=True).files
    elif missing:
        made = _assign(s, rnd, None, missing, outbox.exists(), silent).files
    else:
        made = []
    found.update({f.unit: f.path for f in made})
    return [Issued(u, found[u]) for u in wanted if u in found]


def save_mail_password(user: str, password: str) -> None:
    """Keep a mailbox password in the system's credential store (`workplan mail login`)."""
    from toolkit.mail.config import store_password

    store_password(user, password)


def mail_accounts(master) -> list[str]:
    """The mailbox accounts 设置 names (for `workplan mail login`)."""
    from toolkit.mail.config import mail_settings

    settings = mail_settings(_load(Path(master)))
    return sorted({s.user for s in (settings.imap, settings.smtp) if s is not None and s.user})


# --- what the store knows ---------------------------------------------------------------------
@dataclass
class StatusResult(Result):
    rounds: list[str]
    rows: list[dict]

    def to_json(self) -> list[dict]:
        return self.rows

    def _block(self, name: str) -> list[dict]:
        return [r for r in self.rows if r["round"] == name]

    def headline(self) -> str:
        if not self.rounds:
            return "尚无汇总记录，请先运行 workplan collect。"
        parts = []
        for name in self.rounds:
            block = self._block(name)
            missing = [r["unit"] for r in block if not r["sent"]]
            text = f"{name}：" if len(self.rounds) > 1 else ""
            text += f"已报送 {len(block) - len(missing)} 个单位，未报送 {len(missing)} 个"
            if missing:
                text += "：" + "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
            parts.append(text)
        return "；".join(parts) + "。"

    def lines(self) -> list[str]:
        if not self.rounds:
            return [self.headline()]
        out = []
        for name in self.rounds:
            block = self._block(name)
            collected = block[0]["collected"] if block else ""
            head = f"{name}：应报 {len(block)} 个单位，已报送 {sum(r['sent'] for r in block)} 个"
            out.append(head + (f"（最近汇总：{collected}）" if collected else "（尚未汇总）"))
            for r in block:
                extra = f"  {r['received']}  问题 {r['problems']} 条" if r["file"] else ""
                out.append(f"  {r['unit']}  {r['state']}{extra}")
        return out


def status(master, round_name: str | None = None) -> StatusResult:
    """Every expected unit of the round (or of every round collected) and its state."""
    from toolkit.collect import rounds_shown, status_of

    s = _reading(master)
    if round_name:
        round_name = s.round(round_name).name
    rounds = rounds_shown(s.plan, s.store, round_name)
    try:
        rows = [row for name in rounds for row in status_of(s.plan, s.store, name)]
    finally:
        s.store.close_readers()
    return StatusResult(rounds, rows)


@dataclass
class HistoryResult(Result):
    unit: str
    rounds: list  # [(round, [collect.loop.Revision])]

    def to_json(self) -> dict:
        return {"unit": self.unit, "rounds": {name: [asdict(r) for r in revs]
                                              for name, revs in self.rounds}}

    def headline(self) -> str:
        files = sum(len(revs) for _, revs in self.rounds)
        return f"{self.unit}：{len(self.rounds)} 个轮次，共报送文件 {files} 份。"

    def lines(self) -> list[str]:
        out = [f"{self.unit}："]
        for name, revs in self.rounds:
            if not revs:
                out.append(f"  {name}：未报送")
                continue
            out.append(f"  {name}：")
            for r in revs:
                out.append(f"    {r.received}  {r.file}  {r.outcome}")
                out += [f"      {change.text()}" for change in r.changes]
        return out


def history(master, unit: str, round_name: str | None = None) -> HistoryResult:
    """Every file a unit sent for each collected round (or the one given) and the cells its
    resubmissions changed, as the 修改记录 sheet has them."""
    from toolkit.collect import history_of, rounds_shown

    s = _reading(master)
    if round_name:
        round_name = s.round(round_name).name
    name, rounds = history_of(s.plan, s.store, unit, rounds_shown(s.plan, s.store, round_name))
    return HistoryResult(name, rounds)


# --- the round as data (toolkit.frames, workplan export) ------------------------------------
def stored_round(master, round_name: str | None = None):
    """(plan, collected round, evaluation) of a round as the store holds it, read without the
    lock (toolkit.frames.load)."""
    s = _reading(master)
    return (s.plan, *_stored(s, s.current(round_name)))


def _stored(s: Session, rnd: Round):
    """(collected round, evaluation) of a round as the store holds it, checked."""
    from toolkit.check import evaluate
    from toolkit.collect import rebuild

    stored = rebuild(s.plan, s.store, rnd.name)
    return stored.collected, evaluate(s.plan, stored.collected.consolidation, rnd.name)


@dataclass
class ExportResult(Result):
    round: str
    output: Path
    rows: dict[str, int]  # sheet -> rows written
    kept: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"round": self.round, "output": str(self.output), "rows": self.rows,
                "kept": self.kept}

    def headline(self) -> str:
        sheets = "，".join(f"{name} {n} 行" for name, n in self.rows.items())
        kept = f"{kept_line(self.kept)}" if self.kept else ""
        return f"已导出{self.round}数据（{sheets}）：{self.output}。{kept}"

    def opens(self) -> list[Path]:
        return [self.output]


def export(master, round_name: str | None, out) -> ExportResult:
    """The round's answers, submissions, indicator results, 进展矩阵, 考评 (and 进展对比) as
    .csv (the long table) or .xlsx (one sheet each), from the store (toolkit.frames)."""
    from toolkit import frames

    out = Path(out)
    if out.suffix.lower() not in frames.SUFFIXES:
        raise WorkplanError(f"导出文件 {out.name} 的扩展名须为 .csv 或 .xlsx。")
    with _session(master, "export") as s:
        rnd = s.round(round_name)
        out = s.output(out, "", rnd, label="导出文件", write=paths.FILE)
        data = frames.RoundFrames(s.plan, *_stored(s, rnd))
        with written(out, s.store) as place:
            rows = frames.write(data, place.tmp)
    return ExportResult(rnd.name, place.path, rows, place.kept)


# --- offline install bundles (workplan bundle) -------------------------------------------------
@dataclass
class BundleResult(Result):
    output: Path
    target: str
    python: str
    packages: list[str]
    size: int  # bytes

    def to_json(self) -> dict:
        return {"output": str(self.output), "platform": self.target, "python": self.python,
                "packages": self.packages, "size": self.size}

    def headline(self) -> str:
        return (f"已制作安装包：{self.output}（{self.size / 1e6:.1f} MB，"
                f"{len(self.packages)} 个软件包，适用于 {self.target}、Python {self.python}）。")

    def opens(self) -> list[Path]:
        return [self.output]


def bundle(platform: str, python: str, out_dir, addin=None, cache=None,
           extra_wheels=None) -> BundleResult:
    """One zip that installs workplan with no network on `platform` (toolkit.bundle)."""
    from toolkit.bundle.build import build_bundle
    from toolkit.bundle.targets import python_version, target

    made = build_bundle(target(platform), python_version(python), Path(out_dir),
                        addin=Path(addin) if addin else None,
                        cache=Path(cache) if cache else None,
                        extra_wheels=Path(extra_wheels) if extra_wheels else None)
    return BundleResult(made.path, made.target.name, made.python, made.packages, made.size)


# --- the unattended run -----------------------------------------------------------------------
@dataclass
class RunResult(Result):
    round: str
    exit_code: int = OK
    counts: dict = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    log: str = ""
    error: str = ""
    kept: list[str] = field(default_factory=list)  # outputs someone edited, left untouched
    mail: str = ""  # what fetching the mailbox gave, when 设置 names one

    def to_json(self) -> dict:
        data = {"round": self.round, "exit_code": self.exit_code, **self.counts,
                "outputs": self.outputs, "kept": self.kept, "log": self.log}
        if self.mail:
            data["mail"] = self.mail
        if self.error:
            data["error"] = self.error
        return data

    def headline(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    def opens(self) -> list[Path]:
        return [Path(p) for p in self.outputs]


def run(master, round_name: str | None = None) -> RunResult:
    """Fetch (when 设置 names a mailbox), collect, check and summarise one round; never raises
    for a failure, nor for an interrupt: the result says it in one line (so the scheduler's log
    records every attempt), and the run's log has the details.

    The master is read once; the collected round and its evaluation pass to the summary in
    memory."""
    result = RunResult(round=round_name or "")
    try:
        with _session(master, "run") as s:
            rnd = s.current(round_name)
            result.round = rnd.name
            log_file = s.path("consolidated", rnd).parent / f"{round_label(s.plan.year, rnd.name)}运行日志.log"
            result.log = str(log_file)
            log_to(log_file)
            log.info("batch run: %s, round %s", s.master, rnd.name)
            _run_stages(s, rnd, result)
    except WorkplanError as exc:
        log.warning("batch run stopped: %s", exc.message)
        result.exit_code, result.error = FAILED, exc.message
    except KeyboardInterrupt as exc:  # Ctrl-C or the scheduler's stop: the line still says so
        log.warning("batch run interrupted")
        result.exit_code, result.error = FAILED, user_message(exc)
    except Exception as exc:  # a bug or the machine: logged with its traceback, said in one line
        if interrupted(exc):  # a library turned the interrupt into an error of its own
            log.warning("batch run interrupted")
        else:
            log.exception("batch run failed")
        result.exit_code, result.error = FAILED, user_message(exc)
    return result


def _run_stages(s: Session, rnd: Round, result: RunResult) -> None:
    out = s.output(s.path("consolidated", rnd), "consolidated", rnd)
    summary_dir = s.output(s.path("summary_dir", rnd), "summary_dir", rnd)
    result.mail = _fetch_mail(s, rnd)
    heard = _hearing(s.plan, rnd.name)
    collected = collect_plan(s.plan, rnd.name, s.path("inbox", rnd), out, store=s.store,
                             hear=heard)
    log.info("collect: %s", collected.summary_line())
    evaluation = collected.evaluation
    with collector_paused():
        summary = _summarise(s.plan, collected.collected, evaluation, summary_dir, s.store,
                             heard)
    counts = collected.counts
    result.counts = {
        "expected": counts.get("expected", 0),
        "reported": counts.get("reported", 0),
        "missing": counts.get("missing", 0),
        "late": counts.get("late", 0),
        "problems": counts.get("problems", 0),
        "indicators": dict(evaluation.counts),
    }
    result.outputs = [str(collected.output)] + [str(p) for p in summary.outputs]
    result.kept = collected.kept + summary.kept
    found = result.counts["problems"] or result.counts["missing"]
    result.exit_code = FOUND_PROBLEMS if found else OK


def _fetch_mail(s: Session, rnd: Round) -> str:
    """Fetch the returns from the mailbox first, when 设置 names one; a mailbox that cannot be
    reached does not stop the run: the inbox is collected as it is, and the line says so."""
    from toolkit.mail.config import configured

    if not configured(s.plan):
        return ""
    try:
        fetched = _fetch(s, rnd)
    except WorkplanError as exc:
        log.warning("mail fetch failed: %s", exc.message)
        return f"未能收取邮件：{exc.message}本次按回收文件夹中已有的表格汇总。"
    for line in fetched.report:
        log.info("mail: %s", line)
    return fetched.headline()


# --- what a front end asks before it runs a command ----------------------------------------
@dataclass
class Desk:
    """What a front end needs to know about a master before it runs a command on it."""

    master: Path
    round: str  # the round due today (设置's 当前轮次, else by due dates)
    log: Path  # the log file of commands started from a front end today
    folders: dict[str, Path]  # that round's, by kind (see `folders`)

    def rewrites(self, command: str) -> list[Path]:
        """What a command replaces (a front end closes the workbooks it has open there)."""
        if command in ("collect", "check", "run"):
            return [self.folders["consolidated"]]
        if command == "summary":
            return [self.folders["summary_dir"]]
        return []


def log_file(master=None, folders: dict | None = None, today: date | None = None) -> Path:
    """A front end's log of the day: in the master's 日志 folder, else in ~/.workplan."""
    stamp = (today or date.today()).strftime("%Y%m%d")
    folder = paths.logs(Path(master), folders) if master else default_log_path().parent
    return folder / f"功能区-{stamp}.log"


def desk(master, today: date | None = None) -> Desk:
    """The master's round due today, its folders and the front end's log file."""
    s = Session(Path(master), _load(Path(master)))
    rnd = s.current(None, today)
    return Desk(s.master, rnd.name, log_file(s.master, s.plan.settings.folders, today),
                _round_folders(s, rnd))


FOLDER_KINDS = ("outbox", "inbox", "consolidated", "summary_dir", "feedback_dir", "reminder_dir")


def folders(master, round_name: str | None = None) -> dict[str, Path]:
    """A round's places (the round due now when not given), by kind: outbox (下发), inbox
    (回收), consolidated (the 汇总表), summary_dir (总结), feedback_dir (退回修改),
    reminder_dir (催报)."""
    s = Session(Path(master), _load(Path(master)))
    return _round_folders(s, s.current(round_name))


def _round_folders(s: Session, rnd: Round) -> dict[str, Path]:
    return {kind: s.path(kind, rnd) for kind in FOLDER_KINDS}
