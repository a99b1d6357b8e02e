"""Unit markers of other offices' habits, lead basis, people and deadlines in running text."""

from __future__ import annotations

import pytest

from toolkit.model.plan import LEAD_ASSUMED, LEAD_MARKED
from toolkit.plan_import import parse_plan_text

HEADER = "某市教育局2021年工作要点\n\n一、总则\n"


def task(body: str, header: str = HEADER):
    return parse_plan_text(header + body).tasks[0]


def test_lead_line_then_responsibility_line_gives_all_units():
    t = task("1.抓好学前教育。新增学位。\n牵头单位:基教科\n责任单位:财务科,各县(区)教育局\n")
    assert t.units == ["基教科", "财务科", "各县(区)教育局"]
    assert t.lead == "基教科" and t.lead_basis == LEAD_MARKED
    assert t.body == "抓好学前教育。新增学位。"


def test_first_unit_leads_by_convention_and_says_so():
    t = task("1.抓好学习。组织学习。(责任单位:基教科、财务科,各县(区)教育局)\n")
    assert t.units == ["基教科", "财务科", "各县(区)教育局"]
    assert t.lead == "基教科" and t.lead_basis == LEAD_ASSUMED


def test_host_and_assisting_units_in_brackets_without_marker():
    plan = parse_plan_text(HEADER + "1.抓好学习。组织学习。(基教科、体卫科主办,财务科协办)\n")
    t = plan.tasks[0]
    assert t.units == ["基教科", "体卫科", "财务科"]
    assert dict(plan.task_units(t)) == {"基教科": "牵头", "体卫科": "牵头", "财务科": "配合"}
    assert t.body == "抓好学习。组织学习。"
    assert t.lead_basis == LEAD_MARKED


def test_lead_and_cooperate_words_after_names():
    plan = parse_plan_text(HEADER + "1.抓好学习。组织学习。责任单位:基教科牵头,各科室配合\n")
    t = plan.tasks[0]
    assert t.units == ["基教科", "各科室"]
    assert dict(plan.task_units(t))["基教科"] == "牵头"
    assert t.lead_basis == LEAD_MARKED


@pytest.mark.parametrize("marker,basis", [("牵头科室", LEAD_MARKED), ("责任科室", LEAD_ASSUMED),
                                          ("主要责任单位", LEAD_MARKED), ("承办单位", LEAD_ASSUMED),
                                          ("牵头部门", LEAD_MARKED), ("责任股室", LEAD_ASSUMED)])
def test_marker_words(marker, basis):
    t = task(f"1.抓好学习。组织学习。{marker}:人事科、办公室\n")
    assert t.units == ["人事科", "办公室"]
    assert t.lead_basis == basis


def test_marker_with_a_note_in_brackets():
    t = task("1.抓好学习。组织学习。责任处室、单位(按处室、单位顺序排列):基教科、财务科\n")
    assert t.units == ["基教科", "财务科"]


def test_enumeration_comma_inside_brackets_and_after_an_administrative_level():
    t = task("1.抓好学习。组织学习。责任单位:基教科、各市、县(市、区)教育局\n")
    assert t.units == ["基教科", "各市、县(市、区)教育局"]


def test_instructions_among_the_units_are_never_units():
    t = task("1.抓好学习。组织学习。责任单位:基教科、财务科(按职责分工负责)\n")
    assert t.units == ["基教科", "财务科"]


def test_a_rule_stated_once_marks_the_lead_of_the_tasks_after_it():
    header = "某市教育局2021年工作要点\n(注:排在第一位的为牵头单位)\n一、总则\n"
    plan = parse_plan_text(header + "1.抓好学习。责任单位:基教科、财务科\n"
                                    "2.抓好安全。责任单位:安全科、办公室\n")
    assert [t.lead for t in plan.tasks] == ["基教科", "安全科"]
    assert [t.lead_basis for t in plan.tasks] == [LEAD_MARKED, LEAD_MARKED]


def test_a_rule_inside_the_units_text_is_not_a_unit():
    plan = parse_plan_text(HEADER + "1.抓好学习。责任单位:基教科、财务科(排在第一位的为牵头单位,下同)\n"
                                    "2.抓好安全。责任单位:安全科、办公室\n")
    assert [t.units for t in plan.tasks] == [["基教科", "财务科"], ["安全科", "办公室"]]
    assert plan.tasks[1].lead_basis == LEAD_MARKED


def test_people_are_never_units():
    t = task("1.抓好学习。组织学习。责任单位:基教科、财务科;责任领导:王某某\n")
    assert t.units == ["基教科", "财务科"]


def test_deadline_field_is_the_deadline_not_a_target():
    plan = parse_plan_text(HEADER + "1.新建校舍。新建校舍3所,完成时限:2023年10月底前。责任单位:基教科\n"
                                    "2.推进改革。完成时限:持续推进。责任单位:财务科\n")
    first, second = plan.tasks
    assert first.deadline == "2023年10月底前"
    assert "完成时限" not in first.body
    assert second.deadline == "持续推进"
    assert [(i.name, i.value, i.unit) for i in plan.indicators] == [("新建校舍", 3.0, "所")]


def test_deadline_among_the_units():
    t = task("1.抓好学习。组织学习。(牵头单位:基教科;完成时限:6月底前)\n")
    assert t.units == ["基教科"] and t.deadline == "6月底前"


def test_bare_lead_and_cooperate_markers():
    plan = parse_plan_text(HEADER + "1.抓好学习。组织学习。(牵头:基教科;配合:财务科、办公室)\n")
    t = plan.tasks[0]
    assert t.units == ["基教科", "财务科", "办公室"] and t.lead_basis == LEAD_MARKED
    assert t.body == "抓好学习。组织学习。"


@pytest.mark.parametrize("text,expected", [
    ("地区生产总值增长6%左右", [("地区生产总值增长", 6.0, "%", "~")]),
    ("一般公共预算收入增长5%以上", [("一般公共预算收入增长", 5.0, "%", ">=")]),
    ("毛入园率提高2个百分点", [("毛入园率提高", 2.0, "个百分点", ">=")]),
    ("营业收入突破100亿元", [("营业收入", 100.0, "亿元", ">=")]),
    ("巩固率保持100%", [("巩固率", 100.0, "%", ">=")]),
    ("实际利用外资2亿美元", [("实际利用外资", 2.0, "亿美元", ">=")]),
    ("新增城镇就业1.2万人", [("新增城镇就业", 1.2, "万人", ">=")]),
    ("粮食产量60万吨", [("粮食产量", 60.0, "万吨", ">=")]),
    ("新建公园3座、改造老旧小区2000户", [("新建公园", 3.0, "座", ">="), ("改造老旧小区", 2000.0, "户", ">=")]),
    ("造林500公顷", [("造林", 500.0, "公顷", ">=")]),
    ("购置校车20辆", [("购置校车", 20.0, "辆", ">=")]),
])
def test_more_kinds_of_targets(text, expected):
    plan = parse_plan_text(HEADER + f"1.抓好工作。{text}。责任单位:办公室\n")
    assert [(i.name, i.value, i.unit, i.comparator) for i in plan.indicators] == expected


@pytest.mark.parametrize("text", ["已完成70%", "截至目前完成65%", "5年内建成", "实施15年免费教育",
                                  "给予10-50万元补助", "给予10万元至50万元补助", "咨询电话12345678号",
                                  "力争建成 家", "S356线改造", "累计完成投资3亿元"])
def test_not_targets(text):
    plan = parse_plan_text(HEADER + f"1.抓好工作。{text}。责任单位:办公室\n")
    assert plan.indicators == []


def test_any_starting_number_numbers_alone_spaces_and_skips():
    plan = parse_plan_text("某市教育局2021年工作要点\n一、总则\n9\n抓好学习。责任单位:办公室\n"
                           "10 .抓好安全。责任单位:安全科\n13.抓好财务。责任单位:财务科\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(9, "抓好学习"), (10, "抓好安全"), (13, "抓好财务")]


def test_page_markers_and_a_title_glued_to_task_one_are_not_tasks():
    plan = parse_plan_text("1、\n某市教育局2021年工作要点1.强化理论学习。组织全局干部职工深入学\n"
                           "2、习。责任单位:办公室\n2.抓好安全。责任单位:安全科\n")
    assert plan.meta.title == "某市教育局2021年工作要点"
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "强化理论学习"), (2, "抓好安全")]
    assert plan.tasks[0].body == "强化理论学习。组织全局干部职工深入学习。"


def test_role_in_brackets_after_a_name():
    plan = parse_plan_text(HEADER + "1.抓好学习。组织学习。责任单位:财务科(牵头)、办公室、人事科\n")
    t = plan.tasks[0]
    assert t.units == ["财务科", "办公室", "人事科"]
    assert t.lead == "财务科" and t.lead_basis == LEAD_MARKED


def test_a_rule_worded_otherwise():
    header = "某市教育局2021年工作要点\n(各项任务中排名第一的为牵头单位)\n一、总则\n"
    plan = parse_plan_text(header + "1.抓好学习。责任单位:基教科、财务科\n")
    assert plan.tasks[0].lead_basis == LEAD_MARKED
