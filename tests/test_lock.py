"""One stage at a time per master workbook."""

from __future__ import annotations

import os
import time

import pytest
from helpers import lock_held_elsewhere

from toolkit.errors import WorkplanError
from toolkit.common.lock import STALE_SECONDS, lock_path, stage_lock


def test_second_holder_is_refused_with_a_message(tmp_path):
    master = tmp_path / "总表.xlsx"
    with lock_held_elsewhere(master, "定时汇总"):
        with pytest.raises(WorkplanError) as err:
            with stage_lock(master):
                pass
        assert "定时汇总" in err.value.message and "正在处理" in err.value.message


def test_the_same_process_may_nest(tmp_path):
    master = tmp_path / "总表.xlsx"
    with stage_lock(master):
        with stage_lock(master):
            assert lock_path(master).exists()
        assert lock_path(master).exists()
    assert not lock_path(master).exists()


def test_released_after_an_error(tmp_path):
    master = tmp_path / "总表.xlsx"
    with pytest.raises(RuntimeError):
        with stage_lock(master):
            raise RuntimeError("stage failed")
    with stage_lock(master):
        pass


def test_stale_lock_from_a_crash_is_taken_over(tmp_path):
    master = tmp_path / "总表.xlsx"
    path = lock_path(master)
    path.write_text("旧任务", encoding="utf-8")
    old = time.time() - STALE_SECONDS - 60
    os.utime(path, (old, old))
    with stage_lock(master):
        assert "工作要点工具" in path.read_text(encoding="utf-8")


def test_a_mistyped_master_path_creates_no_folders(tmp_path):
    master = tmp_path / "没有的文件夹" / "总表.xlsx"
    with pytest.raises(WorkplanError) as err:
        with stage_lock(master):
            pass
    assert "找不到总表" in err.value.message
    assert not master.parent.exists()


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lock_of_a_process_that_no_longer_exists_is_taken_over_at_once(tmp_path, caplog):
    import socket

    master = tmp_path / "总表.xlsx"
    path = lock_path(master)
    pid = _dead_pid()
    path.write_text(f"定时汇总（进程 {pid}，主机 {socket.gethostname()}，2020-12-20 09:30）",
                    encoding="utf-8")
    with caplog.at_level("WARNING", logger="workplan"):
        with stage_lock(master, "汇总"):
            assert f"进程 {os.getpid()}" in path.read_text(encoding="utf-8")
    assert any("接管锁文件" in r.getMessage() and str(pid) in r.getMessage()
               for r in caplog.records)


def test_a_fresh_lock_of_another_machine_still_blocks(tmp_path):
    master = tmp_path / "总表.xlsx"
    lock_path(master).write_text(f"定时汇总（进程 {_dead_pid()}，主机 另一台电脑，2020-12-20 09:30）",
                                 encoding="utf-8")
    with pytest.raises(WorkplanError) as err:
        with stage_lock(master):
            pass
    assert "正在处理" in err.value.message


# --- a lock left by a crashed run, on Windows and after a reboot (issue 22) -------------------
def _write_lock(master, pid, started=None, host=None, what="定时汇总"):
    import json
    import socket

    host = host or socket.gethostname()
    text = f"{what}（进程 {pid}，主机 {host}，2020-12-20 09:30）"
    if started is not None:
        text += "\n" + json.dumps({"pid": pid, "host": host, "started": started})
    lock_path(master).write_text(text, encoding="utf-8")
    return lock_path(master)


def _windows_os_kill(pid, sig):
    """os.kill as Windows answers it: signal 0 is CTRL_C_EVENT, and a process that is not there
    gives OSError [WinError 87], not ProcessLookupError; so it tests nothing."""
    err = OSError(22, "The parameter is incorrect")
    err.winerror = 87
    raise err


class _FakeProcess:
    """psutil.Process as the operating system answers for one process id."""

    answers: dict = {}

    def __init__(self, pid):
        self.pid = pid

    def create_time(self):
        answer = self.answers.get(self.pid)
        if isinstance(answer, BaseException):
            raise answer
        if answer is None:
            import psutil

            raise psutil.NoSuchProcess(self.pid)
        return answer


@pytest.fixture
def windows(monkeypatch):
    """The answers of a Windows machine: os.kill is useless, psutil asks the Windows API."""
    import psutil

    monkeypatch.setattr(os, "kill", _windows_os_kill)
    monkeypatch.setattr(psutil, "Process", _FakeProcess)
    _FakeProcess.answers = {os.getpid(): time.time() - 5}
    return _FakeProcess.answers


def test_windows_a_crashed_holder_is_taken_over(tmp_path, windows, caplog):
    master = tmp_path / "总表.xlsx"
    path = _write_lock(master, 4242, started=time.time() - 600)  # 4242: no such process now
    with caplog.at_level("WARNING", logger="workplan"):
        with stage_lock(master, "汇总"):
            assert "汇总" in path.read_text(encoding="utf-8")
    assert any("4242 已不存在" in r.getMessage() for r in caplog.records)


def test_windows_a_live_holder_still_blocks(tmp_path, windows):
    master = tmp_path / "总表.xlsx"
    started = time.time() - 600
    windows[4242] = started
    _write_lock(master, 4242, started=started)
    with pytest.raises(WorkplanError) as err:
        with stage_lock(master):
            pass
    assert "定时汇总" in err.value.message and "正在处理" in err.value.message


def test_windows_a_process_we_may_not_ask_is_judged_by_the_boot_time(tmp_path, windows,
                                                                       monkeypatch):
    import psutil

    from toolkit.common import lock

    master = tmp_path / "总表.xlsx"
    windows[4242] = psutil.AccessDenied(4242)  # a process of another user or of the system
    path = _write_lock(master, 4242, started=time.time() - 600)
    made = time.time() - 600
    os.utime(path, (made, made))
    monkeypatch.setattr(lock, "boot_time", lambda: time.time() - 3600)  # up since before
    with pytest.raises(WorkplanError):
        with stage_lock(master):
            pass
    monkeypatch.setattr(lock, "boot_time", lambda: time.time() - 60)  # restarted since
    with stage_lock(master):
        assert "工作要点工具" in path.read_text(encoding="utf-8")


def test_posix_a_crashed_holder_is_taken_over_with_the_real_os(tmp_path):
    """The same case with the real answers of this (POSIX) machine."""
    master = tmp_path / "总表.xlsx"
    _write_lock(master, _dead_pid(), started=time.time() - 600)
    with stage_lock(master):
        pass


@pytest.fixture
def live_process():
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield child.pid
    finally:
        child.kill()
        child.wait()


def test_a_pid_that_now_belongs_to_another_live_process_is_taken_over(tmp_path, live_process,
                                                                        caplog):
    """After a reboot the old holder's number belongs to another process: the lock records when
    its holder started, and that process started at another time."""
    import psutil

    master = tmp_path / "总表.xlsx"
    other_start = psutil.Process(live_process).create_time() - 3 * 86400
    _write_lock(master, live_process, started=other_start)
    with caplog.at_level("WARNING", logger="workplan"):
        with stage_lock(master, "汇总"):
            pass
    assert any("现属于另一个进程" in r.getMessage() for r in caplog.records)


def test_the_same_live_process_keeps_its_lock(tmp_path, live_process):
    import psutil

    master = tmp_path / "总表.xlsx"
    _write_lock(master, live_process, started=psutil.Process(live_process).create_time())
    with pytest.raises(WorkplanError):
        with stage_lock(master):
            pass


def test_an_old_lock_without_a_start_time_whose_pid_was_reused_is_taken_over(tmp_path,
                                                                              live_process):
    """A lock written before start times were recorded: its holder's number belongs to a
    process that started after the lock was made."""
    master = tmp_path / "总表.xlsx"
    path = _write_lock(master, live_process)
    made = time.time() - 3600
    os.utime(path, (made, made))
    with stage_lock(master):
        pass


def test_the_lock_records_host_process_and_its_start(tmp_path):
    import json
    import socket

    import psutil

    master = tmp_path / "总表.xlsx"
    with stage_lock(master, "汇总"):
        first, data = lock_path(master).read_text(encoding="utf-8").splitlines()
    assert first.startswith("汇总（进程 ")
    record = json.loads(data)
    assert record["pid"] == os.getpid() and record["host"] == socket.gethostname()
    assert abs(record["started"] - psutil.Process().create_time()) < 1


def test_an_empty_lock_cut_off_while_being_written_is_taken_over(tmp_path):
    master = tmp_path / "总表.xlsx"
    path = lock_path(master)
    path.write_text("", encoding="utf-8")
    with pytest.raises(WorkplanError):  # a moment ago: maybe being written now
        with stage_lock(master):
            pass
    old = time.time() - 120
    os.utime(path, (old, old))
    with stage_lock(master):
        pass
