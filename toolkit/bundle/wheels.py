"""Every wheel a bundle needs, for its target, from the package index (or a cache of earlier
downloads), and the proof that they are complete: pip resolving the product with no index.

pip runs through `pip_for_target.py`, with the target's marker environment (see there)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from toolkit.bundle.targets import Target
from toolkit.errors import WorkplanError

log = logging.getLogger("workplan.bundle")

RUNNER = Path(__file__).with_name("pip_for_target.py")
NOT_FOUND = re.compile(r"No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)")
NO_NETWORK = ("Could not fetch URL", "Max retries exceeded", "NewConnectionError",
              "Temporary failure in name resolution", "Network is unreachable")


def pip_for(target: Target, python: str, args: list[str]) -> subprocess.CompletedProcess:
    """pip with `args`, as on `target` running CPython `python`."""
    command = [sys.executable, str(RUNNER), json.dumps(target.environment(python)),
               "--disable-pip-version-check", *args]
    log.info("pip: %s", " ".join(args))
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          errors="replace")
    log.info("pip exit %s\n%s", done.returncode, done.stderr[-4000:])
    return done


def platform_args(target: Target, python: str) -> list[str]:
    args = ["--only-binary=:all:", "--python-version", python, "--implementation", "cp"]
    for tag in target.platforms:
        args += ["--platform", tag]
    return args


def _links(folders) -> list[str]:
    return [arg for folder in folders for arg in ("--find-links", str(folder))]


def download(target: Target, python: str, requirements: list[str], dest: Path, *,
             find_links=(), cache: Path | None = None, offline: bool = False) -> None:
    """Download into `dest` every wheel `requirements` need on the target. With `cache`, the
    wheels come from there when it has them all, else from the index into it first."""
    dest.mkdir(parents=True, exist_ok=True)
    links = list(find_links)
    if cache is None:
        _fetch(target, python, requirements, dest, links, offline)
        return
    cache.mkdir(parents=True, exist_ok=True)
    done = _run_download(target, python, requirements, dest, [*links, cache], offline=True)
    if done.returncode == 0:
        return
    if offline:
        raise missing_wheels(done.stderr, target, python)
    _fetch(target, python, requirements, cache, links, offline=False)
    _fetch(target, python, requirements, dest, [*links, cache], offline=True)


def _fetch(target, python, requirements, dest, links, offline) -> None:
    done = _run_download(target, python, requirements, dest, links, offline)
    if done.returncode != 0:
        raise missing_wheels(done.stderr, target, python)


def _run_download(target, python, requirements, dest, links, offline):
    index = ["--no-index", "--isolated"] if offline else []
    return pip_for(target, python, ["download", *index, "-d", str(dest), *_links(links),
                                    *platform_args(target, python), *requirements])


def missing_wheels(stderr: str, target: Target, python: str) -> WorkplanError:
    """One line naming the package without a wheel for the target and what to do."""
    found = NOT_FOUND.findall(stderr)
    if found:
        name = re.split(r"[<>=!~;\[ ]", found[-1])[0]
        return WorkplanError(
            f"{name} 没有适用于 {target.label}、Python {python} 的安装包（wheel），无法制作安装包。"
            f"可以：换用另一个 Python 版本（--python）；或在一台{target.label}电脑上运行 "
            f"“pip wheel {name}”自行编译，把得到的 .whl 文件放进一个文件夹，"
            "制作时用 --wheels 指定该文件夹；或把此情况告诉 workplan 的维护者。")
    if any(word in stderr for word in NO_NETWORK):
        return WorkplanError("无法连接软件包索引（PyPI），制作安装包需要在能访问 PyPI 的电脑上进行。")
    last = next((line for line in reversed(stderr.splitlines()) if line.strip()), "")
    return WorkplanError(f"下载安装包失败：{last.strip()[:200]}（详见日志）。")


def resolve(target: Target, python: str, requirement: str, wheels: Path) -> list[str]:
    """What pip on the target would install for `requirement` from `wheels` alone, with no
    index; a WorkplanError naming what is missing when it cannot."""
    # pip install checks Requires-Python against the Python it runs on even with
    # --python-version; the download already chose each wheel for the target's Python
    running = f"{sys.version_info[0]}.{sys.version_info[1]}"
    other = ["--ignore-requires-python"] if python != running else []
    with tempfile.TemporaryDirectory() as tmp:
        done = pip_for(target, python, [
            "install", "--dry-run", "--isolated", "--ignore-installed", "--target", tmp,
            "--no-index", "--find-links", str(wheels), *platform_args(target, python), *other,
            requirement])
    if done.returncode != 0:
        raise missing_wheels(done.stderr, target, python)
    line = next((l for l in done.stdout.splitlines() if l.startswith("Would install")), "")
    return line.removeprefix("Would install").split()
