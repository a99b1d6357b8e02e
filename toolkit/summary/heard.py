"""What the summary takes from each task's answers: the lead units' own account and, for the
year-end summary, the problems and plans every unit wrote. Light to import: the hall makes a
Heard before the collection and hands it to the check, which tells it each task's answers as it
reads them, so that the summary does not read the round again.
"""

from __future__ import annotations

from toolkit.check import Evaluation, TaskResult
from toolkit.model.plan import ROLE_LEAD, Plan
from toolkit.model.returns import Consolidation, TaskAnswer
from toolkit.summary import synthesis as S
from toolkit.summary import text as T


def lead_narrative(result: TaskResult, answers: dict[str, TaskAnswer]) -> str:
    """The lead units' own account of a task, in full."""
    leads = [s.unit for s in result.units if s.role == ROLE_LEAD]
    return "\n".join((answers[u].narrative or "").strip() for u in leads
                     if u in answers and T.tidy(answers[u].narrative))


class UnitsSay:
    """The problems and the plans the units wrote, heard task by task (synthesis.Synthesis)."""

    def __init__(self):
        self.problems, self.plans = S.Synthesis(), S.Synthesis()

    def hear(self, answers) -> None:
        for a in answers:
            self.problems.hear(a.unit, a.problems)
            self.plans.hear(a.unit, a.next_steps)


class Heard:
    """What the summary takes from each task's answers: the leads' account and, for the
    year-end summary, the problems and plans the units wrote. Handed to the check as its
    `hear`, it is told each task's answers as the check reads them, and the summary does not
    read the round again; `heard_again` reads the round for it when the check was not told."""

    def __init__(self, final: bool):
        self.final = final
        self.said = UnitsSay()
        self.narratives: dict[int, str] = {}

    def __call__(self, result: TaskResult, answers: list[TaskAnswer],
                 by_unit: dict[str, TaskAnswer]) -> None:
        self.narratives[result.number] = lead_narrative(result, by_unit)
        if self.final:
            self.said.hear(answers)

    def covers(self, ev: Evaluation) -> bool:
        return self.final == ev.final and set(self.narratives) == {r.number for r in ev.tasks}


def heard_again(plan: Plan, consolidation: Consolidation, ev: Evaluation) -> Heard:
    """The round's answers read one task at a time, heard as the check would have told them."""
    canonical = plan.canonical_names()
    heard = Heard(ev.final)
    for result in ev.tasks:
        answers = consolidation.task_answers(result.number)
        heard(result, answers, {canonical.get(a.unit, a.unit): a for a in answers})
    return heard
