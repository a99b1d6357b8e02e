"""The command line as a user meets it: help, errors in one line, bugs logged not shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from toolkit.front import cli


def run(*args):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, encoding="utf-8")


def test_help_is_chinese():
    result = run("--help")
    assert result.returncode == 0
    assert "import" in result.stdout and "导入工作要点" in result.stdout


def test_no_command_prints_help_and_exit_2():
    result = run()
    assert result.returncode == 2 and "用法：workplan" in result.stdout


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


def test_argument_errors_are_chinese():
    result = run("check")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "用法：workplan check [-h] --round 轮次 [--json] 总表.xlsx",
        "错误：缺少参数：总表.xlsx, --round（详见 workplan check -h）",
    ]
    result = run("chek")
    assert result.returncode == 2 and "错误：参数 命令 的值 'chek' 无效，可选：'import'" in result.stderr
    result = run("summary", "-h")
    assert "位置参数" in result.stdout and "显示本帮助并退出" in result.stdout
    for english in ("usage", "error", "options", "positional arguments", "show this help"):
        assert english not in result.stdout + run("check").stderr


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    """`workplan … | head`: the reader stops early; no "程序内部出错", no bug in the log."""
    script = (
        "import sys\n"
        "from toolkit.front import cli\n"
        "parser = cli.build_parser()\n"
        "cli.build_parser = lambda: parser\n"
        "def chatty(args):\n"
        "    for i in range(200000):\n"
        "        print('第', i, '行')\n"
        "    return 0\n"
        "parser._subparsers._group_actions[0].choices['demo'].set_defaults(func=chatty)\n"
        "sys.exit(cli.main(['demo']))\n"
    )
    env = dict(os.environ, WORKPLAN_LOG_DIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 0, err
    assert err == ""
    log = tmp_path / "workplan.log"
    assert "BrokenPipeError" not in (log.read_text(encoding="utf-8") if log.exists() else "")


def test_the_batch_and_demo_usage_lines_are_chinese():
    assert run("run", "-h").stdout.startswith("用法：workplan run [-h] [--round 轮次] 总表.xlsx")
    assert run("demo", "-h").stdout.startswith("用法：workplan demo [-h] [--json] [文件夹]")


def test_progress_bar_only_on_a_terminal(tmp_path):
    """A person at a terminal sees a bar on stderr; --json and a pipe stay silent."""
    import io

    from toolkit.common.progress import TerminalBar, for_terminal, silent

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert for_terminal(False, io.StringIO()) is silent
    assert for_terminal(True, Terminal()) is silent
    screen = Terminal()
    bar = for_terminal(False, screen)
    assert isinstance(bar, TerminalBar)
    for done in range(4):
        bar("读取报回文件", done, 3)
    assert "读取报回文件" in screen.getvalue() and "3/3" in screen.getvalue()
    assert bar.bar is None  # closed when done
