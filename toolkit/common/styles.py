"""The look of every workbook the project writes: fonts, the palette, number formats.

Colours are (fill, font) pairs by the word a cell holds (toolkit.vocab), so a status has the same
colour in every sheet. XlsxWriter takes '#RRGGBB'; `argb()` gives openpyxl's 'RRGGBB'.
"""

from __future__ import annotations

from toolkit import vocab as W

FONT = "宋体"
TITLE_FONT = "黑体"
FONT_SIZE = 10

HEADER_FILL, HEADER_FONT = "#1F4E78", "#FFFFFF"
LABEL_FILL = "#DDEBF7"
SECTION_FILL = "#D9E1F2"
NONE_FILL = "#F2F2F2"  # a cell that does not apply (进展矩阵: not this unit's task)
NOTE_FONT = "#666666"
PREVIOUS_FILL = "#EDEDED"  # the read-only 上期 columns of a pre-filled form
PROBLEM_FILL = "#FF9999"  # a cell with a problem in a feedback (退回修改) workbook

GOOD = ("#C6EFCE", "#006100")
INFO = ("#DDEBF7", "#1F4E78")
NEUTRAL = ("#EDEDED", "#404040")
AMBER = ("#FFEB9C", "#9C5700")
BAD = ("#FFC7CE", "#9C0006")
ORANGE = ("#FCE4D6", "#C65911")
GREY = ("#D9D9D9", "#404040")
CHECK = ("#FCE4D6", "#C00000")
PALE = ("#FFF2CC", "#7F6000")

COLOURS = {
    W.DONE: GOOD, W.ONGOING: INFO, W.NOT_STARTED: NEUTRAL, W.UNFINISHED: BAD,
    W.SUBMITTED: GOOD, W.LATE: AMBER, W.WITH_PROBLEMS: BAD, W.NOT_SUBMITTED: ORANGE,
    W.NOT_FILLED: PALE, W.ERROR: BAD, W.WARNING: AMBER, W.NOTE: NEUTRAL,
    W.FLAG_VERIFY: AMBER, W.FLAG_INVALID: BAD, W.UNVERIFIED: AMBER,
    W.CHANGED_WORSE: BAD, W.CHANGED_SAME: AMBER, W.CHANGED_BETTER: GOOD, W.CHANGED_NEW: INFO,
}
# 指标核对 and 任务核对: green good, blue on track, amber behind, red missed, grey missing.
CHECK_COLOURS = {
    W.EXCEEDED: GOOD, W.MET: GOOD, W.DONE: GOOD, W.ON_TRACK: INFO, W.ONGOING: INFO,
    W.BEHIND: AMBER, W.NOT_STARTED: AMBER, W.MISSED: BAD, W.UNFINISHED: BAD,
    W.NOT_REPORTED: GREY, W.TO_VERIFY: CHECK, W.INCOMPLETE: AMBER,
}

PERCENT = "0%"
DATE = "yyyy-mm-dd"
A4 = 9  # XlsxWriter's paper code


def argb(colour: str) -> str:
    """'#C6EFCE' -> 'C6EFCE', as openpyxl wants it."""
    return colour.lstrip("#")
