"""Time the collection stage (汇总) against its floor: python-calamine alone reading the files.

    .venv/bin/python benchmarks/bench_collect.py [--units 1000] [--dir DIR] [--repeat 2]

A synthetic plan with --units responsible units; one returned workbook per unit, made by the real
assignment stage and filled in with openpyxl (answers as a clerk types them, a few with figures
typed as text). The files are kept in --dir (made once, reused by later runs).

Each measurement runs in a fresh subprocess, so peak memory (ru_maxrss) is that run's own:
  floor    python-calamine opening every file and reading every sheet (to_python), nothing else;
  collect  toolkit.collect.collect_plan on the same inbox: safety checks, hashing, reading,
           identification, every check, merging, the consolidated workbook and the ledger.
           Files are read in reader processes (toolkit.common.isolated); their peak memory is
           reported apart from the run's own.
In the collect process, after the run, the floor of the writing is timed too: XlsxWriter alone
writing the consolidated workbook's cells again (read back, so the same values), with the same
workbook options and the wrapped columns' format, and nothing else (no filters, conditional
formats, matrix shading). Times here are wall times (the files are read by two reader processes
at once); the ratio printed is collect against both floors, reading and writing. Goals: collect
within 2x of the floors; peak memory under 300 MB. bench_run.py compares CPU time stage by
stage, with the reader processes counted, and is the benchmark the README reports.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import measure  # noqa: E402
from toolkit.model.plan import (
    AGG_SUM,
    AT_LEAST,
    KIND_COUNTY,
    KIND_DIRECT,
    KIND_OFFICE,
    Group,
    Indicator,
    Plan,
    PlanMeta,
    Round,
    Section,
    Settings,
    Task,
    Unit,
)

ROUND = "年终"


BENCH_KEY = "5e" * 32  # a fixed signing key: only for this synthetic plan


def synthetic_plan(n_units: int, n_tasks: int = 40) -> Plan:
    offices = [f"第{i}科" for i in range(1, 21)]
    counties = [f"{i}号县教育局" for i in range(1, 13)]
    schools = [f"第{i}中学" for i in range(1, max(0, n_units - 32) + 1)]
    units = [Unit(o, KIND_OFFICE, contact=f"{o} 0598-{i:07d}") for i, o in enumerate(offices)]
    units += [Unit(c, KIND_COUNTY, groups=["各县(市、区)教育局"]) for c in counties]
    units += [Unit(s, KIND_DIRECT, groups=["局属学校"]) for s in schools]
    groups = [Group("各县(市、区)教育局", counties), Group("局属学校", schools)]
    sections = [Section(n, f"第{n}部分") for n in "一二三四五六七八"]
    sentence = "深入推进教育综合改革，完善体制机制，加强统筹协调，确保各项工作落到实处。"
    tasks, indicators = [], []
    for n in range(1, n_tasks + 1):
        named = [offices[n % len(offices)]]
        if n % 3 == 0:
            named.append("局属学校")
        if n % 2 == 0:
            named.append("各县(市、区)教育局")
        body = f"{n}.第{n}项任务。" + sentence * (1 + n % 4) + f"新增项目{n * 10}个。"
        tasks.append(Task(n, sections[n % 8].number, f"第{n}项任务", body,
                          "责任单位:" + "、".join(named), named))
        indicators.append(Indicator(n, 1, f"第{n}项任务项目数", n * 10, "个", AT_LEAST, False,
                                    "", f"新增项目{n * 10}个", AGG_SUM))
    settings = Settings(year=2020, title="合成工作要点", rounds=[Round(ROUND, date(2020, 12, 25))])
    meta = PlanMeta("合成工作要点", "某市教育局", 2020)
    plan = Plan(meta, sections, tasks, indicators, units, groups, [], settings)
    plan.keys = [BENCH_KEY]  # the same "master" when making the files and when collecting
    return plan


# --- making the returned files --------------------------------------------------------------
def _fill_one(job) -> None:
    import openpyxl

    from toolkit.books.form import layout as F

    blank, target, i = job
    wb = openpyxl.load_workbook(blank)
    for sheet, answer in ((F.SHEET_TASKS, _task_answer), (F.SHEET_FIGURES, _figure_answer)):
        ws = wb[sheet]
        head = {c.value: c.column for c in ws[F.HEADER_ROW]}
        for r in range(F.FIRST_DATA_ROW, ws.max_row + 1):
            if ws.cell(r, 1).value:
                for header, value in answer(ws, r, head, i).items():
                    ws.cell(r, head[header]).value = value
    info = wb[F.SHEET_INFO]
    filled = datetime.combine(date.today(), datetime.min.time())  # not before the issue date
    info["B4"], info["B5"], info["B7"] = f"填报人{i}", f"0598-{i:07d}", filled
    wb.save(target)
    stamp = datetime(2020, 12, 20, 9, 0).timestamp()
    os.utime(target, (stamp, stamp))


def _task_answer(ws, r, head, i) -> dict:
    return {"进展状态": "推进中", "完成进度（%）": 40 + (r + i) % 60,
            "工作进展及成效": f"第{i}号单位推进本项任务，完成阶段性目标。" * 3,
            "下一步打算": "继续推进。"}


def _figure_answer(ws, r, head, i) -> dict:
    target = ws.cell(r, head["目标值"]).value or 0
    actual = round(target * (0.5 + (i % 7) / 10))
    return {"实际完成值": f"{actual:,}" if i % 40 == 0 else actual}


def make_inbox(folder: Path, n_units: int) -> Path:
    from toolkit.books.form.writer import write_assignment
    from toolkit.books.form.layout import FormIndex

    inbox = folder / "inbox"
    marker = folder / f"made-{n_units}.json"
    if marker.is_file():
        return inbox
    plan = synthetic_plan(n_units)
    blanks = folder / "blank"
    blanks.mkdir(parents=True, exist_ok=True)
    inbox.mkdir(parents=True, exist_ok=True)
    index = FormIndex(plan)
    jobs = []
    for i, unit in enumerate(plan.responsible_units()):
        blank = blanks / f"{i:04d}.xlsx"
        write_assignment(plan, unit, ROUND, blank, index=index)
        jobs.append((blank, inbox / f"报送-{i:04d}.xlsx", i))
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_fill_one, jobs, chunksize=20))
    marker.write_text(json.dumps({"files": len(jobs)}))
    return inbox


# --- the two measurements, each in its own process --------------------------------------------
def child_floor(inbox: Path) -> dict:
    import python_calamine

    start = time.perf_counter()
    cells = 0
    for path in sorted(inbox.iterdir()):
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python()
            cells += sum(len(r) for r in rows)
    return {"seconds": time.perf_counter() - start, "cells": cells}


def child_collect(inbox: Path, n_units: int) -> dict:
    from toolkit import app

    plan = synthetic_plan(n_units)
    phases = {"write": 0.0, "read": 0.0}

    def timed(name, func):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                phases[name] += time.perf_counter() - start
        return run

    import toolkit.collect.run as run

    app._publish = timed("write", app._publish)
    run._examine_all = timed("read", run._examine_all)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = app.collect_plan(plan, ROUND, inbox, Path(tmp) / "汇总表.xlsx",
                                      store=Path(tmp) / "workplan.sqlite")
        seconds = time.perf_counter() - start
        cells = _cells(Path(tmp) / "汇总表.xlsx")
        write_floor = measure.write_cells(Path(tmp) / "汇总表.xlsx")  # CPU = wall: one thread
    return {"seconds": seconds, "counts": result.counts, "cells": cells,
            "write_floor": write_floor, **phases}


def _cells(path: Path) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(1 for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python()
               for v in row if v != "")


def child_baseline() -> dict:
    import python_calamine  # noqa: F401

    import toolkit.collect  # noqa: F401
    return {"seconds": 0.0}


def run_child(kind: str, inbox: Path, n_units: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--inbox", str(inbox), "--units", str(n_units)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_collect")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", choices=["floor", "collect", "baseline"])
    parser.add_argument("--inbox", type=Path)
    args = parser.parse_args()
    if args.child:
        result = {"floor": lambda: child_floor(args.inbox),
                  "collect": lambda: child_collect(args.inbox, args.units),
                  "baseline": child_baseline}[args.child]()
        result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # the reader processes (toolkit.common.isolated): the largest of them
        result["reader_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(result, ensure_ascii=False))
        return

    start = time.perf_counter()
    inbox = make_inbox(args.dir / f"u{args.units}", args.units)
    files = sorted(inbox.iterdir())
    size = sum(p.stat().st_size for p in files)
    print(f"收件箱：{len(files)} 个文件，共 {size / 1e6:.1f} MB（准备 {time.perf_counter() - start:.1f} s）")
    for path in files:  # warm the page cache for both runs
        path.read_bytes()
    base = run_child("baseline", inbox, args.units)
    floors, collects = [], []
    for _ in range(args.repeat):
        floors.append(run_child("floor", inbox, args.units))
        collects.append(run_child("collect", inbox, args.units))
    floor = min(floors, key=lambda r: r["seconds"])
    coll = min(collects, key=lambda r: r["seconds"])
    n = len(files)
    print(f"python-calamine 单独读取（下限）：{floor['seconds']:.2f} s，"
          f"{floor['seconds'] / n * 1000:.2f} ms/文件，峰值内存 {floor['max_rss_mb']:.0f} MB")
    print(f"汇总 collect_plan：            {coll['seconds']:.2f} s，"
          f"{coll['seconds'] / n * 1000:.2f} ms/文件，峰值内存 "
          f"{max(r['max_rss_mb'] for r in collects):.0f} MB")
    print(f"  读取进程（每个文件在子进程中读取）峰值内存 "
          f"{max(r.get('reader_rss_mb', 0) for r in collects):.0f} MB")
    print(f"  其中 读取与核查 {coll['read']:.2f} s（为下限的 {coll['read'] / floor['seconds']:.2f} 倍），"
          f"写汇总表 {coll['write']:.2f} s（{coll['cells']} 个单元格），其余 "
          f"{coll['seconds'] - coll['read'] - coll['write']:.2f} s")
    write_floor = min(r["write_floor"] for r in collects)
    print(f"  XlsxWriter 单独写同样的单元格（写入下限）：{write_floor:.2f} s；"
          f"读取下限 + 写入下限 = {(floor['seconds'] + write_floor) / floor['seconds']:.2f} 倍读取下限")
    print(f"解释器与模块基线内存：{base['max_rss_mb']:.0f} MB")
    ratio = coll["seconds"] / (floor["seconds"] + write_floor)
    print(f"比值 汇总/(读取下限 + 写入下限) = {ratio:.2f}（墙钟时间，读取进程并行；目标 ≤ 2；"
          f"按 CPU 时间逐段比较见 bench_run.py）；计数 {coll['counts']}")
    print(f"ratio={ratio:.2f} floor_s={floor['seconds']:.3f} collect_s={coll['seconds']:.3f} "
          f"read_s={coll['read']:.3f} write_s={coll['write']:.3f} write_floor_s={write_floor:.3f} "
          f"peak_mb={max(r['max_rss_mb'] for r in collects):.0f}")


if __name__ == "__main__":
    main()
