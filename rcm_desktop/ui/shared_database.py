"""At start: the shared database remembered in Settings, with its password asked for (never stored).

When the remembered server cannot be reached, the user chooses between this
computer's own file for this run and quitting, instead of being stopped. The
connection itself is tried off the UI thread (`rcm_desktop.ui.opening`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.data.services.shared_database import (
    address_of,
)
from rcm_desktop.i18n import _


def ask_password(url: str, problem: str, parent: QWidget | None) -> str | None:
    """Ask the server's password (never saved); None when the user cancels."""
    address = address_of(url)
    who = address.user if address else ""
    where = f"{address.host}/{address.database}" if address else url
    text, accepted = QInputDialog.getText(
        parent,
        APP_NAME,
        problem
        + "\n\n"
        + _("Password of %(user)s on %(server)s (it is not saved):")
        % {"user": who, "server": where},
        QLineEdit.EchoMode.Password,
    )
    return text if accepted else None


def offer_local_file(message: str, parent: QWidget | None) -> bool:
    """Say why the server cannot be used; True to work on this computer's file, False to quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=parent)
    box.setInformativeText(
        _(
            "You can work on this computer's own file for now (the shared database is used "
            "again at the next start), or quit."
        )
    )
    local = box.addButton(_("Use this &computer's file"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is local
