"""What a fetched message holds, for the encodings and shapes mail programs send."""

from __future__ import annotations

import base64
from datetime import datetime

import helpers as H

from toolkit.intake.limits import DEFAULT_LIMITS
from toolkit.mail.config import mail_settings
from toolkit.mail.fetch import saved_name
from toolkit.mail.parse import parse
from toolkit.books.master import load_master, write_master


def one_attachment(disposition: bytes, data: bytes, ctype=b"application/octet-stream") -> bytes:
    return (b"From: =?gbk?b?" + base64.b64encode("甲县".encode("gbk")) + b"?= <Jia@County.Example>"
            b"\r\nSubject: =?utf-8?b?" + base64.b64encode("年终报送".encode()) + b"?=\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
            b"Content-Type: " + ctype + b"\r\nContent-Disposition: " + disposition +
            b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(data) +
            b"\r\n--B--\r\n")


def test_names_in_rfc2047_and_rfc2231_gbk_are_decoded(small_plan, tmp_path):
    book = H.returned(small_plan, tmp_path / "in", "a.xlsx").read_bytes()
    rfc2047 = b'attachment; filename="=?utf-8?b?' + base64.b64encode("甲县报表.xlsx".encode()) + b'?="'
    rfc2231 = b"attachment; filename*=gbk''" + "".join(
        f"%{b:02X}" for b in "甲县报表.xlsx".encode("gbk")).encode()
    for disposition in (rfc2047, rfc2231):
        found = parse(one_attachment(disposition, book), DEFAULT_LIMITS)
        assert [a.name for a in found.attachments] == ["甲县报表.xlsx"]
        assert found.sender == "jia@county.example" and found.subject == "年终报送"
        assert found.message_id.endswith("@workplan.invalid>")  # none given: made from the bytes


def test_a_picture_or_a_signature_is_not_saved_but_said():
    found = parse(one_attachment('attachment; filename="签名.png"'.encode(), b"\x89PNG\r\n\x1a\n...",
                                 b"image/png"), DEFAULT_LIMITS)
    assert found.attachments == [] and found.notes == ["附件“签名.png”不是表格或压缩包，未保存"]


def test_a_saved_name_has_no_path_control_or_forbidden_characters():
    when = datetime(2020, 12, 20, 9, 30)
    name = saved_name('..\\..\\a/b/\x07报:表*?.xlsx', "甲县教育局", when)
    assert name == "20201220-093000_甲县教育局_报表.xlsx"
    assert saved_name(".~$隐藏.xlsx", "x@y", when) == "20201220-093000_x@y_隐藏.xlsx"


def test_the_mailbox_rows_of_settings_round_trip_through_the_master(small_plan, tmp_path):
    small_plan.settings.mail = {"imap_host": "imap.example.gov.cn", "imap_user": "office",
                                "smtp_host": "smtp.example.gov.cn", "security": "STARTTLS"}
    path = tmp_path / "总表.xlsx"
    write_master(small_plan, path)
    settings = mail_settings(load_master(path))
    assert (settings.imap.host, settings.imap.port, settings.imap.security) == (
        "imap.example.gov.cn", 143, "STARTTLS")
    assert (settings.smtp.port, settings.smtp.user, settings.sender, settings.folder) == (
        587, "office", "office", "INBOX")


def test_a_huge_attachment_is_refused_before_it_is_decoded():
    from toolkit.intake.limits import Limits

    found = parse(one_attachment(b'attachment; filename="big.xlsx"', b"\0" * 300_000),
                  Limits(max_archive_bytes=200_000))
    assert found.attachments == []
    assert found.notes == ["附件“big.xlsx”约 0.3 MB，超过大小限制，未保存；请联系该单位压缩或拆分后重发"]
