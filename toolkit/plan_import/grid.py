"""One shape for every table: a grid of cell texts, whatever carried it.

Word, Excel, PDF and web pages give their tables as grids (their readers fill merged cells);
text copied from a web page or a PDF carries tables flattened, and flat.py rebuilds their
grids. A document is then a list of blocks, each a line of text or a Grid, for the plan reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field



@dataclass
class Grid:
    """A table's cells row by row. A cell merged over several rows gives its text to each;
    `copies` holds the (row, column) of the cells that only repeat the one above them."""
    rows: list[list[str]]
    copies: set[tuple[int, int]] = field(default_factory=set)
    name: str = ""  # how a warning names it: “分解表.docx”第1个表格
    written: bool = False  # rebuilt from lines of text (flat.py): a table copied as text

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = str | Grid


TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RE = re.compile(rf"\s*\((?=[a-z{TONES}ü]*[{TONES}])[a-z{TONES}ü]{{1,7}}\)")  # 經(jīng): a mirror's pinyin
TONE_RE = re.compile(f"[{TONES}]")  # what pinyin holds: a text without it holds none (found quicker)


def without_pinyin(text: str) -> str:
    """The text without the pinyin some mirror sites write after a character (責(zé)任單位)."""
    return PINYIN_RE.sub("", text) if "(" in text and TONE_RE.search(text) else text


def blocks_without_pinyin(blocks: list[Block]) -> list[Block]:
    return [without_pinyin(b) if isinstance(b, str) else
            Grid([[without_pinyin(c) for c in row] for row in b.rows], b.copies, b.name, b.written)
            for b in blocks]


def fill_merged(rows: list[list[str]], r0: int, c0: int, r1: int, c1: int,
                copies: set[tuple[int, int]]) -> None:
    """Give a merged range's text (its top-left cell's) to every cell it covers."""
    if r0 >= len(rows):
        return
    value = rows[r0][c0] if c0 < len(rows[r0]) else ""
    for r in range(r0, min(r1, len(rows) - 1) + 1):
        row = rows[r]
        row.extend([""] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            row[c] = value
            if r > r0:
                copies.add((r, c))


def join_cell_lines(text: str, separator: str = "") -> str:
    """A cell's lines as one line: glued (a space between Latin words; a number wrapped in a
    narrow cell is one number), or joined by
    `separator` where the line before does not already end in one."""
    out = ""
    for line in (part.strip() for part in str(text).replace("\r", "\n").split("\n")):
        if not line:
            continue
        if out and separator:
            out += "" if out[-1] in "、,，;；" else separator
        elif out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out
