"""The rows of filled sheets, written into the sheets' XML after openpyxl has saved the rest.

openpyxl holds a worksheet as one object a cell (about 230 bytes each): a summary of a round of
20,000 units has 340,000 cells on its per-unit sheets alone. The filler therefore gives
openpyxl only what a sheet is besides its rows (columns, merged cells, conditional formats,
validations, print set-up, charts, the styles) and writes each row, as it produces it, to a
temporary file as the XML openpyxl would write (strings inline, the template cells' style
indices); once the workbook is saved, each sheet's empty <sheetData> is replaced by its rows.
No row is held in memory.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.common.no_numpy import without_numpy

with without_numpy():
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel

from toolkit.summary.shapes import Package

SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\s*/>|<(?:\w+:)?sheetData>\s*</(?:\w+:)?sheetData>")
DIMENSION = re.compile(rb"<((?:\w+:)?dimension) ref=\"[^\"]*\"")
DATES = (dt.datetime, dt.date, dt.time, dt.timedelta)
CHUNK = 1 << 16


class Formula(str):
    """A template cell's formula (`=SUM(…)`), kept as a formula; any other text is text (a
    unit's '=…' never becomes one)."""


@dataclass
class Column:
    """One cell of a template row: where it goes and the style index it keeps."""

    index: int
    letter: str
    style: int  # the workbook's cellXfs index; 0 when the template cell has no style


class SheetRows:
    """A sheet's rows as the filler produces them, in order, kept as XML in a temporary file
    until the saved workbook takes them (`write_rows`)."""

    def __init__(self, sheet: str, width: int = 1):
        self.sheet, self.width, self.last = sheet, width, 1
        self.file = tempfile.TemporaryFile()
        self._buffer: list[str] = []
        self._size = 0

    def add(self, row: int, cells: list[tuple[Column, object]], height, hidden) -> None:
        """Row `row`: its (column, value) cells, its height (None: the default) and whether
        it is hidden."""
        text = row_xml(row, cells, height, hidden)
        self._buffer.append(text)
        self._size += len(text)
        self.last = row
        if self._size > CHUNK:
            self._flush()

    def _flush(self) -> None:
        self.file.write("".join(self._buffer).encode("utf-8"))
        self._buffer, self._size = [], 0

    def copy_to(self, stream) -> None:
        self._flush()
        self.file.seek(0)
        shutil.copyfileobj(self.file, stream, CHUNK)

    def close(self) -> None:
        self.file.close()

    @property
    def dimension(self) -> str:
        return f"A1:{get_column_letter(self.width)}{self.last}"


def cell_xml(ref: str, style: int, value) -> str:
    """One <c> element as openpyxl writes it; '' for a cell with neither value nor style."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, DATES):
        value = to_excel(value)
    if isinstance(value, (int, float)):  # 16 digits, as openpyxl writes them (1.31, not
        return f'<c r="{ref}"{s} t="n"><v>{value:.16g}</v></c>'  # 1.3099999999999998)
    if isinstance(value, Formula):
        return f'<c r="{ref}"{s}><f>{_escaped(value[1:])}</f><v></v></c>'
    text = str(value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>'


def _escaped(text: str) -> str:
    """Text as XML character data, a CR kept as one (html.escape, not xml.sax.saxutils'
    escape, which gives the same but whose import pulls in urllib.request, http.client, ssl
    and email: 40 ms of every summary)."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def row_xml(row: int, cells, height, hidden) -> str:
    attrs = f' ht="{height}" customHeight="1"' if height else ""
    if hidden:
        attrs += ' hidden="1"'
    body = "".join(cell_xml(f"{col.letter}{row}", col.style, value) for col, value in cells)
    return f'<row r="{row}"{attrs}>{body}</row>'


def write_rows(target: Path, sheets: list[SheetRows]) -> None:
    """Put each sheet's rows into the workbook saved at `target` (a new file moved into place)."""
    parts = Package(target).sheets()
    by_part = {parts[s.sheet]: s for s in sheets if s.sheet in parts}
    part_file = target.with_name(target.name + ".rows")
    try:
        with zipfile.ZipFile(target) as src, \
                zipfile.ZipFile(part_file, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename in by_part:
                    _write_sheet(out, info, data, by_part[info.filename])
                else:
                    out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        os.replace(part_file, target)
    finally:
        part_file.unlink(missing_ok=True)


def _write_sheet(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes,
                 rows: SheetRows) -> None:
    found = SHEET_DATA.search(data)
    if found is None:
        raise ValueError(f"{info.filename}: no empty <sheetData> to fill")
    dimension = rows.dimension.encode()
    head = DIMENSION.sub(lambda m: b"<" + m.group(1) + b' ref="' + dimension + b'"',
                         data[: found.start()], count=1)
    entry = zipfile.ZipInfo(info.filename, info.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    with out.open(entry, "w", force_zip64=True) as stream:
        stream.write(head)
        stream.write(b"<sheetData>")
        rows.copy_to(stream)
        stream.write(b"</sheetData>")
        stream.write(data[found.end():])
