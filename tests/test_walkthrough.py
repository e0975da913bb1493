"""A focal point's day, in Spanish, by keyboard: a new profile, a meeting from its concept note,
a delegation with a person added from the Nominate dialog, three documents for comments under
one fixed deadline and one for approval; then the dashboard, the navigation and the pack agree.

Dates are typed in the interface's order (day/month/year) and the dialogs are driven the way a
person drives them; the only shortcuts are the combo choices, picked by their stored value.
"""

from __future__ import annotations

import datetime as dt
from html import unescape
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcm_desktop.domain.vocabulary import (
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    MeetingKind,
    NominationRole,
)
from rcm_desktop.i18n import current_language
from rcm_desktop.paths import Profile

TODAY = dt.date.today()
FIRST_DAY = TODAY + dt.timedelta(days=40)
RECEIVED = TODAY - dt.timedelta(days=1)
COMMENTS_BY = TODAY + dt.timedelta(days=60)


def typed(day: dt.date) -> str:
    """A date as a Spanish-speaking user types it."""
    return f"{day.day}/{day.month}/{day.year}"


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _cells(model) -> str:  # type: ignore[no-untyped-def]
    """Every cell a table shows, as one text."""
    return " ".join(
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def test_a_focal_points_day(
    qtbot, open_window, answer_dialog, type_text, type_date, profile: Profile, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # A new profile: the country chosen, the language follows it.
    def first_run(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.country.set_code("HN")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    window = open_window(profile, demo=False)
    answer_dialog(first_run)
    assert window.open_store()
    assert current_language() == "es"
    database = window.context.database

    # The meeting, from its concept note.
    window.show_page(1)
    meetings = window.meetings

    def enter_meeting(editor) -> None:  # type: ignore[no-untyped-def]
        type_text(editor.title, "Tercera Reunión de Seguimiento sobre Migración Irregular y Masiva")
        editor.body.setCurrentIndex(editor.body.findData("RCM-WG-IMM"))
        _click(qtbot, editor.forum_boxes["RCM"])
        editor.kind.setCurrentIndex(editor.kind.findData(MeetingKind.FOLLOW_UP))
        type_date(editor.start_date, typed(FIRST_DAY))
        assert editor.end_date.value() == FIRST_DAY, "the last day follows the first"
        editor.zone.lineEdit().clear()
        type_text(editor.zone.lineEdit(), "Ciudad de México")
        editor.max_participants.setValue(2)
        editor.tabs.setCurrentWidget(editor.sessions_tab)
        sessions = editor.sessions_tab
        _click(qtbot, sessions.add_button)
        assert sessions.date.value() == FIRST_DAY, "a first session falls on the first day"
        sessions.title.clear()
        type_text(sessions.title, "Mesa redonda")
        type_text(sessions.start, "10:00")
        type_text(sessions.end, "12:00")
        editor.tabs.setCurrentWidget(editor.questions_tab)
        questions = editor.questions_tab
        _click(qtbot, questions.add_button)
        type_text(questions.text, "¿Qué acciones considera prioritarias su país?")
        _save(qtbot, editor)
        assert not editor.isVisible(), editor.shown_problems()

    answer_dialog(enter_meeting)
    _click(qtbot, meetings.new_button)
    qtbot.waitUntil(lambda: meetings.model.rowCount() == 1)
    meetings.table.selectRow(0)
    meeting_id = meetings.selected_meeting()
    view = meetings.view.toPlainText()
    assert "1. ¿Qué acciones considera prioritarias su país?" in view, "questions are numbered"

    # The delegation: two officials, each added from the Nominate dialog.
    window.show_page(2)
    delegations = window.current_page()
    qtbot.waitUntil(lambda: delegations.view is not None)
    assert delegations.meeting_picker.meeting_id() == meeting_id, "opens on that meeting"
    for name, institution, role in (
        ("Ana Lucía López Ordóñez", "Instituto Nacional de Migración", NominationRole.HEAD),
        ("Héctor Iván Maradiaga Cruz", "Secretaría de Relaciones Exteriores", None),
    ):

        def add_person(person, name=name, institution=institution) -> None:  # type: ignore[no-untyped-def]
            assert person.inputs["full_name"].text() == name.split()[0], "named as searched"
            person.inputs["full_name"].clear()
            type_text(person.inputs["full_name"], name)
            type_text(person.inputs["institution"], institution)
            _save(qtbot, person)

        def nominate(dialog, add_person=add_person, name=name, role=role) -> None:  # type: ignore[no-untyped-def]
            type_text(dialog.search, name.split()[0])
            answer_dialog(add_person)
            _click(qtbot, dialog.new_person_button)
            qtbot.waitUntil(lambda: dialog.person_id() is not None)
            chosen = dialog.model.rows[dialog.people.selectionModel().selectedRows()[0].row()]
            assert chosen.full_name == name, "the person just added is the one chosen"
            if role is not None:
                dialog.role.setCurrentIndex(dialog.role.findData(role))
            _save(qtbot, dialog)
            assert not dialog.isVisible(), dialog.shown_problems()

        answer_dialog(nominate)
        _click(qtbot, delegations.nominate_button)
        qtbot.waitUntil(lambda name=name: name in _cells(delegations.model))

    # A working group's report: three documents for comments, one for approval.
    window.show_page(3)
    container = window.current_page()
    container.tabs.setCurrentIndex(1)
    documents = container.documents
    titles = {
        "Protocolo de atención a niñez migrante": DocumentPurpose.COMMENTS,
        "Directorio de instituciones de protección": DocumentPurpose.COMMENTS,
        "Hoja de ruta regional": DocumentPurpose.COMMENTS,
        "Informe de la Segunda Reunión": DocumentPurpose.APPROVAL,
    }
    for title, purpose in titles.items():

        def record(editor, title=title, purpose=purpose) -> None:  # type: ignore[no-untyped-def]
            type_text(editor.title, title)
            editor.kind.setCurrentIndex(editor.kind.findData(DocumentKind.REPORT))
            assert editor.purpose.currentData() == DocumentPurpose.COMMENTS, "a report's usual"
            editor.purpose.setCurrentIndex(editor.purpose.findData(purpose))
            editor.meeting.set_meeting(meeting_id)
            type_date(editor.received, typed(RECEIVED))
            _save(qtbot, editor)
            assert not editor.isVisible(), editor.shown_problems()

        answer_dialog(record)
        _click(qtbot, documents.new_button)
    qtbot.waitUntil(lambda: documents.model.rowCount() == 4)

    container.tabs.setCurrentIndex(0)
    deadlines = container.deadlines

    def comments_by(editor) -> None:  # type: ignore[no-untyped-def]
        type_text(editor.title, "Comentarios a los tres documentos")
        editor.kind.setCurrentIndex(editor.kind.findData(DeadlineKind.COMMENTS))
        editor.meeting.set_meeting(meeting_id)
        editor.rule.setCurrentIndex(editor.rule.findData(DeadlineRule.FIXED))
        type_date(editor.fixed_date, typed(COMMENTS_BY))
        for row in range(editor.documents.count()):
            item = editor.documents.item(row)
            if titles.get(item.text()) == DocumentPurpose.COMMENTS:
                item.setCheckState(Qt.CheckState.Checked)
        assert len(editor.checked_documents()) == 3
        _save(qtbot, editor)
        assert not editor.isVisible(), editor.shown_problems()

    answer_dialog(comments_by)
    _click(qtbot, deadlines.new_button)
    qtbot.waitUntil(lambda: deadlines.model.rowCount() == 1)

    container.tabs.setCurrentIndex(1)
    rows = {row.title: row for row in documents.model.rows}
    for title, purpose in titles.items():
        governed = [entry.title for entry in rows[title].deadlines]
        expected = (
            ["Comentarios a los tres documentos"] if purpose == DocumentPurpose.COMMENTS else []
        )
        assert governed == expected, title
    protocol = next(
        i for i, row in enumerate(documents.model.rows) if row.title.startswith("Proto")
    )
    documents.table.selectRow(protocol)
    qtbot.waitUntil(lambda: documents.detail.document_deadlines.isVisible())
    assert "Comentarios a los tres documentos" in documents.detail.document_deadlines.text()

    # What awaits the country: the dashboard, the navigation and the pack agree.
    window.show_page(0)
    dashboard = unescape(window.current_page().summary.text())
    assert "3 documentos esperan los comentarios de su país (0 con plazo vencido)." in dashboard
    assert "1 documento está pendiente de la aprobación de su país." in dashboard
    assert window.navigation.item(3).text() == "Documentos y plazos (4)"

    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing

    data = gather_briefing(database, meeting_id, "HN", "America/Tegucigalpa")
    pack = tmp_path / "carpeta.pdf"
    build_briefing(data, pack, BriefingOptions("es"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pack).pages).split())
    assert "comentarios sobre 3 documentos (0 con plazo vencido), aprobación de 1 documento" in text
    assert "Ana Lucía López Ordóñez" in text and "Héctor Iván Maradiaga Cruz" in text
    assert "Para comentarios" in text and "Para aprobación" in text
    assert "Ciudad de México" in text, "the organiser's zone named from CLDR in Spanish"
