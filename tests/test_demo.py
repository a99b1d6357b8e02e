"""`workplan demo`: the whole pipeline on the reference plan, and the key figures it shows."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import openpyxl
import pytest

from toolkit.front.demo import LATE, MISSING, PARTLY, run_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo"))


def sheet_rows(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_every_stage_left_its_output(demo):
    assert demo.master.is_file()
    assigned = sorted(p.name for p in demo.outbox.iterdir())
    assert len(assigned) == 44 and "下发清单.xlsx" in assigned  # 43 units and the list
    assert len(demo.returned) == 43 - len(MISSING)
    outputs = [p.split("/")[-1] for p in demo.run.outputs]
    assert outputs == ["2020年终汇总表.xlsx", "年终总结.xlsx", "年终总结.docx"]
    assert all((demo.folder / p).is_file() for p in demo.run.outputs)
    assert (demo.folder / "汇总" / "2020年终运行日志.log").is_file()


def test_key_figures(demo):
    counts = demo.run.counts
    assert (counts["expected"], counts["reported"], counts["missing"], counts["late"]) == (43, 41, 2, 2)
    assert counts["problems"] == 4  # three typical mistakes and a county's blank share
    assert demo.run.exit_code == 1  # ran, but units are missing and problems were found
    statuses = counts["indicators"]
    assert sum(statuses.values()) == 37
    assert statuses["未达标"] == 2 and statuses["超额完成"] + statuses["已达标"] == 28
    # below target while 建宁县教育局 has not reported: partial sums, 数据不全, not 待核实
    assert statuses["数据不全"] == 7 and statuses["待核实"] == 0


def test_missing_and_late_units_are_listed(demo):
    consolidated = demo.folder / demo.run.outputs[0]
    chase = {row[1] for row in sheet_rows(consolidated, "未报送单位") if row and row[1]}
    assert set(MISSING) <= chase
    states = {row[1]: row[3] for row in sheet_rows(consolidated, "报送情况") if row and row[1]}
    assert all(states[unit] == "未报送" for unit in MISSING)
    assert all(states[unit] == "逾期" for unit in LATE)
    assert all(states[unit] == "报送不全" for unit in PARTLY)


def test_typical_mistakes_are_in_the_problem_list(demo):
    consolidated = demo.folder / demo.run.outputs[0]
    rows = sheet_rows(consolidated, "问题清单")
    text = "\n".join(" ".join(str(c) for c in row if c is not None) for row in rows)
    assert "宣传部" in text and "完成进度只有 80%" in text
    assert "尤溪县教育局" in text and "以文本形式填写" in text
    assert "三明学院" in text and "未填写联系电话" in text


def test_a_narrative_starting_with_equals_stays_text(demo):
    consolidated = demo.folder / demo.run.outputs[0]
    ws = openpyxl.load_workbook(consolidated)["任务进展"]
    cells = [c for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=全年共培训教师")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_places_added_add_up_to_what_the_counties_reported(demo):
    consolidated = demo.folder / demo.run.outputs[0]
    rows = sheet_rows(consolidated, "指标数据")
    header = next(r for r in rows if r and "实际完成值" in r)
    key, actual = header.index("指标编号"), header.index("实际完成值")
    reported = [r[actual] for r in rows[rows.index(header) + 1:]
                if r[key] == "I10-3" and isinstance(r[actual], (int, float))]
    assert len(reported) == 11  # every county but 建宁县
    check = sheet_rows(consolidated, "指标核对")
    head = next(r for r in check if r and "汇总值" in r)
    row = next(r for r in check if r and r[0] == "I10-3")
    assert row[head.index("汇总值")] == sum(reported)
    total = int(sum(reported))
    document = docx.Document(demo.folder / demo.run.outputs[2])
    text = "\n".join(p.text for p in document.paragraphs)
    annex = document.tables[0]
    row = next([c.text for c in r.cells] for r in annex.rows
               if r.cells[1].text == "指标：计划新增学位8640个")
    assert row[3].startswith(f"{total}个，完成") and row[4] in ("已达标", "超额完成")
    assert "（一）加强党对教育工作的全面领导。" in text


@pytest.mark.slow
def test_demo_command_prints_where_everything_is(tmp_path):
    result = subprocess.run([sys.executable, "-m", "toolkit", "demo", str(tmp_path), "--json"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["reported"] == 41 and data["missing"] == 2 and data["exit_code"] == 1
