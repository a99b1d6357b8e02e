"""Errors and problems, worded for the clerk who has to act on them."""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from dataclasses import dataclass

from toolkit.rules.text import shown_name
from toolkit.vocab import INTERRUPTED


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


# Failures of the machine rather than of the program: one line naming the cause and the path.
CAUSES = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘空间不足", errno.EROFS: "文件夹只读",
          errno.EACCES: "没有权限", errno.EPERM: "没有权限"}
ACTIONS = {"磁盘空间不足": "请清理磁盘空间后重试", "文件夹只读": "请换一个可写的文件夹，或取消只读后重试",
           "没有权限": "请检查文件和文件夹的权限，或换一个文件夹后重试"}


def environment_cause(exc: OSError) -> str:
    """磁盘空间不足 / 文件夹只读 / 没有权限, or the system's own words for another failure."""
    return CAUSES.get(exc.errno) or f"文件系统错误（{exc.strerror or type(exc).__name__}）"


def os_error(exc: BaseException) -> OSError | None:
    """The OSError behind an exception: itself, or the one a library wrapped (XlsxWriter's
    FileCreateError holds it as its argument)."""
    for candidate in (exc, *getattr(exc, "args", ())[:1], exc.__cause__, exc.__context__):
        if isinstance(candidate, OSError):
            return candidate
    return None


class EnvironmentFailure(WorkplanError):
    """Disk full, a read-only folder, permission denied: said plainly, with the path."""

    def __init__(self, exc: OSError, path, doing: str = "写入"):
        cause = environment_cause(exc)
        where = exc.filename if isinstance(exc.filename, (str, os.PathLike)) else path
        super().__init__(f"{cause}，无法{doing} {shown_name(str(where))}"
                         f"（{ACTIONS.get(cause, '请检查后重试')}）。")
        self.cause = cause


def open_elsewhere(path, inside=None) -> WorkplanError:
    """A file we must replace is open in Excel or WPS (Windows refuses to replace it then)."""
    name = shown_name(os.path.basename(str(path)))
    where = f"文件夹 {shown_name(str(inside))} 中的 " if inside else ""
    return WorkplanError(f"{where}{name} 正在 Excel 或 WPS 中打开，无法写入新结果；"
                         f"请先关闭 {name} 再重试。")


def machine_failure(exc: BaseException) -> WorkplanError | None:
    """Disk full, read-only, permission denied behind any exception, as one line; else None."""
    failure = os_error(exc)
    if failure is not None and failure.errno in CAUSES:
        return EnvironmentFailure(failure, failure.filename or "", "读写")
    return None


@contextmanager
def environment_errors(path):
    """Turn a disk-full, read-only or permission failure inside the block into one line."""
    try:
        yield
    except WorkplanError:
        raise
    except Exception as exc:
        found = os_error(exc)
        if found is not None and found.errno in CAUSES:
            raise EnvironmentFailure(found, path) from exc
        raise


def interrupted(exc: BaseException | None) -> bool:
    """Whether an interrupt (Ctrl-C, a scheduler's stop) is behind an exception: the exception
    itself, or one a library caught and turned into another error (openpyxl's descriptors turn
    whatever a conversion raises into a TypeError)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def user_message(exc: BaseException, log_path=None) -> str:
    """The one line every front end shows for a failure; the traceback goes to the log."""
    if interrupted(exc):
        return INTERRUPTED
    if isinstance(exc, WorkplanError):
        return exc.message
    failure = machine_failure(exc)
    if failure is not None:  # the machine, not a bug
        return failure.message
    if isinstance(exc, ImportError):
        return "程序组件缺失或版本不符，请重新安装 workplan。"
    where = f"，详细信息已写入日志 {log_path}" if log_path else "，详见日志"
    return f"程序内部出错（{type(exc).__name__}）{where}，请把日志发给技术支持。"
