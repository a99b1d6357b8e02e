"""Run LibreOffice (soffice --headless) as a real client in tests: convert and re-save files.

The one wrapper every real-client test uses (with the `soffice` fixture of conftest.py, which
marks and skips those tests): each call has its own user profile (parallel or leftover instances
never interfere), runs in its own process group and is stopped if it overruns.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TIMEOUT = 240

def convert_all(sources, to: str, outdir: Path, timeout: int = TIMEOUT) -> list[Path]:
    """Convert every file of `sources` with soffice to the format `to` ("pdf", "xlsx",
    "ods", or a filter such as "xlsx:Calc MS Excel 2007 XML") in `outdir`; the files written."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = [Path(s) for s in sources]
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", to, "--outdir", str(outdir), *map(str, sources)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, text=True, start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"soffice --convert-to {to} took longer than {timeout} s")
    suffix = to.split(":")[0]
    written = [outdir / f"{s.stem}.{suffix}" for s in sources]
    missing = [p.name for p in written if not p.is_file()]
    assert proc.returncode == 0 and not missing, f"LibreOffice did not write {missing}: {output}"
    return written


def convert(source: Path, to: str, outdir: Path, timeout: int = TIMEOUT) -> Path:
    """Convert one file (see convert_all); the file written."""
    return convert_all([source], to, outdir, timeout)[0]
