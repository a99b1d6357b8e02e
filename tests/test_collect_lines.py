"""Said, not swallowed: odd cells and odd files each get a line naming their place."""

from __future__ import annotations

from datetime import datetime

import helpers as H
from toolkit import app, vocab
from toolkit.books.form import layout as F

JIA = H.UNIT
LONG = "长" * 40_000  # more than an Excel cell holds (32,767)


def collect(plan, tmp_path):
    return app.collect_plan(plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx",
                            store=tmp_path / "workplan.sqlite")


def at(result, file):
    return {(p.sheet, p.cell): p for p in result.problems if p.file == file}


def date_formatted(*cells):
    """An edit giving cells ((sheet, key, field)) a date format, as a clerk's sheet may have."""
    def edit(wb):
        for sheet, key, name in cells:
            ws = wb[sheet]
            spec = F.FIGURE_COLUMNS if sheet == F.SHEET_FIGURES else F.TASK_COLUMNS
            ws.cell(H.rows_by_key(ws)[key], H.columns(ws, spec)[name]).number_format = "yyyy-mm-dd"
    return edit


def test_a_negative_number_formatted_as_a_date_is_read_as_typed(small_plan, tmp_path):
    """-5 in a date cell comes out of the reader as 00:00 and -0.5 as 12:00 (read as 0 and as
    50%): the number typed is read, and each is a line naming its cell."""
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
               figures={"I2-1": {"actual": -5}}, tasks={"T2": {"progress": -0.5}},
               edit=date_formatted((F.SHEET_FIGURES, "I2-1", "actual"),
                                   (F.SHEET_TASKS, "T2", "progress")))
    result = collect(small_plan, tmp_path)
    lines = at(result, "甲县.xlsx")
    assert "负数（-5）" in lines[(F.SHEET_FIGURES, "H3")].problem
    assert "-0.5" in lines[(F.SHEET_TASKS, "I3")].problem
    jia = next(f for f in result.consolidation.figures if f.unit == JIA and f.indicator == "I2-1")
    task = next(t for t in result.consolidation.tasks if t.unit == JIA and t.task == 2)
    assert jia.actual is None and task.progress is None


def test_text_over_what_a_cell_holds_is_a_line_for_each_cell(small_plan, tmp_path):
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx", tasks={"T2": {"narrative": LONG}},
               figures={"I2-1": {"note": LONG}}, info={"reporter": LONG})
    result = collect(small_plan, tmp_path)
    lines = at(result, "甲县.xlsx")
    for place in ((F.SHEET_TASKS, "J3"), (F.SHEET_FIGURES, "I3"), (F.SHEET_INFO, "B4")):
        assert "32,767" in lines[place].problem, place
    assert len(result.collected.records[0].reporter) == 32_767


def test_a_unit_name_with_invisible_characters_is_a_line_naming_the_cell(small_plan, tmp_path):
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
               edit=lambda wb: wb[F.SHEET_INFO].cell(2, 2, "甲县\u200b教育局\u00a0"))
    result = collect(small_plan, tmp_path)
    [line] = result.problems
    assert (line.sheet, line.cell) == (F.SHEET_INFO, "B2")
    assert "U+200B" in line.problem and "U+00A0" in line.problem and JIA in line.problem
    assert next(s for s in result.consolidation.submissions if s.unit == JIA).sent()


def test_a_file_still_being_copied_is_left_for_the_next_run_not_called_broken(small_plan,
                                                                           tmp_path):
    """A copy that reserved the file's size and is filling it (Windows does): the end is still
    zeros. Fresh, it is left for the next run; still so ten minutes on, it is broken."""
    good = H.returned(small_plan, tmp_path / "work", "甲县.xlsx").read_bytes()
    cut = len(good) * 2 // 3
    arriving = tmp_path / "inbox" / "甲县.xlsx"
    arriving.parent.mkdir()
    arriving.write_bytes(good[:cut] + b"\0" * (len(good) - cut))
    [line] = collect(small_plan, tmp_path).problems
    assert "正在复制" in line.problem and "下次汇总" in line.problem
    assert line.severity == vocab.NOTE and "重新报送" not in line.action
    H.set_mtime(arriving, datetime(2020, 12, 20))
    [line] = collect(small_plan, tmp_path).problems
    assert "损坏" in line.problem
