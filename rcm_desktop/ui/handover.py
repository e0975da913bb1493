"""File ▸ Hand over to a successor… and File ▸ Open a handover archive…

Handing over writes the dossier (and the archive when asked) from a dialog that shows its
progress; the result says where the files are. Opening an archive makes a new profile; RCM
Desk then offers to restart on it (and, when chosen, opens it at every start).
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from rcm_desktop import APP_NAME
from rcm_desktop.i18n import _

if TYPE_CHECKING:
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.main_window import MainWindow


def handover_actions(window: MainWindow) -> list[QAction]:
    """The File menu's two handover actions."""
    hand_over = QAction(_("&Hand over to a successor…"), window)
    hand_over.setObjectName("handOverAction")
    hand_over.triggered.connect(lambda _checked=False: start_handover(window))
    open_archive = QAction(_("Open a hando&ver archive…"), window)
    open_archive.setObjectName("openHandoverAction")
    open_archive.triggered.connect(lambda _checked=False: start_open_handover(window))
    return [hand_over, open_archive]


def start_handover(window: MainWindow) -> QDialog | None:
    """Ask what to write, write it in the background, then say where it is."""
    from rcm_desktop.ui.dialogs.handover_dialog import HandOverDialog

    if window.context.database is None:
        return None
    dialog = HandOverDialog(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _handed_over(window, dialog.result_value))
    dialog.open()
    window.handover_dialog = dialog  # type: ignore[attr-defined]
    return dialog


def _handed_over(window: MainWindow, result: object) -> None:
    from rcm_desktop.data.services.handover import HandoverResult
    from rcm_desktop.ui.system_open import open_with_system

    if not isinstance(result, HandoverResult):
        return
    lines = [
        _("The handover dossier is ready: %(path)s (%(pages)d pages).")
        % {"path": result.dossier, "pages": result.pages}
    ]
    if result.archive is not None:
        lines.append(
            _(
                "The handover archive is ready: %(path)s (%(files)d files, %(size)s MB). Give "
                "your successor the passphrase in person, not with the file."
            )
            % {
                "path": result.archive,
                "files": result.files,
                "size": f"{result.archive_bytes / 1e6:.1f}",
            }
        )
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, "\n\n".join(lines), parent=window)
    box.setObjectName("handoverResult")
    box.setTextFormat(Qt.TextFormat.PlainText)
    open_button = box.addButton(_("&Open the dossier"), QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)

    def clicked(button: object) -> None:
        if button is open_button:
            open_with_system(window, result.dossier)
        elif button is folder_button:
            open_with_system(window, result.dossier.parent)

    box.buttonClicked.connect(clicked)
    box.open()
    window.handover_result = box  # type: ignore[attr-defined]


def start_open_handover(window: MainWindow) -> QDialog:
    """Ask for the archive and its passphrase; make the new profile; offer to restart on it."""
    from rcm_desktop.ui.dialogs.open_handover_dialog import OpenHandoverDialog

    dialog = OpenHandoverDialog(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _opened(window, dialog.opened, dialog.at_start.isChecked()))
    dialog.open()
    window.open_handover_dialog = dialog  # type: ignore[attr-defined]
    return dialog


def _opened(window: MainWindow, opened: object, at_start: bool) -> None:
    from rcm_desktop.data.services.handover import OpenedHandover
    from rcm_desktop.paths import choose_startup_profile
    from rcm_desktop.ui.data_root import qt_data_root

    if not isinstance(opened, OpenedHandover):
        return
    text = _("The new profile is ready in %(path)s.") % {"path": opened.profile.root}
    if not at_start:
        text += " " + _(
            "RCM Desk still opens your current profile at start; to open the new one, "
            'start RCM Desk with: --profile "%(path)s"'
        ) % {"path": opened.profile.root}
    else:
        try:
            choose_startup_profile(qt_data_root(), opened.profile)
            text += " " + _("RCM Desk opens it from now on.")
        except OSError as error:
            text += " " + _(
                "It could not be made the profile opened at start (%(reason)s): start RCM "
                "Desk with --profile naming its folder."
            ) % {"reason": error.strerror or error}
    box = QMessageBox(
        QMessageBox.Icon.Information,
        APP_NAME,
        text + "\n\n" + _("Restart RCM Desk on it now?"),
        parent=window,
    )
    box.setObjectName("openHandoverResult")
    box.setTextFormat(Qt.TextFormat.PlainText)
    restart = box.addButton(_("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.buttonClicked.connect(
        lambda button: restart_on(window, opened.profile.root) if button is restart else None
    )
    box.open()
    window.handover_result = box  # type: ignore[attr-defined]


def restart_on(window: QWidget, folder: object) -> bool:
    """Start RCM Desk again on the profile in *folder*, then close this window."""
    frozen = getattr(sys, "frozen", False)
    arguments = [] if frozen else ["-m", "rcm_desktop"]
    arguments += ["--profile", str(folder)]
    started = QProcess.startDetached(sys.executable, arguments)
    started = started[0] if isinstance(started, tuple) else bool(started)
    if started:
        window.close()
    return started


def open_handover_first(window: QWidget, context: AppContext, store: object) -> bool:
    """First run on a successor's computer: open the archive as the profile opened at start,
    then restart on it. False when cancelled or not restarted."""
    from rcm_desktop.data.services.handover import OpenedHandover
    from rcm_desktop.paths import choose_startup_profile
    from rcm_desktop.ui.data_root import qt_data_root
    from rcm_desktop.ui.dialogs.open_handover_dialog import OpenHandoverDialog

    dialog = OpenHandoverDialog(context, window)
    dialog.at_start.setChecked(True)
    if dialog.exec() != QDialog.DialogCode.Accepted or not isinstance(
        dialog.opened, OpenedHandover
    ):
        return False
    profile = dialog.opened.profile
    if dialog.at_start.isChecked():
        with contextlib.suppress(OSError):  # the restart below opens it all the same
            choose_startup_profile(qt_data_root(), profile)
    dispose = getattr(store, "dispose", None)
    if dispose is not None:
        dispose()
    return restart_on(window, profile.root)  # type: ignore[arg-type]
