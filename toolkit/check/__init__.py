"""Check (核对): reported figures against targets, task statuses from the units' answers.

Public interface:
  evaluate(plan, consolidation, round_name) -> Evaluation   pure: no files
  check_round(master_path, round_name) -> CheckResult       the round from the store, checked
  default_aggregation(indicator, plan) -> str               the aggregation chosen by default
  assess(plan, consolidation, evaluation) -> list[UnitScore] pure: the units' 考评, ranked
The rules (comparators, pro-rating, statuses) are in `rules`, units of measure in `toolkit.rules.measures`.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "UnitScore": "toolkit.check.assessment",
    "assess": "toolkit.check.assessment",
    "Evaluation": "toolkit.check.evaluation",
    "evaluate": "toolkit.check.evaluation",
    "find_round": "toolkit.rules.rounds",
    "AllocationResult": "toolkit.check.indicators",
    "IndicatorResult": "toolkit.check.indicators",
    "canonical_names": "toolkit.check.indicators",
    "fmt_number": "toolkit.check.indicators",
    "BEHIND": "toolkit.check.rules",
    "EXCEEDED": "toolkit.check.rules",
    "GOOD_STATUSES": "toolkit.check.rules",
    "INCOMPLETE": "toolkit.check.rules",
    "INDICATOR_STATUSES": "toolkit.check.rules",
    "MET": "toolkit.check.rules",
    "MISSED": "toolkit.check.rules",
    "NOT_REPORTED": "toolkit.check.rules",
    "ON_TRACK": "toolkit.check.rules",
    "TO_VERIFY": "toolkit.check.rules",
    "default_aggregation": "toolkit.check.rules",
    "CheckResult": "toolkit.check.run",
    "check_round": "toolkit.check.run",
    "plan_title": "toolkit.check.run",
    "TASK_STATUSES": "toolkit.check.tasks",
    "TaskResult": "toolkit.check.tasks",
    "convert": "toolkit.rules.measures",
    "normalize_unit": "toolkit.rules.measures",
    "unit_family": "toolkit.rules.measures",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
