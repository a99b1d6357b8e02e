"""Every workbook prints on A4 as a person expects: one page wide, the header rows on every page,
page numbers in the footer, long text wrapped and whole, the summary's chart on a page of its own.

The set-up is read back with openpyxl for each kind of workbook; LibreOffice prints the master,
a form and the summary workbook to PDF (one conversion) and the pages are measured with
pdfplumber.
"""

from __future__ import annotations

import helpers as H
from helpers import summarised
import openpyxl
import pdfplumber
import pytest

from libreoffice import convert_all
from toolkit.assign import assign_plan
from toolkit import app
from toolkit.common import paths
from toolkit.books.master import write_master
from toolkit.model.plan import AGG_SUM, AT_LEAST, Indicator

A4_POINTS = {(595, 842), (842, 595)}
MORE = 40  # indicators added to the small plan: the summary's table runs over pages
TASK_END = "（任务内容到此为止）"  # the end of a task text too long for one line
NARRATIVE_END = "（进展情况到此为止）"
CM = 360000  # EMU


def long_plan():
    """The small plan with a long task text and 40 more indicators (I4-2 … I4-41)."""
    plan = H.make_small_plan()
    plan.task(2).body = "2.扩大学前教育资源。" + "加快推进学前教育普及普惠安全优质发展。" * 12 + TASK_END
    plan.indicators += [
        Indicator(4, k + 1, f"测试指标{k:02d}", 100, "个", AT_LEAST, False, "",
                  f"测试指标{k:02d}达到100个", AGG_SUM)
        for k in range(1, MORE + 1)]
    return plan


def long_consolidation():
    """The summary's consolidation, 职成科 reporting 51 … 90 of 100 for the added indicators."""
    consolidation = H.summary_consolidation()
    consolidation.tasks[1].narrative = "新建公办幼儿园3所，" * 20 + NARRATIVE_END
    consolidation.figures += [H.summary_fig(f"I4-{k + 1}", "职成科", 50 + k)
                              for k in range(1, MORE + 1)]
    return consolidation


def assert_prints(ws, landscape: bool, titles: str | None, left: str | None = None):
    """A4, one page wide, `titles` repeated, page numbers on the right of the footer."""
    setup = ws.page_setup
    assert setup.paperSize == 9, ws.title
    assert setup.orientation == ("landscape" if landscape else "portrait"), ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
    assert setup.fitToHeight == 0, ws.title
    assert ws.print_title_rows == titles, ws.title
    assert ws.print_options.horizontalCentered, ws.title
    assert ws.oddFooter.right.text == "第 &P 页，共 &N 页", ws.title
    if left is not None:
        assert ws.oddFooter.left.text == left, ws.title


def visible(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


# --- the set-up, read back -------------------------------------------------------------------
def test_the_master_prints_every_sheet(tmp_path):
    path = write_master(long_plan(), tmp_path / "任务分解总表.xlsx")
    wb = openpyxl.load_workbook(path)
    assert [ws.title for ws in visible(wb)] == ["说明", "设置", "任务", "指标", "单位", "分解",
                                                "核实更正", "接收登记", "工作要求"]
    for ws in visible(wb):
        titles = None if ws.title == "说明" else "$1:$1"
        assert_prints(ws, ws.title not in ("说明", "分解", "接收登记"), titles, "任务分解总表")
        assert ws.oddFooter.center.text == ws.title
    tasks = wb["任务"]
    body = next(r for r in range(2, 6) if str(tasks.cell(r, 5).value).endswith(TASK_END))
    assert tasks.cell(body, 5).alignment.wrap_text
    assert tasks.row_dimensions[body].height >= 5 * 13.5  # seven lines in a column 70 wide


def test_forms_the_distribution_list_and_feedback_print(tmp_path, small_plan):
    result = assign_plan(small_plan, "年终", tmp_path / "下发")
    form = openpyxl.load_workbook(next(f.path for f in result.files if f.unit == H.UNIT))
    for name, landscape, titles in (("填报说明", False, None), ("任务清单", True, "$2:$2"),
                                    ("指标填报", True, "$2:$2"), ("填报信息", False, None)):
        assert_prints(form[name], landscape, titles, H.UNIT)
        assert form[name].oddFooter.center.text == "2020年终"
    listing = openpyxl.load_workbook(tmp_path / "下发" / "下发清单.xlsx")["下发清单"]
    assert_prints(listing, True, "$2:$2", listing["A1"].value)

    master = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    H.returned(small_plan, paths.inbox(master, 2020, "年终"), "甲县.xlsx",
               tasks={"T2": {"narrative": "新建幼儿园两所，" * 20 + NARRATIVE_END}},
               figures={"I2-1": {"actual": "约200"}})
    collected = app.collect(master, "年终")
    book = openpyxl.load_workbook(collected.output)
    for ws in visible(book):
        assert_prints(ws, True, "$1:$2", "2020年终汇总")
    tasks = book["任务进展"]
    row = next(cell.row for line in tasks.iter_rows() for cell in line
               if str(cell.value).endswith(NARRATIVE_END))
    assert tasks.row_dimensions[row].height >= 4 * 13.5  # the narrative's lines, not one
    feedback = app.feedback(master, "年终").files[0].workbook
    results = openpyxl.load_workbook(feedback)["校验结果"]
    assert_prints(results, True, "$3:$3", H.UNIT)


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    out = tmp_path_factory.mktemp("总结")
    return summarised(long_plan(), long_consolidation(), "年终", out).outputs[0]


def test_the_summary_prints_every_sheet_and_its_chart_on_a_sheet_of_its_own(summary):
    wb = openpyxl.load_workbook(summary)
    assert wb.sheetnames == ["总览", "任务完成情况", "指标完成情况", "指标图表", "单位报送情况", "考评"]
    assert_prints(wb["总览"], False, None, "总览")
    assert_prints(wb["任务完成情况"], True, "$2:$2", "任务完成情况")
    assert_prints(wb["指标完成情况"], True, "$2:$2", "指标完成情况")
    assert_prints(wb["单位报送情况"], False, "$2:$2", "单位报送情况")
    assert_prints(wb["考评"], False, "$2:$2", "考评")
    chart_sheet = wb["指标图表"]
    assert chart_sheet.page_setup.orientation == "landscape"
    assert chart_sheet.page_setup.fitToHeight == 1  # the chart's page, never split
    assert not wb["指标完成情况"]._charts
    (chart,) = chart_sheet._charts
    anchor = chart.anchor  # at A3, 25 x 15 cm: inside an A4 landscape page's margins
    assert (anchor._from.col, anchor._from.row) == (0, 2)
    assert (anchor.ext.width, anchor.ext.height) == (25 * CM, 15 * CM)
    last = 2 + 4 + MORE
    assert chart.series[0].val.numRef.f == f"'指标完成情况'!$H$3:$H${last}"
    tasks = wb["任务完成情况"]
    row = next(r for r in range(3, 10) if str(tasks.cell(r, 8).value).endswith(NARRATIVE_END))
    assert tasks.row_dimensions[row].height >= 4 * 13.5  # the narrative's lines, not one


# --- printed by LibreOffice --------------------------------------------------------------------
@pytest.fixture(scope="module")
def printed(tmp_path_factory, summary):
    """The master, 甲县's form and the summary workbook printed to PDF: {name: pages' words}."""
    folder = tmp_path_factory.mktemp("pdf")
    plan = long_plan()
    master = write_master(plan, folder / "任务分解总表.xlsx")
    form = H.blank_form(plan, H.UNIT, "年终", folder / "甲县任务表.xlsx")
    pdfs = convert_all([master, form, summary], "pdf", folder / "out")
    pages = {}
    for name, pdf in zip(("master", "form", "summary"), pdfs):
        with pdfplumber.open(pdf) as doc:
            pages[name] = [Page(p) for p in doc.pages]
    return pages


class Page:
    """What a printed page shows: its size in points, its words with their boxes."""

    def __init__(self, page):
        self.size = (round(page.width), round(page.height))
        self.words = page.extract_words()
        self.text = "".join(w["text"] for w in self.words)
        self.height = page.height

    def sheet(self) -> str:
        """The sheet the page prints: the footer's left label."""
        footer = [w for w in self.words if w["top"] > self.height - 60]
        return min(footer, key=lambda w: w["x0"])["text"]

    def find(self, text: str) -> list[dict]:
        return [w for w in self.words if w["text"] == text]



@pytest.mark.parametrize("name", ["master", "form"])
def test_every_page_is_a4_with_its_number(soffice, printed, name):
    pages = printed[name]
    assert len(pages) > 1
    for n, page in enumerate(pages, 1):
        assert page.size in A4_POINTS, (name, n, page.size)
        assert f"第{n}页，共{len(pages)}页" in page.text, (name, n)


def test_long_text_prints_whole(soffice, printed):
    assert TASK_END in "".join(p.text for p in printed["master"] if p.sheet() == "任务分解总表")
    tasks = [p for p in printed["summary"] if p.sheet() == "任务完成情况"]
    assert NARRATIVE_END in "".join(p.text for p in tasks)


def test_the_summary_chart_prints_whole_on_its_own_page(soffice, printed):
    pages = printed["summary"]
    assert all(p.size in A4_POINTS for p in pages)
    assert [p.sheet() for p in pages].count("指标图表") == 1
    chart = next(p for p in pages if p.sheet() == "指标图表")
    assert chart.size == (842, 595)  # landscape
    assert chart.find("各项指标完成率")
    rates = {f"{50 + k}%" for k in range(1, MORE + 1)} | {"102%", "106%"}
    assert rates <= {w["text"] for w in chart.words}  # every bar's label: the chart is whole
    assert not chart.find("指标编号") and "不低于100个" not in chart.text  # no table cell


def test_the_indicator_table_repeats_its_header_on_every_page(soffice, printed):
    table = [p for p in printed["summary"] if p.sheet() == "指标完成情况"]
    assert len(table) >= 2
    for page in table:
        assert page.find("指标编号") and page.find("完成率")
        assert not page.find("各项指标完成率")  # the chart is not here
        header = page.find("指标编号")[0]
        assert all(w["top"] >= header["top"] for w in page.find("不低于100个"))
    keys = {w["text"] for p in table for w in p.words}
    assert {f"I4-{k + 1}" for k in range(1, MORE + 1)} <= keys  # no row lost


def test_the_overview_text_box_prints_below_its_tables(soffice, printed):
    overview = printed["summary"][0]
    assert overview.sheet() == "总览"
    (box,) = overview.find("总体情况")
    table_bottom = max(w["bottom"] for text in ("按时报送单位", "二、增强教育获得感")
                       for w in overview.find(text))
    assert box["top"] > table_bottom
