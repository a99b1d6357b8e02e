"""The units' assessment (考评): scores and ranks worked out by hand for the small plan.

The small plan's units and what they answer for (make_small_plan):
  办公室      T1 lead; no indicator
  发展规划科  T2, T3 lead; reports I3-1 (大班额, 牵头单位, at most 2%) against the city's target
  职成科      T4 lead; reports I4-1 (就业率, 牵头单位, at least 95%)
  甲县 乙县 丙区  T2, T3; report I2-1 (allocated 400/300/200 个, their own target) and I2-2
              (a sum without allocation: expected, but no target of their own)
  某某学院    T4; no indicator it is expected to report
Default weights: 按时报送 20, 填报完整 20, 填报无误 10, 任务达标 25, 指标达标 25.
"""

from __future__ import annotations

import openpyxl
import pytest
from helpers import BING, JIA, YI, set_setting, store_round, summarised
from helpers import summary_fig as fig
from openpyxl import load_workbook

from toolkit.check import evaluate
from toolkit.check.assessment import assess
from toolkit.front.cli import main
from toolkit.model.returns import Consolidation, Submission, TaskAnswer
from toolkit.books.master import load_master, write_master
from toolkit.summary import build_context
from toolkit.summary.assessment import weights_text
from toolkit.vocab import SUMMARY_ASSESSMENT


def year_end() -> Consolidation:
    return Consolidation(
        "年终",
        submissions=[
            Submission("办公室", "已报送", received="2020-12-20 09:30"),
            Submission("规划科", "已报送", received="2020-12-21 10:00"),  # an alias
            Submission("职成科", "逾期", received="2020-12-28 10:00"),
            Submission(JIA, "有问题", received="2020-12-20 09:30", problems=1),
            Submission(YI, "已报送", received="2020-12-24 17:00"),
            Submission("某某学院", "已报送", received="2020-12-22 08:00"),
        ],  # 丙区 sent nothing
        tasks=[
            TaskAnswer(1, "办公室", "牵头", "已完成", 100, "完成。"),
            TaskAnswer(2, "发展规划科", "牵头", "已完成", 100, "完成。"),
            TaskAnswer(3, "发展规划科", "牵头", "推进中", 60, "推进。"),
            TaskAnswer(4, "职成科", "牵头", "已完成", 100, "完成。"),
            TaskAnswer(2, JIA, "配合", "已完成", 100, "完成。"),
            TaskAnswer(3, JIA, "配合", "推进中", 80, "推进。"),
            TaskAnswer(2, YI, "配合", "推进中", None, "推进。"),
            TaskAnswer(4, "某某学院", "配合", "已完成", 100, "完成。"),
        ],
        figures=[fig("I3-1", "发展规划科", 1.6), fig("I4-1", "职成科", 96),
                 fig("I2-1", JIA, 420), fig("I2-2", JIA, 0.3), fig("I2-1", YI, 300)],
    )


def ranking(plan, cons, weights=None) -> list[tuple[int, str, float]]:
    return [(s.rank, s.unit, s.score)
            for s in assess(plan, cons, evaluate(plan, cons, cons.round), weights)]


# Hand-computed, default weights (components: on time, complete, accurate, tasks, indicators):
#   办公室      1, 1, 1, 1/1, —            -> 75/75                      = 100
#   某某学院    1, 1, 1, 1/1, —            -> 100, after 办公室 in the plan's order
#   发展规划科  1, 3/3, 1, 1/2 (60% < 100% due), 1/1 (1.6% ≤ 2%)
#               -> 20 + 20 + 10 + 12.5 + 25                          = 87.5
#   甲县        1, 4/4, 1 - 1/4, 1/2, 1/1 (420 ≥ 400) -> 20+20+7.5+12.5+25 = 85
#   职成科      late: 0, 1, 1, 1, 1        -> 0 + 20 + 10 + 25 + 25      = 80
#   乙县        1, 2/4, 1, 0/2 (推进中 without a progress; T3 blank), 1/1 -> 20+10+10+0+25 = 65
#   丙区        nothing sent               -> 0
DEFAULT_RANKING = [(1, "办公室", 100.0), (1, "某某学院", 100.0), (3, "发展规划科", 87.5),
                   (4, JIA, 85.0), (5, "职成科", 80.0), (6, YI, 65.0), (7, BING, 0.0)]


def test_ranking_with_the_default_weights(small_plan):
    assert ranking(small_plan, year_end()) == DEFAULT_RANKING


def test_what_each_unit_is_measured_on(small_plan):
    cons = year_end()
    scores = {s.unit: s for s in assess(small_plan, cons, evaluate(small_plan, cons, "年终"))}
    jia = scores[JIA]
    assert (jia.submission, jia.tasks_answered, jia.tasks_assigned, jia.figures_answered,
            jia.figures_expected, jia.problems, jia.tasks_on_target, jia.indicators_on_target,
            jia.indicators_measured) == ("按时报送", 2, 2, 2, 2, 1, 1, 1, 1)
    assert scores["职成科"].submission == "逾期报送" and not scores["职成科"].on_time
    assert "indicators" not in scores["办公室"].rates  # nothing to measure: dropped
    bing = scores[BING]
    assert (bing.submission, bing.on_time, bing.tasks_answered, bing.figures_answered) == (
        "未报送", False, 0, 0)
    assert set(bing.rates.values()) == {0.0}


def test_weights_changed_in_the_settings_sheet_change_the_ranking(tmp_path, small_plan):
    """按时报送 60 (the rest as by default): out of 140, or 115 without indicators.
    发展规划科 127.5/140 = 91.1; 甲县 125/140 = 89.3; 乙县 105/140 = 75; 职成科 80/140 = 57.1."""
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    set_setting(master, "考评权重-按时报送", 60)
    plan = load_master(master)
    assert plan.settings.assessment_weights["on_time"] == 60
    assert ranking(plan, year_end()) == [
        (1, "办公室", 100.0), (1, "某某学院", 100.0), (3, "发展规划科", 91.1), (4, JIA, 89.3),
        (5, YI, 75.0), (6, "职成科", 57.1), (7, BING, 0.0)]
    assert weights_text(plan.settings.assessment_weights).startswith(
        "注：得分按按时报送43%、填报完整14%、填报无误7%、任务达标18%、指标达标18%计算")


def test_weights_given_directly_and_ties_further_down(small_plan):
    """Only 任务达标 counts: 办公室, 职成科 and 某某学院 100 (plan order), 发展规划科 and 甲县 50,
    乙县 and 丙区 0: ranks 1, 1, 1, 4, 4, 6, 6."""
    weights = {"on_time": 0, "complete": 0, "accurate": 0, "tasks": 1, "indicators": 0}
    assert ranking(small_plan, year_end(), weights) == [
        (1, "办公室", 100.0), (1, "职成科", 100.0), (1, "某某学院", 100.0),
        (4, "发展规划科", 50.0), (4, JIA, 50.0), (6, YI, 0.0), (6, BING, 0.0)]


def test_late_with_problems_and_an_empty_form_are_not_on_time(small_plan):
    """有问题 sent after the due date (2020-12-25) is late; an empty form (未填写) is no return:
    it scores 0, as a unit that sent nothing, both below every unit that reported."""
    cons = year_end()
    cons.submissions[3] = Submission(JIA, "有问题", received="2020-12-27 09:30", problems=1)
    cons.submissions.append(Submission(BING, "未填写", received="2020-12-20 09:30", problems=3))
    scores = {s.unit: s for s in assess(small_plan, cons, evaluate(small_plan, cons, "年终"))}
    assert scores[JIA].submission == "逾期报送" and scores[JIA].score == 65.0  # 85 - 20
    assert (scores[BING].submission, scores[BING].problems, scores[BING].score) == ("未填写", 0, 0)
    assert ranking(small_plan, cons)[-1] == (7, BING, 0.0)


def test_an_interim_round_wants_the_share_due(small_plan):
    """半年 (half the year): 推进中 at 50% is on target for a task due at the year's end, 40% is
    not; a task due 6月底前 wants 100% at 半年."""
    small_plan.task(2).deadline = "6月底前"
    cons = Consolidation("半年", tasks=[
        TaskAnswer(1, "办公室", "牵头", "推进中", 50, "推进。"),
        TaskAnswer(3, "发展规划科", "牵头", "推进中", 40, "推进。"),
        TaskAnswer(2, "发展规划科", "牵头", "推进中", 90, "推进。"),
        TaskAnswer(4, "职成科", "牵头", "推进中", 50, "推进。"),
    ])
    scores = {s.unit: s for s in assess(small_plan, cons, evaluate(small_plan, cons, "半年"))}
    assert [scores[u].tasks_on_target for u in ("办公室", "发展规划科", "职成科")] == [1, 0, 1]




def setting_row(master, label: str) -> int:
    ws = openpyxl.load_workbook(master)["设置"]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_a_new_master_has_the_weights_and_explains_them(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    ws = openpyxl.load_workbook(master)["设置"]
    rows = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value)
            for r in range(1, ws.max_row + 1)}
    assert {k: v[0] for k, v in rows.items() if str(k).startswith("考评权重")} == {
        "考评权重-按时报送": 20, "考评权重-填报完整": 20, "考评权重-填报无误": 10,
        "考评权重-任务达标": 25, "考评权重-指标达标": 25}
    assert rows["总结含考评"][0] == "否"
    assert "按比例折算为 100 分" in rows["考评权重-按时报送"][1]
    weight = setting_row(master, "考评权重-任务达标")
    checks = [dv for dv in ws.data_validations.dataValidation if f"B{weight}" in str(dv.sqref)]
    assert checks[0].type == "decimal" and checks[0].prompt.startswith("默认 25")


@pytest.mark.parametrize("typed", ["很多", -5])
def test_a_bad_weight_is_named_and_the_default_used(tmp_path, small_plan, typed):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    set_setting(master, "考评权重-任务达标", typed)
    settings = load_master(master).settings
    row = setting_row(master, "考评权重-任务达标")
    assert settings.warnings == [
        f"任务分解总表.xlsx，设置，B{row}：“考评权重-任务达标”填写的“{typed}”不是不小于 0 的数"
        "（请改为不小于 0 的数；本次按默认值 25 计算）"]
    assert settings.assessment_weights["tasks"] == 25


def test_the_summary_tells_of_a_bad_setting(tmp_path, small_plan, capsys):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    set_setting(master, "考评权重-按时报送", "二十")
    store_round(master, year_end())
    assert main(["summary", str(master), "-o", str(tmp_path / "总结")]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = setting_row(master, "考评权重-按时报送")
    assert lines[1] == (f"任务分解总表.xlsx，设置，B{row}：“考评权重-按时报送”填写的“二十”"
                        "不是不小于 0 的数（请改为不小于 0 的数；本次按默认值 20 计算）")


def test_all_weights_zero_uses_the_defaults(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    for label in ("按时报送", "填报完整", "填报无误", "任务达标", "指标达标"):
        set_setting(master, "考评权重-" + label, 0)
    plan = load_master(master)
    first, last = (setting_row(master, "考评权重-" + x) for x in ("按时报送", "指标达标"))
    assert plan.settings.warnings == [
        f"任务分解总表.xlsx，设置，B{first}:B{last}：考评权重全部为 0，无法计算得分"
        "（请至少为一项填写大于 0 的权重；本次按默认权重计算）"]
    assert ranking(plan, year_end()) == DEFAULT_RANKING


def test_an_older_master_without_the_rows_reads_the_defaults(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    first = setting_row(master, "总结含考评")
    ws.delete_rows(first, 6)
    book.save(master)
    settings = load_master(master).settings
    assert settings.assessment_weights == {"on_time": 20, "complete": 20, "accurate": 10,
                                           "tasks": 25, "indicators": 25}
    assert settings.assessment_in_summary is False and settings.warnings == []


def test_the_document_section_is_switched_on_in_settings(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    set_setting(master, "总结含考评", "是")
    plan = load_master(master)
    cons = year_end()
    ctx = build_context(plan, cons, evaluate(plan, cons, "年终"))
    assert ctx["show_assessment"] is True
    assert [(a["rank"], a["unit"], a["score"]) for a in ctx["assessment"]] == DEFAULT_RANKING
    assert ctx["assessment_weights_text"].startswith(
        "注：得分按按时报送20%、填报完整20%、填报无误10%、任务达标25%、指标达标25%计算")


def test_the_summary_workbook_has_the_ranked_sheet(tmp_path, small_plan):
    result = summarised(small_plan, year_end(), "年终", tmp_path / "总结")
    ws = load_workbook(result.outputs[0])[SUMMARY_ASSESSMENT]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "某市教育局2020年工作要点年终总结　单位考评"
    assert rows[1] == ["排名", "单位", "报送情况", "任务填报", "指标填报", "问题数", "任务达标",
                       "指标达标", "得分"]
    assert rows[2:9] == [
        [1, "办公室", "按时报送", "1/1", "—", 0, "1/1", "—", 100],
        [1, "某某学院", "按时报送", "1/1", "—", 0, "1/1", "—", 100],
        [3, "发展规划科", "按时报送", "2/2", "1/1", 0, "1/2", "1/1", 87.5],
        [4, JIA, "按时报送", "2/2", "2/2", 1, "1/2", "1/1", 85],
        [5, "职成科", "逾期报送", "1/1", "1/1", 0, "1/1", "1/1", 80],
        [6, YI, "按时报送", "1/2", "1/2", 0, "0/2", "1/1", 65],
        [7, BING, "未报送", "0/2", "0/2", 0, "0/2", "0/1", 0],
    ]
    assert rows[10][0] == ("注：得分按按时报送20%、填报完整20%、填报无误10%、任务达标25%、指标达标25%"
                           "计算（无应达标指标的单位不计“指标达标”，其余各项按比例折算为100分）；"
                           "权重可在总表“设置”工作表中调整。")
    assert ws["I3"].number_format == "0.0" and ws.freeze_panes == "C3"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert sorted(str(cf.sqref) for cf in ws.conditional_formatting) == ["C3:C9", "I3:I9"]
