"""Real client: LibreOffice opens the summary workbook and document and prints them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from libreoffice import convert
from helpers import summary_consolidation as consolidation, summarised

pytestmark = [
    pytest.mark.usefixtures("soffice"),
]


def to_pdf(source, out_dir, tmp_path):
    pdf = convert(source, "pdf", out_dir)
    assert pdf.stat().st_size > 5000
    return pdf


def pdf_text(pdf) -> str | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    text = subprocess.run([tool, "-layout", str(pdf), "-"], check=True, timeout=60,
                          capture_output=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", text)


def test_summary_prints_with_libreoffice(tmp_path, small_plan):
    result = summarised(small_plan, consolidation(), "年终", tmp_path / "总结")
    xlsx, docx = result.outputs
    doc_text = pdf_text(to_pdf(docx, tmp_path / "docx", tmp_path))
    book_text = pdf_text(to_pdf(xlsx, tmp_path / "xlsx", tmp_path))
    if doc_text is None:
        return  # no pdftotext: the PDFs were made and are not trivial, which is all we can tell
    assert "某市教育局2020年工作要点落实情况总结" in doc_text
    assert all(cell in doc_text for cell in ("918个，完成102%", "红灯", "附件"))  # the 附件's table
    assert "（一）部分任务未完成。控制大班额（发展规划科牵头）已到完成时限，尚未完成。" in doc_text
    assert "—1—" in doc_text  # the page number field
    assert "指标完成情况" in book_text and "新增学位" in book_text
    assert "各项指标完成率" in book_text  # the chart's title
