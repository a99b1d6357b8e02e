"""Stage 1, import: a plan document (text, Word, Excel, PDF, web page) becomes a Plan.

    parse_plan_file(path) -> Plan       the plan's sections, tasks, units and targets
    blank_plan(title, year) -> Plan     no tasks: the sheets, rounds and default groups

Writing the master workbook from the Plan is the hall's (toolkit.app.import_plan).
"""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import files
from pathlib import Path

from toolkit.common.lazy import exports
from toolkit.model.plan import Plan, PlanMeta

# The readers (python-docx, pdfplumber, …) are imported when a plan is read, not before.
__getattr__, _ = exports(__name__, {"read_plan_source": "toolkit.plan_import.source",
                                    "read_plan": "toolkit.plan_import.source",
                                    "parse_plan_text": "toolkit.plan_import.build"})

REFERENCE_PLAN = "000_71dfa8e4d736c6d5.txt"


def reference_plan_path() -> Path:
    """The built-in reference plan (三明市教育局2020年工作要点), packaged with the toolkit."""
    return Path(str(files("toolkit") / "data" / REFERENCE_PLAN))


def parse_plan_file(path: str | Path) -> Plan:
    from toolkit.plan_import.build import plan_from_blocks
    from toolkit.plan_import.source import read_plan

    source = read_plan(path)
    return plan_from_blocks(source.blocks, source.name, source.warnings, source.workbook, source.annotated)


def blank_plan(title: str = "", year: int | None = None) -> Plan:
    """A plan without tasks: the master's sheets, rounds and default groups, for an
    administrator to type or paste the tasks into in Excel."""
    from toolkit.plan_import.build import default_settings
    from toolkit.plan_import.units import build_directory

    printed = re.search(r"(\d{4})\s*年", title)
    meta = PlanMeta(title=title, year=year or (int(printed.group(1)) if printed else date.today().year))
    units, groups, _ = build_directory(meta, [])
    return Plan(meta=meta, units=units, groups=groups, settings=default_settings(meta))


__all__ = [
    "blank_plan",
    "parse_plan_file",
    "parse_plan_text",
    "read_plan_source",
    "reference_plan_path",
]
