"""Time the whole round (`workplan run`: collect + check + summary) stage by stage against its
floor, with peak memory, and `workplan --help` against `python -c pass`.

    .venv/bin/python benchmarks/bench_run.py [--units 100,1000,5000] [--repeat 3] [--dir DIR]

- The round: a synthetic plan of 40 tasks with N responsible units (20 offices, 12 counties and
  N-32 schools), one return per unit in 回收, made by the real assignment stage and filled with
  openpyxl (bench_collect.make_inbox; made once per size under --dir and reused: 20,000 units
  take about 20 minutes on two cores). Every run starts from no store and no outputs.
- `app.run` in a process of its own (benchmarks/measure.py), `--repeat` times (20,000 units:
  once), the median printed with the machine's load. CPU time counts the reader processes.
  The stages: reading (the files examined in reader processes: `collect_inbox`), checking
  (`evaluate`), the consolidated workbook and the store (`_publish`), the summary (`_summarise`);
  the peak memory printed beside a stage is the process's peak by the end of that stage.
- Floors: reading, python-calamine reading every sheet of every returned file; the
  consolidated workbook and the summary, XlsxWriter (constant memory) writing the same cells
  again (and the document's text deflated). The run's floor is their sum.
- `workplan --help` against `python -c pass`, best of 7.
Goals: every stage within 2x of its floor, the run too; peak memory under 300 MB; 5,000 units
within 5.5x the time of 1,000; `--help` within 4x.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import measure  # noqa: E402
from measure import ROUND  # noqa: E402

MASTER = "任务分解总表.xlsx"
STAGES = (("master", "读取总表"), ("read", "读取与核查报回文件"), ("check", "核对"), ("write", "写汇总表与台账"),
          ("summary", "年终总结"))


def make_master(folder: Path, n_units: int) -> Path:
    """A master for bench_collect's synthetic plan whose 回收 folder holds the filled returns."""
    from bench_collect import make_inbox, synthetic_plan

    from toolkit.books.master import write_master
    from toolkit.rules.rounds import round_label

    plan = synthetic_plan(n_units)
    inbox = folder / "回收" / round_label(plan.settings.year, ROUND)
    if not inbox.is_dir():
        made = make_inbox(folder / "made", n_units)
        inbox.parent.mkdir(parents=True, exist_ok=True)
        os.replace(made, inbox)
    master = folder / MASTER
    write_master(plan, master)
    return master


def fresh(folder: Path) -> None:
    """No store and no outputs: every run collects the round as the first one does."""
    for name in ("workplan.sqlite", "workplan.sqlite-wal", "workplan.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    for name in ("汇总", "总结"):
        shutil.rmtree(folder / name, ignore_errors=True)


# --- the children -----------------------------------------------------------------------------
def child_run(master: Path) -> dict:
    import toolkit.check
    import toolkit.collect
    from toolkit import app

    stages = {name: 0.0 for name, _ in STAGES}
    peak = {}

    def timed(name, func):
        def run(*args, **kwargs):
            start = measure.cpu()
            try:
                return func(*args, **kwargs)
            finally:
                stages[name] += measure.cpu() - start
                peak[name] = measure.peaks()["peak_mb"]
        return run

    # the hall imports these from the packages when it runs: the timed ones are found there
    toolkit.collect.__dict__["collect_inbox"] = timed("read", toolkit.collect.collect_inbox)
    toolkit.check.__dict__["evaluate"] = timed("check", toolkit.check.evaluate)
    app._load = timed("master", app._load)
    app._publish = timed("write", app._publish)
    app._summarise = timed("summary", app._summarise)
    fresh(master.parent)
    result, seconds = measure.timed(lambda: app.run(master, ROUND))
    assert result.exit_code != 2, result.error
    return {"cpu": seconds, "stages": stages, "stage_peaks": peak, "outputs": result.outputs,
            "counts": result.counts}


def child_floor(master: Path, outputs: str) -> dict:
    from toolkit.rules.rounds import round_label

    inbox = master.parent / "回收" / round_label(2020, ROUND)
    floors = {"master": measure.read_book(master), "read": measure.read_files(inbox),
              "check": 0.0, "write": 0.0, "summary": 0.0}
    for path in map(Path, outputs.split(";")):
        if path.suffix == ".docx":
            floors["summary"] += measure.write_document(path)
        elif path.parent.name == "汇总" or "汇总" in path.name:
            floors["write"] += measure.write_cells(path)
        else:
            floors["summary"] += measure.write_cells(path)
    return {"cpu": sum(floors.values()), "stages": floors}


# --- workplan --help ---------------------------------------------------------------------------
def best_command(command: list[str], repeat: int = 7) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def measure_size(n: int, folder: Path, repeat: int) -> dict:
    master = make_master(folder, n)
    for path in (master.parent / "回收").rglob("*"):  # the page cache warm for every run
        if path.is_file():
            path.read_bytes()
    before = measure.load()
    runs, floors = [], []
    for _ in range(repeat):
        runs.append(measure.child(__file__, "run", path=master))
        floors.append(measure.child(__file__, "floor", path=master,
                                    outputs=";".join(runs[-1]["outputs"])))
    middle = sorted(runs, key=lambda r: r["cpu"])[len(runs) // 2]
    return {"run": middle, "cpu": measure.median(runs, "cpu"),
            "peak": max(r["peak_mb"] for r in runs),
            "reader_peak": max(r["reader_peak_mb"] for r in runs),
            "floor": measure.median(floors, "cpu"),
            "floor_stages": {k: measure.median([f["stages"] for f in floors], k)
                             for k, _ in STAGES},
            "floor_peak": max(r["peak_mb"] for r in floors),
            "load": f"{before} → {measure.load()}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench_run")
    parser.add_argument("--child", choices=["run", "floor"])
    parser.add_argument("--path", type=Path)
    parser.add_argument("--outputs")
    args = parser.parse_args()
    if args.child:
        measure.report({"run": lambda: child_run(args.path),
                        "floor": lambda: child_floor(args.path, args.outputs)}[args.child]())
        return
    results = {}
    for n in measure.sizes(args.units):
        repeat = args.repeat if n < 20000 else 1
        got = results[n] = measure_size(n, args.dir / f"u{n}", repeat)
        run = got["run"]
        print(f"workplan run，{n} 个单位（{'三次取中位数' if repeat == 3 else f'{repeat} 次'}；"
              f"{got['load']}）：CPU {got['cpu']:.2f} s，下限 {got['floor']:.2f} s，"
              f"比值 {got['cpu'] / got['floor']:.2f}（目标 ≤ 2）；峰值内存 {got['peak']:.0f} MB"
              f"（读取进程 {got['reader_peak']:.0f} MB；下限 {got['floor_peak']:.0f} MB；"
              f"目标 < 300）")
        for key, word in STAGES:
            cpu, floor = run["stages"][key], got["floor_stages"][key]
            ratio = f"，比值 {cpu / floor:.2f}" if floor else "（无下限：计算）"
            print(f"  {word}：CPU {cpu:.2f} s，下限 {floor:.2f} s{ratio}；"
                  f"至此峰值内存 {run['stage_peaks'].get(key, 0):.0f} MB")
    if 1000 in results and 5000 in results:
        grow = results[5000]["cpu"] / results[1000]["cpu"]
        print(f"workplan run：5000 个单位 / 1000 个单位 = {grow:.2f}（目标 ≤ 5.5）")
    workplan = Path(sys.executable).with_name("workplan")
    helps = best_command([str(workplan), "--help"])
    bare = best_command([sys.executable, "-c", "pass"])
    print(f"workplan --help {helps * 1000:.0f} ms，python -c pass {bare * 1000:.0f} ms，"
          f"比值 {helps / bare:.1f}（目标 ≤ 4）")


if __name__ == "__main__":
    main()
