"""A round as pandas DataFrames: the answers, the submissions and the indicator results the
store holds, for analysts and for `workplan export`.

    from toolkit import frames
    f = frames.load("任务分解总表.xlsx", "年终")   # the round as the store holds it (read only)
    f.answers()        # long: one row per unit, task or indicator and field, with the basis
    f.submissions()    # one row per responsible unit: 报送状态, 接收时间, 时间依据, …
    f.indicators()     # one row per indicator: 目标值, 汇总值, 完成率, 状态, 数据依据
    f.matrix()         # 进展矩阵: tasks × units, each unit's 进展状态
    f.ranking()        # 考评: the units ranked by score
    f.changes()        # 进展对比: previous vs this round, per task and unit (empty for a first round)

The column names are the ones the consolidated workbook uses. Nothing here is on the path of
collect, check or summary: pandas takes a second or more to import on an office PC, so it is
imported only when a frame is asked for (`workplan --help` and every other command stay fast).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit import vocab
from toolkit.books.consolidated import layout as B
from toolkit.model.plan import COMPARATOR_WORDS

ROUND, UNIT, KIND, KEY, NAME, FIELD, VALUE, BASIS, FILE = (
    "轮次", "单位", "类别", "编号", "名称", "字段", "值", "依据", "来源文件")
ANSWER_COLUMNS = [ROUND, UNIT, KIND, KEY, NAME, FIELD, VALUE, BASIS, FILE]
TASK, INDICATOR = "任务", "指标"
REPORTED = "单位填报"  # the basis of a value as the unit sent it
RANK, SCORE = "名次", "得分"

# (attribute of the record, header) of the fields a unit answers, as the workbook names them
TASK_FIELDS = [(f, h) for h, f, _ in B.TASK_COLUMNS
               if f in ("status", "progress", "narrative", "problems", "next_steps")]
FIGURE_FIELDS = [(f, h) for h, f, _ in B.FIGURE_COLUMNS if f in ("actual", "note", "flag")]
SUBMISSION_FIELDS = [(f, h) for h, f, _ in B.SUBMISSION_COLUMNS if f]


def _pandas():
    import pandas

    return pandas


def load(master, round_name: str | None = None) -> "RoundFrames":
    """The round of `master` (the round due now when not given) as the store holds it."""
    from toolkit import app

    return RoundFrames(*app.stored_round(master, round_name))


@dataclass
class RoundFrames:
    """One round's records (toolkit.collect's CollectedRound, toolkit.check's Evaluation)."""

    plan: object
    collected: object
    evaluation: object

    @property
    def round(self) -> str:
        return self.collected.round

    # --- the long table -----------------------------------------------------------------------
    def answers(self):
        """One row per unit, task or indicator and field; the indicators' city figures as
        rows of 全市 with their 数据依据."""
        titles = {t.number: t.title for t in self.plan.tasks}
        names = {i.key: i.name for i in self.plan.indicators}
        con = self.collected.consolidation
        rows = [self._row(a, TASK, f"T{a.task}", titles.get(a.task, ""), attr, header)
                for a in con.tasks for attr, header in TASK_FIELDS]
        rows += [self._row(f, INDICATOR, f.indicator, names.get(f.indicator, ""), attr, header)
                 for f in con.figures for attr, header in FIGURE_FIELDS]
        rows += [[self.round, vocab.CITY, INDICATOR, i.key, i.name, "汇总值", i.actual,
                  i.basis, ""] for i in self.evaluation.indicators]
        frame = _pandas().DataFrame(rows, columns=ANSWER_COLUMNS)
        return frame[frame[VALUE].notna() & (frame[VALUE] != "")].reset_index(drop=True)

    def _row(self, record, kind: str, key: str, name: str, attr: str, header: str) -> list:
        """A unit's answer: its basis is the unit's return, or the administrator's 核实更正."""
        corrected = attr in {c.field for c in record.corrected}
        basis = vocab.FIGURE_CORRECTED if corrected else REPORTED
        return [self.round, record.unit, kind, key, name, header, getattr(record, attr), basis,
                record.file]

    # --- one row per unit, per indicator --------------------------------------------------------
    def submissions(self):
        subs = self.collected.consolidation.submissions
        frame = _pandas().DataFrame([[getattr(s, f) for f, _ in SUBMISSION_FIELDS] for s in subs],
                                    columns=[h for _, h in SUBMISSION_FIELDS])
        frame.insert(0, ROUND, self.round)
        return frame

    def indicators(self):
        rows = [[self.round, i.key, i.task, i.name, COMPARATOR_WORDS.get(i.comparator, ""),
                 i.target, i.unit, i.expected,
                 i.actual, i.rate, i.status, i.basis] for i in self.evaluation.indicators]
        return _pandas().DataFrame(rows, columns=[
            ROUND, "指标编号", "任务序号", "指标名称", "要求", "目标值", "计量单位", "本轮应达",
            "汇总值", "完成率", "状态", "数据依据"])

    # --- pivots and rankings --------------------------------------------------------------------
    def matrix(self):
        """进展矩阵: one row per task, one column per unit (in the order of 报送情况); a unit
        that did not report shows 未报送, a task of the unit's left blank 未填写, not its task
        empty."""
        con = self.collected.consolidation
        pd = _pandas()
        tasks = pd.DataFrame([(t.task, t.unit, t.status) for t in con.tasks],
                             columns=["任务序号", UNIT, "进展状态"])
        missing = {s.unit for s in con.submissions if s.state == vocab.NOT_SUBMITTED}
        tasks["进展状态"] = tasks["进展状态"].mask(tasks[UNIT].isin(missing),
                                                    vocab.NOT_SUBMITTED).replace("", vocab.NOT_FILLED)
        grid = tasks.pivot_table(index="任务序号", columns=UNIT, values="进展状态",
                                 aggfunc="first")
        units = [s.unit for s in con.submissions if s.unit in grid.columns]
        grid = grid.reindex(index=[t.number for t in self.plan.tasks], columns=units)
        grid.insert(0, "任务名称", [t.title for t in self.plan.tasks])
        return grid

    def ranking(self):
        """考评: every responsible unit's components and score, ranked (equal scores share a
        rank, 1, 2, 2, 4; the plan's order among them)."""
        components = list(vocab.ASSESSMENT_COMPONENTS)
        columns = [UNIT, "报送情况", "问题数",
                   *(vocab.ASSESSMENT_COMPONENTS[c] for c in components), SCORE]
        scores = _pandas().DataFrame(
            [[s.unit, s.submission, s.problems, *(s.rates.get(c) for c in components), s.score]
             for s in self.evaluation.scores], columns=columns)
        scores.insert(0, RANK, scores[SCORE].rank(method="min", ascending=False).astype(int))
        return scores.sort_values(RANK, kind="stable").reset_index(drop=True)

    def changes(self):
        """进展对比: each task and unit's status and progress last round and now."""
        pd = _pandas()
        columns = ["任务序号", UNIT, "上期状态", "本期状态", "上期进度（%）", "本期进度（%）",
                   "进度变化", "判断"]
        compared = self.collected.comparison
        if compared is None:
            return pd.DataFrame(columns=columns)
        rows = [(c.task, c.unit, c.previous.status if c.previous else "", c.current.status,
                 c.previous.progress if c.previous else None, c.current.progress, c.change,
                 c.judgement) for c in compared.tasks]
        return pd.DataFrame(rows, columns=columns)


# --- workplan export -----------------------------------------------------------------------------
SUFFIXES = (".csv", ".xlsx")
DETAIL = "明细"


def sheets(frames: RoundFrames) -> dict:
    """The sheets of an exported workbook, by name; the first is the long table."""
    out = {DETAIL: frames.answers(), vocab.BOOK_SUBMISSIONS: frames.submissions(),
           vocab.BOOK_INDICATOR_CHECK: frames.indicators(),
           vocab.BOOK_MATRIX: frames.matrix().reset_index(),
           vocab.SUMMARY_ASSESSMENT: frames.ranking()}
    changes = frames.changes()
    if not changes.empty:
        out[vocab.SHEET_COMPARISON] = changes
    return out


def write(frames: RoundFrames, path: Path) -> dict:
    """Write the round to `path`: .csv the long table (UTF-8 with a BOM, which Excel and WPS
    open as Chinese), .xlsx every sheet of `sheets`. Returns {sheet: rows}."""
    if path.suffix.lower() == ".csv":
        table = frames.answers()
        table.to_csv(path, index=False, encoding="utf-8-sig")
        return {DETAIL: len(table)}
    tables = sheets(frames)
    with _pandas().ExcelWriter(path, engine="xlsxwriter") as book:
        for name, table in tables.items():
            table.to_excel(book, sheet_name=name, index=False)
            sheet = book.sheets[name]
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, max(0, len(table.columns) - 1), 12)
    return {name: len(table) for name, table in tables.items()}
