"""Reading an untrusted workbook's cells with python-calamine, after the safety checks."""

from __future__ import annotations

import io
import unicodedata

import python_calamine as calamine

from toolkit.intake import sniff
from toolkit.intake.inbox import Source
from toolkit.intake.limits import Limits
from toolkit.intake.problems import RESEND, FileRejected
from toolkit.intake.safety import broken, check_container, check_xls

FORM_ACTION = "请在下发的 Excel 任务表中填报，另存为 .xlsx 后重新报送"

# kind -> (problem, action) for files that are not workbooks we can read.
UNREADABLE = {
    sniff.EMPTY: ("文件为空（0 字节）", "请重新保存填好的任务表后报送"),
    sniff.ENCRYPTED: (
        "文件设有打开密码，无法读取",
        "请在 Excel 中清除打开密码（文件→信息→保护工作簿→用密码进行加密）后重新报送",
    ),
    sniff.WPS_ET: ("这是 WPS 表格格式（.et），无法读取", "请在 WPS 中另存为 .xlsx 后重新报送"),
    sniff.XLSB: ("这是 Excel 二进制工作簿（.xlsb），无法读取", RESEND),
    sniff.WORD: ("这是 Word 文档，不是 Excel 工作簿", FORM_ACTION),
    sniff.SLIDES: ("这是演示文稿，不是 Excel 工作簿", FORM_ACTION),
    sniff.PDF: ("这是 PDF 文件，不是 Excel 工作簿", "请直接发送填好的任务表，另存为 .xlsx 后重新报送，不要转为 PDF"),
    sniff.IMAGE: ("这是图片（截图或照片），不是 Excel 工作簿", "请发送填好的任务表文件本身，另存为 .xlsx 后重新报送"),
    sniff.OTHER_ARCHIVE: ("这是 RAR、7z、tar 等格式的压缩包，无法读取",
                          "请解压后放入回收文件夹，或改用 .zip 压缩后重新报送"),
    sniff.TEXT: ("这是文本文件，不是 Excel 工作簿", FORM_ACTION),
    sniff.HTML: ("这是网页格式的文件（扩展名可能被改过），不是 Excel 工作簿", RESEND),
    sniff.UNKNOWN: ("无法识别的文件格式，不是 Excel 工作簿", FORM_ACTION),
}

VISIBLE, HIDDEN, VERY_HIDDEN = "visible", "hidden", "veryHidden"


class RawBook:
    """A workbook's sheet names and, on demand, each sheet's cells as lists of rows."""

    def __init__(self, workbook, limits: Limits, odd: dict | None = None):
        self._wb = workbook
        self._limits = limits
        self.odd: dict[str, dict] = odd or {}  # sheet -> address -> formulas.OddCell
        self._rows: dict[str, list[list]] = {}
        self.names: list[str] = list(workbook.sheet_names)
        self.visibility = {m.name: _visibility(m.visible) for m in workbook.sheets_metadata}

    def find(self, wanted: str) -> str | None:
        """The sheet named `wanted`, ignoring width of characters and surrounding spaces."""
        key = normal_name(wanted)
        return next((n for n in self.names if normal_name(n) == key), None)

    def cut(self, name: str) -> bool:
        """Whether the sheet may go on beyond the rows read (Limits.max_rows)."""
        return len(self.rows(name)) >= self._limits.max_rows

    def rows(self, name: str) -> list[list]:
        if name not in self._rows:
            try:
                sheet = self._wb.get_sheet_by_name(name)
                self._rows[name] = sheet.to_python(
                    skip_empty_area=False, nrows=self._limits.max_rows
                )
            except BaseException as exc:  # noqa: BLE001 - calamine's errors, and its panics
                reraise_interrupt(exc)
                raise FileRejected(f"工作表“{name}”已损坏，无法读取", RESEND, sheet=name) from None
        return self._rows[name]


def reraise_interrupt(exc: BaseException) -> None:
    """Let Ctrl+C and exits through; a panic inside calamine (pyo3's PanicException, which
    derives from BaseException, not Exception) is one more sign of a broken file."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def normal_name(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().lower()


def _visibility(value) -> str:
    text = str(value).lower()
    if "very" in text:
        return VERY_HIDDEN
    return HIDDEN if "hidden" in text else VISIBLE


def open_book(source: Source, limits: Limits) -> RawBook:
    """Check and open a source as a workbook, or raise FileRejected with what to do."""
    kind = source.kind
    if kind == sniff.BROKEN:
        raise broken()
    if kind in UNREADABLE:
        problem, action = UNREADABLE[kind]
        raise FileRejected(problem, action)
    odd = {}
    if kind in (sniff.XLSX, sniff.ODS):
        odd = check_container(source.data, limits, source.zip_infos)
    elif kind == sniff.XLS:
        check_xls(source.data, limits)
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(source.data))
    except calamine.PasswordError:
        problem, action = UNREADABLE[sniff.ENCRYPTED]
        raise FileRejected(problem, action) from None
    except BaseException as exc:  # noqa: BLE001 - calamine raises assorted errors on bad input
        reraise_interrupt(exc)
        raise broken() from None
    return RawBook(workbook, limits, odd)
