"""Check and summary on the reference plan (三明市教育局2020年工作要点), task 10 reported."""

from __future__ import annotations

import pytest
from docx import Document

from helpers import summarised
from toolkit.check import evaluate
from toolkit.model.returns import Consolidation, FigureAnswer, Submission, TaskAnswer
from toolkit.plan_import import parse_plan_file, reference_plan_path

# 新增学位 per county: 8812 in all (102% of 8640)
PLACES = {"梅列区": 980, "三元区": 1020, "永安市": 900, "明溪县": 500, "清流县": 560,
          "宁化县": 820, "大田县": 760, "尤溪县": 880, "沙县": 790, "将乐县": 560,
          "泰宁县": 482, "建宁县": 560}


@pytest.fixture(scope="module")
def plan():
    return parse_plan_file(reference_plan_path())


@pytest.fixture(scope="module")
def cons(plan):
    counties = [f"{name}教育局" for name in PLACES]
    figures = [FigureAnswer("I10-3", 10, f"{name}教育局", "配合", None, value)
               for name, value in PLACES.items()]
    figures.append(FigureAnswer("I11-5", 11, "发展规划科", "牵头", 2, 1.8))
    tasks = [TaskAnswer(10, "初教科", "牵头", "已完成", 100,
                        "实施新建、改扩建公办幼儿园项目26个，认定普惠性民办幼儿园12所。")]
    tasks += [TaskAnswer(10, c, "配合", "已完成", 100) for c in counties]
    subs = [Submission(u, "已报送") for u in ["初教科", "发展规划科", *counties]]
    return Consolidation("年终", subs, tasks, figures)


def test_reference_check(plan, cons):
    ev = evaluate(plan, cons, "年终")
    by_key = {r.key: r for r in ev.indicators}
    places = by_key["I10-3"]
    assert (places.aggregation, places.actual, places.status) == ("求和", 8812, "已达标")
    assert places.rate == pytest.approx(8812 / 8640)
    assert len(places.expected_units) == 12 and places.missing_units == []
    assert (by_key["I11-5"].actual, by_key["I11-5"].status) == (1.8, "已达标")
    assert by_key["I10-4"].status == "未报送"
    assert ev.counts["已达标"] == 2 and ev.counts["未报送"] == len(plan.indicators) - 2
    task10 = next(t for t in ev.tasks if t.number == 10)
    assert task10.status == "已完成"
    assert sum(1 for t in ev.tasks if t.status == "未报送") == len(plan.tasks) - 1


def test_reference_summary(plan, cons, tmp_path):
    result = summarised(plan, cons, "年终", tmp_path)
    doc = Document(result.outputs[1])
    texts = [p.text for p in doc.paragraphs]
    # the plan's own title, its year once, broken between words on two lines
    assert texts[:2] == ["中共三明市委教育工委 三明市教育局", "2020年工作要点落实情况总结"]
    assert texts[3] == ("各县(市、区)教育局、三明学院、三明医学科技职业学院、福建水利电力职业技术学院、"
                        "局属学校(单位)：")  # the plan's own addressees
    assert "（明教办〔2020〕1号）" in texts[4]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in doc.tables[0].rows}
    assert rows["指标：计划新增学位8640个"][3:] == ["8812个，完成102%（12个县（市、区）合计）", "已达标"]
    assert rows["指标：义务教育“大班额”控制在2%以内"][3:] == ["1.8%（发展规划科统计）", "已达标"]
    assert rows["扩大普惠性学前教育资源"][2:] == ["初教科", "已完成", "绿灯"]
    assert "（八）强化教育事业发展保障。本部分5项任务完成0项" in " ".join(texts)
    assert texts.index("二、主要工作成效") < texts.index("三、存在的问题")
    assert "四、2021年工作打算" in texts
