"""The Excel ribbon's Python side: one function per button of macros/customUI14.xml.

Each button's VBA Sub runs `RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.<name>()"`.
The functions work on the active workbook (the master, 任务分解总表), run the same stage
function the command line runs, under the same lock as the batch run, show progress in the
status bar, open what was produced and end with a message box. Errors end as one line of
Chinese plus the log's location, never as a traceback. xlwings is imported only here, and only
inside the functions, so `import toolkit.front.ribbon` works where there is no Excel.
The decisions (which workbook, which round, what to say) are in toolkit.front.choices.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from toolkit.front import choices as frontend

log = logging.getLogger("workplan.ribbon")


@dataclass
class Context:
    """What a button's work needs: Excel, the calling workbook, the master and the round."""

    app: object
    book: object
    stage: str
    master: Path | None = None
    round_name: str = ""
    settings: object = None  # the master's 设置 (a toolkit.model.plan.Settings)

    def consolidated(self) -> Path:
        from toolkit.common import paths

        s = self.settings
        return paths.consolidated(self.master, s.year, self.round_name, s.folders)

    def summary_dir(self) -> Path:
        from toolkit.common import paths

        s = self.settings
        return paths.summary_dir(self.master, s.year, self.round_name, s.folders)


# --- the buttons -----------------------------------------------------------------------------
def import_plan() -> None:
    _run("import_plan", _import_plan, needs_master=False)


def assign() -> None:
    _run("assign", _assign)


def collect() -> None:
    _run("collect", _collect)


def check() -> None:
    _run("check", _check)


def status() -> None:
    _run("status", _status)


def feedback() -> None:
    _run("feedback", _feedback)


def remind() -> None:
    _run("remind", _remind)


def summary() -> None:
    _run("summary", _summary)


def open_folder() -> None:
    _run("open_folder", _open_folder, needs_round=False)


def show_help() -> None:
    _run("show_help", lambda ctx: frontend.HELP_TEXT, needs_master=False)


# --- what each button does -------------------------------------------------------------------
def _import_plan(ctx: Context) -> str | None:
    from toolkit.plan_import import default_master_path, import_plan as run_import, parse_plan_file

    plan_file = _pick_plan_file(ctx.app)
    if not plan_file:
        return None  # cancelled
    _status_bar(ctx.app, "正在导入计划……")
    target = default_master_path(Path(plan_file), parse_plan_file(plan_file))
    force = False
    if target.exists():
        question = frontend.overwrite_question(target)
        if ctx.app.alert(question, title=frontend.TITLE, buttons="yes_no") != "yes":
            return None
        force = True
    target.parent.mkdir(parents=True, exist_ok=True)  # the new master's folder holds its lock
    result = _stage(ctx, target, run_import, plan_file, force=force, release=target)
    plan = result.plan
    counts = {
        "tasks": len(plan.tasks),
        "indicators": len(plan.indicators),
        "units": len(plan.responsible_units()),
        "warnings": len(result.warnings),
    }
    ctx.app.books.open(str(result.master_path))
    return frontend.compose_message("import_plan", counts)


def _assign(ctx: Context) -> str:
    from toolkit.assign import assign_round

    result = _stage(ctx, ctx.master, assign_round, ctx.master, ctx.round_name,
                    progress=_status_progress(ctx.app))
    frontend.open_path(result.out_dir)
    counts = {"files": len(result.files), "warnings": len(result.warnings)}
    return frontend.compose_message("assign", counts, ctx.round_name)


def _collect(ctx: Context) -> str:
    from toolkit.collect import collect_round

    result = _stage(ctx, ctx.master, collect_round, ctx.master, ctx.round_name,
                    release=ctx.consolidated(), progress=_status_progress(ctx.app))
    ctx.app.books.open(str(result.output))
    return frontend.compose_message("collect", result.counts, ctx.round_name)


def _check(ctx: Context) -> str:
    from toolkit.check import check_round

    result = _stage(ctx, ctx.master, check_round, ctx.master, ctx.round_name,
                    release=ctx.consolidated())
    ctx.app.books.open(str(result.output))
    return frontend.compose_message("check", result.counts, ctx.round_name)


def _status(ctx: Context) -> str:
    from toolkit.collect import status as report_status

    _status_bar(ctx.app, "正在查询报送情况……")
    counts = frontend.summarise_status(report_status(ctx.master, ctx.round_name))
    return frontend.compose_message("status", counts, ctx.round_name)


def _feedback(ctx: Context) -> str:
    from toolkit.assign import feedback_round

    result = _stage(ctx, ctx.master, feedback_round, ctx.master, ctx.round_name)
    frontend.open_path(result.out_dir)
    return frontend.compose_message("feedback", {"files": len(result.files)}, ctx.round_name)


def _remind(ctx: Context) -> str:
    from toolkit.followup import remind_round

    result = _stage(ctx, ctx.master, remind_round, ctx.master, ctx.round_name)
    frontend.open_path(result.out_dir)
    return frontend.compose_message("remind", {"units": len(result.units)}, ctx.round_name)


def _summary(ctx: Context) -> str:
    from toolkit.summary import write_summary

    result = _stage(ctx, ctx.master, write_summary, ctx.master, ctx.round_name,
                    release=ctx.summary_dir())
    outputs = [Path(p) for p in result.outputs]
    for path in outputs:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            ctx.app.books.open(str(path))
    if outputs:
        frontend.open_path(outputs[0].parent)
    counts = {"outputs": outputs, "kind": getattr(result, "kind", "")}
    message = frontend.compose_message("summary", counts, ctx.round_name)
    return message + "".join("\n" + w for w in getattr(result, "warnings", []))


def _open_folder(ctx: Context) -> None:
    frontend.open_path(ctx.master.parent)


# --- running a stage under the master's lock -------------------------------------------------
def _stage(ctx: Context, master: Path, fn, *args, release: Path | None = None, **kwargs):
    """Run a stage function under the master's lock, the one the batch run takes.

    The lock is re-entrant within a process, so stages that lock by themselves run inside it.
    The master is saved first: the stages read it from disk. Workbooks open from `release`
    (what the stage rewrites) are closed first, see `_close_books`.
    """
    from toolkit.common.lock import stage_lock

    label = frontend.STAGE_LABELS[ctx.stage]
    with stage_lock(master, what=f"功能区“{label}”"):
        if ctx.master is not None:
            _save(ctx.book)
        if release is not None:
            _close_books(ctx.app, release)
        where = f"（{ctx.round_name}）" if ctx.round_name else ""
        _status_bar(ctx.app, f"正在{label}{where}……")
        return fn(*args, **kwargs)


# --- the frame around every button -----------------------------------------------------------
def _run(stage: str, work, needs_master: bool = True, needs_round: bool = True) -> None:
    """Run `work(ctx)` for a button; show its message, or the error as one line."""
    app = None
    log_path = frontend.log_file(None)
    handler = None
    try:
        import xlwings as xw

        book = xw.Book.caller()
        app = book.app
        ctx = Context(app, book, stage)
        if needs_master:
            ctx.book, ctx.master = _master_book(book)
            log_path = frontend.log_file(ctx.master)
        if needs_master and needs_round:
            ctx.settings = frontend.load_settings(ctx.master)
            log_path = frontend.log_file(ctx.master, ctx.settings.folders)
            ctx.round_name = frontend.current_round(ctx.settings, date.today())
        handler = _log_to(log_path)
        log.info("%s：%s %s", frontend.STAGE_LABELS[stage], ctx.master or "", ctx.round_name)
        message = work(ctx)
        if message:
            app.alert(message, title=frontend.TITLE)
    except Exception as exc:  # the user gets one line; the traceback goes to the log
        handler = handler or _log_to(log_path)
        log.exception("%s failed", stage)
        _tell(app, frontend.friendly_error(exc, log_path, stage))
    finally:
        _status_bar(app, False)
        if handler is not None:
            logging.getLogger("workplan").removeHandler(handler)
            handler.close()


def _master_book(book):
    """(Book, path) of the master: the calling (active) workbook, else the one open beside it."""
    books = [book] + [b for b in book.app.books if b.fullname != book.fullname]
    index, path = frontend.pick_master([(b.fullname, [s.name for s in b.sheets]) for b in books])
    return books[index], path


def _is_within(path: Path, target: Path) -> bool:
    return path == target or target in path.parents


def _close_books(app, target: Path) -> None:
    """Close the workbooks Excel has open from `target` (a file, or a folder and its files).

    The stage is about to rewrite them: Windows refuses to replace a file Excel holds open, and
    Excel would go on showing the old content. Each is saved first, so an edit made in it is kept
    (the check keeps the other sheets of the consolidated workbook); one that cannot be saved
    stays open and the stage says which file to close.
    """
    target = Path(target).resolve()
    for book in list(app.books):
        try:
            if not _is_within(Path(book.fullname).resolve(), target):
                continue
            book.save()
            book.close()
        except Exception:  # noqa: BLE001 - left open; the stage reports the file in words
            log.warning("could not close %s before the run", getattr(book, "fullname", book),
                        exc_info=True)


def _save(book) -> None:
    """The stages read the master from disk: save the administrator's edits first."""
    try:
        book.save()
    except Exception:  # read-only or declined: go on with what is on disk
        log.warning("could not save %s before the run", getattr(book, "fullname", book))


def _log_to(path: Path) -> logging.Handler | None:
    """The handler that sends every workplan logger's records (the stages' too) to `path`."""
    from toolkit.common.logs import log_to

    log_to(path)
    target = Path(path).resolve()
    return next((h for h in logging.getLogger("workplan").handlers
                 if isinstance(h, logging.FileHandler) and Path(h.baseFilename) == target), None)


def _status_bar(app, text) -> None:
    if app is None:
        return
    try:
        app.status_bar = text
    except Exception:  # the status bar is a courtesy
        pass


def _status_progress(app):
    """A stage's progress (toolkit.common.progress) in Excel's status bar: 正在读取报回文件 12/40."""
    def show(stage: str, done: int, total: int) -> None:
        _status_bar(app, f"正在{stage}……{done}/{total}" if total > 1 else f"正在{stage}……")
    return show


def _tell(app, text: str) -> None:
    if app is None:
        print(text, file=sys.stderr)
        return
    try:
        app.alert(text, title=frontend.TITLE, mode="critical")
    except Exception:
        print(text, file=sys.stderr)


def _pick_plan_file(app) -> str | None:
    """Ask for the plan file with Excel's own dialog (Windows) or the system's (macOS)."""
    if sys.platform == "darwin":
        script = 'POSIX path of (choose file with prompt "请选择工作要点文件（Word、Excel、PDF、文本或网页）")'
        done = subprocess.run(["osascript", "-e", script], capture_output=True, text=True)
        return done.stdout.strip() or None
    chosen = app.api.GetOpenFilename(
        "工作要点 (*.docx;*.doc;*.wps;*.xlsx;*.xls;*.et;*.pdf;*.txt;*.html;*.htm),"
        "*.docx;*.doc;*.wps;*.xlsx;*.xls;*.et;*.pdf;*.txt;*.html;*.htm,所有文件 (*.*),*.*",
        1,
        "请选择工作要点文件",
    )
    return chosen if isinstance(chosen, str) and chosen else None
