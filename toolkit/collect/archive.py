"""--archive: copy each processed inbox file to an archive folder and verify the copy by hash."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.collect.problems import ERROR
from toolkit.common.atomic import atomic_path, sha256_of  # noqa: F401 - used by collect
from toolkit.common.errors import Problem


def archive_files(files: list[tuple[str, Path, str]], folder: Path) -> list[Problem]:
    """Copy (name, path, sha256) into `folder` under the same relative name; verify each copy.

    A copy already there with the same content is left alone; a different file of the same
    name is kept and the new copy gets the first characters of its hash in its name.
    """
    problems = []
    for name, path, digest in files:
        target = folder / name
        if target.is_file():
            if sha256_of(target) == digest:
                continue
            target = target.with_name(f"{target.stem}.{digest[:8]}{target.suffix}")
            if target.is_file() and sha256_of(target) == digest:
                continue
        try:
            with atomic_path(target) as tmp:
                shutil.copy2(path, tmp)
                if sha256_of(tmp) != digest:
                    raise OSError("hash mismatch")
        except OSError:
            problems.append(Problem(
                name, "", "", f"归档副本写入或校验失败（{target}）",
                "请检查归档文件夹的空间和权限后重新运行汇总", ERROR,
            ))
    return problems
