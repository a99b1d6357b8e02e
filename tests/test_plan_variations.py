"""Plans of the same kind written with other habits: markers, brackets, numbering, widths."""

from __future__ import annotations

import pytest

from toolkit.errors import WorkplanError
from toolkit.plan_import import parse_plan_text

HEADER = "某市教育局2021年工作要点\n\n"


def parse(body: str):
    return parse_plan_text(HEADER + body)


@pytest.mark.parametrize("marker", ["责任单位", "责任科室", "责任处室"])
def test_unit_markers(marker):
    plan = parse(f"一、总则\n1.抓好学习。组织学习。{marker}:办公室、人事科\n")
    assert plan.tasks[0].units == ["办公室", "人事科"]
    assert plan.tasks[0].lead == "办公室"


def test_lead_and_cooperating_markers():
    plan = parse("一、总则\n1.抓好学习。组织学习。（牵头单位：人事科；配合单位：办公室、财务科）\n")
    task = plan.tasks[0]
    assert task.units == ["人事科", "办公室", "财务科"]
    assert task.lead == "人事科"
    roles = dict(plan.task_units(task))
    assert roles == {"人事科": "牵头", "办公室": "配合", "财务科": "配合"}


def test_two_lead_units_are_both_leads():
    plan = parse("一、总则\n1.抓好学习。组织学习。(牵头单位:人事科、办公室;配合单位:财务科)\n")
    roles = dict(plan.task_units(plan.tasks[0]))
    assert roles == {"人事科": "牵头", "办公室": "牵头", "财务科": "配合"}


@pytest.mark.parametrize("opening,closing", [("〔", "〕"), ("〔", ""), ("(", ")"), ("(", ""),
                                             ("（", "）"), ("（", ""), ("", "")])
def test_brackets_with_or_without_closing(opening, closing):
    plan = parse(f"一、总则\n1.抓好学习。组织学习。{opening}责任单位:办公室,人事科{closing}\n")
    task = plan.tasks[0]
    assert task.units == ["办公室", "人事科"]
    assert task.body == "抓好学习。组织学习。"


@pytest.mark.parametrize("sep", ["、", ",", "，", "；", ";"])
def test_separators(sep):
    plan = parse(f"一、总则\n1.抓好学习。组织学习。责任单位:办公室{sep}人事科{sep}各县(市、区)教育局\n")
    assert plan.tasks[0].units == ["办公室", "人事科", "各县(市、区)教育局"]


def test_no_separator_between_two_known_names():
    plan = parse("一、总则\n1.抓好学习。组织学习。责任单位:办公室、团工委各县(市、区)教育局\n")
    assert plan.tasks[0].units == ["办公室", "团工委", "各县(市、区)教育局"]


def test_full_width_digits_colons_and_brackets():
    plan = parse(
        "一、总则\n１．扩大学位供给。计划新增学位８６４０个，争取补助资金０．９２亿元以上。"
        "（责任单位：发展规划科，各县（市、区）教育局）\n"
    )
    task = plan.tasks[0]
    assert task.number == 1
    assert task.units == ["发展规划科", "各县(市、区)教育局"]
    values = [(i.value, i.unit, i.comparator) for i in plan.indicators]
    assert values == [(8640.0, "个", ">="), (0.92, "亿元", ">=")]
    assert plan.indicators[0].source == "计划新增学位８６４０个"  # as printed


@pytest.mark.parametrize("numbering", ["{n}.", "{n}．", "{n}、", "（{n}）", "({n})"])
def test_task_numbering_styles(numbering):
    lines = [f"{numbering.format(n=n)}任务{n}。内容。责任单位:办公室" for n in (1, 2, 3)]
    plan = parse("一、总则\n" + "\n".join(lines) + "\n")
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert [t.title for t in plan.tasks] == ["任务1", "任务2", "任务3"]


def test_parenthesised_sections():
    plan = parse("（一）加强党建\n1.抓好学习。内容。责任单位:办公室\n（二）改善民生\n2.扩大学位。内容。责任单位:人事科\n")
    assert [(s.number, s.title) for s in plan.sections] == [("一", "加强党建"), ("二", "改善民生")]
    assert [t.section for t in plan.tasks] == ["一", "二"]


def test_sub_headings_under_sections_are_not_tasks():
    plan = parse("一、加强党建\n（一）理论学习\n1.抓好学习。内容。责任单位:办公室\n")
    assert [s.number for s in plan.sections] == ["一"]
    assert len(plan.tasks) == 1


def test_tasks_wrapping_over_lines_and_paragraphs():
    plan = parse(
        "一、总则\n"
        "1.扩大学前教育资源。实施新建幼儿园项目\n25个，计划新增学位\n"
        "8640个。\n"
        "继续认定一批普惠性民办幼儿园。\n"
        "（责任单位：发展规划科、\n"
        "财务科）\n"
        "2.抓好学习。内容。责任单位:办公室\n"
    )
    first = plan.tasks[0]
    assert first.title == "扩大学前教育资源"
    assert "继续认定一批普惠性民办幼儿园" in first.body
    assert first.units == ["发展规划科", "财务科"]
    assert [(i.value, i.unit) for i in plan.indicators] == [(25.0, "个"), (8640.0, "个")]
    assert plan.tasks[1].units == ["办公室"]


def test_numbering_restarted_per_section_becomes_continuous():
    plan = parse("一、甲\n1.任务甲。责任单位:办公室\n2.任务乙。责任单位:办公室\n"
                 "二、乙\n1.任务丙。责任单位:人事科\n")
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert any("统一编号" in w for w in plan.warnings)


def test_task_without_units_is_a_warning_not_a_drop():
    plan = parse("一、总则\n1.抓好学习。组织学习。\n2.抓好纪律。责任单位:办公室\n")
    assert len(plan.tasks) == 2
    assert plan.tasks[0].units == []
    assert any(w.startswith("任务1") and "责任单位" in w for w in plan.warnings)


def test_unknown_unit_is_a_warning_naming_the_task():
    plan = parse("一、总则\n1.抓好学习。内容。责任单位:办公室、后勤服务中心\n")
    assert plan.tasks[0].units == ["办公室", "后勤服务中心"]
    assert any(w.startswith("任务1") and "后勤服务中心" in w for w in plan.warnings)
    assert plan.unit("后勤服务中心").kind == "直属单位"


def test_two_tasks_with_one_number():
    plan = parse("一、总则\n1.任务甲。责任单位:办公室\n2.任务乙。责任单位:办公室\n"
                 "2.任务丙。责任单位:人事科\n3.任务丁。责任单位:人事科\n")
    assert len(plan.tasks) == 4
    assert len({t.number for t in plan.tasks}) == 4
    assert any("任务编号2出现了两次" in w and "任务丙" in w for w in plan.warnings)


def test_text_without_numbered_tasks_is_an_error():
    with pytest.raises(WorkplanError) as err:
        parse_plan_text("这是一份通知。\n请各单位认真贯彻落实。\n")
    assert "没有找到编号的任务" in err.value.message


@pytest.mark.parametrize("text,value,unit,comparator", [
    ("就业率达97%以上", 97, "%", ">="),
    ("“大班额”控制在2%以内", 2, "%", "<="),
    ("培养公费师范生100名左右", 100, "名", "~"),
    ("总建设面积约11.09万平方米", 11.09, "万平方米", "~"),
    ("经费不低于500万元", 500, "万元", ">="),
    ("辍学率不超过0.5%", 0.5, "%", "<="),
])
def test_comparators(text, value, unit, comparator):
    plan = parse(f"一、总则\n1.任务。{text}。责任单位:办公室\n")
    (ind,) = plan.indicators
    assert (ind.value, ind.unit, ind.comparator) == (value, unit, comparator)


@pytest.mark.parametrize("text", [
    "举办第六届创新大赛", "开展第二批试点", "推进2019年和2020年项目", "推广“133”工作机制",
    "开展1+X证书制度试点", "实施提升工程2.0", "参加“6·18”活动", "办理12345便民服务平台诉求",
    "推广“真爱6+1”工作机制", "每天1小时校园体育活动",
])
def test_not_targets(text):
    plan = parse(f"一、总则\n1.任务。{text}。责任单位:办公室\n")
    assert plan.indicators == []


def test_soft_and_deadline():
    plan = parse("一、总则\n1.任务。力争年内新开工项目5个以上，确保秋季竣工项目8个。责任单位:办公室\n")
    first, second = plan.indicators
    assert (first.soft, first.deadline, first.name) == (True, "年内", "新开工项目")
    assert (second.soft, second.deadline, second.name) == (False, "秋季", "竣工项目")


def test_one_clause_several_rates():
    plan = parse("一、总则\n1.任务。力争封闭化管理率、保安员配备率、联网率达100%。责任单位:安全科\n")
    assert [i.name for i in plan.indicators] == ["封闭化管理率", "保安员配备率", "联网率"]
    assert all(i.value == 100 and i.unit == "%" for i in plan.indicators)


def test_units_in_brackets_after_the_title():
    plan = parse("一、总则\n1.强化理论学习（牵头单位：组织部；配合单位：宣传部）。组织开展学习，"
                 "培训干部200人次以上。\n2.抓好纪律。责任单位:办公室\n")
    task = plan.tasks[0]
    assert task.units == ["组织部", "宣传部"] and task.lead == "组织部"
    assert task.units_text == "（牵头单位：组织部；配合单位：宣传部）"
    assert task.body == "强化理论学习。组织开展学习，培训干部200人次以上。"
    assert task.title == "强化理论学习"
    assert [(i.value, i.unit) for i in plan.indicators] == [(200.0, "人次")]


COUNTY_PLAN = """某某县教育局关于印发2021年全县教育工作要点的通知
某教〔2021〕5号
各乡镇中心学校，县直各学校，局机关各股室：
现将《某某县教育局2021年全县教育工作要点》印发给你们，请认真抓好落实。
某某县教育局
2021年3月1日
某某县教育局2021年全县教育工作要点
2021年是“十四五”开局之年。全县教育系统要坚持稳中求进。
一、坚持党建引领，全面加强党对教育工作的领导
（一）加强政治建设
1．深入学习贯彻习近平新时代中国特色社会主义思想。组织开展党史学习教育，举办专题培训班4期。（牵头单位：办公室；配合单位：各股室、各学校）
2．落实意识形态工作责任制。定期分析研判意识形态形势。
（责任股室：政工股）
二、推进教育优质均衡发展
3．扩大学前教育资源。新建公办幼儿园3所，新增学位900个以上，学前教育毛入园率达到95%以上，普惠性幼儿园覆盖率达85%。（牵头单位：基教股；配合单位：计财股、各乡镇中心学校）
4．推进义务教育均衡发展。
义务教育巩固率保持在99%以上，
控制初中辍学率在0.5%以内。
（牵头单位：基教股；配合单位：督导室）
三、加强教师队伍建设
5．补充教师队伍。公开招聘新教师120名左右，组织全员培训不少于72学时。（责任股室：人事股）
"""


def test_a_county_plan_with_other_habits(tmp_path):
    """股室 markers, units on their own line, 各… groups, targets wrapped over lines."""
    from toolkit.books.master import load_master, write_master

    plan = parse_plan_text(COUNTY_PLAN)
    assert (plan.meta.doc_number, plan.meta.date) == ("某教〔2021〕5号", "2021-03-01")
    assert [s.number for s in plan.sections] == ["一", "二", "三"]
    assert {t.number: t.units for t in plan.tasks} == {
        1: ["办公室", "各股室", "各学校"], 2: ["政工股"], 3: ["基教股", "计财股", "各乡镇中心学校"],
        4: ["基教股", "督导室"], 5: ["人事股"]}
    got = [(i.task, i.name, i.value, i.unit, i.comparator) for i in plan.indicators]
    assert got == [
        (1, "举办专题培训班", 4, "期", ">="), (3, "新建公办幼儿园", 3, "所", ">="),
        (3, "新增学位", 900, "个", ">="), (3, "学前教育毛入园率", 95, "%", ">="),
        (3, "普惠性幼儿园覆盖率", 85, "%", ">="), (4, "义务教育巩固率", 99, "%", ">="),
        (4, "初中辍学率", 0.5, "%", "<="), (5, "公开招聘新教师", 120, "名", "~"),
        (5, "组织全员培训", 72, "学时", ">=")]
    assert plan.group("各乡镇中心学校").members == []
    assert any("各乡镇中心学校" in w and "成员" in w for w in plan.warnings)
    assert plan.unit("基教股").kind == "机关科室"
    write_master(plan, tmp_path / "m.xlsx")
    assert load_master(tmp_path / "m.xlsx").identity() == plan.identity()


def test_chinese_numbered_tasks_under_sections():
    """Some plans number their tasks （一）（二）… under 一、二、 sections, restarting each time."""
    plan = parse(
        "一、加强党的建设\n"
        "（一）加强政治建设。深入学习。（责任处室：办公室）\n"
        "（二）加强组织建设。培训党务干部300人次。（责任处室：人事处）\n"
        "二、推进教育公平\n"
        "（一）扩大学前教育资源。新增学位1.2万个，新建幼儿园30所。（牵头处室：基教处；配合处室：财务处）\n"
    )
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "加强政治建设"), (2, "一", "加强组织建设"), (3, "二", "扩大学前教育资源")]
    assert plan.tasks[2].units == ["基教处", "财务处"] and plan.tasks[2].lead == "基教处"
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 300, "人次"), (3, 1.2, "万个"), (3, 30, "所")]
    assert any("统一编号" in w for w in plan.warnings)


def test_names_of_several_units_become_groups_to_fill_in():
    plan = parse("一、总则\n1.抓好学习。内容。责任单位:办公室、县直各学校、局机关各科室\n")
    assert plan.tasks[0].units == ["办公室", "县直各学校", "局机关各科室"]
    assert plan.group("县直各学校").members == [] and plan.group("局机关各科室").members == []
    assert plan.unit("县直各学校") is None
    assert sum("暂无成员单位" in w for w in plan.warnings) == 2
