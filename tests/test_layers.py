"""Layering: the domain and data layers never load Qt, and data never imports the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import rcm_desktop

NON_UI_PREFIXES = ("rcm_desktop.ui", "rcm_desktop.app", "rcm_desktop.__main__")


def non_ui_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(rcm_desktop.__path__, "rcm_desktop.")
        if not info.name.startswith(NON_UI_PREFIXES) and ".migrations" not in info.name
    ]
    return sorted(names)


def test_there_are_domain_and_data_modules_to_check() -> None:
    names = non_ui_modules()
    assert (
        "rcm_desktop.data.models" in names
        and "rcm_desktop.i18n" in names
        and "rcm_desktop.cli.parser" in names
    )


def test_non_ui_modules_do_not_load_qt() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {non_ui_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'rcm_desktop.ui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_meetings_command_does_not_load_qt_or_reportlab(tmp_path) -> None:  # type: ignore[no-untyped-def]
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
    from rcm_desktop.data.connection import PREFERENCE_KEY
    from rcm_desktop.ui.application import SHARED_DATABASE_PREFERENCE

    assert SHARED_DATABASE_PREFERENCE == PREFERENCE_KEY
    script = (
        "import sys\n"
        "from rcm_desktop.ui import application\n"
        "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'reportlab'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "LOADED []" in result.stdout
