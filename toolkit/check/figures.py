"""One unit's reported figure: conversion into the indicator's unit and plausibility checks."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.rules.measures import UnitMismatch, convert, normalize_unit, unit_in_note
from toolkit.model.returns import FigureAnswer
from toolkit.rules.plausibility import suspicion
from toolkit.model.plan import Indicator
from toolkit.vocab import FIGURE_CORRECTED, FLAG_INVALID, FLAG_VERIFY


@dataclass(slots=True)
class Reading:
    """A unit's figure as the check uses it."""

    value: float | None  # in the indicator's unit; None when not reported or unusable
    reported: float | None  # as the unit wrote it
    issue: str = ""  # why the value is suspicious ("" when it is fine)
    note: str = ""  # e.g. a conversion that was made


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
    if answer.corrects("actual"):  # the administrator's decision stands
        value = float(answer.actual)
        return Reading(value, value, "", FIGURE_CORRECTED)
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
