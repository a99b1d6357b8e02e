"""Check (核对): reported figures against targets, task statuses from the units' answers.

Public interface:
  evaluate(plan, consolidation, round_name) -> Evaluation   pure: no files
  check_round(master_path, round_name) -> CheckResult       the round from the store, checked
  default_aggregation(indicator, plan) -> str               the aggregation chosen by default
The rules (comparators, pro-rating, statuses) are in `rules`, units of measure in `toolkit.common.measures`.
"""

from toolkit.check.evaluate import Evaluation, evaluate, find_round
from toolkit.check.indicators import (
    AllocationResult,
    IndicatorResult,
    canonical_names,
    fmt_number,
)
from toolkit.check.rules import (
    BEHIND,
    EXCEEDED,
    GOOD_STATUSES,
    INDICATOR_STATUSES,
    MET,
    MISSED,
    NOT_REPORTED,
    ON_TRACK,
    TO_VERIFY,
    default_aggregation,
)
from toolkit.check.run import CheckResult, check_round, plan_title
from toolkit.check.tasks import TASK_STATUSES, TaskResult
from toolkit.common.measures import convert, normalize_unit, unit_family

__all__ = [
    "AllocationResult", "BEHIND", "CheckResult", "EXCEEDED", "Evaluation",
    "GOOD_STATUSES", "INDICATOR_STATUSES", "IndicatorResult", "MET", "MISSED", "NOT_REPORTED",
    "ON_TRACK", "TASK_STATUSES", "TO_VERIFY", "TaskResult", "canonical_names",
    "check_round", "convert", "default_aggregation", "evaluate", "find_round", "fmt_number",
    "normalize_unit", "plan_title", "unit_family",
]
