"""Ctrl-C at any moment: `已中断。`, never a traceback; an interrupted `run` still prints its JSON
line (the scheduler's log records every attempt); `workplan --version`.

"Any moment" starts once the interpreter runs Python code (about 0.1 s after the process starts
on a quiet machine; the tests start at 0.2 s so that a loaded machine, two test workers and
others, still has its interpreter up): before that the interpreter itself is starting and a
signal ends it as it would any program."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from toolkit import __version__, app
from toolkit.books.master import write_master
from toolkit.common import paths
from toolkit.common.lock import lock_path
from toolkit.front.demo import simulate_returns

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def master(tmp_path, small_plan):
    path = tmp_path / "总表.xlsx"
    write_master(small_plan, path)
    assigned = app.assign(path, "年终")
    simulate_returns(assigned.files, paths.inbox(path, 2020, "年终"), small_plan)
    return path


def test_an_interrupt_inside_the_run_is_its_json_line(master, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(app, "_summarise", interrupted)
    result = app.run(master, "年终")
    assert result.exit_code == 2
    assert result.to_json()["error"] == "已中断。"
    assert not lock_path(master).exists()  # the next run is not blocked


def _workplan(*args):
    env = {**os.environ, "PYTHONPATH": REPO}
    return subprocess.Popen([sys.executable, "-m", "toolkit", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


def _interrupt_after(seconds: float, *args):
    child = _workplan(*args)
    time.sleep(seconds)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    return child.returncode, out, err


@pytest.mark.slow
@pytest.mark.parametrize("seconds", [0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5])
def test_ctrl_c_at_any_moment_of_a_run(master, seconds):
    code, out, err = _interrupt_after(seconds, "run", master, "--round", "年终")
    assert "Traceback" not in err and "Traceback" not in out
    lines = out.strip().splitlines()
    assert len(lines) == 1, (out, err)
    line = json.loads(lines[0])
    if code == 2:  # interrupted (else it had finished: 0 or 1)
        assert line["error"] == "已中断。"
    assert not lock_path(master).exists()
    leftovers = [p for p in master.parent.rglob(".~tmp-*")]
    assert leftovers == []


@pytest.mark.parametrize("seconds", [0.2, 0.25, 0.3])
def test_ctrl_c_while_the_program_starts(seconds):
    code, out, err = _interrupt_after(seconds, "--help")
    assert "Traceback" not in err
    assert code == 0 or (code == 2 and err.strip() == "已中断。"), (code, err)


def test_sigterm_of_a_scheduler_is_an_interrupt_too(master):
    child = _workplan("run", master, "--round", "年终")
    time.sleep(1.0)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=120)
    assert "Traceback" not in err
    assert len(out.strip().splitlines()) == 1
    assert not lock_path(master).exists()


def test_version():
    child = _workplan("--version")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0 and out.strip() == f"workplan {__version__}"


def test_an_interrupt_a_library_turned_into_its_own_error_is_still_an_interrupt(master, monkeypatch):
    """openpyxl's descriptors catch whatever a conversion raises, Ctrl-C too, and raise a
    TypeError in its place: the run still says 已中断, not 程序内部出错."""
    def converted(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except BaseException:  # as openpyxl.descriptors.base._convert does
            raise TypeError("expected <class 'MultiCellRange'>")

    monkeypatch.setattr(app, "_summarise", converted)
    result = app.run(master, "年终")
    assert result.exit_code == 2 and result.to_json()["error"] == "已中断。"
    assert not lock_path(master).exists()


def test_a_ctrl_c_that_lands_while_a_file_is_let_go_is_not_lost():
    """A Ctrl-C arriving while an object's __del__ or a weakref callback runs (a zip file
    closed as it is let go) cannot be raised there (Python prints it as ignored and goes on,
    and the run would finish as if none came): it is delivered again just after."""
    from toolkit.front import cli

    class Closing:
        def __del__(self):
            signal.raise_signal(signal.SIGINT)  # the handler runs inside this finalizer
            sum(range(1000))

    before = cli._unwind_on_interrupts()
    try:
        with pytest.raises(KeyboardInterrupt):
            Closing()  # let go at once
            for _ in range(200):
                time.sleep(0.01)
    finally:
        cli._after(before)
