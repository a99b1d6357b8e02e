"""Install workplan from this bundle, with no network: `安装.bat` (Windows) and `install.sh`
(Linux) run this file with the Python the office's IT department installed.

It makes the environment `env` beside the launchers (removing the one an older bundle made:
an upgrade), installs every wheel of `files/wheels` into it with pip run from its own wheel
(`--no-index`: the package index is never asked), checks that `workplan` runs, then installs
the Excel add-in (Windows, when Excel is there) or the menu entries (Linux).

The standard library only: nothing else is installed when it runs. Shipped in the bundle as
files/install.py (toolkit/bundle/install.py in the source).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent  # files/
ROOT = HERE.parent  # the folder the bundle was unzipped into
ENV = ROOT / "env"
WINDOWS = os.name == "nt"
MACHINES = {"win_amd64": ("amd64", "x86_64"), "linux_x86_64": ("x86_64", "amd64"),
            "linux_aarch64": ("aarch64", "arm64")}


def say(text: str = "") -> None:
    print(text, flush=True)


def env_python() -> Path:
    return ENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def run(args: list, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run pip or the new environment's Python as if nothing else were installed: a
    PYTHONPATH left by another program would make pip take its copy of workplan for this one
    and install nothing."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], text=True, encoding="utf-8", errors="replace",
                          capture_output=quiet, env=env)


def fits(info: dict) -> str:
    """Why this bundle does not fit this computer, or ""."""
    want = info["python"]
    have = f"{sys.version_info[0]}.{sys.version_info[1]}"
    if have != want:
        return (f"本安装包适用于 Python {want}，这台电脑运行安装的是 Python {have}（{sys.executable}）。"
                f"请安装 Python {want}（见“安装说明”第一步），或改用适用于 Python {have} 的安装包。")
    target = info["target"]
    if target.startswith("win") != WINDOWS:
        return f"本安装包适用于 {info['label']}，不能安装在这台电脑上，请换用对应的安装包。"
    if platform.machine().lower() not in MACHINES[target]:
        return (f"本安装包适用于 {info['label']}，这台电脑的处理器是 {platform.machine()}，"
                "请换用对应的安装包（见“安装说明”）。")
    return ""


def install(info: dict) -> bool:
    wheels = HERE / "wheels"
    pip_wheel = next(wheels.glob("pip-*.whl"), None)
    if pip_wheel is None:
        say("安装包不完整（缺少 pip），请重新解压或向信息中心重新索取。")
        return False
    old = ENV.with_name("env.old")
    if old.exists():
        shutil.rmtree(old)
    if ENV.exists():  # an upgrade: the old environment is kept until the new one works
        say("发现旧版本的运行环境，安装成功后将替换它（您的总表和各类文件不在这里，不受影响）。")
        ENV.rename(old)
    if _install_into(info, wheels, pip_wheel):
        shutil.rmtree(old, ignore_errors=True)
        return True
    shutil.rmtree(ENV, ignore_errors=True)
    if old.exists():
        old.rename(ENV)
        say("已恢复原来的版本，可以照常使用。")
    return False


def _install_into(info: dict, wheels: Path, pip_wheel: Path) -> bool:
    say("正在建立运行环境……")
    venv.EnvBuilder(with_pip=False, clear=True).create(ENV)
    say("正在安装程序（不需要联网，约需一至三分钟）……")
    done = run([env_python(), pip_wheel / "pip", "install", "--isolated", "--no-index",
                "--find-links", wheels, "--disable-pip-version-check", "--no-warn-script-location",
                "--quiet", "pip", f"workplan=={info['version']}"])
    if done.returncode != 0:
        say("安装失败：上面是 pip 的说明。请把这个窗口截图发给信息中心。")
        return False
    check = run([env_python(), "-m", "toolkit", "--version"], quiet=True)
    if check.returncode != 0:
        say(f"安装后无法运行：{check.stderr.strip()[-300:]}")
        return False
    say(f"已安装 {check.stdout.strip()}。")
    return True


def addin() -> None:
    """The Excel ribbon (工作要点 tab); WPS users use the launchers instead."""
    xlam = HERE / "workplan.xlam"
    if not xlam.exists():
        return
    done = run([env_python(), "-m", "toolkit", "addin", "install", "-f", xlam], quiet=True)
    if done.returncode == 0:
        say("已安装 Excel 加载项：重新打开 Excel 后，功能区会出现“工作要点”选项卡。")
    else:
        say("未安装 Excel 加载项（这台电脑可能没有 Excel，或 Excel 正在运行）：可以关闭 Excel 后"
            "重新运行安装；使用 WPS 的电脑请直接双击本文件夹中的图标（导入计划、汇总……）。")


def desktop_entries(info: dict) -> None:
    """A .desktop entry per launcher: in this folder and in the applications menu."""
    menu = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "applications"
    made = []
    for name, comment in info["launchers"].items():
        script = ROOT / f"{name}.sh"
        if not script.exists():
            continue
        script.chmod(0o755)
        text = ("[Desktop Entry]\nType=Application\nVersion=1.0\n"
                f"Name=工作要点：{name}\nComment={comment}\n"
                f"Exec=\"{script}\"\nPath={ROOT}\nTerminal=true\n"
                "Icon=x-office-spreadsheet\nCategories=Office;\n")
        entry = ROOT / f"工作要点-{name}.desktop"
        entry.write_text(text, encoding="utf-8")
        entry.chmod(0o755)
        made.append(entry)
    try:
        menu.mkdir(parents=True, exist_ok=True)
        for entry in made:
            shutil.copy2(entry, menu / entry.name)
        say("已在“开始”菜单（办公）中加入各功能的图标；本文件夹中也有同样的图标。")
    except OSError:
        say("未能在菜单中加入图标；请直接双击本文件夹中的 .sh 或 .desktop 文件。")


def main() -> int:
    info = json.loads((HERE / "bundle.json").read_text(encoding="utf-8"))
    say(f"工作要点工具 {info['version']} 安装（{info['label']}，Python {info['python']}）")
    problem = fits(info)
    if problem:
        say(problem)
        return 2
    if not install(info):
        return 2
    if WINDOWS:
        addin()
    else:
        desktop_entries(info)
    say("安装完成。双击本文件夹中的图标即可使用（先用“导入计划”生成总表）；详见“安装说明”。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
