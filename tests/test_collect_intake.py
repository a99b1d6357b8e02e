"""One bad file never stops the run; outputs never overwrite inputs; failures say what happened.

Built in the tests: links, loops, names that are not UTF-8, odd times, archives, a file still
being written, folders that cannot be listed (as an unprivileged user), full and read-only
disks (small tmpfs mounts, as root).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

import helpers as H
from toolkit.front.cli import main
from toolkit import app
from toolkit.errors import WorkplanError

ROOT = os.geteuid() == 0
NOBODY = 65534


def collect(plan, inbox: Path, out: Path, **kw):
    return app.collect_plan(plan, "年终", inbox, out, **kw)


def by_file(result) -> dict[str, list]:
    rows: dict[str, list] = {}
    for p in result.problems:
        rows.setdefault(p.file, []).append(p)
    return rows


def good_bytes(plan, tmp_path: Path, unit: str = H.UNIT) -> bytes:
    return H.returned(plan, tmp_path / "work", f"{unit}.xlsx", unit=unit).read_bytes()


# --- one bad file --------------------------------------------------------------------------
def test_links_loops_odd_names_and_archives_are_one_row_each(small_plan, tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    good = good_bytes(small_plan, tmp_path)
    (inbox / "甲县.xlsx").write_bytes(good)
    (outside / "别处.xlsx").write_bytes(good_bytes(small_plan, tmp_path, "乙县教育局"))
    (inbox / "链接.xlsx").symlink_to(outside / "别处.xlsx")
    (inbox / "文件夹链接").symlink_to(outside, target_is_directory=True)
    (inbox / "循环.xlsx").symlink_to(inbox / "循环.xlsx")
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w") as tf:
        info = tarfile.TarInfo("表.xlsx")
        info.size = len(good)
        tf.addfile(info, io.BytesIO(good))
    (inbox / "打包.tar").write_bytes(tar.getvalue())
    (inbox / "打包.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + os.urandom(64))
    twice = io.BytesIO()
    with zipfile.ZipFile(twice, "w") as zf:
        zf.writestr("表.xlsx", good)
        with pytest.warns(UserWarning):
            zf.writestr("表.xlsx", b"second")
    (inbox / "同名.zip").write_bytes(twice.getvalue())
    archive = tmp_path / "archive"
    result = collect(small_plan, inbox, tmp_path / "out.xlsx", archive=archive,
                     store=tmp_path / "ledger.sqlite")
    rows = by_file(result)
    assert set(rows) == {"链接.xlsx", "文件夹链接/", "循环.xlsx", "打包.tar", "打包.7z",
                         "同名.zip/表.xlsx"}, rows
    for name in ("链接.xlsx", "文件夹链接/", "循环.xlsx"):
        [row] = rows[name]
        assert "符号链接" in row.problem, name
    for name in ("打包.tar", "打包.7z"):
        [row] = rows[name]
        assert "tar" in row.problem and "请解压后放入" in row.action, name
    [row] = rows["同名.zip/表.xlsx"]
    assert "2 个同名文件" in row.problem
    assert result.counts["reported"] == 1  # 甲县; 乙县's file outside the inbox is never read
    archived = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*"))
    assert "链接.xlsx" not in archived and "甲县.xlsx" in archived


def test_a_name_that_is_not_utf8_or_holds_control_characters_is_read_and_escaped(
        small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    gbk = os.fsencode(inbox) + "/甲县".encode("gbk") + b".xlsx"  # as unzip leaves it
    with open(gbk, "wb") as f:
        f.write(good_bytes(small_plan, tmp_path))
    (inbox / "乙县\x1b[31m.xlsx").write_bytes(good_bytes(small_plan, tmp_path, "乙县教育局"))
    (inbox / "坏\x07.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out.xlsx"
    result = collect(small_plan, inbox, out, store=tmp_path / "ledger.sqlite")
    assert result.counts["reported"] == 2
    [bad] = result.problems
    assert bad.file == "坏\\x07.xlsx"
    files = {s.unit: s.file for s in result.consolidation.submissions if s.file}
    assert files["甲县教育局"] == "\\xbc\\xd7\\xcf\\xd8.xlsx"
    assert files["乙县教育局"] == "乙县\\x1b[31m.xlsx"
    shown = json.dumps(result.to_json(), ensure_ascii=False)
    assert "\x1b" not in shown and "\x07" not in shown
    cells = [c for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert "坏\\x07.xlsx" in cells and not any("\x1b" in c or "\x07" in c for c in cells)


def test_a_modification_time_out_of_range_is_a_row_and_the_file_is_read(small_plan, tmp_path):
    good = good_bytes(small_plan, tmp_path)
    with small_disk("4m") as disk:  # tmpfs keeps 64-bit times; ext4 would clamp them
        inbox = disk / "inbox"
        inbox.mkdir()
        path = inbox / "甲县.xlsx"
        path.write_bytes(good)
        far = 10 ** 12  # the year 33658: no date can hold it
        os.utime(path, (far, far))
        assert int(os.stat(path).st_mtime) == far
        result = collect(small_plan, inbox, tmp_path / "out.xlsx", store=tmp_path / "l.sqlite")
    [row] = result.problems
    assert "修改时间异常" in row.problem and result.counts["reported"] == 1


def test_a_file_still_being_copied_is_left_for_the_next_run(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):  # read (not just hashed: they differ) while the last one keeps growing
        H.returned(small_plan, inbox, f"{i}-甲县.xlsx", tasks={"T2": {"narrative": f"第{i}稿"}})
    good = good_bytes(small_plan, tmp_path)
    growing = inbox / "z-正在复制.xlsx"
    growing.write_bytes(good[:4096])
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "with open(sys.argv[1], 'ab', buffering=0) as f:\n"
        "    while True:\n"
        "        f.write(b'x'); time.sleep(0.001)\n"), str(growing)])
    while growing.stat().st_size == 4096:  # writing has begun
        pass
    try:
        result = collect(small_plan, inbox, tmp_path / "out.xlsx")
    finally:
        writer.kill()
        writer.wait()
    [row] = by_file(result)["z-正在复制.xlsx"]
    assert "正在复制" in row.problem and "下次汇总" in row.problem
    assert row.severity == "提示" and "重新报送" not in row.action
    assert result.counts["reported"] == 1


def test_a_name_too_long_to_archive_is_a_row(small_plan, tmp_path):
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    archive.mkdir()
    name = "甲" * 82 + ".xlsx"  # 251 bytes: fits, but not with the 9 characters of a hash
    (inbox / name).write_bytes(good_bytes(small_plan, tmp_path))
    (archive / name).write_bytes(b"an earlier, different file of the same name")
    result = collect(small_plan, inbox, tmp_path / "out.xlsx", archive=archive)
    [row] = result.problems
    assert "文件名过长" in row.problem and result.counts["reported"] == 1


# --- outputs are never inputs ----------------------------------------------------------------
def test_an_output_that_is_an_input_is_refused(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    before = H.snapshot(inbox)
    for out, archive in ((inbox / "甲县.xlsx", None), (inbox / "sub" / "汇总.xlsx", None),
                         (inbox, None), (tmp_path / "out.xlsx", inbox)):
        with pytest.raises(WorkplanError) as err:
            collect(small_plan, inbox, out, archive=archive)
        assert "不能用作输出" in err.value.message, out
    assert H.snapshot(inbox) == before


def test_collect_refuses_to_write_over_the_master(tmp_path, small_plan, capsys):
    from toolkit.books.master import write_master

    master = write_master(small_plan, tmp_path / "总表.xlsx")
    (tmp_path / "inbox").mkdir()
    before = master.read_bytes()
    code = main(["collect", str(master), "--round", "年终", "--inbox", str(tmp_path / "inbox"),
                 "-o", str(master)])
    assert code == 2 and master.read_bytes() == before
    assert "不能用作输出" in capsys.readouterr().err


# --- the machine fails -----------------------------------------------------------------------
@contextmanager
def small_disk(size: str):
    if not ROOT:
        pytest.skip("needs root to mount a small tmpfs")
    folder = Path(tempfile.mkdtemp(prefix="intake-disk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode()[-200:]}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def test_a_full_disk_is_said_plainly(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    with small_disk("16k") as disk:
        (disk / "filler").write_bytes(b"\0" * 8192)
        out = disk / "汇总" / "汇总表.xlsx"
        with pytest.raises(WorkplanError) as err:
            collect(small_plan, inbox, out)
        assert err.value.message.startswith("磁盘空间不足") and str(disk) in err.value.message
        assert not list((disk / "汇总").iterdir())  # no temporary file left behind


def test_a_read_only_folder_is_said_plainly(small_plan, tmp_path):
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    with small_disk("1m") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(WorkplanError) as err:
            collect(small_plan, inbox, disk / "汇总表.xlsx")
        assert err.value.message.startswith("文件夹只读") and str(disk) in err.value.message


def as_nobody(func):
    """Run func() in a child process of an unprivileged user; its result (JSON) or error."""
    if not ROOT:
        return func()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            answer = {"result": func()}
        except WorkplanError as exc:
            answer = {"error": exc.message}
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        os.write(write, json.dumps(answer, ensure_ascii=False).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    answer = json.loads(data)
    if "error" in answer:
        raise WorkplanError(answer["error"])
    return answer["result"]


@pytest.fixture
def shared_dir():
    """A folder an unprivileged user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="intake-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_an_unreadable_folder_is_listed_and_the_rest_collected(small_plan, shared_dir, tmp_path):
    inbox = shared_dir / "inbox"
    inbox.mkdir()
    (inbox / "甲县.xlsx").write_bytes(good_bytes(small_plan, tmp_path))
    locked = inbox / "锁住的文件夹"
    locked.mkdir()
    (locked / "乙县.xlsx").write_bytes(good_bytes(small_plan, tmp_path, "乙县教育局"))
    locked.chmod(0o700 if ROOT else 0o000)
    out = shared_dir / "out"
    out.mkdir()
    out.chmod(0o777)

    def run():
        result = collect(small_plan, inbox, out / "汇总表.xlsx")
        return [[p.file, p.problem] for p in result.problems], result.counts["reported"]
    try:
        problems, reported = as_nobody(run)
    finally:
        locked.chmod(0o755)
    assert problems == [["锁住的文件夹/", problems[0][1]]] and "无法打开该文件夹" in problems[0][1]
    assert reported == 1


def test_permission_denied_is_said_plainly(small_plan, shared_dir, tmp_path):
    inbox = shared_dir / "inbox"
    inbox.mkdir()
    (inbox / "甲县.xlsx").write_bytes(good_bytes(small_plan, tmp_path))
    closed = shared_dir / "closed"
    closed.mkdir()
    closed.chmod(0o755 if ROOT else 0o555)  # root's, not the unprivileged user's
    with pytest.raises(WorkplanError) as err:
        as_nobody(lambda: collect(small_plan, inbox, closed / "汇总表.xlsx").counts)
    assert err.value.message.startswith("没有权限") and str(closed) in err.value.message


def test_the_command_line_says_disk_full_in_one_line(small_plan, tmp_path, capsys):
    from toolkit.books.master import write_master

    master = write_master(small_plan, tmp_path / "总表.xlsx")
    inbox = tmp_path / "inbox"
    H.returned(small_plan, inbox, "甲县.xlsx")
    with small_disk("16k") as disk:
        (disk / "filler").write_bytes(b"\0" * 8192)
        code = main(["collect", str(master), "--round", "年终", "--inbox", str(inbox),
                     "-o", str(disk / "汇总表.xlsx")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith("错误：磁盘空间不足") and "程序内部出错" not in err[0]
