"""The parts of a 督查通报 (a round's bulletin) and of a 年终总结, as a 督查 office writes them.

A bulletin (docs/real-bulletins.md, its common skeleton): 依据和方法 in one sentence; 一、总体情况
(the base counts, each class with its share, a verdict in 序时 words, who reported); 二、主要进展
(tasks finished early, targets reached early, named); 三、存在的主要问题 (lagging tasks by item
and lead, lagging figures by plan wording and the units the check names behind them, units that
did not report as asked, what the units say holds them back); 四、工作要求 (一是…二是…, the
office's own, or drawn from the round). A year-end summary: 总体情况, 主要工作成效 by part of the
plan, 存在的问题, 下一年工作打算.

Nothing here invents content: each sentence is a count, a figure from the check with its
basis, a status a unit reported, the office's own 工作要求, or the units' words merged.
A part is a dict {heading, paragraphs}; a paragraph {sub, point, text}: `sub` an （一） heading
run, `point` a 一是 lead run, `text` the rest.
"""

from __future__ import annotations

from datetime import date

from toolkit import vocab
from toolkit.model.plan import ABOUT, EQUAL, ROLE_LEAD
from toolkit.rules.numbers import fmt_number, percent, share
from toolkit.rules.rounds import period_of
from toolkit.rules.targets import judge
from toolkit.rules.text import chinese_number
from toolkit.summary import phrases as P
from toolkit.summary import synthesis as S
from toolkit.summary import text as T
from toolkit.rules.documents import chinese_date, month_day
from toolkit.vocab import (
    BEHIND,
    DONE,
    EXCEEDED,
    GREEN,
    INCOMPLETE,
    MET,
    MISSED,
    NOT_REPORTED,
    ON_TRACK,
    RED,
    TO_VERIFY,
)

NAMED = 3  # items named in a highlight before 等N项
HIGHLIGHTS = 1  # tasks (or figures) named as finished early, before 等N项
LAGGING_NAMED = 6  # lagging tasks (or figures) named in the body; the 附件 lists every one
SECTION_NAMED = 5  # indicators named in a part of the year-end summary


def para(text: str = "", sub: str = "", point: str = "") -> dict:
    return {"sub": sub, "point": point, "text": text}


def part(heading: str, paragraphs: list[dict]) -> dict:
    return {"heading": heading, "paragraphs": paragraphs}


def joined(names, limit: int | None = None, measure: str = "项") -> str:
    """'甲、乙、丙'; past `limit` names: '甲、乙、丙等5项'."""
    names = list(dict.fromkeys(names))
    if limit is None or len(names) <= limit:
        return "、".join(names)
    return f"{'、'.join(names[:limit])}等{len(names)}{measure}"


# --- who reported -------------------------------------------------------------------------
def submission_groups(units: list[dict]) -> dict[str, list[dict]]:
    """The units by what the bulletin says of their return: 未报送 (nothing, or an empty
    form), 逾期报送, 报送不全 (a figure that counts left blank), 按时报送."""
    groups: dict[str, list[dict]] = {"missing": [], "late": [], "partly": [], "on_time": []}
    for u in units:
        if u["state"] in (vocab.NOT_SUBMITTED, vocab.NOT_FILLED):
            groups["missing"].append(u)
            continue
        if u["late"]:
            groups["late"].append(u)
        if u["state"] == vocab.PARTLY_SUBMITTED:
            groups["partly"].append(u)
        if u["on_time"]:
            groups["on_time"].append(u)
    return groups


def reporting_sentence(units: list[dict], due: date | None) -> str:
    """截至7月10日，43个责任单位中按时报送39个。 (the others are named under 未按要求报送)"""
    g = submission_groups(units)
    cut = f"截至{month_day(due)}，" if due else ""
    if len(g["on_time"]) == len(units):
        return f"{cut}{len(units)}个责任单位均按时报送。"
    return f"{cut}{len(units)}个责任单位中按时报送{len(g['on_time'])}个。"


def not_as_asked(units: list[dict], comparison, figure_names: dict[str, str],
                 brief: bool = False) -> str:
    """未按要求报送, every unit named: not reported, late, figures that count left blank (which
    ones, unless `brief`: a bulletin says 报送不全 and leaves the figures to the 催报), a return
    repeating the last one, figures lower than last round. "" when all is well."""
    g = submission_groups(units)
    parts = []
    if g["missing"]:
        parts.append(f"{'、'.join(u['unit'] for u in g['missing'])}未报送")
    if g["late"]:
        parts.append(f"{'、'.join(u['unit'] for u in g['late'])}逾期报送")
    if brief and g["partly"]:
        parts.append(f"{'、'.join(u['unit'] for u in g['partly'])}报送不全")
    for u in [] if brief else g["partly"]:
        names = [figure_names.get(k, k) for k in u["blanks"]]
        parts.append(f"{u['unit']}未填报{joined(names, 2, '项数据')}的实际完成值")
    if comparison is not None:
        if comparison.repeated:
            parts.append(f"{'、'.join(comparison.repeated)}报送内容与上期完全相同，未更新进展")
        for unit, names in _down_by_unit(comparison, figure_names).items():
            parts.append(f"{unit}报送的{'、'.join(names)}低于上期")
    return "；".join(parts) + "。" if parts else ""


def _down_by_unit(comparison, figure_names) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for change in comparison.down:
        out.setdefault(change.unit, []).append(figure_names.get(change.indicator,
                                                                change.indicator))
    return out


# --- 总体情况 -----------------------------------------------------------------------------
def task_classes(ev) -> list[tuple[str, list]]:
    """The tasks in classes that add up to all of them, as a bulletin counts them: at a round
    已完成 / 按序时进度推进 / 滞后于序时进度 (黄灯, 红灯) / 未报送进展 / 进展待核实; at the
    year end 已完成 / 未完成 / …."""
    done = [t for t in ev.tasks if t.status == DONE]
    silent = [t for t in ev.tasks if t.status == NOT_REPORTED]
    doubt = [t for t in ev.tasks if t.status == TO_VERIFY]
    rest = [t for t in ev.tasks if t.status not in (DONE, NOT_REPORTED, TO_VERIFY)]
    if ev.final:
        classes = [("已完成", done), ("未完成", rest)]
    else:
        classes = [("已完成", done),
                   ("按序时进度推进", [t for t in rest if t.light == GREEN]),
                   ("滞后于序时进度", lagging_tasks(ev))]
    return classes + [("未报送进展", silent), ("进展待核实", doubt)]


def lagging_tasks(ev) -> list:
    """The tasks behind (黄灯, 红灯) that someone reported on, 红灯 first, in plan order."""
    behind = [t for t in ev.tasks if t.status not in (DONE, NOT_REPORTED, TO_VERIFY)
              and t.light != GREEN]
    return sorted(behind, key=lambda t: t.light != RED)


def indicator_classes(ev) -> list[tuple[str, list]]:
    inds = ev.indicators
    met = [i for i in inds if i.status in (MET, EXCEEDED)]
    short = [i for i in inds if i.status in (BEHIND, MISSED)]
    classes = [("已达到目标" if ev.final else "已达到全年目标", met)]
    if not ev.final:
        classes.append(("按序时进度推进", [i for i in inds if i.status == ON_TRACK]))
    classes.append(("未达到目标" if ev.final else "滞后于序时进度", short))
    return classes + [("数据暂不完整", [i for i in inds if i.status == INCOMPLETE]),
                      ("暂无数据", [i for i in inds if i.status == NOT_REPORTED]),
                      ("数据待核实", [i for i in inds if i.status == TO_VERIFY])]


def counted(classes, total: int, noun: str) -> str:
    """35项重点任务中，已完成6项，占17.1%；按序时进度推进24项，占68.6%；…"""
    parts = [f"{word}{len(items)}项，占{share(len(items), total)}" for word, items in classes
             if items]
    return f"{total}项{noun}中，" + "；".join(parts)


def verdict(ev) -> str:
    """The round in 序时 words, from the counts: 总体看，大部分任务按序时进度推进。"""
    total = len(ev.tasks)
    if not total:
        return ""
    if ev.final:
        done = sum(1 for t in ev.tasks if t.status == DONE)
        rate = done / total
        words = ("全年任务全面完成" if done == total else "全年任务绝大部分完成" if rate >= 0.9
                 else "全年任务大部分完成" if rate >= 0.6 else "全年任务完成情况不够理想")
        return f"总体看，{words}，任务完成率{share(done, total)}。"
    good = sum(1 for t in ev.tasks if t.status == DONE or (t.status not in (NOT_REPORTED, TO_VERIFY)
                                                          and t.light == GREEN))
    rate = good / total
    words = ("绝大部分任务按序时进度推进" if rate >= 0.9 else "大部分任务按序时进度推进"
             if rate >= 0.6 else "较多任务滞后于序时进度")
    return f"总体看，{words}。"


def overview(ev, units: list[dict], due: date | None, comparison, before,
             figure_names=None) -> list[dict]:
    """一、总体情况: the tasks counted with their shares, the indicators counted, a verdict, who
    reported (in a bulletin, who did not as asked, named) and what changed since the last
    round, in one paragraph."""
    text = counted(task_classes(ev), len(ev.tasks), "重点任务") + "。" if ev.tasks else ""
    if ev.indicators:
        classes = indicator_classes(ev)
        partial = dict(classes).get("数据暂不完整", [])
        shown = [(w, items) for w, items in classes if items and w != "数据暂不完整"]
        text += f"{len(ev.indicators)}项量化指标中，" + "、".join(
            f"{word}{len(items)}项" for word, items in shown)
        missing = list(dict.fromkeys(u for i in partial for u in i.missing_units))
        if partial:
            who = f"因{joined(missing, 2, '个单位')}未报送" if missing else ""
            text += f"，另有{len(partial)}项{who}数据暂不完整"
            fine = sum(1 for i in partial if partly_fine(i, ev))
            if fine:
                text += f"（其中{fine}项已报部分已达{'目标' if ev.final else '序时要求'}）"
        text += "。"
    text += verdict(ev) + ("" if ev.final else highlights(ev))
    reported = reporting_sentence(units, due)
    if not ev.final:
        asked = not_as_asked(units, comparison, figure_names or {}, brief=True)
        reported = reported[:-1] + "；" + asked if asked else reported
    text += reported + changes_sentence(ev, before, comparison)
    return [para(text)]


def partly_fine(ind, ev) -> bool:
    """A partial figure that what is missing cannot make worse: an 约 or 等于 sum already on
    track (more can only take it past the target), or a standard every reporting unit
    reaches."""
    if ind.expected_units and (ind.reached_units or ind.below_units) and ind.actual is None:
        return not ind.below_units
    if ind.actual is None or ind.comparator not in (ABOUT, EQUAL):
        return False
    status = judge(ind.actual, ind.target, ind.expected, ind.comparator, ev.tolerance, ev.final)
    return status in vocab.GOOD_STATUSES


def changes_sentence(ev, before, comparison) -> str:
    """与半年相比，已完成任务由6项增至30项，已达到目标的指标由3项增至28项。"""
    if before is None or comparison is None:
        return ""
    counts = (("已完成任务", lambda e: e.task_counts[DONE]),
              ("已达到目标的指标", lambda e: e.counts[MET] + e.counts[EXCEEDED]))
    moved = [f"{name}由{count(before)}项{'增至' if count(ev) > count(before) else '减至'}"
             f"{count(ev)}项" for name, count in counts if count(ev) != count(before)]
    if not moved:
        return f"与{period_of(comparison.previous_round)}相比，已完成任务和已达到目标的指标数量未变。"
    return f"与{period_of(comparison.previous_round)}相比，{'，'.join(moved)}。"


# --- what went well (a round) --------------------------------------------------------------
def task_name(t) -> str:
    """落实立德树人根本任务（体卫艺科牵头）: the task by its title, as bulletins name items."""
    lead = f"（{t.lead}牵头）" if t.lead else ""
    return f"{t.title}{lead}"


def highlights(ev) -> str:
    """Tasks finished before the year end and targets reached early, named (a few each), as
    one sentence after the verdict: “…”（…牵头）等6项任务已完成，…等3项指标提前达到全年目标。"""
    parts = []
    done = [t for t in ev.tasks if t.status == DONE]
    if done:
        parts.append(f"{joined([task_name(t) for t in done], HIGHLIGHTS)}任务已完成")
    early = [i for i in ev.indicators if i.status in (MET, EXCEEDED)]
    if early:
        names = [f"{i.name}{P.value(i)}" for i in early]
        parts.append(f"{joined(names, HIGHLIGHTS)}指标提前达到全年目标")
    return "其中，" + "，".join(parts) + "。" if parts else ""


# --- 存在的问题 -----------------------------------------------------------------------------
def lagging_task_clauses(tasks) -> list[str]:
    """One clause per reason, the tasks it holds named with their leads: “落实立德树人根本
    任务”（体卫艺科牵头）、“…”（初教科牵头）完成进度30%，低于序时进度50%."""
    by_reason: dict[str, list] = {}
    for t in tasks:
        by_reason.setdefault(t.light_reason, []).append(t)
    out = []
    for reason, same in by_reason.items():
        if len(same) > 1 and reason.startswith("完成进度"):
            reason = "完成进度均为" + reason[len("完成进度"):]
        out.append(f"{'、'.join(task_name(t) for t in same)}{reason}")
    return out


def problems(ev, units, comparison, kinds, figure_names, said=()) -> list[dict]:
    """（一）the tasks behind, （二）the figures behind, and in the year-end summary （三）未按要求
    报送 (a bulletin names them in 总体情况) and （四）what the units say holds them back: each
    only when there is something to say."""
    out = []
    period = "全年" if ev.final else period_of(ev.round)
    tasks = lagging_tasks(ev)
    if tasks:
        lead = "部分任务未完成" if ev.final else "部分任务进度滞后"
        clauses = lagging_task_clauses(tasks[:LAGGING_NAMED])
        more = (f"等{len(tasks)}项任务（详见附件）" if len(tasks) > LAGGING_NAMED else "")
        out.append((lead, "；".join(clauses) + more + "。"))
    short = [i for i in ev.indicators if i.status in (BEHIND, MISSED)]
    if short:
        lead = "部分指标未达到目标" if ev.final else "部分指标滞后于序时进度"
        clauses = [P.lagging_sentence(i, ev.final, kinds, period) for i in short[:LAGGING_NAMED]]
        more = (f"等{len(short)}项指标（详见附件）" if len(short) > LAGGING_NAMED else "")
        out.append((lead, "；".join(clauses) + more + "。"))
    asked = not_as_asked(units, comparison, figure_names) if ev.final else ""
    if asked:
        out.append(("个别单位未按要求报送", asked))
    if said:  # synthesis.Synthesis points: what the units say holds them back
        out.append(("基层反映的主要困难", "；".join(S.point_text(p) for p in said) + "。"))
    return [para(text, sub=f"（{chinese_number(n)}）{lead}。") for n, (lead, text)
            in enumerate(out, 1)]


# --- 工作要求 -------------------------------------------------------------------------------
def requirements(plan, ev, units, next_round, issuer: str, new_deadline: date) -> list[dict]:
    """工作要求, 一是…二是…: the office's own (the master's 工作要求 sheet, rows for this round
    or for every round), else drawn from the round: the lagging tasks and their leads, the
    units to report again and the next due date, the office's follow-up."""
    own = [r for r in plan.settings.documents.requirements if r.round in ("", ev.round)]
    if own:
        points = [(r.heading, r.text) for r in own]
    else:
        points = default_requirements(ev, units, next_round, issuer, new_deadline)
    return [para(text, point=f"{chinese_number(n)}是{heading.rstrip('。')}。")
            for n, (heading, text) in enumerate(points, 1)]


def default_requirements(ev, units, next_round, issuer: str, new_deadline: date):
    """一是 the lagging tasks' leads (named just above, under 存在的主要问题) must catch up or
    close them; 二是 the units that did not report (or left a figure blank) by the new deadline,
    every unit by the next round's due date; 三是 what the office will do."""
    points = []
    tasks = lagging_tasks(ev)
    if tasks:
        if ev.final:
            points.append(("抓好未完成任务的收尾", f"以上{len(tasks)}项未完成任务的牵头单位要逐项分析原因，"
                                            "明确完成时限，持续推进，确保落实到位。"))
        else:
            points.append(("加快推进滞后任务", f"以上{len(tasks)}项滞后任务的牵头单位要对照序时进度，"
                                         "倒排时间节点，确保按期完成。"))
    g = submission_groups(units)
    text = ""

    def day(d: date) -> str:  # 7月18日 within the year of the document, else with its year
        return month_day(d) if d.year == new_deadline.year else chinese_date(d)

    if g["missing"] or g["partly"]:
        text = f"未报送或报送不全的单位要于{day(new_deadline)}前补报。"
    if next_round is not None and next_round.due:
        text += (f"各责任单位要于{day(next_round.due)}前报送"
                 f"{period_of(next_round.name)}落实情况。")
    elif not ev.final:
        text += "各责任单位要按时报送下一阶段落实情况。"
    if text:
        points.append(("按时准确报送", text))
    office = issuer or "督查部门"
    if ev.final:
        points.append(("做好年度总结和衔接", f"{office}将把未完成事项纳入下一年度跟踪督办，直至完成。"))
    else:
        points.append(("强化跟踪督办", f"{office}将对滞后事项开展“回头看”，跟踪督办直至完成。"))
    return points


# --- 主要工作成效 (the year end) -------------------------------------------------------------
def section_results(plan, ev, kinds) -> list[dict]:
    """Each part of the plan: a claim sentence from its counts, the figures it reached (a few,
    with their targets), the tasks left unfinished named with their leads."""
    numbers = list(dict.fromkeys([s.number for s in plan.sections] + [t.section for t in ev.tasks]))
    out = []
    for n, number in enumerate(numbers, 1):
        own = [t for t in ev.tasks if t.section == number]
        if not own:
            continue
        tasks = {t.number for t in own}
        inds = [i for i in ev.indicators if i.task in tasks]
        title = plan.section_title(number) or number
        out.append(para(_section_text(own, inds), sub=f"（{chinese_number(n)}）{title}。"))
    return out


def _section_text(own: list, inds: list) -> str:
    """本部分5项任务完成4项，6项量化指标中达到目标5项、未达到目标1项。达到目标的有：…。
    …尚未完成。"""
    done = [t for t in own if t.status == DONE]
    text = (f"本部分{len(own)}项任务全部完成" if len(done) == len(own)
            else f"本部分{len(own)}项任务完成{len(done)}项")
    if inds:
        counts = [(w, items) for w, items in _final_classes(inds) if items]
        if len(counts) == 1:
            word = counts[0][0]
            text += f"，{len(inds)}项量化指标{'全部' if word == '达到目标' else ''}{word}"
        else:
            text += f"，{len(inds)}项量化指标中" + "、".join(
                f"{w}{len(items)}项" for w, items in counts)
        met = [i for i in inds if i.status in (MET, EXCEEDED)]
        if met:
            text += f"。达到目标的有：{joined([P.achieved(i) for i in met], SECTION_NAMED)}"
    unfinished = [t for t in own if t.status != DONE]
    if unfinished:
        text += f"。{joined([task_name(t) for t in unfinished], NAMED)}尚未完成"
    return text + "。"


def _final_classes(inds: list) -> list[tuple[str, list]]:
    return [("达到目标", [i for i in inds if i.status in (MET, EXCEEDED)]),
            ("未达到目标", [i for i in inds if i.status in (BEHIND, MISSED)]),
            ("数据暂不完整", [i for i in inds if i.status == INCOMPLETE]),
            ("暂无数据", [i for i in inds if i.status == NOT_REPORTED]),
            ("数据待核实", [i for i in inds if i.status == TO_VERIFY])]


def plans(ev, said, requirement_paragraphs) -> list[dict]:
    """下一年工作打算: the units' intentions (synthesis.Synthesis points), then the office's."""
    out = []
    if said:
        out.append(para("各责任单位提出：" + "；".join(S.point_text(p) for p in said) + "。"))
    return out + requirement_paragraphs


# --- 附件 ----------------------------------------------------------------------------------
LIGHT_FILLS = {vocab.RED: "FFC7CE", vocab.YELLOW: "FFEB9C", vocab.GREEN: "C6EFCE"}
# an indicator's status as the 附件 says it (the check's words, 数据不全 as the body says it)
STATUS_WORDS = {INCOMPLETE: "暂不完整"}
STATUS_FILLS = {EXCEEDED: "C6EFCE", MET: "C6EFCE", ON_TRACK: "DDEBF7", BEHIND: "FFEB9C",
                MISSED: "FFC7CE", INCOMPLETE: "FCE4D6", NOT_REPORTED: "EDEDED",
                TO_VERIFY: "FCE4D6"}
SECTION_FILL = "D9E1F2"


def task_state(t) -> str:
    """已完成; 推进中，完成进度50%; 未报送进展."""
    if t.status == NOT_REPORTED:
        return "未报送进展"
    if t.status == TO_VERIFY:
        return "进展待核实"
    if t.status == DONE:
        return "已完成"
    words = {vocab.ONGOING: "推进中", vocab.NOT_STARTED: "尚未启动", vocab.UNFINISHED: "未完成"}
    text = words.get(t.status, t.status)
    if t.progress is not None and t.status != vocab.NOT_STARTED:
        text += f"，完成进度{fmt_number(t.progress)}%"
    return text


def indicator_state(ind, final: bool, kinds) -> str:
    """8902个，完成103%（据12个县（市、区）报送汇总）; a partial figure says who is missing."""
    if ind.actual is None:
        text = P.standing(ind, final, kinds)
    else:
        text = f"{P.value(ind)}（{P.source_short(ind, kinds)}）"
        if ind.rate is not None:
            text = f"{P.value(ind)}，完成{percent(ind.rate)}（{P.source_short(ind, kinds)}）"
    if ind.missing_units and ind.status in (INCOMPLETE, NOT_REPORTED, BEHIND, MISSED):
        text += f"；{P.missing(ind)}"
    return text


def annex_rows(plan, ev, kinds) -> list[dict]:
    """One table of every task (its light) and its indicators (their status), by part."""
    rows = []
    inds: dict[int, list] = {}
    for i in ev.indicators:
        inds.setdefault(i.task, []).append(i)
    current = None
    for t in ev.tasks:
        if t.section != current:
            current = t.section
            title = plan.section_title(t.section)
            rows.append({"number": t.section, "item": title or t.section, "lead": "",
                         "state": "", "light": "", "fill": SECTION_FILL, "head": SECTION_FILL})
        rows.append({"number": str(t.number), "item": t.title, "lead": t.lead,
                     "state": task_state(t), "light": t.light,
                     "fill": LIGHT_FILLS.get(t.light, "FFFFFF"), "head": "FFFFFF"})
        for i in inds.get(t.number, []):
            rows.append({"number": "", "item": f"指标：{P.item(i).strip('“”')}", "lead": "",
                         "state": indicator_state(i, ev.final, kinds),
                         "light": STATUS_WORDS.get(i.status, i.status),
                         "fill": STATUS_FILLS.get(i.status, "FFFFFF"), "head": "FFFFFF"})
    return rows


def unit_text_rows(order: dict[int, int], consolidation, canonical, roles) -> list[dict]:
    """Every unit's answer in full (附件2, when 设置 asks for the units' texts)."""
    rows = []
    for a in consolidation.tasks:
        unit = canonical.get(a.unit, a.unit)
        role = roles.get((a.task, unit), "")
        progress = f"{a.progress:g}%" if a.progress is not None else ""
        rows.append({
            "task": a.task, "unit": unit, "role": role,
            "status": "，".join(filter(None, (a.status, progress))),
            "narrative": T.tidy(a.narrative),
            "plans": "\n".join(T.tidy(t) for t in (a.problems, a.next_steps)
                               if T.says_something(t)),
            "_order": (order.get(a.task, len(order)), role != ROLE_LEAD),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return [r for r in rows if r["status"] or r["narrative"] or r["plans"]]
