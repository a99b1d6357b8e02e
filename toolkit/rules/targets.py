"""Targets: comparators, pro-rating to a round, and an indicator's status against its target.

Nothing here reads a file; every function is small enough to test with figures worked out by
hand (tests/test_check_rules.py).
"""

from __future__ import annotations

import re

from toolkit.rules.measures import is_additive
from toolkit.model.plan import ABOUT, AT_LEAST, AT_MOST, EQUAL

from toolkit.vocab import BEHIND, EXCEEDED, MET, MISSED, ON_TRACK


# --- comparators ----------------------------------------------------------------------------


def _eps(target: float) -> float:
    return 1e-9 * max(1.0, abs(target))


def meets(actual: float, target: float, comparator: str, tolerance: float) -> bool:
    """Does `actual` satisfy the target?

    >= at least, <= at most, = equal (to rounding), ~ within `tolerance` (a fraction, 0.05 = 5%)
    of the target either way.
    """
    if comparator == AT_MOST:
        return actual <= target + _eps(target)
    if comparator == EQUAL:
        return abs(actual - target) <= _eps(target)
    if comparator == ABOUT:
        return abs(actual - target) <= tolerance * abs(target) + _eps(target)
    return actual >= target - _eps(target)  # AT_LEAST and anything unknown


def exceeds(actual: float, target: float, comparator: str, tolerance: float) -> bool:
    """Over-fulfilled: more than `tolerance` above an at-least or about target.

    At-most and equal targets are never "exceeded": staying well under a cap is simply met.
    """
    if comparator not in (AT_LEAST, ABOUT):
        return False
    return actual > target + tolerance * abs(target) + _eps(target)


def completion_rate(actual: float | None, target: float, comparator: str) -> float | None:
    """actual / annual target (1.02 = 102%); None for at-most targets and a zero target."""
    if actual is None or comparator == AT_MOST or not target:
        return None
    return actual / target


# --- pro-rating -----------------------------------------------------------------------------
# (word in a deadline, month by which it is due). 秋季/春季 are the autumn and spring terms,
# which start in September and March.
_DEADLINE_WORDS = [
    ("第一季度", 3),
    ("一季度", 3),
    ("春季", 3),
    ("上半年", 6),
    ("年中", 6),
    ("暑期", 8),
    ("暑假", 8),
    ("第三季度", 9),
    ("三季度", 9),
    ("秋季", 9),
]
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "十一": 11, "十二": 12}
_MONTH = re.compile(r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月")


def deadline_month(deadline: str | None) -> int:
    """The month (1-12) by which a deadline falls due; 12 for 年内, 年底 or no deadline."""
    text = deadline or ""
    match = _MONTH.search(text)
    if match:
        token = match.group(1)
        return int(token) if token.isdigit() else _CN_MONTHS[token]
    for word, month in _DEADLINE_WORDS:
        if word in text:
            return month
    return 12


def due_share(share: float, deadline: str | None) -> float:
    """How much of an indicator should be done at a round covering `share` of the year.

    The round's month (share x 12) over the deadline's month, at most 1: at 半年 (month 6) an
    indicator due in autumn (month 9) should be two thirds done; at 三季度 it is due in full.
    """
    return min(1.0, (share * 12) / deadline_month(deadline))


def prorates(name: str, unit: str, comparator: str) -> bool:
    """Only cumulative quantities are pro-rated: additive at-least, about or equal targets.

    A rate (就业率 97%) or a cap (控制在2%以内) applies as it is at every round.
    """
    return comparator != AT_MOST and is_additive(name, unit)


def expected_value(target: float, due: float, cumulative: bool) -> float:
    """What a round should show: the target times the due share for cumulative targets."""
    return target * due if cumulative else target


# --- statuses -------------------------------------------------------------------------------


def judge(
    actual: float,
    target: float,
    expected: float,
    comparator: str,
    tolerance: float,
    final: bool,
) -> str:
    """The status of one value (an aggregate or one unit's figure) against its target.

    - 超额完成: more than `tolerance` above an at-least/about annual target;
    - 已达标: the annual target is met (also before the deadline);
    - at the deadline (final) anything else is 未达标;
    - before it, 进度正常 when the value reaches the pro-rated expectation less the tolerance
      (at-least, about and equal targets), else 滞后.
    """
    if exceeds(actual, target, comparator, tolerance):
        return EXCEEDED
    if meets(actual, target, comparator, tolerance):
        return MET
    if final:
        return MISSED
    if comparator != AT_MOST and actual < target and actual >= expected * (1 - tolerance) - _eps(
        expected
    ):
        return ON_TRACK
    return BEHIND
