"""退回修改: each unit with problems gets back the form it returned, its problems marked.

    result = feedback_plan(plan, round, store, out_dir, previous, units=None)

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

from toolkit.books.form.feedback import shown_problems, write_feedback
from datetime import date

from toolkit.rules import documents as D
from toolkit.rules.rounds import round_label
from toolkit.books.form.layout import FormIndex
from toolkit.common.edits import kept_line, replacing
from toolkit.common.naming import unique_file_names
from toolkit.errors import Problem, WorkplanError
from toolkit.model.plan import Plan, Round
from toolkit.model.result import Result
from toolkit.model.returns import FileRecord, Previous
from toolkit.rules.units import select_units
from toolkit.vocab import FEEDBACK, USED


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
class FeedbackResult(Result):
    out_dir: Path
    round: str
    files: list[FeedbackFile] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files someone changed, left as they were

    def to_json(self) -> dict:
        return {"round": self.round, "out_dir": str(self.out_dir),
                "files": [f.to_json() for f in self.files], "kept": list(self.kept)}

    def headline(self) -> str:
        if not self.files:
            return f"{self.round}：没有报送有问题的单位，无需退回修改。"
        return f"共生成{len(self.files)}份退回修改表，已写入 {self.out_dir}。{kept_line(self.kept)}"

    def lines(self) -> list[str]:
        return [f"{f.unit}：{f.problems}处需修改 → {f.workbook.name}" for f in self.files] + [
            self.headline()]

    def opens(self) -> list[Path]:
        return [self.out_dir] if self.files else []


def feedback_plan(plan: Plan, rnd: Round, store, out_dir: Path,
                  previous: dict[str, Previous] | None = None, units=None,
                  today: date | None = None, guard: bool = True) -> FeedbackResult:
    """The round's feedback folder from its last collection in the store (see the module);
    `previous` (Store.previous_answers) fills the 上期 columns; `today` is the day it is sent
    back (the deadline is the days 设置 allows after it). With `guard`, a file someone changed
    or put in the folder is kept (common.edits); without, the store is only read."""
    again = D.chinese_date(D.deadline(plan, today or date.today()))
    run = store.latest_run(rnd.name)
    if run is None:
        raise WorkplanError(f"“{rnd.name}”尚未汇总：请先运行汇总（workplan collect），再生成退回修改表。")
    index = FormIndex(plan)
    wanted = set(select_units(plan, index.responsible_units(), units)) if units else None
    winners = {r.unit: r for r in store.run_records(run["id"]) if r.outcome == USED}
    chosen = [u for u in index.responsible_units() if u in winners
              and (wanted is None or u in wanted) and shown_problems(winners[u].problems)]
    previous = previous or {}
    label = round_label(plan.year, rnd.name)
    names = unique_file_names(index.responsible_units(), f"{label}{FEEDBACK}")
    result = FeedbackResult(out_dir, rnd.name)
    with replacing(out_dir, store if guard else None, keep_ours=bool(units)) as folder:
        for unit in chosen:
            record = winners[unit]
            answers = [a for a in store.answers_of(rnd.name, [record.sha256]) if a.unit == unit]
            book = folder.place(names[unit])
            problems = write_feedback(plan, rnd, index, unit, record, answers, folder.temp(book),
                                      previous.get(unit), again)
            text = folder.place(Path(names[unit]).stem + ".txt")
            folder.temp(text).write_text(
                feedback_text(plan, rnd, unit, record, problems, book.name, again),
                encoding="utf-8")
            result.files.append(FeedbackFile(unit, book, text, len(problems)))
    result.kept = folder.kept
    return result


# --- the text -------------------------------------------------------------------------------
def feedback_text(plan: Plan, rnd: Round, unit: str, record: FileRecord,
                  problems: list[Problem], name: str, again: str) -> str:
    """What to send the unit by WeChat, SMS or email: what to fix, where, and by when (`again`,
    a day after the one it is sent: 设置's 补报期限)."""
    label = round_label(plan.year, rnd.name)
    lines = [f"【{FEEDBACK}】{unit}：你单位报送的{label}任务表（{record.name}）经校验有"
             f"{len(problems)}处需修改："]
    for i, p in enumerate(problems, 1):
        where = "".join(x for x in (p.sheet, p.cell) if x)
        action = f"——{p.action}" if p.action else ""
        lines.append(f"{i}. {where}：{p.problem}{action}")
    contact = plan.settings.contact or "下发通知中的联系人"
    lines.append(f"请在附件“{name}”中按标红单元格修改，于{again}前重新报送。"
                 f"如有疑问请联系{contact}。")
    return "\n".join(lines) + "\n"
