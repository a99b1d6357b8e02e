"""Hostile files aimed at the reader itself: each is one clear problem, and the run goes on.

python-calamine builds a sheet as a dense block and reserves memory from counts in the file; a
few hundred bytes can make it ask for hundreds of gigabytes, which ends the whole process (an
abort inside Rust, not an exception). The run is therefore made in a child process with a cap
on its address space: without the checks it dies or runs out of memory, and the test fails
instead of taking pytest down with it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import helpers as H
from toolkit import app
from toolkit.intake import sniff
from toolkit.intake.bytesearch import holds
from toolkit.intake import reader as reader_module
from toolkit.books.form import layout as F

TESTS = Path(__file__).resolve().parent
CHILD = """
import json, os, sys
sys.path[:0] = [sys.argv[1], os.path.dirname(sys.argv[1])]  # the tests, the checkout
from helpers import make_small_plan
from toolkit import app
plan = make_small_plan()
plan.keys = [sys.argv[4]]  # the parent's key: its forms verify
result = app.collect_plan(plan, "年终", sys.argv[2], sys.argv[3])
print(json.dumps({"problems": [[p.file, p.sheet, p.cell, p.problem, p.action]
                               for p in result.problems], "counts": result.counts}))
"""
MEMORY_CAP = 3 << 30  # bytes of address space for the child: far more than a run needs


def _cap_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def collect_in_child(inbox: Path, out: Path, key: str, script: str = CHILD, *extra) -> dict:
    capped = sys.platform.startswith("linux")
    done = subprocess.run(
        [sys.executable, "-c", script, str(TESTS), str(inbox), str(out), key, *map(str, extra)],
        capture_output=True, timeout=300, preexec_fn=_cap_memory if capped else None,
        env={"PATH": "/usr/bin:/bin", "RUST_BACKTRACE": "0", "WORKPLAN_LOG_DIR": str(out.parent)},
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(done.stdout)


# The reader made to die (abort: what an allocation of 549 GB does) or hang on one file.
FAILING_READER = """
import json, os, sys, time
sys.path[:0] = [sys.argv[1], os.path.dirname(sys.argv[1])]
from helpers import make_small_plan
from toolkit import app
from toolkit.intake import reader
from toolkit.intake.limits import Limits
bad, how = open(sys.argv[5], "rb").read(), sys.argv[6]
real = reader.calamine.CalamineWorkbook.from_filelike
def from_filelike(filelike, *args, **kwargs):
    if filelike.getvalue() == bad:
        os.abort() if how == "abort" else time.sleep(3600)
    return real(filelike, *args, **kwargs)
reader.calamine.CalamineWorkbook.from_filelike = from_filelike
plan = make_small_plan()
plan.keys = [sys.argv[4]]
limits = Limits(**{"reader_seconds": 3} if "reader_seconds" in Limits.__dataclass_fields__ else {})
result = app.collect_plan(plan, "年终", sys.argv[2], sys.argv[3], limits=limits)
print(json.dumps({"problems": [[p.file, p.sheet, p.cell, p.problem, p.action]
                               for p in result.problems], "counts": result.counts}))
"""


def test_oversized_sheets_are_refused_before_reading(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    good = H.returned(small_plan, tmp_path / "work", "good.xlsx").read_bytes()
    tasks_part = "xl/worksheets/sheet2.xml"  # 任务清单
    repeated = ('<table:table-row table:number-rows-repeated="6000">'
                + H.ods_cell("x", 16384) + "</table:table-row>")
    hostile = {
        "远处有字.xlsx": (H.add_cell(good, tasks_part, "XFD1048576"), "任务清单", "XFD1048576"),
        "偏远.xlsx": (H.add_cell(good, tasks_part, "ZZZ30000"), "任务清单", "ZZZ30000"),
        "字符串表.xlsx": (H.lying_shared_strings(good), "", ""),
        "重复行列.ods": (H.ods_bytes("<table:table-row>" + H.ods_cell("a") + "</table:table-row>"
                                 + repeated), "任务清单", "XFD6001"),
        "尺寸.xls": (H.xls_workbook(dimensions=(0, 0xFFFFFFF0, 0, 255)), "", ""),
        "远格.xls": (H.xls_workbook(cell=(65535, 65535)), "", ""),
    }
    inbox.mkdir()
    for name, (data, _, _) in hostile.items():
        (inbox / name).write_bytes(data)
    (inbox / "甲县.xlsx").write_bytes(good)
    before = H.snapshot(inbox)
    result = collect_in_child(inbox, tmp_path / "out.xlsx", F.signing_key(small_plan))
    by_file = {}
    for file, sheet, cell, problem, action in result["problems"]:
        by_file.setdefault(file, []).append((sheet, cell, problem, action))
    assert set(by_file) == set(hostile), by_file
    for name, (_, sheet, cell) in hostile.items():
        [(got_sheet, got_cell, problem, action)] = by_file[name]
        assert (got_sheet, got_cell) == (sheet, cell), (name, problem)
        assert "未读取" in problem or "损坏" in problem, (name, problem)
        assert action and "内容异常" not in problem
        if cell:
            assert cell in problem and "Ctrl+End" in action
    assert result["counts"]["reported"] == 1  # the good file is merged all the same
    assert H.snapshot(inbox) == before


def test_a_large_but_honest_sheet_is_read(small_plan, tmp_path):
    """A clerk's extra sheet of 5,000 rows passes the quick bound only by the exact count."""
    def edit(wb):
        ws = wb.create_sheet("明细")
        for r in range(5000):
            ws.append([f"项目{r}", r, r * 2, "备注"])
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx", edit=edit)
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    assert result.problems == [] and result.counts["reported"] == 1


def test_a_huge_zip_directory_is_refused_without_parsing_it(small_plan, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "部件.xlsx").write_bytes(H.many_parts(5000))
    (inbox / "打包.zip").write_bytes(H.zip_bytes({"a.xlsx": H.many_parts(5000)}))
    seen = tmp_path / "opened.txt"  # files are read in processes of their own
    original = zipfile.ZipFile

    def spy(file, *args, **kwargs):
        if hasattr(file, "getvalue"):
            with open(seen, "a") as log:
                log.write(f"{sniff.zip_directory(file.getvalue())[0]}\n")
        return original(file, *args, **kwargs)

    monkeypatch.setattr(sniff.zipfile, "ZipFile", spy)
    result = app.collect_plan(small_plan, "年终", inbox, tmp_path / "out.xlsx")
    assert sorted(p.file for p in result.problems) == ["打包.zip/a.xlsx", "部件.xlsx"]
    assert all("5001 个部件" in p.problem for p in result.problems)
    opened = [int(n) for n in seen.read_text().split()]
    assert opened and max(opened) == 1  # only the outer .zip (one member) was parsed


def test_the_mimetype_part_is_never_inflated_in_full():
    data = H.mimetype_bomb(200 << 20)
    tracemalloc.start()
    try:
        kind = sniff.classify(data, "甲县.ods")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kind == sniff.ODS
    assert peak < 20 << 20, f"{peak >> 20} MB"


def test_a_panic_in_the_reader_is_one_problem(small_plan, tmp_path, monkeypatch):
    """pyo3 turns a Rust panic into PanicException, a BaseException: still one bad file."""
    class PanicException(BaseException):
        pass

    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx")
    yi = H.returned(small_plan, tmp_path / "inbox", "乙县.xlsx", unit="乙县教育局").read_bytes()
    real = reader_module.calamine.CalamineWorkbook.from_filelike

    def from_filelike(filelike, *args, **kwargs):
        if filelike.getvalue() == yi:  # files are read in processes of their own
            raise PanicException("range start index out of range for slice")
        return real(filelike, *args, **kwargs)

    monkeypatch.setattr(reader_module.calamine.CalamineWorkbook, "from_filelike", from_filelike)
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    [problem] = result.problems
    assert problem.file == "乙县.xlsx" and "损坏" in problem.problem
    assert result.counts["reported"] == 1


def test_ctrl_c_still_stops_the_run(small_plan, tmp_path, monkeypatch):
    H.returned(small_plan, tmp_path / "inbox", "甲县.xlsx")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(reader_module.calamine.CalamineWorkbook, "from_filelike", interrupted)
    with pytest.raises(KeyboardInterrupt):
        app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")


def test_nan_and_infinity_in_number_cells_are_problems_not_a_crash(small_plan, tmp_path):
    """A number cell may hold NaN or INF (hand-made or exported files); XlsxWriter refuses to
    write those, which stopped the whole run with a traceback."""
    good = H.returned(small_plan, tmp_path / "work", "good.xlsx").read_bytes()
    odd = H.replace_value(good, "xl/worksheets/sheet2.xml", "I3", "NaN")  # 完成进度 of T2
    odd = H.replace_value(odd, "xl/worksheets/sheet3.xml", "H3", "INF")  # 实际完成值 of I2-1
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "甲县.xlsx").write_bytes(odd)
    result = app.collect_plan(small_plan, "年终", tmp_path / "inbox", tmp_path / "out.xlsx")
    assert [(p.sheet, p.cell, p.severity) for p in result.problems] == [
        ("任务清单", "I3", "错误"), ("指标填报", "H3", "错误")]
    answers = {(t.unit, t.task): t.progress for t in result.consolidation.tasks}
    assert answers[(H.UNIT, 2)] is None
    assert result.output.is_file()


def test_a_far_cell_in_a_renamed_part_is_refused_before_reading(small_plan, tmp_path):
    """17 KB: the 任务清单 sheet stored as sheet2.dat with a cell at XFD1048576. The size checks
    look at every part a reader may follow, whatever its name."""
    good = H.returned(small_plan, tmp_path / "work", "good.xlsx").read_bytes()
    far = H.add_cell(good, "xl/worksheets/sheet2.xml", "XFD1048576")
    crafted = H.renamed_part(far, "xl/worksheets/sheet2.xml", "xl/worksheets/sheet2.dat")
    assert len(crafted) < 20_000
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "远处有字.xlsx").write_bytes(crafted)
    (inbox / "甲县.xlsx").write_bytes(good)
    result = collect_in_child(inbox, tmp_path / "out.xlsx", F.signing_key(small_plan))
    [(file, sheet, cell, problem, _)] = result["problems"]
    assert (file, sheet, cell) == ("远处有字.xlsx", "任务清单", "XFD1048576")
    assert "XFD1048576" in problem and result["counts"]["reported"] == 1


@pytest.mark.parametrize("space", ["\n", "\t", "\r"])
def test_a_far_cell_whose_reference_follows_a_line_break_is_refused(small_plan, tmp_path, space):
    """<c\nr="XFD1048576">: the quick bound reads references after a plain space, so a part with
    one after a tab or a line break is sized cell by cell (span.xlsx_bound), and the far cell
    is found before the reader would build the sheet whole."""
    good = H.returned(small_plan, tmp_path / "work", "good.xlsx").read_bytes()
    far = H.add_cell(good, "xl/worksheets/sheet2.xml", "XFD1048576")
    part = zipfile.ZipFile(io.BytesIO(far)).read("xl/worksheets/sheet2.xml")
    odd = part.replace(b'<row r="1048576"><c r="XFD1048576"',
                       f'<row{space}r="1048576"><c{space}r="XFD1048576"'.encode())
    assert odd != part
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "远处有字.xlsx").write_bytes(H.replace_part(far, "xl/worksheets/sheet2.xml", odd))
    (inbox / "甲县.xlsx").write_bytes(good)
    result = collect_in_child(inbox, tmp_path / "out.xlsx", F.signing_key(small_plan))
    [(file, sheet, cell, problem, _)] = result["problems"]
    assert (file, sheet, cell) == ("远处有字.xlsx", "任务清单", "XFD1048576")
    assert result["counts"]["reported"] == 1


@pytest.mark.parametrize("text", [
    b"", b"<", b"!", b"<!", b"a<!", b"!<!", b"!" * 200 + b"<!", b"!" * 64 + b"<!", b"!" * 63 + b"<!",
    b"!" * 65 + b"<!DOCTYPE", b"<" * 100 + b"!", b"!<" * 100, b"x!" * 64 + b"<!x",
])
def test_the_quick_byte_search_finds_what_in_finds(text):
    """bytesearch.holds looks for the needle's rare byte first, and falls back to a plain
    search after TRIES of them: the same answer as `in` on either side of that point."""
    for needle, rare in ((b"<!", 1), (b"<!", 0), (b"<!D", 2), (b"!<", 0)):
        assert holds(text, needle, rare) == (needle in text), (text, needle, rare)


@pytest.mark.parametrize("how, said", [("abort", "读取程序异常终止"), ("hang", "读取超过 3 秒")])
def test_a_reader_that_dies_or_hangs_costs_only_that_file(small_plan, tmp_path, how, said):
    """Whatever gets past the checks: the file is read in a process of its own, with a memory
    and a time limit, so a crash or a hang is one line and the rest of the inbox is collected."""
    inbox = tmp_path / "inbox"
    bad = H.returned(small_plan, inbox, "乙县.xlsx", unit="乙县教育局")
    H.returned(small_plan, inbox, "甲县.xlsx")
    H.returned(small_plan, inbox, "丙区.xlsx", unit="丙区教育局")
    result = collect_in_child(inbox, tmp_path / "out.xlsx", F.signing_key(small_plan),
                              FAILING_READER, bad, how)
    [(file, _, _, problem, action)] = result["problems"]
    assert file == "乙县.xlsx" and said in problem and "另存为 .xlsx" in action
    assert result["counts"]["reported"] == 2


def test_the_scheduled_run_goes_on_past_a_crafted_workbook(small_plan, tmp_path):
    """`workplan run` with the crafted file in the inbox: a JSON line, a workbook, and the log
    names the file."""
    from toolkit.books.master import write_master
    from toolkit.common import paths

    master = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, master)
    inbox = paths.inbox(master, 2020, "年终")
    good = H.returned(small_plan, inbox, "甲县.xlsx").read_bytes()
    far = H.add_cell(good, "xl/worksheets/sheet2.xml", "XFD1048576")
    (inbox / "远处有字.xlsx").write_bytes(
        H.renamed_part(far, "xl/worksheets/sheet2.xml", "xl/worksheets/sheet2.dat"))
    root = str(TESTS.parent)
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "run", str(master), "--round", "年终"],
        capture_output=True, timeout=300, cwd=root,
        preexec_fn=_cap_memory if sys.platform.startswith("linux") else None,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": root, "RUST_BACKTRACE": "0",
             "HOME": str(tmp_path)})
    line = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert done.returncode == 1 and line["exit_code"] == 1 and line["reported"] == 1
    assert paths.consolidated(master, 2020, "年终").is_file()
    assert "远处有字.xlsx" in Path(line["log"]).read_text(encoding="utf-8")


def _touchy(n: int) -> int:
    if n == 3:
        os.abort()  # what an allocation of 549 GB does to a process
    if n == 5:
        time.sleep(60)
    return n * n


def test_the_reader_pool_loses_only_the_item_that_crashed_or_hung():
    """One worker, two items in its pipe at a time: the item behind a crash or a hang is
    answered by the worker that replaces it."""
    from toolkit.common.isolated import CRASHED, TIMED_OUT, Isolated

    with Isolated(_touchy, workers=1, seconds=1) as pool:
        got = dict(pool.run(range(1, 8)))
    assert {n: o.value for n, o in got.items() if o.ok} == {0: 1, 1: 4, 3: 16, 5: 36, 6: 49}
    assert (got[2].failure, got[4].failure) == (CRASHED, TIMED_OUT)
