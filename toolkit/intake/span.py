"""How far the cells of each sheet reach, read from the file before any parser sees it.

python-calamine builds a sheet as one dense rectangle from its first to its last non-empty cell,
and reserves memory from counts written in the file. A few hundred bytes that put one cell at A1
and another at XFD1048576, a sharedStrings part claiming four billion strings, or an .xls
DIMENSIONS record claiming every row make it ask for hundreds of gigabytes: the allocation
fails inside Rust and ends the whole process, not just the file. These checks size every sheet
first: cheaply for ordinary files (an upper bound from counts), exactly only for large ones.
"""

from __future__ import annotations

import html
import re
import struct

from toolkit.intake.bytesearch import holds
from toolkit.rules.cells import column_letter


class _Box:
    """The smallest rectangle holding the cells added so far (0-based, inclusive)."""

    def __init__(self):
        self.top = self.left = 1 << 62
        self.bottom = self.right = -1

    def add(self, top: int, bottom: int, left: int, right: int) -> None:
        self.top, self.bottom = min(self.top, top), max(self.bottom, bottom)
        self.left, self.right = min(self.left, left), max(self.right, right)

    def cells(self) -> int:
        if self.bottom < 0:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def far(self) -> str:
        """The bottom-right corner, as a spreadsheet address."""
        return f"{column_letter(self.right)}{self.bottom + 1}" if self.bottom >= 0 else ""


# --- xlsx ---------------------------------------------------------------------------------------
# A cell or row reference that may reach beyond Z999, in an attribute named r after a space
# (other white space before an attribute name sends the part to the exact count).
_FAR_REF = re.compile(rb""" r\s*=\s*["']([A-Za-z]{2,}\d*|[A-Za-z]?\d{4,})["']""")
_ODD_SPACE = (b"\tr", b"\nr", b"\rr")
# One start or end tag of a row or a cell; attribute values are quoted and may hold '>'.
_XLSX_TAG = re.compile(rb"""<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_SST = re.compile(rb"""<(?:[\w.-]+:)?sst\s((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\s*(\d+)""")


def column_number(letters: bytes) -> int:
    """1-based column of letters such as b'XFD' (16384)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def xlsx_bound(text: bytes) -> int:
    """An upper bound on the cells of a worksheet part's dense range, from a few fast scans.

    Only the cells between <sheetData> and </sheetData> are read. calamine places a cell at its
    reference, else one column right of the cell before (each ends in '</c>'); a row at its
    number, else one below the row before (each ends in '</row>'). So rows reach at most the
    largest row number written plus the rows ended, columns likewise with the cells ended;
    every count here may only overstate.
    """
    start = text.find(b"sheetData")
    if start < 0:
        return 0
    end = text.rfind(b"sheetData")
    text = text[start : end if end > start else len(text)]
    if any(holds(text, odd) for odd in _ODD_SPACE):
        return 1 << 62  # an attribute after a tab or a line break: count exactly
    rows, cols = 999, 26  # what references of one letter and up to three digits reach
    for ref in set(_FAR_REF.findall(text)):
        digits = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        rows = max(rows, int(digits or 0))
        cols = max(cols, column_number(ref[: len(ref) - len(digits)]))
    return (rows + text.count(b"row>")) * (cols + text.count(b"c>"))


def xlsx_span(text: bytes) -> tuple[int, str]:
    """(cells of the dense range, its bottom-right cell) of a worksheet part, placing cells as
    calamine does: at their own reference, else in the next column of the current row."""
    row = col = 0
    box = _Box()
    for match in _XLSX_TAG.finditer(text):
        closing, name, attrs = match.groups()
        if closing:
            if name == b"row":
                row, col = row + 1, 0
            continue
        ref = _R_ATTR.search(attrs)
        if name == b"row":
            if ref and ref.group(2):
                row = int(ref.group(2)) - 1
            continue
        if attrs.endswith(b"/"):
            continue  # <c r="XFD9"/> holds no value
        r, c = row, col
        if ref and ref.group(1):
            c = column_number(ref.group(1)) - 1
            r = int(ref.group(2)) - 1 if ref.group(2) else row
        col = c + 1
        box.add(r, r, c, c)
    return box.cells(), box.far


def shared_strings_lie(text: bytes) -> bool:
    """True when a sharedStrings part claims more strings than its bytes can hold.

    calamine reserves room for uniqueCount strings before it reads any of them.
    """
    root = _SST.search(text)
    count = _UNIQUE_COUNT.search(root.group(1)) if root else None
    return bool(count) and int(count.group(1)) > len(text) // 5 + 16


# --- ods ----------------------------------------------------------------------------------------
_ODS_TAG = re.compile(
    rb"""<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])"""
    rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>"""
)
_ROWS_REPEATED = re.compile(rb"""table:number-rows-repeated\s*=\s*["']\s*(\d+)""")
_COLS_REPEATED = re.compile(rb"""table:number-columns-repeated\s*=\s*["']\s*(\d+)""")
_TABLE_NAME = re.compile(rb"""table:name\s*=\s*"([^"]*)\"""")


def _repeats(pattern: re.Pattern, attrs: bytes) -> int:
    found = pattern.search(attrs)
    return max(1, int(found.group(1))) if found else 1


def ods_span(text: bytes) -> tuple[int, str, str]:
    """(cells, bottom-right cell, sheet name) of the largest sheet's range of non-empty cells in
    an ODS content.xml, repeated rows and columns (number-rows/columns-repeated) counted out."""
    worst, box = _Box(), _Box()
    worst_name = name_now = ""
    row = col = rows = 0
    for match in _ODS_TAG.finditer(text):
        closing, name, attrs = match.groups()
        empty = attrs.endswith(b"/")
        if name == b"table":
            if not closing:
                box, row = _Box(), 0
                found = _TABLE_NAME.search(attrs)
                name_now = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
            elif box.cells() > worst.cells():
                worst, worst_name = box, name_now
        elif name == b"table-row":
            if not closing:
                rows, col = _repeats(_ROWS_REPEATED, attrs), 0
            if closing or empty:
                row += rows
        elif not closing:  # a cell covering `reps` columns of `rows` rows
            reps = _repeats(_COLS_REPEATED, attrs)
            if not empty or b"office:value-type" in attrs:
                box.add(row, row + rows - 1, col, col + reps - 1)
            col += reps
    if box.cells() > worst.cells():  # a last table left open
        worst, worst_name = box, name_now
    return worst.cells(), worst.far, worst_name


# --- xls ----------------------------------------------------------------------------------------
DIMENSIONS, BOUNDSHEET, EOF, MULRK = 0x0200, 0x0085, 0x000A, 0x00BD
# Records that place a cell (row and column in their first four bytes), as calamine reads them:
# NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA; and MULRK, which ends with its last column.
CELL_RECORDS = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006, MULRK}


def _records(stream: bytes, start: int):
    """(type, body) of the BIFF records from `start` to the end of the stream."""
    pos = start
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _dimensions(body: bytes) -> int:
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return 0
    return (max(first_row, last_row) + 1) * (max(first_col, last_col) + 1)


def _walk(stream: bytes, start: int, stop_at_eof: bool) -> tuple[int, list[int]]:
    """(largest sheet claimed or covered by the records from `start`, BOUNDSHEET offsets)."""
    claimed, box, starts = 0, _Box(), []
    box.add(0, 0, 0, 0)  # calamine may anchor an .xls sheet at A1 whatever its first cell
    for kind, body in _records(stream, start):
        if kind == EOF and stop_at_eof:
            break
        if kind == DIMENSIONS:
            claimed = max(claimed, _dimensions(body))
        elif kind == BOUNDSHEET and len(body) >= 4:
            starts.append(struct.unpack_from("<I", body)[0])
        elif kind in CELL_RECORDS and len(body) >= 6:
            row, col = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind == MULRK else col
            box.add(row, row, min(col, last), max(col, last))
    return max(claimed, box.cells()), starts


def xls_bound(stream: bytes) -> int:
    """The largest sheet a BIFF workbook stream could make calamine build: the size a DIMENSIONS
    record claims, or the rectangle the cells cover. The records are walked as calamine walks
    them, from the start and from each sheet's BOUNDSHEET offset (all cells of a walk in one
    rectangle, on the safe side)."""
    worst, starts = _walk(stream, 0, stop_at_eof=False)
    for start in starts[:1000]:
        worst = max(worst, _walk(stream, start, stop_at_eof=True)[0])
    return worst
