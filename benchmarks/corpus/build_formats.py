"""Rebuild the table-shaped corpus documents as the containers offices really send.

    python benchmarks/corpus/build_formats.py [--force] [NAME ...]

For every document folder with a `table.json` ({"title", "rows" (header first), optional
"merges": [[row1, col1, row2, col2], ...] in row/column indices of `rows`}) this writes

- `table.docx`: a Word document: the title, then the grid as a real Word table (merged cells
  merged; a cell's lines as separate paragraphs);
- `table.xlsx`: the grid on one sheet, the title in the first row, the header in the second;
- `table.html`: a plain web page with the title and a `<table>` (rowspan/colspan for merges);
- `table.pdf`: exported from `table.docx` by LibreOffice (`soffice --headless --convert-to pdf`).

The reference plan's folder (the one with `render.json`: {"paragraphs": true}) also gets
`plan.docx` (one Word paragraph per non-blank line of `source.txt`) and `plan.pdf`.

A file is rebuilt only when it is missing or older than its inputs (or with --force), so
running the script twice changes nothing. The PDF step needs LibreOffice; without it the PDFs
are left as they are and a note is printed.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"
FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)  # document properties, so rebuilt files are stable


def _merges(table: dict) -> list[tuple[int, int, int, int]]:
    return [tuple(m) for m in table.get("merges", [])]


def _covered(table: dict) -> set[tuple[int, int]]:
    """Cells hidden under a merge (all but its top-left cell)."""
    out = set()
    for r1, c1, r2, c2 in _merges(table):
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    out.add((r, c))
    return out


def _width(table: dict) -> int:
    return max(len(row) for row in table["rows"])


def build_docx(table: dict, out: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.author = "corpus"
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    document.add_paragraph(table["title"])
    rows, width = table["rows"], _width(table)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(width):
            text = row[c] if c < len(row) else ""
            cell = grid.cell(r, c)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for r1, c1, r2, c2 in _merges(table):
        grid.cell(r1, c1).merge(grid.cell(r2, c2))
    document.save(out)


def build_xlsx(table: dict, out: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "corpus"
    sheet = book.active
    sheet.title = "Sheet1"
    width = _width(table)
    sheet.cell(1, 1, table["title"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    covered = _covered(table)
    for r, row in enumerate(table["rows"]):
        for c in range(width):
            if (r, c) in covered:
                continue
            text = row[c] if c < len(row) else ""
            if text:
                cell = sheet.cell(r + 2, c + 1, text)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r1, c1, r2, c2 in _merges(table):
        sheet.merge_cells(start_row=r1 + 2, start_column=c1 + 1, end_row=r2 + 2, end_column=c2 + 1)
    book.save(out)


def build_html(table: dict, out: Path) -> None:
    covered = _covered(table)
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in _merges(table)}
    width = _width(table)
    title = html.escape(table["title"])
    lines = ["<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<head>", "<meta charset=\"utf-8\">",
             f"<title>{title}</title>", "</head>", "<body>", f"<h1>{title}</h1>",
             "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"]
    for r, row in enumerate(table["rows"]):
        cells = []
        for c in range(width):
            if (r, c) in covered:
                continue
            text = row[c] if c < len(row) else ""
            body = "<br>".join(html.escape(part) for part in text.split("\n"))
            tag = "th" if r == 0 else "td"
            attrs = ""
            if (r, c) in spans:
                rowspan, colspan = spans[(r, c)]
                attrs += f" rowspan=\"{rowspan}\"" if rowspan > 1 else ""
                attrs += f" colspan=\"{colspan}\"" if colspan > 1 else ""
            cells.append(f"<{tag}{attrs}>{body}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</table>", "</body>", "</html>", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def build_paragraph_docx(source: Path, out: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.author = "corpus"
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(out)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_pdf(docx_path: Path, pdf_path: Path) -> bool:
    office = soffice()
    if office is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                        "pdf", "--outdir", tmp, str(docx_path)], capture_output=True, timeout=300)
        made = Path(tmp) / (docx_path.stem + ".pdf")
        if not made.is_file():
            return False
        shutil.copyfile(made, pdf_path)
    return True


def _stale(target: Path, inputs: list[Path], force: bool) -> bool:
    if force or not target.exists():
        return True
    newest = max(p.stat().st_mtime for p in inputs)
    return target.stat().st_mtime < newest


def build(folder: Path, force: bool = False) -> list[str]:
    made = []
    script = Path(__file__)
    spec = folder / "table.json"
    if spec.is_file():
        table = json.loads(spec.read_text(encoding="utf-8"))
        for suffix, builder in (("docx", build_docx), ("xlsx", build_xlsx), ("html", build_html)):
            target = folder / f"table.{suffix}"
            if _stale(target, [spec, script], force):
                builder(table, target)
                made.append(target.name)
        pdf = folder / "table.pdf"
        if _stale(pdf, [folder / "table.docx"], force):
            if export_pdf(folder / "table.docx", pdf):
                made.append(pdf.name)
            else:
                print(f"{folder.name}: table.pdf not made (LibreOffice missing or failed)")
    render = folder / "render.json"
    if render.is_file() and json.loads(render.read_text(encoding="utf-8")).get("paragraphs"):
        source = folder / "source.txt"
        target = folder / "plan.docx"
        if _stale(target, [source, script], force):
            build_paragraph_docx(source, target)
            made.append(target.name)
        pdf = folder / "plan.pdf"
        if _stale(pdf, [target], force):
            if export_pdf(target, pdf):
                made.append(pdf.name)
            else:
                print(f"{folder.name}: plan.pdf not made (LibreOffice missing or failed)")
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="document folder names (default: all)")
    parser.add_argument("--force", action="store_true", help="rebuild every file")
    args = parser.parse_args(argv)
    folders = sorted(p for p in PLANS.iterdir() if p.is_dir())
    if args.names:
        folders = [p for p in folders if p.name in args.names]
    for folder in folders:
        made = build(folder, args.force)
        if made:
            print(f"{folder.name}: {', '.join(made)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
