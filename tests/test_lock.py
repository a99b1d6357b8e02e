"""One stage at a time per master workbook."""

from __future__ import annotations

import os
import time

import pytest
from conftest import lock_held_elsewhere

from toolkit.common.errors import WorkplanError
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
