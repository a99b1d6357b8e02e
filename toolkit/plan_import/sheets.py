"""Excel and other spreadsheets holding a decomposition table: .xlsx with openpyxl, .xls, .ods
and WPS .et with python-calamine; merged cells are filled from their top-left cell."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from toolkit.errors import WorkplanError
from toolkit.plan_import.tables import TableReader, find_header

MAX_ROWS, MAX_COLUMNS = 20000, 60


def sheet_text(path: Path, reader: TableReader, engine: str, name: str = "") -> str:
    """The task table of the workbook's first sheet that has one, as plan lines."""
    name = name or path.name
    try:
        sheets = list(_openpyxl_sheets(path) if engine == "openpyxl" else _calamine_sheets(path))
    except WorkplanError:
        raise
    except Exception as exc:  # each library has its own errors for a damaged file
        raise WorkplanError(
            f"表格文件 {name} 无法打开（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后再试。"
        ) from exc
    for sheet_name, rows in sheets:
        if find_header(rows) is not None:
            return "\n".join(reader.lines(rows, f"“{sheet_name}”工作表"))
    raise WorkplanError(
        f"表格文件 {name} 中没有找到任务分解表（表头有“序号”“工作任务”“责任单位”等列的工作表），"
        "请检查所选文件，或把任务表放到第一个工作表。"
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()


def _openpyxl_sheets(path: Path):
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise WorkplanError(
            f"表格文件 {path.name} 无法打开（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后再试。"
        ) from exc
    for ws in book.worksheets:
        rows = [[_text(v) for v in row[:MAX_COLUMNS]]
                for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS), values_only=True)]
        for merged in ws.merged_cells.ranges:
            _fill(rows, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
        yield ws.title, rows


def _calamine_sheets(path: Path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        rows = [[_text(v) for v in row[:MAX_COLUMNS]]
                for row in sheet.to_python(skip_empty_area=False)[:MAX_ROWS]]
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            _fill(rows, r0, c0, r1, c1)
        yield name, rows


def _fill(rows: list[list[str]], r0: int, c0: int, r1: int, c1: int) -> None:
    """Give a merged range's text (its top-left cell's) to every cell it covers."""
    if r0 >= len(rows):
        return
    value = rows[r0][c0] if c0 < len(rows[r0]) else ""
    for r in range(r0, min(r1, len(rows) - 1) + 1):
        row = rows[r]
        row.extend([""] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            row[c] = value
