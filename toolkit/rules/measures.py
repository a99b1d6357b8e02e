"""Units of measure: which ones can be converted into which, and how.

Money (元, 千元, 万元, 亿元) and area (平方米, 万平方米) convert by powers of ten; a percentage
stays a percentage; counts (个, 所, 名, …) and compound rates (元/生·年) are never converted,
only compared with the same unit.
"""

from __future__ import annotations

import re
from functools import lru_cache

MONEY, AREA, PERCENT, COUNT, RATE, OTHER = "money", "area", "percent", "count", "rate", "other"

_FACTORS = {
    MONEY: {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8},
    AREA: {"平方米": 1.0, "万平方米": 1e4},
    PERCENT: {"%": 1.0},
}

# Spellings met in plans and returned forms, mapped to the canonical unit.
_ALIASES = {
    "％": "%",
    "百分比": "%",
    "㎡": "平方米",
    "m2": "平方米",
    "m²": "平方米",
    "平米": "平方米",
    "万㎡": "万平方米",
    "万m2": "万平方米",
    "万m²": "万平方米",
    "万平米": "万平方米",
}

COUNT_UNITS = frozenset(
    "个 所 名 人 人次 项 家 次 篇 场 期 批 座 间 套 台 件 支 门 节 班 户 张 本 册 校 园 条 处".split()
)

# Words in an indicator's name that make it a ratio or a standard, never a sum.
_RATIO_WORDS = ("率", "比例", "占比", "生均", "人均", "平均", "标准", "每生", "每人")


class UnitMismatch(ValueError):
    """Two units of measure that cannot be converted into each other."""


def normalize_unit(text: str | None) -> str:
    """The canonical spelling of a unit of measure ('％' -> '%', '万㎡' -> '万平方米')."""
    unit = re.sub(r"\s+", "", text or "")
    return _ALIASES.get(unit, unit)


@lru_cache(maxsize=1024)
def unit_family(unit: str | None) -> str:
    """money, area, percent, count, rate (compound such as 元/生·年) or other. Remembered: a
    plan has a few dozen units of measure, and the check asks again for every unit's figure."""
    unit = normalize_unit(unit)
    for family, factors in _FACTORS.items():
        if unit in factors:
            return family
    if "/" in unit or "每" in unit:
        return RATE
    if unit in COUNT_UNITS:
        return COUNT
    return OTHER


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` expressed in `from_unit`, converted to `to_unit`.

    Raises UnitMismatch when the units are of different kinds or cannot be converted
    (e.g. 个 and 所, or 元 and %).
    """
    source, target = normalize_unit(from_unit), normalize_unit(to_unit)
    if source == target:
        return float(value)
    family = unit_family(source)
    factors = _FACTORS.get(family)
    if not factors or unit_family(target) != family:
        raise UnitMismatch(f"“{from_unit}”不能换算为“{to_unit}”")
    return float(value) * factors[source] / factors[target]


def is_additive(name: str, unit: str) -> bool:
    """True when values of this indicator add up over units (counts, money, area).

    Percentages, compound rates and anything named as a ratio or a per-head standard
    (就业率, 生均公用经费标准) do not.
    """
    if unit_family(unit) not in (MONEY, AREA, COUNT):
        return False
    return not any(word in (name or "") for word in _RATIO_WORDS)


_NOTE_UNIT = re.compile(
    r"(?:单位\s*[:：为是]?\s*|按|以)\s*(亿元|万元|千元|元|万平方米|万㎡|平方米|㎡|平米)"
)
_BARE_UNIT = re.compile(r"^\s*[（(]?\s*(亿元|万元|千元|元|万平方米|万㎡|平方米|㎡|平米)\s*[)）]?\s*$")


def unit_in_note(note: str | None) -> str | None:
    """The unit of measure a unit's note says its figure is in, if it says so explicitly.

    Accepted: a note that is only a unit ('万元'), or '单位：万元', '单位为万元', '按万元填报',
    '以万元计'. Units merely mentioned in a sentence ('比上年多500万元') are ignored.
    """
    if not note:
        return None
    match = _BARE_UNIT.match(note) or _NOTE_UNIT.search(note)
    return normalize_unit(match.group(1)) if match else None
