"""What collection asks of the plan, on top of the shared form index (F.FormIndex).

A thousand returned files are checked against the same plan: each unit's rows are built once,
keyed by row key, and names read from the files are mapped to directory names.
"""

from __future__ import annotations

from functools import cached_property

from toolkit.rules.aggregation import contributors, effective_aggregation
from toolkit.rules.cells import unit_name
from toolkit.books.form.layout import FormIndex
from toolkit.model.plan import Plan


class CollectIndex(FormIndex):
    def __init__(self, plan: Plan):
        super().__init__(plan)
        self._rows: dict[tuple, tuple[dict, dict]] = {}  # by the rows' shape
        self._unit_rows: dict[str, tuple[dict, dict]] = {}  # unit -> its shape's rows

    @cached_property
    def responsible(self) -> list[str]:
        return self.responsible_units()

    @cached_property
    def responsible_set(self) -> set[str]:
        return set(self.responsible)

    def canonical(self, name: str) -> str:
        """The directory name for a unit's name or alias as a file states it, also when typed
        with full-width letters or with spaces, no-break or zero-width ones included."""
        found = self.unit(name)
        if found is None:
            name = unit_name(name)
            found = self.unit(name)
        return found.name if found else name

    @cached_property
    def _contributors(self) -> dict[str, frozenset[str]]:
        allocated: dict[str, list[str]] = {}
        for a in self.plan.allocations:
            allocated.setdefault(a.indicator, []).append(self.canonical(a.unit))
        sets: dict[tuple, frozenset] = {}  # indicators with the same units share one set
        out = {}
        for ind in self.plan.indicators:
            units = tuple(contributors(self.plan, ind, effective_aggregation(ind, self.plan)[0],
                                       allocated.get(ind.key, [])))
            out[ind.key] = sets.get(units) or sets.setdefault(units, frozenset(units))
        return out

    def reports(self, unit: str, key: str) -> bool:
        """Is `unit` one whose figure makes up indicator `key` (a blank one is a problem)?"""
        return unit in self._contributors.get(key, ())

    def rows(self, unit: str) -> tuple[dict, dict]:
        """(task rows, figure rows) of a unit's form, each by row key: built once for all the
        units whose forms have the same rows (the same tasks and roles, the same allocations),
        so that twenty thousand units cost a few dozen copies. Read them, never change them."""
        found = self._unit_rows.get(unit)
        if found is None:
            shape = self._shape(unit)
            found = self._rows.get(shape)
            if found is None:
                tasks = {r["key"]: r for r in self.task_rows(unit)}
                figures = {r["key"]: r for r in self.figure_rows(unit)}
                found = self._rows[shape] = (tasks, figures)
            self._unit_rows[unit] = found
        return found

    def _shape(self, unit: str) -> tuple:
        """What a unit's rows depend on: its tasks with its role in each, its own targets."""
        tasks = tuple((id(task), role) for task, role in self._tasks_of.get(unit, ()))
        return tasks, self._own_targets.get(unit, ())

    @cached_property
    def _own_targets(self) -> dict[str, tuple]:
        out: dict[str, list] = {}
        for (unit, key), value in self._targets.items():
            out.setdefault(unit, []).append((key, value))
        return {unit: tuple(sorted(pairs, key=repr)) for unit, pairs in out.items()}
