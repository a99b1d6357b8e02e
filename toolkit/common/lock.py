"""One stage at a time per master workbook: the batch run and the ribbon share this lock."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

from toolkit.common.errors import WorkplanError, master_not_found

STALE_SECONDS = 6 * 3600  # a lock older than this is left over from a crash
_held: dict[Path, int] = {}  # locks this process holds, with their nesting depth


def lock_path(master: Path) -> Path:
    master = Path(master)
    return master.parent / f".~{master.stem}.lock"


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


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
    if path.exists() and time.time() - path.stat().st_mtime > STALE_SECONDS:
        path.unlink(missing_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = _holder(path) or "另一个任务"
        raise WorkplanError(
            f"{holder}正在处理该总表，请等它结束后再试（如确认无任务在运行，可删除 {path.name}）。"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"{what or '工作要点工具'}（进程 {os.getpid()}，{time.strftime('%Y-%m-%d %H:%M')}）")
    _held[path] = 1
    try:
        yield path
    finally:
        del _held[path]
        path.unlink(missing_ok=True)
