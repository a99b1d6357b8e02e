"""One stage at a time per master workbook: the batch run and the ribbon share this lock.

The lock is a file beside the master (`.~<master>.lock`), made with O_EXCL. Its first line says
who holds it, for the message a second run shows; its second line records, as JSON, what tells a
lock left by a crash from a live one: the holder's host, process id and the time its process
started. A lock is taken over when

- its host is this machine and the process is gone (psutil asks the operating system: on
  Windows `os.kill(pid, 0)` does not test a process, it sends a Ctrl-C or kills it), or the
  process id now belongs to another process (started at another time: after a reboot a new
  process often gets the old number), or the lock was made before this machine last started;
- its host is another machine (a master on a shared folder) and it is older than STALE_SECONDS.

Locks written before the start time was recorded (first line only) are judged by their process
and the machine's boot time.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import WorkplanError, master_not_found

log = logging.getLogger("workplan")

STALE_SECONDS = 6 * 3600  # a lock of another machine older than this is left over from a crash
UNREADABLE_SECONDS = 60  # an empty lock file this old was cut off while being written
START_TOLERANCE = 2.0  # seconds: process start times as two readings of the same process differ
HOLDER_RE = re.compile(r"进程 (\d+)，主机 ([^，）]*)")
_held: dict[Path, int] = {}  # locks this process holds, with their nesting depth


def lock_path(master: Path) -> Path:
    master = Path(master)
    return master.parent / f".~{master.stem}.lock"


@dataclass
class Holder:
    """What a lock file says about the process that made it."""

    text: str  # the first line, shown to the user
    pid: int = 0
    host: str = ""
    started: float | None = None  # the holder process's start time (epoch seconds)


def _read(path: Path) -> Holder:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Holder("")
    holder = Holder(lines[0].strip() if lines else "")
    if len(lines) > 1:
        try:
            data = json.loads(lines[1])
            holder.pid, holder.host = int(data["pid"]), str(data["host"])
            holder.started = float(data["started"]) if data.get("started") else None
            return holder
        except (ValueError, KeyError, TypeError):
            pass
    found = HOLDER_RE.search(holder.text)
    if found:
        holder.pid, holder.host = int(found.group(1)), found.group(2)
    return holder


# --- what the operating system says about a process (psutil: Windows, Linux, macOS alike) ------
GONE, UNKNOWN = "gone", "unknown"


def process_started(pid: int):
    """The start time of process `pid` (epoch seconds); GONE when there is no such process;
    UNKNOWN when it exists but the system will not say when it started."""
    import psutil

    if pid <= 0:
        return GONE
    try:
        return psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:  # ZombieProcess is one: a dead holder not yet reaped
        return GONE
    except (psutil.AccessDenied, OSError):
        return UNKNOWN


def boot_time() -> float:
    import psutil

    return psutil.boot_time()


def _this_process() -> Holder:
    started = process_started(os.getpid())
    return Holder("", os.getpid(), socket.gethostname(),
                  started if isinstance(started, float) else None)


# --- a lock left over ------------------------------------------------------------------------
def why_left(holder: Holder, made: float, now: float | None = None) -> str:
    """Why the lock described by `holder`, made at `made` (its file's time), is left over from
    a run that ended without removing it; "" while its holder may still be running."""
    now = time.time() if now is None else now
    if not holder.text and now - made > UNREADABLE_SECONDS:
        return "锁文件为空或无法识别（加锁时被中断）"
    if not holder.pid or holder.host != socket.gethostname():
        if now - made > STALE_SECONDS:
            return f"已超过 {STALE_SECONDS // 3600} 小时未释放"
        return ""
    started = process_started(holder.pid)
    if started == GONE:
        return f"持有它的进程 {holder.pid} 已不存在"
    if started == UNKNOWN:
        return "本机在加锁后重新启动过" if made < boot_time() else ""
    if holder.started is not None:
        if abs(started - holder.started) > START_TOLERANCE:
            return f"进程号 {holder.pid} 现属于另一个进程（原进程已结束）"
        return ""
    if started > made + START_TOLERANCE or made < boot_time():  # a lock without a start time
        return f"进程号 {holder.pid} 现属于另一个进程（原进程已结束）"
    return ""


def _take_over_if_left(path: Path) -> None:
    """Remove a lock whose holder is gone (see `why_left`)."""
    try:
        made = path.stat().st_mtime
    except OSError:
        return  # no lock
    holder = _read(path)
    reason = why_left(holder, made)
    if reason:
        log.warning("接管锁文件 %s：%s（%s）", path, reason, holder.text)
        path.unlink(missing_ok=True)


def _record(what: str) -> str:
    me = _this_process()
    line = (f"{what or '工作要点工具'}（进程 {me.pid}，主机 {me.host}，"
            f"{time.strftime('%Y-%m-%d %H:%M')}）")
    data = {"pid": me.pid, "host": me.host, "started": me.started}
    return f"{line}\n{json.dumps(data, ensure_ascii=False)}\n"


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
        holder = _read(path).text or "另一个任务"
        raise WorkplanError(
            f"{holder}正在处理该总表，请等它结束后再试（如确认无任务在运行，可删除 {path.name}）。"
        ) from None
    try:  # from here on the file is ours: removed however the command ends (Ctrl-C included)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(_record(what))
        _held[path] = 1
        yield path
    finally:
        _held.pop(path, None)
        path.unlink(missing_ok=True)
