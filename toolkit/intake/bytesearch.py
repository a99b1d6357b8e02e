"""Searching a workbook's inflated XML for a short run of bytes, fast.

`b"<!" in text` runs at about a nanosecond a byte when the needle's bytes are common in XML
('<', 'f', 'r'): a few of these searches over every part of every returned file cost as much
as inflating them. A search for one byte is many times faster (memchr), so the needle is
found through one of its bytes that XML seldom holds ('!', '-', a tab or a line break), each
place it occurs looked at in turn; after TRIES places the plain search takes over, so a text
full of that byte costs at most a little more than before.
"""

from __future__ import annotations

TRIES = 64


def holds(text: bytes, needle: bytes, rare: int = 0) -> bool:
    """Whether `needle` occurs in `text` (as `needle in text`); `rare` is the index of the
    needle's byte that is looked for first."""
    byte = needle[rare : rare + 1]
    place = text.find(byte, rare)
    for _ in range(TRIES):
        if place < 0:
            return False
        if text.startswith(needle, place - rare):
            return True
        place = text.find(byte, place + 1)
    return place >= 0 and text.find(needle, place - rare) >= 0
