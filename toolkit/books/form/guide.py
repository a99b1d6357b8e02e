"""The words of the 填报说明 sheet and of the input messages: what the clerk reads."""

from __future__ import annotations

from toolkit.books.form import layout as F
from toolkit.rules.rounds import due_text, round_label
from toolkit.model.plan import Plan, Round
from toolkit.vocab import PREVIOUS, ROLE_LEAD

# What each column means, by the field names of toolkit.books.form.layout.
TASK_HELP = {
    "number": "工作要点中的任务序号。",
    "section": "任务所属的部分。",
    "title": "任务名称（任务的第一句）。",
    "body": "工作要点中该任务的原文。",
    "role": "“牵头单位”负责该任务的总体推进，请汇总全市（含配合单位）的落实情况；"
    "“配合单位”只填写本单位承担部分的落实情况。",
    "deadline": "任务的完成时限。",
    "status": "从下拉列表中选择：未启动、推进中、已完成、未完成（年终仍未完成的选“未完成”）。",
    "progress": "填0到100之间的数字，表示完成的百分比，如完成六成填60，不要输入“%”号。",
    "narrative": "本轮工作进展及取得的成效，尽量具体，有数字的写数字。",
    "problems": "存在的问题和困难；没有的填“无”。",
    "next_steps": "下一步的工作打算和措施。",
}

FIGURE_HELP = {
    "task": "指标所属任务的序号，与“任务清单”中的序号对应。",
    "name": "指标名称。",
    "source": "工作要点中该指标的原文表述。",
    "comparator_words": "目标要求：不低于、不超过、约、等于。",
    "target": "本单位的目标值：已分解到本单位的为分解数，否则为全市目标。",
    "unit": "计量单位；实际完成值按这个单位填写。",
    "actual": "截至本轮的实际完成数，只填一个数字，按“计量单位”列的单位填写"
    "（如单位为“亿元”，1.2亿元填1.2；单位为“%”，97.5%填97.5）。",
    "note": "对实际完成值的说明：统计口径、数据来源、未完成的原因等。",
}

INFO_HELP = {
    "unit": "本表的填报单位（已填好）。",
    "round": "本表的报送轮次（已填好）。",
    "reporter": "填报人姓名。",
    "phone": "填报人的联系电话（手机或座机）。",
    "reviewer": "审核本表的分管领导姓名。",
    "date": "填报日期，如 2020-12-20。",
}

DONTS = [
    "不要修改、删除或移动工作表，不要改工作表的名称。",
    "不要插入或删除列；不要改动任务原文、目标值等已锁定的内容（白底单元格）。",
    "请保持 .xlsx 格式保存，不要另存为 .xls、.et、.wps 或 .csv（WPS 请选择“Excel 文件(*.xlsx)”）。",
    "不要用其他单位的任务表填写，也不要把几个单位的内容合到一个文件里。",
    "“完成进度”“实际完成值”只填数字，不要填“约”“%”“个”等文字，说明写到“说明”列。",
]

TIPS = [
    "各工作表已设保护，只能在黄色单元格中填写；可以排序、筛选，也可以调整行高和列宽。",
    "文件名可以修改，系统按文件内容识别填报单位和轮次。",
]


def overview(plan: Plan, unit: str, rnd: Round, tasks: list[dict], figures: list[dict]):
    """(label, text) rows at the top of 填报说明."""
    lead = sum(1 for row in tasks if row["role"] == ROLE_LEAD)
    doc = f"（{plan.meta.doc_number}）" if plan.meta.doc_number else ""
    return [
        ("填报单位", unit),
        ("报送轮次", round_label(plan.year, rnd.name)),
        ("报送截止日期", due_text(rnd)),
        ("咨询联系人", plan.settings.contact or "见下发通知"),
        ("工作要点", plan.display_title + doc),
        (
            "本表内容",
            f"任务{len(tasks)}项（其中牵头{lead}项、配合{len(tasks) - lead}项）；"
            f"需填报的量化指标{len(figures)}项。",
        ),
    ]


def previous_row(plan: Plan, previous_round: str) -> tuple[str, str]:
    """The 填报说明 row of a pre-filled form: where the filled-in answers come from."""
    label = round_label(plan.year, previous_round)
    return (f"{PREVIOUS}内容",
            f"本表已按本单位{label}报送（经审核采用）的内容预填，灰色“{PREVIOUS}”列供对照，不可修改；"
            "请逐项更新为本期情况，没有变化的内容可以保留。")


def steps(plan: Plan, rnd: Round, figures: list[dict]) -> list[str]:
    figures_step = (
        f"在“{F.SHEET_FIGURES}”中逐项填写“实际完成值”（只填数字）和“说明”。"
        if figures
        else f"本单位本轮没有需要填报的量化指标，“{F.SHEET_FIGURES}”无需填写。"
    )
    return [
        f"在“{F.SHEET_TASKS}”中逐项填写黄色单元格：进展状态、完成进度、工作进展及成效、"
        "存在问题、下一步打算。",
        figures_step,
        f"在“{F.SHEET_INFO}”中填写填报人、联系电话、审核人（分管领导）和填报日期。",
        f"保存文件，于{due_text(rnd)}前报送；有疑问请联系"
        f"{plan.settings.contact or '下发通知中的联系人'}。",
    ]


def column_help() -> list[tuple[str, str]]:
    """(sheet·column, meaning) for every visible column of the two tables and the info sheet."""
    rows = []
    for sheet, columns, helps in (
        (F.SHEET_TASKS, F.TASK_COLUMNS, TASK_HELP),
        (F.SHEET_FIGURES, F.FIGURE_COLUMNS, FIGURE_HELP),
    ):
        rows += [(f"{sheet}·{header}", helps[f]) for header, f, _ in columns if f in helps]
    rows += [(f"{F.SHEET_INFO}·{label}", INFO_HELP[f]) for label, f, _ in F.INFO_ROWS]
    return rows


def sections(plan: Plan, rnd: Round, figures: list[dict]) -> list[tuple[str, list]]:
    """(heading, [(label, text), ...]) for the parts of 填报说明 below the overview."""
    return [
        ("填报步骤", [(f"第{i}步", s) for i, s in enumerate(steps(plan, rnd, figures), 1)]),
        ("各列说明", column_help()),
        ("注意事项（请勿）", _numbered(DONTS)),
        ("小提示", _numbered(TIPS)),
    ]


def _numbered(items: list[str]) -> list[tuple[str, str]]:
    return [(str(i), text) for i, text in enumerate(items, 1)]
