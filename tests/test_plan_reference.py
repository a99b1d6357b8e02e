"""The reference plan (三明市教育局2020年工作要点) read exactly as printed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from toolkit.plan_import import parse_plan_file, reference_plan_path

COUNTY = "各县(市、区)教育局"

# Task number -> responsible units as printed in the seed, in order.
EXPECTED_UNITS = {
    1: ["组织部", "宣传部", "机关党委", COUNTY],
    2: ["组织部", "机关党委", "驻局纪检组", "机关纪委", "办公室", "人事科", "财务科", "各高校", COUNTY],
    3: ["宣传部", "团工委", "各高校", COUNTY],
    4: ["组织部", "人事科", COUNTY],
    5: ["宣传部", COUNTY],
    6: ["初教科", "中教科", "人事科", "发展规划科", "三明教育学院", COUNTY],
    7: ["体卫艺科", COUNTY],
    8: ["宣传部", COUNTY],
    9: ["体卫艺科", "宣传部", "三明教育学院", COUNTY],
    10: ["初教科", "发展规划科", "财务科", "督导评价中心", COUNTY],
    11: ["发展规划科", "初教科", "中教科", "督导评价中心", COUNTY],
    12: ["中教科", "人事科", "财务科", "三明教育学院", COUNTY],
    13: ["财务科", "职成科", "初教科", "宣传部", "督导评价中心", COUNTY],
    14: ["初教科", "中教科", "发展规划科", "财务科", "人事科", "宣传部", "统战部", "职成科", COUNTY],
    15: ["职成科", "各高校", "职业院校", COUNTY],
    16: ["职成科", "各高校"],
    17: ["职成科", "三明教育学院", COUNTY],
    18: ["发展规划科", "中教科", "初教科", "职成科", COUNTY],
    19: ["人事科", "宣传部", COUNTY],
    20: ["人事科", COUNTY],
    21: ["人事科", COUNTY],
    22: ["人事科", COUNTY],
    23: ["中教科", "招生办", "三明教育学院", COUNTY],
    24: ["中教科", "初教科", "人事科", "三明教育学院", COUNTY],
    25: ["人事科", COUNTY],
    26: ["体卫艺科", COUNTY],
    27: ["宣传部", "政策法规研究室", COUNTY],
    28: ["职成科", "审核审批科", "信息中心", "各高校", COUNTY],
    29: ["督导科", "评价中心", COUNTY],
    30: ["招生办", COUNTY],
    31: ["财务科", "各高校", COUNTY],
    32: ["信息中心", "装备站", "三明教育学院", COUNTY],
    33: ["安全科", COUNTY],
    34: ["宣传部", "办公室", COUNTY],
    35: ["办公室", "人事科", "督导科", "评价中心", "安全科", "机关纪委", "教育工会", "团工委", COUNTY],
}

# (task, value, unit, comparator, soft, deadline) for every target in the seed, in order.
EXPECTED_INDICATORS = [
    (9, 90, "%", ">=", False, ""),
    (9, 20, "%", ">=", False, ""),
    (10, 25, "个", ">=", False, ""),
    (10, 11.09, "万平方米", "~", False, ""),
    (10, 8640, "个", ">=", False, ""),
    (10, 4.65, "亿元", ">=", False, ""),
    (10, 0.92, "亿元", ">=", True, ""),
    (10, 1.2, "亿元", ">=", False, "年内"),
    (10, 600, "元/生·年", ">=", False, ""),
    (11, 29, "个", ">=", False, ""),
    (11, 5071, "万元", ">=", True, ""),
    (11, 4700, "个", ">=", False, ""),
    (11, 5000, "万元", ">=", False, "年内"),
    (11, 2, "%", "<=", False, ""),
    (11, 3000, "万元", ">=", True, ""),
    (11, 16, "个", ">=", False, ""),
    (11, 8, "个", ">=", False, "秋季"),
    (11, 5, "个", ">=", False, "年内"),
    (11, 5115, "个", ">=", False, ""),
    (12, 1000, "元/生·年", ">=", False, ""),
    (12, 4, "所", ">=", False, ""),
    (12, 7, "个", ">=", False, ""),
    (12, 6, "个", ">=", False, ""),
    (12, 99, "所", ">=", False, ""),
    (14, 7, "个", ">=", False, ""),
    (14, 6, "个", ">=", False, ""),
    (15, 3, "个", ">=", False, ""),
    (15, 3, "个", ">=", False, ""),
    (15, 3, "个", ">=", False, ""),
    (15, 97, "%", ">=", True, ""),
    (16, 95, "%", ">=", True, ""),
    (20, 100, "名", "~", False, ""),
    (20, 100, "名", ">=", False, ""),
    (24, 10, "所", "~", False, ""),
    (33, 100, "%", ">=", True, "年内"),
    (33, 100, "%", ">=", True, "年内"),
    (33, 100, "%", ">=", True, "年内"),
]


@pytest.fixture(scope="module")
def plan():
    return parse_plan_file(reference_plan_path())


def test_sections_and_tasks(plan):
    assert [s.number for s in plan.sections] == list("一二三四五六七八")
    assert plan.sections[0].title == "加强党对教育工作的全面领导"
    assert plan.sections[7].title == "强化教育事业发展保障"
    assert [t.number for t in plan.tasks] == list(range(1, 36))
    by_section = {s.number: [t.number for t in plan.tasks if t.section == s.number]
                  for s in plan.sections}
    assert by_section["一"] == [1, 2, 3, 4]
    assert by_section["三"] == [10, 11, 12, 13, 14]
    assert by_section["八"] == [31, 32, 33, 34, 35]


def test_titles_are_first_sentences(plan):
    assert plan.task(1).title == "强化政治理论学习"
    assert plan.task(7).title == "加强体育美育和健康教育及双拥国防教育"
    assert plan.task(25).title == "推进“县管校聘”管理体制改革"
    assert plan.task(35).title == "抓好机关及市属学校(单位)建设"
    assert plan.task(1).body.startswith("强化政治理论学习。巩固深化")


def test_units_exactly_as_printed(plan):
    assert {t.number: t.units for t in plan.tasks} == EXPECTED_UNITS
    assert all(t.lead == EXPECTED_UNITS[t.number][0] for t in plan.tasks)


def test_units_text_is_cut_from_the_body(plan):
    task = plan.task(10)
    assert task.units_text == "〔责任单位:初教科、发展规划科、财务科、督导评价中心,各县(市、区)教育局"
    assert "责任单位" not in task.body
    assert task.body.endswith("给予生均公用经费补助政策。")
    # trailing page furniture after the last task is not task text
    assert "附件下载" not in plan.task(35).body + plan.task(35).units_text


def test_metadata(plan):
    meta = plan.meta
    assert meta.title == "中共三明市委教育工委 三明市教育局2020年工作要点"
    assert meta.issuer == "三明市教育局"
    assert meta.year == 2020
    assert meta.doc_number == "明教办〔2020〕1号"
    assert meta.date == "2020-02-22"
    assert meta.addressees == [COUNTY, "三明学院", "三明医学科技职业学院", "福建水利电力职业技术学院",
                               "局属学校(单位)"]


def test_indicators_value_unit_comparator(plan):
    got = [(i.task, i.value, i.unit, i.comparator, i.soft, i.deadline) for i in plan.indicators]
    assert got == [(t, float(v), u, c, s, d) for t, v, u, c, s, d in EXPECTED_INDICATORS]


def test_indicator_names_and_sources(plan):
    by_source = {i.source: i for i in plan.indicators}
    assert by_source["计划新增学位8640个"].name == "新增学位"
    assert by_source["争取省级以上补助资金0.92亿元以上"].name == "争取省级以上补助资金"
    assert by_source["义务教育“大班额”控制在2%以内"].name == "义务教育“大班额”"
    assert by_source["将公办园生均公用经费标准提高到每生每年600元"].name == "公办园生均公用经费标准"
    assert by_source["新建3个省级服务产业专业群"].name == "省级服务产业专业群"
    rates = [i.name for i in plan.indicators if i.task == 33]
    assert rates[1] == "专职保安员配备率"
    assert rates[2].endswith("联网率")
    # every source phrase is a verbatim piece of its task's text
    for i in plan.indicators:
        assert i.source in plan.task(i.task).body


@pytest.mark.parametrize("phrase", ["第六届", "第十八届", "6·18", "2019年", "2020年", "“133”", "1+X",
                                    "2.0", "12345", "6+1", "9.28", "第23届", "每天1小时"])
def test_no_ordinal_year_or_programme_is_a_target(plan, phrase):
    assert not [i.source for i in plan.indicators if phrase in i.source]


def test_unit_directory(plan):
    county = plan.group(COUNTY)
    assert len(county.members) == 12
    assert county.members[0] == "梅列区教育局" and "沙县教育局" in county.members
    assert plan.group("各高校").members == ["三明学院", "三明医学科技职业学院", "福建水利电力职业技术学院"]
    assert plan.unit("永安市教育局").kind == "县(市、区)教育局"
    assert plan.unit("人事科").kind == "机关科室"
    assert plan.unit("三明教育学院").kind == "直属单位"
    assert plan.unit("三明学院").kind == "高校"
    assert plan.group("职业院校").members == []
    assert any("职业院校" in w and "成员" in w for w in plan.warnings)
    assert any("局属学校(单位)" in w for w in plan.warnings)
    # a county bureau is responsible for every task that names the county group
    county_tasks = [t.number for t in plan.tasks if "永安市教育局" in dict(plan.task_units(t))]
    assert county_tasks == [n for n, units in EXPECTED_UNITS.items() if COUNTY in units]


def test_json_output_shape():
    out = subprocess.run(
        [sys.executable, "-m", "toolkit", "import", "--no-write", "--json"],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    data = json.loads(out)
    assert set(data) == {"plan", "sections", "tasks", "indicators", "units", "warnings"}
    assert len(data["tasks"]) == 35 and len(data["sections"]) == 8
    task10 = data["tasks"][9]
    assert {"number", "section", "title", "units", "lead"} <= set(task10)
    assert task10["lead"] == "初教科"
    funds = next(i for i in data["indicators"] if i["source"] == "争取省级以上补助资金0.92亿元以上")
    assert (funds["value"], funds["unit"], funds["comparator"], funds["soft"]) == (0.92, "亿元", ">=", True)
    places = next(i for i in data["indicators"] if i["source"] == "计划新增学位8640个")
    assert places["value"] == 8640 and isinstance(places["value"], int)
    assert {"task", "name", "value", "unit", "comparator", "soft", "deadline", "source"} <= set(funds)


def test_default_aggregations(plan):
    by_source = {i.source: i.aggregation for i in plan.indicators}
    assert by_source["计划新增学位8640个"] == "求和"  # counties' figures add up
    assert by_source["争取省级以上补助资金0.92亿元以上"] == "求和"
    assert by_source["力争职业院校毕业生就业率达97%以上"] == "牵头单位"  # a city-wide rate
    assert by_source["义务教育“大班额”控制在2%以内"] == "牵头单位"
    assert by_source["将公办园生均公用经费标准提高到每生每年600元"] == "最小值"  # every county
    assert {i.aggregation for i in plan.indicators if i.task == 33} == {"最小值"}  # 100% everywhere
