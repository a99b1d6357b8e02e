"""The parts of a 督查通报 or 年终总结 a leader reads, as the office writes them.

    overview(plan_title, ev, units)                  总体情况: counts and rates in one paragraph
    submissions(units)                               报送情况: the missing, late, empty units
    lagging_sentences(ev)                            重点指标: each lagging figure and its units
    task_paragraph(result, answers, silent_units)    任务推进情况: the lead's account, the
                                                     co-operating units in one clause, the light
    gather(items, titles, common_name)               存在问题 / 下一步工作: clauses grouped
    changes(ev, before, comparison, titles)          what moved since the last round (进展对比)
    appendix_rows(order, consolidation, canonical, roles)   every unit's text, for the appendix

Nothing here invents content: each sentence is a count, a figure from the check, a status a
unit reported or a unit's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit import vocab
from toolkit.rules.numbers import fmt_number
from toolkit.vocab import BEHIND, EXCEEDED, INCOMPLETE, MET, MISSED, NOT_REPORTED, ON_TRACK, TO_VERIFY
from toolkit.model.plan import ROLE_LEAD
from toolkit.summary import text as T
from toolkit.vocab import DONE, GREEN, LIGHTS, NOT_STARTED, ONGOING, RED, UNFINISHED, YELLOW

LAGGING = (BEHIND, MISSED, INCOMPLETE, NOT_REPORTED, TO_VERIFY)
# a task status as an official document says it
STATUS_WORDS = {DONE: "已完成", ONGOING: "正在推进", NOT_STARTED: "尚未启动", UNFINISHED: "未完成",
                NOT_REPORTED: "未报送进展", TO_VERIFY: "待核实"}
NAMED = 3  # units named before 等N个单位
LEAD_LIMIT = 50  # characters of the lead's account in the body; the whole text is in the appendix
GROUP_LIMIT = 5  # clauses shown per group of 存在问题 / 下一步工作; the rest are in the appendix
BACKWARDS_LIMIT = 4  # tasks named in 与上次报送相比的变化; the rest are in 进展对比


def joined(names, limit: int | None = None, measure: str = "个单位") -> str:
    """'甲、乙、丙'; past `limit` names: '甲、乙、丙等5个单位'."""
    names = list(dict.fromkeys(names))
    if limit is None or len(names) <= limit:
        return "、".join(names)
    return f"{'、'.join(names[:limit])}等{len(names)}{measure}"


def share_text(part: int, whole: int) -> str:
    return T.percent(part / whole) if whole and part else "0%"


# --- 总体情况 -----------------------------------------------------------------------------
def overview(plan_title: str, ev, units: list[dict]) -> str:
    tasks, inds, lights = ev.task_counts, ev.counts, ev.light_counts
    if ev.final:
        text = f"根据各责任单位报送的年终材料，现将《{plan_title}》落实情况总结如下。全年"
    else:
        text = (f"根据各责任单位报送的{ev.round}材料，现将《{plan_title}》截至{ev.round}的"
                "落实进展通报如下。")
    statuses = "，".join(f"{STATUS_WORDS.get(s, s)}{n}项" for s, n in tasks.items() if n)
    text += f"{len(ev.tasks)}项重点任务中，{statuses or '暂无报送'}"
    if ev.tasks:
        text += f"，任务完成率{share_text(tasks[DONE], len(ev.tasks))}"
        text += "；按红黄绿灯评定，" + "、".join(f"{c}{lights[c]}项" for c in LIGHTS if lights[c]) + "；"
    met = inds[MET] + inds[EXCEEDED]
    if ev.indicators:
        parts = [f"已达标{met}项" + (f"（其中超额完成{inds[EXCEEDED]}项）" if inds[EXCEEDED] else "")]
        parts += [f"{s}{inds[s]}项" for s in inds if s not in (MET, EXCEEDED) and inds[s]]
        text += f"{len(ev.indicators)}项量化指标中，{'，'.join(parts)}，"
        if ev.final:
            text += f"达标率{share_text(met, len(ev.indicators))}；"
        else:
            fine = met + inds[ON_TRACK]
            text += f"已达标或进度正常的占{share_text(fine, len(ev.indicators))}；"
    on_time = sum(1 for u in units if u["on_time"])
    text += f"{len(units)}个责任单位中，按时报送{on_time}个，按时报送率{share_text(on_time, len(units))}"
    return text + "。"


# --- 报送情况 -----------------------------------------------------------------------------
def submissions(units: list[dict]) -> str:
    """One paragraph naming every unit that did not report, reported late, sent an empty form,
    or sent one with problems."""
    by_state: dict[str, list[str]] = {}
    for u in units:
        by_state.setdefault(vocab.LATE if u["late"] else u["state"], []).append(u["unit"])
        if u["late"] and u["state"] == vocab.WITH_PROBLEMS:  # late, and with problems
            by_state.setdefault(vocab.WITH_PROBLEMS, []).append(u["unit"])
    reported = len(units) - len(by_state.get(vocab.NOT_SUBMITTED, []))
    head = f"本次应报送单位{len(units)}个，实际报送{reported}个"
    on_time = sum(1 for u in units if u["on_time"])
    if on_time == len(units):
        return head + "，各单位均按时报送。"
    parts = [f"按时报送{on_time}个"]
    lines = (
        (vocab.LATE, "逾期报送{n}个：{names}"),
        (vocab.NOT_SUBMITTED, "未报送{n}个：{names}，请抓紧补报"),
        (vocab.NOT_FILLED, "报送空表{n}个：{names}，视同未报送进展"),
        (vocab.WITH_PROBLEMS, "报送材料存在问题需核实{n}个：{names}，已反馈相关单位"),
    )
    for state, pattern in lines:
        names = by_state.get(state, [])
        if names:
            parts.append(pattern.format(n=len(names), names="、".join(names)))
    return head + "，其中" + "；".join(parts) + "。"


# --- 重点指标完成情况 -----------------------------------------------------------------------
def indicator_row(ind) -> dict:
    figure = f"{fmt_number(ind.actual)}{ind.unit}" if ind.actual is not None else "—"
    return {
        "key": ind.key, "name": ind.name, "requirement": ind.target_text,
        "figure": figure, "rate": T.percent(ind.rate) if ind.rate is not None else "—",
        "status": ind.status, "basis": (ind.basis or "—").replace(" ", "\u00a0"),  # one line
    }


def lagging_sentence(ind, round_name: str, final: bool) -> str:
    """The figure in words, then the units pulling it down by name."""
    text = T.figure_sentence(ind, round_name, final)
    named = set(ind.below_units) | (set(ind.missing_units) if ind.status == INCOMPLETE else set())
    behind = [u for u in ind.lagging_units if u not in named]
    if behind:
        words = "未达到目标的单位" if final else "完成进度落后的单位"
        text += f"{words}：{'、'.join(behind)}。"
    missing = [u for u in ind.missing_units if u not in named]
    if missing:
        text += f"未报送数据的单位：{'、'.join(missing)}。"
    return f"{ind.key} {text}"


def lagging_sentences(ev) -> list[str]:
    """A sentence per lagging figure; figures incomplete only because units did not report are
    grouped by those units (the table above names them): 建宁县教育局未报送数据，I10-1、I10-2共2项
    指标数据不全。"""
    out, incomplete = [], {}
    for ind in ev.indicators:
        if ind.status == INCOMPLETE and ind.missing_units and not ind.below_units:
            incomplete.setdefault(tuple(ind.missing_units), []).append(ind)
        elif ind.status in LAGGING:
            out.append(lagging_sentence(ind, ev.round, ev.final))
    for missing, inds in incomplete.items():
        names = "、".join(i.key for i in inds)
        count = f"共{len(inds)}项指标" if len(inds) > 1 else "指标"
        out.append(f"{'、'.join(missing)}未报送数据，{names}{count}数据不全。")
    return out


def table_indicators(ev) -> list:
    """The indicators in the body's table: every one at the year end, the lagging ones in a
    round's bulletin (the others are in the appendix)."""
    return list(ev.indicators) if ev.final else [i for i in ev.indicators if i.status in LAGGING]


def on_track_sentence(ev) -> str:
    """其余24项指标已达标或进度正常（详见附件1）。 for a round's bulletin."""
    rest = len(ev.indicators) - len(table_indicators(ev))
    if ev.final or not rest:
        return ""
    return f"其余{rest}项指标已达标或进度正常，详见附件1。"


# --- 任务推进情况 ---------------------------------------------------------------------------
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]?")


def lead_account(text: str, limit: int) -> str:
    """The first sentences of the lead's text, at most `limit` characters (the whole text is in
    the appendix); a first sentence longer than that is cut at a comma, with an ellipsis."""
    text = T.sentence(text)
    if len(text) <= limit:
        return text
    out = ""
    for part in filter(None, _SENTENCE.findall(text)):
        if len(out) + len(part) > limit:
            break
        out += part
    if not out:
        head = text[: limit - 1]
        cut = max(head.rfind("，"), head.rfind(","), head.rfind("、"))
        return (head[:cut] if cut > limit // 3 else head) + "…"
    return out[:-1] + "。" if out[-1] in "；;" else out


def coop_clause(result, silent_units=frozenset()) -> str:
    """宣传部等5个单位配合推进，其中梅列区教育局尚未启动，三元区教育局未报送; a unit that sent
    nothing at all (`silent_units`, named once in 报送情况) is not named again."""
    coop = [s for s in result.units if s.role != ROLE_LEAD]
    if not coop:
        return ""
    names = [s.unit for s in coop]
    if not any(s.answered for s in coop):
        return f"配合单位{joined(names, NAMED)}未报送进展。"
    text = f"{names[0]}等{len(names)}个单位配合推进" if len(names) > 2 else f"{'、'.join(names)}配合推进"
    exceptions = []
    for status, words in ((NOT_STARTED, "尚未启动"), (UNFINISHED, "报未完成")):
        these = [s.unit for s in coop if s.answered and s.status == status]
        if these:
            exceptions.append(f"{joined(these, NAMED)}{words}")
    silent = [s.unit for s in coop if not s.answered and s.unit not in silent_units]
    if silent:
        exceptions.append(f"{joined(silent, NAMED)}未报送")
    return text + ("，其中" + "，".join(exceptions) if exceptions else "") + "。"


def lead_part(result, answers: dict) -> str:
    leads = [s.unit for s in result.units if s.role == ROLE_LEAD]
    texts = [answers[u].narrative for u in leads if u in answers
             and T.says_something(answers[u].narrative)]
    if texts:
        return lead_account("；".join(T.tidy(t).rstrip("。") for t in texts), LEAD_LIMIT)
    if result.lead_status:
        progress = (f"，完成进度{result.progress:g}%"
                    if result.progress is not None and result.lead_status != DONE else "")
        return f"牵头单位报送进展状态为“{result.lead_status}”{progress}。"
    if result.notes:
        return "；".join(result.notes) + "。"
    return T.NO_PROGRESS


def task_paragraph(result, answers: dict, silent_units=frozenset()) -> dict:
    body = lead_part(result, answers)
    if result.status != NOT_REPORTED:
        body += coop_clause(result, silent_units)
    reason = "" if result.light == GREEN else f"（{result.light_reason}）"
    return {
        "number": result.number,
        "light": result.light,
        "tag": f"【{result.light}】",
        "heading": f"{result.number}.{result.title}{reason}。" if reason
                   else f"{result.number}.{result.title}。",
        "text": body,
    }


def section_summary(own: list) -> str:
    """本部分共5项任务，已完成4项；黄灯1项、绿灯4项。"""
    done = sum(1 for r in own if r.status == DONE)
    lights = [f"{c}{n}项" for c in LIGHTS if (n := sum(1 for r in own if r.light == c))]
    return f"本部分共{len(own)}项任务，已完成{done}项；{'、'.join(lights)}。"


# --- 存在问题 / 下一步工作 ------------------------------------------------------------------
_NUMBERING = re.compile(r"^\s*(?:[（(][0-9一二三四五六七八九十]+[)）]|[0-9一二三四五六七八九十]+[.、．)）]"
                        r"|[一二三四五六七八九十]是)\s*")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")


@dataclass
class Clause:
    text: str
    units: dict = field(default_factory=dict)  # in order, each once
    sections: dict = field(default_factory=dict)


def clauses(text: str | None) -> list[str]:
    """A unit's text in clauses: split at 。；, numbering (1. （一） 一是) removed."""
    out = []
    for part in _CLAUSE_END.split(T.printable(text or "")):
        part = _NUMBERING.sub("", part.strip()).strip(" ，,、")
        if T.says_something(part):
            out.append(part)
    return out


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def gather(items: list[tuple[str, str, str]], titles: dict[str, str], common_name: str,
           limit: int = GROUP_LIMIT) -> list[dict]:
    """(section, unit, text) -> groups: `common_name` (共性问题: clauses raised under several
    parts of the plan) first, then by part. Each group lists its clauses, those raised by most
    units first, with the units named; past `limit` clauses the rest are counted and left to
    the appendix."""
    found: dict[str, Clause] = {}
    for section, unit, text in items:
        for part in clauses(text):
            clause = found.setdefault(_key(part), Clause(part))
            clause.units[unit] = None
            clause.sections[section] = None
    common = [c for c in found.values() if len(c.sections) > 1]
    groups = [(common_name, common)] if common else []
    for section in titles:
        own = [c for c in found.values() if len(c.sections) == 1 and section in c.sections]
        if own:
            groups.append((f"{titles[section] or section}方面", own))
    return [_group(n, name, items_, limit) for n, (name, items_) in enumerate(groups, start=1)]


def _group(number: int, name: str, found: list[Clause], limit: int) -> dict:
    ranked = sorted(found, key=lambda c: -len(c.units))  # stable: first raised first
    shown = [f"{c.text}（{joined(c.units, 2)}）" for c in ranked[:limit]]
    text = "；".join(shown) + "。"
    if len(ranked) > limit:
        text += f"另有{len(ranked) - limit}条，详见附件。"
    return {"label": f"（{T.chinese_number(number)}）", "name": name, "text": text,
            "count": len(ranked)}


# --- since the last round -----------------------------------------------------------------
def changes(ev, before, comparison, titles: dict[int, str]) -> list[str]:
    """Sentences on what moved since the previous round: tasks done, targets met, lights, and the
    tasks a unit reported less progress on."""
    if comparison is None or before is None:
        return []
    counts = (("已完成任务", lambda e: e.task_counts[DONE]),
              ("已达标指标", lambda e: e.counts[MET] + e.counts[EXCEEDED]),
              ("红灯任务", lambda e: e.light_counts[RED]),
              ("黄灯任务", lambda e: e.light_counts[YELLOW]))
    moved = [f"{name}由{count(before)}项{'增至' if count(ev) > count(before) else '减至'}"
             f"{count(ev)}项" for name, count in counts if count(ev) != count(before)]
    still = [name for name, count in counts if count(ev) == count(before)]
    text = f"与{comparison.previous_round}相比，" + "，".join(moved)
    if still:
        text += ("，" if moved else "") + f"{'、'.join(still)}数量未变"
    text += "。"
    out = [text]
    back, standing = comparison.backwards, comparison.standing
    if back:
        out.append(f"{len(back)}项次报送进度较上次倒退：{_by_task(back, titles)}，"
                   "请相关单位说明原因（详见汇总表“进展对比”）。")
    if standing and not ev.final:  # at the year end an unfinished task is 红灯 already
        out.append(f"{len(standing)}项次报送与上次相比无进展：{_by_task(standing, titles)}。")
    return out


def _by_task(changes_, titles) -> str:
    """4.强化干部队伍建设（梅列区教育局）；12.促进…（财务科、清流县教育局等3个单位）, the first
    BACKWARDS_LIMIT tasks, then 等N项任务."""
    units: dict[int, list[str]] = {}
    for change in changes_:
        units.setdefault(change.task, []).append(change.unit)
    shown = [f"{task}.{titles.get(task, '')}（{joined(names, 2)}）"
             for task, names in list(units.items())[:BACKWARDS_LIMIT]]
    more = f"等{len(units)}项任务" if len(units) > BACKWARDS_LIMIT else ""
    return "；".join(shown) + more


# --- 附件 ---------------------------------------------------------------------------------
def appendix_rows(order: dict[int, int], consolidation, canonical, roles) -> list[dict]:
    """Every unit's answer in full, by task and then lead first."""
    rows = []
    for a in consolidation.tasks:
        unit = canonical.get(a.unit, a.unit)
        role = roles.get((a.task, unit), "")
        progress = f"{a.progress:g}%" if a.progress is not None else ""
        rows.append({
            "task": a.task, "unit": unit, "role": role,
            "status": "，".join(filter(None, (a.status, progress))),
            "narrative": T.tidy(a.narrative), "problems": T.tidy(a.problems),
            "next_steps": T.tidy(a.next_steps),
            "plans": "\n".join(T.tidy(t) for t in (a.problems, a.next_steps) if T.says_something(t)),
            "_order": (order.get(a.task, len(order)), role != ROLE_LEAD),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return [r for r in rows if any(r[k] for k in ("status", "narrative", "problems", "next_steps"))]

