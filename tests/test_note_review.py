"""Importing a concept note as a user does: open the file (or drop it, or paste its text), read
the review beside the note, correct a field, settle what the note gives twice, save; a file
that is not a note is refused; a revised note is compared with its meeting, and only the
changes checked are applied."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
)
from shiboken6 import isValid
from sqlalchemy import func, select

from rcm_desktop.data.models import Meeting, Seat
from rcm_desktop.data.services.attachments import list_attachments
from rcm_desktop.data.services.meetings import get_meeting
from rcm_desktop.i18n import _, current_language, set_language
from rcm_desktop.paths import Profile
from rcm_desktop.ui.dialogs.note_review import NoteReviewDialog
from rcm_desktop.ui.note_import import NoteImport, PasteNoteDialog, note_import
from rcm_desktop.ui.pages.registry import PAGES
from tests.test_accessibility import unnamed_controls

SEEDS = Path(__file__).parent / "data" / "seeds"
MIRPS = SEEDS / "mirps-workshop-2020-concept-note.txt"
IRREGULAR = SEEDS / "irregular-mass-migration-followup-2021-concept-note.txt"
MIRPS_TITLE = (
    "Workshop on the Comprehensive Regional Protection and Solutions Framework "
    "Regional Conference on Migration and MIRPS"
)
#: The first bytes of a PNG picture.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.fixture
def window(qtbot, open_window, answer_dialog, profile: Profile):  # type: ignore[no-untyped-def]
    """The window over a new, empty profile (Costa Rica's delegation, in English)."""

    def first_run(dialog: QDialog) -> None:
        dialog.country.set_code("CR")  # type: ignore[attr-defined]
        dialog.language.set_code("en")  # type: ignore[attr-defined]
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    window = open_window(profile, demo=False)
    answer_dialog(first_run)
    assert window.open_store()
    assert current_language() == "en"
    yield window
    review = note_import(window).review  # the last review opened (an import deletes the one before)
    if review is not None and isValid(review):
        review.done(0)  # closed without the question about edits


def _importer(window) -> NoteImport:  # type: ignore[no-untyped-def]
    return note_import(window)


def _open(qtbot, window, path: Path) -> NoteReviewDialog:  # type: ignore[no-untyped-def]
    """Import *path* the way the Meetings menu does; the review it opens."""
    importer = _importer(window)
    importer.open_file(path)
    review = importer.review
    assert review is not None
    qtbot.waitUntil(review.isVisible)
    return review


def _click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click a check box or radio button on its box (its row may be wider than its text)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))


def _meetings(window) -> int:  # type: ignore[no-untyped-def]
    with window.context.database.session() as session:
        return session.scalar(select(func.count(Meeting.id)))


def test_the_review_shows_what_the_note_gives_and_where(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, MIRPS)
    general = review.general
    assert general.title.text() == MIRPS_TITLE
    assert general.first_day.value() == dt.date(2020, 10, 6)
    assert general.last_day.value() == dt.date(2020, 10, 7)
    assert "Costa Rica" in general.zone.currentText()
    assert general.zone_label.text() == "San José time"
    assert general.modality.currentText() == "Virtual"

    sessions = review.sessions.tab
    assert sessions.list.count() == 2
    counts = []
    for row in range(2):
        sessions.list.setCurrentRow(row)
        counts.append(sessions.agenda_view.model().rowCount())
    assert counts == [6, 5]
    assert review.participants.limit.value() == 2
    assert review.participants.seats.model.rowCount() == 3

    # what the note does not give is empty and marked; what it gives is not
    assert general.platform.text() == ""
    assert general.marks["platform"].isVisibleTo(review)
    assert general.marks["platform"].text() == "Not found in the note"
    assert not general.marks["title"].isVisibleTo(review)
    review.tabs.setCurrentIndex(3)
    assert review.questions.marks["guiding_questions"].isVisibleTo(review)
    review.tabs.setCurrentIndex(2)
    assert not review.participants.marks["limit_per_country"].isVisibleTo(review)
    review.tabs.setCurrentIndex(0)

    # every value read is highlighted in the note, and a field shows where it came from
    assert len(review.text.extraSelections()) >= 20
    title_line = review.draft.sources["title"][0].line
    review.text.moveCursor(review.text.textCursor().MoveOperation.End)
    qtbot.mouseClick(general.title, Qt.MouseButton.LeftButton)
    assert review.text.textCursor().blockNumber() == title_line - 1
    flashed = len(review.text.extraSelections())
    assert flashed > len(review.text._base)  # the title's place flashes

    review.tabs.setCurrentWidget(review.tabs.widget(2))
    review.participants.seats.view.setFocus()
    review.participants.seats.view.selectRow(2)
    seat_line = review.draft.sources["seats.2"][0].line
    assert review.text.textCursor().blockNumber() == seat_line - 1

    for index in range(review.tabs.count()):  # a screen reader names every control
        review.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert unnamed_controls(review) == [], review.tabs.tabText(index)


def test_edit_a_field_and_create_the_meeting(qtbot, window, type_text, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, MIRPS)
    title = review.general.title
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(title, "Joint RCM–MIRPS Workshop on Protection")
    _click(qtbot, review.create_button)

    assert not review.isVisible()
    meeting_id = review.saved_id
    database = window.context.database
    meeting = get_meeting(database, meeting_id)
    assert meeting is not None
    assert meeting.title == "Joint RCM–MIRPS Workshop on Protection"
    assert (meeting.start_date, meeting.end_date) == (dt.date(2020, 10, 6), dt.date(2020, 10, 7))
    assert meeting.time_zone == "America/Costa_Rica"
    assert meeting.max_participants_per_country == 2
    assert [len(session.agenda) for session in meeting.sessions] == [6, 5]
    assert meeting.sessions[1].title == "Participatory Segment"
    with database.session() as session:
        seats = session.scalars(
            select(Seat).where(Seat.meeting_id == meeting_id).order_by(Seat.position)
        ).all()
        assert len(seats) == 3 and seats[2].beyond_limit
    attached = list_attachments(database, profile, meeting_id)
    assert [item.sha256 for item in attached] == [hashlib.sha256(MIRPS.read_bytes()).hexdigest()]

    # the Meetings page shows it, and the status bar says so
    meetings = next(i for i, spec in enumerate(PAGES) if spec.key == "meetings")
    assert window.stack.currentIndex() == meetings
    qtbot.waitUntil(lambda: window.meetings.view.meeting_id == meeting_id)
    assert window.statusBar().currentMessage() == "Meeting created from the concept note"


def test_a_missing_title_is_named_beside_its_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, MIRPS)
    review.general.title.clear()
    review.tabs.setCurrentIndex(1)
    _click(qtbot, review.create_button)
    assert review.isVisible()
    assert review.tabs.currentIndex() == 0
    message = review.general.errors["title"]
    assert message.isVisibleTo(review) and "title" in message.text()
    assert _meetings(window) == 0
    review.general.modality.setCurrentIndex(0)  # nothing typed is lost by the refusal
    assert review.participants.seats.model.rowCount() == 3


def test_saving_waits_until_the_note_s_two_dates_are_settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, IRREGULAR)
    choice = review.general.conflicts["dates"]
    assert "2 different values" in choice.prompt.text()
    _click(qtbot, review.create_button)
    assert review.isVisible() and _meetings(window) == 0
    assert "Dates" in review.problems.text()

    october, september = (
        next(b for b in choice.buttons if day in b.text()) for day in ("Oct 1", "Sep 30")
    )
    _tick(qtbot, september)
    assert review.general.first_day.value() == dt.date(2021, 9, 30)
    place = choice.conflict.sources[1]  # where the note says 30 September
    assert "September 30" in review.text.document().findBlockByNumber(place.line - 1).text()
    assert review.text.textCursor().blockNumber() == place.line - 1
    _tick(qtbot, october)
    assert review.general.first_day.value() == dt.date(2021, 10, 1)
    _click(qtbot, review.create_button)

    assert not review.isVisible()
    meeting = get_meeting(window.context.database, review.saved_id)
    assert meeting is not None and meeting.start_date == dt.date(2021, 10, 1)
    assert meeting.title.startswith("Second Follow-up and Evaluation Meeting")


def test_a_file_that_is_not_a_note_is_refused(qtbot, window, answer_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "concept-note.pdf"
    picture.write_bytes(PNG + bytes(range(256)) * 4)
    said: list[str] = []

    def read_refusal(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    answer_dialog(read_refusal)
    _importer(window).open_file(picture)
    qtbot.waitUntil(lambda: bool(said))
    assert "concept-note.pdf" in said[0]
    assert _importer(window).review is None
    assert _importer(window).progress is None
    assert _meetings(window) == 0


def test_pasted_text_opens_the_review(qtbot, window, answer_dialog, type_text) -> None:  # type: ignore[no-untyped-def]
    def paste(dialog: QDialog) -> None:
        assert isinstance(dialog, PasteNoteDialog)
        assert not dialog.read_button.isEnabled()
        QGuiApplication.clipboard().setText(IRREGULAR.read_text(encoding="utf-8"))
        dialog.text.setFocus()
        qtbot.keyClick(dialog.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
        type_text(dialog.text, "Sent from my phone")
        assert dialog.read_button.isEnabled()
        _click(qtbot, dialog.read_button)

    answer_dialog(paste)
    _importer(window).paste_text()
    review = _importer(window).review
    assert review is not None
    assert review.isVisible()
    assert review.general.title.text().startswith("Second Follow-up and Evaluation Meeting")
    assert review.general.body.currentData() == "RCM-WG-IMM"


def test_a_file_dropped_on_the_meetings_page_opens_the_review(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "meetings"))
    page = window.meetings
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(MIRPS))])
    where = QPointF(page.width() / 2, page.height() / 2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()  # the page takes the file
    drop = QDropEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    review = _importer(window).review
    assert review is not None
    assert review.general.title.text() == MIRPS_TITLE


def test_escape_asks_before_discarding_an_edited_draft(
    qtbot, window, answer_dialog, type_text
) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, MIRPS)
    type_text(review.general.platform, "Zoom")
    asked: list[str] = []

    def keep(box: QDialog) -> None:
        asked.append(box.text())  # type: ignore[attr-defined]
        box.button(QMessageBox.StandardButton.Cancel).click()  # type: ignore[attr-defined]

    answer_dialog(keep)
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert asked and asked[0].startswith("Discard the draft?")
    assert review.isVisible() and review.general.platform.text() == "Zoom"

    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert not review.isVisible()
    assert _meetings(window) == 0


def test_a_revised_note_is_compared_and_only_the_checked_change_applied(
    qtbot, window, answer_dialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = _open(qtbot, window, IRREGULAR)
    first.general.conflicts["dates"].choose(0)
    _click(qtbot, first.create_button)
    meeting_id = first.saved_id
    assert meeting_id is not None

    revised = tmp_path / "irregular-revised.txt"
    text = IRREGULAR.read_text(encoding="utf-8")
    text = text.replace(
        "SECOND FOLLOW-UP AND EVALUATION MEETING TO IDENTIFY TRENDS ON IRREGULAR AND MASS MIGRATION",
        "SECOND FOLLOW-UP AND EVALUATION MEETING ON IRREGULAR AND MASS MIGRATION TRENDS",
        1,
    ).replace("10:00 – 10:10 – Welcoming", "10:30 – 10:40 – Welcoming")
    revised.write_text(text, encoding="utf-8")
    asked: list[str] = []

    def compare(box: QDialog) -> None:
        asked.append(box.text())  # type: ignore[attr-defined]
        next(b for b in box.findChildren(QPushButton) if b.text() == "&Compare with it").click()

    answer_dialog(compare)
    review = _open(qtbot, window, revised)
    assert asked and "Second Follow-up and Evaluation Meeting to Identify Trends" in asked[0]
    assert "Oct 1, 2021" in asked[0]
    assert review.stack.currentWidget() is review.revision
    boxes = review.revision.boxes
    assert {"title", "sessions"} <= set(boxes)
    assert all(box.isChecked() for box in boxes.values())
    proposed = review.revision.findChild(type(review.revision.heading), "proposed_title").text()
    assert QTextDocumentFragment.fromHtml(proposed).toPlainText() == (
        "Second Follow-up and Evaluation Meeting on Irregular and Mass Migration Trends"
    )
    assert '">Trends</span>' in proposed  # the word the revision added, marked

    _click(qtbot, review.revision.check_none)
    _tick(qtbot, boxes["title"])
    _click(qtbot, review.apply_button)
    assert review.problems.text() == "" and review.revision.accepted() == {"title"}
    assert not review.isVisible()
    meeting = get_meeting(window.context.database, meeting_id)
    assert meeting is not None
    assert (
        meeting.title
        == "Second Follow-up and Evaluation Meeting on Irregular and Mass Migration Trends"
    )
    assert meeting.sessions[0].agenda[0].start == dt.time(10, 0)  # the sessions were not taken
    assert _meetings(window) == 1
    assert window.statusBar().currentMessage() == "Meeting updated from the concept note"


def test_the_review_chooses_the_meeting_a_note_revises(qtbot, window, answer_dialog) -> None:  # type: ignore[no-untyped-def]
    first = _open(qtbot, window, MIRPS)
    _click(qtbot, first.create_button)
    review = _open(qtbot, window, IRREGULAR)  # another meeting: no question asked
    assert review.stack.currentWidget() is review.tabs

    def choose(dialog: QDialog) -> None:
        combo = dialog.findChild(QComboBox, "revisedMeeting")
        qtbot.waitUntil(lambda: combo.count() > 0)
        combo.setCurrentIndex(combo.findData(first.saved_id))
        dialog.accept()

    answer_dialog(choose)
    _click(qtbot, review.revises_button)
    assert review.stack.currentWidget() is review.revision
    assert "title" in review.revision.boxes
    _click(qtbot, review.draft_button)
    assert review.stack.currentWidget() is review.tabs


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_review_fits_and_speaks_the_interface_language(
    qtbot, window, language: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    review = _open(qtbot, window, IRREGULAR)
    assert review.tabs.tabText(0) == _("General")
    assert review.create_button.text() == _("Create the &meeting")
    assert review.general.marks["platform"].text() == _("Not found in the note")
    for size in (review.size(), (1280, 800)):
        if isinstance(size, tuple):
            review.resize(*size)
        QApplication.processEvents()
        assert review.grab().save(str(tmp_path / f"review-{review.width()}.png"))
        for button in review.findChildren(QPushButton):
            if button.isVisibleTo(review):
                words = button.text().replace("&", "")
                assert button.fontMetrics().horizontalAdvance(words) <= button.width(), words


def test_a_meeting_changed_meanwhile_is_compared_again(qtbot, window, answer_dialog) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting

    first = _open(qtbot, window, MIRPS)
    _click(qtbot, first.create_button)
    database, meeting_id = window.context.database, first.saved_id

    review = _open(qtbot, window, IRREGULAR)
    answer_dialog(lambda dialog: dialog.accept())  # the chooser, on the meeting it offers first
    _click(qtbot, review.revises_button)
    assert review.revised_id == meeting_id and review.plan is not None
    stale = review.plan.version
    stored = load_draft(database, meeting_id)
    save_meeting(database, replace(stored, notes="Someone else's note"))  # another user's save

    asked: list[str] = []

    def compare_again(box: QDialog) -> None:
        asked.append(box.text())  # type: ignore[attr-defined]
        next(b for b in box.findChildren(QPushButton) if b.text() == "Compare &again").click()

    answer_dialog(compare_again)
    _click(qtbot, review.apply_button)
    assert asked and "Nothing was applied" in asked[0]
    assert review.isVisible() and review.plan is not None and review.plan.version != stale
    _click(qtbot, review.apply_button)
    assert not review.isVisible()
    meeting = get_meeting(database, meeting_id)
    assert meeting is not None and meeting.title.startswith("Second Follow-up")
    assert meeting.notes == "Someone else's note"  # their change stands


def test_reading_and_saving_run_off_the_ui_thread(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.tasks import TaskRunner

    window.context.tasks = TaskRunner(window)  # real threads, as in the application
    importer = _importer(window)
    importer.open_file(MIRPS)
    assert importer.progress is not None  # busy while the note is read
    qtbot.waitUntil(lambda: importer.review is not None and importer.review.isVisible())
    assert importer.progress is None
    review = importer.review
    review.general.title.setFocus()
    qtbot.keyClick(review.general.title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(review.general.title, "Workshop read in the background")
    _click(qtbot, review.create_button)
    assert not review.create_button.isEnabled()  # saving: not twice
    qtbot.waitUntil(lambda: not review.isVisible())
    qtbot.waitUntil(lambda: window.meetings.view.meeting_id == review.saved_id)
    meeting = get_meeting(window.context.database, review.saved_id)
    assert meeting is not None and meeting.title == "Workshop read in the background"
    window.context.tasks.wait()


def test_a_cell_that_is_not_a_date_is_named_and_kept(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    review = _open(qtbot, window, IRREGULAR)
    review.general.conflicts["dates"].choose(0)
    review.tabs.setCurrentIndex(4)
    table = review.deadlines.deadlines
    index = table.model.index(0, 4)  # After: the day the ten working days count from
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    editor = table.view.indexWidget(index)
    editor.selectAll()
    type_text(editor, "the day after the meeting")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.view.indexWidget(index) is None)
    assert index.data().endswith("⚠")

    review.tabs.setCurrentIndex(0)
    _click(qtbot, review.create_button)
    assert review.isVisible() and _meetings(window) == 0
    assert review.tabs.currentIndex() == 4
    message = review.deadlines.errors["deadlines"]
    assert message.isVisibleTo(review) and message.text().startswith("Deadlines, row 1, After:")
    assert index.data(Qt.ItemDataRole.EditRole) == "the day after the meeting"


def test_the_meetings_menu_and_button_open_a_note(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["&File", "&Meetings", "&Go"]
    meetings_menu = window.menuBar().actions()[1].menu()
    actions = {action.text(): action for action in meetings_menu.actions()}
    assert set(actions) == {"&Import a concept note…", "&Paste a concept note's text…"}
    assert actions["&Import a concept note…"].shortcut().toString() == "Ctrl+I"

    asked: list[str] = []

    def choose(_parent, _caption, _folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(MIRPS), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "meetings"))
    _click(qtbot, window.meetings.import_button)
    assert asked[0].startswith("Concept notes (*.docx *.pdf *.odt *.txt *.html *.htm *.eml)")
    review = _importer(window).review
    assert review is not None and review.isVisible()
    assert review.general.title.text() == MIRPS_TITLE
