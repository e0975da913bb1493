"""The Documents & deadlines page driven as a user would, over the demo profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.paths import Profile


def _page(open_window, profile: Profile):  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(3)
    return window, window.current_page().deadlines  # the "Deadlines" tab


def test_demo_deadline_shows_urgency_explanation_and_own_calendar(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window, page = _page(open_window, profile)
    assert page.model.rowCount() == 2  # the comment window, after a demo document's deadline
    page.table.selectRow(1)
    assert page.model.index(1, 0).data() == "Overdue"
    assert page.model.index(1, 5).data() == "Mexico"
    text = page.explanation.text()
    assert "10 working days after Thu 30 Sep 2021, Mexico's calendar: Thu 14 Oct 2021" in text
    assert "On your own country's calendar it would be Tuesday, October 19, 2021." in text
    assert window.navigation.item(3).text() == "Documents & deadlines (4)"  # 2 documents too
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert (
        page.model.rowCount() == 1
        and window.navigation.item(3).text() == "Documents & deadlines (3)"
    )


def test_add_a_deadline_counted_from_a_session(
    qtbot, open_window, answer_dialog, type_text, type_date, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window, page = _page(open_window, profile)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.title, "Nominations for the workshop")
        dialog.kind.setCurrentIndex(dialog.kind.findText("Nominations"))
        dialog.meeting.combo.setCurrentIndex(
            dialog.meeting.combo.findText("Workshop", Qt.MatchFlag.MatchContains)
        )
        dialog.days.setValue(3)
        dialog.anchor_kind.setCurrentIndex(dialog.anchor_kind.findText("A session"))
        dialog.anchor_session.setCurrentIndex(1)
        dialog.calendar.setCurrentIndex(dialog.calendar.findData("CR"))
        qtbot.waitUntil(lambda: "3 working days after" in dialog.preview.text())
        assert "Costa Rica's calendar: Mon 12 Oct 2020" in dialog.preview.text(), "before saving"
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    answer_dialog(fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    rows = {row.title: row for row in list_deadlines(window.context.database)}
    assert rows["Nominations for the workshop"].due == dt.date(
        2020, 10, 12
    )  # 3 working days after Wed 7 Oct
    assert page.model.rowCount() == 3


def test_a_closure_added_in_the_dialog_moves_the_deadline(
    qtbot, open_window, answer_dialog, type_date, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    _window, page = _page(open_window, profile)
    page.table.selectRow(1)  # the comment window

    def close_the_11th(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.country.setCurrentIndex(dialog.country.findData("MX"))
        type_date(dialog.day, "11 Oct 2021")
        dialog.reason.setText("Puente decretado")
        dialog.add_button.click()
        assert dialog.message.text() == "1 deadline moved."
        assert "Monday, October 11, 2021 — Mexico (Puente decretado)" in dialog.list.item(0).text()
        dialog.reject()

    answer_dialog(close_the_11th)
    qtbot.mouseClick(page.closures_button, Qt.MouseButton.LeftButton)
    assert page.model.index(1, 1).data() == "Oct 15, 2021"
    assert "Mon 11 Oct (closure)" in page.explanation.text()


def test_export_the_calendar(qtbot, open_window, profile: Profile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, page = _page(open_window, profile)
    page.export_calendar(str(tmp_path / "rcm.ics"))
    assert (tmp_path / "rcm.ics").read_bytes().count(b"BEGIN:VEVENT") == 5
    assert "Calendar written to" in page.explanation.text()
