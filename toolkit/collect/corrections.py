"""核实更正: the administrator's corrections of the master, checked against a round's rows.

A row that cannot be applied (another round's, an unknown unit or number, a value that is not
a number where one is needed) is a problem row naming the master's 核实更正 cell; the others
are applied by `rounds.build_round` on every run.
"""

from __future__ import annotations

from toolkit.rules import cells as V
from toolkit.collect.index import CollectIndex
from toolkit.intake.problems import ERROR
from toolkit.errors import Problem
from toolkit.books.form.layout import ANSWER_LABELS
from toolkit.books.master.layout import SHEET_CORRECTIONS
from toolkit.model.plan import STATUSES, Correction
from toolkit.vocab import CITY

MASTER_FILE = "任务分解总表"
FIELDS = {**{label: name for name, label in ANSWER_LABELS.items()},
          **{name: name for name in ANSWER_LABELS}, "完成进度": "progress"}
TASK_FIELDS = {"status", "progress", "narrative", "problems", "next_steps"}
FIGURE_FIELDS = {"actual", "note"}


def usable_corrections(index: CollectIndex, round_name: str,
                       corrections: list[Correction]) -> tuple[list[Correction], list[Problem]]:
    """The round's corrections that apply (field names and values understood), and problems."""
    good: list[Correction] = []
    problems: list[Problem] = []
    for c in corrections:
        if c.round and c.round != round_name:
            continue
        fixed, problem = _understood(index, round_name, c)
        if problem:
            problems.append(Problem(MASTER_FILE, SHEET_CORRECTIONS, c.place, problem,
                                    "请在总表“核实更正”表中改正该行后重新汇总", ERROR))
        elif fixed is not None:
            good.append(fixed)
    return good, problems


def _city(index: CollectIndex, round_name: str, c: Correction):
    """全市: the administrator decides the city figure of an indicator itself."""
    indicator = index.indicator(c.key)
    if indicator is None:
        return None, f"单位填“{CITY}”时，编号应为指标编号（如 I2-1），“{c.key}”不是本计划的指标"
    if FIELDS.get(c.field) != "actual":
        return None, f"单位填“{CITY}”时只能更正“{ANSWER_LABELS['actual']}”（即全市数）"
    value, problem = _value("actual", c.new, indicator.unit)
    if problem:
        return None, problem
    return Correction(round_name, CITY, c.key, "actual", value, c.who, c.at, c.why, c.place), ""


def _understood(index: CollectIndex, round_name: str, c: Correction):
    if not c.round:
        return None, "未填写报送轮次，该行更正未采用"
    if c.unit == CITY:
        return _city(index, round_name, c)
    unit = index.canonical(c.unit)
    if unit not in index.responsible_set:
        return None, f"单位“{c.unit}”不是本轮应报单位，该行更正未采用"
    field = FIELDS.get(c.field)
    if field is None:
        return None, f"更正项目“{c.field}”无效（可选：{'、'.join(ANSWER_LABELS.values())}）"
    key = f"T{c.key}" if c.key.isdigit() else c.key
    tasks, figures = index.rows(unit)
    kinds = TASK_FIELDS if key in tasks else FIGURE_FIELDS if key in figures else None
    if kinds is None:
        return None, f"编号“{c.key}”不是{unit}本轮任务表中的任务或指标"
    if field not in kinds:
        what = "任务" if key in tasks else "指标"
        return None, f"{what}{key}没有“{c.field}”这一项，该行更正未采用"
    value, problem = _value(field, c.new, figures.get(key, {}).get("unit", ""))
    if problem:
        return None, problem
    return Correction(round_name, unit, key, field, value, c.who, c.at, c.why, c.place), ""


def _value(field: str, raw, measure: str):
    if field == "progress":
        value, _, error = V.parse_progress(raw)
        return value, f"更正值{error}" if error else ""
    if field == "actual":
        value, _, error = V.parse_figure(raw, measure)
        return value, f"更正值无法识别：{error}" if error else ""
    text = V.text_of(raw)
    if field == "status" and text and text not in STATUSES:
        return None, f"进展状态“{text}”不是可选项（{'、'.join(STATUSES)}）"
    return text, ""
