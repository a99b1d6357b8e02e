"""The .xlsx template filler on small templates built here."""

from __future__ import annotations

import datetime
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from lxml import etree

from toolkit.errors import WorkplanError
from toolkit.summary.xlsx_fill import fill_workbook

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}


def chart_parts(xml: str) -> dict:
    """The bar direction and the cell references of a chart part."""
    root = etree.fromstring(xml.encode("utf-8"))
    bar = root.find(".//c:barChart", NS)
    assert bar is not None, "not a bar chart"
    return {
        "bar_dir": bar.find("c:barDir", NS).get("val"),
        "refs": sorted(f.text for f in root.iter("{%s}f" % NS["c"])),
    }


CTX = {
    "title": "总结",
    "sections": [
        {"heading": "一、甲", "tasks": [{"n": 1, "name": "学习"}, {"n": 2, "name": "=1+2"}]},
        {"heading": "二、乙", "tasks": []},
        {"heading": "三、丙", "tasks": [{"n": 3, "name": "就业", "rate": 0.5}]},
    ],
    "rates": [{"name": "新增学位", "rate": 1.02}, {"name": "就业率", "rate": None},
              {"name": "资金", "rate": 0.8}],
}


def template(tmp_path, build) -> tuple:
    wb = Workbook()
    ws = wb.active
    ws.title = "表"
    build(ws)
    path = tmp_path / "tpl.xlsx"
    wb.save(path)
    return path, tmp_path / "out.xlsx"


def test_blocks_row_loops_styles_and_merges(tmp_path):
    def build(ws):
        ws["A1"] = "{{ title }}（共{{ sections|length }}部分）"
        ws.merge_cells("A1:C1")
        ws["A2"] = "{% for s in sections %}"
        ws["A3"] = "{{ s.heading }}"
        ws["A3"].fill = PatternFill("solid", fgColor="D9E1F2")
        ws.merge_cells("A3:C3")
        ws.row_dimensions[3].height = 22
        ws["A4"] = "{% for t in s.tasks %}{{ t.n }}"
        ws["B4"] = "{{ t.name }}"
        ws["C4"] = "{{ loop.index }}/{{ loop.length }}{% endfor %}"
        ws["B4"].font = Font(bold=True)
        ws["A5"] = "{% endfor %}"
        ws["A6"] = "合计"
        ws["B6"] = "=COUNTA(B1:B5)"
        ws.conditional_formatting.add("B4", CellIsRule(operator="equal", formula=['"学习"'],
                                                       fill=PatternFill("solid", bgColor="C6EFCE")))
        dv = DataValidation(type="list", formula1='"是,否"')
        dv.add("C4")
        ws.add_data_validation(dv)

    source, out = template(tmp_path, build)
    fill_workbook(source, CTX, out)
    ws = load_workbook(out)["表"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows == [
        ["总结（共3部分）", None, None],
        ["一、甲", None, None],
        [1, "学习", "1/2"],
        [2, "=1+2", "2/2"],
        ["二、乙", None, None],
        ["三、丙", None, None],
        [3, "就业", "1/1"],
        ["合计", "=COUNTA(B1:B5)", None],  # the template's own formula is kept
    ]
    assert ws["B4"].data_type == "s"  # '=1+2' from the data stays text
    assert ws["B8"].data_type == "f"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A2:C2", "A5:C5", "A6:C6"}
    assert ws["A5"].fill.fgColor.rgb == "00D9E1F2"
    assert ws.row_dimensions[6].height == 22
    assert ws["B7"].font.b and ws["B3"].font.b
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["B3:B7"]
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["C3:C7"]


def test_single_expressions_keep_their_type_and_chart(tmp_path):
    def build(ws):
        ws["A1"] = "指标"
        ws["B1"] = "完成率"
        ws["A2"] = "{% for r in rates %}{{ r.name }}"
        ws["B2"] = "{{ r.rate }}{% endfor %}"
        ws["B2"].number_format = "0%"
        ws["A4"] = "{{ bar_chart(values='B', categories='A', title='完成率') }}"
        ws.auto_filter.ref = "A1:B2"

    source, out = template(tmp_path, build)
    fill_workbook(source, CTX, out)
    ws = load_workbook(out)["表"]
    assert [c.value for c in ws["B"]][:4] == ["完成率", 1.02, None, 0.8]
    assert ws["B4"].number_format == "0%"
    assert ws["A6"].value is None  # the chart's placeholder renders empty
    assert ws.auto_filter.ref == "A1:B4"
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert charts == ["xl/charts/chart1.xml"]
        xml = z.read(charts[0]).decode("utf-8")
        drawing = z.read("xl/drawings/drawing1.xml").decode("utf-8")
    chart = chart_parts(xml)
    assert chart["bar_dir"] == "bar"
    assert chart["refs"] == ["'表'!$A$2:$A$4", "'表'!$B$2:$B$4"]
    anchor = etree.fromstring(drawing.encode()).find(".//xdr:from/xdr:row", NS)
    assert anchor.text == "5"  # anchored at A6 (0-based row 5)


def test_a_chart_on_a_sheet_of_its_own_charts_the_table_of_another(tmp_path):
    """The chart sheet comes first here: the chart is placed once every sheet is filled."""
    def build(ws):
        ws["A1"] = "{{ bar_chart(values='B', categories='A', sheet='表', title='完成率', "\
                   "width=25, height=15) }}"
        ws.title = "图"
        table = ws.parent.create_sheet("表")
        table["A1"] = "{% for r in rates %}{{ r.name }}"
        table["B1"] = "{{ r.rate }}{% endfor %}"

    source, out = template(tmp_path, build)
    fill_workbook(source, CTX, out)
    wb = load_workbook(out)
    assert not wb["表"]._charts
    (chart,) = wb["图"]._charts
    assert (chart.anchor.ext.width, chart.anchor.ext.height) == (25 * 360000, 15 * 360000)
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert chart_parts(xml)["refs"] == ["'表'!$A$1:$A$3", "'表'!$B$1:$B$3"]


def test_a_chart_of_a_missing_sheet_is_reported(tmp_path):
    def build(ws):
        ws["C2"] = "{{ bar_chart(values='B', categories='A', sheet='指标') }}"

    source, out = template(tmp_path, build)
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, out)
    assert "工作表「表」C2" in err.value.message and "「指标」不存在" in err.value.message


def test_rows_are_as_tall_as_their_wrapped_text(tmp_path):
    """LibreOffice prints a row at the height the file gives it: a long text's row gets the
    lines it needs, a short one keeps the default, a height the template sets is kept."""
    def build(ws):
        ws["A1"] = "{{ title }}"
        ws.row_dimensions[1].height = 30
        ws["A2"] = "{% for r in rows %}{{ r }}{% endfor %}"
        ws["A2"].alignment = Alignment(wrap_text=True)
        ws.column_dimensions["A"].width = 20

    source, out = template(tmp_path, build)
    rows = ["短", "进展" * 42, "甲\n乙\n丙"]  # 168 half-width characters: 8 lines of 21
    fill_workbook(source, dict(CTX, title="进展" * 42, rows=rows), out)
    ws = load_workbook(out)["表"]
    assert ws.row_dimensions[1].height == 30
    assert ws.row_dimensions[2].height is None
    assert ws.row_dimensions[3].height == 8 * 13.5 + 4
    assert ws.row_dimensions[4].height == 3 * 13.5 + 4


def test_undefined_name_is_reported_with_its_cell(tmp_path):
    source, out = template(tmp_path, lambda ws: ws.__setitem__("C7", "{{ titel }}"))
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, out)
    assert "tpl.xlsx" in err.value.message
    assert "工作表「表」C7" in err.value.message and "titel" in err.value.message


def test_unclosed_block_is_reported(tmp_path):
    source, out = template(tmp_path, lambda ws: ws.__setitem__("A2", "{% for s in sections %}"))
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, out)
    assert "第2行" in err.value.message and "endfor" in err.value.message


def test_syntax_error_is_reported(tmp_path):
    source, out = template(tmp_path, lambda ws: ws.__setitem__("B2", "{{ title "))
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, out)
    assert "B2" in err.value.message


def test_print_area_and_hidden_rows_follow_the_rows(tmp_path):
    """An administrator's print area (with room for the chart below the table) and a hidden
    helper row survive the filling: the area grows with the repeated rows."""
    def build(ws):
        ws["A1"] = "{{ title }}"
        ws["A2"] = "备注（打印时隐藏）"
        ws.row_dimensions[2].hidden = True
        ws["A3"] = "{% for r in rates %}{{ r.name }}"
        ws["B3"] = "{{ r.rate }}{% endfor %}"
        ws["A4"] = "{{ bar_chart(values='B', categories='A') }}"
        ws.print_area = "A1:C20"  # rows 5-20: the chart's room

    source, out = template(tmp_path, build)
    fill_workbook(source, CTX, out)
    ws = load_workbook(out)["表"]
    assert ws.print_area == "'表'!$A$1:$C$22"  # 3 rates instead of 1 template row: +2
    assert ws.row_dimensions[2].hidden and not ws.row_dimensions[3].hidden
    assert [ws.cell(r, 1).value for r in range(3, 6)] == ["新增学位", "就业率", "资金"]


def test_every_kind_of_value_is_written_as_excel_and_calamine_read_it(tmp_path):
    """The rows are written into the sheet's XML by the filler itself (not by openpyxl): text
    with markup characters, spaces and control characters, numbers, booleans, empty styled
    cells, the template's dates and formulas all come out as a reader expects."""
    def build(ws):
        ws["A1"] = "{% for r in items %}{{ r.text }}"
        ws["B1"] = "{{ r.number }}"
        ws["C1"] = "{{ r.flag }}"
        ws["D1"] = "{{ r.empty }}"
        ws["D1"].fill = PatternFill("solid", fgColor="FFF2CC")
        ws["E1"] = datetime.date(2020, 12, 31)
        ws["F1"] = "{% endfor %}"
        ws["G1"] = "=SUM(B1:B3)"
        ws["E1"].number_format = "yyyy-mm-dd"

    items = [
        {"text": "  <甲> & “乙”\r\n丙\x07  ", "number": 1.31, "flag": True, "empty": ""},
        {"text": "=HYPERLINK(\"http://x\")", "number": 12345678, "flag": False, "empty": None},
    ]
    source, out = template(tmp_path, build)
    fill_workbook(source, dict(CTX, items=items), out)
    ws = load_workbook(out)["表"]
    assert [c.value for c in ws[1]][:5] == ["  <甲> & “乙”\r\n丙  ", 1.31, True, None,
                                           datetime.datetime(2020, 12, 31)]
    assert ws["A2"].value == '=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
    assert [ws["B2"].value, ws["C2"].value] == [12345678, False]
    assert ws["G1"].data_type == "f" and ws["G2"].value == "=SUM(B1:B3)"
    assert ws["D2"].fill.fgColor.rgb == "00FFF2CC"  # an empty cell keeps its style
    assert ws["E2"].number_format == "yyyy-mm-dd"
    assert ws.dimensions == "A1:G2"
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("表").to_python()
    assert sheet[1][:3] == ['=HYPERLINK("http://x")', 12345678, False]
