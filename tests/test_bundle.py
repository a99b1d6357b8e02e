"""Offline install bundles (`workplan bundle`), their install script and launchers.

The Linux bundle is built, unzipped into an empty folder and installed with no network (in a
network namespace of its own where the machine allows one, and with the package index pointed
at a closed port), and the demo runs with what it installed; the Windows (Python 3.11 and 3.12)
and aarch64 bundles are built and resolved completely with no index, as pip on those machines
would. Building downloads wheels: they are cached between runs in a folder of the temporary
directory keyed by the requirements, target and Python (these tests are marked slow).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from toolkit import __version__, app, vocab
from toolkit.bundle import wheels
from toolkit.bundle.build import bundle_name, linux_launcher, windows_launcher
from toolkit.bundle.targets import TARGETS
from toolkit.errors import WorkplanError

REPO = Path(__file__).resolve().parents[1]
HERE_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"


def wheel_cache(platform: str, python: str) -> Path:
    """A cache of downloaded wheels that outlives the test run, keyed by what decides them."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    key = "\n".join([platform, python, *sorted(config["project"]["dependencies"])])
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "workplan-bundle-cache" / f"{platform}-py{python}-{digest}"


def make_bundle(platform: str, python: str, out: Path) -> Path:
    import fcntl

    from toolkit.addin.build import build_addin

    addin = build_addin(out / "addin" / "workplan.xlam") if platform.startswith("win") else None
    cache = wheel_cache(platform, python)
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache.with_suffix(".lock"), "w") as lock:  # test workers fill a cache one at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = app.bundle(platform, python, out, addin=addin, cache=cache)
    print(f"{made.output.name}: {made.size / 1e6:.1f} MB, {len(made.packages)} packages")
    return made.output


def unzip(bundle: Path, into: Path) -> Path:
    with zipfile.ZipFile(bundle) as z:
        z.extractall(into)
        for info in z.infolist():  # zipfile does not restore the executable bits
            if info.external_attr >> 16 & 0o111:
                (into / info.filename).chmod(0o755)
    return into / bundle.stem


def _offline_env(home: Path) -> dict:
    """No index to reach, and a PYTHONPATH left by another program that holds a copy of
    workplan's metadata (a developer's checkout has one): the install must not take it for
    an installed workplan."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    decoy = home / "elsewhere" / "workplan-0.1.0.dist-info"
    decoy.mkdir(parents=True, exist_ok=True)
    (decoy / "METADATA").write_text("Metadata-Version: 2.1\nName: workplan\nVersion: 0.1.0\n")
    env.update(PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_CONFIG_FILE=os.devnull,
               HOME=str(home), WORKPLAN_NO_DIALOG="1", PYTHONPATH=str(decoy.parent))
    return env


def _no_network() -> list[str]:
    """`unshare -n`: a network namespace with no way out, where this machine allows it."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"],
                                                  capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# --- the Linux bundle, installed with no network --------------------------------------------------
@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The bundle for this machine, unzipped into an empty folder and installed offline."""
    if not sys.platform.startswith("linux") or os.uname().machine != "x86_64":
        pytest.skip("the install test runs on Linux x86_64")
    out = tmp_path_factory.mktemp("bundle")
    bundle = make_bundle("linux_x86_64", HERE_PYTHON, out)
    folder = unzip(bundle, tmp_path_factory.mktemp("空文件夹"))
    home = tmp_path_factory.mktemp("home")
    done = subprocess.run([*_no_network(), "sh", str(folder / "install.sh")],
                          env=_offline_env(home), capture_output=True, text=True,
                          encoding="utf-8", timeout=900)
    print(done.stdout, done.stderr)
    print(f"zip {bundle.stat().st_size / 1e6:.1f} MB, installed {folder_size(folder / 'env') / 1e6:.1f} MB")
    assert done.returncode == 0, done.stdout + done.stderr
    return folder, home


@pytest.mark.slow
def test_the_bundle_installs_offline_and_runs_the_demo(installed, tmp_path):
    folder, home = installed
    done = subprocess.run([*_no_network(), str(folder / "env" / "bin" / "workplan"), "demo",
                           str(tmp_path / "demo")], env=_offline_env(home), capture_output=True,
                          text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, done.stderr
    assert "演示完成" in done.stdout
    assert (tmp_path / "demo" / "汇总" / "2020年终汇总表.xlsx").is_file()
    assert (tmp_path / "demo" / "总结" / "2020年终" / "年终总结.docx").is_file()
    version = subprocess.run([str(folder / "env" / "bin" / "workplan"), "--version"],
                             capture_output=True, text=True)
    assert version.stdout.strip() == f"workplan {__version__}"


@pytest.mark.slow
def test_a_launcher_of_the_bundle_asks_and_keeps_its_window(installed, tmp_path):
    folder, home = installed
    demo = tmp_path / "demo"
    subprocess.run([str(folder / "env" / "bin" / "workplan"), "demo", str(demo)],
                   env=_offline_env(home), capture_output=True, check=True, timeout=600)
    master = next(demo.glob("*_任务分解总表.xlsx"))
    done = subprocess.run(["sh", str(folder / "查看报送情况.sh")], input=f"{master}\n年终\n\n",
                          env=_offline_env(home), capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "应报 43 个单位，已报送 41 个" in done.stdout
    assert done.stdout.rstrip().endswith("按回车键关闭窗口……")
    desktop = (folder / "工作要点-汇总.desktop").read_text(encoding="utf-8")
    assert f'Exec="{folder / "汇总.sh"}"' in desktop and "Terminal=true" in desktop
    assert (home / ".local" / "share" / "applications" / "工作要点-汇总.desktop").is_file()


@pytest.mark.slow
def test_a_failed_upgrade_keeps_the_working_version(installed, tmp_path):
    folder, home = installed
    broken = tmp_path / "新版本"
    shutil.copytree(folder, broken, symlinks=True, ignore=shutil.ignore_patterns("env"))
    shutil.copytree(folder / "env", broken / "env", symlinks=True)
    for wheel in (broken / "files" / "wheels").glob("numpy-*.whl"):
        wheel.unlink()  # a bundle that lost a file on the way
    done = subprocess.run(["sh", str(broken / "install.sh")], env=_offline_env(home),
                          capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert done.returncode == 2 and "已恢复原来的版本" in done.stdout
    version = subprocess.run([str(broken / "env" / "bin" / "python"), "-m", "toolkit",
                              "--version"], capture_output=True, text=True)
    assert version.returncode == 0


@pytest.mark.slow
def test_the_wrong_python_is_told_which_one_to_install(installed, tmp_path):
    """A bundle for another Python (its bundle.json says so) run with this one."""
    import json

    folder, home = installed
    other = tmp_path / "其他版本"
    shutil.copytree(folder / "files", other / "files", ignore=shutil.ignore_patterns("*.whl"))
    info = json.loads((other / "files" / "bundle.json").read_text(encoding="utf-8"))
    info["python"] = "3.12" if HERE_PYTHON != "3.12" else "3.11"
    (other / "files" / "bundle.json").write_text(json.dumps(info), encoding="utf-8")
    done = subprocess.run([sys.executable, str(other / "files" / "install.py")],
                          env=_offline_env(home), capture_output=True, text=True,
                          encoding="utf-8")
    assert done.returncode == 2
    assert f"本安装包适用于 Python {info['python']}，这台电脑运行安装的是 Python {HERE_PYTHON}" \
        in done.stdout
    assert not (other / "env").exists()


# --- the other targets resolve completely ------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("platform, python", [("win_amd64", "3.11"), ("win_amd64", "3.12"),
                                              ("linux_aarch64", "3.11")])
def test_other_bundles_resolve_with_no_index(platform, python, tmp_path):
    bundle = make_bundle(platform, python, tmp_path)
    assert bundle.name == f"{bundle_name(TARGETS[platform], python)}.zip"
    folder = unzip(bundle, tmp_path / "unzipped")
    found = wheels.resolve(TARGETS[platform], python, f"workplan=={__version__}",
                           folder / "files" / "wheels")
    names = {n.rsplit("-", 1)[0].lower() for n in found}
    assert {"workplan", "pandas", "openpyxl", "psutil"} <= names
    if platform.startswith("win"):
        assert {"pywin32", "pywin32-ctypes"} <= names and "secretstorage" not in names
        assert (folder / "files" / "workplan.xlam").is_file()
        for command, (name, _) in vocab.LAUNCHERS.items():
            text = (folder / f"{name}.bat").read_bytes().decode("gbk")
            assert f"-m toolkit.front.launcher {command}\r\n" in text
        assert "py -" + python in (folder / "安装.bat").read_bytes().decode("gbk")
    else:
        assert (folder / "install.sh").stat().st_mode & 0o111
    assert (folder / "安装说明.txt").read_bytes().lstrip(b"\xef\xbb\xbf").decode().startswith("#")


# --- what a build says ------------------------------------------------------------------------------
def test_a_package_without_a_wheel_for_the_target_is_named(tmp_path):
    """A package published as source only: the build names it and says what to do."""
    index = tmp_path / "index"
    index.mkdir()
    sdist = index / "onlysource-1.0.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "onlysource-1.0"
        root.mkdir()
        (root / "setup.py").write_text("from setuptools import setup; setup(name='onlysource', "
                                       "version='1.0')\n")
        shutil.make_archive(str(sdist).removesuffix(".tar.gz"), "gztar", tmp)
    with pytest.raises(WorkplanError) as err:
        wheels.download(TARGETS["linux_aarch64"], "3.11", ["onlysource"], tmp_path / "w",
                        find_links=[index], offline=True)
    message = err.value.message
    assert message.startswith("onlysource 没有适用于 Linux（ARM64")
    assert "Python 3.11" in message and "pip wheel onlysource" in message and "--wheels" in message


def test_launcher_scripts_call_the_hall_through_the_launcher():
    for command, (name, what) in vocab.LAUNCHERS.items():
        bat = windows_launcher(command, name, what)
        bat.encode("gbk")  # cmd reads a .bat in the Chinese code page
        assert f'"%~dp0env\\Scripts\\python.exe" -m toolkit.front.launcher {command}' in bat
        assert f'exec "$here/env/bin/python" -m toolkit.front.launcher {command}' in \
            linux_launcher(command, name, what)


def test_every_launcher_is_a_command_of_the_hall():
    for command in vocab.LAUNCHERS:
        assert callable(app.command(command))
