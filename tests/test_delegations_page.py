"""The Delegations page as a user drives it: fill a delegation, hit each refusal, print, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.services.directory import save_person
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.paths import Profile
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.nomination_dialog import NominationDialog
from rcm_desktop.ui.dialogs.seats_editor import SeatsEditor
from rcm_desktop.ui.pages.delegations import DelegationsPage
from tests.conftest import app_context


@pytest.fixture
def context(profile: Profile, demo_database: Database) -> AppContext:
    return app_context(profile, demo_database)


@pytest.fixture
def page(qtbot, context: AppContext) -> DelegationsPage:  # type: ignore[no-untyped-def]
    widget = DelegationsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.store_ready()
    return widget


def choose(page: DelegationsPage, database: Database, key: str) -> None:
    with database.session() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.source_key == key))
    page.meeting.setCurrentIndex(page.meeting.findData(meeting_id))


def nominate_dialog(qtbot, page: DelegationsPage, **extra) -> NominationDialog:  # type: ignore[no-untyped-def]
    assert page.view is not None
    dialog = NominationDialog(
        page.context, page.view.meeting_id, page.view.country_code, page._seat_choices(),
        parent=page, **extra,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_opens_on_a_meeting_with_seats_profiles_and_gender_count(
    page: DelegationsPage, context: AppContext
) -> None:
    choose(page, context.database, "mirps-workshop-2020")  # type: ignore[arg-type]
    assert page.country.currentData() == "HN"
    assert page.model.rowCount() == 3
    assert "At most 2 participants per country (concept note, section Participants)" in (
        page.summary.text()
    )
    assert "3 of 3 seats filled" in page.summary.text()
    assert "Woman: 1 and Man: 2" in page.summary.text()
    assert "[MIRPS members]" in page.model.index(2, 1).data()
    assert page.model.index(0, 2).data() == "Abg. José Ángel Cárcamo Ruíz"


def test_fill_a_delegation_and_hit_each_refusal(
    qtbot, page: DelegationsPage, context: AppContext, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    database = context.database
    assert database is not None
    choose(page, database, "irregular-mass-migration-followup-2021")
    assert page.model.index(3, 2).data() == "Empty"
    assert "Ana Lucía López Ordóñez replaced Gabriela Aguilar Núñez" in page.history.text()
    # The same person twice in one meeting.
    page.table.selectRow(3)
    dialog = nominate_dialog(qtbot, page, chosen_seat=page.model.rows[3].seat_id)
    qtbot.keyClicks(dialog.search, "maradiaga")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    save(dialog, qtbot)
    assert "cannot hold two seats" in dialog.shown_problems() and dialog.isVisible()
    assert dialog.search.text() == "maradiaga"  # the dialog keeps what was typed
    # A seat already held.
    dialog.search.setText("pineda")
    qtbot.waitUntil(lambda: dialog.model.rows[0].full_name.startswith("Julián"))
    dialog.seat.setCurrentIndex(0)
    save(dialog, qtbot)
    assert "already held by Héctor Iván Maradiaga Cruz" in dialog.shown_problems()
    # The free seat 4: accepted.
    dialog.seat.setCurrentIndex(3)
    save(dialog, qtbot)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: "4 of 4 seats filled" in page.summary.text())
    # Beyond the limit: no seat left, a fifth person is refused, citing the concept note.
    save_person(database, PersonFields(full_name="Rosa Zelaya", institution="Cancillería"))
    extra = nominate_dialog(qtbot, page)
    extra.search.setText("zelaya")
    extra.find()
    extra.seat.setCurrentIndex(extra.seat.findData(None))
    save(extra, qtbot)
    assert extra.shown_problems() == (
        "This meeting allows at most 4 participants per country "
        "(concept note, section Participants)."
    )
    extra.close()
    # Submit, confirm, withdraw (which frees the seat).
    page.table.selectRow(3)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert page.model.index(3, 4).data().startswith("Submitted on")
    page.table.selectRow(3)
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert page.model.index(3, 4).data() == "Confirmed"
    page.table.selectRow(3)
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.index(3, 2).data() == "Empty")
    assert "Julián Andrés Pineda Sánchez: Withdrawn" in page.history.text()


def test_replace_keeps_history(qtbot, page: DelegationsPage, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    choose(page, context.database, "mirps-workshop-2020")  # type: ignore[arg-type]
    page.table.selectRow(1)
    row = page.model.rows[1]
    replaced = row.nomination.full_name
    dialog = nominate_dialog(
        qtbot, page, chosen_seat=row.seat_id, replacing=row.nomination.id, role=row.nomination.role
    )
    assert not dialog.seat.isEnabled()
    dialog.search.setText("aguilar")
    dialog.find()
    save(dialog, qtbot)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.model.index(1, 2).data() == "Dra. Gabriela Aguilar Núñez")
    assert f"Gabriela Aguilar Núñez replaced {replaced}" in page.history.text()


def test_reserved_seat_and_seats_editor_refusal(
    qtbot, page: DelegationsPage, context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.services.seats import get_seat_setup

    database = context.database
    assert database is not None
    choose(page, database, "mirps-workshop-2020")
    page.country.setCurrentIndex(page.country.findData("NI"))
    assert page.model.index(2, 2).data() == "Not open to this country"
    save_person(
        database, PersonFields(full_name="Carlos Téllez", institution="DGME", country_code="NI")
    )
    dialog = nominate_dialog(qtbot, page, chosen_seat=page.model.rows[2].seat_id)
    dialog.search.setText("tellez")
    dialog.find()
    save(dialog, qtbot)
    assert "reserved to the members of MIRPS" in dialog.shown_problems()
    dialog.close()
    editor = SeatsEditor(context, get_seat_setup(database, page.view.meeting_id), page)  # type: ignore[arg-type, union-attr]
    qtbot.addWidget(editor)
    editor.show()
    editor.seats.list.setCurrentRow(0)
    qtbot.mouseClick(editor.seats.remove_button, Qt.MouseButton.LeftButton)
    editor.save()
    assert "withdraw or replace that nomination" in editor.shown_problems() and editor.isVisible()


def test_letter_and_exports(page: DelegationsPage, context: AppContext, tmp_path: Path) -> None:
    choose(page, context.database, "mirps-workshop-2020")  # type: ignore[arg-type]
    page.letter_language.setCurrentIndex(page.letter_language.findData("es"))
    out = tmp_path / "carta.pdf"
    page.print_letter(str(out))
    assert "written to" in page.message.text()
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Sofía Alejandra Mejía Zúniga" in text and str(dt.date.today().year) in text
    page.export(str(tmp_path / "d.json"))
    assert "3 people written" in page.message.text()


def test_a_regular_seat_beyond_the_limit_needs_the_limit_raised(
    qtbot, page: DelegationsPage, context: AppContext, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from rcm_desktop.data.services.seats import get_seat_setup

    database = context.database
    assert database is not None
    choose(page, database, "mirps-workshop-2020")
    setup = get_seat_setup(database, page.view.meeting_id)  # type: ignore[arg-type]
    assert setup is not None and setup.limit == 2
    editor = SeatsEditor(context, setup, page)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.seats.add_button, Qt.MouseButton.LeftButton)
    asked: list[str] = []

    def answer(button):  # type: ignore[no-untyped-def]
        def press(box) -> None:  # type: ignore[no-untyped-def]
            asked.append(box.text())
            box.button(button).click()

        return press

    answer_dialog(answer(QMessageBox.StandardButton.No))
    editor.save()
    assert "Raise the limit to 3?" in asked[-1]
    assert "but 3 seats count towards that limit" in editor.shown_problems()
    assert get_seat_setup(database, setup.meeting_id).limit == 2  # type: ignore[union-attr]
    answer_dialog(answer(QMessageBox.StandardButton.Yes))
    editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible())
    after = get_seat_setup(database, setup.meeting_id)
    assert after is not None and after.limit == 3 and len(after.seats) == len(setup.seats) + 1


def test_delegations_open_on_the_meeting_chosen_in_meetings(qtbot, open_window, profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    meetings = window.meetings
    qtbot.waitUntil(lambda: meetings.model.rowCount() == 3)
    for row in range(3):
        meetings.table.selectRow(row)
        chosen = meetings.selected_meeting()
        window.show_page(window._index_of("delegations"))
        page = window.current_page()
        qtbot.waitUntil(lambda page=page, chosen=chosen: page.meeting_picker.meeting_id() == chosen)
        window.show_page(1)
