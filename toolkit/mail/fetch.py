"""`workplan mail fetch`: the returns in the office mailbox saved into the round's inbox.

IMAP with the standard library's imaplib and email: both are part of Python, kept with it, and
do what is needed (IMAPS, STARTTLS, UID commands, RFC 2231/2047 names) without a dependency.

A message is fetched once (by Message-ID and content: one resent under the same Message-ID
with a corrected attachment is fetched again; a file by its hash); nothing is deleted: a message
is flagged as seen, or moved to the folder 设置 names. Each message's sender, subject, Message-ID and
arrival time (the server's INTERNALDATE) are recorded in the store with the hashes of the files
saved from it, and that arrival time is their receipt time for lateness.
"""

from __future__ import annotations

import base64
import hashlib
import imaplib
import logging
import os
import re
import socket
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath

from toolkit.common.naming import safe_part
from toolkit.intake.limits import DEFAULT_LIMITS, Limits
from toolkit.common.atomic import atomic_path
from toolkit.errors import WorkplanError
from toolkit.mail.config import (
    SSL,
    STARTTLS,
    MailSettings,
    Server,
    addresses,
    mail_settings,
    password,
)
from toolkit.mail.parse import Parsed, parse
from toolkit.model.plan import Plan
from toolkit.model.result import Result

log = logging.getLogger("workplan.mail")

TIMEOUT = 60


@dataclass
class Saved:
    file: str  # the name in the inbox
    sender: str
    unit: str  # matched by the 单位 sheet's 邮箱: a hint, never proof
    arrived: str


@dataclass
class FetchResult(Result):
    round: str
    inbox: Path
    saved: list[Saved] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # one line a message or file
    messages: int = 0  # new messages read
    known: int = 0  # messages fetched before

    def to_json(self) -> dict:
        return {"round": self.round, "inbox": str(self.inbox), "messages": self.messages,
                "known": self.known, "saved": [vars(s) for s in self.saved],
                "report": list(self.report)}

    def headline(self) -> str:
        return (f"{self.round}：新邮件 {self.messages} 封，保存附件 {len(self.saved)} 个，"
                f"已收取过的邮件 {self.known} 封未重复处理。")

    def lines(self) -> list[str]:
        return [*self.report, self.headline()]


def fetch_plan(plan: Plan, round_name: str, inbox: Path, store,
               limits: Limits = DEFAULT_LIMITS) -> FetchResult:
    """Save the returns in the office mailbox into `inbox`, recording each message in `store`."""
    settings = mail_settings(plan)
    if settings.imap is None:
        raise WorkplanError("总表“设置”表未填写“收件服务器”，无法收取邮件。")
    result = FetchResult(round_name, inbox)
    fetcher = Fetcher(plan, round_name, store, inbox, limits, result)
    with imap_session(settings.imap) as con:
        fetcher.run(con, settings)
    log.info("mail fetch: %s", result.headline())
    return result


# --- the connection ----------------------------------------------------------------------------
class imap_session:
    """A logged-in IMAP connection; failures as one line naming the server."""

    def __init__(self, server: Server):
        self.server = server
        self.con: imaplib.IMAP4 | None = None

    def __enter__(self) -> imaplib.IMAP4:
        s = self.server
        try:
            if s.security == SSL:
                self.con = imaplib.IMAP4_SSL(s.host, s.port, ssl_context=ssl.create_default_context(),
                                             timeout=TIMEOUT)
            else:
                self.con = imaplib.IMAP4(s.host, s.port, timeout=TIMEOUT)
                if s.security == STARTTLS:
                    self.con.starttls(ssl.create_default_context())
            self.con.login(s.user, password(s.user))
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
            log.warning("imap %s:%s: %r", s.host, s.port, exc)
            raise WorkplanError(server_failure("收件服务器", s, exc)) from None
        return self.con

    def __exit__(self, *exc) -> None:
        if self.con is not None:
            try:
                self.con.logout()
            except (OSError, imaplib.IMAP4.error):
                pass


def server_failure(label: str, s: Server, exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLError):
        why = "加密连接失败（证书无效或加密方式不符），请检查“邮件加密”和端口"
    elif isinstance(exc, (socket.timeout, TimeoutError)):
        why = "连接超时，请检查网络和服务器地址"
    elif isinstance(exc, OSError):
        why = "无法连接，请检查服务器地址、端口和网络"
    else:
        why = "登录被拒绝，请检查账号和密码（workplan mail login）"
    return f"{label} {s.host}:{s.port}：{why}。"


# --- fetching ----------------------------------------------------------------------------------
class Fetcher:
    def __init__(self, plan: Plan, round_name: str, store, inbox: Path, limits: Limits,
                 result: FetchResult):
        self.plan, self.round, self.store, self.inbox = plan, round_name, store, inbox
        self.limits, self.result = limits, result
        self.known_ids = store.fetched_messages()
        self.known_hashes = store.mail_hashes(round_name)
        self.units = unit_addresses(plan)

    def run(self, con: imaplib.IMAP4, settings: MailSettings) -> None:
        typ, _ = con.select(_quoted(settings.folder))
        if typ != "OK":
            raise WorkplanError(f"收件邮箱中没有文件夹“{settings.folder}”；请检查“设置”表的“收件文件夹”。")
        typ, data = con.uid("SEARCH", None, "ALL")
        uids = data[0].split() if typ == "OK" and data and data[0] else []
        done = []
        for uid in uids:
            if self.one(con, uid):
                done.append(uid)
        _file_away(con, done, settings)

    def one(self, con: imaplib.IMAP4, uid: bytes) -> bool:
        """Fetch one message; True when it was new (and is now recorded)."""
        head = _fetch(con, uid, "(INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER])")
        if head is None:
            return False
        meta, header = head
        headers = parse_safely(header, self.limits, uid)
        given = headers.message_id if b"message-id" in header.lower() else ""
        arrived = _arrival(meta)
        size = _size(meta)
        seen = (size, arrived.isoformat(sep=" ", timespec="seconds"))
        if given and seen in self.known_ids.get(given, ()):
            self.result.known += 1  # this very message: no need to download it again
            return False
        digest = f"not downloaded: {seen}"  # a message too big to fetch: known by size and time
        if size > self.limits.max_archive_bytes:
            parsed = Parsed(given or f"<{hashlib.sha256(header).hexdigest()}@workplan.invalid>",
                            headers.sender, headers.subject)
            parsed.notes.append(f"邮件大小 {size / 1048576:.1f} MB，超过限制"
                                f"（{self.limits.max_archive_bytes / 1048576:.1f} MB），未下载；"
                                "请联系发件单位压缩或拆分后重发")
        else:
            body = _fetch(con, uid, "(BODY.PEEK[])")
            if body is None:
                return False
            parsed = parse_safely(body[1], self.limits, uid)
            digest = content_digest(body[1])
            if digest in self.known_ids.get(parsed.message_id, ()):
                self.result.known += 1  # the same content under the same Message-ID
                return False
        self.save(parsed, arrived, digest, size)
        return True

    def save(self, parsed: Parsed, arrived: datetime, digest: str = "", size: int = 0) -> None:
        self.result.messages += 1
        unit = self.units.get(parsed.sender, "")
        stamp = arrived.isoformat(sep=" ", timespec="seconds")
        who = f"{parsed.sender or '（无发件人）'}" + (f"（{unit}）" if unit else "（未匹配到单位）")
        intro = f"{stamp} {who}“{parsed.subject or '无主题'}”"
        files = []
        for att in parsed.attachments:
            sha = hashlib.sha256(att.data).hexdigest()
            if sha in self.known_hashes:
                self.result.report.append(f"{intro}：附件“{att.name}”与已收取的文件相同，未重复保存")
                continue
            target = self.write(att.name, att.data, unit or parsed.sender, arrived)
            self.known_hashes.add(sha)
            files.append((sha, str(target.resolve())))
            self.result.saved.append(Saved(target.name, parsed.sender, unit, stamp))
            self.result.report.append(f"{intro}：附件“{att.name}”已保存为 {target.name}")
        self.result.report += [f"{intro}：{note}" for note in parsed.notes]
        self.store.record_message(self.round, {"message_id": parsed.message_id,
                                               "digest": digest, "size": size,
                                               "sender": parsed.sender,
                                               "subject": parsed.subject, "arrived": stamp,
                                               "unit": unit}, files)
        self.known_ids.setdefault(parsed.message_id, set()).update({digest, (size, stamp)})

    def write(self, name: str, data: bytes, who: str, arrived: datetime) -> Path:
        target = unique_path(self.inbox, saved_name(name, who, arrived))
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
        stamp = arrived.timestamp()
        os.utime(target, (stamp, stamp))  # the file time says when it arrived, too
        return target


def content_digest(raw: bytes) -> str:
    """The hash of a message's content: its body (text and attachments), not the header block,
    which the servers on the way add to (Received, Delivered-To)."""
    for blank in (b"\r\n\r\n", b"\n\n"):
        head, found, body = raw.partition(blank)
        if found:
            return hashlib.sha256(body).hexdigest()
    return hashlib.sha256(raw).hexdigest()


def parse_safely(raw: bytes, limits: Limits, uid: bytes) -> Parsed:
    """`parse`, and a message it could not read as one line of the report (a bug, logged)."""
    try:
        return parse(raw, limits)
    except Exception:
        log.exception("message uid %s could not be parsed", uid)
        parsed = Parsed(f"<{hashlib.sha256(raw).hexdigest()}@workplan.invalid>", "", "")
        parsed.notes.append("邮件格式无法识别，未保存任何文件；请在邮件程序中查看并手工保存附件")
        return parsed


def saved_name(name: str, who: str, arrived: datetime) -> str:
    """`<arrival>_<unit or sender>_<name as sent>`: no path, no control or forbidden
    characters, bounded; the suffix kept so the kind shows."""
    base = re.split(r"[\\/]", name)[-1]
    suffix = PurePath(base).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
    stem = safe_part(base[: len(base) - len(suffix)] if suffix else base, 60, "附件")
    stem = stem.lstrip(".~$") or "附件"  # never hidden, never taken for a lock file
    return f"{arrived:%Y%m%d-%H%M%S}_{safe_part(who, 40, '发件人')}_{stem}{suffix}"


SAVED_STAMP = re.compile(r"^(\d{8}-\d{6})_")


def arrival_of(path: Path) -> datetime | None:
    """The arrival time of a file this module saved, told by its name (`saved_name`) and its
    file time (set to the same): None for any other file."""
    found = SAVED_STAMP.match(path.name)
    if not found:
        return None
    try:
        stamp = datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
        mtime = datetime.fromtimestamp(int(path.stat().st_mtime))
    except (ValueError, OSError, OverflowError):
        return None
    return stamp if stamp == mtime else None


def unique_path(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    counter = 2
    while target.exists():
        target = folder / f"{stem}({counter}){suffix}"
        counter += 1
    return target


def unit_addresses(plan: Plan) -> dict[str, str]:
    """Address (lower case) -> unit, from the 单位 sheet's 邮箱 (several split by ；、, or space)."""
    out = {}
    for unit in plan.units:
        for address in addresses(unit.email):
            out.setdefault(address, unit.name)
    return out


def _quoted(folder: str) -> str:
    """A folder name as IMAP wants it: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    name = imap_utf7(folder)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_utf7(text: str) -> str:
    out, pending = [], []

    def flush():
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in text:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


def _fetch(con: imaplib.IMAP4, uid: bytes, what: str) -> tuple[bytes, bytes] | None:
    typ, data = con.uid("FETCH", uid, what)
    if typ != "OK":
        return None
    for item in data or []:
        if isinstance(item, tuple) and len(item) == 2:
            return item[0], item[1]
    return None


def _arrival(meta: bytes) -> datetime:
    stamp = imaplib.Internaldate2tuple(meta)
    return datetime(*stamp[:6]) if stamp else datetime.now().replace(microsecond=0)


def _size(meta: bytes) -> int:
    found = re.search(rb"RFC822\.SIZE (\d+)", meta)
    return int(found.group(1)) if found else 0


def _file_away(con: imaplib.IMAP4, uids: list[bytes], settings: MailSettings) -> None:
    """Flag the messages fetched as seen, or move them to the folder 设置 names."""
    if not uids:
        return
    numbers = b",".join(uids).decode()
    if settings.done_folder:
        con.create(_quoted(settings.done_folder))  # fails harmlessly when it exists
        typ, data = con.capability()  # as logged in (the greeting's list may be shorter)
        if typ == "OK" and b"MOVE" in b" ".join(data).upper().split():
            con.uid("MOVE", numbers, _quoted(settings.done_folder))
            return
        con.uid("COPY", numbers, _quoted(settings.done_folder))
    con.uid("STORE", numbers, "+FLAGS", r"(\Seen)")
