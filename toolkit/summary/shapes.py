"""Text boxes of an .xlsx template, carried into the filled workbook.

openpyxl keeps the cells, charts and pictures of a workbook it loads but drops the shapes of its
drawings (xdr:sp: text boxes, rectangles, arrows). After openpyxl has saved the filled workbook,
the template's shapes are read from its drawing parts, the jinja2 in their text is rendered with
the cells' environment and data, and they are put into the output sheet's drawing part: appended
to the drawing openpyxl wrote (the chart's), or a new drawing part attached to the sheet.

The text box language, for whoever restyles the template:
- any paragraph may hold jinja2: `本轮共{{ tasks|length }}项任务`; each run (a stretch of
  text in one format) is rendered in its own format, so a bold `{{ n }}` stays bold; Excel
  may split a placeholder over several runs: runs are joined until their tags (and blocks
  such as `{% if %}…{% endif %}`) are whole, and the result takes the first one's format;
- a paragraph holding only `{% for x in items %}` and a later paragraph holding only
  `{% endfor %}` repeat the paragraphs between them;
- line breaks in a value become line breaks in the text box.
An anchor moves down with the rows the sheet's repeating rows inserted above it. Shapes that
refer to other parts (a picture fill, a hyperlink) lose that reference; groups holding pictures
or charts are not carried.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

from toolkit.rules.text import printable
from toolkit.errors import WorkplanError
from toolkit.summary.loops import END_TAG, FOR_TAG, Block, loop_targets

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
DRAWING_REL = R + "/drawing"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
NS = {"xdr": XDR, "a": A, "m": MAIN, "pr": PKG_REL, "ct": CT}

ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")
SHAPES = ("sp", "grpSp", "cxnSp")
# CT_Worksheet: the elements that come after <drawing>
AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
                 "controls", "webPublishItems", "tableParts", "extLst")
TAG = re.compile(r"\{\{.*?\}\}|\{%-?\s*(?P<name>\w+).*?%\}|\{#.*?#\}", re.S)
OPENERS = {"for", "if", "with", "filter", "macro", "call", "raw", "block", "autoescape"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _rel_id(el) -> str | None:
    return el.get(f"{{{R}}}id") or el.get(f"{{{R_STRICT}}}id")


class Package:
    """The parts of an .xlsx package in memory, in their zip order."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        self.changed: set[str] = set()

    def xml(self, name: str):
        return etree.fromstring(self.parts[name], PARSER)

    def put(self, name: str, root) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
        self.changed.add(name)

    def save(self, path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                           compress_type=zipfile.ZIP_DEFLATED)

    # --- relationships ----------------------------------------------------------------------
    @staticmethod
    def rels_name(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", name + ".rels")

    def rels(self, part: str) -> dict[str, str]:
        """Relationship id -> the target part's name, for the internal relationships of part."""
        name = self.rels_name(part)
        if name not in self.parts:
            return {}
        found = {}
        for rel in self.xml(name).findall("pr:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                found[rel.get("Id")] = target.lstrip("/")
            else:
                found[rel.get("Id")] = posixpath.normpath(
                    posixpath.join(posixpath.dirname(part), target))
        return found

    def add_rel(self, part: str, rel_type: str, target: str) -> str:
        name = self.rels_name(part)
        if name in self.parts:
            root = self.xml(name)
        else:
            root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
        used = {r.get("Id") for r in root}
        rid = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
        etree.SubElement(root, f"{{{PKG_REL}}}Relationship",
                         Id=rid, Type=rel_type, Target="/" + target)
        self.put(name, root)
        return rid

    # --- sheets and their drawings ----------------------------------------------------------
    def sheets(self) -> dict[str, str]:
        """Sheet name -> worksheet part name."""
        book = "xl/workbook.xml"
        for rel in self.xml("_rels/.rels").findall("pr:Relationship", NS):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = rel.get("Target", book).lstrip("/")
        targets = self.rels(book)
        found = {}
        for sheet in self.xml(book).iterfind(".//{*}sheets/{*}sheet"):
            part = targets.get(_rel_id(sheet))
            if part in self.parts:
                found[sheet.get("name")] = part
        return found

    def drawing_of(self, sheet_part: str) -> str | None:
        """The drawing part the sheet shows (its <drawing r:id>), if any."""
        element = self.xml(sheet_part).find("{*}drawing")
        if element is None:
            return None
        part = self.rels(sheet_part).get(_rel_id(element))
        return part if part in self.parts else None

    def new_drawing(self, sheet_part: str) -> str:
        """An empty drawing part, related to the sheet, shown by it and in the content types."""
        n = 1
        while f"xl/drawings/drawing{n}.xml" in self.parts:
            n += 1
        name = f"xl/drawings/drawing{n}.xml"
        self.put(name, etree.Element(f"{{{XDR}}}wsDr", nsmap={"xdr": XDR, "a": A}))
        rid = self.add_rel(sheet_part, DRAWING_REL, name)
        sheet = self.xml(sheet_part)
        element = etree.Element(f"{{{MAIN}}}drawing", nsmap={"r": R})
        element.set(f"{{{R}}}id", rid)
        later = [c for c in sheet if _local(c) in AFTER_DRAWING]
        if later:
            later[0].addprevious(element)
        else:
            sheet.append(element)
        self.put(sheet_part, sheet)
        types = self.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name,
                         ContentType=DRAWING_TYPE)
        self.put("[Content_Types].xml", types)
        return name


# --- reading the template -----------------------------------------------------------------
def carried(anchor) -> bool:
    """An anchor openpyxl would drop and we can carry: a shape, a connector or a group of them."""
    shapes = [c for c in anchor if c.tag in {f"{{{XDR}}}{s}" for s in SHAPES}]
    if not shapes:
        return False
    inner = {_local(e) for e in shapes[0].iter()}
    return not inner & {"pic", "graphicFrame"}


def detach(anchor):
    """A copy of the anchor without the elements that point at parts the output lacks."""
    anchor = deepcopy(anchor)
    for el in list(anchor.iter()):
        if any(k.startswith((f"{{{R}}}", f"{{{R_STRICT}}}")) for k in el.attrib):
            el.getparent().remove(el)
    return anchor


def template_shapes(template: Path) -> dict[str, list]:
    """Sheet name -> the anchors of the shapes in the template's drawing of that sheet."""
    try:
        pkg = Package(template)
        found = {}
        for sheet, part in pkg.sheets().items():
            drawing = pkg.drawing_of(part)
            if drawing is None:
                continue
            anchors = [detach(a) for a in pkg.xml(drawing)
                       if _local(a) in ANCHORS and carried(a)]
            if anchors:
                found[sheet] = anchors
        return found
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise WorkplanError(
            f"模板 {template.name} 中的文本框无法读取（{exc}）；请在 Excel 中重新保存模板后重试。"
        ) from None


# --- rendering ------------------------------------------------------------------------------
def shape_name(anchor) -> str:
    names = [e.get("name") for e in anchor.iter(f"{{{XDR}}}cNvPr") if e.get("name")]
    return names[0] if names else "未命名"


def runs_text(runs) -> str:
    return "".join(r.findtext("a:t", "", NS) for r in runs)


def segments(paragraph) -> list[list]:
    """The runs (a:r) of a paragraph in stretches between line breaks and fields."""
    parts: list[list] = [[]]
    for child in paragraph:
        if child.tag == f"{{{A}}}r":
            parts[-1].append(child)
        elif child.tag in (f"{{{A}}}br", f"{{{A}}}fld"):
            parts.append([])
    return [p for p in parts if p]


def complete(text: str) -> bool:
    """No jinja2 tag, comment or block left open in text."""
    depth = 0
    for tag in TAG.finditer(text):
        name, body = tag.group("name") or "", tag.group(0)
        if name in OPENERS or (name == "set" and "=" not in body):
            depth += 1
        elif name.startswith("end"):
            depth -= 1
    rest = TAG.sub("", text)
    opened = rest.endswith("{") or any(d in rest for d in ("{{", "{%", "{#"))
    return depth <= 0 and not opened


def groups(runs: list) -> list[list]:
    """The runs in the shortest stretches that hold whole jinja2 tags and blocks: a placeholder
    Excel split over runs is joined, a run that holds its own keeps its formatting."""
    found, current = [], []
    for run in runs:
        current.append(run)
        if complete(runs_text(current)):
            found.append(current)
            current = []
    return found + ([current] if current else [])


def paragraph_text(paragraph) -> str:
    return runs_text(paragraph.iterfind("a:r", NS))


def has_jinja(text: str) -> bool:
    return "{{" in text or "{%" in text


def set_lines(first, text: str) -> None:
    """Put text into the run `first`; each further line follows a line break."""
    lines = printable(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    t = first.find("a:t", NS)
    if t is None:
        t = etree.SubElement(first, f"{{{A}}}t")
    t.text = lines[0]
    after = first
    for line in lines[1:]:
        br = etree.Element(f"{{{A}}}br")
        props = first.find("a:rPr", NS)
        if props is not None:
            br.append(deepcopy(props))
        run = deepcopy(first)
        run.find("a:t", NS).text = line
        after.addnext(br)
        br.addnext(run)
        after = run


def render_paragraph(paragraph, filler, ctx: dict, place: str) -> None:
    for runs in (g for segment in segments(paragraph) for g in groups(segment)):
        source = runs_text(runs)
        if not has_jinja(source):
            continue
        value = filler.render(source, ctx, place)
        set_lines(runs[0], "" if value is None else str(value))
        for run in runs[1:]:
            paragraph.remove(run)


def paragraph_nodes(paragraphs: list, filler, place: str) -> list:
    """Paragraph indexes, and Blocks for the paragraphs between a `{% for %}` paragraph and
    its `{% endfor %}` paragraph (the language of the rows, see xlsx_fill)."""
    stack: list[list] = [[]]
    blocks: list[Block] = []
    for i, p in enumerate(paragraphs):
        text = paragraph_text(p).strip()
        where = f"{place}第{i + 1}段"
        whole = FOR_TAG.match(text)
        if whole and whole.end() == len(text):
            block = Block(loop_targets(whole), whole.group("expr"), where)
            stack[-1].append(block)
            stack.append(block.body)
            blocks.append(block)
        elif text and END_TAG.fullmatch(text):
            if len(stack) == 1:
                raise filler.fail(where, "多余的 {% endfor %}")
            stack.pop()
            blocks.pop()
        else:
            stack[-1].append(i)
    if blocks:
        raise filler.fail(blocks[-1].place, "{% for %} 缺少对应的 {% endfor %} 段")
    return stack[0]


def render_body(body, filler, ctx: dict, place: str) -> None:
    """Render the paragraphs of one a:txBody, repeating the ones a paragraph loop encloses."""
    paragraphs = body.findall("a:p", NS)
    if not any(has_jinja(paragraph_text(p)) for p in paragraphs):
        return
    plan: list[tuple[int, dict]] = []
    filler.expand(paragraph_nodes(paragraphs, filler, place), ctx, plan)
    produced = []
    for index, local in plan:
        p = deepcopy(paragraphs[index])
        render_paragraph(p, filler, local, f"{place}第{index + 1}段")
        produced.append(p)
    if not produced:  # a text body needs a paragraph
        produced.append(etree.Element(f"{{{A}}}p"))
    at = body.index(paragraphs[0])
    for p in paragraphs:
        body.remove(p)
    body[at:at] = produced


def render_anchor(anchor, filler, ctx: dict, sheet: str) -> None:
    place = f"工作表「{sheet}」文本框「{shape_name(anchor)}」"
    for body in anchor.iter(f"{{{XDR}}}txBody"):
        render_body(body, filler, ctx, place)


def move_anchor(anchor, moved_row) -> None:
    """Shift the anchor down by the rows inserted above its top row; its height stays."""
    start = anchor.find("xdr:from/xdr:row", NS)
    if start is None:
        return
    old = int(start.text)
    shift = moved_row(old + 1) - 1 - old
    for row in (start, anchor.find("xdr:to/xdr:row", NS)):
        if row is not None:
            row.text = str(int(row.text) + shift)


# --- making a text box (for the template script and the tests) -------------------------------
def _sub(parent, tag: str, **attrs):
    prefix, name = tag.split(":")
    return etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", **attrs)


def _run(paragraph, text: str, font: str = "", size: float = 0, bold: bool = False,
         colour: str = ""):
    run = _sub(paragraph, "a:r")
    props = _sub(run, "a:rPr", lang="zh-CN", altLang="en-US")
    if size:
        props.set("sz", str(int(size * 100)))
    if bold:
        props.set("b", "1")
    if colour:
        _sub(_sub(props, "a:solidFill"), "a:srgbClr", val=colour)
    if font:
        _sub(props, "a:latin", typeface=font)
        _sub(props, "a:ea", typeface=font)
    _sub(run, "a:t").text = text


def _cell(parent, tag: str, col: int, row: int) -> None:
    point = _sub(parent, tag)
    for name, value in (("col", col), ("colOff", 0), ("row", row), ("rowOff", 0)):
        _sub(point, f"xdr:{name}").text = str(value)


def text_box(name: str, cells, size, paragraphs, fill: str = "", line: str = "",
             shape_id: int = 2):
    """A text box as Excel writes one: an anchor from cell to cell (0-based (col, row)) that
    moves with the cells; `paragraphs` lists runs (text, {font, size, bold, colour}); a run
    "\\n" is a line break."""
    anchor = etree.Element(f"{{{XDR}}}twoCellAnchor", editAs="oneCell",
                           nsmap={"xdr": XDR, "a": A})
    _cell(anchor, "xdr:from", *cells[0])
    _cell(anchor, "xdr:to", *cells[1])
    sp = _sub(anchor, "xdr:sp", macro="", textlink="")
    nv = _sub(sp, "xdr:nvSpPr")
    _sub(nv, "xdr:cNvPr", id=str(shape_id), name=name)
    _sub(nv, "xdr:cNvSpPr", txBox="1")
    props = _sub(sp, "xdr:spPr")
    xfrm = _sub(props, "a:xfrm")
    _sub(xfrm, "a:off", x="0", y="0")
    _sub(xfrm, "a:ext", cx=str(size[0]), cy=str(size[1]))
    _sub(_sub(props, "a:prstGeom", prst="rect"), "a:avLst")
    if fill:
        _sub(_sub(props, "a:solidFill"), "a:srgbClr", val=fill)
    if line:
        _sub(_sub(_sub(props, "a:ln", w="9525"), "a:solidFill"), "a:srgbClr", val=line)
    body = _sub(sp, "xdr:txBody")
    _sub(_sub(body, "a:bodyPr", vertOverflow="clip", horzOverflow="clip", wrap="square",
              rtlCol="0", anchor="t"), "a:spAutoFit")
    _sub(body, "a:lstStyle")
    for runs in paragraphs:
        paragraph = _sub(body, "a:p")
        for text, style in runs:
            if text == "\n":
                _sub(paragraph, "a:br")
            else:
                _run(paragraph, text, **style)
    _sub(anchor, "xdr:clientData")
    return anchor


# --- writing the output ---------------------------------------------------------------------
def renumber(drawing, anchors) -> None:
    """Give the carried shapes ids the drawing does not use yet (connections follow)."""
    used = {int(e.get("id")) for e in drawing.iter(f"{{{XDR}}}cNvPr")
            if (e.get("id") or "").isdigit()}
    for anchor in anchors:
        changed = {}
        for e in anchor.iter(f"{{{XDR}}}cNvPr"):
            old = e.get("id", "")
            if old.isdigit() and int(old) not in used:
                used.add(int(old))
                continue
            new = max(used, default=0) + 1
            used.add(new)
            changed[old] = str(new)
            e.set("id", str(new))
        for link in (*anchor.iter(f"{{{A}}}stCxn"), *anchor.iter(f"{{{A}}}endCxn")):
            if link.get("id") in changed:
                link.set("id", changed[link.get("id")])


def attach(pkg: Package, sheet: str, anchors: list) -> None:
    """Append anchors to the drawing of the sheet named `sheet`, creating it when missing."""
    part = pkg.sheets()[sheet]
    name = pkg.drawing_of(part) or pkg.new_drawing(part)
    drawing = pkg.xml(name)
    renumber(drawing, anchors)
    drawing.extend(anchors)
    pkg.put(name, drawing)


def carry_shapes(template: Path, target: Path, filler, ctx: dict) -> None:
    """Render the template's shapes with ctx and add them to the workbook saved at target."""
    shapes = template_shapes(template)
    if not shapes:
        return
    pkg = Package(target)
    sheets = pkg.sheets()
    for sheet, anchors in shapes.items():
        if sheet not in sheets:
            continue
        for anchor in anchors:
            render_anchor(anchor, filler, ctx, sheet)
            move_anchor(anchor, lambda row, s=sheet: filler.moved_row(s, row))
        attach(pkg, sheet, anchors)
    pkg.save(target)
