"""The 退回修改 workbook: a unit's own return, its problems marked, in the form's layout.

Built from the answers the unit sent (as typed), every cell with a problem filled red with a
comment, and a 校验结果 sheet in front listing each problem, its cell and what to do. It has the
form's identity (the same signed _workplan as the blank form), so the corrected file collects as
the unit's resubmission.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.books import styles
from toolkit.books.form import layout as F
from toolkit.books.form import writer as workbook
from toolkit.books.form.layout import FormIndex, unit_form
from toolkit.errors import Problem
from toolkit.model.plan import Plan, Round
from toolkit.model.returns import INFO_KEY, Answer, FileRecord
from toolkit.vocab import ERROR, SHEET_FEEDBACK, WARNING

RESULT_COLUMNS = [("序号", 6), ("工作表", 12), ("单元格", 8), ("问题", 60), ("处理建议", 44),
                  ("严重程度", 9)]
SHOWN = (ERROR, WARNING)  # a 提示 alone sends nothing back


def shown_problems(problems: list[Problem]) -> list[Problem]:
    """The problems a unit is asked to correct (errors and warnings)."""
    return [p for p in problems if p.severity in SHOWN]


def write_feedback(plan: Plan, rnd: Round, index: FormIndex, unit: str, record: FileRecord,
                   answers: list[Answer], path: Path, previous=None,
                   again: str = "") -> list[Problem]:
    """One unit's feedback workbook at `path`; returns its problems as listed (cells as in the
    new workbook). `again`: the day to send it back by (2020年7月15日), said on its first
    sheet."""
    form = unit_form(index, unit)
    table = workbook.meta_table(form, index)
    form.meta = workbook.form_meta(plan, unit, rnd, table, plan_id=index.plan_id)
    rows, info, places = _answers(form, answers)
    problems, marks = _placed(shown_problems(record.problems), places)
    content = {"answers": rows, "info": info, "marks": marks, "front": True}

    def results(wb, ctx):
        _write_results(wb.add_worksheet(SHEET_FEEDBACK), ctx, record, problems, again)

    workbook._write(plan, rnd, form, table, path, previous, content, before=results)
    return problems


def _answers(form, answers: list[Answer]):
    """{key: {field: value as typed}}, {info field: value}, and (sheet, old cell) -> (sheet,
    key, field, new cell) for every answer."""
    rows: dict[str, dict] = {}
    info: dict[str, object] = {}
    for a in answers:
        if a.key == INFO_KEY:
            info[a.field] = a.raw
        else:
            rows.setdefault(a.key, {})[a.field] = a.raw
    places = {}
    for sheet, spec, table in ((F.SHEET_TASKS, F.TASK_COLUMNS, form.tasks),
                               (F.SHEET_FIGURES, F.FIGURE_COLUMNS, form.figures)):
        row_of = {row["key"]: i for i, row in enumerate(table, F.FIRST_DATA_ROW)}
        col_of = {f: i for i, (_, f, _) in enumerate(spec)}
        for a in answers:
            if a.key in row_of and a.field in col_of and a.cell:
                new = f"{F.column_letter(col_of[a.field])}{row_of[a.key]}"
                places[(sheet, a.cell)] = (sheet, a.key, a.field, new)
    info_rows = {f: f"B{r}" for r, (_, f, _) in enumerate(F.INFO_ROWS, F.INFO_FIRST_ROW)}
    for a in answers:
        if a.key == INFO_KEY and a.cell and a.field in info_rows:
            places[(F.SHEET_INFO, a.cell)] = (F.SHEET_INFO, a.key, a.field,
                                                  info_rows[a.field])
    return rows, info, places


def _placed(problems: list[Problem], places: dict):
    """The problems with the cells of the new workbook, and (key, field) -> comment."""
    out, marks = [], {}
    for p in problems:
        place = places.get((p.sheet, p.cell))
        if place is None:
            out.append(p)
            continue
        sheet, key, name, cell = place
        out.append(Problem(p.file, sheet, cell, p.problem, p.action, p.severity))
        text = f"{p.problem}\n{p.action}" if p.action else p.problem
        marks[(key, name)] = f"{marks[(key, name)]}\n{text}" if (key, name) in marks else text
    return out, marks


def _write_results(ws, ctx, record: FileRecord, problems: list[Problem], again: str = "") -> None:
    fmt = ctx.fmt
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, len(RESULT_COLUMNS) - 1,
                   f"{ctx.unit}　{ctx.label}任务表校验结果（请按标红单元格修改后重新报送）",
                   fmt["title"])
    ws.merge_range(1, 0, 1, len(RESULT_COLUMNS) - 1,
                   f"原报送文件：{record.name}；共{len(problems)}处需修改。本表其余内容为你单位原报送"
                   f"内容，修改后保存，{f'于{again}前' if again else ''}按原渠道重新报送即可。",
                   fmt["text"])
    for col, (header, width) in enumerate(RESULT_COLUMNS):
        ws.write_string(2, col, header, fmt["header"])
        ws.set_column(col, col, width)
    for r, p in enumerate(problems, 3):
        values = [r - 2, p.sheet, p.cell, p.problem, p.action, p.severity]
        ws.set_row(r, styles.row_height([(p.problem, 60), (p.action, 44)]))
        for col, value in enumerate(values):
            workbook._write_value(ws, r, col, value, fmt["center" if col in (0, 2, 5) else "text"])
    ws.freeze_panes(3, 0)
    workbook.page_setup(ws, ctx, (3, 3))
    ws.set_tab_color(styles.PROBLEM_FILL)
    ws.activate()


