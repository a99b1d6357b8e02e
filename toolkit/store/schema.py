"""The store's schema (workplan.sqlite beside the master): the one place that defines it.

Version 1 was the collection ledger (tables `runs` and `files`, no version recorded). Version 2
keeps every round's answers and the administrator's corrections:

    meta         key/value; schema_version
    runs         one collection run of a round; `complete` once its workbook is in place
    files        every file seen for a round: path, hash, first and last seen (the receipt time)
    run_files    what a run made of each file: unit, outcome (已采用 / 已被取代 / …), its problems
    answers      every answer taken from a file, by the file's hash: unit, row key, field,
                 the value as read, the value as understood, the cell it came from
    corrections  核实更正: the administrator's decisions, applied on every rerun
    outputs      files the project wrote, with their hash (an edited output is never replaced)

Version 3 adds the mailbox (workplan mail):

    mail_in      every message fetched: Message-ID, sender, subject, arrival time, unit hint
    mail_files   every attachment saved from a message: the file's hash and path, its arrival
                 time (the receipt time for lateness)
    mail_out     every message sent: round, what, unit, address, Message-ID, time

Version 4 knows more about what it was told:

    outputs      + pending: the hash of an output about to be moved into place (recorded before
                 the move, so a run stopped right after it still knows the file as its own)
    mail_in      keyed by Message-ID and the message's content hash (a message resent with the
                 same Message-ID and a corrected attachment is another message), with its size

Answers are derived from the files (keyed by content hash), so deleting them and collecting the
same inbox again gives the same rows; receipt times and corrections are the store's own data.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round TEXT NOT NULL,
    started TEXT NOT NULL,
    inbox TEXT NOT NULL,
    output TEXT NOT NULL,
    counts TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 1,
    output_sha256 TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '[]'
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
CREATE TABLE IF NOT EXISTS run_files (
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    received TEXT,
    received_basis TEXT NOT NULL DEFAULT '',
    unit TEXT,
    form_round TEXT,
    outcome TEXT,
    verified INTEGER,
    reporter TEXT,
    phone TEXT,
    filled TEXT,
    errors INTEGER,
    problems TEXT NOT NULL,
    PRIMARY KEY (run, seq)
);
CREATE TABLE IF NOT EXISTS answers (
    round TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    unit TEXT NOT NULL,
    row_key TEXT NOT NULL,
    field TEXT NOT NULL,
    raw,
    value,
    cell TEXT,
    PRIMARY KEY (round, sha256, row_key, field)
);
CREATE TABLE IF NOT EXISTS corrections (
    round TEXT NOT NULL,
    unit TEXT NOT NULL,
    row_key TEXT NOT NULL,
    field TEXT NOT NULL,
    old,
    new,
    who TEXT,
    at TEXT,
    why TEXT,
    recorded TEXT NOT NULL,
    PRIMARY KEY (round, unit, row_key, field)
);
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    written TEXT NOT NULL,
    pending TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS run_files_by_sha ON run_files (sha256);
CREATE TABLE IF NOT EXISTS mail_in (
    message_id TEXT NOT NULL,
    digest TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    round TEXT NOT NULL,
    sender TEXT,
    subject TEXT,
    arrived TEXT,
    unit TEXT,
    fetched TEXT NOT NULL,
    saved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, digest)
);
CREATE TABLE IF NOT EXISTS mail_files (
    round TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    message_id TEXT NOT NULL,
    arrived TEXT NOT NULL,
    PRIMARY KEY (round, sha256)
);
CREATE TABLE IF NOT EXISTS mail_out (
    round TEXT NOT NULL,
    what TEXT NOT NULL,
    unit TEXT NOT NULL,
    address TEXT NOT NULL,
    message_id TEXT NOT NULL,
    sent TEXT NOT NULL
);
"""

# Columns added to version-1 tables (ALTER TABLE for a ledger written before version 2).
ADDED_COLUMNS = {
    "runs": [
        ("complete", "INTEGER NOT NULL DEFAULT 1"),
        ("output_sha256", "TEXT NOT NULL DEFAULT ''"),
        ("extra", "TEXT NOT NULL DEFAULT '[]'"),
    ],
    "run_files": [("received_basis", "TEXT NOT NULL DEFAULT ''")],  # version 3
    "outputs": [("pending", "TEXT NOT NULL DEFAULT ''")],  # version 4
}
# Tables whose rows a store rebuilt after corruption copies from the corrupt one (the meta table
# is the new store's own).
SALVAGED = ("runs", "files", "run_files", "answers", "corrections", "outputs", "mail_in",
            "mail_files", "mail_out")
MAIL_IN_COLUMNS = ("message_id", "round", "sender", "subject", "arrived", "unit", "fetched",
                   "saved")


class NewerStore(Exception):
    """The store was written by a newer release of workplan (schema `found`)."""

    def __init__(self, found: int):
        super().__init__(f"store schema {found} is newer than {SCHEMA_VERSION}")
        self.found = found


def version(con: sqlite3.Connection) -> int:
    """The schema version of an open store: 0 new, 1 the old ledger, else as recorded."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" in tables:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row:
            return int(row[0])
    return 1 if "runs" in tables else 0


def migrate(con: sqlite3.Connection) -> None:
    """Bring the store to SCHEMA_VERSION; a no-op when it is there already."""
    found = version(con)
    if found == SCHEMA_VERSION:
        return
    if found > SCHEMA_VERSION:
        raise NewerStore(found)
    with con:
        if found in (1, 2, 3):
            _add_columns(con)
        if found == 3:
            _rekey_mail_in(con)
        con.executescript(TABLES)
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),))


def _add_columns(con: sqlite3.Connection) -> None:
    for table, columns in ADDED_COLUMNS.items():
        present = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        if not present:  # not there yet: TABLES creates it with every column
            continue
        for name, spec in columns:
            if name not in present:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {spec}")


def _rekey_mail_in(con: sqlite3.Connection) -> None:
    """Version 3's mail_in, keyed by Message-ID alone, moved to version 4's key."""
    present = {r[1] for r in con.execute("PRAGMA table_info(mail_in)")}
    if not present or "digest" in present:
        return
    con.execute("ALTER TABLE mail_in RENAME TO mail_in_3")
    con.executescript(TABLES)
    columns = ", ".join(MAIL_IN_COLUMNS)
    con.execute(f"INSERT INTO mail_in ({columns}) SELECT {columns} FROM mail_in_3")
    con.execute("DROP TABLE mail_in_3")
