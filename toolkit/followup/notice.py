"""The 催报通知 document (.docx), laid out as an official document (GB/T 9704).

A4, margins 37/35/28/26 mm, title in 方正小标宋简体 (二号), body in 仿宋_GB2312 (三号) on
28-point lines, the table of units in 仿宋 (四号); the same layout as the summary's template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from toolkit.books import styles
from toolkit.rules.rounds import due_text, round_label
from toolkit.common.atomic import atomic_path
from toolkit.model.plan import Plan, Round
from toolkit.vocab import REMINDER

TITLE_FONT, BODY_FONT, HEAD_FONT = styles.DOC_TITLE_FONT, styles.DOC_BODY_FONT, styles.DOC_HEADING_FONT
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = 22, 16, 12
LINE = Pt(28)
MARGINS = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
TABLE_HEADERS = ("序号", "单位", "情况", "缺报内容", "联系人及联系方式")


def write_notice(plan: Plan, rnd: Round, reminders, path: Path, today: date) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, mm in MARGINS.items():
        setattr(section, name, Mm(mm))
    label = round_label(plan.year, rnd.name)
    _paragraph(doc, f"关于催报{label}工作要点落实情况的通知", TITLE_FONT, TITLE_SIZE,
               WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "")
    one = reminders[0].unit if len(reminders) == 1 else ""
    _paragraph(doc, f"{one or '各有关单位'}：")
    _paragraph(doc, f"根据{plan.display_title}落实情况报送安排，{label}落实情况应于{due_text(rnd)}前报送。"
               f"截至{today.year}年{today.month}月{today.day}日，"
               + (f"你单位{reminders[0].missing_text()}。" if one else
                  f"尚有{len(reminders)}个单位未报送或报送不全（见下表）。")
               + "请于接到本通知后抓紧补报，逾期未报的将在通报中予以说明。", indent=True)
    if not one:
        _table(doc, reminders)
    if plan.settings.contact:
        _paragraph(doc, f"联系人及电话：{plan.settings.contact}", indent=True)
    _paragraph(doc, "")
    _paragraph(doc, plan.meta.issuer or "", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, f"{today.year}年{today.month}月{today.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.core_properties.title = REMINDER
    doc.core_properties.author = plan.meta.issuer or ""
    with atomic_path(path) as tmp:
        doc.save(str(tmp))


def _fonts(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str = BODY_FONT, size: float = BODY_SIZE, align=None,
               indent: bool = False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(text), font, size)
    return p


def _table(doc, reminders) -> None:
    table = doc.add_table(rows=1, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADERS):
        _fonts(cell.paragraphs[0].add_run(text), HEAD_FONT, TABLE_SIZE)
    for i, r in enumerate(reminders, 1):
        cells = table.add_row().cells
        values = (str(i), r.unit, r.state, r.missing_text(), r.contact or "（总表未填写）")
        for cell, text in zip(cells, values):
            _fonts(cell.paragraphs[0].add_run(text), BODY_FONT, TABLE_SIZE)
