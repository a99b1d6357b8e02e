"""Outputs are written to a temporary file or folder and moved into place in one step."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import environment_errors


@contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside `target`; on success it replaces `target` at once.

    On an exception the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    with environment_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~tmp-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
        os.unlink(tmp)  # writers such as XlsxWriter want to create the file themselves
    tmp = Path(tmp)
    try:
        with environment_errors(target):
            yield tmp
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_dir(target: str | os.PathLike):
    """Yield a temporary folder beside `target`; on success it takes `target`'s place.

    An existing `target` is swapped out and removed only after the new folder is in place.
    """
    target = Path(target)
    with environment_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".~tmp-", dir=target.parent))
    try:
        with environment_errors(target):
            yield tmp
            old = None
            if target.exists():
                old = target.with_name(f".~old-{target.name}-{os.getpid()}")
                os.replace(target, old)
            os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_text(target: str | os.PathLike, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


LEFTOVER_PREFIXES = (".~tmp-", ".~old-")


def remove_leftovers(folder: str | os.PathLike) -> list[Path]:
    """Delete the temporary files and folders a stopped run left in `folder` (atomic_path's and
    atomic_dir's). Call it holding the master's lock: no other run is writing there then."""
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for item in folder.iterdir():
        if not item.name.startswith(LEFTOVER_PREFIXES):
            continue
        try:
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
            removed.append(item)
        except OSError:
            continue
    return removed


def sha256_of(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()
