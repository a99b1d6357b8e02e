"""The plan's look-ups computed once, so that a thousand returned files stay cheap to check.

forms.task_rows / forms.figure_rows are the one definition of a unit's rows; given a Plan they
expand every task's units again per call. They are given a view that answers from dictionaries.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from toolkit.common import forms
from toolkit.model import Plan


class PlanIndex:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.tasks = plan.tasks
        self.indicators = plan.indicators
        self._task_units = {id(t): plan.task_units(t) for t in plan.tasks}
        self._roles = {key: dict(pairs) for key, pairs in self._task_units.items()}
        self._sections: dict[str, str] = {}
        for section in plan.sections:
            self._sections.setdefault(section.number, section.title)
        self._names: dict[str, object] = {}
        for unit in plan.units:  # first match wins, as in Plan.unit()
            for name in (unit.name, *unit.aliases):
                self._names.setdefault(name, unit)
        self._allocations: dict[str, list] = {}
        for allocation in plan.allocations:
            self._allocations.setdefault(allocation.unit, []).append(allocation)
        self._rows: dict[str, tuple[dict, dict]] = {}
        self._fingerprints: dict[tuple, str] = {}

    def task_units(self, task) -> list[tuple[str, str]]:
        return self._task_units[id(task)]

    def section_title(self, number: str) -> str:
        return self._sections.get(number, "")

    def unit(self, name: str):
        return self._names.get(name)

    def canonical(self, name: str) -> str:
        found = self._names.get(name)
        return found.name if found else name

    @cached_property
    def plan_id(self) -> str:
        return self.plan.identity()

    @cached_property
    def plan_ids(self) -> set[str]:
        """plan_id, and the same computed with integral targets as int or as float: a Plan
        parsed from text holds 900 where one loaded from the master holds 900.0."""
        ids = {self.plan_id}
        for kind in (int, float):
            copy = replace(self.plan, indicators=[
                replace(i, value=kind(i.value) if float(i.value).is_integer() else i.value)
                for i in self.plan.indicators
            ])
            ids.add(copy.identity())
        return ids

    @cached_property
    def responsible(self) -> list[str]:
        named = {u for pairs in self._task_units.values() for u, _ in pairs}
        ordered = [u.name for u in self.plan.units if u.name in named]
        return ordered + sorted(named - set(ordered))

    @cached_property
    def responsible_set(self) -> set[str]:
        return set(self.responsible)

    def fingerprint(self, row: dict, fields: list[str]) -> str:
        """forms.fingerprint, remembered: the same rows recur in many units' files."""
        memo = tuple((v.__class__, v) for v in (row.get(f) for f in fields))
        try:
            found = self._fingerprints.get(memo)
        except TypeError:  # an unhashable value: compute without the memo
            return forms.fingerprint(row, fields)
        if found is None:
            found = self._fingerprints[memo] = forms.fingerprint(row, fields)
        return found

    def rows(self, unit: str) -> tuple[dict, dict]:
        """(task rows, figure rows) of a unit's form, each by row key."""
        if unit not in self._rows:
            view = _UnitView(self, unit)
            tasks = {r["key"]: r for r in forms.task_rows(view, unit)}
            figures = {r["key"]: r for r in forms.figure_rows(view, unit)}
            self._rows[unit] = (tasks, figures)
        return self._rows[unit]


class _UnitView:
    """What forms.task_rows / figure_rows read from a plan, narrowed to one unit: its own
    allocations, and each task's units reduced to this unit's entry."""

    def __init__(self, index: PlanIndex, unit: str):
        self.tasks = index.tasks
        self.indicators = index.indicators
        self.allocations = index._allocations.get(unit, [])
        self.section_title = index.section_title
        self._roles = index._roles
        self._unit = unit

    def task_units(self, task) -> list[tuple[str, str]]:
        role = self._roles[id(task)].get(self._unit)
        return [] if role is None else [(self._unit, role)]
