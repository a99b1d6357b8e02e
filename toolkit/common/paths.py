"""Where each stage reads and writes, by default beside the master workbook.

    <master folder>/下发/2020年终/            assignment workbooks and 下发清单
    <master folder>/回收/2020年终/            the inbox of returned workbooks
    <master folder>/汇总/2020年终汇总表.xlsx  the consolidated workbook
    <master folder>/总结/2020年终/            summary workbook and document
    <master folder>/退回修改/2020年终/         feedback workbooks and texts for units with problems
    <master folder>/催报/2020年终/             催报通知 and texts for units that have not reported
    <master folder>/待发邮件/2020年终任务表/    the .eml files of `mail send --dry-run`
    <master folder>/workplan.sqlite          the ledger of files seen
    <master folder>/日志/                     logs of batch and ribbon runs

The 设置 sheet may name other folders (absolute, or relative to the master folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.errors import WorkplanError
from toolkit.rules.rounds import round_label

OUTBOX, INBOX, CONSOLIDATED, SUMMARY, LOGS = "下发", "回收", "汇总", "总结", "日志"
FEEDBACK, REMINDERS, OUTGOING = "退回修改", "催报", "待发邮件"


def folder(master: Path, kind: str, folders: dict[str, str] | None = None) -> Path:
    """The folder of one kind (下发, 回收, 汇总, 总结, 日志), honouring the 设置 sheet."""
    master = Path(master)
    configured = (folders or {}).get(kind, "").strip()
    base = Path(configured) if configured else Path(kind)
    return base if base.is_absolute() else master.parent / base


def outbox(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, OUTBOX, folders) / round_label(year, round_name)


def inbox(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, INBOX, folders) / round_label(year, round_name)


def consolidated(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, CONSOLIDATED, folders) / f"{round_label(year, round_name)}汇总表.xlsx"


def summary_dir(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, SUMMARY, folders) / round_label(year, round_name)


def feedback_dir(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, FEEDBACK, folders) / round_label(year, round_name)


def reminder_dir(master: Path, year: int | None, round_name: str, folders=None) -> Path:
    return folder(master, REMINDERS, folders) / round_label(year, round_name)


def outgoing_mail(master: Path, year: int | None, round_name: str, what: str) -> Path:
    """待发邮件/2020年终任务表/: the .eml files of `mail send --dry-run`."""
    return Path(master).parent / OUTGOING / f"{round_label(year, round_name)}{what}"


def logs(master: Path, folders=None) -> Path:
    return folder(master, LOGS, folders)


def _real(path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a link loop: compare as given
        return Path(os.path.abspath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_input_as_output(output, label: str, *, files=(), folders=(), holding=()) -> None:
    """Refuse an output path that would overwrite an input: one of `files` (the master), or
    anything in one of `folders` (the inbox); an output folder replaced whole must also not
    hold any of `holding` (the master, the inbox)."""
    if output is None:
        return
    out = _real(output)
    for path in files:
        if path is not None and out == _real(path):
            raise WorkplanError(f"{label} {output} 就是输入 {path}，不能用作输出（会覆盖它），"
                                "请换一个路径。")
    for folder in folders:
        if folder is not None and _within(out, _real(folder)):
            raise WorkplanError(f"{label} {output} 位于回收文件夹 {folder} 中，不能用作输出"
                                "（会覆盖或混入报回的文件），请换一个路径。")
    for path in holding:
        if path is not None and _within(_real(path), out):
            raise WorkplanError(f"{label} {output} 包含输入 {path}，不能用作输出（会覆盖它），"
                                "请换一个路径。")
