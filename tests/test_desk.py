"""The faults of an ordinary office desk (issue 22): a file open in Excel or WPS, a working
folder moved to another drive, a master on a network share, the wrong file given as the master,
a key sheet LibreOffice left merely hidden, and the documented exit codes of a dry run."""

from __future__ import annotations

import pytest

from toolkit.books.master import write_master
from toolkit.front.cli import main
from toolkit.mail.config import PASSWORD_VARIABLE


# --- mail send --dry-run: its exit code as documented ------------------------------------------
@pytest.fixture
def mail_master(tmp_path, small_plan, monkeypatch):
    addresses = {"甲县教育局": "jia@county.example", "乙县教育局": "yi@county.example"}
    for unit in small_plan.units:
        unit.email = addresses.get(unit.name, "")
    small_plan.settings.mail = {"smtp_host": "127.0.0.1", "smtp_port": "1",
                                "sender": "office@bureau.example", "security": "无"}
    monkeypatch.setenv(PASSWORD_VARIABLE, "unused")
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def test_dry_run_exit_codes_are_as_documented(mail_master, tmp_path, capsys):
    args = ["mail", "send", str(mail_master), "--round", "年终", "--what", "任务表", "--dry-run",
            "-o", str(tmp_path / "eml")]
    assert main(args + ["--units", "甲县教育局,乙县教育局"]) == 0
    assert main(args + ["--units", "甲县教育局,丙区教育局"]) == 1  # 丙区 has no 邮箱
    assert "丙区教育局：“单位”表未填写邮箱" in capsys.readouterr().out
    assert main(args + ["--round", "没有的轮次"]) == 2


# --- a file open in Excel or WPS ----------------------------------------------------------------
@pytest.fixture
def demo_round(tmp_path, small_plan):
    """A master whose round was collected: the consolidated workbook and the summary exist."""
    from toolkit import app
    from toolkit.common import paths
    from toolkit.front.demo import simulate_returns

    master = tmp_path / "总表.xlsx"
    write_master(small_plan, master)
    assigned = app.assign(master, "年终")
    simulate_returns(assigned.files, paths.inbox(master, 2020, "年终"), small_plan)
    app.collect(master, "年终")
    app.summarise(master, "年终")
    return master


def _windows_refuses(monkeypatch, held: str, winerror: int):
    """os.replace as Windows answers it while Excel or WPS holds `held` open."""
    import os

    from toolkit.common import atomic

    real = os.replace

    def replace(src, dst):
        if os.path.basename(str(dst)) == held or os.path.basename(str(src)) == held:
            err = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
            err.winerror = winerror
            raise err
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


@pytest.mark.parametrize("winerror", [32, 5])
def test_a_summary_open_in_excel_is_named_with_what_to_do(demo_round, monkeypatch, winerror):
    from toolkit import app
    from toolkit.errors import WorkplanError

    monkeypatch.setattr("toolkit.common.atomic.WINDOWS", True)
    _windows_refuses(monkeypatch, "年终总结.xlsx", winerror)
    with pytest.raises(WorkplanError) as err:
        app.summarise(demo_round, "年终")
    assert err.value.message == ("年终总结.xlsx 正在 Excel 或 WPS 中打开，无法写入新结果；"
                                 "请先关闭 年终总结.xlsx 再重试。")


def test_a_consolidated_workbook_open_in_wps_on_the_cli(demo_round, monkeypatch, capsys):
    """Linux with WPS or LibreOffice: the program's marker file beside the workbook tells."""
    consolidated = demo_round.parent / "汇总" / "2020年终汇总表.xlsx"
    (consolidated.parent / ".~lock.2020年终汇总表.xlsx#").write_text("x", encoding="utf-8")
    _windows_refuses(monkeypatch, consolidated.name, 0)  # a plain EACCES, as POSIX says it
    assert main(["check", str(demo_round), "--round", "年终"]) == 2
    err = capsys.readouterr().err
    assert "请先关闭 2020年终汇总表.xlsx 再重试" in err and "没有权限" not in err


def test_a_form_open_in_the_outbox_folder_is_named(demo_round, monkeypatch):
    from toolkit import app
    from toolkit.errors import WorkplanError

    outbox = demo_round.parent / "下发" / "2020年终"
    form = next(outbox.glob("甲县*.xlsx"))
    (outbox / f"~${form.name}").write_bytes(b"owner")
    monkeypatch.setattr("toolkit.common.atomic.WINDOWS", True)
    _windows_refuses(monkeypatch, outbox.name, 5)
    with pytest.raises(WorkplanError) as err:
        app.assign(demo_round, "年终", force=True)
    assert f"请先关闭 {form.name} 再重试" in err.value.message


def test_a_real_permission_problem_is_still_said_as_one(demo_round, monkeypatch):
    from toolkit import app
    from toolkit.errors import WorkplanError

    _windows_refuses(monkeypatch, "年终总结.xlsx", 0)  # POSIX, no office program's marker
    with pytest.raises(WorkplanError) as err:
        app.summarise(demo_round, "年终")
    assert "没有权限" in err.value.message and "年终总结" in err.value.message


# --- a working folder moved or copied (new PC, new drive letter, USB stick) ------------------
def _moved(master, tmp_path, keep_times: bool = False):
    """The working folder copied elsewhere, as Explorer does (file times kept) or as some USB
    copies do (not kept), the old one gone."""
    import shutil

    new_place = tmp_path / "U盘" / "工作要点"
    shutil.copytree(master.parent, new_place,
                    copy_function=shutil.copy2 if keep_times else shutil.copy)
    shutil.rmtree(master.parent)
    return new_place / master.name


@pytest.fixture
def moved_round(tmp_path, small_plan):
    from toolkit import app
    from toolkit.common import paths
    from toolkit.front.demo import simulate_returns

    master = tmp_path / "D盘" / "总表.xlsx"
    master.parent.mkdir()
    write_master(small_plan, master)
    assigned = app.assign(master, "年终")
    simulate_returns(assigned.files, paths.inbox(master, 2020, "年终"), small_plan)
    app.collect(master, "年终")
    app.summarise(master, "年终")
    before = {r["unit"]: r["received"] for r in app.status(master, "年终").rows}
    return _moved(master, tmp_path), before, master.parent


def test_outputs_of_a_moved_folder_are_still_ours(moved_round):
    from toolkit import app

    master, _, old = moved_round
    summary = app.summarise(master, "年终")
    assert summary.kept == []
    assert sorted(p.name for p in summary.outputs) == ["年终总结.docx", "年终总结.xlsx"]
    collected = app.collect(master, "年终")
    assert collected.kept == [] and collected.output.parent.parent == master.parent
    assert not [p for p in master.parent.rglob("*更新*")]
    assert not old.exists()


def test_check_after_a_move_writes_in_the_new_place(moved_round):
    from toolkit import app

    master, _, old = moved_round
    checked = app.check(master, "年终")
    assert checked.output == master.parent / "汇总" / "2020年终汇总表.xlsx"
    assert not old.exists()  # nothing written where the folder used to be


def test_receipt_times_survive_a_move(tmp_path, small_plan):
    from toolkit import app
    from toolkit.common import paths
    from toolkit.front.demo import simulate_returns

    master = tmp_path / "D盘" / "总表.xlsx"
    master.parent.mkdir()
    write_master(small_plan, master)
    simulate_returns(app.assign(master, "年终").files, paths.inbox(master, 2020, "年终"),
                     small_plan)
    app.collect(master, "年终")
    before = {r["unit"]: r["received"] for r in app.status(master, "年终").rows}
    master = _moved(master, tmp_path, keep_times=True)
    app.collect(master, "年终")
    assert {r["unit"]: r["received"] for r in app.status(master, "年终").rows} == before


def test_a_copy_that_resets_file_times_falls_back_on_the_first_sight_of_the_content(
        moved_round):
    """The file times are the copy's now; the store first saw each file's content at the
    first collection, in the old place: that is when it had arrived at the latest."""
    import sqlite3

    from toolkit import app

    master, before, _ = moved_round
    from contextlib import closing

    with closing(sqlite3.connect(master.parent / "workplan.sqlite")) as con, con:
        con.execute("UPDATE files SET first_seen = '2020-12-26 09:00:00'")
    app.collect(master, "年终")
    after = {r["unit"]: r["received"] for r in app.status(master, "年终").rows if r["file"]}
    assert after and set(after.values()) <= {"2020-12-26 09:00:00"} | set(before.values())


def test_an_edit_after_the_move_is_still_kept(moved_round):
    import openpyxl

    from toolkit import app

    master, _, _ = moved_round
    summary = master.parent / "总结" / "2020年终" / "年终总结.xlsx"
    book = openpyxl.load_workbook(summary)
    book.worksheets[0]["A1"] = "办公室已审核"
    book.save(summary)
    again = app.summarise(master, "年终")
    assert again.kept == [str(summary)]
    assert any("更新" in p.name for p in again.outputs)


# --- a master on a network share (网络共享, a mapped drive) ---------------------------------
def test_network_file_systems_are_told_from_the_mount_table(tmp_path):
    from pathlib import Path

    from toolkit.common.shares import NETWORK_FILESYSTEMS, mount_type

    mounts = ("/dev/sda1 / ext4 rw,relatime 0 0\n"
              "//fileserver/督查 /mnt/共享\\040盘 cifs rw,vers=3.0 0 0\n"
              "nas:/export/office /srv/office nfs4 rw 0 0\n")
    assert mount_type(Path("/mnt/共享 盘/工作要点"), mounts) in NETWORK_FILESYSTEMS
    assert mount_type(Path("/srv/office/2024"), mounts) == "nfs4"
    assert mount_type(Path("/home/clerk/工作要点"), mounts) == "ext4"


def test_windows_unc_paths_and_mapped_drives_are_shares():
    from toolkit.common.shares import windows_remote

    drives = {"Z:\\": 4, "D:\\": 3}.get  # Z: a mapped drive (DRIVE_REMOTE), D: a local disk
    assert windows_remote(r"\\fileserver\督查\工作要点", drives)
    assert windows_remote(r"\\?\UNC\fileserver\督查", drives)
    assert windows_remote(r"Z:\工作要点", drives)
    assert not windows_remote(r"D:\工作要点", drives)


@pytest.fixture
def on_a_share(tmp_path, monkeypatch):
    """This test's folder mounted from a file server, as /proc/self/mounts would say."""
    from toolkit.common import shares

    table = f"/dev/sda1 / ext4 rw 0 0\n//fileserver/office {tmp_path} cifs rw 0 0\n"
    monkeypatch.setattr(shares, "_mounts", lambda: table)
    return tmp_path


def _journal_mode(store_path) -> str:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(store_path)) as con:
        return con.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_round_collected_on_a_share_uses_the_rollback_journal(on_a_share, small_plan):
    from toolkit import app
    from toolkit.common import paths
    from toolkit.front.demo import simulate_returns

    master = on_a_share / "总表.xlsx"
    write_master(small_plan, master)
    simulate_returns(app.assign(master, "年终").files, paths.inbox(master, 2020, "年终"),
                     small_plan)
    result = app.collect(master, "年终")
    assert result.counts["reported"] == 7
    store = master.parent / "workplan.sqlite"
    assert _journal_mode(store) == "delete"
    assert not store.with_name("workplan.sqlite-wal").exists()


def test_a_store_moved_onto_a_share_leaves_wal(tmp_path, monkeypatch):
    from toolkit.common import shares
    from toolkit.store import Store

    store = Store(tmp_path / "workplan.sqlite")
    store.record_outputs([])
    assert _journal_mode(store.path) == "wal"
    monkeypatch.setattr(shares, "_mounts", lambda: f"//nas/x {tmp_path} smb3 rw 0 0\n")
    again = Store(tmp_path / "workplan.sqlite")
    again.record_outputs([])
    assert _journal_mode(again.path) == "delete"


# --- the wrong file given as the master -------------------------------------------------------
WRONG = {
    "年终总结.xlsx": "是本工具生成的总结（或进度通报）工作簿，不是任务分解总表",
    "2020年终汇总表.xlsx": "是本工具生成的汇总表，不是任务分解总表",
    "甲县教育局_2020年终_任务表.xlsx": "是本工具生成的任务表（发给各单位填报用），不是任务分解总表",
    "下发清单.xlsx": "是本工具生成的下发清单，不是任务分解总表",
    "年终总结.docx": "是Word 文档，不是任务分解总表",
    "工作要点.txt": "是文本文件，不是任务分解总表",
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_the_wrong_file_as_the_master_is_one_line_saying_what_it_is(demo_round, name, capsys):
    folder = demo_round.parent
    if name == "工作要点.txt":
        (folder / name).write_text("某局2020年工作要点\n一、总体要求\n", encoding="utf-8")
    path = next(folder.rglob(name))
    for command in (["status", str(path)], ["collect", str(path), "--round", "年终"]):
        assert main(command) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and WRONG[name] in err, err
        assert "任务分解总表.xlsx" in err and "程序内部出错" not in err


def test_a_workbook_that_is_no_master_of_ours_says_so(tmp_path, capsys):
    import openpyxl

    path = tmp_path / "任务分解表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["序号", "重点工作任务", "牵头单位"])
    book.save(path)
    assert main(["status", str(path)]) == 2
    err = capsys.readouterr().err
    assert "不是任务分解总表" in err and "导入计划" in err


# --- a key sheet LibreOffice left merely hidden -----------------------------------------------
def _merely_hidden(master):
    """What LibreOffice does on save: the very hidden key sheet becomes hidden."""
    import zipfile

    from helpers import replace_part

    data = master.read_bytes()
    with zipfile.ZipFile(master) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    assert 'state="veryHidden"' in xml
    master.write_bytes(replace_part(data, "xl/workbook.xml",
                                    xml.replace('state="veryHidden"', 'state="hidden"').encode()))


def test_a_key_sheet_left_merely_hidden_is_noticed(demo_round, capsys):
    from toolkit import app

    assert app.read_master(demo_round).notices == []
    _merely_hidden(demo_round)
    assert main(["status", str(demo_round)]) == 0
    err = capsys.readouterr().err
    assert err.count("注意：") == 1
    assert "“_workplan”工作表现在只是普通隐藏" in err and "xlSheetVeryHidden" in err
    code = main(["run", str(demo_round), "--round", "年终"])
    assert code in (0, 1) and "只是普通隐藏" in capsys.readouterr().err
