"""Checks on a workbook's zip container before any parser sees it: bombs and XML entities.

Sizes in the zip directory are checked first; then every XML part is inflated (with a cap, so a
part that lies about its size cannot run away) and searched for DOCTYPE/ENTITY declarations,
which no spreadsheet program writes and which entity-expansion attacks need.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from toolkit.collect.limits import Limits
from toolkit.collect.problems import FileRejected

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


def check_container(data: bytes, limits: Limits, infos: list | None = None) -> None:
    """Raise FileRejected when the zip holding a workbook is unsafe or broken.

    `infos` is the zip directory when the caller has read it already.
    """
    if infos is None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
        except Exception:  # noqa: BLE001 - zipfile raises assorted errors on hostile input
            raise broken() from None
    _check_directory(infos, limits)
    budget = limits.max_uncompressed_bytes
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            text = _inflate(data, info, budget)
            budget -= len(text)
            if b"<!" in text and any(d in text for d in DANGEROUS):
                raise FileRejected(
                    f"文件含有不安全的 XML 声明（{info.filename}），疑似 XML 实体炸弹，未读取",
                    "请用 Excel 新建或打开原表格后另存为 .xlsx 重新报送",
                )


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


def _inflate(data: bytes, info: zipfile.ZipInfo, cap: int) -> bytes:
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
