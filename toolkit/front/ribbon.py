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
from pathlib import Path

from toolkit.front import choices

log = logging.getLogger("workplan.ribbon")


@dataclass
class Context:
    """What a button's work needs: Excel, the calling workbook, the master and its desk."""

    app: object
    book: object
    stage: str
    master: Path | None = None
    desk: object = None  # toolkit.app.Desk: the round due today, its folders, the log

    @property
    def round_name(self) -> str:
        return self.desk.round if self.desk else ""


# --- the buttons -----------------------------------------------------------------------------
def import_plan() -> None:
    _run("import", _import_plan, needs_master=False)


def assign() -> None:
    _run("assign", lambda ctx: _command(ctx, "assign", progress=True))


def collect() -> None:
    _run("collect", lambda ctx: _command(ctx, "collect", progress=True))


def check() -> None:
    _run("check", lambda ctx: _command(ctx, "check"))


def status() -> None:
    _run("status", lambda ctx: _command(ctx, "status"))


def feedback() -> None:
    _run("feedback", lambda ctx: _command(ctx, "feedback"))


def remind() -> None:
    _run("remind", lambda ctx: _command(ctx, "remind"))


def summary() -> None:
    _run("summary", lambda ctx: _command(ctx, "summary"))


def open_folder() -> None:
    _run("open_folder", _open_folder, needs_round=False)


def show_help() -> None:
    _run("show_help", lambda ctx: choices.HELP_TEXT, needs_master=False)


# --- what each button does -------------------------------------------------------------------
def _import_plan(ctx: Context) -> str | None:
    from toolkit import app

    plan_file = _pick_plan_file(ctx.app)
    if not plan_file:
        return None  # cancelled
    _status_bar(ctx.app, "正在导入计划……")
    target = app.import_target(plan_file)
    force = False
    if target.exists():
        question = choices.overwrite_question(target)
        if ctx.app.alert(question, title=choices.TITLE, buttons="yes_no") != "yes":
            return None
        force = True
    _close_books(ctx.app, target)
    result = app.import_plan(plan_file, target, force=force)
    _show(ctx, result)
    return result.headline()


def _command(ctx: Context, name: str, progress: bool = False) -> str:
    """Run the hall's command `name` on the master for the round due today; open what it made.

    The master is saved first (the commands read it from disk) and the workbooks Excel has open
    from what the command rewrites are closed (see `_close_books`), under the master's lock."""
    from toolkit import app

    kwargs = {"progress": _status_progress(ctx.app)} if progress else {}
    with app.hold(ctx.master, f"功能区“{choices.label(ctx.stage)}”"):
        _save(ctx.book)
        for path in ctx.desk.rewrites(name):
            _close_books(ctx.app, path)
        _status_bar(ctx.app, f"正在{choices.label(ctx.stage)}（{ctx.round_name}）……")
        result = app.command(name)(ctx.master, ctx.round_name, **kwargs)
    _show(ctx, result)
    return f"{ctx.round_name}：{result.headline()}"


def _show(ctx: Context, result) -> None:
    """Open what a command made: workbooks in Excel, folders and documents with the system."""
    for path in result.opens():
        if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            ctx.app.books.open(str(path))
        else:
            choices.open_path(path)


def _open_folder(ctx: Context) -> None:
    choices.open_path(ctx.master.parent)


# --- the frame around every button -----------------------------------------------------------
def _run(stage: str, work, needs_master: bool = True, needs_round: bool = True) -> None:
    """Run `work(ctx)` for a button; show its message, or the error as one line."""
    from toolkit import app as hall

    app = None
    log_path = hall.log_file(None)
    handler = None
    try:
        import xlwings as xw

        book = xw.Book.caller()
        app = book.app
        ctx = Context(app, book, stage)
        if needs_master:
            ctx.book, ctx.master = _master_book(book)
            log_path = hall.log_file(ctx.master)
        if needs_master and needs_round:
            ctx.desk = hall.desk(ctx.master)
            log_path = ctx.desk.log
        handler = _log_to(log_path)
        log.info("%s：%s %s", choices.label(stage), ctx.master or "", ctx.round_name)
        message = work(ctx)
        if message:
            told = [f"注意：{line}" for line in hall.notices()]  # e.g. the keys left unhidden
            app.alert("\n\n".join([*told, message]), title=choices.TITLE)
    except Exception as exc:  # the user gets one line; the traceback goes to the log
        handler = handler or _log_to(log_path)
        log.exception("%s failed", stage)
        _tell(app, choices.friendly_error(exc, log_path, stage))
    finally:
        _status_bar(app, False)
        if handler is not None:
            logging.getLogger("workplan").removeHandler(handler)
            handler.close()


def _master_book(book):
    """(Book, path) of the master: the calling (active) workbook, else the one open beside it."""
    books = [book] + [b for b in book.app.books if b.fullname != book.fullname]
    index, path = choices.pick_master([(b.fullname, [s.name for s in b.sheets]) for b in books])
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
    """A command's progress (toolkit.common.progress) in Excel's status bar: 正在读取报回文件 12/40."""
    def show(stage: str, done: int, total: int) -> None:
        _status_bar(app, f"正在{stage}……{done}/{total}" if total > 1 else f"正在{stage}……")
    return show


def _tell(app, text: str) -> None:
    if app is None:
        print(text, file=sys.stderr)
        return
    try:
        app.alert(text, title=choices.TITLE, mode="critical")
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
