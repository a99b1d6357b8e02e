"""Reading what people type into cells, where more than one stage needs the same rule."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

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
