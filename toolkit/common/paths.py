"""Where each stage reads and writes, by default beside the master workbook.

    <master folder>/下发/2020年终/            assignment workbooks and 下发清单
    <master folder>/回收/2020年终/            the inbox of returned workbooks
    <master folder>/汇总/2020年终汇总表.xlsx  the consolidated workbook
    <master folder>/总结/2020年终/            summary workbook and document
    <master folder>/退回修改/2020年终/         feedback workbooks and texts for units with problems
    <master folder>/催报/2020年终/             催报通知 and texts for units that have not reported
    <master folder>/待发邮件/2020年终任务表/    the .eml files of `mail send --dry-run`
    <master folder>/已发邮件/2020年终催报/      a copy of every message `mail send` sent
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
FEEDBACK, REMINDERS, OUTGOING, SENT = "退回修改", "催报", "待发邮件", "已发邮件"


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


def sent_mail(master: Path, year: int | None, round_name: str, what: str) -> Path:
    """已发邮件/2020年终催报/: a copy of every message `mail send` sent."""
    return Path(master).parent / SENT / f"{round_label(year, round_name)}{what}"


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


# What marks a folder as another master's (another office's): its store, its master workbook.
STORE_FILE = "workplan.sqlite"
MASTER_MARK = "任务分解总表.xlsx"


FILE, FILES, FOLDER = "file", "files", "folder"  # how an output is written: one file
# replaced, files written into a folder, a folder replaced whole


def refuse_misplaced(output, label: str, master: Path, *, write: str = FILE, others=(),
                     base=None) -> None:
    """Refuse an output written where it would mix with what is not its own: the file system's
    root (the output's folder, or `base`, the 设置 folder it is made in); a folder of another
    master (another office's, holding its store or its master); or a place that clashes with
    one of `others`, (label, path, write) of the master's other outputs, every round's: the
    same path, or one inside the other when either is a folder replaced whole."""
    if output is None:
        return
    out = _real(output)
    where = out.parent if write == FILE else out
    if any(p is not None and _real(p) == Path(_real(p).anchor) for p in (where, base)):
        raise WorkplanError(f"{label} {output} 位于磁盘根目录，不能用作输出（会与其他文件混在一起），"
                            "请在总表“设置”表中为它指定一个专用文件夹。")
    home = _real(master).parent
    for place in (where, *where.parents):
        if _within(home, place):
            break  # the master's own folder, or one above it: ours to write in
        found = _other_master(place, _real(master))
        if found is not None:
            raise WorkplanError(f"{label} {output} 位于另一份总表（{found}）的文件夹中，不能用作输出"
                                "（会覆盖或混入其他科室的文件），请换一个路径。")
    for other_label, path, other_write in others:
        other = _real(path)
        clash = other == out or (write == FOLDER and _within(other, out)) or (
            other_write == FOLDER and _within(out, other))
        if clash:
            raise WorkplanError(f"{label} {output} 与{other_label} {path} 重叠，不能用作输出"
                                "（会覆盖或删除其中的文件），请在总表“设置”表中为它们指定不同的文件夹。")


def _other_master(folder: Path, master: Path) -> Path | None:
    try:
        for item in folder.iterdir():
            if item.name == STORE_FILE or (item.name.endswith(MASTER_MARK) and item != master):
                return item
    except OSError:
        return None
    return None
