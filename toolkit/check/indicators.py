"""Per-indicator results: aggregate the units' figures and compare them with the target."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from toolkit.rules import aggregation, targets
from toolkit.check.figures import Reading, read_figure
from toolkit.vocab import BEHIND, EXCEEDED, GOOD_STATUSES, INCOMPLETE, MISSED, NOT_REPORTED, TO_VERIFY
from toolkit.rules.aggregation import contributors, every_unit_must_reach, group_members, lead_unit
from toolkit.rules.numbers import fmt_number, shown  # noqa: F401 - figures as people write them
from toolkit.books.form.layout import correction_text
from toolkit.check import attribution, city
from toolkit.model.returns import Consolidation, FigureAnswer
from toolkit.model.plan import (
    ABOUT,
    AGG_LEAD,
    AGG_MEAN,
    AGG_MIN,
    AGG_SUM,
    AT_LEAST,
    AT_MOST,
    COMPARATOR_WORDS,
    Indicator,
    Plan,
)
from toolkit.vocab import (
    CITY,
    basis_reached,
)


@dataclass(slots=True)
class UnitFigure:
    """One unit's figure for one indicator, with its own target where it has one."""

    unit: str
    role: str
    value: float | None
    reported: float | None
    target: float | None = None  # the unit's own target: its allocation, or the city's rate
    expected: float | None = None  # pro-rated own target
    status: str = ""  # the unit's own status against its own target
    issue: str = ""
    note: str = ""


@dataclass
class IndicatorResult:
    key: str
    task: int
    section: str
    name: str
    unit: str
    comparator: str
    target: float
    soft: bool
    deadline: str
    source: str
    aggregation: str
    due: float  # share of the target due at this round (1 at the deadline)
    expected: float  # what this round should show
    actual: float | None
    rate: float | None  # actual / annual target
    status: str
    from_unit: str = ""  # the unit the city figure was taken from (牵头单位)
    basis: str = ""  # 牵头单位报全市数 / 各单位合计（已报 9/12）/ 管理员核实 / 各单位达标 2/3
    members_sum: float | None = None  # the members' sum beside a lead's city total
    reached_units: list[str] = field(default_factory=list)  # each unit must reach: who did
    below_units: list[str] = field(default_factory=list)  # …and who did not
    lead: str = ""  # the task's single lead unit, if any
    lead_behind: str = ""  # the lead, named because the city figure misses (check.attribution)
    findings: list[str] = field(default_factory=list)  # cross-checks that do not undo the figure
    expected_units: list[str] = field(default_factory=list)
    reported_units: list[str] = field(default_factory=list)
    missing_units: list[str] = field(default_factory=list)
    lagging_units: list[str] = field(default_factory=list)  # owners of a share that fall short
    issues: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    units: list[UnitFigure] = field(default_factory=list)  # emptied by evaluate() once counted

    @property
    def target_text(self) -> str:
        """'不低于900个'; '力争不低于95%' for a soft target (力争, 争取)."""
        words = COMPARATOR_WORDS.get(self.comparator, self.comparator)
        soft = "力争" if self.soft else ""
        return f"{soft}{words}{fmt_number(self.target)}{self.unit}"

    @property
    def named_behind(self) -> list[str]:
        """Every unit the documents name behind this figure (check.attribution): the lead
        when the city figure misses, then the owners of a share that fall short."""
        lead = [self.lead_behind] if self.lead_behind else []
        return lead + [u for u in self.lagging_units if u not in lead]

    @property
    def remark(self) -> str:
        return "；".join(self.issues + self.findings + self.notes)

    def to_json(self) -> dict:
        data = asdict(self)
        data["target_text"] = self.target_text
        return data


@dataclass(slots=True)
class AllocationResult:
    """One row of the 分解 check: a unit's allocation, or the total (unit 合计)."""

    indicator: str
    name: str
    unit: str
    measure: str  # unit of measure
    allocation: float
    expected: float
    actual: float | None
    rate: float | None
    status: str
    note: str = ""


class Context:
    """What every indicator needs: the plan, the round, each indicator's answers when asked."""

    def __init__(self, plan: Plan, consolidation: Consolidation, share: float, final: bool):
        self.plan = plan
        self.consolidation = consolidation
        self.share = share
        self.final = final
        self.tolerance = plan.settings.tolerance if plan.settings.tolerance is not None else 0.05
        self.canonical = plan.canonical_names()
        self.allocations: dict[str, dict[str, float]] = {}
        for a in plan.allocations:
            unit = self.canonical.get(a.unit, a.unit)
            self.allocations.setdefault(a.indicator, {})[unit] = a.value
        self.order = {name: i for i, name in enumerate(u.name for u in plan.units)}

    def roles(self, number: int) -> dict[str, str]:
        """unit -> role in task `number` (made when asked: thousands of units a task)."""
        task = self.plan.task(number)
        return dict(self.plan.task_units(task)) if task else {}

    def answers(self, key: str) -> tuple[dict[str, FigureAnswer], FigureAnswer | None]:
        """An indicator's answers by unit, and the city figure the administrator decided."""
        by_unit, city_figure = {}, None
        for answer in self.consolidation.figure_answers(key):
            if answer.unit == CITY:
                city_figure = answer
            else:
                by_unit[self.canonical.get(answer.unit, answer.unit)] = answer
        return by_unit, city_figure

    def sort_units(self, names) -> list[str]:
        return sorted(names, key=lambda n: (self.order.get(n, len(self.order)), n))


def decided(status: str, method: str, comparator: str) -> bool:
    """Would the status stand whatever the units that did not report send later?

    Reported values are never negative (negatives are suspicious), so a partial sum can only
    grow and the weakest unit can only get weaker.
    """
    if method == AGG_SUM:
        if comparator == AT_LEAST:
            return status in GOOD_STATUSES
        if comparator == AT_MOST:
            return status in (MISSED, BEHIND)
        if comparator == ABOUT:
            return status == EXCEEDED
        return False
    if method == AGG_MIN:
        return status in (MISSED, BEHIND)
    return method == AGG_LEAD


def evaluate_indicator(ctx: Context, ind: Indicator) -> tuple[IndicatorResult, list]:
    """The indicator's result and, when it is allocated, its 分解 rows."""
    plan, tol = ctx.plan, ctx.tolerance
    method, method_note = aggregation.effective_aggregation(ind, plan)
    lead = lead_unit(plan, ind.task)
    units = contributors(plan, ind, method, list(ctx.allocations.get(ind.key, {})))
    answers, decided_city = ctx.answers(ind.key)
    due = targets.due_share(ctx.share, ind.deadline)
    cumulative = targets.prorates(ind.name, ind.unit, ind.comparator)
    final = ctx.final or due >= 1.0
    figures = unit_figures(ctx, ind, method, units, answers, due, cumulative, final)

    values = {u: figures[u].value for u in units if city.usable(figures[u])}
    suspicious = [u for u in units if figures[u].issue]
    missing = [u for u in units if figures[u].value is None and not figures[u].issue]
    issues = [f"{u}：{figures[u].issue}" for u in suspicious]
    notes = [method_note] if method_note else []
    notes += [f"{u}：{figures[u].note}" for u in units if figures[u].note]

    found = city.city_figure(method, city.Inputs(figures, units, values, missing, lead,
                                                 ind.comparator, tol))
    notes += found.notes
    members, reached, below = reaching(plan, ind, method, units, figures, tol)
    if members:
        notes.append(basis_reached(len(reached), len(members))
                     + (f"，未达到：{'、'.join(below)}" if below else ""))
    if method == AGG_MIN and found.shown is None:  # never the weakest as the city's figure
        found.basis = basis_reached(len(reached), len(members))
    if decided_city is not None and decided_city.actual is not None:  # the administrator's
        found = city.decided(float(decided_city.actual), correction_text(decided_city.corrected))
        issues, notes = [], notes + found.notes

    expected = targets.expected_value(ind.value, due, cumulative)
    status = city_status(found, ind, expected, tol, final, method, lead, answers, issues,
                         suspicious, missing, notes)
    result = IndicatorResult(
        key=ind.key, task=ind.task, section=_section(plan, ind), name=ind.name,
        unit=ind.unit, comparator=ind.comparator, target=ind.value, soft=ind.soft,
        deadline=ind.deadline, source=ind.source, aggregation=method, due=due,
        expected=expected, actual=found.shown,
        rate=targets.completion_rate(found.shown, ind.value, ind.comparator), status=status,
        from_unit=found.from_unit, basis=found.basis, members_sum=found.members_sum,
        reached_units=reached, below_units=below, lead=lead or "", findings=found.findings,
        expected_units=list(units), reported_units=[u for u in units if u in values],
        missing_units=missing, issues=issues, notes=notes, units=list(figures.values()),
    )
    allocated = ctx.allocations.get(ind.key)
    result.lagging_units = attribution.behind_owners(figures, allocated or (), members,
                                                     ind.value, ind.comparator, tol)
    result.lead_behind = attribution.lead_named(status, lead)
    rows = allocation_rows(ctx, ind, figures, due, cumulative, final) if allocated else []
    if rows and rows[-1].note:
        result.notes.append(rows[-1].note)
    return result, rows


def _section(plan: Plan, ind: Indicator) -> str:
    task = plan.task(ind.task)
    return task.section if task else ""


def unit_figures(ctx: Context, ind: Indicator, method: str, units, answers, due, cumulative,
                 final) -> dict[str, UnitFigure]:
    """Every unit's figure, judged against its own target where it has one: its allocation,
    or the city's rate for 平均/最小值/牵头单位."""
    allocated = ctx.allocations.get(ind.key, {})
    roles = ctx.roles(ind.task)
    figures: dict[str, UnitFigure] = {}
    for name in ctx.sort_units(set(units) | set(answers)):
        own = allocated.get(name)
        if own is None and method in (AGG_MEAN, AGG_MIN, AGG_LEAD):
            own = ind.value  # each unit's own rate is held against the city's
        reading: Reading = read_figure(answers.get(name), ind, own)
        fig = UnitFigure(name, roles.get(name, ""), reading.value, reading.reported, own,
                         issue=reading.issue, note=reading.note)
        if own is not None:
            fig.expected = targets.expected_value(own, due, cumulative)
            if fig.value is not None and not fig.issue:
                fig.status = targets.judge(fig.value, own, fig.expected, ind.comparator,
                                           ctx.tolerance, final)
        figures[name] = fig
    return figures


def reaching(plan: Plan, ind: Indicator, method: str, units, figures, tolerance: float):
    """(members, reached, below) where every unit must reach the target (最小值, or a rate the
    lead reports that each member must reach); three empty lists elsewhere. A member reaches
    the standard when its value meets the target's comparator (check.attribution.reaches)."""
    members = units if method == AGG_MIN else group_members(plan, ind.task)
    counted = method == AGG_MIN or (method == AGG_LEAD and every_unit_must_reach(ind))
    if not (counted and members):
        return [], [], []
    usable = {u: figures[u].value for u in members
              if u in figures and figures[u].value is not None and not figures[u].issue}
    reached = [u for u in members if u in usable
               and attribution.reaches(usable[u], ind.value, ind.comparator, tolerance)]
    met = set(reached)
    below = [u for u in members if u in usable and u not in met]
    return list(members), reached, below


def city_status(found, ind: Indicator, expected, tol, final, method, lead, answers, issues,
                suspicious, missing, notes) -> str:
    """The indicator's status from its city figure; the reasons go into `notes`."""
    if found.judged is None:
        if suspicious:
            return TO_VERIFY
        if method == AGG_LEAD and lead is None:
            notes.append("牵头单位是单位组，无法取牵头单位数值，请在总表「指标」表改用其他汇总方式")
            return TO_VERIFY
        if method == AGG_LEAD and answers:
            notes.append("牵头单位未报送")
        return NOT_REPORTED
    status = targets.judge(found.judged, ind.value, expected, ind.comparator, tol, final)
    if issues:
        return TO_VERIFY
    if not found.complete and not decided(status, method, ind.comparator):
        notes.append(f"部分数据，{'、'.join(missing)}未报送")
        return INCOMPLETE
    return status


def allocation_rows(ctx: Context, ind: Indicator, figures, due, cumulative, final):
    """分解 rows: each allocated unit against its allocation, then the total."""
    rows = []
    allocated = ctx.allocations[ind.key]
    for name, value in allocated.items():
        fig = figures[name]
        status = fig.status or (TO_VERIFY if fig.issue else NOT_REPORTED)
        rows.append(AllocationResult(
            ind.key, ind.name, name, ind.unit, value, fig.expected, fig.value,
            targets.completion_rate(fig.value, value, ind.comparator), status,
            fig.issue or fig.note,
        ))
    total = sum(allocated.values())
    expected = targets.expected_value(total, due, cumulative)
    reported = [r.actual for r in rows if r.actual is not None and r.status != TO_VERIFY]
    actual = sum(reported) if reported else None
    if actual is None:
        status = TO_VERIFY if any(r.status == TO_VERIFY for r in rows) else NOT_REPORTED
    else:
        status = targets.judge(actual, total, expected, ind.comparator, ctx.tolerance, final)
        incomplete = len(reported) < len(rows)
        if incomplete and not decided(status, AGG_SUM, ind.comparator):
            status = TO_VERIFY
    note = ""
    if abs(total - ind.value) > 1e-9 * max(1.0, abs(ind.value)):
        relation = "低于" if total < ind.value else "高于"
        note = (f"分解合计{fmt_number(total)}{ind.unit}{relation}全市目标"
                f"{fmt_number(ind.value)}{ind.unit}")
    rows.append(AllocationResult(
        ind.key, ind.name, "合计", ind.unit, total, expected, actual,
        targets.completion_rate(actual, total, ind.comparator), status, note,
    ))
    return rows
