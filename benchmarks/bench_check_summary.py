"""Time `workplan check` and `workplan summary` run alone against their floors, with peak memory.

    .venv/bin/python benchmarks/bench_check_summary.py [--units 100,1000,5000] [--repeat 3]
                                                       [--dir DIR]

The round is the reference plan with its counties replaced by N synthetic units, every unit
answering every task and figure it has (about 70 rows a unit), recorded in the store beside a
master (made once per size under --dir and reused). Each measurement runs in a process of its
own (benchmarks/measure.py), `--repeat` times; the median is printed, with the machine's load.

- check: `app.check` (the round rebuilt from the store, checked, the consolidated workbook
  written). Floor: one query reading the used files' answers from the store, plus XlsxWriter
  (constant memory) writing the consolidated workbook's cells again.
- summary: `app.summarise` (the round rebuilt and checked, the summary workbook and document
  written). Floor: the same query, plus XlsxWriter writing the summary workbook's cells and
  its document's text deflated.
Goals: each within 2x of its floor, peak memory under 300 MB, 5,000 units within 5.5x the
time of 1,000.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import measure  # noqa: E402
from measure import ROUND  # noqa: E402

from toolkit.model.plan import KIND_COUNTY, Plan, Unit  # noqa: E402
from toolkit.model.returns import Consolidation, FigureAnswer, Submission, TaskAnswer  # noqa: E402

COUNTIES = "各县(市、区)教育局"
MASTER = "任务分解总表.xlsx"


def with_units(plan: Plan, count: int) -> Plan:
    """The plan with its county group replaced by `count` synthetic counties."""
    group = plan.group(COUNTIES)
    old = set(group.members)
    names = [f"第{i:05d}县教育局" for i in range(1, count + 1)]
    plan.units = [u for u in plan.units if u.name not in old]
    plan.units += [Unit(n, KIND_COUNTY, groups=[COUNTIES]) for n in names]
    group.members = names
    plan.allocations = [a for a in plan.allocations if a.unit not in old]
    return plan


def synthetic(plan: Plan, round_name: str, seed: int = 5) -> Consolidation:
    rng = random.Random(seed)
    cons = Consolidation(round_name)
    statuses = ["已完成", "已完成", "已完成", "推进中"]
    for task in plan.tasks:
        for unit, role in plan.task_units(task):
            status = rng.choice(statuses)
            cons.tasks.append(TaskAnswer(
                task.number, unit, role, status, 100.0 if status == "已完成" else 70.0,
                f"{unit}扎实推进“{task.title}”各项工作，完成年度计划。",
                rng.choice(["无", "经费保障压力较大。", "专业人才不足。"]),
                rng.choice(["持续巩固成果。", "加大投入力度。"]),
            ))
    for ind in plan.indicators:
        task = plan.task(ind.task)
        units = plan.task_units(task)
        members = [u for printed in task.units if plan.group(printed)
                   for u in plan.group(printed).members]
        if ind.aggregation == "求和" and members:
            # the counties report their part, the lead office the city-wide total
            share = ind.value / len(members)
            parts = [(u, round(share * rng.uniform(0.9, 1.2), 2)) for u in members]
            lead = units[0][0]
            parts.append((lead, round(sum(v for _, v in parts), 2)))
        else:
            parts = [(u, round(ind.value * rng.uniform(0.95, 1.03), 2)) for u, _ in units]
        for unit, actual in parts:
            cons.figures.append(FigureAnswer(ind.key, ind.task, unit, "", None, actual))
    cons.submissions = [Submission(u, "已报送") for u in plan.responsible_units()]
    return cons


def prepare(folder: Path, n_units: int) -> dict:
    """The master and a round recorded in its store (made once: a marker says it is done)."""
    import json

    from toolkit.books.master import write_master
    from toolkit.model.returns import Answer, FileRecord
    from toolkit.plan_import import parse_plan_file, reference_plan_path
    from toolkit.store import Store
    from toolkit.vocab import USED

    marker = folder / "made.json"
    if marker.is_file():
        return json.loads(marker.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    plan = with_units(parse_plan_file(reference_plan_path()), n_units)
    cons = synthetic(plan, ROUND)
    master = folder / MASTER
    write_master(plan, master)
    answers, units = [], {}
    for t in cons.tasks:
        units[t.unit] = None
        answers += [Answer(f"s{t.unit}", t.unit, f"T{t.task}", f, getattr(t, f), getattr(t, f))
                    for f in ("status", "progress", "narrative", "problems", "next_steps")]
    for f in cons.figures:
        units[f.unit] = None
        answers += [Answer(f"s{f.unit}", f.unit, f.indicator, n, getattr(f, n), getattr(f, n))
                    for n in ("actual", "note", "flag")]
    records = [FileRecord(f"{u}.xlsx", f"/{u}.xlsx", f"s{u}", "2020-12-20 09:00:00", u, ROUND,
                          USED, True) for u in units]
    store = Store.beside(master)
    run = store.record_collection(ROUND, folder, folder / "汇总表.xlsx", {}, records, answers)
    store.complete_run(run)
    made = {"tasks": len(cons.tasks), "figures": len(cons.figures), "units": len(units)}
    marker.write_text(json.dumps(made))
    return made


# --- the children -----------------------------------------------------------------------------
def child_stage(folder: Path, stage: str) -> dict:
    from toolkit import app

    work = {"check": app.check, "summary": app.summarise}[stage]
    result, seconds = measure.timed(lambda: work(folder / MASTER, ROUND))
    outputs = [result.output] if stage == "check" else result.outputs
    return {"cpu": seconds, "outputs": [str(p) for p in outputs]}


def child_floor(folder: Path, stage: str, outputs: str) -> dict:
    """The floor of a stage whose outputs (;-separated) the stage itself wrote just before."""
    from toolkit.store import STORE_NAME

    seconds = measure.read_store(folder / STORE_NAME)
    for path in map(Path, outputs.split(";")):
        if path.suffix == ".xlsx":
            seconds += measure.write_cells(path)
        elif path.suffix == ".docx":
            seconds += measure.write_document(path)
    return {"cpu": seconds}


def measure_size(n: int, folder: Path, repeat: int) -> dict:
    made = prepare(folder, n) if (folder / "made.json").is_file() else \
        measure.child(__file__, "prepare", path=folder, n=n)
    before = measure.load()
    out = {"made": made}
    for stage in ("check", "summary"):
        runs, floors = [], []
        for _ in range(repeat):
            runs.append(measure.child(__file__, stage, path=folder))
            floors.append(measure.child(__file__, "floor", path=folder, stage=stage,
                                        outputs=";".join(runs[-1]["outputs"])))
        out[stage] = {"cpu": measure.median(runs, "cpu"), "peak": max(r["peak_mb"] for r in runs),
                      "floor": measure.median(floors, "cpu"),
                      "floor_peak": max(r["peak_mb"] for r in floors)}
    out["load"] = f"{before} → {measure.load()}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "bench_check_summary")
    parser.add_argument("--child", choices=["prepare", "check", "summary", "floor"])
    parser.add_argument("--path", type=Path)
    parser.add_argument("--n", type=int)
    parser.add_argument("--stage")
    parser.add_argument("--outputs")
    args = parser.parse_args()
    if args.child:
        measure.report({"prepare": lambda: prepare(args.path, args.n),
                        "check": lambda: child_stage(args.path, "check"),
                        "summary": lambda: child_stage(args.path, "summary"),
                        "floor": lambda: child_floor(args.path, args.stage, args.outputs),
                        }[args.child]())
        return
    results = {}
    for n in measure.sizes(args.units):
        repeat = args.repeat if n < 20000 else 1
        got = results[n] = measure_size(n, args.dir / f"u{n}", repeat)
        made = got["made"]
        print(f"{n} 个单位（{made['tasks']} 条任务填报、{made['figures']} 条指标填报；"
              f"{'三次取中位数' if repeat == 3 else f'{repeat} 次'}；{got['load']}）")
        for stage, word in (("check", "核对"), ("summary", "总结")):
            s = got[stage]
            print(f"  {word}：CPU {s['cpu']:.2f} s，下限 {s['floor']:.2f} s，"
                  f"比值 {s['cpu'] / s['floor']:.2f}（目标 ≤ 2）；峰值内存 {s['peak']:.0f} MB"
                  f"（下限 {s['floor_peak']:.0f} MB；目标 < 300）")
    if 1000 in results and 5000 in results:
        for stage, word in (("check", "核对"), ("summary", "总结")):
            grow = results[5000][stage]["cpu"] / results[1000][stage]["cpu"]
            print(f"{word}：5000 个单位 / 1000 个单位 = {grow:.2f}（目标 ≤ 5.5）")


if __name__ == "__main__":
    main()
