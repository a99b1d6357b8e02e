"""Stage 2, assignment (生成任务表): one workbook per responsible unit for one reporting round.

    assign_round(master_path, round_name, out_dir=None, units=None, force=False) -> AssignResult
    write_assignment(plan, unit, round, path) -> UnitForm   # one workbook from a Plan

The form's layout (sheets, columns, the hidden _workplan sheet) is toolkit.common.forms, which
the collection stage reads with.
"""

from toolkit.assign.run import AssignedFile, AssignResult, assign_plan, assign_round
from toolkit.assign.workbook import write_assignment

__all__ = ["AssignResult", "AssignedFile", "assign_plan", "assign_round", "write_assignment"]
