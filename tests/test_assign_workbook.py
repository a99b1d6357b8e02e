"""One unit's assignment workbook as a clerk (openpyxl) and the collector (calamine) see it."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from openpyxl.utils.protection import hash_password
from python_calamine import CalamineWorkbook

from helpers import (all_calamine_rows, calamine_rows, make_small_plan, openpyxl_rows,
                     recompute_signature, table_rows)
from toolkit.books.form.writer import write_assignment
from toolkit.books.styles import INPUT_FILL
from toolkit.books.form import layout as F
from toolkit.model.plan import STATUSES

SHEETS = [F.SHEET_GUIDE, F.SHEET_TASKS, F.SHEET_FIGURES, F.SHEET_INFO,
          F.SHEET_META]


def validation_at(ws, cell: str):
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{cell} has {len(found)} validations"
    return found[0]


# --- fixtures ------------------------------------------------------------------------------------
@pytest.fixture
def county_book(tmp_path, small_plan):
    path = tmp_path / "甲县.xlsx"
    form = write_assignment(small_plan, "甲县教育局", "年终", path)
    return path, form, small_plan


# --- sheets and rows ---------------------------------------------------------------------------
def test_sheets_in_order_with_the_meta_sheet_very_hidden(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS
    assert [wb[s].sheet_state for s in SHEETS] == ["visible"] * 4 + ["veryHidden"]
    assert wb.active.title == F.SHEET_GUIDE
    book = CalamineWorkbook.from_path(str(path))
    visibility = {s.name: str(s.visible) for s in book.sheets_metadata}
    assert visibility[F.SHEET_META].endswith("VeryHidden")
    assert visibility[F.SHEET_TASKS].endswith("Visible")


def test_task_rows_are_this_units_tasks_with_plain_roles(county_book):
    path, form, plan = county_book
    rows = table_rows(calamine_rows(path, F.SHEET_TASKS), F.TASK_COLUMNS)
    assert [r["key"] for r in rows] == ["T2", "T3"]
    assert rows[0]["number"] == 2
    assert rows[0]["section"] == "二、增强教育获得感"
    assert rows[0]["title"] == "扩大学前教育资源"
    assert rows[0]["body"] == plan.task(2).body
    assert rows[0]["role"] == "配合单位"
    assert rows[0]["deadline"] == "年内"
    assert all(r[f] in ("", None) for r in rows for f in ("status", "progress", "narrative"))
    assert [r["key"] for r in form.tasks] == ["T2", "T3"]


def test_lead_unit_row_says_lead(tmp_path, small_plan):
    path = tmp_path / "规划.xlsx"
    write_assignment(small_plan, "发展规划科", "年终", path)
    rows = table_rows(calamine_rows(path, F.SHEET_TASKS), F.TASK_COLUMNS)
    assert [(r["key"], r["role"]) for r in rows] == [("T2", "牵头单位"), ("T3", "牵头单位")]
    ws = openpyxl.load_workbook(path)[F.SHEET_TASKS]
    assert ws["F3"].value == "牵头单位" and ws["F3"].font.b


def test_figure_rows_show_the_units_allocation_and_the_city_target(county_book):
    path, _, _ = county_book
    rows = table_rows(calamine_rows(path, F.SHEET_FIGURES), F.FIGURE_COLUMNS)
    got = {r["key"]: (r["target"], r["unit"], r["comparator_words"]) for r in rows}
    assert got == {"I2-1": (400, "个", "不低于"), "I2-2": (0.9, "亿元", "不低于"),
                   "I3-1": (2, "%", "不超过")}
    assert rows[0]["source"] == "计划新增学位900个"
    assert rows[1]["source"] == "争取省级以上补助资金0.9亿元以上\n（全市目标，请填报本单位完成数）"
    ws = openpyxl.load_workbook(path)[F.SHEET_FIGURES]
    target = [h for h, _, _ in F.FIGURE_COLUMNS].index("目标值") + 1
    first = F.FIRST_DATA_ROW
    # 400 is 甲县's own allocation; 0.9 is the city's, shown as 全市 0.9
    assert ws.cell(first, target).number_format == "General"
    assert ws.cell(first + 1, target).number_format == '"全市 "General'


def test_unit_without_indicators_gets_an_empty_figure_table_that_says_so(tmp_path, small_plan):
    path = tmp_path / "办公室.xlsx"
    write_assignment(small_plan, "办公室", "年终", path)
    rows = calamine_rows(path, F.SHEET_FIGURES)
    assert "无需填报" in rows[0][1]
    assert table_rows(rows, F.FIGURE_COLUMNS) == []
    ws = openpyxl.load_workbook(path)[F.SHEET_FIGURES]
    assert ws.data_validations.dataValidation == []
    assert ws.protection.sheet


def test_row_keys_stand_in_a_hidden_column_a(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    for sheet, keys in ((F.SHEET_TASKS, ["T2", "T3"]),
                        (F.SHEET_FIGURES, ["I2-1", "I2-2", "I3-1"])):
        ws = wb[sheet]
        assert ws.column_dimensions["A"].hidden
        assert ws["A2"].value == F.KEY_HEADER
        assert [ws.cell(r, 1).value for r in range(3, 3 + len(keys))] == keys
        assert ws.cell(3 + len(keys), 1).value is None


# --- locking, shading, protection --------------------------------------------------------------
@pytest.mark.parametrize("sheet, columns", [(F.SHEET_TASKS, F.TASK_COLUMNS),
                                            (F.SHEET_FIGURES, F.FIGURE_COLUMNS)])
def test_plan_cells_locked_and_input_cells_open_and_shaded(county_book, sheet, columns):
    path, _, _ = county_book
    ws = openpyxl.load_workbook(path)[sheet]
    for r in (3, 4):
        for c, (header, _, locked) in enumerate(columns, 1):
            cell = ws.cell(r, c)
            assert cell.protection.locked == locked, f"{header} row {r}"
            shaded = cell.fill.fgColor.rgb[-6:] == INPUT_FILL[1:]
            assert shaded == (not locked), f"{header} row {r}"


def test_sheets_protected_but_sorting_filtering_and_resizing_allowed(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    for name in SHEETS[:4]:
        p = wb[name].protection
        assert p.sheet, name
        # In the file format a true flag means "forbidden".
        assert not p.sort and not p.autoFilter and not p.formatColumns and not p.formatRows
        assert p.insertColumns and p.deleteColumns and p.insertRows and p.formatCells
        assert p.password is None  # no password in 设置
    assert wb[F.SHEET_TASKS].auto_filter.ref == "A2:L4"


def test_password_from_settings(tmp_path, small_plan):
    small_plan.settings.password = "mima2020"
    path = tmp_path / "a.xlsx"
    write_assignment(small_plan, "甲县教育局", "年终", path)
    wb = openpyxl.load_workbook(path)
    assert {wb[s].protection.password for s in SHEETS} == {hash_password("mima2020")}


def test_info_sheet_labels_locked_values_and_open_inputs(county_book):
    path, _, _ = county_book
    ws = openpyxl.load_workbook(path)[F.SHEET_INFO]
    for r, (label, field, locked) in enumerate(F.INFO_ROWS, F.INFO_FIRST_ROW):
        assert ws.cell(r, 1).value == label
        assert ws.cell(r, 2).protection.locked == locked, label
    assert ws["B2"].value == "甲县教育局" and ws["B3"].value == "年终"
    assert ws["B7"].number_format == "yyyy-mm-dd"


# --- validation ---------------------------------------------------------------------------------
def test_every_input_cell_has_a_validation_with_message_and_error_alert(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    cells = []
    for sheet, columns, n in ((F.SHEET_TASKS, F.TASK_COLUMNS, 2),
                              (F.SHEET_FIGURES, F.FIGURE_COLUMNS, 3)):
        for c, (_, _, locked) in enumerate(columns):
            if not locked:
                cells += [(sheet, f"{F.column_letter(c)}{r}") for r in range(3, 3 + n)]
    cells += [(F.SHEET_INFO, f"B{r}") for r, (_, _, locked) in
              enumerate(F.INFO_ROWS, F.INFO_FIRST_ROW) if not locked]
    assert len(cells) == 2 * 5 + 3 * 2 + 4
    for sheet, cell in cells:
        dv = validation_at(wb[sheet], cell)
        assert dv.showInputMessage and dv.promptTitle and dv.prompt, (sheet, cell)
        assert dv.showErrorMessage and dv.errorTitle and dv.error, (sheet, cell)
        assert dv.errorStyle in (None, "stop"), (sheet, cell)


def test_validation_rules(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    tasks, figures, info = wb[F.SHEET_TASKS], wb[F.SHEET_FIGURES], wb[F.SHEET_INFO]
    status = validation_at(tasks, "H3")
    assert status.type == "list" and status.formula1 == '"' + ",".join(STATUSES) + '"'
    progress = validation_at(tasks, "I4")
    assert (progress.type, progress.formula1, progress.formula2) == ("decimal", "0", "100")
    assert validation_at(tasks, "J3").type == "textLength"
    money = validation_at(figures, "H4")  # I2-2, in 亿元
    assert money.type == "decimal" and "亿元" in money.prompt and "亿元" in money.promptTitle
    assert "个" in validation_at(figures, "H3").prompt
    assert "%" in validation_at(figures, "H5").prompt
    assert validation_at(info, "B7").type == "date"
    assert validation_at(info, "B5").type == "textLength"


# --- layout and print set-up -------------------------------------------------------------------
def test_frozen_header_print_setup_and_footer(county_book):
    path, _, _ = county_book
    wb = openpyxl.load_workbook(path)
    for name in (F.SHEET_TASKS, F.SHEET_FIGURES):
        ws = wb[name]
        assert ws.freeze_panes == "A3"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$2:$2"
        assert "甲县教育局" in ws.oddFooter.left.text and "&P" in ws.oddFooter.right.text
        assert ws.cell(2, 5).alignment.wrap_text or name == F.SHEET_FIGURES
        assert ws.column_dimensions["B"].width > 0


def test_long_task_text_gets_a_taller_row(tmp_path, small_plan):
    small_plan.task(3).body = "3.控制大班额。" + "义务教育学校要严格控制班额。" * 40
    path = tmp_path / "a.xlsx"
    write_assignment(small_plan, "甲县教育局", "年终", path)
    ws = openpyxl.load_workbook(path)[F.SHEET_TASKS]
    short, long = ws.row_dimensions[3].height, ws.row_dimensions[4].height
    assert short >= 40  # room to type even for a one-line task
    assert long > 3 * short


def test_guide_explains_round_due_date_contact_and_donts(county_book):
    path, _, _ = county_book
    text = "\n".join(str(v) for row in calamine_rows(path, F.SHEET_GUIDE) for v in row if v)
    for expected in ("甲县教育局", "2020年终", "2020年12月25日", "办公室 张三 0598-1234567",
                     "任务2项", "不要修改", "工作表", "插入或删除列", ".xlsx", "进展状态",
                     "实际完成值", "配合单位"):
        assert expected in text, expected


# --- the hidden sheet ---------------------------------------------------------------------------
def test_meta_sheet_holds_identity_keys_and_a_signature_that_recomputes(county_book):
    path, form, plan = county_book
    rows = all_calamine_rows(path)
    meta, table, recomputed = recompute_signature(rows, plan)
    assert list(meta) == F.META_KEYS
    assert meta["schema_version"] == str(F.SCHEMA_VERSION)
    assert meta["plan_id"] == plan.identity()
    assert (meta["unit"], meta["round"], meta["year"]) == ("甲县教育局", "年终", "2020")
    assert meta["plan_version"] == "1" and meta["plan_title"] == plan.settings.title
    assert [(k, s) for k, s, _ in table] == [
        ("T2", F.SHEET_TASKS), ("T3", F.SHEET_TASKS), ("I2-1", F.SHEET_FIGURES),
        ("I2-2", F.SHEET_FIGURES), ("I3-1", F.SHEET_FIGURES)]
    assert recomputed == meta["signature"] == form.meta["signature"]
    # openpyxl reads numbers as int where calamine gives floats: same signature.
    wb = openpyxl.load_workbook(path)
    assert recompute_signature({n: openpyxl_rows(wb[n]) for n in wb.sheetnames}, plan)[2] == recomputed


def test_a_changed_task_text_or_target_breaks_the_signature(county_book, tmp_path):
    path, _, plan = county_book
    for sheet, cell, value in ((F.SHEET_TASKS, "E3", "改过的任务内容"),
                               (F.SHEET_FIGURES, "F3", 1)):
        wb = openpyxl.load_workbook(path)
        wb[sheet][cell] = value
        changed = tmp_path / f"changed-{sheet}.xlsx"
        wb.save(changed)
        meta, table, recomputed = recompute_signature(all_calamine_rows(changed), plan)
        assert recomputed != meta["signature"], sheet


def test_text_is_written_as_text_never_as_a_formula(tmp_path, small_plan):
    small_plan.task(2).title = "=HYPERLINK(\"http://x\",\"点我\")"
    small_plan.task(2).body = "=1+1"
    path = tmp_path / "a.xlsx"
    write_assignment(small_plan, "甲县教育局", "年终", path)
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if "worksheets/" in n)
    assert "<f>" not in xml
    rows = table_rows(calamine_rows(path, F.SHEET_TASKS), F.TASK_COLUMNS)
    assert rows[0]["body"] == "=1+1" and rows[0]["title"].startswith("=HYPERLINK")


def test_rewriting_gives_the_same_bytes(tmp_path, small_plan):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_assignment(small_plan, "甲县教育局", "年终", a)
    again = make_small_plan()
    again.keys = list(small_plan.keys)  # the same master's key
    write_assignment(again, "甲县教育局", "年终", b)
    assert a.read_bytes() == b.read_bytes()


def test_unknown_round_is_a_clear_error(tmp_path, small_plan):
    from toolkit.errors import WorkplanError

    with pytest.raises(WorkplanError, match="没有报送轮次“二季度”.*一季度、半年、三季度、年终"):
        write_assignment(small_plan, "甲县教育局", "二季度", tmp_path / "a.xlsx")
    assert not list(tmp_path.iterdir())


def test_a_unit_without_tasks_gets_no_workbook(tmp_path, small_plan):
    from toolkit.errors import WorkplanError

    with pytest.raises(WorkplanError, match="单位“人事科”不是任何任务的责任单位"):
        write_assignment(small_plan, "人事科", "年终", tmp_path / "a.xlsx")
    assert not list(tmp_path.iterdir())
