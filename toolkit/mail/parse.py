"""What a fetched message holds: who sent it, and which attachments are returned forms.

Mail is untrusted. Attachment names come in RFC 2231 or RFC 2047 encodings, or as raw GBK bytes;
they may carry paths or control characters; a part may be huge, its MIME malformed, wrapped in
Outlook's winmail.dat, or inside a forwarded message (message/rfc822, walked like the rest).
Every case gives a line for the fetch report, never an exception.
"""

from __future__ import annotations

import email
import hashlib
import logging
import re
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.utils import getaddresses, parseaddr
from pathlib import PurePath

from toolkit.intake import sniff
from toolkit.intake.limits import Limits
from toolkit.rules.text import shown_name

log = logging.getLogger("workplan.mail")

# Kinds saved into the inbox: workbooks (the collection reads them), archives (it opens .zip and
# says what to do with the others) and encrypted workbooks (it says to remove the password).
SAVED_KINDS = {sniff.XLSX, sniff.XLS, sniff.ODS, sniff.XLSB, sniff.WPS_ET, sniff.ENCRYPTED,
               sniff.ZIP, sniff.OTHER_ARCHIVE}
# A file named as a workbook is saved whatever it holds: the collection then says it is broken.
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods", ".xlsb", ".zip", ".rar", ".7z"}
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}


@dataclass
class Attachment:
    name: str  # as the sender named it, decoded, control characters escaped
    data: bytes
    kind: str


@dataclass
class Parsed:
    message_id: str
    sender: str  # the From address, lower case ("" when there is none)
    subject: str
    attachments: list[Attachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the fetch report


def parse(raw: bytes, limits: Limits) -> Parsed:
    msg = email.message_from_bytes(raw, policy=policy.default)
    sender, forged = _sender(msg)
    found = Parsed(_message_id(msg, raw), sender, _header(msg, "Subject"))
    if forged:
        found.notes.append("发件人姓名中藏有换行等控制字符（疑似伪造邮件头），已按其中的邮箱地址识别发件人；"
                           "请核实该邮件确为该单位发出")
    if msg.defects:
        log.info("message %s has MIME defects: %s", found.message_id, msg.defects)
    for part in _leaves(msg):
        _attachment(part, limits, found)
    if not found.attachments and not found.notes:
        found.notes.append("邮件没有附件，未保存任何文件")
    return found


def _leaves(msg: Message):
    try:
        for part in msg.walk():
            if not part.is_multipart():
                yield part
    except Exception:  # a structure the parser could not follow to the end
        log.exception("message walk failed")


def _attachment(part: Message, limits: Limits, found: Parsed) -> None:
    name = attachment_name(part)
    ctype = part.get_content_type()
    if ctype in TNEF_TYPES or name.lower() == "winmail.dat":
        found.notes.append("附件为 Outlook 专用格式（winmail.dat），无法取出其中的文件；"
                           "请联系该单位以普通附件重新发送")
        return
    if not name and part.get_content_maintype() in ("text", "multipart", "message"):
        return  # the body of the message, not an attachment
    try:
        encoded = part.get_payload(decode=False)
        estimate = len(encoded) * 3 // 4 if isinstance(encoded, str) else 0
        if estimate > limits.max_archive_bytes:
            found.notes.append(f"附件“{name or '未命名'}”约 {estimate / 1048576:.1f} MB，超过大小限制，"
                               "未保存；请联系该单位压缩或拆分后重发")
            return
        data = part.get_payload(decode=True) or b""
    except Exception:
        log.exception("attachment %s could not be decoded", name)
        found.notes.append(f"附件“{name or '未命名'}”编码损坏，无法取出；请联系该单位重新发送")
        return
    kind = sniff.classify(data, name or "attachment")
    if kind in SAVED_KINDS or PurePath(name).suffix.lower() in WORKBOOK_SUFFIXES:
        found.attachments.append(Attachment(name or f"附件.{kind}", data, kind))
    elif name:
        found.notes.append(f"附件“{name}”不是表格或压缩包，未保存")


def attachment_name(part: Message) -> str:
    """The attachment's file name as sent, decoded (RFC 2231, RFC 2047, raw UTF-8 or GBK)."""
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    if not name:
        raw = part.get_param("name", header="content-type") or ""
        name = email.utils.collapse_rfc2231_value(raw) if isinstance(raw, tuple) else str(raw)
    if "\ufffd" in name:  # raw 8-bit bytes (GBK from some mail programs), decoded as U+FFFD
        name = _raw_name(part) or name
    return shown_name(_undo_surrogates(name).strip())


def _raw_name(part: Message) -> str:
    """The file name from the headers as they came (8-bit bytes as surrogate escapes)."""
    for key, value in part.raw_items():
        if key.lower() in ("content-disposition", "content-type"):
            found = re.search(r'(?:file)?name\s*=\s*"([^"]*)"', str(value), re.I)
            if found:
                return _undo_surrogates(found.group(1))
    return ""


def _undo_surrogates(text: str) -> str:
    """Raw 8-bit header bytes (GBK from some mail programs) reach us as surrogate escapes."""
    if not re.search("[\udc80-\udcff]", text):
        return text
    data = text.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return text


def _header(msg: Message, name: str) -> str:
    try:
        return shown_name(_undo_surrogates(str(msg.get(name, "") or "")).strip())
    except Exception:
        return ""


def _sender(msg: Message) -> tuple[str, bool]:
    """The From address, lower case, and whether the header was forged: a display name that
    decodes to line breaks (a header injected into it), which the parser refuses. The address
    is then read from the header as it came, names left encoded."""
    forged = False
    try:
        pairs = getaddresses([str(msg.get("From", "") or "")])
    except Exception:
        forged = True
        raw = next((str(v) for k, v in msg.raw_items() if k.lower() == "from"), "")
        pairs = [parseaddr(raw.replace("\r", " ").replace("\n", " "))]
    address = next((a for _, a in pairs if "@" in a), "")
    if any(ch in address for ch in "\r\n"):
        address, forged = "", True
    return shown_name(address.strip().lower()), forged


def _message_id(msg: Message, raw: bytes) -> str:
    """The Message-ID, or one made from the message's bytes (the same bytes, the same id)."""
    given = _header(msg, "Message-ID")
    if given:
        return given
    return f"<{hashlib.sha256(raw).hexdigest()}@workplan.invalid>"
