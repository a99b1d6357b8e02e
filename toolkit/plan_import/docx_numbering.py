"""Word's automatic numbering, written out: a task numbered by a Word list has no "1." in its
text, so the labels Word would show (1. 2. …, 一、 二、 …, （1）…) are rebuilt from numbering.xml.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.rules.text import chinese_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional",
                   "japaneseCounting", "taiwaneseCounting", "ideographDigital"}


@dataclass
class _Level:
    fmt: str  # decimal, chineseCounting, …
    text: str  # lvlText, e.g. "%1." or "（%1）"
    start: int = 1


def _format(value: int, fmt: str) -> str:
    if fmt in CHINESE_FORMATS:
        return chinese_number(value)
    if fmt == "none" or fmt == "bullet":
        return ""
    return str(value)


class Numbering:
    """Counters per list, producing the label of each numbered paragraph in document order."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], _Level] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str | None, object] = {}  # style id -> its numPr (or None)
        self._read(document.part.numbering_part.element)  # python-docx adds an empty one

    def _read(self, root) -> None:
        abstract = {}
        for node in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl"))] = _Level(
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                    int(_val(lvl, "start") or 1))
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            levels = abstract.get(_val(num, "abstractNumId"), {})
            for ilvl, level in levels.items():
                self.levels[(num.get(f"{W}numId"), ilvl)] = level

    def label(self, paragraph) -> str:
        """The number Word shows before `paragraph`, or "" when it is not in a list."""
        num_id, ilvl = _num_pr(paragraph, self.styles)
        level = self.levels.get((num_id, ilvl)) if num_id else None
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for lvl, value in counters.items():
            fmt = self.levels.get((num_id, lvl), level).fmt
            text = text.replace(f"%{lvl + 1}", _format(value, fmt))
        return text


def _find_num_pr(ppr):
    return ppr.find(f"{W}numPr") if ppr is not None else None


def _val(node, tag: str) -> str | None:
    child = node.find(f"{W}{tag}")
    return child.get(f"{W}val") if child is not None else None


def _num_pr(paragraph, cache: dict) -> tuple[str | None, int]:
    """The paragraph's list (numId, level), from the paragraph or else from its style
    (looked up once per style: python-docx's style look-up is slow)."""
    ppr = paragraph._p.pPr
    num_pr = _find_num_pr(ppr)
    if num_pr is None:
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        if style_id not in cache:
            style, found = paragraph.style, None
            while found is None and style is not None:
                found = _find_num_pr(style.element.pPr)
                style = style.base_style
            cache[style_id] = found
        num_pr = cache[style_id]
    if num_pr is None:
        return None, 0
    num_id = _val(num_pr, "numId")
    ilvl = int(_val(num_pr, "ilvl") or 0)
    return (num_id if num_id not in (None, "0") else None), ilvl
