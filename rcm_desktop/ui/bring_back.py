"""File ▸ Bring back to the shared database…: the work done offline, replayed on the server.

Offered when the open profile was taken home (`rcm-desktop take-home`). The store is closed
while the bring-back runs in the background, with progress; then reopened, holding a fresh
copy of the server. Conflicts open the conflicts screen; the choices made there are
replayed in a second run. Nothing is written on either side until every conflict is settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from rcm_desktop.data.services.shared_database import BringBackOutcome
    from rcm_desktop.errors import RcmDeskError
    from rcm_desktop.ui.main_window import MainWindow


_ACTION = "bringBackAction"


def bring_back_action(window: MainWindow) -> QAction:
    """The File menu's action, hidden until the open profile turns out to be taken home."""
    action = QAction(_("Bring &back to the shared database…"), window)
    action.setObjectName(_ACTION)
    action.setVisible(bool(getattr(window, "checkout", None)))
    action.triggered.connect(lambda _checked=False: start_bring_back(window))
    return action


def offer_bring_back(window: MainWindow) -> None:
    """Find out (off the UI thread) whether the open profile was taken home; show the action."""
    from rcm_desktop.data.services.shared_database import checkout_state

    database = window.context.database
    if database is None:
        return

    def show(checkout: Any) -> None:
        window.checkout = checkout  # type: ignore[attr-defined]
        action = window.findChild(QAction, _ACTION)
        if action is not None:
            action.setVisible(checkout is not None)
        label = window.findChild(QLabel, "checkoutLabel")
        if label is None:
            label = QLabel(window)
            label.setObjectName("checkoutLabel")
            window.statusBar().addPermanentWidget(label)
        label.setVisible(checkout is not None)
        label.setText(
            _("A copy taken home: File ▸ Bring back sends your changes to the shared database")
        )

    window.context.tasks.run(
        lambda _report: checkout_state(database),
        owner=window,
        on_success=show,
        what=_("The profile's checkout could not be read."),
    )


def start_bring_back(window: MainWindow) -> None:
    """Ask, then bring the offline work back."""
    checkout = getattr(window, "checkout", None)
    if checkout is None:
        return
    window.bring_back = BringBack(window, checkout.origin, checkout.checked_out_at)  # type: ignore[attr-defined]
    window.bring_back.start()  # type: ignore[attr-defined]


class BringBack:
    """One bring-back, from the question to the reopened store."""

    def __init__(self, window: MainWindow, origin: str, checked_out_at: str) -> None:
        self.window = window
        self.context = window.context
        self.origin, self.checked_out_at = origin, checked_out_at
        self.url = origin
        self.progress: QProgressDialog | None = None

    def start(self) -> None:
        from rcm_desktop.data.services.shared_database import address_of, with_password
        from rcm_desktop.data.services.store import shown_location
        from rcm_desktop.ui.shared_database import ask_password

        question = _(
            "Bring the work done on this computer since %(when)s back to the shared database "
            "%(server)s? Conflicts, if any, are shown before anything is written."
        ) % {
            "when": self.checked_out_at.replace("T", " "),
            "server": shown_location(self.context.profile, self.origin),
        }
        answer = QMessageBox.question(self.window, APP_NAME, question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        address = address_of(self.origin)
        if address is not None and address.user:
            password = ask_password(
                self.origin, _("Bring back to the shared database."), self.window
            )
            if password is None:
                return
            self.url = with_password(self.origin, password) if password else self.origin
        self.run(None)

    def run(self, choices: dict[str, Any] | None) -> None:
        from rcm_desktop.data.services.shared_database import bring_back_profile
        from rcm_desktop.data.services.store import close_store

        self.context.tasks.wait()
        if self.context.database is not None:
            close_store(self.context.database)
            self.context.database = None
        profile, url = self.context.profile, self.url
        self.progress = QProgressDialog(_("Bringing back…"), "", 0, 0, self.window)
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(300)
        self.progress.setWindowTitle(APP_NAME)

        self.context.tasks.run(
            lambda report: bring_back_profile(profile, url, choices, report),
            owner=self.window,
            on_progress=self._progressed,
            on_success=self._done,
            on_error=self._failed,
            on_done=self._closed,
            what=_("The work could not be brought back."),
            writes=True,
        )

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(
                _("Bringing back: %(done)d of %(total)d changes") % {"done": done, "total": total}
            )

    def _closed(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        self.window.open_store()

    def _failed(self, error: RcmDeskError) -> None:
        QMessageBox.warning(self.window, APP_NAME, error.message)

    def _done(self, outcome: BringBackOutcome) -> None:
        from rcm_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog

        report = outcome.report
        if not report.written:
            dialog = ConflictsDialog(report.open_conflicts, self.window)
            dialog.accepted.connect(lambda: self.run(dialog.choices()))
            dialog.open()
            self.conflicts_dialog = dialog
            return
        text = ngettext(
            "%(n)d change brought back to the shared database.",
            "%(n)d changes brought back to the shared database.",
            report.replayed,
        ) % {"n": report.replayed}
        if report.conflicts:
            text += " " + ngettext(
                "%(n)d conflict was settled as you chose.",
                "%(n)d conflicts were settled as you chose.",
                len(report.conflicts),
            ) % {"n": len(report.conflicts)}
        text += " " + _(
            "This profile now holds a fresh copy of the server, and you go on working on "
            "this copy: bring back again to send what you change from now on."
        )
        QMessageBox.information(self.window, APP_NAME, text)
