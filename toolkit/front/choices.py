"""What the Excel ribbon decides without Excel: is this the master, which round, what to say.

`toolkit.front.ribbon` does the clicking part (xlwings); everything here is plain Python with tests.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Iterable

from toolkit.rules import rounds
from toolkit.errors import WorkplanError
from toolkit.common.logs import default_log_path

MASTER_SHEETS = ("设置", "任务")
MASTER_NAME = "任务分解总表"
TITLE = "工作要点"
GRACE_DAYS = rounds.GRACE_DAYS
USER_LOG_DIR = default_log_path().parent  # ~/.workplan, or WORKPLAN_LOG_DIR as for the CLI

STAGE_LABELS = {
    "import_plan": "导入计划",
    "assign": "生成任务表",
    "collect": "汇总",
    "check": "核对指标",
    "status": "报送情况",
    "feedback": "退回修改",
    "remind": "催报",
    "summary": "年终总结",
    "open_folder": "打开工作文件夹",
    "show_help": "使用说明",
}

# English count keys of the check stage and their words (its Chinese status names pass as is).
CHECK_LABELS = [
    ("met", "达标"),
    ("not_met", "未达标"),
    ("exceeded", "超额"),
    ("missing", "未报"),
    ("suspicious", "存疑"),
]

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


# --- which round ---------------------------------------------------------------------------
current_round, choose_round = rounds.current_round, rounds.choose_round


# --- what to say ---------------------------------------------------------------------------
def _n(counts: dict, key: str) -> int:
    value = counts.get(key, 0)
    if isinstance(value, (list, tuple, set, dict)):
        return len(value)
    return int(value or 0)


def compose_message(stage: str, counts: dict, round_name: str = "") -> str:
    """The message box text that sums up a stage, e.g. 已汇总 47 个单位，5 个未报送，12 条问题。

    Counts may be numbers or lists (their length is used); the round, if given, leads.
    """
    if stage == "import_plan":
        text = (f"已导入计划：{_n(counts, 'tasks')} 项任务，{_n(counts, 'indicators')} 个量化指标，"
                f"{_n(counts, 'units')} 个责任单位")
    elif stage == "assign":
        text = f"已生成 {_n(counts, 'files')} 个单位的任务表"
    elif stage == "collect":
        text = (f"已汇总 {_n(counts, 'reported')} 个单位，{_n(counts, 'missing')} 个未报送，"
                f"{_n(counts, 'problems')} 条问题")
        if _n(counts, "late"):
            text += f"，{_n(counts, 'late')} 个逾期"
    elif stage == "check":
        text = _check_text(counts)
    elif stage == "status":
        text = f"已报送 {_n(counts, 'reported')} 个单位，未报送 {_n(counts, 'missing')} 个"
        missing = counts.get("missing")
        if isinstance(missing, (list, tuple)) and missing:
            text += "：" + "、".join(map(str, missing[:10])) + ("等" if len(missing) > 10 else "")
    elif stage == "feedback":
        text = f"已为 {_n(counts, 'files')} 个有问题的单位生成退回修改表"
    elif stage == "remind":
        text = f"已为 {_n(counts, 'units')} 个未报送或未报全的单位生成催报通知"
    elif stage == "summary":
        text = f"已生成{counts.get('kind') or '年终总结'}：{_n(counts, 'outputs')} 个文件"
    else:
        text = f"{STAGE_LABELS.get(stage, stage)}已完成"
    warnings = _n(counts, "warnings")
    if warnings and stage != "check":
        text += f"；另有 {warnings} 条提醒，请查看结果中的说明"
    return (f"{round_name}：" if round_name else "") + text + "。"


def _check_text(counts: dict) -> str:
    """Counts by status, as the check stage gives them (已达标, 未达标, …) or in English keys."""
    labels = dict(CHECK_LABELS)
    parts = [(labels.get(k, k), _n(counts, k)) for k in counts if k not in ("total", "warnings")]
    total = _n(counts, "total") if "total" in counts else sum(n for _, n in parts)
    shown = "，".join(f"{label} {n}" for label, n in parts if n)
    return f"已核对 {total} 项指标" + (f"：{shown}" if shown else "")


def overwrite_question(master: Path) -> str:
    return (f"总表“{Path(master).name}”已存在，其中可能有您的修改。"
            "重新导入会覆盖它（建议先备份）。是否覆盖？")


def summarise_status(result) -> dict:
    """{'reported': [...], 'missing': [...]} from what `collect.status` returns.

    Accepts rows as dicts with `unit` and `state` (未报送 means missing) or `reported`, records
    with `.unit`/`.reported`, (unit, reported) pairs, a dict unit -> reported, or a dict that
    already has `reported`/`missing`.
    """
    if isinstance(result, dict) and ("reported" in result or "missing" in result):
        return {"reported": result.get("reported", []), "missing": result.get("missing", [])}
    rows = result.items() if isinstance(result, dict) else (_status_row(r) for r in result)
    reported, missing = [], []
    for unit, done in rows:
        (reported if done else missing).append(unit)
    return {"reported": reported, "missing": missing}


def _status_row(row) -> tuple[str, bool]:
    from toolkit.vocab import NOT_SUBMITTED

    if isinstance(row, dict):
        if "reported" in row:
            return row["unit"], bool(row["reported"])
        return row["unit"], row.get("state", NOT_SUBMITTED) != NOT_SUBMITTED
    if hasattr(row, "unit"):
        if hasattr(row, "reported"):
            return row.unit, bool(row.reported)
        return row.unit, getattr(row, "state", NOT_SUBMITTED) != NOT_SUBMITTED
    return row[0], bool(row[1])


def friendly_error(exc: BaseException, log_path: str | os.PathLike | None, stage: str = "") -> str:
    """One line for the message box: what went wrong, in Chinese, and where the full log is."""
    label = STAGE_LABELS.get(stage, "")
    if isinstance(exc, WorkplanError):
        reason = exc.message
    elif isinstance(exc, PermissionError):
        name = Path(exc.filename).name if getattr(exc, "filename", None) else "文件"
        reason = f"无法写入 {name}：它可能正在 Excel 或 WPS 中打开，请关闭后再试"
    elif isinstance(exc, FileNotFoundError):
        name = exc.filename or "文件"
        reason = f"找不到 {name}"
    elif isinstance(exc, (ImportError, ModuleNotFoundError)):
        reason = "程序组件缺失或版本不符，请重新安装 workplan"
    else:
        first = (str(exc).strip().splitlines() or [""])[0][:120]
        reason = f"程序出错（{type(exc).__name__}{'：' + first if first else ''}）"
    reason = " ".join(reason.split()).rstrip("。")
    head = f"{label}未完成：" if label else ""
    tail = f"。详细记录见：{log_path}" if log_path else "。"
    return f"{head}{reason}{tail}"


def log_file(master: Path | None, folders: dict | None = None, today: date | None = None) -> Path:
    """The ribbon's log file: in the master's 日志 folder, else in ~/.workplan."""
    stamp = (today or date.today()).strftime("%Y%m%d")
    if master is None:
        return USER_LOG_DIR / f"功能区-{stamp}.log"
    from toolkit.common import paths

    return paths.logs(master, folders) / f"功能区-{stamp}.log"


# --- settings of the master ----------------------------------------------------------------
def load_settings(master: Path):
    """The master's 设置 (rounds, folders) as a `Settings`, through the master reader."""
    from toolkit.books.master import load_master  # reads and validates the whole master

    return load_master(master).settings


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
