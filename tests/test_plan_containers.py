"""Running text carried by Word paragraphs, a web page or a PDF reads as the same text does:
tables copied in as one cell a paragraph or as label/value lines are rebuilt, and a PDF's
lines are joined into the paragraphs they were wrapped from. Every input is built here."""

from __future__ import annotations

import docx
import pytest

from toolkit.plan_import import parse_plan_file, parse_plan_text
from toolkit.plan_import import pdf

LABELLED = """某区政协2021年为民办实事项目
牵头领导:张三 李四
解决问题:加强委员与群众联系,搭建委员履职平台
工作措施:召开恳谈会,收集群众意见建议
工作目标:建立委员履职平台3个
完成时限:2021年4月底"""

ONE_CELL_A_LINE = """某市2022年民生实事任务分解表
序号
工作任务
责任单位
完成时限
1
新建幼儿园3所,新增学位900个。
市教育局
12月底前
2
改造老旧小区20个。
市住建局
10月底前"""


def tasks(plan):
    return [(t.number, t.title, t.units, t.deadline) for t in plan.tasks], \
        [(i.task, i.value, i.unit) for i in plan.indicators]


def word(path, text):
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)
    return path


def web_page(path, text):
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    path.write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [LABELLED, ONE_CELL_A_LINE], ids=["label-value", "one-cell-a-line"])
@pytest.mark.parametrize("container", [word, web_page], ids=["docx", "html"])
def test_a_table_copied_into_paragraphs_reads_as_the_same_text_does(tmp_path, text, container):
    expected = tasks(parse_plan_text(text))
    assert expected[0]  # the text itself is read: one task from the labels, two from the cells
    path = container(tmp_path / ("计划.docx" if container is word else "计划.html"), text)
    assert tasks(parse_plan_file(path)) == expected


# ---- a PDF's lines, as pdfplumber gives them: a character is `SIZE` wide, a Latin one half --------

SIZE, LEFT, RIGHT = 11.0, 90.0, 522.0


def line(text, x0=LEFT, top=0.0, room=None):
    """A text line starting at x0 (or ending `room` short of the right margin)."""
    widths = [SIZE / 2 if ch.isascii() else SIZE for ch in text]
    if room is not None:
        x0 = RIGHT - room - sum(widths)
    chars, x = [], x0
    for ch, width in zip(text, widths):
        if ch != " ":
            chars.append({"text": ch, "x0": x, "x1": x + width, "size": SIZE})
        x += width
    return {"text": text, "x0": x0, "x1": x, "top": top, "bottom": top + SIZE, "chars": chars,
            "left": LEFT, "right": RIGHT}


def test_a_line_stopping_short_of_the_margin_by_less_than_the_next_word_was_wrapped():
    assert pdf._wrapped(line("新增城区停车位3000个以上;新建城区公共厕所20", room=20), line("座、旅游厕所30座"))
    assert pdf._wrapped(line("实施棚户区改造项目;打通城", room=25), line("区“断头路”4条。"))


def test_a_line_with_room_for_the_next_word_ended_its_paragraph():
    before = line("健全职工医保门诊共济保障机制,逐步将门诊费用纳入统筹基金报销。(年内持续推进)", room=24)
    assert not pdf._wrapped(before, line("03 养老"))
    assert pdf._wrapped(before, line("10件为民实事。"))  # no space: `10件` goes down as one word


def test_a_line_ending_a_sentence_or_an_item_ends_its_paragraph_unless_it_fills_the_line():
    assert not pdf._wrapped(line("建成社区便民市场8处;", room=5), line("实施城市老旧小区改造项目"))
    assert pdf._wrapped(line("建成社区便民市场8处;", room=0), line("实施城市老旧小区改造项目"))
    assert not pdf._wrapped(line("建成社区便民市场8处。", room=5), line("实施城市老旧小区改造项目"))


def test_an_indented_line_or_a_numbered_one_opens_a_paragraph():
    assert not pdf._wrapped(line("加快建设草柳编电商产业园", room=0), line("实施城市老旧小区改造", x0=LEFT + 2 * SIZE))
    for opening in ["6。完成城市道路拥堵路口“微整治”20处", "(2)新建公办幼儿园", "7"]:
        assert not pdf._wrapped(line("(牵头单位:市公安局、市交通运输局)", room=4), line(opening))


def test_a_paragraph_goes_on_over_the_end_of_a_page():
    first_page = [line("2020年集中力量办好10件实事:建成藉河治理二期工程;新增城区停车位", room=0)]
    second_page = [line("3000个以上;建成社区便民市场8处。", top=72)]
    items = [("line", x) for x in first_page + second_page]
    assert pdf._with_paragraphs(items) == [
        ("text", "2020年集中力量办好10件实事:建成藉河治理二期工程;新增城区停车位3000个以上;建成社区便民市场8处。")]


def body(*texts, pitch=24.7):
    return [line(text, top=100 + i * pitch) for i, text in enumerate(texts)]


def test_a_number_set_apart_in_the_footer_is_the_page_number():
    assert pdf._page_number(body("5", "新建虹桥体育公园市民健身步道") + [line("- 6 -", x0=290, top=760)])
    assert pdf._page_number(body("5", "新建虹桥体育公园市民健身步道") + [line("6", x0=300, top=160)])
    assert pdf._page_number(body("5", "新建虹桥体育公园市民健身步道") + [line("6", top=700)])


def test_a_bare_number_in_the_body_is_an_item_number_not_the_page_number():
    assert not pdf._page_number(body("5", "新建虹桥体育公园市民健身步道", "改建虹桥河滨公园篮球场", "6"))


def test_a_line_opening_with_a_decimal_number_goes_on_the_paragraph_before():
    before = line("实施新建、改扩建公办幼儿园项目25个,总建设面积约", room=0)
    assert pdf._wrapped(before, line("11.09万平方米,计划新增学位8640个"))
    assert not pdf._wrapped(before, line("11.推进义务教育优质均衡发展"))


def test_a_bare_number_at_the_paragraphs_indent_is_an_item_number():
    indent = LEFT + 2 * SIZE
    lines = [line(text, x0=indent, top=100 + i * 24.7) for i, text in enumerate(["5", "新建健身步道", "6"])]
    assert not pdf._page_number([line("2024年为民办实事项目", top=70)] + lines)


def test_a_warning_about_a_table_read_from_lines_says_so(tmp_path):
    """The administrator looks for a Word table that is not there unless told the table was
    read from the lines; a real Word table is named as it is."""
    from_lines = parse_plan_file(word(tmp_path / "计划.docx", LABELLED)).warnings
    assert any("“计划.docx”第1个表格（由文字行读出）没有序号列" in w for w in from_lines)
    document = docx.Document()
    document.add_paragraph("某区政协2021年为民办实事项目")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["工作任务", "责任单位", "完成时限"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["建立委员履职平台3个。", "区政协办公室", "2021年4月底"]):
        cell.text = text
    document.save(tmp_path / "表格.docx")
    in_a_table = parse_plan_file(tmp_path / "表格.docx").warnings
    assert any("“表格.docx”第1个表格没有序号列" in w for w in in_a_table)


def test_lines_parted_by_soft_line_breaks_in_one_word_paragraph_read_as_lines(tmp_path):
    """Shift+Enter in Word ends a line, not the paragraph: label/value lines so typed are a table."""
    title, *lines = LABELLED.splitlines()
    document = docx.Document()
    document.add_paragraph(title)
    paragraph = document.add_paragraph(lines[0])
    for text in lines[1:]:
        paragraph.add_run().add_break()
        paragraph.add_run(text)
    document.save(tmp_path / "计划.docx")
    assert tasks(parse_plan_file(tmp_path / "计划.docx")) == tasks(parse_plan_text(LABELLED))
