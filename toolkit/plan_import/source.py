"""Read a plan file (text in any common Chinese encoding, .docx, or the published .html) as text."""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import WorkplanError
from toolkit.plan_import.flat import text_blocks
from toolkit.plan_import.grid import Block, Grid, blocks_without_pinyin, without_pinyin
from toolkit.plan_import.sheets import sheet_grids
from toolkit.plan_import.webpage import html_blocks
from toolkit.plan_import.wrap import unwrapped

MAX_PLAN_BYTES = 20 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_SUFFIXES = (".docx", ".docm")
CONVERTED = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".wpt": "docx", ".dot": "docx",
             ".et": "xlsx", ".ett": "xlsx", ".ods": "xlsx"}


@dataclass
class PlanSource:
    """A plan file read as blocks: lines of text and tables (grids), in document order."""
    blocks: list[Block]
    name: str = ""  # how messages name the file: “分解表.docx”
    warnings: list[str] = field(default_factory=list)
    workbook: bool = False  # a spreadsheet: its first sheet with tasks is the plan
    annotated: str = ""  # the text with the pinyin a mirror site wrote in it, read without it

    @property
    def text(self) -> str:
        """The blocks as text, one paragraph a line, a table's rows as cells ending in ` |`."""
        lines = []
        for block in self.blocks:
            if isinstance(block, Grid):
                lines += [" | ".join(c.replace("\n", " ") for c in row) + " |" for row in block.rows]
            else:
                lines.append(block)
        return "\n".join(lines)


def read_plan_source(path: str | Path) -> str:
    """The plan's text, one paragraph a line. Raises WorkplanError for what is not a plan."""
    return read_plan(path).text


def read_plan(path: str | Path) -> PlanSource:
    """Read a plan in any form offices publish: text, web page, Word, Excel, PDF, old .doc/.wps/.et;
    the pinyin some mirror sites write after characters (責(zé)任單位) is read as absent."""
    path = Path(path)
    data = _plan_bytes(path)
    suffix = path.suffix.lower()
    name = f"“{path.name}”"
    if data[:5] == b"%PDF-":
        from toolkit.plan_import.pdf import pdf_blocks

        return _without_pinyin(PlanSource(lines_reread(pdf_blocks(path)), name))
    if data[:4] == b"PK\x03\x04" or data[:8] == OLE_MAGIC or data[:5] == b"{\\rtf":
        blocks = lines_reread(_office_blocks(path, data, suffix))
        return _without_pinyin(PlanSource(
            blocks, name, workbook=bool(blocks) and all(isinstance(b, Grid) for b in blocks)
            and suffix not in WORD_SUFFIXES + (".doc", ".wps", ".rtf", ".wpt", ".dot")))
    text = decode_text(data, path.name)
    if suffix in (".html", ".htm") or _looks_like_html(text):
        return _without_pinyin(PlanSource(lines_reread(html_blocks(text)), name))
    text = unwrapped(text)  # a PDF's lines joined into paragraphs, a gloss wrapped inside it too
    plain = without_pinyin(text)  # before the tables flattened into it are rebuilt
    return PlanSource(text_blocks(plain), name, annotated=text if plain != text else "")


def lines_reread(blocks: list[Block]) -> list[Block]:
    """The paragraphs between a document's own tables read as a text file's lines are: a table
    copied into Word or a web page as one cell a paragraph, or as label/value lines, is rebuilt."""
    out: list[Block] = []
    run: list[str] = []
    for block in blocks + [None]:
        if isinstance(block, str):
            run.append(block)
            continue
        if run:
            out += text_blocks("\n".join(run))  # a soft line break (Shift+Enter) ends a line too
            run = []
        if block is not None:
            out.append(block)
    return out


def _without_pinyin(source: PlanSource) -> PlanSource:
    plain = blocks_without_pinyin(source.blocks)
    if plain != source.blocks:
        source.annotated, source.blocks = source.text, plain
    return source


def _plan_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise WorkplanError(f"找不到计划文件：{path}，请检查路径。")
    data = path.read_bytes()
    if len(data) > MAX_PLAN_BYTES:
        raise WorkplanError(f"计划文件 {path.name} 超过 20 MB，不像是一份工作要点，请检查。")
    if not data.strip():
        raise WorkplanError(f"计划文件 {path.name} 是空的，请选择工作要点的文本、Word 或网页文件。")
    return data


def _not_ours(path: Path, grids: list[Grid]) -> list[Grid]:
    """A workbook this tool wrote (a master, a unit's form, the consolidated workbook) is no
    plan to import: it carries a hidden sheet of ours."""
    from toolkit import vocab

    ours = {f"“{path.name}”“{name}”工作表" for name in (vocab.HIDDEN_SHEET, vocab.BOOK_META)}
    if any(grid.name in ours for grid in grids):
        raise WorkplanError(f"{path.name} 是本工具生成的总表、任务表或汇总表，不是计划文件，未导入；"
                            "请选择印发的工作要点或任务分解表。")
    return grids


def _office_blocks(path: Path, data: bytes, suffix: str) -> list[Block]:
    zipped = data[:2] == b"PK"  # a .docx or .xlsx, whatever its name says
    if zipped and suffix in WORD_SUFFIXES + (".doc", ".wps"):
        return _docx_blocks(path)
    if zipped and suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        return _not_ours(path, sheet_grids(path, "openpyxl"))
    from toolkit.plan_import.convert import converted, soffice

    # calamine reads .xls and WPS .et; for .ods it loses merged cells, so LibreOffice
    # converts it where installed
    if suffix == ".xls" or (suffix == ".ods" and soffice() is None) or (
            suffix == ".et" and data[:8] == OLE_MAGIC):
        try:
            return sheet_grids(path, "calamine")
        except WorkplanError:
            if suffix != ".et":
                raise
    if suffix in CONVERTED:
        with converted(path, CONVERTED[suffix]) as copy:
            if CONVERTED[suffix] == "docx":
                return _docx_blocks(copy, path.name)
            return sheet_grids(copy, "openpyxl", path.name)
    if data[:8] == OLE_MAGIC and suffix in WORD_SUFFIXES + (".xlsx", ".xlsm"):
        raise WorkplanError(f"计划文件 {path.name} 设有打开密码（已加密），请在 Word 或 Excel 中去掉密码后另存，再导入。")
    raise WorkplanError(
        f"计划文件 {path.name} 是压缩包或无法识别的 Office 文件，请另存为 .docx、.xlsx、.pdf 或 .txt 后再导入。"
    )


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


CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
OTHER_BYTES = bytes(b for b in range(256) if b not in CONTROL_BYTES)


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return len(data.translate(None, OTHER_BYTES)) / len(data)  # the control bytes kept, counted


def _html_charset(data: bytes) -> str | None:
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _docx_blocks(path: Path, name: str = "") -> list[Block]:
    """Paragraphs and tables in document order; Word's list numbers written out."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from toolkit.plan_import.docx_numbering import Numbering

    document = _open_docx(path, name or path.name)
    numbering = Numbering(document)
    blocks: list[Block] = []

    def read(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                paragraph = Paragraph(child, document)
                blocks.append(numbering.label(paragraph) + paragraph.text)
            elif child.tag == qn("w:tbl"):
                blocks.append(_word_grid(Table(child, document), numbering))
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent")):  # content controls
                read(child)

    read(document.element.body)
    return blocks


def _open_docx(path: Path, name: str):
    try:
        import docx  # python-docx

        return docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkplanError(f"Word 文件 {name} 无法打开（{exc}），请用 Word 另存为 .docx 后再试。")


def _word_grid(table, numbering) -> Grid:
    """Cell texts row by row; a merged cell (across or down) gives its text to every cell it
    covers, as python-docx repeats it in its cell grid (read once: per row it is slow)."""
    cells = table._cells  # row-major, merged cells repeated
    width = len(table.columns)
    texts: dict = {}  # by cell element: a merged cell is read (and numbered) once
    for cell in cells:
        if cell._tc not in texts:
            texts[cell._tc] = "\n".join(numbering.label(p) + p.text for p in cell.paragraphs)
    grid = Grid([[texts[c._tc] for c in cells[i:i + width]] for i in range(0, len(cells), width)]
                if width else [])
    for i, cell in enumerate(cells):
        r, c = divmod(i, width)
        if r and cells[i - width]._tc is cell._tc:
            grid.copies.add((r, c))
    return grid
