"""Units named by a person (`--units 甲县,乙县`, `--unit 甲县`): one rule for reading the names
and finding the responsible units they mean."""

from __future__ import annotations

from typing import Callable

from toolkit.errors import WorkplanError
from toolkit.model.plan import Plan

SPLIT_CHARS = ",，;；"  # 、 too, but only where it is not part of a name (各县(市、区)教育局)


def split_names(text: str | list[str] | None) -> list[str]:
    """`--units 甲,乙；丙` or a list of names -> ['甲', '乙', '丙'] (、 is left to the caller)."""
    if text is None:
        return []
    if isinstance(text, str):
        text = [text]
    names = []
    for item in text:
        for ch in SPLIT_CHARS:
            item = item.replace(ch, ",")
        names += [n.strip() for n in item.split(",") if n.strip()]
    return names


def select_units(plan: Plan, responsible: list[str], wanted) -> list[str]:
    """The units to write, in directory order: all responsible units, or those named.

    A name may be a unit, one of its aliases, or a group (meaning all its members).
    """
    if not responsible:
        raise WorkplanError("任务 工作表中没有任何任务填写了责任单位，无法生成任务表。")
    names = []
    for name in split_names(wanted):
        known = plan.group(name) or plan.unit(name)
        names += [name] if known or "、" not in name else [n for n in name.split("、") if n]
    if not names:
        return list(responsible)
    chosen: set[str] = set()
    for name in names:
        expanded = [u for u in plan.expand(name) if u in responsible]
        if not expanded:
            raise WorkplanError(
                f"单位“{name}”没有需要填报的任务（不是任何任务的责任单位，或不在 单位 工作表中），"
                "请检查 --units 中的名称。"
            )
        chosen.update(expanded)
    return [u for u in responsible if u in chosen]


def unit_named(canonical: Callable[[str], str], responsible: list[str], text: str) -> str:
    """A responsible unit by its name, an alias, or a part of its name that only it has."""
    name = canonical((text or "").strip())
    if name in responsible:
        return name
    found = [u for u in responsible if text and text in u]
    if len(found) == 1:
        return found[0]
    if found:
        raise WorkplanError(f"“{text}”可指多个单位：{'、'.join(found[:10])}，请写出完整名称。")
    raise WorkplanError(f"单位“{text}”不是本计划的责任单位，请检查 --unit 中的名称。")
