"""The documents a leader signs: lights, the parts of a bulletin, their words, and their length
on paper over a year of the reference plan (docs/real-bulletins.md, its checklist)."""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pytest
from docx import Document
from helpers import BING, JIA, YI, set_setting, summarised
from helpers import summary_consolidation as consolidation
from libreoffice import convert_all

from toolkit.check import evaluate
from toolkit.check.lights import task_light
from toolkit.collect.loop import comparison
from toolkit.model.returns import TaskAnswer
from toolkit.summary import report as R
from toolkit.summary import synthesis as S
from toolkit.summary.assessment import ranking_sentence


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


# --- 存在问题 / 下一步: synthesised ------------------------------------------------------------
def test_near_duplicates_are_one_point_and_stock_phrases_go():
    items = [
        ("办公室", "1.人手不足；2.学习形式单一。"),
        (JIA, "（一）专项资金拨付进度偏慢。（二）项目用地紧张"),
        (BING, "资金拨付偏慢；项目用地紧张。"),
        (YI, "无"),
        ("职成科", "下一步将加强督促检查，确保各项任务按期完成。"),
        ("组织部", "继续按计划推进。"),
    ]
    points = S.synthesise(items)
    assert [(p.text, list(p.units)) for p in points] == [
        ("专项资金拨付进度偏慢", [JIA, BING]),  # 资金拨付偏慢 says the same in other words
        ("项目用地紧张", [JIA, BING]),
        ("人手不足", ["办公室"]),
        ("学习形式单一", ["办公室"]),
    ]
    assert S.point_text(points[0]) == f"专项资金拨付进度偏慢（{JIA}、{BING}反映）"


def test_a_point_many_units_raise_is_said_once_without_a_head_count():
    said = ["人手不足", "资金短缺", "场地有限", "设备老化", "培训不够", "信息化滞后", "交通不便"]
    items = [(f"单位{i}", said[i % 7]) for i in range(28)]
    points = S.synthesise(items)
    assert len(points) == S.POINTS  # a handful, never everything
    assert [p.text for p in points] == said[:4]  # raised by 4 units each, the first raised first
    assert S.point_text(points[0]) == "人手不足"  # four units: no names, no 等4个单位
    assert S.point_text(S.synthesise(items[:14])[0]) == "人手不足（单位0、单位7反映）"


# --- what changed since the last round ------------------------------------------------------
def test_what_changed_since_the_last_round(small_plan):
    before = consolidation("半年")
    now = consolidation("三季度")
    now.tasks.append(TaskAnswer(4, "职成科", "牵头", "已完成", 100, "就业工作完成。"))
    found = comparison(before, now)
    text = R.changes_sentence(evaluate(small_plan, now, "三季度"),
                              evaluate(small_plan, before, "半年"), found)
    assert text == "与上半年相比，已完成任务由2项增至3项。"


# --- ranks: ties share them, lists hold every tied unit --------------------------------------
def test_ties_share_a_rank_and_every_tied_unit_is_listed():
    rows = [{"rank": 1, "unit": f"甲{i}", "score": 100.0} for i in range(10)]
    rows += [{"rank": 11, "unit": "乙", "score": 90.0}, {"rank": 12, "unit": "丙", "score": 80.0},
             {"rank": 12, "unit": "丁", "score": 80.0}, {"rank": 14, "unit": "戊", "score": 70.0}]
    text = ranking_sentence(rows)
    top = "、".join(f"甲{i}" for i in range(10))
    assert text == (f"14个单位参加考评，得分位列前3名的是：{top}（并列第1名，100分）；"
                    "位列后3名的是：丙、丁（并列第12名，80分）、戊（70分）。")
    rows[-1]["rank"] = 12  # three share the last rank: the one before them is not in the list
    rows[-1]["score"] = 80.0
    assert ranking_sentence(rows).endswith("位列后3名的是：丙、丁、戊（并列第12名，80分）。")
    rows[10:] = [{"rank": 11, "unit": "乙", "score": 90.0}, {"rank": 12, "unit": "丙", "score": 80.0},
                 {"rank": 13, "unit": "丁", "score": 70.0}, {"rank": 13, "unit": "戊", "score": 70.0}]
    assert ranking_sentence(rows).endswith("位列后3名的是：丙（80分）、丁、戊（并列第13名，70分）。")


# --- the demo year on paper -----------------------------------------------------------------
ISSUED = {"半年": date(2020, 7, 15), "年终": date(2020, 12, 28)}  # the days the office issues them
CODE = re.compile(r"\b[IT]\d+(?:-\d+)?\b")
WORKBOOK_WORDS = ("牵头单位报全市数", "各单位合计", "已报 ", "各单位达标", "数据不全", "指标编号",
                  "拖后单位", "未报送单位", "本轮应达", "汇总值", "【绿灯】", "等26个单位", "我们")




@pytest.fixture(scope="module")
def demo_year(tmp_path_factory):
    """The reference plan's year as the demo plays it: the 半年 bulletin, then the 年终 summary,
    each issued a few days after its due date (设置: 成文日期), with its 催报 and, at the year
    end, the 退回修改."""
    from toolkit.front.demo import administrator_edits, simulate_round
    from toolkit import app

    folder = tmp_path_factory.mktemp("year")
    master = folder / "三明市教育局2020年工作要点_任务分解总表.xlsx"
    app.import_plan(None, master, force=True)
    administrator_edits(master)
    year = {}
    for name, issued in ISSUED.items():
        set_setting(master, "成文日期", issued.isoformat())
        year[name] = simulate_round(master, name)
        year[f"{name}催报"] = app.remind(master, name, today=issued)
    year["退回修改"] = app.feedback(master, "年终", today=ISSUED["年终"])
    return year


def documents(result):
    return [result.folder / p for p in result.run.outputs if p.endswith(".docx")]


def body_pages(pdf) -> int:
    """Pages before the first that opens with 附件 (the appendix)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages):
            if (page.extract_text() or "").lstrip().startswith("附件"):
                return number
        return len(doc.pages)


def page_texts(pdf) -> list[str]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in doc.pages]


@pytest.fixture(scope="module")
def pdfs(demo_year, tmp_path_factory):
    """The bulletin, the year-end summary and the 催报通知 of each round, as LibreOffice prints
    them."""
    from libreoffice import SOFFICE

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdf")
    bulletin, summary = (documents(demo_year[r])[0] for r in ("半年", "年终"))
    notices = [demo_year[f"{r}催报"].out_dir / "催报通知.docx" for r in ("半年", "年终")]
    copies = []
    for name, source in zip(("通报", "总结", "催报半年", "催报年终"), [bulletin, summary, *notices]):
        copy = out / f"{name}.docx"
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
    return dict(zip(("bulletin", "summary", "notice_mid", "notice_end"),
                    convert_all(copies, "pdf", out / "pdf")))


def test_the_demo_year_fits_its_page_budget(soffice, pdfs):
    assert body_pages(pdfs["bulletin"]) <= 2  # a round's bulletin: two pages at most
    assert body_pages(pdfs["summary"]) <= 6  # the year-end summary: six at most
    assert len(page_texts(pdfs["notice_mid"])) == 1 and len(page_texts(pdfs["notice_end"])) == 1


def test_the_signature_stands_on_the_page_of_the_last_paragraph(soffice, pdfs):
    pages = page_texts(pdfs["summary"])[: body_pages(pdfs["summary"])]
    last = next(p for p in pages if "2020年12月28日" in p)
    assert "三明市教育局2020年12月28日" in last.replace("附件：2020年工作要点全年落实情况表", "")
    assert "是做好年度总结和衔接" in last  # the last paragraph, not the 落款 alone
    notice = page_texts(pdfs["notice_end"])[0]
    assert notice.endswith("三明市教育局2020年12月28日")


def body_text(path) -> str:
    """The body: from the title to the 附件说明 (the 附件 table is not body)."""
    texts = [p.text for p in Document(path).paragraphs]
    return "\n".join(texts[: texts.index("附件")])


def test_the_bulletin_is_an_official_document(demo_year):
    from toolkit.books.master import load_master

    [bulletin] = documents(demo_year["半年"])
    plan = load_master(demo_year["半年"].master)
    paras = [(p.style.name, p.text) for p in Document(bulletin).paragraphs]
    texts = [t for _, t in paras]
    # 版头 (journal form: the office and the day it is issued at the top, then no 落款)
    assert paras[:3] == [("版头", "督查通报"), ("期号", "第1期"),
                         ("版头信息", "三明市教育局\t2020年7月15日")]
    title = [t for s, t in paras if s == "公文标题"]
    assert len(title) == 2 and "".join(title) == (
        "关于中共三明市委教育工委 三明市教育局2020年工作要点上半年落实情况的通报")
    assert "".join(title).count("2020") == 1
    assert f"{'、'.join(plan.meta.addressees)}：" in texts  # the plan's own addressees
    opening = texts[texts.index(f"{'、'.join(plan.meta.addressees)}：") + 1]
    assert opening.endswith("现通报如下：") and "（明教办〔2020〕1号）" in opening
    assert "2020年7月10日" not in paras[2][1]  # the due date is no 成文日期
    assert [t for s, t in paras if s == "一级标题"] == [
        "一、总体情况", "二、存在的主要问题", "三、工作要求"]
    overview = texts[texts.index("一、总体情况") + 1]
    assert re.match(r"35项重点任务中，已完成\d+项，占\d+\.\d%；按序时进度推进\d+项，占\d+\.\d%；"
                    r"滞后于序时进度\d+项，占\d+\.\d%。", overview)
    assert "总体看，" in overview and "截至7月10日，43个责任单位中按时报送" in overview
    assert "装备站、建宁县教育局未报送" in overview and "沙县教育局报送不全" in overview
    demands = [t for t in texts if re.match("[一二三四五]是", t)]
    assert [d[:2] for d in demands] == ["一是", "二是", "三是"]
    assert "“回头看”" in demands[-1]
    assert "要于7月18日前补报" in demands[1]  # 3 days after the bulletin (设置)
    assert texts[texts.index("附件") - 1] == "附件：2020年工作要点上半年落实情况表"


def test_the_body_has_no_code_nor_workbook_word(demo_year):
    for result in (demo_year["半年"], demo_year["年终"]):
        [document] = documents(result)
        body = body_text(document)
        assert not CODE.search(body), CODE.search(body)
        assert not [w for w in WORKBOOK_WORDS if w in body]
        annex = "\n".join(c.text for t in Document(document).tables for r in t.rows
                          for c in r.cells)
        assert not CODE.search(annex)


def evaluation_of(result):
    from toolkit.books.master import load_master
    from toolkit.collect import rebuild
    from toolkit.store import Store

    plan = load_master(result.master)
    stored = rebuild(plan, Store.beside(result.master), result.run.round)
    return plan, stored, evaluate(plan, stored.collected.consolidation, result.run.round)


def test_no_unit_is_named_behind_a_figure_it_owns_no_share_of(demo_year):
    """The one rule (check.attribution): an allocation in 分解, or a standard every unit must
    reach; the lead only when the city figure misses; in every sentence of the figures behind."""
    for name in ("半年", "年终"):
        plan, _, ev = evaluation_of(demo_year[name])
        allocated = {(a.indicator, a.unit) for a in plan.allocations}
        for ind in ev.indicators:
            for unit in ind.lagging_units:
                assert (ind.key, unit) in allocated or unit in ind.below_units, (ind.key, unit)
            if ind.lead_behind:
                assert ind.status in ("滞后", "未达标") and ind.lead_behind == ind.lead
        [document] = documents(demo_year[name])
        texts = [p.text for p in Document(document).paragraphs]
        figures = next(t for t in texts if t.startswith("（二）部分指标"))
        behind = [i for i in ev.indicators if i.status in ("滞后", "未达标")]
        allowed = {u for i in behind for u in i.named_behind + i.missing_units + [i.from_unit]}
        named = {u.name for u in plan.units if u.name in figures}
        assert named and named <= allowed, named - allowed


def test_not_reported_late_partial_repeated_and_lower_figures_are_named(demo_year):
    from toolkit.front.demo import DOWN, LATE, MISSING, PARTLY, REPEATS

    texts = [p.text for p in Document(documents(demo_year["年终"])[0]).paragraphs]
    asked = next(t for t in texts if t.startswith("（三）个别单位未按要求报送"))
    for unit in (*MISSING, *LATE, *PARTLY, *REPEATS, *DOWN):
        assert unit in asked, unit
    assert f"{REPEATS[0]}报送内容与上期完全相同" in asked
    assert f"{next(iter(DOWN))}报送的“新增学位”（扩大普惠性学前教育资源）低于上期" in asked
    mid = [p.text for p in Document(documents(demo_year["半年"])[0]).paragraphs]
    assert "与上期完全相同" not in "".join(mid)  # nothing to repeat in a first round


def sheet_rows(path, sheet):
    return [list(r) for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def test_the_consolidated_workbook_has_the_problem_rows(demo_year):
    from toolkit.front.demo import DOWN, PARTLY, REPEATS

    result = demo_year["年终"]
    book = result.folder / result.run.outputs[0]
    problems = [r for r in sheet_rows(book, "问题清单")[2:] if r[1]]
    repeated = [r for r in problems if r[1] == REPEATS[0] and "与上期（半年）完全相同" in r[5]]
    assert len(repeated) == 1
    down = [r for r in problems if r[1] == next(iter(DOWN)) and "低于上期（半年）报送" in r[5]]
    assert len(down) == 1 and down[0][3] == "指标填报" and re.fullmatch(r"[A-Z]+\d+", down[0][4])
    blank = [r for r in problems if r[1] == next(iter(PARTLY)) and r[5] == "未填写实际完成值"]
    assert len(blank) == 1 and re.fullmatch(r"[A-Z]+\d+", blank[0][4])  # the cell, named
    states = {r[1]: r[3] for r in sheet_rows(book, "报送情况")[2:] if r[1]}
    assert states[next(iter(PARTLY))] == "报送不全"


def test_the_reminders_chase_exactly_who_owes_a_figure(demo_year):
    from toolkit.collect.index import CollectIndex
    from toolkit.front.demo import MISSING, PARTLY

    for name in ("半年", "年终"):
        plan, stored, _ = evaluation_of(demo_year[name])
        reminded = demo_year[f"{name}催报"]
        assert {r.unit for r in reminded.units} == {*MISSING, *PARTLY}
        # and worked out from the round itself: not reported, or a blank the city takes
        index = CollectIndex(plan)
        subs = stored.collected.consolidation.submissions
        owing = {f.unit for f in stored.collected.consolidation.figures
                 if f.file and f.actual is None and index.reports(f.unit, f.indicator)}
        assert {r.unit for r in reminded.units} == owing | {s.unit for s in subs if not s.sent()}
        partly = next(r for r in reminded.units if r.unit in PARTLY)
        assert partly.missing == ["“新增学位”（推进城乡义务教育一体化发展）"]
        notice = "\n".join(p.text for p in Document(reminded.out_dir / "催报通知.docx").paragraphs)
        assert notice.startswith("关于催报2020年工作要点")
        assert f"请以上单位于{ISSUED[name].year}年{ISSUED[name].month}月{ISSUED[name].day + 3}日前补报" \
            in notice


def test_a_return_sent_back_has_a_day_after_the_day_it_is_sent(demo_year):
    returned = demo_year["退回修改"]
    assert returned.files  # the units with problems, and only those
    plan, stored, _ = evaluation_of(demo_year["年终"])
    with_problems = {u for u, p in stored.collected.problems if p.severity in ("错误", "警告")
                     and p.file}
    assert {f.unit for f in returned.files} <= with_problems
    for f in returned.files:
        text = f.text.read_text(encoding="utf-8")
        assert "于2020年12月31日前重新报送" in text  # 12月28日 + 3 days, never before it


def test_the_check_shows_the_expectation_as_computed(demo_year):
    result = demo_year["半年"]
    rows = sheet_rows(result.folder / result.run.outputs[0], "指标核对")
    head = next(r for r in rows if r and "本轮应达" in r)
    row = next(r for r in rows if r and r[0] == "I10-1")  # 25 schemes, half of them by 半年
    assert row[head.index("本轮应达")] == 12.5


def test_the_year_end_says_what_changed_since_mid_year(demo_year):
    [summary] = documents(demo_year["年终"])
    texts = [p.text for p in Document(summary).paragraphs]
    overview = texts[texts.index("一、总体情况") + 1]
    assert "与上半年相比，已完成任务由" in overview


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
    assert "五、单位考评情况" in texts
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "排名")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 7 and [int(r[0]) for r in rows] == sorted(int(r[0]) for r in rows)
    sentence = next(t for t in texts if t.startswith("7个单位参加考评"))
    top = [r for r in rows if int(r[0]) <= 3]
    assert sentence.startswith("7个单位参加考评，得分位列前3名的是：")
    assert all(r[1] in sentence.split("；")[0] for r in top)
    assert rows[-1][1] in ("职成科", "某某学院") and float(rows[-1][8]) == 0  # did not report
    assert texts[texts.index("附件：1.2020年工作要点全年落实情况表") + 1] == "　　　2.单位考评得分表"
    assert any(t.startswith("注：得分按按时报送20%") for t in texts)


def test_a_late_return_with_problems_is_named_as_late(small_plan):
    from toolkit.summary import build_context

    cons = consolidation()
    flawed = next(s for s in cons.submissions if s.state == "有问题")
    flawed.received = "2020-12-28 10:00"  # three days after the 年终 due date, 2020-12-25
    ctx = build_context(small_plan, cons, evaluate(small_plan, cons, "年终"))
    asked = next(p["text"] for part in ctx["parts"] for p in part["paragraphs"]
                 if p["sub"].startswith("（二）个别单位未按要求报送"))
    assert f"{YI}、{BING}逾期报送" in asked
    assert "按时报送3个" in ctx["overview_text"]
