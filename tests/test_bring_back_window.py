"""File ▸ Bring back…: conflicts settled on the conflicts screen, then the work is on the server."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from rcm_desktop.data.db import Database, sqlite_url
from rcm_desktop.data.services import meeting_editing
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.take_home import take_home
from rcm_desktop.paths import Profile


def _server(tmp_path: Path) -> tuple[Database, str]:
    from rcm_desktop.data.demo import load_demo

    profile = Profile(tmp_path / "server").ensure()
    server = open_database(profile)
    prepare_store(server, profile)
    load_demo(server)
    return server, sqlite_url(profile.database_path).render_as_string()


SERVER_NOTES = (
    "Notas del servidor: la sede cambió a San José, Costa Rica; la interpretación será en "
    "inglés y español, y la Secretaría enviará la lista de participantes el lunes."
)


def _rename(store: Database, notes: str) -> None:
    draft = meeting_editing.load_draft(store, 1)
    meeting_editing.save_meeting(store, dataclasses.replace(draft, notes=notes))


def test_conflicts_are_settled_on_their_screen(
    qtbot, open_window, tmp_path: Path, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog

    server, url = _server(tmp_path)
    home_profile = Profile(tmp_path / "home").ensure()
    home = open_database(home_profile)
    take_home(server, home, url)
    _rename(home, "Notas de casa, ñ")
    home.dispose()
    _rename(server, SERVER_NOTES)

    window = open_window(home_profile, demo=False)
    assert window.open_store()
    action = window.findChild(QAction, "bringBackAction")
    qtbot.waitUntil(lambda: action.isVisible())
    label = window.findChild(QLabel, "checkoutLabel")
    assert label is not None and "A copy taken home" in label.text()
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ConflictsDialog)
                    or any(isinstance(w, ConflictsDialog) and w.isVisible()
                           for w in QApplication.topLevelWidgets()))  # fmt: skip
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ConflictsDialog) and w.isVisible()
    )
    head = dialog.table.topLevelItem(0)
    assert head.text(0).startswith("Meeting “") and "Changed here and on the server" in head.text(0)
    row = head.child(0)
    assert row.text(0) == "Notes"
    assert row.text(1) == "“Notas de casa, ñ”"
    assert " ".join(row.text(2).split()).startswith(f"“{SERVER_NOTES}” (")  # whole, wrapped
    assert not dialog.bring.isEnabled()  # a choice is needed first
    if os.environ.get("RCM_DESK_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["RCM_DESK_SCREENSHOTS"]) / "conflicts.png"))
    picker = dialog.pickers[0][0]
    picker.setCurrentIndex(picker.findData("mine"))
    assert dialog.bring.isEnabled()
    answer_dialog(lambda box: box.accept())  # the summary once it is done
    dialog.bring.click()
    qtbot.waitUntil(lambda: meeting_editing.load_draft(server, 1).notes == "Notas de casa, ñ")
    qtbot.waitUntil(lambda: window.context.database is not None)
    assert meeting_editing.load_draft(window.context.database, 1).notes == "Notas de casa, ñ"
    server.dispose()
