"""The form base every editor uses, driven by keys: every problem at once beside its field, each
cleared as soon as its field is edited, and Save done off the UI thread with the form kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.directory import count_people
from rcm_desktop.paths import Profile
from rcm_desktop.ui.dialogs.person_editor import PersonEditor
from rcm_desktop.ui.style import ERROR_COLOUR
from tests.conftest import app_context


def _editor(qtbot, profile: Profile, database: Database, *, threads: bool = False) -> PersonEditor:  # type: ignore[no-untyped-def]
    context = app_context(profile, database, synchronous=not threads)
    editor = PersonEditor(context)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _save(qtbot, editor: PersonEditor) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_every_problem_is_shown_at_once_beside_its_field(
    qtbot, profile: Profile, database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, profile, database)
    qtbot.keyClicks(editor.inputs["email"], "ana@inm")
    qtbot.keyClicks(editor.inputs["phone"], "22A")
    _save(qtbot, editor)
    shown = {
        field: label.text()
        for field, label in editor.messages.items()
        if label.isVisible() and label.text()
    }
    assert set(shown) == {"full_name", "institution", "email", "phone"}
    assert "needs a dot" in shown["email"] and "“A” cannot be in a phone number" in shown["phone"]
    assert ERROR_COLOUR in editor.messages["email"].styleSheet()
    assert editor.focusWidget() is editor.inputs["full_name"], "the first field to fix has focus"
    assert count_people(database) == 0


def test_a_message_goes_as_soon_as_its_field_is_edited(
    qtbot, profile: Profile, database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, profile, database)
    _save(qtbot, editor)
    assert editor.messages["full_name"].isVisible() and editor.messages["institution"].isVisible()
    qtbot.keyClicks(editor.inputs["full_name"], "Ana")
    assert not editor.messages["full_name"].isVisible()
    assert editor.messages["institution"].isVisible(), "the other message stays until fixed"


def test_save_runs_off_the_ui_thread_and_keeps_the_form(
    qtbot, type_text, profile: Profile, database: Database
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, profile, database, threads=True)
    type_text(editor.inputs["full_name"], "Ana Peña")
    type_text(editor.inputs["institution"], "Instituto Nacional de Migración")
    saved = []
    editor.accepted.connect(lambda: saved.append(editor.saved_id))
    _save(qtbot, editor)
    assert (
        editor.saving
        and not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    )
    assert editor.inputs["full_name"].text() == "Ana Peña"
    qtbot.waitUntil(lambda: bool(saved))
    assert saved[0] is not None and count_people(database) == 1
