"""Mail that is resent, forged or outlived its store: against a real IMAP server (dovecot)."""

from __future__ import annotations

import base64

import pytest

from mailservers import needs_dovecot
from test_mail_fetch import ADDRESSES, BING, JIA, LATE, ON_TIME, deliver, form, imap, master, message  # noqa: F401,E501
from toolkit import app, vocab
from toolkit.books.master import load_master, write_master
from toolkit.common import paths
from toolkit.errors import WorkplanError
from toolkit.store import Store

FINAL = "年终"


def inbox_names(master) -> list[str]:
    return sorted(p.name for p in paths.inbox(master, 2020, FINAL).iterdir())


@needs_dovecot
def test_a_message_resent_under_its_message_id_with_a_corrected_attachment_is_fetched(
        master, small_plan, imap, tmp_path):
    first = message(ADDRESSES[JIA], "甲县报送", ON_TIME,
                    [("甲县.xlsx", form(small_plan, tmp_path, JIA))])
    deliver(imap, first, ON_TIME)
    assert len(app.fetch(master, FINAL).saved) == 1
    corrected = message(ADDRESSES[JIA], "甲县报送", ON_TIME,
                        [("甲县.xlsx", form(small_plan, tmp_path, JIA,
                                           figures={"I2-1": {"actual": 420}}))])
    corrected.replace_header("Message-ID", first["Message-ID"])
    later = ON_TIME.replace(hour=16)
    deliver(imap, corrected, later)
    again = app.fetch(master, FINAL)
    assert [s.arrived for s in again.saved] == ["2020-12-20 16:30:00"]
    figures = app.collect(master, FINAL).consolidation.figures
    assert next(f.actual for f in figures if f.unit == JIA and f.indicator == "I2-1") == 420
    third = app.fetch(master, FINAL)  # both known now: by Message-ID and content
    assert (third.messages, third.known) == (0, 2)


@needs_dovecot
def test_a_rebuilt_store_does_not_save_fetched_files_twice(master, small_plan, imap, tmp_path):
    """The store destroyed after a fetch: the mailbox is read again, the files already in the
    inbox are known by their names and times, and 丙区 is still late by its mail's arrival."""
    deliver(imap, message(ADDRESSES[JIA], "甲县报送", ON_TIME,
                          [("甲县.xlsx", form(small_plan, tmp_path, JIA))]), ON_TIME)
    deliver(imap, message(ADDRESSES[BING], "丙区报送", LATE,
                          [("丙区.xlsx", form(small_plan, tmp_path, BING))]), LATE)
    app.fetch(master, FINAL)
    names = inbox_names(master)
    con = imap.client()  # as an office that leaves fetched mail unread in the inbox
    try:
        con.select("INBOX")
        con.store("1:*", "-FLAGS", r"(\Seen)")
    finally:
        con.logout()
    Store.beside(master).path.write_bytes(b"\x00garbage" * 4000)
    again = app.fetch(master, FINAL)
    assert again.saved == [] and inbox_names(master) == names
    states = {s.unit: s for s in app.collect(master, FINAL).consolidation.submissions}
    assert states[BING].state == vocab.LATE and states[BING].received == "2020-12-28 16:00:00"
    assert states[JIA].state == vocab.SUBMITTED


@needs_dovecot
def test_a_header_injected_into_a_senders_name_is_a_line(master, small_plan, imap, tmp_path):
    """An encoded display name that decodes to a line break and a Bcc: the address is still
    read (and matched to its unit), and the report says the header looks forged."""
    name = base64.b64encode("甲县\r\nBcc: evil@else.example".encode()).decode()
    msg = message(ADDRESSES[JIA], "报送", ON_TIME, [("甲县.xlsx", form(small_plan, tmp_path, JIA))])
    raw = msg.as_bytes().replace(f"From: {ADDRESSES[JIA]}".encode(),
                                 f"From: =?utf-8?b?{name}?= <{ADDRESSES[JIA]}>".encode())
    deliver(imap, raw, ON_TIME)
    result = app.fetch(master, FINAL)
    [saved] = result.saved
    assert (saved.sender, saved.unit) == (ADDRESSES[JIA], JIA)
    assert any("疑似伪造邮件头" in line for line in result.report)


def test_a_header_injected_into_the_senders_name_in_settings_is_one_line(tmp_path, small_plan):
    small_plan.settings.mail = {"smtp_host": "127.0.0.1", "security": "无",
                                "sender": "督查室\nBcc: everyone@else.example <office@bureau.example>"}
    for unit in small_plan.units:
        unit.email = "x@county.example"
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    assert "\n" in load_master(path).settings.mail["sender"]
    for dry in (True, False):
        with pytest.raises(WorkplanError) as err:
            app.send(path, FINAL, "任务表", dry_run=dry)
        assert "发件人地址" in err.value.message and "控制字符" in err.value.message
    assert not (tmp_path / "待发邮件").exists()
