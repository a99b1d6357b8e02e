"""workplan mail fetch against a real IMAP server (dovecot) on the loopback address."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

import helpers as H
import pytest

from mailservers import PASSWORD, USER, dovecot, needs_dovecot
from toolkit import app
from toolkit.intake.limits import Limits
from toolkit import vocab
from toolkit.common import paths
from toolkit.errors import WorkplanError
from toolkit.mail.config import PASSWORD_VARIABLE, mail_settings
from toolkit.mail.fetch import imap_utf7
from toolkit.books.master import load_master, write_master

pytestmark = needs_dovecot

JIA, YI, BING = "甲县教育局", "乙县教育局", "丙区教育局"
ADDRESSES = {JIA: "jia@county.example", YI: "yi@county.example", BING: "bing@county.example"}
ON_TIME = datetime(2020, 12, 20, 9, 30)
LATE = datetime(2020, 12, 28, 16, 0)  # after the 年终 due date 2020-12-25


@pytest.fixture
def imap(tmp_path):
    with dovecot(tmp_path / "dovecot") as server:
        yield server


@pytest.fixture
def master(tmp_path, small_plan, imap, monkeypatch):
    for unit in small_plan.units:
        unit.email = ADDRESSES.get(unit.name, "")
    small_plan.settings.mail = {"imap_host": "127.0.0.1", "imap_port": str(imap.port),
                                "imap_user": USER, "security": "无"}
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def form(plan, tmp_path, unit, **kw) -> bytes:
    return H.returned(plan, tmp_path / "src", f"{unit}-{len(kw)}.xlsx", unit=unit, **kw).read_bytes()


def message(sender, subject, when, attachments=(), body="请查收。") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "office@bureau.example", subject
    msg["Date"] = format_datetime(when.astimezone())
    msg["Message-ID"] = f"<{abs(hash((sender, subject, when)))}@county.example>"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg


def deliver(imap, msg, when):
    imap.deliver(msg.as_bytes() if isinstance(msg, EmailMessage) else msg, when.timestamp())


def raw_message(sender: str, disposition: bytes, payload: bytes, ctype=b"application/octet-stream",
                mid=b"<raw@county.example>") -> bytes:
    return (b"From: " + sender.encode() + b"\r\nSubject: raw\r\nMessage-ID: " + mid +
            b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
            b"--XX\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XX\r\nContent-Type: " + ctype +
            b"\r\nContent-Disposition: " + disposition +
            b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + payload + b"\r\n--XX--\r\n")


def a_days_mail(imap, plan, tmp_path):
    """Good returns, a resubmission, a forwarded return, a zip, a late one and the bad cases."""
    import base64

    jia1 = form(plan, tmp_path, JIA)
    jia2 = form(plan, tmp_path, JIA, figures={"I2-1": {"actual": 420}})
    deliver(imap, message(ADDRESSES[JIA], "甲县教育局年终报送", ON_TIME,
                          [("甲县教育局_2020年终_任务表.xlsx", jia1)]), ON_TIME)
    deliver(imap, message(f"甲县 <{ADDRESSES[JIA].upper()}>", "更正后重报", ON_TIME.replace(hour=15),
                          [("甲县（更正）.xlsx", jia2)]), ON_TIME.replace(hour=15))
    # 乙县's return forwarded by a colleague: the workbook is inside message/rfc822
    inner = message(ADDRESSES[YI], "乙县报送", ON_TIME, [("乙县.xlsx", form(plan, tmp_path, YI))])
    outer = message("colleague@bureau.example", "Fwd: 乙县报送", ON_TIME.replace(hour=11))
    outer.add_attachment(inner)
    deliver(imap, outer, ON_TIME.replace(hour=11))
    # 丙区 sends a zip, late: its file time says 12-20, the message arrived 12-28
    zipped = H.zip_bytes({"丙区.xlsx": form(plan, tmp_path, BING)})
    deliver(imap, message(ADDRESSES[BING], "丙区报送", LATE, [("丙区.zip", zipped)]), LATE)
    # the bad cases
    gbk = raw_message("odd@else.example", b'attachment; filename="' + "报表.xlsx".encode("gbk") +
                      b'"', base64.b64encode(jia1), mid=b"<gbk@else.example>")
    deliver(imap, gbk, ON_TIME)
    deliver(imap, message("odd@else.example", "路径", ON_TIME,
                          [("..\\..\\Windows/\x1b[31m恶意.xlsx", b"not a workbook")]), ON_TIME)
    deliver(imap, message("odd@else.example", "太大", ON_TIME, [("big.xlsx", b"\0" * 400_000)]),
            ON_TIME)
    deliver(imap, raw_message("odd@else.example", b'attachment; filename="x.xlsx"', b"!!!@@@",
                              mid=b"<broken@else.example>"), ON_TIME)
    deliver(imap, message("odd@else.example", "Outlook", ON_TIME, [("winmail.dat", b"x\x9f>\"")]),
            ON_TIME)
    deliver(imap, message("odd@else.example", "只有正文", ON_TIME), ON_TIME)
    deliver(imap, b"this is not MIME at all\r\n\r\n\xff\xfe", ON_TIME)


LIMITS = Limits(max_archive_bytes=300_000)  # 0.3 MB, so a 0.5 MB message (base64) is too big


def test_a_days_mail_is_saved_recorded_and_collected(master, small_plan, imap, tmp_path):
    a_days_mail(imap, small_plan, tmp_path)
    result = app.fetch(master, "年终", limits=LIMITS)
    inbox = paths.inbox(master, 2020, "年终")
    names = sorted(p.name for p in inbox.iterdir())
    report = "\n".join(result.report)
    assert result.messages == 11
    assert "20201220-093000_甲县教育局_甲县教育局_2020年终_任务表.xlsx" in names
    assert "20201220-153000_甲县教育局_甲县（更正）.xlsx" in names  # the sender matched in any case
    assert any("乙县" in n and "colleague" in n for n in names)  # forwarded, kept by its sender
    assert "20201228-160000_丙区教育局_丙区.zip" in names
    # the GBK-named copy of 甲县's first file: its name decoded, the same hash not saved again
    assert "附件“报表.xlsx”与已收取的文件相同，未重复保存" in report
    assert not any(n.endswith("报表.xlsx") and "odd" in n for n in names)
    evil = [n for n in names if "恶意" in n]
    assert evil and "/" not in evil[0] and "\\" not in evil[0] and "\x1b" not in evil[0]
    assert "odd@else.example（未匹配到单位）“太大”：邮件大小 0.5 MB，超过限制（0.3 MB）" in report
    assert "“raw”：附件“x.xlsx”已保存" in report  # broken base64: saved, the collection says so
    assert "winmail.dat" in report
    assert "没有附件" in report
    assert all(not p.name.startswith(".") for p in inbox.iterdir())

    again = app.fetch(master, "年终", limits=LIMITS)
    assert (again.messages, again.known, again.saved) == (0, 11, [])
    assert sorted(p.name for p in inbox.iterdir()) == names

    collected = app.collect(master, "年终").collected
    states = {s.unit: s for s in collected.consolidation.submissions}
    assert states[BING].state == vocab.LATE and states[BING].received == "2020-12-28 16:00:00"
    assert states[JIA].file.endswith("甲县（更正）.xlsx")
    assert states[YI].state == vocab.SUBMITTED


def test_a_message_seen_in_another_folder_is_moved_not_deleted(master, small_plan, imap,
                                                                tmp_path):
    plan = load_master(master)
    plan.settings.mail["imap_done"] = "已收"
    write_master(plan, master)
    deliver(imap, message(ADDRESSES[JIA], "报送", ON_TIME,
                          [("甲县.xlsx", form(plan, tmp_path, JIA))]), ON_TIME)
    assert len(app.fetch(master, "年终").saved) == 1
    con = imap.client()
    try:
        assert con.select("INBOX")[1] == [b"0"]
        assert con.select('"' + imap_utf7("已收") + '"') == ("OK", [b"1"])
    finally:
        con.logout()


def test_a_wrong_password_is_one_line(master, monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    with pytest.raises(WorkplanError, match="登录被拒绝"):
        app.fetch(master, "年终")


def test_plain_text_is_refused_for_a_remote_server(small_plan):
    small_plan.settings.mail = {"imap_host": "imap.example.gov.cn", "security": "无"}
    with pytest.raises(WorkplanError, match="不是本机"):
        mail_settings(small_plan)


def test_the_scheduled_run_fetches_first(master, small_plan, imap, tmp_path, capsys):
    import json

    from toolkit.front.cli import main

    deliver(imap, message(ADDRESSES[JIA], "报送", ON_TIME, [("甲县.xlsx", form(small_plan, tmp_path, JIA))]),
            ON_TIME)
    assert main(["run", str(master), "--round", "年终"]) == 1  # others have not reported
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "新邮件 1 封，保存附件 1 个" in line["mail"] and line["reported"] == 1


def test_the_scheduled_run_goes_on_when_the_mailbox_is_down(master, small_plan, monkeypatch,
                                                            capsys):
    import json

    from toolkit.front.cli import main

    H.returned(small_plan, paths.inbox(master, 2020, "年终"), "甲县.xlsx")  # saved by hand
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    assert main(["run", str(master), "--round", "年终"]) == 1
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["mail"].startswith("未能收取邮件：收件服务器 127.0.0.1")
    assert line["reported"] == 1 and "error" not in line


def test_starttls_with_a_certificate_the_machine_trusts(tmp_path, small_plan, monkeypatch):
    """邮件加密 STARTTLS against a server with its own certificate: trusted (here through
    SSL_CERT_FILE, as an office adds its mail server's certificate), the returns are fetched;
    not trusted, one line saying the connection could not be secured."""
    with dovecot(tmp_path / "tls", tls=True) as server:
        small_plan.settings.mail = {"imap_host": "127.0.0.1", "imap_port": str(server.port),
                                    "imap_user": USER, "security": "STARTTLS"}
        monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
        path = tmp_path / "任务分解总表.xlsx"
        write_master(small_plan, path)
        deliver(server, message("jia@example.gov.cn", "甲县年终报送", ON_TIME,
                                [("甲县.xlsx", form(small_plan, tmp_path, H.UNIT))]), ON_TIME)
        with pytest.raises(WorkplanError) as err:
            app.fetch(path, "年终")
        assert "加密连接失败（证书无效或加密方式不符）" in err.value.message
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
        result = app.fetch(path, "年终")
        assert [s.file[-len("甲县.xlsx"):] for s in result.saved] == ["甲县.xlsx"]


def test_mail_login_keeps_the_password_in_the_credential_store(master, monkeypatch, capsys):
    """`workplan mail login` puts the password where `keyring` keeps it (here a backend of the
    test's own, through keyring's real API); without the variable, fetching finds it there."""
    import getpass

    import keyring
    from keyring.backend import KeyringBackend

    from toolkit.front.cli import main

    class Memory(KeyringBackend):
        priority = 1
        kept: dict = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        monkeypatch.delenv(PASSWORD_VARIABLE)
        monkeypatch.setattr(getpass, "getpass", lambda prompt: PASSWORD)
        assert main(["mail", "login", str(master)]) == 0
        assert f"已把 {USER} 的密码保存到系统凭据库" in capsys.readouterr().out
        assert Memory.kept == {("workplan", USER): PASSWORD}
        assert app.fetch(master, "年终").messages == 0  # logged in with the stored password
    finally:
        keyring.set_keyring(previous)
