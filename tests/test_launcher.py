"""The launchers an administrator double-clicks (toolkit.front.launcher): they ask for the
master and the round, call the hall, print the result and keep the window open."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from toolkit import app
from toolkit.books.master import write_master
from toolkit.common import paths
from toolkit.front.demo import simulate_returns

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "工作要点" / "某局_任务分解总表.xlsx"
    path.parent.mkdir()
    write_master(small_plan, path)
    simulate_returns(app.assign(path, "年终").files, paths.inbox(path, 2020, "年终"), small_plan)
    return path


def launch(command: str, answers: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": REPO, "HOME": str(home), "WORKPLAN_NO_DIALOG": "1"}
    return subprocess.run([sys.executable, "-m", "toolkit.front.launcher", command],
                          input=answers, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=300)


def test_collect_asks_master_and_round_and_waits(master, tmp_path):
    done = launch("collect", f'"{master}"\n年终\n\n', tmp_path)  # a dragged file comes quoted
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("工作要点工具 — 汇总：")
    assert "报送轮次（一季度、半年、三季度、年终；直接回车：" in out
    assert "已汇总 7 个单位，0 个未报送" in out
    assert out.rstrip().endswith("按回车键关闭窗口……")
    assert paths.consolidated(master, 2020, "年终").is_file()


def test_the_last_master_is_offered_again(master, tmp_path):
    launch("collect", f"{master}\n年终\n\n", tmp_path)
    done = launch("status", "\n\n\n", tmp_path)  # Enter: the last master; Enter: every round
    assert f"（直接回车：{master}）" in done.stdout
    assert "年终：应报 7 个单位，已报送 7 个" in done.stdout


def test_a_wrong_file_is_one_line_and_the_window_stays(tmp_path):
    plan = tmp_path / "工作要点.docx"
    plan.write_bytes(b"PK")
    done = launch("check", f"{plan}\n\n", tmp_path)
    assert done.returncode == 2
    assert "工作要点.docx 是Word 文档，不是任务分解总表" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.rstrip().endswith("按回车键关闭窗口……")


def test_no_file_given(tmp_path):
    done = launch("assign", "\n\n", tmp_path)
    assert done.returncode == 2 and "未选择文件。" in done.stdout
