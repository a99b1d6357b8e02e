"""The inbox, the ledger, --archive, `workplan collect` and `workplan status`."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from datetime import datetime, timezone

import openpyxl
import pytest

import helpers as H
from toolkit.errors import WorkplanError
from toolkit.front.cli import main
from toolkit.collect import status_of
from toolkit.intake.limits import Limits
from toolkit import app
from consolidated_reader import load_consolidation
from toolkit.common import paths
from toolkit.books.master import load_master, write_master
from toolkit.store import Store


def collect(plan, tmp_path, **kw):
    return app.collect_plan(plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx",
                        store=tmp_path / "workplan.sqlite", **kw)


def test_lock_files_hidden_files_and_archive_folders_are_skipped(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    good = H.returned(small_plan, inbox, "甲县.xlsx")
    (inbox / "~$甲县.xlsx").write_bytes(b"\x00" * 165)
    (inbox / ".hidden.xlsx").write_bytes(b"junk")
    (inbox / "Thumbs.db").write_bytes(b"junk")
    for folder in ("归档", "archive", ".git"):
        (inbox / folder).mkdir()
        (inbox / folder / "old.xlsx").write_bytes(good.read_bytes())
    result = collect(small_plan, tmp_path)
    assert result.problems == []
    assert [s["name"] for s in result.skipped] == [".git/", ".hidden.xlsx", "Thumbs.db", "archive/",
                                                  "~$甲县.xlsx", "归档/"]
    assert [f["name"] for f in result.files] == ["甲县.xlsx"]


def test_zip_in_inbox_is_read_with_chinese_member_names(small_plan, tmp_path):
    work = tmp_path / "work"
    a = H.returned(small_plan, work, "a.xlsx").read_bytes()
    b = H.returned(small_plan, work, "b.xlsx", unit="乙县教育局").read_bytes()
    buffer = io.BytesIO()
    names = {}
    with zipfile.ZipFile(buffer, "w") as zf:
        for i, (name, data) in enumerate((("甲县教育局.xlsx", a), ("乙县/乙县教育局.xlsx", b))):
            raw = name.encode("gbk")  # as Chinese Windows writes it: GBK, no UTF-8 flag
            placeholder = f"{i}".ljust(len(raw), "_")
            names[placeholder.encode()] = raw
            zf.writestr(zipfile.ZipInfo(placeholder, date_time=(2020, 12, 21, 8, 0, 0)), data)
    data = buffer.getvalue()
    for placeholder, raw in names.items():
        data = data.replace(placeholder, raw)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "县区报送.zip").write_bytes(data)
    H.set_mtime(tmp_path / "inbox" / "县区报送.zip", datetime(2020, 12, 28, 10))
    result = collect(small_plan, tmp_path)
    assert [p.problem for p in result.problems] == []
    sub = next(s for s in result.consolidation.submissions if s.unit == "乙县教育局")
    assert sub.file == "县区报送.zip/乙县/乙县教育局.xlsx"
    # a member's own date is the sender's claim: the archive's time in the inbox counts (issue 23)
    assert (sub.received, sub.received_basis) == ("2020-12-28 10:00:00", "文件时间")
    assert result.counts["reported"] == 2 and result.counts["late"] == 2
    alone = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "o.xlsx")
    sub = next(s for s in alone.consolidation.submissions if s.unit == "乙县教育局")
    assert (sub.received, sub.received_basis) == ("2020-12-21 08:00:00",
                                                  "压缩包内文件时间（报送单位自述）")


def test_size_limit_is_configurable(small_plan, tmp_path):
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    result = collect(small_plan, tmp_path, limits=Limits(max_file_bytes=1000))
    assert len(result.problems) == 1 and "文件过大" in result.problems[0].problem


def test_ledger_records_every_file_and_reruns_are_idempotent(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    (inbox / "说明.txt").write_text("附件", encoding="utf-8")
    (inbox / "~$甲县.xlsx").write_bytes(b"x")
    collect(small_plan, tmp_path)
    db = tmp_path / "workplan.sqlite"

    def files():
        with sqlite3.connect(db) as con:
            return con.execute("SELECT path, sha256, size, first_seen, unit, round, outcome, "
                               "problems FROM files ORDER BY path").fetchall()
    first = files()
    collect(small_plan, tmp_path)
    assert files() == first
    by_name = {r[0].rsplit("/", 1)[-1]: r for r in first}
    assert set(by_name) == {"甲县.xlsx", "说明.txt", "~$甲县.xlsx"}
    good = by_name["甲县.xlsx"]
    assert good[4:] == (H.UNIT, "年终", "已采用", 0) and len(good[1]) == 64
    assert by_name["说明.txt"][6:] == ("未采用", 1)
    assert by_name["~$甲县.xlsx"][6] == "已跳过"
    rows = status_of(small_plan, Store(db), "年终")
    assert {r["unit"]: r["state"] for r in rows}[H.UNIT] == "已报送"
    assert {r["unit"]: r["state"] for r in rows}["办公室"] == "未报送"


def test_archive_copies_and_verifies(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "sub/甲县.xlsx")
    (inbox / "照片.jpg").write_bytes(H.JPEG)
    before = H.snapshot(inbox)
    archive = tmp_path / "归档"
    result = collect(small_plan, tmp_path, archive=archive)
    assert [p.file for p in result.problems] == ["照片.jpg"]
    assert H.snapshot(archive) == {k: (v[0], v[1]) for k, v in before.items()}  # times kept too
    assert H.snapshot(inbox) == before
    collect(small_plan, tmp_path, archive=archive)  # idempotent: nothing added
    assert sorted(p.name for p in archive.rglob("*") if p.is_file()) == ["照片.jpg", "甲县.xlsx"]


def test_archive_inside_inbox_is_refused(small_plan, tmp_path):
    """An archive folder inside the inbox would change the inputs (issue 23): refused."""
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    before = H.snapshot(inbox)
    with pytest.raises(WorkplanError, match="归档文件夹.*回收文件夹"):
        collect(small_plan, tmp_path, archive=inbox / "copies")
    assert H.snapshot(inbox) == before


# --- through the master workbook and the command line ------------------------------------
@pytest.fixture
def project(small_plan, tmp_path):
    master = tmp_path / "工作要点任务分解总表.xlsx"
    write_master(small_plan, master)
    plan = load_master(master)
    inbox = paths.inbox(master, 2020, "年终")
    H.returned(plan, inbox, "甲县.xlsx")
    H.returned(plan, inbox, "b.xlsx", unit="办公室", tasks={"T1": {"status": "完成"}})
    return master


def test_collect_round_uses_default_folders(project):
    result = app.collect(project, "年终")
    assert result.output == project.parent / "汇总" / "2020年终汇总表.xlsx"
    assert result.output.is_file() and Store.beside(project).path.is_file()
    assert result.counts["reported"] == 2 and result.counts["problems"] == 1
    assert load_consolidation(result.output) == result.consolidation
    rows = {r["unit"]: r for r in app.status(project, "年终").rows}
    assert rows["办公室"]["state"] == "有问题" and rows["办公室"]["problems"] == 1
    assert rows["乙县教育局"]["state"] == "未报送"


def test_cli_collect_prints_problems_and_summary(project, capsys):
    assert main(["collect", str(project), "--round", "年终"]) == 0
    out = capsys.readouterr().out
    assert "[错误] b.xlsx，任务清单，H3：进展状态“完成”不是可选项" in out
    assert "已汇总 2 个单位，5 个未报送，1 条问题" in out


def test_cli_collect_json(project, tmp_path, capsys):
    out_file = tmp_path / "x" / "汇总.xlsx"
    assert main(["collect", str(project), "--round", "年终", "-o", str(out_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["output"] == str(out_file) and out_file.is_file()
    assert data["counts"]["missing"] == 5
    assert data["problems"][0]["cell"] == "H3"


def test_cli_collect_cannot_run(project, tmp_path, capsys):
    assert main(["collect", str(tmp_path / "无.xlsx"), "--round", "年终"]) == 2
    assert "找不到总表" in capsys.readouterr().err
    assert main(["collect", str(project), "--round", "年终", "--inbox", str(tmp_path / "无")]) == 2
    assert "找不到回收文件夹" in capsys.readouterr().err
    assert main(["collect", str(project), "--round", "冬季"]) == 2
    assert "没有报送轮次“冬季”" in capsys.readouterr().err


def test_cli_status(project, capsys):
    assert main(["status", str(project)]) == 0
    assert "尚无汇总记录" in capsys.readouterr().out
    main(["collect", str(project), "--round", "年终"])
    capsys.readouterr()
    assert main(["status", str(project), "--round", "年终"]) == 0
    out = capsys.readouterr().out
    assert "年终：应报 7 个单位，已报送 2 个" in out
    assert "乙县教育局  未报送" in out and "办公室  有问题" in out
    assert main(["status", str(project)]) == 0
    assert "年终：应报 7 个单位" in capsys.readouterr().out


def test_zip_in_a_subfolder_is_archived_whole(small_plan, tmp_path):
    work = tmp_path / "work"
    good = H.returned(small_plan, work, "a.xlsx").read_bytes()
    (tmp_path / "inbox" / "县区").mkdir(parents=True)
    (tmp_path / "inbox" / "县区" / "打包.zip").write_bytes(H.zip_bytes({"甲县.xlsx": good}))
    result = collect(small_plan, tmp_path, archive=tmp_path / "copies")
    assert result.problems == [] and result.counts["reported"] == 1
    assert (tmp_path / "copies" / "县区" / "打包.zip").read_bytes() == (
        tmp_path / "inbox" / "县区" / "打包.zip").read_bytes()


def test_part_that_lies_about_its_size_is_refused(small_plan, tmp_path):
    """A part whose directory entry claims 1 KB but inflates to 30 MB: never inflated in full."""
    good = H.returned(small_plan, tmp_path / "work", "a.xlsx").read_bytes()
    bomb = bytearray(H.replace_part(good, "xl/sharedStrings.xml", b"<sst>" + b" " * (30 << 20)))
    start = bomb.find(b"xl/sharedStrings.xml") - 30  # its local header
    central = bomb.find(b"PK\x01\x02" + bytes(bomb[start + 4:start + 6]), 0)
    while bomb[central + 46:central + 46 + 20] != b"xl/sharedStrings.xml":
        central = bomb.find(b"PK\x01\x02", central + 4)
    bomb[start + 22:start + 26] = (1024).to_bytes(4, "little")
    bomb[central + 24:central + 28] = (1024).to_bytes(4, "little")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.xlsx").write_bytes(bytes(bomb))
    result = collect(small_plan, tmp_path, limits=Limits(max_uncompressed_bytes=8 << 20))
    assert len(result.problems) == 1
    assert "压缩炸弹" in result.problems[0].problem, result.problems[0].line()


# --- one plan identity, whether the plan came from the text or from the master -------------
def test_form_made_before_the_master_round_trip_is_current(small_plan, tmp_path):
    """Targets held as int (900) in memory come back from the master as float (900.0)."""
    master = tmp_path / "总表.xlsx"
    write_master(small_plan, master)
    loaded = load_master(master)
    assert isinstance(small_plan.indicators[0].value, int)
    assert isinstance(loaded.indicators[0].value, float)
    assert loaded.identity() == small_plan.identity()
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    result = collect(loaded, tmp_path)
    assert result.problems == [] and result.counts["reported"] == 1


def test_reference_plan_parsed_and_loaded_from_the_master_is_one_plan(tmp_path):
    import toolkit.plan_import as plan_import

    parsed = plan_import.parse_plan_file(plan_import.reference_plan_path())
    master = tmp_path / "总表.xlsx"
    write_master(parsed, master)
    loaded = load_master(master)
    assert loaded.identity() == parsed.identity()
    unit = "永安市教育局"
    H.returned(parsed, tmp_path / "inbox", "永安.xlsx", unit=unit)
    result = collect(loaded, tmp_path)
    assert result.problems == [], [p.line() for p in result.problems]
    assert next(s for s in result.consolidation.submissions if s.unit == unit).verified


# --- when a return was sent ---------------------------------------------------------------------
def test_sent_time_rule():
    from toolkit.rules.rounds import sent_time

    saved, seen, filed = datetime(2020, 12, 24, 16), datetime(2020, 12, 27, 9), datetime(2020, 12, 28, 10)
    registered, arrived = datetime(2020, 12, 23), datetime(2020, 12, 26, 8)
    assert sent_time(saved, seen, filed, registered) == (registered, "接收登记")
    # what the office saw: the claim in the workbook never makes it earlier (issue 23)
    assert sent_time(saved, seen, filed) == (seen, "首次收到时间")
    assert sent_time(saved, seen, filed, arrived=arrived) == (arrived, "邮件到达时间")
    assert sent_time(None, None, filed) == (filed, "文件时间")
    assert sent_time(None, datetime(2020, 12, 29), filed) == (filed, "文件时间")  # the earlier
    # no time of the office's own: a claim may explain a later file time, and says it is one
    assert sent_time(saved, None, filed) == (saved, "工作簿保存时间（报送单位自述）")
    assert sent_time(None, None, filed, claimed=saved) == (saved, "压缩包内文件时间（报送单位自述）")
    assert sent_time(datetime(2021, 1, 5), None, filed) == (filed, "文件时间")  # not earlier
    assert sent_time(None, None, None) == (None, "")


def test_workbook_saved_reads_core_xml(tmp_path):
    from toolkit.intake.inbox import workbook_saved
    from toolkit.common.stable import freeze_zip

    path = tmp_path / "a.xlsx"
    openpyxl.Workbook().save(path)
    H.set_saved(path, "2020-12-24T08:00:00Z")
    utc = datetime(2020, 12, 24, 8, tzinfo=timezone.utc)
    assert workbook_saved(path.read_bytes()) == utc.astimezone().replace(tzinfo=None)
    freeze_zip(path, "2020-12-24T08:00:00Z")  # modified == created: never saved since
    assert workbook_saved(path.read_bytes()) is None
    assert workbook_saved(b"not a zip") is None
    assert workbook_saved(None) is None
