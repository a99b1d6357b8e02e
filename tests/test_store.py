"""The store (workplan.sqlite): answers of every round, corrections, migration, crash safety."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import helpers as H
from toolkit.books.form.layout import correction_text
import openpyxl
import pytest

from toolkit import app
from consolidated_reader import load_consolidation
from toolkit.common import paths
from toolkit.books.master import write_master
from toolkit.store import Store, schema
from toolkit.model.returns import INFO_KEY, Answer, PackedAnswers

YI = "乙县教育局"


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def inbox_of(master):
    return paths.inbox(master, 2020, "年终")


def rows(db, sql, *args):
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchall()


def test_every_answer_is_kept_with_its_cell_and_value_as_read(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx",
               figures={"I2-1": {"actual": "1,200"}}, tasks={"T2": {"progress": 0.8}})
    app.collect(master, "年终")
    db = master.parent / "workplan.sqlite"
    got = {(k, f): (raw, value, cell) for k, f, raw, value, cell in rows(
        db, "SELECT row_key, field, raw, value, cell FROM answers WHERE unit = ?", H.UNIT)}
    assert got[("I2-1", "actual")] == ("1,200", 1200.0, "H3")
    assert got[("T2", "progress")] == (0.8, 80.0, "I3")
    assert got[("T2", "status")] == ("推进中", "推进中", "H3")
    assert got[(INFO_KEY, "reporter")][1] == "李四"
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(schema.SCHEMA_VERSION),)]


def test_a_superseded_return_keeps_its_answers_and_history_is_a_query(master, small_plan):
    inbox = inbox_of(master)
    H.returned(small_plan, inbox, "甲县-初稿.xlsx", figures={"I2-1": {"actual": 300}},
               info={"date": datetime(2020, 12, 18)}, mtime=datetime(2020, 12, 18, 9))
    H.returned(small_plan, inbox, "甲县-定稿.xlsx", figures={"I2-1": {"actual": 420}},
               info={"date": datetime(2020, 12, 20)}, mtime=datetime(2020, 12, 20, 9))
    app.collect(master, "年终")
    db = master.parent / "workplan.sqlite"
    history = rows(db, """SELECT f.name, f.outcome, a.value FROM answers a
        JOIN run_files f ON f.sha256 = a.sha256 AND f.run = (SELECT MAX(id) FROM runs)
        WHERE a.row_key = 'I2-1' AND a.field = 'actual' ORDER BY f.name""")
    assert history == [("甲县-初稿.xlsx", "已被取代", 300.0), ("甲县-定稿.xlsx", "已采用", 420.0)]


def test_answers_deleted_and_collected_again_give_the_same_store(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    H.returned(small_plan, inbox_of(master), "乙县.xlsx", unit=YI)
    app.collect(master, "年终")
    db = master.parent / "workplan.sqlite"
    query = "SELECT round, sha256, unit, row_key, field, raw, value, cell FROM answers ORDER BY 1,2,3,4,5"
    before = rows(db, query)
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM answers")
    app.collect(master, "年终")
    assert rows(db, query) == before and len(before) > 20


def test_check_and_summary_alone_read_the_round_from_the_store(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": 420}})
    collected = app.collect(master, "年终")
    book = collected.output
    first = book.read_bytes()
    for f in inbox_of(master).iterdir():  # the inbox is gone: only the store remembers
        f.unlink()
    assert app.check(master, "年终").output == book
    assert book.read_bytes() == first
    result = app.summarise(master, "年终")
    assert [p.name for p in result.outputs] == ["年终总结.xlsx", "年终总结.docx"]
    jia = [f for f in load_consolidation(book).figures if f.unit == H.UNIT and f.indicator == "I2-1"]
    assert jia[0].actual == 420


def test_a_version_1_ledger_is_migrated(master, small_plan):
    db = master.parent / "workplan.sqlite"
    with sqlite3.connect(db) as con:  # the ledger as the first release wrote it
        con.executescript("""
            CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, round TEXT NOT NULL,
                started TEXT NOT NULL, inbox TEXT NOT NULL, output TEXT NOT NULL,
                counts TEXT NOT NULL);
            CREATE TABLE files (round TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
                size INTEGER, mtime TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
                last_run INTEGER, unit TEXT, form_round TEXT, outcome TEXT, state TEXT,
                problems INTEGER, PRIMARY KEY (round, path, sha256));
            INSERT INTO runs (round, started, inbox, output, counts)
                VALUES ('半年', '2020-07-11 08:00:00', '/x', '/x.xlsx', '{}');
            INSERT INTO files VALUES ('半年', '/x/a.xlsx', 'ab', 1, '', '2020-07-09 10:00:00',
                '2020-07-11 08:00:00', 1, '甲县教育局', '半年', '已采用', '已报送', 0);""")
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    app.collect(master, "年终")
    with sqlite3.connect(db) as con:
        assert schema.version(con) == schema.SCHEMA_VERSION
    assert rows(db, "SELECT first_seen FROM files WHERE round = '半年'") == [("2020-07-09 10:00:00",)]
    assert Store(db).rounds() == ["半年", "年终"]


def test_a_corrupt_store_is_set_aside_and_rebuilt(master, small_plan):
    db = master.parent / "workplan.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    result = app.collect(master, "年终")
    kept = [p.name for p in master.parent.iterdir() if p.name.startswith("workplan.sqlite.损坏-")]
    assert len(kept) == 1
    assert result.notices == [f"台账文件损坏，已另存为 {kept[0]} 并重建；本次汇总照常进行。"]
    assert {r["unit"]: r["state"] for r in app.status(master, "年终").rows}[H.UNIT] == "已报送"


def test_a_run_killed_before_its_workbook_was_in_place_is_forgotten(master, small_plan):
    """The store never says a unit reported when the workbook the user sees says it did not:
    a run recorded but stopped before its workbook replaced the old one does not count."""
    collect_round_with_nothing = app.collect
    inbox_of(master).mkdir(parents=True)
    collect_round_with_nothing(master, "年终")
    store = Store.beside(master)
    book = paths.consolidated(master, 2020, "年终")
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    run = store.record_collection("年终", inbox_of(master), book, {}, [], [],
                                  output_sha256="0" * 64)  # pending, its workbook never moved
    (book.parent / ".~tmp-abc.xlsx").write_bytes(b"half a workbook")
    assert {r["unit"]: r["state"] for r in app.status(master, "年终").rows}[H.UNIT] == "未报送"
    assert rows(store.path, "SELECT COUNT(*) FROM runs WHERE id = ?", run) == [(0,)]
    app.collect(master, "年终")  # the next run cleans up after it
    assert not any(p.name.startswith(".~tmp-") for p in book.parent.iterdir())
    assert {r["unit"]: r["state"] for r in app.status(master, "年终").rows}[H.UNIT] == "已报送"


def _add_corrections(master, lines):
    book = openpyxl.load_workbook(master)
    ws = book["核实更正"]
    for line in lines:
        ws.append(line)
    book.save(master)


def test_the_store_and_a_run_in_memory_find_the_same_blank_figures(master, small_plan):
    """报送不全: a blank share of a city figure, asked of the store by units alone, is the same
    as from the answers a run holds; a figure marked 无效 is not blank, and one the
    administrator corrects is no longer blank."""
    from toolkit.collect import collect_inbox, rebuild

    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": None}})
    H.returned(small_plan, inbox_of(master), "乙县.xlsx", unit=YI,
               figures={"I2-1": {"actual": "约三百"}})

    def blanks(result) -> dict:
        subs = result.consolidation.submissions
        return {s.unit: (s.state, s.blanks) for s in subs if s.unit in (H.UNIT, YI)}

    in_memory = blanks(collect_inbox(small_plan, "年终", inbox_of(master)).collected)
    assert in_memory[H.UNIT] == ("报送不全", ["I2-1"])
    assert in_memory[YI][1] == []
    assert blanks(app.collect(master, "年终")) == in_memory
    stored = Store(master.parent / "workplan.sqlite")
    assert blanks(rebuild(small_plan, stored, "年终", record=False).collected) == in_memory
    _add_corrections(master, [["年终", H.UNIT, "I2-1", "实际完成值", 300, "王五", "2020-12-28",
                               "电话核实"]])
    assert blanks(app.collect(master, "年终"))[H.UNIT][1] == []


def test_answers_held_packed_are_stored_as_a_list_of_them_is(tmp_path):
    """A run stores its answers from the packed blocks it holds, without making Answers of
    them: the rows are those a list of the same Answers gives, dates as ISO text, 是/否 as 1/0."""
    answers = [Answer("a" * 64, "甲县", "T2", "status", "推进中", "推进中", "E5"),
               Answer("a" * 64, "甲县", "I2-1", "actual", "1,200", 1200.0, "H5"),
               Answer("a" * 64, "甲县", INFO_KEY, "date", datetime(2020, 12, 1, 9, 30), None, "B4"),
               Answer("b" * 64, "乙县", "I2-1", "flag", True, "", "I5")]
    packed = PackedAnswers()
    packed.add(answers[:3])
    packed.add(answers[3:])
    stored = []
    for held in (answers, packed):
        store = Store(tmp_path / f"{len(stored)}.sqlite")
        store.record_answers("年终", held)
        stored.append(rows(store.path, "SELECT sha256, unit, row_key, field, raw, value, cell "
                                       "FROM answers ORDER BY unit, row_key, field"))
    assert stored[0] == stored[1]
    assert ("a" * 64, "甲县", INFO_KEY, "date", "2020-12-01 09:30:00", None, "B4") in stored[0]
    assert ("b" * 64, "乙县", "I2-1", "flag", 1, "", "I5") in stored[0]


def test_corrections_are_applied_on_every_run_and_shown(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx",
               figures={"I2-1": {"actual": 40000}}, tasks={"T2": {"status": "推进中"}})
    _add_corrections(master, [
        ["年终", "甲县教育局", "I2-1", "实际完成值", 400, "王五", "2020-12-28", "电话核实，多填两个0"],
        ["年终", "甲县教育局", "T2", "进展状态", "已完成", "王五", None, "现场核查"],
        ["年终", "甲县教育局", "I9-9", "实际完成值", 1, "王五", None, "编号写错"],
        ["半年", "甲县教育局", "I2-1", "实际完成值", 1, "王五", None, "别的轮次"],
    ])
    result = app.collect(master, "年终")
    jia = next(f for f in result.consolidation.figures if f.unit == H.UNIT and f.indicator == "I2-1")
    assert jia.actual == 400 and jia.flag == ""
    assert [(c.field, c.old, c.new, c.who) for c in jia.corrected] == [("actual", 40000, 400, "王五")]
    assert correction_text(jia.corrected) == "实际完成值由“40000”更正为“400”，王五核实"  # as shown
    task = next(t for t in result.consolidation.tasks if t.unit == H.UNIT and t.task == 2)
    assert task.status == "已完成"
    wrong = [p for p in result.problems if p.sheet == "核实更正"]
    assert [(p.cell, p.problem) for p in wrong] == [  # the 编号 cell that is wrong (issue 23)
        ("C4", "编号“I9-9”不是甲县教育局本轮任务表中的任务或指标")]
    wb = openpyxl.load_workbook(result.output)
    table = [list(r) for r in wb["核实更正"].iter_rows(min_row=3, values_only=True)]
    assert [r[1:8] for r in table] == [
        ["甲县教育局", "I2-1", "实际完成值", 40000, 400, "王五", "2020-12-28"],
        ["甲县教育局", "T2", "进展状态", "推进中", "已完成", "王五", None]]
    # the check takes the administrator's figure without calling it suspicious
    i21 = next(i for i in app.check(master, "年终").indicators if i.key == "I2-1")
    assert not any("甲县" in issue for issue in i21.issues)
    assert H.UNIT in i21.reported_units  # its corrected figure counts


def test_a_correction_withdrawn_from_the_sheet_no_longer_applies(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": 350}})
    _add_corrections(master, [["年终", "甲县教育局", "I2-1", "实际完成值", 400, "王五", None, ""]])
    app.collect(master, "年终")
    write_master(small_plan, master)  # the sheet without the row
    result = app.collect(master, "年终")
    jia = next(f for f in result.consolidation.figures if f.unit == H.UNIT and f.indicator == "I2-1")
    assert jia.actual == 350 and jia.corrected == []
    assert Store.beside(master).corrections("年终") == []


def test_a_store_held_by_another_program_is_one_line(master, monkeypatch):
    import toolkit.store as store_module
    from toolkit.errors import WorkplanError

    store = Store.beside(master)
    store.rounds()  # created
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.1)
    other = sqlite3.connect(store.path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkplanError) as err:
            Store.beside(master).record_collection("年终", master.parent, master, {}, [], [])
    finally:
        other.rollback()
        other.close()
    assert err.value.message == f"台账文件 {store.path} 正被其他程序占用，请稍后再试。"


KILLED_RUN = """
import sys
app.collect(sys.argv[1], "年终")
"""


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_workbook_and_store_agreeing(master, small_plan):
    """A collection killed at several moments: what the store says each unit did is what the
    workbook the user sees says, and the next run leaves no temporary file behind."""
    import signal
    import subprocess
    import sys
    import time

    inbox = inbox_of(master)
    H.returned(small_plan, inbox, "甲县.xlsx")
    book = paths.consolidated(master, 2020, "年终")
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0):
        H.returned(small_plan, inbox, f"乙县-{delay}.xlsx", unit=YI,
                   figures={"I2-1": {"actual": delay * 100}})
        proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(master)])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if book.exists():
            shown = {s.unit: s.state for s in load_consolidation(book).submissions}
            told = {r["unit"]: r["state"] for r in app.status(master, "年终").rows}
            assert told == shown, delay
    app.collect(master, "年终")
    assert not [p for p in book.parent.iterdir() if p.name.startswith(".~")]
    told = {r["unit"]: r["state"] for r in app.status(master, "年终").rows}
    assert told[YI] == told[H.UNIT] == "已报送"


def test_a_full_disk_under_the_store_is_said_plainly(tmp_path):
    from toolkit.store import environment_error

    db = tmp_path / "workplan.sqlite"
    full = environment_error(sqlite3.OperationalError("database or disk is full"), db)
    assert full.message == f"磁盘空间不足，无法写入 {db}（请清理磁盘空间后重试）。"
    readonly = environment_error(sqlite3.OperationalError("attempt to write a readonly database"), db)
    assert readonly.message.startswith("文件夹只读，无法写入")


def test_an_edited_summary_survives_a_rerun_and_the_new_one_appears_beside_it(master, small_plan):
    from docx import Document

    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    app.collect(master, "年终")
    first = app.summarise(master, "年终")
    docx = first.outputs[1]
    edited = Document(docx)
    edited.add_paragraph("办公室修改后的定稿段落。")
    edited.save(docx)
    polished = docx.read_bytes()
    second = app.summarise(master, "年终")
    assert docx.read_bytes() == polished  # the office's text is untouched
    beside = second.outputs[1]
    assert beside != docx and beside.name.startswith("年终总结（") and beside.name.endswith(" 更新）.docx")
    assert second.kept == [str(docx)] and second.outputs[0] == first.outputs[0]  # xlsx as before
    assert "已被修改过，保留原文件不覆盖" in second.headline()
    third = app.summarise(master, "年终")  # the copy beside is ours: rewritten, no new file
    assert third.outputs[1] == beside
    assert sorted(p.name for p in docx.parent.iterdir()) == sorted(
        ["年终总结.xlsx", "年终总结.docx", beside.name])


def test_an_edited_consolidated_workbook_is_kept(master, small_plan):
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    book = app.collect(master, "年终").output
    wb = openpyxl.load_workbook(book)
    wb["报送情况"]["A1"] = "办公室批注：已电话催报"
    wb.save(book)
    noted = book.read_bytes()
    again = app.collect(master, "年终")
    assert book.read_bytes() == noted and again.output != book
    assert again.kept == [str(book)] and "已被修改过" in again.summary_line()
    assert app.check(master, "年终").output == again.output  # the store follows the new copy


def test_the_administrator_decides_a_city_figure(master, small_plan):
    """核实更正 with 单位 全市: the administrator's figure is the city's, its basis 管理员核实."""
    H.returned(small_plan, inbox_of(master), "甲县.xlsx", figures={"I2-1": {"actual": 300}})
    _add_corrections(master, [
        ["年终", "全市", "I2-1", "实际完成值", 905, "王五", "2020-12-28", "市局统计科核定"],
        ["年终", "全市", "T2", "实际完成值", 1, "王五", None, "不是指标"],
    ])
    app.collect(master, "年终")
    result = app.check(master, "年终")
    i21 = next(i for i in result.indicators if i.key == "I2-1")
    assert (i21.actual, i21.basis, i21.status) == (905, "管理员核实", "已达标")  # within 5%
    collected = app.collect(master, "年终")
    wrong = [p.problem for p in collected.problems if p.sheet == "核实更正"]
    assert wrong == ["单位填“全市”时，编号应为指标编号（如 I2-1），“T2”不是本计划的指标"]
    city = [f for f in collected.consolidation.figures if f.unit == "全市"]
    assert [(f.indicator, f.actual) for f in city] == [("I2-1", 905)]


def test_a_round_is_read_file_by_file_whatever_the_planner_would_choose(master, small_plan):
    """The used files drive every read of their answers (one index range a file): the other
    order looks each of the round's answers up among the files, which at 20,000 units took
    40 minutes of the collection."""
    H.returned(small_plan, inbox_of(master), "甲县.xlsx")
    H.returned(small_plan, inbox_of(master), "乙县.xlsx", unit=YI)
    app.collect(master, "年终")
    store = Store(master.parent / "workplan.sqlite")
    files = [(sha, unit) for sha, unit in rows(
        store.path, "SELECT sha256, unit FROM run_files WHERE outcome = '已采用'")]
    for reader in (store.winner_rows("年终", store.latest_run("年终")["id"]),
                   store.file_rows("年终", files)):
        said: list[str] = []
        con = reader._reader()
        con.set_trace_callback(said.append)
        assert reader.answered() == {H.UNIT, YI}
        assert set(reader.take("T2")) == {H.UNIT, YI}
        assert {u for u, keys in reader.filled_keys().items() if "I2-1" in keys} == {H.UNIT, YI}
        con.set_trace_callback(None)
        for sql in said:
            plan = [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + sql)]
            assert plan[0].startswith("SEARCH f "), (sql, plan)
            assert not any(step.startswith("SCAN") for step in plan), (sql, plan)
            if "ORDER BY f.seq" in sql and "rowid" not in sql:  # the files' order, unsorted
                assert not any("TEMP B-TREE" in step for step in plan), (sql, plan)
        reader.close()
