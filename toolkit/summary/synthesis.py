"""存在问题 and 下一步: what the units wrote, merged into a few points as an office writes them.

Each unit's text is split into clauses (at 。；, numbering such as 1. （一） 一是 removed); the
stock phrases every report carries (下一步将加强督促检查，确保各项任务按期完成) are dropped;
clauses in similar words (not only equal ones) are one point, worded as most units worded it;
the points raised by most units come first, at most a handful; a point names the units that
raised it only when they are few (a list of twenty-six units tells a leader nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.summary import text as T

POINTS = 4  # points kept
NAMED = 3  # a point raised by at most this many units names them
SIMILAR = 0.5  # share of two-character pieces two clauses have in common to be one point
COVERED = 0.7  # …or share of the shorter clause's pieces the longer one has

_NUMBERING = re.compile(r"^\s*(?:[（(][0-9一二三四五六七八九十]+[)）]|[0-9一二三四五六七八九十]+[.、．)）]"
                        r"|[一二三四五六七八九十]是)\s*")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
_PUNCTUATION = re.compile(r"[\s，,、：:“”\"'（）()《》—…·.]")
# words that say nothing by themselves: a clause made of them (and particles) is a stock phrase
_GENERIC = sorted("""下一步 下步 明年 今后 来年 将 要 会 继续 进一步 持续 不断 加强 加大 强化 抓好 做好
    抓实 推进 推动 落实 落地 确保 保证 按计划 按期 按时 按要求 如期 各项 各类 任务 工作 目标
    完成 督促 督查 检查 巩固 成果 成效 建立 健全 完善 长效机制 机制 力度 全面 切实 认真 扎实
    有序 稳步 开展 相关 有关 部门 单位 沟通 协调 配合 对接 努力 争取 更多 更好 提升 提高 水平
    质量 效率 管理 服务 措施 方案 责任 狠抓 跟踪 调度 总结 经验 做法 深化 全力 积极 主动
    本单位 我单位 我们 的 了 和 与 及 并 在 对 把 为 等 好 上 中 各 个 全 年 项""".split(),
                  key=len, reverse=True)
_GENERIC_RE = re.compile("|".join(map(re.escape, _GENERIC)))
CONTENT = 4  # characters a clause keeps, the generic words taken out, to say something


@dataclass
class Point:
    text: str
    units: dict = field(default_factory=dict)  # in order, each once
    wordings: dict = field(default_factory=dict)  # wording -> units that used it

    def add(self, text: str, unit: str) -> None:
        self.units[unit] = None
        self.wordings.setdefault(text, {})[unit] = None
        self.text = max(self.wordings, key=lambda w: len(self.wordings[w]))  # ties: the first


def clauses(text: str | None) -> list[str]:
    """A unit's text in clauses: split at 。；, numbering (1. （一） 一是) removed."""
    return list(_clauses(text or ""))


@lru_cache(maxsize=4096)  # many units write the same words (无, 持续巩固成果。)
def _clauses(text: str) -> tuple[str, ...]:
    out = []
    for part in _CLAUSE_END.split(T.printable(text)):
        part = _NUMBERING.sub("", part.strip()).strip(" ，,、")
        if T.says_something(part):
            out.append(part)
    return tuple(out)


@lru_cache(maxsize=4096)
def stock(clause: str) -> bool:
    """A clause made of generic words only (继续按计划推进, 加强督促检查确保按期完成)."""
    core = _GENERIC_RE.sub("", _PUNCTUATION.sub("", clause))
    return len(core) < CONTENT


def _pieces(text: str) -> set[str]:
    core = _PUNCTUATION.sub("", text)
    return {core[i:i + 2] for i in range(len(core) - 1)} or {core}


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> bool:
    """Two clauses say the same: half of their two-character pieces in common, or most of the
    shorter one's (资金拨付偏慢 and 专项资金拨付进度偏慢), or one holds the other whole."""
    short, long_ = sorted((_PUNCTUATION.sub("", a), _PUNCTUATION.sub("", b)), key=len)
    if len(short) >= CONTENT and short in long_:
        return True
    pa, pb = _pieces(a), _pieces(b)
    common = len(pa & pb)
    if len(min(pa, pb, key=len)) >= 3 and common / len(min(pa, pb, key=len)) >= COVERED:
        return True
    return common / len(pa | pb) >= SIMILAR


class Synthesis:
    """What the units say, heard one (unit, text) at a time and merged into points: a round is
    read one task at a time, and problems and plans are heard in the same pass."""

    def __init__(self):
        self._points: list[Point] = []

    def hear(self, unit: str, text: str) -> None:
        for clause in clauses(text):
            clause = clause.replace(unit, "").strip(" ，,、：:")  # the unit speaks of itself
            if not clause or stock(clause):
                continue
            point = next((p for p in self._points if any(similar(clause, w) for w in p.wordings)),
                         None)
            if point is None:
                point = Point(clause)
                self._points.append(point)
            point.add(clause, unit)

    def points(self, limit: int = POINTS) -> list[Point]:
        """At most `limit` points, those raised by most units first (stable: first raised
        first)."""
        return sorted(self._points, key=lambda p: -len(p.units))[:limit]


def synthesise(items, limit: int = POINTS) -> list[Point]:
    """(unit, text) pairs -> at most `limit` points, those raised by most units first."""
    heard = Synthesis()
    for unit, text in items:
        heard.hear(unit, text)
    return heard.points(limit)


def point_text(point: Point, named: int = NAMED) -> str:
    """The point, with the units that raised it when they are few: 人手不足（办公室、甲县教育局
    反映）."""
    names = list(point.units)
    if len(names) <= named:
        return f"{point.text}（{'、'.join(names)}反映）"
    return point.text
