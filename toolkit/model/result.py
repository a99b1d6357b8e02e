"""What a command gives back, shown the same way by every front end.

Every command of the hall (`toolkit.app`) returns a Result: `to_json()` for automation,
`lines()` for a terminal (the details first, the line that sums it up last), `alerts()` for
the error stream (warnings, prefixed as the user reads them), `headline()` for a message box,
`opens()` for what a front end opens afterwards, and `exit_code`.
"""

from __future__ import annotations

from pathlib import Path

OK, FOUND_PROBLEMS, FAILED = 0, 1, 2  # done; done but problems were found; could not run


class Result:
    """The base of every command's result; subclasses are dataclasses of their own fields."""

    exit_code: int = OK

    def to_json(self) -> dict:
        raise NotImplementedError

    def headline(self) -> str:
        raise NotImplementedError

    def lines(self) -> list[str]:
        return [self.headline()]

    def alerts(self) -> list[str]:
        return []

    def opens(self) -> list[Path]:
        return []
