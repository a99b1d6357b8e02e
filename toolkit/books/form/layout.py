"""The assignment form (任务表): its layout here, its writer (`writer`) and its reader
(`reader`) beside it.

The assignment stage writes the form with the writer, the collection stage reads it back with
the reader; both take the layout from here, so neither reaches into the other. Sheet names and
headers are what the user sees (Chinese); the identifiers are English.

A unit's rows are defined once, in FormIndex; task_rows()/figure_rows() are the simple entry
points. A stage handling many units builds one FormIndex and asks it for every unit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from functools import cached_property

from toolkit import vocab as W
from toolkit.model.plan import COMPARATOR_WORDS, ROLE_LEAD, Indicator, Plan, Task, Unit
from toolkit.rules.cells import column_letter  # noqa: F401 - F.column_letter for the writers
from toolkit.rules.numbers import plain
from toolkit.vocab import ROLE_LABELS
from toolkit.vocab import PREVIOUS

SCHEMA_VERSION = 1

# --- the assignment workbook ---------------------------------------------------------------
SHEET_GUIDE = W.FORM_GUIDE
SHEET_TASKS = W.FORM_TASKS
SHEET_FIGURES = W.FORM_FIGURES
SHEET_INFO = W.FORM_INFO
SHEET_META = W.HIDDEN_SHEET  # very hidden

TITLE_ROW = 1  # a merged title across the table
HEADER_ROW = 2  # 1-based row of the column headers in 任务清单 and 指标填报
FIRST_DATA_ROW = 3

KEY_HEADER = "行键"  # column A of both tables, hidden; finds the header row if rows move

# (header, field, locked) in column order, A first.
TASK_COLUMNS = [
    (KEY_HEADER, "key", True),
    ("序号", "number", True),
    ("所属部分", "section", True),
    ("任务名称", "title", True),
    ("任务内容", "body", True),
    ("本单位角色", "role", True),
    ("完成时限", "deadline", True),
    ("进展状态", "status", False),
    ("完成进度（%）", "progress", False),
    ("工作进展及成效", "narrative", False),
    ("存在问题", "problems", False),
    ("下一步打算", "next_steps", False),
]

FIGURE_COLUMNS = [
    (KEY_HEADER, "key", True),
    ("任务序号", "task", True),
    ("指标名称", "name", True),
    ("指标原文", "source", True),
    ("要求", "comparator_words", True),
    ("目标值", "target", True),
    ("计量单位", "unit", True),
    ("实际完成值", "actual", False),
    ("说明", "note", False),
]

# 填报信息: (label in column A, field, locked); values in column B, starting at row 2.
INFO_ROWS = [
    ("填报单位", "unit", True),
    ("报送轮次", "round", True),
    ("填报人", "reporter", False),
    ("联系电话", "phone", False),
    ("审核人（分管领导）", "reviewer", False),
    ("填报日期", "date", False),
]
INFO_FIRST_ROW = 2

# The very hidden sheet: key/value pairs in columns A:B from row 1, in this order, then a
# blank row, then a table (行键, 工作表, 内容指纹) with one row per form row.
META_KEYS = [
    "schema_version",
    "plan_id",
    "plan_version",
    "plan_title",
    "year",
    "unit",
    "round",
    "issued",
    "key_id",  # which key signed the form (key_id): a form signed by another key is nobody's
    "signature",
]
META_TABLE_HEADER = ("行键", "工作表", "内容指纹")

# The read-only 上期 columns of a pre-filled form (a round after the first), right of the inputs:
# the unit's latest accepted answers. Their headers start with 上期, which no column above does,
# so the collection never takes them for answers and they are not part of the signature.
PREVIOUS_TASK_FIELDS = ("status", "progress", "narrative", "problems", "next_steps")
PREVIOUS_FIGURE_FIELDS = ("actual", "note")
PREVIOUS_FIELDS = frozenset(PREVIOUS_TASK_FIELDS + PREVIOUS_FIGURE_FIELDS)  # carried over


def previous_field(name: str) -> str:
    return f"previous_{name}"


def previous_columns(columns, fields) -> list[tuple[str, str, bool]]:
    """(header, field, locked) of the 上期 columns for `fields` of a table."""
    return [(PREVIOUS + header, previous_field(f), True) for header, f, _ in columns
            if f in fields]


# The answers a unit gives, by field, with the header the unit sees (核实更正 names them so).
ANSWER_LABELS = {f: h for h, f, locked in TASK_COLUMNS + FIGURE_COLUMNS if not locked}


def correction_text(corrections) -> str:
    """The administrator's corrections of an answer in words (the 核实更正 column, a note):
    实际完成值由“300”更正为“320”，张三核实."""
    parts = []
    for c in corrections:
        label = ANSWER_LABELS.get(c.field, c.field)
        who = f"，{c.who}核实" if c.who else "，管理员核实"
        parts.append(f"{label}由“{value_text(c.old)}”更正为“{value_text(c.new)}”{who}")
    return "；".join(parts)


def value_text(value) -> str:
    """A cell's value in a sentence: as typed, （空） for nothing."""
    return "（空）" if value is None or value == "" else plain(value)


def locked_fields(columns) -> list[str]:
    return [f for _, f, locked in columns if locked]


def task_rows(plan: Plan, unit: str) -> list[dict]:
    """The 任务清单 rows of one unit: locked fields only, in plan order."""
    return FormIndex(plan).task_rows(unit)


def figure_rows(plan: Plan, unit: str) -> list[dict]:
    """The 指标填报 rows of one unit: every indicator of the unit's tasks."""
    return FormIndex(plan).figure_rows(unit)


def unit_target(plan: Plan, indicator, unit: str) -> float:
    """The unit's allocation of an indicator when the 分解 sheet has one, else the city's."""
    for allocation in plan.allocations:
        if allocation.indicator == indicator.key and allocation.unit == unit:
            return allocation.value
    return indicator.value


CITY_TARGET, OWN_TARGET = "全市目标", "本单位目标"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def differs_from_phrase(indicator: Indicator) -> bool:
    """The master's target is not the number the plan's phrase states (an administrator
    raised it): 计划新增学位8640个 against 9000. A phrase without a number never differs."""
    numbers = [float(n) for n in _NUMBER.findall(indicator.source or "")]
    if not numbers:
        return False
    scaled = [n * k for n in numbers for k in (1, 1e4, 1e8)]  # 1.2万个, 0.9亿元
    return not any(abs(n - indicator.value) <= 1e-9 * max(1.0, abs(n)) for n in scaled)


def cell_value(field: str, value):
    """What a row's field shows in its cell: a role code as its label (牵头 -> 牵头单位); a
    label read back from a cell stays as it is."""
    if field == "role":
        return ROLE_LABELS.get(value, value)
    return value


def fingerprint(row: dict, fields: list[str]) -> str:
    """A short hash of a row's locked cells as they show (cell_value), insensitive to number
    formatting (8640 == 8640.0)."""
    values = []
    for name in fields:
        value = cell_value(name, row.get(name))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        values.append("" if value is None else str(value).strip())
    raw = json.dumps(values, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def new_key() -> str:
    """A fresh signing key (hex): made at every import and kept only in the master workbook."""
    return secrets.token_hex(32)


def signing_key(plan: Plan) -> str:
    """The key forms are signed with now: the master's newest (one is made for a Plan that has
    none, e.g. one parsed from text and not yet written as a master)."""
    if not plan.keys:
        plan.keys.append(new_key())
    return plan.keys[-1]


def key_id(key: str) -> str:
    """A name for a signing key that tells nothing about the key: it says which master's key
    signed a form (another import of the same plan has another key)."""
    return hashlib.sha256(b"workplan key id\0" + bytes.fromhex(key)).hexdigest()[:16]


def signature(meta: dict, fingerprints: list[str], key: str) -> str:
    """HMAC-SHA256 over the form's identity and every row's locked content: only the holder
    of the master's key can make one. (Forms issued before key_id was written have none: it is
    left out of theirs.)"""
    head = [str(meta.get(k, "")) for k in META_KEYS
            if k != "signature" and (k != "key_id" or k in meta)]
    raw = json.dumps([head, fingerprints], ensure_ascii=False)
    return hmac.new(bytes.fromhex(key), raw.encode("utf-8"), hashlib.sha256).hexdigest()


def verifies(meta: dict, fingerprints: list[str], keys: list[str]) -> bool:
    """Whether the form's signature was made with one of `keys` (this master's, old ones too)."""
    claimed = str(meta.get("signature", "")).encode("utf-8")  # bytes: any text a file holds
    return any(hmac.compare_digest(claimed, signature(meta, fingerprints, key).encode())
               for key in keys)


def _shared_lists(by_unit: dict[str, list]) -> dict[str, list]:
    """Units with the same tasks in the same roles share one list (twenty thousand schools,
    a few dozen lists). The lists are read, never changed."""
    shared: dict[tuple, list] = {}
    return {unit: shared.setdefault(tuple((id(t), r) for t, r in items), items)
            for unit, items in by_unit.items()}


class FormIndex:
    """A Plan's look-ups for the form, computed once, so rows for a thousand units stay cheap.

    Every task's expanded (unit, role) pairs are computed once, then inverted into each unit's
    tasks; allocations, section titles and the unit directory become dictionaries. The answers
    are those of the Plan's own look-ups (Plan.task_units, Plan.unit, Plan.section_title,
    Plan.responsible_units, unit_target). Build it from a Plan that is no longer being edited.
    """

    def __init__(self, plan: Plan):
        self.plan = plan
        self.tasks = plan.tasks
        self.indicators = plan.indicators
        pairs: dict[tuple, tuple] = {}  # one (unit, role) object however many tasks name it
        self._units_of = {id(t): [pairs.setdefault(p, p) for p in plan.task_units(t)]
                          for t in plan.tasks}
        self._tasks_of: dict[str, list[tuple[Task, str]]] = {}
        for task in plan.tasks:
            for unit, role in self._units_of[id(task)]:
                self._tasks_of.setdefault(unit, []).append((task, role))
        self._tasks_of = _shared_lists(self._tasks_of)
        self._sections: dict[str, str] = {}
        for section in plan.sections:  # the first wins, as in Plan.section_title()
            self._sections.setdefault(section.number, section.title)
        self._directory: dict[str, Unit] = plan.directory()
        self._targets: dict[tuple[str, str], float] = {}
        for allocation in plan.allocations:  # the first wins, as in unit_target()
            self._targets.setdefault((allocation.unit, allocation.indicator), allocation.value)
        self._fingerprints: dict[tuple, str] = {}
        self._indicators = {i.key: i for i in plan.indicators}

    # --- the plan's look-ups -------------------------------------------------------------
    def task_units(self, task: Task) -> list[tuple[str, str]]:
        """Plan.task_units(task), computed once."""
        found = self._units_of.get(id(task))
        return found if found is not None else self.plan.task_units(task)

    def section_title(self, number: str) -> str:
        return self._sections.get(number, "")

    def unit(self, name: str) -> Unit | None:
        """The directory entry a name or alias stands for, as Plan.unit()."""
        return self._directory.get(name)

    def indicator(self, key: str) -> Indicator | None:
        return self._indicators.get(key)

    def target(self, indicator: Indicator, unit: str) -> float:
        """unit_target(): the unit's allocation, else the city's target."""
        return self._targets.get((unit, indicator.key), indicator.value)

    @cached_property
    def plan_id(self) -> str:
        return self.plan.identity()

    def responsible_units(self) -> list[str]:
        """Plan.responsible_units(): directory order, then the others sorted."""
        return list(self._responsible)

    @cached_property
    def _responsible(self) -> tuple[str, ...]:
        named = set(self._tasks_of)
        ordered = [u.name for u in self.plan.units if u.name in named]
        return tuple(ordered + sorted(named - set(ordered)))

    # --- a unit's rows -------------------------------------------------------------------
    def task_rows(self, unit: str) -> list[dict]:
        """The 任务清单 rows of one unit: locked fields only, in plan order."""
        return [
            {
                "key": task.key,
                "number": task.number,
                "section": f"{task.section}、{self.section_title(task.section)}",
                "title": task.title,
                "body": task.body,
                "role": role,  # the code (牵头/配合); the cell shows its label (cell_value)
                "deadline": task.deadline or "年内",
            }
            for task, role in self._tasks_of.get(unit, ())
        ]

    def figure_rows(self, unit: str) -> list[dict]:
        """The 指标填报 rows of one unit: every indicator of the unit's tasks, in plan order.

        目标值 is the unit's allocation, else the city's target (`scope` says which); the
        指标原文 cell marks the plan's phrase as 原文 when the master's target differs from it
        and, for a city target, says what to report (全市数 for the lead, else 本单位完成数)."""
        roles = {task.number: role for task, role in self._tasks_of.get(unit, ())}
        rows = []
        for ind in self.indicators:
            if ind.task not in roles:
                continue
            own = (unit, ind.key) in self._targets
            source = f"原文：{ind.source}" if differs_from_phrase(ind) else ind.source
            if not own:
                what = "全市数" if roles[ind.task] == ROLE_LEAD else "本单位完成数"
                source = f"{source}\n（{CITY_TARGET}，请填报{what}）".lstrip("\n")
            rows.append({
                "key": ind.key,
                "task": ind.task,
                "name": ind.name,
                "source": source,
                "comparator_words": COMPARATOR_WORDS.get(ind.comparator, ind.comparator),
                "target": self.target(ind, unit),
                "unit": ind.unit,
                "scope": OWN_TARGET if own else CITY_TARGET,
            })
        return rows

    def fingerprint(self, row: dict, fields: list[str]) -> str:
        """fingerprint(), remembered: the same rows recur in many units' forms."""
        memo = tuple((v.__class__, v) for v in (cell_value(f, row.get(f)) for f in fields))  # 1 != True
        try:
            found = self._fingerprints.get(memo)
        except TypeError:  # an unhashable value: no memo
            return fingerprint(row, fields)
        if found is None:
            found = self._fingerprints[memo] = fingerprint(row, fields)
        return found


@dataclass
class UnitForm:
    """The rows one unit's workbook will carry, computed with the shared form layout."""

    unit: str
    tasks: list[dict]
    figures: list[dict]
    meta: dict = field(default_factory=dict)  # the _workplan key/values, once written

    @property
    def lead_tasks(self) -> int:
        return sum(1 for row in self.tasks if row["role"] == ROLE_LEAD)


def unit_form(index: FormIndex, unit: str) -> UnitForm:
    """The rows of `unit`'s workbook, from the shared form index."""
    return UnitForm(unit, index.task_rows(unit), index.figure_rows(unit))
