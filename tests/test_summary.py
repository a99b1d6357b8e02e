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
    assert ws["H3"].number_format == "0%"
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


def test_document_sections_and_sentences(year_end):
    paras = paragraphs(year_end.outputs[1])
    texts = [t for _, t in paras]
    assert paras[0] == ("公文标题", "某市教育局2020年工作要点年终总结")
    headings = [t for s, t in paras if s == "一级标题"]
    assert headings == ["一、总体情况", "二、报送情况", "三、重点指标完成情况", "四、任务推进情况",
                        "五、存在的问题", "六、2021年工作打算"]
    assert texts[2] == (
        "根据各责任单位报送的年终材料，现将《某市教育局2020年工作要点》落实情况总结如下。"
        "全年4项重点任务中，已完成2项，正在推进1项，未报送进展1项，任务完成率50%；"
        "按红黄绿灯评定，红灯1项、黄灯1项、绿灯2项；"
        "4项量化指标中，已达标3项（其中超额完成1项），未报送1项，达标率75%；"
        "7个责任单位中，按时报送4个，按时报送率57%。")
    assert texts[4] == (
        "本次应报送单位7个，实际报送5个，其中按时报送4个；逾期报送1个：丙区教育局；"
        "未报送2个：职成科、某某学院，请抓紧补报；报送材料存在问题需核实1个：乙县教育局，已反馈相关单位。")
    assert "I4-1 毕业生就业率暂无单位报送数据。未报送数据的单位：职成科。" in texts
    assert [t for s, t in paras if s == "二级标题"] == [
        "（一）加强党的建设。本部分共1项任务，已完成1项；绿灯1项。",
        "（二）增强教育获得感。本部分共3项任务，已完成1项；红灯1项、黄灯1项、绿灯1项。"]
    assert "【绿灯】1.强化理论学习。全年组织集中学习12次，开展专题研讨4次。" in texts
    # the co-operating units in one clause; one that sent nothing at all is named in 报送情况 only
    assert ("【绿灯】2.扩大学前教育资源。新建公办幼儿园3所。甲县教育局等3个单位配合推进，"
            "其中乙县教育局未报送。") in texts
    assert ("【红灯】3.控制大班额（已到完成时限，尚未完成）。制定消除大班额计划。"
            "配合单位甲县教育局、乙县教育局、丙区教育局未报送进展。") in texts
    assert "【黄灯】4.促进就业（无单位报送进展）。本项任务暂无单位报送进展。" in texts
    problems = texts[texts.index("五、存在的问题") + 1: texts.index("六、2021年工作打算")]
    assert problems == ["（一）加强党的建设方面。学习形式还不够丰富（办公室）。",
                        "（二）增强教育获得感方面。项目用地紧张（甲县教育局、丙区教育局）。"]
    assert texts[texts.index("附件") + 1] == "各责任单位年终报送情况明细"
    assert "某市教育局" in texts and "2020年12月25日" in texts
    assert not any("{{" in t or "{%" in t for t in texts)


def table_rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


def test_document_tables(year_end):
    """The body's table of every figure (basis named) and the appendix with every unit's text."""
    figures, appendix = Document(year_end.outputs[1]).tables
    rows = table_rows(figures)
    assert rows[0] == ["编号", "指标", "目标", "完成值", "完成率", "状态", "数据依据"]
    assert rows[1] == ["I2-1", "新增学位", "不低于900个", "918个", "102%", "已达标",
                       "各单位合计（已报\u00a03/3）"]
    assert rows[4] == ["I4-1", "毕业生就业率", "力争不低于95%", "—", "—", "未报送", "—"]
    rows = table_rows(appendix)
    assert rows[0] == ["任务", "单位", "进展状态", "工作进展及成效", "存在问题及下一步打算"]
    assert rows[1] == ["1", "办公室", "已完成，100%", "全年组织集中学习12次，开展专题研讨4次",
                       "学习形式还不够丰富。\n创新学习形式。"]
    assert rows[2][:2] == ["2", "发展规划科"] and rows[2][4] == "继续推进学前教育项目。"  # 无 left out
    assert [r[:2] for r in rows[1:]] == [["1", "办公室"], ["2", "发展规划科"], ["2", JIA],
                                       ["2", BING], ["3", "发展规划科"]]
    for table in (figures, appendix):  # the header row prints again on every page
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_document_bold_task_heading(year_end):
    doc = Document(year_end.outputs[1])
    para = next(p for p in doc.paragraphs if p.text.startswith("【绿灯】1.强化理论学习"))
    assert [r.text for r in para.runs[:2]] == ["【绿灯】", "1.强化理论学习。"]
    assert para.runs[0].bold and para.runs[1].bold and not para.runs[2].bold


def east_asian(style) -> str:
    return style.element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")


def test_document_layout(year_end):
    doc = Document(year_end.outputs[1])
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert east_asian(doc.styles["公文标题"]) == "方正小标宋简体"
    assert east_asian(doc.styles["公文正文"]) == "仿宋_GB2312"
    assert east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    assert doc.styles["公文正文"].font.size.pt == 16  # 三号
    assert doc.styles["公文标题"].font.size.pt == 22  # 二号
    footer = section.footer._element
    instr = [e.text.strip() for e in footer.iter(f"{W}instrText")]
    assert instr == ["PAGE"]
    assert "— 1 —" in "".join(t.text for t in footer.iter(f"{W}t")).replace("  ", " ")
    assert doc.settings.odd_and_even_pages_header_footer
    even = section.even_page_footer._element
    assert [e.text.strip() for e in even.iter(f"{W}instrText")] == ["PAGE"]
    with zipfile.ZipFile(year_end.outputs[1]) as z:
        fonts = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
           for f in fonts.iter(f"{W}font") if f.find(f"{W}altName") is not None}
    assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋"


def test_interim_round_is_a_progress_report(tmp_path, small_plan):
    cons = consolidation("半年")
    cons.figures = [fig("I2-1", JIA, 210), fig("I2-1", YI, 150), fig("I2-1", BING, 100)]
    result = summarised(small_plan, cons, "半年", tmp_path)
    assert [p.name for p in result.outputs] == ["半年进度通报.xlsx", "半年进度通报.docx"]
    doc = Document(result.outputs[1])
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["某市教育局2020年工作要点半年进度通报", "某市教育局　　2020年7月10日"]
    assert texts[3].startswith("根据各责任单位报送的半年材料，现将《某市教育局2020年工作要点》截至半年的落实进展通报如下。")
    assert "六、下一步工作" in texts
    # the body's table holds the lagging figures, 附件1 all of them; only 红灯/黄灯 tasks get a paragraph
    body, annex, _ = doc.tables
    assert [r[0] for r in table_rows(body)[1:]] == ["I2-2", "I3-1", "I4-1"]  # not reported
    assert "其余1项指标已达标或进度正常，详见附件1。" in texts
    # 460 of 900 against 450 expected at half year
    assert table_rows(annex)[1][3:6] == ["460个", "51%", "进度正常"]
    assert not any(t.startswith("【绿灯】") for t in texts)
    assert texts.index("附件1") < texts.index("附件2")
    wb = load_workbook(result.outputs[0])
    assert wb["总览"]["A1"].value == "某市教育局2020年工作要点半年进度通报"
    assert wb["指标完成情况"]["I3"].value == "进度正常"


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


def test_cli_summary(master, tmp_path, capsys):
    out = tmp_path / "输出"
    assert main(["summary", str(master), "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outputs"] == [str(out / "年终总结.xlsx"), str(out / "年终总结.docx")]
    assert main(["summary", str(master), "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("已生成年终总结：年终总结.xlsx、年终总结.docx")
    assert main(["summary", str(master), "--round", "半年"]) == 2
    assert "“半年”尚未汇总" in capsys.readouterr().err


def task_text(plan, cons, number: int) -> str:
    from toolkit.check import evaluate
    from toolkit.summary import build_context

    ctx = build_context(plan, cons, evaluate(plan, cons, cons.round))
    paragraphs = [p for s in ctx["sections"] for p in s["paragraphs"]]
    return next(p["text"] for p in paragraphs if p["number"] == number)


def test_a_lead_that_reported_only_its_status_is_not_called_silent(small_plan):
    """已完成 and 100% without a narrative: the status is reported, not "暂无单位报送进展"."""
    cons = Consolidation("年终", tasks=[TaskAnswer(1, "办公室", "牵头", "已完成", 100)])
    assert task_text(small_plan, cons, 1) == "牵头单位报送进展状态为“已完成”。"
    cons.tasks = [TaskAnswer(1, "办公室", "牵头", "", 100)]  # the status read from the progress
    assert task_text(small_plan, cons, 1) == "牵头单位报送进展状态为“已完成”。"
    cons.tasks = [TaskAnswer(1, "办公室", "牵头", "推进中", 50)]
    assert task_text(small_plan, cons, 1) == "牵头单位报送进展状态为“推进中”，完成进度50%。"


def test_units_that_answered_without_a_status_or_a_narrative(small_plan):
    cons = Consolidation("年终", tasks=[TaskAnswer(1, "办公室", "牵头", problems="人手不足。")])
    assert task_text(small_plan, cons, 1) == "牵头单位未填写进展状态。"
    cons.tasks = [TaskAnswer(3, JIA, "配合", "推进中", 40)]
    assert task_text(small_plan, cons, 3).startswith("牵头单位未报送。")
    cons.tasks = []
    assert task_text(small_plan, cons, 1) == "本项任务暂无单位报送进展。"


def test_summary_reads_unit_names_as_the_check_does(small_plan):
    """An alias two units share goes to the same unit in the check and in the summary."""
    from toolkit.model.plan import Unit

    small_plan.units.append(Unit("规划中心", aliases=["规划科"]))
    cons = Consolidation("年终", tasks=[TaskAnswer(3, "规划科", "牵头", "已完成", 100, "大班额已消除。")])
    assert task_text(small_plan, cons, 3).startswith("大班额已消除。")


def test_control_characters_in_units_text_do_not_stop_the_summary(tmp_path, small_plan):
    cons = consolidation()
    cons.tasks[0].narrative = "全年组织集中学习12次\x07，开展专题研讨4次\x01"
    cons.tasks[0].problems = "学习形式\x1f还不够丰富。"
    cons.submissions[0].reporter = "张\x08三"
    result = summarised(small_plan, cons, "年终", tmp_path)
    texts = [t for _, t in paragraphs(result.outputs[1])]
    assert "【绿灯】1.强化理论学习。全年组织集中学习12次，开展专题研讨4次。" in texts
    assert "（一）加强党的建设方面。学习形式还不够丰富（办公室）。" in texts
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
    result = summarised(small_plan, cons, "年终", tmp_path / "out")
    text = "\n".join(p.text for p in Document(result.outputs[1]).paragraphs)
    # gathered, the first five in the body and the rest counted; every unit's text in the appendix
    assert "另有115条，详见附件。" in text
    appendix = Document(result.outputs[1]).tables[-1]
    assert "第120县教育局将加快进度。" in [row.cells[4].text for row in appendix.rows]
