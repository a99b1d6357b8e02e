"""One round's assignment: every unit's workbook and the 下发清单, in one folder, all or nothing."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.books.distribution import write_distribution
from toolkit.books.form.guide import plan_title, round_label
from toolkit.common.naming import DISTRIBUTION_FILE, unique_file_names
from toolkit.assign.planning import UnitForm, check_plan, resolve_round, select_units, unit_form
from toolkit.assign.previous import Previous, previous_answers
from toolkit.books.form.writer import created_time, write_assignment
from toolkit.common import paths
from toolkit.common.atomic import atomic_dir, remove_leftovers
from toolkit.errors import WorkplanError
from toolkit.books.form.layout import FormIndex
from toolkit.common.lock import stage_lock
from toolkit.common.progress import Progress, silent
from toolkit.model.plan import Plan, Round
from toolkit.store import Store


WRITING = "生成任务表"


@dataclass
class AssignedFile:
    """One unit's workbook, as listed in the 下发清单."""

    unit: str
    path: Path
    tasks: int
    lead_tasks: int
    indicators: int
    contact: str = ""
    due: str = ""  # ISO date, or "" when the round has none
    kind: str = ""

    @property
    def file(self) -> str:
        return self.path.name

    def to_json(self) -> dict:
        return {
            "unit": self.unit,
            "file": self.file,
            "path": str(self.path),
            "tasks": self.tasks,
            "lead_tasks": self.lead_tasks,
            "indicators": self.indicators,
            "contact": self.contact,
            "due": self.due,
        }


@dataclass
class AssignResult:
    out_dir: Path
    files: list[AssignedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    round: str = ""
    distribution: Path | None = None

    def to_json(self) -> dict:
        return {
            "round": self.round,
            "out_dir": str(self.out_dir),
            "distribution": str(self.distribution) if self.distribution else "",
            "files": [f.to_json() for f in self.files],
            "warnings": list(self.warnings),
        }

    def summary_lines(self) -> list[str]:
        return [
            f"{f.unit}：任务{f.tasks}项（牵头{f.lead_tasks}项、配合{f.tasks - f.lead_tasks}项），"
            f"指标{f.indicators}项 → {f.file}"
            for f in self.files
        ]


def assign_round(master_path, round_name: str, out_dir=None, units=None, force: bool = False,
                 progress: Progress = silent):
    """Read the master workbook and write the round's folder of assignment workbooks."""
    master = Path(master_path)
    from toolkit.books.master import load_master  # the master stage; imported when needed

    with stage_lock(master, "生成任务表"):
        plan = load_master(master)
        if not plan.keys:
            raise WorkplanError(f"总表 {master.name} 中没有签名密钥（可能由旧版本工具生成），"
                                "生成的任务表将无法核验；请重新导入计划（workplan import --force）。")
        rnd = resolve_round(plan, round_name)
        if out_dir is None:
            year = plan.settings.year or plan.meta.year
            out_dir = paths.outbox(master, year, rnd.name, plan.settings.folders)
        paths.refuse_input_as_output(out_dir, "输出文件夹", files=[master], holding=[master])
        previous = previous_answers(plan, Store.beside(master), rnd)
        result = assign_plan(plan, rnd, out_dir, units=units, force=force, progress=progress,
                             previous=previous)
    return result


def assign_plan(plan: Plan, round_name, out_dir, units=None, force: bool = False,
                progress: Progress = silent, previous: dict[str, Previous] | None = None
                ) -> AssignResult:
    """The work of assign_round on a Plan already in memory; `previous` (unit -> its latest
    accepted answers, see assign.previous) pre-fills the forms of a round after the first."""
    previous = previous or {}
    rnd = resolve_round(plan, round_name)
    index = FormIndex(plan)
    warnings = check_plan(plan, index)
    if rnd.due is None:
        warnings.append(
            f"设置 工作表：报送轮次“{rnd.name}”没有填写截止日期，任务表中写作“见下发通知”。"
        )
    chosen = select_units(index, units)
    everyone = index.responsible_units()
    names = unique_file_names(everyone, round_label(plan, rnd))
    out_dir = Path(out_dir)
    _check_target(out_dir, force)
    regenerated = {names[u] for u in chosen} | {DISTRIBUTION_FILE}
    written: list[AssignedFile] = []
    listed: list[AssignedFile] = []
    remove_leftovers(out_dir.parent)
    with atomic_dir(out_dir) as tmp:
        kept = _carry_over(out_dir, tmp, regenerated) if units else set()
        for unit in everyone:
            if unit in chosen:
                progress(WRITING, len(written), len(chosen))
                path = tmp / names[unit]
                form = write_assignment(plan, unit, rnd, path, index=index, atomic=False,
                                        previous=previous.get(unit))
                written.append(_entry(index, rnd, form, out_dir / names[unit]))
                listed.append(written[-1])
            elif names[unit] in kept:
                listed.append(_entry(index, rnd, unit_form(index, unit), out_dir / names[unit]))
        progress(WRITING, len(written), len(chosen))
        title = f"{plan_title(plan)}　{round_label(plan, rnd)}任务表下发清单"
        write_distribution(listed, tmp / DISTRIBUTION_FILE, title, warnings,
                           created_time(plan, rnd))
    return AssignResult(out_dir, written, warnings, rnd.name, out_dir / DISTRIBUTION_FILE)


def _check_target(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise WorkplanError(f"输出位置 {out_dir} 是一个文件而不是文件夹，请换一个输出文件夹。")
    if out_dir.exists() and not force:
        raise WorkplanError(
            f"文件夹 {out_dir} 已存在，为免覆盖已下发的任务表，本次未生成。"
            "如确需重新生成，请加 --force（整个文件夹将被替换；与 --units 同用时只替换所列单位的文件）。"
        )


def _carry_over(old: Path, new: Path, regenerated: set[str]) -> set[str]:
    """Copy the files of an existing folder that this run does not regenerate; their names."""
    kept = set()
    if not old.is_dir():
        return kept
    for item in old.iterdir():
        if item.name in regenerated or item.name.startswith(".~"):
            continue
        if item.is_dir():
            shutil.copytree(item, new / item.name)
        else:
            shutil.copy2(item, new / item.name)
        kept.add(item.name)
    return kept


def _entry(index: FormIndex, rnd: Round, form: UnitForm, path: Path) -> AssignedFile:
    unit = index.unit(form.unit)
    return AssignedFile(
        unit=form.unit,
        path=path,
        tasks=len(form.tasks),
        lead_tasks=form.lead_tasks,
        indicators=len(form.figures),
        contact=unit.contact_line if unit else "",
        due=rnd.due.isoformat() if rnd.due else "",
        kind=unit.kind if unit else "",
    )
