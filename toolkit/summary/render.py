"""Write 年终总结.xlsx and 年终总结.docx (or 半年进度通报.…) from the templates in templates/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from toolkit.check import Evaluation
from toolkit.common.atomic import atomic_path, remove_leftovers, sha256_of
from toolkit.common.edits import kept_line, where_to_write
from toolkit.errors import WorkplanError
from toolkit.model.returns import Consolidation
from toolkit.common.resources import resource_dir
from toolkit.common.stable import freeze_zip
from toolkit.model.plan import Plan
from toolkit.model.result import Result
from toolkit.summary.context import build_context, report_kind
from toolkit.summary.xlsx_fill import fill_workbook

XLSX_TEMPLATE, DOCX_TEMPLATE = "summary_template.xlsx", "summary_template.docx"


def templates_dir() -> Path:
    return resource_dir("templates")


def template(name: str, folder: Path | None = None) -> Path:
    path = (folder or templates_dir()) / name
    if not path.is_file():
        raise WorkplanError(
            f"找不到总结模板 {path}；请运行 python templates/make_templates.py 重新生成模板。"
        )
    return path


@dataclass
class SummaryResult(Result):
    round: str
    outputs: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    task_counts: dict[str, int] = field(default_factory=dict)
    kind: str = ""  # 年终总结, or 半年进度通报 … before the year end
    kept: list[str] = field(default_factory=list)  # files someone edited, left as they were
    warnings: list[str] = field(default_factory=list)  # 设置 values read as their defaults

    def to_json(self) -> dict:
        return {
            "round": self.round,
            "kind": self.kind,
            "outputs": [str(p) for p in self.outputs],
            "counts": self.counts,
            "task_counts": self.task_counts,
            "kept": list(self.kept),
            "warnings": list(self.warnings),
        }

    def headline(self) -> str:
        names = "、".join(p.name for p in self.outputs)
        folder = self.outputs[0].parent if self.outputs else ""
        line = f"已生成{self.kind or self.round + '总结'}：{names}（位于 {folder}）。"
        return line + kept_line(self.kept)

    def lines(self) -> list[str]:
        return [self.headline(), *self.warnings]

    def opens(self) -> list[Path]:
        """The workbook, and the folder that holds it and the document."""
        books = [p for p in self.outputs if p.suffix == ".xlsx"]
        return books + ([self.outputs[0].parent] if self.outputs else [])


def render_document(source: Path, ctx: dict, target: Path) -> None:
    from docxtpl import DocxTemplate

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    try:
        doc = DocxTemplate(source)
        doc.render(ctx, env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise WorkplanError(f"模板 {source.name} 有误：{exc}；请修改模板后重试。") from None
    except Exception as exc:  # noqa: BLE001 - a damaged .docx raises assorted errors
        if isinstance(exc, WorkplanError):
            raise
        raise WorkplanError(f"模板 {source.name} 无法使用（{exc}）；请检查模板文件。") from None
    core = doc.docx.core_properties
    core.title = ctx.get("doc_title") or ctx["title"]
    core.author = core.last_modified_by = ctx["issuer"] or "workplan"
    doc.save(target)


def _stamp(plan: Plan, ev: Evaluation) -> str:
    """A fixed creation date for the files: the round's due date, so reruns are identical."""
    round_ = plan.settings.round(ev.round)
    if round_ and round_.due:
        return f"{round_.due.isoformat()}T00:00:00Z"
    return f"{plan.settings.year or 2000}-12-31T00:00:00Z"


def render_summary(
    plan: Plan,
    consolidation: Consolidation,
    evaluation: Evaluation,
    out_dir: Path,
    template_dir: Path | None = None,
    store=None,
    comparison=None,
    before: Evaluation | None = None,
    today: date | None = None,
    heard=None,
) -> SummaryResult:
    """Fill both templates for the evaluation's round into `out_dir`; returns the files
    written. With a store, a file someone edited since it was written is kept and the new one
    goes beside it, and the rounds it has collected count the bulletin's 期号. With
    `comparison` (collect's 进展对比) and `before` (the previous round checked), the documents
    say what changed since that round. `today` is the day the document is made: its 成文日期
    unless 设置 fixes one. `heard` (heard.Heard), what the check was told of each task's
    answers, spares reading the round again."""
    ev = evaluation
    collected = set(store.rounds()) if store is not None else None
    ctx = build_context(plan, consolidation, ev, comparison, before, today or date.today(),
                        collected, heard)
    out_dir = Path(out_dir)
    remove_leftovers(out_dir)
    name = report_kind(ev)
    targets = [out_dir / f"{name}.xlsx", out_dir / f"{name}.docx"]
    xlsx, docx = (where_to_write(t, store) for t in targets)
    stamp = _stamp(plan, ev)
    xlsx_source = template(XLSX_TEMPLATE, template_dir)
    docx_source = template(DOCX_TEMPLATE, template_dir)
    try:  # both are written before either replaces its predecessor: never a mixed pair
        with atomic_path(xlsx) as tmp_xlsx, atomic_path(docx) as tmp_docx:
            fill_workbook(xlsx_source, ctx, tmp_xlsx)
            freeze_zip(tmp_xlsx, stamp)
            render_document(docx_source, ctx, tmp_docx)
            freeze_zip(tmp_docx, stamp)
            if store is not None:  # told before the move: a stop right after it loses nothing
                store.expect_outputs([(xlsx, sha256_of(tmp_xlsx)), (docx, sha256_of(tmp_docx))])
    except PermissionError as exc:
        raise WorkplanError(
            f"无法写入 {exc.filename or out_dir}：文件可能正被打开，请关闭后重试。"
        ) from None
    if store is not None:
        store.record_outputs([xlsx, docx])
    kept = [str(t) for t, w in zip(targets, (xlsx, docx)) if t != w]
    return SummaryResult(ev.round, [xlsx, docx], ev.counts, ev.task_counts, name, kept,
                         list(plan.settings.warnings))
