"""Opening a file or a folder with the program the computer uses for it, and saying so when none
can (a laptop without a PDF reader must not answer a click with silence)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from rcm_desktop.i18n import _


def open_with_system(parent: QWidget | None, path: Path) -> bool:
    """Open *path* with this computer's program for it; when none opens it, tell the user where
    it is, so that they can open it another way. True when it opened."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    from rcm_desktop.ui.widgets.messages import inform

    inform(
        parent,
        _(
            "No program on this computer opened “%(name)s”. Open it from its folder with a "
            "program that reads it:\n%(path)s"
        )
        % {"name": path.name, "path": path},
    )
    return False
