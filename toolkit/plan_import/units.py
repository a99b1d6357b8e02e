"""Responsible units: reading the units text of a task, and the default unit directory."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from toolkit.model import (
    KIND_COLLEGE,
    KIND_COUNTY,
    KIND_DIRECT,
    KIND_OFFICE,
    KIND_OTHER,
    KIND_VOCATIONAL,
    UNIT_KINDS,
    Group,
    PlanMeta,
    Task,
    Unit,
)
from toolkit.common.text import split_outside_brackets

OFFICE_WORDS = ("单位", "部门", "科室", "处室", "股室")
LEAD_MARKERS = tuple(f"牵头{w}" for w in OFFICE_WORDS)
COOP_MARKERS = tuple(f"配合{w}" for w in OFFICE_WORDS) + ("协办单位", "参与单位")
PLAIN_MARKERS = tuple(f"责任{w}" for w in OFFICE_WORDS)
MARKER_RE = re.compile(
    r"[〔(\[【]?\s*(" + "|".join(LEAD_MARKERS + COOP_MARKERS + PLAIN_MARKERS) + r")\s*[:]"
)
SEPARATORS = "、,，;； "
CLOSING = ")〕]】。;；,，.、 "
UNIT_SUFFIXES = tuple("科室股部委处办组站局校院会心所馆队司厅园")
OFFICE_SUFFIXES = tuple("科室股部委处办组会")

COUNTY_GROUP = "各县(市、区)教育局"
GROUP_NAME_RE = re.compile(r"^各|(?:直|属|机关)各")  # 各乡镇中心学校, 县直各学校, 局机关各科室
COLLEGE_GROUP = "各高校"


@dataclass
class UnitsText:
    raw: str = ""  # as printed, from the opening bracket or marker to the end
    units: list[str] = field(default_factory=list)
    lead_units: list[str] | None = None


@lru_cache(maxsize=1)
def defaults() -> dict:
    text = (files("toolkit") / "data" / "directory.json").read_text(encoding="utf-8")
    return json.loads(text)


def group_aliases() -> dict[str, str]:
    """Every printed form of a default group -> its canonical name."""
    out = {}
    for name, spec in defaults()["groups"].items():
        out[name] = name
        for alias in spec.get("aliases", []):
            out[alias] = name
    return out


def find_units(text: str, original: str) -> tuple[int, UnitsText] | None:
    """Locate the units part of a task (normalised text); return its start and content."""
    match = MARKER_RE.search(text)
    if match is None:
        return None
    start = match.start()
    return start, UnitsText(raw=original[start:].strip())


def parse_units(text: str, known: set[str]) -> UnitsText:
    """Split a units text (normalised, from its marker on) into names, lead first."""
    marks = list(MARKER_RE.finditer(text))
    result = UnitsText(raw=text)
    leads: list[str] = []
    others: list[str] = []
    has_lead_marker = False
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        names = split_names(text[mark.end():end], known)
        if mark.group(1) in LEAD_MARKERS:
            has_lead_marker = True
            leads += names
        else:
            others += names
    result.units = _unique(leads + others)
    if has_lead_marker and _unique(leads) != result.units[:1]:
        result.lead_units = _unique(leads)
    return result


def split_names(text: str, known: set[str]) -> list[str]:
    text = text.strip().rstrip(CLOSING).lstrip("(〔[【")
    names = []
    for token in split_outside_brackets(text, SEPARATORS):
        token = token.strip().rstrip(CLOSING)
        if token.endswith("等") and token[:-1] in known:
            token = token[:-1]
        if token:
            names += segment(token, known)
    aliases = group_aliases()
    return [aliases.get(n, n) for n in names]


def segment(token: str, known: set[str]) -> list[str]:
    """Split names printed without a separator (团工委各县(市、区)教育局) using known names."""
    if token in known:
        return [token]
    hit = _leftmost_longest(token, known)
    if hit is None:
        return [token]
    i, name = hit
    left, right = token[:i], token[i + len(name):]
    pieces = ([left] if left else []) + [name] + ([right] if right else [])
    if all(p in known for p in pieces) or (not right and left.endswith(UNIT_SUFFIXES)):
        return (segment(left, known) if left else []) + [name] + (
            segment(right, known) if right else [])
    return [token]


def _leftmost_longest(token: str, known: set[str]) -> tuple[int, str] | None:
    best = None
    for name in known:
        i = token.find(name)
        if i < 0 or name == token:
            continue
        if best is None or i < best[0] or (i == best[0] and len(name) > len(best[1])):
            best = (i, name)
    return best


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def known_names(addressees: list[str]) -> set[str]:
    d = defaults()
    names = set(d["offices"]) | set(d["direct"]) | set(group_aliases())
    names |= {a for a in addressees}
    return names


def guess_kind(name: str, colleges: set[str]) -> str:
    if name in colleges or name.endswith("大学") or "职业技术学院" in name:
        return KIND_COLLEGE
    if name.endswith("职业学校") or name.endswith("职业中专"):
        return KIND_VOCATIONAL
    if name.endswith("教育局"):
        return KIND_COUNTY
    if name in defaults()["direct"] or name.endswith(("中心", "站", "学院", "所", "馆", "学校")):
        return KIND_DIRECT
    if name in defaults()["offices"] or name.endswith(OFFICE_SUFFIXES):
        return KIND_OFFICE
    return KIND_OTHER


def colleges_of(addressees: list[str]) -> list[str]:
    aliases = group_aliases()
    return [a for a in addressees if a not in aliases and a.endswith(("学院", "大学"))]


def counties_of(meta: PlanMeta) -> list[str]:
    """The county-level bureaus of the issuing city in the plan's year, when known."""
    regions = defaults()["regions"]
    where = f"{meta.issuer} {meta.title}"
    for city, by_year in regions.items():
        if city in where or city.rstrip("市") in where:
            years = sorted(int(y) for y in by_year)
            chosen = max((y for y in years if meta.year and y <= meta.year), default=years[0])
            return [f"{c}教育局" for c in by_year[str(chosen)]]
    return []


def build_directory(meta: PlanMeta, tasks: list[Task]) -> tuple[list[Unit], list[Group], list[str]]:
    """Default directory: the units the plan names, with kinds, and the groups expanded."""
    warnings: list[str] = []
    colleges = colleges_of(meta.addressees)
    groups = _default_groups(meta, colleges) + _named_groups(tasks)
    units = _named_units(tasks, {g.name for g in groups}, set(colleges), warnings)
    for group in groups:
        kind = defaults()["groups"].get(group.name, {}).get("kind", KIND_OTHER)
        for member in group.members:
            unit = units.setdefault(member, Unit(member, kind))
            unit.groups.append(group.name)
    named = {n for t in tasks for n in t.units} | set(meta.addressees)
    for group in groups:
        if not group.members and group.name in named:
            warnings.append(
                f"分组“{group.name}”暂无成员单位，请在“单位”表的“所属分组”列为其填写成员。"
            )
    ordered = sorted(units.values(), key=lambda u: UNIT_KINDS.index(u.kind))
    return ordered, groups, warnings


def _named_groups(tasks: list[Task]) -> list[Group]:
    """Names such as 各乡镇中心学校, 县直各学校 or 局机关各科室 stand for groups the
    administrator fills in."""
    known = set(group_aliases())
    names = [n for t in tasks for n in t.units if GROUP_NAME_RE.search(n) and n not in known]
    return [Group(name, []) for name in dict.fromkeys(names)]


def _named_units(tasks, group_names: set[str], colleges: set[str],
                 warnings: list[str]) -> dict[str, Unit]:
    base = set(defaults()["offices"]) | set(defaults()["direct"])
    units: dict[str, Unit] = {}
    for task in tasks:
        for name in task.units:
            if name in group_names or name in units:
                continue
            kind = guess_kind(name, colleges)
            if name not in base and name not in colleges:
                warnings.append(
                    f"任务{task.number}：单位“{name}”不在默认单位名录中，已按“{kind}”加入“单位”表，请核对。"
                )
            units[name] = Unit(name, kind)
    return units


def _default_groups(meta: PlanMeta, colleges: list[str]) -> list[Group]:
    groups = []
    for name, spec in defaults()["groups"].items():
        members: list[str] = []
        if name == COUNTY_GROUP:
            members = counties_of(meta)
        elif name == COLLEGE_GROUP:
            members = list(colleges)
        groups.append(Group(name, members, list(spec.get("aliases", []))))
    return groups

