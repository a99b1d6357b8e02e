"""`workplan import [PLAN] [-o MASTER.xlsx] [--force] [--json] [--no-write]`."""

from __future__ import annotations

import json



def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="导入工作要点，生成任务分解总表",
        description="把工作要点（.txt/.docx/.html）导入为任务分解总表；不给文件时导入内置的参考计划。",
    )
    p.add_argument("plan", nargs="?", metavar="计划文件", help="工作要点文件（默认：内置的三明市教育局2020年工作要点）")
    p.add_argument("-o", "--output", metavar="总表", help="总表保存路径（默认：计划所在文件夹下 workbooks/）")
    p.add_argument("--force", action="store_true", help="覆盖已有的总表")
    p.add_argument("--json", action="store_true", help="以 JSON 输出解析结果")
    p.add_argument("--no-write", action="store_true", help="只解析，不生成总表")
    p.set_defaults(func=run)


def run(args) -> int:
    from toolkit.plan_import import import_plan, parse_plan_file, reference_plan_path

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
