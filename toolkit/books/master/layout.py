"""The master workbook's sheets and columns, shared by its writer and its reader."""

from __future__ import annotations

from toolkit import vocab as W

SHEET_GUIDE = W.MASTER_GUIDE
SHEET_SETTINGS = W.MASTER_SETTINGS
SHEET_TASKS = W.MASTER_TASKS
SHEET_INDICATORS = W.MASTER_INDICATORS
SHEET_UNITS = W.MASTER_UNITS
SHEET_ALLOCATIONS = W.MASTER_ALLOCATIONS
SHEET_CORRECTIONS = W.MASTER_CORRECTIONS
SHEET_RECEIPTS = W.MASTER_RECEIPTS
# Very hidden: the signing keys (column A, oldest first, under KEYS_HEADER); never in a form.
SHEET_KEYS = W.HIDDEN_SHEET
KEYS_HEADER = "签名密钥（请勿修改或删除）"

# (header, field, width) in column order; the header row is row 1, data from row 2.
TASK_COLUMNS = [
    ("序号", "number", 6),
    ("部分", "section", 6),
    ("部分标题", "section_title", 22),
    ("任务名称", "title", 24),
    ("任务内容", "body", 70),
    ("责任单位（原文）", "units_text", 30),
    ("责任单位", "units", 30),
    ("牵头单位", "lead", 14),
    ("牵头依据", "lead_basis", 10),
    ("完成时限", "deadline", 10),
    ("导入核对", "review", 30),
]
# Columns a master written by an earlier version may lack; they read as blank.
OPTIONAL_FIELDS = {"lead_basis", "review", "phone", "email"}
INDICATOR_COLUMNS = [
    ("编号", "key", 8),
    ("任务序号", "task", 8),
    ("指标名称", "name", 28),
    ("要求", "comparator", 8),
    ("目标值", "value", 10),
    ("计量单位", "unit", 10),
    ("力争", "soft", 6),
    ("完成时限", "deadline", 10),
    ("汇总方式", "aggregation", 10),
    ("指标原文", "source", 50),
]
UNIT_COLUMNS = [
    ("单位名称", "name", 26),
    ("类别", "kind", 16),
    ("别名", "aliases", 20),
    ("所属分组", "groups", 24),
    ("联系人", "contact", 12),
    ("电话", "phone", 16),
    ("邮箱", "email", 24),
]
# The units' contact columns came as one 联系人及电话 column before; a master that has only that
# column reads it as 联系人 (phone and email blank).
LEGACY_HEADERS = {"contact": "联系人及电话"}
# The groups table stands beside the units table on the 单位 sheet.
GROUP_FIRST_COLUMN = len(UNIT_COLUMNS) + 1  # one blank column between the tables
GROUP_COLUMNS = [
    ("分组名称", "name", 22),
    ("分组别名", "aliases", 30),
    ("成员数", "count", 8),
]
ALLOCATION_COLUMNS = [
    ("指标编号", "indicator", 10),
    ("指标名称", "name", 28),
    ("单位名称", "unit", 22),
    ("分解目标值", "value", 12),
]
# 接收登记: when the office received a unit's return (overrides the file's own times).
RECEIPT_COLUMNS = [
    ("报送轮次", "round", 10),
    ("单位名称", "unit", 22),
    ("接收时间", "at", 18),
    ("登记人", "who", 10),
    ("备注", "note", 40),
]
# 核实更正: the administrator's decisions about answers, applied on every collection.
CORRECTION_COLUMNS = [
    ("报送轮次", "round", 10),
    ("单位名称", "unit", 22),
    ("编号", "key", 9),
    ("更正项目", "field", 16),
    ("更正值", "new", 24),
    ("核实人", "who", 10),
    ("核实日期", "at", 12),
    ("更正理由", "why", 40),
]

# 设置: label in column A, value in column B, note in column C, rows from 2.
SETTING_ROWS = [
    ("年度", "year", "工作要点所属年度"),
    ("标题", "title", "工作要点的标题"),
    ("发文机构", "issuer", ""),
    ("文号", "doc_number", ""),
    ("发文日期", "date", ""),
    ("主送单位", "addressees", "用“、”分隔"),
    ("计划版本", "plan_version", "修改任务或指标后加 1，旧版任务表报回时会提示"),
    ("当前轮次", "current_round", "功能区按钮和定时汇总处理的轮次；留空则按截止日期自动选择"),
    ("任务表保护密码", "password", "可留空；留空时任务表仍受保护但无需密码即可撤销"),
    ("联系人及电话", "contact", "写在每份任务表的填报说明中"),
    ("“约”的容差", "tolerance", "如 5% 表示与目标相差 5% 以内视为达到"),
    ("下发文件夹", "下发", "留空则为总表所在文件夹下的“下发”"),
    ("回收文件夹", "回收", "留空则为总表所在文件夹下的“回收”"),
    ("汇总文件夹", "汇总", "留空则为总表所在文件夹下的“汇总”"),
    ("总结文件夹", "总结", "留空则为总表所在文件夹下的“总结”"),
    # the office mailbox (workplan mail); the password is never here: see README
    ("收件服务器", "imap_host", "接收各单位报回邮件的 IMAP 服务器，如 imap.example.gov.cn；留空则不收取邮件"),
    ("收件端口", "imap_port", "留空则按加密方式取默认端口（SSL 993，STARTTLS 143）"),
    ("收件账号", "imap_user", "收件邮箱的登录账号"),
    ("收件文件夹", "imap_folder", "留空则为 INBOX"),
    ("已收邮件移至", "imap_done", "可留空；留空时收取后的邮件仅标为已读，不移动、不删除"),
    ("发件服务器", "smtp_host", "发送任务表、退回修改和催报通知的 SMTP 服务器"),
    ("发件端口", "smtp_port", "留空则按加密方式取默认端口（SSL 465，STARTTLS 587）"),
    ("发件账号", "smtp_user", "留空则与收件账号相同"),
    ("发件人地址", "sender", "留空则与发件账号相同"),
    ("邮件加密", "security", "SSL、STARTTLS 或 无；“无”仅允许用于本机（127.0.0.1、localhost）"),
]
# 考评: whether the summary document lists the units' assessment, and each component's weight.
ASSESSMENT_NOTES = {
    "on_time": "在截止日期前报送得满分，逾期、未报送或报送空表不得分。各项权重为不小于 0 的数，"
               "按比例折算为 100 分；留空则按默认值计算",
    "complete": "已填报的任务和应报指标占应填报项目的比例",
    "accurate": "报送文件经校验无问题的程度：问题数占应填报项目数的比例越高，得分越低",
    "tasks": "本单位报“已完成”，或报“推进中”且完成进度不低于本轮应达进度的任务所占比例",
    "indicators": "本单位有分解目标或须达到全市目标的指标中达标的比例；无此类指标的单位不计此项",
}
WEIGHT_KEYS = {c: f"weight_{c}" for c in W.ASSESSMENT_COMPONENTS}
SETTING_ROWS += [("总结含考评", "assessment_in_summary",
                  "填“是”则总结文稿列出各单位考评结果；填“否”或留空则只列在总结工作簿的“考评”表")]
SETTING_ROWS += [(W.ASSESSMENT_WEIGHT_PREFIX + label, WEIGHT_KEYS[c], ASSESSMENT_NOTES[c])
                 for c, label in W.ASSESSMENT_COMPONENTS.items()]
# 文稿: how the office issues its documents (通报, 总结, 催报通知, 退回修改), each blank a default.
DOCUMENT_ROWS = [
    ("文稿发文单位", "doc_issuer", "通报、总结、催报通知的发文单位（版头、落款），如 三明市教育局办公室；"
                               "留空则用“发文机构”"),
    ("通报版头", "doc_masthead", "进度通报的版头名称，如 督查通报（其下为期号、发文单位和日期）；"
                              "清空则不设版头，在文末落款"),
    ("通报期号", "doc_issue", "本期通报的期号（数字）；留空则按本年度已汇总的轮次自动编号，第1期起"),
    ("文稿主送", "doc_addressees", "通报、总结和催报通知的主送单位，用“、”分隔；留空则用“主送单位”"),
    ("成文日期", "doc_date", "文稿落款的日期；留空则为生成文稿的当天（不是报送截止日期）"),
    ("附件说明", "doc_annex", "文稿附件（任务和指标完成情况表）的标题；留空则自动生成，如 "
                           "2020年工作要点上半年落实情况表"),
    ("补报期限（天）", "doc_days", "退回修改、催报后，要求单位在几天内重新报送；留空则为 3 天"),
    ("文稿含单位原文", "doc_texts", "填“是”则在文稿附件中列出各单位报送的原文（篇幅较长）；"
                              "填“否”或留空则原文只在汇总表中"),
]
DOCUMENT_KEYS = [key for _, key, _ in DOCUMENT_ROWS]
SETTING_ROWS += DOCUMENT_ROWS
SHEET_REQUIREMENTS = W.MASTER_REQUIREMENTS
# 工作要求: the office's own demands in a bulletin (一是…二是…), kept from round to round.
REQUIREMENT_COLUMNS = [
    ("适用轮次", "round", 10),
    ("要点", "heading", 24),
    ("具体要求", "text", 80),
]
MAIL_KEYS = ("imap_host", "imap_port", "imap_user", "imap_folder", "imap_done", "smtp_host",
             "smtp_port", "smtp_user", "sender", "security")
ROUNDS_HEADER = ("报送轮次", "截止日期", "占全年比例")
LIST_SEPARATOR = "、"
YES, NO = "是", "否"
