"""Running text read by what it contains: unit lines as an open class, plans without line
breaks, numbering in any form, targets with a full list of measure words, leads, documents that
are no plan, and the import's doubts. Every document is built here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from toolkit.errors import WorkplanError
from toolkit.model.plan import LEAD_ASSUMED, LEAD_MARKED
from toolkit.plan_import import parse_plan_file, parse_plan_text
from toolkit.plan_import.wrap import unwrapped

HEADER = "某市2023年重点工作任务分工方案\n一、总体工作\n"


def units_of(body: str) -> list[str]:
    return parse_plan_text(HEADER + f"1.推进重点工作。{body}\n").tasks[0].units


# --- unit lines -----------------------------------------------------------------------------

@pytest.mark.parametrize("label,basis", [("共同责任单位", LEAD_ASSUMED), ("参与单位", LEAD_ASSUMED),
                                         ("协办部门", LEAD_ASSUMED), ("牵头责任单位", LEAD_MARKED),
                                         ("主办单位", LEAD_MARKED), ("具体承办处室", LEAD_ASSUMED)])
def test_any_label_ending_in_an_office_word_with_a_role_word_is_a_units_line(label, basis):
    task = parse_plan_text(HEADER + f"1.推进重点工作。组织实施。{label}:市教育局、市财政局\n").tasks[0]
    assert task.units == ["市教育局", "市财政局"] and task.lead_basis == basis
    assert label not in task.body


@pytest.mark.parametrize("label", ["分管领导", "责任领导", "牵头市领导", "联系人", "责任人"])
def test_labels_naming_people_are_not_units(label):
    assert units_of(f"(牵头单位:市教育局;{label}:王某某)") == ["市教育局"]


@pytest.mark.parametrize("label", ["项目责任人", "分管省领导", "包联县领导"])
def test_any_short_label_ending_in_a_word_for_people_is_no_units_line(label):
    assert units_of(f"责任单位:市公安局 {label}:王伟标 配合单位:市城管局") == ["市公安局", "市城管局"]


def test_any_short_label_naming_departments_is_a_units_line():
    task = parse_plan_text(HEADER + "1.地区生产总值增长6%以上。\n分管省领导:林某\n"
                                    "部门分工:省发展改革委牵头,各地、各部门配合。\n").tasks[0]
    assert task.units == ["省发展改革委", "各地", "各部门"] and task.lead_basis == LEAD_MARKED


def test_numbered_items_with_leader_units_and_goal_labels_below_them_are_running_text():
    """一、 items each followed by 牵头领导:/牵头单位:/责任单位:/任务目标: lines are tasks titled by
    the numbered line, not a label/value table; a label glued to the last unit (某镇任务目标:)
    ends the units there; a figure of the title that the goal restates counts once."""
    plan = parse_plan_text("文件编号: 有效性: 有效\n公开范围: 面向全社会\n各乡镇人民政府:\n现将2024年民生实事项目任务下达给你们。\n"
                           "一、城区排水管网改造项目\n牵头领导:张明\n牵头单位:县住建局\n责任单位:县水务公司、属地乡镇\n"
                           "任务目标:完成12个排水单元雨污分流改造\n二、新改建农村公路50公里项目\n牵头领导:张明\n牵头单位:县交通局\n"
                           "责任单位:城关镇任务目标:新改建农村公路50公里。\n")
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "城区排水管网改造项目", ["县住建局", "县水务公司", "属地乡镇"], "县住建局"),
        (2, "新改建农村公路50公里项目", ["县交通局", "城关镇"], "县交通局")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 12.0, "个"), (2, 50.0, "公里")]


@pytest.mark.parametrize("listed,wanted", [
    ("各乡镇、县开发区", ["各乡镇", "县开发区"]), ("各县区、市直各部门", ["各县区", "市直各部门"]),
    ("各市、县(市、区)教育局", ["各市、县(市、区)教育局"]), ("各县、市、区政府", ["各县、市、区政府"]),
    ("区统计局、各乡、街道办事处", ["区统计局", "各乡", "街道办事处"]),
    ("市统计局,各乡、镇人民政府,人民大垸、荒湖管理区", ["市统计局", "各乡", "镇人民政府", "人民大垸", "荒湖管理区"]),
    ("各县、市、区人民政府、市直各部门", ["各县、市、区人民政府", "市直各部门"])])
def test_a_level_alone_joins_the_next_name_but_two_levels_in_one_word_are_a_group(listed, wanted):
    assert units_of(f"责任单位:{listed}") == wanted


@pytest.mark.parametrize("listed,wanted", [
    ("市人保局,各市(县)、区政府", ["市人保局", "各市(县)、区政府"]),
    ("市统计局、各县(市)、区人民政府", ["市统计局", "各县(市)、区人民政府"]),
    ("各县(市)、市直有关部门", ["各县(市)", "市直有关部门"]), ("各县(市、区)、市有关部门", ["各县(市、区)", "市有关部门"]),
    ("各乡(镇)、街道办事处", ["各乡(镇)", "街道办事处"])])
def test_a_level_with_another_in_brackets_goes_on_listing_levels_but_not_into_a_levels_own_bodies(listed, wanted):
    """各市(县)、区政府 is one group as printed (the governments of every city, county and district),
    like 各县、市、区政府; 市直/市有关部门 after it are the city's own bodies, a unit of their own."""
    assert units_of(f"责任单位:{listed}") == wanted


def test_a_town_is_a_unit_even_where_a_tagger_would_read_a_persons_name():
    plan = parse_plan_text(HEADER + "1.实施老旧小区改造提升。\n主办单位:县城投公司,协办单位:住建局、凤城镇。\n")
    assert plan.tasks[0].units == ["县城投公司", "住建局", "凤城镇"] and plan.tasks[0].lead == "县城投公司"


def test_a_units_list_ends_at_a_label_that_names_no_units():
    plan = parse_plan_text(HEADER + "1.新增视频采集设备300套。 责任单位:市公安局 配合单位:市城管局"
                                    " 实际完成情况:整体进度已完成年度目标任务的55%。\n")
    assert plan.tasks[0].units == ["市公安局", "市城管局"]
    assert "实际完成情况" in plan.tasks[0].body
    assert [i.value for i in plan.indicators] == [300.0]


def test_a_units_list_ends_at_a_space_after_which_no_organisation_is_named():
    assert units_of("配合单位:市公安局、市城管局,各区政府 鄞州 海曙、江东 合计 新辟线路 2 5 1") == [
        "市公安局", "市城管局", "各区政府"]
    assert units_of("责任单位:市教育局 市财政局 各区政府") == ["市教育局", "市财政局", "各区政府"]


def test_a_date_among_the_units_is_the_deadline():
    task = parse_plan_text(HEADER + "1.加大简政放权力度。推进改革。(牵头单位:州政务局;责任单位:州司法局,"
                                    "各县市人民政府,6月底完成)\n").tasks[0]
    assert task.units == ["州政务局", "州司法局", "各县市人民政府"] and task.deadline == "6月底完成"


def test_a_time_phrase_after_the_units_in_their_bracket_is_the_deadline():
    """Offices close an item with who does it and by when in one bracket, with or without a rule
    word; a rule that the names share the work (分别负责) marks no lead."""
    plan = parse_plan_text(HEADER + "1.稳定经济大局。实现目标。(市政府各部门分别负责,年内持续推进)\n"
                                    "2.推进安全工作。开展检查。(市应急局牵头,市公安局配合,2020年底前完成)\n"
                                    "3.推进文化工作。开展活动。(市文旅局、市财政局负责,长期坚持)\n")
    assert [(t.units, t.deadline) for t in plan.tasks] == [
        (["市政府各部门"], "年内持续推进"), (["市应急局", "市公安局"], "2020年底前完成"),
        (["市文旅局", "市财政局"], "长期坚持")]
    assert [t.lead_basis for t in plan.tasks] == [LEAD_ASSUMED, LEAD_MARKED, LEAD_ASSUMED]
    assert "持续推进" not in plan.tasks[0].body and "负责" not in plan.tasks[2].body
    # a bracket of a figure and its time is no units bracket
    assert parse_plan_text(HEADER + "1.推进重点工作。新建学校(省级补助,年内完成)。\n").tasks[0].units == []


def test_a_closing_bracket_of_role_words_with_brackets_inside_it():
    assert units_of("〔省委编办牵头,省直有关部门(单位)及各市(州)人民政府按职责分工负责〕") == [
        "省委编办", "省直有关部门(单位)", "各市(州)人民政府"]


def test_分工负责_after_a_group_is_a_role_word_and_the_names_before_牵头_lead():
    task = parse_plan_text(HEADER + "1.树牢安全发展理念。组织开展专题培训。"
                                    "(市委组织部、市委宣传部、市应急管理局牵头,市安委会各成员单位分工负责)\n").tasks[0]
    assert task.units == ["市委组织部", "市委宣传部", "市应急管理局", "市安委会各成员单位"]
    assert task.lead == "市委组织部" and task.lead_basis == LEAD_MARKED and "分工负责" not in task.body


def test_role_words_without_a_label_give_units_and_a_lead():
    plan = parse_plan_text(HEADER + "1.推进重点工作。组织实施。(市教育局牵头,市财政局、市人社局配合)\n"
                                    "2.推进安全工作。开展检查。市应急局牵头，市公安局配合。\n"
                                    "3.推进文化工作。开展活动。(省发改委、省文化厅等负责)\n")
    first, second, third = plan.tasks
    assert first.units == ["市教育局", "市财政局", "市人社局"] and first.lead_basis == LEAD_MARKED
    assert second.units == ["市应急局", "市公安局"] and second.lead == "市应急局"
    assert third.units == ["省发改委", "省文化厅"]
    assert "牵头" not in second.body


def test_a_units_line_wrapped_inside_a_name_goes_on_over_the_line_break():
    """A PDF's text wraps lines anywhere: …、园区党工 / 委、各街道党工委 is one name across the break;
    a line that makes no name with the last one (二、…, 2.…) is not the units' text."""
    plan = parse_plan_text(HEADER + "1.完善街道党工委领导体制机制,优化决策程序。\n牵头单位:区委组织部\n"
                                    "协办单位:区委编办、区民政局、园区党工\n委、各街道党工委\n"
                                    "2.推进街道管理体制改革。\n牵头单位:区委编\n办\n")
    first, second = plan.tasks
    assert first.units == ["区委组织部", "区委编办", "区民政局", "园区党工委", "各街道党工委"]
    assert first.lead == "区委组织部" and second.units == ["区委编办"]


def test_a_units_list_ends_at_a_sentence_end():
    task = parse_plan_text(HEADER + "1.推进重点工作。责任单位:市教育局、市财政局。各地要加强组织领导。\n").tasks[0]
    assert task.units == ["市教育局", "市财政局"]
    assert task.body.endswith("各地要加强组织领导。")


def test_notes_among_the_units_are_never_units_and_never_cut_a_name():
    assert units_of("(市政府办公室、市审改办牵头,市级各有关部门及各县市区政府按职责分工负责)") == [
        "市政府办公室", "市审改办", "市级各有关部门", "各县市区政府"]
    assert units_of("责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。") == [
        "县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"]
    assert units_of("责任单位:市促进就业工作领导小组办公室、市人社局等") == [
        "市促进就业工作领导小组办公室", "市人社局"]
    assert units_of("责任单位:区发改委、各管委会、区属各重点国企等") == ["区发改委", "各管委会", "区属各重点国企"]
    # a note of what a unit leads in, in brackets after it, is no part of its name
    assert units_of("责任单位:区发改局、区统计局(数据统计评估牵头单位)、区财政局") == ["区发改局", "区统计局", "区财政局"]


def test_and_hui_between_two_names_split_them_but_not_a_body_and_its_government():
    assert units_of("责任单位:宣传处会办公室") == ["宣传处", "办公室"]
    assert units_of("责任单位:市教育局会同市财政局和市人社局") == ["市教育局", "市财政局", "市人社局"]
    assert units_of("责任单位:各县(市、区)党委和人民政府、高新区党工委和管委会、区住房和城建局") == [
        "各县(市、区)党委和人民政府", "高新区党工委和管委会", "区住房和城建局"]
    assert units_of("责任单位:市委办公室、市人大常委会办公室") == ["市委办公室", "市人大常委会办公室"]
    # one qualifier over two classes of bodies is one unit; two bodies each named stay two
    assert units_of("(责任单位:有关设区市、省有关部门和单位)") == ["有关设区市", "省有关部门和单位"]
    assert units_of("责任单位:市直各部门及单位、市财政局和市税务局") == ["市直各部门及单位", "市财政局", "市税务局"]


def test_units_named_first_in_an_item():
    plan = parse_plan_text("某厅2021年工作会议纪要\n一、由预算处、国库处负责,研究制定预算管理办法,6月底前印发。\n"
                           "二、由办公室牵头,各处室配合,做好信息公开工作。\n")
    assert [(t.title, t.units, t.lead_basis) for t in plan.tasks] == [
        ("研究制定预算管理办法,6月底前印发", ["预算处", "国库处"], LEAD_ASSUMED),
        ("做好信息公开工作", ["办公室", "各处室"], LEAD_MARKED)]


def test_units_named_after_由_inside_an_item_before_its_work_stay_in_its_text():
    plan = parse_plan_text("某省政策措施分工的通知\n一、工作分工\n"
                           "(一)关于“严守耕地保护红线,划定永久基本农田”的问题,由国土资源部会同农业部等部门负责落实。\n"
                           "(二)关于“粮食安全”的问题,由发展改革委会同中央农办、农业部、财政部等有关部门研究提出落实意见。\n"
                           "(三)关于“农村改革”的问题,由省委农办牵头,省财政厅配合,年内提出意见。\n")
    assert [(t.units, t.lead_basis) for t in plan.tasks] == [
        (["国土资源部", "农业部"], LEAD_ASSUMED), (["发展改革委", "中央农办", "农业部", "财政部"], LEAD_ASSUMED),
        (["省委农办", "省财政厅"], LEAD_MARKED)]
    assert "由发展改革委会同中央农办" in plan.tasks[1].body  # the sentence stays whole


@pytest.mark.parametrize("closing,wanted", [
    ("此项工作由市委宣传部新闻处、市应急局综合科负责组织协调。", ["市委宣传部新闻处", "市应急局综合科"]),
    ("此项工作由市委宣传部部署,各新闻单位落实,市应急局综合科负责协调。", ["市委宣传部", "各新闻单位", "市应急局综合科"]),
    ("此项工作由市移动公司、市联通公司和市电信公司负责,市应急局监管科负责协调。",
     ["市移动公司", "市联通公司", "市电信公司", "市应急局监管科"]),
    ("该项工作由市广电局负责。", ["市广电局"]),
])
def test_a_sentence_closing_an_item_that_names_who_does_its_work_gives_its_units(closing, wanted):
    """此项工作由A、B负责组织协调 / 由A部署,B落实,C负责协调: the names in printed order, the role
    words dropped, the first leading by default; the bodies that take part (各派2名记者参加) are
    none of them."""
    task = parse_plan_text("某市2010年安全生产月活动方案\n一、活动内容\n"
                           f"1、6月1日上午,召开安全生产月活动新闻发布会。市日报、市电视台各派1—2名记者参加。{closing}\n").tasks[0]
    assert (task.units, task.lead, task.lead_basis) == (wanted, wanted[0], LEAD_ASSUMED)
    assert task.title == "6月1日上午,召开安全生产月活动新闻发布会"


def test_a_clause_after_由_that_names_no_organisations_or_sets_a_condition_names_no_units():
    plan = parse_plan_text("某省政策措施分工的通知\n一、工作分工\n"
                           "(一)各项任务须明确责任,由多个单位负责的,排在第一位的为牵头单位。\n"
                           "(二)完善考核办法,由市发改委将完成情况汇总上报市政府。\n"
                           "(三)关于“由各部门负责落实”的问题,研究提出意见。\n")
    assert [t.units for t in plan.tasks] == [[], [], []]


def test_a_rule_in_the_text_marks_the_lead_of_the_tasks_after_it():
    plan = parse_plan_text("某省教育规划纲要任务分工\n一、学前教育\n"
                           "1.完善成本分担机制。(财政厅、发展改革委、教育厅。列在首位的为牵头部门或单位,有关部门和单位按职责分工负责,下同)\n"
                           "2.制订办园标准。(教育厅、物价局)\n")
    assert [t.units for t in plan.tasks] == [["财政厅", "发展改革委", "教育厅"], ["教育厅", "物价局"]]
    assert [t.lead_basis for t in plan.tasks] == [LEAD_MARKED, LEAD_MARKED]


def test_a_lead_rule_after_the_role_word_in_the_first_bracket_marks_the_lead_there_and_after():
    plan = parse_plan_text("某省重点工作责任分工方案\n一、加快基础设施建设\n"
                           "1、加快构建快速通道。开工建设高等级公路。(省发改委、省交通运输厅、省财政厅负责。列第一位的为牵头部门,下同)\n"
                           "2、加快国省道改造。提升公路等级。(省交通运输厅、省发改委负责)\n")
    assert [t.units for t in plan.tasks] == [["省发改委", "省交通运输厅", "省财政厅"], ["省交通运输厅", "省发改委"]]
    assert [(t.lead, t.lead_basis) for t in plan.tasks] == [("省发改委", LEAD_MARKED), ("省交通运输厅", LEAD_MARKED)]
    assert not any("牵头" in t.body or "下同" in t.body for t in plan.tasks)


def test_names_separated_by_commas_before_a_lead_rule_in_a_closing_bracket_are_the_units():
    plan = parse_plan_text("某市学前教育行动方案\n一、落实政府职责\n"
                           "(一)健全管理体制。落实各级政府责任。(市教育局,市委农办,市财政局,排名第一位为牵头单位,下同)\n"
                           "(二)扩大普惠资源。新建公办幼儿园。(市发展改革局负责)\n")
    assert [t.units for t in plan.tasks] == [["市教育局", "市委农办", "市财政局"], ["市发展改革局"]]
    assert [(t.lead, t.lead_basis) for t in plan.tasks] == [("市教育局", LEAD_MARKED), ("市发展改革局", LEAD_MARKED)]
    assert not any("牵头" in t.body or "下同" in t.body for t in plan.tasks)


def test_names_separated_by_commas_in_a_bracket_without_a_lead_rule_stay_in_the_text():
    task = parse_plan_text(HEADER + "1.推进重点工作。组织开展调研(市教育局,市财政局,市人社局)\n").tasks[0]
    assert task.units == [] and "市财政局" in task.body


def test_a_group_with_its_levels_in_angle_brackets_is_one_unit_as_printed():
    assert units_of("(牵头单位:市教育局;责任单位:各县<市、区>人民政府、市委农办)") == [
        "市教育局", "各县<市、区>人民政府", "市委农办"]


def test_a_heading_naming_the_unit_that_leads_its_items_gives_them_their_units():
    plan = parse_plan_text("某县2025年政府工作报告任务清单\n一、县示范区管委会牵头工作(2项)\n"
                           "1.打造食用菌酵素生产基地。\n2.建设3个劳动密集型产业园。\n"
                           "二、县发改局、县财政局负责事项\n3.争取专项债券资金。\n"
                           "三、重点项目建设\n4.新建学校2所。责任单位:县教育局\n5.推进城区绿化。\n")
    assert [(t.units, t.lead, t.lead_basis) for t in plan.tasks] == [
        (["县示范区管委会"], "县示范区管委会", LEAD_MARKED), (["县示范区管委会"], "县示范区管委会", LEAD_MARKED),
        (["县发改局", "县财政局"], "县发改局", LEAD_ASSUMED), (["县教育局"], "县教育局", LEAD_ASSUMED),
        ([], "", "")]


def test_without_any_mark_the_first_unit_leads_by_assumption_and_is_doubted():
    task = parse_plan_text(HEADER + "1.推进重点工作。责任单位:市教育局、市财政局\n").tasks[0]
    assert task.lead == "市教育局" and task.lead_basis == LEAD_ASSUMED
    assert "默认首位" in task.review


def test_a_responsibility_line_set_against_a_cooperation_line_names_the_lead():
    task = parse_plan_text(HEADER + "1.推进重点工作。(责任单位:市卫健委;配合单位:市财政局、市教育局)\n").tasks[0]
    assert task.units == ["市卫健委", "市财政局", "市教育局"] and task.lead_basis == LEAD_MARKED


def test_people_in_a_units_line_are_left_out_and_doubted():
    task = parse_plan_text(HEADER + "1.推进重点工作。责任单位:市教育局、张建国\n").tasks[0]
    assert task.units == ["市教育局"]
    assert "张建国" in task.review and "人名" in task.review


# --- numbering and lines --------------------------------------------------------------------

def test_a_whole_plan_on_one_line():
    plan = parse_plan_text("某市2021年工作要点 一、加强党的建设(一)强化理论武装1.强化理论学习。组织学习。"
                           "(责任单位:市委组织部)2.强化作风建设。开展整治。(责任单位:市纪委)"
                           "二、推进教育发展3.扩大学位供给。新增学位2000个。(责任单位:市教育局)")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "强化理论学习", ["市委组织部"]), (2, "强化作风建设", ["市纪委"]), (3, "扩大学位供给", ["市教育局"])]
    assert [s.number for s in plan.sections] == ["一", "二"]


def test_a_plan_on_one_line_whose_unit_lines_lost_their_breaks():
    """The line breaks after label lines are gone (…牵头单位:区发改局责任单位:区统计局2.规模…): a number
    in sequence right after a field's value opens the next item."""
    plan = parse_plan_text("某区2023年重点工作任务分解方案 一、主要预期目标"
                           "1.地区生产总值增长6%左右。牵头单位:区发改局责任单位:区统计局,各街道办事处"
                           "2.规模以上工业增加值增长5%左右。牵头单位:区工信局责任单位:区开发区管委会"
                           "3.固定资产投资增长15%左右。牵头单位:区发改局完成时限:12月底前")
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["区发改局", "区统计局", "各街道办事处"]), (2, ["区工信局", "区开发区管委会"]), (3, ["区发改局"])]
    assert [i.value for i in plan.indicators] == [6.0, 5.0, 15.0]


def test_a_section_number_right_after_a_field_opens_the_section():
    plan = parse_plan_text("某市教育局2020年工作要点 一、加强党的建设1.强化理论学习。组织学习。责任单位:组织部、各县(市、区)教育局"
                           "2.强化作风建设。开展整治。责任单位:机关党委二、促进全面发展3.落实立德树人根本任务。"
                           "责任单位:德体卫艺科")
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["组织部", "各县(市、区)教育局"]), (2, ["机关党委"]), (3, ["德体卫艺科"])]
    assert [s.title for s in plan.sections] == ["加强党的建设", "促进全面发展"]


def test_the_first_number_right_after_a_pages_field_opens_the_first_item():
    plan = parse_plan_text("县卫健委2021年政府工作报告任务分解发表时间:2021-05-07 责任编辑:卫健委政务公开"
                           "1.落实积极应对人口老龄化国家战略。牵头单位:县卫健委2.创建国家卫生县城。牵头单位:县卫健委"
                           "3.推广家庭医生签约服务。牵头单位:县卫健委")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "落实积极应对人口老龄化国家战略"), (2, "创建国家卫生县城"), (3, "推广家庭医生签约服务")]


@pytest.mark.parametrize("heading", ["一、主要预期目标", "一、主要预期目标(一)经济指标"])
def test_a_first_heading_glued_to_the_title_opens_over_the_first_item(heading):
    """…分解方案一、主要预期目标1.地区…: the first heading's number glued to the words before it,
    its few words and item 1 after it, opens the first section."""
    plan = parse_plan_text(f"某区2023年重点工作任务分解方案{heading}1.地区生产总值增长6%左右。(牵头单位:区发改局)"
                           "2.规模以上工业增加值增长5%左右。(牵头单位:区工信局)3.固定资产投资增长15%左右。(牵头单位:区发改局)")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "地区生产总值增长6%左右", ["区发改局"]), (2, "规模以上工业增加值增长5%左右", ["区工信局"]),
        (3, "固定资产投资增长15%左右", ["区发改局"])]


def test_a_field_closed_by_its_bracket_opens_nothing_glued_after_the_text_under_it():
    """(责任领导:…;牵头单位:…)二、…安排(一)…: the field ended with its bracket; a (一) glued to the
    words after it is not cut there as if it followed the field's value."""
    plan = parse_plan_text(
        "2023年区重点工作任务责任分解方案一、2023年全区主要预期目标1.地区生产总值增长8%以上。(责任领导:张某;牵头单位:区发改局)"
        "2.固定资产投资增长16%以上。(责任领导:张某;牵头单位:区发改局)3.粮食产量稳定在23万吨。(责任领导:李某;牵头单位:区农业农村局)"
        "二、2023年主要工作安排(一)做强增长引擎加强基础设施建设4.启动南外环高速公路建设。(责任领导:王某;牵头单位:区交通局)"
        "5.推进老旧小区改造。(责任领导:王某;牵头单位:区住建局)")
    assert [t.units for t in plan.tasks] == [["区发改局"], ["区发改局"], ["区农业农村局"], ["区交通局"], ["区住建局"]]


@pytest.mark.parametrize("numbering", ["{n}.", "{n}、", "（{n}）", "{n}．"])
def test_numbering_in_any_form_starting_anywhere(numbering):
    lines = [f"{numbering.format(n=n)}任务{n}。内容。责任单位:市教育局" for n in (14, 15, 16)]
    plan = parse_plan_text(HEADER + "\n".join(lines))
    assert [t.number for t in plan.tasks] == [14, 15, 16]


@pytest.mark.parametrize("label,br", [("第{n}件实事:", "\n"), ("第{n}项任务:", "\n"), ("第{n}条:", "\n"),
                                      ("第{d}项:", "\n"), ("第{n}件实事:", " "), ("第{d}项:", " ")])
def test_ordinal_labels_with_a_colon_number_the_items(label, br):
    """第一件实事:…第三件实事: under 一、实事内容, a line each or run on in one line: the label is the
    item's number, not its title, and the later 二、工作分工 paragraph is no task."""
    items = ["新增城镇就业4.2万人", "改造农村公路200公里", "改扩建乡镇敬老院5所"]
    lines = [label.format(n=n, d=d) + item + "。" for n, d, item in zip("一二三", "123", items)]
    plan = parse_plan_text(f"某市人民政府关于认真办理2008年度实事的通知{br}一、实事内容{br}" + br.join(lines)
                           + f"{br}二、工作分工{br}全市实事办理工作由市实事办统一领导,各部门密切配合。\n")
    assert [(t.number, t.title) for t in plan.tasks] == list(zip([1, 2, 3], items))
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 4.2, "万人"), (2, 200, "公里"), (3, 5, "所")]


def test_items_labelled_zhi_yi_number_the_items_like_ordinals():
    plan = parse_plan_text("某县2015年十大民生工程\n今年县政府将实施十大民生工程:\n之一:教育工程——新建学校3所。\n"
                           "之二:交通工程——改造农村公路20公里。\n之三:卫生工程——新建村卫生室10个。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "教育工程——新建学校3所"), (2, "交通工程——改造农村公路20公里"), (3, "卫生工程——新建村卫生室10个")]


def test_labelled_items_after_every_numbered_item_are_a_second_list_numbered_on():
    """Four commitments 1.…4. run on in one paragraph, then the projects 之一:…之二: (or 第一项:…):
    the labels head no numbered items, so both lists are the text's items, numbered through."""
    for first, second in (("之一:", "之二:"), ("第一项:", "第二项:")):
        plan = parse_plan_text("某街道2014年十大工程\n年前,街道党委做出了四项承诺:1.做好南街综合改造;2.建成农贸市场;"
                               "3.提升网格化管理;4.确保社区服务中心建成。\n年后,街道提出了“十大工程”——\n"
                               f"{first}“亮点工程”——南街改造提升是全年的标杆工作。\n"
                               f"{second}“地标工程”——力争投资逾2亿元的净菜市场项目主体竣工。\n")
        assert [(t.number, t.title[:6]) for t in plan.tasks] == [
            (1, "做好南街综合"), (2, "建成农贸市场"), (3, "提升网格化管"), (4, "确保社区服务"), (5, "“亮点工程”"),
            (6, "“地标工程”")]
        assert [(i.task, i.value, i.unit, i.comparator) for i in plan.indicators] == [(6, 2, "亿元", ">=")]


def test_labels_before_the_numbered_items_under_them_stay_their_headings():
    plan = parse_plan_text("某县2023年民生实事\n第一项:教育实事\n1.新建学校3所。责任单位:县教育局\n"
                           "2.改造校舍5000平方米。责任单位:县教育局\n第二项:卫生实事\n1.新建村卫生室10个。责任单位:县卫健局\n")
    assert [(t.number, t.section, t.units) for t in plan.tasks] == [
        (1, "一", ["县教育局"]), (2, "一", ["县教育局"]), (3, "二", ["县卫健局"])]


@pytest.mark.parametrize("labels", [("第一批:", "第二批:"), ("第一季度:", "第二季度:"), ("第1次:", "第2次:"),
                                    ("第三方:", "第三方:"), ("第一项:", "")])
def test_ordinals_that_label_no_item_number_nothing(labels):
    """A batch, a quarter, a time or a third party opening a line inside a task, and an ordinal
    label that stands alone, leave the plan's 1. 2. items as they are."""
    plan = parse_plan_text(HEADER + f"1.推进老旧小区改造。\n{labels[0]}完成10个小区。\n{labels[1]}完成8个小区。"
                           "责任单位:市住建局\n2.新建公园3座。责任单位:市城管局\n")
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["市住建局"]), (2, ["市城管局"])]
    assert labels[0] in plan.tasks[0].body


def test_numbers_closed_by_an_ideographic_full_stop_number_the_tasks():
    plan = parse_plan_text("某市2021年民生实事工作目标\n一、交通出行\n"
                           "1。打通中心城区“断头路”20条。(牵头单位:市住建局)\n"
                           "2。新改建农村公路200公里。(牵头单位:市交通运输局)\n"
                           "二、市容环境\n3。完成城市道路整治提升60条。(牵头单位:市城管委)\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "打通中心城区“断头路”20条", ["市住建局"]), (2, "新改建农村公路200公里", ["市交通运输局"]),
        (3, "完成城市道路整治提升60条", ["市城管委"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 20, "条"), (2, 200, "公里"), (3, 60, "条")]
    plan = parse_plan_text(HEADER + "1.推进重点工作。全年完成投资\n2021。责任单位:市发改委\n")
    assert [t.number for t in plan.tasks] == [1]  # a year wrapped to the next line numbers no task


@pytest.mark.parametrize("number", ["（{c}）", "({c})", "{c}、"])
def test_a_number_alone_on_its_line_numbers_the_item_on_the_next(number):
    items = ["促进群众就业增收,开展职业技能培训2.5万人次。", "办好人民满意教育,新建中小学20所。",
             "实施城市更新改造,新开工老旧小区改造8372户。"]
    text = "".join(f"{number.format(c=c)}\n{item}\n" for c, item in zip("一二三", items))
    plan = parse_plan_text("某州2025年十件民生实事\n今年将扎实办好“十件民生实事”。\n" + text)
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "促进群众就业增收,开展职业技能培训2.5万人次"), (2, "办好人民满意教育,新建中小学20所"),
        (3, "实施城市更新改造,新开工老旧小区改造8372户")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 2.5, "万人次"), (2, 20, "所"), (3, 8372, "户")]


def test_zero_padded_numbers_alone_on_their_lines_number_the_items_even_one_opening_with_a_figure():
    plan = parse_plan_text("某街道2023年民生实事项目\n01\n社区食堂建设\n新建社区食堂2个,方便老年人就餐。\n"
                           "02\n24小时自助服务点\n设置自助服务终端设备3台。\n03\n口袋公园建设\n新建口袋公园4个。\n")
    names = ["社区食堂建设", "24小时自助服务点", "口袋公园建设"]
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert all(t.title.startswith(name) for t, name in zip(plan.tasks, names))
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 2.0, "个"), (2, 3.0, "台"), (3, 4.0, "个")]


def test_a_headings_number_alone_before_numbered_items_stays_a_heading():
    plan = parse_plan_text(HEADER + "（一）\n1.新建学校3所。责任单位:市教育局\n2.新增学位900个。责任单位:市教育局\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "新建学校3所"), (2, "新增学位900个")]


def test_chinese_numbered_tasks_with_units_and_sub_items_inside_them():
    plan = parse_plan_text("某县2022年重点工作\n一、教育\n"
                           "（一）扩大学前教育资源。\n1.新建幼儿园3所；\n2.新增学位900个。\n（责任单位：县教育局）\n"
                           "（二）提升教师素质。\n（1）培训教师500人次；\n（2）引进人才20名。\n（责任单位：县人社局）\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "扩大学前教育资源", ["县教育局"]), (2, "提升教师素质", ["县人社局"])]
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 3.0), (1, 900.0), (2, 500.0), (2, 20.0)]


def test_a_task_number_followed_by_a_figure():
    plan = parse_plan_text("某区2022年实事\n1.加装电梯新增400台。\n2.50个小区新增充电设施。\n3.新增5个托育点。\n")
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert plan.tasks[1].title == "50个小区新增充电设施"
    plan = parse_plan_text("某小学周工作安排\n1、开展主题教育。\n2、3月12日为植树节,开展植绿活动。\n3、周三参加会议。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "开展主题教育"), (2, "3月12日为植树节,开展植绿活动"), (3, "周三参加会议")]


def test_items_numbered_in_brackets_on_one_line_are_tasks_but_stay_inside_a_numbered_task():
    plan = parse_plan_text("某县2020年民生实事\n县政府将重点抓好3件实事。分别是: (1)新建公厕120座。"
                           " (2)建成污水处理站5个。 (3)新建便民市场5处。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "新建公厕120座"), (2, "建成污水处理站5个"), (3, "新建便民市场5处")]
    plan = parse_plan_text(HEADER + "1.改善办学条件。(1)新建学校3所;(2)新增学位900个。(责任单位:市教育局)\n"
                                    "2.加强师资。(1)培训教师500人次。(责任单位:市人社局)\n")
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["市教育局"]), (2, ["市人社局"])]


def test_numbers_glued_to_their_text_restarting_under_headings_with_junk_after_them():
    plan = parse_plan_text("2022年民生实事项目\n一,教育品质提升工程 >j/w@Fj\n1开展学生双减计划 ![1rzQvGDb\n"
                           "2教育设施提升\n二,卫生服务提效工程 2 nCA<&\n1支持家庭医生签约 6Oq7#3]\n"
                           "2新建5个村级卫生室\n3大工程全面开工\n")
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "开展学生双减计划"), (2, "一", "教育设施提升"), (3, "二", "支持家庭医生签约"),
        (4, "二", "新建5个村级卫生室3大工程全面开工")]
    assert plan.sections[0].title == "教育品质提升工程"


def test_an_advert_a_mirror_glued_inside_an_item_is_no_part_of_it_but_a_labelled_number_is():
    plan = parse_plan_text(HEADER + "1.新建小微公园2个,家政服务13825404095道路景观林带2条。(责任单位:区园林局)\n"
                                    "2.开通便民热线,咨询电话13812345678全天受理。(责任单位:区政务服务局)\n")
    assert [t.title for t in plan.tasks] == ["新建小微公园2个,道路景观林带2条", "开通便民热线,咨询电话13812345678全天受理"]
    assert [(i.name, i.value, i.unit) for i in plan.indicators] == [("新建小微公园", 2.0, "个"), ("道路景观林带", 2.0, "条")]


def test_a_heading_between_headings_that_number_their_items_holding_one_paragraph_holds_one_task():
    plan = parse_plan_text("某镇2021年民生实事备选项目\n一、道路畅通工程\n1.完成环镇路建设。\n2.完成2公里农路建设。\n"
                           "二、水浸黑点治理\n完成新村大街水浸黑点整治。\n三、污染防治\n1.完善医疗废物收运体系。\n"
                           "2.每月对危废清运情况实施督查。\n四、食品安全\n加强食品检测力度。全年检查不少于600批次。\n"
                           "五、学位供给\n1.新增公办小学学位500个。\n")
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "完成环镇路建设"), (2, "一", "完成2公里农路建设"), (3, "二", "完成新村大街水浸黑点整治"),
        (4, "三", "完善医疗废物收运体系"), (5, "三", "每月对危废清运情况实施督查"), (6, "四", "加强食品检测力度"),
        (7, "五", "新增公办小学学位500个")]
    assert [(i.task, i.value) for i in plan.indicators] == [(2, 2.0), (6, 600.0), (7, 500.0)]
    assert "3、6号" in "".join(plan.warnings)  # the paragraphs' numbers, as the tasks end with them


@pytest.mark.parametrize("text", [
    # a plan's aims before its numbered items and its requirements after them are no tasks
    ("一、总体要求\n坚持稳中求进,全面完成年度目标。\n二、重点任务\n1.新建学校2所。\n2.新增学位900个。\n"
     "三、工作要求\n各单位要高度重视。\n"),
    # headings that hold a paragraph where few number their items: the paragraphs are no tasks
    "一、指导思想\n坚持稳中求进。\n二、重点任务\n1.新建学校2所。\n三、组织保障\n加强组织领导。\n四、考核\n1.年底考核。\n"])
def test_a_paragraph_under_a_heading_is_no_task_before_or_after_the_numbered_items_or_where_few_number_them(text):
    plan = parse_plan_text("某县2023年工作要点\n" + text)
    assert not any(t.title.startswith(("坚持", "各单位", "加强组织")) for t in plan.tasks)


def test_a_bracket_of_names_and_a_rule_about_them_closes_a_sentence_as_units():
    plan = parse_plan_text("某市2019年重点工作安排\n现就重点工作安排如下:城乡居民收入均增长8%以上。"
                           "(市发改委、农委、统计局分别负责)调整委员会工作机制。(市食安办、各成员单位按职责分工负责)\n")
    assert [(t.title, t.units, t.lead_basis) for t in plan.tasks] == [
        ("城乡居民收入均增长8%以上", ["市发改委", "农委", "统计局"], LEAD_ASSUMED),
        ("调整委员会工作机制", ["市食安办", "各成员单位"], LEAD_ASSUMED)]


def test_goals_numbered_in_brackets_with_units_before_sections_of_numbered_items():
    """(一)…(三) goals each closed by its units (two on one line) are tasks like the 1. items of the
    sections after them; a (一) line without units there is a sub-heading; numbering runs on."""
    plan = parse_plan_text("某省政府工作报告重点工作责任分工\n一、主要目标\n"
                           "(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。(省财政厅主办,省税务局协办)\n"
                           "(三)进出口总额增长8%左右。(省商务厅负责)\n二、推进产业项目建设\n(一)全力推进产业项目建设。\n"
                           "1.抓好600个省级重点产业项目。(省发改委主办,省工信委协办)2.加快建设工业园区。(省工信委负责)\n")
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "地区生产总值增长11%左右", ["省发改委"], "省发改委"),
        (2, "公共财政收入增长13%左右", ["省财政厅", "省税务局"], "省财政厅"),
        (3, "进出口总额增长8%左右", ["省商务厅"], "省商务厅"),
        (4, "抓好600个省级重点产业项目", ["省发改委", "省工信委"], "省发改委"),
        (5, "加快建设工业园区", ["省工信委"], "省工信委")]


def test_sentences_each_closed_by_a_bracket_of_units_are_the_tasks():
    plan = parse_plan_text("某市2019年食品安全重点工作安排\n各区政府:现就重点工作安排如下:制定出台若干措施。"
                           "(市食安办负责)调整委员会工作机制。(市食安办牵头,各成员单位协作)\n"
                           "各区参照市的做法调整工作机制,新建食堂5个。(各区食安办负责)\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "制定出台若干措施", ["市食安办"]), (2, "调整委员会工作机制", ["市食安办", "各成员单位"]),
        (3, "各区参照市的做法调整工作机制,新建食堂5个", ["各区食安办"])]
    plan = parse_plan_text("某市2019年食品安全重点工作安排\n一、加强食品安全工作制定出台若干措施。(市食安办负责)"
                           "调整委员会工作机制。(市食安办牵头,各成员单位协作)二、深化示范城市创建。"
                           "开展创建评估。(市市场监管局负责)推进示范街区建设3条。(各区政府负责)\n")
    assert [(t.number, t.section, t.units) for t in plan.tasks] == [
        (1, "一", ["市食安办"]), (2, "一", ["市食安办", "各成员单位"]), (3, "二", ["市市场监管局"]),
        (4, "二", ["各区政府"])]


def test_sentences_closed_by_unit_brackets_under_a_heading_after_principles_numbered_yishi_are_the_tasks():
    """一是…二是 principles without units under 一、分工原则, then 二、 and (一) headings over
    unnumbered sentences each closed by a bracket of units: the sentences are the tasks; the
    principles are the notice's, no tasks."""
    plan = parse_plan_text(
        "某市关于落实十二五规划纲要主要目标和任务工作分工的通知\n一、分工原则\n分工安排的主要原则:\n"
        "一是正确处理政府与市场的关系。对需要政府履行职责的目标和任务进行分解。\n"
        "二是合理划分市里和区的责任。重点将任务分解落实到市直相关部门。\n"
        "二、主要目标和任务分工安排\n(一)约束性指标\n耕地保有量保持在2000.9万亩。(市国土局牵头)\n"
        "单位工业增加值用水量达到省要求标准。(市水利局、市工信局等部门按职责分工负责)\n")
    assert [(t.number, t.title, t.units, t.lead_basis) for t in plan.tasks] == [
        (1, "耕地保有量保持在2000.9万亩", ["市国土局"], LEAD_MARKED),
        (2, "单位工业增加值用水量达到省要求标准", ["市水利局", "市工信局"], LEAD_ASSUMED)]


def test_sentences_run_on_each_closed_by_a_lead_bracket_after_a_numbered_heading_are_the_tasks():
    """1.主要指标的责任部门。 (a few words) then goal sentences run on in one paragraph, each closed by
    (X牵头), one bracket beginning the next line: the numbered line is a heading, each sentence a
    task in order with its bracket's units."""
    plan = parse_plan_text(
        "某市关于落实十一五规划纲要主要目标和任务工作分工的通知\n一、责任主体及工作分工\n(一)主要目标。\n"
        "1.主要指标的责任部门。\n常住人口控制在1150万人左右。(市人口计生委、市公安局牵头)万元地区生产总值能源消耗"
        "降低20%。(市经委牵头)耕地保有量保持在国务院确定的面积。\n(市国土房管局牵头)主要污染物排放总量减少10%。(市环保局牵头)\n")
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "常住人口控制在1150万人左右", ["市人口计生委", "市公安局"], "市人口计生委"),
        (2, "万元地区生产总值能源消耗降低20%", ["市经委"], "市经委"),
        (3, "耕地保有量保持在国务院确定的面积", ["市国土房管局"], "市国土房管局"),
        (4, "主要污染物排放总量减少10%", ["市环保局"], "市环保局")]
    assert [(s.number, s.title) for s in plan.sections] == [("一", "主要指标的责任部门")]


def test_page_numbers_of_a_document_sharing_site_cutting_sentences_are_left_out():
    filler = "全面贯彻落实各项决策部署,不断提高人民群众的获得感、幸福感、安全感," * 10
    plan = parse_plan_text("某市2019年重点工作安排.docx\n1、某市2019年重点工作安排 各区政府:" + filler + "围绕中心工作,全面\n"
                           "2、推动实施战略。现安排如下:一、加强组织领导。" + filler + "完善工作机制。(市政府办负责)健全考核\n"
                           "3、办法。(市考核办负责)\n")
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["市政府办"]), (2, ["市考核办"])]
    assert plan.tasks[1].title == "健全考核办法"


@pytest.mark.parametrize("text", [
    "今年市政府将办好三件实事:一是新建学校5所,新增学位3000个;二是改造老旧小区20个;三是新建公园8座。",
    "重点做好以下工作:\n◆新建学校5所,新增学位3000个。\n◆改造老旧小区20个。\n◆新建公园8座。",
    "重点做好以下工作:◆新建学校5所,新增学位3000个。◆改造老旧小区20个。◆新建公园8座。",
    "县政府确定今年为民办好3件实事:新建学校5所,新增学位3000个;改造老旧小区20个;新建公园8座。县长表示要确保完成。",
    "会议确定的实事项目如下:\n新建学校5所,新增学位3000个\n改造老旧小区20个\n新建公园8座\n2020年5月11日",
])
def test_items_without_numbers_一是_bullets_semicolons_and_lines_are_tasks_in_order(text):
    plan = parse_plan_text("某市2022年政府工作报告\n" + text + "\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "新建学校5所,新增学位3000个"), (2, "改造老旧小区20个"), (3, "新建公园8座")]
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 5.0), (1, 3000.0), (2, 20.0), (3, 8.0)]


def test_a_selection_of_a_numbered_list_starts_at_any_number_with_gaps():
    plan = parse_plan_text("2025年民生实事项目(节选)\n为深入践行人民城市理念,推进一批民生实事项目。\n"
                           "18.为760户低收入住房困难家庭提供租金补贴;\n20.为1.45万名妇女免费开展妇科病筛查;\n"
                           "24.建设2家社区卫生服务站;\n撰稿:某某\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (18, "为760户低收入住房困难家庭提供租金补贴"), (20, "为1.45万名妇女免费开展妇科病筛查"), (24, "建设2家社区卫生服务站")]


def test_a_list_of_names_a_line_under_its_title():
    plan = parse_plan_text("全市2020年十大民生实事项目出炉\n与会代表对候选项目进行票决。\n2020年全市重点民生实事项目\n"
                           "(按得票多少排序)\n中小学校舍建设工程项目\n城市人居环境提升项目\n老旧小区改造项目\n"
                           "民生无小事,枝叶总关情。\n来源:市人大\n")
    assert [t.title for t in plan.tasks] == ["中小学校舍建设工程项目", "城市人居环境提升项目", "老旧小区改造项目"]


def test_names_a_line_as_many_as_the_line_above_counts_are_the_tasks_of_each_place():
    """A news roundup of several places' lists: a heading, the body whose list it is, a line that
    counts the names, then the names a line; the teaser lines before them are no tasks."""
    plan = parse_plan_text("各旗县区2026年民生实事正式出炉\n每一项规划都贴合民生需求\n每一个举措都致力生活提质\n"
                           "先来看看四区的民生新规划\n\n东城区\n\n东城区人民政府\n\n2026年实施民生实事项目3项\n\n"
                           "实验小学教学楼维修改造项目\n\n阳光小区等4个小区屋顶防水修缮项目\n\n老旧小区雨污水管网改造项目\n\n"
                           "西城区\n\n西城区人民政府\n\n2026年实施民生实事项目4项\n\n电梯安全保障项目\n\n"
                           "房屋分户登记攻坚项目\n\n城管进社区项目\n\n“一老一小”服务保障项目\n\n丨来源:融媒综合\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks][:4] == [
        (1, "实验小学教学楼维修改造项目", []), (2, "阳光小区等4个小区屋顶防水修缮项目", []),
        (3, "老旧小区雨污水管网改造项目", []), (4, "电梯安全保障项目", [])]
    assert len(plan.tasks) == 7 and [t.section for t in plan.tasks] == ["一"] * 3 + ["二"] * 4
    assert [s.title for s in plan.sections] == ["东城区人民政府", "西城区人民政府"]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 4, "个")]
    # without headings between them, a list ends before the next body and its count
    plan = parse_plan_text("2026年民生实事出炉\n东城区人民政府\n2026年实施民生实事项目3项\n实验小学教学楼维修改造项目\n"
                           "阳光小区屋顶防水修缮项目\n老旧小区雨污水管网改造项目\n西城区人民政府\n2026年实施民生实事项目3项\n"
                           "电梯安全保障项目\n房屋分户登记攻坚项目\n城管进社区项目\n")
    assert len(plan.tasks) == 6 and [s.title for s in plan.sections] == ["东城区人民政府", "西城区人民政府"]


@pytest.mark.parametrize("count,names", [
    ("今年共确定重点工作3件", ["城乡道路建设提升", "农村饮水安全巩固", "校园周边环境整治"]),
    ("今年共确定重点工作4件", None),  # four counted, three named
    ("今年共确定重点工作2件", None),  # two counted, three named: the run goes on past the count
])
def test_names_a_line_are_tasks_only_where_they_are_as_many_as_counted(count, names):
    text = (f"东城区2026年工作\n东城区人民政府\n{count}\n城乡道路建设提升\n农村饮水安全巩固\n校园周边环境整治\n"
            "据了解,以上工作年内完成。\n")
    if names is None:
        with pytest.raises(WorkplanError):
            parse_plan_text(text)
    else:
        assert [t.title for t in parse_plan_text(text).tasks] == names
    with pytest.raises(WorkplanError):  # sentences after a count are no names
        parse_plan_text(f"东城区2026年工作\n{count}\n今年要把道路修好。\n饮水要更加安全。\n校园周边要整洁。\n")


def test_counted_lists_separated_by_dunhao_the_count_deciding_a_name_that_holds_one():
    plan = parse_plan_text("某县确定双十项目\n县政府决定实施4项重点建设项目和3件惠民实事。4项重点建设项目为:东城灌溉工程、"
                           "新城路网工程、新城供水管网、污水处理站工程、体育场建设工程。3件惠民实事为:搬迁东关幼儿园、"
                           "建设农贸市场、扶持大棚蔬菜发展。据了解,该县实行了项目责任制。\n")
    assert [t.title for t in plan.tasks] == ["东城灌溉工程", "新城路网工程", "新城供水管网、污水处理站工程", "体育场建设工程",
                                             "搬迁东关幼儿园", "建设农贸市场", "扶持大棚蔬菜发展"]


def test_names_a_sentence_closes_by_counting_them_are_the_tasks():
    plan = parse_plan_text("某省2023年为民实事全面完成\n年初通过的《政府工作报告》,确定实施中小学“建宿舍、增学位”、"
                           "新增城镇就业32万人、建设100个乡镇综合养老服务中心、生态及地质灾害避险搬迁4件为民实事。"
                           "一年来,各项工作扎实推进。\n")
    assert [t.title for t in plan.tasks] == ["中小学“建宿舍、增学位”", "新增城镇就业32万人", "建设100个乡镇综合养老服务中心",
                                             "生态及地质灾害避险搬迁"]
    assert [(i.value, i.unit) for i in plan.indicators_of(3)] == [(100.0, "个")]


@pytest.mark.parametrize("sentence", [
    "经代表投票,共选出城区学校扩容、农贸市场改造提升、老旧小区加装电梯、新建8个社区食堂等4个项目作为2024年度民生实事项目,"
    "涉及教育、商贸、住房等方面。",
    "会议依法票决出城区学校扩容、农贸市场改造提升、老旧小区加装电梯、新建8个社区食堂共4个项目,总投资1100多万元,"
    "交由镇政府组织实施。",
])
def test_names_a_count_of_projects_closes_inside_the_sentence_after_the_verb_that_picks_them_are_the_tasks(sentence):
    plan = parse_plan_text(f"某镇民生实事项目票决产生\n{sentence}\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "城区学校扩容"), (2, "农贸市场改造提升"), (3, "老旧小区加装电梯"), (4, "新建8个社区食堂")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(4, 8.0, "个")]


def test_names_a_count_closes_that_the_sentence_reports_on_are_no_tasks():
    with pytest.raises(WorkplanError):
        parse_plan_text("某市民生实事完成情况\n另,城区学校扩容、农贸市场改造提升、老旧小区加装电梯等3个项目曾因进度滞后被通报,"
                        "但均能如期完成。\n")


def test_names_that_do_not_agree_with_the_count_after_them_are_no_tasks():
    with pytest.raises(WorkplanError):
        parse_plan_text("某省2023年重点工作\n全年推进住房、交通、教育3项改革,成效明显。\n")


def test_a_counted_list_after_分别是_is_the_tasks():
    plan = parse_plan_text("某县票决产生2021年民生实事项目\n记者从县人代会上获悉,2021年3项民生实事项目名单出炉。\n"
                           "据介绍,这3项民生实事项目分别是城西幼儿园工程、菜市场提升改造工程、老旧小区改造工程。\n"
                           "2020年10项民生实事项目总投资3.82亿元,完成投资2.41亿元。\n")
    assert [t.title for t in plan.tasks] == ["城西幼儿园工程", "菜市场提升改造工程", "老旧小区改造工程"]
    plan = parse_plan_text("某县2015年十件实事\n这3件民生实事分别是:新建学校3所;改造危房2000户;建设公路50公里。\n")
    assert [t.title for t in plan.tasks] == ["新建学校3所", "改造危房2000户", "建设公路50公里"]


def test_names_after_a_count_and_包括_are_the_tasks_where_the_count_agrees():
    plan = parse_plan_text("某市4件民生实事出炉\n会上票决通过了4件民生实事。据悉,4件民生实事项目包括,城区学校扩容、"
                           "农贸市场改造提升、老旧小区加装电梯、社区食堂建设。\n项目涵盖教育、商贸、住房等多个领域。\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "城区学校扩容", []), (2, "农贸市场改造提升", []), (3, "老旧小区加装电梯", []), (4, "社区食堂建设", [])]


@pytest.mark.parametrize("sentence", [
    "据悉,5件民生实事项目包括,城区学校扩容、农贸市场改造提升、老旧小区加装电梯、社区食堂建设。",  # five counted, four named
    "据悉,4件民生实事项目包括城区学校扩容、农贸市场改造提升、老旧小区加装电梯、社区食堂建设等。",  # 等: not all named
    "今年推进3项改革,包括住房、交通、教育。",  # fields, not names of work
    "今年的民生实事包括城区学校扩容、农贸市场改造提升、老旧小区加装电梯。",  # nothing counts them
])
def test_names_after_包括_that_no_agreeing_count_closes_are_no_tasks(sentence):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"某市民生实事\n{sentence}\n")


def test_names_that_their_sentence_makes_the_plans_items_are_the_tasks_whatever_the_candidates_count():
    plan = parse_plan_text("某县2025年民生实事项目票决产生\n提交大会票决的候选项目共8项。经代表投票,城乡供水提质、"
                           "农村道路养护、社区养老助餐、校园安全提升被列为2025年度县政府民生实事项目。\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "城乡供水提质", []), (2, "农村道路养护", []), (3, "社区养老助餐", []), (4, "校园安全提升", [])]


@pytest.mark.parametrize("sentence", [
    "最终,住房、交通、教育被确定为年度民生实事项目。",  # fields, not names of work
    "最终,城乡供水提质、农村道路养护、社区养老助餐等被确定为年度民生实事项目。",  # 等: not all named
    "城乡供水提质、农村道路养护、社区养老助餐被确定为年度考核的重点内容。",  # not made the plan's items
])
def test_names_not_made_the_plans_items_are_no_tasks(sentence):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"某县民生实事\n{sentence}\n")


def test_counted_items_run_on_with_semicolons_and_no_colon_are_the_tasks():
    """The text counts the items (4件实事); they follow run on, separated by ;, after 即 or as a
    paragraph of their own; an item after the full stop that starts as the others do is one more."""
    plan = parse_plan_text("某县确定4件民生实事\n今年县政府将办好4件民生实事,涉及住房、交通、教育等领域,即投资9530万元,"
                           "实施易地扶贫搬迁工程;投资500万元,建设新城大桥;投资762万元,实施农村饮水工程;投资3250万元,"
                           "建设农村公路65公里。投资1000万元,建成第二高级中学学生宿舍楼。据悉,各项工作已启动。\n")
    assert [t.title for t in plan.tasks] == ["投资9530万元,实施易地扶贫搬迁工程", "投资500万元,建设新城大桥",
                                             "投资762万元,实施农村饮水工程", "投资3250万元,建设农村公路65公里",
                                             "投资1000万元,建成第二高级中学学生宿舍楼"]
    assert [(i.value, i.unit) for i in plan.indicators_of(4)] == [(3250.0, "万元"), (65.0, "公里")]
    plan = parse_plan_text("某县2015年要办的3件民生实事已经确定\n    今年,总投资13.6亿元的县水库将开工建设;"
                           "加快建设电商产业园,打造创新创业平台;投资5300万元建成公租房510套。\n")
    assert [t.title for t in plan.tasks] == ["今年,总投资13.6亿元的县水库将开工建设", "加快建设电商产业园,打造创新创业平台",
                                             "投资5300万元建成公租房510套"]


def test_sentences_with_semicolons_that_the_text_does_not_count_are_no_tasks():
    with pytest.raises(WorkplanError):
        parse_plan_text("某县2015年工作总结\n今年,全县经济稳中有进;财政收入增长;民生持续改善;社会大局稳定。\n")


def test_items_given_as_book_titles_in_one_sentence_are_the_tasks():
    plan = parse_plan_text("关于2023年为民实事实施方案的政策解读\n一、出台的目的\n依据《政府工作报告》,办好10件实事。\n"
                           "二、主要内容\n《通知》内容主要包括《城镇新增就业2000人以上》《建成幼儿园3所,新增园位1000个以上》"
                           "《为1000名妇女开展“两癌”免费检查》等10个方面。\n三、保障措施\n一是明确责任主体。按照部门职责分工。\n"
                           "二是强化督查考核。定期通报进展。\n")
    assert [t.title for t in plan.tasks] == ["城镇新增就业2000人以上", "建成幼儿园3所,新增园位1000个以上",
                                             "为1000名妇女开展“两癌”免费检查"]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 2000.0, "人"), (2, 3.0, "所"), (2, 1000.0, "个"), (3, 1000.0, "名")]


def test_items_in_quotation_marks_run_on_with_dunhao_after_the_words_that_open_the_list_are_the_tasks():
    plan = parse_plan_text("某县选出十大民生实事\n代表票决选出的民生实事项目包括: “实施农村巷道硬化工程”、“新建23公里碧道”、"
                           "“新建公共卫生临床中心(慢性病防治院)\"、“新建3所公办幼儿园”等。涉及交通出行、公共教育等方面。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "实施农村巷道硬化工程"), (2, "新建23公里碧道"), (3, "新建公共卫生临床中心(慢性病防治院)"), (4, "新建3所公办幼儿园")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 23.0, "公里"), (4, 3.0, "所")]


@pytest.mark.parametrize("sentence", [
    "今年的改革包括: “放管服”、“一网通办”、“最多跑一次”等。",  # slogans, not names of work
    "会议指出,“实施农村巷道硬化工程”、“新建23公里碧道”、“新建3所公办幼儿园”成效明显。",  # no list opened
])
def test_quoted_slogans_or_quoted_names_no_list_opens_are_no_tasks(sentence):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"某县2021年工作情况\n{sentence}\n")


def test_names_of_documents_in_book_title_marks_are_no_tasks():
    plan = parse_plan_text(HEADER + "认真贯彻《中华人民共和国教育法》《某省教育条例》《某市教育发展规划》。\n"
                                    "1.新建学校3所。责任单位:市教育局\n")
    assert [t.title for t in plan.tasks] == ["新建学校3所"]


def test_documents_a_notice_issues_in_book_title_marks_are_no_tasks():
    plan = parse_plan_text("各乡镇人民政府,县直各有关单位:\n现将《2025年县<政府工作报告>任务分解》《2025年十五件民盼实事"
                           "任务分解》《县政府重点工作任务分解》印发给你们。\n一、县示范区工作(2项)\n"
                           "1.打造食用菌酵素生产基地。\n2.建设3个劳动密集型产业园。\n")
    assert [t.title for t in plan.tasks] == ["打造食用菌酵素生产基地", "建设3个劳动密集型产业园"]
    with pytest.raises(WorkplanError):  # issued, they name documents, whatever they say
        parse_plan_text("某县\n现将《新建幼儿园3所》《改造老旧小区20个》《新增停车位500个》印发给你们。\n")


def test_a_table_of_the_pages_fields_above_the_text_holds_no_tasks():
    plan = parse_plan_text("| 索引号:000014349/2022-83299 | |\n| 发文字号: | 发文时间:2023-01-05 |\n"
                           "| 发文机关:某镇人民政府 | 主题词:工作计划 |\n| 主题分类:综合政务 | 发布日期:2023-01-05 |\n"
                           "一是扎实推进产业强镇。谋划农业项目,新建大棚园区120亩。\n二是加快补齐基础设施短板。新修道路5公里。\n")
    assert [t.title for t in plan.tasks] == ["扎实推进产业强镇", "加快补齐基础设施短板"]


def test_a_pages_fields_marked_by_bullets_with_their_values_below_are_no_items_before_a_notices_plan():
    plan = parse_plan_text("关于印发《某区教育局2022年工作要点》的通知\n• 索引号:\nSY0024784891202200001\n• 公开主体:\n"
                           "某区教育局\n• 发文字号:\n某教〔2022〕1号\n各中小学、幼儿园、直属单位:\n现将工作要点印发给你们。\n"
                           "一、落实立德树人根本任务\n(一)坚持立德树人\n1.推进思政课程建设。开展主题活动。\n"
                           "2.加强体育工作。新建运动场3个。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "推进思政课程建设"), (2, "加强体育工作")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 3.0, "个")]


def test_一是_and_bullets_inside_numbered_tasks_stay_their_text():
    plan = parse_plan_text(HEADER + "1.加强队伍建设。一是培训教师500人次;二是引进人才20名。(责任单位:市人社局)\n"
                                    "2.改善办学条件。◆新建学校3所。◆新增学位900个。(责任单位:市教育局)\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "加强队伍建设", ["市人社局"]), (2, "改善办学条件", ["市教育局"])]


@pytest.mark.parametrize("first,second", [("01\n交通出行 “顺心”实事", "02\n住房保障 “舒心”实事"),
                                          ("1.交通出行", "2.住房保障"), ("1、交通出行", "2、住房保障")])
@pytest.mark.parametrize("bullet", ["▶", "◆", "●"])
def test_bullets_under_numbered_headings_are_the_tasks_and_the_headings_their_sections(first, second, bullet):
    plan = parse_plan_text(f"某区2025年民生实事出炉\n{first}\n{bullet}新增公共停车位800个。\n{bullet}新增充电桩1000个。\n"
                           f"{second}\n{bullet}改造老旧小区20个。\n{bullet}建成保障性租赁住房352套。\n")
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "新增公共停车位800个"), (2, "一", "新增充电桩1000个"), (3, "二", "改造老旧小区20个"),
        (4, "二", "建成保障性租赁住房352套")]
    assert [s.number for s in plan.sections] == ["一", "二"] and plan.sections[1].title.startswith("住房保障")
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 800.0), (2, 1000.0), (3, 20.0), (4, 352.0)]


def test_the_one_bullet_of_a_text_without_numbers_is_a_task_where_it_holds_figures_to_reach():
    plan = parse_plan_text("我市2021年重点民生实事项目出炉\n今年确定实施十大类30项民生实事项目。\n"
                           "●稳定就业方面。城镇新增就业3.3万人,完成致富带头人培训100人。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "稳定就业方面")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3.3, "万人"), (1, 100.0, "人")]


@pytest.mark.parametrize("line", ["●本报记者 李明 王华", "●会议强调,要抓好各项工作落实。"])
def test_one_bullet_without_figures_to_reach_numbers_no_list(line):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"我市召开民生工作会议\n{line}\n会议听取了有关情况汇报。\n")


def test_a_figure_for_each_of_the_names_before_各_is_a_target_for_each():
    plan = parse_plan_text(HEADER + "1.培育新型经营主体。培育省级示范农民合作社、家庭农场各20家。\n"
                           "2.稳定粮食生产。建设稻谷、玉米、马铃薯示范基地各10万亩。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 20.0, "家"), (1, 20.0, "家"), (2, 10.0, "万亩")]
    assert [i.name for i in plan.indicators][:2] == ["培育省级示范农民合作社", "家庭农场"]


def test_a_figure_the_names_before_均_reach_alike_is_a_target_for_each():
    """A、B均增长12% (or A和B均…): one target each, as 各20家; one name (两项收入均…), or a head
    noun printed once with the last name (小学和初中入学率均…), stays one target."""
    plan = parse_plan_text(HEADER + "1.城乡居民增收。城镇居民人均可支配收入、农民人均纯收入均增长12%以上。\n"
                           "2.居民增收。城镇居民人均可支配收入和农民人均纯收入均增长10%。\n"
                           "3.促进就业。两项收入均达到5万元。\n4.普及教育。小学和初中入学率均达到100%。\n")
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 12.0), (1, 12.0), (2, 10.0), (2, 10.0),
                                                           (3, 5.0), (4, 100.0)]
    assert [i.name for i in plan.indicators][:2] == ["城镇居民人均可支配收入", "农民人均纯收入"]


@pytest.mark.parametrize("text", [
    "1.交通出行\n◆新增公共停车位800个。\n2.住房保障\n◆改造老旧小区20个。\n",  # one bullet each: the item's text
    "1.改善交通出行。\n◆新增公共停车位800个。\n◆新增充电桩1000个。\n2.改善住房条件。\n◆改造老旧小区20个。\n"
    "◆建成保障性租赁住房352套。\n",  # numbered sentences of work: the tasks, their bullets sub-items
])
def test_numbered_items_that_are_no_bare_headings_of_several_bullets_stay_the_tasks(text):
    plan = parse_plan_text("某区2025年民生实事\n" + text)
    assert [t.number for t in plan.tasks] == [1, 2] and [i.task for i in plan.indicators][-1] == 2


def test_a_task_line_without_a_full_stop_ends_its_title_before_its_sub_items():
    plan = parse_plan_text(HEADER + "1.完善应急预案体系\n(1)加强应急预案管理。\n(2)推进应急预案“精编化”。\n"
                                    "(责任单位:市应急局)\n2.健全应急管理体制\n①理顺应急管理职能。\n(责任单位:市委编办)\n")
    assert [(t.title, t.units) for t in plan.tasks] == [("完善应急预案体系", ["市应急局"]),
                                                        ("健全应急管理体制", ["市委编办"])]


def test_one_units_line_after_sub_items_closes_the_item_above_them():
    plan = parse_plan_text("某市应急体系建设规划责任分解\n(一)“一案三制”建设\n1.完善应急预案体系\n"
                           "(1)加强应急预案管理,规范应急预案编制。\n(2)推进应急预案“精编化”,及时修订完善。\n"
                           "(3)加强应急预案演练,完善演练管理制度。\n(责任单位:市直各有关单位、各开发区管委会)\n")
    assert [(t.number, t.units, t.lead) for t in plan.tasks] == [(1, ["市直各有关单位", "各开发区管委会"], "市直各有关单位")]
    assert plan.tasks[0].title.startswith("完善应急预案体系") and "(3)加强应急预案演练" in plan.tasks[0].body


def test_circled_numerals_number_the_items_of_a_list_a_line():
    plan = parse_plan_text("经县人大代表票决,某县2023年民生实事分别包括:\n①县中医院服务能力提升项目;\n"
                           "②城区智慧水务建设工程;\n③背街小巷改造工程。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "县中医院服务能力提升项目"), (2, "城区智慧水务建设工程"), (3, "背街小巷改造工程")]


def test_a_bullet_alone_before_a_reporters_name_numbers_no_list():
    plan = parse_plan_text("某市今年民生项目清单\n□本报记者 李明 实习生 王华\n今年的民生实事分别是:新建学校3所;改造小区20个;"
                           "建设公路50公里。\n")
    assert [t.title for t in plan.tasks] == ["新建学校3所", "改造小区20个", "建设公路50公里"]


def test_paragraphs_after_an_intro_that_counts_them_are_the_items():
    """…提出十大民生项目。具体如下: then paragraphs of work (longer than a line of a list), a note
    line in brackets before them; no more of them than the intro counts."""
    paragraph = ("实施人居环境提升工程,建设美丽乡村200个,新增治理农村黑臭水体170条,建改农村户厕15万户,"
                 "实施垃圾分类的自然村占比达到30%。城镇垃圾处理能力达到4万吨/日,城镇污水处理能力达到1080万吨/日。")
    plan = parse_plan_text("某省今年将做这些事\n政府工作报告提出2023年三大民生项目。具体如下:\n(相关资料图)\n"
                           f"推动保障性住房建设,建设筹集保障性租赁住房10万套。\n{paragraph}\n"
                           "完善养老服务体系,新建社区养老服务综合体100个。\n本报记者从会上获悉,各项工作已经部署。\n")
    assert [t.body.split("。")[0] for t in plan.tasks] == [
        "推动保障性住房建设,建设筹集保障性租赁住房10万套", paragraph.split("。")[0], "完善养老服务体系,新建社区养老服务综合体100个"]
    assert [(i.value, i.unit) for i in plan.indicators_of(2)][-2:] == [(4.0, "万吨/日"), (1080.0, "万吨/日")]


@pytest.mark.parametrize("glue", ["", "\n"])
def test_paragraphs_each_opening_with_a_short_title_sentence_after_a_colon_are_the_items(glue):
    """…主要任务分别为: then paragraphs without numbers, each opening with a short title sentence and
    going on with what it means, the first on the intro's line or on the next: the tasks, titled by
    that sentence; a paragraph after a colon that opens with a long sentence is no item."""
    plan = parse_plan_text("某县教育工作新闻发布会召开\n会议明确,今年的工作职责为:全面落实立德树人根本任务,以办好人民满意"
                           f"的教育为目标,推动教育高质量发展。\n今年全县教育工作主要任务分别为:{glue}扩大优质学位供给。"
                           "新建中小学3所,新增学位2000个。\n加强教师队伍建设。招聘教师300名,开展全员培训。\n"
                           "推进教育数字化。建设智慧校园20所,实现宽带网络全覆盖。\n本报记者从会上获悉,各项工作正在部署。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "扩大优质学位供给"), (2, "加强教师队伍建设"), (3, "推进教育数字化")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 3, "所"), (1, 2000, "个"), (2, 300, "名"), (3, 20, "所")]


FIRST_SENTENCES = ("开展职业技能培训10万人次", "新建、改扩建21所幼儿园", "实施5.15万套城镇老旧小区改造项目")


@pytest.mark.parametrize("openings,titles", [
    (("就业促进工程中,包括", "教育提质工程中,包括", "住房保障工程中,包括"), None),
    (("在就业方面,", "在教育方面,", "在住房方面,"), None), (("就业领域,", "教育领域,", "住房领域,"), None),
    (("就业类:", "教育类:", "住房类:"), ["就业类", "教育类", "住房类"])])  # a label before a colon titles its task
def test_unnumbered_paragraphs_each_opening_with_a_category_of_the_list_are_the_tasks(openings, titles):
    """A news story giving a plan's 实事 one paragraph per category (就业促进工程中,包括…。): each paragraph
    is a task numbered in order, titled by its first sentence, its targets the figures of all its
    sentences; the headline, the teaser listing the categories and the intro's counts are none."""
    first, second, third = openings
    titles = titles or [opening + sentence for opening, sentence in zip(openings, FIRST_SENTENCES)]
    plan = parse_plan_text("今年我省民生实事工程出炉 涉及3大类12项\n来源: 某某日报 发布时间: 2021-04-01\n"
                           "就业、教育、住房……省政府新闻办公室召开新闻发布会,公布2021年民生实事。\n"
                           "今年共收到意见建议432条,最终确定了3类12项民生实事。\n"
                           f"{first}开展职业技能培训10万人次。全省城镇新增就业6万人。\n"
                           f"{second}新建、改扩建21所幼儿园。开工建设45所义务教育学校项目。\n"
                           f"{third}实施5.15万套城镇老旧小区改造项目。为6753户城镇住房困难群体发放住房租赁补贴。\n")
    assert [(t.number, t.title) for t in plan.tasks] == list(enumerate(titles, 1))
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 10.0, "万人次"), (1, 6.0, "万人"), (2, 21.0, "所"), (2, 45.0, "所"), (3, 5.15, "万套"), (3, 6753.0, "户")]


@pytest.mark.parametrize("text", [
    "某县教育工作情况\n在教育方面,新建了学校3所,新增学位2000个。\n在卫生方面,建成了卫生院2所。\n"
    "在住房方面,已完成棚户区改造500套。\n",
    "某县民生工作\n就业促进工程中,包括开展技能培训1000人次。\n教育提质工程中,包括新建幼儿园2所。\n",
    "某县民生工作\n就业促进工程中,包括开展技能培训1000人次。\n在教育方面,新建幼儿园2所。\n"
    "住房保障类:改造老旧小区20个。\n"])
def test_category_paragraphs_that_report_work_done_or_are_too_few_or_of_different_kinds_are_no_plan(text):
    """What a report says was done; two categories only; openings of three different kinds."""
    with pytest.raises(WorkplanError):
        parse_plan_text(text)


@pytest.mark.parametrize("text", [
    "某局上半年工作情况\n主要做法如下:\n强化组织领导。成立了工作专班,召开专题会议5次。\n"
    "加强督促检查。开展了专项督查3轮,发现问题20个。\n严格考核问责。约谈了责任单位4家。\n",
    "关于做好2023年防汛工作的通知\n各乡镇人民政府,县直各单位:\n加强组织领导。各单位要成立防汛工作专班,明确责任分工。\n"
    "强化隐患排查。各单位要对辖区水库、河道开展全面排查。\n严格值班值守。汛期实行24小时值班和领导带班制度。\n"])
def test_paragraphs_with_short_title_sentences_that_report_work_done_or_follow_addressees_are_no_plan(text):
    """What a report says was done, and a notice's requirements to the bodies it addresses."""
    with pytest.raises(WorkplanError):
        parse_plan_text(text)


@pytest.mark.parametrize("byline", ["(图文/记者 李王灏 胡兴建)", "(通讯员 张某某)", "记者 李明 王华", "编辑:王某"])
def test_a_reporters_byline_after_a_list_is_no_task(byline):
    plan = parse_plan_text("经县人大代表票决,某县2023年民生实事分别包括:\n县中医院服务能力提升项目;\n城区智慧水务建设工程;\n"
                           f"背街小巷改造工程。\n{byline}\n")
    assert [t.title for t in plan.tasks] == ["县中医院服务能力提升项目", "城区智慧水务建设工程", "背街小巷改造工程"]


def test_parts_a_task_lists_after_its_colon_are_its_text_not_sections():
    plan = parse_plan_text("某镇2023年工作计划\n一是扎实推进产业强镇。2023年共谋划农业项目3个:\n"
                           "(一)中药材种植产业园项目:总投资120万元,预计2023年5月竣工。\n"
                           "(二)西瓜种植产业园项目:总投资400万元。\n(三)蔬菜保鲜库项目:冷库库容达15000立方米。\n"
                           "二是加快补齐基础设施短板。新修道路5公里。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "扎实推进产业强镇"), (2, "加快补齐基础设施短板")]
    assert not any("产业园" in s.title for s in plan.sections) and "(二)西瓜种植产业园项目" in plan.tasks[0].body
    assert [(i.task, i.value, i.unit) for i in plan.indicators if i.value != 3.0] == [
        (1, 120.0, "万元"), (1, 400.0, "万元"), (1, 15000.0, "立方米"), (2, 5.0, "公里")]


@pytest.mark.parametrize("first,second", [("01 教育", "02 养老"), ("一、教育", "二、养老"), ("(一)教育", "(二)养老")])
def test_unnumbered_paragraphs_under_short_headings_each_closed_by_a_time_bracket_are_the_tasks(first, second):
    """…试点。(年内持续推进): each paragraph is a task numbered in order, the bracket its deadline, the
    heading its section; a summary of the plan's figures before the first heading is no task."""
    plan = parse_plan_text(f"某市2021年重点工作任务分工\n按照任务分工,今年将新增就业35万人左右。\n{first}\n"
                           "启动品牌高中建设,遴选首批培育学校。(年内持续推进)\n保障随迁子女在公办学校就读。(2021年底前完成)\n"
                           f"{second}\n新建100个老年日间照料中心。新增4000张养老床位。(年内持续推进)\n")
    assert [(t.number, t.section, t.title, t.deadline, t.units) for t in plan.tasks] == [
        (1, "一", "启动品牌高中建设,遴选首批培育学校", "年内持续推进", []),
        (2, "一", "保障随迁子女在公办学校就读", "2021年底前完成", []),
        (3, "二", "新建100个老年日间照料中心", "年内持续推进", [])]
    assert [(s.number, s.title) for s in plan.sections] == [("一", "教育"), ("二", "养老")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(3, 100.0, "个"), (3, 4000.0, "张")]


@pytest.mark.parametrize("bracket", ["(截至6月底)", "(2021年)"])
def test_paragraphs_under_headings_closed_by_a_report_date_or_a_bare_year_are_no_plan(bracket):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"某市2021年工作情况\n01 教育\n学校建设工作进展顺利。{bracket}\n随迁子女就读得到保障。{bracket}\n"
                        f"02 养老\n养老服务体系不断完善。{bracket}\n")


def test_a_notices_attachment_list_is_not_tasks():
    plan = parse_plan_text("某市关于印发2023年实事的通知\n附件:1. 2023年实事项目表\n2. 2023年重点项目表\n"
                           "2023年实事项目表\n一、民生\n1.新建公园3座。责任单位:市城管局\n")
    assert [t.title for t in plan.tasks] == ["新建公园3座"]


def test_sentences_each_closed_by_a_bracket_of_names_give_their_item_every_bracket_in_order():
    """A one-line page: each 一、 item a name sentence, then sentences closed by brackets of units;
    the bracket after a quoted term defines it (“三有二无”(…)), so it names no units and its
    70岁以上 is an age."""
    plan = parse_plan_text(
        "某市2008年民生工程目标 一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。"
        "库区完成新村扶贫帮扶7个(剑阁县政府)。救助市城区“三有二无”(低保户家庭有重症患者、有重度残疾人、"
        "70岁以上无人供养老人)特困群众350户(市惠民帮扶中心)。 二、教育助学工程。开工建设20所农村寄宿制学校(市教育局)。")
    assert [(t.title, t.units, t.lead, t.lead_basis) for t in plan.tasks] == [
        ("扶贫解困工程", ["市扶贫开发办", "市以工代赈办", "剑阁县政府", "市惠民帮扶中心"], "市扶贫开发办", LEAD_ASSUMED),
        ("教育助学工程", ["市教育局"], "市教育局", LEAD_ASSUMED)]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 57, "个"), (1, 7, "个"), (1, 350, "户"),
                                                                    (2, 20, "所")]


def test_a_bracket_of_names_inside_a_sentence_or_before_a_comma_adds_no_units():
    plan = parse_plan_text(HEADER + "1.推进养老服务。联合市民政局(市老龄办)开展评估,建成护理中心2所(市卫健委)。\n"
                                    "2.新建公园3座(市城管局)。\n")
    assert [t.units for t in plan.tasks] == [["市卫健委"], ["市城管局"]]


# --- targets ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,wanted", [
    ("建设高标准农田3万亩", (3.0, "万亩")), ("接待游客120万人次", (120.0, "万人次")),
    ("新建道路12.5公里", (12.5, "公里")), ("购置设备20套", (20.0, "套")), ("配置电脑300台", (300.0, "台")),
    ("发放消费券10万张", (10.0, "万张")), ("推广新品种5种", (5.0, "种")), ("完成投资1,200万元", (1200.0, "万元")),
    ("实施项目 25 个", (25.0, "个")), ("开展筛查1万例以上", (1.0, "万例")),
    ("引导1000名以上高校毕业生到基层就业", (1000.0, "名")), ("新增100个以上托位", (100.0, "个")),
    ("组织专家坐诊1000场次以上", (1000.0, "场次")), ("年度抽检不少于50批次", (50.0, "批次")),
    ("食品抽检不少于5.5批次/千人", (5.5, "批次/千人")), ("开展职业技能培训800人(次)", (800.0, "人(次)")),
    ("新增养老床位300床", (300.0, "床")), ("完成2000个C级长照据点整备", (2000.0, "个")),
    ("确保4个结构性指标均实现10%以上增长", (10.0, "%")),
    ("新改建户用卫生厕所9.3万座", (9.3, "万座")), ("改造中小学教室照明2万间", (2.0, "万间")),
    ("为80万农村妇女免费做“两癌”检查", (80.0, "万")), ("对40万贫困劳动力开展技能培训", (40.0, "万")),
    ("解决10万农村人口的饮水安全问题", (10.0, "万")), ("新建农村沼气池2.2万口", (2.2, "万口")),
    ("为2万对符合条件的计划怀孕夫妇提供免费检查", (2.0, "万对")),
    ("服务大厅改造,修缮约500m²", (500.0, "m²")), ("新建停车场1.2万㎡", (1.2, "万㎡")),
    ("改造屋面3000 m2", (3000.0, "m2")), ("硬化广场800平米", (800.0, "平米")),
    ("新增光伏装机容量50兆瓦", (50.0, "兆瓦")), ("新增变电容量30万千伏安", (30.0, "万千伏安")),
    ("新建灌溉渠道5000延米", (5000.0, "延米")), ("出栏肉鸡100万羽", (100.0, "万羽")),
    ("发放创业担保贷款1200笔", (1200.0, "笔")), ("整理档案3000卷", (3000.0, "卷")),
    ("打机电井20眼", (20.0, "眼")), ("新建铁塔50基", (50.0, "基")), ("查处违法案件30起", (30.0, "起")),
    ("更新设备120台套", (120.0, "台套")), ("新建道路6.5km", (6.5, "km")),
])
def test_targets_with_any_measure_word_and_spaces(text, wanted):
    plan = parse_plan_text(HEADER + f"1.推进重点工作。{text}。责任单位:市发改委\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [wanted]


def test_a_capacity_in_the_name_of_a_works_built_is_no_target():
    plan = parse_plan_text(HEADER + "1.推进能源项目。实施生物发电厂建设工程、40兆瓦大型地面光伏发电站建设工程。"
                                    "责任单位:市发改委\n")
    assert plan.indicators == []


def test_a_traditional_plans_units_of_measure_are_given_as_printed_where_they_were_read():
    """裡 and 個 elsewhere in the text: 公里 and 40箇 stay as the item prints them."""
    plan = parse_plan_text("臺灣城鄉建設10項工程如下:\n1、新增4萬個停車位,讓社區村裡更便利。\n"
                           "2、完成1000公里的道路更新工作。\n3、要完成40箇中小型城鎮的公共建設。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 4, "萬個"), (2, 1000, "公里"), (3, 40, "箇")]


def test_comparators():
    plan = parse_plan_text(HEADER + "1.优化审批。审批环节最多3个,办理时限控制在5个工作日以内,新增就业2000人左右,"
                                    "受理量不少于100件。责任单位:市政务局\n")
    assert [(i.value, i.comparator) for i in plan.indicators] == [(3.0, "<="), (2000.0, "~"), (100.0, ">=")]


def test_a_comparator_right_before_a_figure_after_another_figure_in_its_clause():
    plan = parse_plan_text(HEADER + "1.建设配套管网。建设1条总长度约25公里的输水管线。责任单位:市水务局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(1.0, "条", ">="), (25.0, "公里", "~")]


def test_余_between_a_number_and_its_unit_reads_as_at_least_and_a_site_area_is_no_target():
    plan = parse_plan_text(HEADER + "1.建设蔬菜保鲜库。占地2000余平方米,预计投资1000余万元,冷库库容达15000余立方米。"
                                    "责任单位:镇农业办\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [
        (1000.0, "万元", ">="), (15000.0, "立方米", ">=")]


def test_counts_of_one_classifier_joined_by_dunhao_without_等_stay_targets():
    plan = parse_plan_text(HEADER + "1.改造老旧住宅。改造住宅12栋、商铺5栋。责任单位:市住建局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(12.0, "栋"), (5.0, "栋")]


def test_a_structures_length_is_a_target_but_its_width_is_its_specification():
    plan = parse_plan_text(HEADER + "1.新建临园路下穿通道,总长约1400米,宽50米;拓宽城区道路3公里。责任单位:市住建局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(1400.0, "米", "~"), (3.0, "公里", ">=")]


def test_a_count_before_the_colon_that_opens_its_list_is_no_target():
    plan = parse_plan_text("某镇2023年工作要点\n一是做大农业产业。2023年共谋划农业项目3个:(一)中药材种植园,种植200亩;"
                           "(二)蔬菜基地,新建大棚50个;(三)冷库项目,库容1000立方米。\n二是推进集镇建设。新建公厕2座。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 200, "亩"), (1, 50, "个"), (1, 1000, "立方米"), (2, 2, "座")]


def test_a_count_opening_its_clause_before_a_figure_it_is_to_reach_is_whom_it_concerns():
    plan = parse_plan_text("某区2022年民生实事\n1.460个居村综合文化活动室提供不少于2300场文化活动。\n"
                           "2.50个小区新增充电设施。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 2300, "场"), (2, 50, "个")]


def test_a_figure_raised_to_after_a_word_ending_in_a_measure_word_is_no_band():
    """学位至1800个: 至 after 学位 (位 a classifier, but no figure before it) raises a count; 10万元至50万元 is a band."""
    plan = parse_plan_text(HEADER + "1.提升幼教服务水平。扩充公办幼儿园学位至1800个,对10万元至50万元的项目给予补助。"
                                    "责任单位:县教育局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(1800.0, "个", ">=")]


def test_a_band_written_with_a_horizontal_bar_is_no_target():
    """陆地边境0―3公里范围内 (― U+2015, as a PDF prints the dash): a band that says where, like 0-3公里."""
    plan = parse_plan_text(HEADER + "1.为陆地边境0―3公里范围内行政村居民发放生活补助,新建边民互市点5个。"
                                    "责任单位:自治区民政厅\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(5.0, "个")]


def test_new_beneficiaries_planned_are_a_target():
    plan = parse_plan_text(HEADER + "1.推进农村饮水达标提标工程建设,新增受益人口50万人。责任单位:市水利局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(50.0, "万人")]


def test_the_people_a_clause_of_effect_after_the_work_counts_are_whom_it_serves_but_the_work_stays_a_target():
    """…维修机泵37处,有效改善9万人口的饮水安全问题: the effect of the work, to whom, as 惠及 says;
    解决6700人的饮水问题 without it stays the count of those the work provides for."""
    plan = parse_plan_text("某县2025年民生实事\n一、农村饮水维修养护工程\n维修更换农村37处的机泵、阀门,有效改善9万人口的饮水安全问题,"
                           "进一步提高供水保证率。\n二、集中供热扩建工程\n铺设供热主管网4.3公里,有效提高城区4万户用热居民的供热安全。\n"
                           "三、农村饮水管网工程\n实施农村饮水管网工程,解决6700人的饮水不安全问题。\n")
    assert [[(i.value, i.unit) for i in plan.indicators_of(t.number)] for t in plan.tasks] == [
        [(37.0, "处")], [(4.3, "公里")], [(6700.0, "人")]]


def test_a_headings_count_of_its_own_projects_is_no_target():
    plan = parse_plan_text("某市今年为民办实事十大工程\n一、科教惠民工程(项目6个,其中基建工程类5个、“小而美”事项类1个)。"
                           "主要是新建幼儿园35所,实施4个项目。\n二、健康惠民工程(共3项)。新建社区卫生服务中心3个。\n")
    assert [[(i.value, i.unit) for i in plan.indicators_of(t.number)] for t in plan.tasks] == [
        [(35.0, "所"), (4.0, "个")], [(3.0, "个")]]


def test_a_standard_set_per_head_is_a_target_but_a_rate_paid_per_item_is_none():
    plan = parse_plan_text(HEADER + "1.提高困难残疾人生活补贴发放标准。发放标准不低于每人每月60元/月,"
                                    "按每院5万元的标准给予补助。责任单位:区民政局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(60.0, "元/月", ">=")]


def test_rates_per_hundred_thousand_and_per_mille_are_targets():
    plan = parse_plan_text(HEADER + "1.提高孕产妇医疗保健水平。孕产妇死亡率控制在15/10万以内,"
                                    "婴儿死亡率控制在6‰以下。责任单位:区卫健局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(15.0, "/10万", "<="), (6.0, "‰", "<=")]


@pytest.mark.parametrize("symbol,comparator", [("≤", "<="), ("≦", "<="), ("<", "<="), ("≥", ">="), ("≧", ">=")])
def test_a_goals_comparator_written_as_a_symbol_reads_as_its_words(symbol, comparator):
    """围产儿死亡率≤5‰, 孕产妇系统管理率≥95%: ≤ as 以下, ≥ as 以上; the rate's name ends before the symbol."""
    plan = parse_plan_text(HEADER + f"1.提高妇幼健康水平。婴儿死亡率{symbol}5‰,出生缺陷发生率{symbol}3%。责任单位:区卫健局\n")
    assert [(i.name, i.value, i.unit, i.comparator) for i in plan.indicators] == [
        ("婴儿死亡率", 5.0, "‰", comparator), ("出生缺陷发生率", 3.0, "%", comparator)]


def test_rates_each_named_in_full_before_a_symbol_and_one_figure_are_a_target_each():
    """叶酸知晓率、服用率≥90%: two rates, as 知晓率、服用率达到90% are; 乙肝检测率 printed once stays one."""
    plan = parse_plan_text(HEADER + "1.做好孕前保健。目标人群叶酸知晓率、服用率≥90%,孕产妇艾滋病、梅毒、乙肝检测率≥100%。"
                                    "责任单位:区卫健局\n")
    assert [(i.name, i.value) for i in plan.indicators] == [
        ("目标人群叶酸知晓率", 90.0), ("服用率", 90.0), ("孕产妇艾滋病、梅毒、乙肝检测率", 100.0)]


@pytest.mark.parametrize("paid", ["按1500元/人标准发放求职创业补贴", "按照800元/月标准发放生活补助", "按1500元/人发放补贴",
                                  "按20%比例给予奖补"])
def test_the_rate_a_subsidy_is_paid_at_after_按_is_no_target_but_a_standard_raised_to_a_figure_is(paid):
    plan = parse_plan_text(HEADER + f"1.保障困难群众生活。{paid},农村低保标准提高到760元/月。责任单位:县民政局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(760.0, "元/月")]


def test_an_indicator_measured_in_years_raised_to_a_value_is_a_target_but_a_duration_is_none():
    """平均受教育年限达到11.1年 is an indicator in years; 用3年时间, 5年内 say how long."""
    plan = parse_plan_text(HEADER + "1.提升教育水平。劳动年龄人口平均受教育年限达到11.1年,用3年时间完成学校改造,"
                                    "5年内实现全覆盖。(市教育局)\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(11.1, "年", ">=")]


@pytest.mark.parametrize("text", ["开展联动会议每季度不少于2次", "联动会议每个季度开展至少2次"])
def test_how_often_is_a_target_though_said_per_period(text):
    plan = parse_plan_text(HEADER + f"1.推进垃圾分类。{text}。责任单位:市城管局\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == [(2.0, "次", ">=")]


@pytest.mark.parametrize("text,found", [
    ("每10万人口拥有3个社区心理服务站", [(3.0, "个", ">=")]), ("每1000人拥有3个普惠托位", [(3.0, "个", ">=")]),
    ("每100户配备1名专职网格员", [(1.0, "名", ">=")]), ("每千人口执业医师数不少于3.2人", [(3.2, "人", ">=")]),
    ("每万人口全科医生数不少于4名", [(4.0, "名", ">=")]), ("每百户拥有充电桩不少于5个", [(5.0, "个", ">=")]),
    ("每10万人口火灾发生数控制在3起以下", [(3.0, "起", "<=")]),
])
def test_the_base_of_a_rate_after_每_is_no_target_but_the_rate_over_it_is(text, found):
    """每10万人口拥有3个…: 10万人 is what the rate is counted over, 3个 the target; a base of a
    magnitude (每千人口, 每万人口) makes the figure after 不少于 a rate, not a specification of each."""
    plan = parse_plan_text(HEADER + f"1.提升公共服务水平。{text}。责任单位:市卫健委\n")
    assert [(i.value, i.unit, i.comparator) for i in plan.indicators] == found


@pytest.mark.parametrize("text,found", [
    ("每千人口执业(助理)医师数达到3.2人", (3.2, "人", "每千人口执业(助理)医师数")),
    ("每千名老年人拥有养老床位40张", (40.0, "张", "每千名老年人拥有养老床位")),
    ("每年新增城镇就业3000人", (3000.0, "人", "每年新增城镇就业")),
    ("开展联动会议每季度不少于2次", (2.0, "次", "开展联动会议每季度")),
])
def test_a_rate_over_a_base_without_a_number_and_a_yearly_count_stay_targets(text, found):
    plan = parse_plan_text(HEADER + f"1.提升公共服务水平。{text}。责任单位:市卫健委\n")
    assert [(i.value, i.unit, i.name) for i in plan.indicators] == [found]


@pytest.mark.parametrize("text", [
    "对500万元以下的项目简化审批", "在3个工作日内办结", "6个月内完成整改", "实现2000人以上中心村卫生室全覆盖",
    "新建登山步道(每条5公里以上)", "按每院5万元的标准给予补助", "下调工伤保险费率50%的政策", "已完成年度目标任务的55%",
    "职工总数30人(含)以下的企业暂免征收", "扶持100亩以上种植基地", "改造老旧小区,涉及居民 6.2 万户",
    "针对115栋超高层民用建筑开展检查", "任务指标已下达,实际减少大班额319个", "改造供水工程,惠及群众9300人",
    "支持乡镇办好实事,每个乡镇不少于2件", "在全市每个小区组织开展至少1次消防疏散演练", "开展免费健康检查,受益人群达6.1万人以上",
    "建成社区健身路径或3人制篮球场", "将高血压、糖尿病等4种慢病纳入家庭医生签约服务", "免费提供7种基础药物",
    "对签约居民中的16种慢性病患者延长处方用量", "确保4个结构性指标均实现正增长",
    "实施供水保障工程,提升3万农村人口供水保障水平", "建设引水工程,让21万群众喝上放心水",
    "对某村4栋、9栋等开展老旧房屋安全隐患整治", "完成某小区1栋、3栋、5栋等楼栋外立面改造",
    "安排资金500万对老旧小区进行改造",
])
def test_thresholds_durations_specifications_and_progress_are_not_targets(text):
    plan = parse_plan_text(HEADER + f"1.推进重点工作。{text}。责任单位:市发改委\n")
    assert plan.indicators == []


def pdf_spaced(text: str) -> str:
    """A space each side of every number, as a PDF's text layer gives it (每生每年 600 元)."""
    return re.sub(r" {2,}", " ", re.sub(r"\d+(?:\.\d+)*", lambda m: f" {m.group()} ", text)).strip()


@pytest.mark.parametrize("text,found", [
    ("将公办园生均公用经费标准提高到每生每年600元", [(600.0, "元/生·年")]),
    ("为80万农村妇女开展免费检查", [(80.0, "万")]), ("解决10万农村人口的饮水安全问题", [(10.0, "万")]),
    ("劳动年龄人口平均受教育年限达到11.1年", [(11.1, "年")]),
    ("维修机泵,有效改善9万人口的饮水安全问题", []), ("对某村4栋、9栋等开展老旧房屋安全隐患整治", []),
    ("在全市每个小区组织开展至少1次消防疏散演练", []), ("新建登山步道(每条5公里以上)", []),
    ("支持乡镇办好实事,每个乡镇不少于2件", []), ("每10万人口拥有3个社区心理服务站", [(3.0, "个")]),
])
def test_a_figure_is_read_the_same_with_a_space_each_side_of_its_number(text, found):
    """A PDF's text layer sets spaces around numbers: every rule reads the figure as written close,
    its phrase kept as printed, spaces and all."""
    close = parse_plan_text(HEADER + f"1.推进重点工作。{text}。责任单位:市发改委\n").indicators
    spaced = parse_plan_text(HEADER + f"1.推进重点工作。{pdf_spaced(text)}。责任单位:市发改委\n").indicators
    assert [(i.value, i.unit) for i in close] == found
    assert [(i.value, i.unit, i.comparator, i.name) for i in spaced] == [
        (i.value, i.unit, i.comparator, i.name) for i in close]
    assert [i.source for i in spaced] == [pdf_spaced(i.source) for i in close]


def test_a_number_before_a_word_that_opens_with_a_measure_words_character_is_no_count_in_that_measure():
    """新建11口袋公园10座城市公厕: 口 opens 口袋公园, the measure word left out; 10座 is a count."""
    plan = parse_plan_text(HEADER + "1.提升城市品质。新建11口袋公园10座城市公厕,培育5家庭农场,新建3家养老机构。"
                                    "责任单位:市城管局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(10.0, "座"), (3.0, "家")]


def test_the_share_of_the_works_to_finish_is_a_stage_but_the_count_of_works_and_a_coverage_share_are_targets():
    plan = parse_plan_text(HEADER + "1.推进重点工作。完成40条河涌截污、清淤工程的70%。"
                                    "就业社区数量达到城市社区的60%。责任单位:市水务局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(40.0, "条"), (60.0, "%")]


def test_capacities_in_the_names_of_a_list_of_projects_are_no_targets_but_capacities_and_counts_to_build_are():
    """平煤神马25万吨己二酸…等项目建设: the capacity names the project, as its owner does; 建成日处理5万吨…
    outside such a list is a capacity to reach, and a count of works listed before 等项目 stays a target."""
    plan = parse_plan_text(HEADER + "1.推进产业项目。重点抓好某化工25万吨己二酸和20万吨己内酰胺、某矿业300万吨铁精粉等项目建设,"
                                    "建成日处理5万吨污水处理厂,新建2所学校、10个足球场等项目。责任单位:市发改委\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(5.0, "万吨"), (2.0, "所"), (10.0, "个")]


def test_a_capacity_in_the_name_of_a_works_whose_construction_is_the_work_is_no_target():
    """搞好年产1000吨…加工生产线建设, 推进年产10万吨…项目建设: the works named with its capacity, as its owner
    names it; 建成日处理5万吨污水处理厂 (the capacity to reach) and a count of lines to build stay targets."""
    plan = parse_plan_text(HEADER + "1.壮大农产品加工业。支持某食品公司搞好年产1000吨豆制品加工生产线建设,"
                                    "推进年产10万吨饲料项目建设,建成日处理5万吨污水处理厂,新建2条生产线。责任单位:市发改委\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(5.0, "万吨"), (2.0, "条")]


def test_a_figure_after_names_listed_before_各_and_a_verb_is_a_target_for_each_name():
    """甲大学、乙大学和丙大学各建设1幢学生宿舍楼: one building each, three targets (和 before the last name
    as 、); 完成各类培训360人 is one total."""
    plan = parse_plan_text(HEADER + "1.改善办学条件。支持甲大学、乙大学和丙大学各建设1幢学生宿舍楼,市一中、市二中各新建1个体育馆,"
                                    "完成各类培训360人。责任单位:市教育局\n")
    assert [(i.name, i.value, i.unit) for i in plan.indicators] == [
        ("支持甲大学学生宿舍楼", 1.0, "幢"), ("乙大学学生宿舍楼", 1.0, "幢"), ("丙大学学生宿舍楼", 1.0, "幢"),
        ("市一中体育馆", 1.0, "个"), ("市二中体育馆", 1.0, "个"), ("完成各类培训", 360.0, "人")]


def test_the_size_each_of_what_is_to_be_formed_must_pass_is_no_target_but_their_count_a_total_and_a_share_are():
    """形成一批超100亿元的…集群: how big each must be, a threshold like 100亿元以上的项目; 3家 counts
    them, 超过5000万元的投资 is a total, 超过90%的行政村 a share."""
    plan = parse_plan_text(HEADER + "1.培育产业集群。形成一批超100亿元的优势产业集群和超20亿元的特色产业集群,"
                                    "培育3家超10亿元的龙头企业,完成超过5000万元的固定资产投资,确保超过90%的行政村通客车。"
                                    "责任单位:市发改委\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(3.0, "家"), (5000.0, "万元"), (90.0, "%")]


def test_a_total_over_a_count_of_places_that_a_figure_per_place_multiplies_to_is_the_target():
    """所有建制乡镇医院2名全科医生全覆盖(17个乡镇34名): 2 × 17 = 34, so 2名 is per hospital and 17个乡镇 the
    places; 34名 is the target, named by what is counted."""
    plan = parse_plan_text("某县卫生健康局2020年为民办实事\n1、所有建制乡镇医院2名全科医生全覆盖(17个乡镇34名);\n"
                           "2、为新建社区配齐网格员2名(3个社区6名);\n3、孕产妇免费产前筛查5000人。\n")
    assert [(i.task, i.name, i.value, i.unit) for i in plan.indicators] == [
        (1, "全科医生全覆盖", 34.0, "名"), (2, "为新建社区配齐网格员", 6.0, "名"), (3, "孕产妇免费产前筛查", 5000.0, "人")]


def test_a_target_restated_in_the_same_words_counts_once_but_the_same_figure_of_another_thing_counts_again():
    """A PDF table whose merged cell is read into the row above restates its text (…社区6个。…社区6个)."""
    plan = parse_plan_text(HEADER + "1.促进重点群体稳定就业。“三公里”充分就业社区6个。促进重点群体稳定就业。“三公里”充分就业社区6个。"
                                    "改造东区小区10栋,改造西区小区10栋。责任单位:县人社局\n")
    assert [(i.name, i.value, i.unit) for i in plan.indicators] == [
        ("“三公里”充分就业社区", 6.0, "个"), ("改造东区小区", 10.0, "栋"), ("改造西区小区", 10.0, "栋")]


@pytest.mark.parametrize("share", ["完成工作任务20%以上", "完成年度计划60%", "完成全年工程量30%"])
def test_the_share_of_the_plans_own_work_to_finish_is_a_stage(share):
    plan = parse_plan_text(HEADER + f"1.推进违法建设治理。年内治理违法建设300万平方米,第一季度{share}。责任单位:市城管局\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [(300.0, "万平方米")]


# --- not a plan ----------------------------------------------------------------------------------

def test_a_pages_field_lines_are_no_list_of_tasks():
    """索引号: … 文号: ends in a colon but opens no list: the lines after it are no items."""
    with pytest.raises(WorkplanError):
        parse_plan_text("索引号: 11370306MB2798220K/2021-None 文号:\n发文日期: 2021-06-24 发布机构: 某区卫生健康局\n"
                        "某区卫生健康局2021年政务公开工作实施方案\n发布日期:2021-06-24\n一级指标\n二级指标\n"
                        "主动公开\n重点领域信息\n")


def test_a_bulletin_or_summary_is_refused_in_one_line(tmp_path):
    path = tmp_path / "通报.txt"
    path.write_text("某市教育局2023年一季度重点工作进度通报\n一、总体情况\n"
                    "1.强化理论学习。已完成专题学习4次，完成率100%。（牵头单位：组织部）\n"
                    "2.扩大学位供给。已新增学位2000个。（牵头单位：发展规划科）\n", encoding="utf-8")
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(path)
    assert "通报.txt" in err.value.message and "\n" not in err.value.message


BULLETIN_OF_ITEMS = ("某市1至6月份民生工程实施进度通报\n现将1至6月份实施进度通报如下:\n一、各县区实施进度综合排名\n"
                     "1、东山县;2、西湖区;3、南城镇;4、北坪县。\n二、部分项目进展情况\n"
                     "1、城乡居民基本医疗保险,牵头单位:市医保局。{progress}\n"
                     "2、困难残疾人生活补贴,牵头单位:市民政局、市残联。其中,暗访发现问题整改不到位的为东山县。\n")


def test_a_bulletin_listing_the_plans_items_with_their_lead_labels_gives_those_items_not_its_ranking():
    plan = parse_plan_text(BULLETIN_OF_ITEMS.format(progress="其中,进度较慢的为北坪县。"))
    assert [(t.number, t.title, t.units, t.lead, t.lead_basis) for t in plan.tasks] == [
        (1, "城乡居民基本医疗保险", ["市医保局"], "市医保局", "明确"),
        (2, "困难残疾人生活补贴", ["市民政局", "市残联"], "市民政局", "明确")]


def test_a_bulletin_whose_labelled_items_report_work_done_or_their_lag_is_refused():
    with pytest.raises(WorkplanError):
        parse_plan_text(BULLETIN_OF_ITEMS.format(progress="截至6月底,已完成参保登记12万人。"))
    with pytest.raises(WorkplanError):
        parse_plan_text("某县重点项目进度通报\n1、城区污水管网改造项目进度滞后,牵头单位:县住建局。\n"
                        "2、农村公路提升工程推进缓慢,牵头单位:县交通局。\n")


@pytest.mark.parametrize("label", ["第{n}项:", "{n}、"])
def test_a_report_on_a_list_of_projects_each_headed_by_its_name_alone_gives_those_projects(label):
    """A 街道's 民生实事项目完成情况报告 heads each project with its name alone on its line, the
    report in the paragraph below: the names are the plan's items, as a 完成情况公示's are."""
    items = [("老旧小区改造工程", "包括改造小区3个。该项目总投资约300万元,资金由街道负责。该项目已于9月底完工。"),
             ("农贸市场提升工程", "包括提升市场2个。该项目总投资约120万元。该项目已于10月底完成。")]
    text = "".join(f"{label.format(n=n)}{name}。\n{report}\n" for n, (name, report) in zip("一二", items))
    plan = parse_plan_text("某街道2023年民生实事项目完成情况报告\n发布时间:2024-01-17\n" + text)
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [(1, "老旧小区改造工程", []), (2, "农贸市场提升工程", [])]
    assert [(i.task, i.value, i.unit, i.comparator) for i in plan.indicators] == [
        (1, 3, "个", ">="), (1, 300, "万元", "~"), (2, 2, "个", ">="), (2, 120, "万元", "~")]


@pytest.mark.parametrize("title,heading", [
    ("某街道2023年民生实事项目完成情况报告", "改造老旧小区3个,已全部完工。"),  # the heading reports
    ("某街道2023年民生实事项目完成情况报告", "新建农贸市场2个。"),  # the heading carries a figure
    ("某局2023年工作总结", "强化理论学习。"),  # no report on a list of projects
])
def test_a_report_whose_headings_are_no_project_names_alone_is_refused(title, heading):
    with pytest.raises(WorkplanError):
        parse_plan_text(f"{title}\n一、{heading}\n全年开展专题学习12次。已完成。\n二、推进项目建设。\n全年完成投资5000万元。\n")


def test_a_ranking_of_places_alone_is_no_list_of_tasks():
    with pytest.raises(WorkplanError):
        parse_plan_text("某市民生工程实施进度排名\n1、东山县;2、西湖区;3、南城镇;4、北坪县。\n")


def test_a_notice_of_planned_items_each_followed_by_its_progress_is_a_plan_without_the_progress_figures():
    plan = parse_plan_text(
        "2020年初,县督查局对市政府下达的工作责任目标进行细化分解。现将工作落实情况汇报如下:\n"
        "1.全社会固定资产投资增速高于全省平均水平。\n1-11月固定资产投资同比增长6.3%,全市第3位。\n"
        "2.新建中心敬老院1所,护理床位达到50%以上。\n我县对托养中心进行了改建,增加护理型床位50张。\n"
        "3.完善老年人补贴制度。完成20所供养服务设施改造。\n1-12月份共发放补贴资金12.3万元。全县已恢复面积646亩。\n"
        "4.引进投资项目不少于3个。上半年,引进投资项目3个;新开工项目80个。\n")
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (2, 1, "所"), (2, 50, "%"), (3, 20, "所"), (4, 3, "个")]


@pytest.mark.parametrize("n1,n2,n3", [("1.", "2.", "3."), ("1、", "2、", "3、"), ("(1)", "(2)", "(3)"), ("", "", "")])
def test_labelled_fields_under_each_item_are_its_text_and_a_progress_field_holds_no_target(n1, n2, n3):
    """一、某项目 / 1.建设内容:… / 2.责任单位:… / 3.进展情况:…: lines, numbered or not, that each open
    with a label a plan table names a column by, under every item, are that item's fields, not
    tasks, the last item's too; the figures of the progress field (and of the lines after it: a
    notice's closing) are what was done, not targets."""
    plan = parse_plan_text("某区2023年民生实事项目完成情况公示\n现将完成情况公示如下:\n"
                           f"一、城区公办幼儿园建设\n{n1}建设内容:新建公办幼儿园2所,新增学位540个。\n"
                           f"{n2}责任单位:区教育局、区住建局\n{n3}进展情况:两所幼儿园主体完工,新增学位540个。\n"
                           f"二、老旧小区改造\n{n1}建设内容:改造老旧小区12个。\n{n2}责任单位:区住建局\n"
                           f"{n3}进展情况:12个小区全部完工,完成投资800万元。\n三、农贸市场提升\n"
                           f"{n1}建设内容:提升改造农贸市场3个。\n{n2}责任单位:区商务局\n{n3}进展情况:3个市场全部完工。\n"
                           "地址:某区人民路1号\n联系电话:0571-1234567\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "城区公办幼儿园建设", ["区教育局", "区住建局"]), (2, "老旧小区改造", ["区住建局"]),
        (3, "农贸市场提升", ["区商务局"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 2, "所"), (1, 540, "个"), (2, 12, "个"), (3, 3, "个")]


def test_a_completion_field_after_the_planned_figure_is_kept_as_task_text_without_targets():
    plan = parse_plan_text("某县教育局2024年实事项目完成情况公示\n一、某镇中心小学建设\n1、考核任务:某镇中心小学建设,规划投资总额150万元。\n"
                           "2、完成情况:完成教学楼改造。完成投资150万元。\n二、某乡学校建设\n1、考核任务:某乡学校建设,规划投资总额90万元。\n"
                           "2、完成情况:完成运动场改造。完成投资90万元。\n")
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "某镇中心小学建设"), (2, "某乡学校建设")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 150, "万元"), (2, 90, "万元")]
    assert plan.tasks[0].body.endswith("2、完成情况:完成教学楼改造。完成投资150万元。")


def test_numbered_items_opening_with_a_field_of_work_are_tasks_not_fields():
    plan = parse_plan_text("某县2023年教育工作要点\n一、办好人民满意的教育\n1.学前教育:新建幼儿园3所。\n"
                           "2.义务教育:新增学位500个。\n二、加强教师队伍建设\n1.师德建设:开展师德培训2次。\n"
                           "2.教师培训:培训教师800人次。\n")
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "学前教育"), (2, "一", "义务教育"), (3, "二", "师德建设"), (4, "二", "教师培训")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3, "所"), (2, 500, "个"), (3, 2, "次"),
                                                                    (4, 800, "人次")]


@pytest.mark.parametrize("text,wanted", [
    ("1.稳定经济增长。地区生产总值同比增长6%。", (6, "%")), ("1.实施道路工程。1-6月完成设计,全年建成道路100公里。", (100, "公里")),
    ("1.推进充电设施建设。截至2025年底,建成充电桩100个。", (100, "个")),
    ("1.推进学校建设。上半年完成选址,新建学校3所。", (3, "所")),
])
def test_a_plans_schedule_or_planned_rate_after_its_first_sentence_is_no_progress(text, wanted):
    plan = parse_plan_text(HEADER + text + "责任单位:市发改委\n")
    assert [(i.value, i.unit) for i in plan.indicators] == [wanted]


def test_numbered_paragraphs_that_report_what_was_done_are_refused_as_no_plan():
    with pytest.raises(WorkplanError):
        parse_plan_text("某局上半年工作情况\n1.强化理论学习。已完成专题学习4次。\n"
                        "2.扩大学位供给。截至6月底已新增学位2000个。\n3.推进项目建设。同比增长12%。\n")


@pytest.mark.slow
def test_our_own_summary_and_workbooks_are_refused(tmp_path):
    from toolkit.front.demo import run_demo

    demo = run_demo(tmp_path / "demo")
    ours = [Path(p) for p in demo.run.outputs] + [demo.master] + sorted(demo.outbox.glob("*.xlsx"))[:1]
    for path in ours:
        with pytest.raises(WorkplanError) as err:
            parse_plan_file(path)
        assert path.name in err.value.message and "\n" not in err.value.message


# --- doubts --------------------------------------------------------------------------------------

def test_items_without_numbers_are_numbered_in_order_with_one_warning_that_says_so():
    plan = parse_plan_text("某县2023年民生实事分别包括:\n县中医院服务能力提升项目;\n城区智慧水务建设工程;\n背街小巷改造工程。\n")
    numbering = [w for w in plan.warnings if "编号" in w or "序号" in w]
    assert numbering == ["正文中的任务没有编号，已按出现的顺序编为1—3号，请在“任务”表核对。"]
    assert [t.review for t in plan.tasks] == ["未找到责任单位；无序号，按顺序编号"] * 3


def test_doubted_tasks_are_listed_in_the_masters_review_column(tmp_path):
    import openpyxl

    from toolkit.books.master import load_master, write_master

    plan = parse_plan_text(HEADER + "1.推进重点工作。组织实施。\n2.推进安全工作。责任单位:市应急局、市公安局\n"
                                    "3.推进文化工作。牵头单位:市文广旅局\n")
    assert [t.review for t in plan.tasks] == ["未找到责任单位", "未标明牵头单位，默认首位", ""]
    master = write_master(plan, tmp_path / "总表.xlsx")
    sheet = openpyxl.load_workbook(master)["任务"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("导入核对") + 1
    assert [sheet.cell(r, column).value for r in (2, 3, 4)] == ["未找到责任单位", "未标明牵头单位，默认首位", None]
    assert [t.review for t in load_master(master).tasks] == [t.review for t in plan.tasks]


# --- the notice header ----------------------------------------------------------------------------

def test_the_addressees_are_the_line_that_names_bodies_before_its_colon():
    plan = parse_plan_text("某县人民政府办公室关于印发2023年重点工作任务分解的通知\n各乡镇人民政府,县直各单位:\n"
                           "现将《某县2023年重点工作任务分解》印发给你们,请认真贯彻落实。\n1.新建学校3所。责任单位:县教育局\n")
    assert plan.meta.addressees == ["各乡镇人民政府", "县直各单位"]


@pytest.mark.parametrize("intro", ["这十件实事是:", "今年的工作目标任务分别为:", "现将有关情况通报如下:",
                                   "2024年,县政府将实施民生实事项目,具体如下:"])
def test_the_words_that_open_a_list_are_no_addressees(intro):
    """A bulletin opens with its addressees (各有关单位:); the words before a plan's list are none."""
    plan = parse_plan_text(f"某县2024年民生实事\n{intro}\n新建城区幼儿园2所;\n改造老旧小区12个;\n新建口袋公园5个。\n")
    assert len(plan.tasks) == 3 and plan.meta.addressees == []


# --- the reference plan ---------------------------------------------------------------------------

REFERENCE = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "plans" / "00_sanming_edu_2020_reference"


@pytest.mark.parametrize("name", ["plan.docx", "plan.pdf"])
def test_the_reference_plan_is_exact_as_word_and_pdf(name):
    """The reference plan as Word paragraphs and as the PDF LibreOffice exports from them."""
    from toolkit.plan_import import reference_plan_path

    expected = parse_plan_file(reference_plan_path())
    plan = parse_plan_file(REFERENCE / name)
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (t.number, t.title, t.units, t.lead) for t in expected.tasks]
    assert [(i.task, i.value, i.unit, i.comparator) for i in plan.indicators] == [
        (i.task, i.value, i.unit, i.comparator) for i in expected.indicators]
    wanted = json.loads((REFERENCE / "expected.json").read_text(encoding="utf-8"))["tasks"]
    assert len(plan.tasks) == len(wanted) == 35


def test_the_parts_of_a_paragraph_after_a_numbered_name_line_are_its_items_not_tasks():
    """1.优化城乡结构布局 alone, then one paragraph whose 2019年任务:一是…三是… carry the figures and
    one bracket of units closes it: one task, its figures and units from the paragraph."""
    plan = parse_plan_text(
        "某市乡村振兴三年行动方案\n一、主要任务\n(一)实施城乡空间优化行动\n坚持城乡统一规划,构建城乡协调联动发展格局。\n"
        "1.优化城乡结构布局\n完善村庄规划。2019年任务:一是完成村庄分类工作;二是评估已编制的村庄规划,评估率达到50%;"
        "三是新编制村庄规划144个。2020年任务:一是4月底前完成村庄规划评估工作;二是完成规划编制任务。"
        "(牵头单位:市资源规划局、市发改委)\n")
    assert [(t.number, t.units, t.lead_basis) for t in plan.tasks] == [(1, ["市资源规划局", "市发改委"], LEAD_MARKED)]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 50.0, "%"), (1, 144.0, "个")]


def test_parts_each_closed_by_their_own_units_after_a_numbered_name_line_stay_the_tasks():
    plan = parse_plan_text("某县2021年重点工作\n一、主要任务\n1.加强基层党建\n"
                           "一是建设党群服务中心10个(责任单位:县委组织部)。二是培训村干部500人次(责任单位:县委党校)。\n")
    assert [(t.title, t.units) for t in plan.tasks] == [("建设党群服务中心10个", ["县委组织部"]),
                                                       ("培训村干部500人次", ["县委党校"])]


def test_a_figure_broken_after_its_decimal_point_is_one_figure_not_an_item_number():
    """A PDF's text: 合计 6282616. on one line and 5 alone on the next is 6282616.5, not item 5."""
    plan = parse_plan_text("某区2019年民生实事资金表\n合计 6282616.\n5\n一、社保惠民项目\n(一)城乡居民养老保险项目\n"
                           "为参保人员缴费补助。\n(二)困难群众救助项目\n为困难群众发放救助金。\n")
    assert [t.number for t in plan.tasks] == [1, 2]
    assert plan.tasks[0].body.startswith("城乡居民养老保险项目")


def test_two_figures_on_the_lines_a_task_was_wrapped_into_stay_two():
    """…停车改造 12 / 300个停车位: the lines joined keep the figures apart (300个, not 12300个)."""
    plan = parse_plan_text("某区2024年民生实事\n1.城区停车改造 12\n300个停车位建成投用。\n2.新建公办幼儿园3所。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 300.0, "个"), (2, 3.0, "所")]


def test_a_measure_word_apart_from_its_number_that_begins_a_verb_is_that_verb():
    """…450000 支持城乡居民…: 支 begins 支持 (a verb), the amount run into the text is no count of 支;
    270余座无主化粪池, written close, stays 270 座."""
    plan = parse_plan_text("某区2019年民生实事\n1.基本医疗保险项目 2060000 1610000 450000 支持城乡居民参加基本医疗保险。\n"
                           "2.对辖区270余座无主化粪池进行清掏维护。\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 270.0, "座")]


def test_names_alone_closing_each_item_after_its_last_sentence_are_its_units():
    """A table run into text (…发放救助金. 自治区民政厅): names alone after the last sentence, in two
    items or more, are the units, a name a line broke with a space inside it closed up."""
    plan = parse_plan_text("某区2019年民生实事\n一、社保惠民项目\n(一)城乡居民养老保险项目 为参保人员缴费补助,为60岁以上参保人员"
                           "发放基础养老金. 自治区人力资 源社会保障厅\n(二)困难群众救助项目 为困难群众发放救助金. 自治区民政厅\n"
                           "(三)农村住房保险项目 为农户提供农村住房政策性保险. 全年推进\n")
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["自治区人力资源社会保障厅"]), (2, ["自治区民政厅"]), (3, [])]
    assert plan.tasks[1].body.endswith("发放救助金.")


def test_a_name_alone_after_the_last_sentence_of_one_item_only_is_no_unit():
    plan = parse_plan_text("某区2019年民生实事\n1.为参保人员缴费补助. 区人社局\n2.为困难群众发放救助金.\n")
    assert [t.units for t in plan.tasks] == [[], []]


# --- amounts of a table run into the text ---------------------------------------------------

AMOUNTS_HEADER = ("附件 2019年为民办实事项目资金筹措计划表 单位:万元\n"
                  "2019 年计划筹措资金(万元) 项目名称 合计 中央财政 本级财政\n2019 年目标任务 牵头单位 备注\n")
AMOUNTS_ROWS = ("(一) 城乡居民基本 养老保险项目\n760000 570000\n190000 按规定为参保人员进行缴费补助. 自治区人社厅\n"
                "(二) 陆地边境\n0 ―\n3 公里范围内边民补助项目\n80000 80000 为边民发放生活补助. 自治区民政厅\n"
                "(三) 农村住房 保险项目\n12000 9000\n3000 为全区\n1050 万户农户提供农村住房保险. 自治区应急厅\n")


def test_bare_figures_after_each_name_are_amounts_in_the_unit_the_table_declares():
    """A PDF table of amounts run into lines: the bare figures between an item's name and its
    text are its amounts in 万元; a figure in the name (0 ―, 3 公里) or after the text starts
    (1050 万户) is none; the name is the title."""
    plan = parse_plan_text(AMOUNTS_HEADER + AMOUNTS_ROWS)
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 760000.0, "万元"), (1, 570000.0, "万元"), (1, 190000.0, "万元"),
        (2, 80000.0, "万元"), (2, 80000.0, "万元"),
        (3, 1050.0, "万户"), (3, 12000.0, "万元"), (3, 9000.0, "万元"), (3, 3000.0, "万元")]
    assert plan.indicators[0].name == "2019年计划筹措资金"
    assert [t.title for t in plan.tasks] == ["城乡居民基本 养老保险项目", "陆地边境0 ―3 公里范围内边民补助项目",
                                             "农村住房 保险项目"]
    assert "760000" not in plan.tasks[0].body and plan.tasks[0].body.endswith("缴费补助.")
    assert [t.units for t in plan.tasks] == [["自治区人社厅"], ["自治区民政厅"], ["自治区应急厅"]]


def test_a_unit_note_alone_names_each_amount_by_its_row():
    plan = parse_plan_text("2019年民生项目资金表 单位:万元\n项目名称 合计 中央财政\n" + AMOUNTS_ROWS)
    assert [(i.task, i.name, i.value) for i in plan.indicators[:2]] == [
        (1, "城乡居民基本养老保险项目", 760000.0), (1, "城乡居民基本养老保险项目", 570000.0)]


@pytest.mark.parametrize("header", [
    "2019年为民办实事项目资金筹措计划表\n项目名称 合计 中央财政 本级财政\n",  # no unit declared
    "2019年为民办实事项目计划表 单位:个\n",  # not rows of amounts: the figures follow sentences
])
def test_bare_figures_are_no_amounts_without_a_declared_unit_or_before_a_name(header):
    rows = AMOUNTS_ROWS if "单位" not in header else (
        "(一) 为参保人员进行缴费补助.\n760000 570000 按规定办理\n(二) 为边民发放生活补助;\n80000 80000 按规定办理\n")
    plan = parse_plan_text(header + rows)
    assert [(i.value, i.unit) for i in plan.indicators if i.unit in ("万元", "个")] == []
    assert "0000" in plan.tasks[0].body


def test_bare_figures_of_one_item_only_are_no_amounts():
    plan = parse_plan_text(AMOUNTS_HEADER + "(一) 城乡居民基本 养老保险项目\n760000 570000\n190000 按规定缴费补助.\n"
                           "(二) 困难群众救助项目 为困难群众发放救助金.\n")
    assert [(i.value, i.unit) for i in plan.indicators] == []


# --- a PDF's page breaks --------------------------------------------------------------------

def test_a_page_number_between_dashes_and_the_header_printed_again_under_it_are_no_task_text():
    """…发放生活补助. 自治区民政厅 ― / 23 ― / the table's header again: the page number (its first
    dash left at the end of the line before) and the repeated header are left out, so the names
    alone close the item again."""
    plan = parse_plan_text(
        "2019年民生实事计划表\n项目名称 目标任务 牵头单位 备注\n一、社保惠民项目\n"
        "(一)困难群众救助项目 为困难群众发放救助金. 自治区民政厅\n"
        "(二)边民生活补助项目 为边民发放生活补助. 自治区民政厅 ―\n23 ―\n项目名称 目标任务 牵头单位 备注\n"
        "(三)农村住房保险项目 为农户提供农村住房保险. 自治区应急厅\n")
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["自治区民政厅"]), (2, ["自治区民政厅"]), (3, ["自治区应急厅"])]
    assert "23" not in plan.tasks[1].body and "备注" not in plan.tasks[1].body


def test_a_page_number_inside_a_task_is_left_out_and_the_text_after_it_kept():
    plan = parse_plan_text("某区2022年重点工作\n1.推进老旧小区改造,完成改造\n— 3 —\n12个小区。(牵头单位:区住建局)\n"
                           "2.新建幼儿园2所。(牵头单位:区教育局)\n")
    assert plan.tasks[0].body == "推进老旧小区改造,完成改造12个小区。"
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 12.0, "个"), (2, 2.0, "所")]


# --- a PDF's lines wrapped at the page's width ----------------------------------------------

def page_lines(text: str, width: int = 20) -> str:
    """The text as a PDF's text layer gives it: each paragraph cut into lines of `width` characters."""
    return "\n".join(p[i:i + width] for p in text.split("\n") for i in range(0, len(p), width))


WRAPPED_PLAN = ("某区2023年民生实事任务分工方案\n"
                "1.推进学前教育普惠发展,新建改扩建公办幼儿园,新增学位1200个,缓解入园难问题。(牵头单位:区教育局;责任单位:区财政局、区自然资源和规划局)\n"
                "2.实施老旧小区综合改造提升工程,完成改造小区45个,同步推进加装电梯和停车设施建设。(牵头单位:区住房和城乡建设局;责任单位:各街道办事处)\n"
                "3.加强养老服务体系建设,新建社区嵌入式养老服务中心6家,提升居家养老服务水平。(牵头单位:区民政局;责任单位:区卫生健康局)\n")


def test_a_text_wrapped_at_the_page_width_is_read_as_its_paragraphs():
    """Lines as wide as the page go on in the next line, the break falling inside a figure
    (新增学位1 / 200个) or a name (区自然资源和 / 规划局) too."""
    plan = parse_plan_text(page_lines(WRAPPED_PLAN))
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["区教育局", "区财政局", "区自然资源和规划局"]), (2, ["区住房和城乡建设局", "各街道办事处"]),
        (3, ["区民政局", "区卫生健康局"])]
    assert [(i.task, i.value) for i in plan.indicators] == [(1, 1200.0), (2, 45.0), (3, 6.0)]


def test_page_numbers_between_dashes_are_left_out_of_a_wrapped_text():
    lines = page_lines(WRAPPED_PLAN).split("\n")
    lines[4:4] = ["- 1 -"]  # after a full line, inside task 1's units
    lines[9:9] = ["- 2 -"]
    plan = parse_plan_text("\n".join(lines))
    assert [t.units for t in plan.tasks] == [["区教育局", "区财政局", "区自然资源和规划局"],
                                             ["区住房和城乡建设局", "各街道办事处"], ["区民政局", "区卫生健康局"]]
    assert not any("- 1 -" in t.body or "- 2 -" in t.body for t in plan.tasks)


def test_a_label_the_wrap_broke_goes_on_the_line_before():
    """…牵头单位:区教育局;责 / 任单位:…: the second line's label is the end of one the wrap broke,
    so the line goes on the one before."""
    plan = parse_plan_text("某区2023年民生实事任务分工方案\n"
                           "1.推进学前教育普惠发展新建公办幼儿园(牵头单位:区教育局;责\n任单位:区财政局)\n"
                           "2.实施老旧小区综合改造提升工程完成改造(牵头单位:区住建局;责\n任单位:各街道)\n"
                           "3.加强养老服务体系建设提升居家养老服务(牵头单位:区民政局;责\n任单位:区卫健局)\n")
    assert [t.units for t in plan.tasks] == [["区教育局", "区财政局"], ["区住建局", "各街道"], ["区民政局", "区卫健局"]]


def test_a_paragraph_ending_at_the_margin_is_not_joined_to_a_number_or_a_label_under_it():
    """A units line as wide as the page ends its paragraph where the next line opens with a
    label (监督方式:) or a number (3.)."""
    task = ("{n}.落实积极应对人口老龄化国家战略加快发展健康养老育幼\n家政等服务业。\n牵头单位:县卫健委\n"
            "主要协作单位:各乡镇人民政府、经济开发区管委会、县直部门\n{tail}")
    plan = parse_plan_text("某县卫健委2021年政府工作报告任务分解\n" + task.format(n=1, tail="监督方式:0557-6031710\n")
                           + task.format(n=2, tail="") + task.format(n=3, tail=""))
    assert [(t.number, t.units) for t in plan.tasks] == [
        (n, ["县卫健委", "各乡镇人民政府", "经济开发区管委会", "县直部门"]) for n in (1, 2, 3)]


def test_a_number_alone_after_a_sentence_at_the_margin_opens_the_next_item():
    """…身上。 at the margin, then 2 alone on its line over the next item: the 2 numbers it."""
    plan = parse_plan_text("某市2017年重点工作任务\n其中市长亲自牵头的重点工作分别为:\n1\n"
                           "切实加强政府自身建设坚决把全面从严治党要求\n落实到从严治政之中落实到政府公务人员身上\n"
                           "坚持依法行政推进政务公开接受人民群众监督。\n2\n"
                           "切实将政府活动全面纳入法治轨道严格执行行政\n执法责任制规范行政行为努力提高行政效能建\n"
                           "设人民满意的服务型政府持续优化营商环境。\n3\n"
                           "真正以人民群众满意度作为评判工作的标准推进\n行政服务规范化和标准化建设完善便民服务体\n"
                           "系让数据多跑路让群众少跑腿提升办事效率。\n")
    assert [(t.number, t.title[:4]) for t in plan.tasks] == [(1, "切实加强"), (2, "切实将政"), (3, "真正以人")]


def test_lines_of_whole_sentences_as_wide_as_each_other_are_not_joined():
    """A web page's paragraphs about as long as each other, each closing its sentence or its
    bracket of units: no page wrapped them."""
    text = ("某区2023年民生实事项目安排\n"
            "新建改扩建公办幼儿园五所,新增学位一千二百个。(区教育局)\n"
            "完成老旧小区综合改造四十五个,同步加装电梯若干。(区住建局)\n"
            "新建社区嵌入式养老服务中心六家,提升服务水平。(区民政局)\n"
            "改造提升农贸市场三个。(区商务局)\n")
    assert unwrapped(text) == text


def test_a_tables_rows_laid_out_in_spaces_or_bars_are_not_joined_as_wrapped_lines():
    """Rows as wide as each other because their cells are padded (or set between bars) are a
    table's, not lines a page wrapped."""
    rows = [("1", "推进学前教育普惠发展新建公办幼儿园", "区教育局"), ("2", "实施老旧小区综合改造提升工程", "区住建局"),
            ("3", "加强养老服务体系建设提升服务水平", "区民政局"), ("4", "改造提升农贸市场及周边环境", "区商务局")]
    spaced = "某区2023年重点任务分解表\n序号  工作任务" + " " * 30 + "责任单位\n" + "\n".join(
        f"{n}     {task}{' ' * (2 * (20 - len(task)))}  {unit}" for n, task, unit in rows) + "\n"
    barred = "某区2023年重点任务分解表\n" + "\n".join(f"{task} | {unit}{'、区财政局' * (20 - len(task))} |"
                                               for _, task, unit in rows) + "\n"
    assert unwrapped(spaced) == spaced and unwrapped(barred) == barred


def test_a_tables_rows_separated_by_tabs_its_cells_quoted_over_full_lines_are_not_joined():
    """Rows copied from Excel: cells between tabs, a cell of two lines quoted. Its lines, as wide
    as each other and ending no sentence, are a cell's, not lines a page wrapped; the empty cell
    opening each row (a tab at the line's start) is kept."""
    goals = ["——老年人健康管理率达到70%以上,城乡社区老年人健康服务全覆盖", "——养老服务床位数稳步增加,护理型床位占比达到55%以上并逐年提高",
             "——老年教育覆盖面进一步扩大,县级老年大学覆盖率达到百分之百"]
    text = "某市老龄事业发展规划目标分解\n领域\t主要目标\t主要责任单位\t责任单位\n" + "".join(
        f'\t"{goal}\n{goal}"\t市卫健委\t"市民政局\n市财政局"\n' for goal in goals)
    assert unwrapped(text) == text


# --- full- and half-width punctuation -------------------------------------------------------

def test_a_full_width_slash_in_a_measure_is_read_like_a_half_width_one():
    plan = parse_plan_text(HEADER + "1.加强食品安全监管,年度抽检不少于5.5批次／千人。(牵头单位:市市场监管局)\n"
                           "2.加强药品安全监管,年度抽检不少于3批次/千人。(牵头单位:市市场监管局)\n")
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 5.5, "批次/千人"), (2, 3.0, "批次/千人")]


def test_a_bulletins_ranking_typed_with_full_width_marks_is_read_like_one_typed_half_width():
    """１、金寨县；２、金安区；…: places a bulletin ranks, not tasks, whichever width the semicolons are."""
    text = ("六安市１至８月份民生工程实施进度通报\n为扎实推进我市２０２１年３３项民生工程精准实施，现将实施进度通报如下：\n"
            "一、各县区民生工程实施进度综合排名\n１、金寨县；２、金安区；３、裕安区；４、霍山县。\n二、部分项目进展情况\n"
            "１、学前教育促进，牵头单位：市教体局。其中，８月份督查暗访发现问题整改不到位的为舒城县。\n"
            "２、中小学及中职学校教师培训，牵头单位：市教体局。\n３、困难残疾人生活补贴，牵头单位：市民政局。\n")
    half = text.translate(str.maketrans("，；：", ",;:"))
    assert [(t.number, t.units) for t in parse_plan_text(text).tasks] == [
        (t.number, t.units) for t in parse_plan_text(half).tasks] == [(1, ["市教体局"]), (2, ["市教体局"]), (3, ["市民政局"])]


@pytest.mark.parametrize("br", ["\n", ""])
def test_numbers_in_brackets_spaced_as_a_pdfs_text_gives_them_number_the_items(br):
    """( 4 ) 建设 100 所…: a PDF's text layer puts spaces around figures, inside brackets too (on
    lines of their own or run on in one line)."""
    plan = parse_plan_text(f"贵州省 2020 年“十件民生实事”\n( 4 )建设 100 所公办幼儿园。(牵头单位:省教育厅){br}"
                           f"( 5 )新建 50 个农贸市场。(牵头单位:省商务厅){br}( 6 )改造 200 个老旧小区。(牵头单位:省住房城乡建设厅)\n")
    assert [(t.number, t.units) for t in plan.tasks] == [(4, ["省教育厅"]), (5, ["省商务厅"]), (6, ["省住房城乡建设厅"])]
    assert [i.value for i in plan.indicators] == [100.0, 50.0, 200.0]


@pytest.mark.parametrize("first", ["1.推进城市更新", "(一)推进城市更新", "一是推进城市更新"])
def test_numbers_in_sequence_glued_to_the_words_before_the_first_open_the_items(first):
    """…重点工作责任分解1.推进…: the first number glued to a heading's words opens item 1 where the
    numbers after it go on in sequence (2. 3.); figures inside the sentences (3、5、7号楼, 1.5万人)
    and sub-items inside an item ((1)(2)) go on nothing and stay in their item."""
    n = {"1.": "{}.", "(一)": "({})", "一是": "{}是"}[next(k for k in ("1.", "(一)", "一是") if first.startswith(k))]
    second, third = (n.format(x) for x in (("2", "3") if n == "{}." else ("二", "三")))
    plan = parse_plan_text(f"某区2021年重点工作责任分解(此件公开发布)重点工作{first}。完成3、5、7号楼改造,"
                           f"(1)拆除违建;(2)整治环境。(牵头单位:区住建局){second}扩大就业。新增就业1.5万人。(牵头单位:区人社局)"
                           f"{third}办好教育。新建学校2所。(牵头单位:区教育局)")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "推进城市更新", ["区住建局"]), (2, "扩大就业", ["区人社局"]), (3, "办好教育", ["区教育局"])]
    assert "(1)拆除违建;(2)整治环境" in plan.tasks[0].body


def test_numbers_glued_to_words_that_do_not_go_on_in_sequence_open_nothing():
    """A 1. and a 2. glued to the words before them, without a 3. after them, are no evidence: the
    plan's one numbered item (after its boundary) stays one."""
    plan = parse_plan_text("某区2021年重点工作责任分解 1.推进城市更新。改造楼房1.计划外2.计划内。(牵头单位:区住建局)")
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["区住建局"])]


def test_a_first_heading_glued_to_the_words_before_it_opens_over_its_first_sub_item():
    """…责任分解一、主要目标(一)地区生产总值…: the heading's few words and sub-item (一) after it."""
    plan = parse_plan_text("附件:1.县重点工作责任分解2.市重点事项责任分解(此件公开发布)县重点工作责任分解一、主要目标"
                           "(一)地区生产总值增长11%。(牵头单位:县发改局)(二)地方财政收入增长3%。(牵头单位:县财政局)"
                           "(三)固定资产投资增长12%。(牵头单位:县发改局)")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "地区生产总值增长11%", ["县发改局"]), (2, "地方财政收入增长3%", ["县财政局"]),
        (3, "固定资产投资增长12%", ["县发改局"])]
    assert [s.title for s in plan.sections] == ["主要目标"]


@pytest.mark.parametrize("glue", ["", " "])
def test_numbers_alone_on_their_lines_once_open_the_items_where_they_go_on_in_sequence(glue):
    """A number alone on its line above its item (1 / 新增…), the line breaks lost: 1 2 3 glued to the
    words each side open the items, as on lines of their own; figures (100张, 2公里, 10个) stay."""
    items = ["新增100张养护床位", "完成2公里健身步道贯通", "新建10个社区康复中心"]
    text = "2024年某区政府为民办实事项目" + "".join(f"{glue}{n}{glue}{item}" for n, item in enumerate(items, 1))
    plan = parse_plan_text(text)
    assert [(t.number, t.title) for t in plan.tasks] == list(enumerate(items, 1))


def test_numbers_alone_that_do_not_go_on_in_sequence_open_nothing():
    with pytest.raises(WorkplanError):
        parse_plan_text("2024年某区政府为民办实事项目1新增床位,改造3所学校2新建步道")


def test_an_extracts_numbers_glued_to_a_heading_go_on_from_any_first_number():
    """…——推进教育高质量发展204.推进…205.…206.…: a run of numbers in sequence may start anywhere."""
    plan = parse_plan_text("某市2023年政府工作报告目标任务责任分解方案——推进教育高质量发展204.推进学前教育普惠发展。"
                           "(责任单位:市教育局)205.推进普通高中多样化发展。(责任单位:市教育局)"
                           "206.加强师德师风建设。(责任单位:市教育局)")
    assert [(t.number, t.title) for t in plan.tasks] == [
        (204, "推进学前教育普惠发展"), (205, "推进普通高中多样化发展"), (206, "加强师德师风建设")]


def test_a_first_sub_item_glued_to_its_sections_few_words_opens_there():
    """一、工作分工(一)关于…(二)关于…: two sub-items, no run of three, but (一) follows the heading's words."""
    plan = parse_plan_text("关于落实有关政策措施的通知现将有关事项通知如下:一、工作分工(一)关于粮食安全的问题,"
                           "由发展改革委研究提出落实意见。(二)关于耕地保护的问题,由国土资源部研究提出落实意见。")
    assert [t.number for t in plan.tasks] == [1, 2]
    assert plan.tasks[0].title.startswith("关于粮食安全的问题")


def test_a_section_number_glued_before_a_figure_opens_its_section_in_sequence():
    """…管网建设二、10万平方米老旧小区改造…三、…: no figure is written 二、10; the section opens."""
    plan = parse_plan_text("关于下达2024年民生实事项目的通知:一、雨污管网分流改造项目牵头单位:县城管局任务目标:完成管网分流改造;新建市政管网"
                           "二、10万平方米老旧小区改造项目牵头单位:县住建局任务目标:完成外立面改造;完成楼梯间改造"
                           "三、新建300个公共充电桩项目牵头单位:县发改委任务目标:完成建设")
    assert [t.units for t in plan.tasks] == [["县城管局"], ["县住建局"], ["县发改委"]]


def test_a_plans_one_item_glued_to_the_heading_words_before_it_opens_there():
    """…(此件公开发布)重点工作责任分解1.聚焦…: item 1 after a heading's few words that follow a bracket,
    one item only (no sequence to tell); the notice's text before it stays out of the item."""
    plan = parse_plan_text("关于印发2021年重点工作责任分解的通知各县(市、区)人民政府:现印发给你们,请认真贯彻执行。"
                           "(此件公开发布)重点工作责任分解1.聚焦不平衡不充分问题,实施富民行动。"
                           "牵头市领导:汤某责任单位:市发改委、市农业农村局")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "聚焦不平衡不充分问题,实施富民行动", ["市发改委", "市农业农村局"])]


def test_a_full_width_minus_and_angle_brackets_are_read_like_half_width_ones():
    """１－１１月…: the period so far (progress, no target) as 1-11月 is; 各县＜市、区＞人民政府: one
    name, the brackets around words inside it, as 各县<市、区>人民政府 is."""
    def read(minus: str, left: str, right: str):
        plan = parse_plan_text(HEADER + f"1.扩大有效投资。全年固定资产投资增长8%。1{minus}11月固定资产投资同比增长6.3%。"
                                        f"(市发改委,各县{left}市、区{right}人民政府,排名第一位为牵头单位)\n")
        return [(i.value, i.unit) for i in plan.indicators], plan.tasks[0].units
    assert read("－", "＜", "＞") == read("-", "<", ">") == ([(8.0, "%")], ["市发改委", "各县<市、区>人民政府"])


def test_a_measure_word_in_brackets_inside_a_salutation_declares_no_column_of_amounts():
    """各乡镇(场)党委、政府: 场 (the farms) goes on into words, no column named with its unit; 816 南路, a
    road a PDF's text spaced, is no amount."""
    plan = parse_plan_text("某县2021年为民办实事工作计划\n各乡镇(场)党委、政府:\n( 1 )修复 816 南路西侧路网。\n"
                           "主办单位:县城投公司\n( 2 )改造提升 816 东路。\n主办单位:县城投公司\n")
    assert plan.indicators == [] and [t.title for t in plan.tasks] == ["修复 816 南路西侧路网", "改造提升 816 东路"]
