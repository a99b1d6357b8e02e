"""Sentences of the summary: figures in words and the units' own text, tidied.

Nothing here invents content: every sentence is either a figure from the check, a status the
units reported, or a unit's text as written (whitespace tidied, a full stop added at the end
when it has none).
"""

from __future__ import annotations

import re
from toolkit.check import IndicatorResult
from toolkit.rules.numbers import fmt_number, percent  # noqa: F401 - the one formatter
from toolkit.vocab import EXCEEDED, INCOMPLETE, MET, MISSED, NOT_REPORTED, ON_TRACK, TO_VERIFY
from toolkit.rules.text import chinese_number, printable  # noqa: F401 - headings number in words
from toolkit.rules.rounds import period_of
from toolkit.rules.targets import prorates
from toolkit.model.plan import AT_MOST

NO_PROGRESS = "本项任务暂无单位报送进展。"


_END = "。！？；…!?;"
_NOTHING = re.compile(r"^(无|暂无|没有|无问题|暂无问题|无此项|/|-|—|——)[。.]?$")


def tidy(text: str | None) -> str:
    """A unit's text on one line: each line stripped, control characters (which a document
    cannot hold) dropped, and lines joined, with a ； where a line ends without punctuation
    (1.完成A / 2.完成B -> 1.完成A；2.完成B); nothing else changed."""
    lines = [line.strip() for line in printable(text or "").splitlines()]
    out = ""
    for line in filter(None, lines):
        if out and out[-1] not in _END + "，,、；;：:":
            out += "；"
        out += line
    return out


def sentence(text: str | None) -> str:
    """`tidy(text)` with a full stop at the end when it has no closing punctuation."""
    text = tidy(text)
    if not text:
        return text
    core = text.rstrip("”’）)」』")
    return text if core and core[-1] in _END else text + "。"


def says_something(text: str | None) -> bool:
    """False for blanks and for 无 / 暂无 / 无问题, which add nothing to a summary."""
    text = tidy(text)
    return bool(text) and not _NOTHING.match(text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def figure_sentence(ind: IndicatorResult, round_name: str, final: bool) -> str:
    """One indicator in words with its basis, e.g. 全年新增学位8812个（牵头单位报全市数），
    完成目标的102%。; the units below a rate each must reach are named after it."""
    text = _figure_words(ind, round_name, final)
    if ind.below_units and ind.actual is not None:
        text += f"{'、'.join(ind.below_units)}未达到目标。"
    return text


def _by_units(ind: IndicatorResult) -> str:
    """A rate each unit must reach, without a city figure: 3个单位中2个达到目标，乙县未达到。"""
    count = len(ind.reached_units) + len(ind.below_units)
    text = f"{ind.name}{count}个单位中{len(ind.reached_units)}个达到目标"
    if ind.below_units:
        text += f"，{'、'.join(ind.below_units)}未达到"
    if ind.missing_units:
        text += f"，{'、'.join(ind.missing_units)}未报送"
    return text + "。"


def _figure_words(ind: IndicatorResult, round_name: str, final: bool) -> str:
    name, unit = ind.name, ind.unit
    if ind.actual is None and (ind.reached_units or ind.below_units):
        return _by_units(ind)
    if ind.status == NOT_REPORTED or (ind.actual is None and ind.status != TO_VERIFY):
        return f"{name}暂无单位报送数据。"
    if ind.actual is None:
        return f"{name}报送数据待核实。"
    value = f"{fmt_number(ind.actual)}{unit}"
    target = f"{fmt_number(ind.target)}{unit}"
    if ind.status == INCOMPLETE:
        return (f"{name}{ind.basis}为{value}，{'、'.join(ind.missing_units)}未报送，"
                "数据不全。")
    if ind.basis:
        value += f"（{ind.basis.replace('（', '，').replace('）', '')}）"
    if ind.status == TO_VERIFY:
        return f"{name}汇总为{value}，数据待核实。"
    if ind.comparator == AT_MOST:
        verb = "控制在" if ind.status in (MET, EXCEEDED) else "未控制在"
        return f"{name}为{value}，{verb}{target}以内。"
    if not prorates(ind.name, ind.unit, ind.comparator) or ind.rate is None:
        verb = "达到" if ind.status in (MET, EXCEEDED) else "未达到"
        return f"{name}为{value}，{verb}{target}的目标。"
    period = period_of(round_name)  # 上半年新增学位…, 全年新增学位…
    goal = "目标" if final else "全年目标"
    text = f"{period}{name}{value}，完成{goal}的{percent(ind.rate)}"
    tail = {EXCEEDED: "，超额完成", MISSED: "，未完成目标", ON_TRACK: "，进度正常"}
    if not final and ind.status not in (MET, EXCEEDED, ON_TRACK):
        return text + "，进度滞后。"
    return text + tail.get(ind.status, "") + "。"
