"""MS-OVBA compression and the dir/PROJECT streams, checked against oletools and the template.

A wrong copy token can make Excel hang when it opens the add-in, so every compressed result is
decoded by oletools' independent decompressor as well as by ours.
"""

from __future__ import annotations

import random
import struct

import pytest

import olefile
import oletools.olevba as olevba

from toolkit.addin import build, ovba  # noqa: E402


def oletools_decompress(data: bytes) -> bytes:
    return bytes(olevba.decompress_stream(bytearray(data)))


def chunk_headers(container: bytes) -> list[tuple[int, bool]]:
    """(size, compressed) of each chunk, walking the container by its headers."""
    out, pos = [], 1
    while pos < len(container):
        (header,) = struct.unpack_from("<H", container, pos)
        assert (header >> 12) & 0x7 == 0b011, "chunk signature"
        size = (header & 0x0FFF) + 3
        out.append((size, bool(header & 0x8000)))
        pos += size
    assert pos == len(container), "chunks must end exactly at the end of the container"
    return out


def roundtrip(data: bytes) -> bytes:
    packed = ovba.compress(data)
    assert packed[0] == 0x01
    assert oletools_decompress(packed) == data
    assert ovba.decompress(packed) == data
    for size, _ in chunk_headers(packed):
        assert size <= 4098
    assert len(chunk_headers(packed)) == (len(data) + 4095) // 4096
    return packed


# --- compression -------------------------------------------------------------------------------
SIZES = [0, 1, 2, 3, 4, 15, 16, 17, 100, 4095, 4096, 4097, 8191, 8192, 12289]


@pytest.mark.parametrize("size", SIZES)
def test_roundtrip_repetitive_text(size):
    text = b'Sub Foo(control As IRibbonControl)\r\n    RunPython "import x"\r\nEnd Sub\r\n' * 400
    roundtrip(text[:size])


def test_long_runs_use_maximum_length_tokens():
    for size in (3, 18, 19, 20, 4096, 10000):
        packed = roundtrip(b"a" * size)
        if size >= 4096:
            assert len(packed) < 200  # long copy tokens, not literals


@pytest.mark.parametrize("seed", range(40))
def test_roundtrip_random_small_alphabet(seed):
    """Many matches at every position, across every bit-count boundary of the copy token."""
    rng = random.Random(seed)
    alphabet = rng.choice([b"ab", b"abc", b"ab \r\n", bytes(range(32, 127))])
    size = rng.choice([17, 33, 65, 129, 257, 513, 1025, 2049, 4096, 5000, 9000])
    data = bytes(rng.choice(alphabet) for _ in range(size))
    roundtrip(data)


@pytest.mark.parametrize("seed", range(10))
def test_roundtrip_mixed_runs_and_noise(seed):
    rng = random.Random(1000 + seed)
    parts = []
    while sum(map(len, parts)) < 12000:
        if rng.random() < 0.5:
            parts.append(bytes([rng.randrange(256)]) * rng.randrange(1, 300))
        else:
            parts.append(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50))))
    roundtrip(b"".join(parts))


def test_incompressible_full_chunks_are_stored_raw():
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096 * 2))
    packed = roundtrip(data)
    assert chunk_headers(packed) == [(4098, False), (4098, False)]
    assert struct.unpack_from("<H", packed, 1)[0] == 0x3FFF


def test_short_incompressible_final_chunk_is_refused():
    """A raw chunk is always 4096 bytes: a short one would come back padded with zeros."""
    rng = random.Random(8)
    with pytest.raises(ValueError):
        ovba.compress(bytes(rng.randrange(256) for _ in range(4000)))


def test_copy_token_help_follows_the_spec():
    # BitCount = max(ceil(log2(difference)), 4); MaximumLength = (0xFFFF >> BitCount) + 3
    assert ovba._copy_token_help(1) == (4, 4098)
    assert ovba._copy_token_help(16) == (4, 4098)
    assert ovba._copy_token_help(17) == (5, 2050)
    assert ovba._copy_token_help(32) == (5, 2050)
    assert ovba._copy_token_help(33) == (6, 1026)
    assert ovba._copy_token_help(2048) == (11, 34)
    assert ovba._copy_token_help(2049) == (12, 18)
    assert ovba._copy_token_help(4095) == (12, 18)


def test_decompress_rejects_garbage():
    with pytest.raises(ValueError):
        ovba.decompress(b"\x00\x01\x02")


# --- the template ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template_streams():
    with __import__("zipfile").ZipFile(build.template_path()) as z:
        data = z.read("xl/vbaProject.bin")
    ole = olefile.OleFileIO(data)
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True)}
    ole.close()
    return streams


def test_decompressor_agrees_with_oletools_on_the_template(template_streams):
    info = ovba.parse_dir(ovba.decompress(template_streams["VBA/dir"]))
    assert ovba.decompress(template_streams["VBA/dir"]) == oletools_decompress(
        template_streams["VBA/dir"]
    )
    for rec in info.modules:
        raw = template_streams["VBA/" + rec[ovba.MODULESTREAMNAME].decode("cp1252")]
        text = raw[ovba.module_text_offset(rec):]
        assert ovba.decompress(text) == oletools_decompress(text)
        roundtrip(ovba.decompress(text))


def test_template_dir_parses_and_regenerates(template_streams):
    data = ovba.decompress(template_streams["VBA/dir"])
    info = ovba.parse_dir(data)
    assert info.project_name() == "MyAddin"
    assert info.codepage == 1252
    names = [m[ovba.MODULENAME].decode() for m in info.modules]
    assert names == ["ThisWorkbook", "Dictionary", "RibbonMyAddin", "Sheet2", "xlwings"]
    # the head records come back byte for byte
    head = b"".join(ovba.record(r, p) for r, p in info.head)
    assert data.startswith(head)
    assert data[len(head):len(head) + 2] == struct.pack("<H", ovba.PROJECTMODULES)


def test_projectversion_record_has_six_bytes(template_streams):
    records = ovba.parse_records(ovba.decompress(template_streams["VBA/dir"]))
    version = dict(records)[ovba.PROJECTVERSION]
    assert len(version) == 6
    assert ovba.record(ovba.PROJECTVERSION, version)[2:6] == struct.pack("<I", 4)


# --- dir, PROJECT and PROJECTwm ----------------------------------------------------------------
def sample_modules():
    return [
        ovba.ModuleInfo("ThisWorkbook", "document"),
        ovba.ModuleInfo("Dictionary", "class", docstring=b"doc",
                        docstring_unicode="doc".encode("utf-16-le")),
        ovba.ModuleInfo("xlwings", "module"),
        ovba.ModuleInfo("WorkplanRibbon", "module"),
    ]


def test_build_dir_module_records():
    head = [(ovba.PROJECTNAME, b"Workplan"), (ovba.PROJECTVERSION, b"\x01\x00\x00\x00\x02\x00")]
    data = ovba.build_dir(head, sample_modules(), "cp1252")
    info = ovba.parse_dir(data)
    assert info.project_name() == "Workplan"
    records = ovba.parse_records(data)
    assert records[-1] == (ovba.DIR_TERMINATOR, b"")
    assert dict(records)[ovba.PROJECTMODULES] == struct.pack("<H", 4)
    assert dict(records)[ovba.PROJECTCOOKIE] == b"\xff\xff"
    assert [m[ovba.MODULENAME] for m in info.modules] == [
        b"ThisWorkbook", b"Dictionary", b"xlwings", b"WorkplanRibbon"]
    for m in info.modules:
        assert ovba.module_text_offset(m) == 0
        assert m[ovba.MODULECOOKIE] == b"\xff\xff"
        assert m[ovba.MODULESTREAMNAME] == m[ovba.MODULENAME]
        assert m[ovba.MODULE_TERMINATOR] == b""
    kinds = [ovba.MODULETYPE_PROCEDURAL in m for m in info.modules]
    assert kinds == [False, False, True, True]
    assert info.modules[1][ovba.MODULEDOCSTRING] == b"doc"


def test_build_project_regenerates_modules_and_name():
    template = (
        'ID="{X}"\r\nDocument=ThisWorkbook/&H00000000\r\nModule=Old\r\nName="MyAddin"\r\n'
        'HelpContextID="0"\r\nCMG="AA"\r\nDPB="BB"\r\nGC="CC"\r\n\r\n[Host Extender Info]\r\n'
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n\r\n"
        "[Workspace]\r\nOld=1, 2, 3, 4, C\r\n"
    )
    text = ovba.build_project(template, sample_modules(), "Workplan")
    lines = text.split("\r\n")
    assert lines[:5] == ['ID="{X}"', "Document=ThisWorkbook/&H00000000", "Class=Dictionary",
                         "Module=xlwings", "Module=WorkplanRibbon"]
    assert 'Name="Workplan"' in lines and "Module=Old" not in lines
    assert 'CMG="AA"' in lines and "[Host Extender Info]" in lines
    assert lines[lines.index("[Workspace]") + 1:-1] == [
        f"{m.name}=0, 0, 0, 0, C" for m in sample_modules()]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")


def test_projectwm():
    data = ovba.build_projectwm(sample_modules()[:1], "cp1252")
    assert data == b"ThisWorkbook\x00" + "ThisWorkbook".encode("utf-16-le") + b"\x00\x00\x00\x00"


def test_parse_project_kinds():
    text = 'Document=Sheet2/&H00000000\r\nClass=D\r\nModule=M\r\nName="P"\r\n'
    kinds = ovba.parse_project_kinds(text)
    assert kinds == {"Sheet2": ("document", "&H00000000"), "D": ("class", ""), "M": ("module", "")}
