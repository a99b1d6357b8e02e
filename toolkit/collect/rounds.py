"""A collected round, built the same way from the files just examined or from the store.

    records, answers = records_of(found, skipped)     # what a collection run learned
    collected = build_round(index, round, records, winner_values(records, answers),
                            corrections, extra)

`build_round` is the one place that turns file records and answers into the round's
consolidation (each unit's winning file, every responsible unit listed, corrections applied);
the collection calls it on what it just read, `check` and `summary` run alone call it on what the
store kept, so both see the same round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from toolkit.collect.examine import Examined
from toolkit.collect.index import CollectIndex
from toolkit.intake.inbox import Skipped
from toolkit.collect.merge import SKIPPED, USED
from toolkit.model import returns
from toolkit import vocab
from toolkit.errors import Problem
from toolkit.rules.rounds import is_late, sent_time
from toolkit.rules.text import shown_name
from toolkit.vocab import CITY
from toolkit.model.plan import Correction
from toolkit.model.returns import INFO_KEY, Answer, FileRecord, PackedAnswers, shared

TASK_FIELDS = ("status", "progress", "narrative", "problems", "next_steps")
FIGURE_FIELDS = ("actual", "note", "flag")
INFO_FIELDS = ("reporter", "phone", "date")
# the corrections of an answer nobody corrected: one empty list for all of them (a round of
# thousands of units has a million answers); never added to, as corrections make new rows
UNCORRECTED: list = []


@dataclass
class CollectedRound:
    """One round as the later stages see it: the consolidation and what the run found."""

    round: str
    consolidation: returns.Consolidation
    records: list[FileRecord]
    problems: list[tuple[str, Problem]]  # (unit, problem)
    late: set[str] = field(default_factory=set)
    filled: dict[str, str] = field(default_factory=dict)  # unit -> 填报日期
    corrections: list[Correction] = field(default_factory=list)
    revisions: list = field(default_factory=list)  # collect.loop.Revision: 修改记录
    comparison: object = None  # collect.loop.Comparison against the previous round: 进展对比

    @property
    def winners(self) -> dict[str, FileRecord]:
        return {r.unit: r for r in self.records if r.outcome == USED}

    @property
    def counts(self) -> dict:
        subs = self.consolidation.submissions
        missing = sum(1 for s in subs if s.state == vocab.NOT_SUBMITTED)
        empty = sum(1 for s in subs if s.state == vocab.NOT_FILLED)  # a form with no answer
        return {
            "expected": len(subs),
            "reported": sum(1 for s in subs if s.sent()),  # the one rule of "reported"
            "missing": missing,
            "empty": empty,
            "late": len(self.late),
            "problems": len(self.problems),
            "unverified": sum(1 for r in self.winners.values() if not r.verified),
        }


# --- from examined files ---------------------------------------------------------------------
def records_of(found: list[Examined], skipped: list[Skipped], first_seen: dict | None = None,
               registered: dict | None = None, now: str | None = None
               ) -> tuple[list[FileRecord], PackedAnswers]:
    """The file records and answers of a run, in the order the files were read.

    `first_seen`: (ledger path, sha256) -> ISO time the store first saw the file, and
    sha256 -> when it first saw that content (the file since moved with its folder); `now`:
    this run's time, the first sight of a file the store did not know (None: no store, no
    sight); `registered`: unit -> ISO time of the master's 接收登记 for the round."""
    first_seen, registered = first_seen or {}, registered or {}
    records = [file_record(f, first_seen.get((f.source.ledger_path, f.source.sha256))
                           or first_seen.get(f.source.sha256) or now, registered.get(f.unit))
               for f in found]
    records += [skipped_record(s) for s in skipped]
    answers = PackedAnswers()
    for item in found:
        if item.usable:
            if not item.answers:  # not packed by a reader process
                item.unpack()
                item.answers, item.answer_count = answer_block(item)
            answers.add_block(item.answers, frozenset((item.source.sha256,)), item.answer_count)
        item.tasks = item.figures = item.rows = item.info = {}  # now in `answers`: held once
        item.packed = item.answers = b""
    return records, answers


def file_record(found: Examined, first_seen: str | None = None,
                registered: str | None = None) -> FileRecord:
    source = found.source
    sent, basis = sent_time(source.saved, _time(first_seen), source.mtime, _time(registered),
                            source.arrived, source.claimed)
    return FileRecord(
        name=source.name, path=source.ledger_path, sha256=source.sha256,
        received=sent.isoformat(sep=" ", timespec="seconds") if sent else "",
        received_basis=basis, unit=found.unit, form_round=found.round,
        outcome=found.outcome, verified=found.verified, reporter=found.reporter,
        phone=found.phone, filled=found.filled.isoformat() if found.filled else "",
        errors=found.errors, problems=list(found.problems), size=source.size,
        mtime=source.received,
    )


def _time(iso: str | None) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None
    return stamp.astimezone().replace(tzinfo=None) if stamp and stamp.tzinfo else stamp


def skipped_record(skipped: Skipped) -> FileRecord:
    return FileRecord(name=skipped.name, path=shown_name(str(skipped.path)), outcome=SKIPPED)


def answer_block(found: Examined) -> tuple[bytes, int]:
    """A usable file's answers packed as PackedAnswers holds a file's (returns.packed of
    answer_rows), and how many: made where the file is read, so that the run only keeps it."""
    rows = answer_rows(found)
    return returns.packed(rows), len(rows)


def answer_rows(found: Examined) -> list[tuple]:
    """Every answer of a usable file: each field of each matched row, blanks included (a
    matched row with nothing filled in is still a row the unit returned), as the tuples
    PackedAnswers holds (returns.held: sha256, unit, key, field, raw, value, cell)."""
    sha, unit = found.source.sha256, found.unit
    out = []
    for answers, fields in ((found.tasks, TASK_FIELDS), (found.figures, FIGURE_FIELDS)):
        for key, answer in answers.items():
            row = found.rows.get(key)
            for name in fields:
                raw = row.values.get(name) if row is not None else None
                cell = row.cells.get(name, "") if row is not None else ""
                out.append((sha, unit, key, name, shared(raw), shared(answer.get(name)),
                            shared(cell)))
    for name in INFO_FIELDS:
        value, cell = found.info.get(name, (None, ""))
        understood = {"reporter": found.reporter, "phone": found.phone,
                      "date": found.filled.isoformat() if found.filled else ""}[name]
        out.append((sha, unit, INFO_KEY, name, value, understood, cell))
    return out


# --- the round -------------------------------------------------------------------------------
def build_round(index: CollectIndex, round_name: str, records: list[FileRecord],
                values, corrections: list[Correction] = (),
                extra: list[Problem] = ()) -> CollectedRound:
    """The round's consolidation from file records and the winning files' answers (`values`:
    `winner_values` of a run's own answers, or the store's `winner_rows` / `file_rows`), read
    one row key at a time each time a stage goes through the round (returns.Keyed)."""
    rnd = index.plan.settings.round(round_name)
    due = rnd.due if rnd else None
    winners = {r.unit: r for r in records if r.outcome == USED}
    applied = _applied(corrections)
    answered = _answered(values, applied)
    blanks = _blanks(index, values, applied)
    result = returns.Consolidation(round_name)
    result.tasks = _tasks(index, winners, values, applied)
    result.figures = _figures(index, winners, values, applied,
                              _city_figures(index, corrections, applied))
    result.submissions = [_submission(u, winners.get(u), due, u in answered, blanks.get(u, ()))
                          for u in index.responsible]
    problems = [(r.unit, p) for r in records for p in r.problems]
    problems += [("", p) for p in extra]
    late = {u for u, r in winners.items() if is_late(r.received, due)}
    filled = {u: r.filled for u, r in winners.items() if r.filled}
    return CollectedRound(round_name, result, list(records), problems, late, filled,
                          list(corrections))


class HeldRows:
    """The answers of each unit's winning file, by row key, as a collection run holds them;
    the store's `winner_rows` gives the same from its tables. `take(key)` gives one row key's
    rows ({unit: {field: value}}), as often as asked."""

    def __init__(self):
        self._by_key: dict[str, dict[str, dict]] = {}

    def add(self, unit: str, key: str, field: str, value) -> None:
        self._by_key.setdefault(key, {}).setdefault(unit, {})[field] = value

    def take(self, key: str) -> dict[str, dict]:
        return self._by_key.get(key, {})

    def unit_rows(self, unit: str) -> dict[str, dict]:
        """{row key: {field: value}} of one unit."""
        return {key: rows[unit] for key, rows in self._by_key.items() if unit in rows}

    def row(self, unit: str, key: str) -> dict | None:
        return self._by_key.get(key, {}).get(unit)

    def answered(self) -> set[str]:
        """The units whose winning file answers at least one task or figure (填报信息 aside)."""
        return {unit for key, rows in self._by_key.items() if key != INFO_KEY
                for unit, fields in rows.items() if says(fields)}

    def filled_keys(self) -> dict[str, frozenset]:
        """Unit -> the figures its winning file gives a value or a flag (not blank)."""
        out: dict[str, set] = {}
        for key, rows in self._by_key.items():
            for unit, fields in rows.items():
                if not blank(fields):
                    out.setdefault(unit, set()).add(key)
        return {unit: frozenset(keys) for unit, keys in out.items()}


def says(fields: dict) -> bool:
    return any(v not in (None, "") for v in fields.values())


def blank(fields: dict) -> bool:
    """Whether a figure row is left blank: no value, and no flag saying why (不适用 …)."""
    return fields.get("actual") is None and not fields.get("flag")


def winner_values(records: list[FileRecord], answers: list[Answer]) -> HeldRows:
    """The answers of each unit's winning file, by row key and unit."""
    used = {r.sha256: r.unit for r in records if r.outcome == USED}
    out = HeldRows()
    for a in answers:
        if used.get(a.sha256) == a.unit:
            out.add(a.unit, a.key, a.field, a.value)
    return out


def _applied(corrections: list[Correction]) -> dict[tuple[str, str], list]:
    """(unit, key) -> the administrator's corrections of that row."""
    applied: dict[tuple[str, str], list[Correction]] = {}
    for c in corrections:
        applied.setdefault((c.unit, c.key), []).append(c)
    return applied


def _corrected(row: dict | None, corrections: list[Correction] | None) -> dict | None:
    """A row with its corrections put in (a new dict: the row as read is never changed)."""
    if not corrections:
        return row
    row = dict(row or {})
    for c in corrections:
        row[c.field] = c.new
        if c.field == "actual":
            row["flag"] = ""
    return row


def _answered(values, applied: dict) -> set[str]:
    """The units whose answers, corrected, say something in a task or a figure (填报信息
    aside); a unit with corrections is judged on its corrected rows."""
    corrected = {unit for unit, _ in applied}
    out = values.answered() - corrected
    for unit in corrected:
        rows = values.unit_rows(unit)
        keys = list(rows) + [k for u, k in applied if u == unit and k not in rows]
        if any(key != INFO_KEY and says(_corrected(rows.get(key), applied.get((unit, key))) or {})
               for key in keys):
            out.add(unit)
    return out


def _file(winner: FileRecord | None, row: dict | None) -> str:
    return winner.name if winner is not None and row is not None else ""


def _tasks(index: CollectIndex, winners, values, applied) -> returns.Keyed:
    """Every unit's answer to each of its tasks, read one task at a time (returns.Keyed)."""
    tasks = {t.number: t for t in index.tasks}

    def read(number: int) -> list[returns.TaskAnswer]:
        task = tasks[number]
        rows, out = values.take(task.key), []
        for unit, role in index.task_units(task):
            row = _corrected(rows.get(unit), applied.get((unit, task.key)))
            got = row or {}
            out.append(returns.TaskAnswer(
                task.number, unit, role,
                status=got.get("status") or "",
                progress=got.get("progress"),
                narrative=got.get("narrative") or "",
                problems=got.get("problems") or "",
                next_steps=got.get("next_steps") or "",
                file=_file(winners.get(unit), row),
                corrected=applied.get((unit, task.key), UNCORRECTED),
            ))
        return out

    return returns.Keyed(tasks, read)


def _figures(index: CollectIndex, winners, values, applied, city) -> returns.Keyed:
    """Every unit's answer to every figure of its tasks, read one indicator at a time
    (returns.Keyed), then `city`, the city figures the administrator decided."""
    tasks = {t.number: t for t in index.tasks}
    indicators = {i.key: i for i in index.indicators if i.task in tasks}

    def read(key: str) -> list[returns.FigureAnswer]:
        ind = indicators[key]
        rows, out = values.take(key), []
        for unit, role in index.task_units(tasks[ind.task]):
            row = _corrected(rows.get(unit), applied.get((unit, key)))
            got = row or {}
            target = index.rows(unit)[1].get(key, {}).get("target", ind.value)
            out.append(returns.FigureAnswer(
                key, ind.task, unit, role, target=target,
                actual=got.get("actual"), note=got.get("note") or "",
                flag=got.get("flag") or "", file=_file(winners.get(unit), row),
                corrected=applied.get((unit, key), UNCORRECTED),
            ))
        return out

    return returns.Keyed(indicators, read, city, key_of=lambda a: a.indicator)


def _blanks(index: CollectIndex, values, applied) -> dict[str, list[str]]:
    """By unit, the keys of the figures it left blank that count toward a city figure (its
    share of a sum, its own rate of a standard: CollectIndex.reports), in the form's order;
    a figure the administrator corrected (核实更正) is not blank."""
    tasks = {t.number: t for t in index.tasks}
    blanks: dict[str, list[str]] = {}
    filled = values.filled_keys()  # the keys only, in one pass: the rows themselves are not read
    for ind in index.indicators:
        task = tasks.get(ind.task)
        if task is None:
            continue
        for unit, _ in index.task_units(task):
            if not index.reports(unit, ind.key):
                continue
            corrections = applied.get((unit, ind.key))
            if corrections:
                empty = blank(_corrected(values.row(unit, ind.key), corrections))
            else:
                empty = ind.key not in filled.get(unit, ())
            if empty:
                blanks.setdefault(unit, []).append(ind.key)
    return blanks


def _city_figures(index: CollectIndex, corrections, applied) -> list[returns.FigureAnswer]:
    """The city figures the administrator decided (核实更正 with 单位 全市), as answers of 全市."""
    out = []
    for c in corrections:
        indicator = index.indicator(c.key) if c.unit == CITY else None
        if indicator is not None:
            out.append(returns.FigureAnswer(c.key, indicator.task, CITY, "", indicator.value,
                                          actual=c.new, corrected=applied.get((CITY, c.key), [])))
    return out


def _submission(unit: str, winner: FileRecord | None, due: date | None,
                answered: bool = True, blanks: list[str] = ()) -> returns.Submission:
    """A unit's state: 未报送, 未填写 (nothing answered), 有问题 (errors), 报送不全 (a figure
    that counts left blank), 逾期 (late), 已报送."""
    if winner is None:
        return returns.Submission(unit, vocab.NOT_SUBMITTED)
    if not answered:
        state = vocab.NOT_FILLED  # a form returned with no answer at all
    elif winner.errors:
        state = vocab.WITH_PROBLEMS
    elif blanks:
        state = vocab.PARTLY_SUBMITTED
    elif is_late(winner.received, due):
        state = vocab.LATE
    else:
        state = vocab.SUBMITTED
    return returns.Submission(
        unit, state, file=winner.name, received=winner.received,
        received_basis=winner.received_basis, reporter=winner.reporter,
        phone=winner.phone, problems=len(winner.problems), verified=winner.verified,
        blanks=list(blanks) if answered else [],
    )
