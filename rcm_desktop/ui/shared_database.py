"""At start: the shared database remembered in Settings, with its password asked for (never stored).

When the remembered server cannot be reached, the user chooses between this
computer's own file for this run and quitting, instead of being stopped.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.data.services.shared_database import (
    PREFERENCE_KEY,
    PasswordNeededError,
    address_of,
    check_connection,
    with_password,
)
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.preferences import Preferences

#: What `remembered_database_url` returns when the user chose to quit.
QUIT = "quit"


def remembered_database_url(preferences: Preferences, parent: QWidget | None = None) -> str | None:
    """The remembered server's URL (password added in memory), None for the profile's file, or QUIT."""
    url = preferences.get(PREFERENCE_KEY)
    if not isinstance(url, str) or not url:
        return None
    problem = None
    while True:
        try:
            check_connection(url)
            return url
        except PasswordNeededError as error:
            problem = error.message
        except RcmDeskError as error:
            if problem is not None and "password" in error.message.lower():
                problem = error.message  # a wrong password: ask again
            else:
                return _offer_local_file(error.message, parent)
        password = _ask_password(url, problem, parent)
        if password is None:
            return QUIT
        url = with_password(preferences.get(PREFERENCE_KEY), password)


def _ask_password(url: str, problem: str, parent: QWidget | None) -> str | None:
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


def _offer_local_file(message: str, parent: QWidget | None) -> str | None:
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
    return None if box.clickedButton() is local else QUIT
