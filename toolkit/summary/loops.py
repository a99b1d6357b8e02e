"""The loop language of the summary templates, shared by cells (xlsx_fill) and text boxes
(shapes): a `{% for x in items %}` that opens a block and the `{% endfor %}` that closes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FOR_TAG = re.compile(
    r"^\s*\{%-?\s*for\s+(?P<target>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\s+"
    r"(?P<expr>.+?)\s*-?%\}"
)
END_TAG = re.compile(r"\{%-?\s*endfor\s*-?%\}\s*$")


@dataclass
class Block:
    """Rows (or paragraphs) repeated for every item of `expr`, bound to `target`."""

    target: list[str]
    expr: str
    place: str
    body: list = field(default_factory=list)


def loop_targets(match) -> list[str]:
    """The names a FOR_TAG match binds: `for a, b in …` -> ["a", "b"]."""
    return [t.strip() for t in match.group("target").split(",")]
