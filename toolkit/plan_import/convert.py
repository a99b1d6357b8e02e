"""Old Office formats (.doc, .wps, .et, .rtf) through LibreOffice: a copy converted in a
temporary folder, with its own user profile and a time limit; the input is never touched."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import WorkplanError

TIMEOUT_SECONDS = 120
SAVE_AS = {"docx": ".docx", "xlsx": ".xlsx"}


# Where the Windows and macOS installers put LibreOffice, which they do not add to PATH.
INSTALLED = [Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
             Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
             Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]


def soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or where its installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((str(p) for p in INSTALLED if p.is_file()), None)


@contextmanager
def converted(path: Path, to: str):
    """Yield the path of `path` converted to `to` (docx or xlsx); removed afterwards."""
    program = soffice()
    if program is None:
        raise WorkplanError(
            f"读取 {path.name} 需要 LibreOffice，本机未安装；请用 Word 或 WPS 打开后另存为 "
            f"{SAVE_AS[to]} 再导入（或安装 LibreOffice）。"
        )
    with tempfile.TemporaryDirectory(prefix="workplan-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"plan{path.suffix.lower()}"  # a plain name: odd names confuse soffice
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", to, "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=TIMEOUT_SECONDS, check=False)
        except OSError as exc:
            raise WorkplanError(
                f"无法运行 LibreOffice（{program}：{exc.strerror or exc}）来读取 {path.name}；请用 Word 或 WPS "
                f"另存为 {SAVE_AS[to]} 后再导入。"
            ) from None
        except subprocess.TimeoutExpired:
            raise WorkplanError(
                f"用 LibreOffice 转换 {path.name} 超过 {TIMEOUT_SECONDS} 秒未完成；请用 Word 或 WPS "
                f"另存为 {SAVE_AS[to]} 后再导入。"
            ) from None
        result = folder / "out" / f"plan.{to}"
        if not result.is_file():
            raise WorkplanError(
                f"LibreOffice 无法转换 {path.name}（文件可能已损坏或加密）；请用 Word 或 WPS 打开后另存为 "
                f"{SAVE_AS[to]} 再导入。"
            )
        yield result
