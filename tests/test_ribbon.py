"""The ribbon's Python side without Excel: the plain decisions; the buttons on a fake xlwings."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolkit import app as hall
from toolkit.front import choices as frontend
from toolkit.errors import WorkplanError
from toolkit.common.lock import lock_path, stage_lock
from toolkit.model.plan import Round
from toolkit.model.result import Result
from toolkit.rules.rounds import choose_round


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
    assert choose_round(ROUNDS, today) == expected


def test_choose_round_other_shapes():
    rounds = [("年终", datetime(2020, 12, 25, 0, 0)), ("半年", date(2020, 7, 10))]
    assert choose_round(rounds, date(2020, 6, 1)) == "半年"
    assert choose_round([Round("年终"), Round("半年")], date(2020, 6, 1)) == "年终"
    assert choose_round([Round("年终"), Round("半年", date(2020, 7, 10))],
                        date(2020, 6, 1)) == "半年"
    with pytest.raises(WorkplanError):
        choose_round([], date(2020, 6, 1))


# --- messages ------------------------------------------------------------------------------------
def test_friendly_error_is_one_line_with_the_log(tmp_path):
    log = tmp_path / "日志" / "功能区-20200101.log"
    text = frontend.friendly_error(WorkplanError("回收文件夹不存在。"), log, "collect")
    assert text == f"汇总未完成：回收文件夹不存在。详细记录见：{log}"
    text = frontend.friendly_error(ValueError("boom\n  at line 2"), log, "check")
    assert text.startswith("核对指标未完成：程序内部出错（ValueError）")
    assert "\n" not in text and str(log) in text
    text = frontend.friendly_error(PermissionError(13, "denied", str(tmp_path / "汇总表.xlsx")), log)
    assert "汇总表.xlsx" in text and "没有权限" in text


def test_log_file(tmp_path, monkeypatch):
    master = tmp_path / "总表.xlsx"
    assert hall.log_file(master, None, date(2020, 1, 2)) == tmp_path / "日志" / "功能区-20200102.log"
    moved = hall.log_file(master, {"日志": "logs"}, date(2020, 1, 2))
    assert moved == tmp_path / "logs" / "功能区-20200102.log"
    monkeypatch.setenv("WORKPLAN_LOG_DIR", str(tmp_path / "user-logs"))
    assert hall.log_file(None, None, date(2020, 1, 2)).parent == tmp_path / "user-logs"


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


@dataclass
class Done(Result):
    """What a command of the hall returns, as the ribbon sees it."""

    line: str
    made: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {}

    def headline(self) -> str:
        return self.line

    def opens(self) -> list:
        return self.made


@pytest.fixture
def excel(tmp_path, monkeypatch):
    """A master workbook as the caller, a fake xlwings, a desk with rounds, no real opening."""
    app = FakeApp()
    master = make_book(tmp_path / "任务分解总表.xlsx")
    book = FakeBook(master, app)
    fake_xw = types.ModuleType("xlwings")
    fake_xw.Book = types.SimpleNamespace(caller=lambda: book)
    monkeypatch.setitem(sys.modules, "xlwings", fake_xw)
    monkeypatch.setenv("WORKPLAN_LOG_DIR", str(tmp_path / "user-logs"))

    def desk(path, today=None):
        rnd = choose_round(ROUNDS, today or date.today())
        folders = {"consolidated": consolidated_of(path, rnd),
                   "summary_dir": Path(path).parent / "总结" / rnd}
        return hall.Desk(Path(path), rnd, hall.log_file(path), folders)

    monkeypatch.setattr(hall, "desk", desk)
    opened = []
    monkeypatch.setattr(frontend, "open_path", opened.append)
    return types.SimpleNamespace(app=app, book=book, master=master, opened=opened, xw=fake_xw)


def consolidated_of(master: Path, round_name: str) -> Path:
    from toolkit.common import paths

    return paths.consolidated(master, 2020, round_name)


def today_round() -> str:
    return choose_round(ROUNDS, date.today())


def test_collect_button(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    calls = []

    def collect(master_path, round_name, progress=None):
        calls.append((Path(master_path), round_name))
        assert lock_path(master_path).exists()  # runs under the master's lock
        progress("读取报回文件", 12, 40)  # the command's progress reaches the status bar
        return Done("已汇总 47 个单位，5 个未报送，12 条问题。", [tmp_path / "汇总表.xlsx"])

    monkeypatch.setattr(hall, "collect", collect)
    ribbon.collect()
    assert calls == [(excel.master, today_round())]
    assert excel.book.saved == 1
    assert excel.app.opened == [str(tmp_path / "汇总表.xlsx")]
    assert excel.app.alerts == [
        (f"{today_round()}：已汇总 47 个单位，5 个未报送，12 条问题。", "工作要点", None)]
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
    monkeypatch.setattr(hall, "check", lambda master_path, round_name: ran.append(master_path))
    held_elsewhere(excel.master)
    ribbon.check()
    assert ran == []
    (message, _, mode), = excel.app.alerts
    assert message.startswith("核对指标未完成：批处理") and "详细记录见" in message
    assert mode == "critical"


def test_a_command_takes_the_lock_inside_the_ribbons_hold(excel, monkeypatch):
    """The hall's commands take the master's lock themselves: inside the ribbon's hold (the
    same process) they run; while another process holds it they do not."""
    import toolkit.front.ribbon as ribbon

    def check(master_path, round_name):
        with stage_lock(master_path, what="核对"):
            return Done("年终核对完成：指标3项。")

    monkeypatch.setattr(hall, "check", check)
    ribbon.check()
    (message, _, mode), = excel.app.alerts
    assert message.endswith("年终核对完成：指标3项。") and mode is None
    held_elsewhere(excel.master)
    ribbon.check()
    assert excel.app.alerts[-1][0].startswith("核对指标未完成：批处理")


def test_errors_become_one_line_and_a_log(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    def broken(*args, **kwargs):
        raise KeyError("列")

    monkeypatch.setattr(hall, "assign", broken)
    ribbon.assign()
    (message, _, _), = excel.app.alerts
    assert message.startswith("生成任务表未完成：程序内部出错（KeyError")
    assert "\n" not in message
    log = hall.log_file(excel.master)
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
    monkeypatch.setattr(hall, "assign", lambda m, r, **k: Done("共生成2个任务表。", [out_dir]))
    monkeypatch.setattr(hall, "status", lambda m, r: Done("已报送 1 个单位，未报送 1 个：乙。"))
    book = tmp_path / "总结" / "表.xlsx"
    monkeypatch.setattr(hall, "summarise", lambda m, r: Done(
        "已生成年终总结：表.xlsx、文.docx。", [book, book.parent]))
    ribbon.assign()
    ribbon.status()
    ribbon.summary()
    ribbon.open_folder()
    messages = [a[0] for a in excel.app.alerts]
    assert messages == [f"{today_round()}：共生成2个任务表。",
                        f"{today_round()}：已报送 1 个单位，未报送 1 个：乙。",
                        f"{today_round()}：已生成年终总结：表.xlsx、文.docx。"]
    assert excel.opened == [out_dir, tmp_path / "总结", excel.master.parent]
    assert excel.app.opened == [str(book)]


def fake_import(monkeypatch, tmp_path, existing=False):
    new_master = tmp_path / "workbooks" / "新总表.xlsx"
    if existing:
        new_master.parent.mkdir()
        make_book(new_master)
    seen = []

    def import_plan(path, out=None, force=False):
        seen.append((path, out, force))
        return Done("已导入 1 个部分、4 项任务、4 个指标、9 个单位，生成总表。", [new_master])

    monkeypatch.setattr(hall, "import_plan", import_plan)
    monkeypatch.setattr(hall, "import_target", lambda path: new_master)
    return new_master, seen


def test_import_plan_button(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    plan_file = tmp_path / "计划.txt"
    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: str(plan_file))
    new_master, seen = fake_import(monkeypatch, tmp_path)
    ribbon.import_plan()
    assert seen == [(str(plan_file), new_master, False)]
    assert excel.app.opened == [str(new_master)]
    (message, _, _), = excel.app.alerts
    assert message.startswith("已导入 1 个部分、4 项任务")


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
    assert seen == ([(str(tmp_path / "计划.txt"), new_master, True)] if runs else [])
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


def test_buttons_with_the_real_commands(excel, monkeypatch, tmp_path):
    """导入计划, then 报送情况 and 生成任务表 on the master it made, with the hall itself."""
    import toolkit.front.ribbon as ribbon

    import toolkit.plan_import as plan_import

    monkeypatch.undo()  # only the fake Excel below: the real hall
    monkeypatch.setitem(sys.modules, "xlwings", excel.xw)
    monkeypatch.setattr(frontend, "open_path", excel.opened.append)
    monkeypatch.setenv("WORKPLAN_LOG_DIR", str(tmp_path / "user-logs"))
    plan_file = tmp_path / "计划.txt"
    plan_file.write_bytes(plan_import.reference_plan_path().read_bytes())
    monkeypatch.setattr(ribbon, "_pick_plan_file", lambda app: str(plan_file))

    ribbon.import_plan()
    (message, _, mode), = excel.app.alerts
    assert message.startswith("已导入 8 个部分、35 项任务") and mode is None, message
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
    assert "个任务表" in message and mode is None, message
    assert excel.opened and Path(excel.opened[-1]).is_dir()
    assert not lock_path(master).exists()


# --- the master among the open workbooks; outputs open in Excel ------------------------------
def test_the_master_is_found_when_an_output_is_active(excel, monkeypatch, tmp_path):
    """After 汇总 the consolidated workbook is the active one: 核对指标 still finds the master."""
    import toolkit.front.ribbon as ribbon

    output = consolidated_of(excel.master, today_round())
    output.parent.mkdir(parents=True)
    make_book(output, sheets=("报送情况", "任务进展"))
    active = FakeBook(output, excel.app)
    excel.xw.Book.caller = lambda: active
    ran = []

    def check(master_path, round_name):
        ran.append(Path(master_path))
        return Done("年终核对完成：指标1项。", [output])

    monkeypatch.setattr(hall, "check", check)
    ribbon.check()
    assert ran == [excel.master]
    assert excel.book.saved == 1 and active.saved == 1  # the master before, the output re-read
    (message, _, mode), = excel.app.alerts
    assert message.endswith("核对完成：指标1项。") and mode is None


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


def test_an_output_open_in_excel_is_closed_before_the_command_rewrites_it(excel, monkeypatch):
    """Windows refuses to replace a file Excel holds; and Excel would show the old content."""
    import toolkit.front.ribbon as ribbon

    book = consolidated_of(excel.master, today_round())
    book.parent.mkdir(parents=True)
    make_book(book, sheets=("报送情况",))
    stale = FakeBook(book, excel.app)
    still_open = []

    def check(master_path, round_name):
        still_open.append(str(book) in [b.fullname for b in excel.app.open_books])
        return Done("核对完成。", [book])

    monkeypatch.setattr(hall, "check", check)
    ribbon.check()
    assert still_open == [False]
    assert stale.saved == 1 and excel.app.closed == [str(book)]  # saved: an edit in it is kept
    assert excel.app.opened == [str(book)]
    assert [b.fullname for b in excel.app.open_books].count(str(book)) == 1


def test_the_log_holds_what_the_command_logged(excel, monkeypatch):
    import logging

    import toolkit.front.ribbon as ribbon

    def check(master_path, round_name):
        logging.getLogger("workplan.check").warning("甲县教育局的数值已换算")
        raise ValueError("boom")

    monkeypatch.setattr(hall, "check", check)
    ribbon.check()
    text = hall.log_file(excel.master).read_text(encoding="utf-8")
    assert "甲县教育局的数值已换算" in text and "Traceback" in text
    assert not any(isinstance(h, logging.FileHandler) and "功能区" in h.baseFilename
                   for h in logging.getLogger("workplan").handlers)


def test_nothing_is_closed_while_another_run_holds_the_lock(excel, monkeypatch):
    import toolkit.front.ribbon as ribbon

    book = consolidated_of(excel.master, today_round())
    book.parent.mkdir(parents=True)
    make_book(book, sheets=("报送情况",))
    FakeBook(book, excel.app)
    monkeypatch.setattr(hall, "check", lambda m, r: None)
    held_elsewhere(excel.master)
    ribbon.check()
    assert excel.app.closed == [] and excel.app.alerts[-1][0].startswith("核对指标未完成：批处理")


def test_feedback_and_remind_buttons(excel, monkeypatch, tmp_path):
    import toolkit.front.ribbon as ribbon

    calls = []

    def feedback(master, round_name, **kwargs):
        calls.append(("feedback", master, round_name))
        return Done("共生成2份退回修改表。", [tmp_path / "退回修改"])

    def remind(master, round_name, **kwargs):
        calls.append(("remind", master, round_name))
        return Done("共1个单位需催报。", [tmp_path / "催报"])

    monkeypatch.setattr(hall, "feedback", feedback)
    monkeypatch.setattr(hall, "remind", remind)
    ribbon.feedback()
    ribbon.remind()
    messages = [a[0] for a in excel.app.alerts]
    assert messages == [f"{today_round()}：共生成2份退回修改表。", f"{today_round()}：共1个单位需催报。"]
    assert [c[0] for c in calls] == ["feedback", "remind"]
    assert all(c[1] == excel.master for c in calls)
    assert excel.opened == [tmp_path / "退回修改", tmp_path / "催报"]


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


