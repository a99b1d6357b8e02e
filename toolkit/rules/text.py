"""Text helpers: one-to-one width normalisation, splitting outside brackets, text a cell can hold, names as they can be shown."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Every mapping is one character to one character, so offsets in the normalised text are
# offsets in the original: phrases are cut from the original text as printed.
_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_WIDTH.update({"：": ":", "（": "(", "）": ")", "．": ".", "％": "%", "＋": "+", "\u3000": " ",
               "﹪": "%", "［": "[", "］": "]", "～": "~", "\t": " "})
_WIDE_RE = re.compile("[" + re.escape("".join(_WIDTH)) + "]")

OPENERS = "(（〔[【《“"
CLOSERS = ")）〕]】》”"


def normalise(text: str) -> str:
    """Half-width digits, colons, brackets, full stops and percent signs; same length.
    (Replacing each wide character present is many times faster than str.translate, which
    looks every character of a Chinese text up in its table.)"""
    return _replaced(text, _WIDE_RE, _WIDTH)


_HALF = {**_WIDTH, "，": ",", "；": ";", "！": "!", "？": "?", "／": "/", "－": "-", "＜": "<", "＞": ">"}
_HALF_RE = re.compile("[" + re.escape("".join(_HALF)) + "]")


def half_width(text: str) -> str:
    """normalise, and the full-width comma, semicolon, marks, slash, minus and angle brackets as
    ASCII: running text read the same whichever width it was typed in (同比增长５％，…； → 5%,…;,
    １－１１月 → 1-11月, 各县＜市、区＞ → 各县<市、区>); same length."""
    return _replaced(text, _HALF_RE, _HALF)


def _replaced(text: str, found: re.Pattern, table: dict[str, str]) -> str:
    for wide in set(found.findall(text)):
        text = text.replace(wide, table[wide])
    return text


# angle brackets closed around a few words inside a name (各县<市、区>人民政府): only such a pair
# counts, never a lone < (PM2.5<35)
ANGLE_RE = re.compile(r"[<〈][\u4e00-\u9fff、,，]{1,20}[>〉]")


BRACKET_RE = re.compile(f"[{re.escape(OPENERS + CLOSERS)}<〈]")


@lru_cache(maxsize=64)
def _separator_re(separators: str) -> re.Pattern:
    return re.compile(f"[{re.escape(separators)}]")


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside (), 〔〕, [], 【】, 《》, “” or a pair of angle
    brackets around words (各县<市、区>人民政府)."""
    if not BRACKET_RE.search(text):  # at every separator: split at once
        return [p.strip() for p in _separator_re(separators).split(text) if p.strip()]
    angled = {i for m in ANGLE_RE.finditer(text) for i in range(m.start(), m.end())} if (
        "<" in text or "〈" in text) else ()
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0 and i not in angled:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def inside_quotes(text: str, pos: int) -> bool:
    """True if `pos` lies between an opening “ and its closing ” (a programme name)."""
    opened = text.rfind("“", 0, pos)
    if opened < 0:
        return False
    closed = text.rfind("”", 0, pos)
    return closed < opened


EXCEL_MAX_TEXT = 32767  # characters a cell can hold
CLIPPED = "…（内容过长，已截断）"
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")  # what XML 1.0 cannot hold


def clip(value: str) -> str:
    """Text short enough for one cell; Excel refuses to open a file with a longer one."""
    if len(value) <= EXCEL_MAX_TEXT:
        return value
    return value[: EXCEL_MAX_TEXT - len(CLIPPED)] + CLIPPED


def printable(value: str) -> str:
    """`value` without the control characters a workbook or a document cannot hold (a unit's
    text pasted from elsewhere may carry them; Excel stores them as _x0007_)."""
    return _ILLEGAL.sub("", value)


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def simplified(text: str, always: bool = False) -> str:
    """Text in Traditional script as Simplified (OpenCC), same length, so that phrases are
    still cut from the text as printed. Unless `always`, text that is already Simplified is
    returned as is (judged on its first few thousand characters, which keeps this cheap)."""
    converter = _t2s()
    if not always and not _looks_traditional(text[:3000], converter):
        return text
    lines = []
    for line in text.split("\n"):
        same = converter.convert(line)
        lines.append(same if len(same) == len(line)
                     else "".join((converter.convert(c) or c)[:1] for c in line))
    return "\n".join(lines)


def _looks_traditional(sample: str, converter) -> bool:
    """Judged by the characters OpenCC always turns into another, counted without converting
    (its pure-Python conversion of a few hundred characters costs most of a plan's import);
    by converting where its dictionaries are not laid out as expected."""
    changing = _changing_characters(converter)
    if changing is None:
        return _traditional(sample, converter.convert(sample))
    return _enough_changed(sample, sum(1 for ch in sample if ch in changing))


@lru_cache(maxsize=1)
def _changing_characters(converter) -> frozenset[str] | None:
    """個, 們, 區 …: the single characters of OpenCC's Traditional-to-Simplified table that
    become another in every reading (乾 and 於, also written in Simplified, are not)."""
    converter.convert("")  # its dictionaries are read on first use
    try:
        tables = [table for group in converter._dict_chain_data for *_, table in group]
    except (AttributeError, TypeError, ValueError):
        return None
    return frozenset(key for table in tables if isinstance(table, dict)
                     for key, value in table.items()
                     if len(key) == 1 and key not in str(value).split())


def _traditional(sample: str, converted: str) -> bool:
    if len(converted) != len(sample):
        return True
    return _enough_changed(sample, sum(1 for a, b in zip(sample, converted) if a != b))


def _enough_changed(sample: str, changed: int) -> bool:
    """At least three characters changed, and at least one in two hundred of its Chinese ones."""
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return changed >= 3 and changed >= 0.005 * cjk


# Characters that would act on a terminal or a cell rather than show: controls (Cc), the
# undecodable bytes of a file name (lone surrogates, Cs) and the bidirectional overrides.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def shown_name(name: str) -> str:
    """A file name as it can be shown: control characters as \\x1b, a byte that is not UTF-8
    (as unzip leaves GBK names) as \\xb0, bidirectional overrides as \\u202e."""
    if name.isprintable():
        return name
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 105 -> 一百零五, 110 -> 一百一十, 2003 -> 二千零三;
    Arabic digits from 10,000 on (a heading numbered beyond that is not written in words)."""
    if n < 10:
        return CN_DIGITS[max(n, 0)]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    if n >= 10000:
        return str(n)
    out, gap = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap and out else "") + CN_DIGITS[digit] + name
            gap = False
        else:
            gap = True
    return out
