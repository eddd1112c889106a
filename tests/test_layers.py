"""The walls of the house: which package may import which, read from every module's imports
(``ast``, so an import inside a function counts as much as one at the top).

``web`` is the top floor: it imports the others, never the reverse. Shared helpers (number
wording, time, triwulan numerals, the save-conflict protocol) live low, in ``common``, which
imports no app. ``budget`` does not reach into ``results`` (the triwulan report both use lives
in ``reporting``). An adapter reads and checks a format; it does not write history rows (the
write services do). ``core`` is pure Python.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import akuntabel

SRC = Path(akuntabel.__file__).parent
MODULES = sorted(SRC.rglob("*.py"))
HISTORY_WRITERS = {"record_change", "record_pemda_change"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module or name) for every import of the file, relative ones made absolute:
    ``import a.b`` yields ``a.b``, ``from a import b`` yields ``a.b`` (b may be a module)."""
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def history_writes(path: Path) -> Iterator[tuple[int, str]]:
    """Calls that write a history row: ``record_change(…)`` and the like, or
    ``Perubahan.objects.create/bulk_create(…)``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else \
            func.attr if isinstance(func, ast.Attribute) else ""
        if name in HISTORY_WRITERS:
            yield node.lineno, name
        elif name in ("create", "bulk_create", "get_or_create", "update_or_create") \
                and "Perubahan.objects" in ast.unparse(func):
            yield node.lineno, ast.unparse(func)


def under(*packages: str) -> Callable[[Path], bool]:
    return lambda path: any(module_name(path) == f"akuntabel.{p}"
                            or module_name(path).startswith(f"akuntabel.{p}.")
                            for p in packages)


def anywhere_but(*packages: str) -> Callable[[Path], bool]:
    inside = under(*packages)
    return lambda path: not inside(path)


def reaches(*prefixes: str) -> Callable[[str], bool]:
    return lambda name: any(name == p or name.startswith(p + ".") for p in prefixes)


def reaches_outside(*kept: str) -> Callable[[str], bool]:
    """Django, or a package of the house other than ``kept``."""
    inside = reaches(*(f"akuntabel.{k}" for k in kept))
    return lambda name: reaches("django")(name) or \
        (reaches("akuntabel")(name) and not inside(name))


WALLS = [
    pytest.param(anywhere_but("web"), reaches("akuntabel.web"),
                 id="nothing outside web imports web: it is the top floor"),
    pytest.param(under("budget"), reaches("akuntabel.results"),
                 id="budget imports nothing from results"),
    pytest.param(under("adapters"), reaches("akuntabel.web"),
                 id="adapters import nothing from web"),
    pytest.param(under("core"), reaches_outside("core"),
                 id="core imports no django and no other package of the house"),
    pytest.param(under("common"), lambda name: reaches("akuntabel")(name)
                 and not reaches("akuntabel.core", "akuntabel.common")(name),
                 id="common imports no app, only core: every app may import it"),
]


@pytest.mark.parametrize(("where", "forbidden"), WALLS)
def test_a_wall_is_not_crossed(where: Callable[[Path], bool],
                               forbidden: Callable[[str], bool]) -> None:
    crossed = sorted({f"{path.relative_to(SRC)}:{line}: {name}"
                      for path in MODULES if where(path)
                      for line, name in imported(path) if forbidden(name)})
    assert crossed == []


def test_adapters_write_no_history_rows() -> None:
    writes = [f"{path.relative_to(SRC)}:{line}: {call}"
              for path in MODULES if under("adapters")(path)
              for line, call in history_writes(path)]
    assert writes == []


def test_the_walls_see_imports_and_history_writes() -> None:
    """The readers above find what they look for, so that an empty list means something."""
    assert "akuntabel.budget.models.Dpa" in {name for _, name in imported(SRC / "web" / "views.py")}
    assert "record_change" in {call for _, call in history_writes(SRC / "results" / "writes.py")}
