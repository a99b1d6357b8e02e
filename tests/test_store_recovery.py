"""The store when things go wrong: corrupt (rebuilt, and remembering what it knew), of a newer
release, on a disk that fills while it writes."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import helpers as H
from mailservers import smtp_capture
from test_collect_intake import small_disk
from toolkit import app
from toolkit.books.master import write_master
from toolkit.common import paths
from toolkit.errors import WorkplanError
from toolkit.mail.config import PASSWORD_VARIABLE
from toolkit.store import Store

FINAL = "年终"
JIA, YI = "甲县教育局", "乙县教育局"


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def inbox_of(master):
    return paths.inbox(master, 2020, FINAL)


def corrupt_an_index(db) -> None:
    """Overwrite the first page of one index: the store fails its check, every row is there."""
    with sqlite3.connect(db) as con:
        page = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'run_files_by_sha'"
                           ).fetchone()[0]
    data = bytearray(db.read_bytes())
    data[(root - 1) * page:root * page] = b"\xa5" * page
    db.write_bytes(bytes(data))


def test_a_store_rebuilt_after_corruption_keeps_what_it_could_read(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": 300}})
    book = app.collect(master, FINAL).output
    db = Store.beside(master).path
    corrupt_an_index(db)
    checked = app.check(master, FINAL)  # the round is still known: no "尚未汇总"
    assert checked.output == book  # and the workbook is still known as ours: no copy beside
    assert [p.name for p in master.parent.iterdir() if ".损坏-" in p.name]
    assert sorted(p.name for p in book.parent.iterdir()) == [book.name]
    assert {r["unit"]: r["state"] for r in app.status(master, FINAL).rows}[JIA] == "已报送"


def test_a_store_destroyed_whole_is_told_again_by_the_disk(master, small_plan, monkeypatch):
    """Nothing readable left: the round is collected again from the inbox, and what was sent
    is known again from the copies in 已发邮件 (no second reminder without --force)."""
    with smtp_capture() as smtp:
        plan = small_plan
        for unit in plan.units:
            unit.email = {JIA: "jia@county.example", YI: "yi@county.example"}.get(unit.name, "")
        plan.settings.mail = {"smtp_host": "127.0.0.1", "smtp_port": str(smtp.port),
                              "sender": "office@bureau.example", "security": "无"}
        monkeypatch.setenv(PASSWORD_VARIABLE, "unused")
        write_master(plan, master)
        H.returned(plan, inbox_of(master), "甲县.xlsx")
        app.collect(master, FINAL)
        first = app.send(master, FINAL, "催报")
        assert [s["unit"] for s in first.sent] == [YI]
        db = Store.beside(master).path
        db.write_bytes(b"\x00garbage" * 4000)
        checked = app.check(master, FINAL)  # collected again from the inbox, no "尚未汇总"
        assert {r["unit"]: r["state"] for r in app.status(master, FINAL).rows}[JIA] == "已报送"
        assert checked.round == FINAL
        again = app.send(master, FINAL, "催报")
        assert again.sent == [] and again.already == [YI] and len(smtp.messages) == 1


def test_a_store_of_a_newer_release_says_so(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    app.collect(master, FINAL)
    db = Store.beside(master).path
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = db.read_bytes()
    with pytest.raises(WorkplanError) as err:
        app.collect(master, FINAL)
    assert "较新版本" in err.value.message and "升级" in err.value.message
    assert "文件系统错误" not in err.value.message and db.read_bytes() == before


def test_a_disk_that_fills_while_the_store_writes_says_so(small_plan, tmp_path):
    """The master and its store on a disk with room for the master and a little more: the store
    fills it while it records the answers (SQLite says "disk I/O error" then)."""
    inbox = tmp_path / "inbox"
    for unit in (JIA, YI, "丙区教育局"):
        H.returned(small_plan, inbox, f"{unit}.xlsx", unit=unit)
    with small_disk("1m") as disk:
        master = disk / "任务分解总表.xlsx"
        write_master(small_plan, master)
        filler = disk / "filler"
        filler.write_bytes(b"\0" * (shutil.disk_usage(disk).free - 20_000))
        with pytest.raises(WorkplanError) as err:
            app.collect(master, FINAL, inbox=inbox, out=tmp_path / "汇总表.xlsx")
        assert err.value.message.startswith("磁盘空间不足") and "workplan.sqlite" in err.value.message
        filler.unlink()
        result = app.collect(master, FINAL, inbox=inbox, out=tmp_path / "汇总表.xlsx")
        assert result.counts["reported"] == 3
