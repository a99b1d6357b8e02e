"""Helpers shared by the tests of every stage (the one module tests import helpers from).

- the small hand-built plan (make_small_plan) behind the `small_plan` fixture;
- real assignment workbooks filled in the way a clerk's spreadsheet program saves them, and a
  corpus of bad or odd returned files (nothing here is committed as binary);
- reading an assignment workbook back and recomputing its signature;
- a round recorded in the store (store_round), a hand-built consolidation for the summary;
- another process holding the master's lock.
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from toolkit.books.form.writer import write_assignment
from toolkit.books.form import layout as F
from toolkit.model.returns import Consolidation, FigureAnswer, Submission, TaskAnswer
from toolkit.rules.measures import COUNT, unit_family
from toolkit.model.plan import (
    AGG_LEAD,
    AGG_SUM,
    AT_LEAST,
    AT_MOST,
    KIND_COLLEGE,
    KIND_COUNTY,
    KIND_OFFICE,
    Allocation,
    Group,
    Indicator,
    Plan,
    PlanMeta,
    Round,
    Section,
    Settings,
    Task,
    Unit,
)
from toolkit.model.returns import Answer, FileRecord
from toolkit.store import Store
from toolkit.common.stable import freeze_zip
from toolkit.vocab import USED

JIA, YI, BING = "甲县教育局", "乙县教育局", "丙区教育局"


# --- the small plan ----------------------------------------------------------------------------
def make_small_plan() -> Plan:
    """Two sections, four tasks, two groups, three indicators, one allocation."""
    counties = ["甲县教育局", "乙县教育局", "丙区教育局"]
    colleges = ["某某学院"]
    units = [
        Unit("办公室", KIND_OFFICE),
        Unit("发展规划科", KIND_OFFICE, aliases=["规划科"]),
        Unit("职成科", KIND_OFFICE),
    ]
    units += [Unit(c, KIND_COUNTY, groups=["各县(市、区)教育局"]) for c in counties]
    units += [Unit(c, KIND_COLLEGE, groups=["各高校"]) for c in colleges]
    groups = [
        Group("各县(市、区)教育局", counties),
        Group("各高校", colleges),
    ]
    sections = [Section("一", "加强党的建设"), Section("二", "增强教育获得感")]
    tasks = [
        Task(1, "一", "强化理论学习", "1.强化理论学习。组织开展学习。", "责任单位:办公室",
             ["办公室"]),
        Task(2, "二", "扩大学前教育资源",
             "2.扩大学前教育资源。计划新增学位900个，争取省级以上补助资金0.9亿元以上。",
             "责任单位:发展规划科,各县(市、区)教育局", ["发展规划科", "各县(市、区)教育局"]),
        Task(3, "二", "控制大班额", "3.控制大班额。义务教育“大班额”控制在2%以内。",
             "责任单位:发展规划科、各县(市、区)教育局", ["发展规划科", "各县(市、区)教育局"]),
        Task(4, "二", "促进就业", "4.促进就业。力争毕业生就业率达95%以上。",
             "责任单位:职成科,各高校", ["职成科", "各高校"]),
    ]
    indicators = [
        Indicator(2, 1, "新增学位", 900, "个", AT_LEAST, False, "", "计划新增学位900个",
                  AGG_SUM),
        Indicator(2, 2, "争取省级以上补助资金", 0.9, "亿元", AT_LEAST, True, "",
                  "争取省级以上补助资金0.9亿元以上", AGG_SUM),
        Indicator(3, 1, "义务教育“大班额”", 2, "%", AT_MOST, False, "",
                  "义务教育“大班额”控制在2%以内", AGG_LEAD),
        Indicator(4, 1, "毕业生就业率", 95, "%", AT_LEAST, True, "", "力争毕业生就业率达95%以上",
                  AGG_LEAD),
    ]
    allocations = [
        Allocation("I2-1", "甲县教育局", 400),
        Allocation("I2-1", "乙县教育局", 300),
        Allocation("I2-1", "丙区教育局", 200),
    ]
    settings = Settings(
        year=2020,
        title="某市教育局2020年工作要点",
        rounds=[
            Round("一季度", date(2020, 4, 10), 0.25),
            Round("半年", date(2020, 7, 10), 0.5),
            Round("三季度", date(2020, 10, 10), 0.75),
            Round("年终", date(2020, 12, 25), 1.0),
        ],
        contact="办公室 张三 0598-1234567",
    )
    meta = PlanMeta("某市教育局2020年工作要点", "某市教育局", 2020, "某教〔2020〕1号", "2020-02-22")
    return Plan(meta, sections, tasks, indicators, units, groups, allocations, settings)



# --- filled forms and bad files ------------------------------------------------------------------
UNIT = "甲县教育局"  # in make_small_plan(): tasks T2, T3; indicators I2-1 (400 个), I2-2, I3-1
RECEIVED = datetime(2020, 12, 20, 9, 30)  # before the 年终 due date 2020-12-25


def today() -> datetime:
    """Midnight of the day it is asked on: a run that crosses midnight gets the day the forms were made."""
    return datetime.combine(date.today(), time())


def good_answers(plan, unit: str) -> tuple[dict, dict, dict]:
    """Answers that raise no problem: (tasks by key, figures by key, 填报信息)."""
    tasks = {
        row["key"]: {"status": "推进中", "progress": 60,
                     "narrative": f"{unit}已推进{row['title']}。", "problems": "",
                     "next_steps": "继续推进。"}
        for row in F.task_rows(plan, unit)
    }
    figures = {}
    for row in F.figure_rows(plan, unit):
        whole = unit_family(row["unit"]) == COUNT  # a fractional count is implausible
        figures[row["key"]] = {"actual": round(row["target"] * 0.8, 0 if whole else 4), "note": ""}
    # filled in today: a 填报日期 before the forms were issued (today) would be a problem
    info = {"reporter": "李四", "phone": "0598-7654321", "date": today()}
    return tasks, figures, info


def blank_form(plan, unit: str, round_name: str, path: Path) -> Path:
    write_assignment(plan, unit, round_name, path)
    return path


def header_row(ws) -> int:
    for row in range(1, 30):
        if ws.cell(row, 1).value == F.KEY_HEADER:
            return row
    raise AssertionError(f"no {F.KEY_HEADER} header in {ws.title}")


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
    for sheet, spec, answers in ((F.SHEET_TASKS, F.TASK_COLUMNS, tasks),
                                 (F.SHEET_FIGURES, F.FIGURE_COLUMNS, figures)):
        ws = wb[sheet]
        cols, rows = columns(ws, spec), rows_by_key(ws)
        for key, values in answers.items():
            for name, value in values.items():
                type_in(ws.cell(rows[key], cols[name]), value)
    ws = wb[F.SHEET_INFO]
    labels = {label: name for label, name, _ in F.INFO_ROWS}
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


def renamed_part(workbook: bytes, part: str, new_name: str) -> bytes:
    """The same package with one part stored under another name, the workbook's relationships
    and content types following it (a reader follows those, not the name)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    members = {i.filename: source.read(i) for i in source.infolist()}
    members[new_name] = members.pop(part)
    old, new = part.rsplit("/", 1)[-1].encode(), new_name.rsplit("/", 1)[-1].encode()
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        members[name] = members[name].replace(old, new)
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


# --- an assignment workbook read back ------------------------------------------------------------
def read_meta(rows: list[list]) -> tuple[dict, list[tuple[str, str, str]]]:
    """The _workplan sheet's key/values and its table, from rows of cell values."""
    n = len(F.META_KEYS)
    meta = {str(r[0]): "" if r[1] is None else str(r[1]) for r in rows[:n]}
    assert all(v in (None, "") for v in rows[n][:3]), "a blank row follows the key/values"
    assert tuple(rows[n + 1][:3]) == F.META_TABLE_HEADER
    table = [tuple(str(v) for v in r[:3]) for r in rows[n + 2:] if r and r[0] not in (None, "")]
    return meta, table


def table_rows(rows: list[list], columns) -> list[dict]:
    """The data rows of 任务清单 or 指标填报 as {field: value}, found by the header row."""
    header = [str(v) for v in rows[F.HEADER_ROW - 1][: len(columns)]]
    assert header == [h for h, _, _ in columns]
    fields = [f for _, f, _ in columns]
    out = []
    for row in rows[F.FIRST_DATA_ROW - 1:]:
        if row and row[0] not in (None, ""):
            out.append({f: row[i] if i < len(row) else None for i, f in enumerate(fields)})
    return out


def calamine_rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def openpyxl_rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def recompute_signature(rows_by_sheet: dict[str, list[list]], plan) -> tuple[dict, list, str]:
    """What the collection stage does: fingerprint the visible locked cells, sign them with
    the plan's key."""
    meta, table = read_meta(rows_by_sheet[F.SHEET_META])
    seen = {}
    for sheet, columns in ((F.SHEET_TASKS, F.TASK_COLUMNS),
                           (F.SHEET_FIGURES, F.FIGURE_COLUMNS)):
        for row in table_rows(rows_by_sheet[sheet], columns):
            seen[row["key"]] = F.fingerprint(row, F.locked_fields(columns))
    fingerprints = [seen.get(key, "") for key, _, _ in table]
    return meta, table, F.signature(meta, fingerprints, F.signing_key(plan))


def all_calamine_rows(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}



# --- rounds in the store, consolidations ---------------------------------------------------------
TASK_FIELDS = ("status", "progress", "narrative", "problems", "next_steps")


def store_round(master: Path, consolidation: Consolidation, output: Path | None = None) -> Store:
    """Record `consolidation` in the store beside `master` as a complete collection run: one
    file per unit that answered, every answer as collected. Stages run alone read it back."""
    answers: list[Answer] = []
    units: dict[str, None] = {}
    for t in consolidation.tasks:
        units[t.unit] = None
        answers += [Answer(f"sha-{t.unit}", t.unit, f"T{t.task}", name, getattr(t, name),
                           getattr(t, name), "") for name in TASK_FIELDS]
    for f in consolidation.figures:
        units[f.unit] = None
        answers += [Answer(f"sha-{f.unit}", f.unit, f.indicator, name, getattr(f, name),
                           getattr(f, name), "") for name in ("actual", "note", "flag")]
    records = [FileRecord(f"{u}.xlsx", f"/inbox/{u}.xlsx", f"sha-{u}", "2020-12-20 09:00:00",
                          u, consolidation.round, USED, True) for u in units]
    store = Store.beside(master)
    out = output or master.parent / "汇总表.xlsx"
    run = store.record_collection(consolidation.round, master.parent, out, {}, records, answers)
    store.complete_run(run)
    return store


def summary_fig(key, unit, actual, note=""):
    return FigureAnswer(key, int(key[1:].split("-")[0]), unit, "", None, actual, note)


def summary_consolidation(round_name="年终") -> Consolidation:
    return Consolidation(
        round_name,
        submissions=[Submission("办公室", "已报送", received="2020-12-20 09:30", reporter="张三"),
                     Submission("发展规划科", "已报送"), Submission(JIA, "已报送"),
                     Submission(YI, "有问题", problems=2), Submission(BING, "逾期")],
        tasks=[
            TaskAnswer(1, "办公室", "牵头", "已完成", 100, "全年组织集中学习12次，\n开展专题研讨4次",
                       "学习形式还不够丰富。", "创新学习形式。"),
            TaskAnswer(2, "发展规划科", "牵头", "已完成", 100, "新建公办幼儿园3所。", "无",
                       "继续推进学前教育项目。"),
            TaskAnswer(2, JIA, "配合", "已完成", 100, "新增学位420个<含民办>。", "项目用地紧张。"),
            TaskAnswer(2, BING, "配合", "已完成", 100, "项目已竣工。", "项目用地紧张"),
            TaskAnswer(3, "发展规划科", "牵头", "推进中", 60, "制定消除大班额计划。"),
        ],
        figures=[
            summary_fig("I2-1", JIA, 420), summary_fig("I2-1", YI, 330), summary_fig("I2-1", BING, 168),
            summary_fig("I2-2", JIA, 0.3), summary_fig("I2-2", YI, 3500, "单位：万元"), summary_fig("I2-2", BING, 0.3),
            summary_fig("I3-1", "发展规划科", 1.6),
        ],
    )



# --- another process -----------------------------------------------------------------------------
@contextmanager
def lock_held_elsewhere(master: Path, what: str):
    """Another process holding the master's lock (as a batch run or an Excel click would)."""
    code = ("import sys, time; from toolkit.common.lock import stage_lock\n"
            "with stage_lock(sys.argv[1], sys.argv[2]):\n"
            "    print('held', flush=True); time.sleep(30)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(master), what],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        yield
    finally:
        other.kill()
        other.wait()


def set_saved(path: Path, modified: str, created: str = "2020-12-01T08:00:00Z") -> None:
    """Stamp a workbook's docProps/core.xml as if the unit saved it at `modified` (ISO, UTC)
    a form issued at `created`: what Excel, WPS and LibreOffice write on saving."""
    freeze_zip(path, created)
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              lambda m: m.group(1) + modified.encode() + m.group(2), data)
            zout.writestr(info, data)


def set_setting(master, label: str, value) -> None:
    """Type `value` into the master's 设置 row labelled `label`, as an administrator would."""
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    ws.cell(row, 2).value = value
    book.save(master)


def summarised(plan, consolidation, round_name, out_dir, *args, **kwargs):
    """The summary stage on a consolidation: checked for `round_name`, then rendered."""
    from toolkit.check import evaluate
    from toolkit.summary import render_summary

    evaluation = evaluate(plan, consolidation, round_name)
    return render_summary(plan, consolidation, evaluation, out_dir, *args, **kwargs)
