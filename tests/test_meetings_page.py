"""The meetings page over the demo profile: filters, sorting, both time zones, status, copy, attachments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from rcm_desktop.data.services.meeting_editing import load_draft, status_history
from rcm_desktop.paths import Profile


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.model.row_at(row).title[:12] for row in range(page.model.rowCount())]


def _select(page, prefix: str) -> int:  # type: ignore[no-untyped-def]
    row = next(
        r for r in range(page.model.rowCount()) if page.model.row_at(r).title.startswith(prefix)
    )
    page.table.selectRow(row)
    return page.model.id_at(row)


def test_typing_in_the_search_box_filters_and_is_remembered(
    qtbot, open_window, type_text, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    page = window.meetings
    assert len(_titles(page)) == 3
    type_text(page.search, "plenary")
    assert _titles(page) == ["II Plenary M"]
    assert page.count_label.text() == "1 meeting matches the filters"
    qtbot.waitUntil(lambda: page.view.toPlainText().startswith("II Plenary"))  # once typing pauses
    page.search.clear()
    page.forum_filter.setCurrentIndex(page.forum_filter.findData("MIRPS"))
    assert _titles(page) == ["Workshop on "]
    window.close()

    again = open_window(profile)
    again.open_store()
    again.show_page(1)
    assert again.meetings.forum_filter.currentData() == "MIRPS"
    assert _titles(again.meetings) == ["Workshop on "]
    qtbot.mouseClick(again.meetings.clear_button, Qt.MouseButton.LeftButton)
    assert len(_titles(again.meetings)) == 3


def test_clicking_a_header_sorts_in_the_database(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    page = window.meetings
    assert _titles(page) == ["Second Follo", "II Plenary M", "Workshop on "]  # newest first
    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert _titles(page) == ["II Plenary M", "Second Follo", "Workshop on "]
    page.table.horizontalHeader().setSortIndicator(
        2, Qt.SortOrder.AscendingOrder
    )  # forums: not sortable
    assert _titles(page) == ["II Plenary M", "Second Follo", "Workshop on "]


def test_view_shows_the_organisers_time_and_the_users_time(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.context.preferences.set("time_zone", "America/Mexico_City")
    window.open_store()
    window.show_page(1)
    _select(window.meetings, "Workshop")
    text = window.meetings.view.toPlainText()
    assert "9:00 AM–11:00 AM Costa Rica Time (UTC−06:00)" in text, "CLDR's name, not as typed"
    assert "10:00 AM–12:00 PM your time, Mexico City (UTC−05:00)" in text
    assert "Your time" in text


def test_change_status_and_duplicate_from_the_page(
    qtbot, open_window, answer_dialog, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    page = window.meetings
    meeting_id = _select(page, "Second Follow")

    def follow_up_done(dialog: QDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findText("Follow-up done"))
        dialog.note.setText("Comments sent to the PPT")
        dialog.accept()

    answer_dialog(follow_up_done)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert status_history(window.context.database, meeting_id)[-1][2] == "Comments sent to the PPT"
    assert "Follow-up done — Comments sent to the PPT" in page.view.toPlainText()

    def accept(dialog: QDialog) -> None:
        dialog.accept()

    answer_dialog(accept)
    qtbot.mouseClick(page.duplicate_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
    copy = load_draft(window.context.database, page.view.meeting_id)
    assert copy.start_date.isoformat() == "2022-01-01" and copy.title.startswith("Second Follow")


def test_attach_a_file_and_delete_a_meeting(
    qtbot, open_window, answer_dialog, profile: Profile, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    page = window.meetings
    _select(page, "II Plenary")
    note = tmp_path / "Nota conceptual CRM-CSM.pdf"
    note.write_bytes(b"%PDF-1.4")
    page.attach_file(str(note))
    assert "Nota conceptual CRM-CSM.pdf" in page.view.toPlainText()
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert _titles(page) == ["Second Follo", "Workshop on "]
