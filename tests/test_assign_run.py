"""A round's folder: every unit's workbook and the 下发清单, written all or nothing; the command."""

from __future__ import annotations

import json
from datetime import datetime

import openpyxl
import pytest

from helpers import all_calamine_rows, recompute_signature, table_rows
from toolkit.assign import assign_plan, run as run_module
from toolkit import app
from toolkit.front.cli import main
from toolkit.books.form import layout as F
from toolkit.errors import WorkplanError
from toolkit.common.lock import lock_path
from toolkit.books.master import load_master, write_master
from toolkit.model.plan import Group

FILES = [
    "办公室_2020年终_任务表.xlsx", "发展规划科_2020年终_任务表.xlsx", "职成科_2020年终_任务表.xlsx",
    "甲县教育局_2020年终_任务表.xlsx", "乙县教育局_2020年终_任务表.xlsx",
    "丙区教育局_2020年终_任务表.xlsx", "某某学院_2020年终_任务表.xlsx",
]


@pytest.fixture
def master(tmp_path, small_plan):
    small_plan.units[3].contact = "甲县 李四 13800000000"
    return write_master(small_plan, tmp_path / "总表.xlsx")


def names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- the folder -----------------------------------------------------------------------------------
def test_one_file_per_unit_and_the_distribution_list(tmp_path, small_plan):
    result = assign_plan(small_plan, "年终", tmp_path / "out")
    assert names(tmp_path / "out") == set(FILES) | {"下发清单.xlsx"}
    assert [f.path.name for f in result.files] == FILES
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind
    for entry in result.files:
        meta, table, signature = recompute_signature(all_calamine_rows(entry.path), small_plan)
        assert meta["unit"] == entry.unit and meta["signature"] == signature
        assert len([t for t in table if t[1] == F.SHEET_TASKS]) == entry.tasks


def test_distribution_list_rows(tmp_path, small_plan):
    small_plan.units[3].contact = "甲县 李四 13800000000"
    assign_plan(small_plan, "年终", tmp_path / "out")
    wb = openpyxl.load_workbook(tmp_path / "out" / "下发清单.xlsx")
    ws = wb["下发清单"]
    assert wb.sheetnames == ["下发清单"]  # no 问题提示 sheet without warnings
    header = [c.value for c in ws[2]]
    assert header == ["序号", "单位", "单位类别", "任务表文件", "任务数", "其中牵头", "指标数", "联系人",
                      "报送截止日期", "报送情况"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == [f.split("_")[0] for f in FILES]
    county = rows[3]
    assert county[1:9] == ["甲县教育局", "县(市、区)教育局", FILES[3], 2, 0, 3,
                           "甲县 李四 13800000000", "2020-12-25"]
    assert rows[1][4:7] == [2, 2, 3]  # 发展规划科 leads both its tasks
    assert ws.cell(6, 4).hyperlink.target == FILES[3]
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref == "A2:J9"


def test_rerun_gives_the_same_bytes(tmp_path, small_plan):
    assign_plan(small_plan, "年终", tmp_path / "a")
    assign_plan(small_plan, "年终", tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    # the distribution list carries the round's due date, not the time of the run
    assert openpyxl.load_workbook(tmp_path / "a" / "下发清单.xlsx").properties.created == (
        datetime(2020, 12, 25))


def test_warnings_go_into_the_distribution_list(tmp_path, small_plan):
    small_plan.allocations[0].value = 1
    result = assign_plan(small_plan, "年终", tmp_path / "out")
    assert len(result.warnings) == 1 and "分解 工作表第2至4行" in result.warnings[0]
    ws = openpyxl.load_workbook(tmp_path / "out" / "下发清单.xlsx")["问题提示"]
    assert ws["B2"].value == result.warnings[0]


def test_result_json_and_summary_lines(tmp_path, small_plan):
    result = assign_plan(small_plan, "年终", tmp_path / "out")
    data = result.to_json()
    assert data["round"] == "年终" and data["distribution"].endswith("下发清单.xlsx")
    assert data["files"][3] == {
        "unit": "甲县教育局", "file": FILES[3], "path": str(tmp_path / "out" / FILES[3]),
        "tasks": 2, "lead_tasks": 0, "indicators": 3, "contact": "", "due": "2020-12-25"}
    json.dumps(data, ensure_ascii=False)
    lines = result.lines()
    assert len(lines) == 8 and lines[-1] == result.headline()
    assert lines[1] == f"发展规划科：任务2项（牵头2项、配合0项），指标3项 → {FILES[1]}"


def test_a_group_without_members_warns_and_still_writes_the_others(tmp_path, small_plan):
    small_plan.groups.append(Group("职业院校", []))
    small_plan.task(4).units.append("职业院校")
    result = assign_plan(small_plan, "年终", tmp_path / "out")
    assert any("分组“职业院校”" in w for w in result.warnings)
    assert len(result.files) == 7


# --- never overwrite, never half-written ----------------------------------------------------------
def test_existing_folder_needs_force(tmp_path, small_plan):
    out = tmp_path / "out"
    out.mkdir()
    (out / "旧文件.txt").write_text("x", encoding="utf-8")
    with pytest.raises(WorkplanError, match="已存在.*--force"):
        assign_plan(small_plan, "年终", out)
    assert names(out) == {"旧文件.txt"}
    assign_plan(small_plan, "年终", out, force=True)
    assert names(out) == set(FILES) | {"下发清单.xlsx"}


def test_force_with_units_replaces_only_those_units(tmp_path, small_plan):
    out = tmp_path / "out"
    assign_plan(small_plan, "年终", out)
    before = {n: (out / n).read_bytes() for n in FILES}
    small_plan.task(2).body += "（修订）"
    result = assign_plan(small_plan, "年终", out, units="甲县教育局", force=True)
    assert [f.unit for f in result.files] == ["甲县教育局"]
    assert names(out) == set(FILES) | {"下发清单.xlsx"}
    changed = {n for n in FILES if (out / n).read_bytes() != before[n]}
    assert changed == {FILES[3]}
    ws = openpyxl.load_workbook(out / "下发清单.xlsx")["下发清单"]
    assert ws.max_row == 2 + len(FILES)


def test_units_filter_writes_only_those(tmp_path, small_plan):
    result = assign_plan(small_plan, "年终", tmp_path / "out", units="各高校,职成科")
    assert [f.unit for f in result.files] == ["职成科", "某某学院"]
    assert names(tmp_path / "out") == {FILES[2], FILES[6], "下发清单.xlsx"}


def test_a_failure_midway_leaves_no_folder(tmp_path, small_plan, monkeypatch):
    real = run_module.write_assignment
    calls = []

    def failing(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(run_module, "write_assignment", failing)
    with pytest.raises(OSError):
        assign_plan(small_plan, "年终", tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_with_force_keeps_the_old_folder(tmp_path, small_plan, monkeypatch):
    out = tmp_path / "out"
    assign_plan(small_plan, "年终", out)
    before = {n: (out / n).read_bytes() for n in names(out)}
    monkeypatch.setattr(run_module, "write_distribution", _raise)
    with pytest.raises(OSError):
        assign_plan(small_plan, "年终", out, force=True)
    assert {n: (out / n).read_bytes() for n in names(out)} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def _raise(*args, **kwargs):
    raise OSError("disk full")


# --- from the master workbook ---------------------------------------------------------------------
def test_assign_round_reads_the_master_and_writes_beside_it(master, tmp_path):
    result = app.assign(master, "年终")
    out = tmp_path / "下发" / "2020年终"
    assert result.out_dir == out and names(out) == set(FILES) | {"下发清单.xlsx"}
    assert not lock_path(master).exists()
    plan = load_master(master)
    meta, _, signature = recompute_signature(all_calamine_rows(out / FILES[3]), plan)
    assert meta["plan_id"] == plan.identity() and meta["signature"] == signature
    rows = table_rows(all_calamine_rows(out / FILES[3])[F.SHEET_FIGURES], F.FIGURE_COLUMNS)
    assert [r["target"] for r in rows] == [400, 0.9, 2]
    assert result.files[3].contact == "甲县 李四 13800000000"


def test_assign_round_honours_the_folders_setting(tmp_path, small_plan):
    small_plan.settings.folders = {"下发": "发出的表"}
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    result = app.assign(master, "一季度")
    assert result.out_dir == tmp_path / "发出的表" / "2020年一季度"
    assert (result.out_dir / "甲县教育局_2020年一季度_任务表.xlsx").exists()


def test_master_problems_name_the_masters_cells(tmp_path, small_plan):
    small_plan.allocations[2].value = 100
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    result = app.assign(master, "年终")
    (warning,) = result.warnings
    assert warning.startswith("分解 工作表第2至4行（指标I2-1“新增学位”）“分解目标值”列")
    ws = openpyxl.load_workbook(master)["分解"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["I2-1"] * 3


def test_missing_master(tmp_path):
    with pytest.raises(WorkplanError, match="找不到总表"):
        app.assign(tmp_path / "无.xlsx", "年终")


# --- the command ----------------------------------------------------------------------------------
def test_command_prints_one_line_per_unit(master, capsys):
    assert main(["assign", str(master), "--round", "年终"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 8
    assert out[3] == f"甲县教育局：任务2项（牵头0项、配合2项），指标3项 → {FILES[3]}"
    assert out[-1].startswith("共生成7个任务表")


def test_command_json(master, tmp_path, capsys):
    out_dir = tmp_path / "自选"
    assert main(["assign", str(master), "--round", "半年", "-o", str(out_dir), "--json",
                 "--units", "甲县教育局,办公室"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["out_dir"] == str(out_dir)
    assert [f["unit"] for f in data["files"]] == ["办公室", "甲县教育局"]
    assert data["files"][1]["file"] == "甲县教育局_2020年半年_任务表.xlsx"


@pytest.mark.parametrize("args, message", [
    (["--round", "全年"], "错误：总表“设置”工作表中没有报送轮次“全年”"),
    ([], "错误：请用 --round 指定报送轮次"),
    (["--round", "年终", "--units", "不存在科"], "错误：单位“不存在科”没有需要填报的任务"),
])
def test_command_errors_are_one_chinese_line(master, capsys, args, message):
    assert main(["assign", str(master), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


def test_command_refuses_an_existing_folder(master, capsys):
    assert main(["assign", str(master), "--round", "年终"]) == 0
    capsys.readouterr()
    assert main(["assign", str(master), "--round", "年终"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["assign", str(master), "--round", "年终", "--force"]) == 0
