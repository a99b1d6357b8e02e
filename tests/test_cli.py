"""The command line as a user meets it: help, errors in one line, bugs logged not shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from toolkit import cli


def run(*args):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, encoding="utf-8")


def test_help_is_chinese():
    result = run("--help")
    assert result.returncode == 0
    assert "import" in result.stdout and "导入工作要点" in result.stdout


def test_no_command_prints_help_and_exit_2():
    result = run()
    assert result.returncode == 2 and "usage" in result.stdout.lower()


def test_unexpected_error_is_one_line_and_the_traceback_is_logged(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("boom")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["import"].set_defaults(func=broken)
    code = cli.main(["import"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("错误：程序内部出错（RuntimeError）") and "Traceback" not in err
    log = Path(os.environ["WORKPLAN_LOG_DIR"]) / "workplan.log"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
