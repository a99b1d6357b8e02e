"""Which units get a workbook, which rows, the file names, and the warnings about the master."""

from __future__ import annotations

import pytest

from toolkit.common.naming import DISTRIBUTION_FILE, file_name, safe_part, unique_file_names
from toolkit.assign.planning import check_plan, select_units, unit_form
from toolkit.rules.rounds import find_round as resolve_round
from toolkit.rules.units import split_names
from toolkit.books.form import layout as F
from toolkit.books.form.layout import FormIndex
from toolkit.errors import WorkplanError
from toolkit.model.plan import Allocation, Group, Plan, Section, Task, Unit


# --- rows ----------------------------------------------------------------------------------------
def test_a_units_rows_in_full(small_plan):
    index = FormIndex(small_plan)
    body = small_plan.task(2).body
    assert index.task_rows("甲县教育局")[0] == {
        "key": "T2", "number": 2, "section": "二、增强教育获得感", "title": "扩大学前教育资源",
        "body": body, "role": "配合", "deadline": "年内"}
    assert [(r["key"], r["role"]) for r in index.task_rows("发展规划科")] == [
        ("T2", "牵头"), ("T3", "牵头")]
    assert index.figure_rows("甲县教育局") == [
        {"key": "I2-1", "task": 2, "name": "新增学位", "source": "计划新增学位900个",
         "comparator_words": "不低于", "target": 400, "unit": "个", "scope": "本单位目标"},
        {"key": "I2-2", "task": 2, "name": "争取省级以上补助资金",
         "source": "争取省级以上补助资金0.9亿元以上\n（全市目标，请填报本单位完成数）",
         "comparator_words": "不低于", "target": 0.9, "unit": "亿元", "scope": "全市目标"},
        {"key": "I3-1", "task": 3, "name": "义务教育“大班额”",
         "source": "义务教育“大班额”控制在2%以内\n（全市目标，请填报本单位完成数）",
         "comparator_words": "不超过", "target": 2, "unit": "%", "scope": "全市目标"},
    ]
    assert [r["target"] for r in index.figure_rows("发展规划科")][:1] == [900]  # no allocation
    lead = {r["key"]: r for r in index.figure_rows("发展规划科")}
    assert lead["I2-1"]["source"] == "计划新增学位900个\n（全市目标，请填报全市数）"
    assert index.task_rows("不存在科") == [] and index.figure_rows("办公室") == []
    # the public functions are the same rows
    assert F.task_rows(small_plan, "甲县教育局") == index.task_rows("甲县教育局")
    assert F.figure_rows(small_plan, "甲县教育局") == index.figure_rows("甲县教育局")


def _expected_keys(plan, unit):
    """A unit's row keys and roles straight from the Plan's own look-ups."""
    tasks = [(t.key, dict(plan.task_units(t))[unit]) for t in plan.tasks
             if unit in dict(plan.task_units(t))]
    numbers = {int(key[1:]) for key, _ in tasks}
    return tasks, [i.key for i in plan.indicators if i.task in numbers]


def test_index_answers_as_the_plan_does_on_the_reference_plan():
    import toolkit.plan_import as plan_import

    plan = plan_import.parse_plan_file(plan_import.reference_plan_path())
    index = FormIndex(plan)
    assert index.plan_id == plan.identity()
    assert index.responsible_units() == plan.responsible_units()
    assert len(index.responsible_units()) > 30
    for task in plan.tasks:
        assert index.task_units(task) == plan.task_units(task)
    for unit in plan.responsible_units():
        tasks, figures = _expected_keys(plan, unit)
        assert [(r["key"], r["role"]) for r in index.task_rows(unit)] == tasks, unit
        assert [r["key"] for r in index.figure_rows(unit)] == figures, unit
    county = next(u.name for u in plan.units if u.name.startswith("永安市"))
    assert len(index.task_rows(county)) == sum(
        1 for t in plan.tasks if any(p.startswith("各县") for p in t.units))


def test_index_directory_and_sections_as_the_plan(small_plan):
    small_plan.units.append(Unit("规划科"))  # a unit named as an earlier one's alias: its own
    small_plan.sections.append(Section("一", "重复的部分"))
    index = FormIndex(small_plan)
    for name in ("办公室", "规划科", "不存在科"):
        assert index.unit(name) is small_plan.unit(name)
    assert index.unit("规划科").name == "规划科"  # a unit's own name always stands for it
    assert small_plan.canonical_names()["规划科"] == "规划科"
    assert index.section_title("一") == small_plan.section_title("一") == "加强党的建设"
    assert index.section_title("九") == ""


def test_first_allocation_of_a_unit_is_its_target(small_plan):
    small_plan.allocations.append(Allocation("I2-1", "甲县教育局", 999))
    index = FormIndex(small_plan)
    indicator = small_plan.indicators[0]
    assert index.target(indicator, "甲县教育局") == F.unit_target(small_plan, indicator, "甲县教育局") == 400


def test_remembered_fingerprints_tell_types_apart():
    index = FormIndex(Plan())
    fields = ["a", "b"]
    for row in ({"a": 1, "b": "x"}, {"a": True, "b": "x"}, {"a": 1.0, "b": "x"},
                {"a": [1], "b": "x"}, {"a": 1, "b": "x"}):
        assert index.fingerprint(row, fields) == F.fingerprint(row, fields), row
    assert index.fingerprint({"a": True}, ["a"]) != index.fingerprint({"a": 1}, ["a"])


def test_lead_count(small_plan):
    index = FormIndex(small_plan)
    assert unit_form(index, "发展规划科").lead_tasks == 2
    assert unit_form(index, "甲县教育局").lead_tasks == 0


# --- rounds and units -----------------------------------------------------------------------------
def test_round_by_name_and_clear_errors(small_plan):
    assert resolve_round(small_plan, " 半年 ").due.month == 7
    with pytest.raises(WorkplanError, match="请用 --round 指定报送轮次，可选：一季度、半年、三季度、年终"):
        resolve_round(small_plan, "")
    with pytest.raises(WorkplanError, match="总表“设置”工作表中没有报送轮次“全年”"):
        resolve_round(small_plan, "全年")


def test_all_units_by_default_in_directory_order(small_plan):
    assert select_units(FormIndex(small_plan), None) == [
        "办公室", "发展规划科", "职成科", "甲县教育局", "乙县教育局", "丙区教育局", "某某学院"]


def test_units_by_name_alias_or_group(small_plan):
    index = FormIndex(small_plan)
    assert select_units(index, "某某学院，规划科") == ["发展规划科", "某某学院"]
    assert select_units(index, "某某学院、办公室") == ["办公室", "某某学院"]
    assert select_units(index, "各县(市、区)教育局") == ["甲县教育局", "乙县教育局", "丙区教育局"]
    assert split_names(["甲,乙", "丙;丁"]) == ["甲", "乙", "丙", "丁"]


def test_unknown_unit_or_unit_without_tasks_is_an_error(small_plan):
    small_plan.units.append(Unit("无任务科"))
    index = FormIndex(small_plan)
    with pytest.raises(WorkplanError, match="单位“不存在科”没有需要填报的任务"):
        select_units(index, "办公室,不存在科")
    with pytest.raises(WorkplanError, match="无任务科"):
        select_units(index, "无任务科")


def test_no_responsible_unit_at_all_is_an_error(small_plan):
    for task in small_plan.tasks:
        task.units = []
    with pytest.raises(WorkplanError, match="没有任何任务填写了责任单位"):
        select_units(FormIndex(small_plan), None)


# --- checks of the master -------------------------------------------------------------------------
def test_good_plan_has_no_warnings(small_plan):
    assert check_plan(small_plan, FormIndex(small_plan)) == []


def test_task_without_units_names_its_row(small_plan):
    small_plan.tasks.append(Task(5, "二", "新任务", "5.新任务。", "", []))
    warnings = check_plan(small_plan, FormIndex(small_plan))
    assert len(warnings) == 1
    assert warnings[0].startswith("任务 工作表第6行（序号5“新任务”）“责任单位”列：没有填写责任单位")
    assert "不会下发给任何单位" in warnings[0]


def test_group_without_members_warns_and_its_tasks_go_to_the_other_units(small_plan):
    small_plan.groups.append(Group("职业院校", []))
    small_plan.task(4).units = ["职成科", "职业院校"]
    index = FormIndex(small_plan)
    warnings = check_plan(small_plan, index)
    assert warnings == [
        "单位 工作表右侧分组表第4行（分组“职业院校”）：该分组没有成员单位，任务4中交给该分组的部分"
        "本轮不会下发（请在 单位 工作表的“所属分组”列为成员单位填写该分组）。"]
    assert [r["key"] for r in index.task_rows("职成科")] == ["T4"]
    assert "某某学院" not in index.responsible_units()


def test_allocation_that_does_not_add_up_names_the_rows(small_plan):
    small_plan.allocations[2].value = 150  # 400 + 300 + 150 = 850, target 900
    warnings = check_plan(small_plan, FormIndex(small_plan))
    assert warnings == [
        "分解 工作表第2至4行（指标I2-1“新增学位”）“分解目标值”列：各单位分解之和为850个，"
        "与 指标 工作表中的目标值900个不一致（请核对分解数或目标值）。"]


def test_allocation_to_a_unit_that_does_not_report_it(small_plan):
    small_plan.allocations.append(Allocation("I2-1", "职成科", 0))
    warnings = check_plan(small_plan, FormIndex(small_plan))
    assert len(warnings) == 1
    assert warnings[0].startswith("分解 工作表第5行（指标I2-1，职成科）：“单位名称”不是任务2的责任单位")


def test_allocation_of_an_unknown_indicator(small_plan):
    small_plan.allocations.append(Allocation("I9-9", "甲县教育局", 1))
    warnings = check_plan(small_plan, FormIndex(small_plan))
    assert warnings[0].startswith("分解 工作表第5行（指标I9-9，甲县教育局）：“指标编号”在 指标 工作表中不存在")


def test_unit_name_with_a_slash(small_plan):
    small_plan.units[0].name = "办公室/档案室"
    small_plan.task(1).units = ["办公室/档案室"]
    index = FormIndex(small_plan)
    warnings = check_plan(small_plan, index)
    assert warnings == [
        "单位 工作表第2行“单位名称”列：单位名称“办公室/档案室”含有文件名中不允许的字符“/”，"
        "任务表文件名中已去掉这些字符（如是两个单位写在了一起，请分开填写）。"]
    assert unique_file_names(index.responsible_units(), "2020年终")["办公室/档案室"] == (
        "办公室档案室_2020年终_任务表.xlsx")


def test_task_naming_a_unit_missing_from_the_directory(small_plan):
    small_plan.task(1).units = ["办公室", "档案馆"]
    warnings = check_plan(small_plan, FormIndex(small_plan))
    assert warnings == [
        "任务 工作表第2行（序号1“强化理论学习”）“责任单位”列：“档案馆”不在 单位 工作表中，"
        "仍按该名称生成任务表（如为笔误请改正，或在 单位 工作表中补充该单位）。"]


# --- file names -----------------------------------------------------------------------------------
def test_file_names_are_windows_safe_and_bounded():
    assert file_name("永安市教育局", "2020年终") == "永安市教育局_2020年终_任务表.xlsx"
    assert safe_part('a\\b/c:d*e?f"g<h>i|j\tk. . ') == "abcdefghijk"
    assert safe_part("...") == "单位"
    long = file_name("很长的单位名称" * 30, "2020年终")
    assert len(long) <= 100 and long.endswith("_2020年终_任务表.xlsx")
    for name in (long, file_name("甲/乙", "2020年终")):
        assert not set('\\/:*?"<>|') & set(name)


def test_file_names_are_unique_ignoring_case_and_never_the_distribution_list():
    names = unique_file_names(["ABC", "abc", "A/BC", "下发清单.xlsx"], "")
    assert names["ABC"] == "ABC_本轮_任务表.xlsx"
    assert names["abc"] == "abc_本轮_任务表(2).xlsx"
    assert names["A/BC"] == "ABC_本轮_任务表(3).xlsx"
    assert len({n.casefold() for n in names.values()} | {DISTRIBUTION_FILE}) == 5


def test_raised_target_marks_the_phrase_as_original(small_plan):
    small_plan.indicators[0].value = 960  # the administrator raised 900 to 960 in 指标
    index = F.FormIndex(small_plan)
    county = {r["key"]: r for r in index.figure_rows("甲县教育局")}
    assert (county["I2-1"]["source"], county["I2-1"]["target"]) == ("原文：计划新增学位900个", 400)
    lead = {r["key"]: r for r in index.figure_rows("发展规划科")}
    assert lead["I2-1"]["target"] == 960 and lead["I2-1"]["scope"] == "全市目标"
    assert lead["I2-1"]["source"] == "原文：计划新增学位900个\n（全市目标，请填报全市数）"
    assert not F.differs_from_phrase(small_plan.indicators[1])  # 0.9亿元 as written
