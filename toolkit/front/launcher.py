"""The launchers an administrator double-clicks instead of typing commands (导入计划.bat,
汇总.sh …, made by the offline bundle): `python -m toolkit.front.launcher <command>`.

Each asks for what the command needs the way a desk expects: the master (任务分解总表) by a
file dialog where there is a screen and Tk, else by a short prompt that offers the last master
used (a file dragged into the window pastes its path); the round, offering the one due today;
then runs the hall's command, prints its result as the command line does, and waits for Enter
so the window stays open. This is the way in where the Excel ribbon does not load (WPS).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from toolkit import vocab

REMEMBERED = Path.home() / ".workplan" / "启动图标.json"  # the last master and plan chosen
PLAN_TYPES = [("工作要点或任务分解表", "*.docx *.doc *.wps *.txt *.pdf *.xlsx *.xls *.et *.html"),
              ("所有文件", "*.*")]
MASTER_TYPES = [("任务分解总表", "*.xlsx"), ("所有文件", "*.*")]


def main(argv: list[str] | None = None) -> int:
    from toolkit.front.cli import main as cli_main  # interrupts, one line for errors

    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else ""
    if command not in vocab.LAUNCHERS:
        print(f"用法：python -m toolkit.front.launcher {{{'|'.join(vocab.LAUNCHERS)}}}")
        return 2
    name, what = vocab.LAUNCHERS[command]
    print(f"工作要点工具 — {name}：{what}\n")
    try:
        args = _ask(command)
        code = cli_main(args) if args else 2
    except (KeyboardInterrupt, EOFError):
        print(vocab.INTERRUPTED)
        code = 2
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback in the window
        from toolkit.errors import user_message

        print(f"错误：{user_message(exc)}", file=sys.stderr)
        code = 2
    _wait()
    return code


def _ask(command: str) -> list[str] | None:
    """The command line the user's answers make, or None when they gave nothing."""
    if command == "import":
        plan = _file("请选择要导入的工作要点或任务分解表", PLAN_TYPES, "plan")
        return ["import", str(plan)] if plan else None
    master = _file("请选择任务分解总表（…_任务分解总表.xlsx）", MASTER_TYPES, "master")
    if master is None:
        return None
    args = [command, str(master)]
    round_name = _round(master, optional=command == "status")
    if round_name is None:
        return None
    return args + (["--round", round_name] if round_name else [])


# --- the questions ------------------------------------------------------------------------------
def _remembered() -> dict:
    try:
        return json.loads(REMEMBERED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember(kind: str, path: Path) -> None:
    data = _remembered()
    data[kind] = str(path)
    try:
        REMEMBERED.parent.mkdir(parents=True, exist_ok=True)
        REMEMBERED.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass


def _file(title: str, types, kind: str) -> Path | None:
    last = _remembered().get(kind, "")
    chosen = _dialog(title, types, last) if _screen() else _prompt(title, last)
    if not chosen:
        print("未选择文件。")
        return None
    path = Path(chosen).expanduser()
    if not path.is_file():
        print(f"找不到文件：{path}")
        return None
    _remember(kind, path.resolve())
    print(f"文件：{path}")
    return path


def _screen() -> bool:
    """A file dialog can be shown: Tk is there and so is a screen (always on Windows)."""
    if os.environ.get("WORKPLAN_NO_DIALOG"):
        return False
    if os.name != "nt" and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        import tkinter  # noqa: F401  (python.org's Windows installer has it; some Linux lack it)
    except ImportError:
        return False
    return True


def _dialog(title: str, types, last: str) -> str:
    import tkinter
    from tkinter import filedialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    start = Path(last).parent if last else Path.home()
    try:
        return filedialog.askopenfilename(title=title, filetypes=types, initialdir=str(start))
    finally:
        root.destroy()


def _prompt(title: str, last: str) -> str:
    hint = f"（直接回车：{last}）" if last and Path(last).is_file() else ""
    print(f"{title}{hint}")
    answer = input("可把文件拖进本窗口，再按回车：").strip().strip('"').strip("'").strip()
    return answer or (last if hint else "")


def _round(master: Path, optional: bool) -> str | None:
    """The round: the one due today by default; for 查看报送情况, every round collected ("").
    None when the file is no master it can read (said in one line)."""
    from toolkit import app
    from toolkit.errors import WorkplanError

    try:
        plan = app.read_master(master)
        due = app.desk(master).round
    except WorkplanError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return None
    names = "、".join(r.name for r in plan.settings.rounds)
    default = "全部已汇总的轮次" if optional else due
    answer = input(f"报送轮次（{names}；直接回车：{default}）：").strip()
    return answer or ("" if optional else due)


def _wait() -> None:
    try:
        input("\n按回车键关闭窗口……")
    except (EOFError, KeyboardInterrupt, OSError):
        pass


if __name__ == "__main__":
    sys.exit(main())
