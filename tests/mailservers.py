"""Real mail servers on the loopback address for the mail tests, started and stopped here.

- `dovecot(folder)`: Debian's dovecot-imapd with a throw-away configuration (configuration,
  state and log under `folder`; base_dir, passwd-file and Maildir in a short temporary folder of their own
  that dovecot's unprivileged processes may enter; one passwd-file user; a free port on
  127.0.0.1, plain IMAP because it is loopback); skipped with the reason where dovecot is not
  installed;
- `smtp_capture()`: an aiosmtpd server that keeps every message it is sent.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists()
                                     else None)
needs_dovecot = pytest.mark.skipif(
    DOVECOT is None, reason="dovecot is not installed (apt-get install dovecot-imapd)")

USER, PASSWORD = "office", "secret-pass"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Imap:
    host: str
    port: int
    user: str
    password: str
    folder: Path
    cert: Path | None = None  # the self-signed certificate of a STARTTLS server

    def client(self) -> imaplib.IMAP4:
        con = imaplib.IMAP4(self.host, self.port)
        if self.cert is not None:
            con.starttls(ssl.create_default_context(cafile=str(self.cert)))
        con.login(self.user, self.password)
        return con

    def deliver(self, message: bytes, when: float | None = None, mailbox: str = "INBOX") -> None:
        """Put a message into the mailbox as the mail server would, arrived at `when`."""
        con = self.client()
        try:
            con.create(mailbox) if mailbox != "INBOX" else None
            stamp = imaplib.Time2Internaldate(when) if when else None
            typ, data = con.append(mailbox, "", stamp, message)
            assert typ == "OK", data
        finally:
            con.logout()


def _account(*names: str) -> str:
    """A system account for dovecot's unprivileged processes (they refuse to run as root)."""
    if os.getuid():
        return pwd.getpwuid(os.getuid()).pw_name
    for name in names:
        try:
            return pwd.getpwnam(name).pw_name
        except KeyError:
            continue
    return "nobody"


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), made for one test: (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    os.chmod(key, 0o644)  # read by dovecot's login processes
    return cert, key


def _ssl(tls: tuple[Path, Path] | None) -> str:
    if tls is None:
        return "ssl = no"
    cert, key = tls
    return f"ssl = required\nssl_cert = <{cert}\nssl_key = <{key}"


def _config(folder: Path, base: str, port: int, tls=None) -> str:
    mail = pwd.getpwnam(_account("nobody"))
    return f"""
base_dir = {base}
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
{_ssl(tls)}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{base}/mail/%u
default_internal_user = {_account("dovecot", "nobody")}
default_login_user = {_account("dovenull", "nobody")}
first_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={base}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@contextmanager
def dovecot(folder: Path, tls: bool = False):
    """A running dovecot; with `tls`, STARTTLS required, with a self-signed certificate
    (Imap.cert) that clients trust through SSL_CERT_FILE."""
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    folder.mkdir(parents=True, exist_ok=True)
    # a short base_dir of its own (socket paths are limited to about 100 characters), which
    # the unprivileged login processes may enter
    base = tempfile.mkdtemp(prefix="wp-dovecot-")
    os.chmod(base, 0o755)
    (folder / "state").mkdir(exist_ok=True)
    mail = Path(base) / "mail"
    mail.mkdir()
    if not os.getuid():  # the mail processes run as an unprivileged account: give it the Maildir
        account = pwd.getpwnam(_account("nobody"))
        os.chown(mail, account.pw_uid, account.pw_gid)
    (Path(base) / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    os.chmod(Path(base) / "passwd", 0o644)  # read by dovecot's unprivileged auth worker
    port = free_port()
    pair = certificate(Path(base)) if tls else None
    conf = folder / "dovecot.conf"
    conf.write_text(_config(folder, base, port, pair))
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc, folder)
        yield Imap("127.0.0.1", port, USER, PASSWORD, folder, pair[0] if pair else None)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(base, ignore_errors=True)


def _wait_for(port: int, proc: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (folder / "dovecot.log").read_text(errors="replace") if (
                folder / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot stopped: {proc.stderr.read().decode()} {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start")


# --- SMTP ------------------------------------------------------------------------------------
@dataclass
class Captured:
    host: str
    port: int
    messages: list = field(default_factory=list)  # (mail_from, rcpt_tos, bytes)


@contextmanager
def smtp_capture(cert: tuple[Path, Path] | None = None):
    """An SMTP server keeping what it is sent; with `cert` (see `certificate`), STARTTLS is
    required before anything is accepted."""
    from aiosmtpd.controller import Controller

    captured = Captured("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            captured.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content))
            return "250 OK"

    tls = {}
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, cert))
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Handler(), hostname=captured.host, port=captured.port, **tls)
    controller.start()
    try:
        yield captured
    finally:
        controller.stop()
