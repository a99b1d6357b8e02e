"""What the readers of running text and of tables both give the plan builder: tasks as read,
before their titles, units, leads, targets and doubts are worked out."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.model.plan import Section
from toolkit.plan_import.units import UnitsText


@dataclass(frozen=True)
class Line:
    original: str  # as printed
    text: str  # normalised (Simplified script, half-width), same length


EMPTY = Line("", "")


@dataclass
class Draft:
    """One task as read."""
    number: int | None  # as printed; None when the task has no number
    section: Section | None
    body: Line  # the task text, units text excluded
    units_text: Line = EMPTY  # running text: the units part as printed
    units: UnitsText | None = None  # a table's unit columns, already read
    deadline: str = ""
    figures: list[tuple[str, float, str]] = field(default_factory=list)  # a table's figure columns
    aside: str = ""  # task text that is never its targets: a table's schedule column, a progress field (2、完成情况:…)
    doubts: list[str] = field(default_factory=list)
    table: str = ""  # the table it comes from, as a warning names it; "" for running text
    row: int = 0  # its row in that table, counted from 1
    numbered: bool = True  # its table has a number column
    decision: bool = False  # a matter a catalogue of decisions lists (决策事项): its figures say what it covers, no targets
