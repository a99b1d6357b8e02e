"""What an installed toolkit carries: the reference plan, the templates and the add-in sources."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from toolkit.common.resources import resource_dir
from toolkit.plan_import import reference_plan_path

REPO = Path(__file__).resolve().parents[1]


def test_resources_are_found():
    assert (resource_dir("templates") / "summary_template.xlsx").is_file()
    assert (resource_dir("templates") / "summary_template.docx").is_file()
    assert (resource_dir("macros") / "customUI14.xml").is_file()
    assert reference_plan_path().read_text(encoding="utf-8").count("责任单位") >= 30


def test_every_resource_file_is_declared_as_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for package, folder in config["package-dir"].items():
        patterns = config["package-data"][package]
        assert package in config["packages"]
        for path in (REPO / folder).iterdir():
            if path.suffix in (".xlsx", ".docx", ".xml", ".bas"):
                assert any(fnmatch.fnmatch(path.name, p) for p in patterns), path


def test_every_package_of_the_toolkit_is_installed():
    """A plain `pip install .` carries only the packages pyproject names: each one must be there."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "toolkit").rglob("__init__.py")}
    assert found <= set(config["packages"]), found - set(config["packages"])
