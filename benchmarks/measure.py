"""What bench_run.py and bench_check_summary.py share: a measurement in a process of its own,
the floors (the least work any implementation must do), the machine's load, medians.

A child process reports its CPU time (its own and that of the processes it waited for: the
reader processes of the collection) and its peak memory (ru_maxrss: its own; the largest
reader apart). CPU time, not wall time, is compared with the floor: the machine is shared.

Floors:
- reading returned files: python-calamine opening every file and reading every sheet;
- reading a round from the store: one query over the answers of the files the last run used;
- writing a workbook: XlsxWriter in constant-memory mode writing the same cells again (read
  back from the product's own output beforehand, not timed), with the wrapped columns' format;
- writing a document: its document.xml (read back beforehand) deflated into a zip.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROUND = "年终"


# --- a measurement in a process of its own ----------------------------------------------------
def cpu() -> float:
    """CPU seconds of this process and of the children it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peaks() -> dict:
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "reader_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child(script: str, kind: str, **options) -> dict:
    """Run `script --child kind --key value …` and return the JSON it prints last."""
    command = [sys.executable, script, "--child", kind]
    for key, value in options.items():
        command += [f"--{key}", str(value)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(result: dict) -> None:
    """What a child prints: its result with its peaks."""
    result.update(peaks())
    print(json.dumps(result, ensure_ascii=False))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"负载 {one:.2f}/{five:.2f}（{os.cpu_count()} 核）"


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def sizes(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n]


# --- floors -----------------------------------------------------------------------------------
def read_files(folder: Path) -> float:
    """CPU seconds of python-calamine reading every sheet of every file in `folder`."""
    return sum(read_book(path) for path in sorted(folder.iterdir()))


def read_book(path: Path) -> float:
    """CPU seconds of python-calamine reading every sheet of one workbook."""
    import python_calamine

    start = cpu()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    return cpu() - start


def read_store(store: Path, round_name: str = ROUND) -> float:
    """CPU seconds of one query reading every answer of the files the round's last run used."""
    import sqlite3

    start = cpu()
    con = sqlite3.connect(str(store))
    run = con.execute("SELECT MAX(id) FROM runs WHERE round = ? AND complete = 1",
                      (round_name,)).fetchone()[0]
    rows = con.execute(
        "SELECT a.unit, a.row_key, a.field, a.value FROM run_files f JOIN answers a "
        "ON a.round = ? AND a.sha256 = f.sha256 WHERE f.run = ? AND f.outcome = '已采用'",
        (round_name, run))
    for _ in rows:
        pass
    con.close()
    return cpu() - start


def write_cells(book: Path) -> float:
    """CPU seconds of XlsxWriter (constant memory) writing `book`'s cells again."""
    import python_calamine
    import xlsxwriter

    from toolkit.books.consolidated.writer import BASE, OPTIONS, WRAP

    read = python_calamine.CalamineWorkbook.from_path(str(book))
    sheets = [(name, read.get_sheet_by_name(name).to_python()) for name in read.sheet_names]
    del read
    with tempfile.TemporaryDirectory() as tmp:
        gc.disable()
        start = cpu()
        wb = xlsxwriter.Workbook(str(Path(tmp) / "floor.xlsx"), OPTIONS)
        wrap = wb.add_format({**BASE, "text_wrap": True})
        for name, rows in sheets:
            ws = wb.add_worksheet(name)
            headers = rows[1] if len(rows) > 1 else []
            formats = [wrap if h in WRAP.get(name, ()) else None for h in headers]
            formats += [None] * (max(map(len, rows), default=0) - len(formats))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value.__class__ is str:
                        if value:
                            ws.write_string(r, c, value, formats[c])
                    elif value.__class__ in (int, float):
                        ws.write_number(r, c, value, formats[c])
                    elif value is not None:
                        ws.write(r, c, value, formats[c])
        wb.close()
        seconds = cpu() - start
        gc.enable()
        return seconds


def write_document(document: Path) -> float:
    """CPU seconds of deflating the document's text (its document.xml) into a zip."""
    with zipfile.ZipFile(document) as zf:
        xml = zf.read("word/document.xml")
    with tempfile.TemporaryDirectory() as tmp:
        start = cpu()
        with zipfile.ZipFile(Path(tmp) / "floor.docx", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("word/document.xml", xml)
        return cpu() - start


def timed(func):
    """(result, CPU seconds) of func()."""
    start = cpu()
    value = func()
    return value, cpu() - start


def wall(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start
