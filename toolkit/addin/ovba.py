"""MS-OVBA pieces for a source-only VBA project: compression, the `dir` stream, PROJECT, PROJECTwm.

Compression follows MS-OVBA 2.4.1: a signature byte 0x01, then chunks of at most 4096 bytes of
input, each with a 2-byte header. Copy tokens address the already decompressed part of the
current chunk; how many bits go to the offset depends on the position in the chunk.
A bug here makes Excel hang, so the tests check every result against oletools' decompressor.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

CHUNK_SIZE = 4096
# _VBA_PROJECT with version 0xFFFF and no performance cache: Office recompiles from source.
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")

# dir stream record ids (MS-OVBA 2.3.4.2)
PROJECTNAME = 0x0004
PROJECTVERSION = 0x0009
PROJECTMODULES = 0x000F
PROJECTCOOKIE = 0x0013
MODULENAME = 0x0019
MODULENAMEUNICODE = 0x0047
MODULESTREAMNAME = 0x001A
MODULESTREAMNAMEUNICODE = 0x0032
MODULEDOCSTRING = 0x001C
MODULEDOCSTRINGUNICODE = 0x0048
MODULEOFFSET = 0x0031
MODULEHELPCONTEXT = 0x001E
MODULECOOKIE = 0x002C
MODULETYPE_PROCEDURAL = 0x0021
MODULETYPE_OTHER = 0x0022  # document, class or designer module
MODULEREADONLY = 0x0025
MODULEPRIVATE = 0x0028
MODULE_TERMINATOR = 0x002B
DIR_TERMINATOR = 0x0010


# --- compression (2.4.1) ---------------------------------------------------------------------
def _copy_token_help(difference: int) -> tuple[int, int]:
    """(bit count, maximum length) for a copy token at `difference` bytes into the chunk."""
    bit_count = max((difference - 1).bit_length(), 4)  # ceil(log2(difference)), at least 4
    return bit_count, (0xFFFF >> bit_count) + 3


def _match_length(data: bytes, candidate: int, current: int, limit: int) -> int:
    length = 0
    while length < limit and data[candidate + length] == data[current + length]:
        length += 1
    return length


def _compress_chunk(chunk: bytes) -> bytes:
    """The compressed chunk (header included) for at most 4096 bytes of input."""
    out = bytearray()
    heads: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions in this chunk
    pos, end = 0, len(chunk)
    while pos < end:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            best_len, best_pos = 0, 0
            if pos + 3 <= end:
                _, max_len = _copy_token_help(pos)
                limit = min(max_len, end - pos)
                for cand in reversed(heads.get(chunk[pos : pos + 3], ())):
                    length = _match_length(chunk, cand, pos, limit)
                    if length > best_len:
                        best_len, best_pos = length, cand
                        if length == limit:
                            break
            step = best_len if best_len >= 3 else 1
            if best_len >= 3:
                bit_count, _ = _copy_token_help(pos)
                token = ((pos - best_pos - 1) << (16 - bit_count)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
            else:
                out.append(chunk[pos])
            for p in range(pos, pos + step):
                if p + 3 <= end:
                    heads.setdefault(chunk[p : p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    if len(out) > CHUNK_SIZE:  # compression did not pay: store the chunk raw
        if len(chunk) != CHUNK_SIZE:
            raise ValueError("a short final chunk that does not compress cannot be stored raw")
        return struct.pack("<H", 0x3FFF) + chunk
    header = 0x8000 | 0x3000 | (len(out) + 2 - 3)
    return struct.pack("<H", header) + bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer for `data` (MS-OVBA 2.4.1.3.6)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data[start : start + CHUNK_SIZE])
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """The data of a CompressedContainer (MS-OVBA 2.4.1.3.1)."""
    if not container or container[0] != 0x01:
        raise ValueError("not a compressed container (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(container):
        (header,) = struct.unpack_from("<H", container, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0x7 != 0b011:
            raise ValueError(f"bad chunk signature at {pos}")
        chunk_end = min(pos + size, len(container))
        pos += 2
        chunk_start = len(out)
        if not header & 0x8000:
            out += container[pos : pos + CHUNK_SIZE]
            pos += CHUNK_SIZE
            continue
        while pos < chunk_end:
            flags = container[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(container[pos])
                    pos += 1
                    continue
                (token,) = struct.unpack_from("<H", container, pos)
                pos += 2
                bit_count, _ = _copy_token_help(len(out) - chunk_start)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                if offset > len(out) - chunk_start:
                    raise ValueError("copy token points before the chunk")
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)


# --- the dir stream (2.3.4.2) ----------------------------------------------------------------
def parse_records(data: bytes) -> list[tuple[int, bytes]]:
    """(id, payload) of every record of a decompressed dir stream, in order.

    PROJECTVERSION declares a size of 4 but is followed by 6 bytes; its payload is those 6.
    """
    records = []
    pos = 0
    while pos < len(data):
        rec_id, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rec_id == PROJECTVERSION:
            size = 6
        records.append((rec_id, data[pos : pos + size]))
        pos += size
    return records


def record(rec_id: int, payload: bytes) -> bytes:
    size = 4 if rec_id == PROJECTVERSION else len(payload)
    return struct.pack("<HI", rec_id, size) + payload


@dataclass
class ModuleInfo:
    """One module as the dir stream and the PROJECT stream describe it."""

    name: str
    kind: str  # "document", "class" or "module" (procedural)
    source: str = ""  # the text, CRLF line ends
    docstring: bytes = b""
    docstring_unicode: bytes = b""
    help_context: int = 0
    read_only: bool = False
    private: bool = False
    document_version: str = "&H00000000"  # for Document= lines in PROJECT


@dataclass
class DirInfo:
    """A parsed dir stream: the records before PROJECTMODULES, and the modules."""

    head: list[tuple[int, bytes]]
    modules: list[dict] = field(default_factory=list)  # per module: rec_id -> payload
    codepage: int = 1252

    def project_name(self) -> str:
        return next(p for r, p in self.head if r == PROJECTNAME).decode(self.encoding)

    @property
    def encoding(self) -> str:
        return f"cp{self.codepage}"


def parse_dir(data: bytes) -> DirInfo:
    """Split a decompressed dir stream into its head records and per-module records."""
    records = parse_records(data)
    split = next(i for i, (r, _) in enumerate(records) if r == PROJECTMODULES)
    info = DirInfo(head=records[:split])
    for rec_id, payload in info.head:
        if rec_id == 0x0003:  # PROJECTCODEPAGE
            info.codepage = struct.unpack("<H", payload)[0]
    current: dict | None = None
    for rec_id, payload in records[split + 2 :]:  # skip PROJECTMODULES and PROJECTCOOKIE
        if rec_id == MODULENAME:
            current = {}
            info.modules.append(current)
        if rec_id == DIR_TERMINATOR:
            break
        if current is not None:
            current[rec_id] = payload
    return info


def module_text_offset(module: dict) -> int:
    return struct.unpack("<I", module[MODULEOFFSET])[0]


def rename_project(head: list[tuple[int, bytes]], name: str, encoding: str):
    return [(r, name.encode(encoding) if r == PROJECTNAME else p) for r, p in head]


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def module_records(module: ModuleInfo, encoding: str) -> bytes:
    """The dir records of one source-only module: offset 0, cookie 0xFFFF."""
    name = module.name.encode(encoding)
    out = record(MODULENAME, name)
    out += record(MODULENAMEUNICODE, _utf16(module.name))
    out += record(MODULESTREAMNAME, name) + record(MODULESTREAMNAMEUNICODE, _utf16(module.name))
    out += record(MODULEDOCSTRING, module.docstring)
    out += record(MODULEDOCSTRINGUNICODE, module.docstring_unicode)
    out += record(MODULEOFFSET, struct.pack("<I", 0))
    out += record(MODULEHELPCONTEXT, struct.pack("<I", module.help_context))
    out += record(MODULECOOKIE, struct.pack("<H", 0xFFFF))
    kind = MODULETYPE_PROCEDURAL if module.kind == "module" else MODULETYPE_OTHER
    out += record(kind, b"")
    if module.read_only:
        out += record(MODULEREADONLY, b"")
    if module.private:
        out += record(MODULEPRIVATE, b"")
    return out + record(MODULE_TERMINATOR, b"")


def build_dir(head: list[tuple[int, bytes]], modules: list[ModuleInfo], encoding: str) -> bytes:
    """The decompressed dir stream: the head records as given, then the modules regenerated."""
    out = b"".join(record(r, p) for r, p in head)
    out += record(PROJECTMODULES, struct.pack("<H", len(modules)))
    out += record(PROJECTCOOKIE, struct.pack("<H", 0xFFFF))
    out += b"".join(module_records(m, encoding) for m in modules)
    return out + record(DIR_TERMINATOR, b"")


# --- PROJECT and PROJECTwm (2.3.1, 2.3.3) ----------------------------------------------------
def project_line(module: ModuleInfo) -> str:
    if module.kind == "document":
        return f"Document={module.name}/{module.document_version}"
    if module.kind == "class":
        return f"Class={module.name}"
    return f"Module={module.name}"


def build_project(template: str, modules: list[ModuleInfo], project_name: str) -> str:
    """The PROJECT stream text from the template's: module lines, Name= and [Workspace] redone.

    Everything else (ID, HelpContextID, VersionCompatible32, CMG, DPB, GC, host extenders) is
    kept as the template has it.
    """
    lines = template.replace("\r\n", "\n").split("\n")
    module_keys = ("Document=", "Module=", "Class=", "BaseClass=", "Package=")
    out: list[str] = []
    for line in lines:
        if line.startswith(module_keys):
            continue
        if line.startswith("Name="):
            line = f'Name="{project_name}"'
        if line == "[Workspace]":
            break
        out.append(line)
        if line.startswith("ID="):
            out += [project_line(m) for m in modules]
    while out and out[-1] == "":
        out.pop()
    out += ["", "[Workspace]"] + [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return "\r\n".join(out) + "\r\n"


def parse_project_kinds(text: str) -> dict[str, tuple[str, str]]:
    """name -> (kind, document version) from the PROJECT stream's module lines."""
    kinds: dict[str, tuple[str, str]] = {}
    for line in text.replace("\r\n", "\n").split("\n"):
        key, _, value = line.partition("=")
        if key == "Document":
            name, _, version = value.partition("/")
            kinds[name] = ("document", version or "&H00000000")
        elif key == "Class":
            kinds[value] = ("class", "")
        elif key == "Module":
            kinds[value] = ("module", "")
    return kinds


def build_projectwm(modules: list[ModuleInfo], encoding: str) -> bytes:
    out = b""
    for m in modules:
        out += m.name.encode(encoding) + b"\x00" + _utf16(m.name) + b"\x00\x00"
    return out + b"\x00\x00"
