"""`workplan collect` and `workplan status`."""

from __future__ import annotations

import json

from toolkit.vocab import NOT_SUBMITTED


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "collect", help="汇总各单位报回的任务表",
        description="读取回收文件夹中各单位报回的任务表，核查后合并为汇总表，并列出问题清单和未报送单位。",
    )
    p.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次，如 年终")
    p.add_argument("--inbox", metavar="文件夹", help="回收文件夹（默认：总表旁的 回收/年份轮次/）")
    p.add_argument("-o", "--output", metavar="文件", help="汇总表路径（默认：汇总/年份轮次汇总表.xlsx）")
    p.add_argument("--archive", metavar="文件夹", help="把处理过的文件复制到该文件夹并按哈希校验")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=run)

    s = subparsers.add_parser("status", help="查看各单位报送情况",
                              description="根据汇总记录列出各单位的报送情况。")
    s.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    s.add_argument("--round", metavar="轮次", help="报送轮次（默认：已汇总过的全部轮次）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=run_status)

    h = subparsers.add_parser("history", help="查看某单位每轮报送的文件和修改记录",
                              description="列出某单位各轮报送的每份文件、采用情况，以及重新报送时修改的单元格（原值 → 新值）。")
    h.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    h.add_argument("--unit", required=True, metavar="单位", help="单位名称或别名")
    h.add_argument("--round", metavar="轮次", help="报送轮次（默认：已汇总过的全部轮次）")
    h.add_argument("--json", action="store_true", help="以 JSON 输出")
    h.set_defaults(func=run_history)


def run(args) -> int:
    from toolkit.collect import collect_round
    from toolkit.rules.text import shown_name

    from toolkit.common.progress import for_terminal

    bar = for_terminal(args.json)
    result = collect_round(args.master, args.round, inbox=args.inbox, out=args.output,
                           archive=args.archive, progress=bar)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        for problem in result.problems:  # a cell's text may hold control characters too
            print(shown_name(f"[{problem.severity}] {problem.line()}"))
        for notice in result.notices:
            print(f"提示：{notice}")
        print(f"{result.summary_line()}。汇总表：{result.output}")
    return 0


def run_status(args) -> int:
    from toolkit.collect import status_rounds

    rounds, rows = status_rounds(args.master, args.round)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rounds:
        print("尚无汇总记录，请先运行 workplan collect。")
        return 0
    for name in rounds:
        block = [r for r in rows if r["round"] == name]
        collected = block[0]["collected"] if block else ""
        reported = sum(1 for r in block if r["state"] != NOT_SUBMITTED)
        head = f"{name}：应报 {len(block)} 个单位，已报送 {reported} 个"
        print(head + (f"（最近汇总：{collected}）" if collected else "（尚未汇总）"))
        for r in block:
            extra = f"  {r['received']}  问题 {r['problems']} 条" if r["file"] else ""
            print(f"  {r['unit']}  {r['state']}{extra}")
    return 0


def run_history(args) -> int:
    from dataclasses import asdict

    from toolkit.collect.run import history

    unit, rounds = history(args.master, args.unit, args.round)
    if args.json:
        print(json.dumps({"unit": unit, "rounds": {name: [asdict(r) for r in revs]
                                                   for name, revs in rounds}},
                         ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"{unit}：")
    for name, revs in rounds:
        if not revs:
            print(f"  {name}：未报送")
            continue
        print(f"  {name}：")
        for r in revs:
            print(f"    {r.received}  {r.file}  {r.outcome}")
            for change in r.changes:
                print(f"      {change.text()}")
    return 0
