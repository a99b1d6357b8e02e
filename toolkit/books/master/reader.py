"""Read the master workbook back into a Plan, with the administrator's edits.

Columns are found by their headers, so reordered columns still read. Every invalid edit is
reported with its sheet and cell; all of them are collected before the error is raised.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from python_calamine import CalamineError, SheetVisibleEnum
from python_calamine import load_workbook as load_calamine

from toolkit.rules.cells import cell_date, column_letter
from toolkit.rules.cells import text_of as _text
from toolkit.errors import Problem, WorkplanError, master_not_found
from toolkit.books.master import layout as L
from toolkit.intake.bytesearch import holds
from toolkit.model.plan import (
    AGG_SUM,
    AGGREGATIONS,
    ASSESSMENT_WEIGHTS,
    COMPARATOR_WORDS,
    COMPARATORS,
    UNIT_KINDS,
    Allocation,
    DAYS_ALLOWED,
    MASTHEAD,
    Correction,
    DocumentSettings,
    Group,
    Indicator,
    Plan,
    PlanMeta,
    Receipt,
    Requirement,
    Round,
    Section,
    Settings,
    Task,
    Unit,
    plain_number,
)
from toolkit.rules.text import split_outside_brackets
from toolkit import vocab as W
from toolkit.vocab import WARNING

COMPARATOR_INPUT = {**{w: c for c, w in COMPARATOR_WORDS.items()}, **{c: c for c in COMPARATORS},
                    "≥": ">=", "≤": "<=", "≈": "~", "不少于": ">=", "以上": ">=", "以内": "<=",
                    "不高于": "<=", "左右": "~", "约等于": "~"}
KEY_RE = re.compile(r"^I(\d+)-(\d+)$")
YES_WORDS = (L.YES, "Y", "y", "1", "TRUE", "True")  # how a 是/否 cell may say yes
NO_WORDS = (L.NO, "N", "n", "0", "FALSE", "False")


class MasterError(WorkplanError):
    """Invalid content in the master workbook; `problems` names every sheet and cell."""

    def __init__(self, problems: list[Problem]):
        first = problems[0].line()
        more = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
        super().__init__(first + more)
        self.problems = problems


class _Value:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Grid:
    """A sheet's values, read once: what the reader asks of a worksheet (cell(r, c).value,
    max_row, iter_rows, sheet_state), held as rows of values as openpyxl gives them."""

    def __init__(self, title: str, sheet_state: str, rows):
        self.title, self.sheet_state = title, sheet_state
        self._rows = [_trimmed(row) for row in rows]  # rows of any length, as openpyxl's
        while self._rows and not self._rows[-1]:
            self._rows.pop()
        self.max_row = len(self._rows)

    def cell(self, row: int, column: int) -> _Value:
        values = self.row(row)
        return _Value(values[column - 1] if 0 < column <= len(values) else None)

    def row(self, row: int) -> tuple:
        """The values of a row (1-based), without the empty cells at its end."""
        return self._rows[row - 1] if 0 < row <= len(self._rows) else ()

    def iter_rows(self, values_only: bool = True):
        return iter(self._rows)


def _trimmed(row) -> tuple:
    """A row without the empty cells at its end."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])


class _Book:
    """The master's sheets as _Grid, the file closed once read: by python-calamine, a fraction
    of openpyxl's time and memory (a master of twenty thousand units), its values as openpyxl
    gives them (`_as_openpyxl`); by openpyxl where calamine would misread a cell (`_odd`)."""

    def __init__(self, path: Path):
        data = path.read_bytes()  # read once for the look and the reading
        if _odd(io.BytesIO(data)):
            self._sheets = _openpyxl_sheets(io.BytesIO(data))
        else:
            self._sheets = _calamine_sheets(io.BytesIO(data))
        self.sheetnames = list(self._sheets)

    def __getitem__(self, name: str) -> _Grid:
        return self._sheets[name]


SHEET_STATES = ((SheetVisibleEnum.Hidden, "hidden"), (SheetVisibleEnum.VeryHidden, "veryHidden"))
EXACT = 2 ** 53  # integers a float holds exactly
# calamine reads an error value (#N/A, #REF!) as a blank cell and a negative number in a date
# cell as a time of day; openpyxl as the error's text and the number
ODD_CELL = re.compile(rb"""\st\s*=\s*["']e["']|<(?:\w+:)?v>-""")


def _odd(source) -> bool:
    """Whether a worksheet of the master (a path or a file) holds an error value or a negative
    number."""
    with zipfile.ZipFile(source) as z:
        for info in z.infolist():
            name = info.filename.lower()
            if "worksheets/" in name and name.endswith(".xml") and _odd_xml(z.read(info)):
                return True
    return False


def _odd_xml(xml: bytes) -> bool:
    """ODD_CELL in a sheet's XML. The expression tries at every byte, several times calamine's
    own reading of the sheet: it runs only where what it needs is there, e between quotes
    (t="e", in either quotes) or v>- (the dash found first, bytesearch), which plain searches
    tell at a fraction of that."""
    maybe = (b'"e"' in xml or holds(xml, b"v>-", 2)
             or (b"'" in xml and any(q in xml for q in (b"'e'", b"'e\"", b"\"e'"))))
    return maybe and ODD_CELL.search(xml) is not None


def _calamine_sheets(source) -> dict[str, _Grid]:
    try:
        book = load_calamine(source)
    except CalamineError as exc:
        raise ValueError(str(exc)) from None
    try:
        states = {m.name: _state(m.visible) for m in book.sheets_metadata}
        return {name: _Grid(name, states.get(name, "visible"),
                            ([_as_openpyxl(v) for v in row] for row in
                             book.get_sheet_by_name(name).to_python(skip_empty_area=False)))
                for name in book.sheet_names}
    finally:
        book.close()


def _openpyxl_sheets(source) -> dict[str, _Grid]:
    from toolkit.common.no_numpy import without_numpy

    with without_numpy():
        from openpyxl import load_workbook

    book = load_workbook(source, read_only=True, data_only=True)
    try:
        grids = {}
        for name in book.sheetnames:
            ws = book[name]
            ws.reset_dimensions()  # never trust the size the file states: read every row
            grids[name] = _Grid(name, ws.sheet_state, ws.iter_rows(values_only=True))
        return grids
    finally:
        book.close()


def _state(visible) -> str:
    """openpyxl's word for a sheet's visibility (calamine's enum is not hashable)."""
    return next((word for state, word in SHEET_STATES if visible == state), "visible")


def _as_openpyxl(value):
    """A value as openpyxl reads it: an empty cell None, a whole number an int, a date a
    datetime (calamine gives '', 1.0 and date)."""
    if value == "":
        return None
    if value.__class__ is float and value.is_integer() and abs(value) < EXACT:
        return int(value)
    if value.__class__ is date:
        return datetime.combine(value, time())
    return value


class _Sheet:
    """One table of the master: rows as dicts of (value, cell reference) by field."""

    def __init__(self, book, name: str, columns, errors: list[Problem], file: str,
                 first_col: int = 1):
        self.name, self.errors, self.file = name, errors, file
        self.ws = book[name] if name in book.sheetnames else None
        self.columns = {}
        if self.ws is None:
            errors.append(Problem(file, name, "", f"缺少工作表“{name}”",
                                  "请勿删除或重命名总表的工作表，可重新导入计划生成"))
            return
        headers = {}
        for col in range(first_col, first_col + 30):
            value = self.ws.cell(1, col).value
            if value is not None:
                headers[str(value).strip()] = col
        for header, field, _ in columns:
            if header in headers:
                self.columns[field] = headers[header]
            elif L.LEGACY_HEADERS.get(field) in headers:
                self.columns[field] = headers[L.LEGACY_HEADERS[field]]
            elif field not in L.OPTIONAL_FIELDS:
                errors.append(Problem(file, name, "第1行", f"缺少列标题“{header}”",
                                      "请恢复该列标题，勿改动第一行"))

    def rows(self):
        if self.ws is None or not self.columns:
            return
        columns = list(self.columns.items())  # 1-based, as ws.cell takes them
        for r in range(2, self.ws.max_row + 1):
            values = self.ws.row(r)
            width = len(values)
            row = {f: values[c - 1] if c <= width else None for f, c in columns}
            if not all(_blank(v) for v in row.values()):
                yield r, row

    def ref(self, row: int, field: str) -> str:
        return f"{column_letter(self.columns[field] - 1)}{row}"

    def error(self, row: int, field: str, problem: str, action: str) -> None:
        self.errors.append(Problem(self.file, self.name, self.ref(row, field), problem, action))


# --- the wrong file given as the master ---------------------------------------------------------
DOCUMENTS = {".txt": "文本文件", ".docx": "Word 文档", ".doc": "Word 文档", ".wps": "WPS 文字文档",
             ".pdf": "PDF 文件", ".html": "网页", ".htm": "网页", ".rtf": "RTF 文档",
             ".xls": "旧版 Excel 工作簿（.xls）", ".et": "WPS 表格文件（.et）",
             ".ods": "OpenDocument 表格（.ods）", ".zip": "压缩包", ".eml": "邮件"}
EXPECTED = "请选择导入计划时生成的“…_任务分解总表.xlsx”"
# Our other workbooks, by a sheet only they have: (sheet, what the file is)
OUR_WORKBOOKS = [
    (W.SHEET_FEEDBACK, "本工具生成的退回修改表（发给单位修改用）"),
    (W.FORM_FIGURES, "本工具生成的任务表（发给各单位填报用）"),
    (W.BOOK_META, "本工具生成的汇总表"),
    (W.SUMMARY_ASSESSMENT, "本工具生成的总结（或进度通报）工作簿"),
    (W.LIST_SHEET, "本工具生成的下发清单"),
]


def not_a_master(path: Path, sheets: list[str] | None = None) -> WorkplanError | None:
    """One line saying what `path` is when it is not a master workbook (by its type, then by
    the sheets of a workbook), and what is expected; None for a master."""
    kind = DOCUMENTS.get(path.suffix.lower())
    if kind:
        plan = "；如果它是工作要点或任务分解表，请用“导入计划”（workplan import）导入，生成总表"
        return WorkplanError(f"{path.name} 是{kind}，不是任务分解总表。{EXPECTED}{plan}。")
    if sheets is None or (L.SHEET_SETTINGS in sheets and L.SHEET_TASKS in sheets):
        return None
    for sheet, what in OUR_WORKBOOKS:
        if sheet in sheets:
            return WorkplanError(f"{path.name} 是{what}，不是任务分解总表。{EXPECTED}。")
    return WorkplanError(f"{path.name} 不是任务分解总表（没有“{L.SHEET_SETTINGS}”“{L.SHEET_TASKS}”"
                         f"工作表）。{EXPECTED}；如果它是任务分解表，请用“导入计划”导入。")


def load_master(path: str | Path) -> Plan:
    path = Path(path)
    if not path.is_file():
        raise master_not_found(path)
    refused = not_a_master(path)
    if refused:
        raise refused
    try:
        book = _Book(path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkplanError(f"总表 {path.name} 无法打开（{type(exc).__name__}），"
                            "请确认它是 .xlsx 文件且未加密。") from None
    refused = not_a_master(path, book.sheetnames)
    if refused:
        raise refused
    errors: list[Problem] = []
    file = path.name
    settings, meta = _settings(book, errors, file)
    groups = _groups(book, errors, file)
    units = _units(book, errors, file, groups)
    sections, tasks = _tasks(book, errors, file, units, groups)
    indicators = _indicators(book, errors, file, {t.number for t in tasks})
    allocations = _allocations(book, errors, file, indicators, units)
    if errors:
        raise MasterError(errors)
    plan = Plan(meta, sections, tasks, indicators, units, groups, allocations, settings)
    plan.corrections = _corrections(book, file)
    plan.receipts = _receipts(book, file)
    plan.settings.documents.requirements = _requirements(book, file)
    plan.warnings = _warnings(plan)
    plan.keys = read_keys(book)
    plan.notices = _keys_exposed(book, file)
    return plan


def _keys_exposed(book, file: str) -> list[str]:
    """The key sheet left merely hidden (LibreOffice saves a very hidden sheet so): anyone may
    unhide it and sign forms as ours."""
    if L.SHEET_KEYS not in book.sheetnames or book[L.SHEET_KEYS].sheet_state != "hidden":
        return []
    return [f"总表 {file} 中存放签名密钥的“{L.SHEET_KEYS}”工作表现在只是普通隐藏（用 LibreOffice "
            "保存过总表时会这样），任何人“取消隐藏”即可看到密钥并伪造各单位的任务表；请在 Excel 或 "
            "WPS 中按 Alt+F11 打开 VBA 编辑器，选中该工作表，把属性 Visible 改为“2 - "
            "xlSheetVeryHidden”后保存，并且不要把总表发给各单位。"]


def read_keys(book) -> list[str]:
    """The signing keys of the very hidden sheet, oldest first ([] when there is none)."""
    if L.SHEET_KEYS not in book.sheetnames:
        return []
    column = [_text(row[0]) for row in book[L.SHEET_KEYS].iter_rows(values_only=True) if row]
    return [k for k in column[1:] if re.fullmatch(r"[0-9a-f]{64}", k)]


def earlier_keys(path: str | Path) -> list[str]:
    """The keys of an existing master at `path`, kept when a new plan version is imported over
    it so that forms issued from it still verify; [] when there is no readable master there."""
    try:
        return read_keys(_Book(Path(path)))
    except Exception:  # noqa: BLE001 - no master there, or not one we can read: no earlier keys
        return []


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _split(value) -> list[str]:
    text = _text(value)
    return split_outside_brackets(text, "、,，;；") if text else []  # most cells are empty


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = _text(value).replace(",", "").replace("，", "")
    try:
        return float(text)
    except ValueError:
        return None


def _integer(value) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _settings(book, errors, file) -> tuple[Settings, PlanMeta]:
    name = L.SHEET_SETTINGS
    if name not in book.sheetnames:
        errors.append(Problem(file, name, "", f"缺少工作表“{name}”", "请勿删除或重命名总表的工作表"))
        return Settings(), PlanMeta()
    ws = book[name]
    labels = {label: key for label, key, _ in L.SETTING_ROWS}
    values, refs, rounds_row = {}, {}, None
    for r in range(1, ws.max_row + 1):
        label = _text(ws.cell(r, 1).value)
        if label in labels:
            values[labels[label]], refs[labels[label]] = ws.cell(r, 2).value, f"B{r}"
        elif label == L.ROUNDS_HEADER[0]:
            rounds_row = r
    year = _integer(values.get("year")) if not _blank(values.get("year")) else None
    if not _blank(values.get("year")) and year is None:
        errors.append(Problem(file, name, refs["year"], "年度不是整数", "请填写四位年份，如 2020"))
    version = _integer(values.get("plan_version")) or 1
    tolerance = _number(values.get("tolerance"))
    if tolerance is not None and tolerance > 1:
        tolerance /= 100
    settings = Settings(
        year=year, title=_text(values.get("title")), password=_text(values.get("password")),
        contact=_text(values.get("contact")), current_round=_text(values.get("current_round")),
        tolerance=0.05 if tolerance is None else tolerance, plan_version=version,
        folders={k: _text(values.get(k)) for k in ("下发", "回收", "汇总", "总结")
                 if not _blank(values.get(k))},
        mail={k: _text(values.get(k)) for k in L.MAIL_KEYS if not _blank(values.get(k))},
        rounds=_rounds(ws, rounds_row, errors, file) if rounds_row else [],
    )
    warnings: list[Problem] = []
    settings.assessment_weights = _weights(values, refs, warnings, file)
    settings.assessment_in_summary = _yes_no(values, refs, "assessment_in_summary", warnings,
                                             file)
    settings.documents = _documents(values, refs, warnings, file)
    settings.warnings = [p.line() for p in warnings]
    if rounds_row is None:
        errors.append(Problem(file, name, "", "找不到“报送轮次”表", "请恢复“报送轮次”表头"))
    meta = PlanMeta(
        title=settings.title, issuer=_text(values.get("issuer")), year=year,
        doc_number=_text(values.get("doc_number")), date=_date_text(values.get("date")),
        addressees=_split(values.get("addressees")),
    )
    return settings, meta


def _weights(values: dict, refs: dict, warnings: list[Problem], file) -> dict[str, float]:
    """The 考评权重 rows: a number not below 0 each; blank (or an older master without the row)
    is the default, and so is a bad value, with a warning naming its cell. All of them 0 would
    leave nothing to score with: the defaults are used, with a warning."""
    weights = dict(ASSESSMENT_WEIGHTS)
    labels = {key: label for label, key, _ in L.SETTING_ROWS}
    for component, key in L.WEIGHT_KEYS.items():
        value = values.get(key)
        if _blank(value):
            continue
        number = _number(value)
        if number is None or number < 0:
            default = plain_number(ASSESSMENT_WEIGHTS[component])
            warnings.append(Problem(file, L.SHEET_SETTINGS, refs[key],
                                    f"“{labels[key]}”填写的“{_text(value)}”不是不小于 0 的数",
                                    f"请改为不小于 0 的数；本次按默认值 {default} 计算", WARNING))
            continue
        weights[component] = number
    if not any(weights.values()):
        cells = [refs[k] for k in L.WEIGHT_KEYS.values() if k in refs]
        warnings.append(Problem(file, L.SHEET_SETTINGS, f"{cells[0]}:{cells[-1]}",
                                "考评权重全部为 0，无法计算得分",
                                "请至少为一项填写大于 0 的权重；本次按默认权重计算", WARNING))
        return dict(ASSESSMENT_WEIGHTS)
    return weights


def _documents(values: dict, refs: dict, warnings: list[Problem], file) -> DocumentSettings:
    """The 文稿 rows (an older master has none: every default). A blank 通报版头 means no
    版头, a missing row the default; a value that cannot be used is its default, with a
    warning naming its cell."""
    doc = DocumentSettings(
        issuer=_text(values.get("doc_issuer")),
        masthead=_text(values.get("doc_masthead")) if "doc_masthead" in values else MASTHEAD,
        addressees=_split(values.get("doc_addressees")),
        annex_title=_text(values.get("doc_annex")),
        include_texts=_yes_no(values, refs, "doc_texts", warnings, file),
    )
    doc.issue_number = _count(values, refs, "doc_issue", None, warnings, file)
    doc.days_allowed = _count(values, refs, "doc_days", DAYS_ALLOWED, warnings, file)
    raw = values.get("doc_date")
    if not _blank(raw):
        doc.date = cell_date(raw)
        if doc.date is None:
            warnings.append(Problem(file, L.SHEET_SETTINGS, refs["doc_date"],
                                    f"“成文日期”填写的“{_text(raw)}”不是日期",
                                    "请填写日期，如 2020-07-15；本次按生成文稿的当天", WARNING))
    return doc


def _count(values: dict, refs: dict, key: str, default, warnings: list[Problem], file):
    """A whole number of at least 1 (blank: `default`); anything else is the default, with a
    warning naming its cell."""
    value = values.get(key)
    if _blank(value):
        return default
    number = _integer(value)
    if number is not None and number >= 1:
        return number
    label = next(label for label, k, _ in L.SETTING_ROWS if k == key)
    instead = f"按默认值 {default}" if default is not None else "自动编号"
    warnings.append(Problem(file, L.SHEET_SETTINGS, refs[key],
                            f"“{label}”填写的“{_text(value)}”不是正整数",
                            f"请填写正整数；本次{instead}", WARNING))
    return default


def _requirements(book, file) -> list[Requirement]:
    """The 工作要求 rows (an older master has no such sheet: none), in the sheet's order."""
    if L.SHEET_REQUIREMENTS not in book.sheetnames:
        return []
    sheet = _Sheet(book, L.SHEET_REQUIREMENTS, L.REQUIREMENT_COLUMNS, [], file)
    return [Requirement(_text(row.get("heading")).rstrip("。"), _text(row.get("text")),
                        _text(row.get("round")))
            for _, row in sheet.rows() if not _blank(row.get("heading"))
            or not _blank(row.get("text"))]


def _yes_no(values: dict, refs: dict, key: str, warnings: list[Problem], file) -> bool:
    """是 or 否 (blank: 否); anything else is 否, with a warning naming its cell."""
    value = values.get(key)
    if isinstance(value, bool):
        return value
    text = _text(value)
    if text == "" or text in NO_WORDS:
        return False
    if text in YES_WORDS:
        return True
    label = next(label for label, k, _ in L.SETTING_ROWS if k == key)
    warnings.append(Problem(file, L.SHEET_SETTINGS, refs[key],
                            f"“{label}”填写的“{text}”不是“是”或“否”",
                            "请填写“是”或“否”；本次按“否”处理", WARNING))
    return False


def _rounds(ws, header_row, errors, file) -> list[Round]:
    rounds = []
    for r in range(header_row + 1, ws.max_row + 1):
        name = _text(ws.cell(r, 1).value)
        if not name:
            continue
        due = cell_date(ws.cell(r, 2).value)
        if due is None and not _blank(ws.cell(r, 2).value):
            errors.append(Problem(file, L.SHEET_SETTINGS, f"B{r}", "截止日期不是日期",
                                  "请填写日期，如 2020-12-20"))
        share = _number(ws.cell(r, 3).value)
        if share is not None and share > 1:
            share /= 100
        rounds.append(Round(name, due, 1.0 if share is None else share))
    return rounds


def _date_text(value) -> str:
    parsed = cell_date(value)
    return parsed.isoformat() if parsed else _text(value)


def _groups(book, errors, file) -> list[Group]:
    sheet = _Sheet(book, L.SHEET_UNITS, L.GROUP_COLUMNS[:2], errors, file,
                   first_col=2)  # found by its headers: older masters have fewer unit columns
    groups = []
    for _, row in sheet.rows():
        name = _text(row.get("name"))
        if name:
            groups.append(Group(name, [], _split(row.get("aliases"))))
    return groups


def _units(book, errors, file, groups: list[Group]) -> list[Unit]:
    sheet = _Sheet(book, L.SHEET_UNITS, L.UNIT_COLUMNS, errors, file)
    by_name = {g.name: g for g in groups}
    by_name.update({a: g for g in groups for a in g.aliases})
    units: list[Unit] = []
    seen: set[str] = set()
    for r, row in sheet.rows():
        name = _text(row.get("name"))
        if not name:
            continue
        if name in seen:
            sheet.error(r, "name", f"单位“{name}”重复出现", "请删除重复的行")
            continue
        seen.add(name)
        kind = _text(row.get("kind")) or UNIT_KINDS[-1]
        if kind not in UNIT_KINDS:
            sheet.error(r, "kind", f"类别“{kind}”无效", f"请从下拉列表选择：{'、'.join(UNIT_KINDS)}")
        unit = Unit(name, kind, _split(row.get("aliases")), _text(row.get("contact")),
                    phone=_text(row.get("phone")), email=_text(row.get("email")))
        for group_name in _split(row.get("groups")):
            group = by_name.get(group_name)
            if group is None:
                sheet.error(r, "groups", f"分组“{group_name}”不在右侧分组表中",
                            "请先在分组表中添加该分组，或改正名称")
                continue
            unit.groups.append(group.name)
            group.members.append(name)
        units.append(unit)
    return units


def _known_names(units: list[Unit], groups: list[Group]) -> set[str]:
    names = {u.name for u in units} | {a for u in units for a in u.aliases}
    return names | {g.name for g in groups} | {a for g in groups for a in g.aliases}


def _tasks(book, errors, file, units, groups) -> tuple[list[Section], list[Task]]:
    sheet = _Sheet(book, L.SHEET_TASKS, L.TASK_COLUMNS, errors, file)
    known = _known_names(units, groups)
    sections: dict[str, Section] = {}
    tasks: list[Task] = []
    numbers: set[int] = set()
    for r, row in sheet.rows():
        number = _integer(row.get("number"))
        if number is None or number <= 0:
            sheet.error(r, "number", f"序号“{_text(row.get('number'))}”不是正整数", "请填写任务序号，如 12")
            continue
        if number in numbers:
            sheet.error(r, "number", f"任务序号{number}重复", "请改为不重复的序号")
            continue
        numbers.add(number)
        section = _text(row.get("section"))
        if section and section not in sections:
            sections[section] = Section(section, _text(row.get("section_title")))
        task_units = _split(row.get("units"))
        for name in task_units:
            if name not in known:
                sheet.error(r, "units", f"单位“{name}”不在“单位”表中",
                            "请先在“单位”表添加该单位，或改正名称")
        leads = _split(row.get("lead"))
        for name in leads:
            if name not in task_units:
                sheet.error(r, "lead", f"牵头单位“{name}”不在本任务的责任单位中",
                            "请在“责任单位”中加入该单位，或改正牵头单位")
        tasks.append(Task(
            number=number, section=section, title=_text(row.get("title")),
            body=_text(row.get("body")), units_text=_text(row.get("units_text")),
            units=task_units, lead_units=None if leads == task_units[:1] or not leads else leads,
            deadline=_text(row.get("deadline")), lead_basis=_text(row.get("lead_basis")),
            review=_text(row.get("review")),
        ))
    return list(sections.values()), tasks


def _indicators(book, errors, file, task_numbers: set[int]) -> list[Indicator]:
    sheet = _Sheet(book, L.SHEET_INDICATORS, L.INDICATOR_COLUMNS, errors, file)
    out: list[Indicator] = []
    pending: list[Indicator] = []  # rows added by hand without a key
    keys: set[str] = set()
    for r, row in sheet.rows():
        indicator = _indicator(sheet, r, row, task_numbers)
        if indicator is None:
            continue
        match = KEY_RE.match(_text(row.get("key")))
        if match and int(match.group(1)) == indicator.task:
            indicator.seq = int(match.group(2))
            if indicator.key in keys:
                sheet.error(r, "key", f"指标编号{indicator.key}重复", "请清空该编号，保存后会自动编号")
                continue
            keys.add(indicator.key)
            out.append(indicator)
        else:
            pending.append(indicator)
    last_seq: dict[int, int] = {}
    for indicator in out:
        last_seq[indicator.task] = max(last_seq.get(indicator.task, 0), indicator.seq)
    for indicator in pending:
        indicator.seq = last_seq[indicator.task] = last_seq.get(indicator.task, 0) + 1
        out.append(indicator)
    return out


def _indicator(sheet: _Sheet, r: int, row: dict, task_numbers: set[int]) -> Indicator | None:
    ok = True
    task = _integer(row.get("task"))
    if task not in task_numbers:
        sheet.error(r, "task", f"任务序号“{_text(row.get('task'))}”在“任务”表中不存在",
                    "请填写已有任务的序号")
        ok = False
    value = _number(row.get("value"))
    if value is None:
        sheet.error(r, "value", f"目标值“{_text(row.get('value'))}”不是数字",
                    "只填数字，如 8640；单位写在“计量单位”列")
        ok = False
    comparator = COMPARATOR_INPUT.get(_text(row.get("comparator")) or "不低于")
    if comparator is None:
        sheet.error(r, "comparator", f"要求“{_text(row.get('comparator'))}”无效",
                    "请从下拉列表选择：不低于、不超过、等于、约")
        ok = False
    aggregation = _text(row.get("aggregation")) or AGG_SUM
    if aggregation not in AGGREGATIONS:
        sheet.error(r, "aggregation", f"汇总方式“{aggregation}”无效",
                    f"请从下拉列表选择：{'、'.join(AGGREGATIONS)}")
        ok = False
    if not ok:
        return None
    return Indicator(
        task=task, seq=0, name=_text(row.get("name")), value=value, unit=_text(row.get("unit")),
        comparator=comparator, soft=_text(row.get("soft")) in YES_WORDS,
        deadline=_text(row.get("deadline")), source=_text(row.get("source")),
        aggregation=aggregation,
    )


def _allocations(book, errors, file, indicators, units) -> list[Allocation]:
    sheet = _Sheet(book, L.SHEET_ALLOCATIONS, L.ALLOCATION_COLUMNS, errors, file)
    keys = {i.key for i in indicators}
    unit_names = {u.name for u in units}
    out = []
    for r, row in sheet.rows():
        key, unit, value = _text(row.get("indicator")), _text(row.get("unit")), _number(row.get("value"))
        if key not in keys:
            sheet.error(r, "indicator", f"指标编号“{key}”在“指标”表中不存在", "请填写“指标”表中的编号")
        elif unit not in unit_names:
            sheet.error(r, "unit", f"单位“{unit}”不在“单位”表中", "请填写“单位”表中的单位名称")
        elif value is None:
            sheet.error(r, "value", f"分解目标值“{_text(row.get('value'))}”不是数字", "只填数字")
        else:
            out.append(Allocation(key, unit, value))
    return out


def _corrections(book, file) -> list[Correction]:
    """The 核实更正 rows as typed (an older master has no such sheet: none). They are checked
    against the round's answers when a collection applies them, not here: a mistyped row is a
    problem row of that round, never a reason to stop."""
    if L.SHEET_CORRECTIONS not in book.sheetnames:
        return []
    sheet = _Sheet(book, L.SHEET_CORRECTIONS, L.CORRECTION_COLUMNS, [], file)
    out = []
    for r, row in sheet.rows():
        at = row.get("at")
        new = row.get("new")
        out.append(Correction(
            round=_text(row.get("round")), unit=_text(row.get("unit")),
            key=_text(row.get("key")).upper(), field=_text(row.get("field")),
            new=new.strip() if isinstance(new, str) else new, who=_text(row.get("who")),
            at=_date_text(at) if not _blank(at) else "", why=_text(row.get("why")),
            place=sheet.ref(r, "new") if "new" in sheet.columns else f"第{r}行",
            cells={f: sheet.ref(r, f) for f in sheet.columns}, typed_at=at,
        ))
    return out


def _receipts(book, file) -> list[Receipt]:
    """The 接收登记 rows (an older master has none); a time not understood is kept as ""."""
    if L.SHEET_RECEIPTS not in book.sheetnames:
        return []
    sheet = _Sheet(book, L.SHEET_RECEIPTS, L.RECEIPT_COLUMNS, [], file)
    return [Receipt(round=_text(row.get("round")), unit=_text(row.get("unit")),
                    at=_datetime_text(row.get("at")), who=_text(row.get("who")),
                    note=_text(row.get("note")), typed=_text(row.get("at")),
                    cells={f: sheet.ref(r, f) for f in sheet.columns})
            for r, row in sheet.rows()]


def _datetime_text(value) -> str:
    """A date-time cell as ISO (a date alone is its midnight); "" when it is neither."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("/", "-")).isoformat(
                sep=" ", timespec="seconds")
        except ValueError:
            pass
    day = cell_date(value)
    return datetime.combine(day, time()).isoformat(sep=" ", timespec="seconds") if day else ""


def _warnings(plan: Plan) -> list[str]:
    warnings = []
    named = {n for t in plan.tasks for n in t.units}
    for group in plan.groups:
        if not group.members and (group.name in named or set(group.aliases) & named):
            warnings.append(f"分组“{group.name}”暂无成员单位，请在“单位”表的“所属分组”列为其填写成员。")
    for task in plan.tasks:
        if not task.units:
            warnings.append(f"任务{task.number}（{task.title}）没有责任单位，请在“任务”表补填。")
    return warnings
