"""`workplan demo [DIR]`: the whole pipeline on the built-in reference plan, with simulated returns.

Import → the administrator's usual edits → assignment (年终) → simulated returned workbooks
(most units on time with plausible figures and narratives; two late, two missing, a few with
typical faults) → collect, check and summary. Every output stays in DIR for a newcomer to open.
The simulated answers are generated from a fixed seed, so a rerun gives the same result.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from toolkit.books.form import layout as F
from toolkit.rules.rounds import round_share
from toolkit.common.stable import freeze_zip
from toolkit.model.plan import AGG_LEAD, AGG_SUM, KIND_COUNTY, Plan
from toolkit.vocab import PREVIOUS, ROLE_LABELS, ROLE_LEAD

ROUND = "年终"
SEED = 2020
MISSING = ("建宁县教育局", "装备站")  # never report: the 催报 list
LATE = ("泰宁县教育局", "统战部")  # report after the due date
# leaves blank its share of a summed count (新增学位): 报送不全, and on the 催报 list
PARTLY = {"沙县教育局": "计划新增学位4700个"}
REPEATS = ("明溪县教育局",)  # after the first round: sends the pre-filled form back unchanged
# after the first round: types the second half's places, less than it reported at mid-year
DOWN = {"大田县教育局": "计划新增学位8640个"}
VOCATIONAL = ["三明市农业学校", "三明工贸学校"]  # the administrator fills the empty group
CONTACT = "市教育局办公室 李明 0598-8224567"


@dataclass
class DemoResult:
    folder: Path
    master: Path
    outbox: Path
    inbox: Path
    run: object = None
    returned: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        counts = self.run.counts if self.run else {}
        lines = [
            f"演示完成（模拟数据），全部文件在：{self.folder}",
            f"  任务分解总表：{self.master.name}",
            f"  下发的任务表：{self.outbox.relative_to(self.folder)}",
            f"  模拟报回文件：{self.inbox.relative_to(self.folder)}（{len(self.returned)} 个）",
        ]
        for path in self.run.outputs if self.run else []:
            lines.append(f"  输出：{Path(path).relative_to(self.folder)}")
        if counts:
            lines.append(
                f"  应报 {counts.get('expected', 0)} 个单位，已报 {counts.get('reported', 0)}，"
                f"未报 {counts.get('missing', 0)}，逾期 {counts.get('late', 0)}，"
                f"问题 {counts.get('problems', 0)} 条"
            )
            statuses = "，".join(f"{k} {v}" for k, v in counts.get("indicators", {}).items() if v)
            lines.append(f"  指标核对：{statuses}")
        return lines


def run_demo(folder: str | Path = "demo") -> DemoResult:
    from toolkit import app

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    master = folder / "三明市教育局2020年工作要点_任务分解总表.xlsx"
    app.import_plan(None, master, force=True)
    administrator_edits(master)
    return simulate_round(master, ROUND)


def simulate_round(master: Path, round_name: str) -> DemoResult:
    """One round of the demo year on `master`: forms out, simulated returns in, the run."""
    from toolkit import app

    assigned = app.assign(master, round_name, force=True)
    plan = app.read_master(master)
    inbox = app.folders(master, round_name)["inbox"]
    returned = simulate_returns(assigned.files, inbox, plan, round_name)
    result = DemoResult(master.parent, master, assigned.out_dir, inbox, returned=returned)
    result.run = app.run(master, round_name)
    return result


def administrator_edits(master: Path) -> None:
    """What an administrator does after import: contact, the vocational group, an allocation."""
    import openpyxl

    book = openpyxl.load_workbook(master)
    settings = book["设置"]
    for row in settings.iter_rows(min_col=1, max_col=2):
        if row[0].value == "联系人及电话":
            row[1].value = CONTACT
    units = book["单位"]
    for name in VOCATIONAL:
        units.append([name, "职业院校", None, "职业院校", None])
    allocation = book["分解"]
    counties = [u for u in _units_of_kind(book, KIND_COUNTY)]
    shares = _split_evenly(8640, len(counties))
    indicator = _indicator_key(book, "计划新增学位8640个")
    for county, share in zip(counties, shares):
        allocation.append([indicator, "新增学位", county, share])
    book.save(master)
    freeze_zip(master)


def _units_of_kind(book, kind: str) -> list[str]:
    return [r[0] for r in book["单位"].iter_rows(min_row=2, max_col=2, values_only=True)
            if r[0] and r[1] == kind]


def _indicator_key(book, source: str) -> str:
    for row in book["指标"].iter_rows(min_row=2, values_only=True):
        if row[-1] == source:
            return row[0]
    raise LookupError(source)


def _split_evenly(total: int, parts: int) -> list[int]:
    base = total // parts
    return [base + (1 if i < total - base * parts else 0) for i in range(parts)]


# --- simulated returns ---------------------------------------------------------------------
PROBLEMS = [
    "专项资金拨付进度偏慢，个别项目开工推迟。",
    "基层专业技术人员不足，工作力量较为薄弱。",
    "部分学校场地条件有限，推进难度较大。",
    "",
    "",
]
NEXT_STEPS = [
    "下一步将加强督促检查，确保各项任务按期完成。",
    "明年将继续巩固成果，建立长效机制。",
    "将加强与相关部门沟通协调，争取更多政策和资金支持。",
]


def simulate_returns(files, inbox: Path, plan: Plan, round_name: str = ROUND) -> list[str]:
    """Fill the assignment workbooks as the units would, and drop them into the inbox."""
    if inbox.exists():
        shutil.rmtree(inbox)
    inbox.mkdir(parents=True)
    round_ = plan.settings.round(round_name)
    due, share = round_.due, round_share(round_)
    figures = simulated_figures(plan, share)
    names = []
    for number, entry in enumerate(files):
        if entry.unit in MISSING:
            continue
        rng = random.Random(f"{SEED}-{entry.unit}")
        target = inbox / _sender_name(entry.unit, number)
        later = _prefilled(Path(entry.path))  # a round after the unit's first
        if later and entry.unit in REPEATS:
            _send_back_unchanged(Path(entry.path), target, entry.unit, rng)
        else:
            _fill(Path(entry.path), target, entry.unit, plan, rng, figures, share, later)
        when = due + timedelta(days=6) if entry.unit in LATE else due - timedelta(days=number % 9)
        stamp = datetime(when.year, when.month, when.day, 16, 30).timestamp()
        os.utime(target, (stamp, stamp))
        names.append(target.name)
    return names


def _sender_name(unit: str, number: int) -> str:
    styles = ["{u}年终报送.xlsx", "{u}-2020年度工作要点完成情况.xlsx", "附件{n}_{u}.xlsx",
              "{u}（定稿）.xlsx"]
    return styles[number % len(styles)].format(u=unit, n=number + 1)


def _fill(source: Path, target: Path, unit: str, plan: Plan, rng: random.Random,
          figures: dict, share: float = 1.0, later: bool = False) -> None:
    import openpyxl

    book = openpyxl.load_workbook(source)
    _fill_tasks(book[F.SHEET_TASKS], plan, unit, rng, share)
    previous = _actuals(book[F.SHEET_FIGURES])  # the pre-filled answers of the last round
    _fill_figures(book[F.SHEET_FIGURES], plan, unit, figures)
    _fill_info(book[F.SHEET_INFO], unit, rng)
    _typical_faults(book, unit, plan, previous if later else {})
    book.save(target)
    freeze_zip(target)


def _send_back_unchanged(source: Path, target: Path, unit: str, rng: random.Random) -> None:
    """The form as it came, pre-filled with the last round's answers: only 填报信息 typed."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    _fill_info(book[F.SHEET_INFO], unit, rng)
    book.save(target)
    freeze_zip(target)


def _prefilled(path: Path) -> bool:
    """The form carries the unit's answers of an earlier round (its 上期 columns)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        header = next(book[F.SHEET_TASKS].iter_rows(min_row=F.HEADER_ROW, max_row=F.HEADER_ROW,
                                                   values_only=True))
        return any(str(v or "").startswith(PREVIOUS) for v in header)
    finally:
        book.close()


def _actuals(ws) -> dict[str, object]:
    return {cells["key"].value: cells["actual"].value for cells in _rows(ws, F.FIGURE_COLUMNS)}


def _rows(ws, fields_of):
    """(row number, {field: cell}) for the data rows of a form table, found by its 行键 header."""
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == F.KEY_HEADER)
    columns = {f: i + 1 for i, (_, f, _) in enumerate(fields_of)}
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            yield {f: ws.cell(r, c) for f, c in columns.items()}


def _fill_tasks(ws, plan: Plan, unit: str, rng: random.Random, share: float = 1.0) -> None:
    """At the year end most tasks are done; at an earlier round a few are, most are near the
    round's share and some behind it."""
    final = share >= 1
    expected = round(share * 100 / 10) * 10
    interim = [max(0, expected + d) for d in (-20, 0, 0, 10, 10, 20)]
    for cells in _rows(ws, F.TASK_COLUMNS):
        task = plan.task(int(str(cells["key"].value).lstrip("T")))
        lead = cells["role"].value == ROLE_LABELS[ROLE_LEAD]
        done = rng.random() < (0.85 if final else 0.15)
        cells["status"].value = "已完成" if done else "推进中"
        cells["progress"].value = 100 if done else rng.choice([60, 70, 80, 90] if final else interim)
        cells["narrative"].value = _narrative(task.title, unit, lead, done, rng, final)
        cells["problems"].value = rng.choice(PROBLEMS)
        cells["next_steps"].value = rng.choice(NEXT_STEPS)


def _narrative(title: str, unit: str, lead: bool, done: bool, rng: random.Random,
               final: bool = True) -> str:
    meetings = rng.randint(2, 6)
    if lead:
        text = (f"牵头制定“{title}”年度工作方案，召开专题推进会{meetings}次，"
                f"建立任务台账、按月调度。")
    else:
        text = f"结合本单位实际，配合推进“{title}”，明确责任人，开展督查{meetings}次。"
    if done:
        return text + "全年任务已按计划完成。"
    return text + ("主要工作正在推进，部分事项跨年度实施。" if final else "各项工作正按计划推进。")


def _fill_figures(ws, plan: Plan, unit: str, figures: dict) -> None:
    for cells in _rows(ws, F.FIGURE_COLUMNS):
        reported = figures.get(cells["key"].value, {})
        if unit in reported:
            cells["actual"].value = reported[unit]
        else:
            cells["note"].value = "由牵头单位汇总填报" if len(reported) == 1 else "由各县(市、区)、学校填报"


def simulated_figures(plan: Plan, share: float = 1.0) -> dict[str, dict[str, float]]:
    """indicator key -> {unit: figure}: the lead reports rates, group members report counts.

    Most targets are met; a fixed few fall short, so the check has something to show. Before
    the year end, sums are `share` of the year's.
    """
    short = {i.key for i in random.Random(SEED).sample(plan.indicators, 4)}
    out = {}
    for indicator in plan.indicators:
        rng = random.Random(f"{SEED}-{indicator.key}")
        factor = rng.uniform(0.85, 0.95) if indicator.key in short else rng.uniform(1.0, 1.15)
        reporters = _reporters(plan, indicator)
        if indicator.aggregation == AGG_SUM:
            values = _split_total(plan, indicator, reporters, indicator.value * factor * share, rng)
        elif indicator.comparator == "<=":
            values = {u: indicator.value * rng.uniform(0.7, 1.0) for u in reporters}
        else:
            values = {u: indicator.value * factor * rng.uniform(1.0, 1.05) for u in reporters}
        out[indicator.key] = {u: _round_like(v, indicator) for u, v in values.items()}
    return out


def _reporters(plan: Plan, indicator) -> list[str]:
    """Who reports a figure: the lead for rates, else the members of the task's groups."""
    task = plan.task(indicator.task)
    if indicator.aggregation == AGG_LEAD:
        return [task.lead] if plan.group(task.lead) is None else plan.expand(task.lead)
    members = [m for name in task.units if plan.group(name) for m in plan.expand(name)]
    return [m for m in members if m not in MISSING] or plan.expand(task.lead)


def _split_total(plan: Plan, indicator, reporters: list[str], total: float,
                 rng: random.Random) -> dict[str, float]:
    weights = [F.unit_target(plan, indicator, u) if _allocated(plan, indicator, u)
               else rng.uniform(0.6, 1.4) for u in reporters]
    scale = total / sum(weights)
    values = {u: w * scale for u, w in zip(reporters, weights)}
    if indicator.unit in ("个", "所", "名", "项", "人"):
        values = _whole_numbers(values, round(total), rng)
    return values


def _allocated(plan: Plan, indicator, unit: str) -> bool:
    return any(a.indicator == indicator.key and a.unit == unit for a in plan.allocations)


def _whole_numbers(values: dict[str, float], total: int, rng: random.Random) -> dict[str, float]:
    """Whole counts that add up to `total` (small targets: some units report 0)."""
    floors = {u: int(v) for u, v in values.items()}
    left = total - sum(floors.values())
    for unit in rng.sample(sorted(values), k=min(max(left, 0), len(values))):
        floors[unit] += 1
    return {u: float(v) for u, v in floors.items()}


def _round_like(value: float, indicator) -> float:
    if indicator.unit == "%":
        return min(round(value, 1), 100.0)
    if indicator.unit in ("亿元", "万平方米"):
        return round(value, 2)
    return float(round(value))


def _fill_info(ws, unit: str, rng: random.Random) -> None:
    surname = rng.choice("王李张刘陈杨黄吴林郑")
    values = {
        "reporter": f"{surname}{rng.choice(['伟', '芳', '敏', '静', '磊', '洁'])}",
        "phone": f"0598-{rng.randint(5000000, 8999999)}",
        "reviewer": f"{rng.choice('王李张刘陈')}副局长" if unit.endswith("教育局") else "分管领导",
        # filled in on the day the forms are made: a 填报日期 before they were issued is a problem
        "date": datetime.combine(date.today(), datetime.min.time()),
    }
    for r in range(1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        for text, name, _ in F.INFO_ROWS:
            if label == text and name in values:
                ws.cell(r, 2).value = values[name]


def _typical_faults(book, unit: str, plan: Plan, previous: dict) -> None:
    """A few returns carry the mistakes clerks really make, for the problem list to show;
    `previous`: the figures the form came pre-filled with (a round after the first)."""
    tasks, figures = book[F.SHEET_TASKS], book[F.SHEET_FIGURES]
    by_source = {i.source: i.key for i in plan.indicators}
    if unit in PARTLY:  # its share of a summed count left blank
        for cells in _rows(figures, F.FIGURE_COLUMNS):
            if cells["key"].value == by_source.get(PARTLY[unit]):
                cells["actual"].value = None
    if unit in DOWN and previous:  # the second half's figure instead of the year's
        for cells in _rows(figures, F.FIGURE_COLUMNS):
            before = previous.get(cells["key"].value)
            if cells["key"].value == by_source.get(DOWN[unit]) and isinstance(before, (int, float)):
                cells["actual"].value = max(0, round(before * 0.6))
    if unit == "尤溪县教育局":  # a figure typed as text with a thousands separator
        for cells in _rows(figures, F.FIGURE_COLUMNS):
            value = cells["actual"].value
            if isinstance(value, (int, float)) and value >= 1000:
                cells["actual"].value = f"{int(value):,}"
                break
    if unit == "宣传部":  # 已完成 with progress under 100%
        first = next(_rows(tasks, F.TASK_COLUMNS))
        first["status"].value, first["progress"].value = "已完成", 80
    if unit == "三明学院":  # a narrative that starts like a formula, and no phone number
        first = next(_rows(tasks, F.TASK_COLUMNS))
        first["narrative"].value = "=全年共培训教师1200人次，完成率100%。"
        first["narrative"].data_type = "s"  # typed as text, as a pasted line would be
        info = book[F.SHEET_INFO]
        for r in range(1, info.max_row + 1):
            if info.cell(r, 1).value == "联系电话":
                info.cell(r, 2).value = None
