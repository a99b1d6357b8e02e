"""Byte-stable Office packages: a rerun on the same data gives the same file.

openpyxl stamps the save time into docProps/core.xml and zipfile stamps every entry; both are
replaced by fixed values (the entries by 1980-01-01, 'modified' by 'created').
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _freeze_core(data: bytes, stamp: str) -> bytes:
    created = _CREATED.search(data)
    value = stamp.encode() if stamp else (created.group(1) if created else b"2000-01-01T00:00:00Z")
    data = _CREATED.sub(lambda m: m.group(0).replace(m.group(1), value), data)
    return _MODIFIED.sub(lambda m: m.group(1) + value + m.group(2), data)


def freeze_zip(path: str | Path, stamp: str = "") -> None:
    """Rewrite the package at `path` in place with fixed timestamps.

    `stamp` (ISO, e.g. 2020-12-25T00:00:00Z) becomes both 'created' and 'modified'; by
    default 'modified' takes the value of 'created'.
    """
    path = Path(path)
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = _freeze_core(data, stamp)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            zout.writestr(entry, data)
