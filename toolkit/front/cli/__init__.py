"""The command line front end: `workplan <command> ...`, one sub-command per command of the
hall (toolkit.app), defined in `commands`, plus the demo and the add-in's tools.

A sub-command's `func` takes the parsed arguments and returns the exit code (0 ran, 1 ran with
problems, 2 could not run). Users see one line of Chinese for an error (errors.user_message);
the traceback goes to the log only.

Ctrl-C (and a scheduler's SIGTERM, Ctrl-Break on Windows) at any moment gives `已中断。` and exit
code 2, never a traceback: while this module loads, a handler ends the process at once (nothing
has started); from `main` on, the interrupt unwinds as KeyboardInterrupt, so locks are released,
temporary files removed, and `run` still prints its JSON line.
"""

from __future__ import annotations

import os
import signal
import sys


def _quit_while_loading(signum, frame) -> None:
    """Nothing to undo before main() starts; `run` still prints its JSON line."""
    try:
        _interrupted_run_line(sys.argv[1:])
        sys.stderr.write(_said() + "\n")
        sys.stderr.flush()
    finally:
        os._exit(2)


def _we_are_the_program() -> bool:
    """True in the `workplan` command (console script or `python -m toolkit`); False when some
    other program (a test runner, the Excel add-in's server) imports this module."""
    first = os.path.normcase(sys.argv[0] if sys.argv else "")
    return (os.path.basename(first) in ("workplan", "workplan.exe", "workplan-script.py")
            or first.endswith(os.path.normcase(os.path.join("toolkit", "__main__.py"))))


PROGRAM = _we_are_the_program()
if PROGRAM:  # first of all: the rest of this module and what it imports load under it
    signal.signal(signal.SIGINT, _quit_while_loading)


def _said() -> str:
    """vocab.INTERRUPTED, also when the interrupt came while vocab itself was loading."""
    return getattr(sys.modules.get("toolkit.vocab"), "INTERRUPTED", "已中断。")


_run_line = {"written": False}  # `run` prints exactly one JSON line, interrupted or not


def run_line(text: str) -> None:
    """Print the JSON line of `run` (once)."""
    print(text, flush=True)
    _run_line["written"] = True


def _interrupted_run_line(argv) -> None:
    """An interrupted `run` that had not printed its line yet prints one now."""
    if list(argv)[:1] == ["run"] and not _run_line["written"]:
        import json

        run_line(json.dumps({"round": "", "exit_code": 2, "error": _said()},
                            ensure_ascii=False))


import argparse  # noqa: E402
import importlib  # noqa: E402
import re  # noqa: E402

import toolkit  # noqa: E402


# Modules with `register(subparsers)`: the hall's commands (and the demo, the bundle), then the
# add-in. They import nothing heavy: `workplan --help` loads argparse and the words only.
REGISTERS = ["toolkit.front.cli.commands", "toolkit.addin.cli"]


# argparse's own messages (it has no Chinese translation), as users meet them.
_MESSAGES = [
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (.*?): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (.*?): expected at least one argument", r"参数 \1 后面至少需要一个值"),
    (r"argument (.*?): expected at most one argument", r"参数 \1 后面至多一个值"),
    (r"argument (.*?): invalid \w+ value: (.*)", r"参数 \1 的值 \2 无效"),
    (r"argument (.*?): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (.*?): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"one of the arguments (.*) is required", r"必须指定 \1 之一"),
    (r"ambiguous option: (.*) could match (.*)", r"选项 \1 不明确，可能是：\2"),
]


def chinese_message(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in Chinese: usage, headings, -h and the errors (the sub-commands' parsers too)."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助并退出")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{chinese_message(message)}（详见 {self.prog} -h）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="workplan",
        description="工作要点任务分解、下发、汇总、核对与年终总结工具",
    )
    parser.add_argument("--version", action="version", version=f"workplan {toolkit.__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in REGISTERS:
        importlib.import_module(name).register(sub)
    return parser


def _configure_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def _main_thread() -> bool:
    """Signals can be set only there (`threading` is in sys.modules whenever another thread
    exists)."""
    threading = sys.modules.get("threading")
    return threading is None or threading.current_thread() is threading.main_thread()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _unraisable(info) -> None:
    """sys.unraisablehook, for what is raised where Python cannot raise it (an object's
    __del__, a weakref callback: a file closed as it is let go). An interrupt would be printed
    as ignored and lost, the run finishing as if no Ctrl-C came: it is delivered again a moment
    later. Anything else (a temporary file that cannot be flushed on a full disk) goes to the
    log, not to the clerk's screen as a traceback beside the one line that says what happened."""
    if isinstance(info.exc_value, KeyboardInterrupt):
        import threading

        timer = threading.Timer(0.02, _raise_again)
        timer.daemon = True
        timer.start()
        return
    import logging

    logging.getLogger("workplan").info(
        "ignored in %r", info.object,
        exc_info=(info.exc_type, info.exc_value, info.exc_traceback))


def _raise_again() -> None:
    """The interrupt again, while the command still unwinds on one (not once it is over, or
    while the program exits: it would kill it after its line is printed)."""
    if signal.getsignal(signal.SIGINT) is _interrupt:
        signal.raise_signal(signal.SIGINT)


INTERRUPTS = ("SIGINT", "SIGTERM", "SIGBREAK")


def _unwind_on_interrupts() -> dict:
    """From here on an interrupt unwinds (finally blocks run); SIGTERM and Ctrl-Break too.
    Returns the handlers replaced (none outside the main thread, where signals cannot be set)."""
    if not _main_thread():
        return {}
    before: dict = {None: sys.unraisablehook}
    sys.unraisablehook = _unraisable
    for name in INTERRUPTS:
        if hasattr(signal, name):
            number = getattr(signal, name)
            before[number] = signal.signal(number, _interrupt)
    return before


def _after(before: dict) -> None:
    """The command is over: the program ignores interrupts while it exits; a caller that ran
    main() in its own process gets its handlers back."""
    for number, handler in before.items():
        if number is None:  # the hook for what cannot be raised
            sys.unraisablehook = handler
        else:
            signal.signal(number, signal.SIG_IGN if PROGRAM else handler)


def _interrupted(argv) -> int:
    if _main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this line
    try:
        _interrupted_run_line(argv)
        print(_said(), file=sys.stderr)
    except (OSError, ValueError):
        pass
    return 2


def main(argv: list[str] | None = None) -> int:
    before = {}
    _run_line["written"] = False
    try:
        before = _unwind_on_interrupts()
        return _main(argv)
    except KeyboardInterrupt:
        return _interrupted(sys.argv[1:] if argv is None else argv)
    finally:
        _after(before)


def _main(argv: list[str] | None) -> int:
    _configure_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    import logging

    from toolkit.common.logs import log_to  # a command runs: now the rest may load
    from toolkit.errors import WorkplanError, interrupted, machine_failure, user_message

    log = logging.getLogger("workplan")
    log_path = log_to()
    log.info("workplan %s", " ".join(argv if argv is not None else sys.argv[1:]))
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # output piped into `head` or `more`, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except WorkplanError as exc:
        log.warning("stopped: %s", exc.message)
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug or the machine: one line for the user, the traceback logged
        if interrupted(exc):  # a library turned the interrupt into an error of its own
            raise KeyboardInterrupt from exc
        log.exception("environment failure" if machine_failure(exc) else "unexpected error")
        print(f"错误：{user_message(exc, log_path)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
