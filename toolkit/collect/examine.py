"""Examining one returned file: who sent it, for which round, and what it says.

Every finding is a Problem naming file, sheet and cell; the answers that can be matched to the
plan are kept even when other parts of the file are wrong.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import PurePath

from toolkit.rules import cells as V
from toolkit.collect.index import CollectIndex
from toolkit.intake.inbox import Source
from toolkit.books.form.reader import Form, FormRow, Table, read_form
from toolkit.intake.limits import Limits
from toolkit.intake.problems import ERROR, NOTE, WARNING, FileRejected, shorten
from toolkit.intake.reader import open_book, reraise_interrupt
from toolkit.books.form import layout as F
from toolkit.rules.cells import cell_date
from toolkit.errors import Problem
from toolkit.rules.plausibility import suspicion
from toolkit.vocab import FLAG_VERIFY
from toolkit.model import returns
from toolkit.model.plan import STATUSES

log = logging.getLogger("workplan.collect")

TASK_ANSWERS = ("status", "progress", "narrative", "problems", "next_steps")
HEADERS = {f: h for h, f, _ in F.TASK_COLUMNS + F.FIGURE_COLUMNS}
INFO_LABELS = {f: label for label, f, _ in F.INFO_ROWS}
USE_FORM = "请使用下发给本单位的任务表重新填报"
MAX_ADDED_LISTED = 5  # added rows listed one by one; more are one problem row


@dataclass
class Examined:
    """What one file gave: identity, answers by row key, and its problems."""

    source: Source
    unit: str = ""
    round: str = ""
    verified: bool = False
    usable: bool = False  # identified as this round's form of an expected unit
    reporter: str = ""
    phone: str = ""
    filled: date | None = None
    tasks: dict[str, dict] = field(default_factory=dict)
    figures: dict[str, dict] = field(default_factory=dict)
    rows: dict[str, FormRow] = field(default_factory=dict)  # the row each answer came from
    info: dict = field(default_factory=dict)  # 填报信息: field -> (value, cell)
    problems: list[Problem] = field(default_factory=list)
    outcome: str = ""
    claimed: str = ""  # the unit a form signed under another key claims (a return of nobody)
    packed: bytes = b""  # tasks, figures, rows and info, pickled while the round is gathered
    answers: bytes = b""  # a usable file's answers as the run keeps them (rounds.answer_block)
    answer_count: int = 0

    def pack(self) -> None:
        """Hold the answers as one block of bytes (returns.packed): a round of thousands of
        files waiting to be chosen between costs a kilobyte or two a file, not tens."""
        self.packed = returns.packed((self.tasks, self.figures, self.rows, self.info))
        self.tasks, self.figures, self.rows, self.info = {}, {}, {}, {}

    def unpack(self) -> None:
        if self.packed:
            self.tasks, self.figures, self.rows, self.info = returns.unpacked(self.packed)
            self.packed = b""

    def add(self, severity: str, problem: str, action: str, sheet: str = "", cell: str = ""):
        self.problems.append(Problem(self.source.name, sheet, cell, problem, action, severity))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)


def examine(source: Source, plan: CollectIndex, round_name: str, limits: Limits) -> Examined:
    """Read and check one source; never raises for anything in the file."""
    found = Examined(source)
    try:
        if source.rejection is not None:
            raise source.rejection
        form = read_form(open_book(source, limits))
        found.problems.extend(source.notes)
        _Checker(found, form, plan, round_name).run()
    except FileRejected as exc:
        found.usable = False
        found.problems = [exc.as_problem(source.name)]  # the other findings no longer matter
    except BaseException as exc:  # noqa: BLE001 - one bad file never stops the run
        reraise_interrupt(exc)
        log.exception("读取 %s 时出错", source.name)
        found.usable = False
        found.problems.append(Problem(
            source.name, "", "", "文件内容异常，无法读取", "请用 Excel 打开核对后另存为 .xlsx 重新报送",
            ERROR,
        ))
    return found


DATE_LIKE = (date, time, timedelta)  # datetime is a date


def _number(text) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _row_label(key: str, row: dict) -> str:
    if row.get("number") is not None:
        return f"第 {row['number']} 项任务"
    if row.get("name"):
        return f"指标“{shorten(row['name'], 16)}”（{key}）"
    return key


class _Checker:
    def __init__(self, found: Examined, form: Form, plan: CollectIndex, round_name: str):
        self.found = found
        self.form = form
        self.plan = plan
        self.round = round_name
        self.meta_fps: dict[str, str] = {}
        self.meta_keys: dict[str, list[str]] = {}
        self.old_version = ""  # the plan version of a verified form issued before the last edit
        self.changed: list[str] = []  # rows of an old version whose content has changed since
        self.issued: date | None = None

    # --- identity ---------------------------------------------------------------------
    def run(self) -> None:
        form = self.form
        if form.tasks is None and form.figures is None:
            raise FileRejected(
                "不是下发的任务表（找不到“任务清单”和“指标填报”工作表）",
                "请在下发的任务表中填报，另存为 .xlsx 后重新报送",
            )
        self._identify()
        self._read_info()
        task_rows, figure_rows = self.plan.rows(self.found.unit)
        tasks = self._rows(form.tasks, F.SHEET_TASKS, F.TASK_COLUMNS, task_rows)
        figures = self._rows(form.figures, F.SHEET_FIGURES, F.FIGURE_COLUMNS, figure_rows)
        before = len(self.found.problems)
        for key, row in tasks.items():
            self._task_answers(key, row)
        for key, row in figures.items():
            self._figure_answers(key, row, figure_rows[key])
        self._check_contact()
        if self.changed:
            self.found.add(
                WARNING,
                f"这是旧版本（第 {self.old_version or '?'} 版）的任务表，下发后总表修改了"
                f"{'、'.join(self.changed)}，这些行未汇总，其余内容已采用",
                "请该单位使用新下发的任务表补报上述各行")
        if not self._answered() and not self.changed:
            del self.found.problems[before:]
            self.found.add(ERROR, "任务表未填写任何进展或指标", "请填写后重新报送",
                           F.SHEET_TASKS)

    def _identify(self) -> None:
        meta = self.form.meta
        if meta is not None:
            self._identify_by_meta(meta)
        else:
            self._identify_by_content()
        self.found.unit = self.plan.canonical(self.found.unit)
        if self.found.unit not in self.plan.responsible_set:
            raise FileRejected(f"填报单位“{self.found.unit}”不在本轮应报单位中", USE_FORM,
                               *self._info_place("unit"))
        if self.found.round != self.round:
            raise FileRejected(
                f"这是“{self.found.round}”的任务表，本次汇总的是“{self.round}”",
                "请确认报送轮次，使用本轮下发的任务表填报；如已另行报送本轮，可删除此文件",
                *self._info_place("round"),
            )
        self.found.usable = True

    def _info_place(self, name: str) -> tuple[str, str]:
        if name in self.form.info:
            return self.form.info_sheet, self.form.info[name][1]
        return "", ""

    def _identify_by_meta(self, meta) -> None:
        found, values = self.found, meta.values
        found.unit, found.round = values.get("unit", ""), values.get("round", "")
        year = self.plan.plan.settings.year or self.plan.plan.meta.year
        if values.get("year") and year and values["year"] != str(year):
            raise FileRejected(f"这是 {values['year']} 年的任务表，不是本年度（{year} 年）的",
                               "请使用本年度下发的任务表重新填报")
        for key, sheet, fp in meta.table:
            self.meta_fps[key] = fp
            self.meta_keys.setdefault(sheet, []).append(key)
        fingerprints = [fp for _, _, fp in meta.table]
        found.verified = F.verifies(values, fingerprints, self.plan.plan.keys)
        same_plan = values.get("plan_id") == self.plan.plan_id
        if not found.verified and not same_plan:
            raise FileRejected(self._other_plan(values), USE_FORM)
        if not found.verified and self._signed_elsewhere(values):
            found.claimed, found.unit = self.plan.canonical(found.unit), ""
            raise FileRejected(
                f"本表的隐藏签名不是本总表的密钥签发的（可能是另一份导入同一计划的总表下发的任务表，"
                f"或被他人重新签名），无法核验来源，不计为任何单位的报送（表中自称“{shorten(found.claimed)}”）",
                f"请{found.claimed or '报送单位'}使用本办下发的任务表重新填报")
        if not found.verified:
            found.add(WARNING, "隐藏的校验信息与表格不符（可能被改动），无法核验本表来源",
                      "请与报送单位核实，必要时请其使用下发的任务表重新填报")
            self.meta_fps = {}
        elif not same_plan or values.get("plan_version") != str(
            self.plan.plan.settings.plan_version
        ):
            self.old_version = values.get("plan_version", "")
        if found.verified:  # an unverified form's issue date is only a claim
            self.issued = cell_date(values.get("issued"))
        self._stated_unit()

    def _signed_elsewhere(self, values: dict) -> bool:
        """A form that says it was signed by a key that is none of this master's: a form of
        another master that has our public plan id (anyone can import the same plan), or one
        a forger signed. A form whose signature fails under our own key was changed after we
        signed it: only unverified."""
        key = values.get("key_id", "")
        return bool(key) and key not in {F.key_id(k) for k in self.plan.plan.keys}

    @staticmethod
    def _other_plan(values: dict) -> str:
        title = values.get("plan_title", "")
        named = f"“{shorten(title)}”的" if title else ""
        return f"这是{named}任务表，不属于本计划（计划标识不符，且无法核验来源），未汇总"

    def _invisible_unit(self) -> None:
        """A 填报单位 holding characters nobody sees (zero-width, no-break spaces): a line
        naming the cell, whoever the name is then recognised as."""
        raw = self.form.info.get("unit", (None, ""))[0]
        odd = V.invisible(raw) if isinstance(raw, str) else []
        if odd:
            shown = V.unit_name(raw)
            self.found.add(WARNING, f"填报单位中含有看不见的字符（{'、'.join(odd)}，如零宽字符或不换行空格），"
                           f"已按“{shorten(shown)}”识别", "请删除这些字符后重新填写填报单位",
                           *self._info_place("unit"))

    def _stated_unit(self) -> None:
        """A 填报单位 edited to another unit of the plan: whose return it is cannot be told, so
        it displaces neither unit's own; other edits are noted and the issued unit stands."""
        found = self.found
        stated = V.text_of(self.form.info.get("unit", (None, ""))[0])
        self._invisible_unit()
        claimed = self.plan.canonical(stated) if stated else ""
        if not claimed or claimed == self.plan.canonical(found.unit):
            return
        place = self._info_place("unit")
        if claimed in self.plan.responsible_set:
            raise FileRejected(
                f"本表是下发给“{found.unit}”的任务表，但填报单位被改为“{shorten(stated)}”，"
                "无法确定是哪个单位的报送，未汇总",
                f"请{claimed}使用下发给本单位的任务表报送；如确为{found.unit}的报送，请改回填报单位后重新报送",
                *place)
        found.add(WARNING, f"填报单位被改为“{shorten(stated)}”，已按下发时的“{found.unit}”汇总",
                  "填报单位不应修改，请核实", *place)

    def _identify_by_content(self) -> None:
        found = self.found
        stated = V.text_of(self.form.info.get("unit", (None, ""))[0])
        found.unit = self.plan.canonical(stated) if stated else self._unit_from_name()
        if found.unit:
            self._invisible_unit()
        if not found.unit:
            raise FileRejected("缺少隐藏的校验信息，也无法从填报信息或文件名确定填报单位",
                               USE_FORM)
        stated_round = V.text_of(self.form.info.get("round", (None, ""))[0])
        found.round = stated_round or self._round_from_name() or self.round
        found.verified = False
        found.add(WARNING,
                  f"缺少隐藏的校验信息（可能重新录入或被其他软件另存过），已按表格内容识别为“{found.unit}”，未核验",
                  "请核实该表确为该单位本轮报送；以后请直接在下发的任务表中填报")

    def _unit_from_name(self) -> str:
        stem = unicodedata.normalize("NFKC", PurePath(self.found.source.name).stem)
        names = [(n, u.name) for u in self.plan.plan.units for n in [u.name, *u.aliases]]
        names += [(u, u) for u in self.plan.responsible]
        hits = [(len(n), unit) for n, unit in names if n and n in stem]
        return max(hits)[1] if hits else ""

    def _round_from_name(self) -> str:
        stem = PurePath(self.found.source.name).stem
        hits = [r.name for r in self.plan.plan.settings.rounds if r.name in stem]
        return max(hits, key=len) if hits else ""

    # --- rows and locked content --------------------------------------------------------
    def _rows(self, table: Table | None, sheet: str, spec, expected: dict) -> dict[str, FormRow]:
        if table is None:
            if expected:
                self.found.add(ERROR, f"找不到“{sheet}”工作表，其中的内容未能汇总",
                               "请勿删除或改名工作表，请使用下发的任务表重新填报", sheet)
            return {}
        self._missing_columns(table)
        self._odd_sheet(table)
        if self.old_version:
            expected = self._unchanged(expected, sheet, spec)
        reference = self.meta_keys.get(sheet) if self.meta_fps else None
        reference = reference if reference is not None else list(expected)
        matched = self._match(table, expected, reference, sheet)
        self._locked(table, matched, expected, spec)
        order = [k for k in (r.key for r in table.rows) if k in matched]
        if table.has_keys and order != [k for k in reference if k in order]:
            self.found.add(NOTE, "行的顺序与下发时不同（已按行键对应，不影响汇总）", "无需处理",
                           table.sheet)
        return {k: r for k, r in matched.items() if k in expected}

    def _odd_sheet(self, table: Table) -> None:
        if table.instead_of:
            self.found.add(NOTE, f"“{table.instead_of}”工作表未填写，内容填在了复制出的"
                           f"“{table.sheet}”中，已按该表汇总",
                           f"无需处理；以后请直接在“{table.instead_of}”中填写", table.sheet)
        if table.cut_at:
            self.found.add(WARNING, f"工作表超过 {table.cut_at:,} 行，只读取了前 {table.cut_at:,} 行",
                           "请删除表格下方多余的行后重新报送", table.sheet, f"A{table.cut_at + 1}")

    def _unchanged(self, expected: dict, sheet: str, spec) -> dict:
        """An old version's rows that are as the master has them now; the others are named
        once in self.changed and not taken."""
        fields = F.locked_fields(spec)
        keep = {k: row for k, row in expected.items()
                if self.meta_fps.get(k) == self.plan.fingerprint(row, fields)}
        for key, row in expected.items():
            if key not in keep:
                self.changed.append(_row_label(key, row))
        gone = [k for k in self.meta_keys.get(sheet, []) if k not in expected]
        self.changed += [_row_label(k, {}) for k in gone]
        return keep

    def _missing_columns(self, table: Table) -> None:
        for header, name, locked in table.columns_spec:
            if name in table.columns or name == "key":
                continue
            if locked:
                self.found.add(WARNING, f"“{header}”列被删除或改名", "请勿修改表格结构，请核实",
                               table.sheet)
            else:
                self.found.add(ERROR, f"找不到“{header}”列（可能被删除或改名），该列内容未能汇总",
                               "请使用下发的任务表重新填报，勿删除或改名列", table.sheet)

    def _match(self, table: Table, expected: dict, reference: list[str], sheet: str):
        known = set(expected) | set(reference)
        matched: dict[str, FormRow] = {}
        loose: list[FormRow] = []
        for row in table.rows:
            if row.key in known and row.key not in matched:
                matched[row.key] = row
            else:
                loose.append(row)
        missing = [k for k in reference if k not in matched and k in expected]
        added = []
        for row in loose:
            key = self._identify_row(row, missing, expected, sheet)
            if key:
                matched[key] = row
                missing.remove(key)
                if table.has_keys:
                    self.found.add(WARNING, f"行键被改动（应为 {key}），已按内容对应",
                                   "请勿修改隐藏列；请核实该行内容",
                                   table.sheet, row.cells.get("key", ""))
            elif table.has_keys or any(row.values.get(f) is not None for f in ("title", "name")):
                added.append(row)
        self._added_rows(table, added)
        for key in missing:
            title = expected[key].get("title") or expected[key].get("name") or ""
            self.found.add(ERROR, f"“{shorten(title, 20)}”（{key}）所在行被删除，未能汇总",
                           "请勿删除行，请使用下发的任务表补报该项", table.sheet)
        return matched

    def _added_rows(self, table: Table, added: list[FormRow]) -> None:
        """Rows that were not sent out: one problem each, or one for them all when many."""
        action = "请勿增加行；如有补充请写在“说明”或“存在问题”中"
        if len(added) > MAX_ADDED_LISTED:
            first, last = added[0], added[-1]
            self.found.add(ERROR, f"第 {first.row}–{last.row} 行中有 {len(added):,} 行不是下发的内容"
                           "（新增或复制的行），未汇总", action, table.sheet, self._row_place(first))
            return
        for row in added:
            self.found.add(ERROR, f"第 {row.row} 行不是下发的内容（新增或复制的行），未汇总",
                           action, table.sheet, self._row_place(row))

    @staticmethod
    def _row_place(row: FormRow) -> str:
        for name in ("title", "name", "number", "task"):
            if name in row.cells:
                return row.cells[name]
        return next(iter(row.cells.values()), "")

    def _identify_row(self, row: FormRow, missing: list[str], expected: dict, sheet: str) -> str:
        ids = ("number",) if sheet == F.SHEET_TASKS else ("task", "name")
        for key in missing:
            want = expected[key]
            if all(f in row.values for f in ids) and self._same(row.values, want, ids):
                return key
        return ""

    def _same(self, row: dict, want: dict, fields: list[str]) -> bool:
        """Whether locked cells hold what was sent out, compared as the form's fingerprints
        compare them (8640 and 8640.0 are the same)."""
        return self.plan.fingerprint(row, fields) == self.plan.fingerprint(want, fields)

    def _locked(self, table: Table, matched: dict, expected: dict, spec) -> None:
        fields = F.locked_fields(spec)
        for key, row in matched.items():
            if key in self.meta_fps:
                now = self.plan.fingerprint({**row.values, "key": key}, fields)
                if now == self.meta_fps[key]:
                    continue  # as sent out
            want = expected.get(key)
            if want is None:
                continue
            for name in fields:
                if name == "key" or name not in row.values:
                    continue
                if not self._same(row.values, want, [name]):
                    self.found.add(
                        WARNING,
                        f"锁定内容“{HEADERS[name]}”被改动：原为“{shorten(want.get(name))}”，"
                        f"现为“{shorten(row.values[name])}”",
                        "锁定内容不应修改，请核实；本行填报内容已按行键采用",
                        table.sheet, row.cells[name],
                    )

    # --- answers ----------------------------------------------------------------------
    def _odd_cells(self, sheet: str, row: FormRow, fields) -> None:
        """Formulas and error values among a row's answers: each a problem row naming the cell
        (an ordinary formula with its saved result is simply read)."""
        odd = self.form.odd.get(sheet)
        if not odd:
            return
        for name in fields:
            cell = row.cells.get(name, "")
            it = odd.get(cell)
            if it is None:
                continue
            typed = _number(it.cached) if not it.error else None
            if typed is not None and isinstance(row.values.get(name), DATE_LIKE):
                row.values[name] = typed  # a negative number shown as a date: what was typed
            header, formula = HEADERS[name], f"公式“={shorten(it.formula)}”" if it.formula else ""
            if it.error:
                self.found.add(ERROR, f"“{header}”是错误值 {it.error}"
                               f"{'（' + formula + '的结果）' if formula else ''}，未能读取",
                               "请改正公式或直接填写数值后重新报送", sheet, cell)
                row.values[name] = None
            elif it.cached is None:
                self.found.add(ERROR, f"“{header}”是{formula}，但文件中没有保存计算结果"
                               "（可能由其他软件生成），未能读取",
                               "请在 Excel 中打开并保存一次后重新报送，或直接填写数值", sheet, cell)
                row.values[name] = None
            elif it.external:
                self.found.add(WARNING, f"“{header}”的{formula}引用了其他工作簿（外部链接），"
                               f"已按保存时的结果“{shorten(it.cached)}”读取",
                               "请核实该数值；请直接填写数值，不要链接其他文件", sheet, cell)

    def _texts(self, sheet: str, row: FormRow, names) -> list[str]:
        """Text answers; one as long as an Excel cell holds, or longer, is cut there (the
        reader gives no more of it), with a problem row."""
        texts = [V.text_of(row.values.get(name)) for name in names]
        for i, name in enumerate(names):
            texts[i] = self._long_text(texts[i], HEADERS[name], sheet, row.cells.get(name, ""))
        return texts

    def _long_text(self, text: str, label: str, sheet: str, cell: str) -> str:
        """A text at Excel's limit for a cell or over it: cut there, with a line. (The reader
        gives a shared string of any length as its first 32,767 characters: a text exactly
        that long was probably longer.)"""
        if len(text) < V.CELL_TEXT_LIMIT:
            return text
        count = f"有 {len(text):,} 个字符，超过" if len(text) > V.CELL_TEXT_LIMIT else "达到"
        self.found.add(WARNING, f"“{label}”{count} Excel 单元格的上限（{V.CELL_TEXT_LIMIT:,} 个字符），"
                       f"汇总表中只保留前 {V.CELL_TEXT_LIMIT:,} 个，其余内容未能汇总",
                       "请精简内容，详细材料可另附文件", sheet, cell)
        return text[: V.CELL_TEXT_LIMIT]

    def _task_answers(self, key: str, row: FormRow) -> None:
        sheet, found = self.form.tasks.sheet, self.found
        self._odd_cells(sheet, row, TASK_ANSWERS)
        cells = {f: row.cells.get(f, "") for f in TASK_ANSWERS}
        status = unicodedata.normalize("NFKC", V.text_of(row.values.get("status")))
        if status and status not in STATUSES:
            found.add(ERROR, f"进展状态“{shorten(status)}”不是可选项（{'、'.join(STATUSES)}）",
                      "请从下拉列表中选择进展状态", sheet, cells["status"])
            status = ""
        progress, note, error = V.parse_progress(row.values.get("progress"))
        if status == "已完成" and progress == 1 and not isinstance(row.values.get("progress"), str):
            progress, note = 100.0, "进展状态为“已完成”、完成进度为 1（在 Excel 中输入“100%”即存为 1），已按 100% 理解"
        if error:
            found.add(ERROR, error, "请填写 0-100 之间的数字（如 80 表示 80%）", sheet,
                      cells["progress"])
        elif note:
            found.add(NOTE, note, "无需处理；以后请直接填写 0-100 之间的数字", sheet,
                      cells["progress"])
        narrative, problems, next_steps = self._texts(sheet, row, TASK_ANSWERS[2:])
        answer = {
            "status": status,
            "progress": progress,
            "narrative": narrative,
            "problems": problems,
            "next_steps": next_steps,
        }
        if status == "已完成" and progress is not None and progress < 100:
            found.add(WARNING, f"进展状态为“已完成”，但完成进度只有 {V.text_of(progress)}%",
                      "请核实：已完成的任务进度应为 100%，否则请改为“推进中”", sheet,
                      cells["progress"])
        if status == "推进中" and not answer["narrative"]:
            found.add(WARNING, "进展状态为“推进中”，但未填写工作进展及成效", "请补充工作进展及成效",
                      sheet, cells["narrative"] or cells["status"])
        found.tasks[key] = answer
        found.rows[key] = row

    def _figure_answers(self, key: str, row: FormRow, want: dict) -> None:
        sheet, found = self.form.figures.sheet, self.found
        self._odd_cells(sheet, row, ("actual", "note"))
        cell = row.cells.get("actual", "")
        measure, target = want.get("unit", ""), want.get("target")
        actual, note, error = V.parse_figure(row.values.get("actual"), measure)
        if actual is not None and abs(actual) >= V.LARGEST_FIGURE:
            actual, note, error = None, "", f"{V.text_of(actual)} 大得不合常理（可能误填或由其他软件导出）"
        flag = ""
        hint = f"（单位：{measure}）" if measure else ""
        if error:
            found.add(ERROR, f"实际完成值无法识别：{error}",
                      f"请只填写数字{hint}，需要说明的情况写在“说明”列", sheet, cell)
            flag = "无效"
        elif note:
            found.add(NOTE, note, "无需处理；以后请直接填写数字", sheet, cell)
        elif (actual is None and self.plan.reports(self.found.unit, key)
              and not self._told(sheet, cell)):
            found.add(WARNING, "未填写实际完成值", f"请填写本单位的实际完成数{hint}，"
                      "确实无法提供的在“说明”列写明原因", sheet, cell)
        if actual is not None and actual < 0:
            found.add(ERROR, f"实际完成值为负数（{V.text_of(actual)}）", "请核实后填写不小于 0 的数字",
                      sheet, cell)
            actual, flag = None, "无效"
        if actual is not None and measure == "%" and 0 < actual <= 1 and (target or 0) >= 10:
            actual = round(actual * 100, 6)
            found.add(NOTE, f"实际完成值按百分比理解为 {V.text_of(actual)}%",
                      "无需处理；以后请直接填写百分数的数值（如 97）", sheet, cell)
        reason = self._implausible(key, actual, target)
        if reason:
            found.add(WARNING, f"实际完成值 {V.text_of(actual)}：{reason}，待核实",
                      "请核实是否多填了数位或计量单位有误", sheet, cell)
            flag = FLAG_VERIFY
        found.figures[key] = {
            "actual": actual,
            "note": self._texts(sheet, row, ("note",))[0],
            "flag": flag,
        }
        found.rows[key] = row

    def _told(self, sheet: str, cell: str) -> bool:
        """A problem row names this cell already (a formula without result, an error value)."""
        return any(p.sheet == sheet and p.cell == cell for p in self.found.problems)

    def _implausible(self, key: str, actual, target) -> str:
        indicator = self.plan.indicator(key)
        if actual is None or indicator is None:
            return ""
        return suspicion(actual, indicator, target)

    # --- 填报信息 ---------------------------------------------------------------------
    def _read_info(self) -> None:
        info = self.found.info = self.form.info
        sheet = self.form.info_sheet
        self.found.reporter, self.found.phone = (
            self._long_text(V.text_of(info.get(name, (None, ""))[0]), INFO_LABELS[name], sheet,
                            info.get(name, (None, ""))[1]) for name in ("reporter", "phone"))
        self.found.filled = cell_date(info.get("date", (None, ""))[0])
        self._check_filled()

    def _check_filled(self) -> None:
        """填报日期 is shown, never trusted alone: one in the future or before the forms were
        issued is a problem row."""
        filled, today = self.found.filled, date.today()
        if filled is None:
            return
        place = self._info_place("date")
        if filled > today:
            self.found.add(WARNING, f"填报日期 {filled.isoformat()} 晚于今天（{today.isoformat()}）",
                           "请核实并更正填报日期", *place)
        elif self.issued and filled < self.issued:
            self.found.add(WARNING, f"填报日期 {filled.isoformat()} 早于任务表下发日期"
                           f"（{self.issued.isoformat()}）", "请核实并更正填报日期", *place)

    def _check_contact(self) -> None:
        if not self.form.info:
            self.found.add(WARNING, "找不到“填报信息”工作表，无法得知填报人和联系电话",
                           "请补充填报人和联系电话")
            return
        for name in ("reporter", "phone"):
            if not getattr(self.found, name):
                sheet, cell = self._info_place(name)
                self.found.add(WARNING, f"未填写{INFO_LABELS[name]}", f"请补填{INFO_LABELS[name]}",
                               sheet or F.SHEET_INFO, cell)

    def _answered(self) -> bool:
        tasks = any(v not in ("", None) for a in self.found.tasks.values() for v in a.values())
        figures = any(a["actual"] is not None or a["note"] or a["flag"]
                      for a in self.found.figures.values())
        return tasks or figures
