"""Write the master workbook (任务分解总表) with XlsxWriter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from toolkit.books.form import layout as F
from toolkit.books import styles
from toolkit.common.atomic import atomic_path
from toolkit.books.master import layout as L
from toolkit.books.form.layout import ANSWER_LABELS
from toolkit import vocab as W
from toolkit.model.plan import (
    AGGREGATIONS,
    ASSESSMENT_WEIGHTS,
    COMPARATOR_WORDS,
    UNIT_KINDS,
    Plan,
    plain_number,
)

FIXED_TIME = datetime(2000, 1, 1)  # document property: a rerun gives the same bytes
LABEL = "任务分解总表"  # in every printed page's footer, with the sheet's name
GUIDE_WIDTH = 110
SETTING_WIDTHS = (16, 40, 50)
GUIDE = [
    "本表是工作要点的任务分解总表，由“导入计划”生成，此后以本表为准。",
    "“任务”表：每行一项任务。可修改任务文字；“责任单位”用“、”分隔，第一个为牵头单位，名称须在“单位”表中。",
    "“牵头依据”为“默认首位”的任务，计划未标明牵头单位，已按惯例取第一个单位，请逐项核对；核对后可改为“明确”。",
    "“导入核对”列写明导入时存疑之处（如未找到责任单位、单位疑为人名），请先核对这些任务；核对后可清空该格。",
    "“指标”表：每行一个量化指标。可修改目标值、要求、计量单位、汇总方式；可在末尾增加指标（编号可留空，自动编号）。",
    "“单位”表：单位名录。在“所属分组”列填写分组名称即可把单位加入分组（如“职业院校”）；右侧为分组表。",
    "“分解”表：可选。把某个指标的目标分解到各单位，分解值之和应等于指标目标值。",
    "“设置”表：年度、报送轮次及截止日期、任务表保护密码、联系人、文件夹、各单位考评的权重，"
    "以及通报和总结的发文单位、版头、期号、主送、成文日期等。",
    "“工作要求”表：可选。通报中“工作要求”的各条（一是……二是……）；留空则按本轮情况自动生成。",
    "“核实更正”表：核实后需要更正某单位报送的内容时，每行填一项（轮次、单位、编号如 T3 或 I2-1、"
    "更正项目、更正值、核实人、日期、理由）；每次汇总都会采用，汇总表中标明“已核实更正”。",
    "修改任务或指标后，请把“设置”表的“计划版本”加 1，再重新生成任务表。",
    "请勿改动各表第一行的列标题，也不要重命名工作表。",
]


def write_master(plan: Plan, path: str | Path) -> Path:
    """Write `plan` as the master workbook at `path`, atomically."""
    path = Path(path)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                       "strings_to_numbers": False}
        )
        book.set_properties({"title": f"{plan.settings.title or plan.meta.title}任务分解总表",
                             "created": FIXED_TIME})
        fmt = _formats(book)
        _guide(book, fmt, plan)
        _settings(book, fmt, plan)
        _tasks(book, fmt, plan)
        _indicators(book, fmt, plan)
        _units(book, fmt, plan)
        _allocations(book, fmt, plan)
        _corrections(book, fmt, plan)
        _receipts(book, fmt, plan)
        _requirements(book, fmt, plan)
        _keys(book, plan)
        book.close()
    return path


def _keys(book, plan: Plan) -> None:
    """The signing keys, very hidden (a Plan without one gets one here)."""
    F.signing_key(plan)
    sheet = book.add_worksheet(L.SHEET_KEYS)
    sheet.write_string(0, 0, L.KEYS_HEADER)
    for r, key in enumerate(plan.keys, start=1):
        sheet.write_string(r, 0, key)
    sheet.very_hidden()


def _formats(book) -> dict:
    base = {"font_name": styles.FONT, "font_size": styles.FONT_SIZE, "valign": "top"}
    return {
        "header": book.add_format({**base, "bold": True, "bg_color": styles.HEADER_FILL,
                                   "font_color": styles.HEADER_FONT, "border": 1, "text_wrap": True,
                                   "valign": "vcenter", "align": "center"}),
        "cell": book.add_format({**base, "border": 1, "text_wrap": True}),
        "number": book.add_format({**base, "border": 1, "num_format": "General"}),
        "date": book.add_format({**base, "border": 1, "num_format": styles.DATE}),
        "percent": book.add_format({**base, "border": 1, "num_format": styles.PERCENT}),
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "text": book.add_format({**base, "text_wrap": True}),
        "note": book.add_format({**base, "font_color": styles.NOTE_FONT, "text_wrap": True}),
        "label": book.add_format({**base, "bold": True, "border": 1, "bg_color": styles.LABEL_FILL}),
    }


def _table(sheet, fmt, columns, rows, first_col=0):
    """Header row 1, rows from 2 (tall enough for their wrapped text), frozen header, filter,
    widths, print set-up."""
    for c, (header, _, width) in enumerate(columns):
        sheet.write_string(0, first_col + c, header, fmt["header"])
        sheet.set_column(first_col + c, first_col + c, width)
    for r, row in enumerate(rows, start=1):
        sheet.set_row(r, styles.row_height([(_text(row.get(field)), width)
                                            for _, field, width in columns]))
        for c, (_, field, _) in enumerate(columns):
            _write(sheet, r, first_col + c, row.get(field), fmt)
    sheet.freeze_panes(1, 0)
    last = max(len(rows), 1)
    sheet.autofilter(0, first_col, last, first_col + len(columns) - 1)
    sheet.set_row(0, 30)
    _print(sheet, styles.wide(width for *_, width in columns))


def _print(sheet, landscape: bool) -> None:
    """A4, one page wide, the header row on every page; the workbook and sheet in the footer."""
    styles.print_xlsxwriter(sheet, landscape, (1, 1), left=LABEL, centre=sheet.name)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _write(sheet, r, c, value, fmt):
    if value is None or value == "":
        sheet.write_blank(r, c, None, fmt["cell"])
    elif isinstance(value, bool):
        sheet.write_string(r, c, L.YES if value else L.NO, fmt["cell"])
    elif isinstance(value, (int, float)):
        sheet.write_number(r, c, value, fmt["number"])
    else:
        sheet.write_string(r, c, str(value), fmt["cell"])


def _guide(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_GUIDE)
    sheet.set_column(0, 0, GUIDE_WIDTH)
    sheet.write_string(0, 0, f"{plan.settings.title or plan.meta.title}任务分解总表", fmt["title"])
    row = 2
    for line in GUIDE:
        _guide_line(sheet, row, line, fmt["text"])
        row += 1
    if plan.warnings:
        row += 1
        sheet.write_string(row, 0, "导入时的提示（请逐条核对）：", fmt["title"])
        for warning in plan.warnings:
            row += 1
            _guide_line(sheet, row, warning, fmt["note"])
    sheet.hide_gridlines(2)
    styles.print_xlsxwriter(sheet, False, left=LABEL, centre=sheet.name)


def _guide_line(sheet, row: int, text: str, cell_format) -> None:
    sheet.set_row(row, styles.row_height([(text, GUIDE_WIDTH)]))
    sheet.write_string(row, 0, text, cell_format)


def _settings(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_SETTINGS)
    s, m = plan.settings, plan.meta
    values = {
        "year": s.year, "title": s.title, "issuer": m.issuer, "doc_number": m.doc_number,
        "date": m.date,
        "addressees": L.LIST_SEPARATOR.join(m.addressees), "plan_version": s.plan_version,
        "current_round": s.current_round, "password": s.password,
        "contact": s.contact, "tolerance": s.tolerance, **s.folders, **s.mail,
        "assessment_in_summary": s.assessment_in_summary, **_document_values(s.documents),
        **{L.WEIGHT_KEYS[c]: w for c, w in s.assessment_weights.items() if c in L.WEIGHT_KEYS},
    }
    for c, header in enumerate(("项目", "内容", "说明")):
        sheet.write_string(0, c, header, fmt["header"])
    for r, (label, key, note) in enumerate(L.SETTING_ROWS, start=1):
        sheet.set_row(r, styles.row_height(zip((label, _text(values.get(key)), note),
                                               SETTING_WIDTHS)))
        sheet.write_string(r, 0, label, fmt["label"])
        value = values.get(key)
        if key == "tolerance":
            sheet.write_number(r, 1, value or 0, fmt["percent"])
        else:
            _write(sheet, r, 1, value, fmt)
        sheet.write_string(r, 2, note, fmt["note"])
    top = len(L.SETTING_ROWS) + 2
    for c, header in enumerate(L.ROUNDS_HEADER):
        sheet.write_string(top, c, header, fmt["header"])
    for r, rnd in enumerate(s.rounds, start=top + 1):
        sheet.write_string(r, 0, rnd.name, fmt["cell"])
        if rnd.due:
            sheet.write_datetime(r, 1, _datetime(rnd.due), fmt["date"])
        else:
            sheet.write_blank(r, 1, None, fmt["date"])
        sheet.write_number(r, 2, rnd.share, fmt["percent"])
    current = [key for _, key, _ in L.SETTING_ROWS].index("current_round") + 1
    sheet.data_validation(current, 1, current, 1, {
        "validate": "list", "source": f"=$A${top + 2}:$A${top + 21}",
        "input_title": "当前轮次", "input_message": "从下方“报送轮次”中选择；留空则按截止日期自动选择。",
        "error_message": "请从报送轮次中选择，或留空。"})
    sheet.data_validation(top + 1, 1, top + 20, 1, {
        "validate": "date", "criteria": ">", "value": _datetime_min(),
        "input_title": "截止日期", "input_message": "请输入日期，如 2020-12-20",
        "error_message": "请输入有效日期。"})
    _assessment_validations(sheet)
    _document_validations(sheet)
    for c, width in enumerate(SETTING_WIDTHS):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    _print(sheet, styles.wide(SETTING_WIDTHS))


def _document_values(doc) -> dict:
    """The 文稿 rows' values as the 设置 sheet shows them."""
    return {
        "doc_issuer": doc.issuer, "doc_masthead": doc.masthead, "doc_issue": doc.issue_number,
        "doc_addressees": L.LIST_SEPARATOR.join(doc.addressees),
        "doc_date": doc.date.isoformat() if doc.date else "", "doc_annex": doc.annex_title,
        "doc_days": doc.days_allowed, "doc_texts": doc.include_texts,
    }


def _document_validations(sheet) -> None:
    rows = {key: r for r, (_, key, _) in enumerate(L.SETTING_ROWS, start=1)}
    texts = rows["doc_texts"]
    sheet.data_validation(texts, 1, texts, 1, {
        "validate": "list", "source": [L.YES, L.NO], "input_title": "文稿含单位原文",
        "input_message": "“是”：文稿附件列出各单位报送原文；“否”：原文只在汇总表中。",
        "error_message": "请选择“是”或“否”。"})
    for key, title, message in (("doc_issue", "通报期号", "本期通报的期号；留空则自动编号。"),
                                ("doc_days", "补报期限（天）", "退回修改、催报后重新报送的天数。")):
        sheet.data_validation(rows[key], 1, rows[key], 1, {
            "validate": "integer", "criteria": ">=", "value": 1, "input_title": title,
            "input_message": message, "error_message": "请输入正整数。"})
    day = rows["doc_date"]
    sheet.data_validation(day, 1, day, 1, {
        "validate": "any", "input_title": "成文日期",
        "input_message": "如 2020-07-15；留空则为生成文稿的当天。"})


def _assessment_validations(sheet) -> None:
    """总结含考评 a 是/否 list; each 考评权重 a number not below 0, with what it weighs."""
    rows = {key: r for r, (_, key, _) in enumerate(L.SETTING_ROWS, start=1)}
    sheet.data_validation(rows["assessment_in_summary"], 1, rows["assessment_in_summary"], 1, {
        "validate": "list", "source": [L.YES, L.NO], "input_title": "总结含考评",
        "input_message": "“是”：总结文稿列出各单位考评结果；“否”：只列在总结工作簿中。",
        "error_message": "请选择“是”或“否”。"})
    for component, label in W.ASSESSMENT_COMPONENTS.items():
        r = rows[L.WEIGHT_KEYS[component]]
        sheet.data_validation(r, 1, r, 1, {
            "validate": "decimal", "criteria": ">=", "value": 0,
            "input_title": f"考评权重：{label}"[:32],
            "input_message": f"默认 {plain_number(ASSESSMENT_WEIGHTS[component])}；"
                             "各项权重按比例折算为 100 分。",
            "error_message": "请输入不小于 0 的数。"})


def _datetime(d):
    return datetime(d.year, d.month, d.day)


def _datetime_min():
    return datetime(2000, 1, 1)


def _tasks(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_TASKS)
    rows = [
        {
            "number": t.number, "section": t.section,
            "section_title": plan.section_title(t.section), "title": t.title, "body": t.body,
            "units_text": t.units_text, "units": L.LIST_SEPARATOR.join(t.units),
            "lead": t.lead, "lead_basis": t.lead_basis, "deadline": t.deadline,
            "review": t.review,
        }
        for t in plan.tasks
    ]
    _table(sheet, fmt, L.TASK_COLUMNS, rows)
    fields = [f for _, f, _ in L.TASK_COLUMNS]
    units_col = fields.index("units")
    review_col = fields.index("review")  # a doubted task's 导入核对 cell stands out
    sheet.conditional_format(1, review_col, 5000, review_col, {
        "type": "no_blanks", "format": book.add_format({"bg_color": styles.AMBER[0]})})
    sheet.data_validation(1, units_col, 5000, units_col, {
        "validate": "any", "input_title": "责任单位",
        "input_message": "用“、”分隔，第一个为牵头单位；名称须与“单位”表一致（分组名如“各县(市、区)教育局”亦可）。"})


def _indicators(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_INDICATORS)
    rows = [
        {
            "key": i.key, "task": i.task, "name": i.name,
            "comparator": COMPARATOR_WORDS.get(i.comparator, i.comparator), "value": i.value,
            "unit": i.unit, "soft": i.soft, "deadline": i.deadline,
            "aggregation": i.aggregation, "source": i.source,
        }
        for i in plan.indicators
    ]
    _table(sheet, fmt, L.INDICATOR_COLUMNS, rows)
    fields = [f for _, f, _ in L.INDICATOR_COLUMNS]
    _dropdown(sheet, fields.index("comparator"), list(COMPARATOR_WORDS.values()), "要求",
              "不低于：实际值≥目标；不超过：实际值≤目标；约：在容差内。")
    _dropdown(sheet, fields.index("soft"), [L.YES, L.NO], "力争", "“力争”“争取”类软指标填“是”。")
    _dropdown(sheet, fields.index("aggregation"), list(AGGREGATIONS), "汇总方式",
              "求和：各单位相加；牵头单位：取牵头单位填报值；平均、最小值：对各单位计算。")
    col = fields.index("value")
    sheet.data_validation(1, col, 5000, col, {
        "validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
        "input_title": "目标值", "input_message": "只填数字，单位写在“计量单位”列。",
        "error_message": "目标值须为数字。"})


def _dropdown(sheet, col, choices, title, message):
    sheet.data_validation(1, col, 5000, col, {
        "validate": "list", "source": choices, "input_title": title,
        "input_message": message, "error_title": title,
        "error_message": "请从下拉列表中选择。"})


def _units(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_UNITS)
    rows = [
        {"name": u.name, "kind": u.kind, "aliases": L.LIST_SEPARATOR.join(u.aliases),
         "groups": L.LIST_SEPARATOR.join(u.groups), "contact": u.contact,
         "phone": u.phone, "email": u.email}
        for u in plan.units
    ]
    _table(sheet, fmt, L.UNIT_COLUMNS, rows)
    groups = [
        {"name": g.name, "aliases": L.LIST_SEPARATOR.join(g.aliases), "count": len(g.members)}
        for g in plan.groups
    ]
    first = L.GROUP_FIRST_COLUMN
    for c, (header, _, width) in enumerate(L.GROUP_COLUMNS):
        sheet.write_string(0, first + c, header, fmt["header"])
        sheet.set_column(first + c, first + c, width)
    for r, row in enumerate(groups, start=1):
        for c, (_, field, _) in enumerate(L.GROUP_COLUMNS):
            _write(sheet, r, first + c, row.get(field), fmt)
    _dropdown(sheet, 1, list(UNIT_KINDS), "类别", "单位类别，用于默认的汇总方式与报表分组。")


def _allocations(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_ALLOCATIONS)
    names = {i.key: i.name for i in plan.indicators}
    rows = [
        {"indicator": a.indicator, "name": names.get(a.indicator, ""), "unit": a.unit,
         "value": a.value}
        for a in plan.allocations
    ]
    _table(sheet, fmt, L.ALLOCATION_COLUMNS, rows)
    sheet.write_string(0, len(L.ALLOCATION_COLUMNS) + 1,
                       "可选：把指标目标分解到单位，每行一个单位；同一指标各单位之和应等于目标值。",
                       fmt["note"])


def _receipts(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_RECEIPTS)
    rows = [{"round": r.round, "unit": r.unit, "at": r.at, "who": r.who, "note": r.note}
            for r in plan.receipts]
    _table(sheet, fmt, L.RECEIPT_COLUMNS, rows)
    rounds = [r.name for r in plan.settings.rounds]
    if rounds:
        fields = [f for _, f, _ in L.RECEIPT_COLUMNS]
        _dropdown(sheet, fields.index("round"), rounds, "报送轮次", "登记的是哪一轮的报送。")
    sheet.write_string(0, len(L.RECEIPT_COLUMNS) + 1,
                       "可选：登记收到各单位报送材料的时间（如 2020-12-24 16:00），"
                       "汇总时据此判断是否逾期，优先于文件自带的时间。", fmt["note"])


def _requirements(book, fmt, plan: Plan):
    """工作要求: the office's own demands, one point a row, kept from round to round."""
    sheet = book.add_worksheet(L.SHEET_REQUIREMENTS)
    rows = [{"round": r.round, "heading": r.heading, "text": r.text}
            for r in plan.settings.documents.requirements]
    _table(sheet, fmt, L.REQUIREMENT_COLUMNS, rows)
    rounds = [r.name for r in plan.settings.rounds]
    if rounds:
        _dropdown(sheet, 0, rounds, "适用轮次", "留空则每一轮的通报都用这一条。")
    sheet.data_validation(1, 1, 5000, 1, {
        "validate": "any", "input_title": "要点",
        "input_message": "一句话的小标题，如 锚定时限狠抓落实；通报中写作“一是锚定时限狠抓落实。”"})
    sheet.write_string(0, len(L.REQUIREMENT_COLUMNS) + 1,
                       "通报“工作要求”部分的内容，按行依次写作一是、二是……；本表为空时，"
                       "按本轮滞后任务及其责任单位、下一轮截止日期自动生成。", fmt["note"])


def _corrections(book, fmt, plan: Plan):
    sheet = book.add_worksheet(L.SHEET_CORRECTIONS)
    rows = [
        {"round": c.round, "unit": c.unit, "key": c.key,
         "field": ANSWER_LABELS.get(c.field, c.field),
         "new": c.new, "who": c.who, "at": c.at, "why": c.why}
        for c in plan.corrections
    ]
    _table(sheet, fmt, L.CORRECTION_COLUMNS, rows)
    fields = [f for _, f, _ in L.CORRECTION_COLUMNS]
    rounds = [r.name for r in plan.settings.rounds]
    if rounds:
        _dropdown(sheet, fields.index("round"), rounds, "报送轮次", "更正的是哪一轮的报送内容。")
    _dropdown(sheet, fields.index("field"), list(ANSWER_LABELS.values()), "更正项目",
              "要更正的内容：进展状态、完成进度、实际完成值等。")
    key = fields.index("key")
    sheet.data_validation(1, key, 5000, key, {
        "validate": "any", "input_title": "编号",
        "input_message": "任务填 T 加任务序号（如 T3），指标填指标编号（如 I2-1，见“指标”表）。"})
    sheet.write_string(0, len(L.CORRECTION_COLUMNS) + 1,
                       "核实后更正单位报送的内容：每行一项，每次汇总都会采用；删除该行即撤销更正。",
                       fmt["note"])
