"""Build the offline bundles and measure them: the zip, and what it installs.

    python benchmarks/bench_bundle.py [-o DIR] [--cache DIR] [--targets win_amd64:3.11,...]

For each target: the zip's size and packages, and the installed size, measured by pip
installing every wheel of the bundle for that target into an empty folder (--target, with the
target's markers), plus the Python environment itself where the bundle is for this machine
(the real install: env/ after install.sh). Needs the package index (or a filled --cache).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import __version__, app  # noqa: E402
from toolkit.addin.build import build_addin  # noqa: E402
from toolkit.bundle import wheels  # noqa: E402
from toolkit.bundle.targets import TARGETS  # noqa: E402

DEFAULT = "win_amd64:3.11,win_amd64:3.12,linux_x86_64:3.11,linux_aarch64:3.11"


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def installed_size(bundle: Path, platform: str, python: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(bundle) as z:
            z.extractall(tmp)
        wheel_dir = Path(tmp) / bundle.stem / "files" / "wheels"
        target = Path(tmp) / "site-packages"
        done = wheels.pip_for(TARGETS[platform], python, [
            "install", "--isolated", "--no-index", "--find-links", str(wheel_dir),
            "--target", str(target), "--ignore-requires-python", "--no-compile",
            *wheels.platform_args(TARGETS[platform], python), f"workplan=={__version__}"])
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        return size(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=Path(tempfile.gettempdir()) / "bundles")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bundle-cache")
    parser.add_argument("--targets", default=DEFAULT)
    args = parser.parse_args()
    addin = build_addin(args.out / "workplan.xlam")
    for item in args.targets.split(","):
        platform, python = item.split(":")
        made = app.bundle(platform, python, args.out, addin=addin,
                          cache=args.cache / f"{platform}-py{python}")
        packages = installed_size(made.output, platform, python)
        print(f"{made.output.name}: zip {made.size / 1e6:.1f} MB, {len(made.packages)} packages; "
              f"installed packages {packages / 1e6:.1f} MB (without .pyc and Python itself)")


if __name__ == "__main__":
    main()
