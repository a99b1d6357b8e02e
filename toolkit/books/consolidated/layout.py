"""The consolidated workbook's layout (汇总表), shared by its writer and its reader.

Each table sheet has a title in row 1, headers in row 2 and data from row 3. A column with a
field name maps to a field of the model.returns.Consolidation records; the others are for people.
"""

from __future__ import annotations

from toolkit import vocab as W

SCHEMA_VERSION = 1

SHEET_SUBMISSIONS = W.BOOK_SUBMISSIONS
SHEET_TASKS = W.BOOK_TASKS
SHEET_MATRIX = W.BOOK_MATRIX
SHEET_FIGURES = W.BOOK_FIGURES
SHEET_PROBLEMS = W.BOOK_PROBLEMS
SHEET_MISSING = W.BOOK_MISSING
SHEET_CORRECTIONS = W.BOOK_CORRECTIONS
SHEET_HISTORY = W.SHEET_HISTORY
SHEET_COMPARISON = W.SHEET_COMPARISON
SHEET_INDICATOR_CHECK = W.BOOK_INDICATOR_CHECK
SHEET_ALLOCATION_CHECK = W.BOOK_ALLOCATION_CHECK
SHEET_TASK_CHECK = W.BOOK_TASK_CHECK
SHEET_META = W.BOOK_META  # hidden: round, year, plan identity

TITLE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3  # 1-based

# (header, field or None, width)
SUBMISSION_COLUMNS = [
    ("序号", None, 6),
    ("单位", "unit", 22),
    ("单位类别", None, 14),
    ("报送状态", "state", 10),
    ("是否逾期", None, 9),
    ("文件", "file", 36),
    ("接收时间", "received", 19),
    ("时间依据", "received_basis", 14),  # what 接收时间 rests on (工作簿保存时间 …)
    ("填报人", "reporter", 10),
    ("联系电话", "phone", 15),
    ("填报日期", None, 12),
    ("问题数", "problems", 8),
    ("来源核验", "verified", 10),
]
TASK_COLUMNS = [
    ("任务序号", "task", 8),
    ("所属部分", None, 18),
    ("任务名称", None, 24),
    ("单位", "unit", 20),
    ("角色", "role", 6),
    ("进展状态", "status", 9),
    ("完成进度（%）", "progress", 9),
    ("工作进展及成效", "narrative", 48),
    ("存在问题", "problems", 28),
    ("下一步打算", "next_steps", 28),
    ("来源文件", "file", 28),
    ("核实更正", "corrected", 30),
]
FIGURE_COLUMNS = [
    ("指标编号", "indicator", 9),
    ("任务序号", "task", 8),
    ("指标名称", None, 24),
    ("单位", "unit", 20),
    ("角色", "role", 6),
    ("要求", None, 8),
    ("目标值", "target", 10),
    ("计量单位", None, 8),
    ("实际完成值", "actual", 11),
    ("说明", "note", 30),
    ("标记", "flag", 8),
    ("来源文件", "file", 28),
    ("核实更正", "corrected", 30),
]
PROBLEM_COLUMNS = [
    ("序号", None, 6),
    ("单位", None, 18),
    ("文件", None, 30),
    ("工作表", None, 10),
    ("单元格", None, 8),
    ("问题", None, 60),
    ("处理建议", None, 44),
    ("严重程度", None, 9),
]
MISSING_COLUMNS = [
    ("序号", None, 6),
    ("单位", None, 22),
    ("单位类别", None, 14),
    ("联系方式", None, 30),
    ("应报任务数", None, 10),
    ("应报指标数", None, 10),
    ("截止日期", None, 12),
]

CORRECTION_COLUMNS = [
    ("序号", None, 6),
    ("单位", None, 20),
    ("编号", None, 8),
    ("更正项目", None, 14),
    ("原报送值", None, 22),
    ("更正值", None, 22),
    ("核实人", None, 10),
    ("核实日期", None, 12),
    ("更正理由", None, 36),
    ("首次采用时间", None, 19),
]
HISTORY_COLUMNS = [
    ("序号", None, 6),
    ("单位", None, 20),
    ("文件", None, 32),
    ("接收时间", None, 19),
    ("处理结果", None, 10),
    ("对比文件", None, 28),
    ("修改内容（原值 → 新值）", None, 70),
]
COMPARISON_TASK_COLUMNS = [
    ("任务序号", None, 8),
    ("任务名称", None, 24),
    ("单位", None, 20),
    ("上期状态", None, 9),
    ("本期状态", None, 9),
    ("上期进度（%）", None, 9),
    ("本期进度（%）", None, 9),
    ("进度变化", None, 9),
    ("判断", None, 8),
]

# The check sheets: (header, width).
INDICATOR_CHECK_COLUMNS = [
    ("指标编号", 9), ("任务序号", 8), ("指标名称", 24), ("要求", 8), ("目标值", 10),
    ("计量单位", 8), ("本轮应达", 10), ("汇总方式", 9), ("汇总值", 10), ("完成率", 8),
    ("状态", 9), ("报送情况", 9), ("未报送单位", 24), ("拖后单位", 24), ("数据依据", 18),
    ("核实事项及说明", 40),
]
ALLOCATION_CHECK_COLUMNS = [
    ("指标编号", 9), ("指标名称", 24), ("单位", 20), ("分解目标", 10), ("计量单位", 8),
    ("本轮应达", 10), ("实际完成", 10), ("完成率", 8), ("状态", 9), ("说明", 40),
]
TASK_CHECK_COLUMNS = [
    ("序号", 6), ("任务名称", 28), ("牵头单位", 14), ("牵头单位状态", 11), ("完成进度（%）", 10),
    ("任务状态", 9), ("灯号", 7), ("灯号依据", 22), ("配合单位报送情况", 40), ("未报送单位", 28),
    ("说明", 32),
]

LATE_YES = "是"
