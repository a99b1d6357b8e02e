"""Never lose an edit: an output someone changed since we wrote it is kept, and the new one is
written beside it (年终总结（2020-12-21 0730 更新）.docx).

The store remembers the hash of every output written. Before a stage replaces an output it
asks `where_to_write`: the output itself when it is still as we wrote it (or not there yet);
else the newest copy beside it that is still ours; else a new copy beside it, stamped with the
time. An output is recognised by its content (`Store.wrote`), not by its path: a working folder
moved to a new PC, another drive letter or a USB stick is not "edited by someone". A file whose
content the store does not know (written before it kept outputs, or by someone else) counts as
edited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from toolkit.common.atomic import sha256_of

UPDATED = "更新"


def kept_line(kept: list[str]) -> str:
    """What the user is told about outputs left untouched because someone edited them."""
    if not kept:
        return ""
    names = "、".join(Path(k).name for k in kept)
    return f"{names} 已被修改过，保留原文件不覆盖，新结果另存在旁边（文件名带“{UPDATED}”）。"


def beside_name(target: Path, when: datetime) -> Path:
    return target.with_name(f"{target.stem}（{when:%Y-%m-%d %H%M} {UPDATED}）{target.suffix}")


def where_to_write(target: Path, store, when: datetime | None = None) -> Path:
    """The path to write `target`'s new content to without overwriting anybody's edit."""
    if store is None or not target.exists():
        return target
    if _ours(target, store):
        return target
    copies = sorted(target.parent.glob(f"{target.stem}（* {UPDATED}）{target.suffix}"))
    for copy in reversed(copies):
        if _ours(copy, store):
            return copy
    return beside_name(target, when or datetime.now())


def _ours(path: Path, store) -> bool:
    return store.wrote(sha256_of(path))
