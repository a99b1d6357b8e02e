"""The data both templates are filled with, built from the plan, the answers and the check."""

from __future__ import annotations

from toolkit.check import (
    EXCEEDED,
    MET,
    Evaluation,
    IndicatorResult,
    TaskResult,
    canonical_names,
    find_round,
    fmt_number,
    plan_title,
)
from toolkit.check.tasks import DONE
from toolkit import forms
from toolkit.forms import Consolidation, TaskAnswer
from toolkit.model import ROLE_LEAD, Plan
from toolkit.summary import text as T
from toolkit.summary.assessment import assessment_context

ON_TIME_STATES = (forms.SUBMITTED, forms.WITH_PROBLEMS)
SUBMISSION_STATES = (forms.SUBMITTED, forms.WITH_PROBLEMS, forms.LATE, forms.NOT_FILLED,
                     forms.NOT_SUBMITTED)


def report_kind(evaluation: Evaluation) -> str:
    return "年终总结" if evaluation.final else f"{evaluation.round}进度通报"


def count_text(counts: dict[str, int], order, unit: str = "项") -> str:
    return "，".join(f"{s}{counts[s]}{unit}" for s in order if counts.get(s))


def task_context(plan: Plan, result: TaskResult, answers: dict[str, TaskAnswer],
                 indicators: list[IndicatorResult], ev: Evaluation) -> dict:
    """One task: its table row and its paragraph (lead's text, co-operating units', figures)."""
    leads = [s.unit for s in result.units if s.role == ROLE_LEAD]
    lead_texts = [(u, answers[u].narrative) for u in leads if u in answers]
    coop_texts = [(s.unit, answers[s.unit].narrative) for s in result.units
                  if s.role != ROLE_LEAD and s.unit in answers]
    parts = []
    merged_leads = T.merge_texts(lead_texts)
    if len(merged_leads) == 1 and len(leads) == 1:
        parts.append(merged_leads[0][1])
    else:
        parts += [f"{units}：{text}" for units, text in merged_leads]
    parts += [f"{units}：{text}" for units, text in T.merge_texts(coop_texts)]
    if result.lead_status and (result.lead_status != DONE or not merged_leads):
        shown = result.progress is not None and result.lead_status != DONE
        progress = f"，完成进度{result.progress:g}%" if shown else ""
        parts.append(f"牵头单位报送进展状态为“{result.lead_status}”{progress}。")
    elif not parts and result.notes:  # units answered, but said nothing to quote
        parts.append("；".join(result.notes) + "。")
    figures = [T.figure_sentence(i, ev.round, ev.final) for i in indicators]
    reported = bool(parts) or any(i.actual is not None for i in indicators)
    body = "".join(parts + figures) if reported else T.NO_PROGRESS + "".join(figures)
    lead_narrative = "\n".join((text or "").strip() for _, text in lead_texts if T.tidy(text))
    return {
        "number": result.number,
        "title": result.title,
        "heading": f"{result.number}.{result.title}。",
        "lead": result.lead,
        "status": result.status,
        "lead_status": result.lead_status,
        "progress": round(result.progress, 1) if result.progress is not None else None,
        "narrative": lead_narrative,
        "coop_text": result.coop_text,
        "missing_text": "、".join(result.missing_units),
        "note": "；".join(result.notes),
        "figures": figures,
        "text": body,
        "reported": reported,
    }


def indicator_context(ind: IndicatorResult, ev: Evaluation) -> dict:
    return {
        "key": ind.key,
        "task": ind.task,
        "name": ind.name,
        "requirement": ind.target_text,
        "target": ind.target,
        "unit": ind.unit,
        "expected": ind.expected,
        "actual": ind.actual,
        "rate": ind.rate,
        "status": ind.status,
        "missing_text": "、".join(ind.missing_units),
        "lagging_text": "、".join(ind.lagging_units),
        "remark": ind.remark,
        "sentence": T.figure_sentence(ind, ev.round, ev.final),
        "label": f"{ind.key} {T.shorten(ind.name, 14)}",
    }


def unit_rows(plan: Plan, consolidation: Consolidation) -> list[dict]:
    """Every responsible unit with its submission (未报送 when there is none), in plan order."""
    canonical = canonical_names(plan)
    by_unit = {canonical.get(s.unit, s.unit): s for s in consolidation.submissions}
    kinds = {u.name: u.kind for u in plan.units}
    names = plan.responsible_units()
    names += [u for u in by_unit if u not in names]
    rows = []
    for name in names:
        sub = by_unit.get(name) or forms.Submission(name, forms.NOT_SUBMITTED)
        rows.append({
            "unit": name, "kind": kinds.get(name, ""), "state": sub.state,
            "received": sub.received, "reporter": sub.reporter, "phone": sub.phone,
            "problems": sub.problems, "file": sub.file,
        })
    return rows


def gathered(consolidation: Consolidation, field: str, canonical, plan: Plan) -> list[dict]:
    """The units' 存在问题 or 下一步打算, in task order, identical texts merged."""
    order = {t.number: i for i, t in enumerate(plan.tasks)}
    answers = sorted(consolidation.tasks, key=lambda a: order.get(a.task, len(order)))
    items = [(canonical.get(a.unit, a.unit), getattr(a, field)) for a in answers]
    merged = T.merge_texts(items)
    return [{"label": f"（{T.chinese_number(n)}）", "units": units, "text": text}
            for n, (units, text) in enumerate(merged, start=1)]


def key_figures(ev: Evaluation, units: list[dict]) -> list[dict]:
    tasks, inds = ev.task_counts, ev.counts
    n_tasks, n_inds, n_units = len(ev.tasks), len(ev.indicators), len(units)
    met = inds[MET] + inds[EXCEEDED]
    on_time = sum(1 for u in units if u["state"] in ON_TIME_STATES)

    def share(part, whole):
        return f"占{T.percent(part / whole)}" if whole else ""

    rows = [
        {"label": "重点任务", "value": n_tasks, "note": count_text(tasks, tasks)},
        {"label": "已完成任务", "value": tasks[DONE], "note": share(tasks[DONE], n_tasks)},
        {"label": "量化指标", "value": n_inds, "note": count_text(inds, inds)},
        {"label": "已达标指标（含超额完成）", "value": met, "note": share(met, n_inds)},
        {"label": "责任单位", "value": n_units, "note": ""},
        {"label": "按时报送单位", "value": on_time, "note": share(on_time, n_units)},
    ]
    states = dict.fromkeys(SUBMISSION_STATES, 0)
    for u in units:
        states[u["state"]] = states.get(u["state"], 0) + 1
    rows[-2]["note"] = count_text(states, states, "个")
    return rows


def opening(plan: Plan, ev: Evaluation, units: list[dict]) -> str:
    title = plan_title(plan)
    tasks, inds = ev.task_counts, ev.counts
    if ev.final:
        head = f"根据各责任单位报送的年终材料，现将《{title}》落实情况总结如下。全年"
    else:
        head = f"根据各责任单位报送的{ev.round}材料，现将《{title}》截至{ev.round}的落实进展通报如下。"
    text = head + f"{len(ev.tasks)}项重点任务中，{count_text(tasks, tasks) or '暂无报送'}；"
    met = inds[MET] + inds[EXCEEDED]
    parts = [f"已达标{met}项" + (f"（其中超额完成{inds[EXCEEDED]}项）" if inds[EXCEEDED] else "")]
    parts += [f"{s}{inds[s]}项" for s in inds if s not in (MET, EXCEEDED) and inds[s]]
    text += f"{len(ev.indicators)}项量化指标中，{'，'.join(parts)}。"
    on_time = sum(1 for u in units if u["state"] in ON_TIME_STATES)
    late = sum(1 for u in units if u["state"] == forms.LATE)
    missing = sum(1 for u in units if u["state"] == forms.NOT_SUBMITTED)
    text += f"{len(units)}个责任单位中，按时报送{on_time}个"
    blank = sum(1 for u in units if u["state"] == forms.NOT_FILLED)
    text += (f"，逾期报送{late}个" if late else "") + (f"，未报送{missing}个" if missing else "")
    text += f"，报送空表{blank}个" if blank else ""
    return text + "。"


def chinese_date(day) -> str:
    """2020-12-25 -> 2020年12月25日; "" for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def build_context(plan: Plan, consolidation: Consolidation, ev: Evaluation) -> dict:
    canonical = canonical_names(plan)
    answers: dict[int, dict[str, TaskAnswer]] = {}
    for a in consolidation.tasks:
        answers.setdefault(a.task, {})[canonical.get(a.unit, a.unit)] = a
    by_task: dict[int, list[IndicatorResult]] = {}
    for ind in ev.indicators:
        by_task.setdefault(ind.task, []).append(ind)
    tasks = [task_context(plan, r, answers.get(r.number, {}), by_task.get(r.number, []), ev)
             for r in ev.tasks]
    numbers = [s.number for s in plan.sections]
    numbers += [r.section for r in ev.tasks if r.section not in numbers]
    sections = []
    for number in dict.fromkeys(numbers):
        own = [t for t, r in zip(tasks, ev.tasks) if r.section == number]
        done = sum(1 for t in own if t["status"] == DONE)
        title = plan.section_title(number)
        sections.append({
            "number": number, "title": title,
            "heading": f"{number}、{title}" if title else number,
            "tasks": own, "task_count": len(own), "done": done,
            "done_rate": done / len(own) if own else None,
        })
    units = unit_rows(plan, consolidation)
    year = plan.settings.year or plan.meta.year
    round_ = find_round(plan, ev.round)
    n = len(sections)
    plans_title = f"{year + 1}年工作打算" if ev.final and year else "下一步工作打算"
    return {
        "title": f"{plan_title(plan)}{report_kind(ev)}",
        "plan_title": plan_title(plan),
        "kind": report_kind(ev),
        "round": ev.round,
        "final": ev.final,
        "year": year or "",
        "issuer": plan.meta.issuer,
        "date_text": chinese_date(round_.due),
        "subtitle": f"数据来源：各责任单位报送的{ev.round}材料"
                    + (f"（报送截止{round_.due.isoformat()}）" if round_.due else ""),
        "opening": opening(plan, ev, units),
        "key_figures": key_figures(ev, units),
        "sections": sections,
        "tasks": tasks,
        "indicators": [indicator_context(i, ev) for i in ev.indicators],
        "units": units,
        "problems": gathered(consolidation, "problems", canonical, plan),
        "plans": gathered(consolidation, "next_steps", canonical, plan),
        "problems_heading": f"{T.chinese_number(n + 1)}、存在的问题",
        "plans_heading": f"{T.chinese_number(n + 2)}、{plans_title}",
        "no_problems": "各单位未报送存在的问题。",
        "no_plans": "各单位未报送下一步打算。",
        "tolerance": ev.tolerance,
        "fmt": fmt_number,
        **assessment_context(plan, consolidation, ev),  # assessment, …_weights_text, show_…
    }
