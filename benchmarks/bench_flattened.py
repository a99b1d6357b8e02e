"""Score the import of the corpus's tables flattened into text in every way pages give them.

    python benchmarks/bench_flattened.py [--split dev|holdout] [--doc NAME] [--shape NAME]

Each table document's grid (`table.json`, merges included) is written out as text the ways
web pages, PDFs and document-sharing sites flatten tables, and each text is imported and
scored against the document's `expected.json` as `bench_import.py` scores a container:

- bars: a row a line, cells ending in ` |`, merged cells left out;
- bars_empty: the same, merged cells written as empty cells;
- bars_open: each row opened by a bar too (| a | b |);
- bars_blank: a blank line between rows;
- cells: one cell a line, empty and merged cells leaving no line;
- cells_bars: one cell a line ending in ` |`, an empty cell a bar alone;
- cells_blank: one cell a line between blank lines;
- cells_sep: one cell a line with a bar alone between cells;
- spaced: a layout of spaces, each column as wide as its cells (at most 24 characters), a
  cell wrapped over lines at its column's width, merged cells left blank;
- spaced_blank: the same with a blank line between lines;
- tabs: a row a line, cells separated by tabs (a table copied from Excel or Word and pasted as
  plain text), a cell's line breaks as spaces, merged cells written as empty cells;
- tabs_excel: the same as Excel's clipboard gives it: a cell holding a line break or a `"`
  quoted (`"第一行\n第二行"`), its inner `"` doubled and its line breaks kept, so that a row
  may span several lines.

These shapes are the ones the corpus's sources show; a document's own `source.txt` is one of
them as the page gave it. Figures per shape and, with more than one shape, for all shapes
together (`all`); `--doc` lists the documents below 1.00.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata

import bench_import as bench

WIDEST = 24  # display columns of a column in the layout of spaces


def covered(table: dict) -> set[tuple[int, int]]:
    """The cells a merge covers, but for its first."""
    out = set()
    for r0, c0, r1, c1 in table.get("merges", []):
        out |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    return out


def grid(table: dict, leave_out: bool) -> list[list[str]]:
    """The rows, each merged cell's text in its first cell only; the cells it covers left out
    (`leave_out`) or empty."""
    merged = covered(table)
    return [[text for c, text in enumerate(row) if (r, c) not in merged] if leave_out else
            ["" if (r, c) in merged else text for c, text in enumerate(row)] for r, row in enumerate(table["rows"])]


def bars(rows: list[list[str]], opened: bool = False, between: str = "\n") -> str:
    return between.join(("| " if opened else "") + " | ".join(c.replace("\n", " ") for c in row) + " |"
                        for row in rows)


def excel_cell(text: str) -> str:
    """A cell as Excel's clipboard writes it: quoted where it holds a line break, a tab or a `"`,
    its inner `"` doubled."""
    return '"' + text.replace('"', '""') + '"' if any(ch in text for ch in '\n\t"') else text


def tabs(rows: list[list[str]], excel: bool = False) -> str:
    return "\n".join("\t".join(excel_cell(c) if excel else c.replace("\n", " ") for c in row) for row in rows)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped(text: str, room: int) -> list[str]:
    """A cell's lines in a column `room` wide: its own lines, each wrapped at the width."""
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if width(line + ch) > room:
                out.append(line)
                line = ""
            line += ch
        if line:
            out.append(line)
    return out or [""]


def spaced(rows: list[list[str]], between: str = "\n") -> str:
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    rooms = [max(4, min(WIDEST, max(width(row[c]) for row in rows))) for c in range(count)]
    lines = []
    for row in rows:
        cells = [wrapped(row[c], rooms[c]) for c in range(count)]
        for k in range(max(len(cell) for cell in cells)):
            pieces = [cell[k] if k < len(cell) else "" for cell in cells]
            lines.append("".join(p + " " * (room - width(p) + 3) for p, room in zip(pieces, rooms)).rstrip())
    return between.join(lines)


def shapes(table: dict) -> dict[str, str]:
    left_out, empty = grid(table, True), grid(table, False)
    cells = [c for row in left_out for c in row if c.strip()]
    return {
        "bars": bars(left_out), "bars_empty": bars(empty), "bars_open": bars(left_out, opened=True),
        "bars_blank": bars(left_out, between="\n\n"),
        "cells": "\n".join(cells), "cells_bars": "\n".join(f"{c} |" if c.strip() else "|" for row in left_out for c in row),
        "cells_blank": "\n\n".join(cells), "cells_sep": "\n|\n".join(cells),
        "spaced": spaced(empty), "spaced_blank": spaced(empty, "\n\n"),
        "tabs": tabs(empty), "tabs_excel": tabs(empty, excel=True),
    }


def run(split: str | None, name: str | None, shape: str | None) -> dict[str, list[bench.Result]]:
    results: dict[str, list[bench.Result]] = {}
    for doc in bench.documents(split, name):
        if not (doc / "table.json").is_file():
            continue
        table = bench.read_json(doc / "table.json")
        if len(table.get("rows") or []) < 2:
            continue
        meta, expected = bench.read_json(doc / "meta.json"), bench.read_json(doc / "expected.json")["tasks"]
        for kind, text in shapes(table).items():
            if shape and kind != shape:
                continue
            written = "\n".join([table.get("title", ""), text])
            results.setdefault(kind, []).append(bench.score_text(doc, kind, written, meta, expected))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the import of the corpus's tables flattened into text.")
    parser.add_argument("--split", choices=("dev", "holdout"))
    parser.add_argument("--doc", help="list the documents below 1.00 for one document (or all: --doc .)")
    parser.add_argument("--shape", help="one shape only")
    args = parser.parse_args(argv)
    results = run(args.split, None if args.doc == "." else args.doc, args.shape)
    if args.doc:
        for kind, found in results.items():
            for result in found:
                f = bench.tally([result])
                values = [f[k] for k in ("tasks_recall", "tasks_precision", "units_ordered_exact", "deadline_right")]
                if f["refused"] or any(v is not None and v < 0.995 for v in values):
                    print(f"{result.doc[:40]:40} {kind:12} " + " ".join(bench.cell(v) for v in values))
    figures = {kind: bench.tally(found) for kind, found in results.items()}
    if len(results) > 1:
        figures["all"] = bench.tally([result for found in results.values() for result in found])
    print(bench.table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
