"""Progress of long work (files read of total, the stage it is in), for whoever is watching.

Stages accept `progress`, a callable `progress(stage, done, total)`; they call it as they go and
know nothing of who shows it. The command line shows a bar on a terminal (tqdm, on stderr) and
nothing with --json or when not on a terminal; the ribbon puts the same in Excel's status bar.
"""

from __future__ import annotations

import sys
from typing import Callable

Progress = Callable[[str, int, int], None]


def silent(stage: str, done: int, total: int) -> None:
    """The progress of work nobody watches."""


class TerminalBar:
    """A tqdm bar per stage on stderr; a new stage closes the previous bar."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit="个", file=self.stream, leave=False,
                            dynamic_ncols=True)
        self.bar.n = done
        self.bar.refresh()
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def for_terminal(json_output: bool = False, stream=None) -> Progress:
    """A bar when a person watches a terminal, else silence (--json, a pipe, a scheduler)."""
    stream = stream or sys.stderr
    if json_output or not getattr(stream, "isatty", lambda: False)():
        return silent
    return TerminalBar(stream)
