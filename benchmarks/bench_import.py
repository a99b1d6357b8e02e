"""Time the import of the reference plan and of a synthetic plan of 1,000 tasks.

    python benchmarks/bench_import.py

Prints parse, master-write and master-read times (best of a few runs).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from toolkit.master import load_master, write_master
from toolkit.plan_import import parse_plan_text, reference_plan_path
from toolkit.plan_import.source import read_plan_source

SECTIONS = "一二三四五六七八九十"


def synthetic_plan(tasks: int = 1000) -> str:
    lines = ["某市教育局2021年工作要点", "各县(市、区)教育局,某某学院:", "现将工作要点印发给你们。"]
    per_section = tasks // len(SECTIONS)
    n = 0
    for s in SECTIONS:
        lines.append(f"{s}、第{s}部分工作")
        for _ in range(per_section):
            n += 1
            lines.append(
                f"{n}.推进第{n}项工作。实施建设项目{n % 50 + 1}个，计划新增学位{n * 10}个，"
                f"争取省级以上补助资金{n / 100:.2f}亿元以上，力争就业率达97%以上，"
                f"“大班额”控制在2%以内。〔责任单位:办公室、人事科,各县(市、区)教育局"
            )
    return "\n".join(lines)


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(label: str, text: str) -> None:
    plan = parse_plan_text(text)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "master.xlsx"
        parse = best(lambda: parse_plan_text(text))
        write = best(lambda: write_master(plan, path))
        read = best(lambda: load_master(path), runs=3)
    print(f"{label}: {len(plan.tasks)} tasks, {len(plan.indicators)} indicators, "
          f"{len(plan.units)} units")
    print(f"  parse {parse * 1000:8.1f} ms   write master {write * 1000:8.1f} ms   "
          f"read master {read * 1000:8.1f} ms   total {(parse + write) * 1000:8.1f} ms")


def main() -> None:
    measure("reference plan", read_plan_source(reference_plan_path()))
    measure("synthetic plan", synthetic_plan(1000))


if __name__ == "__main__":
    main()
