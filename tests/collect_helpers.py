"""Builders for the collection tests: real assignment workbooks filled in the way a clerk's
spreadsheet program saves them, and a corpus of bad or odd returned files.

Forms come from toolkit.assign.write_assignment (the real generator); answers are typed in with
openpyxl, as numbers, text or dates like Excel stores them. Nothing here is committed as binary.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl

from toolkit.assign import write_assignment
from toolkit.common import forms

UNIT = "甲县教育局"  # in make_small_plan(): tasks T2, T3; indicators I2-1 (400 个), I2-2, I3-1
RECEIVED = datetime(2020, 12, 20, 9, 30)  # before the 年终 due date 2020-12-25
TODAY = datetime.combine(date.today(), time())


def good_answers(plan, unit: str) -> tuple[dict, dict, dict]:
    """Answers that raise no problem: (tasks by key, figures by key, 填报信息)."""
    tasks = {
        row["key"]: {"status": "推进中", "progress": 60,
                     "narrative": f"{unit}已推进{row['title']}。", "problems": "",
                     "next_steps": "继续推进。"}
        for row in forms.task_rows(plan, unit)
    }
    figures = {}
    for row in forms.figure_rows(plan, unit):
        figures[row["key"]] = {"actual": round(row["target"] * 0.8, 4), "note": ""}
    # filled in today: a 填报日期 before the forms were issued (today) would be a problem
    info = {"reporter": "李四", "phone": "0598-7654321", "date": TODAY}
    return tasks, figures, info


def blank_form(plan, unit: str, round_name: str, path: Path) -> Path:
    write_assignment(plan, unit, round_name, path)
    return path


def header_row(ws) -> int:
    for row in range(1, 30):
        if ws.cell(row, 1).value == forms.KEY_HEADER:
            return row
    raise AssertionError(f"no {forms.KEY_HEADER} header in {ws.title}")


def columns(ws, spec) -> dict[str, int]:
    """field -> 1-based column, from the header row."""
    head = header_row(ws)
    by_header = {h: f for h, f, _ in spec}
    return {by_header[c.value]: c.column for c in ws[head] if c.value in by_header}


def rows_by_key(ws) -> dict[str, int]:
    head = header_row(ws)
    return {ws.cell(r, 1).value: r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value}


def fill_workbook(wb, tasks: dict, figures: dict, info: dict) -> None:
    """Type answers into an open workbook; a value of None leaves the cell empty."""
    for sheet, spec, answers in ((forms.SHEET_TASKS, forms.TASK_COLUMNS, tasks),
                                 (forms.SHEET_FIGURES, forms.FIGURE_COLUMNS, figures)):
        ws = wb[sheet]
        cols, rows = columns(ws, spec), rows_by_key(ws)
        for key, values in answers.items():
            for name, value in values.items():
                type_in(ws.cell(rows[key], cols[name]), value)
    ws = wb[forms.SHEET_INFO]
    labels = {label: name for label, name, _ in forms.INFO_ROWS}
    for r in range(1, 20):
        name = labels.get(ws.cell(r, 1).value)
        if name in info:
            ws.cell(r, 2).value = info[name]
            if isinstance(info[name], datetime):
                ws.cell(r, 2).number_format = "yyyy-mm-dd"


def type_in(cell, value) -> None:
    """Set a cell as a clerk's typing leaves it: text that starts with = stays text, as Excel
    keeps it in a text-formatted cell or after a leading apostrophe."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell._value = value
        cell.data_type = "s"


def returned(plan, folder: Path, name: str, *, unit: str = UNIT, round_name: str = "年终",
             tasks: dict | None = None, figures: dict | None = None, info: dict | None = None,
             edit=None, mtime: datetime = RECEIVED, blank: Path | None = None) -> Path:
    """A filled-in returned workbook: good answers, updated per key/field by the overrides.

    `edit(wb)` may change anything else (delete rows, rename sheets, ...) before saving.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source = blank or blank_form(plan, unit, round_name, folder.parent / f".blank-{unit}-{round_name}.xlsx")
    good_tasks, good_figures, good_info = good_answers(plan, unit)
    for key, values in (tasks or {}).items():
        good_tasks.setdefault(key, {}).update(values)
    for key, values in (figures or {}).items():
        good_figures.setdefault(key, {}).update(values)
    good_info.update(info or {})
    wb = openpyxl.load_workbook(source)
    fill_workbook(wb, good_tasks, good_figures, good_info)
    if edit is not None:
        edit(wb)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    set_mtime(path, mtime)
    return path


def set_mtime(path: Path, when: datetime) -> None:
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove the inputs were not touched."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- odd files ----------------------------------------------------------------------------
def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE compound file (512-byte sectors) holding the given streams."""
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    assert len(names) <= 3
    data, fat, next_sector = b"", [fat_sect, end], 2
    starts = []
    for name in names:
        body = streams[name].ljust(4096, b"\x00")  # >= cutoff: regular sectors, no mini stream
        count = -(-len(body) // 512)
        starts.append(next_sector)
        fat += [next_sector + i + 1 for i in range(count - 1)] + [end]
        next_sector += count
        data += body.ljust(count * 512, b"\x00")
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
        return (raw + struct.pack("<HBBIII", len(name) * 2 + 2, kind, 1, nostream, right, child)
                + b"\x00" * 36 + struct.pack("<IQ", start, size))

    entries = entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        entries += entry(name, 2, nostream, right, starts[i], len(streams[name]))
    directory = entries.ljust(512, b"\x00")
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)
    struct.pack_into("<IIIII", header, 0x38, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    return bytes(header) + struct.pack("<128I", *fat) + directory + data


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE file with the encrypted package."""
    return ole_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x40" * 200,
                     "EncryptedPackage": os.urandom(64)})


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """An .xlsx-looking package with one part that inflates a thousandfold."""
    return zip_bytes({
        "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
        "xl/workbook.xml": b"<?xml version='1.0'?><workbook/>",
        "xl/worksheets/sheet1.xml": b"\x00" * (40 * 1024 * 1024),
    })


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol3;</t></si></sst>"""


def replace_part(workbook: bytes, part: str, data: bytes) -> bytes:
    """The same package with one part's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    members = {i.filename: source.read(i) for i in source.infolist()}
    members[part] = data
    return zip_bytes(members)


def encrypted_member_zip(name: str, data: bytes) -> bytes:
    """A .zip whose member claims to be password protected (flag bit 0 set)."""
    raw = bytearray(zip_bytes({name: data}))
    local = raw.find(b"PK\x03\x04")
    central = raw.find(b"PK\x01\x02")
    raw[local + 6] |= 0x1
    raw[central + 8] |= 0x1
    return bytes(raw)


def unsafe_zip(name: str, data: bytes) -> bytes:
    """A .zip whose member's path leaves the archive (../)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        info = zipfile.ZipInfo(name, date_time=(2020, 12, 20, 9, 0, 0))
        zf.writestr(info, data)
    return buffer.getvalue()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
       b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
       b"\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


# --- hostile files that would make the reader build a huge sheet ----------------------------
def add_cell(workbook: bytes, part: str, cell: str, text: str = "x") -> bytes:
    """The package with one more text cell (in a row of its own) at `cell` of a sheet part."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    xml = source.read(part)
    row = "".join(ch for ch in cell if ch.isdigit())
    extra = (f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c></row>'
             .encode())
    return replace_part(workbook, part, xml.replace(b"</sheetData>", extra + b"</sheetData>"))


def lying_shared_strings(workbook: bytes, count: int = 4_000_000_000) -> bytes:
    """The package with a sharedStrings part that claims `count` strings and holds one."""
    sst = (f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           f'2006/main" count="{count}" uniqueCount="{count}"><si><t>x</t></si></sst>').encode()
    source = zipfile.ZipFile(io.BytesIO(workbook))
    types = source.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = source.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    workbook = replace_part(workbook, "xl/sharedStrings.xml", sst)
    workbook = replace_part(workbook, "[Content_Types].xml", types)
    return replace_part(workbook, "xl/_rels/workbook.xml.rels", rels)


def ods_bytes(rows_xml: str, sheet: str = "任务清单") -> bytes:
    """A minimal OpenDocument spreadsheet with one sheet of the given table rows."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{rows_xml}'
        '</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>'))
    return buffer.getvalue()


def ods_cell(text: str, repeat_columns: int = 1) -> str:
    return (f'<table:table-cell table:number-columns-repeated="{repeat_columns}" '
            f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>')


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_workbook(dimensions=(0, 2, 0, 2), cell=(1, 1)) -> bytes:
    """A minimal BIFF8 .xls (one sheet, one number at row/column `cell`) whose DIMENSIONS
    record states (first row, last row + 1, first column, last column + 1)."""
    bof = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    sheet_bof = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    name = "表1".encode("utf-16-le")
    globals_size = len(bof) + 4 + 8 + len(name) + 4  # BOF, BOUNDSHEET, EOF

    head = bof + _record(0x0085, struct.pack("<IBBBB", globals_size, 0, 0, 2, 1) + name)
    sheet = (sheet_bof + _record(0x0200, struct.pack("<IIHHH", *dimensions, 0))
             + _record(0x0203, struct.pack("<HHHd", *cell, 0, 42.0)) + _record(0x000A))
    stream = head + _record(0x000A) + sheet
    stream += _record(0x003C, b"\x00" * (4200 - len(stream)))  # past the mini-stream cut-off
    return ole_file({"Workbook": stream})


def many_parts(count: int) -> bytes:
    """An .xlsx-looking package of `count` empty parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(count):
            zf.writestr(zipfile.ZipInfo(f"{i:x}"), b"")
    return buffer.getvalue()


def mimetype_bomb(size: int) -> bytes:
    """An .ods-looking package whose mimetype part inflates to `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet" + b"\0" * size)
    return buffer.getvalue()


def replace_value(workbook: bytes, part: str, cell: str, raw: str) -> bytes:
    """The package with the stored value of a number cell replaced by `raw` (e.g. NaN)."""
    xml = zipfile.ZipFile(io.BytesIO(workbook)).read(part).decode()
    changed = re.sub(rf'(<c r="{cell}"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{raw}</v>", xml)
    assert changed != xml, f"{cell} holds no number in {part}"
    return replace_part(workbook, part, changed.encode())
