"""`workplan summary MASTER.xlsx [--round 年终] [-o DIR] [--json]`."""

from __future__ import annotations

import json



def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="总结：生成年终总结（或进度通报）的工作簿和 Word 文稿",
        description="根据本轮汇总和核对结果，生成年终总结.xlsx 和年终总结.docx（年终之前的轮次为进度通报）。",
    )
    parser.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    parser.add_argument("--round", default="年终", metavar="轮次", help="报送轮次，默认 年终")
    parser.add_argument("-o", "--out", metavar="文件夹", help="输出文件夹，默认为总表旁的“总结”文件夹")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(func=run)


def run(args) -> int:
    from toolkit.summary.render import write_summary

    result = write_summary(args.master, args.round, args.out)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(result.summary_line())
    return 0
