"""The sub-commands of `workplan`: their arguments, and the hall's command each one runs.

Every handler calls one command of toolkit.app and hands its Result to `show`, which prints it
the same way for every command (or as JSON with --json) and returns its exit code. The hall is
imported when a command runs, and so is everything but argparse and the words (json, pathlib,
getpass …), so `workplan --help` stays within a few times `python -c pass`.
"""

from __future__ import annotations

import argparse
import sys

from toolkit import vocab

MASTER_HELP = "任务分解总表"
ROUND_HELP = "报送轮次，如 一季度、半年、三季度、年终（见总表 设置 工作表）"


def show(result, as_json: bool = False) -> int:
    """Print any command's Result: the master's notices and the result's alerts to the error
    stream, then its lines (or its JSON); return its exit code."""
    for line in _app().notices():
        print(f"注意：{line}", file=sys.stderr)
    if as_json:
        import json

        print(json.dumps(result.to_json(), ensure_ascii=False, default=str))
        return result.exit_code
    for line in result.alerts():
        print(line, file=sys.stderr)
    for line in result.lines():
        print(line)
    return result.exit_code


def _master(p) -> None:
    p.add_argument("master", metavar="总表.xlsx", help=MASTER_HELP)


def _json(p) -> None:
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _progress(args):
    from toolkit.common.progress import for_terminal

    return for_terminal(args.json)


# --- stage 1 ----------------------------------------------------------------------------------
def _add_import(sub) -> None:
    p = sub.add_parser(
        "import", help="导入工作要点，生成任务分解总表",
        description="把工作要点或任务分解表（.txt/.html/.docx/.doc/.wps/.xlsx/.xls/.et/.ods/.pdf）导入为"
                    "任务分解总表；不给文件时导入内置的参考计划。.doc/.wps 需要 LibreOffice。")
    p.add_argument("plan", nargs="?", metavar="计划文件",
                   help="工作要点文件（默认：内置的三明市教育局2020年工作要点）")
    p.add_argument("-o", "--output", metavar="总表", help="总表保存路径（默认：计划所在文件夹下 workbooks/）")
    p.add_argument("--force", action="store_true", help="覆盖已有的总表")
    _json(p)
    p.add_argument("--no-write", action="store_true", help="只解析，不生成总表")
    p.add_argument("--blank", action="store_true",
                   help="不读计划，生成空白总表（表结构相同），在 Excel 中录入任务")
    p.set_defaults(func=_import)

    n = sub.add_parser(
        "new", help="生成空白任务分解总表",
        description="生成空白的任务分解总表（与导入所得的表结构相同），由管理员在 Excel 中录入或粘贴任务，"
                    "之后照常生成任务表、汇总、核对。")
    n.add_argument("-o", "--output", metavar="总表",
                   help="总表保存路径（默认：workbooks/<标题>_任务分解总表.xlsx）")
    n.add_argument("--title", default="", metavar="标题", help="工作要点的标题，如 某市教育局2024年工作要点")
    n.add_argument("--year", type=int, metavar="年度", help="年度（默认：今年）")
    n.add_argument("--force", action="store_true", help="覆盖已有的总表")
    n.set_defaults(func=_new)


def _import(args) -> int:
    from toolkit import app

    if args.blank:
        return show(app.new_master(args.output, args.force))
    if args.no_write:
        return show(app.read_plan(args.plan), args.json)
    return show(app.import_plan(args.plan, args.output, args.force), args.json)


def _new(args) -> int:
    from toolkit import app

    return show(app.new_master(args.output, args.force, args.title, args.year))


# --- stage 2 ----------------------------------------------------------------------------------
def _add_assign(sub) -> None:
    p = sub.add_parser(
        "assign", help="按总表为每个责任单位生成本轮任务表（生成任务表）",
        description="按任务分解总表为每个责任单位生成一个任务表（Excel），并生成下发清单。")
    _master(p)
    p.add_argument("--round", default="", metavar="轮次", help=ROUND_HELP)
    p.add_argument("-o", "--out", default=None, metavar="文件夹",
                   help="输出文件夹（默认：总表旁的 下发/<年份><轮次>/）")
    p.add_argument("--units", default=None, metavar="单位,...",
                   help="只生成这些单位的任务表（逗号或顿号分隔，可用单位组名）")
    p.add_argument("--force", action="store_true", help="输出文件夹已存在时替换它")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().assign(
        args.master, args.round, out_dir=args.out, units=args.units, force=args.force,
        progress=_progress(args)), args.json))


def _add_feedback(sub) -> None:
    p = sub.add_parser(
        "feedback", help="为报送有问题的单位生成退回修改表和通知文字（退回修改）",
        description="按最近一次汇总，为每个报送有问题的单位生成退回修改表：保留其原填内容，"
                    "标红有问题的单元格并批注，首页列出校验结果；另附一段通知文字。")
    _master(p)
    p.add_argument("--round", default="", metavar="轮次", help="报送轮次")
    p.add_argument("--units", default=None, metavar="单位,...",
                   help="只为这些单位生成（默认：所有报送有问题的单位）")
    p.add_argument("-o", "--out", default=None, metavar="文件夹",
                   help="输出文件夹（默认：总表旁的 退回修改/<年份><轮次>/）")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().feedback(
        args.master, args.round, units=args.units, out_dir=args.out), args.json))


# --- stage 3 ----------------------------------------------------------------------------------
def _add_collect(sub) -> None:
    p = sub.add_parser(
        "collect", help="汇总各单位报回的任务表",
        description="读取回收文件夹中各单位报回的任务表，核查后合并为汇总表，并列出问题清单和未报送单位。")
    _master(p)
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次，如 年终")
    p.add_argument("--inbox", metavar="文件夹", help="回收文件夹（默认：总表旁的 回收/年份轮次/）")
    p.add_argument("-o", "--output", metavar="文件", help="汇总表路径（默认：汇总/年份轮次汇总表.xlsx）")
    p.add_argument("--archive", metavar="文件夹", help="把处理过的文件复制到该文件夹并按哈希校验")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().collect(
        args.master, args.round, inbox=args.inbox, out=args.output, archive=args.archive,
        progress=_progress(args)), args.json))

    s = sub.add_parser("status", help="查看各单位报送情况",
                       description="根据汇总记录列出各单位的报送情况。")
    _master(s)
    s.add_argument("--round", metavar="轮次", help="报送轮次（默认：已汇总过的全部轮次）")
    _json(s)
    s.set_defaults(func=lambda args: show(_app().status(args.master, args.round), args.json))

    h = sub.add_parser("history", help="查看某单位每轮报送的文件和修改记录",
                       description="列出某单位各轮报送的每份文件、采用情况，以及重新报送时修改的单元格"
                                   "（原值 → 新值）。")
    _master(h)
    h.add_argument("--unit", required=True, metavar="单位", help="单位名称或别名")
    h.add_argument("--round", metavar="轮次", help="报送轮次（默认：已汇总过的全部轮次）")
    _json(h)
    h.set_defaults(func=lambda args: show(_app().history(args.master, args.unit, args.round),
                                          args.json))


# --- stage 4 ----------------------------------------------------------------------------------
def _add_check(sub) -> None:
    p = sub.add_parser(
        "check", help="核对：汇总各单位报送的指标数值并与目标比较，写入汇总表的「指标核对」等工作表",
        description="核对本轮报送的指标完成情况和任务进展状态，结果写入本轮汇总表。")
    _master(p)
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次，如 半年、年终")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().check(args.master, args.round), args.json))


# --- back to the units ------------------------------------------------------------------------
def _add_remind(sub) -> None:
    p = sub.add_parser(
        "remind", help="为未报送或报送不全的单位生成催报通知和通知文字（催报）",
        description="按最近一次汇总，为未报送或指标未填全的单位生成催报通知（Word）和每个单位一段"
                    "通知文字，写明截止日期、缺报内容和联系人。")
    _master(p)
    p.add_argument("--round", default="", metavar="轮次", help="报送轮次")
    p.add_argument("--each", action="store_true", help="每个单位一份催报通知（默认：一份通知附单位清单）")
    p.add_argument("-o", "--out", default=None, metavar="文件夹",
                   help="输出文件夹（默认：总表旁的 催报/<年份><轮次>/）")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().remind(
        args.master, args.round, each=args.each, out_dir=args.out), args.json))


def _add_mail(sub) -> None:
    parser = sub.add_parser(
        "mail", help="收取各单位报回的邮件附件，或按邮箱发送任务表、退回修改和催报通知（邮件）",
        description="按总表“设置”表的收件、发件服务器收发邮件；密码不写在总表中，"
                    "取自环境变量 WORKPLAN_MAIL_PASSWORD 或系统凭据库（workplan mail login）。")
    mail = parser.add_subparsers(dest="mail_command", metavar="fetch|send|login", required=True)

    fetch = mail.add_parser("fetch", help="把收件邮箱中的报回表格保存到本轮回收文件夹",
                            description="收取收件邮箱中的邮件，把表格和压缩包附件保存到本轮回收文件夹，"
                                        "记录发件人、主题和到达时间（到达时间即报送时间）；"
                                        "已收取过的邮件不会重复保存，邮件不会被删除。")
    _master(fetch)
    fetch.add_argument("--round", default=None, metavar="轮次",
                       help="报送轮次（默认按“设置”表的截止日期自动选择）")
    _json(fetch)
    fetch.set_defaults(func=lambda args: show(_app().fetch(args.master, args.round), args.json))

    send = mail.add_parser("send", help="按“单位”表的邮箱发送任务表、退回修改表或催报通知",
                           description="把本轮的任务表、退回修改表或催报通知发送到各单位邮箱；"
                                       "发送过的不会重复发送（确需重发加 --force）。"
                                       "退出码 0 全部发出，1 有单位未发出（无邮箱或被拒收），2 无法运行；"
                                       "加 --dry-run 时同样：0 每个应发单位的 .eml 都已写出，"
                                       "1 有单位因“单位”表未填邮箱而未写出，2 无法运行。"
                                       "已发送过而跳过的单位不算未发出。")
    _master(send)
    send.add_argument("--round", required=True, metavar="轮次", help="报送轮次")
    send.add_argument("--what", required=True, choices=("任务表", "退回修改", "催报"), help="发送的内容")
    send.add_argument("--units", default=None, metavar="单位,...", help="只发给这些单位")
    send.add_argument("--dry-run", action="store_true",
                      help="不发送，把邮件写成 .eml 文件（默认写入总表旁的 待发邮件/）")
    send.add_argument("-o", "--out", default=None, metavar="文件夹", help="--dry-run 的输出文件夹")
    send.add_argument("--force", action="store_true", help="已发送过的单位也再发送一次")
    _json(send)
    send.set_defaults(func=lambda args: show(_app().send(
        args.master, args.round, args.what, units=args.units, dry_run=args.dry_run,
        force=args.force, out_dir=args.out), args.json))

    login = mail.add_parser("login", help="把邮箱密码保存到系统凭据库",
                            description="把收件（及发件）账号的密码保存到系统凭据库（Windows 凭据管理器，"
                                        "Linux 的 Secret Service），之后收发邮件不再询问。")
    _master(login)
    login.set_defaults(func=_login)


def _login(args) -> int:
    app = _app()
    users = app.mail_accounts(args.master)
    if not users:
        print("总表“设置”表未填写收件账号或发件账号。", file=sys.stderr)
        return 2
    for user in users:
        from getpass import getpass

        app.save_mail_password(user, getpass(f"邮箱 {user} 的密码："))
        print(f"已把 {user} 的密码保存到系统凭据库。")
    return 0


# --- stage 5 and the unattended run -----------------------------------------------------------
def _add_summary(sub) -> None:
    p = sub.add_parser(
        "summary", help="总结：生成年终总结（或进度通报）的工作簿和 Word 文稿",
        description="根据本轮汇总和核对结果，生成年终总结.xlsx 和年终总结.docx（年终之前的轮次为进度通报）。")
    _master(p)
    p.add_argument("--round", default=vocab.FINAL_ROUND, metavar="轮次", help="报送轮次，默认 年终")
    p.add_argument("-o", "--out", metavar="文件夹", help="输出文件夹，默认为总表旁的“总结”文件夹")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().summarise(args.master, args.round, args.out),
                                          args.json))


def _add_run(sub) -> None:
    p = sub.add_parser(
        "run", help="定时批处理：汇总、核对、总结一次完成",
        description="无人值守运行：汇总回收文件夹、核对指标、生成总结；输出一行 JSON。"
                    "退出码 0 成功，1 有问题或有单位未报送，2 无法运行。")
    _master(p)
    p.add_argument("--round", metavar="轮次", help="报送轮次（默认按“设置”表的截止日期自动选择）")
    p.set_defaults(func=_run)


def _run(args) -> int:
    """The one JSON line of `run`, printed even when the run is interrupted (cli.main)."""
    from toolkit.front.cli import run_line

    result = _app().run(args.master, args.round)
    for line in _app().notices():
        print(f"注意：{line}", file=sys.stderr)
    import json

    run_line(json.dumps(result.to_json(), ensure_ascii=False, default=str))
    return result.exit_code


def _add_export(sub) -> None:
    p = sub.add_parser(
        "export", help="导出本轮数据（CSV 或 Excel），供统计分析",
        description="把本轮各单位的填报（每个单位、每项任务或指标、每个字段一行，注明轮次和依据）"
                    "导出为 .csv；导出为 .xlsx 时另含报送情况、指标核对、进展矩阵、考评（及进展对比）。")
    _master(p)
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次")
    p.add_argument("-o", "--output", required=True, metavar="文件", help="导出文件（.csv 或 .xlsx）")
    _json(p)
    p.set_defaults(func=lambda args: show(_app().export(args.master, args.round, args.output),
                                          args.json))


def _add_bundle(sub) -> None:
    from toolkit.bundle import DEFAULT_PYTHON, PLATFORMS, PYTHONS  # names only: loads nothing

    p = sub.add_parser(
        "bundle", help="制作离线安装包（内网电脑无需联网即可安装）",
        description="在能访问软件包索引（PyPI）的电脑上，为一种目标电脑制作一个 zip 安装包：含所需的全部"
                    "软件包、本程序、Excel 加载项（Windows）、安装脚本、启动图标和安装说明。")
    p.add_argument("--platform", required=True, choices=list(PLATFORMS),
                   help="目标电脑：win_amd64（Windows 64 位）、linux_x86_64、linux_aarch64（信创 ARM64）")
    p.add_argument("--python", default=DEFAULT_PYTHON, choices=list(PYTHONS),
                   help=f"目标电脑上的 Python 版本（默认 {DEFAULT_PYTHON}）")
    p.add_argument("-o", "--out", required=True, metavar="文件夹", help="安装包保存的文件夹")
    p.add_argument("--wheels", metavar="文件夹", help="另行准备的 .whl 文件所在文件夹（某软件包没有现成安装包时）")
    p.add_argument("--cache", metavar="文件夹", help="下载缓存文件夹（再次制作时不必重新下载）")
    _json(p)
    p.set_defaults(func=_bundle)


def _bundle(args) -> int:
    """The Windows bundle carries the add-in, built here (a tool of the front, like the
    command `addin build`); the hall makes the bundle."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        addin = None
        if args.platform.startswith("win"):
            from toolkit.addin.build import build_addin

            addin = build_addin(Path(tmp) / "workplan.xlam")
        return show(_app().bundle(args.platform, args.python, args.out, addin=addin,
                                  cache=args.cache, extra_wheels=args.wheels), args.json)


def _add_demo(sub) -> None:
    p = sub.add_parser(
        "demo", help="演示：在内置参考计划上模拟一年的全部流程",
        description="在内置的三明市教育局2020年工作要点上运行全部流程（导入、下发、模拟报回、"
                    "汇总、核对、总结），输出到指定文件夹。",
    )
    p.add_argument("folder", nargs="?", default="demo", metavar="文件夹",
                   help="输出文件夹（默认 ./demo）")
    _json(p)
    p.set_defaults(func=_demo)


def _demo(args) -> int:
    from toolkit.front.demo import run_demo  # the demo and what it imports load only now

    result = run_demo(args.folder)
    if args.json:
        import json

        print(json.dumps(result.run.to_json(), ensure_ascii=False))
    else:
        print("\n".join(result.lines()))
        if result.run.error:
            print(f"错误：{result.run.error}")
    return 2 if result.run.exit_code == 2 else 0


def _app():
    from toolkit import app

    return app


# The sub-commands in the order of the year (vocab.COMMANDS), then the tools around them.
SECTIONS = [_add_import, _add_assign, _add_feedback, _add_collect, _add_check, _add_remind,
            _add_mail, _add_summary, _add_run, _add_export, _add_bundle, _add_demo]


def register(subparsers: argparse._SubParsersAction) -> None:
    for add in SECTIONS:
        add(subparsers)
