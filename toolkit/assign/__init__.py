"""Stage 2, assignment (生成任务表): one workbook per responsible unit for one reporting round.

    assign_round(master_path, round_name, out_dir=None, units=None, force=False) -> AssignResult
    write_assignment(plan, unit, round, path) -> UnitForm   # one workbook from a Plan
    feedback_round(master_path, round_name, units=None) -> FeedbackResult  # 退回修改

The form's layout (sheets, columns, the hidden _workplan sheet) is toolkit.books.form.layout, which
the collection stage reads with.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "AssignResult": "toolkit.assign.run",
    "AssignedFile": "toolkit.assign.run",
    "assign_plan": "toolkit.assign.run",
    "assign_round": "toolkit.assign.run",
    "write_assignment": "toolkit.books.form.writer",
    "feedback_round": "toolkit.followup.feedback",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
