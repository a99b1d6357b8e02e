"""What a file really is, from its first bytes and structure, whatever its name says."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import PurePath

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Kinds a file can be.
XLSX, XLS, ODS, XLSB, ENCRYPTED, WPS_ET = "xlsx", "xls", "ods", "xlsb", "encrypted", "et"
ZIP, WORD, SLIDES, PDF, IMAGE, OTHER_ARCHIVE = "zip", "word", "slides", "pdf", "image", "archive"
TEXT, HTML, EMPTY, UNKNOWN, BROKEN = "text", "html", "empty", "unknown", "broken"

READABLE = (XLSX, XLS, ODS)

IMAGE_MAGICS = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)
WPS_SUFFIXES = {".et", ".ett", ".wps", ".wpt", ".dps"}


def classify(data: bytes, name: str) -> str:
    """The kind of a file from its content; the name only separates WPS formats."""
    return inspect(data, name)[0]


def inspect(data: bytes, name: str) -> tuple[str, list | None]:
    """(kind, the zip directory's entries for a zip-based file, else None)."""
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    return _other_kind(data, name), None


def _other_kind(data: bytes, name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if not data:
        return EMPTY
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data)[0]
    if data.startswith(OLE_MAGIC):
        kind = _ole_kind(data)
        if kind == XLS and suffix in WPS_SUFFIXES:
            return WPS_ET
        return kind
    if suffix in WPS_SUFFIXES:
        return WPS_ET
    if data.startswith(b"%PDF"):
        return PDF
    if data.startswith(IMAGE_MAGICS) or data[4:12] in (b"ftypheic", b"ftypmif1"):
        return IMAGE
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return IMAGE
    if data.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return OTHER_ARCHIVE
    return _text_kind(data[:4096])


def _zip_kind(data: bytes) -> tuple[str, list | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    return ODS, infos
                if b"opendocument" in mime:
                    return (WORD if b"text" in mime else SLIDES), infos
    except Exception:  # noqa: BLE001 - zipfile raises assorted errors on hostile input
        return BROKEN, None
    lowered = {n.lower() for n in names}
    for part, kind in (("xl/workbook.xml", XLSX), ("xl/workbook.bin", XLSB),
                       ("word/document.xml", WORD), ("ppt/presentation.xml", SLIDES),
                       ("[content_types].xml", BROKEN)):  # an Office package, no workbook part
        if part in lowered:
            return kind, infos
    return ZIP, infos


def _ole_kind(data: bytes) -> str:
    names = ole_stream_names(data)
    if names is None:
        return BROKEN
    lowered = {n.lower() for n in names}
    if "encryptedpackage" in lowered or "encryptioninfo" in lowered:
        return ENCRYPTED
    if "workbook" in lowered or "book" in lowered:
        return XLS
    if "worddocument" in lowered:
        return WORD
    if "powerpoint document" in lowered:
        return SLIDES
    return UNKNOWN


def _text_kind(head: bytes) -> str:
    if b"\x00" in head:
        return UNKNOWN
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in lowered[:512]:
        return HTML
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return TEXT
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the end of the sample
                return TEXT
    return UNKNOWN


def ole_stream_names(data: bytes) -> set[str] | None:
    """Names of the entries in an OLE compound file's directory, or None when it is broken."""
    try:
        return set(_ole_directory(data))
    except (struct.error, IndexError, ValueError, KeyError):
        # a large file whose FAT continues in DIFAT sectors, or a damaged one: look for names
        found = {n for n in KNOWN_STREAMS if n.encode("utf-16-le") in data}
        return found or None


KNOWN_STREAMS = (
    "EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "WordDocument",
    "PowerPoint Document",
)


def _ole_directory(data: bytes):
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError("bad sector size")
    size = 1 << sector_shift
    n_fat = struct.unpack_from("<I", data, 0x2C)[0]
    dir_start = struct.unpack_from("<I", data, 0x30)[0]
    difat = list(struct.unpack_from("<109I", data, 0x4C))[: min(n_fat, 109)]
    fat: list[int] = []
    for sector in difat:
        offset = (sector + 1) * size
        if offset + size > len(data):
            raise ValueError("FAT beyond end of file")
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, offset))
    sector, seen = dir_start, 0
    while sector < 0xFFFFFFFA and seen < 10000:
        offset = (sector + 1) * size
        for entry in range(offset, offset + size, 128):
            name_len = struct.unpack_from("<H", data, entry + 0x40)[0]
            if 2 <= name_len <= 64 and data[entry + 0x42] in (1, 2):  # storage or stream
                yield data[entry : entry + name_len - 2].decode("utf-16-le", "replace")
        sector = fat[sector]
        seen += 1
