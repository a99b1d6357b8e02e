"""Who is reminded of a round, and the folder of notices (see the package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.books.form.guide import due_text, plan_title, round_label
from toolkit.common.naming import safe_part
from toolkit.books.form import layout as F
from toolkit.model import returns
from toolkit.common import paths
from toolkit.common.atomic import atomic_dir
from toolkit.rules.rounds import find_round
from toolkit.model.plan import Plan, Round
from toolkit.vocab import NOT_FILLED, NOT_SUBMITTED, REMINDER

INCOMPLETE = "报送不全"
LIST_FILE = f"{REMINDER}.docx"


@dataclass
class Reminder:
    """One unit to remind: not reported at all, or reported with figures left blank."""

    unit: str
    state: str  # 未报送, 未填写 or 报送不全
    missing: list[str] = field(default_factory=list)  # what is missing, in words
    contact: str = ""  # the unit's 联系人、电话、邮箱 from the master

    def missing_text(self) -> str:
        if self.state == NOT_SUBMITTED:
            return "本轮任务表尚未报送"
        if self.state == NOT_FILLED:
            return "报回的任务表未填写任何内容"
        return "以下指标未填写实际完成值：" + "、".join(self.missing)

    def to_json(self) -> dict:
        return {"unit": self.unit, "state": self.state, "missing": list(self.missing),
                "contact": self.contact}


@dataclass
class RemindResult:
    out_dir: Path
    round: str
    units: list[Reminder] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"round": self.round, "out_dir": str(self.out_dir),
                "units": [u.to_json() for u in self.units],
                "files": [str(f) for f in self.files]}


def remind_round(master_path, round_name: str, each: bool = False, out_dir=None,
                 today: date | None = None) -> RemindResult:
    """The round's 催报通知 and texts, from its last collection."""
    from toolkit.collect.run import stored_round
    from toolkit.books.master import locked_master

    with locked_master(master_path, REMINDER) as (master, plan):
        rnd = find_round(plan, round_name)
        collected = stored_round(plan, master, rnd.name).collected
        found = reminders(plan, collected.consolidation)
        year = plan.settings.year or plan.meta.year
        out = Path(out_dir) if out_dir else paths.reminder_dir(
            master, year, rnd.name, plan.settings.folders)
        return write_reminders(plan, rnd, found, out, each, today or date.today())


def reminders(plan: Plan, consolidation: returns.Consolidation) -> list[Reminder]:
    """The units not reported and those with blank figures, in the order of 报送情况."""
    names = {i.key: i.name for i in plan.indicators}
    blank: dict[str, list[str]] = {}
    for f in consolidation.figures:
        if f.file and f.actual is None and not f.flag:
            blank.setdefault(f.unit, []).append(f"{f.indicator} {names.get(f.indicator, '')}".strip())
    out = []
    for s in consolidation.submissions:
        unit = plan.unit(s.unit)
        contact = unit.contact_line if unit else ""
        if s.state in (NOT_SUBMITTED, NOT_FILLED):  # an empty form is no return either
            out.append(Reminder(s.unit, s.state, [], contact))
        elif s.unit in blank:
            out.append(Reminder(s.unit, INCOMPLETE, blank[s.unit], contact))
    return out


def write_reminders(plan: Plan, rnd: Round, found: list[Reminder], out_dir: Path, each: bool,
                    today: date) -> RemindResult:
    from toolkit.followup.notice import write_notice

    result = RemindResult(out_dir, rnd.name, found)
    with atomic_dir(out_dir) as tmp:
        if found and not each:
            write_notice(plan, rnd, found, tmp / LIST_FILE, today)
            result.files.append(out_dir / LIST_FILE)
        for r in found:
            stem = safe_part(r.unit)
            if each:
                name = f"{stem}{REMINDER}.docx"
                write_notice(plan, rnd, [r], tmp / name, today)
                result.files.append(out_dir / name)
            (tmp / f"{stem}.txt").write_text(reminder_text(plan, rnd, r), encoding="utf-8")
            result.files.append(out_dir / f"{stem}.txt")
    return result


def reminder_text(plan: Plan, rnd: Round, r: Reminder) -> str:
    """The plain text for one unit: the due date, what is missing, whom to contact."""
    label = round_label(plan, rnd)
    contact = plan.settings.contact or "下发通知中的联系人"
    return (f"【{REMINDER}】{r.unit}：{plan_title(plan)}{label}落实情况报送截止日期为"
            f"{due_text(rnd)}。经核对，你单位{r.missing_text()}，请尽快报送。"
            f"如有疑问请联系{contact}。\n")
