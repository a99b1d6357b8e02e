"""Checks on a workbook before any parser sees it: bombs, XML entities, oversized sheets.

Sizes in the zip directory are checked first; then every XML part is inflated (with a cap, so a
part that lies about its size cannot run away) and searched for DOCTYPE/ENTITY declarations,
which no spreadsheet program writes and which entity-expansion attacks need; and every sheet is
sized (toolkit.intake.span), since the reader would build it as one dense block in memory.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import struct
import zipfile
import zlib

from toolkit.intake import sniff, span
from toolkit.intake.bytesearch import holds
from toolkit.intake.formulas import odd_cells
from toolkit.intake.limits import Limits
from toolkit.intake.problems import FileRejected

XML_SUFFIXES = (".xml", ".rels", ".vml")
DANGEROUS = (b"<!DOCTYPE", b"<!ENTITY")
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length


def bomb(detail: str) -> FileRejected:
    return FileRejected(
        f"文件异常：{detail}，疑似压缩炸弹，未读取",
        "请用 Excel 打开原表格核对后另存为 .xlsx 重新报送",
    )


def broken() -> FileRejected:
    return FileRejected(
        "文件已损坏，无法打开",
        "请用 Excel 打开原表格确认能正常显示，再另存为 .xlsx 重新报送",
    )


def reader_failed(timed_out: bool, seconds: float) -> FileRejected:
    """A file whose reading ended the reader process, or did not end in time."""
    what = (f"读取超过 {seconds:g} 秒仍未完成" if timed_out
            else "读取时读取程序异常终止（超出内存限制或文件结构异常）")
    return FileRejected(f"文件异常：{what}，疑似经过特殊构造或已损坏，未读取",
                        "请用 Excel 打开原表格核对后另存为 .xlsx 重新报送")


def too_far(sheet: str, cell: str) -> FileRejected:
    where = f"工作表“{sheet}”" if sheet else "有工作表"
    return FileRejected(
        f"{where}的内容一直延伸到 {cell} 单元格，表格范围过大，未读取",
        "请在 Excel 中按 Ctrl+End 找到该处，删除多余的内容后另存为 .xlsx 重新报送",
        sheet=sheet, cell=cell,
    )


def check_xls(data: bytes, limits: Limits) -> None:
    """Raise FileRejected when an .xls workbook claims or covers an oversized sheet."""
    try:
        streams = sniff.Ole(data).streams({"workbook", "book"})
    except sniff.OLE_ERRORS:
        raise broken() from None
    if not streams:
        raise broken()
    if max(map(span.xls_bound, streams)) > limits.max_cells:
        raise FileRejected(
            "文件中记录的表格范围异常（超出 Excel 的行列范围或过大），疑似已损坏，未读取",
            "请用 Excel 或 WPS 打开后另存为 .xlsx 重新报送",
        )


def check_container(data: bytes, limits: Limits, infos: list | None = None) -> dict:
    """Raise FileRejected when the zip holding a workbook is unsafe, broken or oversized.

    `infos` is the zip directory when the caller has read it already. Returns the formula and
    error cells of each worksheet, by sheet name (formulas.odd_cells).
    """
    if infos is None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
        except Exception:  # noqa: BLE001 - zipfile raises assorted errors on hostile input
            raise broken() from None
    _check_directory(infos, limits)
    budget = limits.max_uncompressed_bytes
    odd: dict[str, dict] = {}
    for info in infos:
        text = inflate(data, info, budget)  # every part: a sheet may be stored under any name
        budget -= len(text)
        if _xml(info.filename, text):
            if holds(text, b"<!", 1) and any(d in text for d in DANGEROUS):
                raise FileRejected(
                    f"文件含有不安全的 XML 声明（{info.filename}），疑似 XML 实体炸弹，未读取",
                    "请用 Excel 新建或打开原表格后另存为 .xlsx 重新报送",
                )
            _check_cells(data, infos, info.filename, text, limits)
            if b"sheetData" in text:
                cells = odd_cells(text)
                if cells:
                    odd[_sheet_name(data, infos, info.filename)] = cells
    return odd


def _check_cells(data: bytes, infos, part: str, text: bytes, limits: Limits) -> None:
    """Refuse a part the reader would turn into a huge block of memory."""
    head = text[:4096]
    if b"sst" in head and (b"<sst" in head or b":sst" in head) and span.shared_strings_lie(text):
        raise broken()
    if b"<table:table" in text:  # OpenDocument
        cells, far, sheet = span.ods_span(text)
    elif b"sheetData" in text and span.xlsx_bound(text) > limits.max_cells:
        (cells, far), sheet = span.xlsx_span(text), ""
    else:
        return
    if cells > limits.max_cells:
        raise too_far(sheet or _sheet_name(data, infos, part), far)


def _xml(name: str, text: bytes) -> bool:
    """Whether a part is XML, by its name or, for a part stored under another name, by what it
    holds (what a reader follows is the workbook's relationships, not the part's name)."""
    return name.lower().endswith(XML_SUFFIXES) or text.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


_TAG = re.compile(rb"<(?:[\w.-]+:)?(sheet|Relationship)\s([^>]*)>")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _sheet_name(data: bytes, infos, part: str) -> str:
    """The name the workbook gives the sheet stored in `part`; "" when it cannot be told."""
    try:
        book = next(i for i in infos if i.filename.lower().endswith("workbook.xml"))
        rels = next(i for i in infos if i.filename.lower().endswith("workbook.xml.rels"))
        targets = {}
        for _, attrs in _tags(inflate(data, rels, 1 << 20), b"Relationship"):
            target = attrs.get(b"Target", "")
            folder = posixpath.dirname(book.filename)
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            targets[attrs.get(b"Id", "")] = posixpath.normpath(path)
        for _, attrs in _tags(inflate(data, book, 1 << 20), b"sheet"):
            rid = next((v for k, v in attrs.items() if k.split(b":")[-1] == b"id"), "")
            if targets.get(rid) == part:
                return attrs.get(b"name", "")
    except (StopIteration, FileRejected):
        pass
    return ""


def _tags(text: bytes, wanted: bytes):
    for match in _TAG.finditer(text):
        if match.group(1) == wanted:
            attrs = {m.group(1): html.unescape((m.group(2) or m.group(3) or b"").decode(
                "utf-8", "replace")) for m in _ATTR.finditer(match.group(2))}
            yield wanted, attrs


def _check_directory(infos, limits: Limits) -> None:
    if len(infos) > limits.max_parts:
        raise bomb(f"包含 {len(infos)} 个部件")
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        raise bomb(f"解压后达 {total // (1024 * 1024)} MB")
    for info in infos:
        if info.flag_bits & 0x1:
            raise broken()
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise bomb(f"部件 {info.filename} 压缩比达 {ratio:.0f} 倍")


def inflate(data: bytes, info: zipfile.ZipInfo, cap: int) -> bytes:
    """One part's content, inflated straight from the package bytes, at most `cap` bytes."""
    try:
        signature, name_len, extra_len = LOCAL_HEADER.unpack_from(data, info.header_offset)
    except struct.error:
        raise broken() from None
    if signature != b"PK\x03\x04":
        raise broken()
    start = info.header_offset + LOCAL_HEADER.size + name_len + extra_len
    raw = data[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, cap + 1)
        except zlib.error:
            raise broken() from None
        if len(out) > cap:
            raise bomb("解压后超过大小限制")
    else:
        raise broken()
    if len(out) != info.file_size:
        raise broken()  # truncated, or a part that lies about its size
    return out
