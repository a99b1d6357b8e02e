"""`check_round`: load the plan and the round's consolidation, check, write the sheets."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from toolkit.check.evaluate import Evaluation, evaluate
from toolkit.check.indicators import AllocationResult, IndicatorResult
from toolkit.check.rules import GOOD_STATUSES
from toolkit.check.sheets import replace_sheets
from toolkit.common.stable import freeze_zip
from toolkit.check.tasks import TaskResult
from toolkit.common import paths
from toolkit.common.atomic import atomic_path
from toolkit.common.errors import WorkplanError
from toolkit.common.forms import Consolidation
from toolkit.model import Plan


def load_plan(master: Path) -> Plan:
    """The plan from the master workbook (the master stage's reader)."""
    if not master.exists():
        raise WorkplanError(f"找不到总表文件：{master}，请检查路径。")
    from toolkit.master import load_master

    return load_master(master)


def load_round(workbook: Path) -> Consolidation:
    """The round's consolidated records (the collection stage's reader)."""
    from toolkit.collect import load_consolidation

    return load_consolidation(workbook)


def consolidated_workbook(master: Path, plan: Plan, round_name: str) -> Path:
    workbook = paths.consolidated(master, plan.settings.year, round_name, plan.settings.folders)
    if not workbook.exists():
        raise WorkplanError(
            f"未找到“{round_name}”的汇总表：{workbook}；请先运行汇总（workplan collect）。"
        )
    return workbook


def plan_title(plan: Plan) -> str:
    return plan.settings.title or plan.meta.title or "工作要点"


@dataclass
class CheckResult:
    output: Path
    round: str
    indicators: list[IndicatorResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    allocations: list[AllocationResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    task_counts: dict[str, int] = field(default_factory=dict)

    @property
    def attention(self) -> list[IndicatorResult]:
        """Indicators someone should look at: neither met nor on track."""
        return [i for i in self.indicators if i.status not in GOOD_STATUSES]

    def to_json(self) -> dict:
        return {
            "round": self.round,
            "output": str(self.output),
            "counts": self.counts,
            "task_counts": self.task_counts,
            "indicators": [i.to_json() for i in self.indicators],
            "allocations": [vars(a) for a in self.allocations],
            "tasks": [t.to_json() for t in self.tasks],
        }

    def summary_line(self) -> str:
        ind = "，".join(f"{s}{n}项" for s, n in self.counts.items() if n)
        tasks = "，".join(f"{s}{n}项" for s, n in self.task_counts.items() if n)
        return (
            f"{self.round}核对完成：指标{len(self.indicators)}项（{ind or '无'}）；"
            f"任务{len(self.tasks)}项（{tasks or '无'}）。"
            f"结果已写入 {self.output.name} 的「指标核对」「分解核对」「任务核对」工作表。"
        )


def write_check_sheets(workbook: Path, evaluation: Evaluation, title: str) -> None:
    """Add or replace the check sheets in the consolidated workbook, atomically."""
    try:
        wb = load_workbook(workbook)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkplanError(f"无法打开汇总表 {workbook}：{exc}；请重新运行汇总。") from None
    replace_sheets(wb, evaluation, f"{title}（{evaluation.round}）")
    wb.properties.creator = wb.properties.creator or "workplan"
    try:
        with atomic_path(workbook) as tmp:
            wb.save(tmp)
            freeze_zip(tmp)
    except PermissionError:
        raise WorkplanError(
            f"汇总表 {workbook.name} 正被其他程序打开，无法写入核对结果；请关闭后重试。"
        ) from None


def check_round(master_path, round_name: str) -> CheckResult:
    """Check the round's reported figures and task statuses; write the check sheets.

    The caller holds the master's stage lock (the CLI and the batch run do).
    """
    master = Path(master_path)
    plan = load_plan(master)
    workbook = consolidated_workbook(master, plan, round_name)
    consolidation = load_round(workbook)
    if consolidation.round and consolidation.round != round_name:
        raise WorkplanError(
            f"汇总表 {workbook.name} 是“{consolidation.round}”的，不是“{round_name}”的；"
            "请检查 --round 参数。"
        )
    evaluation = evaluate(plan, consolidation, round_name)
    write_check_sheets(workbook, evaluation, plan_title(plan))
    return CheckResult(
        output=workbook,
        round=round_name,
        indicators=evaluation.indicators,
        tasks=evaluation.tasks,
        allocations=evaluation.allocations,
        counts=evaluation.counts,
        task_counts=evaluation.task_counts,
    )

