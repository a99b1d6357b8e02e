"""Fill an .xlsx template made in Excel: jinja2 in cells, rows that repeat, native charts.

The template language, for whoever restyles the template:
- any cell may hold jinja2: `{{ title }}`, `共{{ tasks|length }}项`, `{% if final %}…{% endif %}`;
  a cell that is exactly one `{{ expression }}` keeps the value's type (a number stays a
  number, so formats such as 0% and the charts work);
- a row with a cell that starts with `{% for x in items %}` repeats once per item; the tag
  (and a `{% endfor %}` at the end of any cell of that row) is removed;
- a row holding only `{% for x in items %}` and a later row holding only `{% endfor %}` repeat
  the rows between them (they can contain repeating rows: sections, then their tasks);
- `{{ bar_chart(values='H', categories='C', title='…') }}` places a bar chart at its cell,
  charting columns of the rows the sheet's first repeating row produced; with
  `sheet='指标完成情况'` it charts that sheet's rows instead (a chart on a sheet of its own
  prints clear of the table), and `width=25, height=15` (cm) give it a fixed size;
- text boxes hold jinja2 too (see shapes.py): they are carried into the output and move down
  with the rows inserted above them.
Styles, row heights and hidden rows, merged cells, conditional formats, data validations, the
filter and the print area of the template rows are carried to the rows they produce. A produced
row without a height of its own is made tall enough for its wrapped text (LibreOffice and WPS
print a row at the height the file gives it, cutting the rest). The rows are not openpyxl's: each
is written as XML as it is produced and put into the saved file (xlsx_rows), so a sheet of
20,000 units' rows costs no memory.
"""

from __future__ import annotations

import re
from collections import ChainMap
from copy import copy
from dataclasses import dataclass
from pathlib import Path

import jinja2

from toolkit.common.no_numpy import without_numpy

with without_numpy():
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.formatting.formatting import ConditionalFormattingList
    from openpyxl.cell.cell import Cell
    from openpyxl.utils import column_index_from_string, get_column_letter
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.worksheet import Worksheet

from toolkit.books.styles import row_height, text_lines
from toolkit.rules.text import clip, printable
from toolkit.errors import WorkplanError
from toolkit.summary.loops import END_TAG, FOR_TAG, Block, loop_targets
from toolkit.summary.shapes import carry_shapes
from toolkit.summary.xlsx_rows import Column, Formula, SheetRows, write_rows

ONE_EXPR = re.compile(r"^\s*\{\{(?P<expr>(?:(?!\}\}|\{\{|\{%).)+)\}\}\s*$", re.S)
DOTTED = re.compile(r"^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$")
MISSING = object()
DEFAULT_WIDTH = 8.43  # characters: a column the template gives no width


@dataclass
class RowLoop:
    row: int
    target: list[str]
    expr: str
    place: str


class LoopInfo:
    """`loop.index`, `loop.first`, … inside repeated rows, as in jinja2's for loops."""

    def __init__(self, index0: int, length: int):
        self.index0, self.length = index0, length
        self.index = index0 + 1
        self.first, self.last = index0 == 0, index0 == length - 1


class Filler:
    def __init__(self, template: Path):
        self.template = template
        self.env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        self.compiled: dict[str, object] = {}
        self.paths: dict[str, tuple] = {}  # expression -> its dotted path, () if not one
        self.charts: list[dict] = []
        self.place = ""
        self.layouts: dict[str, tuple[dict[int, list[int]], int]] = {}
        self.data_rows: dict[str, list[int]] = {}  # by sheet: the rows its first loop produced

    # --- errors ---------------------------------------------------------------------------
    def fail(self, place: str, exc: Exception) -> WorkplanError:
        return WorkplanError(
            f"模板 {self.template.name} {place} 有误：{exc}；请修改模板后重试。"
        )

    # --- jinja2 ---------------------------------------------------------------------------
    def evaluate(self, expr: str, ctx: dict, place: str):
        value = self._looked_up(expr, ctx)
        if value is not MISSING:
            return value
        key = "expr:" + expr
        try:
            if key not in self.compiled:
                self.compiled[key] = self.env.compile_expression(expr, undefined_to_none=False)
            value = self.compiled[key](**ctx)  # a ChainMap unpacks as a dict
            if isinstance(value, jinja2.Undefined):
                value._fail_with_undefined_error()
        except jinja2.TemplateError as exc:
            raise self.fail(place, exc) from None
        return value

    def _looked_up(self, expr: str, ctx: dict):
        """A plain name or dotted path (`t.title`, `loop.index`: nearly every cell) resolved
        as jinja2 resolves it (an attribute, else an item), without jinja2's machinery, which
        costs more than the rest of the cell; MISSING sends anything else, or anything not
        found, through jinja2 (and its error)."""
        path = self.paths.get(expr)
        if path is None:
            found = DOTTED.match(expr)
            path = self.paths[expr] = tuple(found.group(1).split(".")) if found else ()
        if not path or path[0] not in ctx:
            return MISSING
        value = ctx[path[0]]
        for name in path[1:]:
            value = self.env.getattr(value, name)
            if isinstance(value, jinja2.Undefined):
                return MISSING
        return value

    def render(self, source: str, ctx: dict, place: str):
        one = ONE_EXPR.match(source)
        if one:
            value = self.evaluate(one.group("expr"), ctx, place)
            if value is None or isinstance(value, (int, float, str)):
                return value
            return str(value)
        try:
            if source not in self.compiled:
                self.compiled[source] = self.env.from_string(source)
            return self.compiled[source].render(dict(ctx))
        except jinja2.TemplateError as exc:
            raise self.fail(place, exc) from None

    # --- the sheet ------------------------------------------------------------------------
    def fill_sheet(self, ws: Worksheet, ctx: dict) -> SheetRows:
        """Render the sheet's rows; openpyxl keeps the rest of the sheet, the rows are
        returned to be written into the saved file (xlsx_rows)."""
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None or cell.has_style:
                    entry = (cell.column, _template_value(cell), copy(cell._style))
                    cells.setdefault(cell.row, []).append(entry)
        heights = {r: (d.height, d.hidden) for r, d in ws.row_dimensions.items()
                   if d.height or d.hidden}
        template_rows = ws.max_row
        merged = [CellRange(str(r)) for r in ws.merged_cells.ranges]
        nodes, sources = self.parse(ws, cells)
        plan: list[tuple[int, dict]] = []
        self.expand(nodes, ctx, plan)
        loops = [n.row for n in walk(nodes) if isinstance(n, RowLoop)]
        columns = _columns(ws, cells)
        wraps = {r: {col for col, _v, _s in entries if columns[col, r][1]}  # by template row
                 for r, entries in cells.items()}
        spans = {r: _spans(merged, r) for r in cells}

        for rng in merged:
            ws.unmerge_cells(str(rng))
        ws._cells.clear()
        ws.row_dimensions.clear()
        rows = SheetRows(ws.title, width=max([1] + [c for c, _ in columns]))
        produced: dict[int, list[int]] = {}
        for out, (src, local) in enumerate(plan, start=1):
            produced.setdefault(src, []).append(out)
            written = [(columns[col, src][0], self.cell_value(ws, src, col, out, value,
                                                              sources, local))
                       for col, value, _style in cells.get(src, [])]
            height, hidden = heights.get(src, (None, False))
            if src not in heights:
                height = fit_height(ws, written, wraps.get(src, set()), spans.get(src, {}))
            rows.add(out, written, height, hidden)
        self.layouts[ws.title] = (produced, template_rows)
        self.remap(ws, merged, produced)
        if ws.print_area:
            ws.print_area = _print_area(ws.print_area, produced, len(plan) - template_rows,
                                        template_rows)
        self.data_rows[ws.title] = produced.get(loops[0], []) if loops else []
        return rows

    def cell_value(self, ws: Worksheet, src: int, col: int, out: int, value, sources: dict,
                   local: dict):
        """What the template cell (src, col) writes at row `out`: its jinja2 rendered, its
        text without the loop tags, or its value as it is."""
        source = sources.get((src, col), value)
        if not (isinstance(source, str) and ("{{" in source or "{%" in source)):
            return value if isinstance(value, Formula) or not isinstance(source, str) \
                else source
        self.place = f"{ws.title}!{get_column_letter(col)}{out}"
        place = f"工作表「{ws.title}」{get_column_letter(col)}{src}"
        value = self.render(source, local, place)
        if isinstance(value, str):  # text stays text: a unit's '=…' never becomes a formula
            return clip(printable(value)) or None
        return value

    def parse(self, ws: Worksheet, cells):
        """Rows -> nodes (row numbers, RowLoop, Block); sources holds the cells' text without
        the loop tags."""
        sources: dict[tuple[int, int], str] = {}
        stack: list[list] = [[]]
        blocks: list[Block] = []
        for r in range(1, ws.max_row + 1):
            texts = [(c, v) for c, v, _ in cells.get(r, []) if isinstance(v, str) and v.strip()]
            place = f"工作表「{ws.title}」第{r}行"
            only = texts[0][1].strip() if len(texts) == 1 else ""
            whole = FOR_TAG.match(only) if only else None
            if whole and whole.end() == len(only):
                block = Block(loop_targets(whole), whole.group("expr"), place)
                stack[-1].append(block)
                stack.append(block.body)
                blocks.append(block)
                continue
            if only and END_TAG.fullmatch(only):
                if len(stack) == 1:
                    raise self.fail(place, "多余的 {% endfor %}")
                stack.pop()
                blocks.pop()
                continue
            loop = None
            for col, text in texts:
                found = FOR_TAG.match(text)
                if found and loop is None:
                    loop = RowLoop(r, loop_targets(found), found.group("expr"), place)
                    text = text[found.end():]
                text = END_TAG.sub("", text) if loop else text
                sources[(r, col)] = text
            stack[-1].append(loop or r)
        if blocks:
            raise self.fail(blocks[-1].place, "{% for %} 缺少对应的 {% endfor %} 行")
        return stack[0], sources

    def expand(self, nodes, ctx: dict, out: list) -> None:
        for node in nodes:
            if isinstance(node, int):
                out.append((node, ctx))
                continue
            items = self.evaluate(node.expr, ctx, node.place)
            try:
                items = list(items)
            except TypeError as exc:
                raise self.fail(node.place, exc) from None
            for i, item in enumerate(items):  # a row's own names before the context's:
                own = _bind(node.target, item)  # a few names a row, not a copy of the context
                own["loop"] = LoopInfo(i, len(items))
                local = ChainMap(own, ctx)
                if isinstance(node, RowLoop):
                    out.append((node.row, local))
                else:
                    self.expand(node.body, local, out)

    def remap(self, ws: Worksheet, merged: list[CellRange], produced: dict[int, list[int]]):
        """Carry merged cells, conditional formats, validations and the filter to the output."""
        for rng in merged:  # the ranges only: the covered cells are written with the rows
            if rng.min_row == rng.max_row:
                spans = [(out, out) for out in produced.get(rng.min_row, [])]
            else:
                spans = [span] if (span := _span(rng, produced)) else []
            for span in spans:
                ws.merged_cells.add(CellRange(_ref(rng, span)))
        old, ws.conditional_formatting = ws.conditional_formatting, ConditionalFormattingList()
        for cf in old:
            for rng in cf.sqref.ranges:
                span = _span(rng, produced)
                if span:
                    ref = _ref(rng, span)
                    for rule in cf.rules:
                        ws.conditional_formatting.add(ref, rule)
        for dv in ws.data_validations.dataValidation:
            refs = [_ref(r, s) for r in dv.sqref.ranges if (s := _span(r, produced))]
            dv.sqref = " ".join(refs) if refs else None
        ws.data_validations.dataValidation = [d for d in ws.data_validations.dataValidation
                                              if d.sqref]
        if ws.auto_filter.ref:
            rng = CellRange(ws.auto_filter.ref)
            span = _span(rng, produced)
            ws.auto_filter.ref = _ref(rng, span) if span else None

    def moved_row(self, sheet: str, row: int) -> int:
        """Where the template's `row` of `sheet` starts in the output: its first copy, else
        (a loop's control row, or below the template's rows) after the rows produced above it."""
        if sheet not in self.layouts:
            return row
        produced, template_rows = self.layouts[sheet]
        if produced.get(row):
            return min(produced[row])
        above = sum(len(out) for src, out in produced.items() if src < row)
        return 1 + above + max(0, row - template_rows - 1)

    def chart_request(self, values: str, categories: str, title: str = "",
                      sheet: str | None = None, **options) -> str:
        at, anchor = self.place.rsplit("!", 1)
        self.charts.append({"at": at, "data": sheet or at, "anchor": anchor, "values": values,
                            "categories": categories, "title": title, **options})
        return ""

    def add_charts(self, wb) -> None:
        """The charts the cells asked for, once every sheet is filled (a chart may chart a
        sheet that comes after its own)."""
        for chart in self.charts:
            at, data = chart.pop("at"), chart.pop("data")
            if data not in wb.sheetnames:
                raise self.fail(f"工作表「{at}」{chart['anchor']}",
                                f"图表引用的工作表「{data}」不存在")
            add_bar_chart(wb[at], wb[data], self.data_rows.get(data, []), **chart)


def walk(nodes):
    for node in nodes:
        yield node
        if isinstance(node, Block):
            yield from walk(node.body)


def _template_value(cell):
    """A template cell's value, its formula marked as one."""
    if cell.data_type == "f" and isinstance(cell.value, str):
        return Formula(cell.value)
    return cell.value


def _columns(ws: Worksheet, cells: dict) -> dict[tuple[int, int], tuple[Column, bool]]:
    """(column, row) of each template cell -> where it writes with which style, and whether
    its text wraps."""
    found = {}
    for row, entries in cells.items():
        for col, _value, style in entries:
            proto = Cell(ws, row=row, column=col, style_array=style)
            style_id = proto.style_id if proto.has_style else 0
            column = Column(col, get_column_letter(col), style_id)
            found[col, row] = (column, bool(proto.alignment.wrap_text))
    return found


def fit_height(ws: Worksheet, written: list, wraps: set[int], spans: dict[int, range]):
    """The height a row needs for the wrapped text of its cells `written` ((Column, value));
    `wraps`: the columns whose text wraps, `spans`: the columns a merged cell covers, by its
    first column. None for a row of one line, which keeps the default height."""
    cells = []
    for column, value in written:
        col = column.index
        if not (isinstance(value, str) and col in wraps):
            continue
        width = sum(_width(ws, c) for c in spans.get(col, range(col, col + 1)))
        if width:  # a hidden column does not print
            cells.append((value, width))
    if any(text_lines(text, width) > 1 for text, width in cells):
        return row_height(cells)
    return None


def _width(ws: Worksheet, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is not None and dim.hidden:
        return 0.0
    return dim.width if dim is not None and dim.customWidth else DEFAULT_WIDTH


def _spans(merged: list[CellRange], row: int) -> dict[int, range]:
    """The template's merged cells of one row: first column -> the columns covered."""
    return {r.min_col: range(r.min_col, r.max_col + 1) for r in merged
            if r.min_row == r.max_row == row}


def _bind(targets: list[str], item) -> dict:
    if len(targets) == 1:
        return {targets[0]: item}
    return dict(zip(targets, item))


def _span(rng: CellRange, produced: dict[int, list[int]]):
    rows = [o for r in range(rng.min_row, rng.max_row + 1) for o in produced.get(r, [])]
    return (min(rows), max(rows)) if rows else None


def _print_area(area: str, produced: dict[int, list[int]], shift: int, template_rows: int):
    """The template's print area over the rows the output has: a repeated row's copies, and
    rows below the template's last row (room for a chart) moved down with it."""
    refs = []
    for part in area.split(","):
        rng = CellRange(part.rsplit("!", 1)[-1].replace("$", ""))
        rows = [o for r in range(rng.min_row, min(rng.max_row, template_rows) + 1)
                for o in produced.get(r, [])]
        rows += [r + shift for r in (rng.min_row, rng.max_row) if r > template_rows]
        if rows:
            refs.append(_ref(rng, (min(rows), max(rows))))
    return ",".join(refs) or None


def _ref(rng: CellRange, span) -> str:
    return (f"{get_column_letter(rng.min_col)}{span[0]}:"
            f"{get_column_letter(rng.max_col)}{span[1]}")


def add_bar_chart(ws: Worksheet, data_ws: Worksheet, rows: list[int], anchor: str, values: str,
                  categories: str, title: str = "", number_format: str = "0%",
                  width: float = 24, height: float | None = None, **_ignored) -> None:
    """A horizontal bar chart at `anchor` of `ws`: column `values` against `categories` over
    `rows` of `data_ws`; `width` and `height` in cm (by default as tall as the rows need)."""
    if not rows:
        return
    first, last = min(rows), max(rows)
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title or None
    data = Reference(data_ws, min_col=column_index_from_string(values), min_row=first,
                     max_row=last)
    cats = Reference(data_ws, min_col=column_index_from_string(categories), min_row=first,
                     max_row=last)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(cats)
    series = chart.series[0]
    series.tx = SeriesLabel(v=title or "完成率")
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    series.dLbls.showSerName = series.dLbls.showCatName = False
    series.dLbls.showLegendKey = series.dLbls.showPercent = False
    series.dLbls.numFmt = number_format
    chart.y_axis.numFmt = number_format
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    chart.x_axis.scaling.orientation = "maxMin"  # first row at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    chart.visible_cells_only = False  # the labels may sit in a hidden column
    chart.width = width
    chart.height = height or max(7.5, 0.6 * (last - first + 1) + 2)
    ws.add_chart(chart, anchor)


def fill_workbook(template: Path, ctx: dict, target: Path) -> None:
    """Render every sheet of `template` with `ctx` and save the workbook to `target`."""
    filler = Filler(template)
    try:
        wb = load_workbook(template)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises assorted errors on bad files
        raise WorkplanError(f"模板 {template} 无法打开（{exc}）；请检查模板文件。") from None
    local = dict(ctx, bar_chart=filler.chart_request)
    rows: list[SheetRows] = []
    try:
        for ws in wb.worksheets:
            rows.append(filler.fill_sheet(ws, local))
        filler.add_charts(wb)
        wb.properties.creator = "workplan"
        wb.save(target)
        carry_shapes(template, target, filler, ctx)
        write_rows(target, rows)
    finally:
        for sheet in rows:
            sheet.close()
