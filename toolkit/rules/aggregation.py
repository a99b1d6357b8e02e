"""How units' figures make up a city figure: which aggregation an indicator gets by default
(shared by the import, which fills the master's 汇总方式 column, and the check, which uses it
when the column is empty or wrong), whose figures count, and the aggregation itself."""

from __future__ import annotations

from toolkit.rules.measures import PERCENT, RATE, is_additive, unit_family
from toolkit.model.plan import (
    AGG_LEAD,
    AGG_MEAN,
    AGG_MIN,
    AGG_SUM,
    AGGREGATIONS,
    AT_LEAST,
    AT_MOST,
    ROLE_LEAD,
    Indicator,
    Plan,
)


def lead_unit(plan: Plan, task_number: int) -> str | None:
    """The single unit that leads a task, or None when the lead is a group (各县…) or absent."""
    task = plan.task(task_number)
    if task is None or not task.lead:
        return None
    if plan.group(task.lead) is not None:
        return None
    leads = [u for u, role in plan.task_units(task) if role == ROLE_LEAD]
    return leads[0] if leads else None


def group_members(plan: Plan, task_number: int) -> list[str]:
    """Units a task names through a group (each county of 各县(市、区)教育局, each college)."""
    task = plan.task(task_number)
    if task is None:
        return []
    out: list[str] = []
    for printed in task.units:
        group = plan.group(printed)
        if group is not None:
            out += [m for m in group.members if m not in out]
    return out


def contributors(plan: Plan, indicator: Indicator, method: str, allocated: list[str]) -> list[str]:
    """The units whose figures make up an indicator's city figure, the ones a blank figure is
    a problem for: the 分解 sheet's units when it is allocated; the lead for 牵头单位;
    otherwise the units the task names through groups (the counties, the colleges), or else
    all its units. (A lead's city total beside a sum is welcome but not required.)"""
    if allocated:
        return list(allocated)
    if method == AGG_LEAD:
        lead = lead_unit(plan, indicator.task)
        return [lead] if lead else []
    members = group_members(plan, indicator.task)
    if members:
        return members
    task = plan.task(indicator.task)
    return [u for u, _ in plan.task_units(task)] if task else []


_EVERY_UNIT = ("每个", "每所", "各县", "均达", "均要", "全部", "所有")
_PER_HEAD = ("生均", "每生", "人均")


def every_unit_must_reach(indicator: Indicator) -> bool:
    """An at-least target of 100%, a per-head standard (生均公用经费标准 600元/生·年) that
    each county sets for itself, or a source saying so (每个, 各县, 均达 …)."""
    full = (indicator.comparator == AT_LEAST and indicator.value >= 100
            and unit_family(indicator.unit) == PERCENT)
    standard = any(w in indicator.name for w in _PER_HEAD) or unit_family(indicator.unit) == RATE
    said = any(word in (indicator.source or indicator.name) for word in _EVERY_UNIT)
    return full or standard or said


def default_aggregation(indicator: Indicator, plan: Plan) -> str:
    """The aggregation the check uses unless the administrator sets another in 指标.

    1. Counts, money and area add up: 求和 (over the counties or colleges a task names through
       a group, or over the units that report).
    2. A percentage, a rate or a per-head standard does not add up:
       a. one unit only is responsible: 牵头单位;
       b. the task names units through a group (各县(市、区)教育局, 各高校) and every one of
          them must reach the target (see `every_unit_must_reach`): 最小值, the weakest decides;
       c. a single unit leads (an office reporting the city-wide rate): 牵头单位;
       d. the lead is a group (各高校 …): 平均.
    """
    if is_additive(indicator.name, indicator.unit):
        return AGG_SUM
    task = plan.task(indicator.task)
    units = plan.task_units(task) if task else []
    if len(units) <= 1:
        return AGG_LEAD
    if group_members(plan, indicator.task) and every_unit_must_reach(indicator):
        return AGG_MIN
    if lead_unit(plan, indicator.task):
        return AGG_LEAD
    return AGG_MEAN


# --- aggregating the units' figures ----------------------------------------------------------
def weakest(values: dict[str, float], comparator: str) -> tuple[str, float]:
    """The unit whose value is furthest from meeting the target: the smallest for at-least,
    about and equal targets, the largest for at-most targets (a cap every unit must keep)."""
    pick = max if comparator == AT_MOST else min
    unit = pick(values, key=lambda u: values[u])
    return unit, values[unit]


def effective_aggregation(indicator: Indicator, plan: Plan) -> tuple[str, str]:
    """(aggregation to use, note): the 指标 sheet's choice, unless it is missing or sums a
    percentage or rate, which never makes sense; then the default, with a note saying so."""
    chosen = indicator.aggregation
    if chosen not in AGGREGATIONS:
        default = default_aggregation(indicator, plan)
        return default, f"未设置汇总方式，按“{default}”汇总"
    if chosen == AGG_SUM and not is_additive(indicator.name, indicator.unit):
        default = default_aggregation(indicator, plan)
        if default != AGG_SUM:
            return default, f"比率类指标不能求和，按“{default}”汇总"
    return chosen, ""
