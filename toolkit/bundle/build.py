"""Make one offline install bundle (see the package's docstring)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import toolkit
from toolkit import vocab
from toolkit.bundle import wheels
from toolkit.bundle.targets import Target
from toolkit.common.atomic import atomic_path
from toolkit.errors import WorkplanError

log = logging.getLogger("workplan.bundle")

HERE = Path(__file__).resolve().parent
SOURCE = Path(toolkit.__file__).resolve().parents[1]  # the checkout: pyproject.toml is there
SOURCE_PARTS = ("pyproject.toml", "README.md", "toolkit", "templates", "macros")
GUIDE = Path("docs") / "安装说明.md"
FILES = "files"  # the bundle's folder of what the install uses (wheels, install.py, …)


@dataclass
class Bundle:
    path: Path  # the zip
    target: Target
    python: str
    packages: list[str] = field(default_factory=list)  # name-version, as pip resolved them
    size: int = 0  # bytes of the zip


def bundle_name(target: Target, python: str) -> str:
    return f"workplan-{toolkit.__version__}-{target.name}-py{python}"


def build_bundle(target: Target, python: str, out_dir: Path, *, addin: Path | None = None,
                 cache: Path | None = None, extra_wheels: Path | None = None,
                 source: Path = SOURCE) -> Bundle:
    """Make `out_dir/<bundle name>.zip` for `target` and CPython `python`."""
    if not (source / "pyproject.toml").is_file():
        raise WorkplanError("制作安装包需要 workplan 的源代码（含 pyproject.toml），"
                            "请在源代码文件夹中安装后运行。")
    if target.windows and addin is None:
        raise WorkplanError("Windows 安装包需要 Excel 加载项（workplan.xlam）。")
    name = bundle_name(target, python)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".~bundle-", dir=out_dir) as tmp:
        stage = Path(tmp) / name
        files = stage / FILES
        product = product_wheel(source, Path(tmp) / "product")
        requirement = f"workplan=={toolkit.__version__}"
        links = [product.parent] + ([extra_wheels] if extra_wheels else [])
        wheels.download(target, python, [requirement, "pip"], files / "wheels",
                        find_links=links, cache=cache)
        packages = wheels.resolve(target, python, requirement, files / "wheels")
        _install_files(stage, target, python, addin, source)
        zip_path = out_dir / f"{name}.zip"
        with atomic_path(zip_path) as tmp_zip:
            _zip(stage, tmp_zip)
    return Bundle(zip_path, target, python, packages, zip_path.stat().st_size)


def product_wheel(source: Path, work: Path) -> Path:
    """The product's wheel, built from a copy of the sources it packages (the checkout is left
    as it is: no build/ or egg-info in it)."""
    tree = work / "src"
    for part in SOURCE_PARTS:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            tree.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, tree / part)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "--disable-pip-version-check", "-w", str(work / "dist"), str(tree)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    found = sorted((work / "dist").glob("workplan-*.whl"))
    if done.returncode != 0 or not found:
        log.error("pip wheel failed:\n%s", done.stderr)
        raise wheels.missing_wheels(done.stderr, Target("source", "本机", (), ()), "")
    return found[0]


# --- what the bundle holds beside the wheels ---------------------------------------------------
def _install_files(stage: Path, target: Target, python: str, addin: Path | None,
                   source: Path) -> None:
    files = stage / FILES
    shutil.copy2(HERE / "install.py", files / "install.py")
    info = {"version": toolkit.__version__, "target": target.name, "label": target.label,
            "python": python, "built": date.today().isoformat(),
            "launchers": {name: what for name, what in vocab.LAUNCHERS.values()}}
    (files / "bundle.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    guide = (source / GUIDE).read_text(encoding="utf-8")
    if target.windows:
        shutil.copy2(addin, files / "workplan.xlam")
        _text(stage / "安装说明.txt", guide, windows=True)
        _text(stage / "安装.bat", windows_install(python), windows=True)
        for command, (name, what) in vocab.LAUNCHERS.items():
            _text(stage / f"{name}.bat", windows_launcher(command, name, what), windows=True)
    else:
        _text(stage / "安装说明.txt", guide)
        _text(stage / "install.sh", linux_install(python), executable=True)
        for command, (name, what) in vocab.LAUNCHERS.items():
            _text(stage / f"{name}.sh", linux_launcher(command, name, what), executable=True)


def _text(path: Path, text: str, windows: bool = False, executable: bool = False) -> None:
    """Windows: CRLF; a .bat in the Chinese code page (cmd reads it so), other text UTF-8 with
    a BOM (Notepad then reads it as UTF-8). Linux: UTF-8, LF."""
    if windows:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        data = text.encode("gbk") if path.suffix == ".bat" else b"\xef\xbb\xbf" + text.encode()
    else:
        data = text.encode("utf-8")
    path.write_bytes(data)
    if executable:
        path.chmod(0o755)


def windows_install(python: str) -> str:
    return f"""@echo off
rem 工作要点工具：安装（不需要联网）。需要 Python {python}（64 位），见“安装说明.txt”。
cd /d "%~dp0"
set PY=
py -{python} -c "import sys" >nul 2>nul && set PY=py -{python}
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] != ({python.replace('.', ', ')}))" >nul 2>nul && set PY=python
if not defined PY (
  echo 没有找到 Python {python}。请先安装 Python {python}（64 位）：见“安装说明.txt”第一步。
  pause
  exit /b 2
)
%PY% "%~dp0files\\install.py"
pause
"""


def windows_launcher(command: str, name: str, what: str) -> str:
    return f"""@echo off
rem 工作要点工具：{name}（{what}）
if not exist "%~dp0env\\Scripts\\python.exe" (
  echo 尚未安装：请先双击运行“安装.bat”。
  pause
  exit /b 2
)
"%~dp0env\\Scripts\\python.exe" -m toolkit.front.launcher {command}
"""


def linux_install(python: str) -> str:
    return f"""#!/bin/sh
# 工作要点工具：安装（不需要联网）。需要 Python {python}，见“安装说明.txt”。
here="$(cd "$(dirname "$0")" && pwd)"
for py in python{python} python3 python; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != ({python.replace('.', ', ')}))' 2>/dev/null; then
    exec "$py" "$here/files/install.py" "$@"
  fi
done
echo "没有找到 Python {python}。请先请信息中心安装 Python {python}：见“安装说明.txt”第一步。"
exit 2
"""


def linux_launcher(command: str, name: str, what: str) -> str:
    return f"""#!/bin/sh
# 工作要点工具：{name}（{what}）
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/env/bin/python" ]; then
  echo "尚未安装：请先运行 install.sh（见“安装说明.txt”）。"
  printf "按回车键关闭窗口……"; read _
  exit 2
fi
exec "$here/env/bin/python" -m toolkit.front.launcher {command}
"""


def _zip(stage: Path, out: Path) -> None:
    """The stage folder as a zip, its top folder named as the bundle; scripts stay executable."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in sorted(stage.rglob("*")):
            if path.is_dir():
                continue
            arcname = f"{stage.name}/{path.relative_to(stage).as_posix()}"
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if path.stat().st_mode & 0o111 else 0o644) << 16
            info.compress_type = (zipfile.ZIP_STORED if path.suffix == ".whl"
                                  else zipfile.ZIP_DEFLATED)
            info.flag_bits |= 0x800  # the names are UTF-8 (Chinese names unzip right)
            z.writestr(info, path.read_bytes())
