"""Reading what people type: figures, progress and dates (toolkit.rules.cells)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from consolidated_reader import load_consolidation
from toolkit.rules.cells import parse_figure, parse_progress
from toolkit.rules.cells import cell_date as parse_date
from toolkit.errors import WorkplanError


@pytest.mark.parametrize("typed, unit, value", [
    (8640, "个", 8640), (8640.0, "个", 8640), ("8640", "个", 8640), ("8,640", "个", 8640),
    ("８６４０", "个", 8640), ("8640个", "个", 8640), ("8640 个", "个", 8640),
    ("97%", "%", 97), ("97％", "%", 97), ("0.5亿元", "亿元", 0.5), ("1,234.5", "万元", 1234.5),
    ("－3", "个", -3),
])
def test_figures_read(typed, unit, value):
    got, note, error = parse_figure(typed, unit)
    assert (got, error) == (value, "")
    assert bool(note) == isinstance(typed, str)


@pytest.mark.parametrize("typed, unit", [
    ("约100", "个"), ("若干", "个"), ("100左右", "个"), ("100多", "个"), ("100-200", "个"),
    ("一百", "个"), ("300万元", "亿元"), ("8,64", "个"), ("100/200", "个"), (True, "个"),
    (datetime(2020, 12, 1), "个"), ("见附件", "个"),
])
def test_figures_rejected(typed, unit):
    got, note, error = parse_figure(typed, unit)
    assert got is None and error


@pytest.mark.parametrize("typed, value, noted", [
    (80, 80, False), (0, 0, False), (100, 100, False), (1, 1, False), (0.8, 80, True),
    ("80%", 80, True), ("８０", 80, True), ("0.5%", 0.5, True), ("50%", 50, True),
])
def test_progress_read(typed, value, noted):
    got, note, error = parse_progress(typed)
    assert (got, error) == (value, "") and bool(note) == noted


@pytest.mark.parametrize("typed", [101, -1, "八成", "80左右", True])
def test_progress_rejected(typed):
    got, note, error = parse_progress(typed)
    assert got is None and error


@pytest.mark.parametrize("typed", [datetime(2020, 12, 20, 0, 0), date(2020, 12, 20), "2020-12-20",
                                   "2020/12/20", "2020年12月20日", "２０２０.12.20", 44185])
def test_dates_read(typed):
    assert parse_date(typed) == date(2020, 12, 20)


def test_load_consolidation_refuses_other_files(tmp_path):
    import openpyxl

    with pytest.raises(WorkplanError, match="找不到汇总表"):
        load_consolidation(tmp_path / "none.xlsx")
    openpyxl.Workbook().save(tmp_path / "other.xlsx")
    with pytest.raises(WorkplanError, match="不是汇总表"):
        load_consolidation(tmp_path / "other.xlsx")
