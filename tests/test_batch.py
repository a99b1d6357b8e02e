"""`workplan run`: the unattended collect, check and summary, with its exit codes and JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from helpers import lock_held_elsewhere

from toolkit import app
from toolkit.common import paths
from toolkit.front.demo import simulate_returns
from toolkit.books.master import write_master


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "总表.xlsx"
    write_master(small_plan, path)
    assigned = app.assign(path, "年终")
    simulate_returns(assigned.files, paths.inbox(path, 2020, "年终"), small_plan)
    return path


def run_cli(*args):
    result = subprocess.run([sys.executable, "-m", "toolkit", "run", *map(str, args)],
                            capture_output=True, text=True, encoding="utf-8")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout + result.stderr
    return result.returncode, json.loads(lines[0])


def test_everyone_reported_cleanly_exit_0(master):
    code, data = run_cli(master, "--round", "年终")
    assert code == 0, data
    assert (data["expected"], data["reported"], data["missing"], data["problems"]) == (7, 7, 0, 0)
    assert sum(data["indicators"].values()) == 4
    names = [p.split("/")[-1] for p in data["outputs"]]
    assert names == ["2020年终汇总表.xlsx", "年终总结.xlsx", "年终总结.docx"]
    log = master.parent / "汇总" / "2020年终运行日志.log"
    assert data["log"] == str(log)
    assert "collect: 已汇总 7 个单位" in log.read_text(encoding="utf-8")


def test_a_missing_unit_is_exit_1(master):
    inbox = paths.inbox(master, 2020, "年终")
    next(p for p in inbox.iterdir() if "乙县教育局" in p.name).unlink()
    code, data = run_cli(master, "--round", "年终")
    assert code == 1 and data["missing"] == 1 and data["reported"] == 6


def test_inputs_are_untouched(master):
    inbox = paths.inbox(master, 2020, "年终")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime) for p in inbox.iterdir()}
    master_bytes = master.read_bytes()
    app.run(master, "年终")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime) for p in inbox.iterdir()} == before
    assert master.read_bytes() == master_bytes


def test_a_rerun_gives_the_same_outputs(master):
    first = app.run(master, "年终")
    saved = {p: open(p, "rb").read() for p in first.outputs}
    second = app.run(master, "年终")
    assert second.outputs == first.outputs
    assert {p: open(p, "rb").read() for p in second.outputs} == saved


def test_no_master_is_exit_2(tmp_path):
    code, data = run_cli(tmp_path / "没有这个文件.xlsx")
    assert code == 2 and "找不到总表" in data["error"]


def test_unknown_round_is_exit_2(master):
    code, data = run_cli(master, "--round", "第五季度")
    assert code == 2 and "没有报送轮次“第五季度”" in data["error"]


def test_a_run_while_another_holds_the_lock_is_exit_2(master):
    with lock_held_elsewhere(master, "汇总"):
        exit_code, data = run_cli(master, "--round", "年终")
    assert exit_code == 2 and "正在处理" in data["error"]


def test_round_is_chosen_from_the_due_dates(master):
    assert app.desk(master, today=date(2020, 7, 20)).round == "半年"
    assert app.desk(master, today=date(2020, 12, 1)).round == "年终"


def test_the_current_round_set_in_the_settings_wins(tmp_path, small_plan):
    from toolkit.errors import WorkplanError

    small_plan.settings.current_round = "半年"
    write_master(small_plan, tmp_path / "总表.xlsx")
    assert app.desk(tmp_path / "总表.xlsx", today=date(2020, 12, 1)).round == "半年"
    small_plan.settings.current_round = "第五季度"
    write_master(small_plan, tmp_path / "总表.xlsx")
    with pytest.raises(WorkplanError) as err:
        app.desk(tmp_path / "总表.xlsx", today=date(2020, 12, 1)).round
    assert "当前轮次“第五季度”不在报送轮次中" in err.value.message
