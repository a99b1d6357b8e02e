"""PDF plans through pdfplumber: the text layer in reading order, tables through its table
finder, lines broken only by the page width joined again, page numbers left out.

pdfplumber rather than pypdf: pypdf gives a table's cells as loose lines with no cell
boundaries (a wrapped cell is two rows of text), while pdfplumber finds the ruled table, its
cells and their wrapped lines, and gives each text line its position on the page.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from toolkit.errors import WorkplanError
from toolkit.plan_import import cells
from toolkit.plan_import.grid import Block, Grid

MAX_PAGES = 300
PAGE_NUMBER_RE = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*/\s*\d+)?[-—–－\s]*$")
STARTS_ITEM_RE = re.compile(r"^(?:\d{1,4}\s*(?:[.．](?!\d)|[、。])|\d{1,3}$|[(（]\d{1,2}[)）]|\(?[一二三四五六七八九十]{1,3}[)、.]|[〔(（【]?\s*(?:牵头|责任|配合|协办|主办))")
ENDS_PARAGRAPH = "。：:！？!?；;"
OPENING = "“‘（(《〈「『【〔["
CLOSING = "，。、；：！？）」』”’》〉】〕)],.;:!?%"
GOES_ON = ",，、"  # a text ending so stops inside its sentence


def pdf_blocks(path: Path) -> list[Block]:
    """The PDF's paragraphs and tables, in reading order."""
    import pdfplumber

    items: list[tuple[str, object]] = []
    has_text = False
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise WorkplanError(f"PDF 文件 {path.name} 超过 {MAX_PAGES} 页，不像是一份工作要点，请检查。")
            for page in pdf.pages:
                has_text = has_text or bool(page.chars)
                items += _page_items(page)
    except WorkplanError:
        raise
    except Exception as exc:  # damaged or encrypted: pdfminer raises many kinds
        raise WorkplanError(
            f"PDF 文件 {path.name} 无法读取（{type(exc).__name__}，可能已损坏或加密）；"
            "请找到原始的 Word 或 Excel 文件再导入。"
        ) from exc
    if not has_text:
        raise WorkplanError(
            f"PDF 文件 {path.name} 没有文字层（可能是扫描件），无法读取文字；请找到原始的 Word 或 Excel "
            "文件，或先用文字识别（OCR）软件转为 Word 后再导入。"
        )
    return [payload for _, payload in _join_page_tables(_with_paragraphs(items))]


def _page_items(page) -> list[tuple[str, object]]:
    """("line", text line) and ("table", rows) in reading order on one page, without its page
    number; each line knows the page's text margins (`left`, `right`)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        return not any(x0 - 1 <= obj["x0"] and obj["x1"] <= x1 + 1 and top - 1 <= obj["top"]
                       and obj["bottom"] <= bottom + 1 for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    found = [(line["top"], "line", line) for line in text_page.extract_text_lines()]
    found += [(t.bbox[1], "table", t) for t in tables]
    found.sort(key=lambda item: item[0])
    texts = [payload for _, kind, payload in found if kind == "line"]
    if texts and found[-1][1] == "line" and _page_number(texts):
        found.pop()
    left = min((l["x0"] for l in texts), default=0)
    right = max([page.width - left] + [l["x1"] for l in texts])
    for line in texts:
        line["left"], line["right"] = left, right
    return [(kind, payload if kind == "line" else table_grid(payload)) for _, kind, payload in found]


def _page_number(lines: list[dict]) -> bool:
    """The page's last line is its number (`- 3 -`, `第3页`, `3`). A bare number where the
    body's lines start (the margin or a paragraph's indent), in the body's line spacing, is no
    page number but an item's (`6` on a line of its own, its text on the next)."""
    last = lines[-1]
    text = last["text"].strip()
    if not PAGE_NUMBER_RE.match(text):
        return False
    if len(lines) < 2 or not text.isdigit() or all(abs(l["x0"] - last["x0"]) > 1 for l in lines[:-1]):
        return True
    gaps = sorted(b["top"] - a["bottom"] for a, b in zip(lines, lines[1:-1]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    return last["top"] - lines[-2]["bottom"] > max(1.5 * usual, _size(last))


def _with_paragraphs(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The text lines between tables joined into paragraphs, over a page's end too."""
    out: list[tuple[str, object]] = []
    pending: list[dict] = []
    for kind, payload in items + [("end", None)]:
        if kind == "line":
            pending.append(payload)
            continue
        out += [("text", p) for p in _paragraphs(pending)]
        pending = []
        if kind == "table":
            out.append((kind, payload))
    return out


def _join_page_tables(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """A table going on over the next page is one table: its repeated header is dropped and
    a row broken by the page (its rest has no number) is joined to the row it belongs to."""
    out: list[tuple[str, object]] = []
    for kind, payload in items:
        previous = out[-1][1] if out and out[-1][0] == "table" else None
        if kind != "table" or previous is None or payload.width != previous.width or not payload.rows:
            out.append((kind, payload))
            continue
        rows, dropped = payload.rows, 0
        if rows[0] == previous.rows[0]:
            dropped = 1  # the header, repeated on the page
        last = previous.rows[-1]
        if len(rows) > dropped and last != previous.rows[0] and (
                not rows[dropped][0].strip() and last[0].strip() and not _row_anew(last, rows[dropped])
                or _sentence_broken(last, rows[dropped])):
            previous.rows[-1] = [a if a == b else a + _between(a, b) + b for a, b in zip(last, rows[dropped])]
            dropped += 1
        base = len(previous.rows)
        previous.copies |= {(base + r - dropped, c) for r, c in payload.copies if r >= dropped}
        previous.copies |= _merged_on(previous, rows[dropped:], base)
        previous.rows += rows[dropped:]
    return out


def _between(a: str, b: str) -> str:
    """What joins the two parts of a cell the page broke: a line break between lists of names
    (省教育厅 / 省总工会 then 省妇联), nothing inside a text."""
    return "\n" if a.strip() and b.strip() and cells.is_units(a) and cells.is_units(b) else ""


def _sentence_broken(last: list[str], first: list[str]) -> bool:
    """The page's first row fills only cells of the last row's whose text stops inside a sentence
    (…以2010年为基 / 数下降1/3。), and opens no item: the rest of that row, whatever its first column
    holds (a 领域 column left blank all down the table)."""
    filled = [c for c, cell in enumerate(first) if cell.strip()]
    texts = [c for c in filled if not cells.is_units(first[c])]
    # with names of its own the row is the rest only where the sentence visibly goes on (…提高,),
    # not after a text that never ends in a stop (a calendar's 开展校际交流活动 / 教务处)
    ends = GOES_ON if len(texts) < len(filled) else None
    return 0 < len(filled) < sum(1 for cell in last if cell.strip()) and bool(texts) and all(
        c < len(last) and last[c].strip() and not STARTS_ITEM_RE.match(first[c].strip())
        and not cells.SUB_GOAL_RE.match(first[c]) for c in filled) and all(
        last[c].strip()[-1] not in ENDS_PARAGRAPH and (ends is None or last[c].strip()[-1] in ends) for c in texts)


def _merged_on(previous: Grid, rows: list[list[str]], base: int) -> set[tuple[int, int]]:
    """A merged cell the page broke goes on down the next page's first rows: in a column with
    merged cells (a week, a date), the blank cells at the top of the page take the last row's
    text. The grid cells filled, as copies. A header cell merged down its second row (项目名称 over
    two header rows) is no such column: its copy holds the header's own text."""
    merged = {c for r, c in previous.copies if r >= len(previous.rows) or not _header_copy(previous, r, c)}
    last = previous.rows[-1]
    out = set()
    for c in sorted(merged):
        for r, row in enumerate(rows):
            if c >= len(row) or row[c].strip() or c >= len(last) or not last[c].strip():
                break
            row[c] = last[c]
            out.add((base + r, c))
    return out


def _header_copy(grid: Grid, r: int, c: int) -> bool:
    """A copied cell that holds its header's text: the header merged down its own rows."""
    row, header = grid.rows[r], grid.rows[0]
    return c < len(row) and c < len(header) and row[c] == header[c]


def _row_anew(last: list[str], first: list[str]) -> bool:
    """The page's first row has a row number of its own (4 then 5 in the 序号 column), or its
    own names in a column of names (教务处 under 教育处、团委): a new row, not the rest of the one
    the page broke (whose rest goes on in its long cells)."""
    return any(a.strip() and b.strip() and (cells.is_number(a) and cells.is_number(b) and a.strip() != b.strip()
                                            or cells.is_units(a) and cells.is_units(b))
               for a, b in zip(last, first))


def _paragraphs(lines: list[dict]) -> list[str]:
    """Join the lines a paragraph was wrapped into: a line that reaches the right margin goes
    on in the next line unless that one is indented or starts a new item."""
    out: list[str] = []
    previous = None
    for line in lines:
        text = line["text"].strip()
        if previous is not None and _wrapped(previous, line) and out:
            out[-1] += text
        else:
            out.append(text)
        previous = line
    return out


def _wrapped(previous: dict, line: dict) -> bool:
    """The line is the rest of the one before, which the width of the page broke: that one
    reaches the right margin (less than the next line's first word from it: a word that would
    have fitted there ends the paragraph, as `…(年内持续推进)` before a heading `03 养老`), and
    this one starts at the left margin and opens no item. A line ending in 。, ；or ：ends its
    paragraph unless it fills the line to the margin."""
    size = _size(line)
    room = previous["right"] - previous["x1"]
    return (room < 2.5 * size and room < _first_word(line) + 0.3 * size
            and line["x0"] <= line["left"] + 0.5 * size
            and (not previous["text"].rstrip().endswith(tuple(ENDS_PARAGRAPH)) or room < 0.25 * size)
            and not STARTS_ITEM_RE.match(line["text"].strip()))


def _size(line: dict) -> float:
    return max((c.get("size", 10) for c in line.get("chars", [])[:1]), default=10)


def _first_word(line: dict) -> float:
    """The width of what a line cannot start without: its first character with an opening mark
    before it, closing marks after it or an opening mark and its character after it, or its first run of Latin letters and digits with the
    character right after it (a layout keeps `10件` together, not `03 养老`)."""
    chars = line.get("chars", [])
    while chars and not chars[0]["text"].strip():
        chars = chars[1:]
    if not chars:
        return 0.0
    k = 1 if chars[0]["text"] in OPENING and len(chars) > 1 else 0
    if _latin(chars[k]["text"]):
        while k + 1 < len(chars) and (_latin(chars[k + 1]["text"]) or chars[k + 1]["text"] in ".%"):
            k += 1
        if k + 1 < len(chars) and line["text"].strip()[k + 1:k + 2] not in ("", " "):
            k += 1  # no space between the number and the word after it
    while k + 1 < len(chars):
        if chars[k + 1]["text"] in CLOSING:
            k += 1
        elif chars[k + 1]["text"] in OPENING and k + 2 < len(chars):
            k += 2  # no line ends in an opening mark: 区“断 goes down as one
        else:
            break
    return chars[k]["x1"] - chars[0]["x0"]


def _latin(ch: str) -> bool:
    """A letter or digit of a word in Latin script (2024, GDP, xiàn), which no line breaks."""
    return ch.isalnum() and ch < "\u0250"


def table_grid(table) -> Grid:
    """The table's cells, a merged cell's text given to every grid cell it covers."""
    rows = table.extract()
    cells = {}  # bbox -> text
    lines = _cell_lines(table)
    for i, row in enumerate(table.rows):
        for j, box in enumerate(row.cells):
            if box is not None and j < len(rows[i]):
                cells[box] = _cell_text(lines.get(box), box) or rows[i][j] or ""
    columns = _column_spans(table)
    grid = Grid([])
    for i, row in enumerate(table.rows):
        line = []
        for j, box in enumerate(row.cells):
            if box is not None:
                line.append(cells.get(box, ""))
                continue
            x = (columns[j][0] + columns[j][2]) / 2 if j < len(columns) else 0
            y = (row.bbox[1] + row.bbox[3]) / 2
            covering = next(((x0, top, x1, bottom) for (x0, top, x1, bottom) in cells
                             if x0 <= x <= x1 and top <= y <= bottom), None)
            line.append(cells[covering] if covering else "")
            if covering and covering[1] < row.bbox[1] - 1:
                grid.copies.add((i, j))  # merged down from a row above
        grid.rows.append(line)
    return grid


def _column_spans(table) -> list[tuple]:
    """Each column's narrowest cell: where the column is (a header cell merged over two
    columns, 起止日期 over the week and the date, does not widen it)."""
    out = []
    for j, column in enumerate(table.columns):
        boxes = [row.cells[j] for row in table.rows if j < len(row.cells) and row.cells[j] is not None]
        out.append(min(boxes, key=lambda b: b[2] - b[0]) if boxes else column.bbox)
    return out


def _cell_lines(table) -> dict[tuple, list[list[dict]]]:
    """The characters in each cell of the table, line by line."""
    rows = [[box for box in row.cells if box is not None] for row in table.rows]
    tops = [row.bbox[1] for row in table.rows]
    x0, top, x1, bottom = table.bbox
    found: dict[tuple, list[dict]] = {}
    for ch in table.page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom) or not ch["text"].strip():
            continue
        row = bisect.bisect_right(tops, cy) - 1  # its row's cells, or one merged down from above
        box = next((b for k in range(row, -1, -1) for b in rows[k]
                    if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        if box is not None:
            found.setdefault(box, []).append(ch)
    out: dict[tuple, list[list[dict]]] = {}
    for box, chars in found.items():
        lines: list[list[dict]] = []
        for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
            if lines and abs(ch["top"] - lines[-1][0]["top"]) < 0.5 * ch.get("size", 10):
                lines[-1].append(ch)
            else:
                lines.append([ch])
        out[box] = [sorted(line, key=lambda c: c["x0"]) for line in lines]
    return out


def _cell_text(lines: list[list[dict]] | None, box: tuple) -> str:
    """A cell's text: a line that fills the cell's width (no room left for another character)
    goes on in the next line (wrapped by the cell), another ends there (the names of a list a
    line, or a paragraph's end)."""
    if not lines:
        return ""
    left = min(line[0]["x0"] for line in lines) - box[0]  # the cell's padding
    out = ""
    for k, line in enumerate(lines):
        text = _line_text(line)
        size = line[-1].get("size", 10)
        out += text
        if k + 1 < len(lines) and line[-1]["x1"] < box[2] - left - size:  # room for one more character
            out += "\n"
    return out


def _line_text(line: list[dict]) -> str:
    """A line's characters; a gap of a quarter of a character or more between two is the space the
    text layer leaves out (县教体局 各相关乡镇政府: two names in one cell)."""
    out = ""
    for before, ch in zip([None] + line, line):
        if before is not None and ch["x0"] - before["x1"] >= 0.25 * ch.get("size", 10):
            out += " "
        out += ch["text"]
    return out
