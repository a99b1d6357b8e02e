"""A published web page as blocks: paragraphs a line each, tables as grids (colspan and
rowspan filled, as merged cells are in Word and Excel). A table that holds another table lays
out the page: its text is read as paragraphs and the tables inside it as tables."""

from __future__ import annotations

from html.parser import HTMLParser

from toolkit.plan_import.grid import Block, Grid

MAX_SPAN = 50


class _Table:
    def __init__(self):
        self.grid = Grid([])
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.down: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
        self.layout = False  # holds another table: read as paragraphs

    def fill_down(self) -> None:
        while self.row is not None and len(self.row) in self.down:
            col = len(self.row)
            text, left = self.down[col]
            self.grid.copies.add((len(self.grid.rows), col))
            self.row.append(text)
            if left <= 1:
                del self.down[col]
            else:
                self.down[col] = (text, left - 1)

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = "".join(self.cell).replace("\xa0", " ").strip()
        self.fill_down()
        across, down = self.span
        for _ in range(across):
            if down > 1:
                self.down[len(self.row)] = (text, down - 1)
            self.row.append(text)
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            self.fill_down()
            self.grid.rows.append(self.row)
        self.row = None

    def text(self) -> list[str]:
        """What the table held so far, as lines (it turned out to lay out the page)."""
        self.end_row()
        lines = [line for row in self.grid.rows for cell in dict.fromkeys(row) for line in cell.split("\n")]
        self.grid.rows = []
        return lines


def _span(attrs, name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return max(1, min(MAX_SPAN, int(value))) if value.strip().isdigit() else 1


class _Blocks(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "title"}
    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.skipping = 0
        self.tables: list[_Table] = []

    def _table(self) -> _Table | None:
        """The table whose cell takes the text, or None when it goes to the page."""
        table = self.tables[-1] if self.tables else None
        return None if table is None or table.layout else table

    def _break(self) -> None:
        text = "".join(self.line).replace("\xa0", " ").strip()
        if text:
            self.blocks.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
            return
        table = self._table()
        if tag == "table":
            if table is not None:  # a table inside a table: the outer one lays out the page
                self._break()
                self.blocks += table.text()
                table.layout = True
            self._break()
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            table.end_row()
            table.row = []
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
            if table.row is None:
                table.row = []
            table.cell, table.span = [], (_span(attrs, "colspan"), _span(attrs, "rowspan"))
        elif table is not None and table.cell is not None and tag in self.BLOCKS:
            table.cell.append("\n")
        elif tag in self.BLOCKS or tag in ("td", "th"):
            self._break()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "table" and self.tables:
            self._close_table()
            return
        table = self._table()
        if table is not None and tag in ("td", "th"):
            table.end_cell()
        elif table is not None and tag == "tr":
            table.end_row()
        elif table is not None and table.cell is not None and tag in self.BLOCKS:
            table.cell.append("\n")
        elif tag in self.BLOCKS or tag in ("td", "th"):
            self._break()

    def _close_table(self) -> None:
        table = self.tables.pop()
        self._break()
        if table.layout:
            return
        table.end_row()
        if table.grid.rows:
            self.blocks.append(table.grid)

    def handle_data(self, data):
        if self.skipping:
            return
        table = self._table()
        if table is not None:
            if table.cell is not None:
                table.cell.append(data.replace("\n", " "))
        else:
            self.line.append(data.replace("\n", " "))


def html_blocks(html: str) -> list[Block]:
    """The page's paragraphs and tables in order."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    while parser.tables:  # a table never closed
        parser._close_table()
    parser._break()
    return parser.blocks
