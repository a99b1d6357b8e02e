"""Stage 1, import: the plan text becomes a Plan and the master workbook (任务分解总表)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from toolkit.common.errors import WorkplanError
from toolkit.model import Plan
from toolkit.plan_import.source import read_plan_source
from toolkit.plan_import.structure import parse_plan_text

REFERENCE_PLAN = "000_71dfa8e4d736c6d5.txt"
MASTER_SUFFIX = "_任务分解总表.xlsx"


def reference_plan_path() -> Path:
    """The built-in reference plan (三明市教育局2020年工作要点), packaged with the toolkit."""
    return Path(str(files("toolkit") / "data" / REFERENCE_PLAN))


def parse_plan_file(path: str | Path) -> Plan:
    return parse_plan_text(read_plan_source(path))


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
        return (
            f"已导入 {len(p.sections)} 个部分、{len(p.tasks)} 项任务、{len(p.indicators)} 个指标、"
            f"{len(p.units)} 个单位，生成总表：{self.master_path}"
        )


def import_plan(plan_path: str | Path | None = None, out: str | Path | None = None,
                force: bool = False) -> ImportResult:
    """Parse a plan (the built-in reference plan by default) and write the master workbook."""
    from toolkit.common.forms import new_key
    from toolkit.master import write_master
    from toolkit.master.reader import earlier_keys

    plan_path = Path(plan_path) if plan_path else reference_plan_path()
    plan = parse_plan_file(plan_path)
    master = Path(out) if out else default_master_path(plan_path, plan)
    if master.exists() and not force:
        raise WorkplanError(
            f"总表 {master} 已存在，为免覆盖管理员的修改未重新生成；确需重新导入请加 --force。"
        )
    plan.keys = earlier_keys(master) + [new_key()]  # every import signs with a new key
    write_master(plan, master)
    return ImportResult(master, plan, list(plan.warnings))


__all__ = [
    "ImportResult",
    "import_plan",
    "parse_plan_file",
    "parse_plan_text",
    "read_plan_source",
    "reference_plan_path",
]
