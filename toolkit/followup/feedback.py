"""退回修改: each unit with problems gets back the form it returned, its problems marked.

    result = feedback_round(master, round, units=None)

For every unit whose used return has errors or warnings (or only those named), the folder
退回修改/<round>/ gets a workbook built from that return: the unit's answers as it typed them,
every cell with a problem filled red with a comment, and a 校验结果 sheet in front listing each
problem, its cell and what to do. The workbook has the form's identity (the same signed
_workplan as the blank form), so the corrected file collects as the unit's resubmission. Beside
it a short text (for WeChat, SMS or email) says what to fix. Units without problems get nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.books.form import writer as workbook
from toolkit.books.form.guide import due_text, round_label
from toolkit.common.naming import unique_file_names
from toolkit.assign.planning import resolve_round, select_units, unit_form
from toolkit.assign.previous import previous_answers
from toolkit.books.form import layout as F
from toolkit.common import paths
from toolkit.books import styles
from toolkit.common.atomic import atomic_dir
from toolkit.errors import Problem, WorkplanError
from toolkit.books.form.layout import FormIndex
from toolkit.model.plan import Plan, Round
from toolkit.model.returns import INFO_KEY, Answer, FileRecord
from toolkit.store import Store
from toolkit.vocab import ERROR, FEEDBACK, SHEET_FEEDBACK, USED, WARNING

RESULT_COLUMNS = [("序号", 6), ("工作表", 12), ("单元格", 8), ("问题", 60), ("处理建议", 44),
                  ("严重程度", 9)]
SHOWN = (ERROR, WARNING)  # a 提示 alone sends nothing back


@dataclass
class FeedbackFile:
    unit: str
    workbook: Path
    text: Path
    problems: int

    def to_json(self) -> dict:
        return {"unit": self.unit, "workbook": str(self.workbook), "text": str(self.text),
                "problems": self.problems}


@dataclass
class FeedbackResult:
    out_dir: Path
    round: str
    files: list[FeedbackFile] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"round": self.round, "out_dir": str(self.out_dir),
                "files": [f.to_json() for f in self.files]}


def feedback_round(master_path, round_name: str, units=None, out_dir=None) -> FeedbackResult:
    """Read the master and the store; write the round's feedback folder (see the module)."""
    from toolkit.books.master import locked_master

    with locked_master(master_path, FEEDBACK) as (master, plan):
        rnd = resolve_round(plan, round_name)
        year = plan.settings.year or plan.meta.year
        out = Path(out_dir) if out_dir else paths.feedback_dir(
            master, year, rnd.name, plan.settings.folders)
        return feedback_plan(plan, rnd, Store.beside(master), out, units)


def feedback_plan(plan: Plan, rnd: Round, store: Store, out_dir: Path, units=None) -> FeedbackResult:
    run = store.latest_run(rnd.name)
    if run is None:
        raise WorkplanError(f"“{rnd.name}”尚未汇总：请先运行汇总（workplan collect），再生成退回修改表。")
    index = FormIndex(plan)
    wanted = set(select_units(index, units)) if units else None
    winners = {r.unit: r for r in store.run_records(run["id"]) if r.outcome == USED}
    chosen = [u for u in index.responsible_units() if u in winners
              and (wanted is None or u in wanted) and _shown(winners[u].problems)]
    previous = previous_answers(plan, store, rnd)
    label = round_label(plan, rnd)
    names = unique_file_names(index.responsible_units(), f"{label}{FEEDBACK}")
    result = FeedbackResult(out_dir, rnd.name)
    with atomic_dir(out_dir) as tmp:
        for unit in chosen:
            record = winners[unit]
            answers = [a for a in store.answers_of(rnd.name, [record.sha256]) if a.unit == unit]
            name = names[unit]
            problems = write_feedback(plan, rnd, index, unit, record, answers, tmp / name,
                                      previous.get(unit))
            text = tmp / (Path(name).stem + ".txt")
            text.write_text(feedback_text(plan, rnd, unit, record, problems, name),
                            encoding="utf-8")
            result.files.append(FeedbackFile(unit, out_dir / name, out_dir / text.name,
                                             len(problems)))
    return result


def _shown(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity in SHOWN]


# --- the workbook ---------------------------------------------------------------------------
def write_feedback(plan: Plan, rnd: Round, index: FormIndex, unit: str, record: FileRecord,
                   answers: list[Answer], path: Path, previous=None) -> list[Problem]:
    """One unit's feedback workbook at `path`; returns its problems as listed (cells as in the
    new workbook)."""
    form = unit_form(index, unit)
    table = workbook.meta_table(form, index)
    form.meta = workbook.form_meta(plan, unit, rnd, table, plan_id=index.plan_id)
    rows, info, places = _answers(form, answers)
    problems, marks = _placed(_shown(record.problems), places)
    content = {"answers": rows, "info": info, "marks": marks, "front": True}

    def results(wb, ctx):
        _write_results(wb.add_worksheet(SHEET_FEEDBACK), ctx, record, problems)

    workbook._write(plan, rnd, form, table, path, previous, content, before=results)
    return problems


def _answers(form, answers: list[Answer]):
    """{key: {field: value as typed}}, {info field: value}, and (sheet, old cell) -> (sheet,
    key, field, new cell) for every answer."""
    rows: dict[str, dict] = {}
    info: dict[str, object] = {}
    for a in answers:
        if a.key == INFO_KEY:
            info[a.field] = a.raw
        else:
            rows.setdefault(a.key, {})[a.field] = a.raw
    places = {}
    for sheet, spec, table in ((F.SHEET_TASKS, F.TASK_COLUMNS, form.tasks),
                               (F.SHEET_FIGURES, F.FIGURE_COLUMNS, form.figures)):
        row_of = {row["key"]: i for i, row in enumerate(table, F.FIRST_DATA_ROW)}
        col_of = {f: i for i, (_, f, _) in enumerate(spec)}
        for a in answers:
            if a.key in row_of and a.field in col_of and a.cell:
                new = f"{F.column_letter(col_of[a.field])}{row_of[a.key]}"
                places[(sheet, a.cell)] = (sheet, a.key, a.field, new)
    info_rows = {f: f"B{r}" for r, (_, f, _) in enumerate(F.INFO_ROWS, F.INFO_FIRST_ROW)}
    for a in answers:
        if a.key == INFO_KEY and a.cell and a.field in info_rows:
            places[(F.SHEET_INFO, a.cell)] = (F.SHEET_INFO, a.key, a.field,
                                                  info_rows[a.field])
    return rows, info, places


def _placed(problems: list[Problem], places: dict):
    """The problems with the cells of the new workbook, and (key, field) -> comment."""
    out, marks = [], {}
    for p in problems:
        place = places.get((p.sheet, p.cell))
        if place is None:
            out.append(p)
            continue
        sheet, key, name, cell = place
        out.append(Problem(p.file, sheet, cell, p.problem, p.action, p.severity))
        text = f"{p.problem}\n{p.action}" if p.action else p.problem
        marks[(key, name)] = f"{marks[(key, name)]}\n{text}" if (key, name) in marks else text
    return out, marks


def _write_results(ws, ctx, record: FileRecord, problems: list[Problem]) -> None:
    fmt = ctx.fmt
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, len(RESULT_COLUMNS) - 1,
                   f"{ctx.unit}　{ctx.label}任务表校验结果（请按标红单元格修改后重新报送）",
                   fmt["title"])
    ws.merge_range(1, 0, 1, len(RESULT_COLUMNS) - 1,
                   f"原报送文件：{record.name}；共{len(problems)}处需修改。本表其余内容为你单位原报送"
                   "内容，修改后保存，按原渠道重新报送即可。", fmt["text"])
    for col, (header, width) in enumerate(RESULT_COLUMNS):
        ws.write_string(2, col, header, fmt["header"])
        ws.set_column(col, col, width)
    for r, p in enumerate(problems, 3):
        values = [r - 2, p.sheet, p.cell, p.problem, p.action, p.severity]
        ws.set_row(r, styles.row_height([(p.problem, 60), (p.action, 44)]))
        for col, value in enumerate(values):
            workbook._write_value(ws, r, col, value, fmt["center" if col in (0, 2, 5) else "text"])
    ws.freeze_panes(3, 0)
    workbook.page_setup(ws, ctx, (3, 3))
    ws.set_tab_color(styles.PROBLEM_FILL)
    ws.activate()


# --- the text -------------------------------------------------------------------------------
def feedback_text(plan: Plan, rnd: Round, unit: str, record: FileRecord,
                  problems: list[Problem], name: str) -> str:
    """What to send the unit by WeChat, SMS or email: what to fix, where, by when."""
    label = round_label(plan, rnd)
    lines = [f"【{FEEDBACK}】{unit}：你单位报送的{label}任务表（{record.name}）经校验有"
             f"{len(problems)}处需修改："]
    for i, p in enumerate(problems, 1):
        where = "".join(x for x in (p.sheet, p.cell) if x)
        action = f"——{p.action}" if p.action else ""
        lines.append(f"{i}. {where}：{p.problem}{action}")
    contact = plan.settings.contact or "下发通知中的联系人"
    lines.append(f"请在附件“{name}”中按标红单元格修改，于{due_text(rnd)}前重新报送（逾期的请尽快报送）。"
                 f"如有疑问请联系{contact}。")
    return "\n".join(lines) + "\n"
