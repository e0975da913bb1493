"""The organiser's form dialog as a user drives it: choose a Word form, check and correct the
mapping, fill it, read the filled copy; a corrupt form says why and the dialog stays open."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.attachments import list_attachments
from rcm_desktop.data.services.organiser_forms import Participant, delegation_participants
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.exchange.forms.fields import Field
from rcm_desktop.exchange.forms.records import value_for
from rcm_desktop.exchange.forms.report import FillReport, TooShort
from rcm_desktop.i18n import set_language
from rcm_desktop.paths import Profile
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.organiser_form import OrganiserFormDialog
from rcm_desktop.ui.dialogs.organiser_form_text import report_lines
from tests.conftest import app_context

HEADERS = ["Nombre completo", "Cargo", "Institución", "Correo electrónico"]


@pytest.fixture
def context(profile: Profile, demo_database: Database) -> AppContext:
    return app_context(profile, demo_database)


@pytest.fixture
def meeting(demo_database: Database) -> tuple[int, list[Participant]]:
    """A demo meeting where Honduras has three participants (more than the form's rows)."""
    for meeting_id in range(1, 30):
        try:
            people = delegation_participants(demo_database, meeting_id, "HN")
        except RcmDeskError:
            continue
        if len(people) >= 3:
            return meeting_id, people
    raise AssertionError("no demo meeting with three Honduran participants")


def word_form(path: Path) -> Path:
    """A registration form: a title, a table with Spanish headers and two empty rows."""
    document = docx.Document()
    document.add_paragraph("Formulario de inscripción")
    table = document.add_table(rows=3, cols=len(HEADERS))
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    document.save(str(path))
    return path


def open_dialog(qtbot, context: AppContext, meeting_id: int) -> OrganiserFormDialog:  # type: ignore[no-untyped-def]
    dialog = OrganiserFormDialog(context, meeting_id, "HN")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose(qtbot, monkeypatch, dialog: OrganiserFormDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)


def combo(dialog: OrganiserFormDialog, row: int) -> QComboBox:
    widget = dialog.table.cellWidget(row, 1)
    assert isinstance(widget, QComboBox)
    return widget


def test_fill_a_word_form_with_the_delegation(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, context: AppContext, meeting, demo_database: Database
) -> None:
    meeting_id, people = meeting
    form = word_form(tmp_path / "Formulario.docx")
    original = form.read_bytes()
    dialog = open_dialog(qtbot, context, meeting_id)
    assert dialog.people.count() == len(people)
    assert all(
        dialog.people.item(row).checkState() == Qt.CheckState.Checked
        for row in range(dialog.people.count())
    )
    assert people[0].full_name in dialog.people.item(0).text()

    choose(qtbot, monkeypatch, dialog, form)
    qtbot.waitUntil(lambda: dialog.form is not None)
    assert [dialog.table.item(row, 0).text() for row in range(4)] == HEADERS
    assert [combo(dialog, row).currentText() for row in range(4)] == [
        "Full name",
        "Position",
        "Institution",
        "E-mail",
    ]
    first = people[0].record
    assert dialog.table.item(0, 2).text() == people[0].full_name
    assert dialog.table.item(1, 2).text() == value_for(first, Field.POSITION)
    assert "recognised" in dialog.status.text()

    # "Cargo" is to receive the role in the delegation: chosen with the keyboard
    cargo = combo(dialog, 1)
    cargo.setFocus()
    qtbot.keyClicks(cargo, "Role")
    assert cargo.currentText() == "Role in the delegation"
    assert dialog.form is not None and dialog.form.slots[1].field is Field.ROLE
    assert dialog.table.item(1, 2).text() == value_for(first, Field.ROLE)

    target = tmp_path / "out" / "filled.docx"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent, _title, default, _filter):  # type: ignore[no-untyped-def]
        asked.append(default)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    assert dialog.fill_button.isEnabled()
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert asked == [str(tmp_path / "Formulario – filled.docx")]

    table = docx.Document(str(target)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == HEADERS
    assert rows[1:] == [
        [
            p.full_name,
            value_for(p.record, Field.ROLE),
            value_for(p.record, Field.INSTITUTION),
            value_for(p.record, Field.EMAIL),
        ]
        for p in people
    ]
    assert form.read_bytes() == original  # the organiser's form is never modified
    result = dialog.result.text()
    assert f"{len(people)} rows written." in result
    assert "1 row was added to the form's table." in result
    assert str(target) in result

    assert dialog.attach_box.isVisible()

    def attached() -> list[str]:
        return [a.file_name for a in list_attachments(demo_database, context.profile, meeting_id)]

    before = attached()
    qtbot.mouseClick(dialog.attach_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "filled.docx" in attached(), timeout=2000)
    assert len(attached()) == len(before) + 1, dialog.error.text()
    assert not dialog.attach_box.isEnabled()
    qtbot.waitUntil(lambda: dialog.attach_box.text().startswith("Attached to the meeting"))


def test_unchecked_participants_stay_out(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, context: AppContext, meeting
) -> None:
    meeting_id, people = meeting
    dialog = open_dialog(qtbot, context, meeting_id)
    choose(qtbot, monkeypatch, dialog, word_form(tmp_path / "Form.docx"))
    qtbot.waitUntil(lambda: dialog.form is not None)
    dialog.people.setFocus()
    dialog.people.setCurrentRow(0)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Space)  # the head of delegation stays out
    assert dialog.table.item(0, 2).text() == people[1].full_name
    target = tmp_path / "Form – filled.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None)
    names = [row.cells[0].text for row in docx.Document(str(target)).tables[0].rows[1:]]
    assert names[: len(people) - 1] == [p.full_name for p in people[1:]]
    assert "rows were added" not in dialog.result.text()


def test_a_corrupt_form_says_why(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, context: AppContext, meeting
) -> None:
    broken = tmp_path / "Inscripción.docx"
    broken.write_bytes(b"this is not a Word file")
    dialog = open_dialog(qtbot, context, meeting[0])
    choose(qtbot, monkeypatch, dialog, broken)
    qtbot.waitUntil(lambda: bool(dialog.error.text()))
    assert "Inscripción.docx cannot be read" in dialog.error.text()
    assert dialog.isVisible() and not dialog.fill_button.isEnabled()
    assert broken.read_bytes() == b"this is not a Word file"


def test_nothing_recognised_asks_for_a_mapping(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, context: AppContext, meeting
) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Alpha"
    table.rows[0].cells[1].text = "Beta"
    document.save(str(tmp_path / "odd.docx"))
    dialog = open_dialog(qtbot, context, meeting[0])
    choose(qtbot, monkeypatch, dialog, tmp_path / "odd.docx")
    qtbot.waitUntil(lambda: bool(dialog.status.text() or dialog.error.text()))
    if dialog.form is None:  # the reader refused the form outright: a clear message
        assert dialog.error.text()
        return
    assert "did not recognise the columns" in dialog.status.text()
    assert not dialog.fill_button.isEnabled()
    alpha = combo(dialog, 0)
    alpha.setFocus()
    qtbot.keyClick(alpha, Qt.Key.Key_Down)  # (nothing) → Full name
    assert alpha.currentText() == "Full name"
    assert dialog.fill_button.isEnabled()


def test_report_flags_values_too_long_for_their_box() -> None:
    report = FillReport(rows_written=2, too_short=[
        TooShort("Ministerio_1", Field.MINISTRY, 10, "Ministerio de Relaciones Exteriores"),
    ])  # fmt: skip
    lines = report_lines(report, Path("/tmp/x.pdf"))
    assert "2 rows written." in lines
    assert (
        "Ministerio_1 holds 10 characters; “Ministerio de Relaciones Exteriores” (35) was "
        "written in full — check it in the form." in lines
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshot(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, context: AppContext, meeting, language: str
) -> None:
    set_language(language)
    dialog = open_dialog(qtbot, context, meeting[0])
    choose(qtbot, monkeypatch, dialog, word_form(tmp_path / "Formulario.docx"))
    qtbot.waitUntil(lambda: dialog.form is not None)
    target = tmp_path / "filled.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert dialog.grab().save(f"/tmp/organiser_form_{language}.png")
