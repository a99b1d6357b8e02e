"""One stage at a time per master workbook: the batch run and the ribbon share this lock."""

from __future__ import annotations

import logging
import os
import re
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import WorkplanError, master_not_found

log = logging.getLogger("workplan")

STALE_SECONDS = 6 * 3600  # a lock of another machine older than this is left over from a crash
HOLDER_RE = re.compile(r"进程 (\d+)，主机 ([^，）]*)")
_held: dict[Path, int] = {}  # locks this process holds, with their nesting depth


def lock_path(master: Path) -> Path:
    master = Path(master)
    return master.parent / f".~{master.stem}.lock"


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _take_over_if_left(path: Path) -> None:
    """Remove a lock whose holder is gone: a process of this machine that no longer exists
    (at once), or an old lock that names no process of this machine."""
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return  # no lock
    text = _holder(path)
    found = HOLDER_RE.search(text)
    if found and found.group(2) == socket.gethostname():
        if _alive(int(found.group(1))):
            return
        log.warning("接管锁文件 %s：持有它的进程 %s 已不存在（%s）", path, found.group(1), text)
    elif age <= STALE_SECONDS:
        return
    else:
        log.warning("接管锁文件 %s：已超过 %d 小时未释放（%s）", path, STALE_SECONDS // 3600, text)
    path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, owned by someone else
        return True
    return True


@contextmanager
def stage_lock(master: str | os.PathLike, what: str = ""):
    """Hold the master's lock for the duration; raise WorkplanError if someone else holds it."""
    path = lock_path(Path(master)).resolve()
    if path in _held:  # already ours: a batch run calling the stages holds it once for all
        _held[path] += 1
        try:
            yield path
        finally:
            _held[path] -= 1
        return
    if not path.parent.is_dir():
        raise master_not_found(master)
    _take_over_if_left(path)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = _holder(path) or "另一个任务"
        raise WorkplanError(
            f"{holder}正在处理该总表，请等它结束后再试（如确认无任务在运行，可删除 {path.name}）。"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"{what or '工作要点工具'}（进程 {os.getpid()}，主机 {socket.gethostname()}，"
                f"{time.strftime('%Y-%m-%d %H:%M')}）")
    _held[path] = 1
    try:
        yield path
    finally:
        del _held[path]
        path.unlink(missing_ok=True)
