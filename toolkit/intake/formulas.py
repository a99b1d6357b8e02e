"""Cells that are not what they seem: formulas, error values and negative numbers, read from a
sheet's XML.

python-calamine gives a cell's cached value only: a formula saved without its result (files
written by other programs) and a cached error (#DIV/0!, #N/A, #REF!) both come out blank, a
formula that takes its figure from another workbook (an external link) looks like a typed
number, and a negative number in a cell formatted as a date comes out as a time of day (-5 as
00:00, -0.5 as 12:00): the number typed is kept here as the cell's `cached` value. The checks
run on the XML the safety checks inflate anyway, and only on sheets that hold a formula, an
error or a negative number at all.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from toolkit.intake.bytesearch import holds


class OddCell(NamedTuple):
    formula: str  # without the leading "=", "" for a typed error value
    cached: str | None  # the saved result, None when the file holds none
    error: str  # "#DIV/0!" and the like, "" when the cell is not an error

    @property
    def external(self) -> bool:
        """Whether the formula reads another workbook ([1]Sheet1!A1, 'C:\\[报表.xlsx]表'!A1)."""
        return bool(_EXTERNAL.search(self.formula))


_CELL = re.compile(rb"""<(?:\w+:)?c\s((?:[^>"'/]|"[^"]*"|'[^']*'|/(?!>))*)(?:/>|>(.*?)</(?:\w+:)?c>)""",
                   re.S)
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]+\d+)["']""")
_ERROR_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["']e["']""")
_FORMULA = re.compile(rb"""<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>(.*?)</(?:\w+:)?f>)""", re.S)
_VALUE = re.compile(rb"""<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>""", re.S)
_EXTERNAL = re.compile(r"\[[^\]]+\][^!]*!")


def odd_cells(sheet_xml: bytes) -> dict[str, OddCell]:
    """Address -> OddCell for every formula or error cell of one worksheet part."""
    if not _may_hold(sheet_xml):
        return {}
    found = {}
    for match in _CELL.finditer(sheet_xml):
        attrs, body = match.group(1), match.group(2) or b""
        formula = _FORMULA.search(body)
        is_error = bool(_ERROR_TYPE.search(attrs))
        if formula is None and not is_error and not _negative(attrs, body):
            continue
        ref = _REF.search(attrs)
        if ref is None:
            continue
        value = _VALUE.search(body)
        cached = _text(value.group(1)) if value else None
        found[ref.group(1).decode().upper()] = OddCell(
            _text(formula.group(1) or b"") if formula else "",
            cached if cached else None,
            (cached or "#N/A") if is_error else "",
        )
    return found


def _may_hold(xml: bytes) -> bool:
    """A quick look for a formula (<f>…</f>, also with a prefix) or a negative number: plain
    searches, since each pass over every sheet costs more than a percent of a run (a regular
    expression, a tenth). A cached error is a formula's result; an error typed without one
    reads as a blank cell. Each is found through its rarer byte (bytesearch): the f (a few
    dozen in a sheet's XML, where '>' ends every tag) and the dash of a negative number."""
    return holds(xml, b"f>") or holds(xml, b"v>-", 2)


_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["'](\w+)["']""")


def _negative(attrs: bytes, body: bytes) -> bool:
    """A number cell (no type, or n) whose stored value is negative."""
    if b"v>-" not in body:
        return False
    kind = _TYPE.search(attrs)
    return kind is None or kind.group(1) == b"n"


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace")).strip()
