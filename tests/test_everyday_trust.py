"""Smaller promises of "Everyday trust": every problem beside its field at once, and a very long
meeting title elided in pickers rather than widening them past the screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.meeting_editing import save_meeting
from rcm_desktop.domain.meetings import MeetingDraft
from rcm_desktop.paths import Profile
from rcm_desktop.ui.dialogs.person_editor import PersonEditor
from rcm_desktop.ui.widgets.meeting_picker import MeetingPicker
from tests.conftest import app_context


def test_the_person_form_shows_every_problem_beside_its_field_at_once(
    qtbot, type_text, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    editor = PersonEditor(app_context(profile, database))
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.inputs["full_name"], "Íngrid Zelaya Peña")
    type_text(editor.inputs["email"], "izelaya@migracion")
    type_text(editor.inputs["phone"], "+504 2234-ABCD")
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    shown = {field: label.text() for field, label in editor.messages.items() if label.isVisible()}
    assert set(shown) == {"institution", "email", "phone"}, shown
    assert "needs a dot" in shown["email"] and "cannot be in a phone number" in shown["phone"]
    type_text(editor.inputs["email"], ".hn")
    assert not editor.messages["email"].isVisible(), "a message goes once its field is edited"
    assert editor.messages["institution"].isVisible() and editor.messages["phone"].isVisible()
    assert editor.inputs["full_name"].text() == "Íngrid Zelaya Peña"


def test_a_300_character_title_is_elided_in_the_meeting_picker(
    qtbot, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    title = "Reunión " + " ".join(["extraordinaria de seguimiento y evaluación"] * 7)
    assert len(title) > 300
    save_meeting(database, MeetingDraft(title=title, start_date=dt.date(2027, 3, 15)))
    picker = MeetingPicker(app_context(profile, database), None)
    qtbot.addWidget(picker)
    picker.reload()
    picker.show()
    qtbot.waitUntil(lambda: picker.combo.count() >= 1)
    screen = picker.screen().availableGeometry().width()
    assert picker.sizeHint().width() < min(screen, 900)
    assert title in picker.combo.itemData(picker.combo.count() - 1, Qt.ItemDataRole.ToolTipRole)
