"""Forged: what a return claims about itself (its times, its signer, its mailbox) and replays
of an older genuine return. Identity and time come from what the office saw or signed."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

import helpers as H
from toolkit import app, vocab
from toolkit.books.form import layout as F
from toolkit.store import Store

JIA, YI = H.UNIT, "乙县教育局"
ADDRESSES = {JIA: "jia@county.example", YI: "yi@county.example"}


def collect(plan, tmp_path, store=True):
    return app.collect_plan(plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx",
                            store=tmp_path / "workplan.sqlite" if store else None)


def submission(result, unit):
    return next(s for s in result.consolidation.submissions if s.unit == unit)


def figure(result, unit, key="I2-1"):
    return next(f.actual for f in result.consolidation.figures
                if f.unit == unit and f.indicator == key)


def lines(result, file):
    return [p for p in result.problems if p.file == file]


def fetched(tmp_path, path: Path, sender: str, arrived: datetime) -> None:
    """Record `path` in the store as saved from a message of `sender` (as mail fetch does)."""
    Store(tmp_path / "workplan.sqlite").record_message(
        "年终", {"message_id": f"<{path.name}@x>", "sender": sender, "subject": "报送",
                 "arrived": arrived.isoformat(sep=" "), "unit": ""},
        [(hashlib.sha256(path.read_bytes()).hexdigest(), str(path.resolve()))])


# --- replays -----------------------------------------------------------------------------------
def test_a_replayed_older_return_does_not_displace_the_newer(small_plan, tmp_path):
    """甲县 sent 300 on 12-18 and corrected it to 420 on 12-20; its first form turns up again
    later: as the same file under a name read first, inside a zip, and saved again (other bytes,
    the same answers). 420 stands, and each replay says what it is."""
    inbox = tmp_path / "inbox"
    first = H.returned(small_plan, inbox, "甲县-一稿.xlsx", figures={"I2-1": {"actual": 300}},
                       mtime=datetime(2020, 12, 18))
    H.returned(small_plan, inbox, "甲县-二稿.xlsx", figures={"I2-1": {"actual": 420}},
               mtime=datetime(2020, 12, 20))
    (inbox / "0-重发.xlsx").write_bytes(first.read_bytes())
    (inbox / "1-打包.zip").write_bytes(H.zip_bytes({"甲县.xlsx": first.read_bytes()}))
    book = openpyxl.load_workbook(first)
    book.save(inbox / "2-另存.xlsx")  # other bytes, the same signed form and answers
    for name in ("0-重发.xlsx", "1-打包.zip", "2-另存.xlsx"):
        H.set_mtime(inbox / name, datetime(2020, 12, 22))
    result = collect(small_plan, tmp_path)
    assert submission(result, JIA).file == "甲县-二稿.xlsx" and figure(result, JIA) == 420
    assert "内容完全相同" in lines(result, "0-重发.xlsx")[0].problem
    assert "内容完全相同" in lines(result, "1-打包.zip/甲县.xlsx")[0].problem
    [resaved] = lines(result, "2-另存.xlsx")
    assert "旧表重发" in resaved.problem and "甲县-一稿.xlsx" in resaved.problem


def test_a_figure_that_goes_back_is_a_finding(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县-二稿.xlsx", figures={"I2-1": {"actual": 420}},
               tasks={"T2": {"progress": 80}}, mtime=datetime(2020, 12, 20))
    H.returned(small_plan, inbox, "甲县-三稿.xlsx", figures={"I2-1": {"actual": 300}},
               tasks={"T2": {"progress": 60}}, mtime=datetime(2020, 12, 23))
    result = collect(small_plan, tmp_path)
    assert submission(result, JIA).file == "甲县-三稿.xlsx"
    back = {(p.sheet, p.cell): p for p in lines(result, "甲县-三稿.xlsx")}
    actual = back[(F.SHEET_FIGURES, "H3")]
    assert "300" in actual.problem and "420" in actual.problem and "甲县-二稿.xlsx" in actual.problem
    assert actual.severity == vocab.WARNING and "数值倒退" in actual.problem
    assert "60%" in back[(F.SHEET_TASKS, "I3")].problem


# --- the mailbox -------------------------------------------------------------------------------
def test_a_return_from_another_units_mailbox_is_a_finding_naming_both(small_plan, tmp_path):
    for unit in small_plan.units:
        unit.email = ADDRESSES.get(unit.name, "")
    path = H.returned(small_plan, tmp_path / "inbox", "20201220-093000_乙县教育局_甲县.xlsx")
    fetched(tmp_path, path, ADDRESSES[YI], datetime(2020, 12, 20, 9, 30))
    result = collect(small_plan, tmp_path)
    [line] = lines(result, path.name)
    assert JIA in line.problem and ADDRESSES[YI] in line.problem and YI in line.problem
    assert ADDRESSES[JIA] in line.problem and line.severity == vocab.WARNING
    assert submission(result, JIA).sent()  # still 甲县's signed form: counted, with the finding


# --- times the sender writes -------------------------------------------------------------------
def test_a_saved_time_never_makes_a_late_mail_on_time(small_plan, tmp_path):
    """The mail arrived on 12-28 (after the due date 12-25); the workbook says it was saved on
    12-24: late, by the mail's arrival."""
    path = H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx", mtime=datetime(2020, 12, 28, 16))
    H.set_saved(path, "2020-12-24T08:00:00Z")
    H.set_mtime(path, datetime(2020, 12, 28, 16))
    fetched(tmp_path, path, ADDRESSES[JIA], datetime(2020, 12, 28, 16))
    sub = submission(collect(small_plan, tmp_path), JIA)
    assert (sub.state, sub.received, sub.received_basis) == (
        vocab.LATE, "2020-12-28 16:00:00", "邮件到达时间")


def test_a_zip_members_date_never_makes_a_late_return_on_time(small_plan, tmp_path):
    data = H.returned(small_plan, tmp_path / "work", "甲县.xlsx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("甲县.xlsx", date_time=(2020, 12, 20, 8, 0, 0)), data)
    (tmp_path / "inbox").mkdir()
    zipped = tmp_path / "inbox" / "甲县.zip"
    zipped.write_bytes(buffer.getvalue())
    H.set_mtime(zipped, datetime(2020, 12, 28, 10))
    sub = submission(collect(small_plan, tmp_path), JIA)
    assert (sub.state, sub.received_basis) == (vocab.LATE, "文件时间")


def test_a_claim_explains_a_later_file_time_only_without_a_time_of_our_own(small_plan, tmp_path):
    path = H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    H.set_saved(path, "2020-12-24T08:00:00Z")
    H.set_mtime(path, datetime(2020, 12, 28, 10))
    sub = submission(collect(small_plan, tmp_path, store=False), JIA)
    assert sub.state == vocab.SUBMITTED and "自述" in sub.received_basis
    sub = submission(collect(small_plan, tmp_path), JIA)  # the store saw it: that time counts
    assert (sub.state, sub.received_basis) == (vocab.LATE, "文件时间")


# --- signed by another key ---------------------------------------------------------------------
def test_a_form_signed_by_another_key_with_our_plan_id_is_a_return_of_nobody(small_plan,
                                                                            tmp_path):
    """Anyone can import the same public plan: their forms carry our plan id and their key."""
    elsewhere = H.make_small_plan()
    elsewhere.keys = [F.new_key()]
    blank = H.blank_form(elsewhere, YI, "年终", tmp_path / "elsewhere.xlsx")
    H.returned(elsewhere, tmp_path / "inbox", "乙县-别处的表.xlsx", unit=YI, blank=blank)
    H.returned(small_plan, tmp_path / "inbox", "甲县-别处的表.xlsx",
               blank=H.blank_form(elsewhere, JIA, "年终", tmp_path / "elsewhere-jia.xlsx"),
               mtime=datetime(2020, 12, 22))
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx", mtime=datetime(2020, 12, 20))
    result = collect(small_plan, tmp_path)
    assert submission(result, YI).state == vocab.NOT_SUBMITTED
    [line] = lines(result, "乙县-别处的表.xlsx")
    assert "不计为任何单位的报送" in line.problem and YI in line.problem
    assert submission(result, JIA).file == "甲县.xlsx" and submission(result, JIA).verified
    [other] = lines(result, "甲县-别处的表.xlsx")
    assert "不计为任何单位的报送" in other.problem and "甲县.xlsx" in other.problem
    assert result.counts["reported"] == 1
