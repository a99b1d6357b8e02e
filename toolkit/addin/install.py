"""Install the add-in where Excel loads it at start-up, and tell it which Python to run.

Like `xlwings addin install`: the add-in goes to Excel's XLSTART folder (asked from a running
Excel through xlwings when there is one, else the per-user default), and the user config file
that the add-in's xlwings module reads for PROJECT_NAME "workplan" gets the interpreter and
the folder holding the `toolkit` package:
- Windows: %USERPROFILE%\\.workplan\\workplan.conf
- macOS:   ~/Library/Containers/com.microsoft.Excel/Data/workplan.conf
One line per setting, `"KEY","value"`, as xlwings writes its own xlwings.conf.
"""

from __future__ import annotations

import locale
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.addin.build import ADDIN_NAME, build_addin
from toolkit.errors import WorkplanError

ADDIN_FILE = f"{ADDIN_NAME}.xlam"
MAC_EXCEL_APP = Path("/Applications/Microsoft Excel.app")
MAC_OFFICE_GROUP = Path("Library/Group Containers/UBF8T346G9.Office")
MAC_EXCEL_DATA = Path("Library/Containers/com.microsoft.Excel/Data")
MAC_SCRIPTS = Path("Library/Application Scripts/com.microsoft.Excel")
MAC_STARTUP_NAMES = [("User Content", "Startup"), ("User Content.localized", "Startup.localized")]


class NoExcelError(WorkplanError):
    """This machine has no Excel to install the add-in into."""


@dataclass
class InstallResult:
    addin: Path
    config: Path


def is_windows(platform: str) -> bool:
    return platform.startswith("win")


def is_mac(platform: str) -> bool:
    return platform == "darwin"


def no_excel(platform: str | None = None) -> NoExcelError:
    platform = platform or sys.platform
    if not (is_windows(platform) or is_mac(platform)):
        return NoExcelError(
            "本机不是 Windows 或 macOS，没有 Excel，无法安装加载项；"
            "可用 workplan addin build 生成加载项后复制到装有 Excel 的电脑上安装。"
        )
    return NoExcelError("本机未找到 Excel，无法安装加载项；请先安装 Microsoft Excel 2010 或更高版本。")


def default_startup_dir(platform: str, env: dict, home: Path) -> Path:
    """The per-user XLSTART folder Excel uses when nobody changed it."""
    if is_windows(platform):
        appdata = env.get("APPDATA") or str(home / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"
    if is_mac(platform):
        content = home / MAC_OFFICE_GROUP
        for user, startup in MAC_STARTUP_NAMES:
            if (content / user / startup).is_dir():
                return content / user / startup / "Excel"
        return content / "User Content" / "Startup" / "Excel"
    raise no_excel(platform)


def config_path(platform: str, env: dict, home: Path) -> Path:
    """Where the add-in's xlwings module looks for its user config (GetConfigFilePath)."""
    if is_windows(platform):
        profile = Path(env.get("USERPROFILE") or home)
        return profile / f".{ADDIN_NAME}" / f"{ADDIN_NAME}.conf"
    if is_mac(platform):
        return home / MAC_EXCEL_DATA / f"{ADDIN_NAME}.conf"
    raise no_excel(platform)


def config_settings(platform: str, python: str, package_root: Path) -> dict[str, str]:
    suffix = "WIN" if is_windows(platform) else "MAC"
    return {f"INTERPRETER_{suffix}": python, "PYTHONPATH": str(package_root)}


def merge_config(existing: str, settings: dict[str, str]) -> str:
    """The config text with `settings` set, other keys and their order kept."""
    wanted = {k.upper() for k in settings}
    kept = []
    for line in existing.splitlines():
        key = line.split(",", 1)[0].strip().strip('"').upper()
        if line.strip() and key not in wanted:
            kept.append(line)
    kept += [f'"{k}","{v}"' for k, v in settings.items()]
    return "\n".join(kept) + "\n"


def excel_installed(platform: str) -> bool:
    if is_mac(platform):
        return MAC_EXCEL_APP.exists()
    if is_windows(platform):
        try:
            import winreg

            winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Excel.Application"))
            return True
        except OSError:
            return False
    return False


def running_excel_startup_dir() -> Path | None:
    """XLSTART as a running Excel reports it (what xlwings uses), or None."""
    try:
        import xlwings as xw

        if xw.apps.count:
            return Path(xw.apps.active.startup_path)
    except Exception:  # no Excel running, or it does not answer
        return None
    return None


def startup_dir(platform: str | None = None) -> Path:
    platform = platform or sys.platform
    if not (is_windows(platform) or is_mac(platform)):
        raise no_excel(platform)
    path = running_excel_startup_dir()
    if path is not None:
        return path
    if not excel_installed(platform):
        raise no_excel(platform)
    return default_startup_dir(platform, dict(os.environ), Path.home())


def package_root() -> Path:
    """The folder that holds the `toolkit` package (goes on PYTHONPATH)."""
    import toolkit

    return Path(toolkit.__file__).resolve().parents[1]


def write_config(path: Path, settings: dict[str, str]) -> None:
    """Write the config in the system's encoding, as xlwings does: VBA reads it as ANSI text."""
    encoding = locale.getpreferredencoding(False)
    existing = path.read_text(encoding=encoding, errors="replace") if path.is_file() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_text(merge_config(existing, settings), encoding=encoding)
    except UnicodeEncodeError:
        raise WorkplanError(
            f"Python 或 workplan 的路径含有本机编码（{encoding}）无法表示的字符，"
            "请把它们装在只含英文和数字的路径下。"
        ) from None


def install_runpython_mac() -> None:
    """RunPython on macOS needs xlwings' AppleScript in Excel's script folder (as xlwings does)."""
    import xlwings

    script = Path(xlwings.__file__).parent / f"xlwings-{xlwings.__version__}.applescript"
    target = Path.home() / MAC_SCRIPTS
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(script, target)


def install_addin(addin: str | os.PathLike | None = None,
                  platform: str | None = None) -> InstallResult:
    """Put the add-in into XLSTART (built afresh unless `addin` is given) and write its config."""
    platform = platform or sys.platform
    folder = startup_dir(platform)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ADDIN_FILE
    try:
        if addin is None:
            build_addin(target)
        else:
            shutil.copyfile(addin, target)
    except PermissionError:
        raise WorkplanError(f"无法写入 {target}：请先退出 Excel 再安装。") from None
    conf = config_path(platform, dict(os.environ), Path.home())
    write_config(conf, config_settings(platform, sys.executable, package_root()))
    if is_mac(platform):
        install_runpython_mac()
    return InstallResult(target, conf)
