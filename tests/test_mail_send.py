"""workplan mail send: forms, feedback and reminders to an SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import email
from email import policy

import helpers as H
import pytest

from mailservers import smtp_capture
from toolkit import app
from toolkit.common import paths
from toolkit.mail.config import PASSWORD_VARIABLE
from toolkit.books.master import write_master

JIA, YI, BING = "甲县教育局", "乙县教育局", "丙区教育局"
ADDRESSES = {JIA: "jia@county.example", YI: "yi@county.example"}  # 丙区 has none
FINAL = "年终"


@pytest.fixture
def smtp():
    with smtp_capture() as server:
        yield server


def sending_master(tmp_path, plan, port: int, security: str, monkeypatch):
    """A master whose units have addresses and whose 设置 names the SMTP server at `port`."""
    for unit in plan.units:
        unit.email = ADDRESSES.get(unit.name, "")
    plan.settings.mail = {"smtp_host": "127.0.0.1", "smtp_port": str(port),
                          "sender": "office@bureau.example", "security": security}
    monkeypatch.setenv(PASSWORD_VARIABLE, "unused")
    path = tmp_path / "任务分解总表.xlsx"
    write_master(plan, path)
    return path


@pytest.fixture
def master(tmp_path, small_plan, smtp, monkeypatch):
    return sending_master(tmp_path, small_plan, smtp.port, "无", monkeypatch)


def received(smtp):
    return [(rcpt, email.message_from_bytes(data, policy=policy.default))
            for _, rcpt, data in smtp.messages]


def attachments(msg):
    return {part.get_filename(): part.get_payload(decode=True) for part in msg.iter_attachments()}


def test_forms_go_to_each_units_address_once(master, smtp):
    result = app.send(master, FINAL, "任务表", units=[JIA, YI, BING])
    got = received(smtp)
    assert sorted(r[0] for r, _ in got) == sorted(ADDRESSES.values())
    assert result.no_address == [BING]
    rcpt, msg = next((r, m) for r, m in got if r == [ADDRESSES[JIA]])
    assert msg["From"] == "office@bureau.example" and JIA in msg["Subject"]
    assert "2020年12月25日前" in msg.get_body(("plain",)).get_content()
    outbox = paths.outbox(master, 2020, FINAL)
    form = next(p for p in outbox.iterdir() if p.name.startswith(JIA))
    assert attachments(msg) == {form.name: form.read_bytes()}  # the form in 下发, as it is

    again = app.send(master, FINAL, "任务表", units=[JIA, YI])
    assert sorted(again.already) == sorted([JIA, YI]) and again.sent == [] and len(smtp.messages) == 2
    forced = app.send(master, FINAL, "任务表", units=[JIA], force=True)
    assert [s["unit"] for s in forced.sent] == [JIA] and len(smtp.messages) == 3


def test_a_dry_run_writes_eml_files_and_sends_nothing(master, smtp, tmp_path):
    result = app.send(master, FINAL, "任务表", units=[JIA, YI], dry_run=True,
                        out_dir=tmp_path / "eml")
    assert smtp.messages == []
    assert sorted(p.name for p in result.written) == sorted([f"{JIA}.eml", f"{YI}.eml"])
    msg = email.message_from_bytes(result.written[0].read_bytes(), policy=policy.default)
    assert msg["To"] in ADDRESSES.values() and len(attachments(msg)) == 1
    assert app.send(master, FINAL, "任务表", units=[JIA]).already == []  # a dry run is not sent


def test_feedback_and_reminders_reach_the_units(master, small_plan, smtp):
    inbox = paths.inbox(master, 2020, FINAL)
    H.returned(small_plan, inbox, "甲县.xlsx", figures={"I2-1": {"actual": "约200"}})
    app.collect(master, FINAL)
    feedback = app.send(master, FINAL, "退回修改")
    assert [s["unit"] for s in feedback.sent] == [JIA]
    (_, msg), = received(smtp)
    assert "退回修改" in msg["Subject"] and "约200" in msg.get_body(("plain",)).get_content()
    assert list(attachments(msg))[0].endswith(".xlsx")

    reminders = app.send(master, FINAL, "催报")
    assert [s["unit"] for s in reminders.sent] == [YI]  # 甲县 reported; 丙区 has no address
    assert BING in reminders.no_address
    text = received(smtp)[1][1].get_body(("plain",)).get_content()
    assert YI in text and "12月25日" in text


def test_an_unknown_what_is_one_line(master):
    from toolkit.errors import WorkplanError

    with pytest.raises(WorkplanError, match="--what"):
        app.send(master, FINAL, "全部")


def test_sending_over_starttls(tmp_path, small_plan, monkeypatch):
    """邮件加密 STARTTLS: the forms go out once the server's certificate is trusted."""
    from mailservers import certificate

    from toolkit.errors import WorkplanError

    cert = certificate(tmp_path)
    with smtp_capture(cert) as server:
        path = sending_master(tmp_path, small_plan, server.port, "STARTTLS", monkeypatch)
        with pytest.raises(WorkplanError):  # a certificate nobody vouched for
            app.send(path, FINAL, "任务表", units=[JIA])
        assert server.messages == []
        monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))
        app.send(path, FINAL, "任务表", units=[JIA], force=True)
        assert [rcpt for _, rcpt, _ in server.messages] == [[ADDRESSES[JIA]]]
