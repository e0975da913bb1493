"""The review screen, continued: what the walkthrough asked for (invitations and session
times, the title and zone at a glance, tables that fit, settled conflicts, the revision's
question, checklist and chooser)."""

# ruff: noqa: F811 (the `window` fixture, imported from test_note_review, is a parameter here)

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
)

from rcm_desktop.data.services.meetings import get_meeting
from rcm_desktop.i18n import _, set_language
from rcm_desktop.ui.dialogs.note_review import NoteReviewDialog
from tests.test_note_review import (  # noqa: F401 (window: the fixture)
    IRREGULAR,
    MIRPS,
    MIRPS_TITLE,
    SEEDS,
    _click,
    _importer,
    _meetings,
    _open,
    _tick,
    window,
)

TIMED = (
    "Reunión virtual del Grupo de Trabajo sobre Gestión de Fronteras\n"
    "15 de marzo de 2027, 10:00 a 12:00 (hora de Ciudad de México)\n"
    "Cada país podrá designar hasta 3 personas por país.\n"
)


def _marks_shown(review: NoteReviewDialog) -> int:
    """The "Not found in the note" marks the user sees, tab by tab."""
    seen = 0
    for index in range(review.tabs.count()):
        review.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        seen += sum(m.isVisibleTo(review) for p in review.panels for m in p.marks.values())
    return seen


def _not_found(review: NoteReviewDialog) -> int:
    return int(review.summary.text().split(" fields not found")[0].split(" · ")[-1])


def test_invitations_and_session_times_are_shown_and_saved(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    _importer(window).open_text(TIMED)
    review = _importer(window).review
    qtbot.waitUntil(review.isVisible)
    participants = review.participants
    observers, civil = participants.observers, participants.civil_society
    assert (observers.currentText(), civil.currentText()) == ("Not stated", "Not stated")
    review.tabs.setCurrentWidget(review.tabs.widget(2))
    assert participants.marks["observers_invited"].isVisibleTo(review)
    assert _not_found(review) == _marks_shown(review)  # the header counts the marks shown
    before = _not_found(review)
    review.tabs.setCurrentIndex(2)
    observers.setFocus()
    qtbot.keyClicks(observers, "Y")
    assert observers.currentText() == "Yes"
    assert not participants.marks["observers_invited"].isVisibleTo(review)
    assert _not_found(review) == before - 1 == _marks_shown(review)

    review.tabs.setCurrentIndex(1)
    times = review.sessions.tab
    assert times.start.isVisibleTo(review)
    assert (times.start.text(), times.end.text()) == ("10:00", "12:00")
    qtbot.mouseClick(times.end, Qt.MouseButton.LeftButton)  # where the note gives them
    line = review.draft.sources["sessions.0.time"][0].line
    assert review.text.textCursor().blockNumber() == line - 1
    times.end.selectAll()
    type_text(times.end, "12:30")
    _click(qtbot, review.create_button)
    meeting = get_meeting(window.context.database, review.saved_id)
    assert meeting is not None
    assert (meeting.observers_invited, meeting.civil_society_invited) == (True, None)
    assert (meeting.sessions[0].start, meeting.sessions[0].end) == (dt.time(10), dt.time(12, 30))


def test_an_invitation_the_note_gives_links_to_its_place(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, MIRPS)
    review.tabs.setCurrentIndex(2)
    participants = review.participants
    assert participants.observers.currentText() == "Yes"
    assert not participants.marks["observers_invited"].isVisibleTo(review)
    qtbot.mouseClick(participants.observers, Qt.MouseButton.LeftButton)
    participants.observers.hidePopup()
    line = review.draft.sources["observers_invited"][0].line
    assert review.text.textCursor().blockNumber() == line - 1
    participants.civil_society.setFocus()
    qtbot.keyClicks(participants.civil_society, "N")
    assert review.collect().civil_society_invited is False


def test_the_title_zone_and_limit_read_at_a_glance(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, SEEDS / "rcm-sacm-plenary-2021-concept-note.txt")
    title = review.general.title
    assert review.focusWidget() is title and title.cursorPosition() == 0  # its beginning shows
    assert title.selectedText() == title.text()  # typing still replaces it
    assert review.general.zone_label.toolTip() == "Time zone as the concept note writes it"
    review.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    limit, mark = review.participants.limit, review.participants.marks["limit_per_country"]
    assert mark.isVisibleTo(review) and mark.height() < 2 * mark.fontMetrics().lineSpacing()
    assert (
        mark.mapTo(review, mark.rect().topLeft()).y()
        >= limit.mapTo(review, limit.rect().bottomLeft()).y()
    )


def test_questions_and_deadlines_fit_their_tables(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, SEEDS / "rcm-sacm-plenary-2021-concept-note.txt")
    review.resize(1280, 800)
    review.tabs.setCurrentIndex(3)
    view = review.questions.questions.view
    qtbot.waitUntil(lambda: view.columnWidth(3) >= view.viewport().width() * 0.45)
    assert view.columnWidth(2) < 100  # Phase: no question has one
    most = view.fontMetrics().lineSpacing() * 8
    assert all(view.rowHeight(row) <= most for row in range(view.model().rowCount()))

    review = _open(qtbot, window, IRREGULAR)
    review.tabs.setCurrentIndex(4)
    due = review.deadlines.deadlines.model.index(0, 2)
    assert due.data() == "Oct 14, 2021"  # 10 working days after Sep 30 in Mexico
    assert due.data(Qt.ItemDataRole.ToolTipRole).startswith("10 working days after Thu 30 Sep 2021")
    assert due.data(Qt.ItemDataRole.EditRole) == ""  # nothing typed: counted when saved


def test_the_choice_message_goes_once_every_value_is_chosen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, SEEDS / "rcm-sacm-plenary-2021-concept-note.txt")
    assert "2 fields given twice" in review.summary.text()
    _click(qtbot, review.create_button)
    assert "session 3, Title of session 6" in review.problems.text()
    review.tabs.setCurrentIndex(1)
    third, sixth = (review.sessions.conflicts[f"sessions.{n}.title"] for n in (2, 5))
    _tick(qtbot, third.buttons[0])
    assert review.problems.isVisibleTo(review) and "session 3" not in review.problems.text()
    assert "1 field given twice" in review.summary.text()
    _tick(qtbot, sixth.buttons[0])
    assert not review.problems.isVisibleTo(review) and "twice" not in review.summary.text()


def _revised_irregular(qtbot, window, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    first = _open(qtbot, window, IRREGULAR)
    first.general.conflicts["dates"].choose(0)
    _click(qtbot, first.create_button)
    text = IRREGULAR.read_text(encoding="utf-8").replace(
        "four Working Groups", "five Working Groups"
    )
    revised = tmp_path / "revised.txt"
    revised.write_text(
        text.replace("10:00 – 10:10 – Welcoming", "10:30 – 10:40 – Welcoming"), encoding="utf-8"
    )
    return revised


def test_cancel_at_the_revision_question_drops_the_import(
    qtbot, window, answer_dialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    revised = _revised_irregular(qtbot, window, tmp_path)
    before = _importer(window).review
    asked: list[str] = []

    def cancel(box: QDialog) -> None:
        asked.extend(button.text() for button in box.buttons())  # type: ignore[attr-defined]
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    answer_dialog(cancel)
    _importer(window).open_file(revised)
    qtbot.waitUntil(lambda: bool(asked))
    assert "Cancel" in asked and _importer(window).review is before and _meetings(window) == 1


def test_the_long_texts_are_left_and_changed_lines_shown(
    qtbot, window, answer_dialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    revised = _revised_irregular(qtbot, window, tmp_path)
    answer_dialog(
        lambda box: next(
            b for b in box.findChildren(QPushButton) if b.text() == "&Compare with it"
        ).click()
    )
    review = _open(qtbot, window, revised)
    boxes = review.revision.boxes
    assert set(boxes) == {"context", "sessions"}
    assert not boxes["context"].isChecked() and boxes["sessions"].isChecked()
    assert review.revision.texts_left.isVisibleTo(review)
    assert review.revision.legend.isVisibleTo(review)  # what the highlights mean
    shown = review.revision.findChild(type(review.revision.heading), "proposed_context").text()
    marked = [part.split("</span>")[0] for part in shown.split('color: black;">')[1:]]
    assert marked == ["five"]  # the one word the organiser changed, not its whole line
    recorded = review.revision.findChild(type(review.revision.heading), "current_sessions").text()
    assert "10:00" in recorded.split("</span>")[0].split('color: black;">')[-1]


def test_a_one_character_change_is_pointed_at() -> None:
    from rcm_desktop.ui.dialogs.note_review_revision import NEW_COLOUR, marked_words

    shown = marked_words(
        "Framework: Regional Conference", "Framework Regional  Conference", NEW_COLOUR
    )
    assert shown is not None
    marked = [part.split("</span>")[0] for part in shown.split('color: black;">')[1:]]
    assert marked == ["Framework:"]
    assert marked_words("Same  words\nhere", "Same words here", NEW_COLOUR) is None  # blanks aside


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_chooser_offers_the_meeting_found_whole(
    qtbot, window, answer_dialog, language: str
) -> None:  # type: ignore[no-untyped-def]
    first = _open(qtbot, window, MIRPS)
    _click(qtbot, first.create_button)
    newer = _open(qtbot, window, IRREGULAR)
    newer.general.conflicts["dates"].choose(0)
    _click(qtbot, newer.create_button)
    set_language(language)
    new = _("Create a &new meeting")
    answer_dialog(
        lambda box: next(b for b in box.findChildren(QPushButton) if b.text() == new).click()
    )
    review = _open(qtbot, window, MIRPS)
    assert review.stack.currentWidget() is review.tabs
    seen: list[tuple[object, ...]] = []

    def look(dialog: QDialog) -> None:
        combo = dialog.findChild(QComboBox, "revisedMeeting")
        search = dialog.findChild(QLineEdit, "revisedMeetingSearch")
        qtbot.waitUntil(lambda: combo.count() == 2)
        words = search.fontMetrics().horizontalAdvance(search.placeholderText())
        seen.append((combo.currentData(), combo.toolTip(), combo.view().textElideMode()))
        fits = words + 40 <= search.width()  # the placeholder beside the clear button
        seen.append((search.placeholderText(), fits, combo.width() > dialog.width() * 0.9))
        dialog.reject()

    answer_dialog(look)
    _click(qtbot, review.revises_button)
    assert seen[0][0] == first.saved_id and seen[0][1].endswith(MIRPS_TITLE)  # not the newest
    assert seen[0][2] == Qt.TextElideMode.ElideMiddle
    assert seen[1] == (_("Find a meeting…"), True, True)


def test_the_sessions_follow_the_day_chosen_for_the_meeting(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Choosing the note's other date moves the session that was on the first one, so the
    meeting saves on the day chosen (the walkthrough's clash at Create)."""
    review = _open(qtbot, window, IRREGULAR)
    choice = review.general.conflicts["dates"]
    september = next(b for b in choice.buttons if "Sep 30" in b.text())
    _tick(qtbot, september)
    review.tabs.setCurrentIndex(1)
    assert review.sessions.tab.sessions()[0].date == dt.date(2021, 9, 30)
    assert review.sessions.tab.date.value() == dt.date(2021, 9, 30)  # what the user sees
    _click(qtbot, review.create_button)
    assert not review.isVisible()
    meeting = get_meeting(window.context.database, review.saved_id)
    assert meeting is not None and meeting.start_date == dt.date(2021, 9, 30)
    assert meeting.sessions[0].date == dt.date(2021, 9, 30)
