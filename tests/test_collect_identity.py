"""Whose figures count: keyed signatures, forged and spoofed returns, 填报日期, plan versions.

Forms are signed with HMAC-SHA256 under a key kept only in the master workbook (very hidden);
a form that does not verify under one of the master's keys is 未核验 whatever it claims.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta

import openpyxl

from helpers import UNIT, blank_form, returned, today
from helpers import make_small_plan
from toolkit import app
from toolkit.books.form import layout as F
from toolkit import vocab
from toolkit.books.master import load_master, write_master

OTHER = "乙县教育局"


def collect(plan, tmp_path):
    return app.collect_plan(plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")


def lines(result, file):
    return [p for p in result.problems if p.file == file]


def submission(result, unit):
    return next(s for s in result.consolidation.submissions if s.unit == unit)


def narrative(result, unit, number):
    return next(t for t in result.consolidation.tasks
                if t.unit == unit and t.task == number).narrative


def set_meta(wb, key: str, value: str) -> None:
    wb[F.SHEET_META].cell(F.META_KEYS.index(key) + 1, 2).value = value


def meta_of(wb) -> tuple[dict, list[str]]:
    ws = wb[F.SHEET_META]
    meta = {ws.cell(r, 1).value: str(ws.cell(r, 2).value or "")
            for r in range(1, len(F.META_KEYS) + 1)}
    fps = [str(row[2]) for row in ws.iter_rows(min_row=len(F.META_KEYS) + 3, values_only=True)
           if row[0]]
    return meta, fps


# --- the key ---------------------------------------------------------------------------------
def test_a_form_re_signed_without_the_key_is_unverified_and_loses(small_plan, tmp_path):
    """A forger who knows the algorithm but not the key: the genuine return still counts,
    though the forged one was received later and claims a later 填报日期."""
    returned(small_plan, tmp_path / "inbox", "甲县-原件.xlsx", tasks={"T2": {"narrative": "真"}})

    def forge(wb):
        meta, fps = meta_of(wb)
        meta["signature"] = F.signature(meta, fps, "00" * 32)  # a guessed key
        set_meta(wb, "signature", meta["signature"])
    returned(small_plan, tmp_path / "inbox", "甲县-伪造.xlsx", tasks={"T2": {"narrative": "假"}},
             info={"date": today() + timedelta(days=5)}, mtime=datetime(2020, 12, 24), edit=forge)
    result = collect(small_plan, tmp_path)
    assert narrative(result, UNIT, 2) == "真"
    assert submission(result, UNIT).verified and submission(result, UNIT).file == "甲县-原件.xlsx"
    [line] = lines(result, "甲县-伪造.xlsx")
    assert "无法核验来源" in line.problem and "甲县-原件.xlsx" in line.problem


def test_the_key_is_never_written_into_a_form(small_plan, tmp_path):
    path = blank_form(small_plan, UNIT, "年终", tmp_path / "form.xlsx")
    key = F.signing_key(small_plan)
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            assert key.encode() not in zf.read(name), name


def test_the_master_keeps_the_key_very_hidden_and_every_import_makes_a_new_one(tmp_path):
    master = tmp_path / "总表.xlsx"
    app.import_plan(None, master)
    first = load_master(master).keys
    assert len(first) == 1 and len(first[0]) == 64
    book = openpyxl.load_workbook(master)
    assert book["_workplan"].sheet_state == "veryHidden"
    app.import_plan(None, master, force=True)  # a new version of the plan over the same master
    keys = load_master(master).keys
    assert keys[:-1] == first and keys[-1] not in first


def test_a_form_issued_before_a_re_import_still_verifies(small_plan, tmp_path):
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    returned(load_master(master), tmp_path / "inbox", "甲县.xlsx")
    later = load_master(master)
    later.keys = later.keys + [F.new_key()]  # as import --force leaves the master
    write_master(later, master)
    result = collect(load_master(master), tmp_path)
    assert result.problems == [] and submission(result, UNIT).verified


def test_a_master_of_another_import_does_not_verify_the_form(small_plan, tmp_path):
    """The same public plan imported elsewhere has our plan id and another key: its forms are
    returns of nobody, listed and not counted as the unit's report (issue 23)."""
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    stranger = make_small_plan()  # the same plan text, imported elsewhere: another key
    result = collect(stranger, tmp_path)
    assert submission(result, UNIT).state == vocab.NOT_SUBMITTED
    [line] = lines(result, "甲县.xlsx")
    assert "无法核验" in line.problem and "不计为任何单位的报送" in line.problem


# --- another plan, an older version ------------------------------------------------------------
def test_a_form_of_another_plan_is_rejected_with_one_line(small_plan, tmp_path):
    other = make_small_plan()
    other.settings = replace(other.settings, title="某市教育局2020年党建工作要点")
    other.tasks = [replace(t, body=t.body + "（党建）") for t in other.tasks]
    blank = blank_form(other, UNIT, "年终", tmp_path / "other.xlsx")
    returned(other, tmp_path / "inbox", "甲县.xlsx", blank=blank)
    result = collect(small_plan, tmp_path)
    [line] = result.problems
    assert "党建工作要点" in line.problem and "不属于本计划" in line.problem
    assert result.counts["reported"] == 0


# --- a form claiming another unit ----------------------------------------------------------------
def test_a_form_claiming_another_unit_displaces_neither(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "甲县.xlsx", tasks={"T2": {"narrative": "甲县自报"}},
             mtime=datetime(2020, 12, 18))
    returned(small_plan, inbox, "乙县.xlsx", unit=OTHER, tasks={"T2": {"narrative": "乙县自报"}},
             mtime=datetime(2020, 12, 18))

    def claim(wb):
        wb[F.SHEET_INFO].cell(2, 2).value = OTHER
    returned(small_plan, inbox, "冒名.xlsx", tasks={"T2": {"narrative": "冒名"}}, edit=claim,
             mtime=datetime(2020, 12, 22))
    result = collect(small_plan, tmp_path)
    assert narrative(result, UNIT, 2) == "甲县自报" and narrative(result, OTHER, 2) == "乙县自报"
    [line] = lines(result, "冒名.xlsx")
    assert UNIT in line.problem and OTHER in line.problem and line.cell == "B2"
    assert lines(result, "甲县.xlsx") == lines(result, "乙县.xlsx") == []


def test_a_unit_name_with_invisible_spaces_is_understood(small_plan, tmp_path):
    def retype(wb):
        del wb[F.SHEET_META]  # re-typed into a copy: identified by content
        wb[F.SHEET_INFO].cell(2, 2).value = "\u00a0甲县\u200b教育局\u3000"
    returned(small_plan, tmp_path / "inbox", "表.xlsx", edit=retype)
    result = collect(small_plan, tmp_path)
    assert submission(result, UNIT).state != vocab.NOT_SUBMITTED
    line, hidden = sorted(result.problems, key=lambda p: p.cell)  # and a line naming the cell
    assert "未核验" in line.problem and f"“{UNIT}”" in line.problem
    assert "看不见的字符" in hidden.problem and (hidden.sheet, hidden.cell) == (F.SHEET_INFO, "B2")


# --- 填报日期 -----------------------------------------------------------------------------------
def test_a_fill_date_in_the_future_or_before_issue_is_a_problem_row(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", info={"date": today() + timedelta(days=30)})
    returned(small_plan, tmp_path / "inbox", "乙县.xlsx", unit=OTHER,
             info={"date": datetime(2020, 1, 2)})
    result = collect(small_plan, tmp_path)
    [future] = lines(result, "甲县.xlsx")
    assert "晚于今天" in future.problem and (future.sheet, future.cell) == (F.SHEET_INFO, "B7")
    [early] = lines(result, "乙县.xlsx")
    assert "2020-01-02 早于任务表下发日期" in early.problem and early.cell == "B7"
    assert result.counts["reported"] == 2  # shown, and the figures still count


def test_the_signature_covers_the_issue_date(small_plan, tmp_path):
    def backdate(wb):
        set_meta(wb, "issued", "2019-01-01")
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=backdate,
             info={"date": datetime(2020, 1, 2)})
    result = collect(small_plan, tmp_path)
    assert submission(result, UNIT).verified is False
    assert json.dumps([p.problem for p in result.problems], ensure_ascii=False).count("无法核验") == 1


def test_a_signature_of_any_text_is_simply_unverified(small_plan, tmp_path):
    returned(small_plan, tmp_path / "inbox", "甲县.xlsx",
             edit=lambda wb: set_meta(wb, "signature", "签名✓"))
    result = collect(small_plan, tmp_path)
    [line] = result.problems
    assert "无法核验" in line.problem and submission(result, UNIT).verified is False


def test_forms_are_not_made_from_a_master_without_a_key(small_plan, tmp_path):
    import pytest

    from toolkit import app
    from toolkit.errors import WorkplanError

    master = write_master(small_plan, tmp_path / "总表.xlsx")
    book = openpyxl.load_workbook(master)
    del book["_workplan"]  # as a master made before keys were kept
    book.save(master)
    with pytest.raises(WorkplanError) as err:
        app.assign(master, "年终", tmp_path / "下发")
    assert "没有签名密钥" in err.value.message and not (tmp_path / "下发").exists()


def test_an_unverified_form_claiming_another_unit_displaces_neither(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    returned(small_plan, inbox, "乙县.xlsx", unit=OTHER, tasks={"T2": {"narrative": "乙县自报"}},
             mtime=datetime(2020, 12, 18))

    def copy_hidden_sheet(wb):  # 乙县 fills 甲县's form: the hidden sheet says 甲县
        wb[F.SHEET_INFO].cell(2, 2).value = OTHER
        set_meta(wb, "signature", "0" * 64)
    returned(small_plan, inbox, "冒名.xlsx", tasks={"T2": {"narrative": "冒名"}},
             edit=copy_hidden_sheet, mtime=datetime(2020, 12, 22))
    result = collect(small_plan, tmp_path)
    assert narrative(result, OTHER, 2) == "乙县自报"
    assert submission(result, UNIT).state == vocab.NOT_SUBMITTED
    assert len(lines(result, "冒名.xlsx")) == 1
