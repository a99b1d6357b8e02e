"""Reading the answers people type: figures, progress, dates, text.

Each reader returns (value, note, error): a value with an optional note when it had to be
interpreted (8,640 -> 8640), or None with an error when it cannot be read without guessing.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from toolkit.common.cells import normal_text

NUMBER = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"
GROUPED = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
VAGUE = ("约", "大约", "左右", "若干", "多", "余", "近", "超过", "不足", "以上", "以下", "上下",
         "~", "至", "到", "或", "/", "、")


def text_of(value) -> str:
    """A cell as text: numbers without a useless .0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
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
    if isinstance(value, (datetime, date, time, timedelta)):
        return None, "", f"填成了日期或时间（{text_of(value)}），不是数字"
    return _figure_text(str(value), unit)


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
    match = re.fullmatch(f"({NUMBER})(.*)", text)
    if not match:
        return None, "", f"“{shown}”不是数字"
    number, suffix = match.groups()
    if suffix:
        if suffix != normal_text(unit or ""):
            wanted = f"，应以“{unit}”为单位" if unit else ""
            return None, "", f"“{shown}”含有文字或单位“{suffix}”{wanted}"
        notes.append(f"已去掉计量单位“{suffix}”")
    notes.insert(0, f"“{shown}”以文本形式填写，已按数字 {_plain(float(number))} 读取")
    return float(number), "；".join(notes), ""


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


def parse_progress(value) -> tuple[float | None, str, str]:
    """A 完成进度 cell, 0-100; a fraction such as 0.8 is read as 80 with a note."""
    if value is None:
        return None, "", ""
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
        note = f"“{value.strip()}”以文本形式填写，已按 {_plain(number)} 读取"
    else:
        number = float(value)
        if not math.isfinite(number):
            return None, "", "完成进度不是有效数字（可能由其他软件导出）"
    if 0 < number < 1 and not percent:
        scaled = round(number * 100, 6)
        return scaled, f"进度填为 {_plain(number)}，已按 {_plain(scaled)}% 理解", ""
    if number < 0 or number > 100:
        return None, "", f"完成进度 {_plain(number)} 超出 0-100 的范围"
    return number, note, ""
    return None
