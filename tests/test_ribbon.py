"""The ribbon's Python side without Excel: the plain decisions; the buttons on a fake xlwings."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolkit.front import choices as frontend
from toolkit.errors import WorkplanError
from toolkit.common.lock import lock_path, stage_lock
from toolkit.model.plan import Round, Settings


def make_book(path: Path, sheets=("设置", "任务", "单位")) -> Path:
    wb = Workbook()
    wb.active.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    wb.save(path)
    return path


ROUNDS = [
    Round("一季度", date(2020, 4, 10)),
    Round("半年", date(2020, 7, 10)),
    Round("三季度", date(2020, 10, 10)),
    Round("年终", date(2020, 12, 25)),
]


# --- find_master ---------------------------------------------------------------------------------
def test_import_ribbon_without_excel():
    import toolkit.front.ribbon as ribbon

    assert "xlwings" not in vars(ribbon)
    for name in ("import_plan", "assign", "collect", "check", "status", "feedback", "remind",
                 "summary",
                 "open_folder", "show_help"):
        assert callable(getattr(ribbon, name))


def test_find_master_accepts_a_master(tmp_path):
    path = make_book(tmp_path / "2020年任务分解总表.xlsx")
    assert frontend.sheet_names(path) == ["设置", "任务", "单位"]
    assert frontend.find_master(path) == path
    assert frontend.find_master(str(path), ["任务", "设置"]) == path


def test_find_master_names_the_workbook_to_open(tmp_path):
    path = make_book(tmp_path / "甲县教育局-一季度.xlsx", sheets=("填报说明", "任务清单"))
    with pytest.raises(WorkplanError) as err:
        frontend.find_master(path)
    assert "甲县教育局-一季度.xlsx" in err.value.message
    assert "任务分解总表" in err.value.message and "\n" not in err.value.message


def test_find_master_wants_a_saved_file():
    with pytest.raises(WorkplanError) as err:
        frontend.find_master("工作簿1", ["设置", "任务"])
    assert "保存" in err.value.message


def test_sheet_names_of_something_else(tmp_path):
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    assert frontend.sheet_names(tmp_path / "x.txt") == []
    assert frontend.sheet_names(tmp_path / "missing.xlsx") == []


# --- choose_round --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2020, 3, 1), "一季度"),  # before the first due date
        (date(2020, 4, 10), "一季度"),  # on the due date
        (date(2020, 4, 30), "一季度"),  # late reports still come in
        (date(2020, 5, 15), "半年"),  # more than GRACE_DAYS after: the next one
        (date(2020, 12, 1), "年终"),
        (date(2021, 1, 10), "年终"),
        (date(2021, 6, 1), "年终"),  # all past: the last one
    ],
)
def test_choose_round(today, expected):
    assert frontend.choose_round(ROUNDS, today) == expected


def test_choose_round_other_shapes():
    rounds = [("年终", datetime(2020, 12, 25, 0, 0)), ("半年", date(2020, 7, 10))]
    assert frontend.choose_round(rounds, date(2020, 6, 1)) == "半年"
    assert frontend.choose_round([Round("年终"), Round("半年")], date(2020, 6, 1)) == "年终"
    assert frontend.choose_round([Round("年终"), Round("半年", date(2020, 7, 10))],
                                 date(2020, 6, 1)) == "半年"
    with pytest.raises(WorkplanError):
        frontend.choose_round([], date(2020, 6, 1))


# --- messages ------------------------------------------------------------------------------------
def test_compose_collect_message():
    counts = {"reported": 47, "missing": 5, "problems": 12}
    assert frontend.compose_message("collect", counts) == "已汇总 47 个单位，5 个未报送，12 条问题。"
    assert frontend.compose_message("collect", counts, "一季度") == (
        "一季度：已汇总 47 个单位，5 个未报送，12 条问题。")
    assert frontend.compose_message("collect", {**counts, "late": 2, "expected": 52}) == (
        "已汇总 47 个单位，5 个未报送，12 条问题，2 个逾期。")


def test_compose_other_messages():
    assert frontend.compose_message(
        "import_plan", {"tasks": 35, "indicators": 20, "units": 40, "warnings": 2}) == (
        "已导入计划：35 项任务，20 个量化指标，40 个责任单位；另有 2 条提醒，请查看结果中的说明。")
    assert frontend.compose_message("assign", {"files": ["a", "b"], "warnings": 0}, "半年") == (
        "半年：已生成 2 个单位的任务表。")
    assert frontend.compose_message(
        "check", {"met": 20, "not_met": 3, "exceeded": 4, "missing": 2, "suspicious": 1}) == (
        "已核对 30 项指标：达标 20，未达标 3，超额 4，未报 2，存疑 1。")
    assert frontend.compose_message("check", {"total": 5, "met": 5}) == "已核对 5 项指标：达标 5。"
    assert frontend.compose_message("check", {"超额完成": 2, "已达标": 5, "进度正常": 0, "未达标": 1}) == (
        "已核对 8 项指标：超额完成 2，已达标 5，未达标 1。")
    assert frontend.compose_message("summary", {"outputs": ["a.xlsx", "b.docx"]}) == (
        "已生成年终总结：2 个文件。")


def test_compose_status_lists_missing_units():
    missing = [f"单位{i}" for i in range(12)]
    text = frontend.compose_message("status", {"reported": ["甲"], "missing": missing}, "年终")
    assert text.startswith("年终：已报送 1 个单位，未报送 12 个：单位0、单位1")
    assert text.endswith("单位9等。")
    assert frontend.compose_message("status", {"reported": 3, "missing": 0}) == "已报送 3 个单位，未报送 0 个。"


def test_summarise_status_shapes():
    @dataclass
    class Row:
        unit: str
        reported: bool

    expected = {"reported": ["甲"], "missing": ["乙"]}
    assert frontend.summarise_status({"reported": ["甲"], "missing": ["乙"]}) == expected
    assert frontend.summarise_status({"甲": True, "乙": False}) == expected
    assert frontend.summarise_status([Row("甲", True), Row("乙", False)]) == expected
    assert frontend.summarise_status([("甲", "2020-04-01"), ("乙", None)]) == expected
    rows = [{"round": "一季度", "unit": "甲", "state": "逾期", "file": "a.xlsx"},
            {"round": "一季度", "unit": "乙", "state": "未报送", "file": ""}]
    assert frontend.summarise_status(rows) == expected  # what collect.status returns


def test_friendly_error_is_one_line_with_the_log(tmp_path):
    log = tmp_path / "日志" / "功能区-20200101.log"
    text = frontend.friendly_error(WorkplanError("回收文件夹不存在。"), log, "collect")
    assert text == f"汇总未完成：回收文件夹不存在。详细记录见：{log}"
    text = frontend.friendly_error(ValueError("boom\n  at line 2"), log, "check")
    assert text.startswith("核对指标未完成：程序出错（ValueError：boom）")
    assert "\n" not in text and str(log) in text
    text = frontend.friendly_error(PermissionError(13, "denied", str(tmp_path / "汇总表.xlsx")), log)
    assert "汇总表.xlsx" in text and "关闭" in text


def test_log_file(tmp_path):
    master = tmp_path / "总表.xlsx"
    assert frontend.log_file(master, None, date(2020, 1, 2)) == tmp_path / "日志" / "功能区-20200102.log"
    moved = frontend.log_file(master, {"日志": "logs"}, date(2020, 1, 2))
    assert moved == tmp_path / "logs" / "功能区-20200102.log"
    assert frontend.log_file(None, None, date(2020, 1, 2)).parent == frontend.USER_LOG_DIR


# --- the buttons on a fake xlwings -------------------------------------------------------------
@dataclass
class FakeApp:
    alerts: list = field(default_factory=list)
    opened: list = field(default_factory=list)
    status_history: list = field(default_factory=list)
    open_books: list = field(default_factory=list)  # what Excel has open, as app.books lists it
    closed: list = field(default_factory=list)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((prompt, title, mode))

    @property
    def status_bar(self):
        return self.status_history[-1] if self.status_history else False

    @status_bar.setter
    def status_bar(self, value):
        self.status_history.append(value)

    @property
    def books(self):
        app = self

        class Books:
            def open(self, path):
                app.opened.append(path)
                return FakeBook(Path(path), app)

            def __iter__(self):
                return iter(list(app.open_books))

        return Books()


class FakeBook:
    def __init__(self, path: Path, app: FakeApp):
        self.fullname = str(path)
        self.app = app
        self.sheets = [types.SimpleNamespace(name=n) for n in frontend.sheet_names(path)]
        self.saved = 0
        app.open_books.append(self)

    def save(self):
        self.saved += 1

    def close(self):
        self.app.open_books.remove(self)
        self.app.closed.append(self.fullname)


@pytest.fixture
def excel(tmp_path, monkeypatch):
    """A master workbook as the caller, a fake xlwings, settings with rounds, no real opening."""
    app = FakeApp()
    master = make_book(tmp_path / "任务分解总表.xlsx")
    book = FakeBook(master, app)
    fake_xw = types.ModuleType("xlwings")
    fake_xw.Book = types.SimpleNamespace(caller=lambda: book)
    monkeypatch.setitem(sys.modules, "xlwings", fake_xw)
    monkeypatch.setattr(frontend, "load_settings", lambda path: Settings(year=2020, rounds=ROUNDS))
    monkeypatch.setattr(frontend, "USER_LOG_DIR", tmp_path / "user-logs")
    opened = []
    monkeypatch.setattr(frontend, "open_path", opened.append)
    return types.SimpleNamespace(app=app, book=book, master=master, opened=opened, xw=fake_xw)


def fake_stage(monkeypatch, module: str, **functions):
    mod = types.ModuleType(module)
    for name, fn in functions.items():
        setattr(mod, name, fn)
    monkeypatch.setitem(sys.modules, module, mod)
    return mod


def test_collect_button(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    calls = []

    def collect_round(master_path, round_name, inbox=None, out=None, progress=None):
        calls.append((Path(master_path), round_name))
        assert lock_path(master_path).exists()  # runs under the master's lock
        progress("读取报回文件", 12, 40)  # the stage's progress reaches the status bar
        return types.SimpleNamespace(output=tmp_path / "汇总表.xlsx",
                                     counts={"reported": 47, "missing": 5, "problems": 12})

    fake_stage(monkeypatch, "toolkit.collect", collect_round=collect_round)
    ribbon.collect()
    round_name = frontend.choose_round(ROUNDS, date.today())
    assert calls == [(excel.master, round_name)]
    assert excel.book.saved == 1
    assert excel.app.opened == [str(tmp_path / "汇总表.xlsx")]
    assert excel.app.alerts == [
        (f"{round_name}：已汇总 47 个单位，5 个未报送，12 条问题。", "工作要点", None)]
    assert any(str(s).startswith("正在汇总") for s in excel.app.status_history)
    assert "正在读取报回文件……12/40" in excel.app.status_history
    assert excel.app.status_history[-1] is False
    assert not lock_path(excel.master).exists()


def held_elsewhere(master: Path) -> None:
    """The lock file as another process (the batch run, another click) leaves it."""
    lock_path(master).write_text("批处理（进程 99999，2020-01-01 00:00）", encoding="utf-8")


def test_a_second_click_waits_for_the_first(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    ran = []

    def check_round(master_path, round_name):
        ran.append(master_path)

    fake_stage(monkeypatch, "toolkit.check", check_round=check_round)
    held_elsewhere(excel.master)
    ribbon.check()
    assert ran == []
    (message, _, mode), = excel.app.alerts
    assert message.startswith("核对指标未完成：批处理") and "详细记录见" in message
    assert mode == "critical"


def test_a_stage_that_locks_by_itself(excel, monkeypatch):
    """Stages that take the lock themselves (as for their CLI) run inside the ribbon's hold."""
    import toolkit.front.ribbon as ribbon

    def check_round(master_path, round_name):
        with stage_lock(master_path, what="核对"):
            return types.SimpleNamespace(output=excel.master.parent / "汇总表.xlsx", counts={"已达标": 3})

    fake_stage(monkeypatch, "toolkit.check", check_round=check_round)
    ribbon.check()
    (message, _, mode), = excel.app.alerts
    assert message.endswith("已核对 3 项指标：已达标 3。") and mode is None
    held_elsewhere(excel.master)
    ribbon.check()
    assert excel.app.alerts[-1][0].startswith("核对指标未完成：批处理")


def test_errors_become_one_line_and_a_log(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    def broken(*args, **kwargs):
        raise KeyError("列")

    fake_stage(monkeypatch, "toolkit.assign", assign_round=broken)
    ribbon.assign()
    (message, _, _), = excel.app.alerts
    assert message.startswith("生成任务表未完成：程序出错（KeyError")
    assert "\n" not in message
    log = frontend.log_file(excel.master)
    assert str(log) in message
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert not lock_path(excel.master).exists()


def test_buttons_on_a_workbook_that_is_not_the_master(excel, tmp_path):
    import toolkit.front.ribbon as ribbon

    other = make_book(tmp_path / "甲县教育局.xlsx", sheets=("填报说明", "任务清单"))
    excel.book.close()  # the master is not open
    book = FakeBook(other, excel.app)
    excel.xw.Book.caller = lambda: book
    ribbon.summary()
    (message, _, _), = excel.app.alerts
    assert "甲县教育局.xlsx" in message and "任务分解总表" in message
    assert str(tmp_path / "user-logs") in message  # no master: the log is in the user's folder


def test_assign_status_summary_and_folder_buttons(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    out_dir = tmp_path / "下发"
    fake_stage(monkeypatch, "toolkit.assign", assign_round=lambda m, r, **k: types.SimpleNamespace(
        out_dir=out_dir, files=["a.xlsx", "b.xlsx"], warnings=[]))
    fake_stage(monkeypatch, "toolkit.collect", status=lambda m, r: [
        {"unit": "甲", "state": "已报送"}, {"unit": "乙", "state": "未报送"}])
    outputs = [tmp_path / "总结" / "表.xlsx", tmp_path / "总结" / "文.docx"]
    fake_stage(monkeypatch, "toolkit.summary",
               write_summary=lambda m, r, **k: types.SimpleNamespace(outputs=outputs))
    ribbon.assign()
    ribbon.status()
    ribbon.summary()
    ribbon.open_folder()
    messages = [a[0] for a in excel.app.alerts]
    assert messages[0].endswith("已生成 2 个单位的任务表。")
    assert messages[1].endswith("已报送 1 个单位，未报送 1 个：乙。")
    assert messages[2].endswith("已生成年终总结：2 个文件。")
    assert len(messages) == 3
    assert excel.opened == [out_dir, tmp_path / "总结", excel.master.parent]
    assert excel.app.opened == [str(tmp_path / "总结" / "表.xlsx")]


def fake_import(monkeypatch, tmp_path, existing=False):
    from helpers import make_small_plan

    new_master = tmp_path / "workbooks" / "新总表.xlsx"
    if existing:
        new_master.parent.mkdir()
        make_book(new_master)
    seen = []

    def import_plan(path, out=None, force=False):
        seen.append((path, force))
        assert lock_path(new_master).exists()
        return types.SimpleNamespace(master_path=new_master, plan=make_small_plan(), warnings=["w"])

    fake_stage(monkeypatch, "toolkit.plan_import", import_plan=import_plan,
               parse_plan_file=lambda path: make_small_plan(),
               default_master_path=lambda path, plan: new_master)
    return new_master, seen


def test_import_plan_button(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    plan_file = tmp_path / "计划.txt"
    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: str(plan_file))
    new_master, seen = fake_import(monkeypatch, tmp_path)
    ribbon.import_plan()
    assert seen == [(str(plan_file), False)]
    assert excel.app.opened == [str(new_master)]
    (message, _, _), = excel.app.alerts
    assert message.startswith("已导入计划：4 项任务，4 个量化指标，")
    assert "1 条提醒" in message


@pytest.mark.parametrize("answer, runs", [("yes", True), ("no", False)])
def test_import_plan_asks_before_overwriting(excel, monkeypatch, tmp_path, answer, runs):
    import toolkit.front.ribbon as ribbon

    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: str(tmp_path / "计划.txt"))
    new_master, seen = fake_import(monkeypatch, tmp_path, existing=True)
    questions = []

    def alert(prompt, title=None, buttons="ok", mode=None, callback=None):
        if buttons == "yes_no":
            questions.append(prompt)
            return answer
        excel.app.alerts.append((prompt, title, mode))

    excel.app.alert = alert
    ribbon.import_plan()
    assert len(questions) == 1 and new_master.name in questions[0] and "覆盖" in questions[0]
    assert seen == ([(str(tmp_path / "计划.txt"), True)] if runs else [])
    assert len(excel.app.alerts) == (1 if runs else 0)


def test_import_plan_cancelled(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: None)
    ribbon.import_plan()
    assert excel.app.alerts == []


def test_help_button(excel):
    import toolkit.front.ribbon as ribbon

    ribbon.show_help()
    (message, title, _), = excel.app.alerts
    assert title == "工作要点" and "导入计划" in message and "年终总结" in message


def test_buttons_with_the_real_stages(excel, monkeypatch, tmp_path):
    """导入计划, then 报送情况 and 生成任务表 on the master it made, with the stages themselves."""
    import toolkit.front.ribbon as ribbon

    import toolkit.plan_import as plan_import

    monkeypatch.undo()  # only the fake Excel below: real settings, real stages
    monkeypatch.setitem(sys.modules, "xlwings", excel.xw)
    monkeypatch.setattr(frontend, "open_path", excel.opened.append)
    monkeypatch.setattr(frontend, "USER_LOG_DIR", tmp_path / "user-logs")
    plan_file = tmp_path / "计划.txt"
    plan_file.write_bytes(plan_import.reference_plan_path().read_bytes())
    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: str(plan_file))

    ribbon.import_plan()
    (message, _, mode), = excel.app.alerts
    assert message.startswith("已导入计划：35 项任务") and mode is None, message
    master = Path(excel.app.opened[-1])
    assert master.is_file()

    book = FakeBook(master, excel.app)
    excel.xw.Book.caller = lambda: book
    excel.app.alerts.clear()
    ribbon.status()
    (message, _, mode), = excel.app.alerts
    assert "已报送 0 个单位" in message and mode is None, message

    excel.app.alerts.clear()
    ribbon.assign()
    (message, _, mode), = excel.app.alerts
    assert "个单位的任务表" in message and mode is None, message
    assert excel.opened and Path(excel.opened[-1]).is_dir()
    assert not lock_path(master).exists()


# --- the master among the open workbooks; outputs open in Excel ------------------------------
def consolidated_of(excel, round_name: str) -> Path:
    from toolkit.common import paths

    return paths.consolidated(excel.master, 2020, round_name)


def test_the_master_is_found_when_an_output_is_active(excel, monkeypatch, tmp_path):
    """After 汇总 the consolidated workbook is the active one: 核对指标 still finds the master."""
    import toolkit.front.ribbon as ribbon

    output = consolidated_of(excel, frontend.choose_round(ROUNDS, date.today()))
    output.parent.mkdir(parents=True)
    make_book(output, sheets=("报送情况", "任务进展"))
    active = FakeBook(output, excel.app)
    excel.xw.Book.caller = lambda: active
    ran = []

    def check_round(master_path, round_name):
        ran.append(Path(master_path))
        return types.SimpleNamespace(output=output, counts={"已达标": 1})

    fake_stage(monkeypatch, "toolkit.check", check_round=check_round)
    ribbon.check()
    assert ran == [excel.master]
    assert excel.book.saved == 1 and active.saved == 1  # the master before, the output re-read
    (message, _, mode), = excel.app.alerts
    assert message.endswith("已核对 1 项指标：已达标 1。") and mode is None


def test_two_masters_open_and_neither_active(excel, tmp_path):
    import toolkit.front.ribbon as ribbon

    second = make_book(tmp_path / "2021年任务分解总表.xlsx")
    FakeBook(second, excel.app)
    output = make_book(tmp_path / "汇总表.xlsx", sheets=("报送情况",))
    active = FakeBook(output, excel.app)
    excel.xw.Book.caller = lambda: active
    ribbon.check()
    (message, _, mode), = excel.app.alerts
    assert "任务分解总表.xlsx" in message and "2021年任务分解总表.xlsx" in message
    assert "切换" in message and mode == "critical" and "\n" not in message


def test_an_output_open_in_excel_is_closed_before_the_stage_rewrites_it(excel, monkeypatch):
    """Windows refuses to replace a file Excel holds; and Excel would show the old content."""
    import toolkit.front.ribbon as ribbon

    round_name = frontend.choose_round(ROUNDS, date.today())
    book = consolidated_of(excel, round_name)
    book.parent.mkdir(parents=True)
    make_book(book, sheets=("报送情况",))
    stale = FakeBook(book, excel.app)
    still_open = []

    def check_round(master_path, round_name):
        still_open.append(str(book) in [b.fullname for b in excel.app.open_books])
        return types.SimpleNamespace(output=book, counts={"已达标": 1})

    fake_stage(monkeypatch, "toolkit.check", check_round=check_round)
    ribbon.check()
    assert still_open == [False]
    assert stale.saved == 1 and excel.app.closed == [str(book)]  # saved: an edit in it is kept
    assert excel.app.opened == [str(book)]
    assert [b.fullname for b in excel.app.open_books].count(str(book)) == 1


def test_summary_message_names_a_progress_report(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    outputs = [tmp_path / "半年进度通报.xlsx", tmp_path / "半年进度通报.docx"]
    fake_stage(monkeypatch, "toolkit.summary", write_summary=lambda m, r, **k: types.SimpleNamespace(
        outputs=outputs, kind="半年进度通报"))
    ribbon.summary()
    (message, _, _), = excel.app.alerts
    assert message.endswith("已生成半年进度通报：2 个文件。")


def test_the_log_holds_what_the_stage_logged(excel, monkeypatch):
    import logging

    import toolkit.front.ribbon as ribbon

    def check_round(master_path, round_name):
        logging.getLogger("workplan.check").warning("甲县教育局的数值已换算")
        raise ValueError("boom")

    fake_stage(monkeypatch, "toolkit.check", check_round=check_round)
    ribbon.check()
    text = frontend.log_file(excel.master).read_text(encoding="utf-8")
    assert "甲县教育局的数值已换算" in text and "Traceback" in text
    assert not any(isinstance(h, logging.FileHandler) and "功能区" in h.baseFilename
                   for h in logging.getLogger("workplan").handlers)


def test_nothing_is_closed_while_another_run_holds_the_lock(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    round_name = frontend.choose_round(ROUNDS, date.today())
    book = consolidated_of(excel, round_name)
    book.parent.mkdir(parents=True)
    make_book(book, sheets=("报送情况",))
    FakeBook(book, excel.app)
    fake_stage(monkeypatch, "toolkit.check", check_round=lambda m, r: None)
    held_elsewhere(excel.master)
    ribbon.check()
    assert excel.app.closed == [] and excel.app.alerts[-1][0].startswith("核对指标未完成：批处理")


def test_pick_master_prefers_the_active_workbook(tmp_path):
    first = make_book(tmp_path / "甲总表.xlsx")
    books = [(str(tmp_path / "工作簿1"), ["设置", "任务"]), (str(first), ["设置", "任务"])]
    with pytest.raises(WorkplanError) as err:  # an unsaved master is not swapped for another
        frontend.pick_master(books)
    assert "保存" in err.value.message
    assert frontend.pick_master([(str(first), ["任务", "设置"])]) == (0, first)
    with pytest.raises(WorkplanError) as err:
        frontend.pick_master([(str(tmp_path / "甲县.xlsx"), ["填报说明"])])
    assert "甲县.xlsx" in err.value.message and "任务分解总表" in err.value.message


def test_without_a_master_the_log_goes_where_the_command_line_puts_it(tmp_path):
    import os
    import subprocess

    env = dict(os.environ, WORKPLAN_LOG_DIR=str(tmp_path / "日志"))
    out = subprocess.run([sys.executable, "-c", "import toolkit.front.choices as f; print(f.USER_LOG_DIR)"],
                         capture_output=True, text=True, encoding="utf-8", env=env, check=True)
    assert out.stdout.strip() == str(tmp_path / "日志")


def test_feedback_and_remind_buttons(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    calls = []

    def feedback_round(master, round_name, **kwargs):
        calls.append(("feedback", master, round_name))
        return types.SimpleNamespace(out_dir=tmp_path / "退回修改", files=["甲", "乙"])

    def remind_round(master, round_name, **kwargs):
        calls.append(("remind", master, round_name))
        return types.SimpleNamespace(out_dir=tmp_path / "催报", units=["丙"])

    fake_stage(monkeypatch, "toolkit.assign", feedback_round=feedback_round)
    fake_stage(monkeypatch, "toolkit.followup", remind_round=remind_round)
    ribbon.feedback()
    ribbon.remind()
    messages = [a[0] for a in excel.app.alerts]
    assert messages[0].endswith("已为 2 个有问题的单位生成退回修改表。")
    assert messages[1].endswith("已为 1 个未报送或未报全的单位生成催报通知。")
    assert [c[0] for c in calls] == ["feedback", "remind"]
    assert all(c[1] == excel.master for c in calls)
    assert excel.opened == [tmp_path / "退回修改", tmp_path / "催报"]
