"""toolkit.frames and `workplan export`: the round as DataFrames, the same as the workbooks say."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from toolkit import app, frames, vocab
from toolkit.books.master import write_master
from toolkit.common import paths
from toolkit.front.cli import main
from toolkit.front.demo import simulate_returns


@pytest.fixture(scope="module")
def master(tmp_path_factory, ):
    from helpers import make_small_plan

    plan = make_small_plan()
    path = tmp_path_factory.mktemp("frames") / "总表.xlsx"
    write_master(plan, path)
    simulate_returns(app.assign(path, "年终").files, paths.inbox(path, 2020, "年终"), plan)
    inbox = paths.inbox(path, 2020, "年终")
    next(p for p in inbox.iterdir() if "乙县教育局" in p.name).unlink()  # one unit missing
    app.collect(path, "年终")
    app.summarise(path, "年终")
    return path


@pytest.fixture(scope="module")
def data(master):
    return frames.load(master, "年终")


def _sheet(path, name):
    ws = openpyxl.load_workbook(path, data_only=True)[name]
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_the_matrix_is_the_consolidated_workbooks(master, data):
    rows = _sheet(paths.consolidated(master, 2020, "年终"), vocab.BOOK_MATRIX)
    units = rows[1][2:]
    grid = data.matrix()
    assert list(grid.columns[1:]) == units
    assert vocab.NOT_SUBMITTED in grid["乙县教育局"].tolist()
    for row in rows[2:]:
        task = row[0]
        assert grid.loc[task, "任务名称"] == row[1]
        got = [None if v != v else v for v in grid.loc[task, units].tolist()]  # NaN: not its task
        assert got == list(row[2:]), task


def test_the_ranking_is_the_assessments(master, data):
    ranked = data.ranking()
    assert ranked["名次"].tolist() == [s.rank for s in data.evaluation.scores]
    assert ranked["单位"].tolist() == [s.unit for s in data.evaluation.scores]
    summary = master.parent / "总结" / "2020年终" / "年终总结.xlsx"
    sheet = _sheet(summary, vocab.SUMMARY_ASSESSMENT)
    shown = {row[1]: row[0] for row in sheet if row and row[1] in set(ranked["单位"])}
    assert shown == dict(zip(ranked["单位"], ranked["名次"]))


def test_answers_are_long_with_round_and_basis(data):
    long = data.answers()
    assert list(long.columns) == frames.ANSWER_COLUMNS
    assert set(long["轮次"]) == {"年终"}
    jia = long[(long["单位"] == "甲县教育局") & (long["字段"] == "进展状态")]
    assert len(jia) and set(jia["依据"]) == {"单位填报"}
    city = long[long["单位"] == vocab.CITY]
    assert len(city) == len(data.evaluation.indicators)
    assert set(city["依据"]) <= {i.basis for i in data.evaluation.indicators}


def test_export_csv_and_xlsx_from_the_command_line(master, tmp_path, capsys):
    csv = tmp_path / "年终.csv"
    assert main(["export", str(master), "--round", "年终", "-o", str(csv)]) == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf" + "轮次,单位,类别".encode())
    xlsx = tmp_path / "年终.xlsx"
    assert main(["export", str(master), "--round", "年终", "-o", str(xlsx)]) == 0
    names = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    assert names == ["明细", "报送情况", "指标核对", "进展矩阵", "考评"]
    assert "已导出年终数据" in capsys.readouterr().out
    assert main(["export", str(master), "--round", "年终", "-o", str(tmp_path / "x.docx")]) == 2
    assert "扩展名须为 .csv 或 .xlsx" in capsys.readouterr().err


def test_help_does_not_import_pandas():
    code = ("import sys; from toolkit.front.cli import build_parser; build_parser(); "
            "print('pandas' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["False", "False"]
