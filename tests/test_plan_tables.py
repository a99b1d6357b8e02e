"""Plans published as decomposition tables: Word tables, Excel sheets, PDF, old .doc/.xls,
and tables flattened into text. Every input is built here."""

from __future__ import annotations

import os
import subprocess
import sys

import docx
import openpyxl
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from toolkit.errors import WorkplanError
from toolkit.model.plan import LEAD_ASSUMED, LEAD_MARKED
from toolkit.plan_import import parse_plan_file

HEADER = ["序号", "重点工作任务", "牵头单位", "配合单位", "完成时限", "分管领导"]
ROWS = [
    ["一、推进学前教育普惠发展"] * 6,
    ["1", "新增公办幼儿园学位2000个以上。", "基教科", "发展规划科、财务科,各县(区)教育局", "12月底前", "王某某"],
    ["2", "完成20所薄弱园改造。", "基教科", "各县(区)教育局", "10月底前", "王某某"],
    ["", "开展学前教育宣传月活动。", "基教科", "", "5月", ""],
    ["二、提升教师队伍素质"] * 6,
    ["3", "培训教师500人次。", "人事科", "", "持续推进", "李某"],
]


def word_plan(path, header=HEADER, rows=ROWS, repeat_header=False, before=True):
    """A .docx: title and notice paragraphs, then the table, with real merged cells."""
    document = docx.Document()
    if before:
        document.add_paragraph("某市教育局关于印发2023年重点工作任务分解表的通知")
        document.add_paragraph("某教〔2023〕5号")
        document.add_paragraph("某市教育局2023年重点工作任务分解表")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    if repeat_header:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(mark)
    previous = None
    for values in rows:
        cells = table.add_row().cells
        if len(set(values)) == 1:  # a section row: one cell merged across the row
            cells[0].merge(cells[-1]).text = values[0]
        else:
            for cell, text in zip(cells, values):
                cell.text = text
            if previous is not None and values[2] and values[2] == previous[0][2] and not values[0]:
                merged = previous[1][2].merge(cells[2])  # the lead cell merged down
                merged.text = values[2]
        previous = (values, cells)
    document.add_paragraph("附件：无")
    document.save(path)
    return path


def check_table_plan(plan, source_name, unnumbered_row=5):
    assert plan.meta.title == "某市教育局2023年重点工作任务分解表"
    assert [(s.number, s.title) for s in plan.sections] == [("一", "推进学前教育普惠发展"),
                                                            ("二", "提升教师队伍素质")]
    # the unnumbered row takes the first number no printed row uses: printed numbers stay
    assert [t.number for t in plan.tasks] == [1, 2, 4, 3]
    first, second, unnumbered, last = plan.tasks
    assert first.units == ["基教科", "发展规划科", "财务科", "各县(区)教育局"]
    assert first.lead == "基教科" and first.lead_basis == LEAD_MARKED
    assert first.deadline == "12月底前"
    assert unnumbered.title == "开展学前教育宣传月活动" and unnumbered.units == ["基教科"]
    assert unnumbered.section == "一" and last.section == "二"
    assert last.deadline == "持续推进"
    assert not any("王某" in u for t in plan.tasks for u in t.units)  # people are not units
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [
        (1, 2000.0, "个"), (2, 20.0, "所"), (3, 500.0, "人次")]
    row_warnings = [w for w in plan.warnings if "没有序号" in w]
    assert len(row_warnings) == 1
    assert source_name in row_warnings[0] and f"第{unnumbered_row}行" in row_warnings[0] and "第4项" in row_warnings[0]


def test_word_table_with_merged_cells_sections_and_an_unnumbered_row(tmp_path):
    plan = parse_plan_file(word_plan(tmp_path / "分解表.docx"))
    check_table_plan(plan, "分解表.docx")
    assert plan.meta.doc_number == "某教〔2023〕5号"


def test_header_repeated_inside_the_table_is_not_a_task(tmp_path):
    rows = ROWS[:3] + [HEADER] + ROWS[3:]
    plan = parse_plan_file(word_plan(tmp_path / "p.docx", rows=rows))
    assert len(plan.tasks) == 4
    assert not any(t.title.startswith("重点工作任务") for t in plan.tasks)


def test_header_of_two_rows_and_a_responsibility_column_only(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县教育局2022年工作任务清单")
    table = document.add_table(rows=2, cols=5)
    top, below = table.rows[0].cells, table.rows[1].cells
    for cell, text in zip(top, ["序号", "工作任务", "责任单位", "责任单位", "时间节点"]):
        cell.text = text
    top[2].merge(top[3]).text = "责任单位"
    for cell, text in zip(below, ["", "", "牵头单位", "配合单位", ""]):
        cell.text = text
    for values in (["14", "完成校舍改造3所。", "基教科", "财务科", "6月底前"],
                   ["15", "开展安全检查。", "安全科", "", "全年"]):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    path = tmp_path / "清单.docx"
    document.save(path)
    plan = parse_plan_file(path)
    assert [t.number for t in plan.tasks] == [14, 15]  # an extract starting at 14
    assert plan.tasks[0].units == ["基教科", "财务科"] and plan.tasks[0].lead_basis == LEAD_MARKED
    assert plan.tasks[1].deadline == "全年"


def test_responsibility_column_first_unit_leads_by_assumption(tmp_path):
    header = ["序号", "工作任务", "责任单位", "进展情况"]
    rows = [["1", "新建校舍3所。", "基教科、财务科", "已完成70%，新建2所"],
            ["2", "开展培训。", "人事科牵头,各科室配合", "培训100人"]]
    plan = parse_plan_file(word_plan(tmp_path / "p.docx", header=header, rows=rows))
    first, second = plan.tasks
    assert first.lead == "基教科" and first.lead_basis == LEAD_ASSUMED
    assert second.units == ["人事科", "各科室"] and second.lead_basis == LEAD_MARKED
    # figures in a progress column are progress, not targets
    assert [(i.task, i.value, i.unit) for i in plan.indicators] == [(1, 3.0, "所")]


def test_section_column_merged_down_its_rows(tmp_path):
    document = docx.Document()
    document.add_paragraph("某市教育局2023年重点工作任务分解表")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["类别", "序号", "具体措施", "责任单位"]):
        cell.text = text
    data = [("党的建设", "1", "加强理论学习。", "办公室"), ("党的建设", "2", "加强作风建设。", "人事科"),
            ("教育发展", "3", "新增学位100个。", "基教科")]
    cells = [table.add_row().cells for _ in data]
    for row, values in zip(cells, data):
        for cell, text in zip(row[1:], values[1:]):
            cell.text = text
    cells[0][0].merge(cells[1][0]).text = "党的建设"
    cells[2][0].text = "教育发展"
    path = tmp_path / "p.docx"
    document.save(path)
    plan = parse_plan_file(path)
    assert [(s.number, s.title) for s in plan.sections] == [("一", "党的建设"), ("二", "教育发展")]
    assert [(t.number, t.section) for t in plan.tasks] == [(1, "一"), (2, "一"), (3, "二")]


def excel_plan(path, sheet_first=True):
    book = openpyxl.Workbook()
    if not sheet_first:
        book.active.title = "说明"
        book.active["A1"] = "本表由办公室汇总"
        ws = book.create_sheet("任务分解")
    else:
        ws = book.active
    ws.append(["某市教育局2023年重点工作任务分解表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for values in ROWS:
        ws.append([int(v) if v.isdigit() else (v or None) for v in values])
        if len(set(values)) == 1:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER))
    ws.merge_cells("C5:C6")  # the lead cell of task 2 and the unnumbered row merged
    book.save(path)
    return path


def test_excel_sheet_with_merged_cells_on_the_sheet_that_has_the_table(tmp_path):
    path = excel_plan(tmp_path / "分解表.xlsx", sheet_first=False)
    check_table_plan(parse_plan_file(path), "任务分解", unnumbered_row=6)  # below the title row


def test_flattened_table_with_bars():
    from toolkit.plan_import import parse_plan_text

    text = "某市教育局2023年重点工作任务分解表\n" + "\n".join(
        " | ".join(row) + " |" for row in [HEADER] + [r for r in ROWS if len(set(r)) > 1])
    plan = parse_plan_text(text)
    assert [t.units[:1] for t in plan.tasks] == [["基教科"]] * 3 + [["人事科"]]
    assert plan.tasks[3].deadline == "持续推进"


def test_flattened_table_one_cell_per_line(tmp_path):
    lines = ["某市教育局2023年重点工作任务分解表", *HEADER]
    for row in ROWS:
        lines += [row[0]] if len(set(row)) == 1 else [c for c in row if c]
    path = tmp_path / "网页.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = parse_plan_file(path)
    assert [(s.number, s.title) for s in plan.sections] == [("一", "推进学前教育普惠发展"),
                                                            ("二", "提升教师队伍素质")]
    first, second, third = plan.tasks  # the unnumbered row has no number line to start it
    assert first.units == ["基教科", "发展规划科", "财务科", "各县(区)教育局"]
    assert second.units == ["基教科", "各县(区)教育局"] and second.deadline == "10月底前"
    assert third.units == ["人事科"] and third.deadline == "持续推进"
    assert not any("李某" in u or "王某" in u for t in plan.tasks for u in t.units)


def test_traditional_script_is_read_in_simplified_and_kept_as_printed(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某市教育局2021年工作要點\n一、擴大教育資源\n"
                    "1.擴大學前教育資源。計劃新增學位8640個。（牽頭單位：發展規劃科；配合單位：財務科）\n",
                    encoding="utf-8")
    plan = parse_plan_file(path)
    task = plan.tasks[0]
    assert task.title == "擴大學前教育資源"  # as printed, and so are the units and targets
    assert task.units == ["發展規劃科", "財務科"] and task.lead_basis == LEAD_MARKED
    indicator = plan.indicators[0]
    assert (indicator.name, indicator.value, indicator.unit, indicator.source) == (
        "新增學位", 8640.0, "個", "計劃新增學位8640個")


# --- through LibreOffice ------------------------------------------------------------------

from libreoffice import convert  # noqa: E402


@pytest.mark.parametrize("suffix", [".doc", ".wps"])  # WPS 文字 saves the same binary format
def test_old_word_doc_converted_by_libreoffice(soffice, tmp_path, suffix):
    (tmp_path / "src").mkdir()
    doc = convert(word_plan(tmp_path / "src" / "分解表.docx"), "doc", tmp_path)
    doc = doc.rename(doc.with_suffix(suffix))
    before = doc.read_bytes()
    check_table_plan(parse_plan_file(doc), f"分解表{suffix}")
    assert doc.read_bytes() == before  # the input is never modified
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["src", doc.name])  # nothing left


@pytest.mark.parametrize("to,suffix", [("xls", ".xls"), ("xls", ".et"), ("ods", ".ods")])
def test_old_excel_and_ods_read_with_their_merged_cells(soffice, tmp_path, to, suffix):
    (tmp_path / "src").mkdir()
    sheet = convert(excel_plan(tmp_path / "src" / "分解表.xlsx"), to, tmp_path)
    sheet = sheet.rename(sheet.with_suffix(suffix))  # WPS 表格's .et is the same binary format
    check_table_plan(parse_plan_file(sheet), f"分解表{suffix}", unnumbered_row=6)


def test_pdf_of_a_word_table(soffice, tmp_path):
    (tmp_path / "src").mkdir()
    pdf = convert(word_plan(tmp_path / "src" / "分解表.docx"), "pdf", tmp_path)
    check_table_plan(parse_plan_file(pdf), "分解表.pdf")


def test_pdf_table_over_several_pages_with_repeated_header_and_wrapped_cells(soffice, tmp_path):
    rows = [[str(n), f"推进第{n}项重点工作，完善工作机制，健全长效管理制度，新建校舍{n}所。",
             "发展规划科", "财务科、各县(区)教育局", "12月底前", "王某"] for n in range(1, 61)]
    (tmp_path / "src").mkdir()
    pdf = convert(word_plan(tmp_path / "src" / "长表.docx", rows=rows, repeat_header=True), "pdf", tmp_path)
    plan = parse_plan_file(pdf)
    assert [t.number for t in plan.tasks] == list(range(1, 61))
    assert all(t.units == ["发展规划科", "财务科", "各县(区)教育局"] for t in plan.tasks)
    assert plan.tasks[41].body == rows[41][1]  # cell lines wrapped by the page joined again
    assert [i.value for i in plan.indicators] == [float(n) for n in range(1, 61)]


def test_pdf_of_numbered_paragraphs_joins_lines_broken_by_the_page_width(soffice, tmp_path):
    document = docx.Document()
    for line in ["某市教育局2021年工作要点", "一、扩大教育资源",
                 "1.扩大学前教育资源。" + "持续推进公办幼儿园建设，完善普惠性学前教育保障机制，" * 3
                 + "计划新增学位8640个。（责任单位：发展规划科、财务科，各县（市、区）教育局）",
                 "2.强化安全管理。开展校园安全专项整治。（责任单位：安全科）"]:
        document.add_paragraph(line)
    (tmp_path / "src").mkdir()
    document.save(tmp_path / "src" / "要点.docx")
    plan = parse_plan_file(convert(tmp_path / "src" / "要点.docx", "pdf", tmp_path))
    assert [t.title for t in plan.tasks] == ["扩大学前教育资源", "强化安全管理"]
    assert plan.tasks[0].units == ["发展规划科", "财务科", "各县(市、区)教育局"]
    assert "\n" not in plan.tasks[0].body
    assert [(i.name, i.value) for i in plan.indicators] == [("新增学位", 8640.0)]


def test_pdf_without_a_text_layer_says_so(soffice, tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    (tmp_path / "src").mkdir()
    document.save(tmp_path / "src" / "扫描件.docx")
    pdf = convert(tmp_path / "src" / "扫描件.docx", "pdf", tmp_path)
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(pdf)
    assert "扫描件.pdf" in err.value.message and "没有文字层" in err.value.message


def test_old_format_without_libreoffice_is_one_clear_line(tmp_path):
    path = tmp_path / "分解表.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    env = {**os.environ, "PATH": str(tmp_path)}  # no soffice on this PATH
    result = subprocess.run([sys.executable, "-m", "toolkit", "import", str(path), "--no-write"],
                            capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "分解表.doc" in lines[0] and "LibreOffice" in lines[0] and ".docx" in lines[0]


def test_new_blank_master_has_the_same_sheets_and_reads_back(tmp_path):
    from toolkit.books.master import load_master

    out = tmp_path / "空白总表.xlsx"
    result = subprocess.run([sys.executable, "-m", "toolkit", "new", "--title", "某局2024年工作要点",
                             "-o", str(out)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and "空白总表" in result.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["说明", "设置", "任务", "指标", "单位", "分解", "核实更正", "接收登记", "工作要求", "_workplan"]
    headers = [c.value for c in openpyxl.load_workbook(out)["任务"][1]]
    assert "牵头依据" in headers and "完成时限" in headers
    plan = load_master(out)
    assert plan.tasks == [] and plan.settings.year == 2024 and len(plan.settings.rounds) == 4


def test_tasks_typed_into_a_blank_master_are_the_plan(tmp_path):
    from toolkit.books.master import load_master
    from toolkit import app

    out = app.new_master(tmp_path / "m.xlsx", title="某局2024年工作要点").master_path
    book = openpyxl.load_workbook(out)
    book["任务"].append([1, "一", "党的建设", "加强理论学习", "加强理论学习。", "", "办公室", "", "", "6月底前"])
    book["单位"].append(["办公室", "机关科室"])
    book.save(out)
    plan = load_master(out)
    assert [(t.number, t.units, t.deadline) for t in plan.tasks] == [(1, ["办公室"], "6月底前")]


def test_a_plan_without_tasks_points_to_the_blank_master(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_text("这是一份说明，没有任务。\n请各单位认真落实。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "toolkit", "import", str(path), "--no-write"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "workplan new" in result.stderr
    blank = subprocess.run([sys.executable, "-m", "toolkit", "import", "--blank", "-o",
                            str(tmp_path / "m.xlsx")], capture_output=True, text=True, encoding="utf-8")
    assert blank.returncode == 0 and (tmp_path / "m.xlsx").is_file()


def test_deadline_of_a_table_reaches_the_units_forms(tmp_path):
    from toolkit.books.form.layout import FormIndex

    plan = parse_plan_file(word_plan(tmp_path / "p.docx"))
    rows = FormIndex(plan).task_rows("人事科")
    assert [(r["title"], r["deadline"], r["role"]) for r in rows] == [("培训教师500人次", "持续推进", "牵头")]


def test_word_table_in_traditional_script(tmp_path):
    header = ["序號", "重點工作任務", "牽頭單位", "配合單位", "完成時限"]
    rows = [["1", "新增公辦幼兒園學位2000個以上。", "基教科", "財務科", "12月底前"]]
    plan = parse_plan_file(word_plan(tmp_path / "p.docx", header=header, rows=rows, before=False))
    task = plan.tasks[0]
    assert task.title == "新增公辦幼兒園學位2000個以上"  # as printed
    assert task.units == ["基教科", "財務科"] and task.deadline == "12月底前"  # as printed
    assert [(i.value, i.unit) for i in plan.indicators] == [(2000.0, "個")]


def test_web_page_table_with_colspan_and_rowspan(tmp_path):
    def tr(*cells):
        return "<tr>" + "".join(cells) + "</tr>"
    rows = [
        tr(*[f"<th>{h}</th>" for h in HEADER]),
        tr('<td colspan="6">一、推进学前教育普惠发展</td>'),
        tr("<td>1</td><td>新增公办幼儿园学位2000个以上。</td><td>基教科</td>",
           "<td>发展规划科、财务科,<br>各县(区)教育局</td><td>12月底前</td><td>王某某</td>"),
        tr('<td>2</td><td>完成20所薄弱园改造。</td><td rowspan="2">基教科</td>',
           "<td>各县(区)教育局</td><td>10月底前</td><td>王某某</td>"),
        tr("<td></td><td>开展学前教育宣传月活动。</td><td></td><td>5月</td><td></td>"),
        tr('<td colspan="6">二、提升教师队伍素质</td>'),
        tr("<td>3</td><td>培训教师500人次。</td><td>人事科</td><td></td><td>持续推进</td><td>李某</td>"),
    ]
    html = ("<html><head><title>x</title></head><body><p>某市教育局关于印发2023年重点工作任务分解表的通知</p>"
            "<p>某教〔2023〕5号</p><p>某市教育局2023年重点工作任务分解表</p>"
            f"<table>{''.join(rows)}</table><p>附件：无</p></body></html>")
    path = tmp_path / "分解表.html"
    path.write_text(html, encoding="utf-8")
    check_table_plan(parse_plan_file(path), "分解表.html")


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs(tmp_path):
    paragraphs = "".join(f"<p>{line}</p>" for line in [
        "某市教育局2021年工作要点", "一、总则", "1.抓好学习。组织学习。责任单位:办公室",
        "2.抓好安全。新建校舍3所。责任单位:安全科"])
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><table><tr><td>导航</td></tr><tr><td>{paragraphs}</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    plan = parse_plan_file(path)
    assert [(t.number, t.title, t.units) for t in plan.tasks] == [(1, "抓好学习", ["办公室"]),
                                                                  (2, "抓好安全", ["安全科"])]


@pytest.mark.parametrize("name,content,words", [
    ("分解表.pdf", b"%PDF-1.4\n" + b"garbage" * 50, "无法读取"),
    ("分解表.xlsx", b"PK\x03\x04" + b"garbage" * 50, "无法打开"),
    ("分解表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "无法打开"),
    ("分解表.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "加密"),
    ("分解表.zip", b"PK\x03\x04" + b"garbage" * 50, "无法识别"),
])
def test_files_it_cannot_read_give_one_line_naming_the_file(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkplanError) as err:
        parse_plan_file(path)
    assert name in err.value.message and words in err.value.message
    assert "\n" not in err.value.message


def test_flattened_table_one_cell_per_line_with_bars(tmp_path):
    lines = ["某市教育局2023年重点工作任务分解表", *(f"{h} |" for h in HEADER)]
    for row in ROWS:
        lines += [f"{row[0]} |"] if len(set(row)) == 1 else [f"{c} |" for c in row if c]
    path = tmp_path / "网页.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = parse_plan_file(path)
    assert [t.units[0] for t in plan.tasks] == ["基教科", "基教科", "人事科"]
    assert [t.deadline for t in plan.tasks] == ["12月底前", "10月底前", "持续推进"]


def test_the_script_is_judged_by_the_characters_that_always_change():
    """A plan is taken for Traditional by its characters (個, 們, 區 …) without converting it;
    words Simplified writes too (乾隆, 於) or a stray Traditional character or two leave a
    Simplified plan as it is."""
    from toolkit.rules.text import simplified

    plain = "一、推进乾隆文化园建设，於2021年底前完成。二、完善学区制度（市教育局負責）。"
    assert simplified(plain) == plain
    printed = "一、推進學區制度建設，新建幼兒園3所。二、完善職業教育體系（市教育局負責）。"
    assert simplified(printed) == "一、推进学区制度建设，新建幼儿园3所。二、完善职业教育体系（市教育局负责）。"
