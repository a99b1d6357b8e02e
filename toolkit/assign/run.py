"""One round's assignment: every unit's workbook and the 下发清单, in one folder, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.rules.rounds import round_label
from toolkit.common.naming import DISTRIBUTION_FILE, unique_file_names
from toolkit.assign.planning import check_plan, select_units
from toolkit.books.form.writer import created_time, write_assignment
from toolkit.common.atomic import remove_leftovers
from toolkit.common.edits import kept_line, replacing
from toolkit.errors import WorkplanError
from toolkit.books.distribution import write_distribution
from toolkit.books.form.layout import FormIndex, UnitForm, unit_form
from toolkit.common.progress import Progress, silent
from toolkit.model.plan import Plan, Round
from toolkit.model.result import Result
from toolkit.model.returns import Previous
from toolkit.rules.rounds import find_round


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
class AssignResult(Result):
    out_dir: Path
    files: list[AssignedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    round: str = ""
    distribution: Path | None = None
    kept: list[str] = field(default_factory=list)  # files someone changed, left as they were

    def to_json(self) -> dict:
        return {
            "round": self.round,
            "out_dir": str(self.out_dir),
            "distribution": str(self.distribution) if self.distribution else "",
            "files": [f.to_json() for f in self.files],
            "warnings": list(self.warnings),
            "kept": list(self.kept),
        }

    def headline(self) -> str:
        listed = f"（下发清单：{self.distribution.name}）" if self.distribution else ""
        return f"共生成{len(self.files)}个任务表，已写入 {self.out_dir}{listed}。{kept_line(self.kept)}"

    def lines(self) -> list[str]:
        return [
            f"{f.unit}：任务{f.tasks}项（牵头{f.lead_tasks}项、配合{f.tasks - f.lead_tasks}项），"
            f"指标{f.indicators}项 → {f.file}"
            for f in self.files
        ] + [self.headline()]

    def alerts(self) -> list[str]:
        return [f"警告：{line}" for line in self.warnings]

    def opens(self) -> list[Path]:
        return [self.out_dir]


def assign_plan(plan: Plan, round_name, out_dir, units=None, force: bool = False,
                progress: Progress = silent, previous: dict[str, Previous] | None = None,
                store=None) -> AssignResult:
    """Write the round's folder of assignment workbooks and its 下发清单 for a Plan; `previous`
    (unit -> its latest accepted answers, Store.previous_answers) pre-fills the forms of a
    round after the first. With a store, replacing the folder (`force`) keeps whatever was not
    written there by an assignment, or was changed since (common.edits)."""
    previous = previous or {}
    rnd = find_round(plan, round_name)
    index = FormIndex(plan)
    warnings = check_plan(plan, index)
    if rnd.due is None:
        warnings.append(
            f"设置 工作表：报送轮次“{rnd.name}”没有填写截止日期，任务表中写作“见下发通知”。"
        )
    chosen = select_units(index, units)
    everyone = index.responsible_units()
    names = unique_file_names(everyone, round_label(plan.year, rnd.name))
    out_dir = Path(out_dir)
    _check_target(out_dir, force)
    written: list[AssignedFile] = []
    listed: list[AssignedFile] = []
    remove_leftovers(out_dir.parent)
    existing = _existing(out_dir) if units else set()
    with replacing(out_dir, store, keep_ours=bool(units)) as folder:
        for unit in everyone:
            if unit in chosen:
                progress(WRITING, len(written), len(chosen))
                path = folder.place(names[unit])
                form = write_assignment(plan, unit, rnd, folder.temp(path), index=index,
                                        atomic=False, previous=previous.get(unit))
                written.append(_entry(index, rnd, form, path))
                listed.append(written[-1])
            elif names[unit] in existing:
                listed.append(_entry(index, rnd, unit_form(index, unit), out_dir / names[unit]))
        progress(WRITING, len(written), len(chosen))
        title = f"{plan.display_title}　{round_label(plan.year, rnd.name)}任务表下发清单"
        distribution = folder.place(DISTRIBUTION_FILE)
        write_distribution(listed, folder.temp(distribution), title, warnings,
                           created_time(plan, rnd))
    return AssignResult(out_dir, written, warnings, rnd.name, distribution, folder.kept)


def _check_target(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise WorkplanError(f"输出位置 {out_dir} 是一个文件而不是文件夹，请换一个输出文件夹。")
    if out_dir.exists() and not force:
        raise WorkplanError(
            f"文件夹 {out_dir} 已存在，为免覆盖已下发的任务表，本次未生成。"
            "如确需重新生成，请加 --force（整个文件夹将被替换；与 --units 同用时只替换所列单位的文件）。"
        )


def _existing(folder: Path) -> set[str]:
    """The names in a folder an assignment for some units adds to (their forms stay listed)."""
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


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
