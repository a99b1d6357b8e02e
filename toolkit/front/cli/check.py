"""`workplan check MASTER.xlsx --round ROUND [--json]`."""

from __future__ import annotations

import json



def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="核对：汇总各单位报送的指标数值并与目标比较，写入汇总表的「指标核对」等工作表",
        description="核对本轮报送的指标完成情况和任务进展状态，结果写入本轮汇总表。",
    )
    parser.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    parser.add_argument("--round", required=True, metavar="轮次", help="报送轮次，如 半年、年终")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出核对结果")
    parser.set_defaults(func=run)


def run(args) -> int:
    from toolkit.check.run import check_round

    result = check_round(args.master, args.round)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    print(result.summary_line())
    for ind in result.attention:
        detail = f"：{ind.remark}" if ind.remark else ""
        print(f"  {ind.key} {ind.name}（{ind.target_text}）— {ind.status}{detail}")
    return 0
