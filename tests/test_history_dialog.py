"""The History… button: a person's timeline in sentences, filtered, and going back a version."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from rcm_desktop.data.db import Database
from rcm_desktop.i18n import set_language
from rcm_desktop.paths import Profile
from tests.conftest import app_context


def _page(qtbot, profile: Profile, database: Database, page_class):  # type: ignore[no-untyped-def]
    """A page over the demo store, at the window's default size, shown offscreen."""
    page = page_class(app_context(profile, database))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.store_ready()
    return page


def _open_history(qtbot, button: QPushButton):  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.dialogs.history_dialog import HistoryDialog

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.timeline.topLevelItemCount() > 0)
    return dialog


def _rows(dialog) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [dialog.timeline.topLevelItem(i).text(c) for c in range(3)]
        for i in range(dialog.timeline.topLevelItemCount())
    ]


def test_a_person_edited_twice_goes_back_to_the_first_version(
    qtbot, profile: Profile, demo_database: Database, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.services.directory import get_person, save_person
    from rcm_desktop.ui.pages.directory import DirectoryPage

    page = _page(qtbot, profile, demo_database, DirectoryPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.table.selectRow(0)
    person = page.current()
    database = demo_database
    for institution in ("Cancillería", "Dirección General de Migración y Extranjería"):
        row = get_person(database, person.id)
        fields = row.fields()
        save_person(
            database,
            type(fields)(**{**fields.__dict__, "institution": institution}),
            person.id,
            confirm_similar=True,
            version=row.version,
        )
    dialog = _open_history(qtbot, page.history_button)
    assert person.full_name in dialog.windowTitle()
    rows = _rows(dialog)
    assert rows[0][2].startswith("Directory entry “")
    assert "institution “Cancillería” → “Dirección General de Migración" in rows[0][2]
    assert rows[0][1].startswith(database.identity)  # and the database user on a server
    # The filter keeps only what is asked for: a person's changes are "details".
    dialog.kind.setCurrentIndex(dialog.kind.findData("delegation"))
    qtbot.waitUntil(lambda: dialog.timeline.topLevelItemCount() != len(rows))
    dialog.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.timeline.topLevelItemCount() == len(rows))
    dialog.timeline.setCurrentItem(dialog.timeline.topLevelItem(1))  # the change to Cancillería
    assert "before:" in dialog.details.text()
    assert dialog.go_back.isEnabled()
    if os.environ.get("RCM_DESK_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["RCM_DESK_SCREENSHOTS"]) / "history.png"))
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(dialog.go_back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_person(database, person.id).institution == "Cancillería")
    qtbot.waitUntil(lambda: "Cancillería" in _rows(dialog)[0][2])
    dialog.close()


def test_the_history_reads_in_spanish(qtbot, profile: Profile, demo_database: Database) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.pages.meetings import MeetingsPage

    set_language("es")
    try:
        page = _page(qtbot, profile, demo_database, MeetingsPage)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: page.selected_meeting() is not None)
        assert page.history_button.text() == "&Historial…"
        dialog = _open_history(qtbot, page.history_button)
        assert dialog.windowTitle().startswith("Historial de “")
        texts = " ".join(row[2] for row in _rows(dialog))
        assert "añadida" in texts or "añadido" in texts
        if os.environ.get("RCM_DESK_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["RCM_DESK_SCREENSHOTS"]) / "history-es.png"))
        dialog.close()
    finally:
        set_language("en")
    assert QApplication.instance() is not None
