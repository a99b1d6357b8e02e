"""Writing the consolidated workbook with XlsxWriter: every text cell from a returned file is
written as a string, never as a formula or link."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import xlsxwriter

from toolkit.collect import book as B
from toolkit.common import forms, paths
from toolkit.common.atomic import atomic_path
from toolkit.common.errors import Problem
from toolkit.collect.index import CollectIndex
from toolkit.model import COMPARATOR_WORDS, STATUSES

# Every cell's base look is the workbook's default format (the Normal style), so that plain
# cells are written without a format of their own: a fifth less writing time at 285k cells.
BASE = {"font_name": "宋体", "font_size": 10, "valign": "top"}
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
           "nan_inf_to_errors": True, "default_format_properties": BASE}

COLOURS = {  # value -> (fill, font)
    "已完成": ("#C6EFCE", "#006100"),
    "推进中": ("#DDEBF7", "#1F4E78"),
    "未启动": ("#EDEDED", "#404040"),
    "未完成": ("#FFC7CE", "#9C0006"),
    forms.SUBMITTED: ("#C6EFCE", "#006100"),
    forms.LATE: ("#FFEB9C", "#9C5700"),
    forms.WITH_PROBLEMS: ("#FFC7CE", "#9C0006"),
    forms.NOT_SUBMITTED: ("#FCE4D6", "#C65911"),
    "未填写": ("#FFF2CC", "#7F6000"),
    "错误": ("#FFC7CE", "#9C0006"),
    "警告": ("#FFEB9C", "#9C5700"),
    "提示": ("#EDEDED", "#404040"),
    "待核实": ("#FFEB9C", "#9C5700"),
    "无效": ("#FFC7CE", "#9C0006"),
    B.UNVERIFIED: ("#FFEB9C", "#9C5700"),
}
NOT_FILLED = "未填写"
# Columns whose text wraps, by sheet and header.
WRAP = {
    B.SHEET_TASKS: ("任务名称", "工作进展及成效", "存在问题", "下一步打算"),
    B.SHEET_FIGURES: ("指标名称", "说明"),
    B.SHEET_PROBLEMS: ("问题", "处理建议"),
}


@dataclass
class Report:
    """Everything the consolidated workbook shows."""

    index: CollectIndex
    round: str
    consolidation: forms.Consolidation
    problems: list[tuple[str, Problem]]  # (unit, problem)
    late: set[str] = field(default_factory=set)
    filled: dict[str, str] = field(default_factory=dict)  # unit -> 填报日期


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, report: Report):
        self.wb = wb
        self.report = report
        self.index = report.index
        self.plan = report.index.plan
        self.f_text = None  # plain text and numbers: the workbook's default format
        self.f_wrap = wb.add_format({**BASE, "text_wrap": True})
        self.f_head = wb.add_format({
            **BASE, "bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
            "text_wrap": True, "align": "center", "valign": "vcenter",
        })
        self.f_title = wb.add_format({"font_name": "黑体", "font_size": 14, "bold": True,
                                      "valign": "vcenter"})
        self.f_vertical = wb.add_format({**BASE, "bold": True, "bg_color": "#1F4E78",
                                         "font_color": "#FFFFFF", "border": 1, "rotation": 90,
                                         "align": "center", "valign": "bottom"})
        self.f_none_rule = wb.add_format({"bg_color": "#F2F2F2"})
        self.f_center = wb.add_format({**BASE, "align": "center", "border": 1})
        self.colours = {v: wb.add_format({"bg_color": f, "font_color": c})
                        for v, (f, c) in COLOURS.items()}
        self.label = paths.round_label(self.plan.settings.year, report.round)

    # --- helpers ----------------------------------------------------------------------
    def cell(self, ws, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            value = "是" if value else "否"
        if isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        else:
            ws.write_string(row, col, str(value), fmt)

    def table(self, name: str, title: str, columns, rows: list[list]) -> object:
        ws = self.wb.add_worksheet(name)
        wrap = WRAP.get(name, ())
        last = len(columns) - 1
        ws.merge_range(0, 0, 0, last, title, self.f_title)
        ws.set_row(0, 24)
        ws.set_row(1, 30)
        text_formats = []
        for c, (header, _, width) in enumerate(columns):
            ws.write_string(1, c, header, self.f_head)
            ws.set_column(c, c, width, self.f_wrap if header in wrap else None)
            text_formats.append(self.f_wrap if header in wrap else self.f_text)
        write_string, write_number, number = ws.write_string, ws.write_number, self.f_text
        for r, values in enumerate(rows, start=B.FIRST_DATA_ROW - 1):
            for c, value in enumerate(values):
                kind = value.__class__
                if kind is str:
                    if value:
                        write_string(r, c, value, text_formats[c])
                elif kind is int or kind is float:
                    write_number(r, c, value, number)
                elif value is not None:
                    self.cell(ws, r, c, value, text_formats[c])
        ws.freeze_panes(B.FIRST_DATA_ROW - 1, 0)
        ws.autofilter(1, 0, max(1, len(rows) + 1), last)
        self.page_setup(ws, B.HEADER_ROW - 1)
        return ws

    def page_setup(self, ws, header_row: int) -> None:
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0, header_row)
        ws.set_footer(f"&L{self.label}汇总&R第 &P 页，共 &N 页")

    def colour(self, ws, first_row: int, first_col: int, last_row: int, last_col: int,
               values) -> None:
        if last_row < first_row:
            return
        for value in values:
            ws.conditional_format(first_row, first_col, last_row, last_col, {
                "type": "cell", "criteria": "==", "value": f'"{value}"',
                "format": self.colours[value],
            })

    def unit_kind(self, unit: str) -> str:
        found = self.index.unit(unit)
        return found.kind if found else ""

    # --- sheets -----------------------------------------------------------------------
    def submissions(self) -> None:
        subs = self.report.consolidation.submissions
        done = sum(1 for s in subs if s.state != forms.NOT_SUBMITTED)
        rows = [[
            i, s.unit, self.unit_kind(s.unit), s.state,
            B.LATE_YES if s.unit in self.report.late else "",
            s.file, s.received, s.reporter, s.phone, self.report.filled.get(s.unit, ""),
            s.problems if s.state != forms.NOT_SUBMITTED else None,
            ("" if s.state == forms.NOT_SUBMITTED else B.VERIFIED if s.verified else B.UNVERIFIED),
        ] for i, s in enumerate(subs, start=1)]
        title = (f"{self.label}报送情况：应报 {len(subs)} 个单位，已报送 {done} 个，"
                 f"未报送 {len(subs) - done} 个")
        ws = self.table(B.SHEET_SUBMISSIONS, title, B.SUBMISSION_COLUMNS, rows)
        last = len(rows) + 1
        self.colour(ws, 2, 3, last, 3, [forms.SUBMITTED, forms.LATE, forms.WITH_PROBLEMS,
                                        forms.NOT_SUBMITTED])
        self.colour(ws, 2, 11, last, 11, [B.UNVERIFIED])

    def tasks(self) -> None:
        plan = self.plan
        heads = {t.number: (f"{t.section}、{self.index.section_title(t.section)}", t.title)
                 for t in plan.tasks}
        rows = []
        for t in self.report.consolidation.tasks:
            section, title = heads.get(t.task, ("", ""))
            rows.append([t.task, section, title, t.unit, t.role, t.status,
                         t.progress, t.narrative, t.problems, t.next_steps, t.file])
        ws = self.table(B.SHEET_TASKS, f"{self.label}任务进展（每项任务每个责任单位一行）",
                        B.TASK_COLUMNS, rows)
        ws.freeze_panes(2, 4)
        self.colour(ws, 2, 5, len(rows) + 1, 5, STATUSES)

    def matrix(self) -> None:
        plan, report = self.plan, self.report
        units = [s.unit for s in report.consolidation.submissions]
        state = {s.unit: s.state for s in report.consolidation.submissions}
        status = {(t.task, t.unit): t.status for t in report.consolidation.tasks}
        ws = self.wb.add_worksheet(B.SHEET_MATRIX)
        ws.write_string(0, 0, f"{self.label}任务进展矩阵（任务 × 单位）", self.f_title)
        ws.write_string(1, 0, "序号", self.f_head)
        ws.write_string(1, 1, "任务名称", self.f_head)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 28)
        ws.set_column(2, max(2, len(units) + 1), 4.5)
        ws.set_row(1, 120)
        for c, unit in enumerate(units, start=2):
            ws.write_string(1, c, unit, self.f_vertical)
        for r, task in enumerate(plan.tasks, start=2):
            ws.write_number(r, 0, task.number, self.f_text)
            ws.write_string(r, 1, task.title, self.f_text)
            for c, unit in enumerate(units, start=2):
                if (task.number, unit) not in status:
                    continue  # not this unit's task: shaded by the blanks rule below
                if state[unit] == forms.NOT_SUBMITTED:
                    ws.write_string(r, c, forms.NOT_SUBMITTED, self.f_center)
                else:
                    ws.write_string(r, c, status[(task.number, unit)] or NOT_FILLED,
                                    self.f_center)
        last_row, last_col = len(plan.tasks) + 1, len(units) + 1
        ws.freeze_panes(2, 2)
        self.colour(ws, 2, 2, last_row, last_col,
                    [*STATUSES, forms.NOT_SUBMITTED, NOT_FILLED])
        if last_col >= 2:
            ws.conditional_format(2, 2, last_row, last_col,
                                  {"type": "blanks", "format": self.f_none_rule})
        self.page_setup(ws, 1)

    def figures(self) -> None:
        plan = self.plan
        indicators = {i.key: i for i in plan.indicators}
        rows = []
        for f in self.report.consolidation.figures:
            ind = indicators.get(f.indicator)
            rows.append([
                f.indicator, f.task, ind.name if ind else "", f.unit, f.role,
                COMPARATOR_WORDS.get(ind.comparator, "") if ind else "", f.target,
                ind.unit if ind else "", f.actual, f.note, f.flag, f.file,
            ])
        ws = self.table(B.SHEET_FIGURES, f"{self.label}指标数据（每个指标每个责任单位一行）",
                        B.FIGURE_COLUMNS, rows)
        ws.freeze_panes(2, 4)
        self.colour(ws, 2, 10, len(rows) + 1, 10, ["待核实", "无效"])

    def problems(self) -> None:
        rows = [[i, unit, p.file, p.sheet, p.cell, p.problem, p.action, p.severity]
                for i, (unit, p) in enumerate(self.report.problems, start=1)]
        ws = self.table(B.SHEET_PROBLEMS, f"{self.label}问题清单（共 {len(rows)} 条）",
                        B.PROBLEM_COLUMNS, rows)
        self.colour(ws, 2, 7, len(rows) + 1, 7, ["错误", "警告", "提示"])

    def missing(self) -> None:
        plan = self.plan
        rnd = plan.settings.round(self.report.round)
        due = rnd.due.isoformat() if rnd and rnd.due else ""
        rows = []
        for s in self.report.consolidation.submissions:
            if s.state != forms.NOT_SUBMITTED:
                continue
            unit = self.index.unit(s.unit)
            tasks, figures = self.index.rows(s.unit)
            rows.append([len(rows) + 1, s.unit, unit.kind if unit else "",
                         unit.contact if unit else "", len(tasks), len(figures), due])
        self.table(B.SHEET_MISSING, f"{self.label}未报送单位（共 {len(rows)} 个，请催报）",
                   B.MISSING_COLUMNS, rows)

    def meta(self) -> None:
        ws = self.wb.add_worksheet(B.SHEET_META)
        values = [
            ("schema_version", str(B.SCHEMA_VERSION)),
            ("round", self.report.round),
            ("year", str(self.plan.settings.year or self.plan.meta.year or "")),
            ("plan_id", self.index.plan_id),
            ("plan_version", str(self.plan.settings.plan_version)),
        ]
        for r, (key, value) in enumerate(values):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, value)
        ws.hide()


def write_consolidated(path: Path, report: Report) -> None:
    """Write the workbook atomically to `path`."""
    plan = report.index.plan
    year = plan.settings.year or 2000
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), OPTIONS)
        wb.set_properties({
            "title": f"{paths.round_label(plan.settings.year, report.round)}汇总表",
            "created": datetime(year, 1, 1),
        })
        w = _Writer(wb, report)
        w.submissions()
        w.tasks()
        w.matrix()
        w.figures()
        w.problems()
        w.missing()
        w.meta()
        wb.close()
