"""The reference plan (三明市教育局2020年工作要点), round 年终: one file per expanded unit."""

from __future__ import annotations

import openpyxl
import pytest

from helpers import all_calamine_rows, recompute_signature, table_rows
from toolkit.assign import assign_plan
from toolkit import app
from toolkit import plan_import
from toolkit.books.form import layout as F

COUNTIES = ["梅列区", "三元区", "永安市", "明溪县", "清流县", "宁化县", "大田县", "尤溪县", "沙县",
            "将乐县", "泰宁县", "建宁县"]
COLLEGES = ["三明学院", "三明医学科技职业学院", "福建水利电力职业技术学院"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    plan = plan_import.parse_plan_file(plan_import.reference_plan_path())
    out = tmp_path_factory.mktemp("reference") / "2020年终"
    return plan, assign_plan(plan, "年终", out)


def expected_keys(plan, unit):
    tasks = [t for t in plan.tasks if unit in dict(plan.task_units(t))]
    numbers = {t.number for t in tasks}
    return [t.key for t in tasks], [i.key for i in plan.indicators if i.task in numbers]


def test_one_file_per_expanded_unit(reference):
    plan, result = reference
    units = [f.unit for f in result.files]
    assert units == plan.responsible_units()
    assert len(units) == len(set(units))
    for county in COUNTIES:
        assert f"{county}教育局" in units
    for college in COLLEGES:
        assert college in units
    assert "各县(市、区)教育局" not in units and "各高校" not in units
    files = {p.name for p in result.out_dir.iterdir()}
    assert files == {f.path.name for f in result.files} | {"下发清单.xlsx"}


def test_each_file_lists_exactly_its_units_tasks_and_indicators(reference):
    plan, result = reference
    for entry in result.files:
        rows = all_calamine_rows(entry.path)
        tasks = [r["key"] for r in table_rows(rows[F.SHEET_TASKS], F.TASK_COLUMNS)]
        figures = [r["key"] for r in table_rows(rows[F.SHEET_FIGURES], F.FIGURE_COLUMNS)]
        assert (tasks, figures) == expected_keys(plan, entry.unit), entry.unit
        meta, _, signature = recompute_signature(rows, plan)
        assert meta["unit"] == entry.unit and meta["signature"] == signature, entry.unit


def test_a_county_bureau_gets_every_task_naming_the_county_group(reference):
    plan, result = reference
    named = [t.key for t in plan.tasks if "各县(市、区)教育局" in t.units]
    assert len(named) > 20
    entry = next(f for f in result.files if f.unit == "永安市教育局")
    rows = table_rows(all_calamine_rows(entry.path)[F.SHEET_TASKS], F.TASK_COLUMNS)
    assert [r["key"] for r in rows] == named
    assert {r["role"] for r in rows} == {"配合单位"}


def test_distribution_list_has_a_row_per_file(reference):
    _, result = reference
    ws = openpyxl.load_workbook(result.out_dir / "下发清单.xlsx")["下发清单"]
    listed = [ws.cell(r, 4).value for r in range(3, ws.max_row + 1)]
    assert listed == [f.path.name for f in result.files]
    assert {ws.cell(r, 9).value for r in range(3, ws.max_row + 1)} == {"2020-12-20"}


def test_reference_master_round_trip(tmp_path):
    from toolkit.books.master import write_master

    plan = plan_import.parse_plan_file(plan_import.reference_plan_path())
    master = write_master(plan, tmp_path / "总表.xlsx")
    result = app.assign(master, "年终")
    assert len(result.files) == len(plan.responsible_units())
    assert result.out_dir == tmp_path / "下发" / "2020年终"
    assert any("分组“职业院校”" in w for w in result.warnings)
