"""The city figure of an indicator: one function per way of forming it (汇总方式).

Each takes the units' figures (check.indicators.UnitFigure, by unit) and returns a CityFigure:
what the documents show as the city's figure, what its status is judged on, where it came from
(its basis) and whether it is complete. The administrator's own figure (核实更正 with 单位 全市)
overrides any of them (`decided`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean

from toolkit.model.plan import AGG_LEAD, AGG_MEAN, AGG_MIN, AGG_SUM
from toolkit.rules.aggregation import weakest
from toolkit.rules.numbers import fmt_number
from toolkit.vocab import BASIS_LEAD, BASIS_VERIFIED, FIGURE_CORRECTED, basis_members


@dataclass
class CityFigure:
    shown: float | None  # the city's figure as the documents give it
    judged: float | None  # what the status is judged on (the weakest unit's, for 最小值)
    from_unit: str = ""  # the unit it was taken from
    basis: str = ""  # 牵头单位报全市数 / 各单位合计（已报 9/12）/ 管理员核实 …
    complete: bool = True  # every unit it adds up has reported
    members_sum: float | None = None  # the members' sum beside a lead's city total
    findings: list[str] = field(default_factory=list)  # cross-checks that do not undo it
    notes: list[str] = field(default_factory=list)


@dataclass
class Inputs:
    """What every way of forming a city figure may use."""

    figures: dict  # unit -> UnitFigure
    units: list[str]  # the units whose figures make it up (rules.aggregation.contributors)
    values: dict[str, float]  # their usable values
    missing: list[str]  # those that did not report
    lead: str | None  # the single lead unit, if any
    comparator: str
    tolerance: float


def city_figure(method: str, given: Inputs) -> CityFigure:
    """The city figure formed the indicator's way: 求和, 牵头单位, 平均 or 最小值."""
    return WAYS[method](given)


def by_sum(given: Inputs) -> CityFigure:
    """The lead's city total when it gave one and is not itself one of the units summed (the
    members' sum is then a cross-check); else the units' sum, partial while some are missing."""
    total = sum(given.values.values()) if given.values else None
    lead = given.lead
    if lead and lead not in given.units and usable(given.figures.get(lead)):
        fig = given.figures[lead]
        notes = [] if given.values else [f"各单位未报送，采用牵头单位{lead}报送的全市数"]
        return CityFigure(fig.value, fig.value, lead, basis_of(fig),
                          members_sum=total, notes=notes,
                          findings=cross_check(fig, total, given.missing, given.tolerance))
    return CityFigure(total, total, "", basis_members(len(given.values), len(given.units)),
                      complete=not given.missing)


def by_lead(given: Inputs) -> CityFigure:
    """The lead unit's own figure: the city's rate or count as it reports it."""
    if given.lead not in given.values:
        return CityFigure(None, None, complete=not given.missing)
    fig = given.figures[given.lead]
    return CityFigure(fig.value, fig.value, given.lead, basis_of(fig),
                      complete=not given.missing)


def by_mean(given: Inputs) -> CityFigure:
    """The mean of the units' figures (a rate led by a group: 各高校 …)."""
    mean = fmean(given.values.values()) if given.values else None
    return CityFigure(mean, mean, complete=not given.missing)


def by_weakest(given: Inputs) -> CityFigure:
    """Every unit must reach the target: the weakest decides the status, but the weakest is not
    the city's figure; the lead's city figure is shown when it gave one."""
    lead = given.lead
    if lead and usable(given.figures.get(lead)):
        fig = given.figures[lead]
        return CityFigure(fig.value, fig.value, lead, basis_of(fig))
    if not given.values:
        return CityFigure(None, None, complete=not given.missing)
    _, value = weakest(given.values, given.comparator)
    return CityFigure(None, value, complete=not given.missing)


WAYS = {AGG_SUM: by_sum, AGG_LEAD: by_lead, AGG_MEAN: by_mean, AGG_MIN: by_weakest}


def decided(value: float, note: str) -> CityFigure:
    """The administrator's figure for the city (核实更正 with 单位 全市): it stands as it is."""
    return CityFigure(value, value, "", BASIS_VERIFIED, notes=[note] if note else [])


def usable(fig) -> bool:
    return fig is not None and fig.value is not None and not fig.issue


def basis_of(fig) -> str:
    """The basis of a city figure taken from one unit: the lead's, or the administrator's."""
    return BASIS_VERIFIED if fig.note == FIGURE_CORRECTED else BASIS_LEAD


def cross_check(lead_fig, members_sum, missing, tol) -> list[str]:
    """A finding when the members' sum differs from the lead's city total beyond the tolerance:
    both numbers and the units missing from the sum are named."""
    total = lead_fig.value
    if members_sum is None or abs(members_sum - total) <= tol * max(abs(members_sum), abs(total)):
        return []
    text = (f"牵头单位{lead_fig.unit}报全市数{fmt_number(total)}，"
            f"各单位合计{fmt_number(members_sum)}，相差超过{fmt_number(tol * 100)}%")
    return [text + (f"（{'、'.join(missing)}未报送）" if missing else "")]
