"""Shared fixtures: the small hand-built plan (tests/helpers.py) every stage's tests use; the
real clients and servers, which mark the tests that use them.

A test (or a fixture it uses) that runs LibreOffice asks for `soffice`: it is marked
`libreoffice` and skipped where LibreOffice is not installed. Tests of whole demo years and
those against a real IMAP server are marked `slow` by their fixtures (SLOW_FIXTURES); stress
tests carry the mark themselves. `pytest -m "not slow and not libreoffice"` is the inner loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_small_plan


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SLOW_FIXTURES = {"demo", "demo_year", "imap"}  # the demo, a year of it; a real IMAP server


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "soffice" in names:
            item.add_marker(pytest.mark.libreoffice)
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's soffice, for the real-client tests; they are skipped without it."""
    from libreoffice import SOFFICE

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


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
