"""`workplan mail send`: the round's forms, feedback workbooks or reminders to each unit's 邮箱.

What is sent is what the other stages write (assign: the 下发 forms; feedback: 退回修改; remind:
催报 texts); this module only addresses and delivers it. Every message sent is recorded in the
store; sending the same thing to a unit again asks for `force`; `dry_run` writes .eml files
instead of sending. A unit with no address is listed, never skipped silently.
"""

from __future__ import annotations

import logging
import mimetypes
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from toolkit.common.atomic import atomic_path
from toolkit.common.naming import safe_part
from toolkit.errors import WorkplanError
from toolkit.rules.rounds import round_label
from toolkit.rules.text import shown_name
from toolkit.mail.config import PLAIN, SSL, STARTTLS, Server, addresses, mail_settings, password
from toolkit.mail.fetch import server_failure
from toolkit.model.plan import Plan, Round
from toolkit.model.result import FOUND_PROBLEMS, OK, Result
from toolkit.vocab import FEEDBACK

log = logging.getLogger("workplan.mail")

FORMS, REMIND = "任务表", "催报"
WHATS = (FORMS, FEEDBACK, REMIND)
TIMEOUT = 60


@dataclass
class Outgoing:
    unit: str
    subject: str
    body: str
    attachments: list[Path] = field(default_factory=list)


@dataclass
class SendResult(Result):
    round: str
    what: str
    sent: list[dict] = field(default_factory=list)  # unit, address, message_id
    written: list[Path] = field(default_factory=list)  # .eml files of a dry run
    no_address: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # sent before; again only with force
    failed: list[str] = field(default_factory=list)  # one line each

    def to_json(self) -> dict:
        return {"round": self.round, "what": self.what, "sent": self.sent,
                "written": [str(p) for p in self.written], "no_address": self.no_address,
                "already": self.already, "failed": self.failed}

    @property
    def exit_code(self) -> int:
        """1 when a unit got nothing: no address, or the server refused it."""
        return FOUND_PROBLEMS if self.failed or self.no_address else OK

    def headline(self) -> str:
        return f"共发送{len(self.sent)}封，写出待发邮件{len(self.written)}封。"

    def lines(self) -> list[str]:
        out = [f"{s['unit']}：已发送至 {s['address']}" for s in self.sent]
        out += [f"已写出待发邮件 {p}" for p in self.written]
        out += [f"{u}：“单位”表未填写邮箱，未发送" for u in self.no_address]
        out += [f"{u}：本轮{self.what}已发送过，未重复发送（确需重发请加 --force）"
                for u in self.already]
        return out + self.failed + [self.headline()]


def check_sender(plan: Plan, dry_run: bool) -> None:
    """Refuse to compose a sending that cannot go out: no 发件服务器 in 设置 (a dry run needs
    none), or a 发件人地址 that would put more than one line into the From header."""
    settings = mail_settings(plan)
    if settings.smtp is None and not dry_run:
        raise WorkplanError("总表“设置”表未填写“发件服务器”，无法发送邮件；可先用 --dry-run 生成待发邮件。")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in settings.sender):
        raise WorkplanError(
            f"总表“设置”表的“发件人地址”“{shown_name(settings.sender)}”含有换行等控制字符"
            "（会被当作另起一行的邮件头），未发送；请改为一行，如：督查室 <office@bureau.example>。")


def _one_line(text: str) -> str:
    """A header value on one line: line breaks and other control characters as spaces."""
    return " ".join("".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in text).split())


def send(plan: Plan, rnd: Round, what: str, outgoing: list[Outgoing], store, *,
         dry_run: bool = False, force: bool = False, folder: Path | None = None,
         sent_folder: Path | None = None) -> SendResult:
    """Address `outgoing` by the 单位 sheet's 邮箱 and send it (record each message sent in
    `store`, and keep a copy in `sent_folder`), or with `dry_run` write each as an .eml file
    into `folder`."""
    check_sender(plan, dry_run)
    settings = mail_settings(plan)
    result = SendResult(rnd.name, what)
    addressed = _addressed(plan, outgoing, store, force, result)
    messages = [(o, address, _message(o, address, settings.sender, rnd.name, what))
                for o, address in addressed]
    if dry_run:
        result.written = [_write_eml(folder / f"{safe_part(o.unit)}.eml", msg)
                          for o, _, msg in messages]
    elif messages:
        _deliver(settings.smtp, messages, store, result, sent_folder)
    return result


# --- what is sent ------------------------------------------------------------------------------
def subject_label(plan: Plan, rnd: Round) -> str:
    return f"{plan.display_title}（{round_label(plan.year, rnd.name)}）"


def form_messages(plan: Plan, rnd: Round, files) -> list[Outgoing]:
    """Each unit's 任务表 (`files`: the assignment's AssignedFile records)."""
    label = subject_label(plan, rnd)
    due = f"{rnd.due.year}年{rnd.due.month}月{rnd.due.day}日" if rnd.due else "规定时间"
    contact = f"\n联系人：{plan.settings.contact}" if plan.settings.contact else ""
    return [Outgoing(
        f.unit, f"{label}落实情况报送任务表（{f.unit}）",
        f"{f.unit}：\n\n现将{label}落实情况报送任务表发给你们，请按表内“填报说明”填写，"
        f"于{due}前将填好的表格作为附件回复本邮件。请勿修改表格结构，不要另存为其他格式。"
        f"{contact}\n", [f.path]) for f in files]


def feedback_messages(plan: Plan, rnd: Round, files) -> list[Outgoing]:
    """Each unit's 退回修改 workbook with its text (`files`: FeedbackFile records)."""
    label = subject_label(plan, rnd)
    return [Outgoing(f.unit, f"{label}报送表格{FEEDBACK}（{f.unit}）",
                     f.text.read_text(encoding="utf-8"), [f.workbook]) for f in files]


def reminder_messages(plan: Plan, rnd: Round, reminded, texts, wanted=None) -> list[Outgoing]:
    """Each reminded unit's 催报 text (`reminded`: Reminder records; `texts`: unit -> its text
    file), only to the units in `wanted` when given."""
    label = subject_label(plan, rnd)
    return [Outgoing(r.unit, f"{label}落实情况{REMIND}（{r.unit}）",
                     texts[r.unit].read_text(encoding="utf-8"))
            for r in reminded if not wanted or r.unit in wanted]


def _addressed(plan: Plan, outgoing: list[Outgoing], store, force: bool,
               result: SendResult) -> list[tuple[Outgoing, str]]:
    sent = store.sent(result.round, result.what)
    out = []
    for o in outgoing:
        unit = plan.unit(o.unit)
        found = addresses(unit.email if unit else "")
        if not found:
            result.no_address.append(o.unit)
        elif o.unit in sent and not force:
            result.already.append(o.unit)
        else:
            out.append((o, found[0]))
    return out


# Headers that say what a message was (a copy in 已发邮件 tells a rebuilt store what was sent).
ROUND_HEADER, WHAT_HEADER, UNIT_HEADER = "X-Workplan-Round", "X-Workplan-What", "X-Workplan-Unit"


def _message(o: Outgoing, address: str, sender: str, round_name: str, what: str
             ) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, address, _one_line(o.subject)
    msg["Date"] = format_datetime(datetime.now().astimezone())
    domain = sender.rpartition("@")[2] or "workplan.invalid"
    msg["Message-ID"] = make_msgid("workplan", domain=domain)
    msg[ROUND_HEADER], msg[WHAT_HEADER] = _one_line(round_name), _one_line(what)
    msg[UNIT_HEADER] = _one_line(o.unit)
    msg.set_content(o.body)
    for path in o.attachments:
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=path.name)
    return msg


def _write_eml(target: Path, msg: EmailMessage) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(msg.as_bytes())
    return target


def _keep_copy(folder: Path | None, o: Outgoing, msg: EmailMessage) -> None:
    """A copy of a message sent, in 已发邮件 (what a mail program's sent items would hold)."""
    if folder is None:
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}_{safe_part(o.unit)}.eml"
    counter = 2
    while target.exists():
        target = folder / f"{stamp}_{safe_part(o.unit)}({counter}).eml"
        counter += 1
    try:
        _write_eml(target, msg)
    except (OSError, WorkplanError) as exc:  # the message went out; the copy is a record only
        log.warning("copy of the message to %s not kept: %s", o.unit, exc)


def sent_copies(folder: Path) -> list[dict]:
    """What the copies in a 已发邮件 folder say was sent: round, what, unit, address,
    message_id, sent (ISO)."""
    import email
    from email import policy
    from email.utils import parsedate_to_datetime

    out = []
    for path in sorted(folder.glob("*.eml")) if folder.is_dir() else []:
        try:
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=policy.default)
            when = parsedate_to_datetime(str(msg["Date"])).astimezone().replace(tzinfo=None)
            out.append({"round": str(msg[ROUND_HEADER] or ""), "what": str(msg[WHAT_HEADER] or ""),
                        "unit": str(msg[UNIT_HEADER] or ""), "address": str(msg["To"] or ""),
                        "message_id": str(msg["Message-ID"] or ""),
                        "sent": when.isoformat(sep=" ", timespec="seconds")})
        except (OSError, TypeError, ValueError, IndexError):
            log.warning("sent copy %s could not be read", path)
    return [c for c in out if c["round"] and c["what"] and c["unit"] and c["message_id"]]


# --- delivery ----------------------------------------------------------------------------------
def _deliver(server: Server, messages, store, result: SendResult,
             sent_folder: Path | None = None) -> None:
    try:
        con = _smtp(server)
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        log.warning("smtp %s:%s: %r", server.host, server.port, exc)
        raise WorkplanError(server_failure("发件服务器", server, exc)) from None
    try:
        for o, address, msg in messages:
            try:
                con.send_message(msg)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError,
                    smtplib.SMTPSenderRefused) as exc:
                log.warning("smtp refused %s: %r", address, exc)
                result.failed.append(f"{o.unit}：发件服务器拒收（{address}），未发送；请核对“单位”表的邮箱")
                continue
            store.record_sent(result.round, result.what, o.unit, address, msg["Message-ID"])
            _keep_copy(sent_folder, o, msg)
            result.sent.append({"unit": o.unit, "address": address,
                                "message_id": msg["Message-ID"]})
    finally:
        try:
            con.quit()
        except (OSError, smtplib.SMTPException):
            pass


def _smtp(s: Server) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if s.security == SSL:
        con = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT, context=context)
    else:
        con = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
        if s.security == STARTTLS:
            con.starttls(context=context)
    if s.user and (s.security != PLAIN or _offers_auth(con)):
        con.login(s.user, password(s.user))
    return con


def _offers_auth(con: smtplib.SMTP) -> bool:
    con.ehlo_or_helo_if_needed()
    return con.has_extn("auth")
