"""`workplan assign MASTER.xlsx --round ROUND [-o DIR] [--units NAME,...] [--force] [--json]`."""

from __future__ import annotations

import json
import sys



def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "assign",
        help="按总表为每个责任单位生成本轮任务表（生成任务表）",
        description="按任务分解总表为每个责任单位生成一个任务表（Excel），并生成下发清单。",
    )
    parser.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    parser.add_argument("--round", dest="round", default="", metavar="轮次",
                        help="报送轮次，如 一季度、半年、三季度、年终（见总表 设置 工作表）")
    parser.add_argument("-o", "--out", dest="out", default=None, metavar="文件夹",
                        help="输出文件夹（默认：总表旁的 下发/<年份><轮次>/）")
    parser.add_argument("--units", default=None, metavar="单位,...",
                        help="只生成这些单位的任务表（逗号或顿号分隔，可用单位组名）")
    parser.add_argument("--force", action="store_true", help="输出文件夹已存在时替换它")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(func=run)
    feedback = subparsers.add_parser(
        "feedback",
        help="为报送有问题的单位生成退回修改表和通知文字（退回修改）",
        description="按最近一次汇总，为每个报送有问题的单位生成退回修改表：保留其原填内容，"
        "标红有问题的单元格并批注，首页列出校验结果；另附一段通知文字。",
    )
    feedback.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    feedback.add_argument("--round", dest="round", default="", metavar="轮次", help="报送轮次")
    feedback.add_argument("--units", default=None, metavar="单位,...",
                          help="只为这些单位生成（默认：所有报送有问题的单位）")
    feedback.add_argument("-o", "--out", dest="out", default=None, metavar="文件夹",
                          help="输出文件夹（默认：总表旁的 退回修改/<年份><轮次>/）")
    feedback.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    feedback.set_defaults(func=run_feedback)


def run(args) -> int:
    from toolkit.assign.run import assign_round

    from toolkit.common.progress import for_terminal

    result = assign_round(args.master, args.round, out_dir=args.out, units=args.units,
                          force=args.force, progress=for_terminal(args.json))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    for line in result.warnings:
        print(f"警告：{line}", file=sys.stderr)
    for line in result.summary_lines():
        print(line)
    print(f"共生成{len(result.files)}个任务表，已写入 {result.out_dir}（下发清单：{result.distribution.name}）。")
    return 0


def run_feedback(args) -> int:
    from toolkit.followup.feedback import feedback_round

    result = feedback_round(args.master, args.round, units=args.units, out_dir=args.out)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    for f in result.files:
        print(f"{f.unit}：{f.problems}处需修改 → {f.workbook.name}")
    if not result.files:
        print(f"{result.round}：没有报送有问题的单位，无需退回修改。")
        return 0
    print(f"共生成{len(result.files)}份退回修改表，已写入 {result.out_dir}。")
    return 0
