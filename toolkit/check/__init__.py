"""Stage 4, check (核对): reported figures against targets, task statuses from the units' answers.

    evaluate(plan, consolidation, round_name) -> Evaluation     pure: no files
    assess(plan, consolidation, evaluation) -> [UnitScore]      pure: the units' 考评, ranked

The rules it applies (comparators, pro-rating, aggregation, units of measure) are in
toolkit.rules; its results are records the summary and the consolidated workbook read.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "UnitScore": "toolkit.check.assessment",
    "assess": "toolkit.check.assessment",
    "Evaluation": "toolkit.check.evaluation",
    "evaluate": "toolkit.check.evaluation",
    "AllocationResult": "toolkit.check.indicators",
    "IndicatorResult": "toolkit.check.indicators",
    "TASK_STATUSES": "toolkit.check.tasks",
    "TaskResult": "toolkit.check.tasks",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
