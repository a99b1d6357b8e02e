"""Who is reminded of a round, and the folder of notices (see the package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.rules import documents as D
from toolkit.rules.rounds import due_text, is_final
from toolkit.common.edits import kept_line, replacing
from toolkit.common.naming import safe_part
from toolkit.model import returns
from toolkit.model.plan import Plan, Round
from toolkit.model.result import Result
from toolkit.vocab import NOT_FILLED, NOT_SUBMITTED, PARTLY_SUBMITTED, REMINDER

INCOMPLETE = PARTLY_SUBMITTED
LIST_FILE = f"{REMINDER}.docx"


@dataclass
class Reminder:
    """One unit to remind: not reported at all, or reported with figures left blank."""

    unit: str
    state: str  # 未报送, 未填写 or 报送不全
    missing: list[str] = field(default_factory=list)  # the figures left blank, by name
    contact: str = ""  # the unit's 联系人、电话、邮箱 from the master

    def missing_text(self) -> str:
        """尚未报送; 报回的任务表未填写任何内容; 未填报新增学位、完成投资的实际完成值."""
        if self.state == NOT_SUBMITTED:
            return "尚未报送"
        if self.state == NOT_FILLED:
            return "报回的任务表未填写任何内容"
        return f"未填报{'、'.join(self.missing)}的实际完成值"

    def to_json(self) -> dict:
        return {"unit": self.unit, "state": self.state, "missing": list(self.missing),
                "contact": self.contact}


@dataclass
class RemindResult(Result):
    out_dir: Path
    round: str
    units: list[Reminder] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files someone changed, left as they were
    texts: dict[str, Path] = field(default_factory=dict)  # unit -> its text

    def to_json(self) -> dict:
        return {"round": self.round, "out_dir": str(self.out_dir),
                "units": [u.to_json() for u in self.units],
                "files": [str(f) for f in self.files], "kept": list(self.kept)}

    def headline(self) -> str:
        if not self.units:
            return f"{self.round}：各单位均已报送且指标填写完整，无需催报。"
        return (f"共{len(self.units)}个单位需催报，催报通知已写入 {self.out_dir}。"
                f"{kept_line(self.kept)}")

    def lines(self) -> list[str]:
        return [f"{r.unit}（{r.state}）：{r.missing_text()}；联系人：{r.contact or '未填写'}"
                for r in self.units] + [self.headline()]

    def opens(self) -> list[Path]:
        return [self.out_dir] if self.units else []


def reminders(plan: Plan, consolidation: returns.Consolidation) -> list[Reminder]:
    """The units to chase, in the order of 报送情况: those that did not report (or sent an
    empty form), and those that left blank a figure the city figure takes from them (their
    share of a sum, their own rate of a standard: Submission.blanks). A blank the city never
    takes from the unit (a rate the lead reports, a sum the unit does not add to) is no reason
    to chase it."""
    names = D.figure_names(plan)
    out = []
    for s in consolidation.submissions:
        unit = plan.unit(s.unit)
        contact = unit.contact_line if unit else ""
        if s.state in (NOT_SUBMITTED, NOT_FILLED):  # an empty form is no return either
            out.append(Reminder(s.unit, s.state, [], contact))
        elif s.blanks:
            out.append(Reminder(s.unit, INCOMPLETE, [names.get(k, k) for k in s.blanks], contact))
    return out


def write_reminders(plan: Plan, rnd: Round, found: list[Reminder], out_dir: Path, each: bool,
                    today: date, store=None) -> RemindResult:
    """The folder of 催报 notices and texts; with a store, a file someone changed since it was
    written, or put there, is kept (common.edits)."""
    from toolkit.followup.notice import write_notice

    result = RemindResult(out_dir, rnd.name, found)
    with replacing(out_dir, store) as folder:
        if found and not each:
            notice = folder.place(LIST_FILE)
            write_notice(plan, rnd, found, folder.temp(notice), today)
            result.files.append(notice)
        for r in found:
            stem = safe_part(r.unit)
            if each:
                notice = folder.place(f"{stem}{REMINDER}.docx")
                write_notice(plan, rnd, [r], folder.temp(notice), today)
                result.files.append(notice)
            text = folder.place(f"{stem}.txt")
            folder.temp(text).write_text(reminder_text(plan, rnd, r, today), encoding="utf-8")
            result.files.append(text)
            result.texts[r.unit] = text
    result.kept = folder.kept
    return result


def reminder_text(plan: Plan, rnd: Round, r: Reminder, today: date) -> str:
    """The plain text for one unit: the due date, what is missing, the new deadline, whom to
    contact."""
    period = D.period(rnd.name, is_final(rnd))
    contact = plan.settings.contact or "下发通知中的联系人"
    again = D.chinese_date(D.deadline(plan, today))
    return (f"【{REMINDER}】{r.unit}：{D.short_name(plan)}{period}落实情况应于{due_text(rnd)}前报送。"
            f"经核对，你单位{r.missing_text()}，请于{again}前补报。"
            f"如有疑问请联系{contact}。\n")
