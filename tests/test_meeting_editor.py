"""The meeting editor driven as a user would: type a concept note, save, reopen, find every value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting
from rcm_desktop.domain.meetings import MeetingDraft
from rcm_desktop.paths import Profile
from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor
from tests.conftest import app_context


def _editor(
    qtbot, database: Database, profile: Profile, draft: MeetingDraft | None = None
) -> MeetingEditor:  # type: ignore[no-untyped-def]
    context = app_context(profile, database)
    editor = MeetingEditor(context, draft or MeetingDraft(start_date=dt.date(2021, 10, 1)))
    qtbot.addWidget(
        editor, before_close_func=lambda dialog: dialog.done(0)
    )  # no unsaved-edits prompt
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _type_in_cell(qtbot, type_text, view, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Double-click behaviour: open the cell's editor (unless it is open), type, press Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    if view.indexWidget(index) is None:
        view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the cell on the next turn of the loop
    qtbot.waitUntil(lambda: view.model().index(row, column).data(Qt.ItemDataRole.EditRole) == text)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def _save_button(editor: MeetingEditor):  # type: ignore[no-untyped-def]
    return editor.buttons.button(QDialogButtonBox.StandardButton.Save)


def _meeting_count(database: Database) -> int:
    with database.session() as session:
        return session.query(Meeting).count()


def test_type_the_follow_up_meeting_save_and_reopen(
    qtbot, type_text, type_date, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, database, profile)
    type_text(
        editor.title,
        "Second Follow-up and Evaluation Meeting to Identify Trends on Irregular and Mass Migration",
    )
    editor.body.setCurrentIndex(editor.body.findData("RCM-WG-IMM"))
    qtbot.mouseClick(editor.forum_boxes["RCM"], Qt.MouseButton.LeftButton)
    editor.kind.setCurrentIndex(editor.kind.findText("Follow-up meeting"))
    type_date(editor.start_date, "1 Oct 2021")
    type_date(editor.end_date, "Oct 1, 2021")
    editor.zone.lineEdit().clear()
    type_text(editor.zone.lineEdit(), "Mexico City time")
    type_text(editor.zone_label, "Mexico Time, GMT-5")
    editor.max_participants.setValue(4)
    editor.observers.setCurrentIndex(editor.observers.findData(False))
    type_text(
        editor.texts["objectives"],
        "To present and discuss the proposal of the Regional Strategy.",
    )

    editor.tabs.setCurrentWidget(editor.sessions_tab)
    sessions = editor.sessions_tab
    qtbot.mouseClick(sessions.add_button, Qt.MouseButton.LeftButton)
    sessions.title.clear()
    type_text(sessions.title, "Round table")
    type_text(sessions.start, "10am")
    type_text(sessions.end, "12:00")
    mexico = next(
        r for r in range(sessions.leads.count()) if sessions.leads.item(r).text() == "Mexico"
    )
    sessions.leads.item(mexico).setCheckState(Qt.CheckState.Checked)
    for line, (start, end, activity, lead) in enumerate(
        [
            (
                "10:00",
                "10:10",
                "Welcoming words and opening of the session",
                "Presidency Pro-Témpore",
            ),
            ("10:10", "10:20", "Objective of the session", "Presidency Pro-Témpore"),
            (
                "10:20",
                "11:50",
                "Presentation and discussion of the Regional Strategy",
                "Member Countries",
            ),
            (
                "11:50",
                "12pm",
                "Recommendations and conclusions",
                "Executive Secretariat of the RCM",
            ),
        ]
    ):
        qtbot.mouseClick(sessions.add_line_button, Qt.MouseButton.LeftButton)
        for column, text in enumerate((start, end, activity, lead)):
            _type_in_cell(qtbot, type_text, sessions.agenda_view, line, column, text)

    editor.tabs.setCurrentWidget(editor.questions_tab)
    questions = editor.questions_tab
    qtbot.mouseClick(questions.add_button, Qt.MouseButton.LeftButton)
    type_text(questions.phase, "Phase I. Prevention of irregular migration")
    type_text(questions.text, "What steps do you consider a priority?")
    type_text(questions.position, "Honduras will share its programme on root causes.")
    questions.session.setCurrentIndex(1)

    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert editor.saved_id is not None, editor.problems.text()
    assert not editor.isVisible()

    draft = load_draft(database, editor.saved_id)
    assert (
        draft.time_zone == "America/Mexico_City" and draft.time_zone_label == "Mexico Time, GMT-5"
    )
    assert (draft.forums, draft.convening_body, draft.max_participants_per_country) == (
        ["RCM"],
        "RCM-WG-IMM",
        4,
    )
    assert draft.observers_invited is False and draft.civil_society_invited is None
    (session,) = draft.sessions
    assert (session.title, session.date, session.start, session.end, session.leads) == (
        "Round table",
        dt.date(2021, 10, 1),
        dt.time(10),
        dt.time(12),
        ["MX"],
    )
    assert [(line.start, line.end) for line in session.agenda] == [
        (dt.time(10), dt.time(10, 10)),
        (dt.time(10, 10), dt.time(10, 20)),
        (dt.time(10, 20), dt.time(11, 50)),
        (dt.time(11, 50), dt.time(12)),
    ]
    assert session.agenda[3].coordinator == "Executive Secretariat of the RCM"
    (question,) = draft.questions
    assert question.session_key == session.key and question.phase.startswith("Phase I.")
    assert question.delegation_position == "Honduras will share its programme on root causes."

    reopened = _editor(qtbot, database, profile, draft)
    assert reopened.title.text().startswith("Second Follow-up")
    assert reopened.zone.zone() == "America/Mexico_City"
    assert reopened.sessions_tab.start.text() == "10:00"
    assert (
        reopened.sessions_tab.agenda_view.model().index(2, 2).data()
        == "Presentation and discussion of the Regional Strategy"
    )
    assert not reopened.is_modified()


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot, type_text, type_date, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, database, profile)
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert editor.errors["title"].isVisible() and "needs a title" in editor.errors["title"].text()

    type_text(editor.title, "Taller")
    type_date(editor.end_date, "Sep 30, 2021")
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert "ends" in editor.errors["end_date"].text() and not editor.errors["title"].isVisible()

    type_date(editor.end_date, "Oct 1, 2021")
    type_text(editor.zone.lineEdit(), "Atlantis time")
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert "not a known time zone" in editor.errors["time_zone"].text()

    editor.zone.lineEdit().clear()
    qtbot.mouseClick(editor.sessions_tab.add_button, Qt.MouseButton.LeftButton)
    editor.sessions_tab.no_date.setChecked(False)
    type_date(editor.sessions_tab.date, "5 October 2021")
    type_text(editor.sessions_tab.start, "25:00")
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert "is not a time" in editor.sessions_tab.error.text()
    editor.sessions_tab.start.clear()
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert "outside the meeting's dates" in editor.sessions_tab.error.text()
    assert editor.tabs.currentWidget() is editor.sessions_tab
    assert editor.isVisible() and editor.saved_id is None and _meeting_count(database) == 0
    assert editor.title.text() == "Taller", "what the user typed is kept"


def test_overlapping_agenda_warns_and_still_saves(
    qtbot, type_text, type_date, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, database, profile)
    type_text(editor.title, "Diálogo")
    qtbot.mouseClick(editor.sessions_tab.add_button, Qt.MouseButton.LeftButton)
    view = editor.sessions_tab.agenda_view
    for line, (start, end, activity) in enumerate(
        [("9:00", "9:45", "Apertura"), ("9:30", "10:00", "Diálogo")]
    ):
        qtbot.mouseClick(editor.sessions_tab.add_line_button, Qt.MouseButton.LeftButton)
        for column, text in enumerate((start, end, activity)):
            _type_in_cell(qtbot, type_text, view, line, column, text)
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert editor.saved_id is not None
    assert "Warning:" in editor.problems.text() and "“Diálogo” starts at" in editor.problems.text()


def test_cancel_leaves_the_store_untouched_and_asks_about_unsaved_edits(
    qtbot, type_text, demo_database: Database, profile: Profile, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        meeting_id = (
            session.query(Meeting.id).filter(Meeting.source_key == "mirps-workshop-2020").scalar()
        )
    editor = _editor(qtbot, demo_database, profile, load_draft(demo_database, meeting_id))
    assert not editor.is_modified()
    type_text(editor.title, " (edited)")
    asked: list[str] = []

    def keep_editing(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    answer_dialog(keep_editing)
    editor.reject()
    assert asked == ["Discard the changes made to this meeting?"] and editor.isVisible()

    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    editor.reject()
    assert not editor.isVisible()
    assert load_draft(demo_database, meeting_id).title.endswith("and MIRPS")


def test_leads_in_any_order_do_not_count_as_a_change(
    qtbot, type_text, demo_database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        meeting_id = (
            session.query(Meeting.id).filter(Meeting.source_key == "rcm-sacm-plenary-2021").scalar()
        )
    draft = load_draft(demo_database, meeting_id)
    draft.sessions[0].leads = [
        "SV",
        "GT",
    ]  # El Salvador, Guatemala: name order differs from code order
    save_meeting(demo_database, draft)
    editor = _editor(qtbot, demo_database, profile, load_draft(demo_database, meeting_id))
    assert not editor.is_modified()


def test_a_cell_still_being_edited_counts_when_closing(
    qtbot, type_text, demo_database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        meeting_id = (
            session.query(Meeting.id).filter(Meeting.source_key == "mirps-workshop-2020").scalar()
        )
    editor = _editor(qtbot, demo_database, profile, load_draft(demo_database, meeting_id))
    editor.tabs.setCurrentWidget(editor.sessions_tab)
    view = editor.sessions_tab.agenda_view
    index = view.model().index(0, 2)
    view.setCurrentIndex(index)
    view.edit(index)
    cell = view.indexWidget(index)
    cell.selectAll()
    type_text(cell, "Palabras de apertura")
    assert editor.is_modified(), "the open cell's text is not lost"
    assert editor.collect().sessions[0].agenda[0].activity == "Palabras de apertura"


def test_moving_the_first_day_moves_the_last_day(
    qtbot, type_text, type_date, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    draft = MeetingDraft(
        title="Taller", start_date=dt.date(2021, 10, 6), end_date=dt.date(2021, 10, 7)
    )
    editor = _editor(qtbot, database, profile, draft)
    type_date(editor.start_date, "2021-11-10")
    assert editor.end_date.date() == QDate(2021, 11, 11)


def test_a_fixed_problem_leaves_the_list_above_the_buttons_too(
    qtbot, type_text, type_date, database: Database, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    start = dt.date(2021, 10, 10)
    editor = _editor(qtbot, database, profile, MeetingDraft(start_date=start, end_date=start))
    editor.end_date.setFocus()
    qtbot.keyClick(editor.end_date.edit, Qt.Key.Key_Down)  # the day before the first day
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    listed = editor.problems.text()
    assert "needs a title" in listed and "ends" in listed
    assert editor.focusWidget() is editor.title, "the first problem's field is focused"

    type_text(editor.title, "Taller regional")
    assert "needs a title" not in editor.problems.text(), "typing the title clears its line"
    assert "ends" in editor.problems.text() and editor.errors["end_date"].isVisible()

    editor.end_date.setFocus()
    qtbot.keyClick(editor.end_date.edit, Qt.Key.Key_Up)  # back to the first day, with a key
    assert not editor.errors["end_date"].isVisible(), "editing the last day clears its message"
    assert not editor.problems.isVisible()
