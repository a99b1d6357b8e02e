"""Hand-computed expectations for the pure rules of the check stage."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.rules import aggregation, targets
from toolkit.rules.rounds import round_share
from toolkit.rules import measures as units
from toolkit.check.figures import read_figure
from toolkit.rules.plausibility import suspicion
from toolkit.vocab import BEHIND, EXCEEDED, MET, MISSED, ON_TRACK
from toolkit.model.returns import FigureAnswer
from toolkit.model.plan import (
    ABOUT,
    AGG_LEAD,
    AGG_MEAN,
    AGG_MIN,
    AGG_SUM,
    AT_LEAST,
    AT_MOST,
    EQUAL,
    Indicator,
    Round,
)

# --- units of measure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, source, target, expected",
    [
        (0.92, "亿元", "万元", 9200.0),
        (5071, "万元", "亿元", 0.5071),
        (600, "元", "万元", 0.06),
        (1.2, "亿元", "元", 120_000_000.0),
        (11.09, "万平方米", "平方米", 110_900.0),
        (25_000, "㎡", "万平方米", 2.5),
        (97, "％", "%", 97.0),
        (25, "个", "个", 25.0),
    ],
)
def test_convert(value, source, target, expected):
    assert units.convert(value, source, target) == pytest.approx(expected)


@pytest.mark.parametrize("source, target", [("个", "所"), ("万元", "%"), ("名", "万元"),
                                            ("万平方米", "亿元")])
def test_convert_refuses_other_kinds(source, target):
    with pytest.raises(units.UnitMismatch):
        units.convert(1, source, target)


def test_unit_families():
    assert units.unit_family("亿元") == units.MONEY
    assert units.unit_family("万㎡") == units.AREA
    assert units.unit_family("％") == units.PERCENT
    assert units.unit_family("所") == units.COUNT
    assert units.unit_family("元/生·年") == units.RATE


def test_additive():
    assert units.is_additive("新增学位", "个")
    assert units.is_additive("概算总投资", "亿元")
    assert not units.is_additive("就业率", "%")
    assert not units.is_additive("公办园生均公用经费标准", "元")
    assert not units.is_additive("公用经费", "元/生·年")


@pytest.mark.parametrize(
    "note, unit",
    [("万元", "万元"), ("单位：万元", "万元"), ("单位为亿元", "亿元"), ("按万平方米填报", "万平方米"),
     ("（元）", "元"), ("比上年多500万元", None), ("", None), ("已完成", None)],
)
def test_unit_in_note(note, unit):
    assert units.unit_in_note(note) == unit


# --- comparators --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, target, comparator, met, over",
    [
        (900, 900, AT_LEAST, True, False),
        (899, 900, AT_LEAST, False, False),
        (945, 900, AT_LEAST, True, False),  # exactly +5%: met, not over
        (946, 900, AT_LEAST, True, True),  # beyond +5%: over
        (2.0, 2, AT_MOST, True, False),
        (1.5, 2, AT_MOST, True, False),  # under a cap is met, never "over"
        (2.1, 2, AT_MOST, False, False),
        (100, 100, EQUAL, True, False),
        (101, 100, EQUAL, False, False),
        (95, 100, ABOUT, True, False),  # -5% is within "about"
        (94.9, 100, ABOUT, False, False),
        (105, 100, ABOUT, True, False),
        (106, 100, ABOUT, False, True),
    ],
)
def test_meets_and_exceeds(actual, target, comparator, met, over):
    assert targets.meets(actual, target, comparator, 0.05) is met
    assert targets.exceeds(actual, target, comparator, 0.05) is over


def test_tolerance_comes_from_the_argument():
    assert targets.meets(91, 100, ABOUT, 0.10)
    assert not targets.meets(91, 100, ABOUT, 0.05)
    assert not targets.exceeds(908, 900, AT_LEAST, 0.01)
    assert targets.exceeds(910, 900, AT_LEAST, 0.01)


def test_completion_rate():
    assert targets.completion_rate(8812, 8640, AT_LEAST) == pytest.approx(1.0199, abs=1e-4)
    assert targets.completion_rate(4500, 9000, ABOUT) == 0.5
    assert targets.completion_rate(1.5, 2, AT_MOST) is None
    assert targets.completion_rate(None, 900, AT_LEAST) is None
    assert targets.completion_rate(3, 0, AT_LEAST) is None


# --- pro-rating ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "deadline, month",
    [("", 12), ("年内", 12), ("秋季", 9), ("春季", 3), ("上半年", 6), ("6月底前", 6),
     ("九月", 9), ("11月", 11), ("十二月底", 12), ("第三季度", 9), ("暑期", 8)],
)
def test_deadline_month(deadline, month):
    assert targets.deadline_month(deadline) == month


def test_round_share():
    assert round_share(Round("半年", date(2020, 7, 10), 0.5)) == 0.5
    assert round_share(Round("三季度", None, 0.7)) == 0.7  # the 设置 sheet wins
    assert round_share(Round("一季度")) == 0.25  # default 1.0 on a quarter round
    assert round_share(Round("年终")) == 1.0
    assert round_share(Round("专项", None, 1.0)) == 1.0


def test_due_share():
    assert targets.due_share(0.5, "") == 0.5  # 半年, due at year end: half
    assert targets.due_share(0.5, "秋季") == pytest.approx(6 / 9)  # two thirds of the way
    assert targets.due_share(0.75, "秋季") == 1.0  # 三季度: autumn target due in full
    assert targets.due_share(0.25, "年内") == 0.25
    assert targets.due_share(1.0, "秋季") == 1.0


def test_prorates_only_cumulative_targets():
    assert targets.prorates("新增学位", "个", AT_LEAST)
    assert targets.prorates("公费师范生", "名", ABOUT)
    assert not targets.prorates("就业率", "%", AT_LEAST)
    assert not targets.prorates("总投资", "亿元", AT_MOST)
    assert targets.expected_value(8640, 0.5, True) == 4320
    assert targets.expected_value(97, 0.5, False) == 97


# --- statuses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, target, expected, comparator, final, status",
    [
        # year end: the annual target decides
        (8812, 8640, 8640, AT_LEAST, True, MET),  # 102%: met, within the 5% margin
        (9100, 8640, 8640, AT_LEAST, True, EXCEEDED),  # 105.3%
        (8000, 8640, 8640, AT_LEAST, True, MISSED),
        (1.5, 2, 2, AT_MOST, True, MET),
        (2.4, 2, 2, AT_MOST, True, MISSED),
        (96, 100, 100, ABOUT, True, MET),
        (90, 100, 100, ABOUT, True, MISSED),
        (110, 100, 100, ABOUT, True, EXCEEDED),
        # half year, pro-rated expectation 4320 (8640 x 0.5); on track down to 4104 (-5%)
        (4500, 8640, 4320, AT_LEAST, False, ON_TRACK),
        (4104, 8640, 4320, AT_LEAST, False, ON_TRACK),
        (4100, 8640, 4320, AT_LEAST, False, BEHIND),
        (8700, 8640, 4320, AT_LEAST, False, MET),  # annual target reached early
        # a rate is not pro-rated: 93% of a 95% target is within 5% of it, 90% is not
        (93, 95, 95, AT_LEAST, False, ON_TRACK),
        (90, 95, 95, AT_LEAST, False, BEHIND),
        # a cap applies all year
        (2.4, 2, 2, AT_MOST, False, BEHIND),
        (1.0, 2, 2, AT_MOST, False, MET),
    ],
)
def test_judge(actual, target, expected, comparator, final, status):
    assert targets.judge(actual, target, expected, comparator, 0.05, final) == status


# --- aggregation --------------------------------------------------------------------------------

VALUES = {"甲县教育局": 400.0, "乙县教育局": 320.0, "丙区教育局": 150.0}


def city_of(method, values, lead=None, comparator=AT_LEAST, missing=()):
    from types import SimpleNamespace

    from toolkit.check import city

    figures = {u: SimpleNamespace(unit=u, value=v, issue="", note="") for u, v in values.items()}
    given = city.Inputs(figures, list(values) + list(missing), dict(values), list(missing), lead,
                        comparator, 0.05)
    found = city.city_figure(method, given)
    return found.shown, found.judged, found.from_unit


def test_city_figure_by_sum_mean_lead_min():
    assert city_of(AGG_SUM, VALUES) == (870.0, 870.0, "")
    assert city_of(AGG_MEAN, VALUES) == (290.0, 290.0, "")
    assert city_of(AGG_LEAD, VALUES, lead="乙县教育局") == (320.0, 320.0, "乙县教育局")
    # the weakest decides the status but is never shown as the city's figure
    assert city_of(AGG_MIN, VALUES) == (None, 150.0, "")


def test_the_weakest_of_a_cap_is_the_highest():
    rates = {"甲县教育局": 1.2, "乙县教育局": 2.6, "丙区教育局": 0.4}
    assert aggregation.weakest(rates, AT_MOST) == ("乙县教育局", 2.6)
    assert city_of(AGG_MIN, rates, comparator=AT_MOST) == (None, 2.6, "")


def test_city_figure_with_nothing_reported():
    assert city_of(AGG_SUM, {}, missing=["甲县教育局"]) == (None, None, "")
    assert city_of(AGG_MIN, {}, missing=["甲县教育局"]) == (None, None, "")
    assert city_of(AGG_LEAD, VALUES, lead="办公室") == (None, None, "")


def test_default_aggregation(small_plan):
    by_key = {i.key: i for i in small_plan.indicators}
    assert aggregation.default_aggregation(by_key["I2-1"], small_plan) == AGG_SUM  # 个
    assert aggregation.default_aggregation(by_key["I2-2"], small_plan) == AGG_SUM  # 亿元
    # 大班额 %: led by one office with the counties -> the office's city-wide rate
    assert aggregation.default_aggregation(by_key["I3-1"], small_plan) == AGG_LEAD
    assert aggregation.default_aggregation(by_key["I4-1"], small_plan) == AGG_LEAD


def test_default_aggregation_rates(small_plan):
    # 100%: every county must reach it
    full = Indicator(3, 2, "联网率", 100, "%", AT_LEAST, source="联网率达100%")
    assert aggregation.default_aggregation(full, small_plan) == AGG_MIN
    # 每个县…: said so
    each = Indicator(3, 3, "达标率", 90, "%", AT_LEAST, source="每个县达标率达90%")
    assert aggregation.default_aggregation(each, small_plan) == AGG_MIN
    # a per-head standard is a rate even in 元, and each county sets its own
    standard = Indicator(2, 3, "生均公用经费标准", 600, "元", AT_LEAST)
    assert aggregation.default_aggregation(standard, small_plan) == AGG_MIN
    per_head = Indicator(2, 4, "公用经费", 600, "元/生·年", AT_LEAST)
    assert aggregation.default_aggregation(per_head, small_plan) == AGG_MIN
    # one unit only
    alone = Indicator(1, 1, "学习覆盖率", 90, "%", AT_LEAST)
    assert aggregation.default_aggregation(alone, small_plan) == AGG_LEAD
    # two offices, no group: the lead office's figure, even for 100% or a standard
    small_plan.tasks[0].units = ["办公室", "职成科"]
    for ind in (Indicator(1, 2, "覆盖率", 100, "%"), Indicator(1, 3, "生均标准", 600, "元")):
        assert aggregation.default_aggregation(ind, small_plan) == AGG_LEAD
    # "标准" alone is not a per-head standard: 20%达到市级示范校标准 is a share
    share = Indicator(3, 4, "达到市级示范校标准", 20, "%", AT_LEAST, source="其中20%达到市级示范校标准")
    assert aggregation.default_aggregation(share, small_plan) == AGG_LEAD
    # a group leads: the mean
    small_plan.tasks[3].units = ["各高校", "职成科"]
    rate = Indicator(4, 2, "就业率", 95, "%", AT_LEAST)
    assert aggregation.default_aggregation(rate, small_plan) == AGG_MEAN


def test_effective_aggregation_never_sums_a_percentage(small_plan):
    rate = small_plan.indicators[2]
    rate.aggregation = AGG_SUM
    assert aggregation.effective_aggregation(rate, small_plan) == (
        AGG_LEAD, "比率类指标不能求和，按“牵头单位”汇总")
    rate.aggregation = AGG_MIN
    assert aggregation.effective_aggregation(rate, small_plan) == (AGG_MIN, "")
    rate.aggregation = ""
    assert aggregation.effective_aggregation(rate, small_plan)[0] == AGG_LEAD


# --- reading one unit's figure -----------------------------------------------------------------


def _fig(actual, note="", flag=""):
    return FigureAnswer("I2-2", 2, "甲县教育局", "配合", 0.9, actual, note, flag)


def test_read_figure_converts_a_unit_named_in_the_note(small_plan):
    money = small_plan.indicators[1]  # 亿元
    reading = read_figure(_fig(3000, "单位：万元"), money, None)
    assert reading.value == pytest.approx(0.3)
    assert reading.reported == 3000
    assert reading.note == "已由万元换算为亿元"
    assert reading.issue == ""


def test_read_figure_flags(small_plan):
    money = small_plan.indicators[1]
    assert read_figure(_fig(None, "填了“约三千万”", "无效"), money, None).issue == "填了“约三千万”"
    assert read_figure(_fig(0.3, "", "待核实"), money, None).issue == "汇总时标记为待核实"
    assert read_figure(None, money, None).value is None
    assert read_figure(_fig(None), money, None).issue == ""


def test_suspicion(small_plan):
    places, money, big_class, jobs = small_plan.indicators
    assert suspicion(-3, places, None) == "数值为负"
    assert suspicion(120, jobs, None) == "百分比超过100%"
    assert suspicion(0.96, jobs, None) == "疑似把百分比填成小数（如97%应填97）"
    assert suspicion(0.5, big_class, None) == ""  # 0.5% under a 2% cap is plausible
    assert suspicion(9200, money, None) == ("数值是目标值0.9的10222倍（超过十倍），"
                                            "疑似多填了数位或计量单位填错")
    assert suspicion(89, money, 0.3) == "数值是目标值0.3的297倍（超过十倍），疑似多填了数位或计量单位填错"
    assert suspicion(0.0002, money, 0.3) == "数值不足目标的千分之一，疑似计量单位填错"
    assert suspicion(8999, places, None) == ""  # 9.99 times: below the threshold
    assert suspicion(9000, places, None).startswith("数值是目标值900的10倍")  # 8640 → 86400
    assert suspicion(4000, places, None) == ""


def test_figures_shown_as_a_person_writes_them():
    from toolkit.check.indicators import fmt_number, shown

    assert shown(16 / 3, "万元") == 5.33 and fmt_number(16 / 3, "万元") == "5.33"
    assert fmt_number(0.0045) == "0.0045" and fmt_number(0.95) == "0.95"
    assert shown(12.5, "所") == 13 and fmt_number(1.75, "个") == "2"  # whole schools
    assert shown(12.5, "%") == 12.5 and shown(None) is None


def test_fractional_count_is_flagged(small_plan):
    from toolkit.rules.plausibility import suspicion

    places = small_plan.indicators[0]  # 新增学位 900 个
    assert suspicion(420.5, places, 400) == "数量应为整数（填写了420.5个）"
    assert suspicion(420, places, 400) == ""
    assert suspicion(0.35, small_plan.indicators[1], None) == ""  # 亿元 has fractions
