"""Every word a user reads as a status, flag, severity, outcome or sheet name: one place.

Modules that need one of these words import it from here (some re-export it under the name
they always had); nothing else spells them out.
"""

from __future__ import annotations

# --- a task's progress, as a unit reports it (the form's 进展状态 dropdown) ---------------------
NOT_STARTED, ONGOING, DONE, UNFINISHED = "未启动", "推进中", "已完成", "未完成"
STATUSES = (NOT_STARTED, ONGOING, DONE, UNFINISHED)

# --- roles ------------------------------------------------------------------------------------
ROLE_LEAD, ROLE_COOP = "牵头", "配合"
ROLE_LABELS = {ROLE_LEAD: "牵头单位", ROLE_COOP: "配合单位"}

# --- a task's light in a bulletin (督查通报's 红黄绿灯) -----------------------------------------
RED, YELLOW, GREEN = "红灯", "黄灯", "绿灯"
LIGHTS = (RED, YELLOW, GREEN)

# --- a unit's return for a round (报送情况) ------------------------------------------------------
SUBMITTED, NOT_SUBMITTED, LATE, WITH_PROBLEMS = "已报送", "未报送", "逾期", "有问题"
NOT_FILLED = "未填写"  # a task of the unit's with nothing filled in
# a return that left blank a figure the city figure takes from the unit (its share of a sum,
# its own rate of a standard every unit must reach): the unit is still to report it
PARTLY_SUBMITTED = "报送不全"
REPORTED_ON_TIME, REPORTED_LATE = "按时报送", "逾期报送"  # 考评's 报送情况, from the receipt time
VERIFIED, UNVERIFIED = "已核验", "未核验"
YES, NO = "是", "否"

# --- an indicator against its target (指标核对) ------------------------------------------------
MET, EXCEEDED, ON_TRACK, BEHIND, MISSED, NOT_REPORTED, TO_VERIFY = (
    "已达标", "超额完成", "进度正常", "滞后", "未达标", "未报送", "待核实")
INCOMPLETE = "数据不全"  # a partial sum of the units that reported, not yet reaching the target
INDICATOR_STATUSES = (EXCEEDED, MET, ON_TRACK, BEHIND, MISSED, INCOMPLETE, NOT_REPORTED, TO_VERIFY)

# --- the basis of a city figure (指标核对's 数据依据, the summary's sentences) ------------------
BASIS_LEAD = "牵头单位报全市数"
BASIS_VERIFIED = "管理员核实"
CITY = "全市"  # 核实更正's 单位 for a city figure the administrator decides
FIGURE_CORRECTED = "管理员核实更正"  # the note on a figure the administrator decided


def basis_members(reported: int, expected: int) -> str:
    """各单位合计（已报 9/12）: the sum of the units that reported."""
    return f"各单位合计（已报 {reported}/{expected}）"


def basis_reached(reached: int, expected: int) -> str:
    """各单位达标 2/3: a rate each unit must reach, counted unit by unit."""
    return f"各单位达标 {reached}/{expected}"
GOOD_STATUSES = (EXCEEDED, MET, ON_TRACK)

# --- a figure a unit typed (指标数据's 标记) ----------------------------------------------------
FLAG_VERIFY, FLAG_INVALID = "待核实", "无效"

# --- problems ---------------------------------------------------------------------------------
ERROR, WARNING, NOTE = "错误", "警告", "提示"
SEVERITIES = (ERROR, WARNING, NOTE)

# --- what a collection run made of a file (台账) -----------------------------------------------
USED, SUPERSEDED, DUPLICATE, REJECTED, SKIPPED = "已采用", "已被取代", "重复", "未采用", "已跳过"

# --- what a return's receipt time rests on (报送情况's 接收时间依据) ---------------------------
RECEIVED_REGISTER = "接收登记"  # the administrator's receipt register (master sheet 接收登记)
RECEIVED_SAVED = "工作簿保存时间（报送单位自述）"  # docProps/core.xml dcterms:modified: a claim
RECEIVED_CLAIMED = "压缩包内文件时间（报送单位自述）"  # a zip member's date: a claim
RECEIVED_MAIL = "邮件到达时间"  # the server's INTERNALDATE of the message it came in
RECEIVED_FIRST_SEEN = "首次收到时间"  # the store's first sight of the file
RECEIVED_FILE_TIME = "文件时间"  # the file's modification time in the inbox

# --- the units' assessment (考评) ---------------------------------------------------------------
# The components of a unit's score, by id (toolkit.check.assessment), as the 设置 sheet and the
# summary name them; each has a weight in 设置 (考评权重-按时报送 …).
ASSESSMENT_COMPONENTS = {"on_time": "按时报送", "complete": "填报完整", "accurate": "填报无误",
                         "tasks": "任务达标", "indicators": "指标达标"}
ASSESSMENT_WEIGHT_PREFIX = "考评权重-"
NOT_APPLICABLE = "—"  # a table cell with nothing to measure (a unit without indicators)

# --- rounds -----------------------------------------------------------------------------------
FINAL_ROUND = "年终"
# The usual rounds: (name, the period a sentence names, share of the year, default due (month,
# day)). A 设置 sheet may list others; these are its defaults and the names known without it.
USUAL_ROUNDS = (
    ("一季度", "一季度", 0.25, (4, 10)),
    ("半年", "上半年", 0.5, (7, 10)),
    ("三季度", "前三季度", 0.75, (10, 10)),
    (FINAL_ROUND, "全年", 1.0, (12, 20)),
)
ROUND_ALIASES = {"第一季度": "一季度", "上半年": "半年", "前三季度": "三季度", "全年": FINAL_ROUND}


# --- sheet names, by workbook ------------------------------------------------------------------
# The master workbook (任务分解总表)
MASTER_GUIDE, MASTER_SETTINGS, MASTER_TASKS, MASTER_INDICATORS = "说明", "设置", "任务", "指标"
MASTER_UNITS, MASTER_ALLOCATIONS, MASTER_CORRECTIONS = "单位", "分解", "核实更正"
MASTER_RECEIPTS = RECEIVED_REGISTER  # 接收登记: when the office received a unit's return
MASTER_REQUIREMENTS = "工作要求"  # the office's demands in a bulletin (一是…二是…)
# An assignment form (任务表)
FORM_GUIDE, FORM_TASKS, FORM_FIGURES, FORM_INFO = "填报说明", "任务清单", "指标填报", "填报信息"
HIDDEN_SHEET = "_workplan"  # very hidden: the form's identity, the master's signing keys
# The distribution list (下发清单)
LIST_SHEET, LIST_WARNINGS = "下发清单", "问题提示"
# The consolidated workbook (汇总表)
BOOK_SUBMISSIONS, BOOK_TASKS, BOOK_MATRIX, BOOK_FIGURES = "报送情况", "任务进展", "进展矩阵", "指标数据"
BOOK_PROBLEMS, BOOK_MISSING, BOOK_CORRECTIONS = "问题清单", "未报送单位", "核实更正"
BOOK_INDICATOR_CHECK, BOOK_ALLOCATION_CHECK, BOOK_TASK_CHECK = "指标核对", "分解核对", "任务核对"
BOOK_META = "_汇总信息"  # hidden: round, year, plan identity
# The summary workbook (年终总结 / 进度通报)
SUMMARY_ASSESSMENT = "考评"

# --- the year as a loop: the previous round, feedback, reminders, history ----------------------
PREVIOUS = "上期"  # the prefix of the read-only columns showing a unit's last accepted answers
SHEET_FEEDBACK = "校验结果"  # the first sheet of a feedback (退回修改) workbook
SHEET_HISTORY = "修改记录"
SHEET_COMPARISON = "进展对比"
FEEDBACK = "退回修改"
REMINDER = "催报通知"
CHANGED_WORSE, CHANGED_SAME, CHANGED_BETTER, CHANGED_NEW = "倒退", "无进展", "有进展", "新报送"

# --- a command stopped by Ctrl-C (or a scheduler's stop): every front end says it in these words
INTERRUPTED = "已中断。"

# --- the commands, as a user reads them (ribbon buttons, launchers, the lock's holder) ----------
# In pipeline order; every front end takes its list of commands from here (toolkit.app).
COMMANDS = {
    "import": "导入计划",
    "new": "新建总表",
    "assign": "生成任务表",
    "fetch": "收取邮件",
    "collect": "汇总",
    "check": "核对指标",
    "summary": "年终总结",
    "feedback": "退回修改",
    "remind": "催报",
    "send": "发送邮件",
    "status": "报送情况",
    "history": "报送记录",
    "run": "定时汇总",
    "export": "导出数据",
    "bundle": "制作安装包",
}
# The launchers an administrator double-clicks (the offline bundle; toolkit.front.launcher): the
# file's name, and what it does, by command.
LAUNCHERS = {
    "import": ("导入计划", "把工作要点或任务分解表导入为任务分解总表"),
    "assign": ("生成任务表", "按总表为每个责任单位生成本轮任务表"),
    "collect": ("汇总", "汇总各单位报回的任务表，列出问题和未报送单位"),
    "check": ("核对", "核对本轮指标和任务进展，写入汇总表"),
    "summary": ("生成通报", "生成本轮进度通报或年终总结（工作簿和 Word 文稿）"),
    "remind": ("催报", "为未报送或报送不全的单位生成催报通知"),
    "feedback": ("退回修改", "为报送有问题的单位生成退回修改表"),
    "status": ("查看报送情况", "查看各单位的报送情况"),
}
RIBBON_BUTTONS = {"open_folder": "打开工作文件夹", "show_help": "使用说明"}  # the ribbon's own
