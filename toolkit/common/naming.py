"""File names for the assignment workbooks: readable, safe on Windows, unique."""

from __future__ import annotations

import re

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
MAX_UNIT_CHARS = 60  # keeps the whole name well under Windows' 255 and the 260 path limit
SUFFIX = "任务表.xlsx"
DISTRIBUTION_FILE = "下发清单.xlsx"


def safe_part(text: str, limit: int = MAX_UNIT_CHARS, fallback: str = "单位") -> str:
    """`text` without the characters Windows forbids, trailing dots or spaces, bounded."""
    cleaned = UNSAFE.sub("", text).strip()
    cleaned = cleaned[:limit].rstrip(". ")
    return cleaned or fallback


def file_name(unit: str, label: str) -> str:
    """`<unit>_<year><round>_任务表.xlsx`, e.g. 永安市教育局_2020年终_任务表.xlsx."""
    return f"{safe_part(unit)}_{safe_part(label, 20, '本轮')}_{SUFFIX}"


def unique_file_names(units: list[str], label: str) -> dict[str, str]:
    """A distinct file name for every unit, compared as Windows does (ignoring case).

    Names are given in the order of `units`, so the same directory always gives the same names.
    """
    taken = {DISTRIBUTION_FILE.casefold()}
    names = {}
    for unit in units:
        name = file_name(unit, label)
        stem = name[: -len(".xlsx")]
        counter = 2
        while name.casefold() in taken:
            name = f"{stem}({counter}).xlsx"
            counter += 1
        taken.add(name.casefold())
        names[unit] = name
    return names
