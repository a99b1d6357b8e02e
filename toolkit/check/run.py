"""`check_round`: the round from the store, checked, and the consolidated workbook rewritten."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.check.evaluation import Evaluation, evaluate
from toolkit.check.indicators import AllocationResult, IndicatorResult
from toolkit.check.rules import GOOD_STATUSES
from toolkit.check.tasks import TaskResult
from toolkit.common.lock import stage_lock
from toolkit.model.plan import Plan


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

    @classmethod
    def of(cls, output: Path, evaluation: Evaluation) -> "CheckResult":
        return cls(output=output, round=evaluation.round, indicators=evaluation.indicators,
                   tasks=evaluation.tasks, allocations=evaluation.allocations,
                   counts=evaluation.counts, task_counts=evaluation.task_counts)

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


def check_round(master_path, round_name: str) -> CheckResult:
    """Check the round as the store holds it (the last collection, with the corrections of the
    master's 核实更正 sheet) and rewrite the consolidated workbook with the check's sheets."""
    from toolkit.collect import publish, stored_round
    from toolkit.books.master import load_master

    master = Path(master_path)
    with stage_lock(master, "核对"):
        plan = load_master(master)
        stored = stored_round(plan, master, round_name)
        evaluation = evaluate(plan, stored.collected.consolidation, round_name)
        written = publish(stored.index, stored.collected, evaluation, stored.output,
                          store=stored.store)
    return CheckResult.of(written, evaluation)
