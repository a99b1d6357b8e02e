"""Time the assignment stage (生成任务表) against its floor: XlsxWriter alone.

    .venv/bin/python benchmarks/bench_assign.py [--units 1000] [--repeat 1]

Two workloads: the reference plan (round 年终, one workbook per expanded unit) and a synthetic
plan with --units units. For each, the full stage (assign_plan: planning, every workbook with its
validations, protection, print set-up and hidden sheet, and the 下发清单) is timed, then the
floor: XlsxWriter alone writing the same cells with the same formats, column widths and row
heights into the same sheets, with the cell values computed beforehand (not timed). Both use the
same Workbook options. The goal is a ratio of at most 1.5.

Then the pre-fill: the synthetic plan's 年终 forms written with every unit's 半年 answers (a store
with one used file per unit, every task and figure answered) against the same forms written
blank; the pre-filled run includes reading the store. Goal: a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import xlsxwriter

from toolkit.assign import assign_plan
from toolkit.books.form import guide
from toolkit.books.distribution import COLUMNS as LIST_COLUMNS
from toolkit.common.naming import unique_file_names
from toolkit.books.form.layout import PREVIOUS_FIELDS, unit_form
from toolkit.books.form.writer import (
    FIGURE_WIDTHS,
    GUIDE_WIDTHS,
    INPUT_STYLES,
    LOCKED_STYLES,
    MIN_DATA_LINES,
    MIN_FIGURE_LINES,
    STYLES,
    TASK_WIDTHS,
    WORKBOOK_OPTIONS,
    form_meta,
    meta_table,
)
from toolkit.books.styles import row_height
from toolkit.books.form import layout as F
from toolkit.model.plan import (
    AGG_SUM,
    AT_LEAST,
    AT_MOST,
    KIND_COUNTY,
    KIND_DIRECT,
    KIND_OFFICE,
    Allocation,
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
PREVIOUS_ROUND = "半年"  # the round whose answers pre-fill the 年终 forms in the pre-fill measure


# --- the synthetic plan ------------------------------------------------------------------------
def synthetic_plan(n_units: int, n_tasks: int = 120, seed: int = 1) -> Plan:
    """`n_units` units: 40 offices, 12 county bureaus, the rest schools in one group."""
    rng = random.Random(seed)
    offices = [f"第{i}科" for i in range(1, 41)]
    counties = [f"{i}号县教育局" for i in range(1, 13)]
    schools = [f"第{i}中学" for i in range(1, max(0, n_units - 52) + 1)]
    units = [Unit(o, KIND_OFFICE, contact=f"{o} 联系人 0598-{i:07d}") for i, o in enumerate(offices)]
    units += [Unit(c, KIND_COUNTY, groups=["各县(市、区)教育局"]) for c in counties]
    units += [Unit(s, KIND_DIRECT, groups=["局属学校"]) for s in schools]
    groups = [Group("各县(市、区)教育局", counties), Group("局属学校", schools)]
    sections = [Section(n, f"第{n}部分的标题") for n in "一二三四五六七八"]
    sentence = "深入推进教育综合改革，完善体制机制，加强统筹协调，确保各项工作落到实处。"
    tasks, indicators, allocations = [], [], []
    for number in range(1, n_tasks + 1):
        named = rng.sample(offices, rng.randint(1, 3))
        if number % 3 == 0:
            named.append("局属学校")
        if number % 4 == 0:
            named.append("各县(市、区)教育局")
        title = f"推进第{number}项重点工作"
        body = f"{number}.{title}。" + sentence * rng.randint(3, 12)
        tasks.append(Task(number, sections[number % 8].number, title, body,
                          "责任单位:" + "、".join(named), named))
        for seq in range(1, rng.randint(1, 3)):
            value = rng.choice([25, 100, 8640, 0.92, 97])
            ind = Indicator(number, seq, f"指标{number}-{seq}", value,
                            rng.choice(["个", "所", "名", "亿元", "%"]),
                            rng.choice([AT_LEAST, AT_MOST]), False, "", f"原文{value}", AGG_SUM)
            indicators.append(ind)
            if number % 4 == 0 and seq == 1:
                share = value / len(counties)
                allocations += [Allocation(ind.key, c, share) for c in counties]
    settings = Settings(year=2020, title="某市教育局2020年工作要点",
                        rounds=[Round(PREVIOUS_ROUND, date(2020, 7, 10), 0.5),
                                Round(ROUND, date(2020, 12, 20), 1.0)], contact="办公室 0598-1")
    meta = PlanMeta("某市教育局2020年工作要点", "某市教育局", 2020, "某教〔2020〕1号", "2020-02-22")
    return Plan(meta, sections, tasks, indicators, units, groups, allocations, settings)


# --- the floor: XlsxWriter alone ------------------------------------------------------------------
def floor_inputs(plan: Plan) -> list[tuple[str, dict]]:
    """Everything the floor writes, computed up front: (file name, cell values) per unit."""
    rnd = plan.settings.round(ROUND)
    index = F.FormIndex(plan)
    units = index.responsible_units()
    names = unique_file_names(units, f"{plan.settings.year}{ROUND}")
    out = []
    for unit in units:
        form = unit_form(index, unit)
        table = meta_table(form)
        form.meta = form_meta(plan, unit, rnd, table, plan_id=index.plan_id)
        guide_rows = guide.overview(plan, unit, rnd, form.tasks, form.figures)
        for _, rows in guide.sections(plan, rnd, form.figures):
            guide_rows += rows
        heights = {
            "guide": [row_height([(a, GUIDE_WIDTHS[0]), (b, GUIDE_WIDTHS[1])])
                      for a, b in guide_rows],
            "tasks": [_row_height(row, F.TASK_COLUMNS, TASK_WIDTHS, MIN_DATA_LINES)
                      for row in form.tasks],
            "figures": [_row_height(row, F.FIGURE_COLUMNS, FIGURE_WIDTHS, MIN_FIGURE_LINES)
                        for row in form.figures],
        }
        out.append((names[unit], {"form": form, "guide": guide_rows, "table": table,
                                  "heights": heights}))
    return out


def _row_height(row, columns, widths, min_lines):
    locked = [f for _, f, is_locked in columns if is_locked and f != "key"]
    cells = [(str(row.get(f) or ""), widths[f]) for f in locked]
    return row_height(cells, min_lines)


def _floor_table(ws, fmt, columns, widths, rows, heights):
    ws.merge_range(0, 1, 0, len(columns) - 1, "标题", fmt["title"])
    for col, (header, field, locked) in enumerate(columns):
        ws.write_string(1, col, header, fmt["header" if locked else "header_input"])
        ws.set_column(col, col, widths[field])
    for r, row in enumerate(rows, 2):
        ws.set_row(r, heights[r - 2])
        for col, (_, field, locked) in enumerate(columns):
            if not locked:
                ws.write_blank(r, col, None, fmt[INPUT_STYLES.get(field, "input")])
                continue
            value = row[field]
            style = fmt["lead" if value == "牵头单位" else LOCKED_STYLES.get(field, "text")]
            if isinstance(value, (int, float)):
                ws.write_number(r, col, value, style)
            else:
                ws.write_string(r, col, value, style)


def floor_write(folder: Path, inputs: list[tuple[str, dict]]) -> None:
    for name, data in inputs:
        wb = xlsxwriter.Workbook(str(folder / name), WORKBOOK_OPTIONS)
        fmt = {k: wb.add_format(v) for k, v in STYLES.items()}
        ws = wb.add_worksheet(F.SHEET_GUIDE)
        ws.set_column(0, 0, GUIDE_WIDTHS[0])
        ws.set_column(1, 1, GUIDE_WIDTHS[1])
        for r, (label, text) in enumerate(data["guide"], 2):
            ws.set_row(r, data["heights"]["guide"][r - 2])
            ws.write_string(r, 0, label, fmt["label"])
            ws.write_string(r, 1, text, fmt["text"])
        form = data["form"]
        heights = data["heights"]
        _floor_table(wb.add_worksheet(F.SHEET_TASKS), fmt, F.TASK_COLUMNS, TASK_WIDTHS,
                     form.tasks, heights["tasks"])
        _floor_table(wb.add_worksheet(F.SHEET_FIGURES), fmt, F.FIGURE_COLUMNS,
                     FIGURE_WIDTHS, form.figures, heights["figures"])
        ws = wb.add_worksheet(F.SHEET_INFO)
        for r, (label, _, locked) in enumerate(F.INFO_ROWS, 1):
            ws.write_string(r, 0, label, fmt["label"])
            ws.write_string(r, 1, form.unit, fmt["text"]) if locked else ws.write_blank(
                r, 1, None, fmt["input"])
        ws = wb.add_worksheet(F.SHEET_META)
        for r, key in enumerate(F.META_KEYS):
            ws.write_string(r, 0, key, fmt["plain"])
            ws.write_string(r, 1, form.meta[key], fmt["plain"])
        for r, values in enumerate(data["table"], len(F.META_KEYS) + 2):
            for col, value in enumerate(values):
                ws.write_string(r, col, value, fmt["plain"])
        wb.close()
    wb = xlsxwriter.Workbook(str(folder / "下发清单.xlsx"), WORKBOOK_OPTIONS)
    fmt = {k: wb.add_format(v) for k, v in STYLES.items()}
    ws = wb.add_worksheet("下发清单")
    for col, (header, _, width) in enumerate(LIST_COLUMNS):
        ws.write_string(1, col, header, fmt["header"])
        ws.set_column(col, col, width)
    for r, (name, data) in enumerate(inputs, 2):
        form = data["form"]
        ws.write_number(r, 0, r - 1, fmt["center"])
        ws.write_string(r, 1, form.unit, fmt["text"])
        ws.write_string(r, 3, name, fmt["text"])
        for col, n in ((4, len(form.tasks)), (5, form.lead_tasks), (6, len(form.figures))):
            ws.write_number(r, col, n, fmt["center"])
    wb.close()


# --- the run -------------------------------------------------------------------------------------
def timed(work) -> float:
    folder = Path(tempfile.mkdtemp(prefix="bench-assign-"))
    try:
        start = time.perf_counter()
        work(folder)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(label: str, plan: Plan, repeat: int) -> None:
    """Best of `repeat` runs of each, interleaved so that load from elsewhere hits both alike."""
    n = len(F.FormIndex(plan).responsible_units())
    inputs = floor_inputs(plan)
    ours, floor = [], []
    for _ in range(repeat):
        ours.append(timed(lambda folder: assign_plan(plan, ROUND, folder / "out")))
        floor.append(timed(lambda folder: floor_write(folder, inputs)))
    ours, floor = min(ours), min(floor)
    print(
        f"{label}: {n} workbooks + 下发清单 | assign {ours:.2f} s = {ours / n * 1000:.1f} ms/workbook"
        f" | XlsxWriter alone {floor:.2f} s = {floor / n * 1000:.1f} ms/workbook"
        f" | ratio {ours / floor:.2f} (goal <= 1.5)"
    )


def previous_store(plan: Plan, folder: Path):
    """A store beside a master in `folder` where every unit answered everything at mid-year."""
    from toolkit.model.returns import Answer, FileRecord
    from toolkit.store import Store

    index = F.FormIndex(plan)
    records, answers = [], []
    for n, unit in enumerate(index.responsible_units()):
        sha = f"sha-{n}"
        records.append(FileRecord(f"{n}.xlsx", f"/inbox/{n}.xlsx", sha, "2020-07-05 09:00:00",
                                  unit, PREVIOUS_ROUND, "已采用", True))
        for row in index.task_rows(unit):
            values = {"status": "推进中", "progress": 50.0, "narrative": f"{unit}推进{row['title']}。",
                      "problems": "资金缺口。", "next_steps": "继续推进。"}
            answers += [Answer(sha, unit, row["key"], f, v, v, "H3") for f, v in values.items()]
        for row in index.figure_rows(unit):
            values = {"actual": float(row["target"] or 1) / 2, "note": "半年数"}
            answers += [Answer(sha, unit, row["key"], f, v, v, "H3") for f, v in values.items()]
    store = Store(folder / "workplan.sqlite")
    run = store.record_collection(PREVIOUS_ROUND, folder, folder / "汇总表.xlsx", {}, records,
                                  answers)
    store.complete_run(run)
    return store


def measure_prefill(plan: Plan, repeat: int) -> None:
    n = len(F.FormIndex(plan).responsible_units())
    with tempfile.TemporaryDirectory(prefix="bench-prefill-") as tmp:
        store = previous_store(plan, Path(tmp))
        blank, filled = [], []
        for _ in range(repeat):
            blank.append(timed(lambda folder: assign_plan(plan, ROUND, folder / "out")))
            filled.append(timed(lambda folder: assign_plan(
                plan, ROUND, folder / "out", previous=store.previous_answers(plan, ROUND, PREVIOUS_FIELDS))))
    blank, filled = min(blank), min(filled)
    print(f"pre-fill ({n} units): assign with 上期 answers {filled:.2f} s | blank forms "
          f"{blank:.2f} s | ratio {filled / blank:.2f} (goal <= 1.5)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        from toolkit.plan_import import parse_plan_file, reference_plan_path

        reference = parse_plan_file(reference_plan_path())
    except ImportError:
        reference = None
        print("reference plan: toolkit.plan_import not available, skipped")
    if reference is not None:
        measure("reference plan", reference, max(args.repeat, 5))
    synthetic = synthetic_plan(args.units)
    measure(f"synthetic plan ({args.units} units)", synthetic, args.repeat)
    measure_prefill(synthetic, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
