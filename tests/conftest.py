"""Shared fixtures: a small hand-built plan that every stage's tests can use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from toolkit.model import (
    AGG_LEAD,
    AGG_SUM,
    AT_LEAST,
    AT_MOST,
    KIND_COLLEGE,
    KIND_COUNTY,
    KIND_OFFICE,
    Allocation,
    Group,
    Indicator,
    Plan,
    PlanMeta,
    Round,
    Section,
    Settings,
    Task,
    Unit,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_small_plan() -> Plan:
    """Two sections, four tasks, two groups, three indicators, one allocation."""
    counties = ["甲县教育局", "乙县教育局", "丙区教育局"]
    colleges = ["某某学院"]
    units = [
        Unit("办公室", KIND_OFFICE),
        Unit("发展规划科", KIND_OFFICE, aliases=["规划科"]),
        Unit("职成科", KIND_OFFICE),
    ]
    units += [Unit(c, KIND_COUNTY, groups=["各县(市、区)教育局"]) for c in counties]
    units += [Unit(c, KIND_COLLEGE, groups=["各高校"]) for c in colleges]
    groups = [
        Group("各县(市、区)教育局", counties),
        Group("各高校", colleges),
    ]
    sections = [Section("一", "加强党的建设"), Section("二", "增强教育获得感")]
    tasks = [
        Task(1, "一", "强化理论学习", "1.强化理论学习。组织开展学习。", "责任单位:办公室",
             ["办公室"]),
        Task(2, "二", "扩大学前教育资源",
             "2.扩大学前教育资源。计划新增学位900个，争取省级以上补助资金0.9亿元以上。",
             "责任单位:发展规划科,各县(市、区)教育局", ["发展规划科", "各县(市、区)教育局"]),
        Task(3, "二", "控制大班额", "3.控制大班额。义务教育“大班额”控制在2%以内。",
             "责任单位:发展规划科、各县(市、区)教育局", ["发展规划科", "各县(市、区)教育局"]),
        Task(4, "二", "促进就业", "4.促进就业。力争毕业生就业率达95%以上。",
             "责任单位:职成科,各高校", ["职成科", "各高校"]),
    ]
    indicators = [
        Indicator(2, 1, "新增学位", 900, "个", AT_LEAST, False, "", "计划新增学位900个",
                  AGG_SUM),
        Indicator(2, 2, "争取省级以上补助资金", 0.9, "亿元", AT_LEAST, True, "",
                  "争取省级以上补助资金0.9亿元以上", AGG_SUM),
        Indicator(3, 1, "义务教育“大班额”", 2, "%", AT_MOST, False, "",
                  "义务教育“大班额”控制在2%以内", AGG_LEAD),
        Indicator(4, 1, "毕业生就业率", 95, "%", AT_LEAST, True, "", "力争毕业生就业率达95%以上",
                  AGG_LEAD),
    ]
    allocations = [
        Allocation("I2-1", "甲县教育局", 400),
        Allocation("I2-1", "乙县教育局", 300),
        Allocation("I2-1", "丙区教育局", 200),
    ]
    settings = Settings(
        year=2020,
        title="某市教育局2020年工作要点",
        rounds=[
            Round("一季度", date(2020, 4, 10), 0.25),
            Round("半年", date(2020, 7, 10), 0.5),
            Round("三季度", date(2020, 10, 10), 0.75),
            Round("年终", date(2020, 12, 25), 1.0),
        ],
        contact="办公室 张三 0598-1234567",
    )
    meta = PlanMeta("某市教育局2020年工作要点", "某市教育局", 2020, "某教〔2020〕1号", "2020-02-22")
    return Plan(meta, sections, tasks, indicators, units, groups, allocations, settings)


@pytest.fixture(autouse=True, scope="session")
def _logs_in_a_temporary_folder(tmp_path_factory):
    """Keep the tests' log files out of the home folder (subprocesses inherit this)."""
    import os

    os.environ["WORKPLAN_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))


@pytest.fixture
def small_plan() -> Plan:
    return make_small_plan()


@pytest.fixture
def reference_plan_text() -> str:
    from importlib.resources import files

    return (files("toolkit") / "data" / "000_71dfa8e4d736c6d5.txt").read_text(encoding="utf-8")


@contextmanager
def lock_held_elsewhere(master: Path, what: str):
    """Another process holding the master's lock (as a batch run or an Excel click would)."""
    code = ("import sys, time; from toolkit.common.lock import stage_lock\n"
            "with stage_lock(sys.argv[1], sys.argv[2]):\n"
            "    print('held', flush=True); time.sleep(30)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(master), what],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        yield
    finally:
        other.kill()
        other.wait()


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
