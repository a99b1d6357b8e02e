"""Package namespaces that import their modules on first use.

`workplan --help` must not import every stage (openpyxl with numpy alone take most of a
second): a package lists what it offers and where it lives, and the module is imported when a
name is first looked up.
"""

from __future__ import annotations

import importlib


def exports(package: str, names: dict[str, str]):
    """(__getattr__, __dir__) for a package offering `names` (name -> module path)."""

    def __getattr__(name: str):
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals_of(package)[name] = value
        return value

    def __dir__():
        return sorted(names)

    return __getattr__, __dir__


def globals_of(package: str) -> dict:
    return vars(importlib.import_module(package))
