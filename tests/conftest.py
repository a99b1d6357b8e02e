"""Shared fixtures: the small hand-built plan (tests/helpers.py) every stage's tests use."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_small_plan


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _logs_in_a_temporary_folder(tmp_path_factory):
    """Keep the tests' log files out of the home folder (subprocesses inherit this)."""
    import os

    os.environ["WORKPLAN_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))


@pytest.fixture
def small_plan():
    return make_small_plan()


@pytest.fixture
def reference_plan_text() -> str:
    from importlib.resources import files

    return (files("toolkit") / "data" / "000_71dfa8e4d736c6d5.txt").read_text(encoding="utf-8")
