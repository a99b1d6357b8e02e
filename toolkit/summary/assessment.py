"""The units' assessment (考评) as the summary shows it: the 考评 sheet's rows and the weights."""

from __future__ import annotations

from toolkit.check import Evaluation, UnitScore
from toolkit.model.plan import Plan
from toolkit.summary.text import percent
from toolkit.vocab import ASSESSMENT_COMPONENTS, NOT_APPLICABLE


def assessment_context(plan: Plan, ev: Evaluation) -> dict:
    """The summary's 考评 keys: `assessment` (ranked rows), `assessment_weights_text` (the note
    under the table) and `show_assessment` (设置's 总结含考评: the document lists them)."""
    weights = plan.settings.assessment_weights
    kinds = {u.name: u.kind for u in plan.units}
    rows = [assessment_row(s, kinds.get(s.unit, "")) for s in ev.scores]
    return {
        "assessment": rows,
        "assessment_text": ranking_sentence(rows),
        "assessment_weights_text": weights_text(weights),
        "show_assessment": plan.settings.assessment_in_summary,
    }


def share_text(part: int, whole: int) -> str:
    """'2/3'; '—' when there is nothing to count."""
    return f"{part}/{whole}" if whole else NOT_APPLICABLE


def assessment_row(score: UnitScore, kind: str) -> dict:
    return {
        "rank": score.rank,
        "unit": score.unit,
        "kind": kind,
        "submission": score.submission,
        "on_time": score.on_time,
        "tasks_assigned": score.tasks_assigned,
        "tasks_answered": score.tasks_answered,
        "tasks_text": share_text(score.tasks_answered, score.tasks_assigned),
        "figures_expected": score.figures_expected,
        "figures_answered": score.figures_answered,
        "figures_text": share_text(score.figures_answered, score.figures_expected),
        "problems": score.problems,
        "tasks_on_target": score.tasks_on_target,
        "tasks_on_target_text": share_text(score.tasks_on_target, score.tasks_assigned),
        "indicators_measured": score.indicators_measured,
        "indicators_on_target": score.indicators_on_target,
        "indicators_on_target_text": share_text(score.indicators_on_target,
                                                score.indicators_measured),
        "score": score.score,
    }


def weights_text(weights: dict[str, float]) -> str:
    """注：得分按按时报送20%、…计算（…）；权重可在总表“设置”工作表中调整。"""
    total = sum(weights.get(c, 0.0) for c in ASSESSMENT_COMPONENTS)
    used = [c for c in ASSESSMENT_COMPONENTS if total and weights.get(c)]
    parts = [f"{ASSESSMENT_COMPONENTS[c]}{percent(weights[c] / total)}" for c in used]
    indicators = ASSESSMENT_COMPONENTS["indicators"]
    dropped = (f"（无应达标指标的单位不计“{indicators}”，其余各项按比例折算为100分）"
               if "indicators" in used else "")
    return f"注：得分按{'、'.join(parts)}计算{dropped}；权重可在总表“设置”工作表中调整。"


SHOWN = 3  # ranks named at the top and at the bottom of the ranking


def ranking_sentence(rows: list[dict], shown: int = SHOWN) -> str:
    """考评得分位列前3名的是：…；位列后3名的是：…。 Ties share a rank (check.assessment.rank:
    1, 2, 2, 4) and a list holds every unit of the ranks it names, the units of one rank
    together: 组织部、人事科（并列第1名，100分）; ten units tied at the top are all named, and
    a unit tied with the third from the bottom is not left out."""
    if not rows:
        return ""
    top = [r for r in rows if r["rank"] <= shown]
    text = f"{len(rows)}个单位参加考评，得分位列前{shown}名的是：{_by_rank(top)}"
    if len(rows) > 2 * shown:
        cut = rows[-shown]["rank"]
        bottom = [r for r in rows if r["rank"] >= cut and r not in top]
        if bottom:
            text += f"；位列后{shown}名的是：{_by_rank(bottom)}"
    return text + "。"


def _by_rank(rows: list[dict]) -> str:
    groups: dict[int, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["rank"], []).append(r)
    parts = []
    for rank, same in groups.items():
        names = "、".join(r["unit"] for r in same)
        score = f"{same[0]['score']:g}分"
        parts.append(f"{names}（并列第{rank}名，{score}）" if len(same) > 1 else f"{names}（{score}）")
    return "、".join(parts)
