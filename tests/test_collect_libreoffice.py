"""A real client: LibreOffice re-saves filled forms (.xlsx, .ods, .xls) and they are collected."""

from __future__ import annotations

from dataclasses import replace

import pytest

import helpers as H
from libreoffice import convert_all
from toolkit import app

pytestmark = pytest.mark.usefixtures("soffice")

FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "xls": "xls:MS Excel 97"}


def convert(sources, fmt: str, out_dir):
    converted = convert_all(sources, FILTERS[fmt], out_dir)
    for path in converted:
        H.set_mtime(path, H.RECEIVED)
    return converted


def _strip(consolidation):
    """The records without file names, which differ by extension."""
    return (
        [replace(s, file="", received="") for s in consolidation.submissions],
        [replace(t, file="") for t in consolidation.tasks],
        [replace(f, file="") for f in consolidation.figures],
    )


def test_forms_resaved_by_libreoffice_are_collected(soffice, small_plan, tmp_path):
    src = tmp_path / "src"
    H.returned(small_plan, src, "甲县.xlsx", figures={"I2-1": {"actual": "1,020"}},
               tasks={"T3": {"status": "已完成", "progress": 100, "narrative": "=已消除\n第二行"}})
    H.returned(small_plan, src, "办公室.xlsx", unit="办公室",
               tasks={"T1": {"progress": 0.5, "problems": "经费不足"}})
    H.returned(small_plan, src, "学院.xlsx", unit="某某学院", figures={"I4-1": {"actual": 96.5}})
    sources = sorted(src.glob("*.xlsx"))
    expected = app.collect_plan(small_plan, "年终", src, tmp_path / "src.xlsx")
    assert expected.counts["reported"] == 3 and expected.counts["unverified"] == 0
    for fmt in FILTERS:
        inbox = tmp_path / fmt
        convert(sources, fmt, inbox)
        result = app.collect_plan(small_plan, "年终", inbox, tmp_path / f"{fmt}-out.xlsx")
        assert result.counts == expected.counts, fmt
        assert _strip(result.consolidation) == _strip(expected.consolidation), fmt
        assert [(p.sheet, p.cell, p.problem) for p in result.problems] == [
            (p.sheet, p.cell, p.problem) for p in expected.problems], fmt
        assert all(f.endswith(f".{fmt}") for f in (s.file for s in result.consolidation.submissions) if f)
