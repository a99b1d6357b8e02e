"""Time the check and the summary on the reference plan and on a plan with 1,000 units.

    .venv/bin/python benchmarks/bench_check_summary.py [--units 1000] [--repeat 3]

The consolidation is synthetic (every unit answers every task and figure it has, with
plausible values); the figures printed are the best of `--repeat` runs, in seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from toolkit.check import evaluate
from toolkit.collect.index import CollectIndex
from toolkit.collect.rounds import CollectedRound
from toolkit.books.consolidated.writer import write_consolidated
from toolkit.model.returns import (
    Consolidation,
    FigureAnswer,
    Submission,
    TaskAnswer,
)
from toolkit.model.plan import KIND_COUNTY, Plan, Unit
from toolkit.plan_import import parse_plan_file, reference_plan_path
from toolkit.summary import render_summary

COUNTIES = "各县(市、区)教育局"


def with_units(plan: Plan, count: int) -> Plan:
    """The plan with its county group replaced by `count` synthetic counties."""
    group = plan.group(COUNTIES)
    old = set(group.members)
    names = [f"第{i:04d}县教育局" for i in range(1, count + 1)]
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


def best(repeat: int, func):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = func()
        times.append(time.perf_counter() - start)
    return min(times), value


def bench(label: str, plan: Plan, repeat: int) -> None:
    cons = synthetic(plan, "年终")
    index = CollectIndex(plan)
    collected = CollectedRound("年终", cons, [], [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = folder / "汇总表.xlsx"
        t_eval, ev = best(repeat, lambda: evaluate(plan, cons, "年终"))
        t_book, _ = best(repeat, lambda: write_consolidated(book, index, collected, ev,
                                                            plan.display_title))
        t_summary, result = best(
            repeat, lambda: render_summary(plan, cons, ev, folder / "总结"))
        sizes = "，".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in result.outputs)
    print(f"{label}: {len(plan.responsible_units())} 个单位，{len(plan.tasks)} 项任务，"
          f"{len(plan.indicators)} 项指标，{len(cons.tasks)} 条任务填报，{len(cons.figures)} 条指标填报")
    print(f"  核对计算 {t_eval:.3f} s；写出汇总表（含核对工作表）{t_book:.3f} s；"
          f"生成总结（xlsx+docx）{t_summary:.3f} s；{sizes}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    bench("参考工作要点", parse_plan_file(reference_plan_path()), args.repeat)
    big = with_units(parse_plan_file(reference_plan_path()), args.units)
    bench(f"{args.units} 个县级单位", big, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
