"""What comes back from the units, as records every stage hands on.

The store keeps what a collection run made of each file (FileRecord) and every answer (Answer);
the collection builds them from the files it examined and the store gives the same records back
to a command run alone (check, summary), so a round is rebuilt from either source by one
function (`toolkit.collect.rounds.build_round`). The consolidated records (TaskAnswer,
FigureAnswer, Submission, Consolidation) are what the collection hands to the check and the
summary.
"""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from sys import intern

from toolkit.errors import Problem
from toolkit.rules.rounds import is_late
from toolkit.vocab import LATE, PARTLY_SUBMITTED, SUBMITTED, WITH_PROBLEMS

INFO_KEY = "填报信息"  # the row key of the 填报信息 answers (填报人, 联系电话, 填报日期)


@dataclass(slots=True)
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


@dataclass(slots=True)
class Answer:
    """One answer from one file: a task's field, a figure's field, or a 填报信息 line."""

    sha256: str
    unit: str
    key: str  # row key (T3, I2-1) or INFO_KEY
    field: str  # status, progress, narrative, problems, next_steps, actual, note, flag, …
    raw: object = None  # the cell as read (number, text, ISO date)
    value: object = None  # as understood (a number for progress and figures, else text)
    cell: str = ""  # e.g. J5


def packed(value) -> bytes:
    """`value` pickled and deflated at zlib's fastest level: what a round holds a file at a time
    while it is gathered (a file's answers take 5 KB pickled, 1 KB deflated, for 35 ms a
    thousand files)."""
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)


def unpacked(data: bytes):
    return pickle.loads(zlib.decompress(data))


class PackedAnswers:
    """A run's answers, held as one block of bytes per file and handed out as Answers one file
    at a time (iterating again reads them again): a round of 20,000 returns holds about a
    kilobyte a file instead of four million objects (`packed`)."""

    def __init__(self):
        self._blocks: list[bytes] = []
        self._files: list[frozenset] = []  # the files (sha256) of each block
        self._count = 0

    def add(self, answers: list[Answer]) -> None:
        """One file's answers (or any batch)."""
        if not answers:
            return
        rows = [held(a) for a in answers]
        self.add_block(packed(rows), frozenset(row[0] for row in rows), len(rows))

    def add_block(self, block: bytes, files: frozenset, count: int) -> None:
        """`count` answers of the files (sha256) in `files`, packed already (`packed` of their
        rows as `held` gives them): a reader process packs a file's answers itself."""
        self._blocks.append(block)
        self._files.append(files)
        self._count += count

    def __iter__(self):
        return self.of(None)

    def of(self, files: set | None):
        """The answers of the files (sha256) in `files` (None: every file's), unpacking only
        the blocks that hold them."""
        for block, held in zip(self._blocks, self._files):
            if files is not None and held.isdisjoint(files):
                continue
            for sha, unit, key, name, raw, value, cell in unpacked(block):
                if files is not None and sha not in files:
                    continue
                yield Answer(sha, unit, shared(key), shared(name), shared(raw), shared(value),
                             shared(cell))

    def __len__(self) -> int:
        return self._count

    def files(self) -> set[str]:
        """The files (sha256) whose answers are held."""
        return set().union(*self._files)

    def blocks(self):
        """Every answer as the tuple it is held as (sha256, unit, key, field, raw, value,
        cell), without making an Answer of it, a list a block (a file's): for storing them."""
        for block in self._blocks:
            yield unpacked(block)


def answer_blocks(answers):
    """Lists of (sha256, unit, key, field, raw, value, cell), one per block of answers (a
    list of Answers is one; PackedAnswers, one a file)."""
    if isinstance(answers, PackedAnswers):
        return answers.blocks()
    return [[held(a) for a in answers]]


def held(a: Answer) -> tuple:
    """An answer as PackedAnswers holds it: (sha256, unit, key, field, raw, value, cell)."""
    return (a.sha256, a.unit, a.key, a.field, a.raw, a.value, a.cell)


def answer_files(answers) -> set[str]:
    """The files (sha256) the answers come from (a list, or PackedAnswers)."""
    if isinstance(answers, PackedAnswers):
        return answers.files()
    return {a.sha256 for a in answers}


def answers_of(answers, files: set):
    """The answers among `answers` (a list, or PackedAnswers) of the files in `files`."""
    if isinstance(answers, PackedAnswers):
        return answers.of(files)
    return (a for a in answers if a.sha256 in files)


SHORT = 12  # characters of a text kept as one object wherever it recurs (see `shared`)


def shared(value):
    """A short text as one object wherever it recurs (a status, a cell address, 是/否): a round
    of thousands of units repeats a few words a million times. Anything else as it is."""
    return intern(value) if value.__class__ is str and len(value) <= SHORT else value


KEPT = (str, float, int, type(None))  # kept as they are (bool, an int, is not among them)


def storable(value):
    """A cell value as SQLite keeps it: numbers and text as they are (a value whose class is
    in KEPT), dates as ISO text."""
    if value.__class__ in KEPT:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


# --- the consolidated records (collection -> check, summary) -------------------------------


@dataclass(slots=True)
class TaskAnswer:
    task: int
    unit: str
    role: str  # 牵头 or 配合
    status: str = ""  # one of model.STATUSES or ""
    progress: float | None = None  # 0-100
    narrative: str = ""
    problems: str = ""
    next_steps: str = ""
    file: str = ""
    corrected: list = field(default_factory=list)  # the 核实更正 (model.plan.Correction) applied


@dataclass(slots=True)
class FigureAnswer:
    indicator: str  # Indicator.key
    task: int
    unit: str
    role: str
    target: float | None  # the unit's allocation or the city's target
    actual: float | None  # None when not reported or not readable
    note: str = ""
    flag: str = ""  # "" or 待核实 (suspicious) or 无效 (unreadable)
    file: str = ""
    corrected: list = field(default_factory=list)  # the 核实更正 (model.plan.Correction) applied

    def corrects(self, name: str) -> bool:
        """Did the administrator decide this answer's field `name` (actual, note …)?"""
        return any(c.field == name for c in self.corrected)


@dataclass(slots=True)
class Submission:
    unit: str
    state: str  # SUBMITTED, NOT_SUBMITTED, NOT_FILLED, LATE, WITH_PROBLEMS, PARTLY_SUBMITTED
    file: str = ""
    received: str = ""  # ISO date-time
    reporter: str = ""
    phone: str = ""
    problems: int = 0
    verified: bool = True
    received_basis: str = ""  # 工作簿保存时间 / 首次收到时间 / 文件时间 / 接收登记
    # the figures that count toward a city figure, left blank (keys); the 问题清单 names each cell
    blanks: list[str] = field(default_factory=list, compare=False)

    def sent(self) -> bool:
        """A form came back (empty ones, 未填写, do not count)."""
        return self.state in (SUBMITTED, WITH_PROBLEMS, LATE, PARTLY_SUBMITTED)

    def late(self, due) -> bool:
        """Sent after the round's due date: 逾期, or a return whose state says something else
        (有问题 outranks 逾期) received after it."""
        return self.state == LATE or (self.sent() and is_late(self.received, due))

    def on_time(self, due) -> bool:
        return self.sent() and not self.late(due)


class Keyed:
    """A round's answers read one row key at a time, never held whole: `of(key)` builds one
    key's records (a task's number, an indicator's key) when asked, and iterating builds every
    key's in turn, then the `extra` records (the city figures). A round of 20,000 units holds
    one task's answers at a time instead of a million records."""

    def __init__(self, keys, read, extra: list | None = None, key_of=None):
        self._keys, self._read = list(keys), read
        self._extra, self._key_of = list(extra or ()), key_of

    def of(self, key) -> list:
        own = self._read(key)
        return own + [a for a in self._extra if self._key_of(a) == key] if self._extra else own

    def __iter__(self):
        for key in self._keys:
            yield from self._read(key)
        yield from self._extra

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __getitem__(self, i):
        return list(self)[i]

    def __eq__(self, other) -> bool:  # the same records as a list (or another view) holds
        if isinstance(other, (Keyed, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None


@dataclass
class Consolidation:
    """What the collection stage produced for one round, as check and summary read it.

    `tasks` and `figures` are lists (a round made in memory) or Keyed views (a collected
    round, read from its answers again on each pass); `task_answers(number)` and
    `figure_answers(key)` give one task's or one indicator's records either way."""

    round: str
    submissions: list[Submission] = field(default_factory=list)
    tasks: list[TaskAnswer] | Keyed = field(default_factory=list)
    figures: list[FigureAnswer] | Keyed = field(default_factory=list)

    def task_answers(self, number: int) -> list[TaskAnswer]:
        return self._of(self.tasks, number, lambda a: a.task)

    def figure_answers(self, key: str) -> list[FigureAnswer]:
        """An indicator's answers, the city figure the administrator decided among them."""
        return self._of(self.figures, key, lambda a: a.indicator)

    @staticmethod
    def _of(held, key, key_of) -> list:
        if isinstance(held, Keyed):
            return held.of(key)
        return [a for a in held if key_of(a) == key]  # a list: a small round made in memory


@dataclass
class Previous:
    """One unit's latest accepted answers: the round they came from and {row key: {field: value}}.

    For a round after the first, every unit's form carries what it reported last (status,
    progress, narrative, problems, next steps, figures) in its input cells and in read-only 上期
    columns, so a unit updates its report rather than retyping it (see Store.previous_answers).
    """

    round: str
    rows: dict[str, dict] = field(default_factory=dict)

    def of(self, key: str) -> dict:
        return self.rows.get(key, {})
