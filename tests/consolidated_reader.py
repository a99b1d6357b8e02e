"""Test helper: the consolidated workbook read back into its records (a round trip of the writer)."""

from __future__ import annotations

from pathlib import Path

import python_calamine as calamine

from toolkit.books.consolidated import layout as B
from toolkit.model import returns
from toolkit.errors import WorkplanError
from toolkit.vocab import UNVERIFIED


def load_consolidation(path) -> returns.Consolidation:
    """The round's records from a consolidated workbook written by collect (or re-saved)."""
    path = Path(path)
    if not path.is_file():
        raise WorkplanError(f"找不到汇总表 {path}，请先运行汇总（workplan collect）。")
    try:
        wb = calamine.CalamineWorkbook.from_path(str(path))
        sheets = {name: _rows(wb, name) for name in wb.sheet_names}
    except Exception:  # noqa: BLE001 - calamine raises assorted errors
        raise WorkplanError(f"汇总表 {path.name} 无法读取，请重新运行汇总。") from None
    for needed in (B.SHEET_SUBMISSIONS, B.SHEET_TASKS, B.SHEET_FIGURES):
        if needed not in sheets:
            raise WorkplanError(f"{path.name} 不是汇总表（缺少“{needed}”工作表），请重新运行汇总。")
    meta = {str(r[0]): str(r[1]) for r in sheets.get(B.SHEET_META, []) if len(r) > 1 and r[0]}
    result = returns.Consolidation(meta.get("round", ""))
    for row in _records(sheets[B.SHEET_SUBMISSIONS], B.SUBMISSION_COLUMNS, path.name):
        result.submissions.append(returns.Submission(
            unit=_text(row["unit"]), state=_text(row["state"]), file=_text(row["file"]),
            received=_text(row["received"]), received_basis=_text(row.get("received_basis")),
            reporter=_text(row["reporter"]),
            phone=_text(row["phone"]), problems=int(_number(row["problems"]) or 0),
            verified=_text(row["verified"]) != UNVERIFIED,
        ))
    for row in _records(sheets[B.SHEET_TASKS], B.TASK_COLUMNS, path.name):
        result.tasks.append(returns.TaskAnswer(
            task=int(_number(row["task"]) or 0), unit=_text(row["unit"]), role=_text(row["role"]),
            status=_text(row["status"]), progress=_number(row["progress"]),
            narrative=_text(row["narrative"]), problems=_text(row["problems"]),
            next_steps=_text(row["next_steps"]), file=_text(row["file"]),
            corrected=[],  # words in the workbook; the records are in the store
        ))
    for row in _records(sheets[B.SHEET_FIGURES], B.FIGURE_COLUMNS, path.name):
        result.figures.append(returns.FigureAnswer(
            indicator=_text(row["indicator"]), task=int(_number(row["task"]) or 0),
            unit=_text(row["unit"]), role=_text(row["role"]), target=_number(row["target"]),
            actual=_number(row["actual"]), note=_text(row["note"]), flag=_text(row["flag"]),
            file=_text(row["file"]), corrected=[],  # words in the workbook; the records are in the store
        ))
    return result


def _rows(wb, name: str) -> list[list]:
    return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


OPTIONAL = {"received_basis"}  # a column added later: a workbook written before has none


def _records(rows: list[list], columns, file: str):
    wanted = {header: name for header, name, _ in columns if name}
    for index, cells in enumerate(rows[:10]):
        found = {wanted[c]: i for i, c in enumerate(cells) if isinstance(c, str) and c in wanted}
        if set(wanted.values()) - set(found) <= OPTIONAL:
            break
    else:
        raise WorkplanError(f"{file} 的表头被改动，无法读取，请重新运行汇总。")
    for cells in rows[index + 1 :]:
        row = {name: (cells[i] if i < len(cells) else None) for name, i in found.items()}
        if _text(row.get("unit")):
            yield row


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None
