"""The master's 核实更正 and 接收登记 rows: every bad row is a line naming its cell, and a bad
value is never applied."""

from __future__ import annotations

from datetime import datetime, timedelta

import openpyxl
import pytest

import helpers as H
from toolkit import app, vocab
from toolkit.books.master import write_master
from toolkit.common import paths

JIA, YI = H.UNIT, "乙县教育局"


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def append_rows(master, sheet: str, rows) -> None:
    book = openpyxl.load_workbook(master)
    for row in rows:
        book[sheet].append(row)
    book.save(master)


def lines_of(result, sheet: str) -> dict[str, str]:
    return {p.cell: p.problem for p in result.problems if p.sheet == sheet}


CORRECTIONS = [  # (row as typed, the column of the cell its line names, words of the line)
    (["年中", JIA, "I2-1", "实际完成值", 400], "A", "不是“设置”表中的轮次"),
    ([None, JIA, "I2-1", "实际完成值", 400], "A", "未填写报送轮次"),
    (["年终", None, "I2-1", "实际完成值", 400], "B", "未填写单位名称"),
    (["年终", "丁县教育局", "I2-1", "实际完成值", 400], "B", "不是本轮应报单位"),
    (["年终", JIA, None, "实际完成值", 400], "C", "未填写编号"),
    (["年终", JIA, "I9-9", "实际完成值", 400], "C", "不是甲县教育局本轮任务表"),
    (["年终", JIA, "I2-1", "完成率", 400], "D", "无效"),
    (["年终", JIA, "T2", "实际完成值", 400], "D", "没有“实际完成值”这一项"),
    (["年终", JIA, "I2-1", "实际完成值", -5], "E", "负数"),
    (["年终", JIA, "I2-2", "实际完成值", 1e308], "E", "大得不合常理"),
    (["年终", JIA, "I3-1", "实际完成值", None, "王五"], "E", "未填写更正值"),
    (["年终", JIA, "T2", "完成进度", 150], "E", "超出 0-100"),
    (["年终", JIA, "T2", "进展状态", "差不多"], "E", "不是可选项"),
    (["年终", JIA, "T3", "存在问题", "#N/A"], "E", "错误值"),
    (["年终", JIA, "T3", "工作进展及成效", "先写的", "王五"], "E", "以后一行为准"),
    (["年终", JIA, "T3", "工作进展及成效", "后写的", "王五", "昨天"], "G", "不是日期"),
]


def test_every_bad_correction_row_is_a_line_naming_its_cell(master, small_plan):
    H.returned(small_plan, paths.inbox(master, 2020, "年终"), "甲县.xlsx",
               figures={"I2-1": {"actual": 300}, "I2-2": {"actual": 0.5}})
    append_rows(master, "核实更正", [row for row, _, _ in CORRECTIONS])
    result = app.collect(master, "年终")
    lines = lines_of(result, "核实更正")
    for number, (row, column, words) in enumerate(CORRECTIONS, start=2):
        assert words in lines.get(f"{column}{number}", ""), (row, lines)
    assert len(lines) == len(CORRECTIONS)
    figures = {f.indicator: f.actual for f in result.consolidation.figures if f.unit == JIA}
    assert figures["I2-1"] == 300 and figures["I2-2"] == 0.5  # -5 and 1e308 never applied
    narrative = next(t.narrative for t in result.consolidation.tasks
                     if t.unit == JIA and t.task == 3)
    assert narrative == "后写的"
    assert all(line in "\n".join(result.lines()) for line in lines.values())


def test_every_bad_receipt_row_is_a_line_naming_its_cell(master, small_plan):
    inbox = paths.inbox(master, 2020, "年终")
    H.returned(small_plan, inbox, "甲县.xlsx", mtime=datetime(2020, 12, 28))
    H.returned(small_plan, inbox, "乙县.xlsx", unit=YI, mtime=datetime(2020, 12, 28))
    future = datetime.now() + timedelta(days=3)
    rows = [  # (row, column, words)
        (["年中", JIA, datetime(2020, 12, 24, 16)], "A", "不是“设置”表中的轮次"),
        (["年终", None, datetime(2020, 12, 24, 16)], "B", "未填写单位名称"),
        (["年终", "丁县教育局", datetime(2020, 12, 24, 16)], "B", "不是本轮应报单位"),
        (["年终", JIA, "昨天下午"], "C", "不是日期时间"),
        (["年终", JIA, None, "王五"], "C", "未填写"),
        (["年终", JIA, future], "C", "晚于现在"),
        (["年终", YI, datetime(2020, 12, 23, 9)], "C", "以"),
        (["年终", YI, datetime(2020, 12, 24, 9)], "", ""),  # the last row of 乙县 counts
    ]
    append_rows(master, "接收登记", [row for row, _, _ in rows])
    result = app.collect(master, "年终")
    lines = lines_of(result, "接收登记")
    for number, (row, column, words) in enumerate(rows, start=2):
        if column:
            assert words in lines.get(f"{column}{number}", ""), (row, lines)
    assert len(lines) == len(rows) - 1
    states = {s.unit: s for s in result.consolidation.submissions}
    assert states[JIA].state == vocab.LATE  # no good 接收登记 row for 甲县
    assert (states[YI].received, states[YI].received_basis) == ("2020-12-24 09:00:00", "接收登记")
