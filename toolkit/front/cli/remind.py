"""`workplan remind MASTER.xlsx --round ROUND [--each] [-o DIR] [--json]`."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "remind",
        help="为未报送或报送不全的单位生成催报通知和通知文字（催报）",
        description="按最近一次汇总，为未报送或指标未填全的单位生成催报通知（Word）和每个单位一段"
        "通知文字，写明截止日期、缺报内容和联系人。",
    )
    parser.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    parser.add_argument("--round", dest="round", default="", metavar="轮次", help="报送轮次")
    parser.add_argument("--each", action="store_true",
                        help="每个单位一份催报通知（默认：一份通知附单位清单）")
    parser.add_argument("-o", "--out", dest="out", default=None, metavar="文件夹",
                        help="输出文件夹（默认：总表旁的 催报/<年份><轮次>/）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(func=run)


def run(args) -> int:
    from toolkit.followup.remind import remind_round

    result = remind_round(args.master, args.round, each=args.each, out_dir=args.out)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    if not result.units:
        print(f"{result.round}：各单位均已报送且指标填写完整，无需催报。")
        return 0
    for r in result.units:
        print(f"{r.unit}（{r.state}）：{r.missing_text()}；联系人：{r.contact or '未填写'}")
    print(f"共{len(result.units)}个单位需催报，催报通知已写入 {result.out_dir}。")
    return 0
