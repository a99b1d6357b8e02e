"""Stage 3, collect (汇总): the returned assignment workbooks read, checked and merged.

    collect_inbox(plan, round, inbox, store=…) -> Collection   the files just returned
    rebuild(plan, store, round) -> StoredRound                 the round as the store kept it
    status_of(plan, store, round), history_of(plan, store, unit, rounds)

Both give the same CollectedRound (collect.rounds.build_round): each unit's winning file, every
responsible unit listed, the administrator's corrections applied, the round compared with the
previous one. Returned files are untrusted: toolkit.intake checks their size and structure before
they are parsed and reads them with python-calamine; every finding is a Problem naming its place.
"""

from toolkit.common.lazy import exports

_NAMES = {name: "toolkit.collect.run" for name in (
    "Collection", "StoredRound", "collect_inbox", "history_of", "rebuild", "rounds_shown",
    "status_of")}
_NAMES["CollectedRound"] = "toolkit.collect.rounds"
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
