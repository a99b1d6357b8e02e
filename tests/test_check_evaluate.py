"""The check on the small plan with hand-built consolidations, figures worked out by hand."""

from __future__ import annotations

import pytest

from toolkit.check import evaluate
from toolkit.vocab import (
    BEHIND,
    EXCEEDED,
    INCOMPLETE,
    MET,
    MISSED,
    NOT_REPORTED,
    ON_TRACK,
    TO_VERIFY,
)
from toolkit.check.tasks import DONE, NOT_STARTED, ONGOING, UNFINISHED
from toolkit.errors import WorkplanError
from toolkit.model.plan import Correction
from toolkit.model.returns import Consolidation, FigureAnswer, TaskAnswer
from toolkit.model.plan import AGG_MEAN, AGG_MIN, AT_LEAST, Indicator

JIA, YI, BING = "甲县教育局", "乙县教育局", "丙区教育局"
PLANNING, COLLEGE = "发展规划科", "某某学院"


def fig(key, unit, actual, note="", flag=""):
    task = int(key[1:].split("-")[0])
    return FigureAnswer(key, task, unit, "", None, actual, note, flag)


def ans(task, unit, status="", progress=None, narrative=""):
    return TaskAnswer(task, unit, "", status, progress, narrative)


def by_key(evaluation):
    return {r.key: r for r in evaluation.indicators}


@pytest.fixture
def year_end():
    figures = [
        fig("I2-1", JIA, 420), fig("I2-1", YI, 310), fig("I2-1", BING, 150),
        fig("I2-2", JIA, 0.3), fig("I2-2", YI, 3500, "单位：万元"), fig("I2-2", BING, 0.3),
        fig("I2-2", PLANNING, 0.95),
        fig("I3-1", PLANNING, 1.6), fig("I3-1", JIA, 1.0), fig("I3-1", YI, 2.5),
        fig("I3-1", BING, 1.8),
        fig("I4-1", COLLEGE, 96),
    ]
    tasks = [
        ans(1, "办公室", "已完成", 100, "全年组织集中学习12次。"),
        ans(2, PLANNING, "已完成", 100), ans(2, JIA, "已完成"), ans(2, YI, "推进中", 80),
        ans(2, BING, "未完成", 50),
        ans(3, PLANNING, "推进中", 60),
    ]
    return Consolidation("年终", figures=figures, tasks=tasks)


def test_sum_with_allocations_at_year_end(small_plan, year_end):
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-1"]
    # 420 + 310 + 150 = 880 against 900: 97.8%, missed; 丙区 (150 of 200) pulls it down
    assert r.actual == 880
    assert r.rate == pytest.approx(880 / 900)
    assert r.status == MISSED
    assert r.expected == 900 and r.due == 1.0
    assert r.lagging_units == [BING]
    assert (r.lead_behind, r.named_behind) == (PLANNING, [PLANNING, BING])  # the city misses
    assert r.missing_units == []
    assert r.reported_units == [JIA, YI, BING]


def test_allocations_unit_by_unit_and_total(small_plan, year_end):
    rows = [a for a in evaluate(small_plan, year_end, "年终").allocations if a.indicator == "I2-1"]
    assert [(a.unit, a.allocation, a.actual, a.status) for a in rows] == [
        (JIA, 400, 420, MET),  # 105% exactly: met, not beyond the 5% margin
        (YI, 300, 310, MET),
        (BING, 200, 150, MISSED),
        ("合计", 900, 880, MISSED),
    ]
    assert rows[2].rate == 0.75
    assert rows[-1].note == ""  # allocations add up to the city's target


def test_allocations_that_fall_short_of_the_target_are_noted(small_plan, year_end):
    small_plan.allocations[2].value = 100  # 400 + 300 + 100 = 800 < 900
    ev = evaluate(small_plan, year_end, "年终")
    total = [a for a in ev.allocations if a.unit == "合计"][0]
    assert total.note == "分解合计800个低于全市目标900个"
    assert total.status == EXCEEDED  # 880 against 800 is 110%
    assert "分解合计800个低于全市目标900个" in by_key(ev)["I2-1"].notes


def test_sum_converts_units_and_checks_the_lead_total(small_plan, year_end):
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-2"]
    # 0.3 + 3500万元 (0.35亿元) + 0.3 = 0.95亿元 against 0.9: 105.6% > 105%: exceeded
    assert r.actual == pytest.approx(0.95)
    assert r.rate == pytest.approx(0.95 / 0.9)
    assert r.status == EXCEEDED
    assert f"{YI}：已由万元换算为亿元" in r.notes
    assert r.issues == [] and r.findings == []  # the lead's 0.95 agrees with the counties' sum
    assert (r.basis, r.from_unit, r.members_sum) == ("牵头单位报全市数", PLANNING, pytest.approx(0.95))


def test_lead_total_that_disagrees_is_the_figure_and_a_finding(small_plan, year_end):
    year_end.figures[6] = fig("I2-2", PLANNING, 1.2)
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-2"]
    # the city figure is the lead's 1.2 (133% of 0.9), not the counties' 0.95
    assert (r.actual, r.status, r.basis) == (1.2, EXCEEDED, "牵头单位报全市数")
    assert r.findings == [f"牵头单位{PLANNING}报全市数1.2，各单位合计0.95，相差超过5%"]
    assert r.issues == []


def test_lead_total_beside_a_partial_sum_names_the_missing(small_plan):
    # 初教科's case: the lead reports the city's 0.9, two counties 0.3 + 0.2 = 0.5, 丙区 silent
    cons = Consolidation("年终", figures=[
        fig("I2-2", PLANNING, 0.9), fig("I2-2", JIA, 0.3), fig("I2-2", YI, 0.2)])
    r = by_key(evaluate(small_plan, cons, "年终"))["I2-2"]
    assert (r.actual, r.status, r.basis) == (0.9, MET, "牵头单位报全市数")  # not 数据不全
    assert r.members_sum == pytest.approx(0.5)
    assert r.findings == [f"牵头单位{PLANNING}报全市数0.9，各单位合计0.5，相差超过5%（{BING}未报送）"]
    assert r.missing_units == [BING]


def test_partial_sum_without_a_lead_total_is_incomplete(small_plan):
    # no allocation on I2-2; 甲县 0.3 of 0.9 with 乙县 and 丙区 silent: 数据不全, not 待核实
    cons = Consolidation("年终", figures=[fig("I2-2", JIA, 0.3)])
    r = by_key(evaluate(small_plan, cons, "年终"))["I2-2"]
    assert (r.actual, r.status) == (0.3, INCOMPLETE)
    assert r.basis == "各单位合计（已报 1/3）"
    assert f"部分数据，{YI}、{BING}未报送" in r.notes
    # a partial sum that already reaches the target is met: 0.5 + 0.45 = 0.95
    cons = Consolidation("年终", figures=[fig("I2-2", JIA, 0.5), fig("I2-2", YI, 0.45)])
    r = by_key(evaluate(small_plan, cons, "年终"))["I2-2"]
    assert (r.status, r.basis) == (EXCEEDED, "各单位合计（已报 2/3）")
    assert r.notes == []


def test_administrator_decided_city_figure_is_the_basis(small_plan, year_end):
    year_end.figures[6] = FigureAnswer("I2-2", 2, PLANNING, "", None, 0.92, "", "",
                                       corrected=[Correction("年终", PLANNING, "I2-2", "actual", 0.92)])
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-2"]
    assert (r.actual, r.basis, r.status) == (0.92, "管理员核实", MET)


def test_lead_total_is_used_when_no_county_reported(small_plan):
    cons = Consolidation("年终", figures=[fig("I2-2", PLANNING, 0.8)])
    r = by_key(evaluate(small_plan, cons, "年终"))["I2-2"]
    assert r.actual == 0.8
    assert r.status == MISSED  # 0.8 of 0.9, complete thanks to the lead's total
    assert r.missing_units == [JIA, YI, BING]
    assert r.members_sum is None and r.findings == []
    assert f"各单位未报送，采用牵头单位{PLANNING}报送的全市数" in r.notes


def test_a_lead_rate_names_no_county_that_owns_no_share(small_plan, year_end):
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    assert (r.aggregation, r.actual, r.from_unit, r.status) == ("牵头单位", 1.6, PLANNING, MET)
    assert r.rate is None  # at-most targets have no completion rate
    # 乙县's 2.5% is its own business: the cap is the city's, no county has a share of it, and
    # the lead's city figure meets it, so nobody is named
    assert r.named_behind == []


def test_lead_did_not_report(small_plan, year_end):
    r = by_key(evaluate(small_plan, year_end, "年终"))["I4-1"]
    assert r.status == NOT_REPORTED
    assert r.missing_units == ["职成科"]
    assert "牵头单位未报送" in r.notes


def test_nothing_reported(small_plan):
    ev = evaluate(small_plan, Consolidation("年终"), "年终")
    assert {r.status for r in ev.indicators} == {NOT_REPORTED}
    assert ev.counts[NOT_REPORTED] == 4
    assert by_key(ev)["I2-1"].missing_units == [JIA, YI, BING]


def test_city_rate_by_the_lead_with_one_county_below(small_plan, year_end):
    small_plan.indicators[2].aggregation = AGG_MIN
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    # the lead's city 1.6% decides; 乙县's 2.5% is counted, never printed as the city's
    assert (r.actual, r.from_unit, r.status, r.basis) == (1.6, PLANNING, MET, "牵头单位报全市数")
    assert (r.reached_units, r.below_units) == ([JIA, BING], [YI])
    assert f"各单位达标 2/3，未达到：{YI}" in r.notes
    assert r.expected_units == [JIA, YI, BING]


def test_minimum_without_the_lead_counts_units_and_prints_no_city_figure(small_plan, year_end):
    small_plan.indicators[2].aggregation = AGG_MIN
    year_end.figures = [f for f in year_end.figures if not (f.indicator == "I3-1" and f.unit == PLANNING)]
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    # the weakest county under a cap is the highest: 乙县 2.5% > 2% decides the status
    assert (r.actual, r.from_unit, r.status) == (None, "", MISSED)
    assert r.basis == "各单位达标 2/3"
    assert r.below_units == [YI]
    small_plan.indicators[2].aggregation = AGG_MEAN
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    assert r.actual == pytest.approx((1.0 + 2.5 + 1.8) / 3)  # 1.767% <= 2%
    assert r.status == MET
    assert r.named_behind == []  # a mean is not a standard each county must reach


def test_missing_unit_makes_an_undecided_minimum_incomplete(small_plan, year_end):
    small_plan.indicators[2].aggregation = AGG_MIN
    year_end.figures = [f for f in year_end.figures
                        if not (f.indicator == "I3-1" and f.unit in (YI, PLANNING))]
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    assert r.actual is None  # the worst of 1.0 and 1.8 meets the cap…
    assert r.status == INCOMPLETE  # …but 乙县 could still break it
    assert r.missing_units == [YI]
    assert r.basis == "各单位达标 2/3"
    assert f"部分数据，{YI}未报送" in r.notes


def test_missing_unit_does_not_undo_a_sum_already_met(small_plan):
    cons = Consolidation("年终", figures=[fig("I2-1", JIA, 480), fig("I2-1", YI, 440)])
    r = by_key(evaluate(small_plan, cons, "年终"))["I2-1"]
    assert r.actual == 920 and r.status == MET  # 920 of 900 already; 丙区 can only add
    assert r.missing_units == [BING]


def test_suspicious_values_are_to_verify(small_plan, year_end):
    year_end.figures[7] = fig("I3-1", PLANNING, 150)
    r = by_key(evaluate(small_plan, year_end, "年终"))["I3-1"]
    assert r.status == TO_VERIFY
    assert r.issues == [f"{PLANNING}：百分比超过100%"]
    assert r.actual is None
    year_end.figures[0] = fig("I2-1", JIA, -4)
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-1"]
    assert r.status == TO_VERIFY and r.issues == [f"{JIA}：数值为负"]
    assert r.actual == 460  # the other two, shown for information


def test_flag_from_collection_is_to_verify(small_plan, year_end):
    year_end.figures[1] = fig("I2-1", YI, None, "填写了“三百余个”", "无效")
    r = by_key(evaluate(small_plan, year_end, "年终"))["I2-1"]
    assert r.status == TO_VERIFY
    assert r.issues == [f"{YI}：填写了“三百余个”"]


def test_half_year_pro_rating(small_plan):
    cons = Consolidation("半年", figures=[
        fig("I2-1", JIA, 210), fig("I2-1", YI, 140), fig("I2-1", BING, 60),
        fig("I2-2", JIA, 0.2), fig("I2-2", BING, 0.1),
        fig("I4-1", "职成科", 93),
    ])
    ev = evaluate(small_plan, cons, "半年")
    r = by_key(ev)["I2-1"]
    # expected 900 x 0.5 = 450; 410 is below 427.5 (450 less 5%): behind
    assert (r.due, r.expected, r.actual, r.status) == (0.5, 450, 410, BEHIND)
    assert r.rate == pytest.approx(410 / 900)
    assert r.lagging_units == [YI, BING]
    assert r.named_behind == [PLANNING, YI, BING]
    rows = {a.unit: a for a in ev.allocations if a.indicator == "I2-1"}
    assert (rows[JIA].expected, rows[JIA].status) == (200, ON_TRACK)  # 210 of 200
    assert (rows[YI].expected, rows[YI].status) == (150, BEHIND)  # 140 < 142.5
    assert (rows["合计"].expected, rows["合计"].status) == (450, BEHIND)
    # 0.3 so far, 乙县 missing: could still be on track -> 数据不全
    r = by_key(ev)["I2-2"]
    assert r.actual == pytest.approx(0.3) and r.status == INCOMPLETE
    assert r.missing_units == [YI]
    # a rate is held against the full target: 93 is within 5% of 95
    r = by_key(ev)["I4-1"]
    assert (r.expected, r.status) == (95, ON_TRACK)


def test_own_deadline_pro_rating(small_plan):
    small_plan.indicators.append(
        Indicator(2, 3, "秋季竣工项目", 8, "个", AT_LEAST, deadline="秋季", source="确保秋季竣工8个"))
    figures = [fig("I2-3", JIA, 3), fig("I2-3", YI, 2), fig("I2-3", BING, 1)]
    half = by_key(evaluate(small_plan, Consolidation("半年", figures=figures), "半年"))["I2-3"]
    # at month 6 of 9: 8 x 6/9 = 5.33 expected; 6 is on track
    assert half.due == pytest.approx(6 / 9)
    assert half.expected == pytest.approx(16 / 3)
    assert half.status == ON_TRACK
    third = by_key(evaluate(small_plan, Consolidation("三季度", figures=figures), "三季度"))["I2-3"]
    # by the third quarter the autumn target is due: 6 of 8 is missed
    assert (third.due, third.expected, third.status) == (1.0, 8, MISSED)


def test_about_comparator_uses_the_settings_tolerance(small_plan):
    small_plan.indicators[0].comparator = "~"
    small_plan.allocations.clear()
    figures = [fig("I2-1", JIA, 300), fig("I2-1", YI, 300), fig("I2-1", BING, 250)]  # 850
    cons = Consolidation("年终", figures=figures)
    assert by_key(evaluate(small_plan, cons, "年终"))["I2-1"].status == MISSED  # -5.6%
    small_plan.settings.tolerance = 0.10
    assert by_key(evaluate(small_plan, cons, "年终"))["I2-1"].status == MET  # within 10%


def test_a_sum_without_allocations_names_the_lead_and_no_county(small_plan):
    small_plan.allocations.clear()
    figures = [fig("I2-1", JIA, 500), fig("I2-1", YI, 250), fig("I2-1", BING, 100)]
    r = by_key(evaluate(small_plan, Consolidation("年终", figures=figures), "年终"))["I2-1"]
    # 850 of 900 missed; no county has a share of its own: the lead answers for the figure
    assert r.status == MISSED
    assert (r.lagging_units, r.named_behind) == ([], [PLANNING])
    figures[2] = fig("I2-1", BING, 160)  # 910: met, nobody is named
    r = by_key(evaluate(small_plan, Consolidation("年终", figures=figures), "年终"))["I2-1"]
    assert (r.status, r.named_behind) == (MET, [])


def test_a_standard_every_county_must_reach_is_judged_with_its_comparator(small_plan):
    """95% is not 100%: at mid-year as at the year end, a county below a standard of at least
    100% has not reached it, even where the city's status allows the tolerance."""
    small_plan.indicators.append(Indicator(3, 2, "校园封闭化管理率", 100, "%", AT_LEAST,
                                           source="各县封闭化管理率均达100%", aggregation=AGG_MIN))
    figures = [fig("I3-2", JIA, 100), fig("I3-2", YI, 95), fig("I3-2", BING, 100)]
    for rnd in ("半年", "年终"):
        r = by_key(evaluate(small_plan, Consolidation(rnd, figures=figures), rnd))["I3-2"]
        assert (r.reached_units, r.below_units) == ([JIA, BING], [YI])
        assert r.basis == "各单位达标 2/3"
        assert r.lagging_units == [YI]


def test_unknown_round(small_plan):
    with pytest.raises(WorkplanError) as err:
        evaluate(small_plan, Consolidation("二季度"), "二季度")
    assert "二季度" in err.value.message and "半年" in err.value.message


# --- tasks ------------------------------------------------------------------------------------


def tasks_of(evaluation):
    return {t.number: t for t in evaluation.tasks}


def test_task_statuses(small_plan, year_end):
    ev = evaluate(small_plan, year_end, "年终")
    t = tasks_of(ev)
    assert (t[1].status, t[1].progress) == (DONE, 100)
    assert t[2].status == TO_VERIFY
    assert t[2].notes == [f"牵头单位报已完成，但{BING}报未完成"]
    assert (t[3].status, t[3].progress) == (ONGOING, 60)
    assert t[3].missing_units == [JIA, YI, BING]
    assert t[4].status == NOT_REPORTED
    assert ev.task_counts == {DONE: 1, ONGOING: 1, NOT_STARTED: 0, UNFINISHED: 0,
                              NOT_REPORTED: 1, TO_VERIFY: 1}
    assert t[2].coop_text == f"{JIA}：已完成；{YI}：推进中；{BING}：未完成"


def test_task_done_when_lead_says_so_and_no_coop_unfinished(small_plan):
    cons = Consolidation("年终", tasks=[
        ans(2, PLANNING, "已完成"), ans(2, JIA, "推进中"), ans(2, YI, "已完成")])
    t = tasks_of(evaluate(small_plan, cons, "年终"))[2]
    assert (t.status, t.progress) == (DONE, 100)  # 100 when 已完成 without a progress
    assert t.missing_units == [BING]


@pytest.mark.parametrize(
    "lead, coop, status, note",
    [
        (ans(3, PLANNING, "", 100), None, DONE, None),  # status read from progress
        (ans(3, PLANNING, "", 0), None, NOT_STARTED, None),
        (ans(3, PLANNING, "", 40), None, ONGOING, None),
        (ans(3, PLANNING, "未完成", 70), None, UNFINISHED, None),
        (ans(3, PLANNING, "已完成", 80), None, TO_VERIFY, "牵头单位报已完成，但完成进度为80%"),
        (ans(3, PLANNING, "", None, "开展调研。"), None, TO_VERIFY, "牵头单位未填写进展状态"),
        (None, ans(3, JIA, "已完成"), TO_VERIFY, "牵头单位未报送"),
    ],
)
def test_task_rules(small_plan, lead, coop, status, note):
    answers = [a for a in (lead, coop) if a is not None]
    t = tasks_of(evaluate(small_plan, Consolidation("年终", tasks=answers), "年终"))[3]
    assert t.status == status
    if note:
        assert t.notes == [note]


def test_group_lead_takes_the_least_advanced_member(small_plan):
    small_plan.tasks[3].units = ["各县(市、区)教育局", "职成科"]
    cons = Consolidation("年终", tasks=[
        ans(4, JIA, "已完成"), ans(4, YI, "推进中", 50), ans(4, BING, "已完成")])
    t = tasks_of(evaluate(small_plan, cons, "年终"))[4]
    assert (t.status, t.lead_status) == (ONGOING, ONGOING)
    cons.tasks[1] = ans(4, YI, "已完成")
    cons.tasks.pop()  # 丙区 silent: a group lead cannot be complete without it
    t = tasks_of(evaluate(small_plan, cons, "年终"))[4]
    assert t.status == TO_VERIFY and t.notes == ["牵头单位组中有单位未报送"]


def test_aliases_are_resolved(small_plan):
    cons = Consolidation("年终", tasks=[ans(3, "规划科", "已完成")],
                         figures=[fig("I3-1", "规划科", 1.5)])
    ev = evaluate(small_plan, cons, "年终")
    assert tasks_of(ev)[3].status == DONE
    assert by_key(ev)["I3-1"].actual == 1.5
