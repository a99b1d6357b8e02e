"""Errors and problems, worded for the clerk who has to act on them."""

from __future__ import annotations

from dataclasses import dataclass


class WorkplanError(Exception):
    """A failure the user can understand and fix; `message` is one line of Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def master_not_found(path) -> WorkplanError:
    """The one message for a master workbook that is not where the user said."""
    return WorkplanError(f"找不到总表：{path}，请先“导入计划”生成总表，或检查路径。")


@dataclass
class Problem:
    """One row of a problem list: where it is, what is wrong, what to do."""

    file: str
    sheet: str = ""
    cell: str = ""
    problem: str = ""
    action: str = ""
    severity: str = "错误"  # toolkit.vocab.SEVERITIES: 错误, 警告, 提示

    def line(self) -> str:
        place = "，".join(p for p in (self.file, self.sheet, self.cell) if p)
        text = f"{place}：{self.problem}" if place else self.problem
        return f"{text}（{self.action}）" if self.action else text
