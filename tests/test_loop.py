"""The year as a closed loop, lived through two rounds (半年, then 年终) as an office would."""

from __future__ import annotations

from datetime import datetime

import helpers as H
import openpyxl
import pytest

from libreoffice import convert
from toolkit import app
from toolkit.books.form import layout as F
from toolkit.common import paths
from toolkit.books.master import write_master

MID, FINAL = "半年", "年终"
YI = "乙县教育局"
MID_RECEIVED = datetime(2020, 7, 5, 9, 30)


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def mid_year(master, plan, **overrides):
    """甲县 reports at mid-year (乙县 and the others do not); the round is collected."""
    inbox = paths.inbox(master, 2020, MID)
    H.returned(plan, inbox, "甲县-半年.xlsx", round_name=MID, mtime=MID_RECEIVED,
               info={"date": datetime(2020, 7, 5)}, **overrides)
    return app.collect(master, MID)


def sheet_rows(path, sheet):
    """{row key: {header: value}} of a form's table, as a user sees it."""
    ws = openpyxl.load_workbook(path)[sheet]
    head = H.header_row(ws)
    headers = [c.value for c in ws[head]]
    return {row[0]: dict(zip(headers, row)) for row in ws.iter_rows(min_row=head + 1,
                                                                   values_only=True) if row[0]}


def form_of(result, unit):
    return next(f.path for f in result.files if f.unit == unit)


def test_year_end_forms_are_prefilled_with_the_mid_year_answers(master, small_plan):
    mid_year(master, small_plan, tasks={"T2": {"status": "推进中", "progress": 55,
                                                 "narrative": "新建幼儿园两所。"}},
             figures={"I2-1": {"actual": 180, "note": "含在建"}})
    result = app.assign(master, FINAL)
    tasks = sheet_rows(form_of(result, H.UNIT), F.SHEET_TASKS)
    assert tasks["T2"]["进展状态"] == "推进中" and tasks["T2"]["上期进展状态"] == "推进中"
    assert tasks["T2"]["完成进度（%）"] == 55 and tasks["T2"]["上期完成进度（%）"] == 55
    assert tasks["T2"]["工作进展及成效"] == "新建幼儿园两所。"
    assert tasks["T2"]["上期工作进展及成效"] == "新建幼儿园两所。"
    figures = sheet_rows(form_of(result, H.UNIT), F.SHEET_FIGURES)
    assert figures["I2-1"]["实际完成值"] == 180 and figures["I2-1"]["上期实际完成值"] == 180
    assert figures["I2-1"]["上期说明"] == "含在建"
    guide = openpyxl.load_workbook(form_of(result, H.UNIT))[F.SHEET_GUIDE]
    assert any("2020年半年报送" in str(c.value) for row in guide.iter_rows() for c in row)
    # 乙县 never reported: its form is the blank one, without 上期 columns
    blank = sheet_rows(form_of(result, YI), F.SHEET_TASKS)
    assert all(row["进展状态"] is None for row in blank.values())
    assert not any(str(h).startswith("上期") for h in next(iter(blank.values())))


def test_a_first_round_form_is_blank_and_prefilled_forms_are_byte_stable(master, small_plan):
    first = app.assign(master, MID)
    assert not any(str(h).startswith("上期") for row in sheet_rows(
        form_of(first, H.UNIT), F.SHEET_TASKS).values() for h in row)
    mid_year(master, small_plan)
    one = form_of(app.assign(master, FINAL), H.UNIT).read_bytes()
    two = form_of(app.assign(master, FINAL, force=True), H.UNIT).read_bytes()
    assert one == two


def test_a_unit_that_edits_one_cell_is_collected_back_unchanged_elsewhere(master, small_plan):
    mid = mid_year(master, small_plan, tasks={"T3": {"status": "已完成", "progress": 100}})
    before = {(t.task, t.unit): t for t in mid.consolidation.tasks if t.unit == H.UNIT}
    figures_before = {f.indicator: f.actual for f in mid.consolidation.figures if f.unit == H.UNIT}
    path = form_of(app.assign(master, FINAL), H.UNIT)
    wb = openpyxl.load_workbook(path)
    ws = wb[F.SHEET_TASKS]
    cols, rows = H.columns(ws, F.TASK_COLUMNS), H.rows_by_key(ws)
    ws.cell(rows["T2"], cols["progress"]).value = 90
    inbox = paths.inbox(master, 2020, FINAL)
    inbox.mkdir(parents=True)
    wb.save(inbox / "甲县-年终.xlsx")
    final = app.collect(master, FINAL)
    assert not [p for u, p in final.collected.problems if u == H.UNIT and p.severity == "错误"]
    after = {(t.task, t.unit): t for t in final.consolidation.tasks if t.unit == H.UNIT}
    assert after[(2, H.UNIT)].progress == 90
    assert after[(3, H.UNIT)].status == "已完成" and after[(3, H.UNIT)].progress == 100
    for key, task in before.items():
        if key != (2, H.UNIT):
            assert (after[key].status, after[key].progress, after[key].narrative) == (
                task.status, task.progress, task.narrative)
    assert {f.indicator: f.actual for f in final.consolidation.figures
            if f.unit == H.UNIT} == figures_before


# --- 退回修改 -------------------------------------------------------------------------------
def year_end(master, plan, name="甲县-年终.xlsx", mtime=H.RECEIVED, **overrides):
    return H.returned(plan, paths.inbox(master, 2020, FINAL), name, mtime=mtime, **overrides)


def test_a_feedback_workbook_opens_in_libreoffice_and_collects_as_a_resubmission(
        soffice, master, small_plan, tmp_path):
    year_end(master, small_plan, figures={"I2-1": {"actual": "约200"}})
    year_end(master, small_plan, name="乙县-年终.xlsx", unit=YI)
    first = app.collect(master, FINAL)
    bad = [p for u, p in first.collected.problems if u == H.UNIT and p.severity == "错误"]
    assert bad and bad[0].sheet == F.SHEET_FIGURES
    result = app.feedback(master, FINAL)
    assert [f.unit for f in result.files] == [H.UNIT]  # 乙县 has no problems: nothing for it
    text = result.files[0].text.read_text(encoding="utf-8")
    assert H.UNIT in text and f"{F.SHEET_FIGURES}{bad[0].cell}" in text

    opened = convert(result.files[0].workbook, "xlsx", tmp_path / "lo")
    wb = openpyxl.load_workbook(opened)
    assert wb.sheetnames[0] == "校验结果"
    listed = [row for row in wb["校验结果"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert (listed[0][1], listed[0][2]) == (F.SHEET_FIGURES, bad[0].cell)
    assert listed[0][3] == bad[0].problem
    cell = wb[F.SHEET_FIGURES][bad[0].cell]
    assert cell.value == "约200" and bad[0].problem in cell.comment.text
    tasks = sheet_rows(opened, F.SHEET_TASKS)
    assert tasks["T2"]["进展状态"] == "推进中"  # its answers are kept

    cell.value = 210
    fixed = paths.inbox(master, 2020, FINAL) / "甲县-年终-修改.xlsx"
    wb.save(fixed)
    H.set_mtime(fixed, datetime(2020, 12, 22, 10))
    again = app.collect(master, FINAL)
    assert not [p for u, p in again.collected.problems
                if u == H.UNIT and p.severity in ("错误", "警告")]
    assert again.collected.winners[H.UNIT].name == "甲县-年终-修改.xlsx"
    figure = next(f for f in again.consolidation.figures
                  if f.unit == H.UNIT and f.indicator == "I2-1")
    assert figure.actual == 210
    assert app.feedback(master, FINAL).files == []


# --- 催报 -----------------------------------------------------------------------------------
def with_contacts(master):
    """The administrator fills 联系人, 电话, 邮箱 of two counties on the 单位 sheet."""
    book = openpyxl.load_workbook(master)
    ws = book["单位"]
    headers = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        name = ws.cell(row, headers["单位名称"]).value
        if name in (H.UNIT, YI):
            person = "王五" if name == YI else "赵六"
            ws.cell(row, headers["联系人"]).value = person
            ws.cell(row, headers["电话"]).value = "0598-5550001"
            ws.cell(row, headers["邮箱"]).value = f"{person}@example.cn"
    book.save(master)


def docx_text(path):
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_remind_names_exactly_the_missing_and_incomplete_units_with_contacts(master, small_plan):
    with_contacts(master)
    year_end(master, small_plan, figures={"I2-2": {"actual": None}})  # 甲县: one figure blank
    for unit in ("发展规划科", "办公室", "职成科", "某某学院", "丙区教育局"):
        year_end(master, small_plan, name=f"{unit}.xlsx", unit=unit)
    collected = app.collect(master, FINAL)  # 乙县 has not reported
    result = app.remind(master, FINAL)
    assert [(r.unit, r.state) for r in result.units] == [(H.UNIT, "报送不全"), (YI, "未报送")]
    assert result.units[0].missing == ["“争取省级以上补助资金”"]  # its name, never its code
    notice = docx_text(result.out_dir / "催报通知.docx")
    assert "王五 0598-5550001 王五@example.cn" in notice and "赵六" in notice
    assert "发展规划科" not in notice and "丙区教育局" not in notice
    assert "2020年12月25日" in notice
    text = (result.out_dir / f"{YI}.txt").read_text(encoding="utf-8")
    assert YI in text and "尚未报送" in text and "2020年12月25日" in text
    assert "办公室 张三 0598-1234567" in text  # whom to contact
    each = app.remind(master, FINAL, each=True)
    assert sorted(p.name for p in each.out_dir.glob("*.docx")) == sorted(
        [f"{H.UNIT}催报通知.docx", f"{YI}催报通知.docx"])
    # the 未报送单位 sheet shows the contacts
    ws = openpyxl.load_workbook(collected.output)["未报送单位"]
    rows = [row for row in ws.iter_rows(values_only=True) if YI in row]
    assert rows and "王五 0598-5550001 王五@example.cn" in rows[0]


def test_an_older_master_with_one_contact_column_still_reads(master):
    from toolkit.books.master import load_master

    book = openpyxl.load_workbook(master)
    ws = book["单位"]
    headers = {c.value: c.column for c in ws[1]}
    ws.delete_cols(headers["电话"], 2)
    ws.cell(1, headers["联系人"]).value = "联系人及电话"
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == YI)
    ws.cell(row, headers["联系人"]).value = "王五 0598-5550001"
    book.save(master)
    plan = load_master(master)
    assert plan.unit(YI).contact_line == "王五 0598-5550001"
    assert plan.group("各县(市、区)教育局").members == ["甲县教育局", YI, "丙区教育局"]


# --- 修改记录 and 进展对比 --------------------------------------------------------------------
def sheet_values(path, sheet):
    return [row for row in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def test_the_history_sheet_shows_the_cells_a_resubmission_changed(master, small_plan):
    year_end(master, small_plan, name="甲县-初稿.xlsx", tasks={"T2": {"progress": 60}},
             mtime=datetime(2020, 12, 18, 9), info={"date": datetime(2020, 12, 18)})
    year_end(master, small_plan, name="甲县-定稿.xlsx", tasks={"T2": {"progress": 90}},
             figures={"I2-1": {"actual": 350}}, mtime=datetime(2020, 12, 20, 9))
    result = app.collect(master, FINAL)
    rows = [r for r in sheet_values(result.output, "修改记录") if r[1] == H.UNIT]
    assert [(r[2], r[4]) for r in rows] == [("甲县-初稿.xlsx", "已被取代"), ("甲县-定稿.xlsx", "已采用")]
    changes = rows[1][6]
    assert "T2 完成进度（%）（I3）：60 → 90" in changes
    assert "I2-1 实际完成值（H3）：320 → 350" in changes
    assert rows[1][5] == "甲县-初稿.xlsx" and not rows[0][6]


def test_history_prints_the_same_for_one_unit(master, small_plan, capsys):
    from toolkit.front.cli import main

    year_end(master, small_plan, name="甲县-初稿.xlsx", tasks={"T2": {"progress": 60}},
             mtime=datetime(2020, 12, 18, 9), info={"date": datetime(2020, 12, 18)})
    year_end(master, small_plan, name="甲县-定稿.xlsx", tasks={"T2": {"progress": 90}},
             mtime=datetime(2020, 12, 20, 9))
    year_end(master, small_plan, name="乙县.xlsx", unit=YI)
    app.collect(master, FINAL)
    assert main(["history", str(master), "--unit", "甲县", "--round", FINAL]) == 0
    out = capsys.readouterr().out
    assert "甲县-初稿.xlsx" in out and "甲县-定稿.xlsx" in out and "60 → 90" in out
    assert "乙县" not in out


def test_the_comparison_sheet_flags_a_task_whose_progress_went_down(master, small_plan):
    mid_year(master, small_plan, tasks={"T2": {"progress": 70}, "T3": {"progress": 50}},
             figures={"I2-1": {"actual": 150}})
    mid = openpyxl.load_workbook(paths.consolidated(master, 2020, MID)).sheetnames
    assert "进展对比" not in mid  # a first collected round has nothing to compare with
    year_end(master, small_plan, tasks={"T2": {"progress": 40}, "T3": {"progress": 50}},
             figures={"I2-1": {"actual": 380}})
    result = app.collect(master, FINAL)
    rows = sheet_values(result.output, "进展对比")
    assert "2020年半年" in rows[0][0]
    by_task = {(r[0], r[2]): r for r in rows[2:] if r[2] == H.UNIT and isinstance(r[0], int)}
    assert by_task[(2, H.UNIT)][3:] == ("推进中", "推进中", 70, 40, -30, "倒退")
    assert by_task[(3, H.UNIT)][8] == "无进展"
    figure = next(r for r in rows if r[0] == "I2-1" and r[2] == H.UNIT)
    assert figure[3:6] == (150, 380, 230)
    assert result.collected.comparison.backwards[0].task == 2


def test_a_feedback_workbook_marks_a_problem_of_the_info_sheet(master, small_plan, tmp_path):
    year_end(master, small_plan, info={"phone": None})  # no phone number
    collected = app.collect(master, FINAL)
    problem = next(p for u, p in collected.collected.problems
                   if u == H.UNIT and p.sheet == F.SHEET_INFO)
    result = app.feedback(master, FINAL, units="甲县教育局")
    wb = openpyxl.load_workbook(result.files[0].workbook)
    cell = wb[F.SHEET_INFO][problem.cell]
    assert cell.value is None and problem.problem in cell.comment.text
    assert wb[F.SHEET_INFO]["B4"].value == "李四"  # 填报人 kept


def test_the_distribution_list_and_cli_name_the_contacts(master, small_plan, capsys):
    from toolkit.front.cli import main

    with_contacts(master)
    result = app.assign(master, MID)
    ws = openpyxl.load_workbook(result.distribution).active
    assert any("王五 0598-5550001 王五@example.cn" in row for row in ws.iter_rows(values_only=True))
    year_end(master, small_plan)
    app.collect(master, FINAL)
    assert main(["remind", str(master), "--round", FINAL]) == 0
    out = capsys.readouterr().out
    assert f"{YI}（未报送）" in out and "王五 0598-5550001" in out and H.UNIT not in out
    assert main(["feedback", str(master), "--round", FINAL]) == 0
    assert "没有报送有问题的单位" in capsys.readouterr().out
