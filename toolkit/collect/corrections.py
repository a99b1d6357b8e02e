"""核实更正 and 接收登记: the administrator's rows in the master, checked against a round.

A 核实更正 row that cannot be applied (a round the plan does not have, an unknown unit or
number, a value that is not a number where one is needed, a negative or absurd figure, an error
value, nothing typed, a row repeated by a later one) is a problem row naming the master's cell;
the others are applied by `rounds.build_round` on every run. A 接收登记 row likewise: each bad
row is a line naming its cell, the good ones give each unit's receipt time.
"""

from __future__ import annotations

from datetime import datetime

from toolkit.books.form.layout import ANSWER_LABELS
from toolkit.books.master.layout import SHEET_CORRECTIONS, SHEET_RECEIPTS
from toolkit.collect.index import CollectIndex
from toolkit.errors import Problem, WorkplanError
from toolkit.intake.problems import ERROR, WARNING
from toolkit.model.plan import STATUSES, Correction
from toolkit.rules import cells as V
from toolkit.rules.rounds import find_round
from toolkit.vocab import CITY

MASTER_FILE = "任务分解总表"
FIELDS = {**{label: name for name, label in ANSWER_LABELS.items()},
          **{name: name for name in ANSWER_LABELS}, "完成进度": "progress"}
TASK_FIELDS = {"status", "progress", "narrative", "problems", "next_steps"}
FIGURE_FIELDS = {"actual", "note"}


FIX_ROW = "请在总表“核实更正”表中改正该行后重新汇总"
EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                "#SPILL!", "#CALC!", "#GETTING_DATA"}


def usable_corrections(index: CollectIndex, round_name: str,
                       corrections: list[Correction]) -> tuple[list[Correction], list[Problem]]:
    """The round's corrections that apply (field names and values understood), and a problem
    naming the cell of every row that does not (a row of a round the plan does not have is
    said in every round's collection)."""
    good: list[Correction] = []
    problems: list[Problem] = []
    for c in corrections:
        if c.round and c.round != round_name:
            if not _known_round(index, c.round):
                problems.append(_bad(c, "round", f"报送轮次“{c.round}”不是“设置”表中的轮次，该行更正未采用"))
            continue
        fixed, problem, where = _understood(index, round_name, c)
        if problem:
            problems.append(_bad(c, where, problem))
        elif fixed is not None:
            if c.typed_at not in (None, "") and V.cell_date(c.typed_at) is None:
                problems.append(_bad(c, "at", f"核实日期“{V.text_of(c.typed_at)}”不是日期，本行更正照常采用",
                                     WARNING, "请在总表“核实更正”表中改正核实日期"))
            good.append(fixed)
    return _last_of_each(good, problems), problems


def _bad(c, where: str, problem: str, severity: str = ERROR, action: str = FIX_ROW) -> Problem:
    return Problem(MASTER_FILE, SHEET_CORRECTIONS, c.cells.get(where, c.place), problem, action,
                   severity)


def _last_of_each(good: list[Correction], problems: list[Problem]) -> list[Correction]:
    """One correction of each answer: a later row of the same unit, number and item replaces
    an earlier one, which is said on the earlier row."""
    last: dict[tuple, Correction] = {}
    for c in good:
        earlier = last.get((c.unit, c.key, c.field))
        if earlier is not None:
            problems.append(Problem(
                MASTER_FILE, SHEET_CORRECTIONS, earlier.place,
                f"与 {c.place} 所在行更正的是同一单位、同一编号的同一项，以后一行为准，本行未采用",
                "请删除重复的行", WARNING))
        last[(c.unit, c.key, c.field)] = c
    return [c for c in good if last[(c.unit, c.key, c.field)] is c]


def _known_round(index: CollectIndex, name: str) -> bool:
    try:
        find_round(index.plan, name)
    except WorkplanError:
        return False
    return True


def _city(index: CollectIndex, round_name: str, c: Correction):
    """全市: the administrator decides the city figure of an indicator itself."""
    indicator = index.indicator(c.key)
    if indicator is None:
        return None, f"单位填“{CITY}”时，编号应为指标编号（如 I2-1），“{c.key}”不是本计划的指标", "key"
    if FIELDS.get(c.field) != "actual":
        return None, f"单位填“{CITY}”时只能更正“{ANSWER_LABELS['actual']}”（即全市数）", "field"
    value, problem = _value("actual", c.new, indicator.unit)
    if problem:
        return None, problem, "new"
    return (Correction(round_name, CITY, c.key, "actual", value, c.who, c.at, c.why, c.place),
            "", "")


def _understood(index: CollectIndex, round_name: str, c: Correction):
    """(the correction as applied, or None; the problem; the field whose cell it names)."""
    if not c.round:
        return None, "未填写报送轮次，该行更正未采用", "round"
    if c.unit == CITY:
        return _city(index, round_name, c)
    if not c.unit:
        return None, "未填写单位名称，该行更正未采用", "unit"
    unit = index.canonical(c.unit)
    if unit not in index.responsible_set:
        return None, f"单位“{c.unit}”不是本轮应报单位，该行更正未采用", "unit"
    field = FIELDS.get(c.field)
    if field is None:
        return None, f"更正项目“{c.field}”无效（可选：{'、'.join(ANSWER_LABELS.values())}）", "field"
    if not c.key:
        return None, "未填写编号（如 T3 或 I2-1），该行更正未采用", "key"
    key = f"T{c.key}" if c.key.isdigit() else c.key
    tasks, figures = index.rows(unit)
    kinds = TASK_FIELDS if key in tasks else FIGURE_FIELDS if key in figures else None
    if kinds is None:
        return None, f"编号“{c.key}”不是{unit}本轮任务表中的任务或指标", "key"
    if field not in kinds:
        what = "任务" if key in tasks else "指标"
        return None, f"{what}{key}没有“{c.field}”这一项，该行更正未采用", "field"
    value, problem = _value(field, c.new, figures.get(key, {}).get("unit", ""))
    if problem:
        return None, problem, "new"
    return Correction(round_name, unit, key, field, value, c.who, c.at, c.why, c.place), "", ""


def _value(field: str, raw, measure: str):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, "未填写更正值，该行更正未采用"
    if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
        return None, f"更正值是错误值 {raw.strip()}（可能是公式出错），该行更正未采用"
    if field == "progress":
        value, _, error = V.parse_progress(raw)
        return value, f"更正值{error}，该行更正未采用" if error else ""
    if field == "actual":
        value, _, error = V.parse_figure(raw, measure)
        if error:
            return None, f"更正值无法识别：{error}，该行更正未采用"
        if value is not None and value < 0:
            return None, f"更正值为负数（{V.text_of(value)}），该行更正未采用"
        if value is not None and abs(value) >= V.LARGEST_FIGURE:
            return None, f"更正值 {V.text_of(value)} 大得不合常理（可能误填），该行更正未采用"
        return value, ""
    text = V.text_of(raw)
    if field == "status" and text and text not in STATUSES:
        return None, f"进展状态“{text}”不是可选项（{'、'.join(STATUSES)}），该行更正未采用"
    return text, ""


# --- 接收登记 -----------------------------------------------------------------------------------
FIX_RECEIPT = "请在总表“接收登记”表中改正该行后重新汇总"


def usable_receipts(index: CollectIndex, round_name: str, receipts, now: datetime | None = None
                    ) -> tuple[dict[str, str], list[Problem]]:
    """unit -> the 接收登记 time of the round (a row without a round counts for any round; the
    last row of a unit counts), and a problem naming the cell of every row that cannot count."""
    now = now or datetime.now()
    times: dict[str, str] = {}
    rows: dict[str, object] = {}
    problems: list[Problem] = []

    def bad(r, where: str, problem: str, severity: str = ERROR, action: str = FIX_RECEIPT):
        problems.append(Problem(MASTER_FILE, SHEET_RECEIPTS, r.cells.get(where, ""), problem,
                                action, severity))

    for r in receipts:
        if r.round and r.round != round_name:
            if not _known_round(index, r.round):
                bad(r, "round", f"报送轮次“{r.round}”不是“设置”表中的轮次，该行未采用")
            continue
        unit = index.canonical(r.unit) if r.unit else ""
        if not unit:
            bad(r, "unit", "未填写单位名称，该行未采用")
        elif unit not in index.responsible_set:
            bad(r, "unit", f"单位“{r.unit}”不是本轮应报单位，该行未采用")
        elif not r.at:
            typed = f"“{r.typed}”不是日期时间（如 2020-12-24 16:00）" if r.typed else "未填写"
            bad(r, "at", f"接收时间{typed}，该行未采用")
        elif datetime.fromisoformat(r.at) > now:
            bad(r, "at", f"接收时间 {r.at} 晚于现在，该行未采用")
        else:
            if unit in rows:
                earlier = rows[unit]
                bad(earlier, "at", f"{unit}本轮有多行接收登记，以 {r.cells.get('at', '')} 所在行为准，"
                    "本行未采用", WARNING, "请删除重复的行")
            rows[unit], times[unit] = r, r.at
    return times, problems
