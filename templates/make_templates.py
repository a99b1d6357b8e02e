"""Generate the summary templates in this folder: summary_template.xlsx and .docx.

    python templates/make_templates.py

The templates are the source the administrator may restyle in Excel or Word afterwards;
this script is how they were made (so the repository holds no binary without its source).
Both carry jinja2 placeholders that `workplan summary` fills:

- summary_template.xlsx: cells with {{ ... }}, rows that repeat ({% for t in s.tasks %} at the
  start of a row's first cell; a row holding only {% for s in sections %} up to a row holding
  only {% endfor %} repeats a block), and {{ bar_chart(...) }} where the chart goes: on a sheet
  of its own (指标图表), one landscape page, so that it never prints over the table. Every
  sheet prints on A4, one page wide, its header row on every page, page numbers in the footer.
  See toolkit/summary/xlsx_fill.py for the rules.
- summary_template.docx: docxtpl tags ({{ ... }}, {%p for ... %} paragraphs), laid out as an
  official document (GB/T 9704): A4, margins 37/35/28/26 mm, title in 方正小标宋简体 (fallback
  宋体), body in 仿宋_GB2312 (fallback 仿宋) at 三号 (16 pt), 28 pt lines, page numbers
  "— 1 —" in the footer (odd pages right, even pages left).
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from toolkit import vocab
from toolkit.books import styles
from toolkit.books.styles import print_openpyxl
from toolkit.rules.numbers import RATE_FORMAT
from toolkit.summary.shapes import Package, attach, text_box

HERE = Path(__file__).resolve().parent

# --- the workbook -------------------------------------------------------------------------------
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(name="宋体", bold=True, color="FFFFFF", size=11)
BODY_FONT = Font(name="宋体", size=10)
TITLE_FONT = Font(name="黑体", size=16, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

STATUS_COLOURS = {  # value -> (fill, font)
    "超额完成": ("C6EFCE", "006100"),
    "已达标": ("C6EFCE", "006100"),
    "已完成": ("C6EFCE", "006100"),
    "已报送": ("C6EFCE", "006100"),
    "进度正常": ("DDEBF7", "1F4E78"),
    "推进中": ("DDEBF7", "1F4E78"),
    "滞后": ("FFEB9C", "9C5700"),
    "未启动": ("FFEB9C", "9C5700"),
    "逾期": ("FFEB9C", "9C5700"),
    "未达标": ("FFC7CE", "9C0006"),
    "未完成": ("FFC7CE", "9C0006"),
    "有问题": ("FFC7CE", "9C0006"),
    "未报送": ("D9D9D9", "404040"),
    "待核实": ("FCE4D6", "C00000"),
}


LIGHT_COLOURS = {light: (fill.lstrip("#"), font.lstrip("#"))
                 for light, (fill, font) in styles.LIGHT_COLOURS.items()}


def colour_statuses(ws, ref: str, colours: dict | None = None) -> None:
    for status, (fill, font) in (colours or STATUS_COLOURS).items():
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{status}"'],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font, bold=True)))


def title_row(ws, text: str, last: str, subtitle: str | None = None) -> None:
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = text
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 30
    if subtitle:
        ws.merge_cells(f"A2:{last}2")
        ws["A2"] = subtitle
        ws["A2"].font = Font(name="宋体", size=10, italic=True, color="595959")
        ws["A2"].alignment = CENTER


def header_row(ws, row: int, headers: list[tuple[str, float]]) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = HEAD_FONT, HEAD_FILL, BORDER, CENTER
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[row].height = 28


def loop_row(ws, row: int, loop: str, fields: list[str], formats: dict[int, str] | None = None):
    """One row repeating per item: the first cell opens the loop, the last one closes it."""
    for col, field in enumerate(fields, start=1):
        text = "{{ " + field + " }}"
        if col == 1:
            text = "{% for " + loop + " %}" + text
        if col == len(fields):
            text += "{% endfor %}"
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.border, cell.alignment = BODY_FONT, BORDER, WRAP
        if formats and col in formats:
            cell.number_format = formats[col]


def print_setup(ws, landscape: bool = True, header: int | None = None, tall: int = 0) -> None:
    """A4, one page wide (`tall` pages high, 0 for as many as it takes), the `header` row on
    every page, the sheet's name and page numbers in the footer."""
    print_openpyxl(ws, landscape, (header, header) if header else None, left=ws.title, tall=tall)


def overview_sheet(ws) -> None:
    title_row(ws, "{{ title }}", "D", "{{ subtitle }}")
    header_row(ws, 4, [("项目", 30), ("数量", 12), ("说明", 50), ("", 4)])
    ws["D4"].fill = PatternFill()  # the first table is three columns wide
    ws["D4"].border = Border()
    loop_row(ws, 5, "k in key_figures", ["k.label", "k.value", "k.note"])
    ws.merge_cells("A7:D7")
    ws["A7"] = "各部分任务完成情况"
    ws["A7"].font = Font(name="黑体", size=12, bold=True)
    header_row(ws, 8, [("部分", 30), ("任务数", 12), ("已完成", 50), ("完成率", 10)])
    loop_row(ws, 9, "s in sections", ["s.heading", "s.task_count", "s.done", "s.done_rate"],
             {4: "0%"})
    print_setup(ws, landscape=False)


def tasks_sheet(ws) -> None:
    headers = [("序号", 6), ("任务名称", 24), ("牵头单位", 14), ("任务状态", 10), ("灯号", 8),
               ("灯号依据", 20), ("完成进度（%）", 10), ("牵头单位工作进展及成效", 50),
               ("配合单位报送情况", 36), ("未报送单位", 24), ("说明", 28)]
    title_row(ws, "{{ title }}　任务完成情况", "K")
    header_row(ws, 2, headers)
    ws["A3"] = "{% for s in sections %}"
    ws.merge_cells("A4:K4")
    ws["A4"] = "{{ s.heading }}（{{ s.task_count }}项，已完成{{ s.done }}项）"
    ws["A4"].font = Font(name="黑体", size=11, bold=True)
    ws["A4"].fill = PatternFill("solid", fgColor="D9E1F2")
    loop_row(ws, 5, "t in s.tasks", ["t.number", "t.title", "t.lead", "t.status", "t.light",
                                     "t.light_reason", "t.progress", "t.narrative", "t.coop_text",
                                     "t.missing_text", "t.note"])
    ws["A6"] = "{% endfor %}"
    colour_statuses(ws, "D5")
    colour_statuses(ws, "E5", LIGHT_COLOURS)
    ws.freeze_panes = "C3"
    print_setup(ws, header=2)


def indicators_sheet(ws) -> None:
    headers = [("指标编号", 9), ("任务序号", 8), ("指标名称", 26), ("要求", 16), ("目标值", 10),
               ("计量单位", 8), ("完成值", 10), ("完成率", 9), ("状态", 10), ("未报送单位", 24),
               ("拖后单位", 24), ("说明", 36), ("图表标签", 24)]
    title_row(ws, "{{ title }}　指标完成情况", "L")
    header_row(ws, 2, headers)
    loop_row(ws, 3, "i in indicators",
             ["i.key", "i.task", "i.name", "i.requirement", "i.target", "i.unit", "i.actual",
              "i.rate", "i.status", "i.missing_text", "i.lagging_text", "i.remark", "i.label"],
             {8: RATE_FORMAT})  # a shortfall never shows as 100%
    ws.column_dimensions["M"].hidden = True  # the chart's category labels (编号 + short name)
    colour_statuses(ws, "I3")
    ws.freeze_panes = "D3"
    ws.auto_filter.ref = "A2:L3"
    print_setup(ws, header=2)


def chart_sheet(ws) -> None:
    """The chart of 指标完成情况 on one A4 landscape page of its own: 25 x 15 cm below the title
    fits inside the margins (27.7 x 18.2 cm); with many indicators the bars get thinner and the
    chart stays on its page, clear of every table."""
    title_row(ws, "{{ title }}　指标完成情况图表", "O")
    ws["A3"] = ("{{ bar_chart(values='H', categories='M', sheet='指标完成情况', "
                "title='各项指标完成率', width=25, height=15) }}")
    print_setup(ws, tall=1)


def units_sheet(ws) -> None:
    headers = [("序号", 6), ("单位", 26), ("单位类别", 16), ("报送状态", 10), ("接收时间", 19),
               ("填报人", 10), ("联系电话", 16), ("问题数", 8)]
    title_row(ws, "{{ title }}　单位报送情况", "H")
    header_row(ws, 2, headers)
    loop_row(ws, 3, "u in units", ["loop.index", "u.unit", "u.kind", "u.state", "u.received",
                                   "u.reporter", "u.phone", "u.problems"])
    colour_statuses(ws, "D3")
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = "A2:H3"
    print_setup(ws, landscape=False, header=2)


def assessment_sheet(ws) -> None:
    """考评: the units ranked by score, the weights used in a note below the table."""
    headers = [("排名", 6), ("单位", 26), ("报送情况", 10), ("任务填报", 10), ("指标填报", 10),
               ("问题数", 8), ("任务达标", 10), ("指标达标", 10), ("得分", 8)]
    title_row(ws, "{{ title }}　单位考评", "I")
    header_row(ws, 2, headers)
    loop_row(ws, 3, "a in assessment",
             ["a.rank", "a.unit", "a.submission", "a.tasks_text", "a.figures_text", "a.problems",
              "a.tasks_on_target_text", "a.indicators_on_target_text", "a.score"], {9: "0.0"})
    for col in (1, 3, 4, 5, 6, 7, 8, 9):
        ws.cell(row=3, column=col).alignment = CENTER
    colour_statuses(ws, "C3", {
        vocab.REPORTED_ON_TIME: STATUS_COLOURS["已报送"], vocab.REPORTED_LATE: STATUS_COLOURS["逾期"],
        vocab.NOT_FILLED: STATUS_COLOURS["未报送"], vocab.NOT_SUBMITTED: STATUS_COLOURS["未报送"]})
    ws.conditional_formatting.add("I3", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=60,
        mid_color="FFEB84", end_type="num", end_value=100, end_color="63BE7B"))
    ws.merge_cells("A5:I5")
    ws["A5"] = "{{ assessment_weights_text }}"
    ws["A5"].font = Font(name="宋体", size=10, color="595959")
    ws["A5"].alignment = WRAP
    ws.row_dimensions[5].height = 30
    ws.freeze_panes = "C3"
    print_setup(ws, landscape=False, header=2)


def make_workbook(path: Path) -> None:
    wb = Workbook()
    wb.active.title = "总览"
    overview_sheet(wb.active)
    tasks_sheet(wb.create_sheet("任务完成情况"))
    indicators_sheet(wb.create_sheet("指标完成情况"))
    chart_sheet(wb.create_sheet("指标图表"))
    units_sheet(wb.create_sheet("单位报送情况"))
    assessment_sheet(wb.create_sheet(vocab.SUMMARY_ASSESSMENT))
    wb.properties.creator = "workplan"
    wb.save(path)
    add_text_boxes(path)


# A text box below the overview's tables (openpyxl cannot draw one: it is added to the saved
# package). It moves down with the rows the tables grow by.
OVERVIEW_BOX = {
    "name": "文本框 1",
    "cells": ((0, 10), (4, 18)),  # (column, row) from A11 to E19, 0-based
    "size": (6591300, 1524000),  # EMU, as Excel would note it
    "fill": "F2F2F2",
    "line": "A6A6A6",
    "paragraphs": [
        [("总体情况", {"font": "黑体", "size": 12, "bold": True})],
        [("{{ overview_text }}", {"font": "宋体", "size": 10})],
    ],
}


def add_text_boxes(path: Path) -> None:
    package = Package(path)
    attach(package, "总览", [text_box(**OVERVIEW_BOX)])
    package.save(path)


# --- the document -------------------------------------------------------------------------------
TITLE_FONT_NAME, TITLE_FALLBACK = styles.DOC_TITLE_FONT, styles.DOC_TITLE_FALLBACK
BODY_FONT_NAME, BODY_FALLBACK = styles.DOC_BODY_FONT, styles.DOC_BODY_FALLBACK
HEADING_FONT_NAME, HEADING_FALLBACK = styles.DOC_HEADING_FONT, styles.DOC_HEADING_FALLBACK
PAGE_FONT_NAME = "宋体"
FALLBACKS = {
    TITLE_FONT_NAME: TITLE_FALLBACK,
    BODY_FONT_NAME: BODY_FALLBACK,
    HEADING_FONT_NAME: HEADING_FALLBACK,
    "楷体_GB2312": "楷体",
}


def set_fonts(style_or_run, east_asian: str, size: float | None = None, bold=None) -> None:
    """Set the East Asian font (w:eastAsia) as well as the Latin ones."""
    font = style_or_run.font
    font.name = east_asian
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), east_asian)


def paragraph_style(doc, name: str, font: str, size: float, *, bold=False,
                    align=None, indent=True, line=28.0, before=0.0, after=0.0):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    set_fonts(style, font, size, bold)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Pt(2 * size) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    return style


def font_table_fallbacks(doc) -> None:
    """Name a fallback for each official-document font in word/fontTable.xml (w:altName):
    Word and LibreOffice use it when the font itself is not installed."""
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alt in FALLBACKS.items():
        for old in root.findall(f"{{{w}}}font[@{{{w}}}name='{name}']"):
            root.remove(old)
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "fixed"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_number(paragraph) -> None:
    """'— PAGE —' with PAGE a field, so every page shows its own number."""
    def run(text=None):
        r = paragraph.add_run(text)
        set_fonts(r, PAGE_FONT_NAME, 14)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                        ("end", None)):
        r = run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif instr.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:t")
            el.text = instr
        r._r.append(el)
    run(" —")


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    page_number(even)


def shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def repeat_header(row) -> None:
    """The row prints again at the top of every page the table runs onto."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def table_layout(table, columns) -> None:
    """Fixed column widths, narrow cell margins, the header row repeated on every page."""
    table.style = table.part.document.styles["Table Grid"]
    table.autofit = False
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(fixed)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 20), ("left", 57), ("bottom", 20), ("right", 57)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    for col, column in enumerate(columns):
        table.columns[col].width = Mm(column[2])
        for row in table.rows:
            row.cells[col].width = Mm(column[2])
    repeat_header(table.rows[0])


def loop_table(doc, loop: str, columns: list[tuple], style, header_style=None) -> None:
    """A table: a header row repeated on every page, then one row per item of `loop`
    (docxtpl's {%tr for %} / {%tr endfor %} rows around the row of fields). A column may name
    a fill (`(title, field, width, fill)`): the cell takes that colour ({% cellbg %})."""
    table = doc.add_table(rows=4, cols=len(columns))
    table_layout(table, columns)
    header, opener, fields, closer = table.rows
    for col, column in enumerate(columns):
        title, field, fill = column[0], column[1], column[3] if len(column) > 3 else ""
        for row, text in ((header, title), (fields, "{{ " + field + " }}")):
            cell = row.cells[col]
            cell.paragraphs[0].style = header_style if row is header and header_style else style
            if row is fields and fill:
                text = "{% cellbg " + fill + " %}" + text
            run = cell.paragraphs[0].add_run(text)
            run.bold = row is header
        shade(header.cells[col], "D9E1F2")
    opener.cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
    closer.cells[0].paragraphs[0].add_run("{%tr endfor %}")


ANNEX_COLUMNS = [("序号", "r.number", 10, "r.head"), ("任务和量化指标", "r.item", 56, "r.head"),
                 ("牵头单位", "r.lead", 21, "r.head"), ("完成情况", "r.state", 49, "r.head"),
                 ("灯号", "r.light", 20, "r.fill")]
ASSESSMENT_COLUMNS = [("排名", "a.rank", 12), ("单位", "a.unit", 36), ("报送情况", "a.submission", 18),
                      ("任务填报", "a.tasks_text", 16), ("指标填报", "a.figures_text", 16),
                      ("问题数", "a.problems", 12), ("任务达标", "a.tasks_on_target_text", 16),
                      ("指标达标", "a.indicators_on_target_text", 16), ("得分", "a.score", 14)]
TEXT_COLUMNS = [("任务", "a.task", 10), ("单位", "a.unit", 22), ("进展状态", "a.status", 20),
                ("工作进展及成效", "a.narrative", 56), ("存在问题及下一步打算", "a.plans", 48)]
RED = "FF0000"  # the 版头 and its rule (GB/T 9704: red)


def bottom_rule(paragraph, colour: str = RED, eighths: int = 12) -> None:
    """A line under the paragraph across the type area: the 版头's red rule."""
    props = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "4"),
                       ("w:color", colour)):
        line.set(qn(key), value)
    borders.append(line)
    props.append(borders)


def make_document(path: Path) -> None:
    """The 通报 / 总结 as GB/T 9704 lays it out: a bulletin's 版头 (name in red, 期号, the
    issuing office and the date over a red rule) when 设置 gives one, the title in lines, 主送,
    the body by parts, 附件说明 and 落款 kept on the page of the last paragraph, then the
    附件 table. Every text is a style the office may restyle in Word."""
    doc = Document()
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT_NAME, 16)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)
    fmt.widow_control = True
    page_setup(doc)
    masthead = paragraph_style(doc, "版头", TITLE_FONT_NAME, 36, align=WD_ALIGN_PARAGRAPH.CENTER,
                               indent=False, line=44)
    masthead.font.color.rgb = RGBColor.from_string(RED)
    number = paragraph_style(doc, "期号", BODY_FONT_NAME, 16, align=WD_ALIGN_PARAGRAPH.CENTER,
                             indent=False)
    issued = paragraph_style(doc, "版头信息", BODY_FONT_NAME, 16, indent=False, after=8)
    issued.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    title = paragraph_style(doc, "公文标题", TITLE_FONT_NAME, 22, align=WD_ALIGN_PARAGRAPH.CENTER,
                            indent=False, line=36)
    body = paragraph_style(doc, "公文正文", BODY_FONT_NAME, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    plain = paragraph_style(doc, "主送", BODY_FONT_NAME, 16, indent=False)
    heading = paragraph_style(doc, "一级标题", HEADING_FONT_NAME, 16)
    heading.paragraph_format.keep_with_next = True
    last = paragraph_style(doc, "末段", BODY_FONT_NAME, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    last.paragraph_format.keep_with_next = True  # the 落款 never stands alone on a page
    note = paragraph_style(doc, "附件说明", BODY_FONT_NAME, 16)
    note.paragraph_format.keep_with_next = True
    note.paragraph_format.left_indent = Pt(80)  # 附件：1.… and 2.… under it (五字)
    note.paragraph_format.first_line_indent = Pt(-48)
    cell = paragraph_style(doc, "表格文字", BODY_FONT_NAME, 10.5, indent=False, line=14)
    head_cell = paragraph_style(doc, "表头文字", HEADING_FONT_NAME, 10.5, indent=False, line=14,
                                align=WD_ALIGN_PARAGRAPH.CENTER)
    control = paragraph_style(doc, "模板控制", BODY_FONT_NAME, 10, indent=False, line=12)
    sign = paragraph_style(doc, "落款", BODY_FONT_NAME, 16, align=WD_ALIGN_PARAGRAPH.RIGHT,
                           indent=False, before=28)
    sign.paragraph_format.right_indent = Pt(64)
    sign.paragraph_format.keep_with_next = True
    dateline = paragraph_style(doc, "成文日期", BODY_FONT_NAME, 16, align=WD_ALIGN_PARAGRAPH.RIGHT,
                               indent=False)
    dateline.paragraph_format.right_indent = Pt(64)
    annex = paragraph_style(doc, "附件标题", HEADING_FONT_NAME, 16, indent=False)
    annex.paragraph_format.page_break_before = True
    annex_title = paragraph_style(doc, "附件名称", TITLE_FONT_NAME, 18,
                                  align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=32,
                                  before=12, after=12)

    def para(text: str, style):
        return doc.add_paragraph(text, style=style)

    def runs(paragraph, name: str = "p") -> None:
        """（一）… in 楷体 bold, 一是… bold, then the text."""
        sub = paragraph.add_run("{{ " + name + ".sub }}")
        set_fonts(sub, "楷体_GB2312", 16, bold=True)
        paragraph.add_run("{{ " + name + ".point }}").bold = True
        paragraph.add_run("{{ " + name + ".text }}")

    # the first paragraph of a new document is empty: reuse it for the 版头's first control
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    first.style = control
    first.add_run("{%p if journal %}")
    para("{{ masthead }}", masthead)
    para("{{ issue_text }}", number)
    line = para("", issued)
    line.add_run("{{ issuer }}")
    line.add_run().add_tab()
    line.add_run("{{ date_text }}")
    bottom_rule(line)
    para("{%p endif %}", control)
    para("{%p for line in title_lines %}", control)
    para("{{ line }}", title)
    para("{%p endfor %}", control)
    para("", plain)
    para("{{ addressees }}", plain)
    para("{{ opening }}", body)
    para("{%p for part in parts %}", control)
    para("{{ part.heading }}", heading)
    para("{%p for p in part.paragraphs %}", control)
    runs(para("", body))
    para("{%p endfor %}", control)
    para("{%p endfor %}", control)
    para("{%p if closing.text %}", control)
    runs(para("", last), "closing")
    para("{%p endif %}", control)
    gap = para("", last)  # GB/T 9704: the 附件说明 one line below the body
    gap.paragraph_format.keep_with_next = True
    para("{%p for line in annex_notes %}", control)
    para("{{ line }}", note)
    para("{%p endfor %}", control)
    para("{%p if not journal %}", control)
    para("{{ issuer }}", sign)
    para("{{ date_text }}", dateline)
    para("{%p endif %}", control)
    para("{{ annex_label }}", annex)
    para("{{ annex_title }}", annex_title)
    loop_table(doc, "r in annex_rows", ANNEX_COLUMNS, cell, head_cell)
    para("{%p if texts %}", control)
    para("{{ texts_label }}", annex)
    para("{{ texts_title }}", annex_title)
    loop_table(doc, "a in texts", TEXT_COLUMNS, cell, head_cell)
    para("{%p endif %}", control)
    para("{%p if show_assessment %}", control)
    para("{{ assessment_label }}", annex)
    para("单位考评得分表", annex_title)
    loop_table(doc, "a in assessment", ASSESSMENT_COLUMNS, cell, head_cell)
    para("{{ assessment_weights_text }}", cell)
    para("{%p endif %}", control)
    font_table_fallbacks(doc)
    core = doc.core_properties
    core.author = core.last_modified_by = "workplan"
    core.title = "工作要点落实情况通报（总结）模板"
    doc.save(path)


def fixed_timestamps(path: Path) -> None:
    """Same script, same bytes: zip entries dated 1980-01-01, document dates fixed."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2020-01-01T00:00:00Z", data)
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)


def main(out: Path = HERE) -> int:
    out.mkdir(parents=True, exist_ok=True)
    make_workbook(out / "summary_template.xlsx")
    make_document(out / "summary_template.docx")
    for name in ("summary_template.xlsx", "summary_template.docx"):
        fixed_timestamps(out / name)
    print(f"已生成 {out / 'summary_template.xlsx'} 和 {out / 'summary_template.docx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
