"""Tables flattened into text, rebuilt as grids.

Text copied from a web page, a PDF or a document-sharing site carries its tables flattened:
cells ending in ` |` a row a line, one cell a line (with or without `|`), cells separated by
runs of spaces or single spaces, or a whole table run together on one line; a table copied
from Excel or Word and pasted as plain text carries its cells separated by tabs. Each shape is read
into pieces (a cell's text, or a line or word of it), and one reconstruction finds the grid
from the text's own regularities:

- the header's column names, when there is a header;
- the row numbers in sequence (1, 2, 3 …, or 1.做好… at the start of a task cell);
- the kinds of cells (numbers, long texts, short texts, names of organisations, people, dates,
  figures) repeating row after row.

The columns' kinds are learnt from the rows that are complete, then every row is aligned to
them at once (a dynamic programme over the pieces): where a row starts, which column each
piece belongs to, which pieces are one cell wrapped over lines or words, and which cells the
text left out (merged down from the row above, or empty). The grid goes to the same table
reader as a Word or Excel table.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import islice

from toolkit.rules.text import normalise, simplified
from toolkit.plan_import import cells
from toolkit.plan_import.grid import Block, Grid
from toolkit.plan_import.lexicon import column_role

# a run of two spaces or more, or of one tab or ideographic space (written so that a search
# skips to a space at once: as (?:\s{2,}|\t|\u3000)+ it tries every character of a line)
SPACE_RUN_RE = re.compile(r"\s(?:\s+|(?<=[\t\u3000]))")
SECTION_LINE_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}[部分章篇])")
ROW_NUMBER_RE = re.compile(r"^\(?(\d{1,4})\)?\s*[.、]?$")
TEXT_NUMBER_RE = re.compile(r"^\(?(\d{1,3})\)?\s*" + cells.NUMBER_MARK)  # 1.做好…: a row numbered in its task cell
SENTENCE_END = "。;；!?！？"
DATED_RE = re.compile(r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月")
UNIT_COLUMNS = ("lead", "units", "coop")
HAN_RE = cells.HAN_RE
ATTACHMENT_LINE_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*$")  # 附件2 alone on its line


def text_blocks(text: str) -> list[Block]:
    """The lines of a text, with the tables flattened into it rebuilt as grids."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found:
            end, grid = found
            grid.written = True
            blocks.append(grid)
            i = end
        else:
            blocks.append(lines[i])
            i += 1
    return blocks


def _table_at(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """A table flattened into the text from line `i`; each shape looked for only where its
    first line can start (a tab or a quoted cell, a bar, a short word, a run of spaces, a colon,
    a number column). A title over a table, or a line of contact details, starts none: looked at
    only where a shape is found (most lines start none)."""
    line = lines[i].strip()
    if not line:
        return None
    found = ((("\t" in lines[i] or line.startswith('"')) and _tab_rows(lines, i))
             or ("|" in line and _bar_rows(lines, i)) or (len(line) <= 16 and _cell_lines(lines, i))
             or (SPACE_RUN_RE.search(line) and _space_rows(lines, i))
             or ((":" in line or "：" in line or len(line) <= 10 and column_role(line)) and _labelled(lines, i))
             or _word_rows(lines, i) or _glued(lines, i) or _glued_lines(lines, i))
    return None if not found or _title_over(lines, i) or _above_bars(lines, i) or _contact_line(line) else found


def _title_over(lines: list[str], i: int) -> bool:
    """A table's title holding the name of a column under it, one of the next three lines
    (政务公开重点工作任务 over 工作任务; 区政协机关年度目标内容及分值 over 项 目 | 目 标 内 容 | 分值, the
    names read without their spaces): a line of text, the header starts below it."""
    line = re.sub(r"\s+", "", lines[i].strip().strip("|"))
    following = [re.sub(r"\s+", "", t) for k in range(i + 1, min(i + 6, len(lines)))
                 if (t := lines[k].strip().strip("|").strip())][:3]
    return any(len(line) > len(name) and name in line and column_role(name) for name in following)


def _above_bars(lines: list[str], i: int) -> bool:
    """A line without a bar right above a header whose names end in bars, one a line (行政决策事项目录
    over 序号 | / 决策事项名称 | …): the table's title, not the header's first name."""
    following = next((t for t in lines[i + 1:i + 3] if t.strip()), "").strip()
    return "|" not in lines[i] and following.endswith("|") and following.count("|") == 1 and bool(
        column_role(following.rstrip("|").strip()))


def _contact_line(line: str) -> bool:
    """A line of contact details only (歙县民生办电话:0559-6521077 | 市民生办电话:0559-2355581 |, above a
    table's header): text above the table, neither its header nor a row of it."""
    parts = [p for p in re.split(r"\|" + "|" + SPACE_RUN_RE.pattern, line) if p and p.strip()]
    return bool(parts) and all(cells.is_contact(p) for p in parts)


# --- pieces and their kinds ---------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A cell's text as the flattened table gives it, or a line or word of a cell."""
    text: str
    line: int = 0  # the line it was read from
    glue: str = "\n"  # how it goes on from the piece before when both are one cell
    start: int = -1  # where it starts on its line (display columns), in a layout of spaces
    tail: str = ""  # in a layout of spaces, the last line of a cell wrapped over lines

    @property
    def last_line(self) -> str:
        return self.tail or self.text

    @property
    def kind(self) -> str:
        return kind(self.text)


KINDS = ("empty", "number", "figure", "units", "people", "date", "heading", "short", "long")
CHARS = "chars"  # in a column's counts of kinds: the characters of its texts


@lru_cache(maxsize=8192)
def kind(text: str) -> str:
    """What a cell holds: empty, a row number, a figure (1300人, 54%), names of organisations,
    people, a date or time limit, a heading (一、…), a short text (a name or label), a long
    text (a sentence)."""
    text = normalise(text).strip()
    if not text:
        return "empty"
    if SECTION_LINE_RE.match(text):
        return "heading"
    if cells.is_number(text) and not re.fullmatch(r"\d{4}", text):
        return "number"
    if cells.is_figure(text) or re.fullmatch(r"\d{4}", text):
        return "figure"
    if len(text) <= 40 and cells.is_units(text):
        return "units"
    if len(text) <= 20 and cells.is_people(text):
        return "people"
    if _dated(text):
        return "date"
    if len(text) <= 12 and not re.search(r"[。；;，,：:！？!?]", text):
        return "short"
    return "long"


def _dated(text: str) -> bool:
    """A date or time limit (12月底前, 9.1-9.5, 长期推进), or a text that starts with one
    (2021年2月公布预算信息,8月公布决算信息); not a text that only names a date (新学期备课组长会议)."""
    if "。" in text or len(text) > 40:
        return False
    if DATED_RE.match(text) or cells.DEADLINE_END_RE.search(text) or re.fullmatch(r"[\d年月日.\-—–~至/ ]+", text):
        return True
    found = cells.DATE_RE.search(text)
    return bool(found) and 2 * (found.end() - found.start()) >= len(text)  # 持续推进, not 教师寒假作业上交


# How like each other two kinds are: a column of one kind takes a cell of a like kind at a cost.
LIKE = {("short", "long"): 0.3, ("heading", "short"): 0.5, ("heading", "long"): 0.2, ("short", "units"): 0.2,
        ("short", "people"): 0.2, ("short", "date"): 0.15, ("number", "figure"): 0.2, ("short", "figure"): 0.2}
# What a column's header word leads one to expect in its cells.
ROLE_KINDS = {
    "number": {"number": 1.0},
    "task": {"long": 0.7, "short": 0.3},
    "section": {"short": 0.6, "heading": 0.2, "long": 0.2},
    "lead": {"units": 0.9, "short": 0.1},
    "units": {"units": 0.9, "short": 0.1},
    "coop": {"units": 0.8, "short": 0.1, "empty": 0.1},
    "person": {"people": 0.9, "short": 0.1},
    "deadline": {"date": 0.8, "short": 0.2},
    "target": {"figure": 0.8, "short": 0.2},
    "ignore": {"long": 0.4, "short": 0.3, "figure": 0.2, "empty": 0.1},
}


def _like(a: str, b: str) -> float:
    return 1.0 if a == b else LIKE.get((a, b)) or LIKE.get((b, a)) or 0.0


@dataclass
class Column:
    """What one column's cells hold: the log-probability of each kind."""
    scores: dict[str, float]
    top: str  # its most common kind

    @classmethod
    def of(cls, counts: dict[str, float]) -> Column:
        """From counts of kinds (data, and the header's hint), smoothed: a column takes a cell
        of a like kind more readily than one of another kind."""
        total = sum(counts.get(k, 0.0) for k in KINDS) or 1.0
        share = {k: counts.get(k, 0.0) / total for k in KINDS}
        smooth = {k: sum(share[j] * _like(j, k) for j in KINDS) + 0.02 for k in KINDS}
        norm = sum(smooth.values())
        top = max(KINDS, key=lambda k: share[k]) if counts else "long"
        return cls({k: math.log(v / norm) for k, v in smooth.items()}, top)


def _profile(name: str, observed: Counter | None = None, weight: float = 1.0) -> Column:
    """A column's kinds: those its header's name leads one to expect, and those observed."""
    counts: dict[str, float] = {k: v * weight for k, v in (_expected_kinds(name) or {}).items()}
    for k in KINDS:
        if (observed or {}).get(k):
            counts[k] = counts.get(k, 0.0) + observed[k]
    return Column.of(counts or {k: 1.0 for k in KINDS})


# --- aligning pieces to columns -----------------------------------------------------------

SKIP = math.log(0.12)  # a cell the text left out (merged or empty)
SKIP_NUMBER = math.log(0.02)  # a row without its number, where rows are numbered
SKIP_TASK = math.log(0.01)  # a row without the task's text
WRAP = math.log(0.12)  # a piece that goes on with the cell before it
WRAP_AFTER_SENTENCE = math.log(0.02)
WRAP_SHORT_LINE = math.log(0.3)  # a line shorter than the next one of the same cell
HEADING = math.log(0.5)  # a heading (一、…) between rows
LONE_TEXT = math.log(0.01)  # a text alone between rows (a group cell)
DROPPED = math.log(0.2)  # an empty cell between rows
POSITION = math.log(0.02)  # a piece that starts under another column
IMPOSSIBLE = float("-inf")
# a short text after names opening a row in the task's column, where the units are named one a line
# after the lead's one: rather a name going on with them (省委宣传部 / 省新闻出版)
NAME_AFTER_NAMES = math.log(0.1)


@dataclass
class Cell:
    pieces: list[Piece] = field(default_factory=list)
    skipped: bool = False  # left out of the text

    @property
    def text(self) -> str:
        out = ""
        for k, piece in enumerate(self.pieces):
            out += (piece.glue if k else "") + piece.text
        return out


@dataclass
class Row:
    cells: list[Cell]
    heading: str = ""  # a heading row's text (一、…), merged across the row


@dataclass
class Template:
    columns: list[Column]
    number: int | None = None  # the column of row numbers
    anchors: dict[int, int] = field(default_factory=dict)  # piece index -> column it must go to
    starts: list[int] | None = None  # where each column starts on a line (a layout of spaces)
    task: int | None = None  # the column of the task's text: a row never leaves it out
    skips: list[float] | None = None  # how often each column is left out, once rows are known
    no_headings: frozenset[int] = frozenset()  # columns a heading (一、…, (一)…) is never in
    one_name: frozenset[int] = frozenset()  # lead columns whose cell names one organisation, the
    # names after it going on in the next column (see _one_name)

    def skip(self, c: int) -> float:
        if self.skips is not None and c != self.task:
            return self.skips[c]
        return SKIP_NUMBER if c == self.number and self.anchors else SKIP_TASK if c == self.task else SKIP


def align(pieces: list[Piece], template: Template, one_row: bool = False) -> tuple[list[Row], float]:
    """The rows that best explain the pieces: each piece in a column, going on with the cell
    before it, or a heading between rows; columns left out where a row has fewer cells. A
    row number in sequence (an anchor) goes to its column; `one_row`: the pieces are one row."""
    n, width = len(pieces), len(template.columns)
    kinds = [p.kind for p in pieces]
    ends = [normalise(p.text).rstrip()[-1:] in SENTENCE_END for p in pieces]
    # a sub-goal (——…) after a text is a line of its cell, the goal's or another sub-goal's
    dashed = [_sub_goal(p) for p in pieces]
    sub_goal = [dashed[k] and k > 0 and kinds[k - 1] in ("short", "long") for k in range(n)]
    text_numbered = bool(template.anchors) and template.number is None and template.task is not None
    # score[i][c][f]: the best for pieces[:i] with the row filled up to column c; f: 0 the row
    # is empty so far, 1 the last column was left out, 2 the last column holds piece i-1
    score = [[[IMPOSSIBLE] * 3 for _ in range(width + 1)] for _ in range(n + 1)]
    back: dict[tuple[int, int, int], tuple[tuple[int, int, int], str]] = {}
    score[0][0][0] = 0.0
    bracketed = bool(template.anchors) and all(_bracketed(pieces[k]) for k in template.anchors)
    # a heading's number alone ((一)) where rows are numbered 1…n numbers a row of its own, its
    # text in the cells after it, rather than standing as a heading between rows
    numbers_row = [bool(template.anchors) and template.number is not None and not bracketed
                   and _heading_number(p) for p in pieces]

    def move(frm, to, gain, how):
        value = score[frm[0]][frm[1]][frm[2]] + gain
        if value > score[to[0]][to[1]][to[2]]:
            score[to[0]][to[1]][to[2]] = value
            back[to] = (frm, how)

    def fill_gain(i: int, c: int) -> float:
        anchor = template.anchors.get(i)
        if anchor is not None:
            return 0.0 if anchor == c else IMPOSSIBLE
        if c == template.number and template.anchors and kinds[i] != "empty":
            if not bracketed and _heading_number(pieces[i]):
                return template.columns[c].scores["number"]  # where the rows are numbered 1…n, the
                # headings' numbers too: 一 | 主要任务, (一) | 构建更加严密的责任体系
            if not (kinds[i] == "number" and bracketed and not _bracketed(pieces[i])):
                return IMPOSSIBLE  # the number column holds the row numbers only (and, where they
                # are (1)…(n), the bare numbers of the groups of rows: 1 | 大力提振消费。)
        if kinds[i] == "heading" and c in template.no_headings or text_numbered and dashed[i] and c != template.task:
            return IMPOSSIBLE  # where rows are numbered in their task cell, a sub-goal is a text of that column
        if c == template.task and template.one_name and i and kinds[i] == "short" and kinds[i - 1] in ("units", "people"):
            return template.columns[c].scores["short"] + NAME_AFTER_NAMES
        return template.columns[c].scores[kinds[i]] + position(pieces[i], c)

    def position(piece: Piece, c: int) -> float:
        """Where the text is laid out in columns of spaces, a piece goes under its column."""
        if piece.start < 0 or not template.starts or c >= len(template.starts):
            return 0.0
        ahead = template.starts[c + 1] if c + 1 < len(template.starts) else 10 ** 6
        under = template.starts[c] - 1 <= piece.start < ahead - 1 or (c == 0 and piece.start < ahead)
        return 0.0 if under else POSITION

    def wrap_gain(i: int, c: int) -> float:
        """A text going on over lines is scored as the two pieces joined, in place of the first
        alone (新增学位 / 900个。); names a line, each as a name (in the units' column after a lead's
        column of one name, at no cost of a wrap: see _one_name)."""
        column = template.columns[c - 1].scores
        wrap = WRAP_AFTER_SENTENCE if ends[i - 1] and not sub_goal[i] else WRAP
        if len(pieces[i - 1].text) < len(pieces[i].text) and not sub_goal[i]:
            wrap += WRAP_SHORT_LINE  # a cell's lines fill its width but for the last
        names = ("units", "people", "short")
        if c - 2 in template.one_name and kinds[i - 1] in names and kinds[i] in names:
            return column[kinds[i]]  # the names after the lead's one: the other units', one a line
        if kinds[i - 1] in ("short", "long") and kinds[i] in ("short", "long", "figure"):
            joined = kind(pieces[i - 1].text + pieces[i].glue.strip() + pieces[i].text)
            return wrap + column[joined] - column[kinds[i - 1]]
        if kinds[i - 1] in ("units", "people") and kinds[i] in ("units", "people", "short"):
            return wrap + column[kinds[i]]
        return IMPOSSIBLE

    def out_of(i: int, c: int, f: int) -> None:
        if score[i][c][f] == IMPOSSIBLE:
            return
        if c < width:
            move((i, c, f), (i, c + 1, 1 if f else 0), template.skip(c), "skip")
            if i < n and (gain := fill_gain(i, c)) > IMPOSSIBLE:
                move((i, c, f), (i + 1, c + 1, 2), gain, "fill")
        if i < n and f == 2 and i not in template.anchors and c - 1 != template.number and kinds[i] not in (
                "empty", "number", "heading") and kinds[i - 1] in ("short", "long", "units", "people") and (
                pieces[i].line != pieces[i - 1].line or pieces[i].glue == " "):
            move((i, c, f), (i + 1, c, 2), wrap_gain(i, c), "wrap")

    for i in range(n + 1):
        for c in range(width + 1):
            for f in (1, 2):
                out_of(i, c, f)
        if not one_row:
            for f in (1, 2):
                move((i, width, f), (i, 0, 0), 0.0, "row")
            if i < n and i not in template.anchors and kinds[i] in ("heading", "short", "long"):
                heading = HEADING if kinds[i] == "heading" and not numbers_row[i] else LONE_TEXT
                move((i, 0, 0), (i + 1, 0, 0), heading, "heading")
            elif i < n and kinds[i] == "empty":
                move((i, 0, 0), (i + 1, 0, 0), DROPPED, "drop")  # a bar that ends a row
        for c in range(width + 1):
            out_of(i, c, 0)
    final = (n, 0, 0) if not one_row else max(((n, width, f) for f in (1, 2)),
                                                 key=lambda s: score[s[0]][s[1]][s[2]])
    best = score[final[0]][final[1]][final[2]]
    if best == IMPOSSIBLE:
        return [], best
    return _rows(back, final, pieces, width), best


def _sub_goal(piece: Piece) -> bool:
    """A sub-goal's text, opened by a dash (——女性人均预期寿命延长), not a dash alone (—— for none)."""
    return bool(cells.SUB_GOAL_RE.match(piece.text)) and bool(HAN_RE.search(piece.text))


def _heading_number(piece: Piece) -> bool:
    """A heading's number alone in its cell: 一, 一、, (一)."""
    text = normalise(piece.text).strip()
    return cells.is_number(text) and not ROW_NUMBER_RE.match(text)


def _bracketed(piece: Piece) -> bool:
    """A row number in brackets: (1)."""
    return normalise(piece.text).strip().startswith("(")


def _rows(back, final, pieces: list[Piece], width: int) -> list[Row]:
    """The rows along the best path, read back from its end."""
    steps = []
    state = final
    while state in back:
        state, how = back[state][0], back[state][1]
        steps.append((state, how))
    steps.reverse()
    rows: list[Row] = []
    current: list[Cell] | None = None
    for (i, c, _), how in steps:
        if current is None and how in ("fill", "skip"):
            current = [Cell() for _ in range(width)]
        if how == "fill":
            current[c].pieces.append(pieces[i])
        elif how == "wrap":
            current[c - 1].pieces.append(pieces[i])
        elif how == "skip":
            current[c].skipped = True
        elif how == "row":
            rows.append(Row(current))
            current = None
        elif how == "heading":
            rows.append(Row([], heading=pieces[i].text))
    if current is not None and any(cell.pieces for cell in current):
        rows.append(Row(current))
    return rows


# --- the header ---------------------------------------------------------------------------

SPELT_OUT_RE = re.compile(r"[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff])+")  # 项 目, 目    标    内    容


def _column_name(word: str, first: bool = False) -> bool:
    """A short text that can name a column (年度投资金额（万元）), not a number or a sentence;
    `first`: the first of a header, not the table's title (…任务分解表, …工作计划); a name spelt
    out letter by letter (目    标    内    容) is read without its spaces."""
    plain = normalise(word)
    if SPELT_OUT_RE.fullmatch(plain):
        plain = re.sub(r"\s+", "", plain)
    known = column_role(plain) and len(plain) <= 16 and re.fullmatch(  # 进展情况、存在问题; after the first,
        r"[\u4e00-\u9fff、()]+" if first else r"[\u4e00-\u9fff、()\d-]+", plain)  # 2023年10-12月份进展情况
    return ((known or len(plain) <= 12 and not re.search(r"[。；;，,]", plain) or cells.measured(plain))
            and not cells.is_number(plain)
            and not SECTION_LINE_RE.match(plain)
            and not (first and len(plain) > 4 and re.search(r"(?:表|清单|方案|要点|计划)$", plain)))


def _is_header(names: list[str]) -> bool:
    """Column names enough to take a row for a table's header: three or more, naming the task
    and at least two other kinds of column (序号 | 工作任务 | 责任单位), or each a name we know,
    the task and another kind among them (工作任务 | 具体内容 | 责任部门), or three kinds of column
    other than the task (序号 | 责任单位 | 考核指标 | … | 完成时限: the task column is found by its cells)."""
    roles = [column_role(n) or ("date" if _names_dates(n) else None) for n in names if n]
    known = {r for r in roles if r}
    return len(roles) >= 3 and ("task" in roles and (len(set(roles)) >= 3 or all(roles) and len(known) >= 2)
                                or len(known - {"task"}) >= 3)


@lru_cache(maxsize=4096)
def _names_dates(name: str) -> bool:
    """A header naming dates or periods (起止日期, 时间安排): a column of dates, whatever role
    the reader gives it."""
    return len(name) <= 8 and bool(DATE_NAME_RE.search(simplified(normalise(name), always=True)))


DATE_NAME_RE = re.compile(r"日期|时间|时段|年限|期限|周次|月份")


def _joined_header(words: list[str]) -> list[str]:
    """Header cells wrapped over lines joined again where that is certain: a bracket goes with
    the name before it (总投资 / (万元)), two pieces that name no column alone but do together
    are one (重点 / 工作), and so are two that together make a known column name (责任 / 单位)."""
    out: list[str] = []
    for word in words:
        if out and (word.startswith(("(", "（")) or (
                not column_role(out[-1]) and not column_role(word) and column_role(out[-1] + word))
                or simplified(out[-1] + word, always=True) in _column_names() and not column_role(out[-1])):
            out[-1] += word
        else:
            out.append(word)
    return _over_periods(out)


def _over_periods(names: list[str]) -> list[str]:
    """A header of two rows written one cell a line: a name followed by two or more periods
    (完成情况 / 1-6月 / 7-12月) is over each of them (完成情况1-6月, 完成情况7-12月)."""
    def period(name: str) -> bool:
        return len(name) <= 8 and cells.is_date(name)

    out, k = [], 0
    while k < len(names):
        end = k + 1
        while end < len(names) and period(names[end]):
            end += 1
        if end - k > 2 and not period(names[k]):
            out += [names[k] + name for name in names[k + 1:end]]
            k = end
        else:
            out.append(names[k])
            k += 1
    return out


def _parts_under(names: list[str], below: list[str]) -> list[str] | None:
    """A header of two rows whose first names one column by its unit of measure (2019年计划筹措资金
    (万元)), merged over the parts its columns hold, which the second row names (合计 | 中央财政 |
    自治区本级财政 | 市县财政): the header's names, each part under that name (2019年计划筹措资金(万元)
    合计). `below` the second row cell by cell under the first (the parts under the measured name
    and the empty cells after it), or its parts alone (the cells merged down left out). None where
    the rows are not so: one measured name, two parts or more, each a short name of no known
    column and no period."""
    measured = [c for c, name in enumerate(names) if name and cells.measured(name)]
    parts = [t for t in below if t]
    if len(measured) != 1 or len(parts) < 2 or not all(
            len(t) <= 12 and HAN_RE.search(t) and not re.search(r"[\d。；;，,：:]", t) and not column_role(t)
            and not _names_dates(t) for t in parts):
        return None
    m = measured[0]
    if len(below) != len(names):
        return names[:m] + [names[m] + part for part in parts] + names[m + 1:]
    span = range(m, next((c for c in range(m + 1, len(names)) if names[c]), len(names)))
    if any(t and c not in span for c, t in enumerate(below)):
        return None
    return [names[m] + below[c] if c in span else names[c] for c in range(len(names))]


def _header_rows(names: list[str]) -> tuple[list[str], list[str]]:
    """The two header rows of names that join a measured name and a part (see _parts_under), as a
    document prints them: the measured name over each of its parts, the other names merged down
    both rows (the table reader reads them as it reads the document's)."""
    top, bottom = [], []
    for name in names:
        found = cells.measured(name)
        whole = found and found.group("part") and f"{found.group('name')}({found.group('unit')})"
        top.append(whole or name)
        bottom.append(found.group("part") if whole else name)
    return top, bottom


def _header_cells(names: list[str], columns: list[Column]) -> tuple[list[str], float]:
    """The header's names over the columns the rows have: each name over the column whose
    cells are what it names (负责部门 over names of organisations), names wrapped over lines
    joined (2023年度 / 计划), and a column the header leaves out (a name merged over two
    columns, a number column without 序号) without a name; and how well they fit."""
    width = len(columns)

    def agree(name: str, c: int) -> float:
        expected = _expected_kinds(name)
        if not expected:
            return math.log(0.05 if columns[c].top == "number" else 0.3)
        return math.log(sum(p * math.exp(columns[c].scores[k]) for k, p in expected.items()) + 1e-3)

    return _place_names(names, width, agree)


FIGURE_KINDS = {"figure": 0.7, "number": 0.3}


def _expected_kinds(name: str) -> dict[str, float] | None:
    """The kinds of cells a header's name leads one to expect: by its role (责任单位: names of
    organisations), a unit of measure (总投资(万元): figures) or dates (起止日期)."""
    if not name:
        return None
    return (ROLE_KINDS.get(column_role(name) or "") or (FIGURE_KINDS if cells.measured(name) else None)
            or (ROLE_KINDS["deadline"] if _names_dates(name) else None))


def _join_gain(before: str, word: str) -> float:
    """How likely two header pieces are one name wrapped over lines: likely where together
    they name a column one of them does not (责任 / 单位), unlikely where each names its own."""
    joined = column_role(before + word)
    if joined and (joined not in (column_role(before), column_role(word))
                   or simplified(before + word, always=True) in _column_names()):
        return math.log(0.5)
    if "number" in (column_role(before), column_role(word)):
        return IMPOSSIBLE  # 序号 is a name of its own
    if column_role(before) and column_role(word):  # two names: of one kind over one column (主要任务 /
        return math.log(0.05 if column_role(before) == column_role(word) else 0.005)  # 全年目标任务)
    if normalise(before).endswith(")"):
        return math.log(0.02)  # a name closed by its unit (总投资(万元))
    return math.log(0.1) - 0.01 * len(before + word)


def _place_names(names: list[str], width: int, agree) -> tuple[list[str], float]:
    """Dynamic programme over (name, column, last move): place a name, leave a column without
    a name, or join a name to the one placed before it (a third piece less readily)."""
    n = len(names)
    score: dict[tuple[int, int, str], float] = {(0, 0, "skip"): 0.0}
    back: dict[tuple[int, int, str], tuple[int, int, str]] = {}

    def move(frm, to, gain):
        value = score[frm] + gain
        if value > score.get(to, IMPOSSIBLE):
            score[to] = value
            back[to] = frm

    for i in range(n + 1):
        for c in range(width + 1):
            for how in ("skip", "place", "join"):
                if (i, c, how) not in score:
                    continue
                if c < width:
                    move((i, c, how), (i, c + 1, "skip"), math.log(0.2))
                    if i < n:
                        move((i, c, how), (i + 1, c + 1, "place"), agree(names[i], c))
                if i < n and how != "skip":
                    gain = _join_gain(names[i - 1], names[i]) + (math.log(0.3) if how == "join" else 0.0)
                    move((i, c, how), (i + 1, c, "join"), gain)
    ends = [(n, width, how) for how in ("skip", "place", "join") if (n, width, how) in score]
    if not ends:
        return (list(names) + [""] * width)[:width], IMPOSSIBLE
    out = [""] * width
    state = max(ends, key=score.get)
    best = score[state]
    while state in back:
        i, c, how = state
        if how != "skip":
            out[c - 1] = names[i - 1] + out[c - 1]
        state = back[state]
    return out, best


# --- the row numbers ----------------------------------------------------------------------

def _anchors(pieces: list[Piece], pattern: re.Pattern) -> list[int]:
    """The pieces that number the rows: numbers (matching `pattern`) each one more than the
    one before (or, where none is, the next higher, a selection of rows skipping some), from
    the first that another follows; where a number appears twice before the next, the one at
    the rows' usual distance from the last."""
    numbers = [(i, int(m.group(1))) for i, p in enumerate(pieces)
               if (m := pattern.match(normalise(p.text).strip()))]
    chain = _chain(numbers, None)
    if len(chain) < 3:
        return chain
    gaps = sorted(b - a for a, b in zip(chain, chain[1:]))
    return _chain(numbers, gaps[len(gaps) // 2])


GAP_MAX = 20  # numbers a selection of rows may skip


def _value(piece: Piece) -> int:
    """The number a piece that numbers a row holds."""
    return int(ROW_NUMBER_RE.match(normalise(piece.text).strip()).group(1))


def _chain(numbers: list[tuple[int, int]], gap: int | None) -> list[int]:
    for start, (i0, v0) in enumerate(numbers):
        chain, last, value = [i0], i0, v0
        while True:
            following = [i for i, v in numbers[start:] if i > last and v == value + 1]
            if not following:  # numbers with gaps (1, 2, 5, 6): the next higher one, a cell or more on
                later = [(i, v) for i, v in numbers[start:] if i > last + 1 and value + 1 < v <= value + GAP_MAX
                         and (gap is None or i - last >= gap // 2)]
                if not later:
                    break
                last, value = later[0]
                chain.append(last)
                continue
            if gap is not None:
                beyond = next((i for i, v in numbers if i > last and v == value + 2), None)
                following = [i for i in following if beyond is None or i < beyond] or following
                last = min(following, key=lambda i: (abs(i - last - gap), i))
            else:
                last = following[0]
            chain.append(last)
            value += 1
        if len(chain) >= 2:
            return chain
    return []


# --- rebuilding the grid ------------------------------------------------------------------

def _columns(names: list[str], counts: list[Counter], as_printed: bool = False) -> tuple[list[str], list[Column]]:
    """The header over the columns (`as_printed`: each name over its column), and each
    column's kinds: what its cells hold, and what its header names."""
    header, _ = _named_columns(names, counts, as_printed)
    return header, [_profile(h, count, weight=2.0) for h, count in zip(header, counts)]


def _named_columns(names: list[str], counts: list[Counter], as_printed: bool = False) -> tuple[list[str], float]:
    """The header over the columns, and how well its names fit what the columns hold."""
    if as_printed or not names:
        return (names + [""] * len(counts))[:len(counts)], 0.0
    return _header_cells(names, [_profile("", count) for count in counts])


def _task_column(header: list[str], counts: list[Counter]) -> int | None:
    """The column of the task's text: of the columns of text the header does not name for
    something else (进展情况, 责任单位 …), the one of the longest texts; the header's task
    column where its texts are nearly as long."""
    roles = [column_role(h) for h in header]
    texts = [c for c, count in enumerate(counts)
             if count["long"] + count["short"] and roles[c] in (None, "task", "section")]
    if not texts:
        return roles.index("task") if "task" in roles else None
    length = {c: counts[c][CHARS] / (counts[c]["long"] + counts[c]["short"]) for c in texts}
    longest = max(texts, key=lambda c: (length[c], -c))
    named = [c for c in texts if roles[c] == "task" and length[c] >= 0.8 * length[longest]]
    return named[0] if named else longest


def _skip_rates(rows: list[Row], width: int, template: Template) -> list[float]:
    """How likely a row leaves out each column, from the rows found (a prior of the usual rate
    weighing as much as five rows): a column most rows leave empty (备注, 市县财政) is left out
    at little cost; the task's column as usual (a row never leaves it out)."""
    rows = [row for row in rows if row.cells]
    out = [template.skip(c) for c in range(width)]
    for c in range(width):
        left = sum(1 for row in rows if row.cells[c].skipped)
        out[c] = math.log((left + 5 * math.exp(out[c])) / (len(rows) + 5))
    return out


def _counts(rows: list[Row], width: int) -> list[Counter]:
    out = [Counter() for _ in range(width)]
    for row in rows:
        for c, cell in enumerate(row.cells):
            if cell.pieces:
                _count(out[c], cell.text)
    return out


def _count(counter: Counter, text: str) -> None:
    counter[kind(text)] += 1
    if kind(text) in ("short", "long"):
        counter[CHARS] += len(text)


def _stream(names: list[str], pieces: list[Piece]) -> tuple[float, list[str], list[Row], Template] | None:
    """The rows of a table written one cell a line. The widths the header and the spans
    between row numbers suggest are each tried: the columns' kinds learnt from the spans that
    fill a row, every piece aligned to them, then again with the kinds and the rates of cells
    left out that the rows found; the width whose rows and header fit best is kept."""
    roles = [column_role(n) for n in names]
    chain = _restarted(pieces, _anchors(pieces, ROW_NUMBER_RE))
    if "number" not in roles and not any(_value(pieces[b]) == _value(pieces[a]) + 1 for a, b in zip(chain, chain[1:])):
        chain = []  # 40, 50: figures of a column (分值), not the numbers of rows the header names no column for
    numbered = len(chain) >= 2
    if not numbered and "number" not in roles:
        chain = _anchors(pieces, TEXT_NUMBER_RE)  # 1.做好…: rows numbered in their task cell
    spans = [_sub_goals_joined([p for p in pieces[a:b] if p.kind != "heading"]) for a, b in zip(chain, chain[1:])]
    lead = _lead(pieces[:chain[0]]) if chain else 0
    if chain and not numbered and not lead and (unprinted := _text_column(roles)):
        found = _stream(names[unprinted:], pieces)  # the columns before the task's never printed
        return found and _with_unprinted(found, names[:unprinted])
    at = roles.index("number" if numbered else "task") if ("number" if numbered else "task") in roles else None
    named = len(names) + (max(0, lead - at) if at is not None else 0)
    best = None
    for width in {_width(spans, lead, named), named}:
        if width < 2 or width <= lead:
            continue
        found = _stream_rows(names, pieces, chain, spans, lead, width, numbered)
        if found and (best is None or found[0] > best[0]):
            best = found
    return best


def _sub_goals_joined(span: list[Piece]) -> list[Piece]:
    """The pieces between two row numbers with each sub-goal (——…) after a text joined to it:
    lines of one cell (a goal and its sub-goals), as the cells of a row are counted."""
    out: list[Piece] = []
    for piece in span:
        if out and _sub_goal(piece) and out[-1].kind in ("short", "long"):
            out[-1] = Piece(out[-1].text + "\n" + piece.text, out[-1].line)
        else:
            out.append(piece)
    return out


def _restarted(pieces: list[Piece], chain: list[int]) -> list[int]:
    """The row numbers with those that start again at 1 after a heading (1…3 under (一), 1…3
    under (二)): each run after the one before, a heading between them."""
    while chain:
        start = chain[-1] + 1
        more = [start + k for k in _anchors(pieces[start:], ROW_NUMBER_RE)]
        if not more or _value(pieces[more[0]]) != 1 or not any(
                p.kind == "heading" for p in pieces[start:more[0]]):
            break
        chain = chain + more
    return chain


def _text_column(roles: list[str | None]) -> int:
    """Where rows are numbered in their task cell (1.做好…), the column the header names for the
    task (工作任务), or else the one column it names nothing we know for (领域 | 主要目标 | 主要责任单位 |
    责任单位: the task's text, found by its cells); 0 where it names no such column."""
    if "task" in roles:
        return roles.index("task")
    unnamed = [c for c, role in enumerate(roles) if role is None]
    return unnamed[0] if len(unnamed) == 1 else 0


def _with_unprinted(found: tuple[float, list[str], list[Row], Template],
                    names: list[str]) -> tuple[float, list[str], list[Row], Template]:
    """The rows read without the columns the header prints before the task's and the rows never
    do (the first row starts at its numbered text: 领域 | 主要目标 | … over 1.妇女…), those columns
    put back before them, empty."""
    score, header, rows, template = found
    width = len(names)
    for row in rows:
        if row.cells:
            row.cells = [Cell([Piece("")]) for _ in range(width)] + row.cells
    shift = {"number": template.number, "task": template.task}
    template.columns = [_profile(name) for name in names] + template.columns
    template.number, template.task = ((c + width if c is not None else None) for c in shift.values())
    template.anchors = {i: c + width for i, c in template.anchors.items()}
    template.no_headings = frozenset(c + width for c in template.no_headings)
    return score, names + header, rows, template


def _lead(before: list[Piece]) -> int:
    """How many cells come before the first row's number (its group: 信访工作 | 1 | …); none
    where a heading's number stands alone before it (一 | 主要任务, (一) | 构建更加严密的责任体系):
    those are rows of their own, numbered in the column of numbers."""
    if any(map(_heading_number, before)):
        return 0
    return sum(1 for p in before if p.kind != "heading")


def _stream_rows(names: list[str], pieces: list[Piece], chain: list[int], spans: list[list[Piece]], lead: int,
                 width: int, numbered: bool) -> tuple[float, list[str], list[Row], Template] | None:
    """The rows of the pieces in a table of `width` columns, and how well rows and header fit."""
    counts = [Counter() for _ in range(width)]
    for span in spans:
        while len(span) > width or (span and not span[-1].text and len(span) > width - lead):
            span = span[:-1]
        if len(span) in (width - lead, width):
            for j, piece in enumerate(span):
                _count(counts[(lead + j) % width], piece.text)
    header, columns = _columns(names, counts)
    template = Template(columns, number=lead if numbered else None, anchors={i: lead for i in chain},
                        task=_task_column(header, counts))
    template.no_headings = _not_headed(header, template.task)
    template.one_name = _one_name(header) if chain and not numbered else frozenset()
    if numbered:  # rows between two numbers holding the cells of several: rows without a number
        rows_seen = sum(max(1, round(len(span) / width)) for span in spans)
        unnumbered = (rows_seen - len(spans) + 1) / (rows_seen + 5)
        template.skips = [template.skip(c) if c != lead else math.log(max(unnumbered, math.exp(SKIP_NUMBER)))
                          for c in range(width)]
    rows, _ = align(pieces, template)
    if not rows:
        return None
    counts = _counts(rows, width)  # once more with the kinds the rows found, and their cells left out
    header, template.columns = _columns(names, counts)
    template.task = _task_column(header, counts)
    template.no_headings = _not_headed(header, template.task)
    template.skips = _skip_rates(rows, width, template)
    rows, score = align(pieces, template)
    return (score + _named_columns(names, counts)[1], header, rows, template) if rows else None


def _one_name(header: list[str]) -> frozenset[int]:
    """Where rows are numbered in their task cell, the lead's column followed by a column of the
    other units (主要责任单位 | 责任单位), names one a line: the first name after the task's text is
    the lead's cell, the names after it go on in the other units' cell, however many (one name a
    line, the cells are not told apart otherwise); a short text after them too, rather than
    opening a row (NAME_AFTER_NAMES)."""
    roles = [column_role(name) for name in header]
    return frozenset(c for c in range(len(roles) - 1) if roles[c] == "lead" and roles[c + 1] in ("units", "coop"))


def _not_headed(header: list[str], task: int | None) -> frozenset[int]:
    """The columns no heading (一、…, (一)…) is in: a heading is a row of its own or the first
    cell of one, in a column of text; never in a column whose header names figures (…(万元)),
    organisations, people, dates, numbers or notes (备注), nor in the task's column where a column
    of text comes before it (the row's name or group: 项目名称 | … | 目标任务)."""
    other = {c for c, name in enumerate(header)
             if column_role(name) not in (None, "task", "section") or cells.measured(name)}
    texts = [c for c in range(len(header)) if c not in other]
    return frozenset(other | ({task} if task is not None and texts and texts[0] < task else set()))


def _width(spans: list[list[Piece]], lead: int, named: int) -> int:
    """How many cells a row has: the count that most spans between row numbers have, or
    reach by joining lines of a wrapped text (a span may end in empty cells, or hold the next
    row's cells before its number); the header's count, then the larger, on a tie."""
    if not spans:
        return named

    def wraps(span: list[Piece]) -> int:
        return sum(1 for a, b in zip(span, span[1:]) if a.kind in ("short", "long") and b.text
                   and b.kind != "number" and normalise(a.text).rstrip()[-1:] not in SENTENCE_END)

    def empties(span: list[Piece]) -> int:
        return next((k for k, p in enumerate(reversed(span)) if p.text), len(span))

    def fits(span: list[Piece], width: int) -> bool:
        return any(0 <= len(span) - k - w <= wraps(span) for k in range(empties(span) + 1)
                   for w in (width, width - lead))

    def reach(width: int) -> int:
        return sum(1 for span in spans if fits(span, width))

    candidates = {len(span) - k for span in spans for k in range(empties(span) + 1)}
    candidates |= {n + lead for n in candidates} | {named}
    return max((w for w in candidates if w > 1), key=lambda w: (reach(w), w == named, w), default=named)


def _grid(header: list[list[str]], rows: list[Row], template: Template, written: bool) -> Grid:
    """The grid of the rows under their header. A cell the text left out before a row's first
    cell is merged down from the row above (a group, a date, a row's number: the row goes on
    with the task above); `written`: any cell left out is (where empty cells are written out,
    a cell left out is a merged one). An empty cell written out before the row's first text is
    merged too, but for the number (a row with an empty 序号 is a task of its own)."""
    width = len(template.columns)
    grid = Grid([list(row) for row in header])
    above: list[str] | None = None
    for row in rows:
        if row.heading or not row.cells:
            grid.rows.append([row.heading] * width)
            continue
        values = [cell.text for cell in row.cells]
        filled = [c for c, cell in enumerate(row.cells) if cell.text.strip()]
        first = filled[0] if filled else width
        r = len(grid.rows)
        for c, cell in enumerate(row.cells):
            if above is None or not above[c] or values[c].strip():
                continue
            if (cell.skipped and (c < first or written)) or (
                    cell.pieces and c < first and c != template.number):
                values[c] = above[c]
                grid.copies.add((r, c))
        grid.rows.append(values)
        above = values
    return grid


def _line_rows(names: list[str], lines: list[list[Piece]], written: bool,
               starts: list[int] | None = None, below: list[str] | None = None,
               placed: bool = False) -> Grid | None:
    """The grid of a table written a row a line (cells ending in ` |`, or separated by spaces):
    a line of as many cells as the table has columns is a row as printed; a line of one text
    alone is a heading merged across the row; a line of fewer cells (its empty cells left
    out at its end, or cells merged down from the row above left out) is aligned to the
    columns by the kinds of its cells, learnt from the complete rows. `placed`: every cell is
    written in its column, empty ones too (rows separated by tabs, each as many cells as the
    table: `\\t1.妇女…\\t\\t` is a text in the second column, whatever its kind), so a line of as
    many cells as the table is a row as printed though its last cells are empty."""
    rows_ = [row for row in lines if row]
    if 2 * sum(1 for row in rows_ if _within(row, len(names)) != row) > len(rows_):
        rows_ = [_within(row, len(names)) for row in rows_]  # most rows end in bars of no column
    width = max([len(row) for row in rows_] + [len(names)], default=0)  # no row has more cells than the table
    if width < 2:
        return None
    most = max((len(row) for row in rows_ if all(p.text for p in row) and len(row) <= width), default=0)
    complete = [row for row in rows_ if len(row) == most and all(p.text for p in row)]
    counts = [Counter() for _ in range(width)]
    for row in complete:
        for c, piece in enumerate(row):
            _count(counts[c], piece.text)
    names = list(names)
    for c in range(1, len(names)) if below else ():  # a name over sub-names is merged over
        names[c] = names[c] or (names[c - 1] if below[c] else "")  # their columns (完成情况 over 1-6月 | 7-12月)
    header, columns = _columns(names, counts, as_printed=below is not None or starts is not None)
    number = next((c for c, h in enumerate(header) if column_role(h) == "number"), None)
    template = Template(columns, number=number if number is not None else next(
        (c for c, column in enumerate(columns) if column.top == "number"), None), starts=starts,
        task=_task_column(header, counts))
    numbered = {id(p) for p in _numbered_pieces(rows_, "number" in map(column_role, header))}
    rows: list[Row] = []
    for row in rows_:
        if len(row) == 1 and not starts and id(row[0]) not in numbered:
            rows.append(Row([], heading=row[0].text))  # a row of one cell (a task's numbered text is none)
            continue
        if len(row) == width and (placed or row[-1].text or _heading_numbered(row, template)):
            rows.append(Row([Cell([p]) for p in row]))
            continue
        empty = 0
        while len(row) > 1 and not row[-1].text:
            row, empty = row[:-1], empty + 1  # empty cells at a line's end say nothing of where its cells go
        found = align(row, template, one_row=True)[0] or [Row([Cell([p]) for p in row] + [
            Cell(skipped=True) for _ in range(width - len(row))])]  # as printed, where nothing fits
        skipped = [cell for cell in found[0].cells if cell.skipped]
        if empty and _shifted_left(found[0], len(row) + empty, width, empty):
            empty = 0  # the cells it leaves out at its start are merged from the row above, not empty
        for cell in skipped[len(skipped) - empty:] if empty else []:
            # but they are written out: the row's empty cells (the last ones left out), not merged
            cell.skipped, cell.pieces = False, [Piece("")]
        rows += found
    return _grid(([header] if names else []) + ([below] if below else []), rows, template, written)


def _heading_numbered(row: list[Piece], template: Template) -> bool:
    """A row printed with as many cells as the table whose first cell, under the column of row
    numbers, is a heading's number alone ((一) | 健全责任体系 | | ): as printed, a group's heading."""
    return template.number == 0 and bool(row) and _heading_number(row[0])


def _shifted_left(row: Row, printed: int, width: int, empty: int) -> bool:
    """A row printed with as many cells as the table, its last ones empty, whose texts fit the
    columns only as many cells to the right (a row under a 序号 merged over several rows: the
    page left out the merged cell at its start and wrote an empty one at its end)."""
    leading = next((k for k, cell in enumerate(row.cells) if not cell.skipped), len(row.cells))
    return printed == width and leading == empty


def _within(row: list[Piece], named: int) -> list[Piece]:
    """A row without the empty cells written after its last text beyond the header's columns
    (a row ending in ` | ||`): where most rows end so, they are no columns of the table (one
    row longer than the others has a cell of its own there)."""
    texts = [k for k, p in enumerate(row) if p.text]
    return row[:max(named, texts[-1] + 1)] if texts and named else row


def _numbered_pieces(rows: list[list[Piece]], number_column: bool) -> list[Piece]:
    """The pieces that number the rows in sequence: numbers alone in their cells, or, where
    there are none and no 序号 column, the numbers that start the task's text (1.做好…)."""
    pieces = [p for row in rows for p in row]
    chain = _anchors(pieces, ROW_NUMBER_RE)
    if len(chain) < 2 and not number_column:
        chain = _anchors(pieces, TEXT_NUMBER_RE)
    return [pieces[i] for i in chain]


# --- one cell a line ----------------------------------------------------------------------

def _header_words(lines: list[str], i: int) -> tuple[list[str], int]:
    """Column names one a line (序号, 重点工作任务, 牵头单位 …; bars and blank lines between
    them allowed), and the index of the line after them."""
    out, j = _name_lines(lines, i)
    while out and not column_role(out[-1]) and not _starts_row(lines, j):
        out.pop()  # the header ends at its last known column name, or where a row starts
        j = _index_after(lines, i, len(out))
    if _group_cell_last(out, lines, j):
        out.pop()
        j = _index_after(lines, i, len(out))
    names = _joined_header(out)
    return (out, j) if _is_header(names) or _numbered_header_of_units(names) and _starts_row(lines, j) else ([], i)


def _name_lines(lines: list[str], i: int) -> tuple[list[str], int]:
    """The words one a line from line `i` that can name columns, and the index of the line after them."""
    out, j = [], i
    while j < len(lines):
        word = lines[j].strip().rstrip("|").strip().replace("\n", "")  # a name wrapped over lines is one
        if word and not ((out or column_role(word) or _names_dates(word)) and _column_name(word, first=not out)):
            break
        if word:
            out.append(word)
        elif not out:
            return [], i
        j += 1
    return out, j


def _parts_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """A header of two rows written one cell a line, a name of the first row naming its unit of
    measure (2019年计划筹措资金(万元)) over the parts its columns hold, written after the first
    row's last name we know (… | 牵头单位 | 备注 | 合计 | 中央财政 | 自治区本级财政 | 市县财政): the
    header's names, each part under the name over it (2019年计划筹措资金(万元)合计), and the
    index of the line after them. The parts end where a word of theirs comes again (合计, the
    sums' row under the header). None where the header is not so."""
    words, _ = _name_lines(lines, i)
    known = [k for k, word in enumerate(words) if column_role(word) or cells.measured(word)]
    if not known:
        return None
    parts: list[str] = []
    for word in words[known[-1] + 1:]:
        if word in parts:
            break
        parts.append(word)
    first = _joined_header(words[:known[-1] + 1])
    names = _parts_under(first, parts)
    return (names, _index_after(lines, i, known[-1] + 1 + len(parts))) if names and _is_header(names) else None


def _numbered_header_of_units(names: list[str]) -> bool:
    """A header that names the number first and the units, the one other column by a name we
    do not know (序号 | 2022年预期目标 | 责任单位): when the rows start at a number under it, that
    column is the task's, found by its cells."""
    roles = [column_role(n) for n in names]
    return (len(names) >= 3 and roles[0] == "number" and roles.count(None) == 1
            and any(r in UNIT_COLUMNS for r in roles) and not _names_dates(names[roles.index(None)]))


def _group_cell_last(words: list[str], lines: list[str], j: int) -> bool:
    """The header's last word, naming nothing known, is the first row's group cell (类别 |
    序号 | … | 信访工作 | 1): the header names a number column after its first word, or names
    none while the rows start at a number and other rows have a short text between the end of
    the row before and their number (their group cell)."""
    roles = [column_role(w) for w in words]
    if len(words) < 4 or roles[-1]:
        return False
    if "number" in roles:
        return "number" in roles[1:-1]
    following = [Piece(t) for line in lines[j:j + 200] if (t := line.strip().rstrip("|").strip())]
    chain = _anchors(following, ROW_NUMBER_RE)
    return chain[:1] == [0] and any(
        following[a - 1].kind in ("short", "heading") and following[a - 2].kind in ("date", "units", "people", "figure")
        for a in chain[1:])


def _starts_row(lines: list[str], j: int) -> bool:
    """The next non-blank line from `j` is a row's number."""
    following = next((line for line in lines[j:] if line.strip().rstrip("|").strip()), "")
    return bool(ROW_NUMBER_RE.match(normalise(following.strip().rstrip("|").strip())))


def _index_after(lines: list[str], i: int, words: int) -> int:
    """The index of the line after the first `words` non-blank lines from `i`."""
    seen = 0
    for j in range(i, len(lines)):
        if lines[j].strip().rstrip("|").strip():
            seen += 1
            if seen == words:
                return j + 1
    return len(lines)


def _cell_lines(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """One cell a line under a header of one column name a line, each line perhaps ending in
    a bar. Where the cells end in bars, a bar alone is an empty cell (unless one ends the
    header: then it ends every row); a blank line is nothing. The table goes on to the end of
    the text or to the header of another table; the header met again (on the next page) is
    left out."""
    lines, at, i = _rejoined(lines, i)
    header, j = _header_words(lines, i)
    readings = ([(_joined_header(header), j, False)] if header else []) + [
        (*two, True) for two in [_parts_header(lines, i)] if two]
    tables = [(*found, parts) for names, start, parts in readings
              if (found := _cell_rows(lines, i, header, names, start))]
    if not tables:
        return None
    _, k, names, rows, template, parts = max(tables, key=lambda found: found[0])
    return at[k], _grid(list(_header_rows(names)) if parts else [names], rows, template, written=False)


def _rejoined(lines: list[str], i: int) -> tuple[list[str], Sequence[int], int]:
    """Where cells end in bars from line `i` on, those lines with each cell broken over lines (the
    bar closing its last line only: 牵头 / 领导 |, 2025年度民生实事 / 安排方案 |) as one line, the
    index in `lines` of each line and of the end, and 0; else the lines as they are and `i`."""
    if not lines[i].strip().endswith("|"):
        return lines, range(len(lines) + 1), i
    out: list[str] = []
    at: list[int] = []
    j = i
    while j < len(lines):
        end = _cell_end(lines, j) if out and out[-1].endswith("|") else j
        out.append("\n".join(line.strip() for line in lines[j:end + 1]))
        at.append(j)
        j = end + 1
    return out, at + [len(lines)], 0


def _cell_rows(lines: list[str], i: int, header: list[str], names: list[str],
               j: int) -> tuple[float, int, list[str], list[Row], Template] | None:
    """The rows one cell a line from line `j` under the header `names` (the words of `header`
    read as names), how well they fit, and the index of the line after them."""
    ends = range(_index_after(lines, i, len(header)), j)
    barred = lines[i].strip().endswith("|") and not any(lines[k].strip() == "|" for k in ends)
    pieces: list[Piece] = []
    k = j
    while k < len(lines):
        raw = lines[k].strip()
        text = raw.rstrip("|").strip()
        if not text:
            if barred and raw:
                pieces += [Piece("", k)] * raw.count("|")
            elif _space_cell(lines, k):
                pieces.append(Piece("", k))
            k += 1
            continue
        if ATTACHMENT_LINE_RE.match(text):
            break  # 附件2: the next attachment starts
        if len(text) <= 16 and (again := _header_words(lines, k))[0] and (
                again[0] == header or column_role(again[0][0]) == "number"):
            if again[0] != header:
                break  # another table's header (序号 | …)
            k = again[1]
            continue
        pieces.append(Piece(text, k))
        k += 1
    found = _stream(names, pieces)
    if not found or not (_is_header(names) or _texts_of_work(
            found[1], [[cell.text for cell in row.cells] for row in found[2] if row.cells])):
        return None
    return found[0], k, *found[1:]


def _space_cell(lines: list[str], k: int) -> bool:
    """A line holding only spaces between two empty lines, one cell a line with empty lines
    between: a cell the page wrote holding a space, an empty cell (where the lines between cells
    hold spaces too, none is told from them)."""
    return bool(lines[k]) and not lines[k].strip() and 0 < k < len(lines) - 1 and not lines[k - 1] and not lines[k + 1]


def _cell_end(lines: list[str], k: int) -> int:
    """After a line ending in a bar, the line that closes the cell opened on line `k`: lines
    without a bar go on into it; `k` where the line has its bar or is a row number alone, or
    where no line with a bar follows before a blank line, or the one that does is a row number
    or a number column's name (a row's or a header's start, not a cell's end)."""
    end = k
    while end < len(lines) and (raw := lines[end].strip()) and not raw.endswith("|") and not ROW_NUMBER_RE.match(raw):
        end += 1
    closing = lines[end].strip() if end > k and end < len(lines) else ""
    word = closing.rstrip("|").strip()
    return end if closing.endswith("|") and not ROW_NUMBER_RE.match(word) and column_role(word) != "number" else k


def _texts_of_work(names: list[str], rows: list[list[str]]) -> bool:
    """The column a header leaves unnamed holds texts of work in most rows (地区生产总值增长5.5%左右),
    not names of people or places (张三, 东山县)."""
    unnamed = [c for c, name in enumerate(names) if not column_role(name)]
    texts = [row[unnamed[0]] for row in rows if len(unnamed) == 1 and len(row) > unnamed[0]]
    work = [t for t in texts if kind(t) in ("short", "long") and len(HAN_RE.findall(t)) >= 6]
    return bool(texts) and 3 * len(work) >= 2 * len(texts)


# --- a row a line -------------------------------------------------------------------------

def _bar_line(lines: list[str], j: int, opened: bool = False) -> tuple[list[str], int] | None:
    """The cells of a row ending in ` |` from line `j`, and the line after it: a row whose
    cell holds a line break goes on to the next line that ends in a bar (工作任务 | 具体要求 /
    | 责任单位 |); `opened`: every row starts with a bar too (| a | b |)."""
    text = lines[j].strip()
    if opened and text.startswith("|") and text.count("|") >= 2:
        text = text[1:]
    end = j + 1
    while not text.endswith("|") and "|" in text and end < min(j + 4, len(lines)) and lines[end].strip():
        text += "\n" + lines[end].strip()
        end += 1
    if not text.endswith("|"):
        return None
    return [c.strip() for c in text[:-1].split("|")], end


def _bar_rows(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Rows of cells each ending in ` |`, a row a line; a run of one-cell lines is left to
    _cell_lines. A line of bars only is an empty row, left out."""
    opened = lines[i].strip().startswith("|")
    first = _bar_line(lines, i, opened)
    if first is None or sum(1 for c in first[0] if c) < 2:
        return None
    rows: list[list[Piece]] = []
    j = end = i
    while j < len(lines):
        if not lines[j].strip():  # blank lines between rows
            j += 1
            continue
        if (found := _bar_line(lines, j, opened)) is None:
            break
        if any(found[0]):
            rows.append([Piece(c, j) for c in found[0]])
        j = end = found[1]
    return _written_rows(rows, end)


def _written_rows(rows: list[list[Piece]], j: int, placed: bool = False) -> tuple[int, Grid] | None:
    """The grid of rows written cell by cell, a row a line (cells ending in ` |`, or separated by
    tabs), its header read from its first row (over one or two rows), and `j`, the index of the
    line after them; `placed`: every cell written in its column (see _line_rows)."""
    read = partial(_line_rows, written=True, placed=placed)
    names = [p.text for p in rows[0]]
    while names and not names[-1]:
        names.pop()
    if not _is_header(names):
        return _found(j, read([], rows))
    if len(rows) > 1 and _header_goes_on_below(names, [p.text for p in rows[1]]):
        # a header wrapped over two lines (… | 目标任务 | 实际完成情况 | / 任务完成率 | 备注 |): one header
        names += [p.text for p in rows[1] if p.text]
        return _found(j, read(names, rows[2:]))
    if len(rows) > 1 and (both := _parts_under([p.text for p in rows[0]], [p.text for p in rows[1]])) and (
            len(rows[1]) == len(rows[0]) or len(both) == max(len(row) for row in rows[2:] or [[]])):
        # a header of two rows, the parts under a name of a unit of measure (…资金(万元) over 合计 | 中央财政 | …)
        top, bottom = _header_rows(both)
        return _found(j, read(top, rows[2:], below=bottom))
    if len(rows) > 1 and len(rows[1]) == len(rows[0]) and _sub_header([p.text for p in rows[1]]):
        # a header of two rows, written cell by cell: both as printed (完成情况 over 1-6月 | 7-12月)
        return _found(j, read([p.text for p in rows[0]], rows[2:], below=[p.text for p in rows[1]]))
    if split := _sub_columns(names, rows[1:], len(rows[0])):
        # a header cell over two sub-columns (目标任务 over 最低生活保障 | 农村标准(760元/月) in one row)
        return _found(j, read(*split))
    return _found(j, read(names, rows[1:]))


def _sub_columns(names: list[str], rows: list[list[Piece]], printed: int) -> tuple[list[str], list[list[Piece]]] | None:
    """A header cell over two sub-columns: the header line prints one cell more than its names, the
    last empty (the table's width, … | 备注 | |), and the column of text before the units (目标任务
    before 牵头单位) holds two cells in a row starting at its number (4 | … | 最低生活保障 |
    农村标准(760元/月) | 县民政局 |, the units one cell right of their name), one in twice as many
    rows numbered so (its cell merged across both). The header with that name over both columns,
    and each row numbered so with its one cell given to both; the rows going on below are aligned
    as any other. Where the header writes the cell it covers empty, that alone tells it."""
    roles = [column_role(name) for name in names]
    u = next((c for c, role in enumerate(roles) if role in UNIT_COLUMNS), None)
    if u is not None and u >= 3 and not names[u - 1] and names[u - 2] and roles[u - 2] in ("task", "target", None):
        return _written_sub_columns(names, rows, u - 1)
    if printed != len(names) + 1 or u is None or u < 2 or roles[u - 1] not in ("task", "target", None):
        return None

    def kinds(row: list[Piece]) -> list[str]:
        return [p.kind for p in row] + ["empty"] * (u + 2 - len(row))

    numbered = [row for row in rows if row and kinds(row)[0] == "number"]
    split = [row for row in numbered if kinds(row)[u - 1] in ("short", "long") and kinds(row)[u] in ("short", "long")
             and kinds(row)[u + 1] == "units"]
    whole = [row for row in numbered if kinds(row)[u] == "units"]
    if not split or len(whole) < 2 * len(split):
        return None
    out = [_merged_across(row, u) if any(row is w for w in whole) else row for row in rows]
    return names[:u] + [names[u - 1]] + names[u:], out


def _written_sub_columns(names: list[str], rows: list[list[Piece]], c: int) -> tuple[list[str], list[list[Piece]]]:
    """A header cell over two sub-columns written with the cell it covers empty (目标任务 |  |
    牵头单位): the name over both, and in each row numbered so whose second sub-column is empty,
    the first's cell merged across both."""
    out = [row[:c] + [row[c - 1]] + row[c + 1:] if len(row) > c and row[0].kind == "number" and not row[c].text
           else row for row in rows]
    return names[:c] + [names[c - 1]] + names[c + 1:], out


def _merged_across(row: list[Piece], c: int) -> list[Piece]:
    """A row whose cell before column `c` is merged across two sub-columns: the cell given to
    both; an empty cell written at its end (a page writes as many cells as the table has
    columns, the merged one last) left out."""
    row = row[:c] + [row[c - 1]] + row[c:]
    return row[:-1] if not row[-1].text else row


def _found(end: int, grid: Grid | None) -> tuple[int, Grid] | None:
    return (end, grid) if grid else None


def _header_goes_on_below(names: list[str], values: list[str]) -> bool:
    """A line after the header that holds only names of further columns, none a period, and
    fewer cells than the header: the header wrapped onto it (a second header row would have
    as many cells, or name periods under a column)."""
    texts = [v for v in values if v]
    return _sub_header(values) and len(texts) < len(names) and not any(cells.is_date(v) for v in texts)


def _sub_header(values: list[str]) -> bool:
    """A second header row: short names of columns or periods (1-6月, 一季度) only."""
    texts = [v for v in values if v]
    return bool(texts) and all(len(v) <= 12 and not cells.is_number(v) and (column_role(v) or cells.is_date(v))
                               for v in texts)


# --- cells separated by tabs --------------------------------------------------------------

QUOTED_CELL_RE = re.compile(r'"((?:[^"]|"")*)"(?=\t|\n|$)')  # a cell as Excel's clipboard quotes it
CELL_STOP_RE = re.compile(r"[\t\n]")
QUOTED_LINES = 12  # the lines a quoted cell may span
DECIDING_ROWS = 10  # the first rows split on tabs that tell whether they hold a table


def _tab_line(lines: list[str], j: int) -> tuple[list[str], int]:
    """The cells of a row separated by tabs from line `j`, and the index of the line after it. A
    cell Excel quoted (one holding a line break or a `"`: "第一行\\n第二行", "推进""三个一""工程") is read
    without its quotes, `""` inside it as one `"`, and goes on over the lines up to its closing
    quote; a cell opening with a `"` that no quote closes before a tab or a line's end is read as
    written ("三个一"工程)."""
    text = "\n".join(lines[j:j + QUOTED_LINES]) if '"' in lines[j] else lines[j]
    out: list[str] = []
    pos = 0
    while True:
        quoted = QUOTED_CELL_RE.match(text, pos) if text.startswith('"', pos) else None
        if quoted:
            out.append(quoted.group(1).replace('""', '"'))
            pos = quoted.end()
        else:
            stop = CELL_STOP_RE.search(text, pos)
            end = stop.start() if stop else len(text)
            out.append(text[pos:end])
            pos = end
        if not text.startswith("\t", pos):
            return [cell.strip() for cell in out], j + text.count("\n", 0, pos) + 1
        pos += 1


def _tab_rows(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Rows whose cells are separated by tabs, a row a line (a table copied from Excel or a Word
    table and pasted as plain text: an empty cell, or a merged cell's others, an empty string
    between tabs), where their first rows hold a table (see _tabbed_table); a line of tabs only
    is an empty row, left out. Every cell is in its column: a line of fewer cells than the
    widest had its last tabs dropped (by an editor that trims the ends of lines), its last
    cells empty, not merged. They go to the reader of rows written cell by cell, as cells
    ending in bars do."""
    found = _tab_lines(lines, i)
    read = list(islice(found, DECIDING_ROWS))
    if not _tabbed_table([row for row, _, _ in read if any(row)]):
        return None
    read += found
    rows = [[Piece(c, j) for c in row] for row, j, _ in read if any(row)]
    width = max(len(row) for row in rows)
    return _written_rows([row + [Piece("", row[0].line)] * (width - len(row)) for row in rows], read[-1][2],
                         placed=True)


def _tab_lines(lines: list[str], i: int) -> Iterator[tuple[list[str], int, int]]:
    """The rows split on tabs from line `i` (see _tab_line), each with its first line and the
    line after it, to the first line without a tab between cells."""
    j = i
    while j < len(lines):
        row, end = _tab_line(lines, j)
        if len(row) < 2:
            return
        yield row, j, end
        j = end


def _tabbed_table(rows: list[list[str]]) -> bool:
    """Whether rows split on tabs hold a table, by what they hold:

    - the first row is a header of column names (序号 | 工作任务 | 责任单位 | 完成时限);
    - or most rows, three or more, have the same count of cells, at least three, two or more of
      them holding text other than a number alone (1 | 推进… | 市发改委 three rows running);
    - or every row is a label and its value, three or more, the labels naming the task and
      another kind of column (具体任务 | …, 责任单位 | …, 完成时限 | …): a label/value table.

    Not a table: a Word list's numbers followed by a tab (1.\\t推进…, （一）\\t…) or a label and its
    value on one line (two cells a row, the first no column's name), lines indented by tabs
    (\\t1.\\t推进…: one text a line besides its number, whatever the count of tabs). The first
    rows (DECIDING_ROWS) are looked at, so that a long list is not read again from each line."""
    if len(rows) < 2:
        return False
    if _is_header(rows[0]):
        return True
    counts = Counter(len(row) for row in rows if sum(1 for c in row if c and not cells.is_number(c)) >= 2)
    width, many = max(counts.items(), key=lambda item: item[1], default=(0, 0))
    if width >= 3 and many >= 3 and 2 * many > len(rows):
        return True
    return all(len(row) == 2 for row in rows) and _label_rows([row[0].rstrip(":：") for row in rows])


def _spaced_cells(line: str, number: int) -> list[Piece]:
    """The runs of text between runs of spaces, with where each starts (display columns)."""
    out, pos = [], 0
    for piece in SPACE_RUN_RE.split(line.rstrip()):
        index = line.find(piece, pos) if piece else pos
        if piece.strip():
            out.append(Piece(piece.strip(), number, start=_display_width(line[:index])))
        pos = index + len(piece)
    return out


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _space_rows(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Cells separated by runs of spaces (text from a PDF laid out): a header line naming at
    least three columns, then rows to the first blank line; a line whose first column is
    empty goes on the row above (a cell wrapped over lines), each piece in the column it
    starts under."""
    header = _spelt_out(_spaced_cells(lines[i], i))
    j = i + 1
    parted = False  # a line of the parts of a measured name
    while (k := _next_filled(lines, j)) < len(lines) and (more := _spaced_cells(lines[k], k)) and (
            (parts := _spaced_parts(header, more)) or _header_goes_on(more)):
        parted = parted or bool(parts)
        header = parts or [Piece(p.text.replace("\n", ""), p.line, p.glue, p.start)  # names wrapped over lines
                           for p in _below(header, more, [p.start for p in header])]  # (牵头 / 单位): one name each
        j = k + 1  # a blank line between the header's lines (a blank line after every line) goes on
    known = _is_header([p.text for p in header])
    if not known and not (_numbered_header_of_units([p.text for p in header]) and _spaced_row_starts(lines, j)):
        return None
    laid: list[list[Piece]] = []
    first_room = header[1].start - 2 if len(header) > 1 else 0
    while j < len(lines):
        if not lines[j].strip():  # blank lines between rows, where the table goes on after them:
            following = next((line for line in lines[j:] if line.strip()), "")  # cells, or a line of
            if not (SPACE_RUN_RE.search(following.strip()) or following[:1].isspace()  # the first column
                    or 0 < _display_width(following.strip()) <= first_room):
                break
            j += 1
            continue
        laid.append(_spaced_cells(lines[j], j))
        j += 1
    starts = _column_starts(laid, header)
    names = _names_over(header, starts)
    numbered = {id(p) for p in _numbered_pieces(laid, "number" in map(column_role, names))}
    tasks = {c for c, name in enumerate(names) if column_role(name) in ("task", "section")}
    rows: list[list[Piece]] = []
    for pieces in laid:
        if rows and (not any(id(p) in numbered for p in pieces) if numbered else _goes_on(rows[-1], pieces, starts, tasks)):
            rows[-1] = _below(rows[-1], pieces, starts)  # where rows are numbered: a line without a number
        else:
            rows.append(pieces)
    if not rows:
        return None
    top, bottom = _header_rows(names) if parted else (names, None)
    grid = _line_rows(top, rows, written=False, starts=starts, below=bottom)
    if not known and not (grid and _texts_of_work(grid.rows[0], grid.rows[1:])):
        return None
    return _found(j, grid)


def _spaced_parts(header: list[Piece], more: list[Piece]) -> list[Piece] | None:
    """A line under a header of spaces naming the parts of a name of a unit of measure, each
    starting under that name's span where the header names no column (2019年计划筹措资金(万元) over
    合计   中央财政   …): the header with a column for each part, named after both (see _parts_under)."""
    names = _parts_under([p.text for p in header], [p.text for p in more])
    if names is None:
        return None
    m = next(c for c, p in enumerate(header) if cells.measured(p.text))
    ahead = header[m + 1].start if m + 1 < len(header) else 10 ** 6
    if not all(header[m].start - 1 <= p.start < ahead - 1 for p in more):
        return None
    return header[:m] + [Piece(name, p.line, start=p.start) for name, p in zip(names[m:], more)] + header[m + 1:]


def _next_filled(lines: list[str], j: int) -> int:
    """The index of the first line from `j` that is not blank."""
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def _spaced_row_starts(lines: list[str], j: int) -> bool:
    """The next line of cells from `j` starts with a row's number."""
    first = next((pieces for line in lines[j:j + 3] if (pieces := _spaced_cells(line, j))), [])
    return bool(first) and bool(ROW_NUMBER_RE.match(normalise(first[0].text)))


def _column_starts(laid: list[list[Piece]], header: list[Piece]) -> list[int]:
    """Where the columns of a layout of spaces start: where the pieces of two or more lines
    start (a cell's lines start where it does), within a character, or a header's name."""
    if all(len(line) == len(header) for line in laid):
        return [p.start for p in header]  # every cell there: each in its place, wherever it starts
    seen = Counter(p.start for line in laid for p in line)
    starts: list[list[int]] = []
    for start in sorted(seen):
        if starts and start - starts[-1][-1] <= 1:
            starts[-1].append(start)
        else:
            starts.append([start])
    named = {p.start for p in header}
    found = [group[0] for group in starts if sum(seen[s] for s in group) >= 2 or named & set(group)]
    end = max(p.start + max(map(_display_width, p.text.split("\n"))) for line in laid for p in line)
    found = sorted(set(found) | {s for s in named if s > end})  # a name right of every cell: a column no row fills
    return found if len(found) >= 2 else sorted(named)


def _names_over(header: list[Piece], starts: list[int]) -> list[str]:
    """The header's names over the columns: each over the column it starts under or nearest
    to (a name centred over its column starts right of it), names over one column joined."""
    names = [""] * len(starts)
    for piece in header:
        c = min(range(len(starts)), key=lambda k: (abs(starts[k] - piece.start), k))
        names[c] += piece.text
    return names


def _header_goes_on(pieces: list[Piece]) -> bool:
    """A line under a header of spaces that goes on its names (牵头 / 单位, 进展情况 / (7月)):
    names only, no number or date, one of them starting a bracket or naming a column, or the
    line not starting under the first column (where a row's number would be)."""
    return all(_column_name(p.text) and p.kind != "number" and (p.kind != "date" or p.text.startswith(("(", "（")))
               for p in pieces) and (
        pieces[0].start > 1 or any(p.text.startswith(("(", "（")) or column_role(p.text) for p in pieces))


def _goes_on(row: list[Piece], pieces: list[Piece], starts: list[int], tasks: set[int]) -> bool:
    """A line of a layout of spaces without row numbers goes on the row above unless it starts
    a cell in a task column under a cell whose line above ended short of its column's width or
    with a full stop (a new row: the cell above did not wrap, or ended), or with a heading's
    number (三、…); a paragraph of a cell of progress, or names a line (县水务局 / 县住建局), go on."""
    for piece in pieces:
        c = _column_at(piece, starts)
        if c not in tasks:
            continue
        above = next((p for p in row if _column_at(p, starts) == c), None)
        room = starts[c + 1] - starts[c] - 2 if c + 1 < len(starts) else 10 ** 6
        ended = above is not None and (_display_width(above.last_line) < room - 2
                                       or above.last_line.rstrip().endswith("。"))  # its sentence closed
        if ended and piece.kind not in ("units", "people", "empty") or above is not None and piece.kind == "heading":
            return False  # a cell opened by a heading's number (三、…, (一)…) starts a row, though the one above filled its column
    return True


def _column_at(piece: Piece, starts: list[int]) -> int:
    return max((n for n, s in enumerate(starts) if s <= piece.start + 1), default=0)


def _spelt_out(pieces: list[Piece]) -> list[Piece]:
    """A header's names with a name spelt out letter by letter joined (序    号)."""
    out: list[Piece] = []
    for piece in pieces:
        one = out and len(piece.text) == 1
        if one and (len(out[-1].text) == 1 or not column_role(out[-1].text) and column_role(out[-1].text + piece.text)):
            out[-1] = Piece(out[-1].text + piece.text, out[-1].line, start=out[-1].start)
        else:
            out.append(piece)
    return out


def _below(row: list[Piece], more: list[Piece], starts: list[int]) -> list[Piece]:
    """A row with the pieces of a line below it that go on its cells, each joined to the
    piece above it: directly where the line above fills its column (a name or a text wrapped
    at the column's width), else after a line break (a name a line)."""
    out = list(row)
    for piece in more:
        c = _column_at(piece, starts)
        at = next((k for k, p in enumerate(out) if _column_at(p, starts) == c), None)
        if at is None:
            out.append(piece)
            out.sort(key=lambda p: p.start)
            continue
        room = starts[c + 1] - starts[c] - 2 if c + 1 < len(starts) else 10 ** 6
        glue = "" if _display_width(out[at].last_line) >= room - 2 else "\n"  # a line that fills its column goes on
        out[at] = Piece(out[at].text + glue + piece.text, out[at].line, out[at].glue, out[at].start, piece.text)
    return out


def _word_rows(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """A table whose cells are separated by single spaces (a space inside a cell too): a
    header line of column names (run together or spaced out), then a row a line, each
    starting with its number; the words are the pieces, a double space an empty cell."""
    names = _header_names(lines[i])
    roles = [column_role(h) for h in names]
    if len(names) < 3 or roles[0] != "number" or "task" not in roles:
        return None
    rows: list[list[Piece]] = []
    j, last = i + 1, 0
    while j < len(lines):
        words = lines[j].strip().split(" ")
        if not lines[j].strip():
            j += 1
            continue
        number = ROW_NUMBER_RE.match(normalise(words[0]))
        if not number or int(number.group(1)) != last + 1:
            break
        last = int(number.group(1))
        rows.append([Piece(w, j, glue=" ") for w in words])
        j += 1
    if not rows:
        return None
    width = len(names)
    _, columns = _columns(names, [Counter() for _ in range(width)])
    template = Template(columns, number=0)
    aligned: list[Row] = []
    for row in rows:
        aligned += align(row, template, one_row=True)[0]
    _, template.columns = _columns(names, _counts(aligned, width))
    aligned = [r for row in rows for r in align(row, template, one_row=True)[0]]
    return j, _grid([names], aligned, template, written=False)


# --- label: value lines, and a table run together on one line ----------------------------

LABEL_LINE_RE = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]\s*(.*)$")
ALONE_LABEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,8})()$")
COLON_LABEL_RE = re.compile(r"^([\u4e00-\u9fff][\u4e00-\u9fff、 ]{1,23}?)\s*[:：]()$")  # 进展情况、存在问题 及下一步工作建议:


def _labelled(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Lines of label: value (任务内容:…, 牵头单位:…, 完成时限:…), or labels alone on their
    lines with the value on the lines after (a label/value table one cell a line), a task a
    block: a table of label | value rows, for the reader of label/value tables; after the first
    label, a longer one alone closed by its colon (年度阶段性工作目标:) too. A line without a label
    goes on with the value above it; the line under a label alone is its value, though it opens
    with a word and a colon that names no column we know (第一季度:…). The labels of one item
    right under a numbered heading (一、…项目 then 牵头单位:…, no label twice) are that item's lines
    of running text, as they are when the next heading follows them."""
    rows: list[list[str]] = []
    j = i
    while j < len(lines):
        line = lines[j].strip().rstrip("|").strip()
        match = LABEL_LINE_RE.match(line)
        alone = not match and ALONE_LABEL_RE.match(line)
        colon = not match and rows and COLON_LABEL_RE.match(line)  # a longer label alone, closed by its colon
        if not rows and line.startswith("各"):
            break  # 各单位:现将…: a notice's addressees, not a label
        if match and rows and not rows[-1][1] and not column_role(match.group(1)):
            rows[-1][1] = line  # under a label alone, its value, though it opens with a word and a colon (第一季度:…)
        elif colon or alone and column_role(line) or match and (
                column_role(match.group(1)) or (rows and _column_name(match.group(1)))):
            match = match or alone or colon
            rows.append([match.group(1), match.group(2).strip()])
        elif rows and line and not LABEL_LINE_RE.match(line):
            if SECTION_LINE_RE.match(line):  # 一、…项目 then 牵头单位:… lines: numbered items of running
                return None  # text whose units are labelled, not a label/value table
            rows[-1][1] += line
        elif not (rows and not line):
            break
        j += 1
    if not _label_rows([label for label, _ in rows]) or _fields_of_a_heading(lines, i, rows):
        return None
    return j, Grid(rows)


def _label_rows(labels: list[str]) -> bool:
    """Labels enough for a label/value table: three or more, naming the task and another kind of
    column (任务内容, 牵头单位, 完成时限)."""
    roles = {column_role(label) for label in labels}
    return len(labels) >= 3 and "task" in roles and len(roles - {None}) >= 2


def _fields_of_a_heading(lines: list[str], i: int, rows: list[list[str]]) -> bool:
    """The label rows from line `i` are one item's fields under its numbered heading: the line
    above them is a heading (一、…) and no label comes twice (a second task's)."""
    above = next((t for k in range(i - 1, -1, -1) if (t := lines[k].strip())), "")
    labels = [label for label, _ in rows]
    return bool(SECTION_LINE_RE.match(above)) and len(set(labels)) == len(labels)


def _header_names(line: str) -> list[str]:
    """A header line whose words run together or are spaced out (序号 工 作 任 务 牵头负责部门):
    the column names it is made of; [] when it is not one."""
    if not line.lstrip().startswith(("序", "编")):  # a header starts with its number column
        return []
    text = re.sub(r"\s+", "", normalise(line))
    return (_names_run_together(text) or []) if 4 <= len(text) <= 60 else []


@lru_cache(maxsize=1)
def _column_names() -> list[str]:
    from toolkit.plan_import.lexicon import column_words

    return sorted({w for w, _ in column_words()}, key=len, reverse=True)


def _names_run_together(text: str) -> list[str] | None:
    """Column names printed without spaces between them (序号项目名称主要内容区政府分管领导牵头单位):
    the known names, leftmost and longest first; the words before a known name go with it
    (区政府 + 分管领导), the words after the last one with the last (牵头 + 负责部门). None when
    the text is not names only or names no column."""
    if not re.fullmatch(r"[\u4e00-\u9fff()]+", text):
        return None
    names, pending, pos = [], "", 0
    while pos < len(text):
        word = next((w for w in _column_names() if text.startswith(w, pos)), None)
        if word is None:
            pending, pos = pending + text[pos], pos + 1
        else:
            names.append(pending + word)
            pending, pos = "", pos + len(word)
    if names and pending:
        names[-1] += pending
    return names or None


GLUED_HEADER_RE = re.compile(r"(?:序号|编号)(?P<names>[\u4e00-\u9fff()]{4,80}?)1(?=[\u4e00-\u9fff])")
PAGE_MARK_RE = re.compile(r"^\d{1,3}、")  # a document-sharing site's page number
# what the last cell of a row ends in: a name, a bracket, a sentence, a date
CELL_END = frozenset("".join(e[-1] for e in cells.ORG_ENDINGS + cells.WEAK_ENDINGS) + ")]】。;；" + "年月底前旬季成")


def _glued(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """A table whose cells run together on one line (a document-sharing site's text: …分工表
    序号工作内容目标任务责任单位备注1将生活垃圾…市城管委2完善…): the header's column names,
    then rows starting at their numbers in sequence after the end of a cell; in a row, the text
    up to its last sentence is the task, the names, people and date after it the cells to the
    right, and names with more text after a sentence inside it a row of a merged task."""
    start = ("序号" in lines[i] or "编号" in lines[i]) and GLUED_HEADER_RE.search(normalise(lines[i]))
    if not start:
        return None
    header = ["序号"] + (_names_run_together(start.group("names")) or [])
    roles = [column_role(n) for n in header]
    if len(header) < 3 or "task" not in roles:
        return None
    text = lines[i][start.end() - 1:] + "".join(PAGE_MARK_RE.sub("", line.strip()) for line in lines[i + 1:])
    text = text.replace(start.group(0)[:-1], "")  # the header again on the next page
    title = lines[i][:start.start()]
    grid = Grid([[title]] if title.strip() else [])
    grid.rows.append(header)
    number, pos = 1, 0
    while text.startswith(str(number), pos):
        body = pos + len(str(number))
        end = _next_glued_row(text, body, number + 1)
        for k, row in enumerate(_glued_rows(text[body:end], roles[1:])):
            if k:
                grid.copies.add((len(grid.rows), 0))
            grid.rows.append([str(number)] + row)
        number, pos = number + 1, end
    return (len(lines), grid) if number > 1 else None


def _glued_lines(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """A table whose cells run together, a row a line, under a header whose column names run
    together (类别序号重点督办内容牵头单位全年完成情况): a row is its group cell, the same text
    on every row (经济社会发展主要预期目标), its number in sequence, the task up to the sentence
    its units follow, the units run together, and the rest (its progress) the column after them;
    where such a column follows, the units are its first name only.
    Two rows or more, each read whole; else no table."""
    if len(lines[i]) > 100 or not ("序" in lines[i] or "编" in lines[i]):
        return None  # a header of a few names, one of them the number's (序号, 编号, 序)
    names = _names_run_together(re.sub(r"\s+", "", normalise(lines[i])))
    roles = [column_role(n) for n in names or []]
    if not names or not 3 <= len(names) <= 8 or None in roles or "task" not in roles or "number" not in roles:
        return None
    groups, task = roles.index("number"), roles.index("task")
    unit = next((c for c, role in enumerate(roles) if role in UNIT_COLUMNS), None)
    if groups > 1 or task != groups + 1 or unit != task + 1 or not groups and unit < len(names) - 1:
        return None  # without a group cell to show the columns, the units end the row
    grid, j = Grid([names]), i + 1
    while j < len(lines):
        line = lines[j].strip()
        if line and not (row := _glued_line_row(line, len(grid.rows), groups, len(names) - unit - 1)):
            break
        if line:
            grid.rows.append(row)
        j += 1
    rows = grid.rows[1:]
    if len(rows) < 2 or groups and len({row[0] for row in rows}) == len(rows):
        return None  # a group cell repeats: it shows the column
    return j, grid


GLUED_GROUP_RE = re.compile(r"^[\u4e00-\u9fff、()]{2,30}$")


def _glued_line_row(line: str, number: int, groups: int, after: int) -> list[str] | None:
    """One row of a table run together a line: [group,] number, task, units, and the rest in the
    column after the units (`after`: how many columns follow them); cells as printed."""
    plain, mark = normalise(line), str(number)
    at = plain.find(mark) if groups else (0 if plain.startswith(mark) else -1)
    if at < 0 or (groups and not GLUED_GROUP_RE.match(plain[:at])) or not HAN_RE.match(plain[at + len(mark):]):
        return None
    start = at + len(mark)
    for end in (m.end() for m in re.finditer(r"[。;；]", plain[start:])):
        names, covered = cells.glued_names(plain[start + end:])
        if after:  # where names end and a text after them starts (西城区…, 全年建成驿站…) cannot be
            names, covered = names[:1], len(names[0]) if names else 0  # told: the first name only
        units, rest = line[start + end:start + end + covered], line[start + end + covered:]
        if names and units.startswith(names[0]) and bool(rest.strip()) == bool(after):
            cells_after = [rest] + [""] * (after - 1) if after else []
            return [line[:at]] * groups + [mark, line[start:start + end], "、".join(names)] + cells_after
    return None


def _next_glued_row(text: str, start: int, number: int) -> int:
    """Where row `number` starts: the number after the end of a cell, not a count (2个) or a
    date (2月) nor part of a longer number."""
    from toolkit.plan_import.targets import MEASURES

    mark = str(number)
    pos = text.find(mark, start)
    while pos >= 0:
        after = text[pos + len(mark):]
        if (text[pos - 1] in CELL_END and re.match(r"[\u4e00-\u9fff]", after)
                and not after.startswith(MEASURES + ("年", "月", "日", "号", "届", "期"))):
            return pos
        pos = text.find(mark, pos + 1)
    return len(text)


def _glued_rows(text: str, roles: list[str | None]) -> list[list[str]]:
    """The rows of one numbered row run together, cells after its number: more than one where
    names follow a sentence inside it and more text follows them (…修缮展陈。何海平文体旅局晋陵
    公司推进…: the rows of a task whose number cell is merged over them)."""
    last = text.rfind("。") + 1
    parts, pos = [], 0  # (task text, the cells after it)
    for end in (m.end() for m in re.finditer(r"。", text[:max(last - 1, 0)])):
        names, covered = cells.glued_names(text[end:])
        if len(names) >= 2 and re.match(r"[\u4e00-\u9fff]", text[end + covered:end + covered + 1]):
            parts.append((text[pos:end], text[end:end + covered]))
            pos = end + covered
    parts.append((text[pos:last], text[last:]) if last > pos and text[last:].strip() else (text[pos:], ""))
    tasks = [c for c, role in enumerate(roles) if role in ("task", "section", None)]
    right = [c for c in range(len(roles)) if c > max(tasks, default=-1)]
    rows = []
    for body, tail in parts:
        row = [""] * len(roles)
        row[tasks[0] if tasks else 0] = body
        for c, value in _right_cells(tail, [roles[c] for c in right]):
            row[right[c]] = value
        rows.append(row)
    return rows


def _right_cells(tail: str, roles: list[str | None]) -> list[tuple[int, str]]:
    """(column, text) of the cells right of a row's task, from its text run together: a date
    at the end is the deadline, a person first the person, the names between the units (the
    first one the lead's where a lead column comes before another units column)."""
    out: list[tuple[int, str]] = []
    if "deadline" in roles and (date := cells.DEADLINE_END_RE.search(tail)):
        out.append((roles.index("deadline"), date.group(0)))
        tail = tail[:date.start()]
    names, covered = cells.glued_names(tail)
    if names and "person" in roles and cells.looks_like_person(names[0]) and not cells.is_org(names[0]):
        person = names.pop(0)
        out.append((roles.index("person"), person))
        tail, covered = tail[len(person):], covered - len(person)
    units = [c for c, role in enumerate(roles) if role in UNIT_COLUMNS]
    if not units or not tail.strip():
        return out
    if names and covered == len(tail):  # names only, run together
        if len(units) > 1 and roles[units[0]] == "lead" and len(names) > 1:
            out += [(units[0], names[0]), (units[1], "、".join(names[1:]))]
        else:
            out.append((units[0], "、".join(names)))
    else:
        out.append((units[0], tail))  # names with separators and notes: for the units reader
    return out
