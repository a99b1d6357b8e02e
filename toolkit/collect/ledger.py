"""The ledger: every file the collection has seen, in an SQLite file beside the master."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round TEXT NOT NULL,
    started TEXT NOT NULL,
    inbox TEXT NOT NULL,
    output TEXT NOT NULL,
    counts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    round TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER,
    mtime TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_run INTEGER,
    unit TEXT,
    form_round TEXT,
    outcome TEXT,
    state TEXT,
    problems INTEGER,
    PRIMARY KEY (round, path, sha256)
);
"""


def _now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="seconds")


def connect(path: Path) -> sqlite3.Connection:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=30)
    con.executescript(SCHEMA)
    return con


def record_run(path: Path, round_name: str, inbox: Path, output: Path, counts: dict,
               files: list[dict]) -> None:
    """Record one run and upsert its files; the first-seen time of a known file is kept."""
    now = _now()
    with closing(connect(path)) as con, con:
        run = con.execute(
            "INSERT INTO runs (round, started, inbox, output, counts) VALUES (?, ?, ?, ?, ?)",
            (round_name, now, str(inbox), str(output), json.dumps(counts, ensure_ascii=False)),
        ).lastrowid
        con.executemany(
            """INSERT INTO files (round, path, sha256, size, mtime, first_seen, last_seen,
                   last_run, unit, form_round, outcome, state, problems)
               VALUES (:round, :path, :sha256, :size, :mtime, :now, :now, :run, :unit,
                   :form_round, :outcome, :state, :problems)
               ON CONFLICT (round, path, sha256) DO UPDATE SET
                   last_seen = :now, last_run = :run, size = :size, mtime = :mtime,
                   unit = :unit, form_round = :form_round, outcome = :outcome, state = :state,
                   problems = :problems""",
            [{**f, "round": round_name, "now": now, "run": run} for f in files],
        )


def last_run(path: Path, round_name: str) -> dict | None:
    if not Path(path).is_file():
        return None
    with closing(connect(path)) as con:
        row = con.execute(
            "SELECT id, started, output, counts FROM runs WHERE round = ? ORDER BY id DESC LIMIT 1",
            (round_name,),
        ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "started": row[1], "output": row[2], "counts": json.loads(row[3])}


def files_of_run(path: Path, run_id: int) -> list[dict]:
    with closing(connect(path)) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute(
            "SELECT * FROM files WHERE last_run = ? ORDER BY path", (run_id,)
        ).fetchall()
    return [dict(r) for r in rows]


def rounds(path: Path) -> list[str]:
    if not Path(path).is_file():
        return []
    with closing(connect(path)) as con:
        return [r[0] for r in con.execute("SELECT DISTINCT round FROM runs ORDER BY round")]
