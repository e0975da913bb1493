"""The layout of the code: which package may import which, held here as data and checked.

Every import in `rcm_desktop/` (at the top of a module or inside a function) is read with
`ast` and checked against LAYERS; a breach names the file, the line and the rule. Modules
stay under MAX_LINES. A few run-time checks follow: modules outside the UI never load Qt,
headless commands load neither Qt nor the PDF libraries, and the window paints before
SQLAlchemy loads.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import rcm_desktop

PACKAGE = Path(rcm_desktop.__file__).resolve().parent
MAX_LINES = 500


@dataclass(frozen=True)
class Layer:
    """A package of the layout: what it holds, and the layers it may import."""

    holds: str
    may_import: frozenset[str]


GROUND = "ground"
#: The issue's table: a layer may import itself and the layers named here, nothing else.
LAYERS: dict[str, Layer] = {
    GROUND: Layer("paths, i18n, errors, preferences, clock", frozenset()),
    "domain": Layer("vocabulary and rules on plain values", frozenset({GROUND})),
    "printing": Layer("the PDF base and every PDF", frozenset({"domain", GROUND})),
    "exchange": Layer("files in and out over plain data", frozenset({"domain", GROUND})),
    "store": Layer("engine, models, migrations, backups, transfer", frozenset({"domain", GROUND})),
    "services": Layer(
        "one module per area of user actions",
        frozenset({"store", "domain", "printing", "exchange", GROUND}),
    ),
    "demo": Layer("the demo profile", frozenset({"services", "store", "domain", GROUND})),
    "cli": Layer(
        "the command line",
        frozenset({"services", "demo", "domain", "printing", "exchange", GROUND, "self_test"}),
    ),
    "ui": Layer(
        "all Qt code",
        frozenset({"services", "demo", "domain", "printing", "exchange", GROUND, "self_test"}),
    ),
    "self_test": Layer("the installation check", frozenset({"*"})),
    "start": Layer("__main__ and app: start-up", frozenset({"*"})),
}
#: The one way the command line may reach the UI: to open the window.
CLI_MAY_OPEN = ("rcm_desktop.ui.application",)
#: Third-party packages only some layers may import.
LIBRARIES: dict[str, frozenset[str]] = {
    "PySide6": frozenset({"ui", "start"}),
    "shiboken6": frozenset({"ui", "start"}),
    "sqlalchemy": frozenset({"store", "services", "demo"}),
    "alembic": frozenset({"store"}),
    "reportlab": frozenset({"printing"}),
    "cryptography": frozenset({"exchange"}),
}
GROUND_MODULES = frozenset({"paths", "i18n", "errors", "preferences", "clock"})


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside rcm_desktop."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in GROUND_MODULES:
        return GROUND
    head = parts[0]
    if head == "data":
        if len(parts) > 1 and parts[1] == "services":
            return "services"
        if len(parts) > 1 and parts[1] == "demo":
            return "demo"
        return "store"
    if head in ("domain", "printing", "exchange", "cli", "ui", "self_test"):
        return head
    if head in ("app", "__main__"):
        return "start"
    return f"unplaced:{head}"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    name = ".".join(relative.parts)
    return name.removesuffix(".__init__")


def source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.relative_to(PACKAGE).parts
    )


def imported_names(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    """(line, module) for every import in *tree*, relative ones resolved."""
    found = []
    package = module.rsplit(".", 1)[0] if not module.endswith("__init__") else module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "rcm_desktop":  # `from rcm_desktop import x`: x may be a module
                found += [(node.lineno, f"rcm_desktop.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def breaches() -> list[str]:
    problems = []
    for path in source_files():
        module = module_name(path)
        source = layer_of(module)
        where = path.relative_to(PACKAGE.parent)
        if source.startswith("unplaced"):
            problems.append(f"{where}: a module outside the packages of the layout")
            continue
        allowed = LAYERS[source].may_import
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, name in imported_names(tree, module):
            top = name.split(".")[0]
            if top in LIBRARIES and source not in LIBRARIES[top]:
                problems.append(
                    f"{where}:{line}: {name} may be imported only in "
                    f"{', '.join(sorted(LIBRARIES[top]))} (this is {source})"
                )
            if top != "rcm_desktop" or name in ("rcm_desktop",):
                continue
            if name in ("rcm_desktop.APP_NAME", "rcm_desktop.ORGANIZATION_NAME"):
                continue
            if name == "rcm_desktop.__version__":
                continue
            target = layer_of(name)
            if "*" in allowed or target == source:
                continue
            if source == "cli" and name.startswith(CLI_MAY_OPEN):
                continue
            if target not in allowed:
                problems.append(
                    f"{where}:{line}: {source} imports {name} ({target}); {source} may import "
                    f"{', '.join(sorted(allowed)) or 'nothing but itself'}"
                )
    return problems


def test_every_import_follows_the_table() -> None:
    assert breaches() == []


def test_the_table_sees_imports_inside_functions(tmp_path: Path) -> None:
    tree = ast.parse("def f():\n    from rcm_desktop.data.models import Meeting\n")
    assert imported_names(tree, "rcm_desktop.domain.x") == [(2, "rcm_desktop.data.models")]
    assert layer_of("rcm_desktop.data.models") == "store"
    assert layer_of("rcm_desktop.data.services.meetings") == "services"
    assert layer_of("rcm_desktop.i18n") == GROUND
    assert "store" not in LAYERS["ui"].may_import


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): length
        for path in source_files()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_non_ui_modules_do_not_load_qt() -> None:
    names = [
        module_name(path)
        for path in source_files()
        if layer_of(module_name(path)) not in ("ui", "start", "self_test")
    ]
    assert "rcm_desktop.data.models" in names and "rcm_desktop.cli.parser" in names
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'rcm_desktop.ui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_meetings_command_does_not_load_qt_or_reportlab(tmp_path: Path) -> None:
    """Listing meetings of an existing profile loads neither Qt nor the PDF or holiday libraries."""
    from rcm_desktop.app import main

    assert main(["--demo", "--profile", str(tmp_path), "meetings"]) == 0  # creates the demo profile
    script = (
        "import sys\n"
        "from rcm_desktop.app import main\n"
        f"code = main(['--demo', '--profile', {str(tmp_path)!r}, 'meetings'])\n"
        "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab', 'holidays'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "LOADED []" in result.stdout


def test_workdays_command_loads_no_qt() -> None:
    script = (
        "import sys\n"
        "from rcm_desktop.app import main\n"
        "main(['workdays', '--from', '2021-09-30', '--days', '10', '--calendar', 'MX'])\n"
        "print('QT', any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["2021-10-14", "QT", "False"]


def test_the_window_paints_before_loading_sqlalchemy() -> None:
    """Start-up shows the window first: the store's libraries load after the first paint."""
    script = (
        "import sys\n"
        "from rcm_desktop.ui import application\n"
        "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'reportlab'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "LOADED []" in result.stdout
