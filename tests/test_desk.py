"""The faults of an ordinary office desk (issue 22): a file open in Excel or WPS, a working
folder moved to another drive, a master on a network share, the wrong file given as the master,
a key sheet LibreOffice left merely hidden, and the documented exit codes of a dry run."""

from __future__ import annotations

import pytest

from toolkit.books.master import write_master
from toolkit.front.cli import main
from toolkit.mail.config import PASSWORD_VARIABLE


# --- mail send --dry-run: its exit code as documented ------------------------------------------
@pytest.fixture
def mail_master(tmp_path, small_plan, monkeypatch):
    addresses = {"甲县教育局": "jia@county.example", "乙县教育局": "yi@county.example"}
    for unit in small_plan.units:
        unit.email = addresses.get(unit.name, "")
    small_plan.settings.mail = {"smtp_host": "127.0.0.1", "smtp_port": "1",
                                "sender": "office@bureau.example", "security": "无"}
    monkeypatch.setenv(PASSWORD_VARIABLE, "unused")
    path = tmp_path / "任务分解总表.xlsx"
    write_master(small_plan, path)
    return path


def test_dry_run_exit_codes_are_as_documented(mail_master, tmp_path, capsys):
    args = ["mail", "send", str(mail_master), "--round", "年终", "--what", "任务表", "--dry-run",
            "-o", str(tmp_path / "eml")]
    assert main(args + ["--units", "甲县教育局,乙县教育局"]) == 0
    assert main(args + ["--units", "甲县教育局,丙区教育局"]) == 1  # 丙区 has no 邮箱
    assert "丙区教育局：“单位”表未填写邮箱" in capsys.readouterr().out
    assert main(args + ["--round", "没有的轮次"]) == 2
