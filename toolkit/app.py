"""The unattended run: collect, check and summary in one go, for cron or the Task Scheduler.

`workplan run MASTER.xlsx [--round ROUND]` asks nothing, writes a log beside the outputs,
holds the master's lock (so a run and a click in Excel never write at once), prints one JSON
line with the counts, and exits 0 on success, 1 when it ran but found problems (problem rows
or units that have not reported), 2 when it could not run.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.common import paths
from toolkit.rules.rounds import current_round, find_round, round_label
from toolkit.errors import WorkplanError, machine_failure
from toolkit.common.lock import stage_lock
from toolkit.common.logs import log_to

log = logging.getLogger("workplan.batch")

OK, FOUND_PROBLEMS, FAILED = 0, 1, 2


@dataclass
class RunResult:
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


def pick_round(plan, round_name: str | None, today: date | None = None) -> str:
    """The round asked for, or the one due now according to the 设置 sheet."""
    if round_name:
        return find_round(plan, round_name).name
    return current_round(plan.settings, today or date.today())


def run_round(master: str | Path, round_name: str | None = None) -> RunResult:
    """Collect, check and summarise one round; never raises for a user error.

    The master is read once; the collected round and its evaluation pass to the summary in
    memory."""
    from toolkit.books.master import load_master

    master = Path(master)
    result = RunResult(round=round_name or "")
    try:
        with stage_lock(master, "定时汇总"):
            plan = load_master(master)
            result.round = pick_round(plan, round_name)
            result.log = str(_log_file(master, plan, result.round))
            log_to(result.log)
            log.info("batch run: %s, round %s", master, result.round)
            _stages(master, plan, result)
    except WorkplanError as exc:
        log.warning("batch run stopped: %s", exc.message)
        result.exit_code, result.error = FAILED, exc.message
    except Exception as exc:  # a bug: logged with its traceback, reported in one line
        log.exception("batch run failed")
        result.exit_code = FAILED
        failure = machine_failure(exc)  # or the machine: disk full, read-only, permission
        result.error = failure.message if failure else f"程序内部出错（{type(exc).__name__}），详见日志"
    return result


def _log_file(master: Path, plan, round_name: str) -> Path:
    settings = plan.settings
    folder = paths.consolidated(master, settings.year, round_name, settings.folders).parent
    return folder / f"{round_label(settings.year, round_name)}运行日志.log"


def _stages(master: Path, plan, result: RunResult) -> None:
    from toolkit.collect import collect_plan
    from toolkit.store import Store
    from toolkit.summary import render_summary

    settings, name = plan.settings, result.round
    inbox = paths.inbox(master, settings.year, name, settings.folders)
    out = paths.consolidated(master, settings.year, name, settings.folders)
    result.mail = _fetch_mail(master, plan, name)
    store = Store.beside(master)
    collected = collect_plan(plan, name, inbox, out, store=store)
    log.info("collect: %s", collected.summary_line())
    evaluation = collected.evaluation
    folder = paths.summary_dir(master, settings.year, name, settings.folders)
    summary = render_summary(plan, collected.consolidation, evaluation, name, folder, store=store,
                             comparison=collected.collected.comparison)
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


def _fetch_mail(master: Path, plan, name: str) -> str:
    """Fetch the returns from the mailbox first, when 设置 names one; a mailbox that cannot be
    reached does not stop the run: the inbox is collected as it is, and the line says so."""
    from toolkit.mail import configured, fetch_plan

    if not configured(plan):
        return ""
    try:
        fetched = fetch_plan(plan, name, master)
    except WorkplanError as exc:
        log.warning("mail fetch failed: %s", exc.message)
        return f"未能收取邮件：{exc.message}本次按回收文件夹中已有的表格汇总。"
    for line in fetched.lines:
        log.info("mail: %s", line)
    return fetched.summary_line()


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "run", help="定时批处理：汇总、核对、总结一次完成",
        description="无人值守运行：汇总回收文件夹、核对指标、生成总结；输出一行 JSON。"
                    "退出码 0 成功，1 有问题或有单位未报送，2 无法运行。",
    )
    p.add_argument("master", metavar="总表.xlsx", help="任务分解总表（.xlsx）")
    p.add_argument("--round", metavar="轮次", help="报送轮次（默认按“设置”表的截止日期自动选择）")
    p.set_defaults(func=_cli)


def _cli(args) -> int:
    result = run_round(args.master, args.round)
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return result.exit_code
