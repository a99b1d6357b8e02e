"""Never lose an edit: an output someone changed since we wrote it is kept, and the new one is
written beside it (年终总结（2020-12-21 0730 更新）.docx); a folder we replace loses only what we
wrote there.

The store remembers the hash of every output written. Before a stage replaces an output it
asks `where_to_write`: the output itself when it is still as we wrote it (or not there yet);
else the newest copy beside it that is still ours; else a new copy beside it, stamped with the
time. An output is recognised by its content (`Store.wrote`), not by its path: a working folder
moved to a new PC, another drive letter or a USB stick is not "edited by someone". A file whose
content the store does not know (written before it kept outputs, or by someone else) counts as
edited.

    with written(target, store) as out:      # one file
        write(out.tmp)                        # then out.path is where it went
    with replacing(folder, store) as folder:  # a folder written whole (forms, 退回修改, 催报)
        write(folder.temp(folder.place(name)))

Both record the hash of what they are about to move into place before the move, so a run
stopped right after it still knows the file as its own.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.common.atomic import LEFTOVER_PREFIXES, atomic_dir, atomic_path, sha256_of

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
    if ours(target, store):
        return target
    copies = sorted(target.parent.glob(f"{target.stem}（* {UPDATED}）{target.suffix}"))
    for copy in reversed(copies):
        if ours(copy, store):
            return copy
    return beside_name(target, when or datetime.now())


def ours(path: Path, store) -> bool:
    """Whether `path` is as this project wrote it (never true without a store)."""
    if store is None or not path.is_file() or path.is_symlink():
        return False
    return store.wrote(sha256_of(path))


# --- one file ---------------------------------------------------------------------------------
@dataclass
class Written:
    path: Path  # where the output goes: the target, or beside it
    tmp: Path  # where to write it
    target: Path

    @property
    def kept(self) -> list[str]:
        """The target, when someone edited it and the output went beside it."""
        return [str(self.target)] if self.path != self.target else []


@contextmanager
def written(target: Path, store, when: datetime | None = None, before_move=None):
    """Write one output without overwriting an edit: yields a Written whose `tmp` the caller
    fills; then the store is told, the file moved into place and recorded.
    `before_move(tmp, path)` runs last before the move."""
    place = where_to_write(Path(target), store, when)
    with atomic_path(place) as tmp:
        out = Written(place, tmp, Path(target))
        yield out
        if before_move is not None:
            before_move(tmp, place)
        if store is not None:
            store.expect_outputs([(place, sha256_of(tmp))])
    if store is not None:
        store.record_outputs([place])


# --- a folder written whole -------------------------------------------------------------------
@dataclass
class Replacing:
    """A folder being written whole (see `replacing`)."""

    target: Path
    tmp: Path
    store: object
    when: datetime
    keep_ours: bool = False  # keep what we wrote there before and do not write again
    placed: dict[str, Path] = field(default_factory=dict)  # final name -> asked-for path
    kept: list[str] = field(default_factory=list)  # edited outputs left where they were

    def place(self, name: str) -> Path:
        """Where the output `name` goes in the folder: under its name, or beside a file
        someone edited there."""
        wanted = self.target / name
        path = where_to_write(wanted, self.store, self.when)
        if path != wanted:
            self.kept.append(str(wanted))
        self.placed[path.name] = wanted
        return path

    def temp(self, path: Path) -> Path:
        """The temporary place of an output `place` gave."""
        return self.tmp / Path(path).name

    def _carry_over(self) -> None:
        """Everything of the old folder that this run does not write again and that is not
        ours to drop: anything we did not write (an administrator's 下发通知.docx, a file
        edited since), and with keep_ours what we wrote too. Copied, so a failure leaves the
        old folder whole."""
        if not self.target.is_dir():
            return
        for item in sorted(self.target.iterdir()):
            if item.name in self.placed or item.name.startswith(LEFTOVER_PREFIXES):
                continue
            if not self.keep_ours and self.store is not None and ours(item, self.store):
                continue
            if self.store is None and not self.keep_ours:
                continue  # nothing known: the folder is replaced whole, as asked
            if item.is_dir() and not item.is_symlink():
                shutil.copytree(item, self.tmp / item.name, symlinks=True)
            else:
                shutil.copy2(item, self.tmp / item.name, follow_symlinks=False)


@contextmanager
def replacing(target: Path, store, *, keep_ours: bool = False, when: datetime | None = None):
    """Write a folder whole (into a temporary folder that then takes its place) without losing
    anything that was not ours: files we did not write, or that someone changed since, stay
    where they are, and a new output whose old version was edited is written beside it."""
    target = Path(target)
    with atomic_dir(target) as tmp:
        folder = Replacing(target, tmp, store, when or datetime.now(), keep_ours)
        yield folder
        folder._carry_over()
        if store is not None:
            store.expect_outputs([(target / name, sha256_of(tmp / name))
                                  for name in folder.placed if (tmp / name).is_file()])
    if store is not None:
        store.record_outputs([target / name for name in folder.placed
                              if (target / name).is_file()])
