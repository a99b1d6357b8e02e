"""Read a plan file (text in any common Chinese encoding, .docx, or the published .html) as text."""

from __future__ import annotations

import codecs
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from toolkit.common.errors import WorkplanError
from toolkit.plan_import.docx_numbering import Numbering

MAX_PLAN_BYTES = 20 * 1024 * 1024


def read_plan_source(path: str | Path) -> str:
    """The plan's text, one paragraph a line. Raises WorkplanError for what is not a plan."""
    path = Path(path)
    if not path.is_file():
        raise WorkplanError(f"找不到计划文件：{path}，请检查路径。")
    data = path.read_bytes()
    if len(data) > MAX_PLAN_BYTES:
        raise WorkplanError(f"计划文件 {path.name} 超过 20 MB，不像是一份工作要点，请检查。")
    if not data.strip():
        raise WorkplanError(f"计划文件 {path.name} 是空的，请选择工作要点的文本、Word 或网页文件。")
    if data[:4] == b"PK\x03\x04":
        return _docx_text(path, data)
    text = decode_text(data, path.name)
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        return html_to_text(text)
    return text


def decode_text(data: bytes, name: str = "") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096] or _control_share(data[:4096]) > 0.05:
        raise WorkplanError(
            f"计划文件 {name} 不是文本文件，请另存为 .txt、.docx 或网页（.html）后再导入。"
        )
    charset = _html_charset(data)
    for encoding in filter(None, ["utf-8", charset, "gb18030"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 9 or 13 < b < 32)
    return controls / len(data)


def _html_charset(data: bytes) -> str | None:
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _docx_text(path: Path, data: bytes) -> str:
    if path.suffix.lower() not in (".docx", ".docm"):
        raise WorkplanError(
            f"计划文件 {path.name} 是压缩包或表格，不是工作要点，请选择 .txt、.docx 或 .html 文件。"
        )
    try:
        import docx  # python-docx

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkplanError(f"Word 文件 {path.name} 无法打开（{exc}），请用 Word 另存为 .docx 后再试。")
    numbering = Numbering(document)
    lines = [numbering.label(p) + p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "title"}
    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n"))
