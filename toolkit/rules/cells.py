"""Reading what people type into cells: one reader for every stage and workbook.

Text (text_of), names (unit_name), dates (cell_date), figures (parse_figure) and progress
(parse_progress). The parsers return (value, note, error): a value with an optional note when it
had to be interpreted (8,640 -> 8640), or None with an error when it cannot be read without
guessing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from toolkit.rules.numbers import plain

MINUS_SIGNS = "\u2212\u2012\u2013\u2014\uff0d"
DATE_RE = re.compile(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})")


def normal_text(text: str) -> str:
    """Full-width to half-width (NFKC), every minus sign as -, no whitespace."""
    text = unicodedata.normalize("NFKC", text)
    for sign in MINUS_SIGNS:
        text = text.replace(sign, "-")
    return re.sub(r"\s+", "", text)


def unit_name(text: str) -> str:
    """A unit's name as typed, without invisible characters: NFKC (full-width letters, no-break
    spaces), then no whitespace and no zero-width or direction marks (Unicode format, Cf)."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def invisible(text: str) -> list[str]:
    """The characters of `text` a reader cannot see or tell from a plain space: zero-width and
    direction marks (Unicode format, Cf), no-break and other special spaces, control
    characters; each named as U+XXXX."""
    odd = []
    for ch in str(text):
        kind = unicodedata.category(ch)
        if kind == "Cf" or (kind == "Zs" and ch != " ") or (kind == "Cc" and ch not in "\n\t"):
            name = f"U+{ord(ch):04X}"
            if name not in odd:
                odd.append(name)
    return odd


def cell_date(value) -> date | None:
    """A date cell: a date, an Excel serial number, or text such as 2020-12-20, 2020/12/20,
    2020年12月20日 or ２０２０．１２．２０; None when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return date(1899, 12, 30) + timedelta(days=int(value))
    if isinstance(value, str):
        match = DATE_RE.search(normal_text(value))
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


@lru_cache(maxsize=1024)  # every answer's address: the same few columns, a million times
def column_letter(index: int) -> str:
    """0-based column index to the spreadsheet letter (0 -> A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


NUMBER = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"
SCIENTIFIC = NUMBER + r"[eE][+-]?\d{1,4}"  # 1e3, 8.64E+03: what Excel shows for long numbers
CELL_TEXT_LIMIT = 32767  # characters an Excel cell holds (and all a reader gives of a longer one)
LARGEST_FIGURE = 1e15  # no count or amount of a plan reaches this; 1e308 would overflow sums
# A number typed into a cell formatted as a date is read back as a date: 8640 as 1923-08-27.
# A date before this is taken for such a number; a later one for a date really typed.
SERIAL_DATES_BEFORE = date(1950, 1, 1)
EXCEL_EPOCH = datetime(1899, 12, 30)
GROUPED = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
VAGUE = ("约", "大约", "左右", "若干", "多", "余", "近", "超过", "不足", "以上", "以下", "上下",
         "~", "至", "到", "或", "/", "、")


def text_of(value) -> str:
    """A cell as text: numbers as typed (numbers.plain), dates as ISO, no outer spaces."""
    if value.__class__ is str:  # most cells: the checks below would come to str(value)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()


def parse_figure(value, unit: str) -> tuple[float | None, str, str]:
    """An 实际完成值 cell: a number, or text that unambiguously holds one."""
    if value is None:
        return None, "", ""
    if isinstance(value, bool):
        return None, "", "填的是逻辑值，不是数字"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):  # NaN or INF written into the file
            return None, "", "单元格中存的不是有效数字（可能由其他软件导出）"
        return float(value), "", ""
    serial = date_serial(value)
    if serial is not None:
        return serial, _serial_note(value, serial), ""
    if isinstance(value, (datetime, date, time, timedelta)):
        return None, "", f"填成了日期或时间（{text_of(value)}），不是数字"
    return _figure_text(str(value), unit)


def date_serial(value) -> float | None:
    """The number behind a date-formatted cell that holds a number rather than a date: a date
    before 1950 (8640 shows as 1923-08-27) or a time of day (0.97 shows as 23:16:48)."""
    if isinstance(value, time):
        return round((value.hour * 3600 + value.minute * 60 + value.second
                      + value.microsecond / 1e6) / 86400, 9)
    if isinstance(value, timedelta):
        return round(value.total_seconds() / 86400, 9)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if isinstance(value, datetime) and value.date() < SERIAL_DATES_BEFORE:
        return round((value - EXCEL_EPOCH).total_seconds() / 86400, 9)
    return None


def _serial_note(value, serial: float) -> str:
    return (f"单元格被设成了日期或时间格式（显示为 {text_of(value)}），已按所填数字 "
            f"{plain(serial)} 读取")


def _figure_text(raw: str, unit: str) -> tuple[float | None, str, str]:
    text = normal_text(raw)
    shown = raw.strip()
    notes = []
    if text != raw.strip() and re.search(r"[０-９．，－％]", raw):
        notes.append("全角字符已转为半角")
    if any(word in text for word in VAGUE) or re.search(r"\d-\d", text):
        return None, "", f"“{shown}”不是确切数字"
    if re.fullmatch(GROUPED + r".*", text):
        grouped = re.match(GROUPED, text).group(0)
        text = grouped.replace(",", "") + text[len(grouped):]
        notes.append("已去掉千位分隔符")
    if re.fullmatch(SCIENTIFIC, text):
        number = float(text)
        if not math.isfinite(number):
            return None, "", f"“{shown}”超出了数字的范围"
        return number, f"“{shown}”以科学计数法填写，已按 {plain(number)} 读取", ""
    match = re.fullmatch(f"({NUMBER})(.*)", text)
    if not match:
        return None, "", f"“{shown}”不是数字"
    number, suffix = match.groups()
    if suffix:
        if suffix != normal_text(unit or ""):
            wanted = f"，应以“{unit}”为单位" if unit else ""
            return None, "", f"“{shown}”含有文字或单位“{suffix}”{wanted}"
        notes.append(f"已去掉计量单位“{suffix}”")
    notes.insert(0, f"“{shown}”以文本形式填写，已按数字 {plain(float(number))} 读取")
    return float(number), "；".join(notes), ""


def parse_progress(value) -> tuple[float | None, str, str]:
    """A 完成进度 cell, 0-100; a fraction such as 0.8 is read as 80 with a note."""
    if value is None:
        return None, "", ""
    serial = None if isinstance(value, bool) else date_serial(value)
    if serial is not None and 1 <= serial <= 100:
        return serial, _serial_note(value, serial), ""
    if isinstance(value, bool) or isinstance(value, (datetime, date, time, timedelta)):
        return None, "", f"“{text_of(value)}”不是 0-100 之间的数字"
    note, percent = "", False
    if isinstance(value, str):
        text = normal_text(value)
        percent = text.endswith("%")  # "0.5%" is half a percent, not 50
        text = text.removesuffix("%")
        if not re.fullmatch(NUMBER, text):
            return None, "", f"“{value.strip()}”不是 0-100 之间的数字"
        number = float(text)
        note = f"“{value.strip()}”以文本形式填写，已按 {plain(number)} 读取"
    else:
        number = float(value)
        if not math.isfinite(number):
            return None, "", "完成进度不是有效数字（可能由其他软件导出）"
    if 0 < number < 1 and not percent:
        scaled = round(number * 100, 6)
        return scaled, f"进度填为 {plain(number)}，已按 {plain(scaled)}% 理解", ""
    if number < 0 or number > 100:
        return None, "", f"完成进度 {plain(number)} 超出 0-100 的范围"
    return number, note, ""
