"""The distribution list (下发清单): which file goes to which unit, and who to call."""

from __future__ import annotations

import os
from datetime import datetime

import xlsxwriter

from toolkit import vocab as W
from toolkit.books.form.writer import STYLES, WORKBOOK_OPTIONS
from toolkit.books import styles
from toolkit.common.atomic import atomic_path

SHEET_LIST = W.LIST_SHEET
SHEET_WARNINGS = W.LIST_WARNINGS
COLUMNS = [  # (header, attribute of the entry, width)
    ("序号", None, 6),
    ("单位", "unit", 26),
    ("单位类别", "kind", 14),
    ("任务表文件", "file", 44),
    ("任务数", "tasks", 8),
    ("其中牵头", "lead_tasks", 8),
    ("指标数", "indicators", 8),
    ("联系人", "contact", 24),
    ("报送截止日期", "due", 14),
    ("报送情况", None, 12),
]
NUMERIC = {"tasks", "lead_tasks", "indicators"}
WARNING_WIDTHS = (6, 110)


def write_distribution(entries: list, path: os.PathLike, title: str, warnings: list[str],
                       created: datetime | None = None) -> None:
    """One row per assignment workbook; a second sheet lists the warnings about the master.

    `created` is stamped into the file's properties (XlsxWriter would use the current time, and
    a rerun would not give the same bytes).
    """
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        wb.set_properties({"title": title, "created": created or datetime(2000, 1, 1)})
        fmt = {name: wb.add_format(style) for name, style in STYLES.items()}
        fmt["link"] = wb.add_format({**STYLES["text"], "font_color": styles.LINK_FONT, "underline": 1})
        _write_list(wb.add_worksheet(SHEET_LIST), fmt, entries, title)
        if warnings:
            _write_warnings(wb.add_worksheet(SHEET_WARNINGS), fmt, warnings)
        wb.close()


def _write_list(ws, fmt: dict, entries: list, title: str) -> None:
    last_col = len(COLUMNS) - 1
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last_col, title, fmt["title"])
    for col, (header, _, width) in enumerate(COLUMNS):
        ws.write_string(1, col, header, fmt["header"])
        ws.set_column(col, col, width)
    for r, entry in enumerate(entries, 2):
        ws.set_row(r, styles.row_height([(str(getattr(entry, attr) or ""), width)
                                         for _, attr, width in COLUMNS if attr]))
        ws.write_number(r, 0, r - 1, fmt["center"])
        for col, (_, attr, _) in enumerate(COLUMNS[1:], 1):
            if attr is None:
                ws.write_blank(r, col, None, fmt["text"])
            elif attr in NUMERIC:
                ws.write_number(r, col, getattr(entry, attr), fmt["center"])
            elif attr == "file" and _linkable(entry.file):
                ws.write_url(r, col, f"external:{entry.file}", fmt["link"], entry.file)
            else:
                ws.write_string(r, col, str(getattr(entry, attr) or ""), fmt["text"])
    last = max(len(entries) + 1, 1)
    ws.autofilter(1, 0, last, last_col)
    ws.freeze_panes(2, 2)
    styles.print_xlsxwriter(ws, styles.wide(w for _, _, w in COLUMNS), (2, 2), left=title)


def _linkable(name: str) -> bool:
    return not any(ch in name for ch in "#%") and len(name) < 200


def _write_warnings(ws, fmt: dict, warnings: list[str]) -> None:
    ws.set_column(0, 0, WARNING_WIDTHS[0])
    ws.set_column(1, 1, WARNING_WIDTHS[1])
    ws.write_string(0, 0, "序号", fmt["header"])
    ws.write_string(0, 1, "总表中需要注意的问题", fmt["header"])
    for r, text in enumerate(warnings, 1):
        ws.set_row(r, styles.row_height([(text, WARNING_WIDTHS[1])]))
        ws.write_number(r, 0, r, fmt["center"])
        ws.write_string(r, 1, text, fmt["text"])
    ws.freeze_panes(1, 0)
    styles.print_xlsxwriter(ws, styles.wide(WARNING_WIDTHS), (1, 1), left=SHEET_WARNINGS)
