"""The data both templates are filled with, built from the plan, the answers and the check."""

from __future__ import annotations

from toolkit.check import Evaluation, IndicatorResult, TaskResult
from toolkit.rules.numbers import fmt_number
from toolkit.rules.rounds import find_round
from toolkit.vocab import DONE, EXCEEDED, MET
from toolkit.model import returns
from toolkit import vocab
from toolkit.model.returns import Consolidation, TaskAnswer
from toolkit.model.plan import ROLE_LEAD, Plan
from toolkit.summary import report as R
from toolkit.summary import text as T
from toolkit.vocab import GREEN
from toolkit.summary.assessment import assessment_context

SUBMISSION_STATES = (vocab.SUBMITTED, vocab.WITH_PROBLEMS, vocab.LATE, vocab.NOT_FILLED,
                     vocab.NOT_SUBMITTED)


def report_kind(evaluation: Evaluation) -> str:
    return "年终总结" if evaluation.final else f"{evaluation.round}进度通报"


def count_text(counts: dict[str, int], order, unit: str = "项") -> str:
    return "，".join(f"{s}{counts[s]}{unit}" for s in order if counts.get(s))


def task_context(result: TaskResult, answers: dict[str, TaskAnswer]) -> dict:
    """One task's row in the workbook: the lead's text in full, the light and its reason."""
    leads = [s.unit for s in result.units if s.role == ROLE_LEAD]
    lead_narrative = "\n".join((answers[u].narrative or "").strip() for u in leads
                               if u in answers and T.tidy(answers[u].narrative))
    return {
        "number": result.number,
        "title": result.title,
        "lead": result.lead,
        "status": result.status,
        "light": result.light,
        "light_reason": result.light_reason,
        "lead_status": result.lead_status,
        "progress": round(result.progress, 1) if result.progress is not None else None,
        "narrative": lead_narrative,
        "coop_text": result.coop_text,
        "missing_text": "、".join(result.missing_units),
        "note": "；".join(result.notes),
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


def unit_rows(plan: Plan, consolidation: Consolidation, due=None) -> list[dict]:
    """Every responsible unit with its submission (未报送 when there is none), in plan order;
    `due`, the round's due date, tells a late return with problems from an on-time one."""
    canonical = plan.canonical_names()
    by_unit = {canonical.get(s.unit, s.unit): s for s in consolidation.submissions}
    kinds = {u.name: u.kind for u in plan.units}
    names = plan.responsible_units()
    names += [u for u in by_unit if u not in names]
    rows = []
    for name in names:
        sub = by_unit.get(name) or returns.Submission(name, vocab.NOT_SUBMITTED)
        rows.append({
            "unit": name, "kind": kinds.get(name, ""), "state": sub.state,
            "late": sub.late(due), "on_time": sub.on_time(due),
            "received": sub.received, "reporter": sub.reporter, "phone": sub.phone,
            "problems": sub.problems, "file": sub.file,
        })
    return rows


def key_figures(ev: Evaluation, units: list[dict]) -> list[dict]:
    tasks, inds = ev.task_counts, ev.counts
    n_tasks, n_inds, n_units = len(ev.tasks), len(ev.indicators), len(units)
    met = inds[MET] + inds[EXCEEDED]
    on_time = sum(1 for u in units if u["on_time"])

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


def chinese_date(day) -> str:
    """2020-12-25 -> 2020年12月25日; "" for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def doc_sections(plan: Plan, ev: Evaluation, answers: dict, tasks: list[dict],
                 silent: set[str]) -> list[dict]:
    """任务推进情况 by part of the plan: a summary line with its lights, then a paragraph per
    task; in a round's bulletin only the 红灯 and 黄灯 tasks get one."""
    numbers = [s.number for s in plan.sections]
    numbers += [r.section for r in ev.tasks if r.section not in numbers]
    out = []
    for n, number in enumerate(dict.fromkeys(numbers), start=1):
        own = [r for r in ev.tasks if r.section == number]
        rows = [t for t, r in zip(tasks, ev.tasks) if r.section == number]
        paragraphs = [R.task_paragraph(r, answers.get(r.number, {}), silent)
                      for r in own]
        shown = paragraphs if ev.final else [p for p in paragraphs if p["light"] != GREEN]
        done = sum(1 for r in own if r.status == DONE)
        title = plan.section_title(number)
        out.append({
            "number": number, "title": title,
            "heading": f"{number}、{title}" if title else number,
            "subheading": f"（{T.chinese_number(n)}）{title or number}",
            "summary": R.section_summary(own) if own else "",
            "paragraphs": shown,
            "tasks": rows, "task_count": len(own), "done": done,
            "done_rate": done / len(own) if own else None,
        })
    return out


def headings(ev: Evaluation, has_changes: bool, show_assessment: bool, year) -> dict[str, str]:
    """The document's numbered headings: 一、总体情况 … (a part left out takes no number)."""
    plans = f"{year + 1}年工作打算" if ev.final and year else "下一步工作"
    parts = [("overview", "总体情况"), ("submissions", "报送情况"),
             ("indicators", "重点指标完成情况")]
    if has_changes:
        parts.append(("changes", "与上次报送相比的变化"))
    parts += [("tasks", "任务推进情况"), ("problems", "存在的问题"), ("plans", plans)]
    if show_assessment:
        parts.append(("assessment", "单位考评情况"))
    return {key: f"{T.chinese_number(n)}、{words}" for n, (key, words) in enumerate(parts, 1)}


def build_context(plan: Plan, consolidation: Consolidation, ev: Evaluation,
                  comparison=None, before: Evaluation | None = None) -> dict:
    """Everything both templates show. `comparison` (进展对比) and `before` (the previous round,
    checked) add what changed since then."""
    canonical = plan.canonical_names()
    answers: dict[int, dict[str, TaskAnswer]] = {}
    for a in consolidation.tasks:
        answers.setdefault(a.task, {})[canonical.get(a.unit, a.unit)] = a
    tasks = [task_context(r, answers.get(r.number, {})) for r in ev.tasks]
    round_ = find_round(plan, ev.round)
    units = unit_rows(plan, consolidation, round_.due)
    silent = {u["unit"] for u in units if u["state"] in (vocab.NOT_SUBMITTED, vocab.NOT_FILLED)}
    sections = doc_sections(plan, ev, answers, tasks, silent)
    year = plan.settings.year or plan.meta.year
    titles = {s["number"]: s["title"] for s in sections}
    section_of = {t.number: t.section for t in plan.tasks}
    items = [(section_of.get(a.task, ""), canonical.get(a.unit, a.unit), a) for a in
             sorted(consolidation.tasks, key=lambda a: a.task)]
    changes = R.changes(ev, before, comparison, {t.number: t.title for t in plan.tasks})
    roles = {(r.number, s.unit): s.role for r in ev.tasks for s in r.units}
    order = {t.number: i for i, t in enumerate(plan.tasks)}
    # a round's bulletin shows the lagging figures in its body and every figure in 附件1
    indicator_annex = [] if ev.final else [R.indicator_row(i) for i in ev.indicators]
    return {
        "title": f"{plan.display_title}{report_kind(ev)}",
        "plan_title": plan.display_title,
        "kind": report_kind(ev),
        "round": ev.round,
        "final": ev.final,
        "year": year or "",
        "issuer": plan.meta.issuer,
        "date_text": chinese_date(round_.due),
        "subtitle": f"数据来源：各责任单位报送的{ev.round}材料"
                    + (f"（报送截止{round_.due.isoformat()}）" if round_.due else ""),
        "opening": R.overview(plan.display_title, ev, units),
        "headings": headings(ev, bool(changes), plan.settings.assessment_in_summary, year),
        "submissions": R.submissions(units),
        "key_figures": key_figures(ev, units),
        "indicator_rows": [R.indicator_row(i) for i in R.table_indicators(ev)],
        "on_track": R.on_track_sentence(ev),
        "lagging": R.lagging_sentences(ev),
        "no_lagging": "各项量化指标均已达标或进度正常。" if ev.indicators else "本计划未设量化指标。",
        "changes": changes,
        "sections": sections,
        "tasks": tasks,
        "indicators": [indicator_context(i, ev) for i in ev.indicators],
        "units": units,
        "problems": R.gather([(s, u, a.problems) for s, u, a in items], titles, "共性问题"),
        "plans": R.gather([(s, u, a.next_steps) for s, u, a in items], titles, "共性工作"),
        "no_problems": "各单位未报送存在的问题。",
        "no_plans": "各单位未报送下一步打算。",
        "indicator_annex": indicator_annex,
        "indicator_annex_title": f"量化指标{ev.round}完成情况",
        "appendix": R.appendix_rows(order, consolidation, canonical, roles),
        "appendix_label": "附件2" if indicator_annex else "附件",
        "appendix_title": f"各责任单位{ev.round}报送情况明细",
        "tolerance": ev.tolerance,
        "fmt": fmt_number,
        **assessment_context(plan, ev),  # assessment, …_weights_text, show_…
    }
