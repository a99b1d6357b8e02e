"""openpyxl imported without numpy.

openpyxl imports numpy whenever it is installed (pandas brings it, for `workplan export`) only
to accept numpy's numbers as cell values. The toolkit never gives it one, and numpy's import
costs 70–130 ms of every summary, more than the summary of a small round itself. An import of
openpyxl inside `without_numpy()` finds numpy missing (None in sys.modules: the import system
raises ImportError for it) and goes on as on a machine without numpy, as openpyxl provides;
numpy stays importable after it, for pandas.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def without_numpy():
    """Imports inside it that try numpy, while numpy and openpyxl are not imported yet, do
    without it. Nothing changes once either is: openpyxl is then imported as it was."""
    if "numpy" in sys.modules or "openpyxl" in sys.modules:
        yield
        return
    sys.modules["numpy"] = None
    try:
        yield
    finally:
        if sys.modules.get("numpy", False) is None:
            del sys.modules["numpy"]
