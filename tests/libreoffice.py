"""Run LibreOffice (soffice --headless) as a real client in tests: convert and re-save files."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(source: Path, to: str, outdir: Path, timeout: int = 180) -> Path:
    """Convert `source` with soffice to the format `to` (e.g. "pdf", "xlsx", "ods") in outdir.

    Each call has its own user profile, so parallel or leftover instances never interfere.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", to, "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=timeout,
        )
    result = outdir / f"{source.stem}.{to.split(':')[0]}"
    assert result.is_file(), f"LibreOffice did not write {result}"
    return result
