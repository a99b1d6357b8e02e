"""Excel and other spreadsheets holding a decomposition table: .xlsx with openpyxl, .xls, .ods
and WPS .et with python-calamine; each sheet a grid, merged cells filled from their top-left cell."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from toolkit.errors import WorkplanError
from toolkit.plan_import.grid import Grid, fill_merged

MAX_ROWS, MAX_COLUMNS = 20000, 60


def sheet_grids(path: Path, engine: str, name: str = "") -> list[Grid]:
    """Every sheet of the workbook as a grid, merged cells filled."""
    name = name or path.name
    try:
        return list(_openpyxl_sheets(path, name) if engine == "openpyxl" else _calamine_sheets(path, name))
    except WorkplanError:
        raise
    except Exception as exc:  # each library has its own errors for a damaged file
        raise WorkplanError(
            f"表格文件 {name} 无法打开（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后再试。"
        ) from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()


def _openpyxl_sheets(path: Path, name: str):
    from toolkit.common.no_numpy import without_numpy

    with without_numpy():
        import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise WorkplanError(
            f"表格文件 {path.name} 无法打开（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后再试。"
        ) from exc
    for ws in book.worksheets:
        grid = Grid([[_text(v) for v in row[:MAX_COLUMNS]]
                     for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS), values_only=True)],
                    name=f"“{name}”“{ws.title}”工作表")
        for merged in ws.merged_cells.ranges:
            fill_merged(grid.rows, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1,
                        merged.max_col - 1, grid.copies)
        yield grid


def _calamine_sheets(path: Path, name: str):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for title in book.sheet_names:
        sheet = book.get_sheet_by_name(title)
        grid = Grid([[_text(v) for v in row[:MAX_COLUMNS]]
                     for row in sheet.to_python(skip_empty_area=False)[:MAX_ROWS]],
                    name=f"“{name}”“{title}”工作表")
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            fill_merged(grid.rows, r0, c0, r1, c1, grid.copies)
        yield grid
