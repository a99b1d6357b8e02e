"""The plan as data: what every stage reads and writes.

The import stage builds a `Plan` from the plan text; the master workbook stores it and gives it
back (with the administrator's edits); assignment, collection, checks and the summary read it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

# Comparators, as stored in the master workbook and in JSON.
AT_LEAST, AT_MOST, EQUAL, ABOUT = ">=", "<=", "=", "~"
COMPARATORS = (AT_LEAST, AT_MOST, EQUAL, ABOUT)
COMPARATOR_WORDS = {AT_LEAST: "不低于", AT_MOST: "不超过", EQUAL: "等于", ABOUT: "约"}

# How an indicator is aggregated across the units that report on it.
AGG_SUM, AGG_LEAD, AGG_MEAN, AGG_MIN = "求和", "牵头单位", "平均", "最小值"
AGGREGATIONS = (AGG_SUM, AGG_LEAD, AGG_MEAN, AGG_MIN)

# Unit kinds in the directory.
KIND_OFFICE = "机关科室"
KIND_DIRECT = "直属单位"
KIND_COUNTY = "县(市、区)教育局"
KIND_COLLEGE = "高校"
KIND_VOCATIONAL = "职业院校"
KIND_OTHER = "其他"
UNIT_KINDS = (KIND_OFFICE, KIND_DIRECT, KIND_COUNTY, KIND_COLLEGE, KIND_VOCATIONAL, KIND_OTHER)

from toolkit.vocab import ROLE_COOP, ROLE_LEAD, STATUSES  # noqa: E402,F401 - the plan's words

# How the lead unit of a task is known: marked in the plan, or the first unit by convention.
LEAD_MARKED, LEAD_ASSUMED = "明确", "默认首位"

# The office's documents: a bulletin's 版头 unless 设置 says otherwise, and the days a unit is
# given to send a form again (退回修改) or late (催报).
MASTHEAD = "督查通报"
DAYS_ALLOWED = 3



def plain_number(value: float) -> int | float:
    """25.0 -> 25, 0.92 -> 0.92: numbers as written in the plan."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass
class PlanMeta:
    title: str = ""
    issuer: str = ""
    year: int | None = None
    doc_number: str = ""
    date: str = ""  # ISO date, e.g. 2020-02-22
    addressees: list[str] = field(default_factory=list)


@dataclass
class Section:
    number: str  # 一, 二, … as printed
    title: str


@dataclass
class Task:
    number: int
    section: str  # Section.number
    title: str  # the first sentence, without its full stop
    body: str  # the whole task text as printed, title included, units text excluded
    units_text: str = ""  # the responsible-units text as printed
    units: list[str] = field(default_factory=list)  # as printed, groups kept; first leads
    lead_units: list[str] | None = None  # set when the plan names 牵头单位 separately
    deadline: str = ""  # 完成时限 as printed: 6月底前, 持续推进
    lead_basis: str = ""  # LEAD_MARKED or LEAD_ASSUMED; "" when the task has no units
    review: str = ""  # 导入核对: why the import doubts this task ("；"-separated), "" when sure

    @property
    def lead(self) -> str:
        if self.lead_units:
            return self.lead_units[0]
        return self.units[0] if self.units else ""

    @property
    def key(self) -> str:
        return f"T{self.number}"


@dataclass
class Indicator:
    task: int  # Task.number
    seq: int  # 1, 2, … within its task
    name: str  # what is counted, e.g. 新增学位
    value: float
    unit: str  # unit of measure as written, e.g. 个, 亿元, %
    comparator: str = AT_LEAST
    soft: bool = False  # 力争, 争取
    deadline: str = ""  # 年内, 秋季, …
    source: str = ""  # the exact phrase of the plan
    aggregation: str = AGG_SUM

    @property
    def key(self) -> str:
        return f"I{self.task}-{self.seq}"


@dataclass
class Unit:
    name: str
    kind: str = KIND_OTHER
    aliases: list[str] = field(default_factory=list)
    contact: str = ""  # the contact person (an older master: person and phone, free text)
    groups: list[str] = field(default_factory=list)  # names of the groups it belongs to
    phone: str = ""
    email: str = ""

    @property
    def contact_line(self) -> str:
        """联系人、电话、邮箱 as one line: 张三 0598-1234567 zs@example.cn."""
        return " ".join(x for x in (self.contact, self.phone, self.email) if x)


@dataclass
class Group:
    name: str  # e.g. 各县(市、区)教育局
    members: list[str] = field(default_factory=list)  # canonical unit names
    aliases: list[str] = field(default_factory=list)


@dataclass
class Allocation:
    indicator: str  # Indicator.key
    unit: str
    value: float


@dataclass
class Round:
    name: str  # 一季度, 半年, 三季度, 年终
    due: date | None = None
    share: float = 1.0  # share of the year covered, for pro-rating targets


@dataclass
class Receipt:
    """接收登记: the office's record of when it received a unit's return for a round; it
    overrides every other basis of the receipt time (see common.rounds.sent_time)."""

    round: str
    unit: str
    at: str  # ISO date-time ("2020-12-24 16:00:00"), or "" when not understood
    who: str = ""
    note: str = ""
    typed: str = ""  # the 接收时间 cell as typed
    cells: dict = field(default_factory=dict)  # field -> where it was typed, e.g. C4


@dataclass
class Correction:
    """核实更正: the administrator's decision about one answer (a row of the master's 核实更正
    sheet), stored with the value it replaced and applied on every rerun."""

    round: str
    unit: str
    key: str  # row key (T3, I2-1)
    field: str  # as in Answer.field
    new: object  # the corrected value, as the administrator typed it
    who: str = ""
    at: str = ""  # the date the administrator gave, ISO, or ""
    why: str = ""
    place: str = ""  # where it was typed, e.g. 核实更正!E4
    old: object = None  # the value it replaced, as collected when it was first applied
    recorded: str = ""  # when the store first saw it
    cells: dict = field(default_factory=dict)  # field -> where it was typed, e.g. B4
    typed_at: object = None  # the 核实日期 cell as typed


@dataclass
class Requirement:
    """工作要求: one point of the office's demands in a bulletin (一是…), a row of the master's
    工作要求 sheet; `round` "" applies to every round."""

    heading: str  # a short heading sentence: 锚定时限狠抓落实
    text: str = ""  # what the units must do, and what the office will do
    round: str = ""


@dataclass
class DocumentSettings:
    """How the office's documents (通报, 总结, 催报通知, 退回修改) are issued: the 设置 rows of
    the group 文稿, each a default when left blank."""

    issuer: str = ""  # the issuing office (落款, 版头); "" = the plan's 发文机构
    masthead: str = MASTHEAD  # 版头 of a bulletin (督查通报); "" = no 版头, a 落款 at the end
    issue_number: int | None = None  # 期号 of this bulletin; None = counted per year
    addressees: list[str] = field(default_factory=list)  # 主送; [] = the plan's 主送单位
    date: date | None = None  # 成文日期; None = the day the document is made
    annex_title: str = ""  # 附件说明: the annex's title; "" = worded from the round
    days_allowed: int = DAYS_ALLOWED  # 退回修改 and 催报: days to send again
    include_texts: bool = False  # the units' full texts as an annex of the document
    requirements: list[Requirement] = field(default_factory=list)  # the 工作要求 sheet


# The default weights of a unit's assessment (考评) by component (vocab.ASSESSMENT_COMPONENTS):
# the 设置 sheet's 考评权重-… rows override them; they need not add up to 100.
ASSESSMENT_WEIGHTS = {"on_time": 20.0, "complete": 20.0, "accurate": 10.0, "tasks": 25.0,
                      "indicators": 25.0}


@dataclass
class Settings:
    year: int | None = None
    title: str = ""
    rounds: list[Round] = field(default_factory=list)
    password: str = ""
    contact: str = ""
    tolerance: float = 0.05  # for the "about" comparator
    plan_version: int = 1
    current_round: str = ""  # the round the ribbon and the batch run work on; "" = by due date
    folders: dict[str, str] = field(default_factory=dict)  # 下发, 回收, 汇总, 总结
    mail: dict[str, str] = field(default_factory=dict)  # master.layout.MAIL_KEYS, as written
    assessment_weights: dict[str, float] = field(default_factory=lambda: dict(ASSESSMENT_WEIGHTS))
    assessment_in_summary: bool = False  # 总结含考评: the document lists the units' assessment
    documents: DocumentSettings = field(default_factory=lambda: DocumentSettings())
    # values of 设置 that could not be used (the default was), one line each naming the cell
    warnings: list[str] = field(default_factory=list, compare=False)

    def round(self, name: str) -> Round | None:
        return next((r for r in self.rounds if r.name == name), None)


@dataclass
class Plan:
    meta: PlanMeta = field(default_factory=PlanMeta)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    warnings: list[str] = field(default_factory=list)
    # what the master itself should tell whoever uses it, every time (its keys exposed)
    notices: list[str] = field(default_factory=list, compare=False)
    corrections: list[Correction] = field(default_factory=list)  # 核实更正, every round
    receipts: list[Receipt] = field(default_factory=list)  # 接收登记, every round
    # signing keys (hex), oldest first; kept very hidden in the master, never in a form
    keys: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def year(self) -> int | None:
        """The plan's year: 设置's 年度, else the year the plan itself states."""
        return self.settings.year or self.meta.year

    @property
    def display_title(self) -> str:
        """The plan's title as forms and documents name it: 设置's 标题, else the plan's own."""
        return self.settings.title or self.meta.title or "工作要点"

    # --- look-ups -----------------------------------------------------------------------
    def task(self, number: int) -> Task | None:
        return next((t for t in self.tasks if t.number == number), None)

    def indicators_of(self, task_number: int) -> list[Indicator]:
        return [i for i in self.indicators if i.task == task_number]

    def section_title(self, number: str) -> str:
        return next((s.title for s in self.sections if s.number == number), "")

    def unit(self, name: str) -> Unit | None:
        """The directory entry a name or alias stands for (see `directory`)."""
        return self.directory().get(name)

    def directory(self) -> dict[str, Unit]:
        """Every name and alias -> its unit: the one rule for unit names. A unit's own name
        always stands for it; an alias stands for the first unit that lists it."""
        out = {u.name: u for u in reversed(self.units)}
        for unit in self.units:
            for alias in unit.aliases:
                out.setdefault(alias, unit)
        return out

    def canonical_names(self) -> dict[str, str]:
        """Every name and alias -> the unit's name."""
        return {name: unit.name for name, unit in self.directory().items()}

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name or name in g.aliases), None)

    def expand(self, name: str, directory: dict[str, Unit] | None = None) -> list[str]:
        """The canonical units a printed name stands for: a group's members, or the unit.
        `directory`: the plan's, when the caller has built it already."""
        group = self.group(name)
        if group is not None:
            return list(group.members)
        unit = (self.directory() if directory is None else directory).get(name)
        return [unit.name] if unit else [name]

    def task_units(self, task: Task) -> list[tuple[str, str]]:
        """(unit, role) for every expanded unit of a task, lead first, without repeats."""
        lead_names = task.lead_units if task.lead_units else task.units[:1]
        out: dict[str, str] = {}
        directory = self.directory() if task.units else {}
        for printed in task.units:
            role = ROLE_LEAD if printed in lead_names else ROLE_COOP
            for unit in self.expand(printed, directory):
                if unit not in out:
                    out[unit] = role
        return list(out.items())

    def responsible_units(self) -> list[str]:
        """Every expanded unit named by at least one task, in directory order."""
        named = {u for t in self.tasks for u, _ in self.task_units(t)}
        ordered = [u.name for u in self.units if u.name in named]
        return ordered + sorted(named - set(ordered))

    def identity(self) -> str:
        """A hash of the plan's content (tasks and targets), independent of formatting."""
        content = {
            "tasks": [[t.number, t.section, t.title, t.body, t.units] for t in self.tasks],
            "indicators": [
                [i.key, i.name, plain_number(float(i.value)), i.unit, i.comparator]
                for i in self.indicators
            ],
        }
        raw = json.dumps(content, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict:
        """The `workplan import --json` shape."""
        return {
            "plan": asdict(self.meta),
            "sections": [asdict(s) for s in self.sections],
            "tasks": [
                {
                    "number": t.number,
                    "section": t.section,
                    "title": t.title,
                    "units": t.units,
                    "lead": t.lead,
                    "units_text": t.units_text,
                    "lead_basis": t.lead_basis,
                    "deadline": t.deadline,
                }
                for t in self.tasks
            ],
            "indicators": [
                {
                    "task": i.task,
                    "name": i.name,
                    "value": plain_number(i.value),
                    "unit": i.unit,
                    "comparator": i.comparator,
                    "soft": i.soft,
                    "deadline": i.deadline,
                    "source": i.source,
                }
                for i in self.indicators
            ],
            "units": [asdict(u) for u in self.units] + [
                {"group": g.name, "members": g.members} for g in self.groups
            ],
            "warnings": list(self.warnings),
        }
