"""The look of every workbook the project writes: fonts, the palette, number formats, the height
of rows with wrapped text, and how a sheet prints.

Colours are (fill, font) pairs by the word a cell holds (toolkit.vocab), so a status has the same
colour in every sheet. XlsxWriter takes '#RRGGBB'; `argb()` gives openpyxl's 'RRGGBB'.

Every sheet a person may print gets its set-up from `print_xlsxwriter` or `print_openpyxl`: A4,
fitted to one page wide, the header rows on every page, centred, and "第 1 页，共 3 页" in the
footer (after a label such as the unit's name).
"""

from __future__ import annotations

import math
from functools import lru_cache

from toolkit import vocab as W

FONT = "宋体"
TITLE_FONT = "黑体"
FONT_SIZE = 10

# The official documents (GB/T 9704): 标题 二号方正小标宋, 正文 三号仿宋_GB2312, 一级标题 黑体;
# each with the font a machine without it shows instead.
DOC_TITLE_FONT, DOC_TITLE_FALLBACK = "方正小标宋简体", "宋体"
DOC_BODY_FONT, DOC_BODY_FALLBACK = "仿宋_GB2312", "仿宋"
DOC_HEADING_FONT, DOC_HEADING_FALLBACK = "黑体", "SimHei"

HEADER_FILL, HEADER_FONT = "#1F4E78", "#FFFFFF"
LABEL_FILL = "#DDEBF7"
SECTION_FILL = "#D9E1F2"  # a section row; the headers of a unit's form
NONE_FILL = "#F2F2F2"  # a cell that does not apply (进展矩阵: not this unit's task)
NOTE_FONT = "#666666"
KEY_FONT = "#808080"  # row keys, and the thin borders of a form
LINK_FONT = "#0563C1"
PREVIOUS_FILL = "#EDEDED"  # the read-only 上期 columns of a pre-filled form
PROBLEM_FILL = "#FF9999"  # a cell with a problem in a feedback (退回修改) workbook
INPUT_FILL = "#FFF2CC"  # the yellow of every cell a clerk fills in
INPUT_HEADER_FILL = "#F8CBAD"  # the header above an input column
LEAD_FONT = "#C00000"  # 牵头单位 on a unit's form
PROGRESS_BAR = "#63BE7B"  # the data bar of 完成进度

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
    W.NOT_FILLED: PALE, W.PARTLY_SUBMITTED: ORANGE, W.ERROR: BAD, W.WARNING: AMBER, W.NOTE: NEUTRAL,
    W.FLAG_VERIFY: AMBER, W.FLAG_INVALID: BAD, W.UNVERIFIED: AMBER,
    W.CHANGED_WORSE: BAD, W.CHANGED_SAME: AMBER, W.CHANGED_BETTER: GOOD, W.CHANGED_NEW: INFO,
}
# 指标核对 and 任务核对: green good, blue on track, amber behind, red missed, grey missing.
CHECK_COLOURS = {
    W.EXCEEDED: GOOD, W.MET: GOOD, W.DONE: GOOD, W.ON_TRACK: INFO, W.ONGOING: INFO,
    W.BEHIND: AMBER, W.NOT_STARTED: AMBER, W.MISSED: BAD, W.UNFINISHED: BAD,
    W.NOT_REPORTED: GREY, W.TO_VERIFY: CHECK, W.INCOMPLETE: AMBER,
}
# a task's light (红灯/黄灯/绿灯): the traffic-light colours themselves
LIGHT_COLOURS = {W.RED: ("#FF0000", "#FFFFFF"), W.YELLOW: ("#FFC000", "#000000"),
                 W.GREEN: ("#00B050", "#FFFFFF")}

PERCENT = "0%"
DATE = "yyyy-mm-dd"

# --- rows with wrapped text -------------------------------------------------------------------
LINE_HEIGHT = 13.5  # points per line of 10pt 宋体
MAX_ROW_HEIGHT = 409  # Excel's limit


@lru_cache(maxsize=8192)
def text_lines(text: str, width: float) -> int:
    """Lines `text` takes wrapped in a column `width` characters wide (non-ASCII counts double).

    Row heights are set explicitly because LibreOffice and WPS do not fit rows with wrapped text
    when they open a file (Excel does): a row left at the default height prints one line of a
    long text. The estimate errs on the tall side. Cached: the same task text goes into many
    units' workbooks.
    """
    per_line = max(2.0, width + 1.0)  # half-width characters per line
    lines = 0
    for part in text.split("\n"):
        units = 2 * len(part) - len(part.encode("ascii", "ignore"))
        lines += max(1, math.ceil(units / per_line))
    return lines


def row_height(cells, min_lines: int = 1) -> float:
    """Height in points for a row of (text, column width) cells."""
    lines = max([min_lines] + [text_lines(text, width) for text, width in cells if text])
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)


# --- printing ---------------------------------------------------------------------------------
A4 = 9  # the paper code of XlsxWriter and openpyxl
PAGE_NUMBERS = "第 &P 页，共 &N 页"
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6}  # inches
FOOTER_MARGIN = 0.3
PORTRAIT_WIDTH = 100  # characters of column width an A4 portrait page holds unscaled
LABEL_LIMIT = 80  # characters of a footer label


def wide(widths) -> bool:
    """Whether columns of these widths (characters) print landscape."""
    return sum(widths) > PORTRAIT_WIDTH


def footer_parts(left: str = "", centre: str = "") -> dict[str, str]:
    """The footer's left, centre and right text: the labels and the page numbers. A label is
    cut to LABEL_LIMIT characters (Excel drops a footer of more than 255) and its '&' doubled,
    as header codes want it."""
    def label(text: str) -> str:
        return text[:LABEL_LIMIT].replace("&", "&&")

    return {"L": label(left), "C": label(centre), "R": PAGE_NUMBERS}


def print_xlsxwriter(ws, landscape: bool = True, repeat: tuple[int, int] | None = None,
                     left: str = "", centre: str = "", tall: int = 0) -> None:
    """Print set-up of an XlsxWriter sheet: A4, one page wide (`tall` pages high, 0 for as many
    as it takes), rows `repeat` (first, last; 1-based) on every page, footer labels."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, tall)
    ws.center_horizontally()
    ws.set_margins(**MARGINS)
    if repeat:
        ws.repeat_rows(repeat[0] - 1, repeat[1] - 1)
    code = "".join(f"&{k}{text}" for k, text in footer_parts(left, centre).items() if text)
    ws.set_footer(code, {"margin": FOOTER_MARGIN})


def print_openpyxl(ws, landscape: bool = True, repeat: tuple[int, int] | None = None,
                   left: str = "", centre: str = "", tall: int = 0) -> None:
    """The same set-up for an openpyxl sheet."""
    setup = ws.page_setup
    setup.paperSize = A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, tall
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.page_margins.footer = FOOTER_MARGIN
    if repeat:
        ws.print_title_rows = f"{repeat[0]}:{repeat[1]}"
    parts = footer_parts(left, centre)
    ws.oddFooter.left.text = parts["L"] or None
    ws.oddFooter.center.text = parts["C"] or None
    ws.oddFooter.right.text = parts["R"]


def argb(colour: str) -> str:
    """'#C6EFCE' -> 'C6EFCE', as openpyxl wants it."""
    return colour.lstrip("#")
