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
        self._rows: dict[str, tuple[dict, dict]] = {}

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
    def _contributors(self) -> dict[str, set[str]]:
        allocated: dict[str, list[str]] = {}
        for a in self.plan.allocations:
            allocated.setdefault(a.indicator, []).append(self.canonical(a.unit))
        return {ind.key: set(contributors(self.plan, ind, effective_aggregation(ind, self.plan)[0],
                                          allocated.get(ind.key, [])))
                for ind in self.plan.indicators}

    def reports(self, unit: str, key: str) -> bool:
        """Is `unit` one whose figure makes up indicator `key` (a blank one is a problem)?"""
        return unit in self._contributors.get(key, ())

    def rows(self, unit: str) -> tuple[dict, dict]:
        """(task rows, figure rows) of a unit's form, each by row key, built once per unit."""
        if unit not in self._rows:
            tasks = {r["key"]: r for r in self.task_rows(unit)}
            figures = {r["key"]: r for r in self.figure_rows(unit)}
            self._rows[unit] = (tasks, figures)
        return self._rows[unit]
