"""`workplan import [PLAN] [-o MASTER.xlsx] [--force] [--json] [--no-write] [--blank]` and
`workplan new [-o MASTER.xlsx] [--title T] [--year Y]` (an empty master to fill in by hand)."""

from __future__ import annotations

import argparse
import json



def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="导入工作要点，生成任务分解总表",
        description="把工作要点或任务分解表（.txt/.html/.docx/.doc/.wps/.xlsx/.xls/.et/.ods/.pdf）导入为"
                    "任务分解总表；不给文件时导入内置的参考计划。.doc/.wps 需要 LibreOffice。",
    )
    p.add_argument("plan", nargs="?", metavar="计划文件", help="工作要点文件（默认：内置的三明市教育局2020年工作要点）")
    p.add_argument("-o", "--output", metavar="总表", help="总表保存路径（默认：计划所在文件夹下 workbooks/）")
    p.add_argument("--force", action="store_true", help="覆盖已有的总表")
    p.add_argument("--json", action="store_true", help="以 JSON 输出解析结果")
    p.add_argument("--no-write", action="store_true", help="只解析，不生成总表")
    p.add_argument("--blank", action="store_true",
                   help="不读计划，生成空白总表（表结构相同），在 Excel 中录入任务")
    p.set_defaults(func=run)
    n = subparsers.add_parser(
        "new", help="生成空白任务分解总表",
        description="生成空白的任务分解总表（与导入所得的表结构相同），由管理员在 Excel 中录入或粘贴任务，"
                    "之后照常生成任务表、汇总、核对。",
    )
    n.add_argument("-o", "--output", metavar="总表", help="总表保存路径（默认：workbooks/<标题>_任务分解总表.xlsx）")
    n.add_argument("--title", default="", metavar="标题", help="工作要点的标题，如 某市教育局2024年工作要点")
    n.add_argument("--year", type=int, metavar="年度", help="年度（默认：今年）")
    n.add_argument("--force", action="store_true", help="覆盖已有的总表")
    n.set_defaults(func=run_new)


def run_new(args) -> int:
    from toolkit.plan_import import new_master

    result = new_master(args.output, args.force, args.title, args.year)
    print(result.summary_line())
    return 0


def run(args) -> int:
    from toolkit.plan_import import import_plan, parse_plan_file, reference_plan_path

    if args.blank:
        return run_new(argparse.Namespace(output=args.output, force=args.force, title="", year=None))
    if args.no_write:
        plan = parse_plan_file(args.plan or reference_plan_path())
        warnings = plan.warnings
        line = f"已解析 {len(plan.sections)} 个部分、{len(plan.tasks)} 项任务、{len(plan.indicators)} 个指标。"
    else:
        result = import_plan(args.plan, args.output, args.force)
        plan, warnings, line = result.plan, result.warnings, result.summary_line()
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=1))
        return 0
    print(line)
    for warning in warnings:
        print(f"提示：{warning}")
    return 0
