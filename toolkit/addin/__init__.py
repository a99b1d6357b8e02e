"""The Excel front end's add-in: build the .xlam without Excel, install it where Excel loads it.

`workplan addin build [-o FILE]` and `workplan addin install`; see docs/addin.md.
"""

from toolkit.common.lazy import exports

_NAMES = {"build_addin": "toolkit.addin.build", "install_addin": "toolkit.addin.install",
          "main": "toolkit.addin.cli"}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
