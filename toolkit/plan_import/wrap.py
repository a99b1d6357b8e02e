"""A text hard-wrapped at the width of a page (a PDF's text layer copied) joined into its paragraphs."""

from __future__ import annotations

import re

from toolkit.plan_import import cells, lexicon
from toolkit.plan_import.structure import BARE_NUMBER_RE, BULLETS, CIRCLED, CN_NUMERALS, DASHES, PAGE_NUMBER_RE
from toolkit.rules.text import normalise

WIDEST_MIN = 40  # columns (20 characters) a page's lines hold at least
SLACK = 0.1  # of the widest, what a full line may fall short of it (a justified line's figures are narrower)
FULL_MIN = 3  # full lines a hard-wrapped text has at least
FULL_SHARE = 0.3  # of the lines over half the widest, the full ones at least
NARROW_RE = re.compile(r"[A-Za-z0-9 ]")  # what a page prints one column wide
LAYOUT_RE = re.compile(r"\S\s{2,}\S|\|")  # a table's row as text: cells between bars or runs of spaces
TABBED_RE = re.compile(r"\S\t")  # a tab after a text: a line copied from an office program
TABBED_MIN = 2  # such lines in a text copied from one
LABEL_TAIL = 6  # characters before a line's label that may be the label's start, broken off by the wrap
SENTENCE_END = "。!?！？;；:"
CLOSED = SENTENCE_END + ")]】"  # how a line of a whole sentence ends: its full stop, a closing bracket of units
# a paragraph's number: 1. 1、 (1) 一、 (一) ① 一是, a bullet (not 2023年 or 5个, figures a line may open with)
PARAGRAPH_START_RE = re.compile(rf"^(?:\d{{1,3}}\s*{cells.NUMBER_MARK}|\(\d{{1,3}}\)|[{CN_NUMERALS}]{{1,3}}\s*[、.]"
                                rf"|\([{CN_NUMERALS}]{{1,3}}\)|[{CIRCLED}{BULLETS}]|[{CN_NUMERALS}]{{1,3}}是)")


def unwrapped(text: str) -> str:
    """The text with the lines a page wrapped its paragraphs into joined again (every line of a
    paragraph but its last as wide as the page, the break anywhere, inside a figure or a name
    too): a full line goes on in the next line, unless that opens a paragraph of its own (a
    number, a label: a paragraph may end at the margin) or is blank; the page numbers between
    dashes (- 3 -) are left out. A text is so where its full lines (as wide as
    the widest within a tenth, three or more; a table's row is none) are a good part of its lines over half that
    width and seldom end a sentence or a bracket (a text of whole paragraphs ends nearly every line so).
    A text of lines holding a tab after a text, two or more (a table's rows copied from Excel or
    Word, 1.\\t推进… list items), was copied from an office program, not a page: left as it is (a
    PDF's text layer lays its lines out with spaces)."""
    if sum(1 for line in text.split("\n") if TABBED_RE.search(line)) >= TABBED_MIN:
        return text
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    plain = [normalise(line) for line in lines]
    widths = [0 if PAGE_NUMBER_RE.match(p) else _columns(line) for line, p in zip(lines, plain)]
    widest = max(widths, default=0)
    full = [w >= widest * (1 - SLACK) and not LAYOUT_RE.search(p) for w, p in zip(widths, plain)]
    count = sum(full)
    ends = sum(1 for p, f in zip(plain, full) if f and p[-1] in CLOSED)
    if widest < WIDEST_MIN or count < FULL_MIN or count < FULL_SHARE * sum(w > widest // 2 for w in widths) or (
            ends > count / 3):
        return text
    out: list[str] = []
    plain_out: list[str] = []
    going_on = False  # the last line kept is full: the next goes on with it
    for line, p, is_full in zip(lines, plain, full):
        if PAGE_NUMBER_RE.match(p) and p[:1] in DASHES:
            continue
        if going_on and p and not _opens_paragraph(plain_out[-1], p):
            out[-1] += line
            plain_out[-1] += p
        else:
            out.append(line)
            plain_out.append(p)
        going_on = is_full and bool(p)
    return "\n".join(out)


def _opens_paragraph(before: str, line: str) -> bool:
    """The line after a full one opens a paragraph of its own: a number (1. 一、; a number alone
    after a sentence's end, a list's number on its own line), a label, a page number (23 ―, its
    first dash at the end of the line before) or a table's row (cells between bars or runs of
    spaces)."""
    return bool(PARAGRAPH_START_RE.match(line) or PAGE_NUMBER_RE.match(line) or LAYOUT_RE.search(line)
                or before[-1] in SENTENCE_END and BARE_NUMBER_RE.match(line)
                or _label_opens(before, line))


def _label_opens(before: str, line: str) -> bool:
    """The line opens with a label (责任单位:, 监督方式:) that is not the end of a units or deadline
    label the wrap broke (…;责 / 任单位:…); a label of any words may follow a name at the margin
    (…有关直属单位 / 监督方式:…)."""
    own = lexicon.marker_re().match(line) or lexicon.label_re().match(line)
    if own is None:
        return False
    tail = before[-LABEL_TAIL:]
    return not any(m.start() < len(tail) and m.end() == len(tail) + own.end()
                   for m in lexicon.marker_re().finditer(tail + line))


def _columns(line: str) -> int:
    """The line's width on a page: a Chinese character or a punctuation mark two columns, an
    ASCII letter, digit or space one (a web copy prints the marks half-width that the page
    printed full-width)."""
    return 2 * len(line) - len(NARROW_RE.findall(line))
