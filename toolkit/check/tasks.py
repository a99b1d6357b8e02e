"""Task-level status from what the lead and co-operating units say about a task.

Rules (the lead's word counts, the co-operating units can only hold it back):
- no unit answered at all: 未报送;
- the lead did not answer (or, for a group lead, none of its members did): 待核实;
- the lead's status is its 进展状态, or from its progress when the status is blank
  (100 -> 已完成, 0 -> 未启动, otherwise 推进中); with neither: 待核实;
  several lead units (a group leads): the least advanced one counts;
- lead 已完成 and a co-operating unit reports 未完成: 待核实 (they disagree);
  lead 已完成 with a progress below 100: 待核实;
  a group lead with members missing cannot be 已完成: 待核实;
  otherwise the lead's status: 已完成, 推进中, 未启动 or 未完成.
The task's progress is the lead's (the mean of the leads'), 100 when 已完成 without one.
"""

from __future__ import annotations

from array import array
from dataclasses import asdict, dataclass, field, replace
from math import isnan, nan
from statistics import fmean

from toolkit.rules.text import EXCEL_MAX_TEXT
from toolkit.vocab import NOT_REPORTED, TO_VERIFY
from toolkit.model.returns import Consolidation, TaskAnswer
from toolkit.model.plan import ROLE_LEAD, Plan, Task

from toolkit.vocab import DONE, NOT_STARTED, ONGOING, UNFINISHED  # noqa: E402
TASK_STATUSES = (DONE, ONGOING, NOT_STARTED, UNFINISHED, NOT_REPORTED, TO_VERIFY)
_RANK = {UNFINISHED: 0, NOT_STARTED: 1, ONGOING: 2, DONE: 3}


@dataclass(slots=True)
class UnitState:
    unit: str
    role: str
    status: str = ""  # as reported, or derived from progress
    progress: float | None = None
    answered: bool = False
    written: str = ""  # the 进展状态 as the unit wrote it ("" when blank)


class UnitStates:
    """A task's units' states held as columns (a word's code, a progress, a flag a unit), read
    as UnitState records: a task of twenty thousand units holds a few hundred kilobytes."""

    _WORDS: list[str] = [""]  # statuses and roles, each coded by its place here
    _CODES: dict[str, int] = {"": 0}

    def __init__(self, states: list[UnitState]):
        self._units = [s.unit for s in states]
        self._roles = bytes(self._code(s.role) for s in states)
        self._statuses = bytes(self._code(s.status) for s in states)
        self._progress = array("d", (nan if s.progress is None else s.progress for s in states))
        self._answered = bytes(bool(s.answered) for s in states)
        self._written = bytes(self._code(s.written) for s in states)

    @classmethod
    def _code(cls, word: str) -> int:
        code = cls._CODES.get(word)
        if code is None:
            code = cls._CODES[word] = len(cls._WORDS)
            cls._WORDS.append(word)
        return code

    def __len__(self) -> int:
        return len(self._units)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        progress = self._progress[i]
        return UnitState(self._units[i], self._WORDS[self._roles[i]],
                         self._WORDS[self._statuses[i]], None if isnan(progress) else progress,
                         bool(self._answered[i]), self._WORDS[self._written[i]])

    def __iter__(self):
        """The records in turn, the columns walked together (not looked up a record at a time:
        the check and the summary go through every task's units three times)."""
        words = self._WORDS
        for unit, role, status, progress, answered, written in zip(
                self._units, self._roles, self._statuses, self._progress, self._answered,
                self._written):
            yield UnitState(unit, words[role], words[status],
                            None if isnan(progress) else progress, bool(answered), words[written])

    def __eq__(self, other) -> bool:
        if isinstance(other, (UnitStates, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None


@dataclass
class TaskResult:
    number: int
    section: str
    section_title: str
    title: str
    lead: str  # as printed in the plan
    status: str
    progress: float | None
    lead_status: str
    units: list[UnitState] | UnitStates = field(default_factory=list)
    missing_units: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    light: str = ""  # 红灯, 黄灯, 绿灯 (check.lights)
    light_reason: str = ""

    @property
    def coop_text(self) -> str:
        """'乙县教育局：推进中；丙区教育局：未报送', for a cell: past what a cell holds
        (rules.text.EXCEL_MAX_TEXT, where rules.text.clip cuts it) the rest is not made."""
        parts, length = [], 0
        for s in self.units:
            if s.role == ROLE_LEAD:
                continue
            part = f"{s.unit}：{s.status or ('已报送' if s.answered else '未报送')}"
            parts.append(part)
            length += len(part) + 1
            if length > EXCEL_MAX_TEXT:
                break
        return "；".join(parts)

    def to_json(self) -> dict:
        data = asdict(replace(self, units=[]))
        data["units"] = [asdict(s) for s in self.units]
        return data


def answered(answer: TaskAnswer | None) -> bool:
    if answer is None:
        return False
    texts = (answer.status, answer.narrative, answer.problems, answer.next_steps)
    return answer.progress is not None or any((t or "").strip() for t in texts)


def unit_status(answer: TaskAnswer) -> str:
    """The unit's 进展状态, or one read from its progress when it left the status blank."""
    if answer.status in _RANK:
        return answer.status
    if answer.progress is None:
        return ""
    if answer.progress >= 100:
        return DONE
    return NOT_STARTED if answer.progress <= 0 else ONGOING


def evaluate_task(plan: Plan, task: Task, answers: dict[str, TaskAnswer]) -> TaskResult:
    states = []
    for unit, role in plan.task_units(task):
        answer = answers.get(unit)
        ok = answered(answer)
        states.append(UnitState(unit, role, unit_status(answer) if ok else "",
                                answer.progress if ok else None, ok,
                                answer.status if answer is not None else ""))
    leads = [s for s in states if s.role == ROLE_LEAD]
    result = TaskResult(task.number, task.section, plan.section_title(task.section), task.title,
                        task.lead, "", None, "", states,
                        [s.unit for s in states if not s.answered])
    result.status = _status(result, leads, states)
    progresses = [s.progress for s in leads if s.progress is not None]
    result.progress = fmean(progresses) if progresses else None
    if result.progress is None and result.status == DONE:
        result.progress = 100.0
    result.units = UnitStates(states)
    return result


def _status(result: TaskResult, leads: list[UnitState], states: list[UnitState]) -> str:
    if not any(s.answered for s in states):
        return NOT_REPORTED
    told = [s for s in leads if s.answered]
    if not told:
        result.notes.append("牵头单位未报送")
        return TO_VERIFY
    if any(not s.status for s in told):
        result.notes.append("牵头单位未填写进展状态")
        return TO_VERIFY
    lead_status = min((s.status for s in told), key=_RANK.__getitem__)
    result.lead_status = lead_status
    if lead_status != DONE:
        return lead_status
    blocking = [s.unit for s in states if s.role != ROLE_LEAD and s.status == UNFINISHED]
    if blocking:
        result.notes.append(f"牵头单位报已完成，但{'、'.join(blocking)}报未完成")
        return TO_VERIFY
    low = [s for s in told if s.progress is not None and s.progress < 100]
    if low:
        result.notes.append(f"牵头单位报已完成，但完成进度为{low[0].progress:g}%")
        return TO_VERIFY
    if len(told) < len(leads):
        result.notes.append("牵头单位组中有单位未报送")
        return TO_VERIFY
    return DONE


def evaluate_tasks(plan: Plan, consolidation: Consolidation, canonical: dict[str, str],
                   hear=None):
    """Every task's result, from its answers read one task at a time; `hear(result, answers,
    by_unit)`, when given, is told each task's answers as they are read (a later stage that
    needs them then does not read the round again)."""
    out = []
    for task in plan.tasks:
        read = consolidation.task_answers(task.number)
        answers = {canonical.get(a.unit, a.unit): a for a in read}
        out.append(evaluate_task(plan, task, answers))
        if hear is not None:
            hear(out[-1], read, answers)
    return out
