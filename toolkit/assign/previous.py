"""The answers a pre-filled form starts from: each unit's latest accepted answers in the store.

For a round after the first, every unit's form carries what it reported last (status, progress,
narrative, problems, next steps, figures) in its input cells and in read-only 上期 columns, so a
unit updates its report rather than retyping it. "Last" is per unit: the most recent earlier
round in which the unit's return was used, with the administrator's corrections applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.books.form import layout as F
from toolkit.rules.rounds import earlier_rounds
from toolkit.model.plan import Plan, Round
from toolkit.store import Store

FIELDS = set(F.PREVIOUS_TASK_FIELDS) | set(F.PREVIOUS_FIGURE_FIELDS)


@dataclass
class Previous:
    """One unit's latest accepted answers: the round they came from and {row key: {field: value}}."""

    round: str
    rows: dict[str, dict] = field(default_factory=dict)

    def of(self, key: str) -> dict:
        return self.rows.get(key, {})


def previous_answers(plan: Plan, store: Store | None, round_: Round | str) -> dict[str, Previous]:
    """unit -> Previous for every unit with an accepted answer in a round before `round_`;
    empty for a first round or without a store."""
    if store is None or not store.path.is_file():
        return {}
    found: dict[str, Previous] = {}
    for name in earlier_rounds(plan, round_):
        for (unit, key), values in store.accepted(name).items():
            kept = {f: v for f, v in values.items() if f in FIELDS}
            if unit in found and found[unit].round != name:
                continue  # the unit answered in a later round already
            found.setdefault(unit, Previous(name)).rows[key] = kept
    return found
