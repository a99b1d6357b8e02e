"""Old Office formats (.doc, .wps, .et, .rtf) through LibreOffice: a copy converted in a
temporary folder, with its own user profile and a time limit; the input is never touched."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit.common.errors import WorkplanError

TIMEOUT_SECONDS = 120
SAVE_AS = {"docx": ".docx", "xlsx": ".xlsx"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


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
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
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
