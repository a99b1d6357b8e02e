"""The form of the office's documents (rules.documents), the 设置 rows that set it, and what a
round tells against the one before (a return repeating the last one, figures that went down)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from helpers import JIA, YI, set_setting

from toolkit.books.master import load_master, write_master
from toolkit.collect.loop import change_problems, comparison
from toolkit.model.plan import Requirement
from toolkit.model.returns import Consolidation, FigureAnswer, FileRecord, TaskAnswer
from toolkit.rules import documents as D


# --- titles --------------------------------------------------------------------------------
@pytest.mark.parametrize("title,lines", [
    ("关于中共三明市委教育工委 三明市教育局2020年工作要点上半年落实情况的通报",
     ["关于中共三明市委教育工委 三明市教育局", "2020年工作要点上半年落实情况的通报"]),
    ("关于某市教育局2020年工作要点上半年落实情况的通报",
     ["关于某市教育局2020年工作要点", "上半年落实情况的通报"]),
    ("关于《某市教育局2020年工作要点》前三季度落实情况的通报",
     ["关于《某市教育局2020年工作要点》", "前三季度落实情况的通报"]),
    ("某市教育局2020年工作要点落实情况总结", ["某市教育局2020年工作要点落实情况总结"]),
    ("关于催报2020年工作要点全年落实情况的通知", ["关于催报2020年工作要点", "全年落实情况的通知"]),
])
def test_a_title_breaks_where_a_reader_pauses(title, lines):
    assert D.title_lines(title) == lines
    assert all(len(line) <= D.TITLE_WIDTH for line in lines)


def test_a_title_on_one_line_loads_no_word_segmenter():
    """jieba's dictionary takes a tenth of a second to load: only a title to break needs it."""
    import subprocess
    import sys

    script = ("import sys\nfrom toolkit.rules import documents as D\n"
              "print(D.title_lines('某市教育局2020年工作要点落实情况总结'), 'rjieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["['某市教育局2020年工作要点落实情况总结']", "False"]


def test_the_titles_name_the_plan_and_the_period_once(small_plan):
    assert D.bulletin_title(small_plan, "半年", False) == "关于某市教育局2020年工作要点上半年落实情况的通报"
    assert D.bulletin_title(small_plan, "三季度", False).endswith("前三季度落实情况的通报")
    assert D.bulletin_title(small_plan, "年终", True) == "某市教育局2020年工作要点落实情况总结"
    assert D.reminder_title(small_plan, "半年", False) == "关于催报2020年工作要点上半年落实情况的通知"
    small_plan.settings.title = "工作要点"  # a title without its year gets it once
    assert D.bulletin_title(small_plan, "半年", False) == "关于2020年工作要点上半年落实情况的通报"


# --- who, to whom, when, which issue --------------------------------------------------------
def test_the_issue_number_counts_the_bulletins_of_the_year(small_plan):
    assert D.issue_number(small_plan, "半年", collected={"半年"}) == 1  # no 一季度 collected
    assert D.issue_number(small_plan, "三季度", collected={"一季度", "半年", "三季度"}) == 3
    assert D.issue_number(small_plan, "半年", collected=None) == 2  # every earlier round
    small_plan.settings.documents.issue_number = 17  # 设置: the office's own series
    assert D.issue_number(small_plan, "半年", collected={"半年"}) == 17


def test_the_dates_are_the_day_of_issue_and_a_day_after_it(small_plan):
    today = date(2020, 7, 13)
    assert D.issue_date(small_plan, today) == today  # never the due date 2020-07-10
    assert D.deadline(small_plan, today) == date(2020, 7, 16)
    small_plan.settings.documents.date = date(2020, 7, 15)
    small_plan.settings.documents.days_allowed = 5
    assert D.issue_date(small_plan, today) == date(2020, 7, 15)
    assert D.deadline(small_plan, today) == date(2020, 7, 20)
    assert D.chinese_date(date(2020, 7, 5)) == "2020年7月5日"


def test_the_addressees_and_the_issuer(small_plan):
    assert D.addressees(small_plan) == "各有关单位："
    small_plan.meta.addressees = ["各县(市、区)教育局", "局属学校(单位)"]
    assert D.addressees(small_plan) == "各县(市、区)教育局、局属学校(单位)："
    small_plan.settings.documents.addressees = ["局机关各科室"]
    assert D.addressees(small_plan) == "局机关各科室："
    assert D.issuer(small_plan) == "某市教育局"
    small_plan.settings.documents.issuer = "某市教育局督查室"
    assert D.issuer(small_plan) == "某市教育局督查室"


def test_figures_are_named_by_name_never_by_code(small_plan):
    names = D.figure_names(small_plan)
    assert names["I2-1"] == "“新增学位”"
    small_plan.indicators[1].name = "新增学位"  # two of a name: each with its task
    assert D.figure_names(small_plan)["I2-2"] == "“新增学位”（扩大学前教育资源）"


# --- 设置: the 文稿 rows and the 工作要求 sheet -------------------------------------------------


def test_a_new_master_has_the_document_settings_and_reads_them_back(tmp_path, small_plan):
    docs = small_plan.settings.documents
    docs.requirements = [Requirement("锚定时限狠抓落实", "各单位要倒排工期。", "半年")]
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    ws = openpyxl.load_workbook(master)["设置"]
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert labels["通报版头"] == "督查通报" and labels["补报期限（天）"] == 3
    assert labels["文稿含单位原文"] == "否"
    for label in ("文稿发文单位", "通报期号", "文稿主送", "成文日期", "附件说明"):
        assert label in labels and labels[label] is None, label
    plan = load_master(master)
    assert plan.settings.documents == docs
    set_setting(master, "文稿发文单位", "某市教育局督查室")
    set_setting(master, "通报版头", None)  # cleared: no 版头, a 落款 at the end
    set_setting(master, "通报期号", 8)
    set_setting(master, "文稿主送", "各县(市、区)教育局、局机关各科室")
    set_setting(master, "成文日期", "2020-07-15")
    set_setting(master, "补报期限（天）", 5)
    set_setting(master, "文稿含单位原文", "是")
    docs = load_master(master).settings.documents
    assert (docs.issuer, docs.masthead, docs.issue_number, docs.date, docs.days_allowed,
            docs.include_texts) == ("某市教育局督查室", "", 8, date(2020, 7, 15), 5, True)
    assert docs.addressees == ["各县(市、区)教育局", "局机关各科室"]
    assert docs.requirements == [Requirement("锚定时限狠抓落实", "各单位要倒排工期。", "半年")]


def test_a_bad_document_setting_is_named_and_the_default_used(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    set_setting(master, "通报期号", "第三期")
    set_setting(master, "补报期限（天）", 0)
    set_setting(master, "成文日期", "七月中旬")
    plan = load_master(master)
    docs = plan.settings.documents
    assert (docs.issue_number, docs.days_allowed, docs.date) == (None, 3, None)
    warnings = "\n".join(plan.settings.warnings)
    assert "“通报期号”填写的“第三期”不是正整数" in warnings and "自动编号" in warnings
    assert "“补报期限（天）”填写的“0”不是正整数" in warnings
    assert "“成文日期”填写的“七月中旬”不是日期" in warnings


def test_an_older_master_without_the_rows_reads_the_defaults(tmp_path, small_plan):
    master = write_master(small_plan, tmp_path / "总表.xlsx")
    book = openpyxl.load_workbook(master)
    ws = book["设置"]
    for r in range(ws.max_row, 0, -1):
        if ws.cell(r, 1).value in ("文稿发文单位", "通报版头", "通报期号", "文稿主送", "成文日期",
                                   "附件说明", "补报期限（天）", "文稿含单位原文"):
            ws.delete_rows(r)
    del book["工作要求"]
    book.save(master)
    docs = load_master(master).settings.documents
    assert (docs.masthead, docs.days_allowed, docs.requirements) == ("督查通报", 3, [])


# --- a round against the one before ----------------------------------------------------------
def task(unit, status, progress, text="推进中。", file="f.xlsx"):
    return TaskAnswer(2, unit, "配合", status, progress, text, "", "", file)


def figure(unit, actual, key="I2-1", file="f.xlsx"):
    return FigureAnswer(key, 2, unit, "配合", 400, actual, file=file)


def test_a_return_repeating_the_last_one_and_a_figure_gone_down():
    before = Consolidation("半年", tasks=[task(JIA, "推进中", 50), task(YI, "推进中", 50)],
                           figures=[figure(JIA, 200), figure(YI, 150),
                                    figure(JIA, 1.5, "I3-1")])
    now = Consolidation("年终", tasks=[task(JIA, "推进中", 50), task(YI, "已完成", 100)],
                        figures=[figure(JIA, 200), figure(YI, 120), figure(JIA, 1.2, "I3-1")])
    found = comparison(before, now, caps={"I3-1"})
    assert found.repeated == []  # 甲县's 大班额 moved
    now.figures[2] = figure(JIA, 1.5, "I3-1")
    found = comparison(before, now, caps={"I3-1"})
    assert found.repeated == [JIA]
    assert [(c.unit, c.previous, c.current) for c in found.down] == [(YI, 150, 120)]
    winners = {u: FileRecord(f"{u}.xlsx", "") for u in (JIA, YI)}
    rows = change_problems(found, winners, lambda unit, key, field: "H5")
    assert [(u, p.file, p.sheet, p.cell, p.severity) for u, p in rows] == [
        (JIA, f"{JIA}.xlsx", "任务清单", "", "警告"), (YI, f"{YI}.xlsx", "指标填报", "H5", "警告")]
    assert rows[0][1].problem == "报送内容与上期（半年）完全相同，任务进展和指标数据均未更新"
    assert rows[1][1].problem == "I2-1 实际完成值 120 低于上期（半年）报送的 150"


def test_a_unit_with_nothing_left_to_update_is_not_called_repeating():
    done = Consolidation("半年", tasks=[task(JIA, "已完成", 100, "已完成。")])
    again = Consolidation("年终", tasks=[task(JIA, "已完成", 100, "已完成。")])
    assert comparison(done, again).repeated == []
