"""Stage 1, import: the plan text becomes a Plan and the master workbook (任务分解总表)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

from toolkit.common.errors import WorkplanError
from toolkit.model import Plan, PlanMeta
from toolkit.common.lazy import exports

# The readers (python-docx, pdfplumber, …) are imported when a plan is read, not before.
__getattr__, _ = exports(__name__, {"read_plan_source": "toolkit.plan_import.source",
                                    "read_plan": "toolkit.plan_import.source",
                                    "parse_plan_text": "toolkit.plan_import.build"})

REFERENCE_PLAN = "000_71dfa8e4d736c6d5.txt"
MASTER_SUFFIX = "_任务分解总表.xlsx"


def reference_plan_path() -> Path:
    """The built-in reference plan (三明市教育局2020年工作要点), packaged with the toolkit."""
    return Path(str(files("toolkit") / "data" / REFERENCE_PLAN))


def parse_plan_file(path: str | Path) -> Plan:
    from toolkit.plan_import.build import plan_from_blocks
    from toolkit.plan_import.source import read_plan

    source = read_plan(path)
    return plan_from_blocks(source.blocks, source.name, source.warnings, source.workbook)


def blank_plan(title: str = "", year: int | None = None) -> Plan:
    """A plan without tasks: the master's sheets, rounds and default groups, for an
    administrator to type or paste the tasks into in Excel."""
    from toolkit.plan_import.build import default_settings
    from toolkit.plan_import.units import build_directory

    printed = re.search(r"(\d{4})\s*年", title)
    meta = PlanMeta(title=title, year=year or (int(printed.group(1)) if printed else date.today().year))
    units, groups, _ = build_directory(meta, [])
    return Plan(meta=meta, units=units, groups=groups, settings=default_settings(meta))


def new_master(out: str | Path | None = None, force: bool = False, title: str = "",
               year: int | None = None) -> ImportResult:
    """Write an empty master workbook (workplan new, import --blank)."""
    from toolkit.master import write_master

    plan = blank_plan(title, year)
    master = Path(out) if out else Path("workbooks") / f"{_safe(title or '工作要点')}{MASTER_SUFFIX}"
    _refuse_overwrite(master, force)
    _sign(plan, master)
    write_master(plan, master)
    return ImportResult(master, plan, [])


def _sign(plan: Plan, master: Path) -> None:
    """Every import (and every new master) signs its forms with a new key; the keys of the
    master it replaces are kept, so forms already sent out still verify as ours."""
    from toolkit.forms import new_key
    from toolkit.master.reader import earlier_keys

    plan.keys = earlier_keys(master) + [new_key()]


def _refuse_overwrite(master: Path, force: bool) -> None:
    if master.exists() and not force:
        raise WorkplanError(
            f"总表 {master} 已存在，为免覆盖管理员的修改未重新生成；确需重新导入请加 --force。"
        )


def default_master_path(plan_path: Path, plan: Plan) -> Path:
    """workbooks/<plan name>_任务分解总表.xlsx beside the plan; the built-in plan's in ./workbooks."""
    stem = plan.meta.title or Path(plan_path).stem
    folder = Path("workbooks") if plan_path == reference_plan_path() else plan_path.parent / "workbooks"
    return folder / f"{_safe(stem)}{MASTER_SUFFIX}"


def _safe(name: str) -> str:
    cleaned = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name).strip(" .")
    return cleaned.replace(" ", "")[:80] or "工作要点"


@dataclass
class ImportResult:
    master_path: Path
    plan: Plan
    warnings: list[str] = field(default_factory=list)

    def summary_line(self) -> str:
        p = self.plan
        if not p.tasks:
            return (f"已生成空白总表：{self.master_path}。请在“任务”表逐行录入或粘贴任务"
                    "（序号、任务名称、任务内容、责任单位），在“指标”表录入指标，保存后即可生成任务表。")
        return (
            f"已导入 {len(p.sections)} 个部分、{len(p.tasks)} 项任务、{len(p.indicators)} 个指标、"
            f"{len(p.units)} 个单位，生成总表：{self.master_path}"
        )


def import_plan(plan_path: str | Path | None = None, out: str | Path | None = None,
                force: bool = False) -> ImportResult:
    """Parse a plan (the built-in reference plan by default) and write the master workbook."""
    from toolkit.master import write_master

    plan_path = Path(plan_path) if plan_path else reference_plan_path()
    plan = parse_plan_file(plan_path)
    master = Path(out) if out else default_master_path(plan_path, plan)
    _refuse_overwrite(master, force)
    _sign(plan, master)
    write_master(plan, master)
    return ImportResult(master, plan, list(plan.warnings))


__all__ = [
    "ImportResult",
    "blank_plan",
    "new_master",
    "import_plan",
    "parse_plan_file",
    "parse_plan_text",
    "read_plan_source",
    "reference_plan_path",
]
