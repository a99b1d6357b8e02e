"""Plan files as offices send them: encodings, Word, the published web page, and bad files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit.errors import WorkplanError
from toolkit.plan_import import parse_plan_file

PLAN = (
    "某市教育局关于印发2021年工作要点的通知\n"
    "各县(市、区)教育局:\n"
    "现将《某市教育局2021年工作要点》印发给你们。\n"
    "某市教育局2021年工作要点\n"
    "一、加强党的建设\n"
    "1.强化理论学习。组织开展学习。责任单位:办公室、人事科\n"
    "二、扩大教育资源\n"
    "2.扩大学前教育资源。计划新增学位8640个。〔责任单位:发展规划科,各县(市、区)教育局\n"
)


def check(plan):
    assert plan.meta.title == "某市教育局2021年工作要点"
    assert plan.meta.year == 2021
    assert [t.title for t in plan.tasks] == ["强化理论学习", "扩大学前教育资源"]
    assert plan.tasks[1].units == ["发展规划科", "各县(市、区)教育局"]
    assert [(i.value, i.unit) for i in plan.indicators] == [(8640.0, "个")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    check(parse_plan_file(path))


def test_windows_line_endings(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.replace("\n", "\r\n").encode("gbk"))
    check(parse_plan_file(path))


def test_docx(tmp_path):
    import docx

    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "工作要点.docx"
    document.save(path)
    check(parse_plan_file(path))


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_published_html_page(tmp_path, encoding):
    paragraphs = "".join(f"<p style='text-indent:2em'>{line}</p>\n" for line in PLAN.splitlines())
    html = (
        f"<!DOCTYPE html><html><head><meta charset='{encoding}'><title>通知</title>"
        "<script>var x = '1.不是任务。责任单位:办公室';</script></head>"
        f"<body><div class='nav'>首页 &gt; 通知公告</div>{paragraphs}"
        "<div>附件下载</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(encoding))
    check(parse_plan_file(path))


def test_reference_plan_as_html_and_docx_matches_text(tmp_path, reference_plan_text):
    import docx

    from toolkit.plan_import import parse_plan_text

    expected = parse_plan_text(reference_plan_text)
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in reference_plan_text.splitlines())
    (tmp_path / "seed.html").write_text(html + "</body></html>", encoding="utf-8")
    document = docx.Document()
    for line in reference_plan_text.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "seed.docx")
    for name in ("seed.html", "seed.docx"):
        plan = parse_plan_file(tmp_path / name)
        assert plan.tasks == expected.tasks
        assert plan.indicators == expected.indicators


@pytest.mark.parametrize("content,words", [
    (b"", "空的"),
    (b"   \n\n  ", "空的"),
    (bytes(range(256)) * 20, "不是文本文件"),
    ("这是一份通知。\n请认真贯彻落实。\n".encode("utf-8"), "没有找到编号的任务"),
])
def test_bad_files_are_clear_errors(tmp_path, content, words):
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(path)
    assert words in err.value.message


def test_a_spreadsheet_without_a_task_table_is_a_clear_error(tmp_path):
    import openpyxl

    path = tmp_path / "plan.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(path)
    assert "plan.xlsx" in err.value.message and "没有找到任务分解表" in err.value.message


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff" * 100, "只有一句话。".encode()])
def test_command_line_exit_code_2_and_one_line(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "import", str(path), "-o", str(tmp_path / "m.xlsx")],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 2
    assert result.stderr.startswith("错误：")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.xlsx").exists()


def test_missing_file(tmp_path):
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(tmp_path / "nope.txt")
    assert "找不到计划文件" in err.value.message


def _numbered_docx(path):
    """A plan whose 一、 and 1. come from Word's list numbering, not from the text."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for abstract_id, fmt, text in (("90", "chineseCounting", "%1、"), ("91", "decimal", "%1.")):
        numbering.append(parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f"</w:lvl></w:abstractNum>"))
    for num_id, abstract_id in (("90", "90"), ("91", "91")):
        numbering.append(parse_xml(
            f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))

    def add(text, num_id):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    document.add_paragraph("某市教育局2021年工作要点")
    add("加强党的建设", "90")
    add("强化理论学习。组织开展学习。责任单位:办公室", "91")
    add("扩大教育资源", "90")
    add("扩大学前教育资源。计划新增学位8640个。责任单位:发展规划科", "91")
    document.save(path)


def test_docx_with_word_list_numbering(tmp_path):
    _numbered_docx(tmp_path / "plan.docx")
    plan = parse_plan_file(tmp_path / "plan.docx")
    assert [(s.number, s.title) for s in plan.sections] == [("一", "加强党的建设"), ("二", "扩大教育资源")]
    assert [(t.number, t.section, t.units) for t in plan.tasks] == [
        (1, "一", ["办公室"]), (2, "二", ["发展规划科"])]
    assert [(i.value, i.unit) for i in plan.indicators] == [(8640.0, "个")]


def test_chinese_list_numbers():
    from toolkit.plan_import.docx_numbering import chinese_number

    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23, 35)] == [
        "一", "九", "十", "十一", "二十", "二十三", "三十五"]
