"""Help ▸ About RCM Desk."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rcm_desktop import __version__
from rcm_desktop.i18n import _


def show_about(parent: QWidget) -> None:
    """The version, what the app is for, and that the data stays on this computer."""
    QMessageBox.about(
        parent,
        _("About RCM Desk"),
        _(
            "RCM Desk %(version)s\n\nAn offline desk for the delegation focal points of "
            "the Regional Conference on Migration and its partner forums.\n\n"
            "Your data stays on this computer; RCM Desk never connects to the internet."
        )
        % {"version": __version__},
    )
