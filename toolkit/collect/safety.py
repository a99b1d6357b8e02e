"""Checks on a workbook's zip container before any parser sees it: bombs and XML entities."""

from __future__ import annotations

import io
import zipfile
import zlib

from toolkit.collect.limits import Limits
from toolkit.collect.problems import FileRejected

CHUNK = 64 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
DANGEROUS = (b"<!DOCTYPE", b"<!ENTITY")


def bomb(detail: str) -> FileRejected:
    return FileRejected(
        f"文件异常：{detail}，疑似压缩炸弹，未读取",
        "请用 Excel 打开原表格核对后另存为 .xlsx 重新报送",
    )


def check_container(data: bytes, limits: Limits) -> None:
    """Raise FileRejected when the zip holding a workbook is unsafe or broken."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_directory(infos, limits)
            budget = limits.max_uncompressed_bytes
            for info in infos:
                if info.filename.lower().endswith(XML_SUFFIXES):
                    budget -= _scan_part(zf, info, budget)
    except FileRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError):
        raise broken() from None


def broken() -> FileRejected:
    return FileRejected(
        "文件已损坏，无法打开",
        "请用 Excel 打开原表格确认能正常显示，再另存为 .xlsx 重新报送",
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


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Inflate one XML part with a cap, looking for DOCTYPE or ENTITY declarations."""
    read = 0
    tail = b""
    with zf.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                return read
            read += len(chunk)
            if read > budget:
                raise bomb("解压后超过大小限制")
            window = tail + chunk
            if b"<!" in window and any(d in window for d in DANGEROUS):
                raise FileRejected(
                    f"文件含有不安全的 XML 声明（{info.filename}），疑似 XML 实体炸弹，未读取",
                    "请用 Excel 新建或打开原表格后另存为 .xlsx 重新报送",
                )
            tail = chunk[-16:]
