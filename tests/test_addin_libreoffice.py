"""A real client opens the built add-in: LibreOffice loads its VBA and resolves every callback.

LibreOffice imports an .xlam's VBA project as a Basic library (only with the filter
"Calc MS Excel 2007 VBA XML"); `getScript` then resolves a Sub of a module that compiled, and
fails for a missing Sub or a module with a syntax error. Nothing is executed. The UNO module is
importable only by Debian's /usr/bin/python3, so the check runs there as a subprocess, with its
own soffice on its own profile folder, stopped afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from xml.etree import ElementTree

import pytest

from toolkit.addin import build

pytestmark = pytest.mark.usefixtures("soffice")

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
LIBRARY = build.VBA_PROJECT_NAME

UNO_SCRIPT = r'''
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.25)
    raise SystemExit("soffice did not answer")


def main(soffice, addin, profile, pipe, uris):
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "--nolockcheck", f"-env:UserInstallation={profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {"libraries": {}, "scripts": {}}
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(addin), "_blank", 0,
            (prop("Hidden", True), prop("FilterName", "Calc MS Excel 2007 VBA XML"),
             prop("MacroExecutionMode", 4)))
        libs = doc.BasicLibraries
        for name in libs.getElementNames():
            libs.loadLibrary(name)
            lib = libs.getByName(name)
            out["libraries"][name] = {m: lib.getByName(m) for m in lib.getElementNames()}
        provider = doc.getScriptProvider()
        for uri in uris:
            try:
                provider.getScript(uri)
                out["scripts"][uri] = "ok"
            except Exception as exc:
                out["scripts"][uri] = type(exc).__name__
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(json.dumps(out))


main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
'''


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def uno_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    done = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return done.returncode == 0


def uri(module: str, sub: str) -> str:
    return f"vnd.sun.star.script:{LIBRARY}.{module}.{sub}?language=Basic&location=document"


def run_libreoffice(addin: Path, uris: list[str], tmp_path: Path) -> dict:
    """Run the UNO check in its own process group; kill whatever is left of it afterwards."""
    script = tmp_path / "check_addin.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    profile = (tmp_path / "lo-profile").as_uri()
    pipe = f"workplan-test-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [SYSTEM_PYTHON, str(script), soffice(), str(addin), profile, pipe, *uris],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))},
    )
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice, if it outlived the script
        except (ProcessLookupError, PermissionError):
            pass
        if proc.returncode is None:
            proc.wait()
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def requirements():
    if sys.platform.startswith("win") or not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    if not uno_available():
        pytest.skip(f"{SYSTEM_PYTHON} cannot import uno (python3-uno)")


def ribbon_callbacks() -> list[tuple[str, str]]:
    ns = "{http://schemas.microsoft.com/office/2009/07/customui}"
    root = ElementTree.parse(REPO / "macros" / "customUI14.xml").getroot()
    return [tuple(b.get("onAction").split(".", 1)) for b in root.iter(f"{ns}button")]


def test_libreoffice_resolves_every_callback(requirements, tmp_path):
    addin = build.build_addin(tmp_path / "workplan.xlam")
    callbacks = ribbon_callbacks()
    assert len(callbacks) == 10
    wanted = [uri(m, s) for m, s in callbacks]
    controls = [uri(callbacks[0][0], "NoSuchSub"), uri("NoSuchModule", "Main"),
                uri("xlwings", "GetConfig")]
    result = run_libreoffice(addin, wanted + controls, tmp_path)

    modules = result["libraries"].get(LIBRARY, {})
    expected = ["ThisWorkbook", "Sheet2", "Dictionary", "xlwings", "WorkplanRibbon"]
    assert sorted(modules) == sorted(expected)
    assert "Option VBASupport 1" in modules["WorkplanRibbon"]
    call = 'RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.import_plan()"'
    assert call in modules["WorkplanRibbon"]
    for u in wanted:
        assert result["scripts"][u] == "ok", u
    assert result["scripts"][controls[0]] != "ok"  # the check can fail
    assert result["scripts"][controls[1]] != "ok"
    assert result["scripts"][controls[2]] == "ok"  # the xlwings module compiled
