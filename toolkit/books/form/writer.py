"""One unit's assignment workbook, written with XlsxWriter in the layout of toolkit.books.form.layout.

Sheets, in order: 填报说明, 任务清单, 指标填报, 填报信息, and the very hidden _workplan that
carries the form's identity, the row keys and the signature over the locked content.
"""

from __future__ import annotations

import os
from datetime import date, datetime

import xlsxwriter

from toolkit.books.form import guide
from toolkit.books.form import layout as F
from toolkit.books.form.layout import UnitForm, unit_form
from toolkit.books import styles
from toolkit.common.atomic import atomic_path
from toolkit.books.styles import row_height
from toolkit.errors import WorkplanError
from toolkit.model.plan import STATUSES, Plan, Round
from toolkit.model.returns import INFO_KEY, Previous
from toolkit.rules.rounds import find_round, round_label
from toolkit.vocab import DONE, ROLE_LEAD, UNFINISHED

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,  # text from anywhere is text, never a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,
}
TEXT_LIMIT = 2000  # characters in one narrative cell

_BASE = {"font_name": styles.FONT, "font_size": styles.FONT_SIZE, "valign": "top", "text_wrap": True}
_BOX = {**_BASE, "border": 1, "border_color": styles.KEY_FONT}
_HEADER = {**_BOX, "bold": True, "align": "center", "valign": "vcenter",
           "bg_color": styles.SECTION_FILL}
_INPUT = {**_BOX, "bg_color": styles.INPUT_FILL, "locked": False}
STYLES = {
    "title": {**_BASE, "font_size": 14, "bold": True, "align": "center", "valign": "vcenter"},
    "header": _HEADER,
    "header_input": {**_HEADER, "bg_color": styles.INPUT_HEADER_FILL},
    "text": _BOX,
    "center": {**_BOX, "align": "center"},
    "lead": {**_BOX, "align": "center", "bold": True, "font_color": styles.LEAD_FONT},
    "number": {**_BOX, "align": "right", "text_wrap": False},
    "city_number": {**_BOX, "align": "right", "text_wrap": False,
                    "num_format": '"全市 "General'},  # a city target on a unit's form
    "key": {**_BASE, "font_color": styles.KEY_FONT, "text_wrap": False},
    "input": _INPUT,
    "input_center": {**_INPUT, "align": "center"},
    "input_number": {**_INPUT, "text_wrap": False},
    "input_date": {**_INPUT, "text_wrap": False, "num_format": "yyyy-mm-dd", "align": "left"},
    "label": {**_BOX, "bold": True, "bg_color": styles.SECTION_FILL},
    "section": {**_BASE, "font_size": 12, "bold": True, "valign": "vcenter"},
    "plain": {"font_name": styles.FONT, "font_size": styles.FONT_SIZE},
    "done": {"bg_color": styles.GOOD[0], "font_color": styles.GOOD[1]},
    "failed": {"bg_color": styles.BAD[0], "font_color": styles.BAD[1]},
    "previous": {**_BOX, "bg_color": styles.PREVIOUS_FILL, "font_color": styles.NOTE_FONT},
    "previous_number": {**_BOX, "bg_color": styles.PREVIOUS_FILL, "font_color": styles.NOTE_FONT,
                        "align": "right", "text_wrap": False},
    "problem": {**_INPUT, "bg_color": styles.PROBLEM_FILL},
}

# Column widths (characters) and the style of each locked column, by field.
TASK_WIDTHS = {
    "key": 8, "number": 5, "section": 14, "title": 18, "body": 56, "role": 9, "deadline": 9,
    "status": 9, "progress": 10, "narrative": 40, "problems": 22, "next_steps": 22,
    "previous_status": 9, "previous_progress": 9, "previous_narrative": 32,
    "previous_problems": 18, "previous_next_steps": 18,
}
FIGURE_WIDTHS = {
    "key": 8, "task": 6, "name": 20, "source": 36, "comparator_words": 7, "target": 11,
    "unit": 9, "actual": 12, "note": 36, "previous_actual": 12, "previous_note": 24,
}
GUIDE_WIDTHS = (24, 96)
LOCKED_STYLES = {
    "key": "key", "number": "center", "task": "center", "role": "center",
    "deadline": "center", "comparator_words": "center", "unit": "center", "target": "number",
    **{F.previous_field(f): "previous" for f in F.PREVIOUS_TASK_FIELDS},
    **{F.previous_field(f): "previous" for f in F.PREVIOUS_FIGURE_FIELDS},
    "previous_progress": "previous_number", "previous_actual": "previous_number",
}
INPUT_STYLES = {"status": "input_center", "progress": "input_number", "actual": "input_number"}
MIN_DATA_LINES = 3  # room to type in a task's input cells
MIN_FIGURE_LINES = 2
PROTECTION = {"sort": True, "autofilter": True, "format_columns": True, "format_rows": True}


def write_assignment(
    plan: Plan,
    unit: str,
    round: Round | str,
    path,
    *,
    index: F.FormIndex | None = None,
    atomic: bool = True,
    previous: Previous | None = None,
) -> UnitForm:
    """Write `unit`'s assignment workbook for `round` to `path`; return its rows and meta.

    `index` lets a caller writing many workbooks share the work of expanding the plan's units;
    `atomic=False` writes straight to `path`, for a caller that already writes into a temporary
    folder (see common.atomic.atomic_dir). `previous` (the unit's latest accepted answers, see
    assign.previous) pre-fills the inputs and adds the read-only 上期 columns.
    """
    rnd = find_round(plan, round)
    index = index or F.FormIndex(plan)
    form = unit_form(index, unit)
    if not form.tasks:
        raise WorkplanError(f"单位“{unit}”不是任何任务的责任单位，没有可生成的任务表。")
    table = meta_table(form, index)
    form.meta = form_meta(plan, unit, rnd, table, plan_id=index.plan_id)
    if not atomic:
        _write(plan, rnd, form, table, path, previous)
        return form
    with atomic_path(path) as tmp:
        _write(plan, rnd, form, table, tmp, previous)
    return form


def form_meta(plan: Plan, unit: str, rnd: Round, table: list, plan_id: str = "") -> dict:
    """The key/value part of _workplan (all text), signed over `table` (see meta_table)."""
    meta = {
        "schema_version": str(F.SCHEMA_VERSION),
        "plan_id": plan_id or plan.identity(),
        "plan_version": str(plan.settings.plan_version),
        "plan_title": plan.display_title,
        "year": str(plan.settings.year or plan.meta.year or ""),
        "unit": unit,
        "round": rnd.name,
        "issued": date.today().isoformat(),  # a 填报日期 before it is a problem
        "key_id": F.key_id(F.signing_key(plan)),
    }
    meta["signature"] = F.signature(meta, [fp for _, _, fp in table], F.signing_key(plan))
    return meta


def meta_table(
    form: UnitForm, index: F.FormIndex | None = None
) -> list[tuple[str, str, str]]:
    """(row key, sheet, fingerprint of the locked cells) for every row of both tables."""
    fingerprint = index.fingerprint if index else F.fingerprint
    task_fields = F.locked_fields(F.TASK_COLUMNS)
    figure_fields = F.locked_fields(F.FIGURE_COLUMNS)
    return [
        (row["key"], F.SHEET_TASKS, fingerprint(row, task_fields)) for row in form.tasks
    ] + [
        (row["key"], F.SHEET_FIGURES, fingerprint(row, figure_fields))
        for row in form.figures
    ]


# --- the workbook ---------------------------------------------------------------------------
def _write(plan: Plan, rnd: Round, form: UnitForm, table: list, path: os.PathLike,
           previous: Previous | None = None, info: dict | None = None, before=None) -> None:
    """The workbook; `info` fills 填报信息 and `before(wb, ctx)` adds sheets in front (the
    feedback workbook of assign.feedback uses both)."""
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    wb.set_properties(_properties(plan, form.unit, rnd))
    fmt = {name: wb.add_format(style) for name, style in STYLES.items()}
    ctx = _Context(plan, rnd, form, fmt, previous, info)
    if before is not None:
        before(wb, ctx)
    _write_guide(wb.add_worksheet(F.SHEET_GUIDE), ctx)
    _write_tasks(wb.add_worksheet(F.SHEET_TASKS), ctx)
    _write_figures(wb.add_worksheet(F.SHEET_FIGURES), ctx)
    _write_info(wb.add_worksheet(F.SHEET_INFO), ctx)
    _write_meta(wb.add_worksheet(F.SHEET_META), ctx, table)
    wb.close()


class _Context:
    def __init__(self, plan: Plan, rnd: Round, form: UnitForm, fmt: dict,
                 previous: Previous | None = None, info: dict | None = None):
        self.plan, self.rnd, self.form, self.fmt = plan, rnd, form, fmt
        self.unit = form.unit
        self.label = round_label(plan.year, rnd.name)
        self.password = plan.settings.password or ""
        self.previous = previous if previous is not None and previous.rows else None
        self.info = info or {}
        self.marks: dict[tuple[str, str], str] = dict(self.info.get("marks", {}))
        self.front = bool(self.info.get("front"))  # a sheet in front of 填报说明 is shown first


def created_time(plan: Plan, rnd: Round) -> datetime:
    """The creation time stamped into generated files: fixed, so a rerun writes the same bytes."""
    year = plan.settings.year or plan.meta.year or 2000
    return datetime.combine(rnd.due or date(year, 1, 1), datetime.min.time())


def _properties(plan: Plan, unit: str, rnd: Round) -> dict:
    created = created_time(plan, rnd)
    return {
        "title": f"{unit}{round_label(plan.year, rnd.name)}任务表",
        "subject": plan.display_title,
        "author": plan.meta.issuer,
        "company": plan.meta.issuer,
        "comments": "由工作要点工具（workplan）生成",
        "created": created,  # fixed, so a rerun writes the same bytes
    }


HEADER = (F.HEADER_ROW, F.HEADER_ROW)  # the rows every printed page repeats


def page_setup(ws, ctx: _Context, header: tuple[int, int] | None = HEADER,
               landscape: bool = True) -> None:
    """A4, the unit and the round in the footer (also the feedback workbook's 校验结果)."""
    styles.print_xlsxwriter(ws, landscape, header, left=ctx.unit, centre=ctx.label)


def _write_value(ws, row: int, col: int, value, cell_format) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value, cell_format)
    else:
        ws.write_string(row, col, "" if value is None else str(value), cell_format)


def _write_table(
    ws, ctx: _Context, columns, widths: dict, rows: list[dict], title: str, min_lines: int
) -> int:
    """Title, headers, locked plan cells and shaded input cells; returns the last data row."""
    fmt = ctx.fmt
    last_col = len(columns) - 1
    ws.set_row(F.TITLE_ROW - 1, 30)
    ws.merge_range(F.TITLE_ROW - 1, 1, F.TITLE_ROW - 1, last_col, title, fmt["title"])
    header_row = F.HEADER_ROW - 1
    ws.set_row(header_row, 30)
    for col, (header, field, locked) in enumerate(columns):
        ws.write_string(header_row, col, header, fmt["header" if locked else "header_input"])
        ws.set_column(col, col, widths[field], None, {"hidden": col == 0})
    first = F.FIRST_DATA_ROW - 1
    texts = [(f, widths[f]) for _, f, locked in columns if locked and f != "key"]
    for r, row in enumerate(rows, first):
        cells = [(str(F.cell_value(f, row.get(f)) or ""), width) for f, width in texts]
        ws.set_row(r, row_height(cells, min_lines))
        for col, (_, field, locked) in enumerate(columns):
            if locked:
                lead = field == "role" and row.get(field) == ROLE_LEAD
                style = "lead" if lead else LOCKED_STYLES.get(field, "text")
                if field == "target" and row.get("scope") == F.CITY_TARGET:
                    style = "city_number"
                _write_value(ws, r, col, F.cell_value(field, row.get(field)), fmt[style])
            else:
                _write_input(ws, ctx, r, col, row, field)
    last = first + len(rows) - 1
    ws.autofilter(header_row, 0, max(last, header_row), last_col)
    ws.freeze_panes(F.FIRST_DATA_ROW - 1, 0)
    ws.protect(ctx.password, PROTECTION)
    page_setup(ws, ctx)
    return last


def _write_input(ws, ctx: _Context, r: int, col: int, row: dict, field: str) -> None:
    """An input cell: blank, or the answer it is pre-filled with; marked when it has a problem."""
    comment = ctx.marks.get((row.get("key"), field))
    style = "problem" if comment is not None else INPUT_STYLES.get(field, "input")
    value = row.get(field)
    if value is None or value == "":
        ws.write_blank(r, col, None, ctx.fmt[style])
    else:
        _write_value(ws, r, col, value, ctx.fmt[style])
    if comment:
        ws.write_comment(r, col, comment, {"x_scale": 2, "y_scale": 2})


def _with_previous(ctx: _Context, rows: list[dict], fields) -> list[dict]:
    """The rows to write: each with the unit's answers (pre-filled or as returned) and its
    上期 values."""
    answers = ctx.info.get("answers", {})
    out = []
    for row in rows:
        before = ctx.previous.of(row["key"]) if ctx.previous else {}
        given = answers.get(row["key"], before)
        written = {**row, **{f: given.get(f) for f in fields}}
        if ctx.previous:
            written.update({F.previous_field(f): before.get(f) for f in fields})
        out.append(written)
    return out


def _columns(ctx: _Context, columns, fields) -> list:
    return columns + F.previous_columns(columns, fields) if ctx.previous else columns


def _col(columns, field: str) -> int:
    return next(i for i, (_, f, _) in enumerate(columns) if f == field)


def _text_rule(title: str, message: str, limit: int = TEXT_LIMIT) -> dict:
    return {
        "validate": "length",
        "criteria": "<=",
        "value": limit,
        "input_title": title[:32],
        "input_message": message[:255],
        "error_title": "内容过长",
        "error_message": f"本格最多填写{limit}个字，较长的材料请另附。",
    }


def _task_rules() -> dict:
    return {
        "status": {
            "validate": "list",
            "source": list(STATUSES),
            "input_title": "进展状态",
            "input_message": guide.TASK_HELP["status"],
            "error_title": "请从下拉列表中选择",
            "error_message": "进展状态只能是：" + "、".join(STATUSES) + "。",
        },
        "progress": {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "input_title": "完成进度（%）",
            "input_message": guide.TASK_HELP["progress"],
            "error_title": "请填0到100之间的数字",
            "error_message": "完成进度只填0到100之间的数字，如完成六成填60，不要输入“%”号或文字。",
        },
        "narrative": _text_rule("工作进展及成效", guide.TASK_HELP["narrative"]),
        "problems": _text_rule("存在问题", guide.TASK_HELP["problems"]),
        "next_steps": _text_rule("下一步打算", guide.TASK_HELP["next_steps"]),
    }


def _write_tasks(ws, ctx: _Context) -> None:
    rows = _with_previous(ctx, ctx.form.tasks, F.PREVIOUS_TASK_FIELDS)
    columns = _columns(ctx, F.TASK_COLUMNS, F.PREVIOUS_TASK_FIELDS)
    title = f"{ctx.unit}　{ctx.label}工作要点任务落实情况"
    last = _write_table(ws, ctx, columns, TASK_WIDTHS, rows, title, MIN_DATA_LINES)
    ws.set_tab_color(styles.INPUT_HEADER_FILL)
    if not rows:
        return
    first = F.FIRST_DATA_ROW - 1
    for field, rule in _task_rules().items():
        col = _col(columns, field)
        ws.data_validation(first, col, last, col, rule)
    status = _col(columns, "status")
    for word, style in ((DONE, "done"), (UNFINISHED, "failed")):
        ws.conditional_format(
            first, status, last, status,
            {"type": "cell", "criteria": "==", "value": f'"{word}"', "format": ctx.fmt[style]},
        )
    progress = _col(columns, "progress")
    ws.conditional_format(
        first, progress, last, progress,
        {"type": "data_bar", "bar_color": styles.PROGRESS_BAR, "min_type": "num", "min_value": 0,
         "max_type": "num", "max_value": 100},
    )


def _actual_rule(unit_of_measure: str) -> dict:
    unit_text = f"单位：{unit_of_measure}。" if unit_of_measure else ""
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": -999999999999,
        "maximum": 999999999999,
        "input_title": f"实际完成值（{unit_of_measure}）"[:32] if unit_of_measure else "实际完成值",
        "input_message": (unit_text + guide.FIGURE_HELP["actual"])[:255],
        "error_title": "请只填数字",
        "error_message": f"实际完成值只填一个数字{('（' + unit_text[:-1] + '）') if unit_text else ''}，"
        "不要填文字、“约”或“%”，说明请写到“说明”列。",
    }


def _write_figures(ws, ctx: _Context) -> None:
    rows = _with_previous(ctx, ctx.form.figures, F.PREVIOUS_FIGURE_FIELDS)
    columns = _columns(ctx, F.FIGURE_COLUMNS, F.PREVIOUS_FIGURE_FIELDS)
    title = f"{ctx.unit}　{ctx.label}量化指标完成情况"
    if not rows:
        title += "（本单位本轮无需填报指标）"
    last = _write_table(ws, ctx, columns, FIGURE_WIDTHS, rows, title, MIN_FIGURE_LINES)
    ws.set_tab_color(styles.INPUT_HEADER_FILL)
    if not rows:
        return
    first = F.FIRST_DATA_ROW - 1
    actual = _col(columns, "actual")
    by_unit: dict[str, list[str]] = {}  # one validation per unit of measure
    for r, row in enumerate(rows, first):
        cell = f"{F.column_letter(actual)}{r + 1}"
        by_unit.setdefault(str(row.get("unit") or ""), []).append(cell)
    for unit_of_measure, cells in by_unit.items():
        rule = {**_actual_rule(unit_of_measure), "multi_range": " ".join(cells)}
        ws.data_validation(first, actual, first, actual, rule)
    note = _col(columns, "note")
    ws.data_validation(first, note, last, note, _text_rule("说明", guide.FIGURE_HELP["note"]))


def _info_rules(year: int | None) -> dict:
    first = date(year, 1, 1) if year else date(2000, 1, 1)
    last = date(year + 1, 12, 31) if year else date(2099, 12, 31)
    def length(title, low, high, error):
        return {
            "validate": "length", "criteria": "between", "minimum": low, "maximum": high,
            "input_title": title, "input_message": guide.INFO_HELP[title_fields[title]],
            "error_title": "请检查填写内容", "error_message": error,
        }
    title_fields = {"填报人": "reporter", "联系电话": "phone", "审核人": "reviewer"}
    return {
        "reporter": length("填报人", 1, 30, "填报人姓名请控制在30个字以内。"),
        "phone": length("联系电话", 5, 40, "请填写正确的联系电话（5到40个字符），如 0598-1234567。"),
        "reviewer": length("审核人", 1, 30, "审核人姓名请控制在30个字以内。"),
        "date": {
            "validate": "date", "criteria": "between", "minimum": first, "maximum": last,
            "input_title": "填报日期", "input_message": guide.INFO_HELP["date"],
            "error_title": "请填写日期",
            "error_message": f"请按 年-月-日 填写{first.year}年至{last.year}年之间的日期，如 "
            f"{first.year}-12-20。",
        },
    }


def _write_info(ws, ctx: _Context) -> None:
    fmt = ctx.fmt
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 40)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, 1, f"{ctx.unit}　{ctx.label}填报信息", fmt["title"])
    values = {"unit": ctx.unit, "round": ctx.rnd.name}
    rules = _info_rules(ctx.plan.settings.year or ctx.plan.meta.year)
    for r, (label, field, locked) in enumerate(F.INFO_ROWS, F.INFO_FIRST_ROW - 1):
        ws.set_row(r, 22)
        ws.write_string(r, 0, label, fmt["label"])
        if locked:
            ws.write_string(r, 1, values.get(field, ""), fmt["text"])
            continue
        comment = ctx.marks.get((INFO_KEY, field))
        _write_info_value(ws, r, ctx.info.get("info", {}).get(field), field, fmt,
                          "problem" if comment else None)
        if comment:
            ws.write_comment(r, 1, comment, {"x_scale": 2, "y_scale": 2})
        ws.data_validation(r, 1, r, 1, rules[field])
    ws.set_tab_color(styles.INPUT_HEADER_FILL)
    ws.protect(ctx.password, PROTECTION)
    page_setup(ws, ctx, None, landscape=False)


def _write_info_value(ws, r: int, value, field: str, fmt: dict, marked: str | None = None) -> None:
    style = fmt[marked or ("input_date" if field == "date" else "input")]
    if field == "date" and isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, (date, datetime)):
        ws.write_datetime(r, 1, value if isinstance(value, datetime)
                          else datetime.combine(value, datetime.min.time()), style)
    elif value is None or value == "":
        ws.write_blank(r, 1, None, style)
    else:
        _write_value(ws, r, 1, value, style)


def _write_guide(ws, ctx: _Context) -> None:
    fmt = ctx.fmt
    form = ctx.form
    ws.set_column(0, 0, GUIDE_WIDTHS[0])
    ws.set_column(1, 1, GUIDE_WIDTHS[1])
    ws.hide_gridlines(2)
    ws.set_row(0, 32)
    ws.merge_range(0, 0, 0, 1, f"{ctx.plan.display_title}任务落实情况填报说明", fmt["title"])
    r = 2
    rows = guide.overview(ctx.plan, ctx.unit, ctx.rnd, form.tasks, form.figures)
    if ctx.previous:
        rows.append(guide.previous_row(ctx.plan, ctx.previous.round))
    for label, text in rows:
        _guide_row(ws, fmt, r, label, text)
        r += 1
    for heading, rows in guide.sections(ctx.plan, ctx.rnd, form.figures):
        r += 1
        ws.set_row(r, 22)
        ws.write_string(r, 0, heading, fmt["section"])
        r += 1
        for label, text in rows:
            _guide_row(ws, fmt, r, label, text)
            r += 1
    ws.set_tab_color(styles.SECTION_FILL)
    ws.protect(ctx.password, PROTECTION)
    page_setup(ws, ctx, None, landscape=False)
    if not ctx.front:
        ws.activate()


def _guide_row(ws, fmt: dict, r: int, label: str, text: str) -> None:
    ws.set_row(r, row_height([(label, GUIDE_WIDTHS[0]), (text, GUIDE_WIDTHS[1])]))
    ws.write_string(r, 0, label, fmt["label"])
    ws.write_string(r, 1, text, fmt["text"])


def _write_meta(ws, ctx: _Context, table: list) -> None:
    plain = ctx.fmt["plain"]
    meta = ctx.form.meta
    for r, key in enumerate(F.META_KEYS):
        ws.write_string(r, 0, key, plain)
        ws.write_string(r, 1, meta[key], plain)
    r = len(F.META_KEYS) + 1
    for col, header in enumerate(F.META_TABLE_HEADER):
        ws.write_string(r, col, header, plain)
    for r, values in enumerate(table, r + 1):
        for col, value in enumerate(values):
            ws.write_string(r, col, value, plain)
    ws.set_column(0, 2, 18)
    ws.protect(ctx.password)
    ws.very_hidden()
