"""Collect (汇总): read the returned assignment workbooks, check them, and merge them.

    collect_round(master, round)   -> CollectResult  (the `workplan collect` command)
    collect_plan(plan, round, inbox, out, store=…) the same on a Plan in memory
    stored_round(plan, master, round) the round as the store kept it (check, summary run alone)
    status(master, round)          -> who has reported, from the store

A collection reads the inbox, records every file and answer in the store, checks the figures
(toolkit.check) and writes the consolidated workbook once, with the check's sheets in it.
Returned files are untrusted: they are size- and structure-checked before parsing, read with
python-calamine, never opened for writing, and every finding is a Problem naming its place.
"""

from toolkit.common.lazy import exports

_NAMES = {name: "toolkit.collect.run" for name in (
    "CollectResult", "CollectedRound", "Limits", "StoredRound", "collect_plan", "collect_round",
    "load_consolidation", "publish", "status", "status_of", "status_rounds", "stored_round")}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
