"""Outputs are written to a temporary file or folder and moved into place in one step."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import environment_errors, open_elsewhere

# Windows' answers when a file cannot be replaced because a program holds it open
ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION = 5, 32, 33
WINDOWS = os.name == "nt"


def owner_files(path: Path) -> list[Path]:
    """The marker files an office program leaves beside a workbook it has open: Excel and WPS
    `~$name` (the first two characters replaced for a long name), WPS on Linux `.~name`,
    LibreOffice `.~lock.name#`."""
    name = path.name
    candidates = {f"~${name}", f"~${name[2:]}", f".~{name}", f".~lock.{name}#"}
    return [path.with_name(c) for c in sorted(candidates) if path.with_name(c).exists()]


def _held_open(exc: OSError, path: Path) -> bool:
    """Whether replacing `path` failed because a program has it open."""
    if getattr(exc, "winerror", None) in (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION):
        return True
    if owner_files(path):
        return True
    # Windows says only 'access denied' for a workbook Excel holds open
    return WINDOWS and getattr(exc, "winerror", None) == ERROR_ACCESS_DENIED


def replace(tmp: Path, target: Path) -> None:
    """os.replace, with one line naming the file when the file is open in Excel or WPS."""
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        if target.exists() and _held_open(exc, target):
            raise open_elsewhere(target) from exc
        raise


def _replace_folder(folder: Path, old: Path) -> None:
    """Move `folder` aside; name the workbook inside that is open when Windows refuses."""
    try:
        os.replace(folder, old)
    except PermissionError as exc:
        held = [p for p in folder.rglob("*") if p.is_file() and owner_files(p)]
        if held:
            raise open_elsewhere(held[0], inside=folder) from exc
        if _held_open(exc, folder):
            raise open_elsewhere(folder) from exc
        raise


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
            replace(tmp, target)
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
                _replace_folder(target, old)
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
