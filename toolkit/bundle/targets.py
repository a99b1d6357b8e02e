"""The machines a bundle is made for: their wheel tags and the values of their environment
markers (PEP 508), which pip evaluates for the machine it runs on, not for --platform."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.bundle import DEFAULT_PYTHON, PLATFORMS, PYTHONS  # noqa: F401 (re-exported)
from toolkit.errors import WorkplanError

# glibc 2.28 is what Kylin V10 and UOS 20 (信创 Linux) ship; wheels for it and older run there
GLIBC_MINORS = (28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17)


def _manylinux(arch: str) -> list[str]:
    tags = [f"manylinux_2_{minor}_{arch}" for minor in GLIBC_MINORS] + [f"manylinux2014_{arch}"]
    if arch == "x86_64":
        tags += ["manylinux2010_x86_64", "manylinux1_x86_64"]
    return tags


@dataclass(frozen=True)
class Target:
    name: str  # as `workplan bundle --platform` takes it
    label: str  # as a user reads it
    platforms: tuple[str, ...]  # wheel platform tags, best first
    markers: tuple[tuple[str, str], ...]  # os_name, sys_platform, platform_system, platform_machine

    @property
    def windows(self) -> bool:
        return self.name.startswith("win")

    def environment(self, python: str) -> dict[str, str]:
        """The marker environment of this machine running CPython `python` (e.g. "3.11")."""
        return {**dict(self.markers), "python_version": python,
                "python_full_version": f"{python}.0", "implementation_name": "cpython",
                "platform_python_implementation": "CPython", "platform_release": "",
                "platform_version": "", "implementation_version": f"{python}.0"}


TARGETS = {
    "win_amd64": Target("win_amd64", "Windows（64 位）", ("win_amd64",), (
        ("os_name", "nt"), ("sys_platform", "win32"), ("platform_system", "Windows"),
        ("platform_machine", "AMD64"))),
    "linux_x86_64": Target("linux_x86_64", "Linux（x86_64：兆芯、海光及英特尔、AMD 处理器）",
                           tuple(_manylinux("x86_64")), (
        ("os_name", "posix"), ("sys_platform", "linux"), ("platform_system", "Linux"),
        ("platform_machine", "x86_64"))),
    "linux_aarch64": Target("linux_aarch64", "Linux（ARM64：鲲鹏、飞腾等处理器）",
                            tuple(_manylinux("aarch64")), (
        ("os_name", "posix"), ("sys_platform", "linux"), ("platform_system", "Linux"),
        ("platform_machine", "aarch64"))),
}


assert tuple(TARGETS) == PLATFORMS


def target(name: str) -> Target:
    if name not in TARGETS:
        raise WorkplanError(f"--platform 只能是 {'、'.join(TARGETS)}，不能是“{name}”。")
    return TARGETS[name]


def python_version(text: str) -> str:
    if text not in PYTHONS:
        raise WorkplanError(f"--python 只能是 {'、'.join(PYTHONS)}，不能是“{text}”。")
    return text
