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
from toolkit.common.errors import WorkplanError
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

    def to_json(self) -> dict:
        data = {"round": self.round, "exit_code": self.exit_code, **self.counts,
                "outputs": self.outputs, "log": self.log}
        if self.error:
            data["error"] = self.error
        return data


def pick_round(master: Path, round_name: str | None, today: date | None = None) -> str:
    """The round asked for, or the one due now according to the 设置 sheet."""
    from toolkit.frontend import current_round
    from toolkit.master import load_master

    settings = load_master(master).settings
    if round_name:
        if settings.round(round_name) is None:
            names = "、".join(r.name for r in settings.rounds)
            raise WorkplanError(f"“设置”表中没有轮次“{round_name}”，可选：{names}。")
        return round_name
    return current_round(settings, today or date.today())


def run_round(master: str | Path, round_name: str | None = None) -> RunResult:
    """Collect, check and summarise one round; never raises for a user error."""
    master = Path(master)
    result = RunResult(round=round_name or "")
    try:
        if not master.is_file():
            raise WorkplanError(f"找不到总表 {master}，请检查计划任务中的路径。")
        result.round = pick_round(master, round_name)
        result.log = str(_log_file(master, result.round))
        log_to(result.log)
        log.info("batch run: %s, round %s", master, result.round)
        with stage_lock(master, "定时汇总"):
            _stages(master, result)
    except WorkplanError as exc:
        log.warning("batch run stopped: %s", exc.message)
        result.exit_code, result.error = FAILED, exc.message
    except Exception as exc:  # a bug: logged with its traceback, reported in one line
        log.exception("batch run failed")
        result.exit_code = FAILED
        result.error = f"程序内部出错（{type(exc).__name__}），详见日志"
    return result


def _log_file(master: Path, round_name: str) -> Path:
    from toolkit.master import load_master

    settings = load_master(master).settings
    folder = paths.consolidated(master, settings.year, round_name, settings.folders).parent
    return folder / f"{paths.round_label(settings.year, round_name)}运行日志.log"


def _stages(master: Path, result: RunResult) -> None:
    from toolkit.check import check_round
    from toolkit.collect import collect_round
    from toolkit.summary import write_summary

    collected = collect_round(master, result.round)
    log.info("collect: %s", collected.summary_line())
    checked = check_round(master, result.round)
    log.info("check: %s", checked.summary_line())
    summary = write_summary(master, result.round)
    result.counts = {
        "expected": collected.counts.get("expected", 0),
        "reported": collected.counts.get("reported", 0),
        "missing": collected.counts.get("missing", 0),
        "late": collected.counts.get("late", 0),
        "problems": collected.counts.get("problems", 0),
        "indicators": dict(checked.counts),
    }
    result.outputs = [str(collected.output)] + [str(p) for p in summary.outputs]
    found = result.counts["problems"] or result.counts["missing"]
    result.exit_code = FOUND_PROBLEMS if found else OK


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
