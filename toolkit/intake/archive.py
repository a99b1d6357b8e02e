"""--archive: copy each processed inbox file to an archive folder and verify the copy by hash."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from toolkit.intake.problems import ERROR, WARNING
from toolkit.common.atomic import atomic_path, sha256_of  # noqa: F401 - used by collect
from toolkit.errors import Problem, environment_cause
from toolkit.rules.text import shown_name


def archive_files(files: list[tuple[str, Path, str]], folder: Path) -> list[Problem]:
    """Copy (name, path, sha256) into `folder` under the same relative name; verify each copy.

    A copy already there with the same content is left alone; a different file of the same
    name is kept and the new copy gets the first characters of its hash in its name.
    """
    problems = []
    for name, path, digest in files:
        try:
            _archive_one(name, path, digest, folder)
        except OSError as exc:
            problems.append(_failed(name, folder / name, exc))
    return problems


def _archive_one(name: str, path: Path, digest: str, folder: Path) -> None:
    target = folder / name
    if target.is_file():
        if sha256_of(target) == digest:
            return
        target = target.with_name(f"{target.stem}.{digest[:8]}{target.suffix}")
        if target.is_file() and sha256_of(target) == digest:
            return
    with atomic_path(target) as tmp:
        shutil.copyfile(path, tmp, follow_symlinks=False)
        shutil.copystat(path, tmp, follow_symlinks=False)
        if sha256_of(tmp) != digest:
            raise OSError("hash mismatch")


def _failed(name: str, target: Path, exc: OSError) -> Problem:
    shown = shown_name(name)
    if exc.errno == errno.ENAMETOOLONG:
        return Problem(shown, "", "", "文件名过长，无法归档（本文件已汇总，仅未归档）",
                       "请把该文件改用较短的名称，或手工归档", WARNING)
    return Problem(shown, "", "", f"归档副本写入或校验失败（{shown_name(str(target))}）："
                   f"{environment_cause(exc)}",
                   "请检查归档文件夹的空间和权限后重新运行汇总", ERROR)
