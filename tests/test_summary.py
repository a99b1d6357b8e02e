"""The summary workbook and document for the small plan, from a hand-built consolidation."""

from __future__ import annotations

import json
from datetime import date
import shutil
import zipfile

import pytest
from helpers import BING, JIA, YI, store_round, summarised
from helpers import summary_consolidation as consolidation
from helpers import summary_fig as fig
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from toolkit.front.cli import main
from toolkit.common import paths
from toolkit.errors import WorkplanError
from toolkit.model.returns import Consolidation, TaskAnswer
from toolkit.books.master import write_master
from toolkit.model.plan import Round
from toolkit.summary import templates_dir
from toolkit import app
from toolkit.summary.render import XLSX_TEMPLATE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture
def year_end(tmp_path, small_plan):
    return summarised(small_plan, consolidation(), "年终", tmp_path / "总结")


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_outputs(year_end, tmp_path):
    assert [p.name for p in year_end.outputs] == ["年终总结.xlsx", "年终总结.docx"]
    assert all(p.parent == tmp_path / "总结" and p.stat().st_size > 5000 for p in year_end.outputs)
    data = year_end.to_json()
    assert data["counts"]["已达标"] == 2 and data["counts"]["超额完成"] == 1
    assert data["task_counts"]["已完成"] == 2
    json.dumps(data, ensure_ascii=False)


def test_workbook_overview(year_end):
    wb = load_workbook(year_end.outputs[0])
    assert wb.sheetnames == ["总览", "任务完成情况", "指标完成情况", "指标图表", "单位报送情况", "考评"]
    rows = sheet_rows(wb["总览"])
    assert rows[0][0] == "某市教育局2020年工作要点年终总结"
    figures = {r[0]: (r[1], r[2]) for r in rows[4:10]}
    assert figures == {
        "重点任务": (4, "已完成2项，推进中1项，未报送1项"),
        "已完成任务": (2, "占50%"),
        "量化指标": (4, "超额完成1项，已达标2项，未报送1项"),
        "已达标指标（含超额完成）": (3, "占75%"),
        "责任单位": (7, "已报送3个，有问题1个，逾期1个，未报送2个"),
        "按时报送单位": (4, "占57%"),
    }
    assert rows[13:15] == [["一、加强党的建设", 1, 1, 1], ["二、增强教育获得感", 3, 1, pytest.approx(1 / 3)]]
    assert wb["总览"]["D14"].number_format == "0%"


def test_workbook_tasks_by_section(year_end):
    ws = load_workbook(year_end.outputs[0])["任务完成情况"]
    rows = sheet_rows(ws)
    assert rows[2][0] == "一、加强党的建设（1项，已完成1项）"
    assert rows[3][:8] == [1, "强化理论学习", "办公室", "已完成", "绿灯", "已完成", 100,
                           "全年组织集中学习12次，\n开展专题研讨4次"]
    assert rows[4][0] == "二、增强教育获得感（3项，已完成1项）"
    assert rows[5][:7] == [2, "扩大学前教育资源", "发展规划科", "已完成", "绿灯", "已完成", 100]
    assert rows[5][8] == f"{JIA}：已完成；{YI}：未报送；{BING}：已完成"
    assert rows[6][4:6] == ["红灯", "已到完成时限，尚未完成"]
    assert rows[7][:6] == [4, "促进就业", "职成科", "未报送", "黄灯", "无单位报送进展"]
    assert {"A3:K3", "A5:K5"} <= {str(m) for m in ws.merged_cells.ranges}
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["D4:D8", "E4:E8"]


def test_workbook_indicators_and_chart(year_end):
    ws = load_workbook(year_end.outputs[0])["指标完成情况"]
    rows = sheet_rows(ws)
    assert rows[1][:9] == ["指标编号", "任务序号", "指标名称", "要求", "目标值", "计量单位", "完成值",
                           "完成率", "状态"]
    # 420 + 330 + 168 = 918 of 900: 102%, met
    assert rows[2][:9] == ["I2-1", 2, "新增学位", "不低于900个", 900, "个", 918,
                           pytest.approx(1.02), "已达标"]
    assert rows[3][3] == "力争不低于0.9亿元"  # a soft target (争取)
    assert rows[3][6:9] == [pytest.approx(0.95), pytest.approx(0.95 / 0.9), "超额完成"]
    assert rows[4][6:9] == [1.6, None, "已达标"]
    assert rows[5][8] == "未报送"
    assert ws["H3"].number_format == "[<0.995]0%;[<1]0.0%;0%"  # 99.6% is not shown as 100%
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["I3:I6"]
    with zipfile.ZipFile(year_end.outputs[0]) as z:
        names = [n for n in z.namelist() if n.startswith("xl/charts/")]
        chart = etree.fromstring(z.read(names[0]))
    assert names == ["xl/charts/chart1.xml"]
    assert chart.find(f".//{C}barChart") is not None
    assert chart.find(f".//{C}plotVisOnly").get("val") == "0"  # labels in hidden column M
    refs = sorted(f.text for f in chart.iter(f"{C}f"))
    assert refs == ["'指标完成情况'!$H$3:$H$6", "'指标完成情况'!$M$3:$M$6"]
    assert [ws.cell(row=r, column=13).value for r in range(3, 7)] == [
        "I2-1 新增学位", "I2-2 争取省级以上补助资金", "I3-1 义务教育“大班额”", "I4-1 毕业生就业率"]
    assert ws.column_dimensions["M"].hidden


def test_workbook_units(year_end):
    rows = sheet_rows(load_workbook(year_end.outputs[0])["单位报送情况"])
    assert rows[2] == [1, "办公室", "机关科室", "已报送", "2020-12-20 09:30", "张三", None, 0]
    states = {r[1]: r[3] for r in rows[2:]}
    assert states == {"办公室": "已报送", "发展规划科": "已报送", "职成科": "未报送", JIA: "已报送",
                      YI: "有问题", BING: "逾期", "某某学院": "未报送"}


def paragraphs(path):
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


ISSUED = date(2020, 12, 28)  # the day the year-end summary is made: its 成文日期


@pytest.fixture
def year_end_document(tmp_path, small_plan):
    return summarised(small_plan, consolidation(), "年终", tmp_path / "总结", today=ISSUED)


def test_the_year_end_summary_as_an_official_document(year_end_document):
    """Title, 主送, the basis sentence, the parts in order, 附件说明 and 落款 (file form: the
    year-end summary has no 版头)."""
    paras = paragraphs(year_end_document.outputs[1])
    texts = [t for _, t in paras]
    assert paras[0] == ("公文标题", "某市教育局2020年工作要点落实情况总结")
    assert "各有关单位：" in texts  # the plan names no addressees: every unit it names
    assert not any(s == "版头" for s, _ in paras)
    assert [t for s, t in paras if s == "一级标题"] == [
        "一、总体情况", "二、主要工作成效", "三、存在的问题", "四、2021年工作打算"]
    opening = texts[texts.index("各有关单位：") + 1]
    assert opening == ("按照《某市教育局2020年工作要点》（某教〔2020〕1号）要求，某市教育局对7个"
                       "责任单位全年落实情况进行了汇总核对，现将落实情况总结如下：")
    overview = texts[texts.index("一、总体情况") + 1]
    assert overview.startswith("4项重点任务中，已完成2项，占50.0%；未完成1项，占25.0%；"
                               "未报送进展1项，占25.0%。4项量化指标中，已达到目标3项、暂无数据1项。")
    assert "截至12月25日，7个责任单位中按时报送4个。" in overview
    assert ("（二）增强教育获得感。本部分3项任务完成1项，4项量化指标中达到目标3项、暂无数据1项。"
            "达到目标的有：新增学位918个（目标不低于900个）") in "".join(texts)
    assert "（一）部分任务未完成。控制大班额（发展规划科牵头）已到完成时限，尚未完成。" in texts
    assert "（二）个别单位未按要求报送。职成科、某某学院未报送；丙区教育局逾期报送。" in texts
    assert ("（三）基层反映的主要困难。项目用地紧张（甲县教育局、丙区教育局反映）；"
            "学习形式还不够丰富（办公室反映）。") in texts
    # the 附件说明, then the 落款: the issuing office and the day the summary was made
    assert texts[texts.index("附件：2020年工作要点全年落实情况表") + 1:][:2] == [
        "某市教育局", "2020年12月28日"]
    assert "2020年12月25日" not in texts  # the due date is no 成文日期
    assert not any("{{" in t or "{%" in t for t in texts)


def table_rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_annex_table_has_every_task_and_indicator_with_lights(year_end_document):
    [annex] = Document(year_end_document.outputs[1]).tables
    rows = table_rows(annex)
    assert rows[0] == ["序号", "任务和量化指标", "牵头单位", "完成情况", "灯号"]
    assert rows[1] == ["一", "加强党的建设", "", "", ""]
    assert rows[2] == ["1", "强化理论学习", "办公室", "已完成", "绿灯"]
    assert rows[5] == ["", "指标：计划新增学位900个", "", "918个，完成102%（3个县（市、区）合计）",
                       "已达标"]
    assert rows[7] == ["3", "控制大班额", "发展规划科", "推进中，完成进度60%", "红灯"]
    assert rows[8] == ["", "指标：义务教育“大班额”控制在2%以内", "", "1.6%（发展规划科统计）", "已达标"]
    assert rows[9][1:] == ["促进就业", "职成科", "未报送进展", "黄灯"]
    assert annex.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on every page
    fills = [c._tc.tcPr.find(f"{W}shd").get(f"{W}fill") for c in annex.rows[7].cells]
    assert fills[-1] == "FFC7CE"  # 红灯's cell is red


def test_sub_headings_and_points_are_set_off(year_end_document):
    doc = Document(year_end_document.outputs[1])
    sub = next(p for p in doc.paragraphs if p.text.startswith("（一）部分任务未完成"))
    assert sub.runs[0].text == "（一）部分任务未完成。" and sub.runs[0].bold
    assert east_asian_run(sub.runs[0]) == "楷体_GB2312"
    point = next(p for p in doc.paragraphs if p.text.startswith("一是"))
    assert [r.text for r in point.runs if r.text][0] == "一是抓好未完成任务的收尾。"
    assert point.runs[1].bold and not point.runs[2].bold


def east_asian_run(run) -> str:
    return run._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")


def east_asian(style) -> str:
    return style.element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")


def test_document_layout(year_end_document):
    doc = Document(year_end_document.outputs[1])
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert east_asian(doc.styles["公文标题"]) == "方正小标宋简体"
    assert east_asian(doc.styles["公文正文"]) == "仿宋_GB2312"
    assert east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    assert doc.styles["公文正文"].font.size.pt == 16  # 三号
    assert doc.styles["公文标题"].font.size.pt == 22  # 二号
    for name in ("末段", "附件说明", "落款"):  # the 落款 is never alone on a page
        assert doc.styles[name].paragraph_format.keep_with_next, name
    footer = section.footer._element
    instr = [e.text.strip() for e in footer.iter(f"{W}instrText")]
    assert instr == ["PAGE"]
    assert "— 1 —" in "".join(t.text for t in footer.iter(f"{W}t")).replace("  ", " ")
    assert doc.settings.odd_and_even_pages_header_footer
    even = section.even_page_footer._element
    assert [e.text.strip() for e in even.iter(f"{W}instrText")] == ["PAGE"]
    with zipfile.ZipFile(year_end_document.outputs[1]) as z:
        fonts = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
           for f in fonts.iter(f"{W}font") if f.find(f"{W}altName") is not None}
    assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋"


def test_interim_round_is_a_bulletin_with_its_masthead(tmp_path, small_plan):
    cons = consolidation("半年")
    cons.figures = [fig("I2-1", JIA, 210), fig("I2-1", YI, 150), fig("I2-1", BING, 100)]
    small_plan.settings.documents.issuer = "某市教育局办公室"
    small_plan.settings.documents.addressees = ["各县(市、区)教育局", "局机关各科室"]
    result = summarised(small_plan, cons, "半年", tmp_path, today=date(2020, 7, 15))
    assert [p.name for p in result.outputs] == ["半年进度通报.xlsx", "半年进度通报.docx"]
    paras = paragraphs(result.outputs[1])
    texts = [t for _, t in paras]
    # journal form (docs/real-bulletins.md, 01): 版头, 期号, the office and the date over a rule
    assert paras[:3] == [("版头", "督查通报"), ("期号", "第2期"),
                         ("版头信息", "某市教育局办公室\t2020年7月15日")]
    assert [t for s, t in paras if s == "公文标题"] == ["关于某市教育局2020年工作要点",
                                                    "上半年落实情况的通报"]
    assert "各县(市、区)教育局、局机关各科室：" in texts
    assert texts.count("某市教育局办公室") == 0 and "2020年7月15日" not in texts  # no 落款
    # nothing behind: no 存在的主要问题, and the units that did not report as asked named here
    assert [t for s, t in paras if s == "一级标题"] == ["一、总体情况", "二、工作要求"]
    overview = texts[texts.index("一、总体情况") + 1]
    assert overview.endswith("截至7月10日，7个责任单位中按时报送3个；职成科、某某学院未报送；"
                             "办公室、丙区教育局逾期报送。")
    assert overview.startswith("4项重点任务中，已完成2项，占50.0%；按序时进度推进1项，占25.0%；"
                               "未报送进展1项，占25.0%。")
    assert "其中，强化理论学习（办公室牵头）等2项任务已完成。" in overview
    end = texts.index("附件：2020年工作要点上半年落实情况表")
    assert texts[end - 2:end] == ["二是强化跟踪督办。某市教育局办公室将对滞后事项开展“回头看”，跟踪督办直至完成。",
                                  ""]  # the 附件说明 one line below the body
    assert texts[end + 1:] == ["附件", "2020年工作要点上半年落实情况表"]
    demand = next(t for t in texts if t.startswith("一是按时准确报送"))
    # a new deadline after the day of the bulletin (设置: 3 days), the next round's due date
    assert "要于7月18日前补报" in demand and "要于10月10日前报送前三季度落实情况" in demand
    # 460 of 900 against 450 expected at half year: on track, in the 附件
    [annex] = Document(result.outputs[1]).tables
    row = next(r for r in table_rows(annex) if r[1] == "指标：计划新增学位900个")
    assert row[3:] == ["460个，完成51%（3个县（市、区）合计）", "进度正常"]
    wb = load_workbook(result.outputs[0])
    assert wb["总览"]["A1"].value == "某市教育局2020年工作要点半年进度通报"
    assert wb["指标完成情况"]["I3"].value == "进度正常"


def test_the_office_sets_the_form_in_its_settings(tmp_path, small_plan):
    """设置: no 版头 (a file-form bulletin with its 落款), a fixed 期号 and 成文日期, the annex
    title, and 工作要求 of its own for the round."""
    from toolkit.model.plan import Requirement

    docs = small_plan.settings.documents
    docs.masthead, docs.issue_number, docs.date = "", 7, date(2020, 7, 20)
    docs.annex_title = "半年任务落实情况一览表"
    docs.requirements = [Requirement("锚定时限狠抓落实", "各单位要倒排工期。", "半年"),
                         Requirement("查找原因精准施策", "滞后单位要说明原因。"),
                         Requirement("不属本轮", "不应出现。", "年终")]
    result = summarised(small_plan, consolidation("半年"), "半年", tmp_path, today=date(2020, 7, 15))
    texts = [t for _, t in paragraphs(result.outputs[1])]
    assert "督查通报" not in texts and "第7期" not in texts
    assert texts[texts.index("二、工作要求") + 1:][:7] == [
        "一是锚定时限狠抓落实。各单位要倒排工期。", "二是查找原因精准施策。滞后单位要说明原因。", "",
        "附件：半年任务落实情况一览表", "某市教育局", "2020年7月20日", "附件"]
    docs.masthead = "督查通报"
    result = summarised(small_plan, consolidation("半年"), "半年", tmp_path / "b")
    assert paragraphs(result.outputs[1])[1] == ("期号", "第7期")


def test_the_annex_says_how_far_a_task_is(small_plan):
    """The lead's word as the 附件 gives it: 已完成, 推进中 with its progress, 进展待核实 when
    the lead left its status blank or did not report, 未报送进展 when nobody did."""
    assert task_state(small_plan, [TaskAnswer(1, "办公室", "牵头", "已完成", 100)], 1) == "已完成"
    assert task_state(small_plan, [TaskAnswer(1, "办公室", "牵头", "", 100)], 1) == "已完成"
    assert task_state(small_plan, [TaskAnswer(1, "办公室", "牵头", "推进中", 50)], 1) == \
        "推进中，完成进度50%"
    assert task_state(small_plan, [TaskAnswer(1, "办公室", "牵头", problems="人手不足。")], 1) == \
        "进展待核实"
    assert task_state(small_plan, [TaskAnswer(3, JIA, "配合", "推进中", 40)], 3) == "进展待核实"
    assert task_state(small_plan, [], 1) == "未报送进展"


def test_summary_reads_unit_names_as_the_check_does(small_plan):
    """An alias two units share goes to the same unit in the check and in the summary."""
    from toolkit.model.plan import Unit

    small_plan.units.append(Unit("规划中心", aliases=["规划科"]))
    answers = [TaskAnswer(3, "规划科", "牵头", "已完成", 100, "大班额已消除。")]
    assert task_state(small_plan, answers, 3) == "已完成"


def task_state(plan, answers, number: int) -> str:
    from toolkit.check import evaluate
    from toolkit.summary import build_context

    cons = Consolidation("年终", tasks=answers)
    ctx = build_context(plan, cons, evaluate(plan, cons, "年终"), today=ISSUED)
    return next(r["state"] for r in ctx["annex_rows"] if r["number"] == str(number))


def test_rerun_gives_the_same_bytes(tmp_path, small_plan):
    first = summarised(small_plan, consolidation(), "年终", tmp_path / "a")
    second = summarised(small_plan, consolidation(), "年终", tmp_path / "b")
    for a, b in zip(first.outputs, second.outputs):
        assert a.read_bytes() == b.read_bytes()


def test_restyled_template_is_used(tmp_path, small_plan):
    folder = tmp_path / "模板"
    shutil.copytree(templates_dir(), folder)
    wb = load_workbook(folder / XLSX_TEMPLATE)
    wb["总览"]["A3"] = "共{{ tasks|length }}项任务，{{ indicators|length }}项指标"
    wb.save(folder / XLSX_TEMPLATE)
    result = summarised(small_plan, consolidation(), "年终", tmp_path / "out", folder)
    assert load_workbook(result.outputs[0])["总览"]["A3"].value == "共4项任务，4项指标"


def test_missing_template(tmp_path, small_plan):
    with pytest.raises(WorkplanError) as err:
        summarised(small_plan, consolidation(), "年终", tmp_path, tmp_path / "无")
    assert "找不到总结模板" in err.value.message and "make_templates.py" in err.value.message


def test_templates_are_the_generated_ones(tmp_path):
    """templates/*.xlsx|docx are what make_templates.py makes (same sheets, cells, paragraphs)."""
    import runpy

    runpy.run_path(str(templates_dir() / "make_templates.py"), run_name="build")["main"](tmp_path)
    for name in ("总览", "任务完成情况", "指标完成情况", "指标图表", "单位报送情况", "考评"):
        fresh = sheet_rows(load_workbook(tmp_path / "summary_template.xlsx")[name])
        kept = sheet_rows(load_workbook(templates_dir() / "summary_template.xlsx")[name])
        assert fresh == kept
    assert paragraphs(tmp_path / "summary_template.docx") == paragraphs(
        templates_dir() / "summary_template.docx")


# --- write_summary and the command line ---------------------------------------------------------


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    store_round(path, consolidation())
    return path


def test_write_summary_default_folder(master):
    result = app.summarise(master)
    assert result.outputs[0] == paths.summary_dir(master, 2020, "年终") / "年终总结.xlsx"
    assert result.outputs[1].exists()


def test_the_summary_reads_each_tasks_answers_once(master, monkeypatch):
    """The check tells the summary each task's answers as it reads them (context.Heard): the
    summary does not read the round's tasks from the store a second time."""
    from toolkit.store import WinnerRows

    taken: list[str] = []
    take = WinnerRows.take
    monkeypatch.setattr(WinnerRows, "take", lambda self, key: taken.append(key) or take(self, key))
    app.summarise(master)
    tasks = [k for k in taken if k.startswith("T")]
    assert tasks and sorted(tasks) == sorted(set(tasks))


@pytest.mark.parametrize("round_name", ["年终", "半年"])
def test_what_the_check_heard_makes_the_same_summary_as_reading_the_round_again(small_plan,
                                                                                round_name):
    from toolkit.check import evaluate
    from toolkit.summary import Heard, build_context

    cons = consolidation(round_name)
    heard = Heard(round_name == "年终")
    told = build_context(small_plan, cons, evaluate(small_plan, cons, round_name, heard),
                         today=ISSUED, heard=heard)
    again = build_context(small_plan, cons, evaluate(small_plan, cons, round_name), today=ISSUED)
    assert told["tasks"] == again["tasks"] and any(t["narrative"] for t in told["tasks"])
    assert told["parts"] == again["parts"]


def test_cli_summary(master, tmp_path, capsys):
    out = tmp_path / "输出"
    assert main(["summary", str(master), "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outputs"] == [str(out / "年终总结.xlsx"), str(out / "年终总结.docx")]
    assert main(["summary", str(master), "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("已生成年终总结：年终总结.xlsx、年终总结.docx")
    assert main(["summary", str(master), "--round", "半年"]) == 2
    assert "“半年”尚未汇总" in capsys.readouterr().err


def test_control_characters_in_units_text_do_not_stop_the_summary(tmp_path, small_plan):
    cons = consolidation()
    cons.tasks[0].narrative = "全年组织集中学习12次\x07，开展专题研讨4次\x01"
    cons.tasks[0].problems = "学习形式\x1f还不够丰富。"
    cons.submissions[0].reporter = "张\x08三"
    small_plan.settings.documents.include_texts = True
    result = summarised(small_plan, cons, "年终", tmp_path)
    texts = [t for _, t in paragraphs(result.outputs[1])]
    assert any("学习形式还不够丰富（办公室反映）" in t for t in texts)
    unit_texts = Document(result.outputs[1]).tables[1]
    assert table_rows(unit_texts)[1][3] == "全年组织集中学习12次，开展专题研讨4次"
    wb = load_workbook(result.outputs[0])
    assert wb["任务完成情况"]["H4"].value == "全年组织集中学习12次，开展专题研讨4次"
    assert wb["单位报送情况"]["F3"].value == "张三"


def test_the_summary_line_names_what_was_written(tmp_path, small_plan):
    """A final round named otherwise (全年) writes 年终总结, and the line says so."""
    small_plan.settings.rounds.append(Round("全年", date(2020, 12, 31), 1.0))
    result = summarised(small_plan, consolidation("全年"), "全年", tmp_path / "a")
    assert [p.name for p in result.outputs] == ["年终总结.xlsx", "年终总结.docx"]
    assert result.headline().startswith("已生成年终总结：年终总结.xlsx、年终总结.docx")
    result = summarised(small_plan, consolidation("半年"), "半年", tmp_path / "b")
    assert result.headline().startswith("已生成半年进度通报：半年进度通报.xlsx")
    assert result.to_json()["kind"] == "半年进度通报"


def test_a_broken_word_template_leaves_the_previous_pair(tmp_path, small_plan):
    """The workbook is not replaced when the document cannot be made: no mixed pair."""
    from docx import Document as NewDocument

    out = tmp_path / "out"
    first = summarised(small_plan, consolidation(), "年终", out)
    before = [p.read_bytes() for p in first.outputs]
    folder = tmp_path / "模板"
    shutil.copytree(templates_dir(), folder)
    doc = NewDocument(folder / "summary_template.docx")
    doc.add_paragraph("{{ 不存在的名字 }}")
    doc.save(folder / "summary_template.docx")
    cons = consolidation()
    cons.figures = cons.figures[:3]
    with pytest.raises(WorkplanError) as err:
        summarised(small_plan, cons, "年终", out, folder)
    assert "summary_template.docx" in err.value.message
    assert [p.read_bytes() for p in first.outputs] == before
    assert sorted(p.name for p in out.iterdir()) == ["年终总结.docx", "年终总结.xlsx"]


def test_the_summary_is_never_written_into_the_inbox(master, capsys):
    inbox = paths.inbox(master, 2020, "年终")
    assert main(["summary", str(master), "-o", str(inbox / "总结")]) == 2
    assert "位于回收文件夹" in capsys.readouterr().err
    assert not (inbox / "总结").exists()


def test_a_summary_with_more_than_ninety_nine_gathered_items(tmp_path, small_plan):
    """Each of 120 units writing its own 下一步打算 used to stop the summary (IndexError)."""
    from toolkit.model.plan import KIND_COUNTY, Unit

    names = [f"第{i:03d}县教育局" for i in range(1, 121)]
    small_plan.units += [Unit(n, KIND_COUNTY, groups=["各县(市、区)教育局"]) for n in names]
    small_plan.group("各县(市、区)教育局").members = names
    small_plan.allocations = []
    cons = consolidation()
    cons.tasks = [TaskAnswer(2, n, "配合", "推进中", 50, f"{n}推进中。", "", f"{n}将加快进度。")
                  for n in names]
    small_plan.settings.documents.include_texts = True  # 设置: 文稿含单位原文 = 是
    result = summarised(small_plan, cons, "年终", tmp_path / "out")
    text = "\n".join(p.text for p in Document(result.outputs[1]).paragraphs)
    # 120 ways of saying one thing are one point, and no list of 120 units
    assert "各责任单位提出：将加快进度。" in text and text.count("将加快进度") == 1
    assert "等120个单位" not in text
    appendix = Document(result.outputs[1]).tables[-1]
    assert "第120县教育局将加快进度。" in [row.cells[4].text for row in appendix.rows]


def test_what_the_hall_hands_the_check_for_the_summary_loads_nothing_heavy():
    """The hall makes the summary's Heard before the returns are read: the word segmenter
    and the workbook and document libraries are loaded only when the summary is written, so
    that the reading (and every reader process forked for it) does not carry them."""
    import subprocess
    import sys

    script = ("import sys\nfrom toolkit.summary import Heard\nHeard(True)\n"
              "print(sorted(m for m in ('rjieba', 'openpyxl', 'docxtpl', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_workbook_filler_imports_openpyxl_without_numpy():
    """openpyxl imports numpy when installed (pandas brings it), which the summary never needs:
    it is kept out of openpyxl's import, and can still be imported after it (for pandas)."""
    import subprocess
    import sys

    script = ("import sys\nimport toolkit.summary.xlsx_fill\nprint('numpy' in sys.modules)\n"
              "import numpy, openpyxl\nprint(openpyxl.NUMPY)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
