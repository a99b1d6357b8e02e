"""The office mailbox as 设置 describes it, and its password (never in the master).

The password comes from the environment variable WORKPLAN_MAIL_PASSWORD (for schedulers), else
from the operating system's credential store through `keyring` (service "workplan", the account
as user name), where `workplan mail login` puts it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from toolkit.errors import WorkplanError
from toolkit.model.plan import Plan

PASSWORD_VARIABLE = "WORKPLAN_MAIL_PASSWORD"
KEYRING_SERVICE = "workplan"
SSL, STARTTLS, PLAIN = "SSL", "STARTTLS", "无"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_PORTS = {"imap": {SSL: 993, STARTTLS: 143, PLAIN: 143},
                 "smtp": {SSL: 465, STARTTLS: 587, PLAIN: 25}}
LABELS = {"imap": "收件服务器", "smtp": "发件服务器"}


@dataclass(frozen=True)
class Server:
    kind: str  # imap or smtp
    host: str
    port: int
    user: str
    security: str  # SSL, STARTTLS or 无


@dataclass(frozen=True)
class MailSettings:
    imap: Server | None
    smtp: Server | None
    folder: str = "INBOX"
    done_folder: str = ""  # where a fetched message is moved; "" = only flagged as seen
    sender: str = ""


def mail_settings(plan: Plan) -> MailSettings:
    mail = plan.settings.mail
    security = _security(mail.get("security", ""))
    imap_user = mail.get("imap_user", "")
    smtp_user = mail.get("smtp_user", "") or imap_user
    return MailSettings(
        imap=_server("imap", mail.get("imap_host", ""), mail.get("imap_port", ""), imap_user,
                     security),
        smtp=_server("smtp", mail.get("smtp_host", ""), mail.get("smtp_port", ""), smtp_user,
                     security),
        folder=mail.get("imap_folder", "") or "INBOX",
        done_folder=mail.get("imap_done", ""),
        sender=mail.get("sender", "") or smtp_user,
    )


def configured(plan: Plan) -> bool:
    """A mailbox to fetch from is set in 设置."""
    return bool(plan.settings.mail.get("imap_host"))


def _security(text: str) -> str:
    value = text.strip().upper().replace("／", "/")
    if value in ("", "SSL", "TLS", "SSL/TLS", "IMAPS"):
        return SSL
    if value == "STARTTLS":
        return STARTTLS
    if value in ("无", "NONE", "否", "不加密"):
        return PLAIN
    raise WorkplanError(f"总表“设置”表的“邮件加密”为“{text}”，无法识别；请填写 SSL、STARTTLS 或 无。")


def _server(kind: str, host: str, port: str, user: str, security: str) -> Server | None:
    if not host:
        return None
    if security == PLAIN and host.lower() not in LOOPBACK:
        raise WorkplanError(f"总表“设置”表的“邮件加密”为“无”，但{LABELS[kind]} {host} 不是本机；"
                            "密码和报表将以明文经过网络，请改为 SSL 或 STARTTLS。")
    try:
        number = int(port) if port else DEFAULT_PORTS[kind][security]
    except ValueError:
        raise WorkplanError(f"总表“设置”表的{LABELS[kind][:2]}端口“{port}”不是数字；"
                            "请填写端口号或留空。") from None
    return Server(kind, host, number, user, security)


def addresses(text: str) -> list[str]:
    """The addresses of a 邮箱 cell (several separated by ；、, or spaces), lower case."""
    return [a.strip().lower() for a in re.split(r"[;；,，、\s]+", text or "") if "@" in a]


def password(user: str) -> str:
    """The mailbox password: the environment variable, else the credential store."""
    value = os.environ.get(PASSWORD_VARIABLE)
    if value:
        return value
    found = None
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # no credential store on this machine (a bare Linux server)
        found = None
    if not found:
        raise WorkplanError(f"未找到邮箱账号 {user} 的密码；请运行 workplan mail login 保存密码，"
                            f"或设置环境变量 {PASSWORD_VARIABLE}。")
    return found


def store_password(user: str, secret: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, user, secret)
    except Exception as exc:
        raise WorkplanError(f"无法把密码存入系统凭据库（{exc}）；请改用环境变量 "
                            f"{PASSWORD_VARIABLE}。") from None
