"""Finding the assignment form's tables in a returned workbook, by headers rather than positions.

The layout is the one in toolkit.books.form.layout; rows may have been inserted above a table,
columns moved or sheets renamed, so headers and labels are searched for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from toolkit.intake.reader import RawBook
from toolkit.books.form import layout as F
from toolkit.rules.cells import column_letter, text_of

HEADER_SEARCH_ROWS = 30
LABEL_SEARCH_ROWS = 40
# An input header a table must have to be recognised without its sheet name.
SIGNATURE_FIELDS = {F.SHEET_TASKS: "status", F.SHEET_FIGURES: "actual"}


class Addresses(Mapping):
    """field -> cell address such as "H5" for one row, computed only when asked for.

    `letters`: field -> column letters, made once for the table and shared by
    its rows."""

    def __init__(self, letters: dict[str, str], row: int):
        self._columns = letters
        self._row = row

    def __getitem__(self, name: str) -> str:
        return f"{self._columns[name]}{self._row}"

    def get(self, name: str, default=None):
        letters = self._columns.get(name)  # as Mapping.get, without its KeyError
        return default if letters is None else f"{letters}{self._row}"

    def __contains__(self, name) -> bool:
        return name in self._columns

    def __iter__(self):
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


@dataclass
class FormRow:
    key: str  # the row key in column 行键, "" when absent
    row: int  # 1-based spreadsheet row
    values: dict[str, Any]  # field -> value, None when blank
    cells: Mapping[str, str]  # field -> address such as "H5"


@dataclass
class Table:
    sheet: str
    columns_spec: list
    header_row: int  # 1-based
    columns: dict[str, int]  # field -> 0-based column
    rows: list[FormRow] = field(default_factory=list)
    instead_of: str = ""  # the form's own sheet, left blank while this copy of it was filled
    cut_at: int = 0  # the last row read when the sheet goes on beyond the reading limit

    @property
    def has_keys(self) -> bool:
        return "key" in self.columns


@dataclass
class Meta:
    sheet: str
    values: dict[str, str]
    table: list[tuple[str, str, str]]  # (row key, sheet, fingerprint)


@dataclass
class Form:
    tasks: Table | None
    figures: Table | None
    info: dict[str, tuple[Any, str]]  # field -> (value, address)
    info_sheet: str
    meta: Meta | None
    odd: dict = field(default_factory=dict)  # sheet -> address -> formulas.OddCell


@lru_cache(maxsize=4096)
def normal_header(text) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s*]", "", text)


def _base(header: str) -> str:
    return normal_header(header).split("(")[0]


def clean(value):
    """A calamine cell value as the checks want it: None for blank, tidy line ends."""
    if value.__class__ is not str:
        return value
    if "\r" in value or "_x000D_" in value:
        value = value.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return value if value.strip() else None


def _match_columns(cells: list, spec) -> dict[str, int]:
    exact = {normal_header(h): f for h, f, _ in spec}
    bases = [(_base(h), f) for h, f, _ in spec]
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        text = normal_header(cell)
        name = exact.get(text)
        if name is None:
            name = next((f for b, f in bases if len(b) >= 2 and text.startswith(b)), None)
        if name is not None and name not in columns:
            columns[name] = index
    return columns


def _header(rows: list[list], spec) -> tuple[int, dict[str, int]] | None:
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _match_columns(cells, spec)
        keyed = cells and isinstance(cells[0], str) and cells[0].strip() == F.KEY_HEADER
        if keyed or len(columns) >= 3:
            return index, columns
    return None


def _table(book: RawBook, sheet: str, spec) -> Table | None:
    found = _header(book.rows(sheet), spec)
    if found is None:
        return None
    index, columns = found
    table = Table(sheet, spec, index + 1, columns)
    items = list(columns.items())
    letters = {f: column_letter(c) for f, c in items}
    rows = book.rows(sheet)
    if book.cut(sheet):
        table.cut_at = len(rows)
    for r, cells in enumerate(rows[index + 1 :], start=index + 2):
        width = len(cells)
        values = {f: clean(cells[c]) if c < width else None for f, c in items}
        if all(v is None for v in values.values()):
            continue
        key = values.get("key")
        key = str(key).strip() if key is not None else ""
        table.rows.append(FormRow(key, r, values, Addresses(letters, r)))
    return table


def find_table(book: RawBook, wanted: str, spec) -> Table | None:
    """The table of sheet `wanted`, or of another sheet that has its headers: a renamed sheet,
    or a copy (任务清单 (2)) filled in while the original was left blank."""
    sheet = book.find(wanted)
    named = _table(book, sheet, spec) if sheet is not None else None
    if named is not None and _answered(named):
        return named
    needed = SIGNATURE_FIELDS[wanted]
    for name in book.names:
        if name == sheet or book.visibility.get(name) != "visible":
            continue
        table = _table(book, name, spec)
        if table is not None and needed in table.columns and (named is None or _answered(table)):
            table.instead_of = sheet if named is not None else ""
            return table
    return named


def _answered(table: Table) -> bool:
    inputs = [f for _, f, locked in table.columns_spec if not locked and f in table.columns]
    return any(row.values.get(f) is not None for row in table.rows for f in inputs)


_INFO_LABELS = {normal_header(label): f for label, f, _ in F.INFO_ROWS}
_INFO_BASES = [(_base(label), f) for label, f, _ in F.INFO_ROWS]


def _info_labels(book: RawBook, sheet: str):
    """(1-based row, field, cells) of each row whose column A is a 填报信息 label."""
    for r, cells in enumerate(book.rows(sheet)[:LABEL_SEARCH_ROWS], start=1):
        if not cells or not isinstance(cells[0], str):
            continue
        text = normal_header(cells[0]).rstrip(":：")
        name = _INFO_LABELS.get(text) or next((f for b, f in _INFO_BASES if text.startswith(b)), None)
        if name:
            yield r, name, cells


def _renamed_info_sheet(book: RawBook) -> str | None:
    """A renamed 填报信息: the visible sheet labelled with 填报人 and 联系电话 in column A."""
    for name in book.names:
        if book.visibility.get(name) == "visible" and {"reporter", "phone"} <= {
            field for _, field, _ in _info_labels(book, name)
        }:
            return name
    return None


def read_info(book: RawBook) -> tuple[dict[str, tuple[Any, str]], str]:
    """填报信息: label in column A, value in column B, found by label (and renamed sheets by
    their labels)."""
    sheet = book.find(F.SHEET_INFO) or _renamed_info_sheet(book)
    if sheet is None:
        return {}, ""
    info: dict[str, tuple[Any, str]] = {}
    for r, name, cells in _info_labels(book, sheet):
        if name not in info:
            info[name] = (clean(cells[1]) if len(cells) > 1 else None, f"B{r}")
    return info, sheet


def read_meta(book: RawBook) -> Meta | None:
    """The very hidden sheet's key/value pairs and row fingerprints, or None if it is gone."""
    sheet = book.find(F.SHEET_META)
    if sheet is None:
        return None
    rows = book.rows(sheet)
    values: dict[str, str] = {}
    index = 0
    while index < len(rows) and _text(rows[index], 0):
        values[_text(rows[index], 0)] = _text(rows[index], 1)
        index += 1
    table: list[tuple[str, str, str]] = []
    header = tuple(F.META_TABLE_HEADER)
    started = False
    for cells in rows[index:]:
        triple = (_text(cells, 0), _text(cells, 1), _text(cells, 2))
        if not started:
            started = triple == header
            continue
        if triple[0]:
            table.append(triple)
    if "unit" not in values:
        return None
    return Meta(sheet, values, table)


def _text(cells: list, index: int) -> str:
    return text_of(cells[index]) if index < len(cells) else ""


def read_form(book: RawBook) -> Form:
    tasks = find_table(book, F.SHEET_TASKS, F.TASK_COLUMNS)
    figures = find_table(book, F.SHEET_FIGURES, F.FIGURE_COLUMNS)
    info, info_sheet = read_info(book)
    return Form(tasks, figures, info, info_sheet, read_meta(book), book.odd)
