"""A published web page as plan text: paragraphs a line each, tables through the table reader
(colspan and rowspan filled, as merged cells are in Word and Excel)."""

from __future__ import annotations

from html.parser import HTMLParser

from toolkit.plan_import.tables import TableReader

MAX_SPAN = 50


class _Table:
    def __init__(self):
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.down: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)

    def fill_down(self) -> None:
        while self.row is not None and len(self.row) in self.down:
            col = len(self.row)
            text, left = self.down[col]
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
            self.rows.append(self.row)
        self.row = None


def _span(attrs, name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return max(1, min(MAX_SPAN, int(value))) if value.strip().isdigit() else 1


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "title"}
    SKIP = {"script", "style", "head"}

    def __init__(self, reader: TableReader | None):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.reader = reader
        self.tables: list[_Table] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
            return
        table = self.tables[-1] if self.tables else None
        if self.reader is not None and tag == "table":
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
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and tag == "table":
            table.end_row()
            self.tables.pop()
            lines = self.reader.lines(table.rows)
            if self.tables and self.tables[-1].cell is not None:  # a table inside a cell
                self.tables[-1].cell.append("\n".join(lines))
            else:
                self.parts.append("\n" + "\n".join(lines) + "\n")
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
        elif table is not None and tag == "tr":
            table.end_row()
        elif table is not None and table.cell is not None and tag in self.BLOCKS:
            table.cell.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skipping:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(data.replace("\n", " "))
        elif table is None:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str, reader: TableReader | None = None) -> str:
    """The page's text, one paragraph a line; with a reader, its tables as plan lines."""
    parser = _TextExtractor(reader)
    parser.feed(html)
    parser.close()
    while parser.tables:  # a table never closed
        table = parser.tables.pop()
        table.end_row()
        parser.parts.append("\n" + "\n".join(reader.lines(table.rows)) + "\n")
    text = "".join(parser.parts).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n"))
