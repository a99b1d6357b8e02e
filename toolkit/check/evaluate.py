"""Plan + consolidated answers + round -> every indicator's, allocation's and task's result."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.check import rules
from toolkit.check.indicators import (
    AllocationResult,
    Context,
    IndicatorResult,
    canonical_names,
    evaluate_indicator,
)
from toolkit.check.tasks import TASK_STATUSES, TaskResult, evaluate_tasks
from toolkit.common.errors import WorkplanError
from toolkit.common.forms import Consolidation
from toolkit.model import Plan, Round


@dataclass
class Evaluation:
    round: str
    final: bool
    share: float
    tolerance: float
    indicators: list[IndicatorResult] = field(default_factory=list)
    allocations: list[AllocationResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Indicators by status, every status present (0 when none)."""
        return tally((i.status for i in self.indicators), rules.INDICATOR_STATUSES)

    @property
    def task_counts(self) -> dict[str, int]:
        return tally((t.status for t in self.tasks), TASK_STATUSES)


def tally(statuses, names) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts


def find_round(plan: Plan, round_name: str) -> Round:
    """The round from the 设置 sheet; a known round name (年终, 半年, …) works without it."""
    found = plan.settings.round(round_name)
    if found is not None:
        return found
    if round_name in rules.KNOWN_ROUND_SHARES:
        return Round(round_name, None, rules.KNOWN_ROUND_SHARES[round_name])
    names = "、".join(r.name for r in plan.settings.rounds) or "（无）"
    raise WorkplanError(
        f"总表「设置」工作表中没有报送轮次“{round_name}”，现有轮次：{names}；请检查 --round 参数。"
    )


def evaluate(plan: Plan, consolidation: Consolidation, round_name: str) -> Evaluation:
    """Check every indicator, allocation and task of `plan` against the round's answers."""
    round_ = find_round(plan, round_name)
    share = rules.round_share(round_)
    final = round_name == rules.FINAL_ROUND or share >= 1.0
    ctx = Context(plan, consolidation.figures, share, final)
    out = Evaluation(round_name, final, share, ctx.tolerance)
    for indicator in plan.indicators:
        result, rows = evaluate_indicator(ctx, indicator)
        out.indicators.append(result)
        out.allocations += rows
    out.tasks = evaluate_tasks(plan, consolidation.tasks, canonical_names(plan))
    return out
