"""The master workbook: what the administrator sees, the round trip, and edits made in Excel."""

from __future__ import annotations

import datetime
import subprocess
import sys

import openpyxl
import pytest

from toolkit.books.master import MasterError, load_master, write_master
from toolkit.plan_import import parse_plan_file, reference_plan_path
from toolkit import app


@pytest.fixture(scope="module")
def reference():
    return parse_plan_file(reference_plan_path())


@pytest.fixture
def master(tmp_path, reference):
    path = tmp_path / "总表.xlsx"
    write_master(reference, path)
    return path


def column(ws, header):
    for cell in ws[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header}")


def row_of(ws, header, value):
    letter = column(ws, header)
    for cell in ws[letter]:
        if cell.value == value:
            return cell.row
    raise AssertionError(f"no row with {header}={value}")


def test_sheets_and_what_the_administrator_sees(master):
    book = openpyxl.load_workbook(master)
    assert book.sheetnames == ["说明", "设置", "任务", "指标", "单位", "分解", "核实更正", "接收登记", "工作要求", "_workplan"]
    assert [ws.title for ws in book if ws.sheet_state == "visible"] == book.sheetnames[:-1]
    assert book["_workplan"].sheet_state == "veryHidden"  # the signing key
    tasks = book["任务"]
    assert [c.value for c in tasks[1]] == ["序号", "部分", "部分标题", "任务名称", "任务内容",
                                           "责任单位（原文）", "责任单位", "牵头单位", "牵头依据", "完成时限",
                                           "导入核对"]
    assert tasks.max_row == 36
    assert tasks.freeze_panes == "A2"
    assert tasks.auto_filter.ref.startswith("A1:")
    assert tasks["A1"].font.b and tasks["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert tasks["E2"].alignment.wrap_text
    assert tasks.column_dimensions["E"].width > 50
    assert tasks["G11"].value == "初教科、发展规划科、财务科、督导评价中心、各县(市、区)教育局"
    guide = book["说明"]
    assert any("职业院校" in str(c.value) for c in guide["A"])  # import warnings shown


def test_indicator_dropdowns(master):
    ws = openpyxl.load_workbook(master)["指标"]
    lists = {next(iter(dv.sqref.ranges)).coord.split(":")[0][0]: dv.formula1
             for dv in ws.data_validations.dataValidation if dv.type == "list"}
    comparator = column(ws, "要求")
    assert lists[comparator] == '"不低于,不超过,等于,约"'
    assert lists[column(ws, "汇总方式")] == '"求和,牵头单位,平均,最小值"'
    assert lists[column(ws, "力争")] == '"是,否"'
    r = row_of(ws, "指标原文", "义务教育“大班额”控制在2%以内")
    assert ws[f"{comparator}{r}"].value == "不超过"
    assert ws[f"{column(ws, '目标值')}{r}"].value == 2


def test_settings_sheet(master):
    ws = openpyxl.load_workbook(master)["设置"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert values["年度"] == 2020
    assert values["文号"] == "明教办〔2020〕1号"
    assert [values.get(k) is not None for k in ("一季度", "半年", "三季度", "年终")] == [True] * 4


def test_round_trip_gives_the_same_plan(master, reference):
    plan = load_master(master)
    assert plan.meta == reference.meta
    assert plan.sections == reference.sections
    assert plan.tasks == reference.tasks
    assert plan.indicators == reference.indicators
    assert plan.units == reference.units
    assert plan.groups == reference.groups
    assert plan.settings == reference.settings
    assert plan.identity() == reference.identity()


def test_rewriting_gives_the_same_bytes(tmp_path, reference):
    write_master(reference, tmp_path / "a.xlsx")
    write_master(reference, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_edits_made_in_excel_are_what_later_stages_use(master):
    book = openpyxl.load_workbook(master)
    ind = book["指标"]
    r = row_of(ind, "指标原文", "计划新增学位8640个")
    ind[f"{column(ind, '目标值')}{r}"] = 9000  # change a target
    new = ind.max_row + 1  # add an indicator by hand, without a key
    ind[f"{column(ind, '任务序号')}{new}"] = 20
    ind[f"{column(ind, '指标名称')}{new}"] = "新教师岗前培训"
    ind[f"{column(ind, '要求')}{new}"] = "不低于"
    ind[f"{column(ind, '目标值')}{new}"] = "300"
    ind[f"{column(ind, '计量单位')}{new}"] = "人"
    tasks = book["任务"]
    units_col = column(tasks, "责任单位")
    tasks[f"{units_col}6"] = tasks[f"{units_col}6"].value + "、办公室"  # add a unit to task 5
    units = book["单位"]
    nr = units.max_row + 1  # fill the empty group 职业院校
    units[f"A{nr}"] = "三明市农业学校"
    units[f"B{nr}"] = "职业院校"
    units[f"D{nr}"] = "职业院校"
    book.save(master)

    plan = load_master(master)
    assert next(i for i in plan.indicators if i.source == "计划新增学位8640个").value == 9000
    added = plan.indicators_of(20)[-1]
    assert (added.key, added.name, added.value, added.unit) == ("I20-3", "新教师岗前培训", 300, "人")
    assert plan.task(5).units[-1] == "办公室"
    assert dict(plan.task_units(plan.task(5)))["办公室"] == "配合"
    assert plan.group("职业院校").members == ["三明市农业学校"]
    assert "三明市农业学校" in dict(plan.task_units(plan.task(15)))
    assert not any("职业院校" in w for w in plan.warnings)


def test_changing_the_lead_unit(master):
    book = openpyxl.load_workbook(master)
    tasks = book["任务"]
    tasks[f"{column(tasks, '牵头单位')}2"] = "宣传部"
    book.save(master)
    plan = load_master(master)
    assert plan.task(1).lead == "宣传部"
    roles = dict(plan.task_units(plan.task(1)))
    assert roles["宣传部"] == "牵头" and roles["组织部"] == "配合"


@pytest.mark.parametrize("sheet,header,value,words", [
    ("任务", "责任单位", "组织部、不存在的科", "任务，G2：单位“不存在的科”不在“单位”表中"),
    ("指标", "目标值", "约100", "指标，E2：目标值“约100”不是数字"),
    ("指标", "要求", "大概", "指标，D2：要求“大概”无效"),
    ("指标", "任务序号", 99, "指标，B2：任务序号“99”在“任务”表中不存在"),
    ("单位", "类别", "外星单位", "单位，B2：类别“外星单位”无效"),
    ("任务", "序号", "一", "任务，A2：序号“一”不是正整数"),
])
def test_invalid_edits_name_sheet_and_cell(master, sheet, header, value, words):
    book = openpyxl.load_workbook(master)
    ws = book[sheet]
    ws[f"{column(ws, header)}2"] = value
    book.save(master)
    with pytest.raises(MasterError) as err:
        load_master(master)
    assert words in err.value.message
    assert err.value.problems[0].action


def test_allocation_rows(master):
    book = openpyxl.load_workbook(master)
    ws = book["分解"]
    ws.append(["I10-3", "新增学位", "永安市教育局", 800])
    ws.append(["I10-3", "新增学位", "不存在局", 100])
    book.save(master)
    with pytest.raises(MasterError) as err:
        load_master(master)
    assert "分解，C3：单位“不存在局”不在“单位”表中" in err.value.message
    book = openpyxl.load_workbook(master)
    book["分解"].delete_rows(3)
    book.save(master)
    plan = load_master(master)
    assert [(a.indicator, a.unit, a.value) for a in plan.allocations] == [("I10-3", "永安市教育局", 800)]


def test_missing_sheet_and_not_a_workbook(tmp_path, master):
    book = openpyxl.load_workbook(master)
    del book["指标"]
    book.save(master)
    with pytest.raises(MasterError) as err:
        load_master(master)
    assert "缺少工作表“指标”" in err.value.message
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(Exception) as err2:
        load_master(bad)
    assert "无法打开" in err2.value.message


def test_import_never_overwrites_without_force(tmp_path):
    out = tmp_path / "总表.xlsx"
    app.import_plan(None, out)
    book = openpyxl.load_workbook(out)
    book["设置"]["B3"] = "管理员改过的标题"
    book.save(out)
    before = out.read_bytes()
    cmd = [sys.executable, "-m", "toolkit", "import", "-o", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_bytes() == before
    result = subprocess.run(cmd + ["--force"], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and "35 项任务" in result.stdout
    assert out.read_bytes() != before


def test_default_master_location_beside_the_plan(tmp_path, reference_plan_text):
    plan_file = tmp_path / "2020年工作要点.txt"
    plan_file.write_text(reference_plan_text, encoding="gb18030")
    result = app.import_plan(plan_file)
    assert result.master_path.parent == tmp_path / "workbooks"
    assert result.master_path.name.endswith("_任务分解总表.xlsx")
    assert load_master(result.master_path).identity() == result.plan.identity()


def test_master_saved_by_libreoffice_still_reads(soffice, tmp_path, master):
    from libreoffice import convert

    resaved = convert(master, "xlsx", tmp_path / "resaved")
    plan = load_master(resaved)
    assert len(plan.tasks) == 35 and len(plan.indicators) == 37
    assert plan.identity() == load_master(master).identity()
    assert plan.settings.rounds == load_master(master).settings.rounds


def test_current_round_is_a_dropdown_of_the_rounds(master):
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "当前轮次")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any(f"B{row}" in str(dv.sqref) and dv.formula1.startswith("$A$") for dv in lists)
    ws.cell(row, 2).value = "半年"
    book.save(master)
    assert load_master(master).settings.current_round == "半年"


@pytest.mark.parametrize("typed", ["2020年12月20日", "2020/12/20", "２０２０．１２．２０", 44185])
def test_due_dates_typed_as_text_or_serial(master, typed):
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "年终")
    ws.cell(row, 2).value = typed
    book.save(master)
    assert load_master(master).settings.round("年终").due.isoformat() == "2020-12-20"


def test_lead_basis_column_says_which_leads_were_assumed(tmp_path):
    from toolkit.plan_import import parse_plan_text

    plan = parse_plan_text("某市教育局2021年工作要点\n一、总则\n"
                           "1.抓好学习。责任单位:办公室、人事科\n"
                           "2.抓好安全。牵头单位:安全科;配合单位:办公室\n")
    path = write_master(plan, tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path)["任务"]
    assert [c.value for c in ws[column(ws, "牵头依据")][1:]] == ["默认首位", "明确"]
    assert [t.lead_basis for t in load_master(path).tasks] == ["默认首位", "明确"]


def test_receipt_register_is_read_back(tmp_path, small_plan):
    from datetime import datetime

    from toolkit.model.plan import Receipt

    small_plan.receipts = [Receipt("年终", "甲县教育局", "2020-12-24 16:00:00", "王五")]
    path = write_master(small_plan, tmp_path / "任务分解总表.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["接收登记"]
    ws.append(["年终", "乙县教育局", datetime(2020, 12, 25, 9, 15), "王五", "纸质件"])
    ws.append(["年终", "丙区教育局", "2020/12/26", "", ""])
    book.save(path)
    got = [(r.unit, r.at, r.who) for r in load_master(path).receipts]
    assert got == [("甲县教育局", "2020-12-24 16:00:00", "王五"),
                   ("乙县教育局", "2020-12-25 09:15:00", "王五"),
                   ("丙区教育局", "2020-12-26 00:00:00", "")]


def _grids(sheets) -> dict:
    return {name: (g.sheet_state, list(g.iter_rows())) for name, g in sheets.items()}


def _typed_in(master):
    """The master with what an administrator types: a date, a time, a fraction, a whole number
    typed as a decimal, text in a number column."""
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "年终")
    ws.cell(row, 2).value = datetime.date(2020, 12, 20)
    ws.cell(row, 2).number_format = "yyyy-mm-dd"
    ws.cell(row, 3).value = 0.85
    ws["D1"] = datetime.time(9, 30)
    ws["E1"] = 3.0
    ws["F1"] = "十二"
    book.save(master)
    return master


def test_calamine_reads_the_master_as_openpyxl_does(master):
    """The master is read by python-calamine (a master of 20,000 units: 0.3 s instead of 1.1 s,
    and no openpyxl to import); every value of every sheet comes out as openpyxl gives it."""
    from toolkit.books.master import reader

    _typed_in(master)
    assert not reader._odd(master)
    fast, slow = _grids(reader._calamine_sheets(master)), _grids(reader._openpyxl_sheets(master))
    assert list(fast) == list(slow) and "_workplan" in fast
    assert fast == slow
    assert fast["_workplan"][0] == "veryHidden"


def test_a_master_saved_by_libreoffice_reads_the_same_with_either_reader(soffice, tmp_path,
                                                                          master):
    from libreoffice import convert
    from toolkit.books.master import reader

    resaved = convert(_typed_in(master), "xlsx", tmp_path / "resaved")
    assert _grids(reader._calamine_sheets(resaved)) == _grids(reader._openpyxl_sheets(resaved))


@pytest.mark.parametrize("xml, odd", [
    (b'<c r="A1" t="e"><v>#N/A</v></c>', True),
    (b"<c r='A1' t='e'><v>#N/A</v></c>", True),
    (b"<c r='A1' t=\"e'><v>#N/A</v></c>", True),  # mixed quotes: what the expression takes
    (b"<c r='A1' t='e\"><v>#N/A</v></c>", True),
    (b'<x:c r="A1"><x:v>-5</x:v></x:c>', True),
    (b'<c r="A1"><v>-5</v></c>' + b"<v>1</v>" * 100, True),
    (b'<c r="A1" t="s"><v>3</v></c>' + b'"e" ' * 3, False),  # "e", but not as a type
    (b"<c r='A1' t='s'><v>3</v></c><c r='B1'><v>5-3</v></c>", False),
    (b'<c r="A1" t="str"><v>e-5</v></c>' + b"-" * 200, False),
])
def test_the_quick_look_for_error_values_agrees_with_the_expression(xml, odd):
    """_odd_xml runs ODD_CELL only where plain searches find what it needs: the answer is the
    expression's, whatever the quotes or prefixes."""
    from toolkit.books.master import reader

    assert reader._odd_xml(xml) == odd == (reader.ODD_CELL.search(xml) is not None)


def test_an_error_value_in_the_master_is_read_as_its_text(master):
    """calamine reads #N/A as a blank cell: a master holding one is read by openpyxl, so the
    clerk is told of the error value, not of a blank."""
    from toolkit.books.master import reader

    book = openpyxl.load_workbook(master)
    book["设置"]["F1"] = "#N/A"
    book["设置"]["F1"].data_type = "e"
    book.save(master)
    assert reader._odd(master)
    assert reader._Book(master)["设置"].cell(1, 6).value == "#N/A"
