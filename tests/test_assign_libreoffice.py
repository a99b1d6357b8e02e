"""A real client: LibreOffice prints the assignment workbooks to PDF and saves them again as .xlsx.

The re-saved copy must still carry what the collection stage reads: the hidden _workplan sheet
(LibreOffice turns "very hidden" into "hidden"), the row keys, the plan text and targets with a
signature that still recomputes, and what the clerk typed.
"""

from __future__ import annotations

import openpyxl
import pytest
from libreoffice import convert_all

from helpers import all_calamine_rows, recompute_signature, table_rows
from toolkit.books.form.writer import write_assignment
from toolkit.books.form import layout as F

pytestmark = [
    pytest.mark.usefixtures("soffice"),
    pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning"),
]
@pytest.fixture
def workbooks(tmp_path, small_plan):
    """Two generated workbooks: one as sent, one filled in the way a clerk would."""
    sent = tmp_path / "甲县教育局_2020年终_任务表.xlsx"
    write_assignment(small_plan, "甲县教育局", "年终", sent)
    filled = tmp_path / "发展规划科_2020年终_任务表.xlsx"
    write_assignment(small_plan, "发展规划科", "年终", filled)
    wb = openpyxl.load_workbook(filled)
    tasks, figures, info = wb[F.SHEET_TASKS], wb[F.SHEET_FIGURES], wb[F.SHEET_INFO]
    tasks["H3"], tasks["I3"], tasks["J3"] = "已完成", 100, "新增学位960个，超额完成。"
    figures["H3"], figures["H4"] = 960, 1.05
    info["B4"], info["B5"] = "王五", "0598-7654321"
    wb.save(filled)
    return tmp_path, [sent, filled]


def test_pdf_and_resave_keep_the_form(workbooks, small_plan):
    folder, files = workbooks
    pdf_dir, xlsx_dir = folder / "pdf", folder / "resaved"
    convert_all(files, "pdf", pdf_dir)
    convert_all(files, "xlsx:Calc Office Open XML", xlsx_dir)
    for source in files:
        pdf = pdf_dir / source.with_suffix(".pdf").name
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf
        check_resaved(source, xlsx_dir / source.name, small_plan)


def check_resaved(source, copy, plan):
    assert copy.exists(), copy
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == openpyxl.load_workbook(source).sheetnames
    assert wb[F.SHEET_META].sheet_state in ("hidden", "veryHidden")
    before, after = all_calamine_rows(source), all_calamine_rows(copy)
    meta, table, signature = recompute_signature(after, plan)
    assert (meta, table) == recompute_signature(before, plan)[:2]
    assert signature == meta["signature"], "plan text or targets changed by the re-save"
    for sheet, columns in ((F.SHEET_TASKS, F.TASK_COLUMNS),
                           (F.SHEET_FIGURES, F.FIGURE_COLUMNS)):
        assert table_rows(after[sheet], columns) == table_rows(before[sheet], columns), sheet
        keys = [r["key"] for r in table_rows(before[sheet], columns)]
        assert [wb[sheet].cell(r, 1).value for r in range(3, 3 + len(keys))] == keys, sheet
    info = {r[0]: r[1] for r in after[F.SHEET_INFO][F.INFO_FIRST_ROW - 1:] if r and r[0]}
    if "发展规划科" in copy.name:
        row = table_rows(after[F.SHEET_TASKS], F.TASK_COLUMNS)[0]
        assert (row["status"], row["progress"]) == ("已完成", 100)
        assert row["narrative"] == "新增学位960个，超额完成。"
        actual = [r["actual"] for r in table_rows(after[F.SHEET_FIGURES], F.FIGURE_COLUMNS)]
        assert actual[:2] == [960, 1.05]
        assert (info["填报人"], info["联系电话"]) == ("王五", "0598-7654321")
    assert info["填报单位"] == meta["unit"]
