"""`workplan addin build [-o FILE]` and `workplan addin install`."""

from __future__ import annotations

import argparse
import sys

DEFAULT_OUTPUT = "dist/workplan.xlam"  # a string: `workplan --help` need not load pathlib


def run_build(args: argparse.Namespace) -> int:
    from toolkit.addin.build import build_addin

    out = build_addin(args.output)  # a path as typed
    print(f"已生成加载项：{out.as_posix() if not out.is_absolute() else out}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    from toolkit.addin.install import install_addin

    from pathlib import Path

    result = install_addin(Path(args.file) if args.file else None)
    print(f"已安装加载项：{result.addin}")
    print(f"已写入配置：{result.config}")
    print("请重新启动 Excel，功能区会出现“工作要点”选项卡。")
    return 0


def add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="addin_command", metavar="子命令")
    build = sub.add_parser("build", help="生成 Excel 加载项（.xlam），无需 Excel")
    build.add_argument(
        "-o", "--output", default=DEFAULT_OUTPUT, metavar="文件",
        help=f"输出文件（默认 {DEFAULT_OUTPUT}）",
    )
    build.set_defaults(func=run_build)
    install = sub.add_parser("install", help="把加载项装入 Excel 的启动文件夹（XLSTART）并写入配置")
    install.add_argument("-f", "--file", default=None, metavar="文件", help="安装这个已生成的加载项（默认现场生成）")
    install.set_defaults(func=run_install)


def register(subparsers) -> None:
    """Add `addin` to the `workplan` command line."""
    parser = subparsers.add_parser("addin", help="Excel 加载项：生成（build）、安装（install）")
    add_commands(parser)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def main(argv: list[str] | None = None) -> int:
    """`python -m toolkit.addin ...`: the same as `workplan addin ...`."""
    from toolkit.front.cli import main as workplan_main

    return workplan_main(["addin", *(sys.argv[1:] if argv is None else argv)])
