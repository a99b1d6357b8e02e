"""The units' assessment (考评) for a round: the basis of the plan's 二级绩效考核.

Every responsible unit (the plan's order) is measured on five components, each a rate from 0 to 1:
- 按时报送 (on_time): 1 when the unit's return was sent by the round's due date (its state is
  已报送 or 有问题 and its receipt time is not after the due date), else 0 (逾期, 未报送, and
  未填写: a form returned with nothing filled in is no return);
- 填报完整 (complete): the tasks it answered and the figures it reported, over its tasks and the
  figures it is expected to report (the indicators it contributes to, as the check counts them);
- 填报无误 (accurate): 1 - problems / items, at least 0, where problems is the number of problems
  found in its return (the 报送情况 count) and items its tasks plus expected figures; 0 when it
  sent no return (nothing could be checked);
- 任务达标 (tasks): its tasks on target, over its tasks. A task is on target for the unit when the
  unit's own status is 已完成, or 推进中 with a progress of at least the share of the task due
  at this round (the round's share of the year against the task's deadline, as for figures:
  rules.due_share) times 100; an unanswered task is not on target;
- 指标达标 (indicators): the indicators it contributes to with a target of its own (an allocation,
  or the city's rate every unit must reach) whose own status is 已达标, 超额完成 or 进度正常,
  over those indicators. A unit without such an indicator has nothing to measure here: the
  component is dropped for it.
The score is 100 x the weighted mean of the unit's components (the weights of 设置, see
model.ASSESSMENT_WEIGHTS; a dropped component's weight is left out, so the others are
renormalised), rounded to one decimal, halves up; 0 when the components left carry no weight.
A unit that did not report scores 0 on every component. Units are ranked by score, highest first;
equal scores share a rank (1, 2, 2, 4) and keep the plan's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from toolkit.vocab import GOOD_STATUSES
from toolkit.rules.rounds import find_round
from toolkit.model.returns import Consolidation, Submission
from toolkit.model.plan import Plan
from toolkit.vocab import DONE, NOT_FILLED, NOT_SUBMITTED, ONGOING, REPORTED_LATE, REPORTED_ON_TIME

if TYPE_CHECKING:  # the evaluation holds the assessment; evaluate() calls assess()
    from toolkit.check.evaluation import Evaluation


@dataclass
class UnitScore:
    unit: str
    submission: str  # 按时报送, 逾期报送, 未报送 or 未填写
    on_time: bool
    tasks_assigned: int
    tasks_answered: int
    figures_expected: int
    figures_answered: int
    problems: int
    tasks_on_target: int
    indicators_measured: int  # indicators with a target of the unit's own
    indicators_on_target: int
    rates: dict[str, float] = field(default_factory=dict)  # measured components only, 0-1
    score: float = 0.0
    rank: int = 0


@dataclass(slots=True)
class Tally:
    """What the assessment counts of one unit, gathered while the check goes through the round
    one task and one indicator at a time (the units' figures are not kept after)."""

    tasks: int = 0
    answered: int = 0
    on_target: int = 0
    figures: int = 0  # the figures it is expected to report
    reported: int = 0
    own: int = 0  # …with a target of its own
    met: int = 0


def tally_task(tallies: dict[str, Tally], result, due: float) -> None:
    """Count a task's result (check.tasks.TaskResult) for each of its units; `due`, the share
    of the task due at this round."""
    for state in result.units:
        count = tallies.get(state.unit) or tallies.setdefault(state.unit, Tally())
        count.tasks += 1
        count.answered += state.answered
        count.on_target += task_on_target(state.status, state.progress, due)


def tally_indicator(tallies: dict[str, Tally], result, figures) -> None:
    """Count an indicator's figures (UnitFigure) for the units expected to report it."""
    expected = set(result.expected_units)  # a set: thousands of units per figure
    for fig in figures:
        if fig.unit not in expected:
            continue
        count = tallies.get(fig.unit) or tallies.setdefault(fig.unit, Tally())
        count.figures += 1
        count.reported += fig.reported is not None
        if fig.target is not None:
            count.own += 1
            count.met += fig.status in GOOD_STATUSES


def assess(plan: Plan, consolidation: Consolidation, evaluation: Evaluation,
           weights: dict[str, float] | None = None) -> list[UnitScore]:
    """Every responsible unit's assessment for the round, ranked (see the module's rules), from
    the counts the check gathered (Evaluation.tallies)."""
    weights = plan.settings.assessment_weights if weights is None else weights
    canonical = plan.canonical_names()
    by_unit = {canonical.get(s.unit, s.unit): s for s in consolidation.submissions}
    due = find_round(plan, evaluation.round).due
    scores = []
    for unit in plan.responsible_units():
        sub = by_unit.get(unit) or Submission(unit, NOT_SUBMITTED)
        score = _measure(unit, sub, due, evaluation.tallies.get(unit) or Tally())
        score.score = weighted_score(score.rates, weights)
        scores.append(score)
    return rank(scores)


def submission_word(sub: Submission, due) -> str:
    """按时报送 / 逾期报送 from the state and the receipt time; 未报送, 未填写 as they are."""
    if sub.on_time(due):
        return REPORTED_ON_TIME
    if sub.sent():
        return REPORTED_LATE
    return sub.state if sub.state == NOT_FILLED else NOT_SUBMITTED


def _measure(unit: str, sub: Submission, due, count: Tally) -> UnitScore:
    word = submission_word(sub, due)
    reported = word in (REPORTED_ON_TIME, REPORTED_LATE)
    assigned, expected, answered = count.tasks, count.figures, count.answered
    on_target, reported_figures, met = count.on_target, count.reported, count.met
    items = assigned + expected
    problems = sub.problems if reported else 0
    score = UnitScore(unit, word, word == REPORTED_ON_TIME, assigned, answered, expected,
                      reported_figures, problems, on_target, count.own, met)
    score.rates = {
        "on_time": float(score.on_time),
        "complete": (answered + reported_figures) / items if items else 0.0,
        "accurate": max(0.0, 1 - problems / max(items, 1)) if reported else 0.0,
        "tasks": on_target / assigned if assigned else 0.0,
    }
    if count.own:
        score.rates["indicators"] = met / count.own
    return score


def task_on_target(status: str, progress: float | None, due: float) -> bool:
    """已完成; or 推进中 with a progress of at least the share due at this round."""
    if status == DONE:
        return True
    return status == ONGOING and progress is not None and progress >= due * 100 - 1e-9


def weighted_score(rates: dict[str, float], weights: dict[str, float]) -> float:
    """100 x the weighted mean of the measured rates, one decimal, halves up."""
    total = sum(weights.get(c, 0.0) for c in rates)
    if total <= 0:
        return 0.0
    value = 100 * sum(weights.get(c, 0.0) * r for c, r in rates.items()) / total
    return float(Decimal(format(value, ".12g")).quantize(Decimal("0.1"), ROUND_HALF_UP))


def rank(scores: list[UnitScore]) -> list[UnitScore]:
    """Highest score first, plan order among equals; equal scores share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda s: -s.score)  # stable: plan order among equals
    for position, score in enumerate(ordered, start=1):
        same = position > 1 and score.score == ordered[position - 2].score
        score.rank = ordered[position - 2].rank if same else position
    return ordered
