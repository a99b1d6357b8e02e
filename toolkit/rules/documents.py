"""The form of the office's documents (GB/T 9704): who issues them, to whom, on which day, the
title broken where a reader breaks it, the 版头 and 期号 of a bulletin; one rule each for the
bulletin and summary (toolkit.summary) and the 催报 and 退回修改 (toolkit.followup).

Every value comes from the master's 设置 (the 文稿 rows, model.plan.DocumentSettings), with a
default where a row is blank: the plan's 发文机构 and 主送单位, the day the document is made, a
期号 counted over the year's rounds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from toolkit.model.plan import Plan
from toolkit.rules.rounds import is_final, period_of

TITLE_WIDTH = 20  # characters of 二号 (22 pt) on the 156 mm line of the 版心
BOOK = "《》"


def chinese_date(day: date | None) -> str:
    """2020-07-15 -> 2020年7月15日 (Arabic numerals, GB/T 9704-2012); "" for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def month_day(day: date | None) -> str:
    return f"{day.month}月{day.day}日" if day else ""


def issuer(plan: Plan) -> str:
    """The issuing office: 设置's 文稿发文单位, else the plan's 发文机构."""
    return plan.settings.documents.issuer or plan.meta.issuer or ""


def issue_date(plan: Plan, today: date) -> date:
    """成文日期: 设置's, else the day the document is made (never the round's due date)."""
    return plan.settings.documents.date or today


def deadline(plan: Plan, today: date) -> date:
    """The day a unit asked to send again (退回修改, 催报) must send by: the days 设置
    allows after the day the request is made, never on or before it."""
    return issue_date(plan, today) + timedelta(days=max(1, plan.settings.documents.days_allowed))


def addressees(plan: Plan) -> str:
    """主送, ending with a full-width colon: 设置's 文稿主送, else the plan's 主送单位, else every
    unit the plan names (各有关单位)."""
    names = plan.settings.documents.addressees or plan.meta.addressees
    return ("、".join(names) if names else "各有关单位") + "："


def plan_name(plan: Plan) -> str:
    """The plan's title as a document names it, with its year once: 设置's 标题, else the
    plan's own; a title without the year gets it in front (2020年工作要点)."""
    title = plan.display_title
    year = plan.year
    if year and str(year) not in title:
        title = f"{year}年{title}"
    return title


def short_name(plan: Plan) -> str:
    """The plan named from its year on (2020年工作要点), for a line that names it again after
    the title has named it whole; the whole name when it has no year."""
    name = plan_name(plan).strip(BOOK)
    found = re.search(r"(19|20)\d{2}年", name)
    return name[found.start():] if found and found.start() > 0 else name


def period(round_name: str, final: bool) -> str:
    """The period a round covers as a title names it: 上半年, 前三季度, 全年."""
    return "全年" if final else period_of(round_name)


def bulletin_title(plan: Plan, round_name: str, final: bool) -> str:
    """关于…上半年落实情况的通报; at the year end …落实情况总结 (the plan's year once)."""
    name = plan_name(plan).strip(BOOK)
    if final:
        return f"{name}落实情况总结"
    return f"关于{name}{period(round_name, final)}落实情况的通报"


def reminder_title(plan: Plan, round_name: str, final: bool) -> str:
    """关于催报2020年工作要点上半年落实情况的通知: its issuer signs it, the year names the plan."""
    return f"关于催报{short_name(plan)}{period(round_name, final)}落实情况的通知"


def title_lines(text: str, width: int = TITLE_WIDTH) -> list[str]:
    """The title in as few lines of at most `width` characters as it takes, broken between
    words (never inside a word, a number with its 年, or a 《…》) and where a reader pauses:
    after 关于, at a space between issuers, before the year, the period or 落实情况; among the
    breaks that keep the fewest lines, the most natural and even."""
    text = text.strip()
    if len(text) <= width:
        return [text]
    atoms = _atoms(text)
    if len(atoms) < 2:
        return [text]
    best: dict[int, tuple] = {0: (0, 0.0, [])}  # atoms placed -> (lines, cost, lines)
    for start in range(len(atoms)):
        if start not in best:
            continue
        count, cost, lines = best[start]
        line = ""
        for end in range(start, len(atoms)):
            line += atoms[end]
            shown = line.strip()
            if len(shown) > width:
                break
            last = end + 1 == len(atoms)
            pause = 0.0 if last else _pause(atoms, end + 1)
            ragged = 0.0 if last else ((width - len(shown)) / width) ** 2
            candidate = (count + 1, cost + pause + ragged, lines + [shown])
            if end + 1 not in best or candidate[:2] < best[end + 1][:2]:
                best[end + 1] = candidate
    return best[len(atoms)][2] if len(atoms) in best else [text]


_PAUSE_AFTER = ("关于", "关于催报", "关于印发")
_PAUSE_BEFORE = ("上半年", "前三季度", "一季度", "三季度", "全年", "落实", "年终")


def _pause(atoms: list[str], at: int) -> float:
    """How badly a line ends before atoms[at]: 0 where a reader pauses, 1 between two words of a
    name or phrase, 3 before a particle or a one-character word."""
    before, after = atoms[at - 1], atoms[at]
    if not before.strip() or not after.strip() or before in _PAUSE_AFTER:
        return 0.0
    if after[:1].isdigit() or after in _PAUSE_BEFORE:
        return 0.0
    if len(after) == 1 or len(before) == 1:
        return 3.0
    return 1.0


_WHOLE = re.compile(r"《[^》]*》|\d+[年月日期号]|前三季度|上半年|一季度|三季度|落实情况|工作要点")


def _atoms(text: str) -> list[str]:
    """Words a line may not break: jieba's, with a 《…》, a number and its 年/月/日, a period
    (前三季度) and the plan's words (工作要点, 落实情况) kept whole. jieba is imported here,
    for a title too long for one line: loading its dictionary takes a tenth of a second."""
    import rjieba

    atoms: list[str] = []
    at = 0
    for whole in _WHOLE.finditer(text):
        atoms += rjieba.cut(text[at:whole.start()]) if whole.start() > at else []
        atoms.append(whole.group())
        at = whole.end()
    return atoms + (rjieba.cut(text[at:]) if at < len(text) else [])


def issue_number(plan: Plan, round_name: str, collected: set[str] | None) -> int:
    """期号: 设置's 通报期号, else counted over the year: this bulletin and those of the
    rounds before it that were collected (`collected`, the store's rounds; every earlier round
    when unknown). The year-end summary is no bulletin and counts none."""
    fixed = plan.settings.documents.issue_number
    if fixed:
        return fixed
    rounds = [r for r in plan.settings.rounds if not is_final(r)]
    names = [r.name for r in rounds]
    if round_name not in names:
        return 1
    earlier = names[: names.index(round_name)]
    if collected is not None:
        earlier = [n for n in earlier if n in collected]
    return len(earlier) + 1


def figure_names(plan: Plan) -> dict[str, str]:
    """indicator key -> how a notice or a bulletin names it: “新增学位”, with its task's title
    where two indicators share a name (“新增学位”（扩大普惠性学前教育资源）); never a code."""
    counts: dict[str, int] = {}
    for i in plan.indicators:
        counts[i.name] = counts.get(i.name, 0) + 1
    out = {}
    for i in plan.indicators:
        task = plan.task(i.task)
        twin = counts[i.name] > 1 and task is not None
        out[i.key] = f"“{i.name}”" + (f"（{task.title}）" if twin else "")
    return out
