"""Walking the inbox: which files to read, which to skip, and what is inside .zip archives."""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import re
import stat
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from toolkit.intake import sniff
from toolkit.intake.limits import Limits
from toolkit.intake.problems import NOTE, WARNING, FileRejected
from toolkit.intake.safety import bomb, inflate
from toolkit.errors import Problem
from toolkit.rules.text import shown_name

log = logging.getLogger("workplan.collect")

SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}
ARCHIVE_FOLDERS = {"归档", "已归档", "存档", "备份", "已处理", "archive", "archives", "backup",
                   "__macosx"}
FILE_ATTRIBUTE_HIDDEN = 0x2


@dataclass
class Source:
    """One file to read: a file in the inbox, or a member of a .zip archive there."""

    name: str  # as shown to the user: relative to the inbox, zip members as "包.zip/成员.xlsx"
    path: Path  # the file on disk (the archive, for a member)
    member: str = ""
    size: int = 0
    mtime: datetime | None = None  # the file's time in the inbox (a member's: its archive's)
    saved: datetime | None = None  # the workbook's own last saved time (docProps/core.xml): a claim
    claimed: datetime | None = None  # a zip member's own date: a claim
    arrived: datetime | None = None  # when the mail it came in arrived (toolkit.mail)
    sender: str = ""  # that mail's sender
    data: bytes | None = None
    sha256: str = ""
    kind: str = ""  # from sniff.classify
    zip_infos: list | None = None  # the zip directory, for zip-based kinds
    rejection: FileRejected | None = None  # found before parsing: size, archive, reading
    notes: list[Problem] = field(default_factory=list)  # found before parsing, file still read

    @property
    def ledger_path(self) -> str:
        path = shown_name(str(self.path))
        return f"{path}::{shown_name(self.member)}" if self.member else path

    @property
    def received(self) -> str:
        return self.mtime.isoformat(sep=" ", timespec="seconds") if self.mtime else ""


@dataclass
class Skipped:
    name: str
    path: Path
    reason: str


class Entry(NamedTuple):
    """A file (or a link, or an unreadable folder) to look at, as the walk first saw it."""

    name: str  # shown to the user, control characters escaped
    path: Path
    seen: tuple[int, int] | None = None  # (size, mtime in ns) at the walk



def walk(inbox: Path, exclude: set[Path] = frozenset()) -> tuple[list[Entry], list[Skipped]]:
    """Every candidate file under `inbox` (recursively, sorted) and the files skipped.

    Links are never followed: a link (to a file or a folder) is an entry of its own, turned
    away by sources() as a link; so is a folder that cannot be listed.
    """
    inbox = Path(inbox)
    excluded = {_resolved(p) for p in exclude}
    found: list[Entry] = []
    skipped: list[Skipped] = []

    def unlisted(error: OSError) -> None:
        path = Path(error.filename)
        found.append(Entry(_display(inbox, path) + "/", path))

    for root, dirs, files in os.walk(inbox, onerror=unlisted):
        root_path = Path(root)
        real_root = _resolved(root_path)  # once a folder: a file that is no link is in it
        keep = []
        for d in sorted(dirs):
            path = root_path / d
            reason = _skip_folder(path, excluded)
            if reason:
                skipped.append(Skipped(_display(inbox, path) + "/", path, reason))
            elif path.is_symlink():
                found.append(Entry(_display(inbox, path) + "/", path))
            else:
                keep.append(d)
        dirs[:] = keep
        for f in sorted(files):
            path = root_path / f
            reason = _skip_file(path, excluded, real_root / f)
            if reason:
                skipped.append(Skipped(_display(inbox, path), path, reason))
            else:
                found.append(Entry(_display(inbox, path), path, _seen(path)))
    for s in skipped:
        log.info("跳过 %s：%s", s.name, s.reason)
    return sorted(found), sorted(skipped, key=lambda s: s.name)


def _seen(path: Path) -> tuple[int, int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def _display(inbox: Path, path: Path) -> str:
    return shown_name(path.relative_to(inbox).as_posix())


def _hidden(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    try:
        attrs = getattr(path.lstat(), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attrs & FILE_ATTRIBUTE_HIDDEN)


def _skip_folder(path: Path, excluded: set[Path]) -> str:
    """A folder is resolved itself: one may lead elsewhere without being a link (a Windows
    junction)."""
    if _hidden(path):
        return "隐藏文件夹"
    if path.name.lower() in ARCHIVE_FOLDERS:
        return "归档文件夹"
    if not path.is_symlink() and _resolved(path) in excluded:
        return "归档或输出文件夹"
    return ""


def _skip_file(path: Path, excluded: set[Path], real: Path) -> str:
    """`real`: where the file is when it is no link, its folder resolved once for all its
    files (a file leads elsewhere only as a link)."""
    name = path.name
    if name.startswith("~$"):
        return "Excel 临时锁定文件"
    if _hidden(path) or name.lower() in SYSTEM_FILES:
        return "隐藏或系统文件"
    if not path.is_symlink() and real in excluded:
        return "本工具的输出文件"
    return ""


LINK = FileRejected("这是快捷方式（符号链接），不是文件本身，未读取",
                    "请把表格文件本身（而不是快捷方式）放入回收文件夹")
UNLISTED = FileRejected("无法打开该文件夹（没有权限或已损坏），其中的文件未汇总",
                        "请检查该文件夹的权限，或把其中的文件移到回收文件夹后重新运行汇总")
COPYING = FileRejected("文件正在复制或保存中（大小或修改时间仍在变化），本次未读取，下次汇总时再读取",
                       "无需处理；待复制完成后重新运行汇总即可", severity=NOTE)


def sources(name: str, path: Path, limits: Limits, seen: tuple[int, int] | None = None):
    """The Sources of one inbox entry: the file itself, or each member of a .zip archive.

    `seen` is (size, mtime in ns) as the walk saw the file: a file that has changed since, or
    while it was read, is still being copied and is left for the next run.
    """
    source = Source(name, path)
    try:
        info = os.lstat(path)
        source.size = info.st_size
        source.mtime = _file_time(source, info.st_mtime)
        if stat.S_ISLNK(info.st_mode):
            raise LINK
        if stat.S_ISDIR(info.st_mode):
            raise UNLISTED
        if not stat.S_ISREG(info.st_mode):
            raise FileRejected("不是普通文件，未读取", "请把表格文件本身放入回收文件夹")
        is_zip = path.suffix.lower() == ".zip"
        limit = limits.max_archive_bytes if is_zip else limits.max_file_bytes
        if info.st_size > limit:
            raise too_big(info.st_size, limit)
        source.data = _read_capped(path, limit)
        if _changing(path, info, seen, len(source.data)):
            source.data = None
            raise COPYING
        source.sha256 = hashlib.sha256(source.data).hexdigest()
        source.kind, source.zip_infos = inspect(source.data, name, limits)
        source.saved = workbook_saved(source.data, source.zip_infos)
        if source.kind in (sniff.BROKEN, sniff.UNKNOWN) and _arriving(path, source.data, info):
            source.data = None
            raise COPYING
    except FileRejected as exc:
        source.rejection = exc
    except OSError as exc:
        source.rejection = _unreadable(exc)
    if source.rejection is None and source.kind == sniff.ZIP:
        yield from _members(source, limits)
        return
    yield source


def unread_source(name: str, path: Path, limits: Limits, rejection: FileRejected) -> Source:
    """An inbox entry that could not be read (its reader process died or overran), described
    from outside: size, time and hash, and why it was not read."""
    source = Source(name, path, rejection=rejection)
    try:
        info = os.lstat(path)
        source.size = info.st_size
        source.mtime = _file_time(source, info.st_mtime)
        if stat.S_ISREG(info.st_mode) and info.st_size <= limits.max_archive_bytes:
            source.sha256 = hashlib.sha256(_read_capped(path, limits.max_archive_bytes)).hexdigest()
    except (OSError, FileRejected):
        pass
    return source


CORE_XML, CORE_LIMIT = "docProps/core.xml", 64 * 1024
_CORE_TIME = rb"<dcterms:%s[^>]*>\s*([0-9T:.+Z-]{10,40})\s*</dcterms:%s>"


def workbook_saved(data: bytes | None, infos: list | None = None) -> datetime | None:
    """The workbook's last saved time as Excel, WPS and LibreOffice write it into
    docProps/core.xml (dcterms:modified, UTC), in local time; None when absent, unreadable,
    or not after its creation (a form nobody saved since we wrote it carries our own stamp).
    `infos`: the zip directory when the caller has read it already."""
    try:
        xml = _core_xml(data or b"", infos)
        modified, created = (_core_time(xml, name) for name in (b"modified", b"created"))
    except (KeyError, OSError, ValueError, RuntimeError, EOFError, NotImplementedError,
            zipfile.BadZipFile, FileRejected):
        return None
    if modified is None or (created is not None and modified <= created):
        return None
    return modified


def _core_xml(data: bytes, infos: list | None) -> bytes:
    if infos is None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(CORE_XML) as f:
            return f.read(CORE_LIMIT)
    info = next((i for i in infos if i.filename == CORE_XML), None)
    if info is None:
        raise KeyError(CORE_XML)
    return inflate(data, info, 1 << 20)[:CORE_LIMIT]


def _core_time(xml: bytes, name: bytes) -> datetime | None:
    found = re.search(_CORE_TIME % (name, name), xml)
    stamp = datetime.fromisoformat(found.group(1).decode("ascii")) if found else None
    if stamp is not None and stamp.tzinfo is not None:
        stamp = stamp.astimezone().replace(tzinfo=None)
    return stamp


def _file_time(source: Source, stamp: float) -> datetime | None:
    """The file's modification time; one outside what a date can hold is a note, not a stop."""
    try:
        return datetime.fromtimestamp(int(stamp))
    except (OverflowError, OSError, ValueError):
        source.notes.append(Problem(
            source.name, "", "", "文件的修改时间异常（超出有效日期范围），无法据此判断报送时间和是否逾期",
            "请核实该单位的实际报送时间", WARNING))
        return None


COPY_WINDOW = 600  # seconds: a file that looks broken and is this fresh may still be arriving
SETTLE = 0.3  # seconds to wait before looking at such a file again


def _arriving(path: Path, data: bytes, info: os.stat_result) -> bool:
    """Whether a file that cannot be read is still being copied: a copy that reserved the
    file's full size and is filling it (it ends in zeros), or one that grows or changes while
    we wait a moment. Only for a file modified in the last COPY_WINDOW seconds: one broken for
    longer is broken."""
    if not 0 <= time.time() - info.st_mtime <= COPY_WINDOW:
        return False
    if data and not data[-4096:].strip(b"\0"):
        return True
    time.sleep(SETTLE)
    try:
        after = os.lstat(path)
    except OSError:
        return False
    return (after.st_size, after.st_mtime_ns) != (info.st_size, info.st_mtime_ns)


def _changing(path: Path, before: os.stat_result, seen, read: int) -> bool:
    """Whether the file changed since the walk saw it or while it was read."""
    after = os.lstat(path)
    now = (after.st_size, after.st_mtime_ns)
    return read != after.st_size or now != (before.st_size, before.st_mtime_ns) or (
        seen is not None and now != seen)


def _unreadable(exc: OSError) -> FileRejected:
    if exc.errno == errno.ELOOP:
        return LINK
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileRejected("没有权限读取该文件，未读取",
                            "请检查该文件的权限（或关闭正在使用它的程序）后重新运行汇总")
    return FileRejected("无法读取文件（可能正被其他程序打开或没有权限）", "请关闭该文件后重新运行汇总")


def inspect(data: bytes, name: str, limits: Limits) -> tuple[str, list | None]:
    """sniff.inspect, after refusing a zip whose directory alone would take long to parse."""
    directory = sniff.zip_directory(data) if data.startswith(sniff.ZIP_MAGICS) else None
    entries = max(limits.max_parts, limits.max_archive_members)
    if directory and (directory[0] > entries or directory[1] > entries * 1024):
        raise bomb(f"包含 {directory[0]} 个部件")
    return sniff.inspect(data, name)


def too_big(size: int, limit: int) -> FileRejected:
    return FileRejected(
        f"文件过大（{size / (1024 * 1024):.1f} MB，上限 {limit / (1024 * 1024):.0f} MB），未读取",
        "请删除表格中多余的图片或空白行列后另存为 .xlsx 重新报送",
    )


def _read_capped(path: Path, limit: int) -> bytes:
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise too_big(len(data), limit)
    return data


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name, decoding the GBK names that Chinese Windows writes without a flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe(name: str) -> bool:
    normal = name.replace("\\", "/")
    parts = PurePosixPath(normal).parts
    return normal.startswith("/") or (len(normal) > 1 and normal[1] == ":") or ".." in parts


def _skip_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any((p.startswith(".") and p not in (".", "..")) or p.lower() == "__macosx" for p in parts):
        return True
    return bool(parts) and (parts[-1].startswith("~$") or parts[-1].lower() in SYSTEM_FILES)


def _members(archive: Source, limits: Limits):
    try:
        zf = zipfile.ZipFile(io.BytesIO(archive.data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except Exception:  # noqa: BLE001 - zipfile raises assorted errors on hostile input
        archive.rejection = FileRejected(
            "压缩包已损坏，无法打开", "请重新压缩（.zip）或直接发送 .xlsx 文件"
        )
        yield archive
        return
    if len(infos) > limits.max_archive_members:
        archive.rejection = FileRejected(
            f"压缩包内文件过多（{len(infos)} 个），未读取", "请分批压缩或直接发送 .xlsx 文件"
        )
        yield archive
        return
    count = 0
    counts = Counter(member_name(i) for i in infos)
    told: set[str] = set()
    with zf:
        for info in sorted(infos, key=member_name):
            name = member_name(info)
            if _skip_member(name):
                log.info("跳过 %s/%s：隐藏或临时文件", archive.name, shown_name(name))
                continue
            count += 1
            if counts[name] == 1:
                yield _member(archive, zf, info, name, limits)
            elif name not in told:  # one name, several members: which is meant cannot be told
                told.add(name)
                yield _repeated_member(archive, info, name, counts[name])
    if not count:
        archive.rejection = FileRejected("压缩包中没有文件", "请把填好的 .xlsx 文件压缩后重新报送")
        yield archive


def _repeated_member(archive: Source, info, name: str, times: int) -> Source:
    source = Source(f"{archive.name}/{shown_name(name)}", archive.path, member=name,
                    size=info.file_size, mtime=archive.mtime, claimed=_zip_time(info))
    source.rejection = FileRejected(
        f"压缩包中有 {times} 个同名文件，无法确定以哪个为准，均未读取",
        "请重新压缩，确保文件名不重复，或直接发送 .xlsx 文件")
    return source


def _member(archive: Source, zf: zipfile.ZipFile, info, name: str, limits: Limits) -> Source:
    source = Source(
        f"{archive.name}/{shown_name(name)}", archive.path, member=name, size=info.file_size,
        mtime=archive.mtime, claimed=_zip_time(info),
    )
    try:
        source.data = _read_member(zf, info, name, limits)
        source.sha256 = hashlib.sha256(source.data).hexdigest()
        source.kind, source.zip_infos = inspect(source.data, name, limits)
        source.saved = workbook_saved(source.data, source.zip_infos)
    except FileRejected as exc:
        source.rejection = exc
    if source.kind in (sniff.ZIP, sniff.OTHER_ARCHIVE):
        source.rejection = FileRejected(
            "压缩包中又含有压缩包，未读取", "请解压后直接发送其中的 .xlsx 文件"
        )
    return source


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time)
    except ValueError:
        return None


def _read_member(zf: zipfile.ZipFile, info, name: str, limits: Limits) -> bytes:
    if _unsafe(name):
        raise FileRejected(
            "压缩包中的文件路径不安全（指向压缩包以外），未读取",
            "请直接发送 .xlsx 文件，或重新压缩后报送",
        )
    if info.flag_bits & 0x1:
        raise FileRejected("压缩包设有密码，无法读取", "请取消压缩包密码或直接发送 .xlsx 文件")
    if info.file_size > limits.max_file_bytes:
        raise too_big(info.file_size, limits.max_file_bytes)
    if info.file_size > limits.ratio_floor_bytes and (
        info.file_size / max(info.compress_size, 1) > limits.max_ratio
    ):
        raise FileRejected("压缩包内文件压缩比异常，疑似压缩炸弹，未读取",
                           "请直接发送 .xlsx 文件")
    try:
        with zf.open(info) as stream:
            data = stream.read(limits.max_file_bytes + 1)
    except Exception:  # noqa: BLE001 - hostile archives raise assorted errors
        raise FileRejected("压缩包中的该文件已损坏，无法解压",
                           "请重新压缩或直接发送 .xlsx 文件") from None
    if len(data) > limits.max_file_bytes:
        raise too_big(len(data), limits.max_file_bytes)
    return data
