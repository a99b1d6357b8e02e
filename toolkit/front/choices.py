"""What the Excel ribbon decides without Excel: is this the master, what to call a button, what
to say when it fails.

`toolkit.front.ribbon` does the clicking part (xlwings); everything here is plain Python with tests.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Iterable

from toolkit import vocab
from toolkit.errors import WorkplanError, user_message
from toolkit.rules.rounds import GRACE_DAYS

MASTER_SHEETS = (vocab.MASTER_SETTINGS, vocab.MASTER_TASKS)
MASTER_NAME = "任务分解总表"
TITLE = "工作要点"

HELP_TEXT = (
    "工作要点选项卡的用法（按一年的顺序）：\n"
    "1. 导入计划：选择工作要点文本，生成任务分解总表；在总表中核对任务、责任单位、指标和“设置”。\n"
    "2. 生成任务表：打开总表后点击，为本轮每个责任单位生成填报表（在“下发”文件夹）。\n"
    "3. 汇总：把各单位报回的文件放进“回收”文件夹，点击后生成汇总表、问题清单和未报送名单。\n"
    "4. 报送情况：随时查看哪些单位已报、哪些未报。\n"
    "5. 核对指标：把完成值与目标逐项比对。\n"
    "6. 年终总结：生成年终总结的表格和文稿。\n"
    "轮次按“设置”工作表中的截止日期自动选择：截止不满 {grace} 天的轮次仍算本轮，否则取下一轮。\n"
    "出错时会提示原因和日志位置；同一总表同时只能运行一项操作。"
).format(grace=GRACE_DAYS)


# --- which workbook ------------------------------------------------------------------------
def sheet_names(book_path: str | os.PathLike) -> list[str]:
    """The sheet names of an .xlsx/.xlsm file, read from its workbook part."""
    try:
        with zipfile.ZipFile(book_path) as z:
            xml = z.read("xl/workbook.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    names = re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', xml)
    return [html.unescape(n) for n in names]


def find_master(book_path: str | os.PathLike | None, sheets: Iterable[str] | None = None) -> Path:
    """The master workbook's path if `book_path` is one (it has sheets 设置 and 任务).

    `sheets` are the names Excel shows; without them they are read from the file.
    Raises WorkplanError saying which workbook to open otherwise.
    """
    path = Path(book_path) if book_path else None
    name = path.name if path else "（未命名）"
    names = list(sheets) if sheets is not None else (sheet_names(path) if path else [])
    if not is_master(names):
        raise WorkplanError(
            f"当前工作簿“{name}”不是{MASTER_NAME}：请先打开{MASTER_NAME}"
            f"（含“设置”和“任务”工作表），再点此按钮。"
        )
    if path is None or not path.is_absolute() or not path.exists():
        raise WorkplanError(f"{MASTER_NAME}“{name}”还没有保存到本机文件夹：请先保存，再点此按钮。")
    return path


def is_master(sheets: Iterable[str]) -> bool:
    names = list(sheets)
    return all(s in names for s in MASTER_SHEETS)


def pick_master(books: list[tuple[str | None, list[str]]]) -> tuple[int, Path]:
    """(index, path) of the master to work on among the open workbooks, the active one first.

    The active workbook when it is a master; otherwise the only master open beside it (the
    buttons open what they produce, so after 汇总 the consolidated workbook is the active one).
    Raises WorkplanError naming the workbook to open, or the masters to choose between.
    """
    (active, sheets), others = books[0], books[1:]
    if is_master(sheets):
        return 0, find_master(active, sheets)
    masters = [i for i, (_, names) in enumerate(others, start=1) if is_master(names)]
    if len(masters) == 1:
        index = masters[0]
        return index, find_master(*books[index])
    if masters:
        names = "、".join(f"“{Path(books[i][0]).name}”" for i in masters)
        raise WorkplanError(f"打开了多个{MASTER_NAME}（{names}）：请切换到要处理的那一个，再点此按钮。")
    return 0, find_master(active, sheets)  # raises: says which workbook to open


# --- what to say ---------------------------------------------------------------------------
def label(stage: str) -> str:
    """A button as the ribbon names it (the hall's commands, and the two of its own)."""
    return vocab.COMMANDS.get(stage) or vocab.RIBBON_BUTTONS.get(stage, stage)


def overwrite_question(master: Path) -> str:
    return (f"总表“{Path(master).name}”已存在，其中可能有您的修改。"
            "重新导入会覆盖它（建议先备份）。是否覆盖？")


def friendly_error(exc: BaseException, log_path: str | os.PathLike | None, stage: str = "") -> str:
    """One line for the message box: which button, what went wrong (errors.user_message, the
    words every front end uses) and where the full log is."""
    reason = " ".join(user_message(exc).split()).rstrip("。")
    head = f"{label(stage)}未完成：" if stage else ""
    tail = f"。详细记录见：{log_path}" if log_path else "。"
    return f"{head}{reason}{tail}"


# --- opening files -------------------------------------------------------------------------
def open_path(path: str | os.PathLike) -> None:
    """Open a file or folder with the program the system associates with it."""
    path = str(path)
    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 - what the user asked for
    elif sys.platform == "darwin":
        subprocess.Popen(["open", path])
    else:
        subprocess.Popen(["xdg-open", path])
