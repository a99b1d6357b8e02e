"""One reading of a table whatever carries it, and columns decided by what their cells hold.
Every document is built here."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from toolkit.model.plan import LEAD_ASSUMED, LEAD_MARKED
from toolkit.plan_import import parse_plan_file, parse_plan_text

TITLE = "某区2023年民生实事项目责任分工表"
HEADER = ["序号", "实事名称", "建设内容", "牵头单位", "配合单位", "完成时限", "牵头市领导"]
ROWS = [
    ["1", "城北学校扩建", "新建教学楼2栋，新增学位900个。", "区教育局", "区财政局、区住建局", "12月底前", "张建国"],
    ["2", "老旧小区改造", "完成老旧小区改造15个，惠及居民3000户。", "区住建局", "各街道办事处", "10月底前", "李明"],
    ["3", "农贸市场提升", "改造提升农贸市场3家。", "区商务局", "区市场监管局", "6月底前", "张建国"],
]


def expected(plan):
    return [(t.number, t.title, t.units, t.lead, t.deadline,
             [(i.value, i.unit) for i in plan.indicators_of(t.number)]) for t in plan.tasks]


WANTED = [
    (1, "城北学校扩建", ["区教育局", "区财政局", "区住建局"], "区教育局", "12月底前", [(2.0, "栋"), (900.0, "个")]),
    (2, "老旧小区改造", ["区住建局", "各街道办事处"], "区住建局", "10月底前", [(15.0, "个")]),  # 惠及居民3000户: whom it serves
    (3, "农贸市场提升", ["区商务局", "区市场监管局"], "区商务局", "6月底前", [(3.0, "家")]),
]


def word_table(rows, title: str | None = None):
    """A Word document holding `rows` as one table (under a paragraph `title`): (document, table)."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    return document, table


def word(path):
    document, _ = word_table([HEADER] + ROWS, TITLE)
    document.save(path)
    return path


def excel(path):
    book = openpyxl.Workbook()
    book.active.append([TITLE])
    for values in [HEADER] + ROWS:
        book.active.append(values)
    book.save(path)
    return path


def html(path):
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [HEADER] + ROWS)
    path.write_text(f"<html><body><p>{TITLE}</p><table>{rows}</table></body></html>", encoding="utf-8")
    return path


def text(path, lines):
    path.write_text("\n".join([TITLE] + lines), encoding="utf-8")
    return path


def barred(path):
    return text(path, [" | ".join(r) + " |" for r in [HEADER] + ROWS])


def cell_a_line(path):
    return text(path, [c for r in [HEADER] + ROWS for c in r])


def cell_a_line_with_bars_and_blank_lines(path):
    return text(path, [f"{c} |\n" for r in [HEADER] + ROWS for c in r])


def cell_a_line_with_a_bar_ending_each_row(path):
    return text(path, [f"{c} |" for r in [HEADER] + ROWS for c in r + ["|"]])


def cell_a_line_with_a_bar_for_an_empty_cell(path):
    rows = [HEADER] + [row[:5] + ["", row[6]] for row in ROWS]  # 完成时限 left empty
    return text(path, [f"{c} |" if c else "|" for r in rows for c in r])


def spaced(path):
    return text(path, ["    ".join(r) for r in [HEADER] + ROWS])


@pytest.mark.parametrize("build", [word, excel, html, barred, cell_a_line,
                                   cell_a_line_with_bars_and_blank_lines,
                                   cell_a_line_with_a_bar_ending_each_row, spaced])
def test_the_same_table_reads_the_same_whatever_carries_it(tmp_path, build):
    suffix = {"word": ".docx", "excel": ".xlsx", "html": ".html"}.get(build.__name__, ".txt")
    plan = parse_plan_file(build(tmp_path / f"分工表{suffix}"))
    assert expected(plan) == WANTED
    # the 牵头市领导 column names people: never units nor lead, though its header says 牵头
    assert not any(name in t.units for t in plan.tasks for name in ("张建国", "李明"))
    assert all(t.lead_basis == LEAD_MARKED for t in plan.tasks)
    assert plan.meta.title == TITLE


def test_a_bar_alone_is_an_empty_cell_where_every_cell_ends_in_a_bar(tmp_path):
    plan = parse_plan_file(cell_a_line_with_a_bar_for_an_empty_cell(tmp_path / "分工表.txt"))
    assert [(t.number, t.units, t.deadline) for t in plan.tasks] == [
        (number, units, "") for number, _, units, *_ in WANTED]
    assert not any(name in t.units for t in plan.tasks for name in ("张建国", "李明"))


def test_a_table_in_single_spaced_text_read_by_its_header_words():
    plan = parse_plan_text("2016年量化指标任务分工\n序号 工 作 任 务 牵头负责部门\n"
                           "1 城镇新增就业1000万人以上 人力资源社会保障部\n"
                           "2 再开工20项重大水利工程 水利部\n")
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "城镇新增就业1000万人以上", ["人力资源社会保障部"]), (2, "再开工20项重大水利工程", ["水利部"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(1000.0, "万人"), (20.0, "项")]


def test_columns_without_header_words_are_decided_by_their_cells(tmp_path):
    document, _ = word_table([["1", "党的建设", "深入开展党史学习教育，举办专题培训班4期。", "县委组织部、县委宣传部", "6月底前"],
                              ["2", "党的建设", "完善基层党组织建设，新建党群服务中心10个。", "县委组织部", "12月底前"],
                              ["3", "民生保障", "新增城镇就业2000人以上。", "县人社局", "全年"]], "某县2022年重点工作清单")
    document.save(tmp_path / "清单.docx")
    plan = parse_plan_file(tmp_path / "清单.docx")
    assert [(s.number, s.title) for s in plan.sections] == [("一", "党的建设"), ("二", "民生保障")]
    assert [(t.number, t.section, t.units, t.deadline) for t in plan.tasks] == [
        (1, "一", ["县委组织部", "县委宣传部"], "6月底前"), (2, "一", ["县委组织部"], "12月底前"),
        (3, "二", ["县人社局"], "全年")]
    assert plan.tasks[0].lead_basis == LEAD_ASSUMED
    assert "按内容判断" in plan.tasks[0].review  # the columns were guessed: the rows are doubted


def test_a_progress_column_gives_no_targets_and_a_figure_column_gives_one(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "项目名称", "建设内容", "总投资（万元）", "责任单位", "进展情况"])
    ws.append(["1", "城市用气提升工程", "对28个小区进行液改气改造，安装燃气安全装置13000套。", "1200", "城投集团",
               "已完成改造20个小区，完成投资800万元。"])
    book.save(tmp_path / "项目表.xlsx")
    plan = parse_plan_file(tmp_path / "项目表.xlsx")
    assert [(i.value, i.unit) for i in plan.indicators] == [(28.0, "个"), (13000.0, "套"), (1200.0, "万元")]
    assert plan.indicators[-1].name == "总投资"
    assert "已完成" not in plan.tasks[0].body


def test_a_schedule_column_is_task_text_but_gives_no_targets(tmp_path):
    rows = [["序号", "实事项目", "工作举措及实施计划", "责任单位", "配合单位"],
            ["1", "新增婴幼儿托位500个。", "3月底前新增托位100个；6月底前新增托位200个；9月底前完成500个。",
             "卫生健康局", "财政局、教育局"]]
    plan = parse_plan_text("\n".join(" | ".join(r) + " |" for r in rows))
    task = plan.tasks[0]
    assert [(i.value, i.unit) for i in plan.indicators] == [(500.0, "个")]
    assert "6月底前新增托位200个" in task.body
    # a 责任单位 column set against a 配合单位 column names the lead
    assert task.units == ["卫生健康局", "财政局", "教育局"] and task.lead_basis == LEAD_MARKED


def test_label_value_tables_give_one_task_a_block(tmp_path):
    document = docx.Document()
    for content, unit, deadline in (("建设城市书房5家。", "区文旅局", "10月底前"),
                                    ("新建口袋公园8个。", "区城管局", "12月底前")):
        table = document.add_table(rows=0, cols=2)
        for label, value in (("任务内容", content), ("责任单位", unit), ("时间节点", deadline)):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    document.save(tmp_path / "事项.docx")
    plan = parse_plan_file(tmp_path / "事项.docx")
    assert [(t.title, t.units, t.deadline) for t in plan.tasks] == [
        ("建设城市书房5家", ["区文旅局"], "10月底前"), ("新建口袋公园8个", ["区城管局"], "12月底前")]


def test_a_label_value_tables_quarterly_shares_of_the_work_are_no_targets(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for label, value in (("重点工作:", "135.统筹违法建设治理,年内治理违法建设300万平方米。"), ("牵头单位:", "市城管局"),
                         ("年度阶段性工作目标:", "第一季度:印发工作方案。完成工作任务20%以上。 第二季度:完成工作任务的50%以上。")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.save(tmp_path / "落实情况.docx")
    plan = parse_plan_file(tmp_path / "落实情况.docx")
    assert [(t.number, t.units) for t in plan.tasks] == [(135, ["市城管局"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(300.0, "万平方米")]


def test_label_value_lines_in_text():
    plan = parse_plan_text("牵头领导:杨某某\n解决问题:搭建委员在基层的履职平台,推动委员进社区\n"
                           "工作措施:召开政协委员与群众面对面恳谈会\n完成时限:2021年4月底\n")
    (task,) = plan.tasks
    assert task.title == "搭建委员在基层的履职平台,推动委员进社区"
    assert task.deadline == "2021年4月底" and task.units == []


def test_label_value_lines_of_several_tasks_under_a_heading_stay_a_table():
    """Under 一、重点任务 a label comes again (任务内容: a second time): the records of a table, each a
    task, not one item's fields under its heading."""
    plan = parse_plan_text("某市2023年重点任务分解\n一、重点任务\n任务内容:新建学校3所。\n责任单位:市教育局\n"
                           "完成时限:12月底前\n任务内容:改造小区20个。\n责任单位:市住建局\n完成时限:11月底前\n")
    assert [(t.title, t.units, t.deadline) for t in plan.tasks] == [
        ("新建学校3所", ["市教育局"], "12月底前"), ("改造小区20个", ["市住建局"], "11月底前")]


def test_a_row_under_a_merged_number_goes_on_with_its_task(tmp_path):
    document, table = word_table([["序号", "民生实事", "责任单位", "完成时限"],
                                  ["1", "开工建设县老年养护楼。", "县民政局", "5月底前动工"],
                                  ["", "开工建设老年大学。", "县教科局", "12月底前"],
                                  ["2", "新建2座人行天桥。", "县住建局", "9月投入使用"]])
    column = table.columns[0].cells
    column[1].merge(column[2]).text = "1"
    document.save(tmp_path / "实事.docx")
    plan = parse_plan_file(tmp_path / "实事.docx")
    assert [(t.number, t.units, t.deadline) for t in plan.tasks] == [
        (1, ["县民政局", "县教科局"], "5月底前动工"), (2, ["县住建局"], "9月投入使用")]
    assert "开工建设老年大学" in plan.tasks[0].body


GROUPED_ROWS = [["序号", "目标与任务", "牵头责任单位", "责任单位"],
                ["一、主要预期目标", "", "", ""],
                ["(1)", "地区生产总值增长6%以上。", "市发展改革委", "各县区政府"],
                ["(2)", "固定资产投资增长6%左右。", "市发展改革委", "各县区政府"],
                ["二、重点做好以下工作", "", "", ""],
                ["1", "大力提振消费。", "", ""],
                ["(3)", "统筹衔接消费券发放与以旧换新行动,推动汽车消费转型升级。", "市商务局", "市财政局"],
                ["(4)", "实施提振消费专项行动,设立消费促进基金。", "市发展改革委 市商务局", "市财政局"]]


@pytest.mark.parametrize("carrier", ["docx", "txt", "txt_left_out"])
def test_a_row_numbered_1_holding_a_short_phrase_in_a_table_numbered_in_brackets_is_a_group_heading(tmp_path, carrier):
    """Tasks numbered (1)…(n), and a row numbered 1 holding only 大力提振消费。 (merged across the
    row in Word, empty cells written out as text, or left out, which reads them as merged down
    from the row above): the heading of the tasks below it, no task."""
    if carrier == "docx":
        document, table = word_table(GROUPED_ROWS)
        for r in (1, 4):
            table.rows[r].cells[0].merge(table.rows[r].cells[3]).text = GROUPED_ROWS[r][0]
        table.rows[5].cells[1].merge(table.rows[5].cells[3]).text = "大力提振消费。"
        document.save(tmp_path / "分解.docx")
        plan = parse_plan_file(tmp_path / "分解.docx")
    else:
        rows = [[c for c in row if c] if carrier == "txt_left_out" else row for row in GROUPED_ROWS]
        plan = parse_plan_text("某市2025年重点工作及责任分解\n" + "\n".join(" | ".join(row) + " |" for row in rows))
    assert [(t.number, t.title[:8], t.units) for t in plan.tasks] == [
        (1, "地区生产总值增长", ["市发展改革委", "各县区政府"]), (2, "固定资产投资增长", ["市发展改革委", "各县区政府"]),
        (3, "统筹衔接消费券发", ["市商务局", "市财政局"]), (4, "实施提振消费专项", ["市发展改革委", "市商务局", "市财政局"])]
    assert plan.sections[-1].title == "大力提振消费"
    assert "大力提振消费" not in [u.name for u in plan.units]


CN_GROUPED_ROWS = [["序号", "工作内容", "牵头部门", "完成时间"],
                   ["一", "重点任务", "", ""],
                   ["(一)", "健全责任体系", "", ""],
                   ["1", "完善考核办法,推动企业落实主体责任。", "县应急局", "2019年"],
                   ["2", "制定权力和责任清单。", "县应急局、县编办", "2019年"],
                   ["（二）", "提升执法能力", "", ""],
                   ["1", "完善执法检查制度,明确检查频次。", "县应急局、县司法局", "持续推进"],
                   ["2", "建立行政执法与刑事司法衔接机制。", "县公安局", "2020年"]]


@pytest.mark.parametrize("carrier", ["docx", "xlsx", "txt"])
def test_a_row_numbered_in_bracketed_chinese_holding_a_short_phrase_in_a_table_numbered_1_is_a_group_heading(
        tmp_path, carrier):
    """Tasks numbered 1…n (restarting under each group), and rows (一) | 健全责任体系 with their
    other cells empty: the headings of the tasks below them, no tasks."""
    if carrier == "docx":
        document, _ = word_table(CN_GROUPED_ROWS)
        document.save(tmp_path / "分工.docx")
        plan = parse_plan_file(tmp_path / "分工.docx")
    elif carrier == "xlsx":
        plan = _sheet(tmp_path, CN_GROUPED_ROWS)
    else:
        plan = parse_plan_text("某县安全生产主要任务分工\n" + "\n".join(" | ".join(row) + " |" for row in CN_GROUPED_ROWS))
    assert [(t.number, t.title[:6], t.units) for t in plan.tasks] == [
        (1, "完善考核办法", ["县应急局"]), (2, "制定权力和责", ["县应急局", "县编办"]),
        (3, "完善执法检查", ["县应急局", "县司法局"]), (4, "建立行政执法", ["县公安局"])]
    assert [s.title for s in plan.sections] == ["健全责任体系", "提升执法能力"]
    assert "健全责任体系" not in [u.name for u in plan.units]


def test_a_row_numbered_in_bracketed_chinese_with_units_of_its_own_stays_a_task(tmp_path):
    plan = _sheet(tmp_path, [["序号", "工作内容", "牵头部门", "完成时间"],
                             ["(一)", "健全责任体系", "县应急局", "2019年"],
                             ["1", "完善考核办法,推动企业落实主体责任。", "县应急局", "2019年"],
                             ["2", "制定权力和责任清单。", "县编办", "2019年"]])
    assert [t.title for t in plan.tasks][:1] == ["健全责任体系"]
    assert len(plan.tasks) == 3


def test_a_short_row_of_a_table_numbered_without_brackets_stays_a_task(tmp_path):
    plan = _sheet(tmp_path, [["序号", "目标与任务", "牵头责任单位"],
                             ["1", "大力提振消费。", ""],
                             ["2", "新建学校3所。", "市教育局"]])
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "大力提振消费"), (2, "新建学校3所")]


def test_a_flattened_row_missing_its_merged_first_cell_is_placed_by_its_cells():
    rows = ["类别 | 民生事项名称 | 年度任务目标 | 责任单位 | 分管市领导 |",
            "四、教育文化 | 14.改扩建泉山学校 | 完成泉山学校一期2座教学楼建设。 | 教育体育局 | 刘福利 |",
            "15.推进学校塑胶运动场地建设 | 完成13处农村学校塑胶运动场地建设。 | 教育体育局 | 刘福利 | |"]
    plan = parse_plan_text("\n".join(rows))
    assert [(t.number, t.units) for t in plan.tasks] == [(14, ["教育体育局"]), (15, ["教育体育局"])]


def test_cells_wrapped_over_lines_in_a_table_flattened_one_cell_a_line():
    lines = ["2023年民生实事项目实施计划表", "序号", "项目名称", "建设内容", "建设起", "止年限", "总投资", "(万元)",
             "2023年度", "计划", "资金", "来源", "责任", "单位",
             "1", "城市用气", "提升工程", "对28个小区进行液改气改造,安装燃气安全装置13000套。", "2023.01-2023.12",
             "1200", "完工投用", "国企投资", "城投集团",
             "2", "山塘水库整治工程", "完成6座小型水库加固改造。", "2023.01-2023.12", "4600", "基本完工", "政府投资",
             "水利局",
             "3", "城区道路", "改造工程", "改造道路5条。", "2023.03-2023.12", "800", "开工", "政府投资", "住建局"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "城市用气提升工程", ["城投集团"], "2023.01-2023.12"),
        (2, "山塘水库整治工程", ["水利局"], "2023.01-2023.12"),
        (3, "城区道路改造工程", ["住建局"], "2023.03-2023.12")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 28.0, "个"), (1, 13000.0, "套"), (1, 1200.0, "万元"), (2, 6.0, "座"), (2, 4600.0, "万元"),
        (3, 5.0, "条"), (3, 800.0, "万元")]


def test_flattened_rows_missing_a_merged_group_cell_in_the_middle_and_empty_bar_lines():
    rows = ["序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注 |",
            "1 | 做好疫情信息发布 | 围绕散发疫情发布权威信息 | 应急处、疾控处 | 长期推进 |", "|",
            "2 | 做好疫苗接种信息公开 | 疾控处 | 长期推进 |", "|",
            "3 | 常规政务公开事项 | 强化行政执法信息公开 | 政法处 | 长期推进 |", "|",
            "4 | 推进预算、决算公开 | 财务处 | 2021年2月公布预算信息,8月公布决算信息 |"]
    plan = parse_plan_text("\n".join(rows))
    assert [(t.number, t.units, t.deadline) for t in plan.tasks] == [
        (1, ["应急处", "疾控处"], "长期推进"), (2, ["疾控处"], "长期推进"), (3, ["政法处"], "长期推进"),
        (4, ["财务处"], "2021年2月公布预算信息,8月公布决算信息")]
    assert [s.title for s in plan.sections] == ["做好疫情信息发布", "常规政务公开事项"]
    assert plan.tasks[1].title == "做好疫苗接种信息公开"


def test_a_table_without_numbers_flattened_one_cell_a_line():
    cells_ = ["任务", "责任单位", "时限",
              "切实做好政策举措公开工作,强化政策解读。", "市政府各部门,各县(市、区)政府", "持续推进",
              "加大行业帮扶政策的公开力度。", "市发改委、市税务局等市有关单位,各县(市、区)政府", "持续推进",
              "建立审批问题的办理和反馈机制。", "市发改委、市住建局", "年底前"]
    plan = parse_plan_text("\n|\n".join(cells_) + "\n|")
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "切实做好政策举措公开工作,强化政策解读", ["市政府各部门", "各县(市、区)政府"], "持续推进"),
        (2, "加大行业帮扶政策的公开力度", ["市发改委", "市税务局", "各县(市、区)政府"], "持续推进"),
        (3, "建立审批问题的办理和反馈机制", ["市发改委", "市住建局"], "年底前")]
    assert all("无序号" in t.review for t in plan.tasks)


def test_a_target_column_and_pinyin_written_after_characters(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    for values in (["序號(hào)", "民生實(shí)事項(xiàng)目", "責(zé)任單位", "目標(biāo)任務(wù)", "實(shí)際完成率%"],
                   ["1", "農(nóng)村飲用水安全鞏固提升", "農(nóng)林水務(wù)局", "1300人", "54%"],
                   ["2", "新增城鎮(zhèn)就業(yè)", "人社局", "8950", "82%"],
                   ["3", "建設(shè)公辦幼兒園", "教育局", "2所", "70%"],
                   ["4", "提高低保補(bǔ)差水平,月均分別達(dá)到300元/人、140元/人", "民政局", "100%", "100%"]):
        ws.append(values)
    book.save(tmp_path / "實事.xlsx")
    plan = parse_plan_file(tmp_path / "實事.xlsx")
    assert [t.units for t in plan.tasks] == [["農(nóng)林水務(wù)局"], ["人社局"], ["教育局"], ["民政局"]]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 1300.0, "人"), (3, 2.0, "所"), (4, 300.0, "元/人"), (4, 140.0, "元/人")]


def test_a_flattened_row_of_one_text_and_empty_cells_goes_on_with_the_task_above():
    rows = ["序号 | 工作任务 | 责任单位 | 一季度目标 | 进展情况 |",
            "1 | 新改扩建公办中小学校1所 | 教体局 | 室内安装 | 已完成80%。 |",
            "新增学位810个 | |||",
            "2 | 结对帮扶学校2所 | 教体局 | 互派人员 | 顺利推进 |"]
    plan = parse_plan_text("\n".join(rows))
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["教体局"]), (2, ["教体局"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 1.0, "所"), (1, 810.0, "个"), (2, 2.0, "所")]


@pytest.mark.parametrize("dot", [".", "。"])
def test_rows_numbered_inside_their_task_cell_under_a_category_column(dot):
    lines = ["类型 |", "事项 |", "目标清单 |", "完成情况 |", "一、基础工作 |",
             f"1{dot}做好规范性文件意见征集工作。 |", "规范性文件在意见征集库公开征集意见,确保网上意见征集达到100%。 |",
             "今年来开展线上意见征集21件。 |",
             f"2{dot}严格履行重大决策程序。 |", "依法依规公开县年度重大行政决策事项目录,落实法定程序。 |",
             "审查重大决策4件。 |", "|",
             "二、重点工作 |", f"3{dot}推进政务公开标准化。 |", "完成基层政务公开标准目录的编制和公布。 |", "已完成。 |"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "一", "做好规范性文件意见征集工作"), (2, "一", "严格履行重大决策程序"), (3, "二", "推进政务公开标准化")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 100.0, "%")]


def test_a_group_cell_before_the_number_flattened_one_cell_a_line():
    lines = ["类别 |", "序号 |", "工作任务 |", "责任单位 |", "完成时限 |",
             "信访工作 |", "1 |", "做好信访事项办理结果公开。 |", "县信访局 |", "长期 |",
             "2 |", "推进网上信访。 |", "县信访局 |", "12月底前 |",
             "政务服务 |", "3 |", "优化政务服务事项清单。 |", "县政务服务中心 |", "6月底前 |"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.section, t.units, t.deadline) for t in plan.tasks] == [
        (1, "一", ["县信访局"], "长期"), (2, "一", ["县信访局"], "12月底前"), (3, "二", ["县政务服务中心"], "6月底前")]
    assert [s.title for s in plan.sections] == ["信访工作", "政务服务"]


def test_lead_column_first_then_the_other_unit_columns_as_printed():
    plan = parse_plan_text("某县2018年河长制工作任务分解表\n"
                           "序号  工作任务                      牵头单位      配合单位        责任单位\n"
                           "1     开展河湖 清四乱 专项行动      县水利局      县生态环境局    各乡镇人民政府\n"
                           "2     完成一河一策方案编制12个      县河长办      县水利局        各乡镇人民政府\n")
    assert [(t.title, t.units, t.lead) for t in plan.tasks] == [
        ("开展河湖 清四乱 专项行动", ["县水利局", "县生态环境局", "各乡镇人民政府"], "县水利局"),
        ("完成一河一策方案编制12个", ["县河长办", "县水利局", "各乡镇人民政府"], "县河长办")]


def test_a_school_calendar_each_work_row_a_task_its_merged_date_the_deadline():
    rows = ["周次 | 起止日期 | 主要工作 | 责任处室 |", "1 | 9.1-9.5 | 开学典礼 | 德育处 |", "教师培训 | 教务处 |",
            "2 | 9.6-9.12 | 教师节表彰 | 办公室 |", "3 | 9.13-9.19 | 秋季运动会 | 体卫处 |", "新生军训总结 | 德育处 |"]
    plan = parse_plan_text("某中学2021年下学期校历\n" + "\n".join(rows))
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "开学典礼", ["德育处"], "9.1-9.5"), (2, "教师培训", ["教务处"], "9.1-9.5"),
        (3, "教师节表彰", ["办公室"], "9.6-9.12"), (4, "秋季运动会", ["体卫处"], "9.13-9.19"),
        (5, "新生军训总结", ["德育处"], "9.13-9.19")]


def test_a_school_calendar_without_numbers_under_a_header_naming_departments():
    rows = ["时间 | 工作内容 | 负责部门 |", "8月30日-9月5日 | 开学典礼暨新生入学教育 | 德育处 |", "教职工大会 | 校办 |",
            "制定各处室工作计划 | 各处室 |", "9月6日-9月12日 | 庆祝教师节系列活动 | 工会 |", "高一新生军训 | 德育处 |"]
    plan = parse_plan_text("某中学2021年下学期学校工作校历\n" + "\n".join(rows))
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "开学典礼暨新生入学教育", ["德育处"], "8月30日-9月5日"), (2, "教职工大会", ["校办"], "8月30日-9月5日"),
        (3, "制定各处室工作计划", ["各处室"], "8月30日-9月5日"),
        (4, "庆祝教师节系列活动", ["工会"], "9月6日-9月12日"), (5, "高一新生军训", ["德育处"], "9月6日-9月12日")]


CALENDAR = [["日 期", "星 期", "学 校 行 事 纪 要", "备 注"], ["8月30日", "五", "开学日,新生始业式", "1~6年级正式上课"],
            ["9月2日~9月6日", "一~五", "友善校园周", "反霸凌、品德教育宣导"], ["9月17日", "二", "中秋节", "放假1日"]]


@pytest.mark.parametrize("carrier", ["docx", "txt"])
def test_a_school_calendar_under_letter_spaced_headers_its_date_column_the_deadline(tmp_path, carrier):
    """A header cell exactly 日期 names the date column (not 发布日期 in a page's fields), 行事(纪要)
    the events, 星期 the weekday: every dated row is a task, nothing in the remarks is a target."""
    if carrier == "docx":
        document = docx.Document()
        document.add_paragraph("某小学第1学期行事历")
        table = document.add_table(rows=0, cols=4)
        for values in CALENDAR:
            for cell, value in zip(table.add_row().cells, values):
                cell.text = value
        document.save(path := tmp_path / "行事历.docx")
    else:
        path = text(tmp_path / "行事历.txt", [f"{c} |" for row in CALENDAR for c in row])
    plan = parse_plan_file(path)
    assert [(t.number, t.title, t.units, t.deadline) for t in plan.tasks] == [
        (1, "开学日,新生始业式", [], "8月30日"), (2, "友善校园周", [], "9月2日~9月6日"), (3, "中秋节", [], "9月17日")]
    assert not plan.indicators


def test_a_release_date_field_names_no_date_column():
    plan = parse_plan_text("某区2023年民生实事\n发布日期:2023-03-01 来源:区政府办\n"
                           "1.新建幼儿园3所。(责任单位:区教育局)\n2.改造老旧小区15个。(责任单位:区住建局)")
    assert [(t.number, t.units, t.deadline) for t in plan.tasks] == [(1, ["区教育局"], ""), (2, ["区住建局"], "")]


def test_a_header_wrapped_over_two_lines_and_rows_ending_in_empty_bars():
    """The header goes on on the next line (任务完成率 | 备注 |); every row ends in more bars than the
    table has columns; a row whose empty cells were written at its end has them empty, not merged
    from the row above."""
    lines = ["某区2019年1-8月民生实事项目完成情况 | |||||||",
             "序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成情况 |", "任务完成率 | 备注 | |",
             "1 | 新增城镇就业 | 区人社局 | 8950人 | 7123人 | 80% | ||",
             "2 | 改建农村户厕 | 区农业农村局 | 3980个 | 1290个 | 32% | 受天气影响,进度缓慢。 |",
             "3 | 改善棚户区居民住房条件 | 区住房保障中心 | 1271户 | 350户 | 28% | 签约进度滞后。 |",
             "4 | 完成棚改项目 | 区棚改办 | 5 | 目前已经完成350户签约。 | |||",
             "5 | 完成公路安全防护工程 | 区住建局 | 11.2公里 | 11.2公里 | 100% | ||"]
    plan = parse_plan_text("\n".join(lines))
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "新增城镇就业", ["区人社局"]), (2, "改建农村户厕", ["区农业农村局"]),
        (3, "改善棚户区居民住房条件", ["区住房保障中心"]), (4, "完成棚改项目", ["区棚改办"]),
        (5, "完成公路安全防护工程", ["区住建局"])]
    assert [[(i.value, i.unit) for i in plan.indicators_of(n)] for n in range(1, 6)] == [
        [(8950.0, "人")], [(3980.0, "个")], [(1271.0, "户")], [], [(11.2, "公里")]]


def test_one_row_longer_than_the_header_keeps_its_empty_last_cell():
    """Only where most rows end in bars of no column are those bars dropped: one row with a cell
    of its own (a sub-item beside its name) keeps its cells under their columns."""
    lines = ["序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成 | 完成率 | 备注 |",
             "1 | 农村饮用水安全巩固提升 | 农林水务局 | 1300人 | 700 | 54% | 已解决700人的饮水问题 |",
             "2 | 新增城镇就业 | 人社局 | 8950人 | 7356 | 82% |  |",
             "3 | 城市棚户区改造 | 房产分局 | 7699套 | 4629 | 60% |  |",
             "4 | 深化养老保险制度改革 | 完成在职参保人数6300人 | 区人社局 | 6300人 | 7558 | 119% |  |",
             "5 | 新增养老服务床位 | 民政局 | 71个 | 55 | 77% |  |"]
    plan = parse_plan_text("某区民生实事项目完成情况\n" + "\n".join(lines))
    read = {t.number: (t.units, [(i.value, i.unit) for i in plan.indicators_of(t.number)]) for t in plan.tasks}
    assert [read[n] for n in (1, 2, 3, 5)] == [(["农林水务局"], [(1300.0, "人")]), (["人社局"], [(8950.0, "人")]),
                                               (["房产分局"], [(7699.0, "套")]), (["民政局"], [(71.0, "个")])]
    assert "完成在职参保人数6300人" not in read[4][0]  # the sub-item is no unit


def test_a_phrase_in_a_target_column_gives_the_figures_it_sets(tmp_path):
    rows = ["序号 | 项目名称 | 责任单位 | 目标任务 | 实际完成情况 | 任务完成率 |",
            "1 | 新增城镇就业 | 区人社局 | 8950人 | 7123人 | 80% |",
            "2 | 提高城乡低保标准和救助水平 | 区民政局 | 标准不低于3480元/年,人均救助水平不低于185元/月 | 已完成 | 100% |",
            "3 | 减少义务教育大班额 | 区教育局 | 51个 | 53个 | 104% |", "4 | 孕产妇免费产前筛查 | 区卫健局 | 3600人 | 2969人 | 82% |",
            "5 | 推行一村一辅警全覆盖 | 区公安分局 | 18个 | 18个 | 100% |", "6 | 改造农贸市场 | 区商务局 | 2家 | 2家 | 100% |"]
    plan = parse_plan_text("某区民生实事项目完成情况\n" + "\n".join(rows))
    assert [[(i.value, i.unit, i.comparator) for i in plan.indicators_of(n)] for n in (1, 2, 3)] == [
        [(8950.0, "人", ">=")], [(3480.0, "元/年", ">="), (185.0, "元/月", ">=")], [(51.0, "个", ">=")]]
    book = openpyxl.Workbook()  # the cell wrapped over lines, as a PDF's narrow cell gives it
    for values in [r.rstrip(" |").split(" | ") for r in rows]:
        book.active.append([v.replace("3480元", "3480\n元") for v in values])
    book.save(tmp_path / "完成情况.xlsx")
    plan = parse_plan_file(tmp_path / "完成情况.xlsx")
    assert [(i.value, i.unit) for i in plan.indicators_of(2)] == [(3480.0, "元/年"), (185.0, "元/月")]


def test_empty_cells_written_out_before_a_rows_text_are_merged_from_the_row_above():
    rows = ["周次 | 起止日期 | 主要工作 | 责任处室 |", "1 | 9.1-9.5 | 开学典礼 | 德育处 |", " |  | 教师培训 | 教务处 |",
            "2 | 9.6-9.12 | 教师节表彰 | 办公室 |"]
    plan = parse_plan_text("某中学2021年下学期校历\n" + "\n".join(rows))
    assert [(t.title, t.deadline) for t in plan.tasks] == [
        ("开学典礼", "9.1-9.5"), ("教师培训", "9.1-9.5"), ("教师节表彰", "9.6-9.12")]
    rows = ["类别 | 序号 | 工作任务 | 责任单位 |", "德育 | 1 | 开展培训 | 德育处 |", " |  | 组织考核 | 教务处 |",
            "教学 | 2 | 表彰先进 | 办公室 |"]
    plan = parse_plan_text("某中学2021年工作\n" + "\n".join(rows))
    assert [(t.number, t.section, t.units) for t in plan.tasks] == [
        (1, "一", ["德育处"]), (3, "一", ["教务处"]), (2, "二", ["办公室"])]  # an empty 序号: a task of its own


def test_a_pages_table_of_labels_and_values_is_no_task_table():
    rows = ["索引号 | 000330185/2022-86781 | 公开方式 | 主动公开 |", "公开范围 | 面向社会 | 公开时限 | 长期公开 |",
            "发布单位 | 区府办 | 发文日期 | 2022-11-03 |", "某区2022年民生实事",
            "1.新建公办幼儿园7所。(责任单位:区教育局)", "2.新建照护驿站7家。(责任单位:区卫健局)"]
    plan = parse_plan_text("\n".join(rows))
    assert [(t.number, t.units) for t in plan.tasks] == [(1, ["区教育局"]), (2, ["区卫健局"])]


def test_names_wrapped_in_a_cell_and_names_a_line():
    from toolkit.plan_import.cells import name_lines

    assert name_lines("县政务服务中心\n县代建中心") == "县政务服务中心、县代建中心"
    assert name_lines("各县（市、区）教育\n局") == "各县（市、区）教育局"
    assert name_lines("各街道办\n事处") == "各街道办事处"
    assert name_lines("市财政局 各县市区政府、 开发区\n管委会") == "市财政局 各县市区政府、 开发区管委会"  # a place's body
    assert name_lines("开发区管委会\n市财政局") == "开发区管委会、市财政局"


def test_people_and_organisations():
    from toolkit.plan_import.cells import is_org, is_people, looks_like_person

    assert looks_like_person("张建国") and looks_like_person("王某某") and looks_like_person("李明副市长")
    assert not looks_like_person("体卫科") and not looks_like_person("财务科")
    assert is_org("区疫情防控指挥部成员单位") and is_org("市级各有关部门") and is_org("局属学校(单位)")
    assert is_people("张建国、李明") and not is_people("区教育局、李明")
    assert not is_org("秋季运动会") and not is_org("项目推进会") and is_org("市个体劳动者协会")


def test_a_table_run_together_on_one_line_by_a_document_sharing_site():
    text = ("某市生活垃圾分类重点任务责任分工表.docx\n"
            "1、某市生活垃圾分类重点任务责任分工表序号工作内容目标任务责任单位备注1加强生活垃圾分类宣传"
            "发动。2021年2月底前，群众知晓率达90%以上。市委宣传部(市文明办)、市城管委,市住建局等部门,"
            "各区(市)县政府2完善生活垃圾回收利用体系。基本建成回收利用体系。市商务局,市\n"
            "2、住建局、市城管委,各区(市)县政府3加强有害垃圾处置。完善处置体系。市生态环境局")
    plan = parse_plan_text(text)
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "加强生活垃圾分类宣传发动", ["市委宣传部(市文明办)", "市城管委", "市住建局", "各区(市)县政府"]),
        (2, "完善生活垃圾回收利用体系", ["市商务局", "市住建局", "市城管委", "各区(市)县政府"]),
        (3, "加强有害垃圾处置", ["市生态环境局"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 90.0, "%")]


def test_a_table_run_together_with_people_lead_and_cooperating_names_and_merged_rows():
    text = ("2021年民生实事责任分解表.docx\n"
            "1、2021年民生实事责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位完成时限"
            "1增加学位供给新建学校12个,增加学位5000个。何海平教育局经开区高新园(邹区镇)各街道12月底前"
            "2老城厢复兴发展完成纪念馆提升工程。何海平文体旅局晋陵公司推进老街整治3处。芮春祥住建局五星街道全年"
            "序号项目名称主要内容区政府分管领导牵头单位配合单位完成时限"
            "3优化养老服务为2000名老人提供上门服务。张菁民政局区委组织部各街道10月底前")
    plan = parse_plan_text(text)
    assert [(t.number, t.units, t.lead, t.deadline) for t in plan.tasks] == [
        (1, ["教育局", "经开区", "高新园(邹区镇)", "各街道"], "教育局", "12月底前"),
        (2, ["文体旅局", "晋陵公司", "住建局", "五星街道"], "文体旅局", "全年"),
        (3, ["民政局", "区委组织部", "各街道"], "民政局", "10月底前")]
    assert "推进老街整治3处" in plan.tasks[1].body
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 12.0, "个"), (1, 5000.0, "个"), (2, 3.0, "处"), (3, 2000.0, "名")]
    assert not any(name in t.units for t in plan.tasks for name in ("何海平", "芮春祥", "张菁"))


def test_a_pdf_table_joins_the_lines_its_narrow_cells_wrap_and_keeps_a_name_a_line(tmp_path, soffice):
    """Exported by LibreOffice, as an office does: a units cell too narrow for its list wraps
    inside a name (高新区 / 管委会); a cell of one name a line keeps them apart."""
    from libreoffice import convert_all

    document = docx.Document()
    document.add_paragraph("某市2023年重点工作任务分解表")
    table = document.add_table(rows=0, cols=4)
    table.style, table.autofit = "Table Grid", False
    for values in (["序号", "具体措施", "牵头单位", "配合单位"],
                   ["1", "固定资产投资增长10%以上,新开工重大项目120个。", "市发展改革委", "县发展改革局、高新区管委会、县财政局"],
                   ["2", "新增城镇就业5万人。", "市人力资源社会保障局", "市教育局\n市财政局\n团市委"]):
        for cell, text_ in zip(table.add_row().cells, values):
            cell.text = text_
    for column, width in zip(table.columns, (1.0, 6.0, 2.5, 2.6)):
        for cell in column.cells:
            cell.width = docx.shared.Cm(width)
    document.save(tmp_path / "分解表.docx")
    (pdf,) = convert_all([tmp_path / "分解表.docx"], "pdf", tmp_path / "pdf")
    wanted = [(1, ["市发展改革委", "县发展改革局", "高新区管委会", "县财政局"]),
              (2, ["市人力资源社会保障局", "市教育局", "市财政局", "团市委"])]
    for path in (tmp_path / "分解表.docx", pdf):
        plan = parse_plan_file(path)
        assert [(t.number, t.units) for t in plan.tasks] == wanted, path.name


def test_a_pdf_cells_line_that_fills_its_width_goes_on_in_the_next():
    from toolkit.plan_import.pdf import _cell_text

    def line(text, top, x0=275.0, size=10.0):
        return [{"text": ch, "x0": x0 + k * size, "x1": x0 + (k + 1) * size, "top": top, "size": size}
                for k, ch in enumerate(text)]
    box = (270.0, 100.0, 331.0, 200.0)  # five characters wide, 5 points of padding
    wrapped = [line("市住房城乡", 100), line("建设局、市", 112), line("水务局", 124)]
    assert _cell_text(wrapped, box) == "市住房城乡建设局、市水务局"
    a_name_a_line = [line("市教育局", 100), line("团市委", 112)]
    assert _cell_text(a_name_a_line, box) == "市教育局\n团市委"


def test_a_gap_between_characters_on_a_pdf_cells_line_is_the_space_the_text_layer_leaves_out():
    """县教体局 各相关乡镇政府 printed with a space: the PDF has no space character, only a gap;
    the two names stay two units."""
    from toolkit.plan_import.cells import tokens
    from toolkit.plan_import.pdf import _cell_text

    def chars(text, x0, top=100.0, size=10.0):
        return [{"text": ch, "x0": x0 + k * size, "x1": x0 + (k + 1) * size, "top": top, "size": size}
                for k, ch in enumerate(text)]
    line = chars("县教体局", 275.0) + chars("各相关乡镇政府", 318.2)  # a gap of 3.2 points
    text = _cell_text([line], (270.0, 100.0, 400.0, 200.0))
    assert text == "县教体局 各相关乡镇政府"
    assert tokens(text) == ["县教体局", "各相关乡镇政府"]


def test_a_pdf_cells_line_without_room_for_another_character_goes_on_in_the_next():
    """部门,各县市 / 区人民政府: a half-width comma leaves the line short of the cell's edge by less
    than a character; the group name goes on in the next line."""
    from toolkit.plan_import.cells import tokens
    from toolkit.plan_import.pdf import _cell_text

    def line(parts, top, x0=275.0, size=10.0):
        out, x = [], x0
        for ch in parts:
            width = 0.32 * size if ch.isascii() else size  # a comma as a PDF sets it
            out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "size": size})
            x += width
        return out
    box = (270.0, 100.0, 340.0, 200.0)  # six characters wide, 5 points of padding
    lines = [line("市政府各有关", 100), line("部门,各县市", 112), line("区人民政府", 124)]
    assert tokens(_cell_text(lines, box)) == ["市政府各有关部门", "各县市区人民政府"]


def _sheet(tmp_path, rows, name="表.xlsx"):
    book = openpyxl.Workbook()
    for values in rows:
        book.active.append(values)
    book.save(tmp_path / name)
    return parse_plan_file(tmp_path / name)


def test_a_task_cell_numbered_with_an_ideographic_full_stop_gives_the_rows_number(tmp_path):
    plan = _sheet(tmp_path, [
        ["工作任务", "责任单位", "完成时限"],
        ["1。打通中心城区“断头路”20条。", "市住建局", "12月底前"],
        ["2。新改建农村公路200公里。", "市交通运输局", "12月底前"]])
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "打通中心城区“断头路”20条", ["市住建局"]), (2, "新改建农村公路200公里", ["市交通运输局"])]


def test_a_column_of_one_figure_repeated_down_the_rows_does_not_number_them(tmp_path):
    """An indicator's score (23, merged over its rows) is no 序号: every row is a task."""
    plan = _sheet(tmp_path, [
        ["指标", "分值", "考核内容", "责任单位", "完成时限"],
        ["政务公开", "23", "及时公开养老保障、补贴相关政策。", "民政科", "全年"],
        ["政务公开", "23", "按月公开老年人补贴申领数量。", "民政科", "每月"],
        ["政务公开", "23", "公开卫生健康领域事项标准目录。", "办公室", "6月底前"]])
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "及时公开养老保障、补贴相关政策", ["民政科"]), (2, "按月公开老年人补贴申领数量", ["民政科"]),
        (3, "公开卫生健康领域事项标准目录", ["办公室"])]


def test_a_score_column_names_the_header_and_gives_no_targets(tmp_path):
    """项 目 | 目 标 内 容 | 分值: the header, though both text columns are named as tasks."""
    plan = _sheet(tmp_path, [
        ["项 目", "目    标    内    容", "分值"],
        ["职能目标(340分)", "抓好各项专题会议的筹备、协调服务工作(50分),加强统战工作(50分)", "100"],
        ["职能目标(340分)", "强化民主监督职责,完成听取5个以上方面的工作通报(50分)。", "100"],
        ["职能目标(340分)", "配合搞好省、市政协在我区开展的有关视察、调研活动。", "40"]])
    assert [t.title for t in plan.tasks] == [
        "抓好各项专题会议的筹备、协调服务工作(50分),加强统战工作(50分)", "强化民主监督职责,完成听取5个以上方面的工作通报(50分)",
        "配合搞好省、市政协在我区开展的有关视察、调研活动"]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(2, 5, "个")]


def test_a_first_row_of_short_labels_is_the_header_though_few_are_known_words(tmp_path):
    plan = _sheet(tmp_path, [
        ["某区2021年政务公开考核指标分解表"] * 4,
        ["一级指标", "二级指标", "三级指标", "责任科室、单位"],
        ["主动公开", "重点领域信息", "是否及时公开本地区老年人养老保障、补贴相关政策", "中医科"],
        ["主动公开", "重点领域信息", "是否公开本地区卫生健康领域基层政务公开事项标准目录", "办公室"]])
    assert [(t.title, t.units) for t in plan.tasks] == [
        ("是否及时公开本地区老年人养老保障、补贴相关政策", ["中医科"]),
        ("是否公开本地区卫生健康领域基层政务公开事项标准目录", ["办公室"])]


def test_a_column_headed_as_work_already_done_gives_no_targets(tmp_path):
    plan = _sheet(tmp_path, [
        ["工作任务", "实际已完成工作量", "责任单位"],
        ["建设品质县中10所。", "建设品质县中4所,完成全部校舍主体工程建设", "市教育局"],
        ["提质改造老年学校。", "建设老年学校2所,为老年人新增学习场所和活动室", "市民政局"]])
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 10.0, "所")]
    assert [t.body for t in plan.tasks] == ["建设品质县中10所。", "提质改造老年学校。"]


def test_a_phone_number_is_no_date(tmp_path):
    plan = _sheet(tmp_path, [
        ["序号", "考核指标", "责任单位", "监督方式"],
        ["1", "按月完成临时救助的审核确认工作,及时足额发放临时救助金。", "区民政局", "区民政局办公室0558-5130002"],
        ["2", "指导乡镇按月完成城乡低保对象的动态调整工作。", "区民政局", "区民政局办公室0558-5130002"]])
    assert [(t.units, t.deadline) for t in plan.tasks] == [(["区民政局"], ""), (["区民政局"], "")]


def test_the_column_the_header_names_as_deadline_is_the_deadline(tmp_path):
    plan = _sheet(tmp_path, [
        ["序号", "考核指标", "责任单位", "实施步骤", "完成时限"],
        ["1", "按月完成临时救助的审核确认工作,及时足额发放临时救助金。", "区民政局", "按季度序时推进", "2025年12月底"],
        ["2", "指导乡镇按月完成城乡低保对象的动态调整工作。", "区民政局", "按季度序时推进", "2025年6月底"]])
    assert [t.deadline for t in plan.tasks] == ["2025年12月底", "2025年6月底"]


def test_a_deadline_header_over_sentences_that_name_no_date_gives_no_deadline(tmp_path):
    plan = _sheet(tmp_path, [
        ["序号", "重点工作任务", "牵头责任单位", "2024年1-3月份进度安排"],
        ["1", "新增托育机构2所以上。", "县卫健委", "按省、市工作要求,开展新增托位机构摸底、登记、卫生学评价等工作"],
        ["2", "加强医疗资源建设。", "县卫健委", "加强重点场所重点人群防治,做好宣传和舆论监督"]])
    assert [(t.title, t.deadline) for t in plan.tasks] == [("新增托育机构2所以上", ""), ("加强医疗资源建设", "")]


def test_names_wrapped_a_few_characters_a_line_in_a_narrow_unit_cell(tmp_path):
    """A PDF's narrow cell: 医政医 / 管与疾 / 控监督 / 科 / 区卫生 / … / 大队 is two names."""
    plan = _sheet(tmp_path, [
        ["序号", "工作任务", "责任单位"],
        ["1", "公开传染病防治监督检查情况。", "医政医\n管与疾\n控监督\n科\n区卫生\n健康监\n督执法\n大队"],
        ["2", "公开住房保障信息。", "市住房和城\n乡建设局"]])
    assert [t.units for t in plan.tasks] == [["医政医管与疾控监督科", "区卫生健康监督执法大队"], ["市住房和城乡建设局"]]



def test_a_pdf_column_under_a_header_cell_merged_over_two_keeps_its_own_cells():
    """A school calendar's PDF table as the table finder gives it: 起止日期 merged over the week
    and the date columns makes the finder's first column as wide as both; a week merged down
    its rows still fills only its own column, and each row keeps its own date."""
    from types import SimpleNamespace as Box

    from toolkit.plan_import.pdf import table_grid

    header, week = (0, 0, 400, 10), (0, 10, 100, 40)
    rows = [[header, None, (400, 0, 500, 10)],
            [week, (100, 10, 400, 20), (400, 10, 500, 20)],
            [None, (100, 20, 400, 30), (400, 20, 500, 30)],
            [None, (100, 30, 400, 40), (400, 30, 500, 40)]]
    texts = [["起止日期", None, "主要工作"], ["开学前", "2月24日", "行政务虚会"],
             [None, "2月25日", "教职工大会"], [None, "2月26日", "教师培训"]]
    table = Box(rows=[Box(cells=r, bbox=(0, r[1][1] if r[1] else 0, 500, r[2][3])) for r in rows],
                columns=[Box(bbox=(0, 0, 400, 40)), Box(bbox=(100, 10, 400, 40)), Box(bbox=(400, 0, 500, 40))],
                bbox=(0, 0, 500, 40), page=Box(chars=[]), extract=lambda: texts)
    assert table_grid(table).rows[1:] == [["开学前", "2月24日", "行政务虚会"], ["开学前", "2月25日", "教职工大会"],
                                          ["开学前", "2月26日", "教师培训"]]


def test_a_pdf_tables_next_page_starting_with_a_numbered_row_is_no_broken_row():
    """A table going on over a page: a first row with a number of its own in the 序号 column is a
    new task, though its merged group cell (column one) is blank on the new page."""
    from toolkit.plan_import.grid import Grid
    from toolkit.plan_import.pdf import _join_page_tables

    header = ["类别", "序号", "工作任务", "责任单位"]
    page1 = Grid([header, ["公开解读", "4", "建立市场准入负面清单信息公开机制。", "市发改委牵头"]])
    page2 = Grid([header, ["", "5", "全面实施“双随机、一公开”监管。", "市工商质监局牵头"],
                  ["", "", "及时公开检查执法信息。", ""]])
    (kind, grid), = _join_page_tables([("table", page1), ("table", page2)])
    assert [row[1:3] for row in grid.rows[1:]] == [
        ["4", "建立市场准入负面清单信息公开机制。"], ["5", "全面实施“双随机、一公开”监管。"], ["", "及时公开检查执法信息。"]]


def test_a_pdf_cell_merged_over_a_page_break_goes_on_down_the_next_pages_rows():
    """A calendar's week and date merged down rows that a page breaks: the next page's rows
    name their own units (a new row each) and keep the merged week and date."""
    from toolkit.plan_import.grid import Grid
    from toolkit.plan_import.pdf import _join_page_tables

    header = ["周次", "起止日期", "主要工作", "责任处室"]
    page1 = Grid([header, ["第二周", "3月8日-3月14日", "三八妇女节活动", "工会"],
                  ["第三周", "3月15日-3月21日", "主题班会:食品安全教育", "教育处、团委"],
                  ["第三周", "3月15日-3月21日", "全校视力筛查", "教育处"]], copies={(3, 0), (3, 1)})
    page2 = Grid([["", "", "与兄弟学校开展校际交流活动", "教务处"], ["", "", "高一年级入学考试", "教务处"]])
    (kind, grid), = _join_page_tables([("table", page1), ("table", page2)])
    assert grid.rows[3:] == [["第三周", "3月15日-3月21日", "全校视力筛查", "教育处"],
                             ["第三周", "3月15日-3月21日", "与兄弟学校开展校际交流活动", "教务处"],
                             ["第三周", "3月15日-3月21日", "高一年级入学考试", "教务处"]]


def test_a_pdf_header_cell_merged_down_two_header_rows_goes_on_down_no_page():
    """A header of two rows (目标任务 and 牵头单位 merged down both): the next page's first row
    with blank cells there (a section's row of sums) keeps them blank, not the last row's text."""
    from toolkit.plan_import.grid import Grid
    from toolkit.plan_import.pdf import _join_page_tables

    header = ["项目名称", "计划资金(万元)", "目标任务", "牵头单位"]
    page1 = Grid([header, ["项目名称", "合计", "目标任务", "牵头单位"],
                  ["(五)计划生育奖扶项目", "34000", "为农村计划生育家庭发放奖励金.", "自治区卫生健康委"]],
                 copies={(1, 0), (1, 2), (1, 3)})
    page2 = Grid([header, ["二、健康惠民项目", "2324800", "", ""],
                  ["(一)基本医疗保险项目", "2060000", "支持城乡居民参加基本医疗保险.", "自治区医保局"]])
    (kind, grid), = _join_page_tables([("table", page1), ("table", page2)])
    assert grid.rows[3:] == [["二、健康惠民项目", "2324800", "", ""],
                             ["(一)基本医疗保险项目", "2060000", "支持城乡居民参加基本医疗保险.", "自治区医保局"]]


def test_rows_of_a_heading_and_sums_are_sections_and_the_total_row_no_task(tmp_path):
    """A funding table: a 合计 row and section rows (一、社保惠民项目) carry only figures, the sums
    of the project rows under them, which name their work and units; project names numbered
    (一)(二) again under each section are numbered in order through the table."""
    plan = _sheet(tmp_path, [
        ["项目名称", "计划资金", "目标任务", "牵头单位"],
        ["合计", "1560000", "", ""],
        ["一、社保惠民项目", "1490000", "", ""],
        ["(一)城乡居民养老保险项目", "760000", "为城乡居民参保缴费人员进行缴费补助。", "自治区人力资源社会保障厅"],
        ["(二)困难群众救助项目", "730000", "为城乡困难群众发放救助金。", "自治区民政厅"],
        ["二、健康惠民项目", "70000", "", ""],
        ["(一)基本公共卫生服务项目", "70000", "支持免费开展基本公共卫生服务。", "自治区卫生健康委"]])
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [
        (1, "城乡居民养老保险项目", ["自治区人力资源社会保障厅"]), (2, "困难群众救助项目", ["自治区民政厅"]),
        (3, "基本公共卫生服务项目", ["自治区卫生健康委"])]
    assert [(s.number, s.title) for s in plan.sections] == [("一", "社保惠民项目"), ("二", "健康惠民项目")]


def test_rows_of_a_text_and_figures_only_stay_the_tasks(tmp_path):
    """Where every row is a name and its figures, the rows are the tasks, 一、 numbered or not."""
    plan = _sheet(tmp_path, [
        ["项目名称", "总投资(万元)", "当年投资(万元)"],
        ["一、城市用气提升工程", "1200", "1200"],
        ["二、山塘水库综合整治工程", "4600", "4600"]])
    assert [t.title for t in plan.tasks] == ["一、城市用气提升工程", "二、山塘水库综合整治工程"]


def test_an_items_row_of_figures_whose_units_are_left_blank_stays_a_task(tmp_path):
    """(三) with figures and no units beside rows that name theirs: an item, not a heading."""
    plan = _sheet(tmp_path, [
        ["项目名称", "计划资金", "目标任务", "牵头单位"],
        ["(一)城乡居民养老保险项目", "760000", "为参保缴费人员进行缴费补助。", "自治区人力资源社会保障厅"],
        ["(二)困难群众救助项目", "730000", "为困难群众发放救助金。", "自治区民政厅"],
        ["(三)边民生活补助项目", "80000", "", ""]])
    assert [t.title for t in plan.tasks] == ["城乡居民养老保险项目", "困难群众救助项目", "边民生活补助项目"]


def test_a_header_cell_naming_the_unit_merged_over_the_parts_below_it_gives_figure_columns(tmp_path):
    """计划筹措资金(万元) merged over 合计 | 中央财政 | 市县财政 in the row below: each part's figure
    is a target in 万元, the total and each part."""
    book = openpyxl.Workbook()
    sheet = book.active
    for values in [["项目名称", "计划筹措资金(万元)", "", "", "目标任务", "牵头单位"],
                   ["", "合计", "中央财政", "市县财政", "", ""],
                   ["城乡居民养老保险项目", "760000", "570000", "190000", "为参保缴费人员进行缴费补助。", "自治区人力资源社会保障厅"],
                   ["困难群众救助项目", "730000", "620000", "", "为困难群众发放救助金。", "自治区民政厅"]]:
        sheet.append(values)
    for cells in ("B1:D1", "A1:A2", "E1:E2", "F1:F2"):
        sheet.merge_cells(cells)
    book.save(tmp_path / "表.xlsx")
    plan = parse_plan_file(tmp_path / "表.xlsx")
    assert [(t.title, t.units) for t in plan.tasks] == [
        ("城乡居民养老保险项目", ["自治区人力资源社会保障厅"]), ("困难群众救助项目", ["自治区民政厅"])]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 760000.0, "万元"), (1, 570000.0, "万元"), (1, 190000.0, "万元"), (2, 730000.0, "万元"), (2, 620000.0, "万元")]


def test_a_first_row_of_short_sentences_is_no_second_header_row(tmp_path):
    """提质改造老年学校项目。 names a column's word (项目) but ends a sentence: a row, not a header."""
    plan = _sheet(tmp_path, [
        ["项目名称", "建设内容", "责任单位"],
        ["提质改造老年学校项目。", "建设老年学校2所。", "区教育局"],
        ["建设品质县中项目。", "新建教学楼4栋。", "区教育局"]])
    assert [(t.title, t.units) for t in plan.tasks] == [("提质改造老年学校项目", ["区教育局"]),
                                                       ("建设品质县中项目", ["区教育局"])]


DECISIONS = [["序号", "决策事项名称", "组织承办部门"],
             ["1", "某县土地整治规划(2016-2020年)", "县自然资源局"],
             ["2", "采用政府购买服务方式进行县城污水处理设施及管网工程等11个项目建设", "县住建局"]]


@pytest.mark.parametrize("carrier", ["docx", "txt"])
def test_a_catalogue_of_decisions_names_matters_to_decide_without_targets(tmp_path, carrier):
    """A task column named for decisions (决策事项名称): each row a matter the government is to
    decide; a count in its name (…等11个项目建设) says what it covers. The same row under 工作任务
    or 决策部署事项 (the work decided) is work with a count to reach."""
    for name, wanted in (("决策事项名称", []), ("工作任务", [(2, 11.0, "个")]), ("决策部署事项", [(2, 11.0, "个")])):
        rows = [[name if c == "决策事项名称" else c for c in row] for row in DECISIONS]
        if carrier == "docx":
            document, _ = word_table(rows, "某县2018年度重大行政决策事项目录")
            document.save(tmp_path / "目录.docx")
            plan = parse_plan_file(tmp_path / "目录.docx")
        else:
            plan = parse_plan_text("某县2018年度重大行政决策事项目录\n" + "\n".join(" | ".join(r) + " |" for r in rows))
        assert [(t.number, t.units) for t in plan.tasks] == [(1, ["县自然资源局"]), (2, ["县住建局"])]
        assert [(i.task, i.value, i.unit) for i in plan.indicators] == wanted



BREAKDOWN = [["领域", "主要目标", "主要责任单位", "责任单位"],
             ["", "1.提高孕产妇医疗保健水平。", "", ""],
             ["", "——孕产妇系统管理率达到90%以上。", "省卫生厅", "省发改委\n省财政厅"],
             ["", "——孕产妇中重度贫血患病率降低。", "省卫生厅", "省质监局"],
             ["", "2.妇女艾滋病感染率得到控制。", "省卫生厅", "省公安厅"]]


def test_dash_rows_under_a_numbered_goal_are_its_sub_goals(tmp_path):
    """A target breakdown (妇女发展规划 目标分解): the numbered goal is the task; the ——
    sub-goals under it, each with its own units, are parts of it: their units join the goal's,
    each once, the 主要责任单位 of the first leading; their figures are its targets."""
    document, _ = word_table(BREAKDOWN, "目标责任分解书")
    document.save(tmp_path / "分解书.docx")
    plan = parse_plan_file(tmp_path / "分解书.docx")
    assert [(t.number, t.title, t.units, t.lead) for t in plan.tasks] == [
        (1, "提高孕产妇医疗保健水平", ["省卫生厅", "省发改委", "省财政厅", "省质监局"], "省卫生厅"),
        (2, "妇女艾滋病感染率得到控制", ["省卫生厅", "省公安厅"], "省卫生厅")]
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 90.0, "%")]


def test_dash_rows_without_a_numbered_row_above_stay_tasks(tmp_path):
    document, _ = word_table([row for row in BREAKDOWN if not row[1][0].isdigit()], "目标责任分解书")
    document.save(tmp_path / "分解书.docx")
    assert [t.units for t in parse_plan_file(tmp_path / "分解书.docx").tasks] == [
        ["省卫生厅", "省发改委", "省财政厅"], ["省卫生厅", "省质监局"]]


def test_cell_lines_opening_with_the_level_of_others_are_names_of_their_own():
    from toolkit.plan_import.cells import name_lines

    assert name_lines("人口计生\n省公安厅\n省妇联") == "人口计生、省公安厅、省妇联"
    assert name_lines("省新闻出版\n省总工会") == "省新闻出版、省总工会"
    assert name_lines("中共广东\n省委宣传部") == "中共广东省委宣传部"  # one line opens so: a name wrapped


def test_a_pdf_row_broken_inside_a_sentence_by_a_page_goes_on_on_the_next_page():
    """The page broke a row inside its sentence (…以2010年为基 / 数下降1/3。); the table's first
    column (领域) is blank all down, so only the broken sentence tells the rest from a new row."""
    from toolkit.plan_import.grid import Grid
    from toolkit.plan_import.pdf import _join_page_tables

    header = ["领域", "主要目标", "主要责任单位", "责任单位"]
    page1 = Grid([header, ["", "3.提高儿童健康水平。\\n——中小学生贫血患病率以2010年为基", "省卫生厅", "省教育厅"]])
    page2 = Grid([["", "数下降1/3。", "", ""], ["", "——提高达标率。", "省教育厅", "省体育局"],
                  ["", "开展宣传", "", ""]])
    (kind, grid), = _join_page_tables([("table", page1), ("table", page2)])
    assert [row[1] for row in grid.rows[1:]] == [
        "3.提高儿童健康水平。\\n——中小学生贫血患病率以2010年为基数下降1/3。", "——提高达标率。", "开展宣传"]
    page3 = Grid([["", "开展宣传", "", ""]])  # after a finished sentence: a row of its own
    (kind, grid), = _join_page_tables([("table", Grid([header, ["", "4.开展宣传。", "省卫生厅", ""]])),
                                       ("table", page3)])
    assert len(grid.rows) == 3
    page4 = Grid([["", "合格率90%以上。", "", "省妇联"]])  # the rest of the sentence and of the list of names
    (kind, grid), = _join_page_tables([("table", Grid([header, ["", "6.锻炼人数比例提高,", "省体育局", "省教育厅"]])),
                                       ("table", page4)])
    assert grid.rows[1:] == [["", "6.锻炼人数比例提高,合格率90%以上。", "省体育局", "省教育厅\n省妇联"]]
    page5 = Grid([["", "与兄弟学校开展校际交流活动", "", "教务处"]])  # no stop anywhere: a row with its own names
    (kind, grid), = _join_page_tables([("table", Grid([header, ["", "全校视力筛查", "第三周", "教育处"]])),
                                       ("table", page5)])
    assert len(grid.rows) == 3
