"""Whether a figure a unit typed is plausible: one rule, used by the collection (a problem
row and the 待核实 flag) and by the check (a figure it will not add up)."""

from __future__ import annotations

from toolkit.rules.numbers import plain
from toolkit.rules.measures import AREA, COUNT, MONEY, PERCENT, unit_family
from toolkit.model.plan import ABOUT, AT_LEAST, EQUAL, Indicator

TIMES = 10  # a figure this many times its reference is a slipped digit or a wrong unit
GROWTH_WORDS = ("增长", "增幅", "提高")


def suspicion(value: float, indicator: Indicator, own_target: float | None) -> str:
    """Why a reported value looks wrong, or "" when it looks plausible.

    - a negative value;
    - a percentage above 100 (except growth: 增长, 增幅, 提高);
    - a percentage of at most 1 against an at-least/about/equal target of 10% or more, the
      usual sign of 0.97 typed for 97%;
    - anything else ten times its reference or more (the unit's own target, else the city's):
      a digit typed twice, or 万元 for 元;
    - money or area below a thousandth of the unit's own target (an allocation): 万元 vs 亿元;
    - a fractional count (12.5 所 schools, 8640.5 个 places).
    """
    family = unit_family(indicator.unit)
    if value < 0:
        return "数值为负"
    if family == PERCENT:
        growth = any(w in indicator.name for w in GROWTH_WORDS)
        if value > 100 and not growth:
            return "百分比超过100%"
        if (
            0 < value <= 1
            and indicator.comparator in (AT_LEAST, ABOUT, EQUAL)
            and indicator.value >= 10
        ):
            return "疑似把百分比填成小数（如97%应填97）"
        return ""
    if family == COUNT and not float(value).is_integer():
        return f"数量应为整数（填写了{plain(float(value))}{indicator.unit}）"
    reference = own_target if own_target else indicator.value
    if reference and reference > 0 and value >= TIMES * reference:
        return (f"数值是目标值{plain(float(reference))}的{value / reference:.0f}倍（超过十倍），"
                "疑似多填了数位或计量单位填错")
    if family in (MONEY, AREA) and own_target and 0 < value < own_target / 1000:
        return "数值不足目标的千分之一，疑似计量单位填错"
    return ""
