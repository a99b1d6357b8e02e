"""The Excel front end's add-in: build the .xlam without Excel, install it where Excel loads it.

`workplan addin build [-o FILE]` and `workplan addin install`; see docs/addin.md.
"""

from toolkit.addin.build import build_addin
from toolkit.addin.cli import main
from toolkit.addin.install import install_addin

__all__ = ["build_addin", "install_addin", "main"]
