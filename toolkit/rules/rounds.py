"""Rounds (报送轮次): finding the one asked for, naming it, its share of the year, today's round.

One rule each, used by every stage and front end.
"""

from __future__ import annotations

from datetime import date, datetime

from toolkit.errors import WorkplanError
from toolkit.model.plan import Plan, Round
from toolkit.vocab import (
    FINAL_ROUND,
    RECEIVED_CLAIMED,
    RECEIVED_FILE_TIME,
    RECEIVED_FIRST_SEEN,
    RECEIVED_MAIL,
    RECEIVED_REGISTER,
    RECEIVED_SAVED,
    ROUND_ALIASES,
    USUAL_ROUNDS,
)

# Rounds known by name, with the share of the year they cover (for a plan whose 设置 sheet
# lists no rounds, and for a 设置 share left at its default of 100%).
KNOWN_SHARES = {name: share for name, _, share, _ in USUAL_ROUNDS}
KNOWN_SHARES.update({alias: KNOWN_SHARES[name] for alias, name in ROUND_ALIASES.items()})
PERIODS = {name: period for name, period, _, _ in USUAL_ROUNDS}  # 半年 -> 上半年


def period_of(name: str) -> str:
    """How a sentence names the period a round covers: 上半年, 前三季度, 全年 (the name itself
    for a round the usual ones do not include)."""
    return PERIODS.get(ROUND_ALIASES.get(name, name), name)
GRACE_DAYS = 30  # a round stays current this long after its due date (late reports)


def find_round(plan: Plan, name: str | Round) -> Round:
    """The round `name` from the 设置 sheet (a known round name when the sheet lists none);
    otherwise one line saying which rounds there are."""
    if isinstance(name, Round):
        return name
    name = (name or "").strip()
    found = plan.settings.round(name)
    if found is not None:
        return found
    if not plan.settings.rounds and name in KNOWN_SHARES:
        return Round(name, None, KNOWN_SHARES[name])
    choices = "、".join(r.name for r in plan.settings.rounds) or "（“设置”工作表中没有填写轮次）"
    if not name:
        raise WorkplanError(f"请用 --round 指定报送轮次，可选：{choices}。")
    raise WorkplanError(f"总表“设置”工作表中没有报送轮次“{name}”，可选：{choices}。")


def round_label(year: int | None, name: str) -> str:
    """The round as folders, file names and titles call it: 2020年终, 2020年半年, 2020年一季度."""
    if not year:
        return name
    return f"{year}{name}" if name.startswith("年") else f"{year}年{name}"


def due_text(rnd: Round) -> str:
    """The round's due date as a notice writes it: 2020年7月10日 (见下发通知 when it has none)."""
    return f"{rnd.due.year}年{rnd.due.month}月{rnd.due.day}日" if rnd.due else "见下发通知"


def round_share(round_: Round) -> float:
    """The share of the year a round covers (半年 = 0.5, 年终 = 1).

    The 设置 sheet's share is used, except the default 1.0 on a round whose name says it
    covers less (一季度, 半年, 三季度), which would make every interim report look late.
    """
    share = round_.share if round_.share is not None else 1.0
    if share >= 1.0 and round_.name in KNOWN_SHARES:
        share = KNOWN_SHARES[round_.name]
    return max(0.0, min(1.0, share))


def is_final(round_: Round) -> bool:
    return round_.name == FINAL_ROUND or round_share(round_) >= 1.0


# --- which round is today's --------------------------------------------------------------
def _round_due(r) -> date | None:
    due = r.due if hasattr(r, "due") else r[1]
    if isinstance(due, datetime):
        return due.date()
    return due if isinstance(due, date) else None


def _round_name(r) -> str:
    return r.name if hasattr(r, "name") else str(r[0])


def current_round(settings, today: date) -> str:
    """The round set as 当前轮次 in the 设置 sheet, or else the one `choose_round` picks."""
    chosen = (getattr(settings, "current_round", "") or "").strip()
    if not chosen:
        return choose_round(settings.rounds, today)
    if settings.round(chosen) is None:
        names = "、".join(r.name for r in settings.rounds)
        raise WorkplanError(f"“设置”表的当前轮次“{chosen}”不在报送轮次中（可选：{names}），请改正或留空。")
    return chosen


def choose_round(settings_rounds, today: date) -> str:
    """The round to work on today: the one due most recently if that was less than GRACE_DAYS
    ago (late reports still come in), else the next one due, else the last one.

    Rounds are `Round` objects (or (name, due) pairs); rounds without a due date count only
    when none has one (then the first is taken).
    """
    rounds = list(settings_rounds or [])
    if not rounds:
        raise WorkplanError("“设置”工作表中没有填写报送轮次，请先填写轮次和截止日期。")
    dated = [(_round_due(r), _round_name(r)) for r in rounds if _round_due(r)]
    dated.sort(key=lambda pair: pair[0])
    if not dated:
        return _round_name(rounds[0])
    past = [(d, n) for d, n in dated if d <= today]
    future = [(d, n) for d, n in dated if d > today]
    if past and (today - past[-1][0]).days < GRACE_DAYS:
        return past[-1][1]
    if future:
        return future[0][1]
    return dated[-1][1]


def earlier_rounds(plan: Plan, name: str | Round) -> list[str]:
    """The rounds of the 设置 sheet before `name`, the most recent first (none for the first
    round, or for a round the sheet does not list)."""
    wanted = name.name if isinstance(name, Round) else (name or "").strip()
    names = [r.name for r in plan.settings.rounds]
    if wanted not in names:
        return []
    return list(reversed(names[: names.index(wanted)]))


# --- when a return counts as sent, and whether it is late -------------------------------------
def sent_time(saved: datetime | None, first_seen: datetime | None, file_time: datetime | None,
              registered: datetime | None = None, arrived: datetime | None = None,
              claimed: datetime | None = None) -> tuple[datetime | None, str]:
    """(when the unit sent its return, the basis of that time).

    The administrator's receipt register (接收登记) overrides all. Otherwise the earliest of the
    times the office itself saw: the mail's arrival, the first run that saw the file, the
    file's time in the inbox (a file cannot have been sent after it was there). Times the
    sender writes into the file are claims: the workbook's own last saved time (`saved`,
    docProps/core.xml) and a zip member's date (`claimed`). A claim is used only when the office
    saw no time of its own (no mail, no store's first sight), to explain a later file time,
    and the basis says it is the sender's claim; it never makes a return on time that a time
    the office saw shows late."""
    if registered is not None:
        return registered, RECEIVED_REGISTER
    trusted = [(t, basis) for t, basis in ((arrived, RECEIVED_MAIL),
                                           (first_seen, RECEIVED_FIRST_SEEN)) if t is not None]
    seen = trusted + ([(file_time, RECEIVED_FILE_TIME)] if file_time is not None else [])
    earliest = min(seen, key=lambda a: a[0], default=(None, ""))
    if trusted:
        return earliest
    claims = [(t, basis) for t, basis in ((saved, RECEIVED_SAVED), (claimed, RECEIVED_CLAIMED))
              if t is not None]
    claim = min(claims, key=lambda a: a[0], default=None)
    if claim is not None and (earliest[0] is None or claim[0] < earliest[0]):
        return claim
    return earliest


def is_late(received: str, due: date | None) -> bool:
    """Sent (ISO date-time, see `sent_time`) after the round's due date."""
    if not due or not received:
        return False
    try:
        return datetime.fromisoformat(received).date() > due
    except ValueError:
        return False
