"""Cells that are not what they seem: each is a problem row naming the cell, or read correctly.

Built from real returned forms whose sheet XML is edited the way other programs (or hostile
senders) leave it: formulas without a saved result, cached errors, external links, odd numbers.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

import helpers as H
from toolkit import app
from toolkit.books.form import layout as F

TASKS_PART, FIGURES_PART = "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"
# 甲县教育局's form: 指标填报 rows 3-5 are I2-1, I2-2, I3-1; 实际完成值 is column H.


def with_cell(workbook: bytes, part: str, cell: str, element: str) -> bytes:
    """The package with one cell's element (<c r="H3" ...>...</c>) replaced by `element`."""
    xml = zipfile.ZipFile(io.BytesIO(workbook)).read(part).decode()
    changed, count = re.subn(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', element, xml, count=1,
                             flags=re.S)
    assert count == 1, f"no {cell} in {part}"
    return H.replace_part(workbook, part, changed.encode())


def collect_one(plan, tmp_path, data: bytes, name: str = "甲县.xlsx"):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / name).write_bytes(data)
    return app.collect_plan(plan, "年终", inbox, tmp_path / "out.xlsx")


def actual(result, key: str):
    return next(f.actual for f in result.consolidation.figures
                if f.unit == H.UNIT and f.indicator == key)


@pytest.fixture
def good(small_plan, tmp_path) -> bytes:
    return H.returned(small_plan, tmp_path / "work", "甲县.xlsx").read_bytes()


@pytest.mark.parametrize("element, words", [
    ('<c r="H3" s="10"><f>SUM(J3:J9)</f></c>', "没有保存计算结果"),
    ('<c r="H3" s="10" t="e"><f>H4/0</f><v>#DIV/0!</v></c>', "错误值 #DIV/0!"),
    ('<c r="H3" s="10" t="e"><f>VLOOKUP(A3,B:B,2,0)</f><v>#N/A</v></c>', "错误值 #N/A"),
    ('<c r="H3" s="10" t="e"><f>#REF!*2</f><v>#REF!</v></c>', "错误值 #REF!"),
])
def test_a_formula_without_result_or_an_error_value_is_a_row_naming_the_cell(
        small_plan, tmp_path, good, element, words):
    result = collect_one(small_plan, tmp_path, with_cell(good, FIGURES_PART, "H3", element))
    [row] = result.problems
    assert words in row.problem and "实际完成值" in row.problem
    assert (row.sheet, row.cell, row.severity) == (F.SHEET_FIGURES, "H3", "错误")
    assert actual(result, "I2-1") is None and result.counts["reported"] == 1


def test_an_external_link_is_read_from_its_saved_result_with_a_row(small_plan, tmp_path, good):
    element = "<c r=\"H3\" s=\"10\"><f>'D:\\报表\\[统计.xlsx]学位'!$B$2</f><v>318</v></c>"
    result = collect_one(small_plan, tmp_path, with_cell(good, FIGURES_PART, "H3", element))
    [row] = result.problems
    assert "外部链接" in row.problem and "318" in row.problem and row.cell == "H3"
    assert actual(result, "I2-1") == 318


def test_an_ordinary_formula_is_read_from_its_saved_result(small_plan, tmp_path, good):
    element = '<c r="H3" s="10"><f>300+20</f><v>320</v></c>'
    result = collect_one(small_plan, tmp_path, with_cell(good, FIGURES_PART, "H3", element))
    assert result.problems == [] and actual(result, "I2-1") == 320


@pytest.mark.parametrize("element, expected, severity, words", [
    ('<c r="H3" s="10"><v>1E+308</v></c>', None, "错误", "大得不合常理"),
    ('<c r="H3" t="inlineStr"><is><t>1e308</t></is></c>', None, "错误", "大得不合常理"),
    ('<c r="H3" t="inlineStr"><is><t>3.2e2</t></is></c>', 320, "提示", "科学计数法"),
    ('<c r="H3" t="inlineStr"><is><t>Infinity</t></is></c>', None, "错误", "不是数字"),
    ('<c r="H3" t="inlineStr"><is><t>1e999</t></is></c>', None, "错误", "超出了数字的范围"),
])
def test_odd_numbers(small_plan, tmp_path, good, element, expected, severity, words):
    result = collect_one(small_plan, tmp_path, with_cell(good, FIGURES_PART, "H3", element))
    [row] = result.problems
    assert words in row.problem and (row.cell, row.severity) == ("H3", severity), row
    assert actual(result, "I2-1") == expected


def test_a_number_in_a_cell_formatted_as_a_date_is_read_as_the_number(small_plan, tmp_path):
    def date_format(wb):
        ws = wb[F.SHEET_FIGURES]
        ws["H3"].value = 320
        ws["H3"].number_format = "yyyy/m/d"  # shows 1900/11/15
    path = H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=date_format)
    result = app.collect_plan(small_plan, "年终", path.parent, tmp_path / "out.xlsx")
    [row] = result.problems
    assert "日期或时间格式" in row.problem and "320" in row.problem and row.severity == "提示"
    assert actual(result, "I2-1") == 320


def test_a_date_really_typed_as_a_figure_is_still_refused(small_plan, tmp_path):
    from datetime import datetime

    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
               figures={"I2-1": {"actual": datetime(2020, 12, 20)}})
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    [row] = result.problems
    assert "填成了日期" in row.problem and actual(result, "I2-1") is None


def test_text_longer_than_a_cell_holds_is_cut_with_a_row(small_plan, tmp_path, good):
    text = "进" * 40000
    element = f'<c r="J3" t="inlineStr"><is><t>{text}</t></is></c>'
    result = collect_one(small_plan, tmp_path, with_cell(good, TASKS_PART, "J3", element))
    [row] = result.problems
    assert "40,000 个字符" in row.problem and "32,767" in row.problem and row.cell == "J3"
    answer = next(t for t in result.consolidation.tasks if t.unit == H.UNIT and t.task == 2)
    assert len(answer.narrative) == 32767
    narratives = [c for r in openpyxl.load_workbook(tmp_path / "out.xlsx")["任务进展"].iter_rows(
        values_only=True) for c in r if isinstance(c, str) and c.startswith("进进")]
    assert narratives and all(len(c) == 32767 for c in narratives)


@pytest.mark.slow
def test_a_hundred_thousand_appended_rows_are_one_row(small_plan, tmp_path, good):
    rows = "".join(f'<row r="{r}"><c r="D{r}" t="inlineStr"><is><t>行{r}</t></is></c></row>'
                   for r in range(10, 100010))
    xml = zipfile.ZipFile(io.BytesIO(good)).read(TASKS_PART)
    data = H.replace_part(good, TASKS_PART, xml.replace(b"</sheetData>",
                                                        rows.encode() + b"</sheetData>"))
    result = collect_one(small_plan, tmp_path, data)
    problems = sorted(p.problem for p in result.problems)
    assert len(problems) == 2, problems
    assert "只读取了前 20,000 行" in problems[0]
    assert "行不是下发的内容" in problems[1] and "19,991 行" in problems[1]
    assert result.counts["reported"] == 1
    answer = next(t for t in result.consolidation.tasks if t.unit == H.UNIT and t.task == 2)
    assert answer.status == "推进中"


def test_a_filled_copy_of_the_task_sheet_is_used_when_the_original_is_blank(small_plan, tmp_path):
    def copy_then_blank(wb):
        original = wb[F.SHEET_TASKS]
        copy = wb.copy_worksheet(original)
        copy.title = "任务清单 (2)"
        cols, rows = H.columns(original, F.TASK_COLUMNS), H.rows_by_key(original)
        for r in rows.values():
            for name in ("status", "progress", "narrative", "problems", "next_steps"):
                original.cell(r, cols[name]).value = None
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
               tasks={"T2": {"narrative": "填在副本中"}}, edit=copy_then_blank)
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    [row] = result.problems
    assert "任务清单 (2)" in row.problem and row.severity == "提示"
    answer = next(t for t in result.consolidation.tasks if t.unit == H.UNIT and t.task == 2)
    assert answer.narrative == "填在副本中"
    assert next(s for s in result.consolidation.submissions if s.unit == H.UNIT).verified
