"""Collection (汇总): identification, every check of the issue, merging, the output workbook.

Inputs are real assignment workbooks (toolkit.assign.write_assignment) filled in with openpyxl.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest

from helpers import UNIT, blank_form, returned, rows_by_key, set_mtime, set_saved, snapshot
from toolkit import app
from consolidated_reader import load_consolidation
from toolkit.books.form import layout as F
from toolkit import vocab


def collect(plan, tmp_path, round_name="年终", **kw):
    return app.collect_plan(plan, round_name, tmp_path / "inbox", tmp_path / "out" / "汇总表.xlsx",
                        store=tmp_path / "workplan.sqlite", **kw)


def only(result, file):
    return [p for p in result.problems if p.file == file]


def one(result, file):
    found = only(result, file)
    assert len(found) == 1, [p.line() for p in found]
    return found[0]


def task(result, unit, number):
    return next(t for t in result.consolidation.tasks if t.unit == unit and t.task == number)


def figure(result, unit, key):
    return next(f for f in result.consolidation.figures if f.unit == unit and f.indicator == key)


def submission(result, unit):
    return next(s for s in result.consolidation.submissions if s.unit == unit)


# --- merging good returns -----------------------------------------------------------------
def test_good_returns_are_merged_and_missing_units_listed(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "甲县.xlsx")
    returned(small_plan, inbox, "sub/office-final(2).xlsx", unit="办公室",
             tasks={"T1": {"status": "已完成", "progress": 100, "narrative": "组织学习12次。"}})
    result = collect(small_plan, tmp_path)
    assert result.problems == []
    assert result.counts == {"expected": 7, "reported": 2, "missing": 5, "empty": 0, "late": 0,
                             "problems": 0, "unverified": 0}
    assert result.summary_line() == "已汇总 2 个单位，5 个未报送，0 条问题"
    t1 = task(result, "办公室", 1)
    assert (t1.status, t1.progress, t1.narrative, t1.role) == ("已完成", 100, "组织学习12次。", "牵头")
    assert t1.file == "sub/office-final(2).xlsx"
    assert figure(result, UNIT, "I2-1").actual == 320 and figure(result, UNIT, "I2-1").target == 400
    assert submission(result, UNIT).state == vocab.SUBMITTED
    assert submission(result, UNIT).reporter == "李四"
    assert submission(result, "乙县教育局").state == vocab.NOT_SUBMITTED
    # every (task, unit) pair of the plan is a row, answered or not
    assert len(result.consolidation.tasks) == sum(len(small_plan.task_units(t)) for t in small_plan.tasks)


def test_file_identified_by_content_not_name(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县教育局年终.xlsx", unit="乙县教育局")
    result = collect(small_plan, tmp_path)
    assert submission(result, "乙县教育局").state == vocab.SUBMITTED
    assert submission(result, UNIT).state == vocab.NOT_SUBMITTED


def test_output_workbook_sheets_and_contents(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "甲县.xlsx", tasks={"T2": {"status": "完成"}})
    result = collect(small_plan, tmp_path)
    wb = openpyxl.load_workbook(result.output)
    assert wb.sheetnames[:6] == ["报送情况", "任务进展", "进展矩阵", "指标数据", "问题清单", "未报送单位"]
    ws = wb["报送情况"]
    assert [c.value for c in ws[2]][:4] == ["序号", "单位", "单位类别", "报送状态"]
    states = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(3, ws.max_row + 1)}
    assert states[UNIT] == "有问题" and states["办公室"] == "未报送"
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref
    assert any("未报送" in str(rule.formula) for rng in ws.conditional_formatting
               for rule in rng.rules)
    problems = wb["问题清单"]
    assert [problems.cell(3, c).value for c in (2, 3, 4, 5, 8)] == [UNIT, "甲县.xlsx", "任务清单",
                                                                   "H3", "错误"]
    missing = wb["未报送单位"]
    assert {missing.cell(r, 2).value for r in range(3, missing.max_row + 1)} == {
        "办公室", "发展规划科", "职成科", "乙县教育局", "丙区教育局", "某某学院"}
    matrix = wb["进展矩阵"]
    units = [c.value for c in matrix[2]][2:]
    row_t3 = next(r for r in range(3, matrix.max_row + 1) if matrix.cell(r, 1).value == 3)
    assert matrix.cell(row_t3, 3 + units.index(UNIT)).value == "推进中"
    assert matrix.cell(row_t3, 3 + units.index("乙县教育局")).value == "未报送"
    assert matrix.conditional_formatting
    figures = wb["指标数据"]
    head = [c.value for c in figures[2]]
    row = next(r for r in figures.iter_rows(min_row=3, values_only=True)
               if r[0] == "I2-1" and r[3] == UNIT)
    assert row[head.index("目标值")] == 400 and row[head.index("实际完成值")] == 320


def test_output_cells_are_styled_by_the_workbooks_normal_style(small_plan, tmp_path):
    """Plain cells carry no format of their own: the Normal style is 宋体 10, top-aligned, and
    the narrative columns wrap."""
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    ws = openpyxl.load_workbook(collect(small_plan, tmp_path).output)["任务进展"]
    head = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 4).value == UNIT)
    unit, narrative = ws.cell(row, 4), ws.cell(row, head.index("工作进展及成效") + 1)
    for cell in (unit, narrative, ws.cell(row, 1)):
        assert (cell.font.name, cell.font.sz, cell.alignment.vertical) == ("宋体", 10, "top")
    assert narrative.alignment.wrap_text and not unit.alignment.wrap_text
    assert narrative.value.startswith(UNIT) and unit.data_type == "s"


def test_text_from_returned_files_stays_text(small_plan, tmp_path):
    risky = {"=HYPERLINK(\"http://x\",\"点我\")": "narrative", "+86 0598": "problems",
             "-无-": "next_steps"}
    answers = {f: text for text, f in risky.items()}
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
             tasks={"T2": answers}, info={"reporter": "@张三"})
    result = collect(small_plan, tmp_path)
    wb = openpyxl.load_workbook(result.output)
    ws = wb["任务进展"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row if c.value in risky]
    assert len(cells) == 3 and all(c.data_type == "s" for c in cells)
    subs = wb["报送情况"]
    reporter = [c for row in subs.iter_rows(min_row=3) for c in row if c.value == "@张三"]
    assert reporter and reporter[0].data_type == "s"
    assert task(result, UNIT, 2).narrative.startswith("=HYPERLINK")


def test_rerun_gives_the_same_workbook_and_inputs_are_untouched(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "甲县.xlsx")
    returned(small_plan, inbox, "b.xlsx", unit="办公室", tasks={"T1": {"progress": 0.5}})
    before = snapshot(inbox)
    first = collect(small_plan, tmp_path).output.read_bytes()
    second = collect(small_plan, tmp_path).output.read_bytes()
    assert first == second
    assert snapshot(inbox) == before


def test_load_consolidation_round_trip_and_openpyxl_edit(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
             figures={"I2-2": {"actual": None}}, tasks={"T3": {"progress": None}})
    result = collect(small_plan, tmp_path)
    assert load_consolidation(result.output) == result.consolidation
    # the check stage adds a sheet with openpyxl; the records still read back
    wb = openpyxl.load_workbook(result.output)
    wb.create_sheet("指标核对").append(["指标", "状态"])
    wb.save(result.output)
    loaded = load_consolidation(result.output)
    assert loaded == result.consolidation
    assert figure(result, UNIT, "I2-2").actual is None
    assert task(result, UNIT, 3).progress is None


# --- identity ----------------------------------------------------------------------------
def test_wrong_round_is_rejected(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", round_name="半年")
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "“半年”" in p.problem and "“年终”" in p.problem and p.severity == "错误"
    assert submission(result, UNIT).state == vocab.NOT_SUBMITTED


def test_another_years_form_is_rejected(small_plan, tmp_path):
    old = replace(small_plan, settings=replace(small_plan.settings, year=2019),
                  meta=replace(small_plan.meta, year=2019))
    blank = blank_form(old, UNIT, "年终", tmp_path / "old.xlsx")
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", blank=blank)
    result = collect(small_plan, tmp_path)
    assert "2019 年" in one(result, "甲县.xlsx").problem
    assert result.counts["reported"] == 0


def test_unknown_unit_is_rejected(small_plan, tmp_path):
    other = replace(small_plan, tasks=[replace(small_plan.tasks[0], units=["外区教育局"])])
    blank = blank_form(other, "外区教育局", "年终", tmp_path / "x.xlsx")
    returned(other, tmp_path / "inbox", "外区.xlsx", unit="外区教育局", blank=blank)
    result = collect(small_plan, tmp_path)
    assert "外区教育局" in one(result, "外区.xlsx").problem


def test_old_version_form_is_taken_for_its_unchanged_rows_with_one_line(small_plan, tmp_path):
    blank = blank_form(small_plan, UNIT, "年终", tmp_path / "v1.xlsx")
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", blank=blank)
    newer = replace(small_plan, settings=replace(small_plan.settings, plan_version=2))
    newer.tasks = list(newer.tasks)
    newer.tasks[2] = replace(newer.tasks[2], body=newer.tasks[2].body + "（修订）")
    result = collect(newer, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "旧版本（第 1 版）" in p.problem and "第 3 项任务" in p.problem
    assert "第 2 项任务" not in p.problem and p.severity == "警告"
    assert task(result, UNIT, 3).status == ""  # changed since: not taken
    assert task(result, UNIT, 2).status == "推进中"
    assert submission(result, UNIT).verified


def test_old_version_form_whose_rows_did_not_change_gives_no_line(small_plan, tmp_path):
    blank = blank_form(small_plan, UNIT, "年终", tmp_path / "v1.xlsx")
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", blank=blank)
    newer = replace(small_plan, settings=replace(small_plan.settings, plan_version=2))
    newer.tasks = list(newer.tasks)
    newer.tasks[0] = replace(newer.tasks[0], body=newer.tasks[0].body + "（修订）")  # 办公室's
    result = collect(newer, tmp_path)
    assert result.problems == []
    assert task(result, UNIT, 3).status == "推进中"


# --- duplicates --------------------------------------------------------------------------
def test_identical_files_count_once(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    path = returned(small_plan, inbox, "a.xlsx")
    (inbox / "b.xlsx").write_bytes(path.read_bytes())
    result = collect(small_plan, tmp_path)
    assert "完全相同" in one(result, "b.xlsx").problem and not only(result, "a.xlsx")
    assert submission(result, UNIT).file == "a.xlsx"


def test_last_received_wins_whatever_fill_date_it_states(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    today = datetime.combine(date.today(), datetime.min.time())
    returned(small_plan, inbox, "z-received-last.xlsx", info={"date": today},
             tasks={"T2": {"narrative": "后收到"}}, mtime=datetime(2020, 12, 22))
    returned(small_plan, inbox, "a-claims-later.xlsx", info={"date": today + timedelta(days=3)},
             tasks={"T2": {"narrative": "先收到"}}, mtime=datetime(2020, 12, 2))
    result = collect(small_plan, tmp_path)
    assert task(result, UNIT, 2).narrative == "后收到"
    p = one(result, "a-claims-later.xlsx")
    assert "z-received-last.xlsx" in p.problem and "取代" in p.problem
    assert [f["outcome"] for f in result.files] == ["已被取代", "已采用"]


def test_same_fill_date_later_file_time_wins(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "a.xlsx", tasks={"T2": {"narrative": "新"}},
             mtime=datetime(2020, 12, 21))
    returned(small_plan, inbox, "b.xlsx", tasks={"T2": {"narrative": "旧"}},
             mtime=datetime(2020, 12, 20))
    result = collect(small_plan, tmp_path)
    assert task(result, UNIT, 2).narrative == "新"
    assert "取代" in one(result, "b.xlsx").problem


def test_late_submission(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", mtime=datetime(2020, 12, 28, 10))
    result = collect(small_plan, tmp_path)
    assert submission(result, UNIT).state == vocab.LATE
    assert submission(result, UNIT).received == "2020-12-28 10:00:00"
    assert result.counts["late"] == 1 and "1 个逾期" in result.summary_line()
    # openpyxl stamped today's save into the workbook: after the file time, not plausible
    assert submission(result, UNIT).received_basis == "文件时间"


def test_a_form_nobody_saved_carries_no_saved_time(small_plan, tmp_path):
    path = returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    set_saved(path, "2020-12-01T08:00:00Z")  # modified == created: our own stamp
    set_mtime(path, datetime(2020, 12, 28, 10))
    sub = submission(collect(small_plan, tmp_path), UNIT)
    assert (sub.state, sub.received_basis) == (vocab.LATE, "文件时间")


def test_receipt_register_overrides_the_file_times(small_plan, tmp_path):
    from toolkit.model.plan import Receipt

    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", mtime=datetime(2020, 12, 28, 10))
    small_plan.receipts = [Receipt("年终", UNIT, "2020-12-24 16:00:00"),
                           Receipt("半年", UNIT, "2021-01-05 00:00:00")]  # another round's
    sub = submission(collect(small_plan, tmp_path), UNIT)
    assert (sub.state, sub.received, sub.received_basis) == (
        vocab.SUBMITTED, "2020-12-24 16:00:00", "接收登记")


def test_saved_into_the_inbox_late_but_sent_in_time(small_plan, tmp_path):
    """The clerk saved the attachment on 12-28; the unit's workbook says it was saved on 12-24.
    That is the unit's claim: it explains the later file time only where the office saw no
    time of its own (no store), and 时间依据 says so (issue 23)."""
    path = returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    set_saved(path, "2020-12-24T08:00:00Z")
    set_mtime(path, datetime(2020, 12, 28, 10))
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    sub = submission(result, UNIT)
    saved = datetime(2020, 12, 24, 8, tzinfo=timezone.utc).astimezone().replace(tzinfo=None)
    assert sub.state == vocab.SUBMITTED  # due 2020-12-25
    claim = "工作簿保存时间（报送单位自述）"
    assert (sub.received, sub.received_basis) == (f"{saved:%Y-%m-%d %H:%M:%S}", claim)
    assert result.counts["late"] == 0
    book = openpyxl.load_workbook(result.output)["报送情况"]
    header = [c.value for c in book[2]]
    row = next(r for r in book.iter_rows(min_row=3, values_only=True) if r[1] == UNIT)
    assert row[header.index("时间依据")] == claim
    stored = submission(collect(small_plan, tmp_path), UNIT)  # the store saw it: a time of ours
    assert (stored.state, stored.received_basis) == (vocab.LATE, "文件时间")


# --- locked content ----------------------------------------------------------------------
def _edit_cell(sheet, key, column):
    def edit(wb):
        ws = wb[sheet]
        ws.cell(rows_by_key(ws)[key], column).value = "改过的内容"
    return edit


def test_changed_task_text_is_listed_and_answers_kept(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=_edit_cell("任务清单", "T3", 5),
             tasks={"T3": {"narrative": "大班额已消除。"}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert (p.sheet, p.cell) == ("任务清单", "E4") and "任务内容" in p.problem
    assert "改过的内容" in p.problem
    assert task(result, UNIT, 3).narrative == "大班额已消除。"


def test_changed_target_is_listed(small_plan, tmp_path):
    def edit(wb):
        ws = wb["指标填报"]
        ws.cell(rows_by_key(ws)["I2-1"], 6).value = 40
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit)
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert (p.sheet, p.cell) == ("指标填报", "F3") and "目标值" in p.problem and "400" in p.problem
    assert figure(result, UNIT, "I2-1").target == 400  # the plan's target, not the edited one


def test_deleted_row_is_listed(small_plan, tmp_path):
    def edit(wb):
        ws = wb["任务清单"]
        ws.delete_rows(rows_by_key(ws)["T2"])
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit)
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "T2" in p.problem and "删除" in p.problem
    assert task(result, UNIT, 2).status == "" and task(result, UNIT, 3).status == "推进中"


def test_added_row_is_listed(small_plan, tmp_path):
    def edit(wb):
        ws = wb["任务清单"]
        ws.append([None, 9, "", "自加任务", "本单位自己加的", "", "", "推进中", 50, "做了"])
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit)
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "不是下发的内容" in p.problem and p.cell == "D5"


def test_sorted_rows_are_matched_by_key(small_plan, tmp_path):
    def edit(wb):  # sort descending by task number: swap the two data rows
        ws = wb["任务清单"]
        rows = rows_by_key(ws)
        a, b = rows["T2"], rows["T3"]
        for col in range(1, ws.max_column + 1):
            ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
             tasks={"T2": {"narrative": "二"}, "T3": {"narrative": "三"}}, edit=edit)
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "顺序" in p.problem and p.severity == "提示"
    assert task(result, UNIT, 2).narrative == "二" and task(result, UNIT, 3).narrative == "三"


def test_edited_row_key_is_listed_and_row_matched_by_content(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=_edit_cell("任务清单", "T3", 1),
             tasks={"T3": {"narrative": "三"}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "行键" in p.problem and p.cell == "A4"
    assert task(result, UNIT, 3).narrative == "三"


def test_tampered_hidden_sheet_is_unverified(small_plan, tmp_path):
    def edit(wb):
        ws = wb[F.SHEET_META]
        ws.cell(F.META_KEYS.index("plan_title") + 1, 2).value = "别的计划"
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit)
    result = collect(small_plan, tmp_path)
    assert "无法核验" in one(result, "甲县.xlsx").problem
    assert submission(result, UNIT).verified is False
    assert result.counts["unverified"] == 1


def test_form_without_hidden_sheet_is_matched_by_layout_and_unverified(small_plan, tmp_path):
    def edit(wb):
        del wb[F.SHEET_META]
    returned(small_plan, tmp_path / "inbox", "新建工作表.xlsx", edit=edit,
             tasks={"T2": {"narrative": "重新录入"}})
    result = collect(small_plan, tmp_path)
    p = one(result, "新建工作表.xlsx")
    assert "缺少隐藏的校验信息" in p.problem and UNIT in p.problem
    assert task(result, UNIT, 2).narrative == "重新录入"
    assert submission(result, UNIT).verified is False


def test_retyped_form_identified_from_file_name(small_plan, tmp_path):
    """A re-typed workbook: no hidden sheet, no key column, no unit in 填报信息."""
    def edit(wb):
        del wb[F.SHEET_META]
        for name in (F.SHEET_TASKS, F.SHEET_FIGURES):
            wb[name].delete_cols(1)
        wb[F.SHEET_INFO]["B2"] = None
    returned(small_plan, tmp_path / "inbox", "乙县教育局-年终.xlsx", unit="乙县教育局", edit=edit,
             tasks={"T3": {"narrative": "已录入"}})
    result = collect(small_plan, tmp_path)
    assert "乙县教育局" in one(result, "乙县教育局-年终.xlsx").problem
    assert task(result, "乙县教育局", 3).narrative == "已录入"
    assert figure(result, "乙县教育局", "I2-1").actual == 240


# --- answers -----------------------------------------------------------------------------
@pytest.mark.parametrize("answers, expected, severity, cell", [
    ({"status": "完成"}, "不是可选项", "错误", "H3"),
    ({"progress": 150}, "超出 0-100", "错误", "I3"),
    ({"progress": -5}, "超出 0-100", "错误", "I3"),
    ({"progress": "八成"}, "不是 0-100", "错误", "I3"),
    ({"progress": 0.8}, "已按 80% 理解", "提示", "I3"),
    ({"status": "已完成", "progress": 60}, "只有 60%", "警告", "I3"),
    ({"status": "推进中", "narrative": None}, "未填写工作进展及成效", "警告", "J3"),
])
def test_task_answer_checks(small_plan, tmp_path, answers, expected, severity, cell):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", tasks={"T2": answers})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert expected in p.problem and (p.severity, p.sheet, p.cell) == (severity, "任务清单", cell)
    assert p.action


def test_progress_fraction_is_understood(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", tasks={"T2": {"progress": 0.8}})
    assert task(collect(small_plan, tmp_path), UNIT, 2).progress == 80


@pytest.mark.parametrize("typed, value, expected", [
    ("350", 350, "以文本形式填写"),
    ("1,200", 1200, "千位分隔符"),
    ("３５０", 350, "全角"),
    ("350个", 350, "计量单位“个”"),
    (" 350 ", 350, "以文本形式填写"),
])
def test_figures_typed_as_text_are_read_with_a_note(small_plan, tmp_path, typed, value, expected):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I2-1": {"actual": typed}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert expected in p.problem and p.severity == "提示" and p.cell == "H3"
    assert figure(result, UNIT, "I2-1").actual == value


@pytest.mark.parametrize("typed", ["约100", "若干", "100左右", "100-200", "一百", "300万元", "8,64"])
def test_ambiguous_figures_are_rejected(small_plan, tmp_path, typed):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I2-1": {"actual": typed}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "无法识别" in p.problem and typed in p.problem and p.severity == "错误"
    assert "个" in p.action  # says the unit of measure
    got = figure(result, UNIT, "I2-1")
    assert (got.actual, got.flag) == (None, "无效")


def test_negative_figure_is_rejected(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I2-1": {"actual": -5}})
    result = collect(small_plan, tmp_path)
    assert "负数" in one(result, "甲县.xlsx").problem
    assert figure(result, UNIT, "I2-1").flag == "无效"


def test_figure_over_ten_times_its_allocation_is_flagged(small_plan, tmp_path):
    # 甲县's allocation of I2-1 is 400 (the city's target is 900): 4,500 is over ten times it
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I2-1": {"actual": 4500}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert "十倍" in p.problem and "400" in p.problem and p.severity == "警告"
    got = figure(result, UNIT, "I2-1")
    assert (got.actual, got.flag) == (4500, "待核实")


def test_rate_typed_as_fraction_is_read_as_percent(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "学院.xlsx", unit="某某学院",
             figures={"I4-1": {"actual": 0.97}})
    result = collect(small_plan, tmp_path)
    assert "97%" in one(result, "学院.xlsx").problem
    assert figure(result, "某某学院", "I4-1").actual == 97


@pytest.mark.parametrize("field, label, cell", [("reporter", "填报人", "B4"),
                                                ("phone", "联系电话", "B5")])
def test_missing_reporter_or_phone(small_plan, tmp_path, field, label, cell):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", info={field: None})
    p = one(collect(small_plan, tmp_path), "甲县.xlsx")
    assert p.problem == f"未填写{label}" and (p.sheet, p.cell) == ("填报信息", cell)


def test_unfilled_form_is_one_problem(small_plan, tmp_path):
    tasks = {"T2": dict.fromkeys(["status", "progress", "narrative", "next_steps"]),
             "T3": dict.fromkeys(["status", "progress", "narrative", "next_steps"])}
    figures = {k: {"actual": None} for k in ("I2-1", "I2-2", "I3-1")}
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", tasks=tasks, figures=figures,
             info={"reporter": None, "phone": None})
    result = collect(small_plan, tmp_path)
    assert "未填写任何" in one(result, "甲县.xlsx").problem
    assert submission(result, UNIT).state == vocab.NOT_FILLED  # 未填写, not 已报送


def test_blank_figure_is_a_problem_row_for_the_unit(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I2-1": {"actual": None}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert (p.problem, p.sheet, p.severity) == ("未填写实际完成值", "指标填报", "警告")
    assert p.cell.startswith("H")  # the 实际完成值 cell of I2-1's row
    assert submission(result, UNIT).problems == 1
    # its share of the city's sum is missing: 报送不全 (the rest is used), not 已报送
    assert submission(result, UNIT).state == vocab.PARTLY_SUBMITTED
    assert submission(result, UNIT).blanks == ["I2-1"]
    assert submission(result, UNIT).sent()


def test_a_blank_figure_the_city_never_takes_from_the_unit_leaves_it_reported(small_plan, tmp_path):
    """I3-1 (大班额) is the lead's city rate: a county's blank is no gap in it."""
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", figures={"I3-1": {"actual": None}})
    result = collect(small_plan, tmp_path)
    assert not [p for _, p in result.problems if p.problem == "未填写实际完成值"]
    assert submission(result, UNIT).state == vocab.SUBMITTED


def test_deleted_input_column_is_reported(small_plan, tmp_path):
    def edit(wb):
        wb["任务清单"].delete_cols(10)  # 工作进展及成效
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit,
             tasks={"T2": {"status": "未启动"}, "T3": {"status": "未启动"}})
    p = one(collect(small_plan, tmp_path), "甲县.xlsx")
    assert "工作进展及成效" in p.problem and "列" in p.problem


def test_renamed_sheet_is_still_read(small_plan, tmp_path):
    def edit(wb):
        wb["任务清单"].title = "Sheet1"
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit,
             tasks={"T2": {"narrative": "改名也能读"}})
    result = collect(small_plan, tmp_path)
    assert task(result, UNIT, 2).narrative == "改名也能读"
    assert not only(result, "甲县.xlsx")


def test_inserted_rows_above_the_table_are_harmless(small_plan, tmp_path):
    def edit(wb):
        wb["任务清单"].insert_rows(1, 2)
        wb["指标填报"].insert_rows(2)
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit,
             tasks={"T3": {"status": "已完成", "progress": 100}}, figures={"I3-1": {"actual": 1.2}})
    result = collect(small_plan, tmp_path)
    assert not only(result, "甲县.xlsx")
    assert task(result, UNIT, 3).status == "已完成" and figure(result, UNIT, "I3-1").actual == 1.2


def test_deleted_status_column_does_not_stop_the_file(small_plan, tmp_path):
    def edit(wb):
        wb["任务清单"].delete_cols(8)  # 进展状态
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit,
             tasks={"T2": {"progress": 150}})
    result = collect(small_plan, tmp_path)
    problems = [p.problem for p in only(result, "甲县.xlsx")]
    assert any("进展状态" in p for p in problems) and any("超出" in p for p in problems)
    assert task(result, UNIT, 3).narrative  # the rest is still read


# --- found in review ----------------------------------------------------------------------
def test_completed_task_typed_as_100_percent_is_read_as_100(small_plan, tmp_path):
    """Typing 100% in Excel stores 1 (a percentage); with 已完成 that is 100, not 1."""
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
             tasks={"T2": {"status": "已完成", "progress": 1}})
    result = collect(small_plan, tmp_path)
    p = one(result, "甲县.xlsx")
    assert p.severity == "提示" and "100%" in p.problem and p.cell == "I3"
    assert task(result, UNIT, 2).progress == 100


def test_progress_typed_with_a_percent_sign_is_not_scaled(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", tasks={"T2": {"progress": "0.5%"}})
    result = collect(small_plan, tmp_path)
    assert task(result, UNIT, 2).progress == 0.5
    assert "0.5" in one(result, "甲县.xlsx").problem


def test_renamed_info_sheet_is_found_by_its_labels(small_plan, tmp_path):
    def edit(wb):
        wb[F.SHEET_INFO].title = "填报信息(1)"
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit, info={"reporter": "王五"})
    result = collect(small_plan, tmp_path)
    assert only(result, "甲县.xlsx") == []
    assert submission(result, UNIT).reporter == "王五"


def test_missing_phone_on_a_renamed_info_sheet_names_that_sheet(small_plan, tmp_path):
    def edit(wb):
        wb[F.SHEET_INFO].title = "Sheet4"
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit, info={"phone": None})
    p = one(collect(small_plan, tmp_path), "甲县.xlsx")
    assert (p.sheet, p.cell, p.problem) == ("Sheet4", "B5", "未填写联系电话")


def test_unit_renamed_in_the_directory_after_sending_is_not_a_changed_unit(small_plan, tmp_path):
    """Forms went out to 规划科; the administrator then named the unit 发展规划科 and kept
    规划科 as its alias. The file is that unit's, with no warning about its 填报单位."""
    sent = replace(small_plan, units=[u for u in small_plan.units if u.name != "发展规划科"])
    for plan in (sent, small_plan):
        plan.tasks = [replace(t, units=["规划科" if u == "发展规划科" else u for u in t.units])
                      for t in plan.tasks]
    blank = blank_form(sent, "规划科", "年终", tmp_path / "规划科.xlsx")
    returned(sent, tmp_path / "inbox", "规划科.xlsx", unit="规划科", blank=blank)
    result = collect(small_plan, tmp_path)
    assert only(result, "规划科.xlsx") == []
    assert submission(result, "发展规划科").state == vocab.SUBMITTED
    assert task(result, "发展规划科", 2).status == "推进中"
