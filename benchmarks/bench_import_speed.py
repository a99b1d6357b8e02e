"""Time the import of the reference plan, of a synthetic plan of 1,000 tasks, and of a
300-row decomposition table as a Word table, as an .xlsx sheet and as a PDF (made from the
Word file by LibreOffice, when installed).

    python benchmarks/bench_import_speed.py

Prints the import of the reference plan against reading and splitting its text, parse,
master-write and master-read times, and the table reads (best of a few runs).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from toolkit.books.master import load_master, write_master
from toolkit.plan_import import parse_plan_file, parse_plan_text, reference_plan_path
from toolkit.plan_import.source import read_plan_source

SECTIONS = "一二三四五六七八九十"


def synthetic_plan(tasks: int = 1000) -> str:
    lines = ["某市教育局2021年工作要点", "各县(市、区)教育局,某某学院:", "现将工作要点印发给你们。"]
    per_section = tasks // len(SECTIONS)
    n = 0
    for s in SECTIONS:
        lines.append(f"{s}、第{s}部分工作")
        for _ in range(per_section):
            n += 1
            lines.append(
                f"{n}.推进第{n}项工作。实施建设项目{n % 50 + 1}个，计划新增学位{n * 10}个，"
                f"争取省级以上补助资金{n / 100:.2f}亿元以上，力争就业率达97%以上，"
                f"“大班额”控制在2%以内。〔责任单位:办公室、人事科,各县(市、区)教育局"
            )
    return "\n".join(lines)


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(label: str, text: str) -> None:
    plan = parse_plan_text(text)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "master.xlsx"
        parse = best(lambda: parse_plan_text(text))
        write = best(lambda: write_master(plan, path))
        read = best(lambda: load_master(path), runs=3)
    print(f"{label}: {len(plan.tasks)} tasks, {len(plan.indicators)} indicators, "
          f"{len(plan.units)} units")
    print(f"  parse {parse * 1000:8.1f} ms   write master {write * 1000:8.1f} ms   "
          f"read master {read * 1000:8.1f} ms   total {(parse + write) * 1000:8.1f} ms")


TABLE_HEADER = ["序号", "重点工作任务", "牵头单位", "配合单位", "完成时限", "分管领导"]


def table_rows(n: int = 300) -> list[list[str]]:
    rows = []
    for i in range(1, n + 1):
        if i % 30 == 1:
            rows.append([f"{SECTIONS[(i // 30) % 10]}、第{i // 30 + 1}部分工作"] * 6)
        rows.append([str(i), f"推进第{i}项工作，完善机制，新建校舍{i % 9 + 1}所，新增学位{i * 10}个。",
                     "发展规划科", "财务科、各县(市、区)教育局", "12月底前", "王某"])
    return rows


def word_table(path: Path, rows: list[list[str]]) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("某市教育局2021年重点工作任务分解表")
    table = document.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER):
        cell.text = text
    for values in rows:
        cells = table.add_row().cells
        if len(set(values)) == 1:
            cells[0].merge(cells[-1]).text = values[0]
        else:
            for cell, text in zip(cells, values):
                cell.text = text
    document.save(path)
    return path


def excel_table(path: Path, rows: list[list[str]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["某市教育局2021年重点工作任务分解表"])
    ws.append(TABLE_HEADER)
    for values in rows:
        ws.append(values if len(set(values)) > 1 else values[:1])
        if len(set(values)) == 1:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
    book.save(path)
    return path


def pdf_of(source: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (source.parent / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(source.parent), str(source)], capture_output=True, timeout=300)
    pdf = source.with_suffix(".pdf")
    return pdf if pdf.is_file() else None


def measure_tables(rows_count: int = 300) -> None:
    rows = table_rows(rows_count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {"Word table (.docx)": word_table(folder / "table.docx", rows),
                 "Excel sheet (.xlsx)": excel_table(folder / "table.xlsx", rows)}
        files["PDF of the Word table"] = pdf_of(files["Word table (.docx)"])
        baseline = None
        for label, path in files.items():
            if path is None:
                print(f"{label}: skipped (LibreOffice is not installed to make the PDF)")
                continue
            plan = parse_plan_file(path)
            seconds = best(lambda: parse_plan_file(path), runs=3)
            baseline = baseline or seconds
            print(f"{label}: {len(plan.tasks)} tasks, {len(plan.sections)} sections, "
                  f"{len(plan.indicators)} indicators; read and parse {seconds * 1000:8.1f} ms "
                  f"({seconds / baseline:.1f}x the Word table)")


def measure_floor() -> None:
    """The import of the reference plan against reading its file and splitting its text into
    normalised lines (decoding, the script check, half-width forms): the goal is within 2x."""
    from toolkit.plan_import.structure import text_lines

    path = reference_plan_path()
    parse_plan_file(path)  # the readers and dictionaries loaded
    floor, parse = [], []
    for _ in range(100):  # in turns and in CPU time, so that a busy machine slows both alike
        start = time.process_time()
        text_lines(path.read_text(encoding="utf-8"))
        floor.append(time.process_time() - start)
        start = time.process_time()
        parse_plan_file(path)
        parse.append(time.process_time() - start)
    floor, parse = sorted(floor)[50], sorted(parse)[50]  # medians
    print(f"reference plan: read and split its text {floor * 1000:6.1f} ms, import {parse * 1000:6.1f} ms "
          f"({parse / floor:.1f}x)")


def main() -> None:
    measure_floor()
    measure("reference plan", read_plan_source(reference_plan_path()))
    measure("synthetic plan", synthetic_plan(1000))
    measure_tables(300)


if __name__ == "__main__":
    main()
