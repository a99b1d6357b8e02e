"""Plan + consolidated answers + round -> every indicator's, allocation's and task's result."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit import vocab
from toolkit.check.indicators import (
    AllocationResult,
    Context,
    IndicatorResult,
    evaluate_indicator,
)
from toolkit.check.assessment import assess, tally_indicator, tally_task
from toolkit.check.lights import task_light
from toolkit.check.tasks import TASK_STATUSES, TaskResult, evaluate_tasks
from toolkit.rules.rounds import find_round, is_final, round_share
from toolkit.rules.targets import due_share
from toolkit.model.returns import Consolidation
from toolkit.model.plan import Plan
from toolkit.vocab import LIGHTS


@dataclass
class Evaluation:
    round: str
    final: bool
    share: float
    tolerance: float
    indicators: list[IndicatorResult] = field(default_factory=list)
    allocations: list[AllocationResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    scores: list = field(default_factory=list)  # check.assessment.UnitScore: the 考评, ranked
    tallies: dict = field(default_factory=dict, repr=False)  # unit -> check.assessment.Tally

    @property
    def counts(self) -> dict[str, int]:
        """Indicators by status, every status present (0 when none)."""
        return tally((i.status for i in self.indicators), vocab.INDICATOR_STATUSES)

    @property
    def task_counts(self) -> dict[str, int]:
        return tally((t.status for t in self.tasks), TASK_STATUSES)

    @property
    def light_counts(self) -> dict[str, int]:
        return tally((t.light for t in self.tasks), LIGHTS)


def tally(statuses, names) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts


def evaluate(plan: Plan, consolidation: Consolidation, round_name: str, hear=None) -> Evaluation:
    """Check every indicator, allocation and task of `plan` against the round's answers;
    `hear` is told each task's answers as they are read (evaluate_tasks)."""
    round_ = find_round(plan, round_name)
    share = round_share(round_)
    final = is_final(round_)
    ctx = Context(plan, consolidation, share, final)
    out = Evaluation(round_name, final, share, ctx.tolerance)
    for indicator in plan.indicators:
        result, rows = evaluate_indicator(ctx, indicator)
        tally_indicator(out.tallies, result, result.units)
        result.units = []  # counted for the assessment; thousands a figure are not kept
        out.indicators.append(result)
        out.allocations += rows
    out.tasks = evaluate_tasks(plan, consolidation, plan.canonical_names(), hear)
    for result in out.tasks:
        deadline = plan.task(result.number).deadline
        light = task_light(result.status, result.progress, deadline, share, ctx.tolerance)
        result.light, result.light_reason = light.colour, light.reason
        tally_task(out.tallies, result, due_share(share, deadline))
    out.scores = assess(plan, consolidation, out)
    return out
