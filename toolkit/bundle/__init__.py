"""Offline install bundles (`workplan bundle`): one zip per target machine that installs
workplan with no network, for the intranet (政务外网) PCs of offices.

    workplan bundle --platform win_amd64|linux_x86_64|linux_aarch64 [--python 3.11] -o DIR

A bundle holds every wheel the product needs on its target (`wheels`, resolved with the
target's environment markers: `pip_for_target.py`), the product's own wheel, pip's wheel (so
no ensurepip is needed), the Excel add-in (Windows), the install script (安装.bat / install.sh,
which run `install.py`), one launcher per command an administrator uses (toolkit.front.launcher)
and the install guide (docs/安装说明.md). `build.build_bundle` makes it; it runs where the
package index can be reached, from a source checkout (the product's wheel is built from it).
"""

# The targets and Pythons a bundle is made for, by name (toolkit.bundle.targets describes them;
# here so that the command line lists them without loading anything).
PLATFORMS = ("win_amd64", "linux_x86_64", "linux_aarch64")
PYTHONS = ("3.11", "3.12", "3.13")
DEFAULT_PYTHON = "3.11"
