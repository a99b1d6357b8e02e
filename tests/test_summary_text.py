"""Sentences of the summary, worked out by hand."""

from __future__ import annotations

import pytest

from toolkit.check import IndicatorResult
from toolkit.summary import text as T


def result(name, value, unit, comparator, actual, status, rate=None, expected=None):
    return IndicatorResult(
        key="I1-1", task=1, section="一", name=name, unit=unit, comparator=comparator,
        target=value, soft=False, deadline="", source="", aggregation="求和", due=1.0,
        expected=expected if expected is not None else value, actual=actual, rate=rate,
        status=status,
    )


@pytest.mark.parametrize("n, text", [(1, "一"), (8, "八"), (10, "十"), (11, "十一"), (20, "二十"),
                                     (35, "三十五")])
def test_chinese_number(n, text):
    assert T.chinese_number(n) == text


def test_sentence_keeps_the_text_and_closes_it():
    assert T.sentence("新建幼儿园3所") == "新建幼儿园3所。"
    assert T.sentence("  新建幼儿园3所；\n  改扩建2所。 ") == "新建幼儿园3所；改扩建2所。"
    assert T.sentence("开展“千师访万家”活动。”") == "开展“千师访万家”活动。”"
    assert T.sentence("开展“千师访万家”") == "开展“千师访万家”。"
    assert T.sentence("") == ""


def test_says_something():
    assert not T.says_something("无")
    assert not T.says_something("暂无。")
    assert not T.says_something("  ")
    assert T.says_something("无障碍设施建设滞后")


def test_percent():
    assert T.percent(8812 / 8640) == "102%"
    assert T.percent(0.004) == "0.4%"


def test_percent_reads_as_the_workbook_shows_it():
    """The document's 113% is the workbook's 0% cell: halves round up, as in Excel."""
    assert T.percent(18 / 16) == "113%"  # 1.125 exactly: not 112% (round half to even)
    assert T.percent(9 / 8) == "113%" and T.percent(0.865) == "87%"
    assert T.percent(0.0045) == "0.5%"


def test_percent_short_of_the_target_never_reads_100():
    assert T.percent(8639 / 8640) == "99.9%"  # one more decimal, cut, never rounded up
    assert T.percent(0.9999) == "99.9%" and T.percent(0.999) == "99.9%"
    assert T.percent(0.995) == "99.5%"
    assert T.percent(1.0) == "100%" and T.percent(1.004) == "100%"
    text = T.figure_sentence(result("新增学位", 8640, "个", ">=", 8639, "未达标", 8639 / 8640),
                             "年终", True)
    assert text == "全年新增学位8639个，完成目标的99.9%，未完成目标。"


@pytest.mark.parametrize(
    "args, round_name, final, text",
    [
        (("新增学位", 8640, "个", ">=", 8812, "已达标", 8812 / 8640), "年终", True,
         "全年新增学位8812个，完成目标的102%。"),
        (("新增学位", 8640, "个", ">=", 9500, "超额完成", 9500 / 8640), "年终", True,
         "全年新增学位9500个，完成目标的110%，超额完成。"),
        (("新增学位", 8640, "个", ">=", 8000, "未达标", 8000 / 8640), "年终", True,
         "全年新增学位8000个，完成目标的93%，未完成目标。"),
        (("新增学位", 8640, "个", ">=", 4500, "进度正常", 4500 / 8640), "半年", False,
         "上半年新增学位4500个，完成全年目标的52%，进度正常。"),
        (("新增学位", 8640, "个", ">=", 3000, "滞后", 3000 / 8640), "三季度", False,
         "前三季度新增学位3000个，完成全年目标的35%，进度滞后。"),
        (("争取省级以上补助资金", 0.92, "亿元", ">=", 0.95, "已达标", 0.95 / 0.92), "年终", True,
         "全年争取省级以上补助资金0.95亿元，完成目标的103%。"),
        (("义务教育“大班额”", 2, "%", "<=", 1.6, "已达标"), "年终", True,
         "义务教育“大班额”为1.6%，控制在2%以内。"),
        (("义务教育“大班额”", 2, "%", "<=", 2.4, "未达标"), "年终", True,
         "义务教育“大班额”为2.4%，未控制在2%以内。"),
        (("就业率", 97, "%", ">=", 97.5, "已达标", 97.5 / 97), "年终", True,
         "就业率为97.5%，达到97%的目标。"),
        (("就业率", 97, "%", ">=", 93, "滞后", 93 / 97), "半年", False,
         "就业率为93%，未达到97%的目标。"),
        (("公费师范生", 100, "名", "~", 102, "已达标", 1.02), "年终", True,
         "全年公费师范生102名，完成目标的102%。"),
        (("新增学位", 8640, "个", ">=", None, "未报送"), "年终", True, "新增学位暂无单位报送数据。"),
        (("新增学位", 8640, "个", ">=", 4000, "待核实", 4000 / 8640), "年终", True,
         "新增学位汇总为4000个，数据待核实。"),
        (("新增学位", 8640, "个", ">=", None, "待核实"), "年终", True, "新增学位报送数据待核实。"),
    ],
)
def test_figure_sentence(args, round_name, final, text):
    assert T.figure_sentence(result(*args), round_name, final) == text


def test_figure_sentence_says_the_basis():
    ind = result("新增学位", 8640, "个", ">=", 8800, "已达标", 8800 / 8640)
    ind.basis = "牵头单位报全市数"
    assert (T.figure_sentence(ind, "年终", True)
            == "全年新增学位8800个（牵头单位报全市数），完成目标的102%。")
    ind.basis = "各单位合计（已报 12/12）"
    assert (T.figure_sentence(ind, "年终", True)
            == "全年新增学位8800个（各单位合计，已报 12/12），完成目标的102%。")


def test_partial_figure_is_called_partial_with_the_missing_named():
    ind = result("新增学位", 8640, "个", ">=", 7450, "数据不全", 7450 / 8640)
    ind.basis, ind.missing_units = "各单位合计（已报 9/12）", ["建宁县教育局", "泰宁县教育局"]
    assert (T.figure_sentence(ind, "年终", True)
            == "新增学位各单位合计（已报 9/12）为7450个，建宁县教育局、泰宁县教育局未报送，数据不全。")


def test_city_rate_names_the_units_below_and_never_prints_a_minimum():
    ind = result("封闭化管理率", 100, "%", ">=", 93, "未达标", 0.93)
    ind.basis, ind.below_units, ind.reached_units = "牵头单位报全市数", ["乙县"], ["甲县", "丙区"]
    assert (T.figure_sentence(ind, "年终", True)
            == "封闭化管理率为93%（牵头单位报全市数），未达到100%的目标。乙县未达到目标。")
    ind.actual, ind.rate, ind.basis = None, None, "各单位达标 2/3"
    assert (T.figure_sentence(ind, "年终", True)
            == "封闭化管理率3个单位中2个达到目标，乙县未达到。")


def test_lines_of_a_unit_text_stay_apart():
    from toolkit.summary.text import tidy

    assert tidy("1.完成A\n2.完成B") == "1.完成A；2.完成B"
    assert tidy("完成A。\n完成B") == "完成A。完成B"
    assert tidy("  完成A，\n\n 完成B  ") == "完成A，完成B"


def test_headings_are_numbered_in_words_past_ninety_nine():
    """Headings and groups are numbered in words, well past 99."""
    from toolkit.rules.text import chinese_number

    assert [chinese_number(n) for n in (9, 10, 19, 99, 100, 101, 110, 240, 1005, 2020)] == [
        "九", "十", "十九", "九十九", "一百", "一百零一", "一百一十", "二百四十", "一千零五",
        "二千零二十"]
