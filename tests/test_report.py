"""The report a leader reads: lights, the parts of a bulletin, and its length on paper."""

from __future__ import annotations

import pytest
from docx import Document
from helpers import BING, JIA, YI, summarised
from helpers import summary_consolidation as consolidation
from libreoffice import convert_all

from toolkit.check import evaluate
from toolkit.check.lights import task_light
from toolkit.collect.loop import comparison
from toolkit.model.returns import TaskAnswer
from toolkit.summary import report as R


# --- lights, worked out by hand ----------------------------------------------------------
@pytest.mark.parametrize("status,progress,deadline,share,light,reason", [
    ("已完成", 100, "", 0.5, "绿灯", "已完成"),
    ("推进中", 50, "", 0.5, "绿灯", "进度正常"),
    ("推进中", 45, "", 0.5, "绿灯", "进度正常"),  # within the 5-point tolerance
    ("推进中", 44, "", 0.5, "黄灯", "完成进度44%，低于序时进度50%"),
    ("推进中", 25, "", 0.5, "黄灯", "完成进度25%，低于序时进度50%"),
    ("推进中", 24, "", 0.5, "红灯", "完成进度24%，远低于序时进度50%"),
    ("推进中", 90, "6月底前", 0.5, "红灯", "已到完成时限（6月底前），尚未完成"),
    ("推进中", 60, "9月底前", 0.5, "黄灯", "完成进度60%，低于序时进度67%"),  # 6 of 9 months
    ("推进中", 62, "9月底前", 0.5, "绿灯", "进度正常"),
    ("未启动", 0, "", 0.25, "黄灯", "尚未启动"),
    ("未启动", 0, "6月底前", 0.5, "红灯", "已到完成时限（6月底前），尚未完成"),
    ("未完成", 80, "", 0.5, "红灯", "牵头单位报送未完成"),
    ("推进中", 90, "", 1.0, "红灯", "已到完成时限，尚未完成"),  # the year end
    ("推进中", 90, "持续推进", 1.0, "黄灯", "完成进度90%，低于序时进度100%"),
    ("推进中", 97, "持续推进", 1.0, "绿灯", "进度正常"),
    ("未报送", None, "", 0.5, "黄灯", "无单位报送进展"),
    ("待核实", None, "", 0.5, "黄灯", "进展情况待核实"),
])
def test_task_lights(status, progress, deadline, share, light, reason):
    found = task_light(status, progress, deadline, share, 0.05)
    assert (found.colour, found.reason) == (light, reason)


def test_the_check_gives_every_task_its_light(small_plan):
    ev = evaluate(small_plan, consolidation(), "年终")
    assert [(t.number, t.light) for t in ev.tasks] == [
        (1, "绿灯"), (2, "绿灯"), (3, "红灯"), (4, "黄灯")]
    assert ev.light_counts == {"红灯": 1, "黄灯": 1, "绿灯": 2}


def test_the_workbook_shows_the_lights_as_coloured_cells(tmp_path, small_plan):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter


    result = summarised(small_plan, consolidation(), "年终", tmp_path)
    ws = load_workbook(result.outputs[0])["任务完成情况"]
    header = [c.value for c in ws[2]]
    column = header.index("灯号") + 1
    lights = {ws.cell(r, 1).value: ws.cell(r, column).value for r in range(3, ws.max_row + 1)
              if isinstance(ws.cell(r, 1).value, int)}
    assert lights == {1: "绿灯", 2: "绿灯", 3: "红灯", 4: "黄灯"}
    reasons = {ws.cell(r, 1).value: ws.cell(r, column + 1).value for r in range(3, ws.max_row + 1)
               if isinstance(ws.cell(r, 1).value, int)}
    assert reasons[3] == "已到完成时限，尚未完成"
    rules = {rule.formula[0]: rule.dxf.fill.fgColor.rgb[-6:]
             for cf in ws.conditional_formatting for rule in cf.rules
             if str(cf.sqref).startswith(get_column_letter(column))}
    assert rules['"红灯"'] == "FF0000" and rules['"黄灯"'] == "FFC000" and rules['"绿灯"'] == "00B050"


# --- 存在问题 / 下一步工作 -------------------------------------------------------------------
def test_problems_are_split_deduplicated_and_grouped():
    titles = {"一": "加强党的建设", "二": "增强教育获得感"}
    items = [
        ("一", "办公室", "1.人手不足；2.学习形式单一。"),
        ("二", JIA, "（一）人手不足。（二）项目用地紧张"),
        ("二", BING, "项目用地紧张。"),
        ("二", YI, "无"),
    ]
    groups = R.gather(items, titles, "共性问题")
    assert [(g["label"], g["name"]) for g in groups] == [
        ("（一）", "共性问题"), ("（二）", "加强党的建设方面"), ("（三）", "增强教育获得感方面")]
    assert groups[0]["text"] == f"人手不足（办公室、{JIA}）。"
    assert groups[1]["text"] == "学习形式单一（办公室）。"
    assert groups[2]["text"] == f"项目用地紧张（{JIA}、{BING}）。"


def test_many_problems_show_the_most_raised_first_and_count_the_rest():
    items = [("一", f"单位{i}", f"问题{i % 7}") for i in range(20)]
    [group] = R.gather(items, {"一": "总体"}, "共性问题", limit=2)
    assert group["text"].startswith("问题0（单位0、单位7等3个单位）；问题1（单位1、单位8等3个单位）。")
    assert group["text"].endswith("另有5条，详见附件。")


# --- what changed since the last round ------------------------------------------------------
def test_what_changed_since_the_last_round(small_plan):
    before = consolidation("半年")
    now = consolidation("三季度")
    lead3 = next(t for t in before.tasks if t.task == 3)
    lead3.progress = 70
    backwards = next(t for t in now.tasks if t.task == 3)
    backwards.progress = 40
    now.tasks.append(TaskAnswer(4, "职成科", "牵头", "已完成", 100, "就业工作完成。"))
    found = comparison(before, now)
    text = R.changes(evaluate(small_plan, now, "三季度"), evaluate(small_plan, before, "半年"),
                     found, {t.number: t.title for t in small_plan.tasks})
    # 半年: task 3 at 70% is on track, task 4 not reported (黄灯); 三季度: task 4 done, task 3 at
    # 40% behind 75% (黄灯, not below half of it); the figures are the same
    assert text[0] == "与半年相比，已完成任务由2项增至3项，已达标指标、红灯任务、黄灯任务数量未变。"
    assert text[1] == ("1项次报送进度较上次倒退：3.控制大班额（发展规划科），"
                       "请相关单位说明原因（详见汇总表“进展对比”）。")


# --- the demo year on paper -----------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_year(tmp_path_factory):
    """The reference plan's year as the demo plays it: the 半年 bulletin, then the 年终 summary."""
    from toolkit.front.demo import administrator_edits, simulate_round
    from toolkit import app

    folder = tmp_path_factory.mktemp("year")
    master = folder / "三明市教育局2020年工作要点_任务分解总表.xlsx"
    app.import_plan(None, master, force=True)
    administrator_edits(master)
    return {name: simulate_round(master, name) for name in ("半年", "年终")}


def body_pages(pdf) -> int:
    """Pages before the first that opens with 附件 (the appendix)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages):
            if (page.extract_text() or "").lstrip().startswith("附件"):
                return number
        return len(doc.pages)


def documents(result):
    return [result.folder / p for p in result.run.outputs if p.endswith(".docx")]


def test_the_demo_year_fits_its_page_budget(soffice, demo_year, tmp_path):
    bulletin, summary = (documents(demo_year[r])[0] for r in ("半年", "年终"))
    pdfs = convert_all([bulletin, summary], "pdf", tmp_path)
    assert body_pages(pdfs[0]) <= 4  # a round's bulletin: about four pages
    assert body_pages(pdfs[1]) <= 10  # the year-end summary: about ten


def body_text(path) -> str:
    texts = [p.text for p in Document(path).paragraphs]
    body = texts[: texts.index("附件1") if "附件1" in texts else texts.index("附件")]
    cells = [c.text for t in Document(path).tables[:1] for r in t.rows for c in r.cells]
    return "\n".join(body + cells)


def test_the_bulletin_names_every_missing_late_unit_and_lagging_figure(demo_year):
    from toolkit.collect import rebuild
    from toolkit.books.master import load_master
    from toolkit.store import Store

    result = demo_year["半年"]
    [bulletin] = documents(result)
    text = body_text(bulletin)
    plan = load_master(result.master)
    stored = rebuild(plan, Store.beside(result.master), "半年")
    subs = stored.collected.consolidation.submissions
    missing = [s.unit for s in subs if s.state == "未报送"]
    late = [s.unit for s in subs if s.state == "逾期"]
    assert missing and late
    assert f"未报送{len(missing)}个：{'、'.join(missing)}" in text
    assert f"逾期报送{len(late)}个：{'、'.join(late)}" in text
    ev = evaluate(plan, stored.collected.consolidation, "半年")
    lagging = [i for i in ev.indicators if i.status in R.LAGGING]
    assert lagging
    for ind in lagging:
        assert ind.key in text
        for unit in ind.lagging_units + ind.missing_units + ind.below_units:
            assert unit in text, (ind.key, unit)


def test_the_year_end_says_what_changed_since_mid_year(demo_year):
    [summary] = documents(demo_year["年终"])
    texts = [p.text for p in Document(summary).paragraphs]
    heading = next(t for t in texts if t.endswith("与上次报送相比的变化"))
    assert texts[texts.index(heading) + 1].startswith("与半年相比，已完成任务由")


def test_body_pages_counts_the_pages_before_the_appendix(soffice, tmp_path):
    """The page counter itself, on a PDF LibreOffice makes from a document built here."""
    doc = Document()
    for page in ("正文第一页", "正文第二页", "附件"):
        doc.add_paragraph(page)
        doc.paragraphs[-1].paragraph_format.page_break_before = page != "正文第一页"
    doc.save(tmp_path / "pages.docx")
    [pdf] = convert_all([tmp_path / "pages.docx"], "pdf", tmp_path / "pdf")
    assert body_pages(pdf) == 2


def test_the_document_ranks_the_units_when_settings_ask_for_it(tmp_path, small_plan):

    plain = summarised(small_plan, consolidation(), "年终", tmp_path / "a")
    assert not any(p.text.endswith("单位考评情况") for p in Document(plain.outputs[1]).paragraphs)
    small_plan.settings.assessment_in_summary = True  # 设置: 总结含考评 = 是
    result = summarised(small_plan, consolidation(), "年终", tmp_path / "b")
    doc = Document(result.outputs[1])
    texts = [p.text for p in doc.paragraphs]
    assert "七、单位考评情况" in texts
    sentence = texts[texts.index("七、单位考评情况") + 1]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "排名")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 7 and [int(r[0]) for r in rows] == sorted(int(r[0]) for r in rows)
    top = "、".join(f"{r[1]}（{float(r[8]):g}分）" for r in rows[:3])
    assert sentence == f"7个单位参加考评，得分位列前3名的是：{top}；位列后3名的是：" + "、".join(
        f"{r[1]}（{float(r[8]):g}分）" for r in rows[-3:]) + "。"
    assert rows[-1][1] in ("职成科", "某某学院") and float(rows[-1][8]) == 0  # did not report
    assert any(t.startswith("注：得分按按时报送20%") for t in texts)


def test_a_late_return_with_problems_is_named_as_late(small_plan):
    from toolkit.summary import build_context

    cons = consolidation()
    flawed = next(s for s in cons.submissions if s.state == "有问题")
    flawed.received = "2020-12-28 10:00"  # three days after the 年终 due date, 2020-12-25
    ctx = build_context(small_plan, cons, evaluate(small_plan, cons, "年终"))
    assert f"逾期报送2个：{YI}、{BING}；" in ctx["submissions"]
    assert f"报送材料存在问题需核实1个：{YI}" in ctx["submissions"]
    assert "其中按时报送3个" in ctx["submissions"]
