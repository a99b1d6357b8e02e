"""Who is named behind a figure: one rule for every sentence and table.

A unit is named behind an indicator only when it owns part of it and its part falls short:
- its allocation in 分解, judged against its own share pro-rated to the round (滞后, 未达标); or
- a standard every unit must reach (最小值, or a rate each member must reach: 生均…标准,
  100% 覆盖 …), judged with the target's comparator (95% does not reach a standard of at least
  100%, at any round).
The lead is named for a city figure only when that figure misses the target (滞后 or 未达标):
it answers for the figure, as the owner of the task. A unit that reported nothing is named as
not reported (未报送), never as behind; a unit with no share is never named.
"""

from __future__ import annotations

from toolkit.rules.targets import meets
from toolkit.vocab import BEHIND, MISSED

SHORT = (BEHIND, MISSED)


def reaches(value: float | None, target: float, comparator: str, tolerance: float) -> bool:
    """A unit's figure reaches a standard every unit must reach: the target's comparator,
    never pro-rated (`tolerance` only widens an 约 target, as it does for the city)."""
    return value is not None and meets(value, target, comparator, tolerance)


def behind_owners(figures: dict, allocated, standard_members, target: float, comparator: str,
                  tolerance: float) -> list[str]:
    """The units that own part of the figure and fall short, in the order of `figures`:
    allocated units whose own status is 滞后 or 未达标, members of a standard who reported a
    value that does not reach it."""
    allocated, members = set(allocated), set(standard_members)
    out = []
    for unit, fig in figures.items():
        if fig.value is None or fig.issue:
            continue
        if unit in allocated and fig.status in SHORT:
            out.append(unit)
        elif unit in members and not reaches(fig.value, target, comparator, tolerance):
            out.append(unit)
    return out


def lead_named(status: str, lead: str | None) -> str:
    """The lead, when the city figure misses the target; "" otherwise."""
    return lead or "" if status in SHORT else ""
