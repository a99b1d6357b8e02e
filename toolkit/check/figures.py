"""One unit's reported figure: conversion into the indicator's unit and plausibility checks."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.common.measures import (
    AREA,
    MONEY,
    PERCENT,
    UnitMismatch,
    convert,
    normalize_unit,
    unit_family,
    unit_in_note,
)
from toolkit.common.forms import ANSWER_LABELS, FigureAnswer
from toolkit.model import ABOUT, AT_LEAST, EQUAL, Indicator
from toolkit.vocab import FLAG_INVALID, FLAG_VERIFY



@dataclass
class Reading:
    """A unit's figure as the check uses it."""

    value: float | None  # in the indicator's unit; None when not reported or unusable
    reported: float | None  # as the unit wrote it
    issue: str = ""  # why the value is suspicious ("" when it is fine)
    note: str = ""  # e.g. a conversion that was made


def suspicion(value: float, indicator: Indicator, own_target: float | None) -> str:
    """Why a reported value looks wrong, or "" when it looks plausible.

    - a negative value;
    - a percentage above 100 (except growth: 增长, 增幅, 提高);
    - a percentage of at most 1 against an at-least/about/equal target of 10% or more, the
      usual sign of 0.97 typed for 97%;
    - money or area 100 times its reference or more, anything else 1,000 times or more (the
      reference is the unit's own target, else the city's);
    - money or area below a thousandth of the unit's own target (an allocation): 万元 vs 亿元.
    """
    family = unit_family(indicator.unit)
    if value < 0:
        return "数值为负"
    if family == PERCENT:
        growth = any(w in indicator.name for w in ("增长", "增幅", "提高"))
        if value > 100 and not growth:
            return "百分比超过100%"
        if (
            0 < value <= 1
            and indicator.comparator in (AT_LEAST, ABOUT, EQUAL)
            and indicator.value >= 10
        ):
            return "疑似把百分比填成小数（如97%应填97）"
        return ""
    reference = own_target if own_target else indicator.value
    scale = 100 if family in (MONEY, AREA) else 1000
    if reference and reference > 0 and value >= scale * reference:
        return f"数值是目标的{value / reference:.0f}倍，疑似计量单位填错"
    if family in (MONEY, AREA) and own_target and 0 < value < own_target / 1000:
        return "数值不足目标的千分之一，疑似计量单位填错"
    return ""


def _flag_text(answer: FigureAnswer) -> str:
    return "汇总时标记为待核实" + (f"（{answer.note}）" if answer.note else "")


def read_figure(
    answer: FigureAnswer | None, indicator: Indicator, own_target: float | None
) -> Reading:
    """The usable value of a unit's answer, converted where its note names another unit."""
    if answer is None:
        return Reading(None, None)
    if answer.flag == FLAG_INVALID:
        return Reading(None, answer.actual, answer.note or "填报值无法识别")
    if answer.actual is None:
        return Reading(None, None, _flag_text(answer) if answer.flag == FLAG_VERIFY else "")
    if ANSWER_LABELS["actual"] in answer.corrected:  # the administrator's decision stands
        value = float(answer.actual)
        return Reading(value, value, "", "管理员核实更正")
    value, note, issue = float(answer.actual), "", ""
    hinted = unit_in_note(answer.note)
    if hinted and hinted != normalize_unit(indicator.unit):
        try:
            value = convert(value, hinted, indicator.unit)
            note = f"已由{hinted}换算为{indicator.unit}"
        except UnitMismatch:
            issue = f"说明中的计量单位“{hinted}”与指标的“{indicator.unit}”不一致"
    issue = issue or suspicion(value, indicator, own_target)
    if not issue and answer.flag == FLAG_VERIFY:
        issue = _flag_text(answer)
    return Reading(value, float(answer.actual), issue, note)
