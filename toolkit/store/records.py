"""The records the store keeps: what a collection run made of each file, and every answer.

The collection builds them from the files it examined; the store gives the same records back to
a stage run alone (check, summary), so a round is rebuilt from either source by one function
(`toolkit.collect.rounds.build_round`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from toolkit.common.errors import Problem
from toolkit.model import Correction  # noqa: F401 - stored here too

INFO_KEY = "填报信息"  # the row key of the 填报信息 answers (填报人, 联系电话, 填报日期)


@dataclass
class FileRecord:
    """One file (or zip member) a run looked at, and what the run made of it."""

    name: str  # as shown to the user, relative to the inbox
    path: str  # on disk; a zip member as "archive::member"
    sha256: str = ""
    received: str = ""  # ISO date-time the file counts as sent (see common.rounds.sent_time)
    unit: str = ""
    form_round: str = ""
    outcome: str = ""  # 已采用, 已被取代, 重复, 未采用, 已跳过
    verified: bool = False
    reporter: str = ""
    phone: str = ""
    filled: str = ""  # the 填报日期 the form states, ISO
    errors: int = 0
    problems: list[Problem] = field(default_factory=list)
    size: int | None = None
    mtime: str = ""
    received_basis: str = ""  # what `received` rests on: 工作簿保存时间, 文件时间 …


@dataclass
class Answer:
    """One answer from one file: a task's field, a figure's field, or a 填报信息 line."""

    sha256: str
    unit: str
    key: str  # row key (T3, I2-1) or INFO_KEY
    field: str  # status, progress, narrative, problems, next_steps, actual, note, flag, …
    raw: object = None  # the cell as read (number, text, ISO date)
    value: object = None  # as understood (a number for progress and figures, else text)
    cell: str = ""  # e.g. J5


def storable(value):
    """A cell value as SQLite keeps it: numbers and text as they are, dates as ISO text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)
