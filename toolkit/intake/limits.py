"""Size limits for untrusted returned files, checked before anything is parsed."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MB  # a filled form is some tens of KB
    max_archive_bytes: int = 200 * MB  # a .zip of returned forms
    max_archive_members: int = 500
    max_parts: int = 2000  # zip parts inside one workbook
    max_uncompressed_bytes: int = 64 * MB  # all parts of one workbook, inflated
    max_ratio: float = 200.0  # inflated / compressed, for parts over ratio_floor_bytes
    ratio_floor_bytes: int = 2 * MB
    max_rows: int = 20000  # rows read from one sheet
    # cells in the block from a sheet's first to its last non-empty cell: the reader builds the
    # block whole (32 bytes a cell), so a far-away cell (XFD1048576) must not reach it
    max_cells: int = 2_000_000
    # each file is read in a child process (toolkit.common.isolated): what a crash costs is that
    # file; the reader may take this much more address space, and this long, per file
    reader_memory: int = 1024 * MB
    reader_seconds: float = 60.0
    readers: int = 0  # worker processes; 0: one a processor, at most 4


DEFAULT_LIMITS = Limits()
