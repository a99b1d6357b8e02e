"""The 催报通知 document (.docx), an official document (GB/T 9704) in the five moves of a real
one (docs/real-bulletins.md, 11): the original requirement and its due date; who has not
reported (or left blank a figure that counts), each unit on its own line with what it lacks and
its contact; a new deadline after the day of the notice; the consequence; whom to call. Then
the 落款, kept on the page of the last paragraph.

A4, margins 37/35/28/26 mm, title in 方正小标宋简体 (二号) broken between words, body in
仿宋_GB2312 (三号) on 28-point lines; the same layout as the summary's template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from toolkit.books import styles
from toolkit.common.atomic import atomic_path
from toolkit.model.plan import Plan, Round
from toolkit.rules import documents as D
from toolkit.rules.rounds import due_text, is_final
from toolkit.vocab import REMINDER

TITLE_FONT, BODY_FONT = styles.DOC_TITLE_FONT, styles.DOC_BODY_FONT
TITLE_SIZE, BODY_SIZE = 22, 16
MARGINS = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}


def write_notice(plan: Plan, rnd: Round, reminders, path: Path, today: date) -> None:
    """The notice for `reminders` (one unit: addressed to it alone)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, mm in MARGINS.items():
        setattr(section, name, Mm(mm))
    final = is_final(rnd)
    for line in D.title_lines(D.reminder_title(plan, rnd.name, final)):
        _paragraph(doc, line, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=36)
    _paragraph(doc, "")
    one = reminders[0] if len(reminders) == 1 else None
    _paragraph(doc, f"{one.unit if one else '各有关单位'}：")
    issued = D.issue_date(plan, today)
    period = D.period(rnd.name, final)
    _paragraph(doc, f"按照《{D.plan_name(plan).strip(D.BOOK)}》落实情况报送安排，各责任单位应于"
               f"{due_text(rnd)}前报送{period}落实情况。截至{D.month_day(issued)}，"
               + (f"你单位{one.missing_text()}。" if one else
                  f"尚有以下{len(reminders)}个单位未报送或报送不全："), indent=True)
    if not one:
        for n, r in enumerate(reminders, 1):
            contact = f"（联系人：{r.contact}）" if r.contact else ""
            _paragraph(doc, f"{n}.{r.unit}：{r.missing_text()}{contact}。", indent=True)
    again = D.chinese_date(D.deadline(plan, today))
    who = "请你单位" if one else "请以上单位"
    _paragraph(doc, f"{who}于{again}前补报。逾期仍未报送的，将在督查通报中予以通报。",
               indent=True)
    if plan.settings.contact:
        _paragraph(doc, f"联系人：{plan.settings.contact}", indent=True, keep=True)
    _paragraph(doc, D.issuer(plan), align=WD_ALIGN_PARAGRAPH.RIGHT, before=28, keep=True,
               right=64)
    _paragraph(doc, D.chinese_date(issued), align=WD_ALIGN_PARAGRAPH.RIGHT, right=64)
    doc.core_properties.title = REMINDER
    doc.core_properties.author = D.issuer(plan)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))


def _fonts(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str = BODY_FONT, size: float = BODY_SIZE, align=None,
               indent: bool = False, line: float = 28, before: float = 0, keep: bool = False,
               right: float = 0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(0)
    fmt.keep_with_next = keep
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if right:
        fmt.right_indent = Pt(right)
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(text), font, size)
    return p
