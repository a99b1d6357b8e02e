"""Time the whole round (`workplan run`: collect + check + summary) against its floor, the
check and the summary run alone, and `workplan --help`, with peak memory.

    .venv/bin/python benchmarks/bench_run.py [--units 600,1000] [--alone 1000,5000] [--dir DIR]

- run: `toolkit.app.run_round` on a master whose inbox holds one filled return per unit
  (made by the real assignment stage and filled with openpyxl, as bench_collect makes them;
  kept in --dir and reused). The floor is python-calamine reading every sheet of every returned
  file plus XlsxWriter writing the consolidated workbook's cells again (the same values, read
  back beforehand), nothing else. Goal: within 3x of the floor; peak memory under 300 MB at
  1,000 units.
- check and summary alone: `check_round` and `write_summary` on a round recorded in the store
  (a synthetic consolidation of the reference plan with its counties replaced by N units), each
  reading the round from the store and writing its outputs.
- `workplan --help` against `python -c pass`, best of 7. Goal: within 4x.
Each measurement runs in a fresh subprocess, so its peak memory (ru_maxrss) is its own.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ROUND = "年终"


# --- the inbox of returned forms --------------------------------------------------------------
def make_master(folder: Path, n_units: int) -> Path:
    """A master for bench_collect's synthetic plan whose 回收 folder holds the filled returns."""
    from bench_collect import make_inbox, synthetic_plan

    from toolkit.rules.rounds import round_label
    from toolkit.books.master import write_master

    plan = synthetic_plan(n_units)
    inbox = folder / "回收" / round_label(plan.settings.year, ROUND)
    if not inbox.is_dir():
        made = make_inbox(folder / "made", n_units)
        inbox.parent.mkdir(parents=True, exist_ok=True)
        os.replace(made, inbox)
    master = folder / "任务分解总表.xlsx"
    write_master(plan, master)
    return master


def child_run(master: Path) -> dict:
    from toolkit import app

    start = time.perf_counter()
    result = app.run(master, ROUND)
    seconds = time.perf_counter() - start
    assert result.exit_code != 2, result.error
    from bench_collect import _write_floor

    book = Path(result.outputs[0])
    return {"seconds": seconds, "counts": result.counts, "write_floor": _write_floor(book)}


def child_floor(master: Path) -> dict:
    import python_calamine

    from toolkit.rules.rounds import round_label

    inbox = master.parent / "回收" / round_label(2020, ROUND)
    start = time.perf_counter()
    for path in sorted(inbox.iterdir()):
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    return {"seconds": time.perf_counter() - start}


# --- check and summary alone ------------------------------------------------------------------
def child_prepare(folder: Path, n_units: int) -> dict:
    """The master and a round recorded in its store, for the check and summary runs alone."""
    from bench_check_summary import synthetic, with_units

    from toolkit.books.master import write_master
    from toolkit.plan_import import parse_plan_file, reference_plan_path
    from toolkit.model.returns import Answer, FileRecord
    from toolkit.store import Store
    from toolkit.vocab import USED

    plan = with_units(parse_plan_file(reference_plan_path()), n_units)
    cons = synthetic(plan, ROUND)
    master = folder / "任务分解总表.xlsx"
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
    return {"tasks": len(cons.tasks), "figures": len(cons.figures)}


def child_stage(folder: Path, stage: str) -> dict:
    """`app.check` or `app.summarise` alone, in a process of its own (its own peak memory)."""
    from toolkit import app

    work = {"check": app.check, "summary": app.summarise}[stage]
    start = time.perf_counter()
    work(folder / "任务分解总表.xlsx", ROUND)
    return {"seconds": time.perf_counter() - start}


# --- workplan --help ---------------------------------------------------------------------------
def best_command(command: list[str], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def child(kind: str, path: Path, n_units: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--path", str(path),
                          "--n", str(n_units)], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="600,1000")
    parser.add_argument("--alone", default="1000,5000")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_run")
    parser.add_argument("--child", choices=["run", "floor", "prepare", "check", "summary"])
    parser.add_argument("--path", type=Path)
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        work = {"run": lambda: child_run(args.path), "floor": lambda: child_floor(args.path),
                "prepare": lambda: child_prepare(args.path, args.n),
                "check": lambda: child_stage(args.path, "check"),
                "summary": lambda: child_stage(args.path, "summary")}[args.child]
        result = work()
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result, ensure_ascii=False))
        return

    for n in numbers(args.units):
        master = make_master(args.dir / f"u{n}", n)
        floor = child("floor", master, n)
        run = child("run", master, n)
        total_floor = floor["seconds"] + run["write_floor"]
        print(f"workplan run，{n} 个单位：{run['seconds']:.2f} s，峰值内存 {run['peak_mb']:.0f} MB；"
              f"下限（calamine 读取 {floor['seconds']:.2f} s + XlsxWriter 写出 "
              f"{run['write_floor']:.2f} s）{total_floor:.2f} s；比值 {run['seconds'] / total_floor:.2f}"
              f"（目标 ≤ 3）")
    for n in numbers(args.alone):
        with tempfile.TemporaryDirectory() as tmp:
            made = child("prepare", Path(tmp), n)
            check = child("check", Path(tmp), n)
            summary = child("summary", Path(tmp), n)
        print(f"单独运行，{n} 个单位（{made['tasks']} 条任务填报、{made['figures']} 条指标填报）："
              f"核对 {check['seconds']:.2f} s（峰值内存 {check['peak_mb']:.0f} MB），"
              f"总结 {summary['seconds']:.2f} s（峰值内存 {summary['peak_mb']:.0f} MB）")
    workplan = Path(sys.executable).with_name("workplan")
    helps = best_command([str(workplan), "--help"])
    bare = best_command([sys.executable, "-c", "pass"])
    print(f"workplan --help {helps * 1000:.0f} ms，python -c pass {bare * 1000:.0f} ms，"
          f"比值 {helps / bare:.1f}（目标 ≤ 4）")


if __name__ == "__main__":
    main()
