"""Text boxes in the .xlsx summary template: rendered, moved with the rows, kept in the output."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from libreoffice import convert
from helpers import summary_consolidation as consolidation, summarised
from toolkit.errors import WorkplanError
from toolkit.common.stable import freeze_zip
from toolkit.summary import templates_dir
from toolkit.summary.render import XLSX_TEMPLATE
from toolkit.summary.shapes import Package, attach, text_box
from toolkit.summary.xlsx_fill import fill_workbook

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"xdr": XDR, "a": A}

CTX = {
    "title": "总结",
    "note": "第一行\n第二行 <a&b>",
    "rates": [{"name": "新增学位", "rate": 1.02}, {"name": "就业率", "rate": None},
              {"name": "资金", "rate": 0.8}],
}
BOLD = {"bold": True, "size": 11}
PLAIN = {"size": 11}


# --- reading the output, independently of toolkit.summary.shapes ---------------------------------
def sheet_drawing(path, n: int):
    """The drawing XML (lxml root) of the n-th sheet openpyxl wrote (xl/worksheets/sheetN.xml),
    or None; found through the sheet's <drawing r:id> and its relationships."""
    with zipfile.ZipFile(path) as z:
        sheet = etree.fromstring(z.read(f"xl/worksheets/sheet{n}.xml"))
        element = sheet.find("{*}drawing")
        if element is None:
            return None
        rels = etree.fromstring(z.read(f"xl/worksheets/_rels/sheet{n}.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == element.get(f"{{{R}}}id"))
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl/worksheets", target))
        types = z.read("[Content_Types].xml").decode()
        assert f'PartName="/{name}"' in types
        return etree.fromstring(z.read(name))


def shapes(drawing) -> list:
    return drawing.findall("*/xdr:sp", NS)


def paragraphs(sp) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{A}}}t"))
            for p in sp.iterfind("xdr:txBody/a:p", NS)]


def row_of(sp, end: str = "from") -> int:
    return int(sp.getparent().find(f"xdr:{end}/xdr:row", NS).text)


# --- the template ------------------------------------------------------------------------------
def make_template(tmp_path, boxes: dict[str, list]):
    """A workbook with sheet 表 (a repeating row and a chart) and sheet 说明 (no chart), then
    text boxes added to its package as Excel would have them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表"
    ws["A1"] = "{{ title }}"
    ws["A2"] = "{% for r in rates %}{{ r.name }}"
    ws["B2"] = "{{ r.rate }}{% endfor %}"
    ws["A4"] = "{{ bar_chart(values='B', categories='A') }}"
    other = wb.create_sheet("说明")
    other["A1"] = "说明"
    path = tmp_path / "tpl.xlsx"
    wb.save(path)
    package = Package(path)
    for sheet, anchors in boxes.items():
        attach(package, sheet, anchors)
    package.save(path)
    return path


def split_box(shape_id=1):
    """Placeholders split over runs as Excel saves them, a paragraph loop, a plain line."""
    return text_box("文本框 1", ((3, 5), (8, 12)), (3000000, 1000000), [
        [("本轮共{{ ra", BOLD), ("tes|length }}项", PLAIN), ("指标", PLAIN)],
        [("{% for r in rates %}", PLAIN)],
        [("{{ loop.index }}. {{ r.", PLAIN), ("name }}", PLAIN)],
        [("{% endfor %}", PLAIN)],
        [("原样", BOLD), ("保留", PLAIN)],
        [("数据{", PLAIN), ("{ title }}", BOLD)],  # split between the braces
    ], shape_id=shape_id)


def note_box():
    box = text_box("说明框", ((0, 2), (5, 8)), (3000000, 1000000), [
        [("{{ title }}：", BOLD), ("{{ note }}", PLAIN)],
    ])
    link = etree.SubElement(box.find(".//a:rPr", NS), f"{{{A}}}hlinkClick", nsmap={"r": R})
    link.set(f"{{{R}}}id", "rId9")  # a hyperlink to a relationship the output does not have
    return box


@pytest.fixture
def filled(tmp_path):
    source = make_template(tmp_path, {"表": [split_box()], "说明": [note_box()]})
    out = tmp_path / "out.xlsx"
    fill_workbook(source, CTX, out)
    return out


def test_text_box_beside_the_chart(filled):
    drawing = sheet_drawing(filled, 1)
    assert drawing.find("*/xdr:graphicFrame", NS) is not None  # openpyxl's chart is still there
    [sp] = shapes(drawing)
    assert paragraphs(sp) == [
        "本轮共3项指标", "1. 新增学位", "2. 就业率", "3. 资金", "原样保留", "数据总结"]
    first = sp.find("xdr:txBody/a:p", NS)
    runs = first.findall("a:r", NS)
    # the split placeholder's runs went into the first one, which keeps its format
    assert [r.findtext("a:t", None, NS) for r in runs] == ["本轮共3项", "指标"]
    assert [r.find("a:rPr", NS).get("b") for r in runs] == ["1", None]
    assert len(sp.findall("xdr:txBody/a:p", NS)[-2].findall("a:r", NS)) == 2  # untouched
    ids = [e.get("id") for e in drawing.iter(f"{{{XDR}}}cNvPr")]
    assert len(set(ids)) == len(ids) == 2  # the template's id 1 clashed with the chart's
    # the template anchored it at row 6 (0-based 5), below one repeating row that became 3
    assert (row_of(sp), row_of(sp, "to")) == (7, 14)


def test_text_box_alone_on_a_sheet_without_drawing(filled):
    drawing = sheet_drawing(filled, 2)
    [sp] = shapes(drawing)
    assert drawing.find("*/xdr:graphicFrame", NS) is None
    assert paragraphs(sp) == ["总结：第一行第二行 <a&b>"]
    runs = sp.find("xdr:txBody/a:p", NS)
    # each placeholder in its own run keeps its run's format; the value's line break is a:br
    assert [etree.QName(c).localname for c in runs] == ["r", "r", "br", "r"]
    assert [r.findtext("a:t", None, NS) for r in runs.iterfind("a:r", NS)] == [
        "总结：", "第一行", "第二行 <a&b>"]
    assert [r.find("a:rPr", NS).get("b") for r in runs.iterfind("a:r", NS)] == ["1", None, None]
    assert b"&lt;a&amp;b&gt;" in etree.tostring(drawing)
    assert not list(drawing.iter(f"{{{A}}}hlinkClick"))  # its relationship is not in the output
    assert row_of(sp) == 2  # no rows inserted above it
    wb = load_workbook(filled)
    assert [c.value for c in wb["表"]["A"]][:4] == ["总结", "新增学位", "就业率", "资金"]


EXCEL_BOX = """<xdr:twoCellAnchor xmlns:xdr="%s" xmlns:a="%s">
<xdr:from><xdr:col>4</xdr:col><xdr:colOff>95250</xdr:colOff><xdr:row>1</xdr:row>
<xdr:rowOff>9525</xdr:rowOff></xdr:from>
<xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row>
<xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"><a:extLst>
<a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId
 xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main"
 id="{00000000-0008-0000-0000-000002000000}"/></a:ext></a:extLst></xdr:cNvPr>
<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>
<xdr:spPr><a:xfrm><a:off x="3143250" y="200025"/><a:ext cx="3333750" cy="942975"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="lt1"/></a:solidFill>
<a:ln w="9525" cmpd="sng"><a:solidFill><a:schemeClr val="lt1"><a:shade val="50000"/></a:schemeClr>
</a:solidFill></a:ln></xdr:spPr>
<xdr:style><a:lnRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef><a:fillRef idx="0">
<a:scrgbClr r="0" g="0" b="0"/></a:fillRef><a:effectRef idx="0"><a:scrgbClr r="0" g="0" b="0"/>
</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="dk1"/></a:fontRef></xdr:style>
<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" rtlCol="0" anchor="t"/>
<a:lstStyle/><a:p><a:pPr algn="l"/><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1100"/>
<a:t>本轮共</a:t></a:r><a:r><a:rPr lang="en-US" altLang="zh-CN" sz="1100" b="1"/>
<a:t>{{ rates|</a:t></a:r><a:r><a:rPr lang="en-US" altLang="zh-CN" sz="1100" b="1"/>
<a:t>length }}</a:t></a:r><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1100"/><a:t>项指标</a:t>
</a:r><a:endParaRPr lang="zh-CN" altLang="en-US" sz="1100"/></a:p></xdr:txBody></xdr:sp>
<xdr:clientData/></xdr:twoCellAnchor>""" % (XDR, A)


def test_text_box_as_excel_saves_it(tmp_path):
    """Excel's own markup: language runs, a split placeholder, theme styles, an extension."""
    box = etree.fromstring(EXCEL_BOX.encode("utf-8"))
    source = make_template(tmp_path, {"表": [box]})
    out = tmp_path / "out.xlsx"
    fill_workbook(source, CTX, out)
    [sp] = shapes(sheet_drawing(out, 1))
    runs = sp.findall("xdr:txBody/a:p/a:r", NS)
    assert [r.findtext("a:t", None, NS) for r in runs] == ["本轮共", "3", "项指标"]
    assert runs[1].find("a:rPr", NS).get("b") == "1"
    assert sp.find("xdr:style", NS) is not None and sp.find(".//a:extLst", NS) is not None
    assert row_of(sp) == 1 and row_of(sp, "to") == 6  # at the repeating row: stays
    assert load_workbook(out)["表"]["A1"].value == "总结"


def test_new_drawing_element_follows_the_schema_order(tmp_path):
    """<drawing> goes before <legacyDrawing> (a sheet's comments), which Excel insists on."""
    wb = Workbook()
    wb.active["A1"] = "说明"
    wb.active["A1"].comment = Comment("管理员的批注", "管理员")
    path = tmp_path / "comment.xlsx"
    wb.save(path)
    package = Package(path)
    attach(package, "Sheet", [note_box()])
    package.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    order = [etree.QName(c).localname for c in sheet]
    assert order.index("drawing") + 1 == order.index("legacyDrawing")
    assert paragraphs(shapes(sheet_drawing(path, 1))[0]) == ["{{ title }}：{{ note }}"]
    assert load_workbook(path)["Sheet"]["A1"].comment.text == "管理员的批注"


def test_rerun_gives_the_same_bytes(tmp_path):
    source = make_template(tmp_path, {"表": [split_box()], "说明": [note_box()]})
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        fill_workbook(source, CTX, tmp_path / name)
        freeze_zip(tmp_path / name, "2020-12-31T00:00:00Z")
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_undefined_name_names_the_text_box(tmp_path):
    box = text_box("文本框 7", ((0, 2), (3, 4)), (1, 1), [
        [("共{{ tasks|len", PLAIN), ("gth }}项", PLAIN)]])
    source = make_template(tmp_path, {"说明": [box]})
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, tmp_path / "out.xlsx")
    message = err.value.message
    assert "tpl.xlsx" in message and "工作表「说明」文本框「文本框 7」第1段" in message
    assert "tasks" in message


def test_unclosed_paragraph_loop_is_reported(tmp_path):
    box = text_box("文本框 2", ((0, 2), (3, 4)), (1, 1), [
        [("{% for r in rates %}", PLAIN)], [("{{ r.name }}", PLAIN)]])
    source = make_template(tmp_path, {"表": [box]})
    with pytest.raises(WorkplanError) as err:
        fill_workbook(source, CTX, tmp_path / "out.xlsx")
    assert "文本框「文本框 2」第1段" in err.value.message and "endfor" in err.value.message


def test_generated_template_has_the_overview_text_box(tmp_path):
    """templates/summary_template.xlsx carries what make_templates.py draws on 总览."""
    import runpy

    runpy.run_path(str(templates_dir() / "make_templates.py"), run_name="build")["main"](tmp_path)
    fresh = sheet_drawing(tmp_path / "summary_template.xlsx", 1)
    kept = sheet_drawing(templates_dir() / XLSX_TEMPLATE, 1)
    assert etree.tostring(fresh) == etree.tostring(kept)
    assert paragraphs(shapes(kept)[0]) == ["总体情况", "{{ overview_text }}"]


def test_summary_overview_text_box(tmp_path, small_plan):
    result = summarised(small_plan, consolidation(), "年终", tmp_path / "总结")
    [sp] = shapes(sheet_drawing(result.outputs[0], 1))
    texts = paragraphs(sp)
    assert texts[0] == "总体情况"
    assert texts[1].startswith("4项重点任务中，已完成2项，占50.0%；未完成1项，占25.0%；"
                               "未报送进展1项，占25.0%。")
    assert "7个责任单位中按时报送4个。" in texts[1]
    # template row 11: 6 key figures (+5 rows) and 2 sections (+1 row) above it
    assert row_of(sp) == 16
    # the chart's drawing, on 指标图表 (the fourth sheet), holds no text box
    [chart_sheet] = [n for n in (2, 3, 4, 5) if sheet_drawing(result.outputs[0], n) is not None]
    assert chart_sheet == 4 and not shapes(sheet_drawing(result.outputs[0], 4))


# --- the real client -----------------------------------------------------------------------------
def pdf_text(pdf) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([tool, str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


def test_libreoffice_prints_the_text_boxes(soffice, filled, tmp_path, small_plan):
    text = pdf_text(convert(filled, "pdf", tmp_path / "pdf"))
    assert "本轮共3项指标" in text and "3.资金" in text and "原样保留" in text
    assert "总结：第一行第二行<a&b>" in text
    summary = summarised(small_plan, consolidation(), "年终", tmp_path / "总结")
    text = pdf_text(convert(summary.outputs[0], "pdf", tmp_path / "summary"))
    assert "总体情况4项重点任务中，已完成2项" in text
    assert "7个责任单位中按时报送4个。" in text
