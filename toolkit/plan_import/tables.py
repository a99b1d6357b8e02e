"""Decomposition tables (任务分解表) as plan text.

A table of tasks (from Word, Excel, PDF or flattened text) is written out as the numbered
paragraphs the text parser reads: a section row becomes `一、…`, a task row
`14.任务内容(牵头单位:X;配合单位:Y;完成时限:Z)`. Columns are matched by their header words
(toolkit/data/lexicon.json), never by position; columns of people and of progress are left
out, so they never become units or targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.rules.text import chinese_number, normalise
from toolkit.plan_import.lexicon import column_role
from toolkit.plan_import.units import UNIT_SUFFIXES

SECTION_CELL_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}[部分章篇])")
NUMBER_CELL_RE = re.compile(r"^(\d{1,4})\s*[.、]?$")
TASK_NUMBER_RE = re.compile(r"^(\d{1,4})\s*[.、](?!\d)\s*")
CN_NUMBER_CELL_RE = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]?$")
UNIT_ROLES = {"lead": "牵头单位", "coop": "配合单位", "units": "责任单位"}
SENTENCE_PUNCT = "。；;，,：:！？!?、"


def join_cell_lines(text: str, separator: str = "") -> str:
    """A cell's lines as one line: glued (a space between Latin words), or joined by
    `separator` where the line before does not already end in one."""
    out = ""
    for line in (part.strip() for part in str(text).replace("\r", "\n").split("\n")):
        if not line:
            continue
        if out and separator:
            out += "" if out[-1] in "、,，;；" else separator
        elif out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


@dataclass
class TableReader:
    """Reads the tables of one document in order; a table continued on the next page (a PDF)
    without its header keeps the columns of the one before."""
    source: str  # the file's name, for warnings
    warnings: list[str] = field(default_factory=list)
    roles: list[str | None] | None = None
    last_number: int = 0
    used: set[int] = field(default_factory=set)
    sections: int = 0
    section_cell: str = ""
    tables: int = 0

    def lines(self, rows: list[list[str]], name: str = "") -> list[str]:
        """The table as plan lines; a table without a task header as its rows' text.

        Cells may hold several lines (paragraphs in Word, Alt+Enter in Excel): in a units
        column each line is a name, elsewhere the lines are one text."""
        self.tables += 1
        found = find_header(rows)
        if found is None and self.roles and rows and len(rows[0]) == len(self.roles):
            found = (-1, self.roles)
        if found is None:
            return [_plain(row) for row in rows if any(c and c.strip() for c in row)]
        top, roles = found
        self.roles = roles
        name = name or f"第{self.tables}个表格"
        body = [(r, _joined(row, roles)) for r, row in enumerate(rows[top + 1:], start=top + 2)]
        body = [(r, row) for r, row in body if any(row)]
        self.used |= {n for _, row in body if (n := _printed_number(row, roles)) is not None}
        out = [_plain(row) for row in rows[:max(top, 0)] if any(c and c.strip() for c in row)]
        before = self.last_number
        for r, row in body:
            if _roles_of(row) == roles or _is_header(row):
                continue  # the header, repeated on every page
            out += self._row(row, roles, name, r)
        if "number" not in roles and self.last_number > before:
            self.warnings.append(f"{self.source}{name}没有序号列，已按行的顺序把任务编为"
                                 f"{before + 1}—{self.last_number}号，请在“任务”表核对。")
        return out

    def _row(self, row: list[str], roles, name: str, r: int) -> list[str]:
        out = []
        if section := self._section(row, roles):
            return [section]
        group = _cell(row, roles, "section")
        if group and group != self.section_cell:
            self.section_cell = group
            out.append(self._section_line(group))
        task = _task_text(row, roles)
        if not task:
            return out
        printed = _printed_number(row, roles)
        if printed is None and (lead := TASK_NUMBER_RE.match(normalise(task))):
            printed, task = int(lead.group(1)), task[lead.end():]  # 1.新增… in the task cell
        number = self._number(printed, task, name, r, warn="number" in roles)
        out.append(f"{number}.{task}{_units_field(row, roles)}")
        return out

    def _section(self, row: list[str], roles) -> str:
        """A section row: 一、… in the number or task cell, or one text merged across the row."""
        values = [c for c in row if c]
        distinct = list(dict.fromkeys(values))
        number = normalise(_cell(row, roles, "number"))
        if CN_NUMBER_CELL_RE.match(number) and len(distinct) == 2:
            return f"{CN_NUMBER_CELL_RE.match(number).group(1)}、{distinct[1]}"
        if len(distinct) != 1:
            return ""
        text = distinct[0]
        lone_label = number and len(values) == 1 and not NUMBER_CELL_RE.match(number)
        if SECTION_CELL_RE.match(normalise(text)) or lone_label or (
                len(values) > 1 and len(values) == len(row)):
            return self._section_line(text)
        return ""

    def _section_line(self, text: str) -> str:
        self.sections += 1
        if re.match(r"^[一二三四五六七八九十]{1,3}[、.]", normalise(text)):
            return text
        bare = re.sub(r"^(?:\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}[部分章篇]+)\s*",
                      "", normalise(text))
        return f"{chinese_number(self.sections)}、{text[len(text) - len(bare):]}"

    def _number(self, printed: int | None, task: str, name: str, r: int, warn: bool) -> int:
        if printed is not None:
            self.last_number = printed
            return printed
        number = self.last_number + 1
        while number in self.used:
            number += 1
        self.used.add(number)
        self.last_number = max(self.last_number, number)
        if warn:
            self.warnings.append(
                f"{self.source}{name}第{r}行（{task[:20]}）没有序号，已按顺序编为第{number}项，"
                "请在“任务”表核对。"
            )
        return number


def _plain(row: list[str]) -> str:
    """A row of a table that is not a task table (a layout table, a title row): cells of one
    line side by side; cells of several lines (a page laid out in a table) line by line."""
    cells = list(dict.fromkeys(c.strip() for c in row if c and c.strip()))
    if all("\n" not in c for c in cells):
        return " ".join(cells)
    return "\n".join(cells)


def _joined(row: list[str], roles) -> list[str]:
    """Each cell as one line: names in a units column joined by 、, other text glued."""
    out = []
    for i, cell in enumerate(row):
        role = roles[i] if i < len(roles) else None
        out.append(join_cell_lines(cell or "", "、" if role in UNIT_ROLES else ""))
    return out


def _printed_number(row: list[str], roles) -> int | None:
    match = NUMBER_CELL_RE.match(normalise(_cell(row, roles, "number")))
    return int(match.group(1)) if match else None


def _cell(row: list[str], roles, role: str) -> str:
    return next((row[i] for i, r in enumerate(roles) if r == role and i < len(row) and row[i]), "")


def _cells(row: list[str], roles, role: str) -> list[str]:
    """The distinct texts of a role's columns (a merged cell repeats its text)."""
    return list(dict.fromkeys(row[i] for i, r in enumerate(roles) if r == role and i < len(row) and row[i]))


def _task_text(row: list[str], roles) -> str:
    parts = _cells(row, roles, "task")
    text = ""
    for part in parts:
        if text and text[-1] not in SENTENCE_PUNCT:
            text += "。"
        text += part
    return text


def _units_field(row: list[str], roles) -> str:
    fields = []
    for role, marker in UNIT_ROLES.items():
        names = "、".join(_cells(row, roles, role))
        if names:
            fields.append(f"{marker}:{names}")
    deadline = _cell(row, roles, "deadline")
    if deadline:
        fields.append(f"完成时限:{deadline}")
    return f"（{'；'.join(fields)}）" if fields else ""


def _roles_of(row: list[str]) -> list[str | None]:
    return [column_role(c) for c in row]


def _is_header(row: list[str]) -> bool:
    roles = [r for r in _roles_of(row) if r]
    return "task" in roles and len(roles) >= 2 and len(roles) >= len([c for c in row if c]) - 1


def find_header(rows: list[list[str]]) -> tuple[int, list[str | None]] | None:
    """(row index, column roles) of the header among the first rows, two header rows merged
    (a 责任单位 cell spanning 牵头单位 and 配合单位 below it)."""
    for i, row in enumerate(rows[:6]):
        if not _is_header(row):
            continue
        roles = _roles_of(row)
        if i + 1 < len(rows):
            below = _roles_of(rows[i + 1])
            if any(below) and not NUMBER_CELL_RE.match(normalise(rows[i + 1][0] or "")):
                roles = [b or a for a, b in zip(roles, below)] + roles[len(below):]
                i += 1
        return i, roles
    return None


def flattened_rows(lines: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """Tables flattened into text: (first line, last line + 1, rows) for each run of lines
    whose cells end in ` |`, or of one cell per line under a header of one word per line."""
    found = []
    lines = [_one_cell(line) for line in lines]
    i = 0
    while i < len(lines):
        if lines[i].rstrip().endswith("|") and lines[i].count("|") >= 2:
            j = i
            while j < len(lines) and lines[j].rstrip().endswith("|"):
                j += 1
            rows = [[c.strip() for c in lines[k].rstrip().rstrip("|").split("|")] for k in range(i, j)]
            found.append((i, j, rows))
            i = j
            continue
        width = _header_run(lines, i)
        if width:
            j, rows = _cell_per_line_rows(lines, i, width)
            found.append((i, j, rows))
            i = j
            continue
        i += 1
    return found


def _one_cell(line: str) -> str:
    """`新增学位2000个。 |`: a cell on its own line, its bar dropped."""
    stripped = line.rstrip()
    return stripped[:-1].rstrip() if stripped.endswith("|") and stripped.count("|") == 1 else line


def _header_run(lines: list[str], i: int) -> int:
    roles = []
    while i + len(roles) < len(lines) and column_role(lines[i + len(roles)]):
        roles.append(column_role(lines[i + len(roles)]))
    return len(roles) if len(roles) >= 3 and "task" in roles and "number" in roles else 0


def _cell_per_line_rows(lines: list[str], i: int, width: int) -> tuple[int, list[list[str]]]:
    """A number alone on its line starts a row; the row's cells are the lines up to the next
    number. Empty cells are lost in such text, so cells are placed by what they hold."""
    header = [lines[i + k].strip() for k in range(width)]
    roles = [column_role(h) for h in header]
    rows, j = [header], i + width
    current: list[str] | None = None
    while j < len(lines):
        text = lines[j].strip()
        if NUMBER_CELL_RE.match(normalise(text)):
            if current:
                rows.append(_place(current, roles))
            current = [text]
        elif SECTION_CELL_RE.match(normalise(text)) and (current is None or len(current) >= 2):
            if current:
                rows.append(_place(current, roles))
            rows.append([text] + [""] * (width - 1))
            current = None
        elif current is None:
            break
        else:
            current.append(text)
        j += 1
    if current:
        rows.append(_place(current, roles))
    return j, rows


DEADLINE_CELL_RE = re.compile(r"(?:\d{1,2}月|年底|年内|季度|上半年|下半年|持续|长期|全年|常态)")
PERSON_CELL_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


def _place(cells: list[str], roles: list[str | None]) -> list[str]:
    """Number, task text, then each cell into the first free column its content fits:
    a date into the deadline column, a two- or three-character name into a person column,
    other text into the unit columns in order."""
    row = [""] * len(roles)
    free = list(range(len(roles)))

    def put(role_names, text) -> bool:
        for k in free:
            if roles[k] in role_names:
                row[k] = text
                free.remove(k)
                return True
        return False

    put(("number",), cells[0])
    rest = cells[1:]
    if rest:
        put(("task",), rest.pop(0))
    for text in filter(None, rest):
        if DEADLINE_CELL_RE.search(text) and len(text) <= 16 and put(("deadline",), text):
            continue
        if PERSON_CELL_RE.match(text) and not text.endswith(UNIT_SUFFIXES) and put(("person",), text):
            continue
        put(("lead", "units", "coop", "section", "ignore", "person", "deadline", None), text)
    return row


