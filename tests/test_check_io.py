"""check_round and `workplan check`: the sheets written into the consolidated workbook."""

from __future__ import annotations

import json

import pytest
from helpers import store_round
from openpyxl import load_workbook

from toolkit import app
from toolkit.front.cli import main
from toolkit.common import paths
from toolkit.model.returns import Consolidation, FigureAnswer, Submission, TaskAnswer
from toolkit.books.master import write_master

JIA, YI, BING = "甲县教育局", "乙县教育局", "丙区教育局"


def fig(key, unit, actual, note="", flag=""):
    return FigureAnswer(key, int(key[1:].split("-")[0]), unit, "", None, actual, note, flag)


def consolidation() -> Consolidation:
    return Consolidation(
        "年终",
        submissions=[Submission(u, "已报送") for u in ("办公室", "发展规划科", JIA, YI, BING)],
        tasks=[
            TaskAnswer(1, "办公室", "牵头", "已完成", 100, "全年组织集中学习12次。"),
            TaskAnswer(2, "发展规划科", "牵头", "已完成", 100),
            TaskAnswer(2, BING, "配合", "未完成", 50),
            TaskAnswer(3, "发展规划科", "牵头", "推进中", 60),
        ],
        figures=[
            fig("I2-1", JIA, 420), fig("I2-1", YI, 310), fig("I2-1", BING, 150),
            fig("I2-2", JIA, 0.3), fig("I2-2", YI, 3500, "单位：万元"), fig("I2-2", BING, 0.3),
            fig("I3-1", "发展规划科", 1.6), fig("I3-1", YI, 2.5),
        ],
    )


@pytest.fixture
def master(tmp_path, small_plan):
    small_plan.tasks[0].title = "=HYPERLINK(\"http://x\")强化理论学习"
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    store_round(path, consolidation(), paths.consolidated(path, 2020, "年终"))
    return path


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_check_round_writes_the_sheets(master):
    result = app.check(master, "年终")
    assert result.output == paths.consolidated(master, 2020, "年终")
    wb = load_workbook(result.output)
    assert wb.sheetnames == ["报送情况", "任务进展", "进展矩阵", "指标数据", "问题清单",
                             "未报送单位", "修改记录", "指标核对", "分解核对", "任务核对", "_汇总信息"]
    assert wb["报送情况"]["A1"].value.startswith("2020年终报送情况")  # the whole round, rewritten
    ws = wb["指标核对"]
    table = rows(ws)
    assert table[0][0] == "某市教育局2020年工作要点（年终）　指标核对"
    assert table[1][:4] == ["指标编号", "任务序号", "指标名称", "要求"]
    by_key = {r[0]: r for r in table[2:]}
    assert by_key["I2-1"][4:14] == [900, "个", None, "求和", 880, pytest.approx(880 / 900),
                                   "未达标", "3/3", None, f"发展规划科、{BING}"]
    assert by_key["I2-2"][8] == pytest.approx(0.95) and by_key["I2-2"][10] == "超额完成"
    assert by_key["I3-1"][9] is None and by_key["I3-1"][10] == "已达标"
    assert by_key["I3-1"][13] is None  # no county owns a share of the lead's city rate
    assert by_key["I4-1"][10] == "未报送" and by_key["I4-1"][12] == "职成科"
    assert ws["J3"].number_format == "[<0.995]0%;[<1]0.0%;0%"  # 99.6% is never shown as 100%
    assert ws.freeze_panes == "C3"
    assert by_key["I2-2"][14] == "各单位合计（已报 3/3）"  # 发展规划科 gave no city total
    assert by_key["I3-1"][14] == "牵头单位报全市数"
    assert by_key["I2-1"][14] == "各单位合计（已报 3/3）"
    assert ws.auto_filter.ref == "A2:P6"
    rules = {r.formula[0] for cf in ws.conditional_formatting for r in cf.rules}
    assert {'"已达标"', '"超额完成"', '"未达标"', '"未报送"', '"待核实"', '"滞后"'} <= rules
    ranges = {str(cf.sqref) for cf in ws.conditional_formatting}
    assert ranges == {"K3:K6"}
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_allocation_and_task_sheets(master):
    wb = load_workbook(app.check(master, "年终").output)
    alloc = rows(wb["分解核对"])[2:]
    assert [(r[2], r[3], r[6], r[8]) for r in alloc] == [
        (JIA, 400, 420, "已达标"), (YI, 300, 310, "已达标"), (BING, 200, 150, "未达标"),
        ("合计", 900, 880, "未达标")]
    ws = wb["任务核对"]
    table = rows(ws)[2:]
    assert table[0][0] == "一、加强党的建设"
    assert "A3:K3" in {str(m) for m in ws.merged_cells.ranges}
    assert table[1][:8] == [1, "=HYPERLINK(\"http://x\")强化理论学习", "办公室", "已完成", 100,
                            "已完成", "绿灯", "已完成"]
    assert ws["B4"].data_type == "s"  # a title that looks like a formula stays text
    assert table[2][0] == "二、增强教育获得感"
    assert table[3][5] == "待核实"
    assert table[3][6:8] == ["黄灯", "进展情况待核实"]
    assert table[3][10] == f"牵头单位报已完成，但{BING}报未完成"
    assert table[5][5] == "未报送"
    lights = {str(cf.sqref): {r.formula[0] for r in cf.rules} for cf in ws.conditional_formatting}
    assert lights["G3:G8"] == {'"红灯"', '"黄灯"', '"绿灯"'}  # the lights as coloured cells


def test_rerun_gives_the_same_bytes(master):
    first = app.check(master, "年终").output.read_bytes()
    second = app.check(master, "年终").output.read_bytes()
    assert first == second


def test_result_json_and_summary_line(master):
    result = app.check(master, "年终")
    assert result.counts == {"超额完成": 1, "已达标": 1, "进度正常": 0, "滞后": 0, "未达标": 1,
                             "数据不全": 0, "未报送": 1, "待核实": 0}
    data = result.to_json()
    assert data["counts"] == result.counts
    assert [i["key"] for i in data["indicators"]] == ["I2-1", "I2-2", "I3-1", "I4-1"]
    assert data["indicators"][0]["target_text"] == "不低于900个"
    json.dumps(data, ensure_ascii=False)
    assert result.headline().startswith(
        "年终核对完成：指标4项（超额完成1项，已达标1项，未达标1项，未报送1项）；任务4项（")
    assert [i.key for i in result.attention] == ["I2-1", "I4-1"]


def test_cli_check(master, capsys):
    assert main(["check", str(master), "--round", "年终"]) == 0
    out = capsys.readouterr().out
    assert "年终核对完成" in out
    assert "I2-1 新增学位（不低于900个）— 未达标" in out
    assert main(["check", str(master), "--round", "年终", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["未达标"] == 1


def test_cli_check_of_a_round_not_collected(master, capsys):
    assert main(["check", str(master), "--round", "半年"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：“半年”尚未汇总")
    assert "workplan collect" in err


def test_cli_check_unknown_master(tmp_path, capsys):
    assert main(["check", str(tmp_path / "无此文件.xlsx"), "--round", "年终"]) == 2
    assert "找不到总表" in capsys.readouterr().err


def test_very_long_text_is_clipped_to_what_a_cell_holds():
    from toolkit.rules.text import EXCEL_MAX_TEXT, clip

    text = clip("很长" * 20000)
    assert len(text) == EXCEL_MAX_TEXT and text.endswith("（内容过长，已截断）")


def test_with_the_real_collection_output(tmp_path, small_plan):
    """An empty inbox collected for real: the collection writes the check's sheets itself,
    and a check run alone rebuilds the same workbook from the store."""
    from toolkit import app
    from consolidated_reader import load_consolidation

    master = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, master)
    paths.inbox(master, 2020, "年终").mkdir(parents=True)
    book = paths.consolidated(master, 2020, "年终")
    app.collect(master, "年终")
    before, collected = load_consolidation(book), book.read_bytes()
    assert {"指标核对", "分解核对", "任务核对"} <= set(load_workbook(book).sheetnames)
    result = app.check(master, "年终")
    assert result.counts["未报送"] == 4
    assert result.task_counts["未报送"] == 4
    assert load_consolidation(book) == before
    assert book.read_bytes() == collected


def test_cli_check_waits_for_no_one(master, capsys):
    """A batch run or a click in Excel holding the master's lock: the check does not write."""
    from toolkit.common.lock import lock_path

    book = paths.consolidated(master, 2020, "年终")
    assert not book.exists()
    lock = lock_path(master)
    lock.write_text("汇总（进程 99999，2020-12-25 09:00）", encoding="utf-8")  # another process
    assert main(["check", str(master), "--round", "年终"]) == 2
    assert "汇总（进程 99999，2020-12-25 09:00）正在处理该总表" in capsys.readouterr().err
    assert not book.exists()
    lock.unlink()
    assert main(["check", str(master), "--round", "年终"]) == 0


def test_control_characters_in_a_units_note_do_not_stop_the_check(tmp_path, small_plan):
    """A note pasted from elsewhere may hold \\x07 (Excel keeps it as _x0007_); the sheet
    cannot: the character is dropped, the rest of the text kept, the run goes on."""
    master = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, master)
    cons = consolidation()
    cons.figures[1] = fig("I2-1", YI, 310, "三百\x07一十个\x01", "待核实")
    store_round(master, cons, paths.consolidated(master, 2020, "年终"))
    result = app.check(master, "年终")
    ws = load_workbook(result.output)["指标核对"]
    remarks = [r[15] for r in rows(ws)[2:] if r[0] == "I2-1"]
    assert remarks == [f"{YI}：汇总时标记为待核实（三百一十个）"]
