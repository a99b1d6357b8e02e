"""A corpus of bad or odd returned files: each gives exactly one clear problem, none crashes
the run, and every input is byte-identical afterwards."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime

import docx
import openpyxl
import pytest

import helpers as H
from toolkit import app
from toolkit.books.form import layout as F


def _write(name, data):
    def build(plan, inbox, tmp):
        (inbox / name).write_bytes(data() if callable(data) else data)
        return name
    return build


def _form(name="甲县.xlsx", **kw):
    def build(plan, inbox, tmp):
        H.returned(plan, inbox, name, **kw)
        return name
    return build


def _bytes_of_form(plan, tmp, **kw) -> bytes:
    return H.returned(plan, tmp / "work", "good.xlsx", **kw).read_bytes()


def _transformed(name, change):
    def build(plan, inbox, tmp):
        (inbox / name).write_bytes(change(_bytes_of_form(plan, tmp)))
        return name
    return build


def _zip(name, members):
    def build(plan, inbox, tmp):
        good = _bytes_of_form(plan, tmp)
        (inbox / name).write_bytes(members(good))
        return name
    return build


def _huge(plan, inbox, tmp):
    with open(inbox / "巨大.xlsx", "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: over the 20 MB limit
    return "巨大.xlsx"


def _docx(plan, inbox, tmp):
    document = docx.Document()
    document.add_paragraph("甲县教育局年终工作总结")
    document.save(inbox / "总结.docx")
    return "总结.docx"


def _not_a_form(plan, inbox, tmp):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.save(inbox / "通讯录.xlsx")
    return "通讯录.xlsx"


def _other_round(plan, inbox, tmp):
    return _form("甲县-半年.xlsx", round_name="半年")(plan, inbox, tmp)


def _other_year(plan, inbox, tmp):
    old = replace(plan, settings=replace(plan.settings, year=2019), meta=replace(plan.meta, year=2019))
    blank = H.blank_form(old, H.UNIT, "年终", tmp / "2019.xlsx")
    return _form("去年.xlsx", blank=blank)(plan, inbox, tmp)


def _unknown_unit(plan, inbox, tmp):
    other = replace(plan, tasks=[replace(plan.tasks[0], units=["外区教育局"])])
    blank = H.blank_form(other, "外区教育局", "年终", tmp / "外区.xlsx")
    H.returned(other, inbox, "外区.xlsx", unit="外区教育局", blank=blank)
    return "外区.xlsx"


def _pair(first_kw, second_kw, expect_file):
    def build(plan, inbox, tmp):
        H.returned(plan, inbox, "a.xlsx", **first_kw)
        H.returned(plan, inbox, "b.xlsx", **second_kw)
        return expect_file
    return build


def _identical(plan, inbox, tmp):
    path = H.returned(plan, inbox, "a.xlsx")
    shutil.copy2(path, inbox / "b-副本.xlsx")
    return "b-副本.xlsx"


def _delete(sheet):
    def edit(wb):
        del wb[sheet]
    return edit


def _cell(sheet, key, column, value):
    def edit(wb):
        ws = wb[sheet]
        ws.cell(H.rows_by_key(ws)[key], column).value = value
    return edit


def _swap(wb):
    ws = wb[F.SHEET_FIGURES]
    rows = H.rows_by_key(ws)
    a, b = rows["I2-1"], rows["I3-1"]
    for col in range(1, ws.max_column + 1):
        ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value


def _empty_answers():
    blank = dict.fromkeys(["status", "progress", "narrative", "next_steps"])
    return {"tasks": {"T2": blank, "T3": dict(blank)},
            "figures": {k: {"actual": None} for k in ("I2-1", "I2-2", "I3-1")},
            "info": {"reporter": None, "phone": None}}


def _broken_sheet(good: bytes) -> bytes:
    return H.replace_part(good, "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row>")


CORPUS = {
    # the file itself
    "empty file": (_write("空.xlsx", b""), "文件为空"),
    "truncated": (_transformed("截断.xlsx", lambda b: b[: len(b) // 2]), "损坏"),
    "random bytes": (_write("乱码.xlsx", bytes(range(256)) * 40), "无法识别"),
    "password protected": (_write("加密.xlsx", H.encrypted_workbook), "密码"),
    "word renamed .xls": (_write("报告.xls", lambda: H.ole_file({"WordDocument": b"x" * 100})), "Word 文档"),
    "docx": (_docx, "Word 文档"),
    "pdf renamed .xlsx": (_write("甲县.xlsx", H.PDF), "PDF"),
    "pdf": (_write("甲县.pdf", H.PDF), "PDF"),
    "png screenshot": (_write("截图.png", H.PNG), "图片"),
    "jpeg photo": (_write("照片.jpg", H.JPEG), "图片"),
    "wps .et": (_write("甲县.et", lambda: H.ole_file({"Workbook": b"\x09\x08" * 50})), "WPS"),
    "text file": (_write("说明.txt", "请查收附件。".encode("utf-8")), "文本文件"),
    "html as .xls": (_write("导出.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>"), "网页"),
    "rar archive": (_write("打包.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64), "RAR"),
    "zip bomb": (_write("炸弹.xlsx", H.zip_bomb), "压缩炸弹"),
    "xml entity bomb": (_transformed("实体.xlsx", lambda b: H.replace_part(b, "xl/sharedStrings.xml", H.ENTITY_BOMB)), "XML"),
    "over size limit": (_huge, "文件过大"),
    "broken sheet xml": (_transformed("坏表.xlsx", _broken_sheet), "损坏"),
    "not an assignment form": (_not_a_form, "不是下发的任务表"),
    # archives
    "zip path traversal": (_zip("打包.zip", lambda g: H.unsafe_zip("../甲县.xlsx", g)), "路径不安全"),
    "zip with password": (_zip("加密包.zip", lambda g: H.encrypted_member_zip("甲县.xlsx", g)), "密码"),
    "zip in zip": (_zip("套娃.zip", lambda g: H.zip_bytes({"inner.zip": H.zip_bytes({"甲县.xlsx": g})})), "又含有压缩包"),
    "empty zip": (_write("空包.zip", lambda: H.zip_bytes({})), "没有文件"),
    # identity
    "wrong round": (_other_round, "“半年”"),
    "another year": (_other_year, "2019 年"),
    "unknown unit": (_unknown_unit, "不在本轮应报单位"),
    "hidden sheet removed": (_form(edit=_delete(F.SHEET_META)), "缺少隐藏的校验信息"),
    "hidden sheet tampered": (_form(edit=_cell(F.SHEET_META, "T2", 3, "0" * 16)), "无法核验"),
    "identical copy": (_identical, "完全相同"),
    "older duplicate": (_pair({"info": {"reporter": "王五"}, "mtime": datetime(2020, 12, 19)},
                              {"info": {"date": H.today()}}, "a.xlsx"), "取代"),
    "unit cell edited": (_form(edit=lambda wb: wb[F.SHEET_INFO].cell(2, 2, "乙县教育局")), "填报单位被改"),
    # locked content
    "task text edited": (_form(edit=_cell(F.SHEET_TASKS, "T2", 4, "新标题")), "任务名称"),
    "target edited": (_form(edit=_cell(F.SHEET_FIGURES, "I2-1", 6, 4000)), "目标值"),
    "row deleted": (_form(edit=lambda wb: wb[F.SHEET_FIGURES].delete_rows(4)), "被删除"),
    "row added": (_form(edit=lambda wb: wb[F.SHEET_TASKS].append([None, 7, "", "新增", "内容"])), "不是下发的内容"),
    "rows reordered": (_form(edit=_swap), "顺序"),
    "row key edited": (_form(edit=_cell(F.SHEET_FIGURES, "I2-2", 1, "X9")), "行键"),
    "sheet deleted": (_form(edit=_delete(F.SHEET_FIGURES)), "找不到“指标填报”"),
    # answers
    "status not in list": (_form(tasks={"T2": {"status": "基本完成"}}), "不是可选项"),
    "progress over 100": (_form(tasks={"T2": {"progress": 120}}), "超出"),
    "progress as fraction": (_form(tasks={"T2": {"progress": 0.75}}), "75%"),
    "done under 100": (_form(tasks={"T3": {"status": "已完成", "progress": 90}}), "已完成"),
    "in progress, no narrative": (_form(tasks={"T3": {"narrative": None}}), "未填写工作进展"),
    "figure with separators": (_form(figures={"I2-1": {"actual": "1,020"}}), "千位"),
    "figure full width": (_form(figures={"I2-1": {"actual": "３１０"}}), "全角"),
    "figure with unit": (_form(figures={"I2-1": {"actual": "310个"}}), "计量单位"),
    "figure about": (_form(figures={"I2-1": {"actual": "约100"}}), "不是确切数字"),
    "figure vague": (_form(figures={"I2-1": {"actual": "若干"}}), "不是确切数字"),
    "negative figure": (_form(figures={"I2-2": {"actual": -0.2}}), "负数"),
    "figure tenfold": (_form(figures={"I2-2": {"actual": 95}}), "十倍"),
    "no reporter": (_form(info={"reporter": None}), "填报人"),
    "no phone": (_form(info={"phone": None}), "联系电话"),
    "nothing filled in": (_form(**_empty_answers()), "未填写任何"),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_corpus_file_gives_exactly_one_clear_problem(small_plan, tmp_path, case):
    build, expected = CORPUS[case]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "work").mkdir()
    name = build(small_plan, inbox, tmp_path)
    before = H.snapshot(inbox)
    result = app.collect_plan(small_plan, "年终", inbox, tmp_path / "out.xlsx",
                          store=tmp_path / "ledger.sqlite")
    lines = [p.line() for p in result.problems]
    assert len(result.problems) == 1, lines
    problem = result.problems[0]
    assert problem.file.startswith(name), lines
    assert expected in problem.problem, lines
    assert problem.action and problem.severity in ("错误", "警告", "提示")
    assert "内容异常" not in problem.problem  # not the catch-all for unexpected failures
    assert H.snapshot(inbox) == before
    assert result.output.is_file()


def test_corpus_has_enough_cases():
    assert len(CORPUS) >= 25


@pytest.mark.slow
def test_whole_corpus_in_one_inbox(small_plan, tmp_path):
    """All of it at once (files renamed apart): the run finishes and touches nothing."""
    inbox = tmp_path / "inbox"
    work = tmp_path / "work"
    work.mkdir()
    for i, (build, _) in enumerate(CORPUS.values()):
        case_dir = tmp_path / f"case{i:02d}"
        case_dir.mkdir()
        build(small_plan, case_dir, tmp_path)
        for path in sorted(case_dir.iterdir()):
            target = inbox / f"{i:02d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    before = H.snapshot(inbox)
    result = app.collect_plan(small_plan, "年终", inbox, tmp_path / "out.xlsx")
    assert H.snapshot(inbox) == before
    named = {p.file.split("/")[0] for p in result.problems}
    assert len(named) >= len(CORPUS) - 1  # every case dir is named (identical copies may tie)
    assert not any("内容异常" in p.problem for p in result.problems)
    assert result.counts["expected"] - result.counts["missing"] >= 1  # 甲县's winner (may be empty)
