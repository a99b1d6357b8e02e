"""The repository's top-level resource folders (templates/, macros/), wherever they are.

In a checkout (and an editable install) they sit beside the toolkit package; a wheel or a plain
`pip install .` installs them as the packages toolkit.templates and toolkit.macros.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import toolkit


def resource_dir(name: str) -> Path:
    """The folder `name` ("templates" or "macros"): the checkout's, else the installed one."""
    checkout = Path(toolkit.__file__).resolve().parents[1] / name
    if checkout.is_dir():
        return checkout
    spec = find_spec(f"toolkit.{name}")  # a namespace package: data only, no __init__.py
    if spec is None or not spec.submodule_search_locations:
        return checkout  # missing: the caller reports it in words
    return Path(list(spec.submodule_search_locations)[0])
