"""Which units get a workbook, which rows each one gets, and what in the master looks wrong."""

from __future__ import annotations

from collections import defaultdict

from toolkit.books.form.layout import FormIndex, unit_form  # noqa: F401 - the rows of a unit
from toolkit.rules import units
from toolkit.rules.numbers import plain
from toolkit.model.plan import AGG_SUM, Plan

# Rows of the master's 任务, 单位 and 分解 sheets: a header row, then one row per item in the
# order the Plan lists them. Warnings name these rows so the administrator can find them.
MASTER_FIRST_ROW = 2


def select_units(index: FormIndex, wanted) -> list[str]:
    """The units to write: all responsible units of the index, or those named (rules.units)."""
    return units.select_units(index.plan, index.responsible_units(), wanted)


# --- checks of the master ------------------------------------------------------------------
def check_plan(plan: Plan, index: FormIndex) -> list[str]:
    """Warnings about master content that would make units miss tasks or targets."""
    return (
        _check_tasks(plan)
        + _check_groups(plan)
        + _check_allocations(plan, index)
        + _check_unit_names(plan, index)
    )


def _row(position: int) -> int:
    return MASTER_FIRST_ROW + position


def _check_tasks(plan: Plan) -> list[str]:
    out = []
    for pos, task in enumerate(plan.tasks):
        where = f"任务 工作表第{_row(pos)}行（序号{task.number}“{task.title}”）“责任单位”列"
        if not task.units:
            out.append(f"{where}：没有填写责任单位，本任务不会下发给任何单位（请填写责任单位）。")
            continue
        for printed in task.units:
            if plan.group(printed) is None and plan.unit(printed) is None:
                out.append(
                    f"{where}：“{printed}”不在 单位 工作表中，仍按该名称生成任务表"
                    "（如为笔误请改正，或在 单位 工作表中补充该单位）。"
                )
    return out


def _check_groups(plan: Plan) -> list[str]:
    out = []
    for pos, group in enumerate(plan.groups):
        if group.members:
            continue
        tasks = [t.number for t in plan.tasks if any(plan.group(p) is group for p in t.units)]
        if not tasks:
            continue
        numbers = "、".join(str(n) for n in tasks)
        out.append(
            f"单位 工作表右侧分组表第{_row(pos)}行（分组“{group.name}”）：该分组没有成员单位，"
            f"任务{numbers}中交给该分组的部分本轮不会下发"
            "（请在 单位 工作表的“所属分组”列为成员单位填写该分组）。"
        )
    return out


def _check_allocations(plan: Plan, index: FormIndex) -> list[str]:
    out = []
    indicators = {i.key: i for i in plan.indicators}
    totals: dict[str, float] = defaultdict(float)
    rows: dict[str, list[int]] = defaultdict(list)
    for pos, allocation in enumerate(plan.allocations):
        where = f"分解 工作表第{_row(pos)}行（指标{allocation.indicator}，{allocation.unit}）"
        indicator = indicators.get(allocation.indicator)
        if indicator is None:
            out.append(f"{where}：“指标编号”在 指标 工作表中不存在，该行分解未使用（请核对指标编号）。")
            continue
        task = plan.task(indicator.task)
        responsible = dict(index.task_units(task)) if task else {}
        if allocation.unit not in responsible:
            out.append(
                f"{where}：“单位名称”不是任务{indicator.task}的责任单位，该分解目标不会出现在任何任务表中"
                "（请核对单位名称，或在 任务 工作表中把该单位加入责任单位）。"
            )
        totals[allocation.indicator] += allocation.value
        rows[allocation.indicator].append(_row(pos))
    for key, total in totals.items():
        indicator = indicators[key]
        if indicator.aggregation != AGG_SUM or _close(total, indicator.value):
            continue
        unit = indicator.unit
        out.append(
            f"分解 工作表第{_rows_text(rows[key])}行（指标{key}“{indicator.name}”）“分解目标值”列："
            f"各单位分解之和为{plain(float(total))}{unit}，与 指标 工作表中的目标值{plain(float(indicator.value))}"
            f"{unit}不一致（请核对分解数或目标值）。"
        )
    return out


def _check_unit_names(plan: Plan, index: FormIndex) -> list[str]:
    out = []
    rows = {}
    for pos, unit in enumerate(plan.units):
        rows.setdefault(unit.name, _row(pos))
    for name in index.responsible_units():
        bad = "".join(sorted({ch for ch in name if ch in '\\/:*?"<>|'}))
        if not bad:
            continue
        where = f"单位 工作表第{rows[name]}行“单位名称”列" if name in rows else "任务 工作表“责任单位”列"
        out.append(
            f"{where}：单位名称“{name}”含有文件名中不允许的字符“{bad}”，任务表文件名中已去掉这些字符"
            "（如是两个单位写在了一起，请分开填写）。"
        )
    return out


def _rows_text(rows: list[int]) -> str:
    if len(rows) > 1 and rows == list(range(rows[0], rows[-1] + 1)):
        return f"{rows[0]}至{rows[-1]}"
    return "、".join(str(r) for r in rows)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

