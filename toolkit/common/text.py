"""Text helpers: one-to-one width normalisation, splitting outside brackets, printable names."""

from __future__ import annotations

import unicodedata

# Every mapping is one character to one character, so offsets in the normalised text are
# offsets in the original: phrases are cut from the original text as printed.
_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_WIDTH.update({"：": ":", "（": "(", "）": ")", "．": ".", "％": "%", "＋": "+", "\u3000": " ",
               "﹪": "%", "［": "[", "］": "]", "～": "~", "\t": " "})
_TABLE = str.maketrans(_WIDTH)

OPENERS = "(（〔[【《“"
CLOSERS = ")）〕]】》”"


def normalise(text: str) -> str:
    """Half-width digits, colons, brackets, full stops and percent signs; same length."""
    return text.translate(_TABLE)


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside (), 〔〕, [], 【】, 《》 or “”."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
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


# Characters that would act on a terminal or a cell rather than show: controls (Cc), the
# undecodable bytes of a file name (lone surrogates, Cs) and the bidirectional overrides.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def printable(name: str) -> str:
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
