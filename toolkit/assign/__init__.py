"""Stage 2, assignment (生成任务表): one workbook per responsible unit for one reporting round.

    assign_plan(plan, round, out_dir, units=None, force=False, previous=None) -> AssignResult

The form's layout, writer and reader are toolkit.books.form; this stage decides which units get
a form and writes the round's folder (the forms and the 下发清单) all or nothing.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "AssignResult": "toolkit.assign.run",
    "AssignedFile": "toolkit.assign.run",
    "assign_plan": "toolkit.assign.run",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
