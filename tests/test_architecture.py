"""The rooms of the package and the way imports may run between them (issue 19).

Every module of `toolkit` imports only modules of its own layer or of a lower one; a stage never
imports another stage, except that the summary reads the check's result records through the
check's package; only the hall (app.py) takes the master's lock and knows where files go.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit"

# Lowest first. A module may import from its own layer and the ones before it.
LAYERS = [
    {"vocab"},  # every word a user reads
    {"errors", "model", "rules"},  # the core: errors, the records, the pure rules
    {"common"},  # files and processes
    {"store"},  # workplan.sqlite
    {"intake"},  # untrusted files
    {"books", "mail"},  # the workbooks; the mailbox (transport only)
    {"plan_import", "assign", "collect", "check", "summary", "followup"},  # the stages
    {"app", "frames", "bundle"},  # the hall; the round as DataFrames; offline install bundles
    {"front", "addin", "__main__"},  # the front ends
]
STAGES = LAYERS[6]
ALLOWED_BETWEEN_STAGES = {("summary", "toolkit.check")}  # its result records, by the package
ONLY_THE_HALL = {"toolkit.common.lock", "toolkit.common.paths"}


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(module: str) -> int:
    name = room(module)
    return next(i for i, rooms in enumerate(LAYERS) if name in rooms)


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


@lru_cache(maxsize=None)
def tree_of(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every toolkit module a file imports, at any depth of the file."""
    found = []
    for node in ast.walk(tree_of(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("toolkit"):
            if node.module == "toolkit":
                found += [(node.lineno, f"toolkit.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("toolkit")]
    return found


def lazy_exports(path: Path) -> list[str]:
    """The module paths a package's lazy export table names (common.lazy.exports)."""
    if "exports(" not in path.read_text(encoding="utf-8"):
        return []
    return [node.value for node in ast.walk(tree_of(path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.startswith("toolkit.")]


ALL = list(modules())


def test_every_module_is_in_a_room():
    rooms = set().union(*LAYERS)
    assert {room(m) for m, _ in ALL if m != "toolkit"} <= rooms


@pytest.mark.parametrize("module, path", ALL, ids=[m for m, _ in ALL])
def test_no_import_runs_back_up(module, path):
    if module == "toolkit":
        return
    own = layer(module)
    upward = [f"line {line}: {target}" for line, target in imports_of(path)
              if target != "toolkit" and layer(target) > own]
    upward += [f"exports {target}" for target in lazy_exports(path) if layer(target) > own]
    assert not upward, f"{module} ({room(module)}) imports a higher room: {upward}"


@pytest.mark.parametrize("module, path", [(m, p) for m, p in ALL if room(m) in STAGES],
                         ids=[m for m, _ in ALL if room(m) in STAGES])
def test_a_stage_never_imports_another_stage(module, path):
    own = room(module)
    crossing = [f"line {line}: {target}" for line, target in imports_of(path)
                if room(target) in STAGES and room(target) != own
                and (own, target) not in ALLOWED_BETWEEN_STAGES]
    assert not crossing, f"{module} imports another stage: {crossing}"


def test_only_the_hall_takes_the_lock_and_knows_the_paths():
    users = sorted({module for module, path in ALL for _, target in imports_of(path)
                    if target in ONLY_THE_HALL and room(module) != "common"})
    assert users == ["toolkit.app"]
