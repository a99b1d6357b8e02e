"""Nothing lost: outputs never overwrite inputs, wherever 设置 points them; a folder we replace
loses only what we wrote there; an edited output is kept; a dry run writes only its .eml files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from docx import Document

import helpers as H
from toolkit import app
from toolkit.books.master import write_master
from toolkit.common import paths
from toolkit.errors import WorkplanError
from toolkit.store import Store

FINAL = "年终"
JIA, YI = "甲县教育局", "乙县教育局"


def make_master(folder: Path, plan, folders: dict | None = None) -> Path:
    plan.settings.folders = dict(folders or {})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "任务分解总表.xlsx"
    write_master(plan, path)
    return path


@pytest.fixture
def master(tmp_path, small_plan):
    return make_master(tmp_path, small_plan)


def inbox_of(master):
    return paths.inbox(master, 2020, FINAL)


def outbox_of(master):
    return paths.outbox(master, 2020, FINAL)


def everything(folder: Path, skip=()) -> dict:
    """Every file under `folder` but the store and `skip`: bytes and modification time."""
    return {k: v for k, v in H.snapshot(folder).items()
            if not k.startswith(("workplan.sqlite", *skip))}


def store_rows(master) -> dict:
    db = Store.beside(master).path
    if not db.exists():
        return {}
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}"))) for t in tables}


# --- outputs never overwrite inputs ------------------------------------------------------------
def test_assign_force_into_the_inbox_is_refused(tmp_path, small_plan):
    """设置's 下发 pointing at 回收: assign --force would replace the inbox with blank forms."""
    master = make_master(tmp_path, small_plan, {"下发": "回收"})
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    before = H.snapshot(inbox_of(master))
    with pytest.raises(WorkplanError, match="回收文件夹"):
        app.assign(master, FINAL, force=True)
    assert H.snapshot(inbox_of(master)) == before


def test_sending_forms_from_the_inbox_is_refused_even_as_a_dry_run(tmp_path, small_plan):
    master = make_master(tmp_path, small_plan, {"下发": "回收"})
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    before = H.snapshot(inbox_of(master))
    with pytest.raises(WorkplanError, match="回收文件夹"):
        app.send(master, FINAL, "任务表", dry_run=True)
    assert H.snapshot(inbox_of(master)) == before


def test_an_archive_inside_the_inbox_is_refused(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    before = H.snapshot(inbox_of(master))
    with pytest.raises(WorkplanError, match="归档文件夹.*回收文件夹"):
        app.collect(master, FINAL, archive=inbox_of(master) / "归档")
    assert H.snapshot(inbox_of(master)) == before


@pytest.mark.parametrize("command", ["assign", "feedback", "remind"])
def test_a_folder_replaced_whole_never_holds_the_master_or_the_inbox(master, small_plan,
                                                                     command):
    """--out-dir naming the master's own folder, or the inbox: each is one line, and nothing
    is touched (replacing the master's folder would delete the master and the store)."""
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": "约200"}})
    app.collect(master, FINAL)
    before = H.snapshot(master.parent)
    run = {"assign": lambda out: app.assign(master, FINAL, out_dir=out, force=True),
           "feedback": lambda out: app.feedback(master, FINAL, out_dir=out),
           "remind": lambda out: app.remind(master, FINAL, out_dir=out)}[command]
    for out in (master.parent, inbox_of(master), inbox_of(master) / "sub"):
        with pytest.raises(WorkplanError, match="不能用作输出"):
            run(out)
    assert H.snapshot(master.parent) == before


def test_outputs_in_the_root_of_a_disk_are_refused(tmp_path, small_plan):
    master = make_master(tmp_path, small_plan, {"汇总": "/", "下发": "/"})
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    book, forms = Path("/2020年终汇总表.xlsx"), Path("/2020年终")
    try:
        with pytest.raises(WorkplanError, match="磁盘根目录"):
            app.collect(master, FINAL)
        with pytest.raises(WorkplanError, match="磁盘根目录"):
            app.assign(master, FINAL)
        assert not book.exists() and not forms.exists()
        small_plan.settings.folders = {"回收": "/"}  # mail fetch writes into the inbox
        write_master(small_plan, master)
        with pytest.raises(WorkplanError, match="回收文件夹.*磁盘根目录"):
            app.fetch(master, FINAL)
    finally:  # should they have been written after all
        book.unlink(missing_ok=True)
        if forms.is_dir() and all(p.suffix == ".xlsx" for p in forms.iterdir()):
            import shutil

            shutil.rmtree(forms)


def test_outputs_in_another_offices_folder_are_refused(tmp_path, small_plan):
    """设置 pointing at the folder of another office's master (beside ours): refused."""
    other = tmp_path / "规划科"
    other_master = make_master(other, H.make_small_plan())
    app.assign(other_master, FINAL)  # the other office's forms, and its store
    theirs = H.snapshot(other)
    ours = make_master(tmp_path / "督查科", small_plan,
                       {"下发": "../规划科/下发", "总结": "../规划科"})
    H.returned(small_plan, inbox_of(ours), "甲县.xlsx")
    with pytest.raises(WorkplanError, match="另一份总表"):
        app.assign(ours, FINAL, force=True)
    app.collect(ours, FINAL)
    with pytest.raises(WorkplanError, match="另一份总表"):
        app.summarise(ours, FINAL)
    assert H.snapshot(other) == theirs


def test_folders_set_inside_one_another_are_refused(tmp_path, small_plan):
    """汇总 set inside the 下发 folder: assign --force would delete the consolidated workbook."""
    master = make_master(tmp_path, small_plan, {"汇总": "下发/2020年终"})
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    with pytest.raises(WorkplanError, match="重叠"):
        app.collect(master, FINAL)
    with pytest.raises(WorkplanError, match="重叠"):
        app.assign(master, FINAL)


# --- a dry run changes nothing -----------------------------------------------------------------
@pytest.fixture
def addressed(tmp_path, small_plan, monkeypatch):
    for unit in small_plan.units:
        unit.email = {JIA: "jia@county.example", YI: "yi@county.example"}.get(unit.name, "")
    small_plan.settings.mail = {"smtp_host": "127.0.0.1", "smtp_port": "1",
                                "sender": "office@bureau.example", "security": "无"}
    return make_master(tmp_path, small_plan)


@pytest.mark.parametrize("what", ["任务表", "退回修改", "催报"])
def test_a_dry_run_changes_nothing_on_disk(addressed, small_plan, what):
    master = addressed
    app.assign(master, FINAL)
    (outbox_of(master) / "下发通知.docx").write_bytes(b"the office's own notice")
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": "约200"}})
    app.collect(master, FINAL)
    app.feedback(master, FINAL)
    app.remind(master, FINAL)
    book = openpyxl.load_workbook(master)  # a 核实更正 row typed since the last collection
    book["核实更正"].append(["年终", JIA, "I2-1", "实际完成值", 200, "王五", None, "电话核实"])
    book.save(master)
    files, rows = everything(master.parent, skip=("待发邮件",)), store_rows(master)
    result = app.send(master, FINAL, what, dry_run=True)
    assert result.written and all(p.suffix == ".eml" for p in result.written)
    assert everything(master.parent, skip=("待发邮件",)) == files
    assert store_rows(master) == rows
    assert {p.parent.parent.name for p in result.written} == {"待发邮件"}


def test_forms_are_sent_as_issued_and_only_missing_ones_made(addressed, small_plan):
    master = addressed
    app.assign(master, FINAL, units=[JIA])
    form = next(p for p in outbox_of(master).iterdir() if p.name.startswith(JIA))
    issued = form.read_bytes()
    result = app.send(master, FINAL, "任务表", units=[JIA, YI], dry_run=True)
    assert form.read_bytes() == issued
    assert not any(p.name.startswith(YI) for p in outbox_of(master).iterdir())  # dry: not made
    import email
    from email import policy

    sent = {email.message_from_bytes(p.read_bytes(), policy=policy.default)["To"]: p
            for p in result.written}
    msg = email.message_from_bytes(sent["jia@county.example"].read_bytes(), policy=policy.default)
    [part] = list(msg.iter_attachments())
    assert part.get_payload(decode=True) == issued


# --- the edit guard covers every output a person may edit --------------------------------------
def edit_workbook(path: Path, note: str) -> bytes:
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["A1"] = note
    book.save(path)
    return path.read_bytes()


def beside(folder: Path, stem: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(stem + "（")
                  and "更新）" in p.name)


def test_assign_force_keeps_what_the_office_put_or_changed_in_the_folder(master, small_plan):
    first = app.assign(master, FINAL)
    folder = first.out_dir
    (folder / "下发通知.docx").write_bytes(b"the office's own notice")
    form = next(f.path for f in first.files if f.unit == JIA)
    listing = edit_workbook(first.distribution, "办公室补充：请于12月20日前报送")
    changed = edit_workbook(form, "已电话通知")
    untouched = next(f.path for f in first.files if f.unit == YI)
    again = app.assign(master, FINAL, force=True)
    assert (folder / "下发通知.docx").read_bytes() == b"the office's own notice"
    assert first.distribution.read_bytes() == listing and form.read_bytes() == changed
    assert sorted(again.kept) == sorted([str(first.distribution), str(form)])
    assert len(beside(folder, form.stem)) == 1 and len(beside(folder, "下发清单")) == 1
    assert next(f.path for f in again.files if f.unit == YI) == untouched  # ours: rewritten
    assert "已被修改过" in again.headline()
    third = app.assign(master, FINAL, force=True)  # the copies beside are ours: reused
    assert len(beside(folder, form.stem)) == 1 and sorted(third.kept) == sorted(again.kept)


def test_feedback_keeps_edited_workbooks_and_texts(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": "约200"}})
    app.collect(master, FINAL)
    first = app.feedback(master, FINAL)
    [made] = first.files
    text = made.text.read_text(encoding="utf-8") + "（办公室补充：请周五前改好）\n"
    made.text.write_text(text, encoding="utf-8")
    book = edit_workbook(made.workbook, "办公室批注")
    again = app.feedback(master, FINAL)
    assert made.text.read_text(encoding="utf-8") == text and made.workbook.read_bytes() == book
    [new] = again.files
    assert new.workbook != made.workbook and new.text != made.text
    assert sorted(again.kept) == sorted([str(made.workbook), str(made.text)])
    assert new.workbook.stem in new.text.read_text(encoding="utf-8") or new.workbook.name in \
        new.text.read_text(encoding="utf-8")


def test_remind_keeps_an_edited_notice(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    app.collect(master, FINAL)
    first = app.remind(master, FINAL)
    notice = next(p for p in first.files if p.suffix == ".docx")
    doc = Document(notice)
    doc.add_paragraph("（已电话催报三次）")
    doc.save(notice)
    edited = notice.read_bytes()
    again = app.remind(master, FINAL)
    assert notice.read_bytes() == edited and again.kept == [str(notice)]
    assert len(beside(notice.parent, notice.stem)) == 1


# --- a run stopped right after its workbook was moved into place -------------------------------
def test_a_run_stopped_after_the_move_knows_its_own_workbook(master, small_plan, monkeypatch):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    book = app.collect(master, FINAL).output
    H.returned(small_plan, inbox_of(master), "乙县.xlsx", unit=YI)

    def power_cut(self, found):
        raise KeyboardInterrupt  # the machine stops between the move and the record

    monkeypatch.setattr(Store, "record_outputs", power_cut)
    with pytest.raises(KeyboardInterrupt):
        app.collect(master, FINAL)
    monkeypatch.undo()
    from consolidated_reader import load_consolidation

    shown = {s.unit: s.state for s in load_consolidation(book).submissions}
    told = {r["unit"]: r["state"] for r in app.status(master, FINAL).rows}
    assert told == shown and told[YI] == "已报送"
    again = app.collect(master, FINAL)
    assert again.output == book and again.kept == []
    assert sorted(p.name for p in book.parent.iterdir()) == [book.name]
