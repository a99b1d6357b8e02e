"""One shape for every table: a grid of cell texts, whatever carried it.

Word, Excel, PDF and web pages give their tables as grids (their readers fill merged cells);
text copied from a web page or a PDF carries tables flattened, and this module rebuilds their
grids: cells ending in ` |`, one cell a line (with or without `|`) under a header of one
column name a line, or cells separated by runs of spaces. A document is then a list of blocks,
each a line of text or a Grid, for the plan reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from toolkit.rules.text import normalise
from toolkit.plan_import import cells
from toolkit.plan_import.lexicon import column_role


@dataclass
class Grid:
    """A table's cells row by row. A cell merged over several rows gives its text to each;
    `copies` holds the (row, column) of the cells that only repeat the one above them."""
    rows: list[list[str]]
    copies: set[tuple[int, int]] = field(default_factory=set)
    name: str = ""  # how a warning names it: “分解表.docx”第1个表格

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = str | Grid


TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RE = re.compile(rf"\s*\((?=[a-z{TONES}ü]*[{TONES}])[a-z{TONES}ü]{{1,7}}\)")  # 經(jīng): a mirror's pinyin


def without_pinyin(text: str) -> str:
    """The text without the pinyin some mirror sites write after a character (責(zé)任單位)."""
    return PINYIN_RE.sub("", text) if "(" in text else text


def blocks_without_pinyin(blocks: list[Block]) -> list[Block]:
    return [without_pinyin(b) if isinstance(b, str) else
            Grid([[without_pinyin(c) for c in row] for row in b.rows], b.copies, b.name) for b in blocks]


def fill_merged(rows: list[list[str]], r0: int, c0: int, r1: int, c1: int,
                copies: set[tuple[int, int]]) -> None:
    """Give a merged range's text (its top-left cell's) to every cell it covers."""
    if r0 >= len(rows):
        return
    value = rows[r0][c0] if c0 < len(rows[r0]) else ""
    for r in range(r0, min(r1, len(rows) - 1) + 1):
        row = rows[r]
        row.extend([""] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            row[c] = value
            if r > r0:
                copies.add((r, c))


def join_cell_lines(text: str, separator: str = "") -> str:
    """A cell's lines as one line: glued (a space between Latin words; a number wrapped in a
    narrow cell is one number), or joined by
    `separator` where the line before does not already end in one."""
    out = ""
    for line in (part.strip() for part in str(text).replace("\r", "\n").split("\n")):
        if not line:
            continue
        if out and separator:
            out += "" if out[-1] in "、,，;；" else separator
        elif out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


# --- tables flattened into text -------------------------------------------------------------

SPACE_RUN_RE = re.compile(r"(?:\s{2,}|\t|\u3000)+")
SECTION_LINE_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}[部分章篇])")


def text_blocks(text: str) -> list[Block]:
    """The lines of a text, with the tables flattened into it rebuilt as grids."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        found = line and (
            (line.endswith("|") and _barred(lines, i)) or (len(line) <= 16 and _cell_per_line(lines, i))
            or (SPACE_RUN_RE.search(line) and _spaced(lines, i)) or (":" in line or "：" in line) and _labelled(lines, i)
            or _worded(lines, i) or _glued(lines, i))  # each looked for only where its first line can start
        if found:
            end, grid = found
            blocks.append(grid)
            i = end
        else:
            blocks.append(lines[i])
            i += 1
    return blocks


def _bar_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not stripped.endswith("|"):
        return None
    return [c.strip() for c in stripped[:-1].split("|")]


def _barred(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Rows of cells each ending in ` |`; a run of one-cell lines is left to _cell_per_line. A
    line of bars only is an empty row, left out."""
    first = _bar_cells(lines[i])
    if first is None or sum(1 for c in first if c) < 2:
        return None
    j, grid = i, Grid([])
    while j < len(lines) and (row := _bar_cells(lines[j])) is not None:
        j += 1
        if not any(row):
            continue
        if grid.rows and len(row) > 1:
            row = _aligned(row, grid)
        grid.rows.append(row)  # a row of one cell: a section merged across the row
    return j, grid


def _aligned(row: list[str], grid: Grid) -> list[str]:
    """A row with fewer cells than the table (or with one text and empty cells): a cell merged
    down from the row above, and an empty cell, are left out of copied text. The row's cells
    go, in order, to the columns where their kinds (names, people, dates, numbers, text) best
    match the row above, a cell left out rather on the left (where cells are merged); a cell
    left out between two placed ones repeats the row above, one after the last is empty. In a
    row written out cell by cell, the empty cells before its first text are merged down too,
    but for its number (a row without one is a task of its own)."""
    width = len(grid.rows[0])
    cells_ = list(row)
    while cells_ and not cells_[-1]:
        cells_.pop()
    above = next((r for r in reversed(grid.rows[1:]) if len(r) == width and len(set(r)) > 1), None)
    if above is not None and len(row) >= width and cells_ and not cells_[0]:
        out = row[:width]
        for c in range(next(k for k, text in enumerate(out) if text)):
            if above[c] and column_role(grid.rows[0][c]) != "number":  # an empty 序号: a row of its own
                out[c] = above[c]
                grid.copies.add((len(grid.rows), c))
        return out
    if not (1 < len(cells_) or len(row) > 1 and cells_) or len(cells_) >= width or above is None:
        return row + [""] * (width - len(row)) if 1 < len(row) < width else row
    kinds = [_kind(c) for c in above]
    columns = _placement(tuple(_kind(c) for c in cells_), tuple(kinds))
    out = [""] * width
    for c, text in zip(columns, cells_):
        out[c] = text
    for c in range(columns[-1]):
        if c not in columns and above[c]:
            out[c] = above[c]
            grid.copies.add((len(grid.rows), c))
    return out


@lru_cache(maxsize=4096)
def _placement(kinds: tuple[str, ...], columns: tuple[str, ...]) -> tuple[int, ...]:
    """The columns, in order, for cells of these kinds: the most kinds matched, then the empty
    columns at the end, then those left out as far left as can be."""
    @cache
    def best(i: int, j: int) -> tuple[int, int, int, tuple[int, ...]] | None:
        if i == len(kinds):
            return 0, 0, 0, ()
        if len(columns) - j < len(kinds) - i:
            return None
        options = []
        if placed := best(i + 1, j + 1):
            score, last, right, rest = placed
            options.append((score + (kinds[i] == columns[j]), last if rest else -j, right + j, (j,) + rest))
        if skipped := best(i, j + 1):
            options.append(skipped)
        return max(options)
    return best(0, 0)[3]


def _kind(text: str) -> str:
    text = text.strip()
    if not text:
        return "empty"
    if cells.is_number(text):
        return "number"
    if len(text) <= 40 and cells.is_units(text):
        return "units"
    if len(text) <= 20 and cells.is_people(text):
        return "people"
    if cells.is_date(text):
        return "date"
    return "text"


def _header_words(lines: list[str], i: int) -> tuple[list[str], int]:
    """Column names one a line (序号, 重点工作任务, 牵头单位 …; bars and blank lines between
    them allowed), and the index of the line after them."""
    out, j = [], i
    while j < len(lines):
        word = lines[j].strip().rstrip("|").strip()
        if word and not ((out or column_role(word)) and _column_name(word)):
            break
        if word:
            out.append(word)
        elif not out:
            return [], i
        j += 1
    while out and not column_role(out[-1]) and not _starts_row(lines, j):
        out.pop()  # the header ends at its last known column name, or where a row starts
        j = _index_after(lines, i, len(out))
    roles = [column_role(w) for w in out]
    if len(out) > 3 and roles[-1] is None and "number" in roles[1:-1]:
        out.pop()  # the first row's group cell, before its number (类别 | 序号 | …)
        roles.pop()
        j = _index_after(lines, i, len(out))
    if len(out) >= 3 and "task" in roles and len(set(roles)) >= 3:
        return out, j
    return [], i


def _column_name(word: str) -> bool:
    """A short text that can name a column (年度投资金额（万元）), not a number or a sentence."""
    plain = normalise(word)
    return (len(plain) <= 12 and not cells.is_number(plain) and not re.search(r"[。；;，,]", plain)
            and not SECTION_LINE_RE.match(plain)
            and not (len(plain) > 4 and re.search(r"(?:表|清单|方案|要点|计划)$", plain)))  # a title


def _starts_row(lines: list[str], j: int) -> bool:
    """The next non-blank line from `j` is a row's number."""
    following = next((line for line in lines[j:] if line.strip().rstrip("|").strip()), "")
    return bool(re.match(r"^\(?\d{1,4}\)?\s*[.、]?$", normalise(following.strip().rstrip("|").strip())))


def _index_after(lines: list[str], i: int, words: int) -> int:
    """The index of the line after the first `words` non-blank lines from `i`."""
    seen = 0
    for j in range(i, len(lines)):
        if lines[j].strip().rstrip("|").strip():
            seen += 1
            if seen == words:
                return j + 1
    return len(lines)


def _cell_per_line(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """One cell a line under a header of one column name a line. A row starts at a number
    alone on its line; empty cells leave no line, so each cell goes to the column its content
    fits. Without a number column a row starts at a text numbered in sequence (1.做好…), or at
    a text after the names or dates of the row before (when the table has a column of them).
    A cell wrapped over lines (建设起 / 止年限 in the header, 城市用气 / 提升工程 in a row) is
    joined again: a row has as many cells as most rows have lines."""
    header, j = _header_words(lines, i)
    if not header:
        return None
    # cells that end in a bar: a bar alone is an empty cell, unless one ends the header (then
    # it ends every row)
    ends = range(_index_after(lines, i, len(header)), j)
    barred = lines[i].strip().endswith("|") and not any(lines[k].strip() == "|" for k in ends)
    header = _joined_header(header)
    roles = [column_role(h) for h in header]
    numbered = "number" in roles or not any(r in UNIT_COLUMNS + ("deadline",) for r in roles)
    # a row is complete without the group cells left of its number (merged down)
    complete = len(header) - (roles.index("number") if "number" in roles else 0)
    items: list[list[str] | str] = []  # a row's lines, or a heading row's text
    current, last = None, None
    while j < len(lines):
        text = lines[j].strip().rstrip("|").strip()
        plain = normalise(text)
        if not text:
            if barred and current is not None and lines[j].strip() == "|":
                current.append("")
            j += 1
            continue
        number = re.match(r"^\(?(\d{1,4})\)?\s*[.、]?$", plain) or (
            None if "number" in roles else re.match(r"^\(?(\d{1,3})\)?\s*(?:\.(?!\d)|、)", plain))
        if number and (last is None or int(number.group(1)) == last + 1):  # the next row's number
            last = int(number.group(1))
            if current:
                items.append(current)
            current = [text]
        elif not numbered and _kind(text) == "text" and (
                current is None or len(current) >= len(header) or any(_kind(c) != "text" for c in current)):
            if current:  # without a number column a row starts at its text after the cells of another
                items.append(current)
            current = [text]
        elif (SECTION_LINE_RE.match(plain) and (current is None or len(current) >= 2)) or (
                (current is None or len(current) >= complete) and _starts_row(lines, j + 1)
                and _kind(text) == "text"):
            if current:  # a heading row: 一、…, or a text alone between rows (a group cell)
                items.append(current)
            items.append(text)
            current = None
        elif current is None:
            break
        else:
            current.append(text)
        j += 1
    if current:
        items.append(current)
    values = [item for item in items if isinstance(item, list)]
    if not values:
        return None
    width = _width(values, len(header))
    if len(header) > width:
        header = _fewer_columns(header, width)
    roles = [column_role(h) for h in header]
    kinds = _column_kinds([v for v in values if len(v) == len(header)], len(header))
    rows = [header] + [_place(_unwrapped(item, len(header), kinds), roles) if isinstance(item, list)
                       else [item] * len(header) for item in items]
    return j, Grid(rows)


def _width(values: list[list[str]], most: int) -> int:
    """How many cells a row has: the count that most rows have or reach by joining lines of a
    wrapped text cell, the larger on a tie (a row with an empty cell has fewer lines)."""
    def reach(width: int) -> int:
        return sum(1 for v in values if 0 <= len(v) - width <= len(_wrap_pairs(v, greedy=True)))
    return max(range(min(len(v) for v in values), max(most, 1) + 1), key=lambda w: (reach(w), w))


def _wrap_pairs(values: list[str], greedy: bool = False) -> list[int]:
    """Where two lines of a row can be one text cell wrapped: both text, the first not ending a
    sentence; `greedy`: pairs that do not overlap, from the left."""
    out: list[int] = []
    for k in range(1, len(values) - 1):
        if (_kind(values[k]) == _kind(values[k + 1]) == "text"
                and normalise(values[k])[-1] not in "。;；!?！？"
                and not (greedy and out and out[-1] == k - 1)):
            out.append(k)
    return out


def _joined_header(words: list[str]) -> list[str]:
    """Header cells wrapped over lines joined again where that is certain: a bracket goes with
    the name before it (总投资 / (万元)), and two pieces that name no column alone but do
    together are one (责任 / 单位)."""
    out: list[str] = []
    for word in words:
        if out and (word.startswith(("(", "（")) or (
                not column_role(out[-1]) and not column_role(word) and column_role(out[-1] + word))):
            out[-1] += word
        else:
            out.append(word)
    return out


def _fewer_columns(words: list[str], width: int) -> list[str]:
    """A header with more pieces than its rows have cells: pieces that name no known column
    are joined to their neighbours (2023年度 / 计划), the shortest pair first."""
    words = list(words)
    while len(words) > width:
        pairs = [k for k in range(len(words) - 1)
                 if not column_role(words[k]) and not column_role(words[k + 1])]
        if not pairs:
            break
        k = min(pairs, key=lambda k: len(words[k]) + len(words[k + 1]))
        words[k:k + 2] = [words[k] + words[k + 1]]
    return words


def _column_kinds(rows: list[list[str]], width: int) -> list[str]:
    """The usual kind of each column's cells (number, text, units, date …) in complete rows."""
    return [Counter(_kind(row[c]) for row in rows).most_common(1)[0][0] if rows else ""
            for c in range(width)]


def _unwrapped(values: list[str], width: int, kinds: list[str]) -> list[str]:
    """A row with more lines than the table has columns: a text cell wrapped over lines is
    joined again, the join that lets the row's cells best match the columns' kinds, the
    shortest on a tie."""
    values = list(values)
    while len(values) > width:
        pairs = _wrap_pairs(values)
        if not pairs:
            break

        def fit(k: int) -> tuple[int, int]:
            joined = values[:k] + [values[k] + values[k + 1]] + values[k + 2:]
            return (-sum(_kind(v) == kind for v, kind in zip(joined, kinds)), len(values[k] + values[k + 1]))
        k = min(pairs, key=fit)
        values[k:k + 2] = [values[k] + values[k + 1]]
    return values


UNIT_COLUMNS = ("lead", "units", "coop")


def _place(values: list[str], roles: list[str | None]) -> list[str]:
    """Number, task text, then each value into the column its content fits: names into the
    unit columns (a name a line goes on in its column), a date into the deadline column,
    people into a person column; more text goes on with the task (a row below it that has no
    number of its own)."""
    if "number" not in roles and "task" in roles and re.match(r"^\(?\d{1,3}\)?\s*[.、]", normalise(values[0])):
        task = roles.index("task")  # numbered in its task cell: the cells from there on, in order
        values = values[:len(roles) - task] if not any(values[len(roles) - task:]) else values
        if len(values) <= len(roles) - task:
            return [""] * task + values + [""] * (len(roles) - task - len(values))
    if len(values) == len(roles):
        return list(values)  # no cell empty: each in its place
    row = [""] * len(roles)
    filled: list[int] = []

    def put(wanted, text, append=False, start=0) -> bool:
        for k, role in enumerate(roles):
            if k >= start and role in wanted and (not row[k] or append):
                row[k] = f"{row[k]}\n{text}" if row[k] else text
                filled.append(k)
                return True
        return False

    rest = list(values)
    if "number" in roles:
        put(("number",), rest.pop(0))
    if rest:
        put(("task",), rest.pop(0))
    task = roles.index("task") if "task" in roles else 0
    for text in filter(None, rest):
        if cells.is_units(text):
            last = filled[-1] if filled else -1
            if not (last >= 0 and roles[last] in UNIT_COLUMNS and put((roles[last],), text, True)):
                put(UNIT_COLUMNS, text) or put(UNIT_COLUMNS, text, True)
        elif cells.is_date(text):
            put(("deadline",), text)  # a second date belongs to a row without a number: left out
        elif cells.is_people(text):
            put(("person",), text)
        elif not put(("section", "ignore", None), text, start=task):  # a column right of the task
            put(("task",), text, True)
    return row


LABEL_LINE_RE = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]\s*(.*)$")


def _labelled(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Lines of label: value (任务内容:…, 牵头单位:…, 完成时限:…), a task a block: a table of
    label | value rows, for the reader of label/value tables. A line without a label goes on
    with the value above it."""
    rows: list[list[str]] = []
    j = i
    while j < len(lines):
        line = lines[j].strip()
        match = LABEL_LINE_RE.match(line)
        if match and (column_role(match.group(1)) or (rows and _column_name(match.group(1)))):
            rows.append([match.group(1), match.group(2).strip()])
        elif rows and line and not LABEL_LINE_RE.match(line):
            rows[-1][1] += line
        elif not (rows and not line):
            break
        j += 1
    roles = {column_role(label) for label, _ in rows}
    if len(rows) < 3 or "task" not in roles or len(roles - {None}) < 2:
        return None
    return j, Grid(rows)


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


def _worded(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """A table whose cells are separated by single spaces: a header line of column names, then
    rows starting with their number; the columns right of the task take the row's last words
    that fit them (names, dates, people), the task the words between."""
    header = _header_names(lines[i])
    roles = [column_role(h) for h in header]
    if len(header) < 3 or roles[0] != "number" or "task" not in roles:
        return None
    task = roles.index("task")
    rows, j, last = [header], i + 1, 0
    while j < len(lines):
        words = lines[j].split()
        if not words:
            j += 1
            continue
        number = re.match(r"^(\d{1,4})[.、]?$", normalise(words[0]))
        if not number or int(number.group(1)) != last + 1:
            break
        last = int(number.group(1))
        row, rest = [""] * len(header), words[1:]
        row[0] = words[0]
        for c in range(len(header) - 1, task, -1):
            if rest and len(rest) > 1 and _fits(rest[-1], roles[c]):
                row[c] = rest.pop()
        row[task] = " ".join(rest)
        rows.append(row)
        j += 1
    return (j, Grid(rows)) if len(rows) > 1 else None


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


def _fits(text: str, role: str | None) -> bool:
    if role in UNIT_COLUMNS:
        return cells.is_units(text)
    if role == "deadline":
        return cells.is_date(text)
    if role == "person":
        return cells.is_people(text)
    return len(text) <= 12


def _spaced(lines: list[str], i: int) -> tuple[int, Grid] | None:
    """Cells separated by runs of spaces (text from a PDF laid out): a header line naming at
    least three columns, then rows; a line whose first column is empty goes on the row above
    (a cell wrapped over lines), its pieces placed by where they start on the line."""
    header = _spaced_cells(lines[i])
    roles = [column_role(text) for _, text in header]
    if len(header) < 3 or sum(1 for r in roles if r) < 3 or "task" not in roles:
        return None
    starts = [start for start, _ in header]
    rows: list[list[str]] = [[text for _, text in header]]
    j = i + 1
    while j < len(lines) and lines[j].strip():
        pieces = _spaced_cells(lines[j])
        row = [""] * len(starts)
        if len(pieces) == len(starts):  # every cell there: each in its place
            rows.append([text for _, text in pieces])
            j += 1
            continue
        for start, text in pieces:
            k = max((n for n, s in enumerate(starts) if s <= start + 1), default=0)
            row[k] = f"{row[k]} {text}".strip() if row[k] else text
        if pieces and pieces[0][0] > starts[0] + 1 and len(rows) > 1:
            rows[-1] = [a + b if b else a for a, b in zip(rows[-1], row)]
        else:
            rows.append(row)
        j += 1
    return (j, Grid(rows)) if len(rows) > 2 else None


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    """(display column where it starts, text) of each run of text between runs of spaces."""
    out, pos = [], 0
    for piece in SPACE_RUN_RE.split(line.rstrip()):
        index = line.find(piece, pos) if piece else pos
        if piece.strip():
            out.append((_display_width(line[:index]), piece.strip()))
        pos = index + len(piece)
    return out


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
