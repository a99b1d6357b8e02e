"""`workplan mail fetch|send|login`: the office mailbox."""

from __future__ import annotations

import getpass
import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "mail", help="收取各单位报回的邮件附件，或按邮箱发送任务表、退回修改和催报通知（邮件）",
        description="按总表“设置”表的收件、发件服务器收发邮件；密码不写在总表中，"
                    "取自环境变量 WORKPLAN_MAIL_PASSWORD 或系统凭据库（workplan mail login）。")
    sub = parser.add_subparsers(dest="mail_command", metavar="fetch|send|login", required=True)

    fetch = sub.add_parser("fetch", help="把收件邮箱中的报回表格保存到本轮回收文件夹",
                           description="收取收件邮箱中的邮件，把表格和压缩包附件保存到本轮回收文件夹，"
                                       "记录发件人、主题和到达时间（到达时间即报送时间）；"
                                       "已收取过的邮件不会重复保存，邮件不会被删除。")
    fetch.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    fetch.add_argument("--round", default=None, metavar="轮次",
                       help="报送轮次（默认按“设置”表的截止日期自动选择）")
    fetch.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    fetch.set_defaults(func=run_fetch)

    send = sub.add_parser("send", help="按“单位”表的邮箱发送任务表、退回修改表或催报通知",
                          description="把本轮的任务表、退回修改表或催报通知发送到各单位邮箱；"
                                      "发送过的不会重复发送（确需重发加 --force）。")
    send.add_argument("master", metavar="总表.xlsx", help="任务分解总表")
    send.add_argument("--round", required=True, metavar="轮次", help="报送轮次")
    send.add_argument("--what", required=True, choices=("任务表", "退回修改", "催报"),
                      help="发送的内容")
    send.add_argument("--units", default=None, metavar="单位,...", help="只发给这些单位")
    send.add_argument("--dry-run", action="store_true",
                      help="不发送，把邮件写成 .eml 文件（默认写入总表旁的 待发邮件/）")
    send.add_argument("-o", "--out", default=None, metavar="文件夹", help="--dry-run 的输出文件夹")
    send.add_argument("--force", action="store_true", help="已发送过的单位也再发送一次")
    send.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    send.set_defaults(func=run_send)

    login = sub.add_parser("login", help="把邮箱密码保存到系统凭据库",
                           description="把收件（及发件）账号的密码保存到系统凭据库（Windows 凭据管理器，"
                                       "Linux 的 Secret Service），之后收发邮件不再询问。")
    login.add_argument("master", metavar="总表.xlsx", help="任务分解总表（从中读取账号）")
    login.set_defaults(func=run_login)


def run_fetch(args) -> int:
    from toolkit.mail import fetch_round

    result = fetch_round(args.master, args.round)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    for line in result.lines:
        print(line)
    print(result.summary_line())
    return 0


def run_send(args) -> int:
    from toolkit.mail.send import send_round

    result = send_round(args.master, args.round, args.what, units=args.units,
                        dry_run=args.dry_run, force=args.force, out_dir=args.out)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines():
            print(line)
        print(f"共发送{len(result.sent)}封，写出待发邮件{len(result.written)}封。")
    return 1 if result.failed or result.no_address else 0


def run_login(args) -> int:
    from toolkit.mail.config import mail_settings, store_password
    from toolkit.books.master import load_master

    settings = mail_settings(load_master(args.master))
    users = sorted({s.user for s in (settings.imap, settings.smtp) if s is not None and s.user})
    if not users:
        print("总表“设置”表未填写收件账号或发件账号。", file=sys.stderr)
        return 2
    for user in users:
        store_password(user, getpass.getpass(f"邮箱 {user} 的密码："))
        print(f"已把 {user} 的密码保存到系统凭据库。")
    return 0
