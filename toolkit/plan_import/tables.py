"""The one reader of task tables (任务分解表, 责任清单, 民生实事 …), whatever carried them.

A grid's columns are decided by what their cells hold, the header words only a hint: the column
of long sentences is the task; a short column beside it repeated down its rows is the group
(a section); organisation names are units (牵头, 配合 or plain, as the header says); people
(分管领导, 牵头市领导, 张某某) are never units; dates are deadlines; progress and notes are left
out. Rows become tasks directly. A label/value table (任务内容 | …, 责任单位 | …) is turned into
rows first, one task a block.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from toolkit.rules.text import normalise
from toolkit.model.plan import AT_LEAST, Section
from toolkit.plan_import import cells, targets, units
from toolkit.plan_import.draft import Draft, Line
from toolkit.plan_import.grid import Grid, join_cell_lines
from toolkit.plan_import.lexicon import COOP, LEAD, PLAIN, column_role
from toolkit.rules.text import simplified

SECTION_CELL_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}[部分章篇])")
CN_NUMBER_CELL_RE = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]?$")
NUMBER_CELL_RE = re.compile(r"^\(?(\d{1,4})\)?\s*[.、]?$")
BRACKETED_NUMBER_RE = re.compile(r"^\(\d{1,4}\)$")  # (1)
BARE_NUMBER_RE = re.compile(r"^\d{1,4}\s*[.、]?$")  # 1, 1., 1、
TASK_NUMBER_RE = re.compile(r"^(\d{1,4})\s*" + cells.NUMBER_MARK + r"\s*")  # 1.新增…, 1。新增…
SUB_NUMBER_RE = re.compile(r"^\([一二三四五六七八九十]{1,3}\)\s*")  # (一)城乡居民…项目: restarts under each section
UNIT_ROLES = {"lead": LEAD, "coop": COOP, "units": PLAIN}
UNIT_LABELS = {"lead": "牵头单位", "units": "责任单位", "coop": "配合单位"}
FIGURE_RE = re.compile(r"^\d+(?:\.\d+)?$")
SUMS_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|第[一二三四五六七八九十]{1,3}[部分章篇])")
TOTAL_RE = re.compile(r"^(?:合计|总计|小计|共计|总合计)$")  # a row of sums: 合计 | 6282616.5 | …
TEXT_ROLES = (None, "task", "section")
SENTENCE_PUNCT = "。；;，,：:！？!?、"
LONG = 15  # characters: a cell this long on average is text, not a name or a label
HEADER_ROWS = 6
# a task column named for matters to decide (决策事项, 决策事项名称): a catalogue of the matters a government
# is to decide, not work with figures to reach (…等11个项目建设 says what a decision covers; 决策部署, the
# work decided, is no such name)
DECISION_WORD = "决策事项"
HAN_RE = cells.HAN_RE


@dataclass
class TablePart:
    before: list[str]  # rows above the header (a title inside the table), as text lines
    drafts: list[Draft]


@dataclass
class TableState:
    """What one table tells the next in the same document: a table going on over the next
    page without its header keeps the columns of the one before."""
    source: str  # the file's name, for warnings: “分解表.docx”
    tables: int = 0
    roles: list[str | None] | None = None
    figures: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (name, unit)
    section: Section | None = None
    group: str = ""
    warnings: list[str] = field(default_factory=list)


def read_table(grid: Grid, state: TableState, known: set[str]) -> TablePart | None:
    """The tasks of a task table; None for a table that holds no tasks (a page's layout)."""
    state.tables += 1
    name = grid.name or f"{state.source}第{state.tables}个表格" + ("（由文字行读出）" if grid.written else "")
    grid = label_value_rows(grid) or grid
    printed = [[(c or "").strip() for c in row] + [""] * (grid.width - len(row)) for row in grid.rows]
    rows = _simplified(printed)
    first, top, hints = find_header(rows)
    if top < 0 and _page_fields(rows):
        return None
    if top < 0:  # no header: the title rows above the first row of several cells are text
        top = next((r for r, row in enumerate(rows) if len({c for c in row if c}) > 1), 0) - 1
    if not any(hints) and state.roles is not None and len(state.roles) == grid.width:
        roles = state.roles  # the same table, on the next page
    else:
        roles = decide_columns(hints, rows[top + 1:], known)
    if "task" not in roles:
        return None
    if any(hints):
        state.figures = figure_columns(rows[first:top + 1], rows[top + 1:])
    for c in state.figures:
        roles[c] = "figure"
    state.roles = roles
    before = [plain_row(printed[r]) for r in range(max(top, 0)) if any(printed[r])]
    names = [join_cell_lines(c) for c in printed[top]] if top >= 0 else [""] * grid.width
    reader = _Rows(state, roles, name, known, guessed_columns(hints, roles), names)
    reader.numbered_rows = _numbered(rows[top + 1:], roles)
    reader.bracket_numbered = _bracket_numbered(rows[top + 1:], roles)
    reader.arabic_numbered = _arabic_numbered(rows[top + 1:], roles)
    reader.sum_rows = _sum_rows(rows[top + 1:], roles)
    reader.decisions = top >= 0 and any(DECISION_WORD in rows[top][c] for c, role in enumerate(roles) if role == "task")
    for r in range(top + 1, len(rows)):
        if not _is_header_again(rows[r], hints):
            reader.row(rows[r], printed[r], [(r, c) in grid.copies for c in range(grid.width)], r + 1)
    return TablePart(before, reader.drafts)


def _is_total(row: list[str]) -> bool:
    """A row of the table's sums: 合计 (总计, 小计) alone besides its figures."""
    values = {re.sub(r"\s+", "", c) for c in row if c}
    return len(values) == 1 and bool(TOTAL_RE.match(values.pop()))


def _sums_heading(row: list[str]) -> str:
    """The heading of a row that holds only it and figures (一、社保惠民项目 | 1616000 | …): a
    top-level heading (一、, 第一部分), not an item's (一) whose units were left blank."""
    values = list(dict.fromkeys(c for c in row if c))
    return values[0] if len(values) == 1 and SUMS_HEADING_RE.match(normalise(values[0])) else ""


def _numbered(body: list[list[str]], roles: list[str | None]) -> bool:
    """Whether the rows are numbered: the first row with a task and another carry a number."""
    if "number" not in roles:
        return False
    c = roles.index("number")
    rows = [row for row in body if any(row[k] for k, r in enumerate(roles) if r == "task" and k < len(row))]
    numbered = [bool(c < len(row) and NUMBER_CELL_RE.match(normalise(row[c]))) for row in rows]
    return bool(numbered) and numbered[0] and sum(numbered) >= 2


def _bracket_numbered(body: list[list[str]], roles: list[str | None]) -> bool:
    """Whether the table numbers its tasks in brackets ((1)…(n)): two or more of its number
    cells, and most of them, are so written."""
    if "number" not in roles:
        return False
    c = roles.index("number")
    numbers = [normalise(row[c]).strip() for row in body if c < len(row)]
    numbers = [n for n in numbers if NUMBER_CELL_RE.match(n)]
    bracketed = sum(1 for n in numbers if BRACKETED_NUMBER_RE.match(n))
    return bracketed >= 2 and 2 * bracketed > len(numbers)


def _arabic_numbered(body: list[list[str]], roles: list[str | None]) -> bool:
    """Whether the table numbers its tasks with arabic numbers (1…n or (1)…(n)): two or more of
    its number cells are so written, more than are written (一), (二)."""
    if "number" not in roles:
        return False
    c = roles.index("number")
    numbers = [normalise(row[c]).strip() for row in body if c < len(row)]
    arabic = sum(1 for n in numbers if NUMBER_CELL_RE.match(n))
    return arabic >= 2 and arabic > sum(1 for n in numbers if SUB_NUMBER_RE.fullmatch(n))


def _without_sums(row: list[str], roles: list[str | None]) -> list[str]:
    """The row with its cells of bare figures blanked, the number column's kept (一 | 社保惠民项目 | 1616000)."""
    return [c if role == "number" or not FIGURE_RE.match(normalise(c).strip()) else ""
            for c, role in itertools.zip_longest(row, roles[:len(row)])]


def _sum_rows(body: list[list[str]], roles: list[str | None]) -> bool:
    """Whether rows of a heading and figures only (一、社保惠民项目 | 1616000 | 1283000, 合计 | …) are
    a section's or the table's sums: other rows beside them hold more than a text and figures
    (their units, their targets). Where every row is a text and figures, those are the tasks."""
    texts = [[c for c in dict.fromkeys(_without_sums(row, roles)) if c] for row in body]
    return any(len(t) == 1 for t in texts) and any(len(t) > 1 for t in texts)


def _simplified(rows: list[list[str]]) -> list[list[str]]:
    """The cells in Simplified script (same lengths) when the table is in Traditional."""
    joined = "\n".join("\t".join(row) for row in rows)
    if simplified(joined) == joined:
        return rows
    return [[simplified(c, always=True) for c in row] for row in rows]


FIELD_CELL_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")  # 索引号:, 发文机关:南漳镇人民政府


def _page_fields(rows: list[list[str]]) -> bool:
    """A table of a page's fields (索引号: | … | 发布机构: | …, 发文机关:…): without a header,
    half its cells or more a short label and a colon, no cell a sentence. It names the
    document; it holds no tasks."""
    values = [c for row in rows for c in dict.fromkeys(row) if c]
    fields = [c for c in values if FIELD_CELL_RE.match(normalise(c)) and len(c) <= 40]
    return bool(values) and 2 * len(fields) >= len(values) and not any(
        len(c) > 40 or "。" in c for c in values)


def plain_row(row: list[str]) -> str:
    """A row of a table that is not a task table (a layout table, a title row): cells of one
    line side by side; cells of several lines (a page laid out in a table) line by line."""
    values = list(dict.fromkeys(c.strip() for c in row if c and c.strip()))
    if all("\n" not in c for c in values):
        return " ".join(values)
    return "\n".join(values)


# --- columns ------------------------------------------------------------------------------

def hint(cell: str) -> str | None:
    return column_role(cell) if cell and len(cell) <= 20 else None


def find_header(rows: list[list[str]]) -> tuple[int, int, list[str | None]]:
    """(first row, last row, header hints) of the header among the first rows, two header rows
    merged (a 责任单位 cell spanning 牵头单位 and 配合单位 below it); (-1, -1, no hints) without one."""
    width = max((len(r) for r in rows), default=0)
    first = next((i for i, row in enumerate(rows) if len({c for c in row if c.strip()}) > 1), -1)
    for i, row in enumerate(rows[:HEADER_ROWS]):
        if not (_is_header(row) or (i == first and _is_label_row(row, rows[i + 1:]))):
            continue
        hints = [hint(c) for c in row]
        if i + 1 < len(rows) and _is_header_below(rows[i + 1]):
            below = [hint(c) for c in rows[i + 1]]
            hints = [b or a for a, b in zip(hints, below)] + hints[len(below):]
            return i, i + 1, hints
        return i, i, hints
    return -1, -1, [None] * width


def _is_header(row: list[str]) -> bool:
    values = [c for c in row if c.strip()]
    named = [c for c in values if hint(c)]
    return (len(named) >= 2 and len(set(hint(c) for c in named)) >= 2
            and all(len(normalise(c).strip()) <= 20 for c in values)
            and (2 * len(named) >= len(set(values)) or len(named) >= 3))


def _is_label_row(row: list[str], body: list[list[str]]) -> bool:
    """A table's first row of several cells (under its title) of short labels naming its columns (一级指标 | 二级指标 | 责任科室、单位):
    three or more, no figure or sentence among them, one naming a column we know, and none
    met again below in its column (a row of data repeats its cells down merged rows)."""
    values = list(dict.fromkeys(c for c in row if c.strip()))
    return (len(values) >= 3 and any(hint(c) for c in values)
            and all(len(c) <= 10 and not re.search(r"[\d。；;，,：:]", normalise(c)) for c in values)
            and not any(c and any(c == other[k] for other in body if k < len(other))
                        for k, c in enumerate(row)))


def _is_header_below(row: list[str]) -> bool:
    """A second header row: names of columns (牵头单位 | 配合单位 under 责任单位), or periods
    (1-6月 | 7-12月 under 完成情况)."""
    values = [c for c in row if c.strip()]
    return bool(values) and (any(hint(c) for c in values) or all(cells.is_date(c) for c in values)) and all(
        len(c) <= 20 and not cells.is_number(c) and not FIGURE_RE.match(normalise(c).strip())
        and not c.rstrip().endswith("。") for c in values)  # a figure or a sentence is a row's


def _is_header_again(row: list[str], hints: list[str | None]) -> bool:
    """The header repeated on every page."""
    return any(hints) and _is_header(row) and [hint(c) for c in row] == hints


def _is_section_row(row: list[str]) -> bool:
    """A row of one text (merged across it, or alone in it): a heading, not a task."""
    return len({c for c in row if c}) <= 1


@dataclass
class _Column:
    filled: int = 0
    length: float = 0.0
    numbers: float = 0.0
    people: float = 0.0
    units: float = 0.0
    dates: float = 0.0
    progress: float = 0.0
    repeated: float = 0.0
    milestones: float = 0.0  # dates a cell names, on average
    rising: bool = True  # its numbers, read down, only go up (or repeat, a merged cell)
    figures: float = 0.0
    worded: float = 0.0  # cells of six Chinese characters or more


def _stats(body: list[list[str]], c: int, known: set[str]) -> _Column:
    values, repeats, above = [], 0, None
    for row in body:
        if _is_section_row(row):
            above = None
            continue
        value = row[c].strip() if c < len(row) else ""
        if value:
            values.append(value)
            repeats += value == above
        above = value or above
    if not values:
        return _Column()
    n = len(values)
    short = [v for v in values if len(v) <= 40]

    def share(test, pool=values) -> float:
        return sum(1 for v in pool if test(v)) / n

    return _Column(
        filled=n, length=sum(len(v) for v in values) / n, numbers=share(cells.is_number),
        people=share(cells.is_people, short), units=share(lambda v: cells.is_units(v, known), short),
        dates=share(cells.is_date), progress=share(cells.is_progress), repeated=repeats / n,
        milestones=sum(len(cells.MILESTONE_RE.findall(v)) for v in values) / n, figures=share(cells.is_figure),
        worded=share(lambda v: len(HAN_RE.findall(v)) >= 6), rising=_rising(values, c))


def _rising(values: list[str], c: int) -> bool:
    """Whether a column's numbers can number rows: read down they go up (a merged number
    repeats); one number repeated down every row numbers them only at the table's left edge
    (a 序号 merged over sub-rows), elsewhere it is a figure (an indicator's score)."""
    numbers = [int(m.group(1)) for v in values if (m := re.match(r"^\(?(\d{1,4})\)?\s*[.、]?$", normalise(v).strip()))]
    steps = [b - a for a, b in itertools.pairwise(numbers) if b != a]
    if not steps:
        return c == 0 or len(numbers) <= 1
    return sum(1 for step in steps if step > 0) >= 0.8 * len(steps)


def _repeated(body: list[list[str]], c: int, number: int) -> float:
    """The share of a column's cells that repeat the one above in a row of another number."""
    rows = [row for row in body if not _is_section_row(row) and c < len(row) and row[c].strip()]
    pairs = list(itertools.pairwise(rows))
    if not pairs:
        return 0.0
    return sum(1 for a, b in pairs if b[c] == a[c] and b[number] != a[number]) / len(rows)


def decide_columns(hints: list[str | None], body: list[list[str]], known: set[str]) -> list[str | None]:
    """The role of each column, by what its cells hold; the header's word where the content
    does not say otherwise."""
    width = len(hints)
    stats = [_stats(body, c, known) for c in range(width)]
    roles: list[str | None] = [None] * width
    for c, (h, st) in enumerate(zip(hints, stats)):
        roles[c] = _content_role(h, st)
        if roles[c] == "number" and "number" in roles[:c]:
            roles[c] = None  # the first column of numbers numbers the rows
    if any(r == h == "deadline" for r, h in zip(roles, hints)):  # the 完成时限 column named, not 实施步骤
        roles = [None if r == "deadline" and h != "deadline" else r for r, h in zip(roles, hints)]
    texts = [c for c in range(width) if roles[c] in TEXT_ROLES and stats[c].filled]
    if not texts:
        return roles
    longest = max(stats[c].length for c in texts)
    if longest < 6 and "task" not in hints:  # short texts under no task header: no task table
        return [r if r not in TEXT_ROLES else None for r in roles]
    if "number" in roles:  # a cell repeated down rows of different numbers: a merged group
        for c in texts:
            stats[c].repeated = _repeated(body, c, roles.index("number"))
    plans = [c for c in texts if stats[c].milestones < 2] or texts  # not a schedule column
    plans = [c for c in plans if stats[c].repeated < 0.3] or plans  # not a group column
    named = [c for c in plans if hints[c] == "task" and stats[c].length >= 0.5 * longest]
    task = max(named or plans, key=lambda c: stats[c].length)
    if not any(hints) and stats[task].worded < 0.5:  # no header, no sentences: a page's layout
        return [r if r not in TEXT_ROLES else None for r in roles]
    for c in texts:
        if c == task:
            roles[c] = "task"
        elif stats[c].length >= LONG and stats[c].milestones >= 2:
            roles[c] = "schedule"  # 4月底前…主体完工；8月底前…竣工: when, not what
        elif c < task and stats[c].repeated >= 0.3:
            roles[c] = "section"  # 工作任务 merged over the rows of its 细化分工
        elif stats[c].length >= LONG and stats[c].progress < 0.5:
            roles[c] = "task"  # a second column of text (目标, 具体要求): part of the task
        elif hints[c] == "section" or stats[c].repeated >= 0.3 or (c < task and hints[c] is None):
            roles[c] = "section"
        elif hints[c] == "task":
            roles[c] = "task"  # a short title beside the long text
        else:
            roles[c] = None
    return roles


def _content_role(h: str | None, st: _Column) -> str | None:
    """A column's role: people and organisations by their content whatever the header says,
    the header's word otherwise, and the content where the header names nothing known."""
    if not st.filled:
        return h if h not in TEXT_ROLES else None
    if h == "person" or (st.people >= 0.6 and st.units < 0.3 and h not in ("task", "section")):
        return "person"
    if h == "deadline" and st.length >= LONG and st.dates < 0.3 and st.milestones < 0.5:
        return None  # 进度安排 over sentences that name no date: what is to be done, not when
    if h in ("number", "deadline", "ignore", *UNIT_ROLES):
        return h
    if st.numbers >= 0.8 and st.length <= 5 and h is None and st.rising:
        return "number"
    if st.figures >= 0.6 and st.length <= 10:
        return "target"  # 目标任务: 1300人, 7699套
    if st.progress >= 0.5:
        return "ignore"
    if st.dates >= 0.6 and st.length <= 24 and st.units < 0.3:
        return "deadline"
    if st.units >= 0.6 and st.length < LONG * 3:
        return "units"
    return h if h in TEXT_ROLES else None


def guessed_columns(hints: list[str | None], roles: list[str | None]) -> list[str]:
    """The columns decided against or without their header: the rows they give are doubted."""
    out = []
    for h, r in zip(hints, roles):
        if r == "task" and h not in ("task", "section") and "task" not in hints:
            out.append("任务列")
        elif r in UNIT_ROLES and h not in UNIT_ROLES:
            out.append("责任单位列")
    return list(dict.fromkeys(out))


def figure_columns(header: list[list[str]], body: list[list[str]]) -> dict[int, tuple[str, str]]:
    """Columns of planned figures: a header naming a unit of measure (年度投资金额（万元）)
    over cells of numbers, or a header cell naming it merged over the parts named below it
    (2019年计划筹措资金(万元) over 合计 | 中央财政 | …). Each cell is a target of its row."""
    out = {}
    for c in range(max(map(len, header))):
        cell = "".join(dict.fromkeys(row[c] for row in header if c < len(row) and row[c]))
        match = cells.measured(cell)
        if not match or hint(cell) in ("number", "ignore"):
            continue
        values = [normalise(row[c]).strip() for row in body if c < len(row) and row[c].strip()]
        if values and sum(1 for v in values if FIGURE_RE.match(v)) >= 0.6 * len(values):
            out[c] = (match.group("name") + match.group("part"), match.group("unit"))
    return out


# --- rows ---------------------------------------------------------------------------------

class _Rows:
    """Turns the body rows of one table into drafts."""

    def __init__(self, state: TableState, roles, name: str, known: set[str], guessed: list[str],
                 names: list[str]):
        self.state, self.roles, self.name, self.known = state, roles, name, known
        self.names = names  # the header's cells
        self.guessed = guessed
        self.drafts: list[Draft] = []
        self.last_number: str = ""
        self.numbered_rows = False  # set by read_table: the rows carry numbers
        self.bracket_numbered = False  # set by read_table: the tasks are numbered (1)…(n)
        self.arabic_numbered = False  # set by read_table: the tasks are numbered 1…n or (1)…(n)
        self.sum_rows = False  # set by read_table: a heading's row may carry its section's sums
        self.decisions = False  # set by read_table: the rows are matters to decide (决策事项名称)

    def row(self, row: list[str], printed_row: list[str], copied: list[bool], r: int) -> None:
        """One body row: `row` in Simplified script, `printed_row` as printed."""
        state = self.state
        if self.sum_rows and _is_total(without := _without_sums(row, self.roles)):
            return  # 合计 | 6282616.5 | …: the table's sums, no task
        if title := self._section(row) or (self.sum_rows and _sums_heading(without)):
            state.section, state.group = Section("", join_cell_lines(title)), ""
            return
        group = self._cells(row, "section")
        if group and group[0] != state.group:
            state.group = group[0]
            state.section = Section("", join_cell_lines(group[0]))
        task, plain = self._task_text(printed_row), self._task_text(row)
        number_cell = normalise(self._cell(row, "number"))
        number_copied = any(copied[c] for c, role in enumerate(self.roles) if role == "number")
        if self.drafts and (not task or (number_copied and number_cell in ("", self.last_number))
                            or self._merged_row(row, number_cell) or self._sub_goal(number_cell, plain)):
            self._continue(self.drafts[-1], row, Line(task, normalise(plain)))  # goes on with the task above
            return
        if not task:
            return
        if self._group_row(row, copied, number_cell, task):
            state.section, state.group = Section("", join_cell_lines(task).rstrip("。")), ""
            return
        match = NUMBER_CELL_RE.match(number_cell)
        number = int(match.group(1)) if match else None
        if number is None and (lead := TASK_NUMBER_RE.match(normalise(plain))):
            number, task, plain = int(lead.group(1)), task[lead.end():], plain[lead.end():]  # 1.新增…
        elif number is None and "number" not in self.roles and (sub := SUB_NUMBER_RE.match(normalise(plain))):
            task, plain = task[sub.end():], plain[sub.end():]  # numbered in order through the table
        self.last_number = number_cell
        figures = [(name, float(value), unit) for c, (name, unit) in state.figures.items()
                   if FIGURE_RE.match(value := normalise(row[c]).strip())]
        figures += self._targets(row)
        schedule = "\n".join(join_cell_lines(c) for c in self._cells(printed_row, "schedule"))
        draft = Draft(number=number, section=state.section, body=Line(task, normalise(plain)),
                      figures=figures, aside=schedule,
                      units=self._units(row), deadline=self._deadline(row),
                      doubts=[f"{c}按内容判断" for c in self.guessed],
                      table=self.name, row=r, numbered="number" in self.roles, decision=self.decisions)
        self.drafts.append(draft)

    def _merged_row(self, row: list[str], number_cell: str) -> bool:
        """A row of a numbered table with neither a number nor units of its own, its number and
        unit cells written out empty: part of the row above, whose cells are merged over it."""
        units = [c for c, role in enumerate(self.roles) if role in UNIT_LABELS]
        return (self.numbered_rows and not number_cell and bool(units)
                and not any(c < len(row) and row[c] for c in units) and self.drafts[-1].units is not None)

    def _sub_goal(self, number_cell: str, plain: str) -> bool:
        """A row without a number whose text opens with a dash (——孕产妇死亡率控制在15/10万以内)
        under a numbered row: a sub-goal of that goal, with its own units and figures, no task."""
        return not number_cell and self.drafts[-1].number is not None and bool(cells.SUB_GOAL_RE.match(plain))

    def _group_row(self, row: list[str], copied: list[bool], number_cell: str, task: str) -> bool:
        """A row numbered 1 (not (1)) in a table whose tasks are numbered (1)…(n), or (一) in a
        table whose tasks are numbered with arabic numbers, holding only a short phrase (1 |
        大力提振消费。, (一) | 构建更加严密的责任体系, its other cells empty, merged with it or
        repeating the row above): the heading of the group of tasks below it, no task."""
        if not (self.bracket_numbered and BARE_NUMBER_RE.match(number_cell)
                or self.arabic_numbered and SUB_NUMBER_RE.fullmatch(number_cell.strip())):
            return False
        texts = set(self._cells(row, "task"))
        phrase = normalise(join_cell_lines(task)).strip().rstrip("。")
        others = [c for c, role, copy in zip(row, self.roles, copied)
                  if c and not copy and c not in texts and role not in ("number", "task")]
        return len(phrase) <= LONG and not re.search(r"[。；;，,：:]", phrase) and not others

    def _targets(self, row: list[str]) -> list[tuple[str, float, str]]:
        """The figures of a target column (目标任务: 1300人), named by its header; a phrase there
        (标准不低于3480元/年,人均救助水平不低于185元/月) gives the figures it sets as a floor."""
        out = []
        for c, role in enumerate(self.roles):
            if role != "target" or c >= len(row):
                continue
            cell = normalise(join_cell_lines(row[c])).strip()  # a PDF cell wraps 3480 / 元/年
            if figure := targets.cell_figure(cell):
                out.append((self.names[c] or "目标", *figure))
            elif not cells.is_progress(cell):
                out += [(i.name, i.value, i.unit) for i in targets.find_indicators(0, cell, cell)
                        if i.comparator == AT_LEAST and i.unit not in ("%", "‰")]
        return out

    def _continue(self, draft: Draft, row: list[str], task: Line) -> None:
        if task.original and task.original not in draft.body.original:
            glue = "" if draft.body.text[-1:] in SENTENCE_PUNCT else "。"
            draft.body = Line(draft.body.original + glue + task.original, draft.body.text + glue + task.text)
        more = self._units(row)
        if more is not None:
            if draft.units is None:
                draft.units = more
            else:
                draft.units.units = list(dict.fromkeys(draft.units.units + more.units))
                draft.units.people += more.people
        draft.deadline = draft.deadline or self._deadline(row)
        draft.figures += self._targets(row)

    def _section(self, row: list[str]) -> str:
        """A section row: 一、… in the number or task cell, or one text merged across the row."""
        values = [c for c in row if c]
        distinct = list(dict.fromkeys(values))
        number = normalise(self._cell(row, "number"))
        if CN_NUMBER_CELL_RE.match(number) and len(distinct) == 2:
            return f"{CN_NUMBER_CELL_RE.match(number).group(1)}、{distinct[1]}"
        if len(distinct) != 1:
            return ""
        text = distinct[0]
        lone_label = number and len(values) == 1 and not NUMBER_CELL_RE.match(number)
        if SECTION_CELL_RE.match(normalise(text)) or lone_label or (
                len(values) > 1 and len(values) == len(row)):
            return text
        return ""

    def _cell(self, row: list[str], role: str) -> str:
        return next((row[i] for i, r in enumerate(self.roles) if r == role and i < len(row) and row[i]), "")

    def _cells(self, row: list[str], role: str) -> list[str]:
        """The distinct texts of a role's columns (a merged cell repeats its text)."""
        return list(dict.fromkeys(row[i] for i, r in enumerate(self.roles)
                                  if r == role and i < len(row) and row[i]))

    def _task_text(self, row: list[str]) -> str:
        text = ""
        for part in self._cells(row, "task"):
            part = join_cell_lines(part)
            if text and text[-1] not in SENTENCE_PUNCT:
                text += "。"
            text += part
        return text

    def _units(self, row: list[str]) -> units.UnitsText | None:
        """The row's unit columns read as one units text, each under its column's label;
        None when the row names none."""
        columns = sorted((c for c, role in enumerate(self.roles) if role in UNIT_LABELS and c < len(row) and row[c]),
                         key=lambda c: self.roles[c] != "lead")  # the lead's first, the others as printed
        cells_ = list(dict.fromkeys((self.roles[c], row[c]) for c in columns))
        text = "；".join(f"{UNIT_LABELS[role]}:{normalise(cells.name_lines(cell))}" for role, cell in cells_)
        found = units.parse_units(text, self.known) if text else None
        return found if found is not None and (found.units or found.people) else None

    def _deadline(self, row: list[str]) -> str:
        return join_cell_lines(self._cell(row, "deadline"))


# --- label/value tables -------------------------------------------------------------------

def label_value_rows(grid: Grid) -> Grid | None:
    """A table of label | value rows (任务内容 | …, 责任单位 | …, 完成时限 | …), label and value
    pairs side by side allowed: one row a task, under a header of its labels."""
    pairs_by_row = [_pairs(row) for row in grid.rows]
    labelled = sum(1 for p in pairs_by_row if p)
    if labelled < 2 or labelled < 0.6 * len(grid.rows) or any(
            row and cells.is_number(row[0]) for row in grid.rows):  # numbered rows: a plain table
        return None
    pairs_by_row = _nested(pairs_by_row, grid.rows)
    labels = [label for pairs in pairs_by_row for label, _ in pairs]
    if "task" not in [column_role(label) for label in labels]:
        return None
    header = list(dict.fromkeys(labels))
    rows: list[dict[str, str]] = []
    for pairs in pairs_by_row:
        for label, value in pairs:
            if not rows or label in rows[-1]:
                rows.append({})  # a label met again starts the next task
            rows[-1][label] = value
    return Grid([header] + [[row.get(h, "") for h in header] for row in rows], name=grid.name,
                written=grid.written)


def _nested(pairs_by_row: list[list[tuple[str, str]]], rows: list[list[str]]) -> list[list[tuple[str, str]]]:
    """A label alone without a value (落实情况) heads the labels after it that name nothing
    known (第一季度 | …): they are its parts, named after it (落实情况第一季度)."""
    out, parent = [], ""
    for pairs, row in zip(pairs_by_row, rows):
        values = [c.strip().rstrip(":：") for c in row if c and c.strip()]
        if not pairs and len(set(values)) == 1 and column_role(values[0]):
            parent = values[0]
        elif pairs and column_role(pairs[0][0]):
            parent = ""
        out.append([(parent + label if parent and not column_role(label) else label, value)
                    for label, value in pairs])
    return out


def _pairs(row: list[str]) -> list[tuple[str, str]]:
    """(label, value) pairs of a row; a cell merged across the row counts once."""
    values = [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]
    out = []
    i = 0
    while i + 1 < len(values):
        label = values[i].strip().rstrip(":：")
        named = column_role(label) or (len(values) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", label))
        if len(label) > 10 or not named or label.endswith("。"):
            return []  # a sentence (建设品质县中项目。) is no label
        out.append((label, values[i + 1]))
        i += 2
    return out
