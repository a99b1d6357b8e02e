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


IMAGE_MAGICS = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)
# RAR, 7z, gzip (.tar.gz, .tgz), bzip2, xz, zstd
ARCHIVE_MAGICS = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00",
                  b"\x28\xb5\x2f\xfd")
WPS_SUFFIXES = {".et", ".ett", ".wps", ".wpt", ".dps"}


def classify(data: bytes, name: str) -> str:
    """The kind of a file from its content; the name only separates WPS formats."""
    return inspect(data, name)[0]


def inspect(data: bytes, name: str) -> tuple[str, list | None]:
    """(kind, the zip directory's entries for a zip-based file, else None)."""
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    return _other_kind(data, name), None


EOCD, EOCD64, EOCD64_LOCATOR = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"


def zip_directory(data: bytes) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory as its end record states them, found as
    zipfile finds it; None without an end record. zipfile reads and parses that many bytes
    before anything can be checked, so a huge directory is refused from these two numbers."""
    tail = data[-22:]
    at = len(data) - 22 if tail[:4] == EOCD else data.rfind(EOCD, max(0, len(data) - 65557))
    if at < 0 or at + 22 > len(data):
        return None
    entries, size = struct.unpack_from("<HI", data, at + 10)
    record = at - 20 - 56  # a zip64 end record sits before its locator
    if data[at - 20 : at - 16] == EOCD64_LOCATOR and record >= 0 and data[record : record + 4] == EOCD64:
        entries, size = struct.unpack_from("<QQ", data, record + 32)
    return entries, size


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
    if data.startswith(ARCHIVE_MAGICS) or data[257:262] == b"ustar":  # tar: "ustar" at 257
        return OTHER_ARCHIVE
    return _text_kind(data[:4096])


def _zip_kind(data: bytes) -> tuple[str, list | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names:
                with zf.open("mimetype") as part:  # never inflated in full: it may be a bomb
                    mime = part.read(100)
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


OLE_ERRORS = (struct.error, IndexError, ValueError, KeyError)


def ole_stream_names(data: bytes) -> set[str] | None:
    """Names of the entries in an OLE compound file's directory, or None when it is broken."""
    try:
        return {name for name, kind, _, _ in Ole(data).entries if kind in (1, 2)}
    except OLE_ERRORS:
        # a damaged file: look for the names
        found = {n for n in KNOWN_STREAMS if n.encode("utf-16-le") in data}
        return found or None


KNOWN_STREAMS = (
    "EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "WordDocument",
    "PowerPoint Document",
)
END_OF_CHAIN = 0xFFFFFFFA  # this and above: end of chain, free, FAT or DIFAT sector


class Ole:
    """An OLE compound file's allocation table and directory, read defensively: anything out
    of place raises one of OLE_ERRORS."""

    def __init__(self, data: bytes):
        self.data = data
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError("bad sector size")
        self.size = 1 << shift
        self.fat = self._table()
        # (name, kind: 1 storage, 2 stream, 5 root; first sector; size in bytes)
        self.entries = list(self._directory())

    def _sector(self, number: int) -> bytes:
        offset = (number + 1) * self.size
        if offset + self.size > len(self.data):
            raise ValueError("sector beyond end of file")
        return self.data[offset : offset + self.size]

    def _ids(self, number: int) -> tuple[int, ...]:
        return struct.unpack(f"<{self.size // 4}I", self._sector(number))

    def _table(self) -> list[int]:
        n_fat, next_difat, n_difat = (struct.unpack_from("<I", self.data, at)[0]
                                      for at in (0x2C, 0x44, 0x48))
        # no more FAT sectors than it takes to describe every sector of the file
        n_fat = min(n_fat, len(self.data) // self.size // (self.size // 4) + 1)
        sectors = list(struct.unpack_from("<109I", self.data, 0x4C))[: min(n_fat, 109)]
        for _ in range(min(n_difat, len(self.data) // self.size)):  # FAT sectors beyond 109
            if len(sectors) >= n_fat or next_difat >= END_OF_CHAIN:
                break
            ids = self._ids(next_difat)
            sectors += ids[:-1]
            next_difat = ids[-1]
        fat: list[int] = []
        for sector in sectors[:n_fat]:
            fat.extend(self._ids(sector))
        return fat

    def chain(self, start: int, table: list[int] | None = None) -> list[int]:
        table = self.fat if table is None else table
        out: list[int] = []
        seen: set[int] = set()
        while start < END_OF_CHAIN:
            if start in seen or start >= len(table):
                raise ValueError("broken chain")
            seen.add(start)
            out.append(start)
            start = table[start]
        return out

    def _directory(self):
        for sector in self.chain(struct.unpack_from("<I", self.data, 0x30)[0]):
            block = self._sector(sector)
            for entry in range(0, self.size, 128):
                name_len, kind = struct.unpack_from("<HB", block, entry + 0x40)
                if 2 <= name_len <= 64 and kind in (1, 2, 5):
                    name = block[entry : entry + name_len - 2].decode("utf-16-le", "replace")
                    start, size = struct.unpack_from("<IQ", block, entry + 0x74)
                    yield name, kind, start, size

    def stream(self, start: int, size: int) -> bytes:
        """A stream's bytes: from the mini stream when it is under the cut-off size."""
        if size >= struct.unpack_from("<I", self.data, 0x38)[0]:
            return b"".join(self._sector(s) for s in self.chain(start))[:size]
        root = next(e for e in self.entries if e[1] == 5)
        container = b"".join(self._sector(s) for s in self.chain(root[2]))
        mini_fat = [i for s in self.chain(struct.unpack_from("<I", self.data, 0x3C)[0])
                    for i in self._ids(s)]
        pieces = [container[64 * s : 64 * s + 64] for s in self.chain(start, mini_fat)]
        return b"".join(pieces)[:size]

    def streams(self, names: set[str], most: int = 4) -> list[bytes]:
        """Every stream whose name, ignoring case, is one of `names` (more than `most` such
        streams is a broken file)."""
        found = [(start, size) for name, kind, start, size in self.entries
                 if kind == 2 and name.lower() in names]
        if len(found) > most:
            raise ValueError("too many streams of one name")
        return [self.stream(start, size) for start, size in found]
