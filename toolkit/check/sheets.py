"""The 指标核对, 分解核对 and 任务核对 sheets, added to (or replaced in) the consolidated workbook."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.check.evaluate import Evaluation
from toolkit.check.tasks import DONE, NOT_STARTED, ONGOING, UNFINISHED
from toolkit.check.rules import (
    BEHIND,
    EXCEEDED,
    MET,
    MISSED,
    NOT_REPORTED,
    ON_TRACK,
    TO_VERIFY,
)
from toolkit.model import COMPARATOR_WORDS

SHEET_INDICATORS, SHEET_ALLOCATIONS, SHEET_TASKS = "指标核对", "分解核对", "任务核对"
CHECK_SHEETS = (SHEET_INDICATORS, SHEET_ALLOCATIONS, SHEET_TASKS)

# Status -> (fill, font colour): green good, amber behind, red missed, grey missing, blue verify.
STATUS_COLOURS = {
    EXCEEDED: ("C6EFCE", "006100"),
    MET: ("C6EFCE", "006100"),
    DONE: ("C6EFCE", "006100"),
    ON_TRACK: ("DDEBF7", "1F4E78"),
    ONGOING: ("DDEBF7", "1F4E78"),
    BEHIND: ("FFEB9C", "9C5700"),
    NOT_STARTED: ("FFEB9C", "9C5700"),
    MISSED: ("FFC7CE", "9C0006"),
    UNFINISHED: ("FFC7CE", "9C0006"),
    NOT_REPORTED: ("D9D9D9", "404040"),
    TO_VERIFY: ("FCE4D6", "C00000"),
}

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(name="宋体", bold=True, color="FFFFFF", size=11)
_BODY_FONT = Font(name="宋体", size=10)
_TITLE_FONT = Font(name="宋体", bold=True, size=14)
_SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)

INDICATOR_COLUMNS = [
    ("指标编号", 9), ("任务序号", 8), ("指标名称", 24), ("要求", 8), ("目标值", 10),
    ("计量单位", 8), ("本轮应达", 10), ("汇总方式", 9), ("汇总值", 10), ("完成率", 8),
    ("状态", 9), ("报送情况", 9), ("未报送单位", 24), ("拖后单位", 24), ("核实事项及说明", 40),
]
ALLOCATION_COLUMNS = [
    ("指标编号", 9), ("指标名称", 24), ("单位", 20), ("分解目标", 10), ("计量单位", 8),
    ("本轮应达", 10), ("实际完成", 10), ("完成率", 8), ("状态", 9), ("说明", 40),
]
TASK_COLUMNS = [
    ("序号", 6), ("任务名称", 28), ("牵头单位", 14), ("牵头单位状态", 11), ("完成进度（%）", 10),
    ("任务状态", 9), ("配合单位报送情况", 40), ("未报送单位", 28), ("说明", 32),
]


EXCEL_MAX_TEXT = 32767  # characters a cell can hold
CLIPPED = "…（内容过长，已截断）"


def clip(value: str) -> str:
    """Text short enough for one cell; Excel refuses to open a file with a longer one."""
    if len(value) <= EXCEL_MAX_TEXT:
        return value
    return value[: EXCEL_MAX_TEXT - len(CLIPPED)] + CLIPPED


def printable(value: str) -> str:
    """`value` without the control characters a workbook or a document cannot hold (a unit's
    text pasted from elsewhere may carry them; Excel stores them as _x0007_)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def text(cell, value: str) -> None:
    """Write text as text: never let a unit's '=…' become a formula."""
    cell.value = clip(printable(value))
    cell.data_type = "s"


def replace_sheets(wb: Workbook, evaluation: Evaluation, title: str) -> None:
    """Write the three check sheets, each where its predecessor was, else at the end."""
    writers = {
        SHEET_INDICATORS: write_indicators,
        SHEET_ALLOCATIONS: write_allocations,
        SHEET_TASKS: write_tasks,
    }
    for name, writer in writers.items():
        index = None
        if name in wb.sheetnames:
            index = wb.sheetnames.index(name)
            del wb[name]
        ws = wb.create_sheet(name, index)
        writer(ws, evaluation, title)


def _table(ws: Worksheet, title: str, columns, rows: list[list], status_col: int) -> None:
    last = get_column_letter(len(columns))
    ws.merge_cells(f"A1:{last}1")
    text(ws["A1"], title)
    ws["A1"].font = _TITLE_FONT
    ws.row_dimensions[1].height = 24
    for col, (header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=col)
        text(cell, header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.border, cell.alignment = _BORDER, _CENTER
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=3):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                text(cell, value)
            else:
                cell.value = value
            cell.font, cell.border, cell.alignment = _BODY_FONT, _BORDER, _WRAP
    end = max(3, len(rows) + 2)
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{last}{end}"
    colour_statuses(ws, f"{get_column_letter(status_col)}3:{get_column_letter(status_col)}{end}")
    _print_setup(ws)


def colour_statuses(ws: Worksheet, ref: str) -> None:
    for status, (fill, font) in STATUS_COLOURS.items():
        ws.conditional_formatting.add(
            ref,
            CellIsRule(operator="equal", formula=[f'"{status}"'],
                       fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                       font=Font(color=font, bold=True)),
        )


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    ws.print_options.horizontalCentered = True


def _number(ws: Worksheet, column: int, first: int, last: int, fmt: str) -> None:
    for row in range(first, last + 1):
        ws.cell(row=row, column=column).number_format = fmt


def write_indicators(ws: Worksheet, ev: Evaluation, title: str) -> None:
    rows = []
    for r in ev.indicators:
        rows.append([
            r.key, r.task, r.name, COMPARATOR_WORDS.get(r.comparator, r.comparator), r.target,
            r.unit, r.expected if r.due < 1 else None, r.aggregation, r.actual, r.rate,
            r.status, f"{len(r.reported_units)}/{len(r.expected_units)}",
            "、".join(r.missing_units), "、".join(r.lagging_units), r.remark,
        ])
    _table(ws, f"{title}　指标核对", INDICATOR_COLUMNS, rows, 11)
    last = len(rows) + 2
    for col in (5, 7, 9):
        _number(ws, col, 3, last, "General")
    _number(ws, 10, 3, last, "0%")


def write_allocations(ws: Worksheet, ev: Evaluation, title: str) -> None:
    rows = [
        [a.indicator, a.name, a.unit, a.allocation, a.measure,
         a.expected if not ev.final else None, a.actual, a.rate, a.status, a.note]
        for a in ev.allocations
    ]
    if not rows:
        rows = [["", "本总表未分解指标（「分解」工作表为空）", "", None, "", None, None, None, "", ""]]
    _table(ws, f"{title}　分解指标核对", ALLOCATION_COLUMNS, rows, 9)
    _number(ws, 8, 3, len(rows) + 2, "0%")
    for r, a in enumerate(ev.allocations, start=3):
        if a.unit == "合计":
            for col in range(1, len(ALLOCATION_COLUMNS) + 1):
                ws.cell(row=r, column=col).font = Font(name="宋体", size=10, bold=True)


def write_tasks(ws: Worksheet, ev: Evaluation, title: str) -> None:
    rows, section_rows = [], []
    current = None
    for t in ev.tasks:
        if t.section != current:
            current = t.section
            heading = f"{t.section}、{t.section_title}" if t.section_title else t.section
            section_rows.append(len(rows) + 3)
            rows.append([heading] + [""] * (len(TASK_COLUMNS) - 1))
        progress = round(t.progress, 1) if t.progress is not None else None
        rows.append([
            t.number, t.title, t.lead, t.lead_status, progress, t.status, t.coop_text,
            "、".join(t.missing_units), "；".join(t.notes),
        ])
    _table(ws, f"{title}　任务核对", TASK_COLUMNS, rows, 6)
    last = get_column_letter(len(TASK_COLUMNS))
    for r in section_rows:
        ws.merge_cells(f"A{r}:{last}{r}")
        cell = ws.cell(row=r, column=1)
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.fill = _SECTION_FILL
    colour_statuses(ws, f"D3:D{max(3, len(rows) + 2)}")
