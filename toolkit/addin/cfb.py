"""A small writer for MS-CFB version 3 compound files, and reading through olefile.

Enough for a VBA project: storages and streams, no timestamps and no CLSIDs, so the same input
gives the same bytes. Streams under 4096 bytes go to the mini stream (64-byte sectors), larger
ones to 512-byte sectors. The children of each storage form a red-black tree ordered by name
length, then upper-cased name; it is built balanced, so its colours are valid.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import PurePosixPath

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
DIR_ENTRY = 128
MAX_NAME = 31  # UTF-16 code units, without the terminating null

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list["_Entry"] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def sort_key(name: str) -> tuple[int, str]:
    """The order of siblings in a directory tree (MS-CFB 2.6.4)."""
    return len(name.encode("utf-16-le")) // 2, name.upper()


def _tree(entries: list[_Entry], depth: int, full_depth: int) -> int:
    """Link sorted `entries` as a balanced tree; return the root's id.

    Nodes above `full_depth` are black; nodes on the last, partly filled level are red, which
    keeps every path to a leaf at the same black height.
    """
    if not entries:
        return NOSTREAM
    mid = len(entries) // 2
    node = entries[mid]
    node.color = RED if depth >= full_depth else BLACK
    node.left = _tree(entries[:mid], depth + 1, full_depth)
    node.right = _tree(entries[mid + 1 :], depth + 1, full_depth)
    return node.sid


def _link_children(storage: _Entry) -> None:
    children = sorted(storage.children, key=lambda e: sort_key(e.name))
    full_depth = (len(children) + 1).bit_length() - 1  # levels 0..full_depth-1 are full
    storage.child = _tree(children, 0, full_depth)
    for child in children:
        if child.kind == STORAGE:
            _link_children(child)


def _sectors(length: int, size: int) -> int:
    return (length + size - 1) // size


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def _dir_entry(e: _Entry) -> bytes:
    if e.kind == 0:
        return b"\x00" * 64 + struct.pack("<HBB3I", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + (
            b"\x00" * 48
        )
    name = e.name.encode("utf-16-le")
    return (
        (name + b"\x00\x00").ljust(64, b"\x00")
        + struct.pack("<HBB3I", len(name) + 2, e.kind, e.color, e.left, e.right, e.child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", e.start, e.size)
    )


class CompoundFile:
    """Collects streams by path ("VBA/dir") and writes them as one compound file."""

    def __init__(self) -> None:
        self.root = _Entry("Root Entry", ROOT)

    def add_stream(self, path: str, data: bytes) -> None:
        *folders, name = PurePosixPath(path).parts
        parent = self.root
        for folder in folders:
            parent = self._child(parent, folder, STORAGE)
        if any(c.name.upper() == name.upper() for c in parent.children):
            raise ValueError(f"duplicate stream {path}")
        parent.children.append(self._check(_Entry(name, STREAM, bytes(data))))

    def _child(self, parent: _Entry, name: str, kind: int) -> _Entry:
        for c in parent.children:
            if c.name.upper() == name.upper():
                if c.kind != kind:
                    raise ValueError(f"{name} is both a storage and a stream")
                return c
        entry = self._check(_Entry(name, kind))
        parent.children.append(entry)
        return entry

    @staticmethod
    def _check(entry: _Entry) -> _Entry:
        if not 0 < len(entry.name.encode("utf-16-le")) // 2 <= MAX_NAME:
            raise ValueError(f"bad name length: {entry.name!r}")
        if any(ch in entry.name for ch in "/\\:!"):
            raise ValueError(f"bad character in name: {entry.name!r}")
        return entry

    def _entries(self) -> list[_Entry]:
        """Every entry in depth-first order (children sorted), root first; ids assigned."""
        out: list[_Entry] = []

        def walk(e: _Entry) -> None:
            e.sid = len(out)
            out.append(e)
            for c in sorted(e.children, key=lambda x: sort_key(x.name)):
                walk(c)

        walk(self.root)
        return out

    def to_bytes(self) -> bytes:
        entries = self._entries()
        _link_children(self.root)
        streams = [e for e in entries if e.kind == STREAM]
        small = [e for e in streams if len(e.data) < MINI_CUTOFF]
        large = [e for e in streams if len(e.data) >= MINI_CUTOFF]

        # the mini stream and its FAT
        mini_fat: list[int] = []
        mini_stream = bytearray()
        for e in small:
            e.size = len(e.data)
            count = _sectors(e.size, MINI_SECTOR)
            if count == 0:
                e.start = ENDOFCHAIN
                continue
            e.start = len(mini_fat)
            mini_fat += [0] * count
            _chain(mini_fat, e.start, count)
            mini_stream += e.data.ljust(count * MINI_SECTOR, b"\x00")

        dir_count = _sectors(len(entries), SECTOR // DIR_ENTRY)
        minifat_count = _sectors(len(mini_fat) * 4, SECTOR)
        ministream_count = _sectors(len(mini_stream), SECTOR)
        large_counts = [_sectors(len(e.data), SECTOR) for e in large]
        data_count = dir_count + minifat_count + ministream_count + sum(large_counts)
        fat_count = 1
        while fat_count * (SECTOR // 4) < data_count + fat_count:
            fat_count += 1
        if fat_count > 109:
            raise ValueError("file too large for a header-only DIFAT")

        fat = [FREESECT] * (fat_count * (SECTOR // 4))
        for i in range(fat_count):
            fat[i] = FATSECT
        nxt = fat_count
        dir_start = nxt
        _chain(fat, dir_start, dir_count)
        nxt += dir_count
        minifat_start = nxt if minifat_count else ENDOFCHAIN
        _chain(fat, nxt, minifat_count)
        nxt += minifat_count
        self.root.start = nxt if ministream_count else ENDOFCHAIN
        self.root.size = len(mini_stream)
        _chain(fat, nxt, ministream_count)
        nxt += ministream_count
        for e, count in zip(large, large_counts):
            e.start, e.size = nxt, len(e.data)
            _chain(fat, nxt, count)
            nxt += count

        header = bytearray()
        header += SIGNATURE + b"\x00" * 16
        header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
        header += struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, MINI_CUTOFF,
                              minifat_start, minifat_count, ENDOFCHAIN, 0)
        difat = list(range(fat_count)) + [FREESECT] * (109 - fat_count)
        header += struct.pack("<109I", *difat)
        assert len(header) == SECTOR

        body = bytearray(struct.pack(f"<{len(fat)}I", *fat))
        directory = b"".join(_dir_entry(e) for e in entries)
        free = _Entry("", 0)
        directory += _dir_entry(free) * (dir_count * (SECTOR // DIR_ENTRY) - len(entries))
        body += directory
        body += struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(minifat_count * SECTOR,
                                                                    b"\xff")
        body += bytes(mini_stream).ljust(ministream_count * SECTOR, b"\x00")
        for e, count in zip(large, large_counts):
            body += e.data.ljust(count * SECTOR, b"\x00")
        assert len(body) == nxt * SECTOR
        return bytes(header + body)


def read_streams(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file, by path ("VBA/dir"), read with olefile."""
    import olefile

    ole = olefile.OleFileIO(data)
    try:
        return {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True)}
    finally:
        ole.close()
