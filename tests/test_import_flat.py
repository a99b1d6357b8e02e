"""Tables copied as text rebuilt by one reconstruction: the grid is found from the text's own
regularities (the header's names, the row numbers in sequence, the kinds of cells repeating row
after row) and read by the same table reader as a Word or Excel table. Every document is built
here."""

from __future__ import annotations

import pytest

from toolkit.errors import WorkplanError
from toolkit.plan_import import parse_plan_text
from toolkit.plan_import.flat import kind, text_blocks
from toolkit.plan_import.grid import Grid


def tasks(text):
    plan = parse_plan_text(text)
    return [(t.number, t.title, t.units, t.deadline) for t in plan.tasks]


def grid_of(text):
    return next(b for b in text_blocks(text) if isinstance(b, Grid))


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty"), ("12", "number"), ("(3)", "number"), ("1300人", "figure"), ("2024", "figure"),
    ("县教育局、县财政局", "units"), ("张建国", "people"), ("徐国江", "people"), ("12月底前", "date"),
    ("2021年2月公布预算信息,8月公布决算信息", "date"), ("一、基础工作", "heading"), ("城北学校扩建", "short"),
    ("新建教学楼2栋，新增学位900个。", "long")])
def test_what_a_cell_holds(text, expected):
    assert kind(text) == expected


def test_a_header_name_merged_over_two_columns_and_rows_shifted_left():
    """A school calendar: 起止日期 printed once over the week and the date; the rows of a week
    leave out its merged week and date cells, their cells shifted left, empty cells at the end."""
    rows = ["起止日期 | 主要工作 | 责任处室 | |",
            "第一周 | 3月1日-3月7日 | 开学典礼;升旗仪式 | 教育处 |",
            "开学督导迎检 | 督导室 | ||",
            "新学期备课组长会议 | 教务处 | ||",
            "第二周 | 3月8日-3月14日 | 主题班会 预防春季流行性疾病 | 团委 |",
            "学生上下学安全专题教育 | 保卫处 | ||"]
    assert tasks("某中学2021年春季学期校历\n" + "\n".join(rows)) == [
        (1, "开学典礼;升旗仪式", ["教育处"], "3月1日-3月7日"), (2, "开学督导迎检", ["督导室"], "3月1日-3月7日"),
        (3, "新学期备课组长会议", ["教务处"], "3月1日-3月7日"),
        (4, "主题班会 预防春季流行性疾病", ["团委"], "3月8日-3月14日"),
        (5, "学生上下学安全专题教育", ["保卫处"], "3月8日-3月14日")]


def test_a_group_cell_before_the_number_under_a_header_without_a_number_column():
    """One cell a line, a bar line between cells; the header names no 序号 column, and each
    row's group cell comes before its number (left out where it is merged)."""
    cells_ = ["工作任务", "具体要求", "责任科室", "时限要求",
              "规范公开行政规范性文件", "1", "对行政规范性文件进行全面清理。", "办公室", "年底前",
              "做好主动公开基础工作", "2", "严格规范政府信息公开专栏。", "各科室", "持续推进",
              "3", "规范做好政府信息公开工作年度报告编制发布工作。", "办公室", "持续推进",
              "4", "依法依规办理政府信息公开申请。", "各科室", "持续推进",
              "加强宣传", "5", "积极参加政务公开交流约稿活动。", "各科室", "持续推进"]
    plan = parse_plan_text("\n|\n".join(cells_) + "\n|")
    assert [(t.number, t.section, t.units, t.deadline) for t in plan.tasks] == [
        (1, "一", ["办公室"], "年底前"), (2, "二", ["各科室"], "持续推进"), (3, "二", ["办公室"], "持续推进"),
        (4, "二", ["各科室"], "持续推进"), (5, "三", ["各科室"], "持续推进")]
    assert [s.title for s in plan.sections] == ["规范公开行政规范性文件", "做好主动公开基础工作", "加强宣传"]


def test_a_header_name_the_rows_leave_out_and_a_bar_ending_each_row():
    """主要任务 is merged over 全年目标任务 in every row, so the rows have one cell less than the
    header has names; each row ends in a bar of its own."""
    lines = ["2023年民生实事项目推进情况", "序号 |", "主要任务 |", "全年目标任务 |", "分管领导 |", "牵头单位 |",
             "责任主体与协同单位 |", "推进情况 |", "说明 |",
             "24 |", "优化提升50条背街后巷交通组织。 |", "徐国江 |", "城管局 |", "市政局、相关街道 |",
             "已进场施工,完成30%。 |", "||",
             "25 |", "新建建筑垃圾中转站8个。 |", "徐国江 |", "城管局 |", "崇川经济开发区、相关街道 |",
             "已建成建筑垃圾中转站3个。 |", "前期配合相关部门处置投诉,项目滞后2个月。 |", "|"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.units, t.lead) for t in plan.tasks] == [
        (24, ["城管局", "市政局", "相关街道"], "城管局"), (25, ["城管局", "崇川经济开发区", "相关街道"], "城管局")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(24, 50.0, "条"), (25, 8.0, "个")]


def test_rows_without_a_header_their_merged_group_cells_left_out():
    rows = ["一、加强公开解读 | (一)推进政务公开 | 1 | 坚持以公开为常态。 | 市政府办公室牵头,市政府各部门负责落实 | 全年 |",
            "2 | 做好政府部门权责清单调整和公开工作。 | 市编办牵头,市政府各部门负责落实 | 全年 |",
            "(二)加大主动公开力度 | 3 | 抓好财政预决算信息公开。 | 市财政局牵头落实 | 全年 |"]
    plan = parse_plan_text("\n".join(rows))
    assert [(t.number, t.units, t.lead, t.deadline) for t in plan.tasks] == [
        (1, ["市政府办公室", "市政府各部门"], "市政府办公室", "全年"), (2, ["市编办", "市政府各部门"], "市编办", "全年"),
        (3, ["市财政局"], "市财政局", "全年")]


def test_a_header_split_over_two_lines_and_a_numbered_row_of_one_cell():
    """The header's cell holds a line break; a task's row whose unit cell is merged with the
    row above is one cell; rows leave out the merged group cell."""
    rows = ["工作任务 | 具体要求", "| 责任单位 |",
            "一、做好规划公开。 | 1.主动公开规划纲要。 | 市直有关部门;各镇(街) |",
            "2.做好各项规划的归集整理。 | 市发展和改革局牵头,市直有关部门配合;各镇(街)参照落实 |",
            "二、做好财政信息公开。 | 3.推进部门预算公开。 | 市财政局牵头,市直各部门落实 |",
            "4.推进地方政府债务信息公开。 |",
            "5.加大惠民惠农资金发放信息公开力度。 | 市民政局 |"]
    assert tasks("\n".join(rows)) == [
        (1, "主动公开规划纲要", ["市直有关部门", "各镇(街)"], ""),
        (2, "做好各项规划的归集整理", ["市发展和改革局", "市直有关部门", "各镇(街)"], ""),
        (3, "推进部门预算公开", ["市财政局", "市直各部门"], ""),
        (4, "推进地方政府债务信息公开", ["市财政局", "市直各部门"], ""),
        (5, "加大惠民惠农资金发放信息公开力度", ["市民政局"], "")]


SPACED = [
    ("序    号    项目名称          建设内容                          牵头单位      配合单位          完成时限", None),
    ("序号  项目名称      建设内容                            牵头      配合            完成",
     "                                                    单位      单位            时限"),
]


@pytest.mark.parametrize(("header", "below"), SPACED)
def test_a_layout_of_spaces_with_header_names_spelt_out_or_wrapped_and_a_cell_wrapped(header, below):
    lines = ["某县2022年民生实事项目责任分工表", header] + ([below] if below else []) + [
        "1     城北学校扩建      新建教学楼2栋，新增学位900个。    县教育局      县财政局          12月底前",
        "2     老旧小区改造      完成老旧小区改造15个，惠及居民    县住建局      各乡镇人民政府    10月底前",
        "                        3000户。",
        "3     农贸市场提升      改造提升农贸市场3家。             县商务局      县市场监管局      6月底前"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units, t.lead, t.deadline) for t in plan.tasks] == [
        (1, "城北学校扩建", ["县教育局", "县财政局"], "县教育局", "12月底前"),
        (2, "老旧小区改造", ["县住建局", "各乡镇人民政府"], "县住建局", "10月底前"),
        (3, "农贸市场提升", ["县商务局", "县市场监管局"], "县商务局", "6月底前")]
    assert "惠及居民3000户" in plan.tasks[1].body  # the cell wrapped over two lines, joined


def test_a_label_value_table_one_cell_a_line():
    lines = ["某区2025年民生实事项目", "具体任务", "新建城市书房3家，提升改造社区图书馆10个。", "责任单位", "区文旅局",
             "完成时限", "2025年12月底前", "具体任务", "新增停车泊位2000个。", "责任单位", "区住建局、区交通局",
             "完成时限", "2025年10月底前"]
    assert tasks("\n".join(lines)) == [
        (1, "新建城市书房3家，提升改造社区图书馆10个", ["区文旅局"], "2025年12月底前"),
        (2, "新增停车泊位2000个", ["区住建局", "区交通局"], "2025年10月底前")]


def test_a_label_without_a_value_heads_the_labels_after_it():
    lines = ["某区2025年民生实事", "任务安排", "新建中小学校13所,新增学位17490座。", "牵头单位", "区教育局", "落实情况",
             "第一季度", "其余9所学校正加快推进建设。", "第三季度", "10所中小学校已建成并交付使用。"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.title, t.units) for t in plan.tasks] == [("新建中小学校13所,新增学位17490座", ["区教育局"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(13.0, "所"), (17490.0, "座")]


def test_a_header_of_two_rows_and_a_figure_column():
    rows = ["序号 | 项目名称 | 责任单位 | 目标任务 | 完成情况 | |", "| | | | 1-6月 | 7-12月 |",
            "1 | 新建公办幼儿园 | 县教育局 | 3所 | 已开工 | 已完工 |",
            "2 | 改造农村公路 | 县交通局 | 50公里 | 完成20公里 | 完成50公里 |"]
    plan = parse_plan_text("某县2023年民生实事完成情况表\n" + "\n".join(rows))
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "新建公办幼儿园", ["县教育局"]), (2, "改造农村公路", ["县交通局"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3.0, "所"), (2, 50.0, "公里")]
    assert grid_of("\n".join(rows)).rows[0][-1] == "完成情况"  # merged over both periods


def test_the_header_again_at_a_page_break_and_a_cell_wrapped_over_a_blank_line():
    lines = ["某县2023年重点工作任务分解表", "", "序号", "", "重点工作", "", "责任单位", "", "完成时限", "", "1", "",
             "新建公办幼儿园3所，新增学位", "", "900个。", "", "县教育局", "", "12月底前", "",
             "序号", "", "重点工作", "", "责任单位", "", "完成时限", "", "2", "", "改造农村公路50公里。", "", "县交通局", "",
             "10月底前"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "新建公办幼儿园3所，新增学位900个", ["县教育局"], "12月底前"),
        (2, "改造农村公路50公里", ["县交通局"], "10月底前")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3.0, "所"), (1, 900.0, "个"), (2, 50.0, "公里")]


def test_a_header_word_of_one_character_names_a_column_only_alone():
    from toolkit.plan_import.lexicon import column_role

    assert column_role("序") == "number" and column_role("是否达序") is None
    assert column_role("责任主体与协同单位") == "coop"


def test_an_unnumbered_table_one_cell_a_line_under_merged_group_cells():
    lines = ["某县2023年政务公开重点工作任务清单", "类别 |", "工作任务 |", "责任单位 |", "完成时限 |",
             "政策解读 |", "围绕稳经济一揽子政策开展解读，及时回应社会关切。 |", "县发改委、县财政局等有关单位 |", "持续推进 |",
             "做好重大决策预公开工作。 |", "县司法局 |", "年底前 |",
             "基层公开 |", "推进基层政务公开标准化规范化建设。 |", "各乡镇人民政府 |", "6月底前 |"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.section, t.units, t.deadline) for t in plan.tasks] == [
        (1, "一", ["县发改委", "县财政局"], "持续推进"), (2, "一", ["县司法局"], "年底前"),
        (3, "二", ["各乡镇人民政府"], "6月底前")]
    assert [s.title for s in plan.sections] == ["政策解读", "基层公开"]


def test_header_cells_wrapped_over_lines_one_cell_a_line():
    lines = ["某镇2024年重点工作季度推进表", "", "序号", "", "重点", "", "工作", "", "责任", "", "单位", "", "一季度", "",
             "目标", "", "二季度", "", "目标", "", "1", "", "完成农村公路提升改造5公里。", "", "镇建设办", "", "完成设计", "",
             "开工建设", "", "2", "", "新建村级养老服务站2个。", "", "镇社会事务办", "", "选址", "", "完成主体"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "完成农村公路提升改造5公里", ["镇建设办"]), (2, "新建村级养老服务站2个", ["镇社会事务办"])]
    assert grid_of("\n".join(lines)).rows[0] == ["序号", "重点工作", "责任单位", "一季度目标", "二季度目标"]


def test_a_header_of_two_rows_written_one_cell_a_line():
    lines = ["序号 |", "项目名称 |", "责任单位 |", "目标任务 |", "完成情况 |", "1-6月 |", "7-12月 |",
             "1 |", "新建公办幼儿园 |", "县教育局 |", "3所 |", "已开工 |", "已完工 |",
             "2 |", "改造农村公路 |", "县交通局 |", "50公里 |", "完成20公里 |", "完成50公里 |"]
    plan = parse_plan_text("某县2023年民生实事完成情况表\n" + "\n".join(lines))
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["县教育局"]), (2, ["县交通局"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3.0, "所"), (2, 50.0, "公里")]
    assert grid_of("\n".join(lines)).rows[0][-2:] == ["完成情况1-6月", "完成情况7-12月"]


def test_names_wrapped_over_lines_in_a_layout_of_spaces_and_people_beside_three_unit_columns():
    lines = ["某市2018年河长制工作任务分解表",
             "序号  主要任务                        牵头单位    参与单位            责任单位          分管领导",
             "1     开展河湖清四乱专项行动，清理    市水利局    市生态环境局        各县(市、区)      张建国、李明",
             "      问题点位120处。                             市自然资源局        人民政府",
             "2     完成一河一策方案编制12个。      市河长办    市水利局            各县(市、区)      李明",
             "                                                                      人民政府"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "开展河湖清四乱专项行动，清理问题点位120处", ["市水利局", "市生态环境局", "市自然资源局", "各县(市、区)人民政府"],
         "市水利局"),
        (2, "完成一河一策方案编制12个", ["市河长办", "市水利局", "各县(市、区)人民政府"], "市河长办")]


def test_a_layout_of_spaces_without_numbers_its_first_column_wrapped():
    lines = ["政务公开工作任务清单",
             "任务                       责任单位                   时限",
             "切实做好稳经济大盘一揽子   市政府各部门,各县(市、区   持续推进",
             "政策举措公开工作。         )政府",
             "建立市场主体反映审批问题   市发改委、市住建局         年底前",
             "的办理和反馈机制。"]
    assert tasks("\n".join(lines)) == [
        (1, "切实做好稳经济大盘一揽子政策举措公开工作", ["市政府各部门", "各县(市、区)政府"], "持续推进"),
        (2, "建立市场主体反映审批问题的办理和反馈机制", ["市发改委", "市住建局"], "年底前")]


def test_a_calendar_laid_out_in_spaces_its_merged_week_and_date_left_empty():
    lines = ["某中学2021年春季学期校历",
             "周次       起止日期          主要工作                   责任处室",
             "第一周     3月1日-3月7日     开学典礼;升旗仪式表彰      教育处、团委",
             "                             开学督导迎检               督导室",
             "                             新学期备课组长会议;初一、  教务处",
             "                             初三全体教师会议",
             "第二周     3月8日-3月14日    三八妇女节活动             工会"]
    assert tasks("\n".join(lines)) == [
        (1, "开学典礼;升旗仪式表彰", ["教育处", "团委"], "3月1日-3月7日"), (2, "开学督导迎检", ["督导室"], "3月1日-3月7日"),
        (3, "新学期备课组长会议;初一、初三全体教师会议", ["教务处"], "3月1日-3月7日"),
        (4, "三八妇女节活动", ["工会"], "3月8日-3月14日")]


def test_a_layout_of_spaces_whose_header_goes_on_over_a_line_of_brackets_and_a_cell_of_paragraphs():
    lines = ["民生实事项目进展情况",
             "项目           内容                       牵头单位   进展情况               进展情况",
             "名称                                                 (7月)                  (12月)",
             "养老服务项目   新增15家居家养老服务照料   区民政局   已完成8家照料中心。    已完成15家照料中心。",
             "               中心。                                                       已完成改造346户。"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.title, t.units) for t in plan.tasks] == [("养老服务项目", ["区民政局"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(15.0, "家")]


def test_rows_numbered_with_gaps_one_cell_a_line():
    lines = ["序号", "重点工作", "责任单位", "完成时限", "1", "新建公办幼儿园3所。", "县教育局", "12月底前",
             "2", "改造农村公路50公里。", "县交通局", "10月底前", "5", "新增城镇就业2000人。", "县人社局", "全年",
             "6", "新建公园2座。", "县住建局", "9月底前"]
    assert [(n, units) for n, _, units, _ in tasks("\n".join(lines))] == [
        (1, ["县教育局"]), (2, ["县交通局"]), (5, ["县人社局"]), (6, ["县住建局"])]


def test_rows_opened_and_closed_by_a_bar():
    rows = ["| 序号 | 重点工作 | 责任单位 | 完成时限 |", "| 1 | 新建公办幼儿园3所。 | 县教育局 | 12月底前 |",
            "| 2 | 改造农村公路50公里。 | 县交通局 | 10月底前 |"]
    assert tasks("\n".join(rows)) == [(1, "新建公办幼儿园3所", ["县教育局"], "12月底前"),
                                      (2, "改造农村公路50公里", ["县交通局"], "10月底前")]


@pytest.mark.parametrize("blank", ["\n", "\n\n"])
def test_rows_of_bars_or_spaces_with_blank_lines_between_them(blank):
    barred = ["序号 | 重点工作 | 责任单位 | 完成时限 |", "1 | 新建公办幼儿园3所。 | 县教育局 | 12月底前 |",
              "2 | 改造农村公路50公里。 | 县交通局 | 10月底前 |"]
    spaced = ["序号   重点工作                 责任单位   完成时限", "1      新建公办幼儿园3所，新增   县教育局   12月底前",
              "       学位900个。", "2      改造农村公路50公里。     县交通局   10月底前"]
    for lines in (barred, spaced):
        assert [(n, units, deadline) for n, _, units, deadline in tasks(blank.join(lines) + "\n\n说明:以上任务按月报送。")] == [
            (1, ["县教育局"], "12月底前"), (2, ["县交通局"], "10月底前")]


def test_a_header_of_known_names_only_the_task_and_units_one_cell_a_line_between_bars():
    """工作任务 | 具体内容 | 责任部门: the task named twice and units, every name known."""
    text = ("|\n工作任务\n|\n具体内容\n|\n责任部门\n|\n|\n推进政策公开\n|\n"
            "常态化公开就业、住房、教育、医疗等领域信息。\n|\n财政所、便民服务中心\n|\n|\n"
            "积极探索特定群体的线下公开渠道,持续发布相关政策文件。\n|\n便民服务中心\n|\n|\n"
            "提升解读咨询水平\n|\n拓展线下解读渠道,主动走进企业和社区提供政策解读。\n|\n党政办公室\n|\n")
    assert [(t[1], t[2]) for t in tasks(text)] == [
        ("常态化公开就业、住房、教育、医疗等领域信息", ["财政所", "便民服务中心"]),
        ("积极探索特定群体的线下公开渠道,持续发布相关政策文件", ["便民服务中心"]),
        ("拓展线下解读渠道,主动走进企业和社区提供政策解读", ["党政办公室"])]


def test_a_header_naming_three_kinds_of_column_but_not_the_task_one_cell_a_line():
    """序号 | 责任单位 | 考核指标 | 监督方式 | 完成时限: the task column is the one of sentences."""
    text = ("| 2025年度区民政局重点工作任务分解 |\n| 序号 |\n责任单位 |\n考核指标 |\n监督方式 |\n完成时限 |\n"
            "| 1 |\n区民政局 |\n按月完成临时救助的审核确认工作,及时足额发放临时救助金。 |\n区民政局办公室0558-5130002 |\n"
            "2025年12月底 |\n| 2 |\n区民政局 |\n指导乡镇按月完成城乡低保对象的动态调整工作。 |\n"
            "区民政局办公室0558-5130002 |\n2025年6月底 |\n")
    assert tasks(text) == [(1, "按月完成临时救助的审核确认工作,及时足额发放临时救助金", ["区民政局"], "2025年12月底"),
                           (2, "指导乡镇按月完成城乡低保对象的动态调整工作", ["区民政局"], "2025年6月底")]


def test_a_numbered_header_of_units_naming_its_task_column_by_an_unknown_name_one_cell_a_line_between_blank_lines():
    """序号 | 2022年预期目标 | 责任单位 after a notice, a blank line between cells: the column the header
    leaves unnamed is the task's; the next attachment (附件2 and its title) is no row of it."""
    rows = [("1", "地区生产总值增长5.5%左右", "区发展改革委"), ("2", "固定资产投资增长6%左右", "区发展改革委"),
            ("3", "空气质量完成年度目标任务", "区生态环境局")]
    text = ("某区关于印发2022年目标任务的通知\n各镇人民政府、街道办事处,区级各部门:\n现将目标任务印发给你们,请认真贯彻落实。\n附件1\n\n"
            "2022年预期目标任务分解表\n\n序号\n\n2022年预期目标\n\n责任单位\n\n"
            + "".join(f"{n}\n\n{task}\n\n{unit}\n\n" for n, task, unit in rows)
            + "附件2\n\n2022年重点工作任务分解表\n\n序号\n\n工作任务\n\n牵头单位\n\n配合单位\n")
    assert grid_of(text).rows[1:] == [list(row) for row in rows]
    plan = parse_plan_text(text)
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "地区生产总值增长5.5%左右", ["区发展改革委"], "区发展改革委"),
        (2, "固定资产投资增长6%左右", ["区发展改革委"], "区发展改革委"),
        (3, "空气质量完成年度目标任务", ["区生态环境局"], "区生态环境局")]
    assert [(i.task, i.value, i.unit, i.comparator) for i in plan.indicators] == [(1, 5.5, "%", "~"), (2, 6.0, "%", "~")]


PEOPLE = [("1", "张建国", "区商务委"), ("2", "李明华", "区财政局"), ("3", "王志强", "区税务局")]


@pytest.mark.parametrize("layout", ["lines", "blank lines"])
def test_a_list_of_people_one_cell_a_line_is_a_table_of_no_tasks(layout):
    """序号 / 姓名 / 工作单位: a list of people, not of work; its numbers are never tasks, and a
    document that is only such a list is refused."""
    gap = "\n\n" if layout == "blank lines" else "\n"
    people = gap.join(["序号", "姓名", "工作单位"] + [c for row in PEOPLE for c in row]) + "\n"
    with pytest.raises(WorkplanError):
        parse_plan_text("关于表彰2022年度优秀共产党员的决定\n经研究,决定表彰以下同志。\n" + people)
    plan = "某区教育局2023年工作要点\n1.新建幼儿园3所。(责任单位:计划建设科)\n2.组建教育集团5个。(责任单位:基础教育科)\n"
    assert [t[:3] for t in tasks(plan + "联络员名单\n" + people)] == [
        (1, "新建幼儿园3所", ["计划建设科"]), (2, "组建教育集团5个", ["基础教育科"])]


def test_a_numbered_header_of_units_naming_its_task_column_by_an_unknown_name_in_a_layout_of_spaces():
    text = ("序号   2022年预期目标             责任单位\n"
            "1      地区生产总值增长5.5%左右   区发展改革委\n"
            "2      社会消费品零售总额增长8%   区商务委\n"
            "       左右\n"
            "3      空气质量完成年度目标任务   区生态环境局\n")
    assert [(t[0], t[1], t[2]) for t in tasks(text)] == [(1, "地区生产总值增长5.5%左右", ["区发展改革委"]),
                                                        (2, "社会消费品零售总额增长8%左右", ["区商务委"]),
                                                        (3, "空气质量完成年度目标任务", ["区生态环境局"])]
    people = "序号   姓名     工作单位\n1      张建国   区商务委\n2      李明华   区财政局\n3      王志强   区税务局\n"
    with pytest.raises(WorkplanError):
        parse_plan_text(people)


def test_a_notices_addressees_before_their_colon_on_the_line_of_its_text_are_no_label_of_a_table():
    """各单位:现将…印发给你们 opens a notice's text; the one-cell-a-line table after it is read as such."""
    text = ("某区关于印发2022年重点工作的通知\n各单位:现将重点工作任务印发给你们,请认真贯彻落实。\n\n序号\n\n工作任务\n\n"
            "责任单位\n\n1\n\n新建城市公园3个\n\n区住房城乡建委\n\n2\n\n改造老旧小区20个\n\n区住房城乡建委\n\n"
            "3\n\n新增普惠性学位2000个\n\n区教委\n")
    assert tasks(text) == [(1, "新建城市公园3个", ["区住房城乡建委"], ""), (2, "改造老旧小区20个", ["区住房城乡建委"], ""),
                           (3, "新增普惠性学位2000个", ["区教委"], "")]


GLUED_ROWS = ("某区2020年重点工作任务目标全年完成情况\n类别序号重点督办内容牵头单位全年完成情况\n"
              "{g1}1地区生产总值增长6%左右。区发展改革委东城区地区生产总值增速调整为正增长。全年增幅-1.1%。\n"
              "{g2}2区级一般公共预算收入增长2%左右。区财政局东城区一般公共预算收入完成413.84亿元。\n"
              "{g3}3新建社区养老服务驿站20个。区民政局全年建成驿站21个,完成全年目标。\n")


def test_a_table_run_together_a_row_a_line_its_group_cell_repeated_on_every_row():
    """类别序号重点督办内容牵头单位全年完成情况, then rows with no separator at all: the group cell the
    same on every row shows the columns; the task ends at the sentence its lead follows, and the lead
    is the first name after it: where the progress after it starts (东城区…, 全年建成驿站…) names cannot show."""
    text = GLUED_ROWS.format(g1="主要预期目标", g2="主要预期目标", g3="民生实事")
    assert grid_of(text).rows[1] == ["主要预期目标", "1", "地区生产总值增长6%左右。", "区发展改革委",
                                     "东城区地区生产总值增速调整为正增长。全年增幅-1.1%。"]
    plan = parse_plan_text(text)
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "地区生产总值增长6%左右", ["区发展改革委"], "区发展改革委"),
        (2, "区级一般公共预算收入增长2%左右", ["区财政局"], "区财政局"),
        (3, "新建社区养老服务驿站20个", ["区民政局"], "区民政局")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 6.0, "%"), (2, 2.0, "%"), (3, 20.0, "个")]


def test_a_table_run_together_a_row_a_line_without_a_group_cell_its_units_ending_each_row():
    text = ("某区2022年重点工作任务\n序号重点工作任务牵头单位\n1新建城市公园3个。区住房城乡建委\n"
            "2改造老旧小区20个,完善配套设施。区住房城乡建委\n3新增普惠性学位2000个。区教委区财政局\n")
    assert tasks(text) == [(1, "新建城市公园3个", ["区住房城乡建委"], ""),
                           (2, "改造老旧小区20个,完善配套设施", ["区住房城乡建委"], ""),
                           (3, "新增普惠性学位2000个", ["区教委", "区财政局"], "")]


def test_rows_run_together_whose_first_cells_all_differ_show_no_columns():
    text = GLUED_ROWS.format(g1="主要预期目标", g2="财政收入目标", g3="民生实事")
    assert not any(isinstance(b, Grid) for b in text_blocks(text))


def test_a_title_holding_the_first_columns_name_is_text_above_the_header():
    """政务公开重点工作任务 over 工作任务 / 具体内容 / 责任部门, one cell a line, a merged group cell
    leaving no line: the title is no column."""
    text = ("政务公开重点工作任务\n工作任务\n具体内容\n责任部门\n推进政策公开\n"
            "常态化公开就业、住房、教育、医疗等领域信息。\n财政所、便民服务中心\n"
            "积极探索特定群体的线下公开渠道,持续发布相关政策文件。\n便民服务中心\n"
            "提升解读咨询水平\n拓展线下解读渠道,主动走进企业和社区提供政策解读。\n党政办公室\n")
    assert [(t[1], t[2]) for t in tasks(text)] == [
        ("常态化公开就业、住房、教育、医疗等领域信息", ["财政所", "便民服务中心"]),
        ("积极探索特定群体的线下公开渠道,持续发布相关政策文件", ["便民服务中心"]),
        ("拓展线下解读渠道,主动走进企业和社区提供政策解读", ["党政办公室"])]


def test_a_table_without_header_one_cell_a_line_its_numbers_alone_under_group_headings():
    """No header: 一、… and (一)… group cells, then each row's number alone on its line: the
    numbered rows are the tasks, not the (一) headings."""
    text = ("政务公开工作要点任务分解表\n一、着力加强公开解读回应工作\n(一)围绕建设法治政府全面推进政务公开\n1\n"
            "结合政府机构改革和职能优化,做好政府部门权责清单调整和公开工作。\n市编办牵头,市政府各部门负责落实\n全年\n2\n"
            "进一步推进人大代表建议和政协委员提案办理结果公开。\n市政府办公室牵头,市政府各部门负责落实\n全年\n"
            "(二)围绕重点领域加大主动公开力度\n3\n抓好财政预决算政府信息公开制度的贯彻落实。\n市财政局牵头落实\n全年\n")
    assert [(t[0], t[1], t[2]) for t in tasks(text)] == [
        (1, "结合政府机构改革和职能优化,做好政府部门权责清单调整和公开工作", ["市编办", "市政府各部门"]),
        (2, "进一步推进人大代表建议和政协委员提案办理结果公开", ["市政府办公室", "市政府各部门"]),
        (3, "抓好财政预决算政府信息公开制度的贯彻落实", ["市财政局"])]


def test_rows_whose_merged_number_and_unit_cells_are_written_empty_go_on_with_the_row_above():
    text = ("2022年民生实事项目进展情况表\n序号 | 项目内容 | 进展情况 | 责任单位 |\n"
            "1 | 新建成公办幼儿园7所。 | 已建成7所。 | 教育局 |\n"
            "2 | 新建成婴幼儿照护服务驿站7家。 | 已新建13家。 | 卫生健康局 |\n"
            " | 新增婴幼儿照护服务托位500个。 | 已新增600个。 |  |\n"
            "3 | 实施农村公路大中修100公里。 | 已完成50公里。 | 交通运输局 |\n")
    plan = parse_plan_text(text)
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["教育局"]), (2, ["卫生健康局"]), (3, ["交通运输局"])]
    assert "新增婴幼儿照护服务托位500个" in plan.tasks[1].body
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 7.0), (2, 7.0), (2, 500.0), (3, 100.0)]


def test_rows_under_a_merged_number_printed_shifted_left_with_their_empty_cell_at_the_end_go_on_with_the_row_above():
    """The page leaves out the number cell merged over a task's rows and writes an empty cell at
    the row's end instead: the row's texts fit the columns one cell to the right."""
    text = ("2023年为民办实事项目完成情况\n序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n"
            "1 | 新增2000张养老床位 | 2150 | 108% |\n"
            "新增500张认知障碍照护床位 | 520 | 104% | |\n"
            "2 | 新增20个社区长者食堂 | 25 | 125% |\n"
            "3 | 开办300个小学生爱心暑托班 | 320 | 107% |\n"
            "开办100个小学生爱心寒托班 | 130 | 130% | |\n")
    plan = parse_plan_text(text)
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "新增2000张养老床位"), (2, "新增20个社区长者食堂"), (3, "开办300个小学生爱心暑托班")]
    assert "新增500张认知障碍照护床位" in plan.tasks[0].body
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 2000.0), (1, 500.0), (2, 20.0), (3, 300.0), (3, 100.0)]


def _laid_out(rows, widths):
    """Rows of cells laid out in spaces, each column `width` display columns wide."""
    import unicodedata

    def pad(cell, width):
        shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)
        return cell + " " * (width - shown)

    return ["".join(pad(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]


def test_a_layout_of_spaces_with_a_blank_line_after_every_line_its_header_wrapped_and_a_last_column_left_empty():
    """A PDF's text with a blank line after each line: the header's names wrapped onto the line
    after the blank one (牵头 / 单位, 完成进 / 度(%)) go on, each name in one piece, and a last
    column no row fills keeps its own name."""
    lines = _laid_out([["序号", "项目名称", "建设内容", "牵头", "配合", "完成进"],
                       ["", "", "", "单位", "单位", "度(%)"],
                       ["1", "城北学校扩建", "新建教学楼2栋，新增学位900个。", "县教育局", "县财政局"],
                       ["2", "老旧小区改造", "完成老旧小区改造15个。", "县住建局", "各乡镇人民政府"]],
                      [6, 16, 34, 12, 18, 10])
    text = "\n\n".join(lines)
    assert grid_of(text).rows[0] == ["序号", "项目名称", "建设内容", "牵头单位", "配合单位", "完成进度(%)"]
    assert [(t.number, t.title, t.units, t.lead) for t in parse_plan_text(text).tasks] == [
        (1, "城北学校扩建", ["县教育局", "县财政局"], "县教育局"),
        (2, "老旧小区改造", ["县住建局", "各乡镇人民政府"], "县住建局")]


def test_a_layout_of_spaces_without_numbers_a_cell_filling_its_column_with_a_full_stop_ends_its_row():
    """提质改造老年学校项目。 fills the first column to its edge, but its full stop ends it: the next
    line under it starts a new row, while a cell wrapped at the edge without one goes on."""
    lines = _laid_out([["项目名称", "建设内容", "责任单位"],
                       ["提质改造老年学校项目。", "建设老年学校2所。", "区教育局"],
                       ["建设品质县中10所(其中", "新建教学楼4栋。", "区教育局"],
                       ["浏阳4所)。"]],
                      [24, 20, 10])
    plan = parse_plan_text("某区2024年民生实事\n" + "\n".join(lines))
    assert [t.title for t in plan.tasks] == ["提质改造老年学校项目", "建设品质县中10所(其中浏阳4所)"]


# --- a header of two rows: a name of a unit of measure over its parts -----------------------

AMOUNT_ROWS = [
    ("合计", "95000", "70000", "25000", "", ""),
    ("一、社保惠民项目", "82000", "62000", "20000", "", ""),
    ("(一)困难群众救助项目", "73000", "62000", "11000", "为城乡困难群众发放救助金。", "自治区民政厅"),
    ("(二)农村住房保险项目", "9000", "", "9000", "为农户提供农村住房政策性保险。", "自治区应急厅"),
    ("二、健康惠民项目", "13000", "8000", "5000", "", ""),
    ("(一)基本公共卫生服务项目", "13000", "8000", "5000", "支持免费开展基本公共卫生服务。", "自治区卫生健康委"),
    ("三、教育惠民项目", "6000", "", "6000", "", ""),
    ("(一)学生营养改善项目", "6000", "", "6000", "为农村学生提供营养膳食补助。", "自治区教育厅")]
AMOUNT_TITLE = "2019年为民办实事项目资金筹措计划表\n"
SPACED_AMOUNTS = """\
项目名称                   2019年计划筹措资金(万元)                         目标任务                   牵头单位           备注
                           合计                       中央财政   本级财政
合计                       95000                      70000      25000
一、社保惠民项目           82000                      62000      20000
(一)困难群众救助项目       73000                      62000      11000      为城乡困难群众发放救助金   自治区民政厅
                                                                            。
(二)农村住房保险项目       9000                                  9000       为农户提供农村住房政策性   自治区应急厅
                                                                            保险。
二、健康惠民项目           13000                      8000       5000
(一)基本公共卫生服务项目   13000                      8000       5000       支持免费开展基本公共卫生   自治区卫生健康委
                                                                            服务。
三、教育惠民项目           6000                                  6000
(一)学生营养改善项目       6000                                  6000       为农村学生提供营养膳食补   自治区教育厅
                                                                            助。"""


def amounts_as(shape: str) -> str:
    rows = [[c for c in row] + [""] for row in AMOUNT_ROWS]
    if shape == "bars":  # the cells merged in the header left out
        head = ["项目名称 | 2019年计划筹措资金(万元) | 目标任务 | 牵头单位 | 备注 |", "合计 | 中央财政 | 本级财政 |"]
        return "\n".join(head + [" | ".join(row) + " |" for row in rows])
    if shape == "bars_empty":  # written as empty cells
        head = ["项目名称 | 2019年计划筹措资金(万元) |  |  | 目标任务 | 牵头单位 | 备注 |",
                " | 合计 | 中央财政 | 本级财政 |  |  |  |"]
        return "\n".join(head + [" | ".join(row) + " |" for row in rows])
    if shape == "cells":  # one cell a line, empty cells leaving no line
        head = ["项目名称", "2019年计划筹措资金(万元)", "目标任务", "牵头单位", "备注", "合计", "中央财政", "本级财政"]
        return "\n".join(head + [c for row in rows for c in row if c])
    return SPACED_AMOUNTS


@pytest.mark.parametrize("shape", ["bars", "bars_empty", "cells", "spaced"])
def test_a_header_of_two_rows_its_name_of_a_unit_of_measure_over_the_parts_below_it(shape):
    """2019年计划筹措资金(万元) merged over 合计 | 中央财政 | 本级财政: each part a column of amounts in 万元, read as
    from the document (the sums' rows no tasks, each amount a target of its project)."""
    plan = parse_plan_text(AMOUNT_TITLE + amounts_as(shape))
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "困难群众救助项目", ["自治区民政厅"]), (2, "农村住房保险项目", ["自治区应急厅"]),
        (3, "基本公共卫生服务项目", ["自治区卫生健康委"]), (4, "学生营养改善项目", ["自治区教育厅"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 73000.0, "万元"), (1, 62000.0, "万元"), (1, 11000.0, "万元"), (2, 9000.0, "万元"), (2, 9000.0, "万元"),
        (3, 13000.0, "万元"), (3, 8000.0, "万元"), (3, 5000.0, "万元"), (4, 6000.0, "万元"), (4, 6000.0, "万元")]
    assert plan.indicators[1].name == "2019年计划筹措资金中央财政"


def test_names_below_a_header_that_names_no_unit_of_measure_are_no_parts():
    """合计 | 中央财政 under 计划资金 (no unit named): a row of the table, not the header's."""
    text = ("项目名称 | 计划资金 | 目标任务 | 牵头单位 |\n合计 | 中央财政 |\n"
            "困难群众救助项目 | 73000 | 为城乡困难群众发放救助金。 | 自治区民政厅 |\n")
    assert grid_of(AMOUNT_TITLE + text).rows[0] == ["项目名称", "计划资金", "目标任务", "牵头单位"]


def test_a_column_most_rows_leave_out_one_cell_a_line_is_left_out_at_little_cost():
    """A school calendar whose 备注 most rows leave empty: the rows without it are no shorter rows
    that take the next row's weekday for their text (一~一)."""
    rows = [("8月30日", "五", "开学日,新生始业式", "1~6年级正式上课"),
            ("9月2日~9月6日", "一~五", "友善校园周", "反霸凌、品德教育宣导"),
            ("9月11日", "三", "国家防灾日防震演练(预演)", "8:00 操场"), ("9月17日", "二", "中秋节", "放假1日"),
            ("9月20日", "五", "国家防灾日防震演练(正式)", ""), ("9月25日", "三", "教师节感恩活动", ""),
            ("10月10日", "四", "国庆日", "放假1天。"), ("10月14日~10月21日", "一~一", "校内语文竞赛", ""),
            ("11月7日~11月8日", "四~五", "第一次定期评量", "2~6年级期中考"),
            ("11月11日~12月13日", "一~五", "运动会会前赛(含预演)", ""),
            ("11月11日~1月20日", "一~五", "作业抽查", "按年级轮流抽查"), ("12月14日", "六", "校庆运动会", "无课照班"),
            ("12月23日~12月27日", "一~五", "校内网络应用竞赛", ""), ("1月1日", "三", "开国纪念日", "放假一天")]
    plan = parse_plan_text("某小学2024学年第1学期行事历\n日期\n星期\n学校行事纪要\n备注\n"
                           + "\n".join(c for row in rows for c in row if c))
    assert [(t.title, t.deadline) for t in plan.tasks] == [(row[2], row[0]) for row in rows]


def test_a_column_name_after_the_first_may_hold_a_period_in_figures_one_cell_a_line():
    """2023年10-12月份进展情况 names a column (of progress) though longer than a plain name: the
    header goes on to 备注, and no name of it is read as a row's deadline."""
    cells_ = ["序号", "2023年重点工作任务", "牵头责任单位", "2023年10-12月份进展情况", "2024年1-3月份进度安排", "备注",
              "81", "落实疫情防控优化措施。", "县卫健委", "加强基层医疗卫生机构传染病物资配备", "加强重点场所重点人群防治",
              "85", "新增托育机构2所以上。", "县卫健委", "完成县托幼中心备案工作", "开展2024年度新增托位机构摸底工作"]
    assert tasks("2023年县政府重点工作责任清单进展情况汇总表\n" + "\n".join(cells_)) == [
        (81, "落实疫情防控优化措施", ["县卫健委"], ""), (85, "新增托育机构2所以上", ["县卫健委"], "")]


def test_a_longer_label_alone_closed_by_its_colon_one_cell_a_line_has_its_value_below():
    """年度阶段性工作目标: and 进展情况、存在问题 及下一步工作建议: alone on their lines are labels, not
    the end of the units' value above them; 第一季度:… under a label alone is its value, as printed."""
    lines = ["重点工作:", "135.统筹违法建设治理与城市更新,促进违法建设科学分类治理。", "牵头单位:", "市城市管理综合执法局",
             "年度阶段性工作目标:", "第一季度:印发违法建设治理工作方案。 第二季度:完成工作任务的50%以上。",
             "进展情况、存在问题 及下一步工作建议:", "已完成。 全市治理违法建设2318.70万平方米。"]
    plan = parse_plan_text("广州市2023年重点工作落实情况\n" + "\n".join(lines))
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (135, "统筹违法建设治理与城市更新,促进违法建设科学分类治理", ["市城市管理综合执法局"])]
    assert plan.indicators == [] and "第一季度:印发" in plan.tasks[0].body


def test_a_column_name_spelt_out_letter_by_letter_one_cell_a_line():
    text = "\n".join(["某区2016年目标任务分解表", "序号", "目    标    内    容", "责任单位", "1", "抓好专题会议的筹备工作。",
                      "区政协办公室", "2", "加强与相关部门的对口协商。", "区政协提案委"])
    assert grid_of(text).rows[0] == ["序号", "目    标    内    容", "责任单位"]


def test_a_title_holding_the_name_of_a_later_column_is_text_above_the_header():
    """区政协机关年度目标内容及分值 over 序号 | 目标内容 | 责任单位 | 分值: the title names the second and
    the last columns, not the first; it is no column of the table."""
    text = "\n".join(["区政协机关年度目标内容及分值", "序号", "目标内容", "责任单位", "分值",
                      "1", "抓好专题会议的筹备工作。", "区政协办公室", "30", "2", "加强与相关部门的对口协商。", "区政协提案委", "40"])
    assert grid_of(text).rows[0] == ["序号", "目标内容", "责任单位", "分值"]


def test_figures_rising_by_tens_under_a_header_without_a_number_column_number_no_rows():
    """分值 30, 40, 50 one cell a line: no row numbers (none rises by one and the header names no 序号),
    so the rows are found by their cells' kinds, the group cell merged over its rows."""
    text = "\n".join(["区政协机关年度目标", "类别", "工作任务", "责任单位", "分值",
                      "职能目标", "抓好专题会议的筹备工作。", "区政协办公室", "30", "加强与相关部门的对口协商。", "区政协提案委", "40",
                      "重点目标", "配合搞好省、市政协的视察活动。", "区政协办公室", "50", "抓好机关规范管理。", "区政协办公室", "20"])
    plan = parse_plan_text(text)
    assert [(t.number, t.section, t.title, t.units) for t in plan.tasks] == [
        (1, "一", "抓好专题会议的筹备工作", ["区政协办公室"]), (2, "一", "加强与相关部门的对口协商", ["区政协提案委"]),
        (3, "二", "配合搞好省、市政协的视察活动", ["区政协办公室"]), (4, "二", "抓好机关规范管理", ["区政协办公室"])]


def test_a_line_of_contact_details_above_the_header_is_no_header_and_no_row():
    """区民生办电话:… | 市民生办电话:… above the header, one cell a line: text above the table, so the
    header below it is read and the phone numbers are neither a row nor targets."""
    cells_ = ["区民生办电话:0551-1234567", "市民生办电话:0551-7654321 7654322", "序号", "项目名称", "目标任务", "牵头单位",
              "累计进度", "1", "学前教育扩容", "新建公办幼儿园3所", "区教育局", "66.7%",
              "2", "老旧小区改造", "改造老旧小区12个", "区住建局", "83.3%",
              "3", "口袋公园建设", "建设口袋公园5个", "区城管局", "100%"]
    plan = parse_plan_text("某区2023年1-9月民生实事实施进展情况\n" + "\n".join(cells_))
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["区教育局"]), (2, ["区住建局"]), (3, ["区城管局"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(3, "所"), (12, "个"), (5, "个")]


def test_a_contact_detail():
    from toolkit.plan_import.cells import is_contact

    assert is_contact("歙县民生办电话:0559-6521077") and is_contact("市民生办电话:0559-2355581 2351785")
    assert is_contact("0559-6521077") and is_contact("联系人:张三 13912345678")
    assert not is_contact("新建公办幼儿园3所") and not is_contact("20230101") and not is_contact("联系电话")


SUB_COLUMNS = ["序号 | 项目名称 | 目标任务 | 牵头单位 | 累计完成 | 备注 | |",
               "1 | 新建公办幼儿园 | 新建公办幼儿园3所 | 区教育局 | 2 | ||",
               "2 | 提高救助标准 | 城市低保 | 城市标准(800元/月) | 区民政局 | ||",
               "农村低保 | 农村标准(700元/月) | ||||",
               "3 | 改造老旧小区 | 改造老旧小区12个 | 区住建局 | 10 | ||",
               "4 | 建设口袋公园 | 建设口袋公园5个 | 区城管局 | 5 | ||"]


def test_a_header_cell_over_two_sub_columns_a_row_a_line():
    """目标任务 over two sub-columns: the header line prints one cell more than its names, and item 2
    holds two cells before its units (城市低保 | 城市标准(800元/月) | 区民政局); the other rows print
    the target once. Item 2 keeps its unit and both standards; no row is a task of its own."""
    plan = parse_plan_text("某区2023年民生实事进展情况\n" + "\n".join(SUB_COLUMNS))
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["区教育局"]), (2, ["区民政局"]), (3, ["区住建局"]), (4, ["区城管局"])]
    assert sorted((i.task, i.value, i.unit) for i in plan.indicators) == [
        (1, 3, "所"), (2, 700, "元/月"), (2, 800, "元/月"), (3, 12, "个"), (4, 5, "个")]
    assert grid_of("\n".join(SUB_COLUMNS)).rows[0][:4] == ["序号", "项目名称", "目标任务", "目标任务"]


def test_a_header_cell_over_two_sub_columns_its_covered_cell_written_empty():
    """目标任务 |  | 牵头单位: the covered cell of the header written empty, as every merged cell."""
    rows = ["序号 | 项目名称 | 目标任务 |  | 牵头单位 | 累计完成 | 备注 |",
            "1 | 新建公办幼儿园 | 新建公办幼儿园3所 |  | 区教育局 | 2 |  |",
            "2 | 提高救助标准 | 城市低保 | 城市标准(800元/月) | 区民政局 |  |  |",
            " |  |  | 城市保障人次 |  | 8584 |  |",
            " |  | 农村低保 | 农村标准(700元/月) |  |  |  |",
            " |  |  | 农村保障人次 |  | 3384 |  |",
            "3 | 改造老旧小区 | 改造老旧小区12个 |  | 区住建局 | 10 |  |",
            "4 | 建设口袋公园 | 建设口袋公园5个 |  | 区城管局 | 5 |  |"]
    plan = parse_plan_text("某区2023年民生实事进展情况\n" + "\n".join(rows))
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["区教育局"]), (2, ["区民政局"]), (3, ["区住建局"]), (4, ["区城管局"])]
    assert grid_of("\n".join(rows)).rows[1][:4] == ["1", "新建公办幼儿园", "新建公办幼儿园3所", "新建公办幼儿园3所"]


def test_a_groups_bare_number_among_bracketed_row_numbers_one_cell_a_line():
    """Tasks numbered (1)…(n), one cell a line, a heading (一)… and a group row 1 | 大力提振消费。
    between them: the heading and the group are no row of the task above, nor its units."""
    cells_ = ["序号", "目标与任务", "牵头责任单位", "责任单位",
              "(1)", "地区生产总值增长6%以上。", "市发展改革委", "各县市区政府",
              "(2)", "单位GDP能耗完成省下达指标。", "市发展改革委 市生态环境局", "各县市区政府",
              "(一)加强经济运行调节,持续推动经济发展质的有效提升。", "1", "大力提振消费。",
              "(3)", "统筹衔接消费券发放与消费品以旧换新行动。", "市商务局", "市财政局",
              "(4)", "实施提振消费专项行动,设立消费促进基金。", "市发展改革委", "市财政局"]
    plan = parse_plan_text("一、市政府重点工作任务\n" + "\n".join(cells_))
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["市发展改革委", "各县市区政府"]), (2, ["市发展改革委", "市生态环境局", "各县市区政府"]),
        (3, ["市商务局", "市财政局"]), (4, ["市发展改革委", "市财政局"])]


GROUPED_CN = [["序号", "工作内容", "牵头部门", "完成时间"],
              ["一", "重点任务", "", ""],
              ["(一)", "健全责任体系", "", ""],
              ["1", "完善考核办法,推动企业落实主体责任。", "县应急局", "2019年"],
              ["2", "制定权力和责任清单。", "县应急局、县编办", "2019年"],
              ["(二)", "提升执法能力", "", ""],
              ["1", "完善执法检查制度,明确检查频次。", "县应急局、县司法局", "持续推进"],
              ["2", "建立行政执法与刑事司法衔接机制。", "县公安局", "2020年"]]


@pytest.mark.parametrize("shape", ["cells_bars", "cells"])
def test_rows_numbered_again_under_group_headings_numbered_in_brackets_one_cell_a_line(shape):
    """One cell a line (ending in ` |`, an empty cell a bar alone; or empty cells leaving no line),
    a section row 一 | 重点任务, group rows (一) | 健全责任体系 with their other cells empty, rows
    numbered 1, 2 again under each group: the grid of the table, the groups no tasks."""
    cells_ = [c for row in GROUPED_CN for c in row if c or shape == "cells_bars"]
    text = "某县安全生产“十三五”规划主要任务分工\n" + "\n".join(f"{c} |" if c else "|" for c in cells_) if shape == "cells_bars" \
        else "某县安全生产“十三五”规划主要任务分工\n" + "\n".join(cells_)
    if shape == "cells_bars":
        assert grid_of(text).rows == GROUPED_CN
    plan = parse_plan_text(text)
    assert [(t.number, t.title[:6], t.units, t.deadline) for t in plan.tasks] == [
        (1, "完善考核办法", ["县应急局"], "2019年"), (2, "制定权力和责", ["县应急局", "县编办"], "2019年"),
        (3, "完善执法检查", ["县应急局", "县司法局"], "持续推进"), (4, "建立行政执法", ["县公安局"], "2020年")]
    assert [s.title for s in plan.sections] == ["健全责任体系", "提升执法能力"]


def test_a_title_without_a_bar_over_a_header_whose_names_end_in_bars_and_cells_broken_over_lines():
    """One cell a line, each closed by ` |`: the title line above the header (行政决策事项目录, a
    column's word in it) has no bar and is no name; a name or cell broken over lines has its bar
    on its last line only (牵头 / 责任单位 |, 某区城市更新 / 专项规划 |, 各镇 / 区开发区 |): one
    name, one cell."""
    lines = ["某区2025年度重大", "行政决策事项目录", "序号 |", "决策事项名称 |", "牵头", "责任单位 |", "配合", "责任单位 |",
             "工作评价 |", "决策时间 |",
             "1 |", "某区城市更新", "专项规划 |", "区政府办 |", "区财政局 |", "已完成 |", "2025年7月 |",
             "2 |", "松材线虫病", "防控实施方案 |", "区林业局 |", "各镇", "区开发区 |", "推进中 |", "2025年12月 |"]
    text = "\n".join(lines)
    assert grid_of(text).rows[0] == ["序号", "决策事项名称", "牵头责任单位", "配合责任单位", "工作评价", "决策时间"]
    assert tasks(text) == [(1, "某区城市更新专项规划", ["区政府办", "区财政局"], "2025年7月"),
                           (2, "松材线虫病防控实施方案", ["区林业局", "各镇", "区开发区"], "2025年12月")]


def test_a_cell_without_its_bar_before_a_row_number_goes_on_into_no_other_cell():
    lines = ["序号 |", "工作任务 |", "责任单位 |", "1 |", "新建学校3所。 |", "市教育局", "2 |", "改造道路5公里。 |", "市交通局 |"]
    assert [(t[0], t[2]) for t in tasks("\n".join(lines))] == [(1, ["市教育局"]), (2, ["市交通局"])]



# A target breakdown of a development plan, one cell a line with empty lines between (an invented
# plan: 领域 | 主要目标 | 主要责任单位 | 责任单位, the 领域 cells never printed).
BREAKDOWN_HEADER = ["领域", "主要目标", "主要责任单位", "责任单位"]


def one_cell_a_line(cells_: list[str]) -> str:
    return "某市老龄事业发展规划目标分解\n\n" + "\n\n".join(cells_)


def test_a_column_the_header_prints_before_the_numbered_text_and_the_rows_never_do():
    """Rows numbered in their text (1.…) under a header whose task column (named by nothing we
    know) comes second: the first column's cells are never printed, the rows start at the text."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人健康素养水平明显提高。", "市卫健委", "市民政局", "2.养老服务床位数稳步增加。", "市民政局", "市财政局",
        "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    assert grid_of(text).rows == [BREAKDOWN_HEADER, ["", "1.老年人健康素养水平明显提高。", "市卫健委", "市民政局"],
                                  ["", "2.养老服务床位数稳步增加。", "市民政局", "市财政局"],
                                  ["", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"]]


def test_a_line_holding_only_a_space_between_empty_lines_is_an_empty_cell():
    """A goal row whose unit cells the page wrote as a space each: the row ends there, and the
    sub-goal after it opens a row of its own."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人健康水平提高。", " ", " ", "——老年人健康管理率达到70%以上。", "市卫健委", "市民政局",
        "2.养老服务床位数稳步增加。", "市民政局", "市财政局", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    assert grid_of(text).rows[1:3] == [["", "1.老年人健康水平提高。", "", ""],
                                       ["", "——老年人健康管理率达到70%以上。", "市卫健委", "市民政局"]]


def test_sub_goals_after_a_goal_are_lines_of_its_cell():
    """A goal and its sub-goals (——…) one a line before the goal's units: one cell of the task's
    column, each sub-goal a line of it, though the line before ends its sentence."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人健康水平提高。", "——老年人健康管理率达到70%以上。", "——老年人健康素养水平提高。", "市卫健委", "市民政局",
        "2.养老服务床位数稳步增加。", "市民政局", "市财政局", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    assert grid_of(text).rows[1] == [
        "", "1.老年人健康水平提高。\n——老年人健康管理率达到70%以上。\n——老年人健康素养水平提高。", "市卫健委", "市民政局"]


def test_the_first_name_after_the_text_is_the_leads_the_others_one_a_line_the_units():
    """The lead's column then the units', names one a line: the first name after the goal's text is
    the lead's cell, the others (a name we do not know among them) the units' cell; no row of names."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人健康水平提高。", "市卫健委", "市民政局", "市财政局", "市人口计生", "市残联",
        "2.养老服务床位数稳步增加。", "市民政局", "市财政局", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    rows = grid_of(text).rows
    assert rows[1] == ["", "1.老年人健康水平提高。", "市卫健委", "市民政局\n市财政局\n市人口计生\n市残联"]
    assert len(rows) == 4
    assert [(t.number, t.units[0], t.lead) for t in parse_plan_text(text).tasks] == [
        (1, "市卫健委", "市卫健委"), (2, "市民政局", "市民政局"), (3, "市教育局", "市教育局")]


def test_several_sub_goals_before_one_set_of_units_and_a_sub_goal_row_without_units():
    """Sub-goal rows without a number, each with its own units, several sub-goals a cell: each a
    row of the task's column (no name of organisations in that column), the goal's task going on."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人健康水平提高。", "——老年人健康管理率达到70%以上。", "市卫健委", "市民政局", "市财政局",
        "——老年人健康素养水平提高。", "——失能老年人照护服务覆盖面扩大。", "市卫健委",
        "2.养老服务床位数稳步增加。", "市民政局", "市财政局", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    rows = grid_of(text).rows
    assert rows[1:3] == [["", "1.老年人健康水平提高。\n——老年人健康管理率达到70%以上。", "市卫健委", "市民政局\n市财政局"],
                         ["", "——老年人健康素养水平提高。\n——失能老年人照护服务覆盖面扩大。", "市卫健委", ""]]
    assert [(t.number, t.units) for t in parse_plan_text(text).tasks] == [
        (1, ["市卫健委", "市民政局", "市财政局"]), (2, ["市民政局", "市财政局"]), (3, ["市教育局", "市老龄办"])]


def test_a_name_we_do_not_know_among_the_units_names_one_a_line_opens_no_row():
    """Names one a line after the lead's one, a name we do not know among them (市新闻出版, no
    ending of organisations) followed by more names: it goes on with the names, no row of its own."""
    text = one_cell_a_line(BREAKDOWN_HEADER + [
        "1.老年人心理健康知识知晓率提高。", "市卫健委", "市委宣传部", "市教育局", "市新闻出版", "市总工会", "市妇联",
        "市科协", "2.养老服务床位数稳步增加。", "市民政局", "市财政局", "3.老年教育覆盖面扩大。", "市教育局", "市老龄办"])
    assert [(t.number, t.units) for t in parse_plan_text(text).tasks] == [
        (1, ["市卫健委", "市委宣传部", "市教育局", "市新闻出版", "市总工会", "市妇联", "市科协"]),
        (2, ["市民政局", "市财政局"]), (3, ["市教育局", "市老龄办"])]


# --- cells separated by tabs (a table copied from Excel or Word, pasted as plain text) ---------

TAB_HEADER = ["类别", "序号", "重点任务", "牵头单位", "完成时限"]
TAB_ROWS = [["教育", "1", "新增公办幼儿园学位2000个以上。", "县教育局", "12月底前"],
            ["", "2", "完成20所薄弱园改造。", "县教育局、县财政局", "10月底前"],
            ["卫生", "3", "新建村卫生室15个。", "县卫健局", ""],
            ["", "4", "培训乡村医生300人次。", "县卫健局", "持续推进"]]


def tabbed(rows: list[list[str]]) -> str:
    return "某县2024年重点工作任务表\n" + "\n".join("\t".join(row) for row in rows)


def test_rows_separated_by_tabs_under_a_header_their_merged_cells_written_empty():
    """The group cell merged down its rows is an empty string between tabs: copied from the row
    above; the empty deadline at a row's end stays empty, in its column."""
    text = tabbed([TAB_HEADER] + TAB_ROWS)
    assert grid_of(text).rows[1:] == [TAB_ROWS[0], ["教育"] + TAB_ROWS[1][1:], TAB_ROWS[2], ["卫生"] + TAB_ROWS[3][1:]]
    assert tasks(text) == [(1, "新增公办幼儿园学位2000个以上", ["县教育局"], "12月底前"),
                           (2, "完成20所薄弱园改造", ["县教育局", "县财政局"], "10月底前"),
                           (3, "新建村卫生室15个", ["县卫健局"], ""), (4, "培训乡村医生300人次", ["县卫健局"], "持续推进")]


def test_a_text_written_in_the_second_column_stays_there_whatever_its_kind():
    """Every row as many cells as the table: a row of one text in the column of goals (领域 and
    its units empty) is that column's, not the first."""
    rows = [["领域", "主要目标", "主要责任单位", "责任单位"],
            ["", "1.老年人健康水平提高。", "", ""],
            ["", "——老年人健康管理率达到70%以上。", "市卫健委", "市民政局"],
            ["", "2.养老服务床位数稳步增加。", "市民政局", "市财政局"]]
    assert grid_of(tabbed(rows)).rows[1:] == rows[1:]


def test_rows_separated_by_tabs_their_empty_cells_at_the_end_left_out_are_empty():
    """An editor that drops the tabs ending a line: the cells a row then lacks are empty, not
    merged down from the row above (a merged cell is written as an empty one)."""
    rows = [TAB_HEADER, TAB_ROWS[0], ["", "2", "完成20所薄弱园改造。", "县教育局"], ["卫生", "3", "新建村卫生室15个。", "县卫健局"]]
    assert tasks(tabbed(rows)) == [(1, "新增公办幼儿园学位2000个以上", ["县教育局"], "12月底前"),
                                   (2, "完成20所薄弱园改造", ["县教育局"], ""), (3, "新建村卫生室15个", ["县卫健局"], "")]


def test_cells_excel_quoted_go_on_over_lines_their_inner_quotes_doubled():
    """Excel's clipboard quotes a cell holding a line break or a quote: the cell is read without
    its quotes, over its lines; a cell opening with a quote it does not close is as written."""
    rows = [TAB_HEADER,
            ["教育", "1", '"新增公办幼儿园学位2000个以上;\n改造薄弱园20所。"', '"县教育局\n县财政局"', "12月底前"],
            ["", "2", '"开展""送教下乡""活动10次。"', "县教育局", "10月底前"],
            ["", "3", '"双减"工作全面落实。', "县教育局", "持续推进"]]
    assert grid_of(tabbed(rows)).rows[1:] == [
        ["教育", "1", "新增公办幼儿园学位2000个以上;\n改造薄弱园20所。", "县教育局\n县财政局", "12月底前"],
        ["教育", "2", '开展"送教下乡"活动10次。', "县教育局", "10月底前"],
        ["教育", "3", '"双减"工作全面落实。', "县教育局", "持续推进"]]
    assert [t.units for t in parse_plan_text(tabbed(rows)).tasks][0] == ["县教育局", "县财政局"]


def test_a_header_and_one_row_separated_by_tabs_its_task_cell_quoted_over_two_lines():
    text = tabbed([["序号", "重点任务", "牵头单位", "完成时限"],
                   ["1", '"新增公办幼儿园学位2000个以上;\n改造薄弱园20所。"', "县教育局", "12月底前"]])
    assert tasks(text) == [(1, "新增公办幼儿园学位2000个以上;改造薄弱园20所", ["县教育局"], "12月底前")]


def test_rows_separated_by_tabs_without_a_header_of_the_same_count_of_cells():
    rows = [["1", "新增公办幼儿园学位2000个以上。", "县教育局", "12月底前"],
            ["2", "完成20所薄弱园改造。", "县教育局", "10月底前"],
            ["3", "新建村卫生室15个。", "县卫健局", "11月底前"]]
    assert grid_of(tabbed(rows)).rows == rows


def test_label_and_value_rows_separated_by_tabs_are_a_label_value_table():
    rows = [["具体任务", "改造提升农贸市场3个。"], ["责任单位", "县商务局"], ["完成时限", "12月底前"],
            ["具体任务", "新建城市书房2家。"], ["责任单位", "县文旅局"], ["完成时限", "10月底前"]]
    assert grid_of(tabbed(rows)).rows == rows
    assert tasks(tabbed(rows)) == [(1, "改造提升农贸市场3个", ["县商务局"], "12月底前"),
                                   (2, "新建城市书房2家", ["县文旅局"], "10月底前")]


def test_a_word_lists_numbers_before_a_tab_indentation_and_a_label_before_a_tab_are_no_table():
    text = ("某县2024年工作要点\n\t一、总体要求\n\t坚持稳中求进工作总基调。\n二、重点任务\n"
            "1.\t新增公办幼儿园学位2000个以上。(责任单位:县教育局)\n"
            "2.\t完成20所薄弱园改造。(责任单位:县教育局)\n"
            "3.\t新建村卫生室15个。(责任单位:县卫健局)\n"
            "（一）\t培训乡村医生300人次。(责任单位:县卫健局)\n联系人\t张三")
    indented = "\n".join("\t" + line if line[:1] in "123" else line for line in text.split("\n"))
    for plan in (text, indented):
        assert not any(isinstance(b, Grid) for b in text_blocks(plan))
        assert [(n, units) for n, _, units, _ in tasks(plan)][:3] == [(1, ["县教育局"]), (2, ["县教育局"]), (3, ["县卫健局"])]
