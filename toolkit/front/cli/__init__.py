"""The command line front end: `workplan <command> ...`, one sub-command per command of the
hall (toolkit.app), defined in `commands`, plus the demo and the add-in's tools.

A sub-command's `func` takes the parsed arguments and returns the exit code (0 ran, 1 ran with
problems, 2 could not run). Users see one line of Chinese for an error (errors.user_message);
the traceback goes to the log only.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sys

from toolkit.errors import WorkplanError, machine_failure, user_message
from toolkit.common.logs import log_to

log = logging.getLogger("workplan")

# Modules with `register(subparsers)`: the hall's commands, then the demo and the add-in.
REGISTERS = ["toolkit.front.cli.commands", "toolkit.front.demo", "toolkit.addin.cli"]


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


def main(argv: list[str] | None = None) -> int:
    _configure_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
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
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug or the machine: one line for the user, the traceback logged
        log.exception("environment failure" if machine_failure(exc) else "unexpected error")
        print(f"错误：{user_message(exc, log_path)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
