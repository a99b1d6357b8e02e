"""Figures in the words an office writes them: an indicator by its plan wording, its figure with
the measure, where the figure comes from (据职成科统计, 据11个县（市、区）报送汇总), and the units
named behind it by the check's one rule (check.attribution, IndicatorResult.named_behind).

No indicator code and no workbook column word reaches a sentence built here.
"""

from __future__ import annotations

from toolkit.check import IndicatorResult
from toolkit.model.plan import (
    AGG_MEAN,
    AGG_MIN,
    AT_MOST,
    COMPARATOR_WORDS,
    KIND_COLLEGE,
    KIND_COUNTY,
    KIND_VOCATIONAL,
)
from toolkit.rules.numbers import fmt_number, percent
from toolkit.rules.targets import prorates
from toolkit.vocab import BASIS_LEAD, BASIS_VERIFIED, EXCEEDED, MET, MISSED

SOURCE_LIMIT = 28  # a plan phrase longer than this is named by its indicator and target
# how a sentence counts units of one kind: 11个县（市、区）, 3所高校
KIND_WORDS = {KIND_COUNTY: ("个", "县（市、区）"), KIND_COLLEGE: ("所", "高校"),
              KIND_VOCATIONAL: ("所", "职业院校")}


def units_counted(names, kinds: dict[str, str]) -> str:
    """11个县（市、区）; 3所高校; 17个单位 (units of several kinds)."""
    names = list(names)
    found = {kinds.get(n, "") for n in names}
    measure, word = KIND_WORDS.get(found.pop(), ("个", "单位")) if len(found) == 1 else ("个", "单位")
    return f"{len(names)}{measure}{word}"


def target_words(ind: IndicatorResult) -> str:
    """不低于8640个; 力争不低于95%; 约100名."""
    return ind.target_text


def item(ind: IndicatorResult) -> str:
    """The indicator as the plan words it, in quotes (“计划新增学位8640个”); a long shared
    phrase is named by the indicator and its target (专职保安员配备率不低于100%)."""
    source = (ind.source or "").strip("。；;，, ")
    if source and len(source) <= SOURCE_LIMIT:
        return f"“{source}”"
    return f"“{ind.name}{target_words(ind)}”"


def value(ind: IndicatorResult) -> str:
    """8902个; 88.4%; "" without a city figure."""
    return f"{fmt_number(ind.actual, ind.unit)}{ind.unit}" if ind.actual is not None else ""


def basis(ind: IndicatorResult, kinds: dict[str, str]) -> str:
    """Where the city figure comes from, in words: 据职成科统计; 经核实; 据11个县（市、区）报送
    汇总; 据3所高校报送平均; 12个县（市、区）中11个达到 (a standard every unit must reach)."""
    if ind.basis == BASIS_VERIFIED:
        return "经核实"
    if ind.basis == BASIS_LEAD and ind.from_unit:
        return f"据{ind.from_unit}统计"
    if ind.aggregation == AGG_MIN and ind.actual is None:
        return f"{units_counted(ind.expected_units, kinds)}中{len(ind.reached_units)}个达到"
    reported = units_counted(ind.reported_units, kinds)
    if ind.aggregation == AGG_MEAN:
        return f"据{reported}报送平均"
    return f"据{reported}报送汇总"


def source_short(ind: IndicatorResult, kinds: dict[str, str]) -> str:
    """`basis` for a table cell: 职成科统计; 11个县（市、区）合计; 核实."""
    if ind.basis == BASIS_VERIFIED:
        return "核实"
    if ind.basis == BASIS_LEAD and ind.from_unit:
        return f"{ind.from_unit}统计"
    if ind.aggregation == AGG_MEAN:
        return f"{units_counted(ind.reported_units, kinds)}平均"
    return f"{units_counted(ind.reported_units, kinds)}合计"


def missing(ind: IndicatorResult) -> str:
    """建宁县教育局未报送; "" when every unit the figure takes from reported."""
    return f"{'、'.join(ind.missing_units)}未报送" if ind.missing_units else ""


def achieved(ind: IndicatorResult) -> str:
    """An indicator as it stands, for a list of results: 新增学位8902个（目标不低于8640个）;
    公办园生均公用经费标准12个县（市、区）均达到."""
    if ind.actual is None:
        return f"{ind.name}{len(ind.reached_units)}个单位均达到" if ind.reached_units else ind.name
    return f"{ind.name}{value(ind)}（目标{target_words(ind)}）"


def standing(ind: IndicatorResult, final: bool, kinds: dict[str, str], period: str = "") -> str:
    """The figure, its basis and how it stands against the target, in one clause:
    上半年完成4451个（据11个县（市、区）报送汇总），为全年目标的52%; 为88.4%（据职成科统计），
    低于95%的目标 (据统计为88.4% when the lead that gave it is named just before);
    12个县（市、区）中11个达到目标."""
    if ind.actual is None:
        if ind.expected_units and (ind.reached_units or ind.below_units):
            return (f"{units_counted(ind.expected_units, kinds)}中{len(ind.reached_units)}个"
                    "达到目标")
        return "暂无单位报送数据"
    said = basis(ind, kinds)
    if ind.lead_behind and said == f"据{ind.lead_behind}统计":
        said = "据统计"

    def figure(verb: str) -> str:
        shown = value(ind)
        return f"据统计{verb}{shown}" if said == "据统计" else f"{verb}{shown}（{said}）"

    target = f"{fmt_number(ind.target)}{ind.unit}"
    named = quotes_target(ind)  # “力争…达95%以上” names its target already
    if ind.comparator == AT_MOST:
        if ind.status in (MET, EXCEEDED):
            return f"{figure('为')}，控制在{target}以内"
        return f"{figure('为')}，超过{target}的控制目标"
    if prorates(ind.name, ind.unit, ind.comparator) and ind.rate is not None:
        return f"{figure(period + '完成')}，为{'目标' if final else '全年目标'}的{percent(ind.rate)}"
    if ind.status in (MET, EXCEEDED):
        return f"{figure('为')}，达到目标"
    return f"{figure('为')}，低于目标" if named else f"{figure('为')}，低于{target}的目标"


def quotes_target(ind: IndicatorResult) -> bool:
    """`item` quotes the plan's phrase, which holds the target's figure."""
    source = (ind.source or "").strip("。；;，, ")
    return bool(source) and len(source) <= SOURCE_LIMIT and fmt_number(ind.target) in source


def lagging_sentence(ind: IndicatorResult, final: bool, kinds: dict[str, str],
                     period: str = "") -> str:
    """One clause for a figure behind or short of its target, naming the units the check names
    behind it (IndicatorResult.named_behind: the lead when the city figure misses, the owners
    of a share that fall short) and those that did not report."""
    lead = ind.lead_behind
    text = f"{item(ind)}{f'（{lead}牵头）' if lead else ''}{standing(ind, final, kinds, period)}"
    if ind.rate is not None and prorates(ind.name, ind.unit, ind.comparator):
        text += "，未完成目标" if ind.status == MISSED or final else "，低于序时进度"
    owners = [u for u in ind.lagging_units if u != lead]
    if owners:
        if set(owners) <= set(ind.below_units):
            word = "未达到" if final else "尚未达到"
        else:
            word = "未完成分解目标" if final else "低于本单位序时进度"
        text += f"；其中{'、'.join(owners)}{word}"
    if ind.missing_units:
        text += f"；{missing(ind)}"
    return text


def incomplete_sentence(ind: IndicatorResult, final: bool, kinds: dict[str, str],
                        period: str = "") -> str:
    """A partial figure says how far the units that reported are and who is missing:
    “计划新增学位4700个”，已报部分上半年完成2038个（据11个县（市、区）报送汇总），为全年目标的
    43%，建宁县教育局未报送."""
    return f"{item(ind)}，已报部分{standing(ind, final, kinds, period)}，{missing(ind)}"


def comparator_words(comparator: str) -> str:
    return COMPARATOR_WORDS.get(comparator, comparator)
