"""The store: workplan.sqlite beside the master, every round's files, answers and corrections.

    store = Store.beside(master)
    run = store.record_collection(round, inbox, output, counts, records, answers)
    ... write the consolidated workbook, then
    store.complete_run(run, output)             # the run counts only once its workbook is there
    store.latest_run(round), store.run_records(run), store.answers_of(round, hashes)

The schema and its migrations are in `toolkit.store.schema`. A run is recorded as pending and
marked complete after its workbook was moved into place, so a run killed in between is never
taken for the last one: the next opening settles it (complete when the workbook on disk is the
one it wrote, else forgotten). A corrupt store is set aside and rebuilt; the notice says where.

The working folder may move (a new PC, another drive letter, a copy on a USB stick): paths inside
the store's folder are kept relative to it, outputs are recognised by their content (`wrote`),
and a file's first sight is found by its content too (`first_seen`).

WAL needs memory shared between the processes that use the file, which a network share does not
give: a store on a share (a mapped drive, \\\\server\\share, NFS/SMB; toolkit.common.shares)
uses SQLite's rollback journal (journal_mode DELETE) instead, which works wherever the share's
file locks do; the master's lock keeps to one command at a time, from whichever PC.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
import weakref
from sys import intern
from contextlib import closing, contextmanager
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path, PureWindowsPath

from toolkit.common.atomic import sha256_of
from toolkit.common.shares import on_network_share
from toolkit.errors import EnvironmentFailure, Problem, WorkplanError, machine_failure
from toolkit.store import schema
from toolkit.model.plan import Correction
from toolkit.model.returns import (INFO_KEY, KEPT, Answer, FileRecord, Previous, answer_blocks,
                                   answer_files, shared, storable)
from toolkit.rules.rounds import earlier_rounds
from toolkit.vocab import USED

log = logging.getLogger("workplan.store")

STORE_NAME = "workplan.sqlite"
BUSY_SECONDS = 30
BATCH = 500  # hashes per query (SQLite allows 999 parameters in older builds)

__all__ = ["INFO_KEY", "Answer", "Correction", "FileRecord", "Store", "sha256_of"]


def now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="seconds")


def _problem_json(problems: list[Problem]) -> str:
    return json.dumps([[p.file, p.sheet, p.cell, p.problem, p.action, p.severity]
                       for p in problems], ensure_ascii=False)


def _problems(text: str) -> list[Problem]:
    return [Problem(*row) for row in json.loads(text or "[]")]


FULL_MARGIN = 1024 * 1024  # free bytes below which a failed write is taken for a full disk


def environment_error(exc: BaseException, path: Path) -> WorkplanError:
    """An SQLite or OS failure of the store as one line naming the cause and the file."""
    if isinstance(exc, OSError):
        return machine_failure(exc) or EnvironmentFailure(exc, path)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return WorkplanError(f"台账文件 {path} 正被其他程序占用，请稍后再试。")
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    full = "full" in text or code == sqlite3.SQLITE_FULL or (
        (code == sqlite3.SQLITE_IOERR or "i/o" in text) and _disk_full(path))
    cause = (errno.ENOSPC if full else errno.EROFS if "readonly" in text
             else errno.EACCES if "unable to open" in text or "permission" in text else errno.EIO)
    return EnvironmentFailure(OSError(cause, str(exc)), path)


def _disk_full(path: Path) -> bool:
    """A write that failed with an I/O error on a disk with (almost) no room left: SQLite says
    "disk I/O error" rather than "disk full" when the disk fills while its journal is written."""
    try:
        return shutil.disk_usage(Path(path).parent).free < FULL_MARGIN
    except OSError:
        return False


class Store:
    """One store file; every method opens its own short connection."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.notices: list[str] = []  # said once to the user, e.g. a corrupt store rebuilt
        self.rebuilt: Path | None = None  # the corrupt store set aside, when this one was rebuilt
        self._ready = False
        self._journal = ""  # WAL, or DELETE on a network share (set when first opened)
        self._readers: weakref.WeakSet = weakref.WeakSet()  # WinnerRows with a connection

    @classmethod
    def beside(cls, master: str | os.PathLike) -> "Store":
        return cls(Path(master).parent / STORE_NAME)

    # --- connections ----------------------------------------------------------------------
    @contextmanager
    def connect(self):
        """A connection in WAL mode (DELETE on a share) with the schema in place; errors
        become one line."""
        try:
            if not self._ready:
                self._prepare()
            with closing(self._open()) as con:
                yield con
        except sqlite3.DatabaseError as exc:
            raise environment_error(exc, self.path) from None
        except OSError as exc:
            raise environment_error(exc, self.path) from None

    def close_readers(self) -> None:
        """Let go of the connections the round's readers (WinnerRows) hold: the command is
        done. A reader read again opens another."""
        for reader in list(self._readers):
            reader.close()

    def ready(self) -> "Store":
        """Open (and migrate, or rebuild when corrupt) now rather than at the first query."""
        with self.connect():
            pass
        return self

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS)
        con.execute("PRAGMA foreign_keys = OFF")
        return con

    @property
    def journal(self) -> str:
        """The journal mode for this store's folder: WAL on a local disk, DELETE on a share."""
        if not self._journal:
            shared = on_network_share(self.path.parent)
            self._journal = "DELETE" if shared else "WAL"
            if shared:
                log.info("store %s is on a network share: rollback journal, not WAL", self.path)
        return self._journal

    def _prepare(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(self._open()) as con:
                self._check(con)
                schema.migrate(con)
        except schema.NewerStore as exc:
            raise WorkplanError(
                f"台账文件 {self.path} 由较新版本的 workplan 写入（台账格式第 {exc.found} 版，"
                f"本程序只能读写第 {schema.SCHEMA_VERSION} 版），为免损坏未打开；"
                "请把 workplan 升级到最新版本后再运行。") from None
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                raise
            kept = self._set_aside(exc)
            with closing(self._open()) as con:
                con.execute(f"PRAGMA journal_mode = {self.journal}")
                schema.migrate(con)
                salvaged = salvage(kept, con)
            self.rebuilt = kept
            log.warning("store rebuilt from %s: %s rows salvaged", kept, salvaged)
        self._ready = True
        self._settle()

    def _check(self, con: sqlite3.Connection) -> None:
        con.execute(f"PRAGMA journal_mode = {self.journal}")
        row = con.execute("PRAGMA quick_check").fetchone()
        if row and row[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {row[0]}")

    def _set_aside(self, exc: BaseException) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.损坏-{stamp}")
        log.warning("store %s is corrupt (%s); set aside as %s", self.path, exc, kept)
        os.replace(self.path, kept)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
        self.notices.append(f"台账文件损坏，已另存为 {kept.name} 并重建；本次汇总照常进行。")
        return kept

    def _settle(self) -> None:
        """Pending runs left by a run that was stopped: keep those whose workbook is in place."""
        with closing(self._open()) as con, con:
            pending = con.execute("SELECT id, output, output_sha256 FROM runs WHERE complete = 0")
            for run, output, digest in pending.fetchall():
                output = self.here(output)
                done = digest and output.is_file() and sha256_of(output) == digest
                if done:
                    con.execute("UPDATE runs SET complete = 1 WHERE id = ?", (run,))
                else:
                    con.execute("DELETE FROM run_files WHERE run = ?", (run,))
                    con.execute("DELETE FROM runs WHERE id = ?", (run,))
                log.info("pending run %s %s", run, "completed" if done else "discarded")

    # --- paths, as kept: the working folder may move ----------------------------------------
    def stored(self, path: str | os.PathLike) -> str:
        """`path` as the store keeps it: relative to the store's folder when inside it, else
        absolute."""
        full = Path(path).resolve()
        try:
            return full.relative_to(self.path.parent.resolve()).as_posix()
        except ValueError:
            return str(full)

    def here(self, text: str) -> Path:
        """A path the store kept, where it is now."""
        if Path(text).is_absolute() or PureWindowsPath(text).is_absolute():
            return Path(text)
        return self.path.parent / text

    # --- a collection run -----------------------------------------------------------------
    def record_collection(self, round_name: str, inbox: Path, output: Path, counts: dict,
                          records: list[FileRecord], answers: list[Answer],
                          extra: list[Problem] = (), output_sha256: str = "") -> int:
        """Record a run (pending until `complete_run`), its files and their answers."""
        stamp = now()
        with self.connect() as con, con:
            run = con.execute(
                "INSERT INTO runs (round, started, inbox, output, counts, complete, "
                "output_sha256, extra) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                (round_name, stamp, self.stored(inbox), self.stored(output),
                 json.dumps(counts, ensure_ascii=False), output_sha256, _problem_json(list(extra))),
            ).lastrowid
            self._files(con, round_name, run, stamp, records)
            self._answers(con, round_name, answers)
        return run

    def record_answers(self, round_name: str, answers: list[Answer]) -> None:
        """The answers of files read, recorded ahead of their run (they are kept by the files'
        content, so recording them again changes nothing): the collection need not hold them
        while it writes its workbook."""
        with self.connect() as con, con:
            self._answers(con, round_name, answers)

    def complete_run(self, run: int) -> None:
        with self.connect() as con, con:
            con.execute("UPDATE runs SET complete = 1 WHERE id = ?", (run,))

    def _files(self, con, round_name: str, run: int, stamp: str, records) -> None:
        con.executemany(
            """INSERT INTO files (round, path, sha256, size, mtime, first_seen, last_seen,
                   last_run, unit, form_round, outcome, state, problems)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)
               ON CONFLICT (round, path, sha256) DO UPDATE SET
                   last_seen = excluded.last_seen, last_run = excluded.last_run,
                   size = excluded.size, mtime = excluded.mtime, unit = excluded.unit,
                   form_round = excluded.form_round, outcome = excluded.outcome,
                   problems = excluded.problems""",
            [(round_name, r.path, r.sha256, r.size, r.mtime, stamp, stamp, run, r.unit,
              r.form_round, r.outcome, len(r.problems)) for r in records],
        )
        con.executemany(
            """INSERT INTO run_files (run, seq, name, path, sha256, received, received_basis,
                   unit, form_round, outcome, verified, reporter, phone, filled, errors, problems)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(run, seq, r.name, r.path, r.sha256, r.received, r.received_basis, r.unit,
              r.form_round, r.outcome,
              int(r.verified), r.reporter, r.phone, r.filled, r.errors, _problem_json(r.problems))
             for seq, r in enumerate(records)],
        )

    def _answers(self, con, round_name: str, answers) -> None:
        """`answers`: a list of Answers, or PackedAnswers, stored without making Answers."""
        hashes = sorted(answer_files(answers))
        con.executemany("DELETE FROM answers WHERE round = ? AND sha256 = ?",
                        [(round_name, h) for h in hashes])
        for rows in answer_blocks(answers):  # a file's at a time: no second list of every answer
            con.executemany(
                "INSERT OR REPLACE INTO answers (round, sha256, unit, row_key, field, raw, "
                "value, cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(round_name, sha, unit, key, name,
                  raw if raw.__class__ in KEPT else storable(raw),  # storable, without a call
                  value if value.__class__ in KEPT else storable(value), cell)
                 for sha, unit, key, name, raw, value, cell in rows],
            )

    # --- reading --------------------------------------------------------------------------
    def latest_run(self, round_name: str) -> dict | None:
        """The last complete run of a round: id, started, inbox, output, counts, extra."""
        if not self.path.is_file():
            return None
        with self.connect() as con:
            row = con.execute(
                "SELECT id, started, inbox, output, counts, extra FROM runs "
                "WHERE round = ? AND complete = 1 ORDER BY id DESC LIMIT 1", (round_name,),
            ).fetchone()
        if row is None:
            return None
        return {"id": row[0], "started": row[1], "inbox": str(self.here(row[2])),
                "output": str(self.here(row[3])),
                "counts": json.loads(row[4]), "extra": _problems(row[5])}

    def run_records(self, run: int) -> list[FileRecord]:
        with self.connect() as con:
            rows = con.execute(
                "SELECT name, path, sha256, received, unit, form_round, outcome, verified, "
                "reporter, phone, filled, errors, problems, received_basis FROM run_files "
                "WHERE run = ? "
                "ORDER BY seq", (run,),
            ).fetchall()
        return [FileRecord(name=r[0], path=r[1], sha256=r[2], received=r[3] or "",
                           unit=r[4] or "", form_round=r[5] or "", outcome=r[6] or "",
                           verified=bool(r[7]), reporter=r[8] or "", phone=r[9] or "",
                           filled=r[10] or "", errors=r[11] or 0, problems=_problems(r[12]),
                           received_basis=r[13] or "")
                for r in rows]

    def answers_of(self, round_name: str, hashes) -> list[Answer]:
        """The answers of the files with these hashes, in the order they were recorded."""
        wanted = sorted(set(hashes))
        rows = []
        with self.connect() as con:
            for start in range(0, len(wanted), BATCH):  # by the key: only these files' rows
                chunk = wanted[start:start + BATCH]
                rows += con.execute(
                    "SELECT rowid, sha256, unit, row_key, field, raw, value, cell FROM answers "
                    f"WHERE round = ? AND sha256 IN ({', '.join('?' * len(chunk))})",
                    (round_name, *chunk)).fetchall()
        rows.sort(key=lambda row: row[0])
        return [Answer(*row[1:]) for row in rows]

    def winner_values(self, round_name: str, run: int) -> dict:
        """(unit, row key) -> {field: value} for the answers of the files a run used, as
        `toolkit.collect.rounds.winner_values` gives them from a run's own records."""
        out: dict[tuple[str, str], dict] = {}
        row: dict = {}
        last = ("", "")
        with self.connect() as con:
            rows = con.execute(
                "SELECT a.unit, a.row_key, a.field, a.value FROM run_files f "
                "CROSS JOIN answers a ON a.round = ? AND a.sha256 = f.sha256 AND a.unit = f.unit "
                "WHERE f.run = ? AND f.outcome = ? ORDER BY f.seq, a.rowid",
                (round_name, run, USED))
            for unit, key, field, value in rows:  # row by row: no list of a million rows
                if (unit, key) != last:  # a file's fields come together: one key object
                    last = (unit, key) if unit != last[0] else (last[0], key)
                    row = out.setdefault(last, {})
                row[intern(field)] = shared(value)
        return out

    def winner_rows(self, round_name: str, run: int | None) -> "WinnerRows":
        """The answers of the files a run used, read one row key at a time (see WinnerRows);
        no run: none."""
        return WinnerRows(self, round_name, run)

    def file_rows(self, round_name: str, files: list[tuple[str, str]]) -> "FileRows":
        """The answers of the files (sha256, unit) a collection is using, recorded ahead of
        its run (record_answers), read one row key at a time as winner_rows does."""
        return FileRows(self, round_name, files)

    def accepted(self, round_name: str) -> dict[tuple[str, str], dict]:
        """(unit, row key) -> {field: value} of each unit's used file in the round's last run,
        with the administrator's corrections put in: the round's accepted answers."""
        run = self.latest_run(round_name)
        if run is None:
            return {}
        out = self.winner_values(round_name, run["id"])
        for c in self.corrections(round_name):
            if (c.unit, c.key) in out:
                out[(c.unit, c.key)][c.field] = c.new
        return out

    def previous_answers(self, plan, round_, fields) -> dict[str, Previous]:
        """unit -> Previous: each unit's latest accepted answers (only `fields`) in a round
        before `round_`; "latest" is per unit, the most recent earlier round in which its
        return was used. Empty for a first round or a store not made yet."""
        if not self.path.is_file():
            return {}
        found: dict[str, Previous] = {}
        for name in earlier_rounds(plan, round_):
            for (unit, key), values in self.accepted(name).items():
                kept = {f: v for f, v in values.items() if f in fields}
                if unit in found and found[unit].round != name:
                    continue  # the unit answered in a later round already
                found.setdefault(unit, Previous(name)).rows[key] = kept
        return found

    # --- outputs (never lose an edit: toolkit.common.edits) --------------------------------
    def output_sha(self, path: Path) -> str:
        """The hash of `path` as this project last wrote it, or ""."""
        return self._output(path)[0]

    def _output(self, path: Path) -> tuple[str, str]:
        if not self.path.is_file():
            return "", ""
        with self.connect() as con:
            row = con.execute("SELECT sha256, pending FROM outputs WHERE path IN (?, ?)",
                              (self.stored(path), str(Path(path).resolve()))).fetchone()
        return (row[0], row[1]) if row else ("", "")

    def expect_outputs(self, pairs) -> None:
        """(path, sha256) of outputs written and about to be moved into place: recorded first,
        so that a run stopped between the move and `record_outputs` knows them as its own."""
        stamp = now()
        with self.connect() as con, con:
            for path, digest in pairs:
                key = self.stored(path)
                con.execute("INSERT OR IGNORE INTO outputs (path, sha256, written, pending) "
                            "VALUES (?, '', ?, '')", (key, stamp))
                con.execute("UPDATE outputs SET pending = ? WHERE path = ?", (digest, key))

    def wrote(self, sha256: str) -> bool:
        """Whether an output this project wrote had this content (wherever it is now: the
        working folder may have moved since), or was about to be moved into place when a run
        stopped (see `expect_outputs`)."""
        if not sha256 or not self.path.is_file():
            return False
        with self.connect() as con:
            row = con.execute("SELECT 1 FROM outputs WHERE sha256 = ? OR pending = ? LIMIT 1",
                              (sha256, sha256)).fetchone()
        return row is not None

    def record_outputs(self, paths) -> None:
        """Remember the hash of each output just written."""
        stamp = now()
        with self.connect() as con, con:
            con.executemany(
                "INSERT OR REPLACE INTO outputs (path, sha256, written, pending) "
                "VALUES (?, ?, ?, '')",
                [(self.stored(p), sha256_of(p), stamp) for p in paths])

    def rounds(self) -> list[str]:
        if not self.path.is_file():
            return []
        with self.connect() as con:
            return [r[0] for r in con.execute(
                "SELECT DISTINCT round FROM runs WHERE complete = 1 ORDER BY round")]

    def first_seen(self, round_name: str) -> dict:
        """(path, sha256) -> when the store first saw that file for the round, and sha256 ->
        when it first saw that content under any path (a moved folder, a file sent again)."""
        if not self.path.is_file():
            return {}
        found: dict = {}
        with self.connect() as con:
            for p, s, t in con.execute("SELECT path, sha256, first_seen FROM files "
                                       "WHERE round = ? ORDER BY first_seen", (round_name,)):
                found[(p, s)] = t
                found.setdefault(s, t)
        return found

    # --- corrections (核实更正) -------------------------------------------------------------
    def sync_corrections(self, round_name: str, wanted: list[Correction],
                         current) -> list[Correction]:
        """Make the round's stored corrections those of the master's 核实更正 sheet.

        A correction already stored keeps its recorded time and the value it replaced;
        a new one records `current(correction)` (the collected value) as that value.
        A row deleted from the sheet is a correction withdrawn.
        """
        stamp = now()
        with self.connect() as con, con:
            stored = {(u, k, f): (old, new, rec) for u, k, f, old, new, rec in con.execute(
                "SELECT unit, row_key, field, old, new, recorded FROM corrections "
                "WHERE round = ?", (round_name,))}
            con.execute("DELETE FROM corrections WHERE round = ?", (round_name,))
            for c in wanted:
                before = stored.get((c.unit, c.key, c.field))
                if before and before[1] == storable(c.new):
                    c.old, c.recorded = before[0], before[2]
                else:
                    c.old, c.recorded = storable(current(c)), stamp
                con.execute(
                    "INSERT OR REPLACE INTO corrections (round, unit, row_key, field, old, new, "
                    "who, at, why, recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (round_name, c.unit, c.key, c.field, c.old, storable(c.new), c.who, c.at,
                     c.why, c.recorded))
        return wanted

    def corrections(self, round_name: str) -> list[Correction]:
        if not self.path.is_file():
            return []
        with self.connect() as con:
            rows = con.execute(
                "SELECT unit, row_key, field, old, new, who, at, why, recorded FROM corrections "
                "WHERE round = ? ORDER BY unit, row_key, field", (round_name,)).fetchall()
        return [Correction(round_name, u, k, f, new, who or "", at or "", why or "", "", old, rec)
                for u, k, f, old, new, who, at, why, rec in rows]


    # --- the mailbox (toolkit.mail) ----------------------------------------------------------
    def fetched_messages(self) -> dict[str, set]:
        """Every message fetched, whatever the round: Message-ID -> the (content hash) and
        (size, arrival) of each message fetched under it."""
        out: dict[str, set] = {}
        with self.connect() as con:
            for mid, digest, size, arrived in con.execute(
                    "SELECT message_id, digest, size, arrived FROM mail_in"):
                out.setdefault(mid, set()).update({digest, (size, arrived)})
        return out

    def mail_hashes(self, round_name: str) -> set[str]:
        with self.connect() as con:
            return {r[0] for r in con.execute(
                "SELECT sha256 FROM mail_files WHERE round = ?", (round_name,))}

    def record_message(self, round_name: str, message: dict, files: list[tuple[str, str]]) -> None:
        """A message fetched (message_id, sender, subject, arrived, unit) and the files saved
        from it as (sha256, path); the arrival time becomes each file's receipt time."""
        with self.connect() as con, con:
            con.execute(
                "INSERT OR IGNORE INTO mail_in (message_id, digest, size, round, sender, "
                "subject, arrived, unit, fetched, saved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message["message_id"], message.get("digest", ""), message.get("size", 0),
                 round_name, message["sender"], message["subject"], message["arrived"],
                 message["unit"], now(), len(files)))
            con.executemany(
                "INSERT OR IGNORE INTO mail_files (round, sha256, path, message_id, arrived) "
                "VALUES (?, ?, ?, ?, ?)",
                [(round_name, sha, path, message["message_id"], message["arrived"])
                 for sha, path in files])

    def arrivals(self, round_name: str) -> dict[str, tuple[str, str]]:
        """sha256 or saved path -> (the arrival time of the message it came in, its sender's
        address, "" when not known)."""
        if not self.path.is_file():
            return {}
        with self.connect() as con:
            rows = con.execute(
                "SELECT f.sha256, f.path, f.arrived, COALESCE(m.sender, '') FROM mail_files f "
                "LEFT JOIN mail_in m ON m.message_id = f.message_id AND m.message_id != '' "
                "WHERE f.round = ?", (round_name,)).fetchall()
        out = {path: (arrived, sender) for _, path, arrived, sender in rows}
        out.update({sha: (arrived, sender) for sha, _, arrived, sender in rows})
        return out

    def record_sent(self, round_name: str, what: str, unit: str, address: str,
                    message_id: str, at: str = "") -> None:
        with self.connect() as con, con:
            known = con.execute("SELECT 1 FROM mail_out WHERE message_id = ? AND unit = ?",
                                (message_id, unit)).fetchone()
            if not known:
                con.execute("INSERT INTO mail_out (round, what, unit, address, message_id, sent) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            (round_name, what, unit, address, message_id, at or now()))

    def record_fetched_files(self, round_name: str, files) -> int:
        """(sha256, path, arrival) of files saved from the mailbox, known again from the inbox
        (a store rebuilt after corruption); returns how many it did not know."""
        with self.connect() as con, con:
            before = con.total_changes
            con.executemany(
                "INSERT OR IGNORE INTO mail_files (round, sha256, path, message_id, arrived) "
                "VALUES (?, ?, ?, '', ?)", [(round_name, *f) for f in files])
            return con.total_changes - before

    def sent(self, round_name: str, what: str) -> dict[str, str]:
        """unit -> when `what` was last sent to it for the round."""
        if not self.path.is_file():
            return {}
        with self.connect() as con:
            return {u: t for u, t in con.execute(
                "SELECT unit, MAX(sent) FROM mail_out WHERE round = ? AND what = ? "
                "GROUP BY unit", (round_name, what))}


class WinnerRows:
    """The answers of each unit's used file in one run, as `toolkit.collect.rounds.HeldRows`
    holds a collection's own: `take(key)` reads one row key's rows ({unit: {field: value}})
    from the store when asked, so that a round is never read whole into memory."""

    _FILES = "run_files"  # where the run's files are listed (FileRows: a temporary table)
    # CROSS JOIN keeps the run's files the outer loop (SQLite never reorders it): each file's
    # answers are then one index range, where the planner, left alone, may scan the round's
    # answers and look each one up among the files (20,000 units: 40 minutes, not seconds)
    _USED = ("FROM {files} f CROSS JOIN answers a ON a.round = ? AND a.sha256 = f.sha256 "
             "AND a.unit = f.unit WHERE f.run = ? AND f.outcome = ?")

    def __init__(self, store: Store, round_name: str, run: int | None):
        self.store, self.round, self.run = store, round_name, run
        self._con: sqlite3.Connection | None = None  # one connection for the many reads

    def _reader(self) -> sqlite3.Connection:
        if self._con is None:
            self.store.ready()
            self._con = self.store._open()
            self.store._readers.add(self)
        return self._con

    def close(self) -> None:
        """Let the connection go (the command is done; a later read opens another), so that
        the store's journal files are not held open."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def _rows(self, columns: str, where: str = "", args: tuple = (), order: bool = True):
        if self.run is None:
            return []
        sql = (f"SELECT {columns} {self._USED.format(files=self._FILES)} {where}"
               + (" ORDER BY f.seq, a.rowid" if order else ""))
        return self._fetch(sql, (self.round, self.run, USED, *args))

    def _fetch(self, sql: str, args: tuple) -> list:
        try:
            return self._reader().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise environment_error(exc, self.store.path) from None

    def take(self, key: str) -> dict[str, dict]:
        """One row key's rows; each unit has one used file, so their order does not matter."""
        out: dict[str, dict] = {}
        for unit, field, value in self._rows("a.unit, a.field, a.value", "AND a.row_key = ?",
                                             (key,), order=False):
            row = out.get(unit)
            if row is None:
                row = out[unit] = {}
            row[intern(field)] = shared(value)
        return out

    def unit_rows(self, unit: str) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for key, field, value in self._rows("a.row_key, a.field, a.value", "AND f.unit = ?",
                                            (unit,)):
            out.setdefault(key, {})[field] = value
        return out

    def row(self, unit: str, key: str) -> dict | None:
        return self.unit_rows(unit).get(key)

    def filled_keys(self) -> dict[str, frozenset]:
        """Unit -> the figures its used file gives a value or a flag (not blank: rounds.blank),
        in one pass over the used files: the keys alone come back, not the rows, a file at a
        time (its rows come together, in the files' order, which needs no sorting); the units
        that fill the same figures share one set."""
        if self.run is None:
            return {}
        sql = (f"SELECT f.unit, a.row_key {self._USED.format(files=self._FILES)} "
               "AND a.field IN ('actual', 'flag') AND a.value IS NOT NULL "
               "AND (a.field = 'actual' OR a.value != '') ORDER BY f.seq")
        out: dict[str, frozenset] = {}
        sets: dict[frozenset, frozenset] = {}
        try:
            rows = self._reader().execute(sql, (self.round, self.run, USED))
            for unit, keys in groupby(rows, itemgetter(0)):
                found = frozenset(key for _, key in keys) | out.get(unit, frozenset())
                out[unit] = sets.setdefault(found, found)
        except sqlite3.DatabaseError as exc:
            raise environment_error(exc, self.store.path) from None
        return out

    def answered(self) -> set[str]:
        """The units whose used file answers at least one task or figure (填报信息 aside):
        each file's answers are read up to the first that says something, not all of them."""
        if self.run is None:
            return set()
        sql = (f"SELECT f.unit FROM {self._FILES} f WHERE f.run = ? AND f.outcome = ? AND "
               "EXISTS (SELECT 1 FROM answers a WHERE a.round = ? AND a.sha256 = f.sha256 "
               "AND a.unit = f.unit AND a.row_key != ? AND a.value IS NOT NULL "
               "AND a.value != '')")
        return {r[0] for r in self._fetch(sql, (self.run, USED, self.round, INFO_KEY))}


class FileRows(WinnerRows):
    """WinnerRows of the files a collection is using, given as (sha256, unit), before a run
    lists them: their answers are in the store (Store.record_answers), the run not yet."""

    _FILES = "temp.used"

    def __init__(self, store: Store, round_name: str, files: list[tuple[str, str]]):
        super().__init__(store, round_name, 0)
        self._files = list(files)

    def _reader(self) -> sqlite3.Connection:
        if self._con is None:
            con = super()._reader()
            con.execute("CREATE TEMP TABLE used (run INTEGER, seq INTEGER, sha256 TEXT, "
                        "unit TEXT, outcome TEXT, PRIMARY KEY (run, seq))")
            con.executemany("INSERT INTO temp.used VALUES (0, ?, ?, ?, ?)",
                            [(seq, sha, unit, USED) for seq, (sha, unit) in enumerate(self._files)])
            con.commit()  # no transaction left open: it would lock the store against writers
        return self._con


def salvage(corrupt: Path, con: sqlite3.Connection) -> int:
    """Copy every row that can still be read from a corrupt store into a new one: a damaged
    page costs the rows on it, not what the store knew. Returns the rows copied."""
    copied = 0
    try:
        old = sqlite3.connect(f"file:{corrupt}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    with closing(old), con:
        try:
            tables = [r[0] for r in old.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
        except sqlite3.Error:
            return 0
        for table in tables:
            if table in schema.SALVAGED:
                copied += _salvage_table(old, con, table)
    return copied


def _salvage_table(old: sqlite3.Connection, con: sqlite3.Connection, table: str) -> int:
    try:
        theirs = [r[1] for r in old.execute(f"PRAGMA table_info({table})")]
        ours = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return 0
    columns = [c for c in theirs if c in ours]
    if not columns:
        return 0
    names = ", ".join(columns)
    insert = (f"INSERT OR IGNORE INTO {table} ({names}) "
              f"VALUES ({', '.join('?' * len(columns))})")
    copied = 0
    try:
        for row in old.execute(f"SELECT {names} FROM {table}"):
            con.execute(insert, row)
            copied += 1
    except sqlite3.Error:  # a damaged page: keep the rows before it
        log.info("salvage of %s stopped after %d rows", table, copied)
    return copied


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("not a database", "malformed", "corrupt", "encrypted"))
