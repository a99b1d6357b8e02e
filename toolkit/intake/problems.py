"""Severities and the exception that turns a whole file away with one clear problem."""

from __future__ import annotations

from toolkit.errors import Problem

from toolkit.vocab import ERROR, NOTE, WARNING  # noqa: F401 - the severities
RESEND = "请另存为 .xlsx 后重新报送"


class FileRejected(Exception):
    """The file cannot be used; `problem` and `action` say why and what the sender should do."""

    def __init__(self, problem: str, action: str = RESEND, sheet: str = "", cell: str = "",
                 severity: str = ERROR):
        super().__init__(problem)
        self.problem = problem
        self.action = action
        self.sheet = sheet
        self.cell = cell
        self.severity = severity  # NOTE for a file left for the next run

    def __reduce__(self):  # whole across processes (toolkit.common.isolated)
        return FileRejected, (self.problem, self.action, self.sheet, self.cell, self.severity)

    def as_problem(self, file: str) -> Problem:
        return Problem(file, self.sheet, self.cell, self.problem, self.action, self.severity)


def shorten(value, limit: int = 30) -> str:
    """A cell value quoted in a message, cut to a readable length."""
    text = "" if value is None else str(value).replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
