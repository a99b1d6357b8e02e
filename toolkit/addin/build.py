"""Build the workplan add-in (.xlam) from xlwings' ribbon template, without Excel.

The template is `quickstart_addin_ribbon.xlam` of the installed xlwings, so the add-in's VBA
matches the xlwings Python package (xlwings refuses a mismatch). What changes:
- the ribbon: `customUI/customUI.xml` (2006 namespace) gives way to `customUI/customUI14.xml`
  from `macros/` (2009/07 namespace, Office 2010 and later);
- the VBA project: renamed MyAddin -> Workplan; modules ThisWorkbook, Sheet2, Dictionary and
  xlwings kept (xlwings with PROJECT_NAME "workplan", so it reads workplan.conf), RibbonMyAddin
  dropped, the `.bas` files of `macros/` added. Every module is stored as source only and
  `_VBA_PROJECT` carries no performance cache, so Office compiles the project when it opens it;
- the config sheet `_myaddin.conf` becomes `_workplan.conf` (the leading underscore keeps it
  inactive, as in the template).
Zip timestamps are fixed and the compound file has none: two builds are byte-identical.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
import zipfile
from pathlib import Path

from toolkit.addin import cfb, ovba
from toolkit.errors import WorkplanError
from toolkit.common.atomic import replace
from toolkit.common.resources import resource_dir

ADDIN_NAME = "workplan"  # PROJECT_NAME of the xlwings module: workplan.conf, _workplan.conf
VBA_PROJECT_NAME = "Workplan"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_PROJECT_NAME = "myaddin"
DROPPED_MODULES = {"RibbonMyAddin"}
RIBBON_PART = "customUI/customUI14.xml"
OLD_RIBBON_PART = "customUI/customUI.xml"
RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_NS = "http://schemas.microsoft.com/office/2009/07/customui"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
MACROS_DIR = resource_dir("macros")


class BuildError(WorkplanError):
    """The add-in cannot be built; `message` is one line of Chinese."""


def template_path() -> Path:
    """The ribbon add-in template inside the installed xlwings package."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise BuildError("未安装 xlwings，无法生成加载项（pip install xlwings）。")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / TEMPLATE_NAME
        if path.is_file():
            return path
    raise BuildError(f"xlwings 中找不到模板 {TEMPLATE_NAME}，请重新安装 xlwings。")


# --- VBA ---------------------------------------------------------------------------------------
def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def template_modules(streams: dict[str, bytes]) -> tuple[ovba.DirInfo, list[ovba.ModuleInfo]]:
    """The template's dir records and its modules with their source text."""
    info = ovba.parse_dir(ovba.decompress(streams["VBA/dir"]))
    kinds = ovba.parse_project_kinds(streams["PROJECT"].decode(info.encoding))
    modules = []
    for rec in info.modules:
        name = rec[ovba.MODULENAME].decode(info.encoding)
        stream = rec[ovba.MODULESTREAMNAME].decode(info.encoding)
        raw = streams[f"VBA/{stream}"][ovba.module_text_offset(rec) :]
        kind, version = kinds.get(name, ("module", ""))
        modules.append(
            ovba.ModuleInfo(
                name=name,
                kind=kind,
                source=ovba.decompress(raw).decode(info.encoding),
                docstring=rec.get(ovba.MODULEDOCSTRING, b""),
                docstring_unicode=rec.get(ovba.MODULEDOCSTRINGUNICODE, b""),
                read_only=ovba.MODULEREADONLY in rec,
                private=ovba.MODULEPRIVATE in rec,
                document_version=version or "&H00000000",
            )
        )
    return info, modules


def patch_xlwings_module(source: str) -> str:
    pattern = f'PROJECT_NAME As String = "{TEMPLATE_PROJECT_NAME}"'
    if pattern not in source:
        raise BuildError("xlwings 模板中找不到 PROJECT_NAME，模板版本不符。")
    return crlf(source.replace(pattern, f'PROJECT_NAME As String = "{ADDIN_NAME}"'))


def module_name(source: str, path: Path) -> str:
    first = source.lstrip("\ufeff").split("\n", 1)[0].strip()
    match = re.fullmatch(r'Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]{0,30})"', first)
    if not match:
        raise BuildError(f"{path.name} 第一行须为 Attribute VB_Name = \"模块名\"（不超过 31 个字符）。")
    return match.group(1)


def macro_modules(macros_dir: Path) -> list[ovba.ModuleInfo]:
    """The standard modules of `macros/*.bas`, by file name."""
    modules = []
    for path in sorted(macros_dir.glob("*.bas")):
        raw = path.read_bytes()
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            raise BuildError(f"{path.name} 含非 ASCII 字符：VBA 源码只用 ASCII，"
                             "中文放在功能区 XML 或 Python 中。") from None
        name = module_name(text, path)
        modules.append(ovba.ModuleInfo(name=name, kind="module", source=crlf(text)))
    if not modules:
        raise BuildError(f"{macros_dir} 中没有 .bas 文件。")
    return modules


def vba_modules(streams: dict[str, bytes], macros_dir: Path):
    info, modules = template_modules(streams)
    kept = [m for m in modules if m.name not in DROPPED_MODULES]
    for m in kept:
        if m.name == "xlwings":
            m.source = patch_xlwings_module(m.source)
    added = macro_modules(macros_dir)
    names = [m.name.upper() for m in kept + added]
    if len(set(names)) != len(names) or VBA_PROJECT_NAME.upper() in names:
        raise BuildError("macros/ 中的模块名与模板模块或工程名重复。")
    return info, kept + added


def build_vba_project(template_bin: bytes, macros_dir: Path) -> bytes:
    """A new vbaProject.bin: the template's project, modules replaced, source only."""
    try:
        streams = cfb.read_streams(template_bin)
    except ImportError:
        raise BuildError("生成加载项需要 olefile：pip install olefile。") from None
    info, modules = vba_modules(streams, macros_dir)
    enc = info.encoding
    head = ovba.rename_project(info.head, VBA_PROJECT_NAME, enc)
    project = ovba.build_project(streams["PROJECT"].decode(enc), modules, VBA_PROJECT_NAME)
    out = cfb.CompoundFile()
    out.add_stream("PROJECT", project.encode(enc))
    out.add_stream("PROJECTwm", ovba.build_projectwm(modules, enc))
    out.add_stream("VBA/_VBA_PROJECT", ovba.VBA_PROJECT_STREAM)
    out.add_stream("VBA/dir", ovba.compress(ovba.build_dir(head, modules, enc)))
    for m in modules:
        out.add_stream(f"VBA/{m.name}", ovba.compress(m.source.encode(enc)))
    return out.to_bytes()


# --- the package -------------------------------------------------------------------------------
def patch_rels(rels: str) -> str:
    """Drop the old ribbon's relationship and point at customUI14.xml."""
    rels = re.sub(r'<Relationship [^>]*Target="/?customUI/customUI(14)?\.xml"[^>]*/>', "", rels)
    new = f'<Relationship Id="workplanRibbon" Type="{RIBBON_REL_TYPE}" Target="{RIBBON_PART}" />'
    return rels.replace("</Relationships>", new + "</Relationships>")


def patch_workbook(xml: str) -> str:
    old = f'name="_{TEMPLATE_PROJECT_NAME}.conf"'
    if old not in xml:
        raise BuildError("模板中找不到配置工作表，模板版本不符。")
    return xml.replace(old, f'name="_{ADDIN_NAME}.conf"')


def read_ribbon(macros_dir: Path) -> bytes:
    path = macros_dir / "customUI14.xml"
    if not path.is_file():
        raise BuildError(f"找不到功能区定义 {path}。")
    data = path.read_bytes()
    if RIBBON_NS.encode() not in data:
        raise BuildError("customUI14.xml 须使用 2009/07 命名空间。")
    return data


def package_parts(template: Path, macros_dir: Path) -> list[tuple[str, bytes]]:
    """(name, data) of every part of the add-in, [Content_Types].xml first."""
    parts: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(template) as z:
        for name in z.namelist():
            data = z.read(name)
            if name == OLD_RIBBON_PART:
                parts.append((RIBBON_PART, read_ribbon(macros_dir)))
                continue
            if name == "_rels/.rels":
                data = patch_rels(data.decode("utf-8")).encode("utf-8")
            elif name == "xl/workbook.xml":
                data = patch_workbook(data.decode("utf-8")).encode("utf-8")
            elif name == "xl/vbaProject.bin":
                data = build_vba_project(data, macros_dir)
            parts.append((name, data))
    if RIBBON_PART not in dict(parts):
        parts.append((RIBBON_PART, read_ribbon(macros_dir)))
    parts.sort(key=lambda p: p[0] != "[Content_Types].xml")
    return parts


def write_zip(path: Path, parts: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data, compresslevel=6)


def build_addin(out_path: str | os.PathLike, macros_dir: str | os.PathLike | None = None) -> Path:
    """Build the add-in at `out_path` (written atomically) and return its path."""
    out = Path(out_path)
    macros = Path(macros_dir) if macros_dir else MACROS_DIR
    if not macros.is_dir():
        raise BuildError(f"找不到 macros 文件夹：{macros}（请在项目源码目录中生成加载项）。")
    parts = package_parts(template_path(), macros)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~tmp-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        write_zip(Path(tmp), parts)
        os.chmod(tmp, 0o644)
        replace(Path(tmp), out)  # the add-in loaded in Excel: one line naming it
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
