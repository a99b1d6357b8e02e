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
