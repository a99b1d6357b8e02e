"""Writing the consolidated workbook (汇总表) with XlsxWriter, once per run: the collection's
sheets, the administrator's corrections and the check's sheets. Every text cell from a returned
file is written as a string, never as a formula or link."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from toolkit import vocab as W
from toolkit.books.form import layout as F
from toolkit.books import styles
from toolkit.books.form.layout import FormIndex
from toolkit.rules.numbers import RATE_FORMAT, computed
from toolkit.rules.rounds import round_label
from toolkit.rules.text import clip, printable
from toolkit.books.consolidated import layout as B
from toolkit.model.plan import COMPARATOR_WORDS, STATUSES

# Every cell's base look is the workbook's default format (the Normal style), so that plain
# cells are written without a format of their own: a fifth less writing time at 285k cells.
BASE = {"font_name": styles.FONT, "font_size": styles.FONT_SIZE, "valign": "top"}
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
           "nan_inf_to_errors": True, "default_format_properties": BASE,
           "constant_memory": True}  # rows are written in order: memory stays flat
# Columns whose text wraps, by sheet and header.
WRAP = {
    B.SHEET_TASKS: ("任务名称", "工作进展及成效", "存在问题", "下一步打算", "核实更正"),
    B.SHEET_FIGURES: ("指标名称", "说明", "核实更正"),
    B.SHEET_PROBLEMS: ("问题", "处理建议"),
    B.SHEET_CORRECTIONS: ("原报送值", "更正值", "更正理由"),
    B.SHEET_HISTORY: ("文件", "修改内容（原值 → 新值）"),
    B.SHEET_COMPARISON: ("任务名称",),
    B.SHEET_INDICATOR_CHECK: ("指标名称", "未报送单位", "拖后单位", "核实事项及说明"),
    B.SHEET_ALLOCATION_CHECK: ("指标名称", "说明"),
    B.SHEET_TASK_CHECK: ("任务名称", "灯号依据", "配合单位报送情况", "未报送单位", "说明"),
}


def fit_row(ws, row: int, cells) -> None:
    """A row whose wrapped text takes more than one line gets the height it needs (LibreOffice
    and WPS print a row at the height the file gives it); `cells` are (value, column width)."""
    texts = [(v, width) for v, width in cells if v.__class__ is str and v]
    if any(_wraps(v, width) for v, width in texts):
        ws.set_row(row, styles.row_height(texts))


def _forget_written(ws, row: int) -> None:
    """XlsxWriter keeps every row's height (set_row) to the end, also in constant-memory mode,
    where a row is written out once the next one is begun: what is written is let go (a
    round of thousands of units has a height for most of its answer rows)."""
    if getattr(ws, "previous_row", -1) <= row:
        return  # not written out yet
    for kept in (getattr(ws, "row_info", None), getattr(ws, "row_sizes", None)):
        if kept and row in kept:  # row_sizes only places drawings: this workbook has none
            del kept[row]


def _wraps(text: str, width: float) -> bool:
    """styles.text_lines(text, width) > 1, without counting the lines of a short text."""
    if "\n" not in text and 2 * len(text) <= max(2.0, width + 1.0):
        return False  # even all double-width, it fits one line
    return styles.text_lines(text, width) > 1


class Heading:
    """A section row of a table: one merged cell across the row."""

    def __init__(self, text: str):
        self.text = text


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, index: FormIndex, collected, evaluation,
                 title: str):
        self.wb = wb
        self.index = index
        self.plan = index.plan
        self.collected = collected
        self.consolidation = collected.consolidation
        self.evaluation = evaluation
        self.title = title
        self.f_text = None  # plain text and numbers: the workbook's default format
        self.f_wrap = wb.add_format({**BASE, "text_wrap": True})
        self.f_head = wb.add_format({
            **BASE, "bold": True, "bg_color": styles.HEADER_FILL, "font_color": styles.HEADER_FONT,
            "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter",
        })
        self.f_title = wb.add_format({"font_name": styles.TITLE_FONT, "font_size": 14,
                                      "bold": True, "valign": "vcenter"})
        self.f_vertical = wb.add_format({**BASE, "bold": True, "bg_color": styles.HEADER_FILL,
                                         "font_color": styles.HEADER_FONT, "border": 1,
                                         "rotation": 90, "align": "center", "valign": "bottom"})
        self.f_none_rule = wb.add_format({"bg_color": styles.NONE_FILL})
        self.f_center = wb.add_format({**BASE, "align": "center", "border": 1})
        self.f_percent = wb.add_format({**BASE, "num_format": RATE_FORMAT})
        self.f_section = wb.add_format({**BASE, "bold": True, "font_size": 11,
                                        "bg_color": styles.SECTION_FILL})
        self.colours = {v: wb.add_format({"bg_color": f, "font_color": c})
                        for v, (f, c) in styles.COLOURS.items()}
        self.check_colours = {v: wb.add_format({"bg_color": f, "font_color": c, "bold": True})
                              for v, (f, c) in styles.CHECK_COLOURS.items()}
        self.light_colours = {v: wb.add_format({"bg_color": f, "font_color": c, "bold": True})
                              for v, (f, c) in styles.LIGHT_COLOURS.items()}
        self.label = round_label(self.plan.year, collected.round)
        self.rows_written = 0  # by the last table()

    # --- helpers ----------------------------------------------------------------------
    def cell(self, ws, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            value = W.YES if value else W.NO
        if isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        else:
            ws.write_string(row, col, clip(printable(str(value))), fmt)

    def table(self, name: str, title: str, columns, rows, formats=None) -> object:
        """Title in row 1, headers in row 2, rows from 3; `formats` by column index. `rows`
        may be a generator: each row is written as it comes (constant memory)."""
        ws = self.wb.add_worksheet(name)
        wrap = WRAP.get(name, ())
        last = len(columns) - 1
        ws.merge_range(0, 0, 0, last, title, self.f_title)
        ws.set_row(0, 24)
        ws.set_row(1, 30)
        text_formats = []
        for c, column in enumerate(columns):
            header, width = column[0], column[-1]
            ws.write_string(1, c, header, self.f_head)
            ws.set_column(c, c, width, self.f_wrap if header in wrap else None)
            text_formats.append(self.f_wrap if header in wrap else self.f_text)
        number_formats = [(formats or {}).get(c, self.f_text) for c in range(len(columns))]
        wrapped = [(c, column[-1]) for c, column in enumerate(columns) if column[0] in wrap]
        write_string, write_number = ws.write_string, ws.write_number
        count = 0
        for r, values in enumerate(rows, start=B.FIRST_DATA_ROW - 1):
            count += 1
            _forget_written(ws, r - 2)  # the row before the last is written out
            if isinstance(values, Heading):
                ws.merge_range(r, 0, r, last, values.text, self.f_section)
                continue
            fit_row(ws, r, [(values[c], width) for c, width in wrapped if c < len(values)])
            for c, value in enumerate(values):
                kind = value.__class__
                if kind is str:
                    if value:
                        write_string(r, c, clip(printable(value)), text_formats[c])
                elif kind is int or kind is float:
                    write_number(r, c, value, number_formats[c])
                elif value is not None:
                    self.cell(ws, r, c, value, text_formats[c])
        ws.freeze_panes(B.FIRST_DATA_ROW - 1, 0)
        ws.autofilter(1, 0, max(1, count + 1), last)
        self.page_setup(ws, B.HEADER_ROW)
        self.rows_written = count
        return ws

    def page_setup(self, ws, header_row: int) -> None:
        """Landscape A4; the title and the rows down to `header_row` on every page."""
        styles.print_xlsxwriter(ws, True, (1, header_row), left=f"{self.label}汇总")

    def colour(self, ws, first_row: int, first_col: int, last_row: int, last_col: int,
               values, formats=None) -> None:
        if last_row < first_row:
            return
        formats = formats or self.colours
        for value in values:
            ws.conditional_format(first_row, first_col, last_row, last_col, {
                "type": "cell", "criteria": "==", "value": f'"{value}"',
                "format": formats[value],
            })

    def unit_kind(self, unit: str) -> str:
        found = self.index.unit(unit)
        return found.kind if found else ""

    # --- the collection's sheets --------------------------------------------------------
    def submissions(self) -> None:
        subs = self.consolidation.submissions
        late, filled = self.collected.late, self.collected.filled
        done = sum(1 for s in subs if s.state not in (W.NOT_SUBMITTED, W.NOT_FILLED))
        rows = [[
            i, s.unit, self.unit_kind(s.unit), s.state,
            B.LATE_YES if s.unit in late else "",
            s.file, s.received, s.received_basis, s.reporter, s.phone, filled.get(s.unit, ""),
            s.problems if s.state != W.NOT_SUBMITTED else None,
            ("" if s.state == W.NOT_SUBMITTED else W.VERIFIED if s.verified else W.UNVERIFIED),
        ] for i, s in enumerate(subs, start=1)]
        title = (f"{self.label}报送情况：应报 {len(subs)} 个单位，已报送 {done} 个，"
                 f"未报送 {len(subs) - done} 个")
        ws = self.table(B.SHEET_SUBMISSIONS, title, B.SUBMISSION_COLUMNS, rows)
        last = len(rows) + 1
        self.colour(ws, 2, 3, last, 3,
                    [W.SUBMITTED, W.LATE, W.WITH_PROBLEMS, W.PARTLY_SUBMITTED, W.NOT_FILLED,
                     W.NOT_SUBMITTED])
        self.colour(ws, 2, 11, last, 11, [W.UNVERIFIED])

    def tasks(self) -> None:
        heads = {t.number: (f"{t.section}、{self.index.section_title(t.section)}", t.title)
                 for t in self.plan.tasks}
        rows = ([t.task, *heads.get(t.task, ("", "")), t.unit, t.role, t.status,
                 t.progress, t.narrative, t.problems, t.next_steps, t.file,
                 F.correction_text(t.corrected)] for t in self.consolidation.tasks)
        ws = self.table(B.SHEET_TASKS, f"{self.label}任务进展（每项任务每个责任单位一行）",
                        B.TASK_COLUMNS, rows)
        ws.freeze_panes(2, 4)
        self.colour(ws, 2, 5, self.rows_written + 1, 5, STATUSES)

    def matrix(self) -> None:
        units = [s.unit for s in self.consolidation.submissions]
        state = {s.unit: s.state for s in self.consolidation.submissions}
        results = {r.number: r for r in self.evaluation.tasks}
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
        for r, task in enumerate(self.plan.tasks, start=2):
            ws.write_number(r, 0, task.number, self.f_text)
            ws.write_string(r, 1, task.title, self.f_text)
            result = results.get(task.number)  # each unit's 进展状态 as it wrote it
            said = {s.unit: s.written for s in result.units} if result else {}
            for c, unit in enumerate(units, start=2):
                if unit not in said:
                    continue  # not this unit's task: shaded by the blanks rule below
                if state[unit] == W.NOT_SUBMITTED:
                    ws.write_string(r, c, W.NOT_SUBMITTED, self.f_center)
                else:
                    ws.write_string(r, c, said[unit] or W.NOT_FILLED, self.f_center)
        last_row, last_col = len(self.plan.tasks) + 1, len(units) + 1
        ws.freeze_panes(2, 2)
        self.colour(ws, 2, 2, last_row, last_col, [*STATUSES, W.NOT_SUBMITTED, W.NOT_FILLED])
        if last_col >= 2:
            ws.conditional_format(2, 2, last_row, last_col,
                                  {"type": "blanks", "format": self.f_none_rule})
        self.page_setup(ws, 2)

    def figures(self) -> None:
        described = {i.key: (i.name, COMPARATOR_WORDS.get(i.comparator, ""), i.unit)
                     for i in self.plan.indicators}
        rows = (_figure_row(f, *described.get(f.indicator, ("", "", "")))
                for f in self.consolidation.figures)
        ws = self.table(B.SHEET_FIGURES, f"{self.label}指标数据（每个指标每个责任单位一行）",
                        B.FIGURE_COLUMNS, rows)
        ws.freeze_panes(2, 4)
        self.colour(ws, 2, 10, self.rows_written + 1, 10, [W.FLAG_VERIFY, W.FLAG_INVALID])

    def problems(self) -> None:
        rows = [[i, unit, p.file, p.sheet, p.cell, p.problem, p.action, p.severity]
                for i, (unit, p) in enumerate(self.collected.problems, start=1)]
        ws = self.table(B.SHEET_PROBLEMS, f"{self.label}问题清单（共 {len(rows)} 条）",
                        B.PROBLEM_COLUMNS, rows)
        self.colour(ws, 2, 7, len(rows) + 1, 7, list(W.SEVERITIES))

    def missing(self) -> None:
        rnd = self.plan.settings.round(self.collected.round)
        due = rnd.due.isoformat() if rnd and rnd.due else ""
        rows = []
        for s in self.consolidation.submissions:
            if s.state != W.NOT_SUBMITTED:
                continue
            unit = self.index.unit(s.unit)
            tasks = self.index.task_rows(s.unit)
            figures = self.index.figure_rows(s.unit)
            rows.append([len(rows) + 1, s.unit, unit.kind if unit else "",
                         unit.contact_line if unit else "", len(tasks), len(figures), due])
        self.table(B.SHEET_MISSING, f"{self.label}未报送单位（共 {len(rows)} 个，请催报）",
                   B.MISSING_COLUMNS, rows)

    def corrections(self) -> None:
        labels = F.ANSWER_LABELS
        rows = [[i, c.unit, c.key, labels.get(c.field, c.field), c.old, c.new, c.who, c.at,
                 c.why, c.recorded]
                for i, c in enumerate(self.collected.corrections, start=1)]
        self.table(B.SHEET_CORRECTIONS,
                   f"{self.label}核实更正（共 {len(rows)} 项，来自总表“核实更正”表）",
                   B.CORRECTION_COLUMNS, rows)

    def history(self) -> None:
        rows = _history_rows(self.collected.revisions)
        self.table(B.SHEET_HISTORY, f"{self.label}修改记录（各单位报送的每份文件；重新报送的列出修改的单元格）",
                   B.HISTORY_COLUMNS, rows)

    def comparison(self) -> None:
        found = self.collected.comparison
        rows = _comparison_rows(self.plan, found)
        label = round_label(self.plan.year, found.previous_round)
        ws = self.table(B.SHEET_COMPARISON, f"{self.label}进展对比（上期：{label}）",
                        B.COMPARISON_TASK_COLUMNS, rows)
        judged = len(B.COMPARISON_TASK_COLUMNS) - 1
        self.colour(ws, B.FIRST_DATA_ROW - 1, judged, B.FIRST_DATA_ROW + len(rows), judged,
                    (W.CHANGED_WORSE, W.CHANGED_SAME, W.CHANGED_BETTER, W.CHANGED_NEW))

    # --- the check's sheets -------------------------------------------------------------
    def indicator_checks(self) -> None:
        ev = self.evaluation
        rows = [[
            r.key, r.task, r.name, COMPARATOR_WORDS.get(r.comparator, r.comparator), r.target,
            r.unit, computed(r.expected) if r.due < 1 else None, r.aggregation, r.actual,
            r.rate,
            r.status, f"{len(r.reported_units)}/{len(r.expected_units)}",
            "、".join(r.missing_units), "、".join(r.named_behind), r.basis, r.remark,
        ] for r in ev.indicators]
        ws = self.table(B.SHEET_INDICATOR_CHECK, f"{self.title}　指标核对",
                        B.INDICATOR_CHECK_COLUMNS, rows, {9: self.f_percent})
        ws.freeze_panes(2, 2)
        self.colour(ws, 2, 10, len(rows) + 1, 10, list(styles.CHECK_COLOURS),
                    self.check_colours)

    def allocation_checks(self) -> None:
        ev = self.evaluation
        rows = [[a.indicator, a.name, a.unit, a.allocation, a.measure,
                 computed(a.expected) if not ev.final else None, a.actual, a.rate,
                 a.status, a.note]
                for a in ev.allocations]
        if not rows:
            rows = [["", "本总表未分解指标（「分解」工作表为空）", "", None, "", None, None, None,
                     "", ""]]
        ws = self.table(B.SHEET_ALLOCATION_CHECK, f"{self.title}　分解指标核对",
                        B.ALLOCATION_CHECK_COLUMNS, rows, {7: self.f_percent})
        ws.freeze_panes(2, 2)
        self.colour(ws, 2, 8, len(rows) + 1, 8, list(styles.CHECK_COLOURS), self.check_colours)

    def task_checks(self) -> None:
        rows = []
        current = None
        for t in self.evaluation.tasks:
            if t.section != current:
                current = t.section
                rows.append(Heading(f"{t.section}、{t.section_title}" if t.section_title
                                    else t.section))
            progress = round(t.progress, 1) if t.progress is not None else None
            rows.append([t.number, t.title, t.lead, t.lead_status, progress, t.status, t.light,
                         t.light_reason, t.coop_text, "、".join(t.missing_units),
                         "；".join(t.notes)])
        ws = self.table(B.SHEET_TASK_CHECK, f"{self.title}　任务核对", B.TASK_CHECK_COLUMNS,
                        rows)
        ws.freeze_panes(2, 2)
        end = len(rows) + 1
        for col in (3, 5):
            self.colour(ws, 2, col, end, col, list(styles.CHECK_COLOURS), self.check_colours)
        self.colour(ws, 2, 6, end, 6, list(styles.LIGHT_COLOURS), self.light_colours)

    def meta(self) -> None:
        ws = self.wb.add_worksheet(B.SHEET_META)
        values = [
            ("schema_version", str(B.SCHEMA_VERSION)),
            ("round", self.collected.round),
            ("year", str(self.plan.settings.year or self.plan.meta.year or "")),
            ("plan_id", self.index.plan_id),
            ("plan_version", str(self.plan.settings.plan_version)),
        ]
        for r, (key, value) in enumerate(values):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, value)
        ws.hide()


def _figure_row(f, name: str, words: str, measure: str) -> list:
    return [f.indicator, f.task, name, f.unit, f.role, words, f.target, measure, f.actual,
            f.note, f.flag, f.file, F.correction_text(f.corrected)]


def _history_rows(revisions) -> list[list]:
    return [[i, r.unit, r.file, r.received, r.outcome, r.replaced, r.changes_text()]
            for i, r in enumerate(revisions, 1)]


def _comparison_rows(plan, comparison) -> list:
    titles = {t.number: t.title for t in plan.tasks}
    names = {i.key: i.name for i in plan.indicators}
    ordered = sorted(comparison.tasks, key=lambda t: (t.judgement not in (W.CHANGED_WORSE,
                                                                          W.CHANGED_SAME),))
    rows: list = [Heading(f"任务进展：倒退 {len(comparison.backwards)} 项、无进展 "
                          f"{len(comparison.standing)} 项（排在前面）")]
    for t in ordered:
        before = t.previous
        rows.append([t.task, titles.get(t.task, ""), t.unit, before.status if before else "",
                     t.current.status, before.progress if before else None, t.current.progress,
                     t.change, t.judgement])
    rows.append(Heading("量化指标（以下各行依次为：指标编号、指标名称、单位、上期完成值、本期完成值、变化）"))
    rows += [[f.indicator, names.get(f.indicator, ""), f.unit, f.previous, f.current, f.change]
             for f in comparison.figures]
    return rows


def write_consolidated(path: Path, index: FormIndex, collected, evaluation, title: str) -> None:
    """Write the workbook to `path` (the caller moves it into place: see atomic_path)."""
    plan = index.plan
    year = plan.settings.year or 2000
    # XlsxWriter adds to the default format's properties in place: a fresh copy each time, or
    # the second workbook of a process would differ from the first (its fonts' scheme)
    wb = xlsxwriter.Workbook(str(path), {**OPTIONS, "default_format_properties": dict(BASE)})
    wb.set_properties({
        "title": f"{round_label(plan.year, collected.round)}汇总表",
        "created": datetime(year, 1, 1),
    })
    w = _Writer(wb, index, collected, evaluation, title)
    w.submissions()
    w.tasks()
    w.matrix()
    w.figures()
    w.problems()
    w.missing()
    if collected.corrections:
        w.corrections()
    w.history()
    if collected.comparison is not None:
        w.comparison()
    w.indicator_checks()
    w.allocation_checks()
    w.task_checks()
    w.meta()
    wb.close()
