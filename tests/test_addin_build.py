"""The built add-in (.xlam), checked without Excel: compound file, VBA, ribbon, reproducibility.

Verification per docs/addin.md: olefile parses the compound file in strict mode, oletools decodes
every module to exactly its source, the ribbon validates against the customUI schemas in
../shared/schemas (skipped when absent), and every ribbon callback exists in VBA and in Python.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest

import olefile
import oletools.olevba as olevba
from lxml import etree

from toolkit.addin import build, cfb, cli, install, ovba  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MACROS = REPO / "macros"
SCHEMAS = REPO.parent / "shared" / "schemas"
XSD = "{http://www.w3.org/2001/XMLSchema}"
CUI14 = "{http://schemas.microsoft.com/office/2009/07/customui}"
RIBBON_FUNCTIONS = ["import_plan", "assign", "collect", "check", "status", "feedback", "remind",
                    "summary",
                    "open_folder", "show_help"]


@pytest.fixture(scope="module")
def addin(tmp_path_factory) -> Path:
    return build.build_addin(tmp_path_factory.mktemp("addin") / "workplan.xlam")


@pytest.fixture(scope="module")
def vba_bin(addin) -> bytes:
    with zipfile.ZipFile(addin) as z:
        return z.read("xl/vbaProject.bin")


@pytest.fixture(scope="module")
def ole(vba_bin):
    f = olefile.OleFileIO(vba_bin, raise_defects=olefile.DEFECT_INCORRECT)
    yield f
    f.close()


def decoded_modules(path) -> dict[str, str]:
    parser = olevba.VBA_Parser(str(path))
    try:
        return {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_all_macros()}
    finally:
        parser.close()


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def macro_sources() -> dict[str, str]:
    out = {}
    for path in sorted(MACROS.glob("*.bas")):
        text = path.read_text(encoding="ascii")
        name = re.match(r'Attribute VB_Name = "(\w+)"', text).group(1)
        out[name] = crlf(text)
    return out


def dir_info(ole) -> ovba.DirInfo:
    raw = ole.openstream("VBA/dir").read()
    return ovba.parse_dir(bytes(olevba.decompress_stream(bytearray(raw))))


# --- the compound file -------------------------------------------------------------------------
def test_compound_file_parses_strictly(ole):
    streams = sorted("/".join(p) for p in ole.listdir(streams=True))
    names = ["Dictionary", "Sheet2", "ThisWorkbook", "_VBA_PROJECT", "dir", "xlwings"]
    names += list(macro_sources())
    assert streams == sorted(["PROJECT", "PROJECTwm"] + [f"VBA/{n}" for n in names])
    assert not any("__SRP_" in s for s in streams)
    assert ole.sector_size == 512 and ole.dll_version == 3


def assert_red_black(entries) -> None:
    """Each storage's children: a search tree by (name length, upper-cased name), root black,
    no red node with a red child, the same number of black nodes on every path."""

    def check(sid):
        if sid == cfb.NOSTREAM:
            return 1
        e = entries[sid]
        for child_sid, side in ((e.sid_left, -1), (e.sid_right, 1)):
            if child_sid != cfb.NOSTREAM:
                child = entries[child_sid]
                assert (cfb.sort_key(child.name) > cfb.sort_key(e.name)) == (side == 1)
                assert not (e.color == cfb.RED and child.color == cfb.RED)
        left, right = check(e.sid_left), check(e.sid_right)
        assert left == right
        return left + (e.color == cfb.BLACK)

    for e in entries:
        if e is not None and e.sid_child != cfb.NOSTREAM:
            assert entries[e.sid_child].color == cfb.BLACK
            check(e.sid_child)


def test_directory_is_a_red_black_tree(ole):
    assert_red_black(ole.direntries)


def test_tree_colours_for_every_size():
    for n in range(1, 40):
        f = cfb.CompoundFile()
        names = [f"S{i:0{1 + i % 3}d}" for i in range(n)]  # mixed lengths
        for name in names:
            f.add_stream(f"VBA/{name}", b"x")
        o = olefile.OleFileIO(f.to_bytes(), raise_defects=olefile.DEFECT_INCORRECT)
        assert sorted(o.listdir()) == sorted([["VBA", name] for name in names])
        assert_red_black(o.direntries)
        o.close()


def test_large_and_small_streams_roundtrip():
    f = cfb.CompoundFile()
    blobs = {"A/small": b"s" * 100, "A/edge": b"e" * 4095, "A/big": bytes(range(256)) * 40,
             "B/C/deep": b"d" * 5000, "top": b"t"}
    for path, data in blobs.items():
        f.add_stream(path, data)
    data = f.to_bytes()
    assert len(data) % 512 == 0
    o = olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)
    for path, blob in blobs.items():
        assert o.openstream(path).read() == blob
    o.close()
    assert cfb.read_streams(data) == blobs


def test_cfb_rejects_bad_names():
    f = cfb.CompoundFile()
    with pytest.raises(ValueError):
        f.add_stream("x" * 32, b"")
    f.add_stream("a", b"1")
    with pytest.raises(ValueError):
        f.add_stream("A", b"2")


# --- the VBA project ---------------------------------------------------------------------------
def test_vba_project_stream_has_no_cache(ole):
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")


def test_dir_modules_are_source_only(ole):
    info = dir_info(ole)
    assert info.project_name() == "Workplan"
    names = [m[ovba.MODULENAME].decode() for m in info.modules]
    assert names == ["ThisWorkbook", "Dictionary", "Sheet2", "xlwings"] + list(macro_sources())
    for m in info.modules:
        assert ovba.module_text_offset(m) == 0
        assert m[ovba.MODULECOOKIE] == b"\xff\xff"
        raw = ole.openstream("VBA/" + m[ovba.MODULESTREAMNAME].decode()).read()
        assert raw[0] == 0x01  # the stream starts with the compressed source


def test_dir_head_kept_from_template(ole):
    with zipfile.ZipFile(build.template_path()) as z:
        template = cfb.read_streams(z.read("xl/vbaProject.bin"))
    old = ovba.parse_dir(ovba.decompress(template["VBA/dir"]))
    new = dir_info(ole)
    expected = [(r, b"Workplan" if r == ovba.PROJECTNAME else p) for r, p in old.head]
    assert new.head == expected


def test_project_stream(ole):
    text = ole.openstream("PROJECT").read().decode("cp1252")
    lines = text.split("\r\n")
    assert 'Name="Workplan"' in lines
    assert "Document=ThisWorkbook/&H00000000" in lines
    assert "Document=Sheet2/&H00000000" in lines
    assert "Class=Dictionary" in lines
    assert "Module=xlwings" in lines
    for name in macro_sources():
        assert f"Module={name}" in lines
    assert not any("RibbonMyAddin" in line for line in lines)
    wm = ole.openstream("PROJECTwm").read()
    assert wm.endswith(b"\x00\x00") and b"WorkplanRibbon\x00" in wm


def test_oletools_decodes_every_module_exactly(addin):
    built = decoded_modules(addin)
    template = decoded_modules(build.template_path())
    assert "RibbonMyAddin" not in built
    for name in ("ThisWorkbook", "Sheet2", "Dictionary"):
        assert built[name] == template[name]
    expected = crlf(template["xlwings"]).replace(
        'PROJECT_NAME As String = "myaddin"', 'PROJECT_NAME As String = "workplan"')
    assert built["xlwings"] == expected
    assert 'PROJECT_NAME As String = "workplan"' in built["xlwings"]
    for name, source in macro_sources().items():
        assert built[name] == source
    for code in built.values():
        assert "\n" not in code.replace("\r\n", "")


def test_macros_are_ascii_with_short_names():
    for path in MACROS.glob("*.bas"):
        data = path.read_bytes()
        data.decode("ascii")
        name = re.match(rb'Attribute VB_Name = "(\w+)"', data).group(1)
        assert len(name) <= 31


# --- the package -------------------------------------------------------------------------------
def test_package_parts(addin):
    with zipfile.ZipFile(addin) as z, zipfile.ZipFile(build.template_path()) as t:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert "customUI/customUI14.xml" in names and "customUI/customUI.xml" not in names
        assert z.read("customUI/customUI14.xml") == (MACROS / "customUI14.xml").read_bytes()
        assert z.read("[Content_Types].xml") == t.read("[Content_Types].xml")
        rels = etree.fromstring(z.read("_rels/.rels"))
        targets = {r.get("Target"): r.get("Type") for r in rels}
        assert targets["customUI/customUI14.xml"] == build.RIBBON_REL_TYPE
        assert "customUI/customUI.xml" not in targets
        assert len({r.get("Id") for r in rels}) == len(rels)
        workbook = z.read("xl/workbook.xml").decode()
        assert 'name="_workplan.conf"' in workbook and "myaddin" not in workbook
        for info in z.infolist():
            assert info.date_time == build.ZIP_DATE
            assert z.testzip() is None


def test_two_builds_are_byte_identical(addin, tmp_path):
    again = build.build_addin(tmp_path / "again.xlam")
    assert again.read_bytes() == addin.read_bytes()


def test_build_replaces_atomically(tmp_path):
    out = tmp_path / "sub" / "w.xlam"
    out.parent.mkdir()
    out.write_bytes(b"old")
    build.build_addin(out)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in out.parent.iterdir()] == ["w.xlam"]


def test_build_refuses_non_ascii_vba(tmp_path):
    macros = tmp_path / "macros"
    macros.mkdir()
    (macros / "customUI14.xml").write_bytes((MACROS / "customUI14.xml").read_bytes())
    (macros / "Bad.bas").write_text('Attribute VB_Name = "Bad"\nSub A()\n  MsgBox "中"\nEnd Sub\n',
                                    encoding="utf-8")
    with pytest.raises(build.BuildError) as err:
        build.build_addin(tmp_path / "x.xlam", macros)
    assert "ASCII" in err.value.message
    assert not (tmp_path / "x.xlam").exists()


# --- the ribbon XML ----------------------------------------------------------------------------
def _group_attributes(root, name: str) -> set[str]:
    group = root.find(f"{XSD}attributeGroup[@name='{name}']")
    found: set[str] = set()
    if group is None:
        return found
    for a in group.iter(f"{XSD}attribute"):
        if a.get("name"):
            found.add(a.get("name"))
    for ref in group.iter(f"{XSD}attributeGroup"):
        if ref.get("ref"):
            found |= _group_attributes(root, ref.get("ref"))
    return found


def load_schema(path: Path):
    """The customUI schema, minus the attribute references libxml2 rejects as duplicates.

    Derived types repeat attribute groups of their base ("Duplicate attribute use"); removing
    the repeated reference from the derived type's extension changes nothing they allow.
    """
    tree = etree.parse(str(path))
    root = tree.getroot()
    for _ in range(50):
        try:
            return etree.XMLSchema(tree)
        except etree.XMLSchemaParseError as exc:
            dups = [re.search(r"complex type '(\w+)': Duplicate attribute use '(\w+)'", e.message)
                    for e in exc.error_log]
            dups = [m.groups() for m in dups if m]
            if not dups:
                raise
            for type_name, attr in dups:
                ext = root.find(f"{XSD}complexType[@name='{type_name}']"
                                f"/{XSD}complexContent/{XSD}extension")
                for child in list(ext):
                    direct = child.tag == f"{XSD}attribute" and child.get("name") == attr
                    grouped = child.tag == f"{XSD}attributeGroup" and attr in _group_attributes(
                        root, child.get("ref"))
                    if direct or grouped:
                        ext.remove(child)
                        break
    raise AssertionError("schema did not load")


def schema(name: str):
    path = SCHEMAS / name
    if not path.is_file():
        pytest.skip(f"{path} not present (../shared/schemas)")
    return load_schema(path)


def ribbon_tree():
    return etree.parse(str(MACROS / "customUI14.xml"))


def test_ribbon_validates_against_customui14():
    xsd = schema("customui14.xsd")
    assert xsd.validate(ribbon_tree()), xsd.error_log


def test_schema_helper_still_rejects_bad_ribbons():
    xsd = schema("customui14.xsd")
    bad = etree.fromstring(
        b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
        b'<tab id="t" label="x"><group id="g" label="g"><button id="b" label="b" size="huge"/>'
        b"</group></tab></tabs></ribbon></customUI>")
    assert not xsd.validate(bad)


def test_template_ribbon_validates_against_customui_2006():
    xsd = schema("customUI.xsd")
    with zipfile.ZipFile(build.template_path()) as z:
        assert xsd.validate(etree.fromstring(z.read("customUI/customUI.xml"))), xsd.error_log


def test_ribbon_layout_and_labels():
    root = ribbon_tree().getroot()
    assert root.tag == f"{CUI14}customUI"
    tab = root.find(f"{CUI14}ribbon/{CUI14}tabs/{CUI14}tab")
    assert tab.get("label") == "工作要点"
    groups = {g.get("label"): [b.get("label") for b in g.iter(f"{CUI14}button")]
              for g in tab.iter(f"{CUI14}group")}
    assert groups == {
        "计划": ["导入计划", "生成任务表"],
        "汇总与核对": ["汇总", "核对指标", "报送情况", "退回修改", "催报"],
        "总结": ["年终总结"],
        "帮助": ["打开工作文件夹", "使用说明"],
    }
    for button in root.iter(f"{CUI14}button"):
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


def vba_subs() -> dict[str, dict[str, str]]:
    """module -> {sub name: its body} for the Subs that take `control As IRibbonControl`."""
    out: dict[str, dict[str, str]] = {}
    for name, text in macro_sources().items():
        subs = re.findall(
            r"^(?:Public\s+)?Sub\s+(\w+)\s*"
            r"\(\s*(?:ByVal\s+|ByRef\s+)?\w+\s+As\s+IRibbonControl\s*\)"
            r"(.*?)^End Sub", text, flags=re.M | re.S | re.I)
        out[name] = {sub: body for sub, body in subs}
    return out


def test_every_button_has_an_id_and_an_existing_callback():
    subs = vba_subs()
    ids = []
    buttons = list(ribbon_tree().getroot().iter(f"{CUI14}button"))
    assert len(buttons) == 10
    for button in buttons:
        assert button.get("id"), f"button {button.get('label')} has no id"
        ids.append(button.get("id"))
        module, _, sub = button.get("onAction").partition(".")
        assert sub in subs.get(module, {}), (
            f"{button.get('onAction')} is not a Sub(control As IRibbonControl)")
    assert len(set(ids)) == len(ids)


def test_every_sub_calls_an_existing_python_function():
    import toolkit.front.ribbon as ribbon

    called = []
    for subs in vba_subs().values():
        for sub, body in subs.items():
            calls = re.findall(
                r'RunPython\s+"import toolkit\.front\.ribbon; toolkit\.front\.ribbon\.(\w+)\(\)"', body)
            assert len(calls) == 1, f"{sub} must call exactly one Python function"
            assert callable(getattr(ribbon, calls[0], None)), calls[0]
            called.append(calls[0])
    assert sorted(called) == sorted(RIBBON_FUNCTIONS)


# --- the command line and installation ---------------------------------------------------------
def test_cli_build(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 0
    assert capsys.readouterr().out.strip() == "已生成加载项：dist/workplan.xlam"
    assert zipfile.is_zipfile(tmp_path / "dist" / "workplan.xlam")
    assert cli.main(["build", "-o", "x/y.xlam"]) == 0
    first = (tmp_path / "dist" / "workplan.xlam").read_bytes()
    assert (tmp_path / "x" / "y.xlam").read_bytes() == first


def test_cli_install_without_excel(capsys, monkeypatch):
    if install.is_windows(sys.platform) or install.is_mac(sys.platform):
        monkeypatch.setattr(install, "excel_installed", lambda platform: False)
        monkeypatch.setattr(install, "running_excel_startup_dir", lambda: None)
    assert cli.main(["install"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "Excel" in err and "\n" not in err


def test_install_on_linux_says_no_excel():
    with pytest.raises(install.NoExcelError):
        install.startup_dir("linux")


def test_default_startup_dirs(tmp_path):
    win = install.default_startup_dir("win32", {"APPDATA": r"C:\Users\a\AppData\Roaming"}, tmp_path)
    assert str(win).replace("\\", "/").endswith("AppData/Roaming/Microsoft/Excel/XLSTART")
    mac = install.default_startup_dir("darwin", {}, tmp_path)
    assert mac == tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content/Startup/Excel"


def test_config_paths(tmp_path):
    win = install.config_path("win32", {"USERPROFILE": str(tmp_path)}, tmp_path)
    assert win == tmp_path / ".workplan" / "workplan.conf"
    mac = install.config_path("darwin", {}, tmp_path)
    assert mac == tmp_path / "Library/Containers/com.microsoft.Excel/Data/workplan.conf"


def test_merge_config_keeps_other_keys():
    old = '"INTERPRETER_WIN","C:\\old\\python.exe"\n"SHOW CONSOLE","True"\n\n'
    new = install.merge_config(
        old, {"INTERPRETER_WIN": r"C:\new\python.exe", "PYTHONPATH": r"D:\wp"})
    assert new.splitlines() == [
        '"SHOW CONSOLE","True"', r'"INTERPRETER_WIN","C:\new\python.exe"', r'"PYTHONPATH","D:\wp"']
    assert new.endswith("\n")


def test_install_copies_addin_and_writes_config(tmp_path, monkeypatch):
    start = tmp_path / "XLSTART"
    monkeypatch.setattr(install, "startup_dir", lambda platform: start)
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    result = install.install_addin(platform="win32")
    assert result.addin == start / "workplan.xlam" and zipfile.is_zipfile(result.addin)
    text = result.config.read_text(encoding="utf-8")
    assert result.config == tmp_path / "home" / ".workplan" / "workplan.conf"
    assert f'"INTERPRETER_WIN","{install.sys.executable}"' in text
    assert f'"PYTHONPATH","{REPO}"' in text
