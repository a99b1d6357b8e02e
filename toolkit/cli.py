"""The command line front end: `workplan <stage> ...`, one sub-command per stage.

Each stage package has a `cli` module with `register(subparsers)`; the sub-command's `func`
takes the parsed arguments and returns the exit code (0 ran, 1 ran with problems, 2 could not
run). Users see one line of Chinese for an error; the traceback goes to the log only.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from toolkit.common.errors import WorkplanError
from toolkit.common.logs import log_to

log = logging.getLogger("workplan")

STAGE_CLIS = [
    "toolkit.plan_import.cli",
    "toolkit.assign.cli",
    "toolkit.collect.cli",
    "toolkit.check.cli",
    "toolkit.summary.cli",
    "toolkit.batch",
    "toolkit.demo",
    "toolkit.addin.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workplan",
        description="工作要点任务分解、下发、汇总、核对与年终总结工具",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in STAGE_CLIS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # a stage not built yet
            raise
        module.register(sub)
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
    except WorkplanError as exc:
        log.warning("stopped: %s", exc.message)
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: the user gets one line, the log gets the traceback
        log.exception("unexpected error")
        print(f"错误：程序内部出错（{type(exc).__name__}），详细信息已写入日志 {log_path}，"
              "请把日志发给技术支持。", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
