"""The data both templates are filled with, built from the plan, the answers and the check.

The document (summary_template.docx) gets the form of an official document (toolkit.summary.
form: 版头, 期号, title lines, 主送, 成文日期, 落款), its parts (toolkit.summary.report) and one
附件 table; the workbook (summary_template.xlsx) gets the tables of tasks, indicators, units and
the 考评 in full.
"""

from __future__ import annotations

from datetime import date

from toolkit import vocab
from toolkit.check import Evaluation, IndicatorResult, TaskResult
from toolkit.model import returns
from toolkit.model.plan import Plan
from toolkit.model.returns import Consolidation
from toolkit.rules.numbers import fmt_number
from toolkit.rules.rounds import find_round, period_of
from toolkit.rules.text import chinese_number
from toolkit.rules import documents as F
from toolkit.summary import report as R
from toolkit.summary import text as T
from toolkit.summary.assessment import assessment_context
from toolkit.summary.heard import Heard, heard_again
from toolkit.vocab import DONE, EXCEEDED, MET

SUBMISSION_STATES = (vocab.SUBMITTED, vocab.WITH_PROBLEMS, vocab.PARTLY_SUBMITTED, vocab.LATE,
                     vocab.NOT_FILLED, vocab.NOT_SUBMITTED)


def report_kind(evaluation: Evaluation) -> str:
    return "年终总结" if evaluation.final else f"{evaluation.round}进度通报"


def count_text(counts: dict[str, int], order, unit: str = "项") -> str:
    return "，".join(f"{s}{counts[s]}{unit}" for s in order if counts.get(s))


# --- the workbook's rows --------------------------------------------------------------------
def task_context(result: TaskResult, lead_narrative: str) -> dict:
    """One task's row in the workbook: the lead's text in full, the light and its reason."""
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
        "lagging_text": "、".join(ind.named_behind),
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
            "problems": sub.problems, "file": sub.file, "blanks": list(sub.blanks),
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


def workbook_sections(plan: Plan, ev: Evaluation, tasks: list[dict]) -> list[dict]:
    """The parts of the plan with their tasks, for the workbook's tables."""
    numbers = [s.number for s in plan.sections]
    numbers += [r.section for r in ev.tasks if r.section not in numbers]
    out = []
    for number in dict.fromkeys(numbers):
        own = [r for r in ev.tasks if r.section == number]
        rows = [t for t, r in zip(tasks, ev.tasks) if r.section == number]
        done = sum(1 for r in own if r.status == DONE)
        title = plan.section_title(number)
        out.append({
            "number": number, "title": title,
            "heading": f"{number}、{title}" if title else number,
            "tasks": rows, "task_count": len(own), "done": done,
            "done_rate": done / len(own) if own else None,
        })
    return out


# --- the document ---------------------------------------------------------------------------
def opening(plan: Plan, ev: Evaluation, units: list[dict], issuer: str) -> str:
    """依据和方法 in one sentence: on whose plan, who checked what, and how."""
    basis = f"《{F.plan_name(plan).strip(F.BOOK)}》"
    if plan.meta.doc_number:
        basis += f"（{plan.meta.doc_number}）"
    who = issuer or "我们"
    what = "全年" if ev.final else period_of(ev.round)
    ending = "现将落实情况总结如下：" if ev.final else "现通报如下："
    return f"按照{basis}要求，{who}对{len(units)}个责任单位{what}落实情况进行了汇总核对，{ending}"


def document_parts(plan: Plan, ev: Evaluation, units: list[dict], said, comparison,
                   before, issuer: str, today: date) -> list[dict]:
    """The numbered parts of the body, each {heading, paragraphs}; `said`, the units' problems
    and plans heard (UnitsSay)."""
    round_ = find_round(plan, ev.round)
    kinds = {u.name: u.kind for u in plan.units}
    names = F.figure_names(plan)
    following = next_round(plan, ev.round)
    asked = R.requirements(plan, ev, units, following, issuer, F.deadline(plan, today))
    parts = [("总体情况", R.overview(ev, units, round_.due, comparison, before, names))]
    if ev.final:
        parts.append(("主要工作成效", R.section_results(plan, ev, kinds)))
        parts.append(("存在的问题", R.problems(ev, units, comparison, kinds, names,
                                          said.problems.points())))
        year = plan.year
        parts.append((f"{year + 1}年工作打算" if year else "下一步工作打算",
                      R.plans(ev, said.plans.points(), asked)))
    else:
        parts.append(("存在的主要问题", R.problems(ev, units, comparison, kinds, names)))
        parts.append(("工作要求", asked))
    parts = [(words, paragraphs) for words, paragraphs in parts if paragraphs]
    return [R.part(f"{chinese_number(n)}、{words}", paragraphs)
            for n, (words, paragraphs) in enumerate(parts, 1)]


def unit_texts(plan: Plan, ev: Evaluation, consolidation, canonical) -> list[dict]:
    """附件2 when 设置 asks for the units' texts: every unit's answer in full."""
    roles = {(r.number, s.unit): s.role for r in ev.tasks for s in r.units}
    order = {t.number: i for i, t in enumerate(plan.tasks)}
    return R.unit_text_rows(order, consolidation, canonical, roles)


def next_round(plan: Plan, name: str):
    rounds = plan.settings.rounds
    names = [r.name for r in rounds]
    if name not in names or names.index(name) + 1 >= len(names):
        return None
    return rounds[names.index(name) + 1]


def annex_title(plan: Plan, ev: Evaluation) -> str:
    """附件说明: 设置's, else 2020年工作要点上半年落实情况表."""
    own = plan.settings.documents.annex_title
    if own:
        return own
    return f"{F.short_name(plan)}{F.period(ev.round, ev.final)}落实情况表"


def build_context(plan: Plan, consolidation: Consolidation, ev: Evaluation,
                  comparison=None, before: Evaluation | None = None, today: date | None = None,
                  collected: set[str] | None = None, heard: Heard | None = None) -> dict:
    """Everything both templates show. `comparison` (进展对比) and `before` (the previous round,
    checked) add what changed since then; `today` is the day the document is made (its 成文日期
    unless 设置 fixes one); `collected`, the rounds the store has collected, counts the 期号;
    `heard`, what the check was told of each task's answers (else the round is read again)."""
    today = today or date.today()
    canonical = plan.canonical_names()
    if heard is None or not heard.covers(ev):
        heard = heard_again(plan, consolidation, ev)
    said = heard.said
    tasks = [task_context(result, heard.narratives[result.number]) for result in ev.tasks]
    round_ = find_round(plan, ev.round)
    units = unit_rows(plan, consolidation, round_.due)
    year = plan.year
    issuer = F.issuer(plan)
    documents = plan.settings.documents
    journal = bool(documents.masthead) and not ev.final
    title = F.bulletin_title(plan, ev.round, ev.final)
    kinds = {u.name: u.kind for u in plan.units}
    parts = document_parts(plan, ev, units, said, comparison, before, issuer, today)
    assessment = assessment_context(plan, ev)
    if assessment["show_assessment"] and assessment["assessment"]:
        parts.append(R.part(f"{chinese_number(len(parts) + 1)}、单位考评情况",
                            [R.para(assessment["assessment_text"])]))
    overview_text = "".join(p["text"] for p in parts[0]["paragraphs"]) if parts else ""
    closing = parts[-1]["paragraphs"].pop() if parts and parts[-1]["paragraphs"] else R.para()
    texts = unit_texts(plan, ev, consolidation, canonical) if documents.include_texts else []
    annex = annex_title(plan, ev)
    texts_title = f"各责任单位{F.period(ev.round, ev.final)}报送原文" if texts else ""
    ranked = bool(assessment["show_assessment"] and assessment["assessment"])
    annexes = [t for t in (annex, texts_title, "单位考评得分表" if ranked else "") if t]
    labels = ([f"附件{n}" for n in range(1, len(annexes) + 1)] if len(annexes) > 1
              else ["附件"])
    return {
        # the form
        "title": f"{plan.display_title}{report_kind(ev)}",  # the workbook's, the files'
        "doc_title": title,
        "title_lines": F.title_lines(title),
        "plan_title": plan.display_title,
        "kind": report_kind(ev),
        "round": ev.round,
        "final": ev.final,
        "year": year or "",
        "journal": journal,
        "masthead": documents.masthead if journal else "",
        "issue_text": f"第{F.issue_number(plan, ev.round, collected)}期" if journal else "",
        "issuer": issuer,
        "date_text": F.chinese_date(F.issue_date(plan, today)),
        "addressees": F.addressees(plan),
        "opening": opening(plan, ev, units, issuer),
        "parts": parts,
        "closing": closing,
        "annex_notes": annex_notes(annexes),
        "annex_label": labels[0],
        "annex_title": annex,
        "annex_rows": R.annex_rows(plan, ev, kinds),
        "texts": texts,
        "texts_label": labels[1] if texts else "",
        "texts_title": texts_title,
        "assessment_label": labels[-1] if ranked else "",
        # the workbook
        "subtitle": f"数据来源：各责任单位报送的{ev.round}材料"
                    + (f"（报送截止{round_.due.isoformat()}）" if round_.due else ""),
        "overview_text": overview_text,
        "key_figures": key_figures(ev, units),
        "sections": workbook_sections(plan, ev, tasks),
        "tasks": tasks,
        "indicators": [indicator_context(i, ev) for i in ev.indicators],
        "units": units,
        "tolerance": ev.tolerance,
        "fmt": fmt_number,
        **assessment,  # assessment, …_weights_text, show_…
        "show_assessment": ranked,
    }


def annex_notes(titles: list[str]) -> list[str]:
    """附件说明 (GB/T 9704): 附件：2020年工作要点上半年落实情况表; with several, 附件：1.… and
    each further one on a line of its own, its number under the first one's."""
    if len(titles) == 1:
        return [f"附件：{titles[0]}"]
    return [f"{'附件：' if n == 1 else '　　　'}{n}.{t}" for n, t in enumerate(titles, 1)]
