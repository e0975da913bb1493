"""The Directory page as a user drives it: search as you type, add with refusals, import a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.directory import count_people
from rcm_desktop.paths import Profile
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.csv_import import CsvImportDialog
from rcm_desktop.ui.dialogs.person_editor import PersonEditor
from rcm_desktop.ui.pages.directory import DirectoryPage
from tests.conftest import app_context


@pytest.fixture
def context(profile: Profile, demo_database: Database) -> AppContext:
    return app_context(profile, demo_database)


@pytest.fixture
def page(qtbot, context: AppContext) -> DirectoryPage:  # type: ignore[no-untyped-def]
    widget = DirectoryPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    widget.store_ready()
    return widget


def test_search_as_you_type_ignores_accents(qtbot, page: DirectoryPage) -> None:  # type: ignore[no-untyped-def]
    assert page.model.rowCount() == 8
    qtbot.keyClicks(page.search, "nunez")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    names = {row.full_name for row in page.model.rows}
    assert names == {"María José Núñez Peña", "Gabriela Aguilar Núñez"}
    assert page.status.text() == "2 people"


def save(dialog: PersonEditor, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_add_a_person_hits_each_refusal_and_keeps_the_input(
    qtbot, context: AppContext, page: DirectoryPage, type_text, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonEditor(context, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.inputs["full_name"], "Íngrid Zelaya Peña")
    save(dialog, qtbot)
    assert "institution" in dialog.shown_problems() and dialog.isVisible()
    type_text(dialog.inputs["institution"], "Instituto Nacional de Migración")
    type_text(dialog.inputs["email"], "ingrid@inm")
    save(dialog, qtbot)
    assert "needs a dot" in dialog.shown_problems()
    assert dialog.inputs["full_name"].text() == "Íngrid Zelaya Peña"  # nothing typed is lost
    dialog.inputs["email"].setText("ingrid@inm.example")
    type_text(dialog.inputs["phone"], "+504 22A")
    save(dialog, qtbot)
    assert "“A” cannot be in a phone number" in dialog.shown_problems()
    dialog.inputs["phone"].setText("+504 2234-0000 ext. 5")
    save(dialog, qtbot)
    assert not dialog.isVisible() and dialog.saved_id is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 9)
    # The same name and institution again: a warning the user may decline.
    again = PersonEditor(context, parent=page)
    qtbot.addWidget(again)
    again.show()
    again.inputs["full_name"].setText("INGRID ZELAYA PEÑA")
    again.inputs["institution"].setText("Instituto Nacional de Migración")
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.No).click())
    save(again, qtbot)
    assert "looks like 1 person already in the directory" in again.shown_problems()
    assert again.isVisible() and count_people(context.database) == 9  # type: ignore[arg-type]


def test_import_preview_lists_rejected_rows_and_imports_the_good_ones(
    qtbot, context: AppContext, page: DirectoryPage, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.services.directory import preview_import

    path = tmp_path / "gente.csv"
    path.write_text(
        "Nombre completo;Institución;Correo electrónico\n"
        "Rosa Elvira Zelaya;Secretaría de Trabajo;rosa@trabajo.example\n"
        "Sin Institución;;x@y.example\n"
        "Correo Malo;Cancillería;malo@\n",
        encoding="cp1252",
    )
    reading = preview_import(context.database, path)  # type: ignore[arg-type]
    dialog = CsvImportDialog(context, reading, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1 row can be imported · 2 rows rejected" in dialog.summary.text()
    assert "Windows-1252" in dialog.summary.text() and "semicolons" in dialog.summary.text()
    table = dialog.rejected_table.model()
    assert table.index(0, 0).data() == "3"
    assert "institution" in table.index(0, 2).data()
    assert "Email" in table.index(1, 2).data()
    assert count_people(context.database) == 8  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported == 1 and count_people(context.database) == 9  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.model.rowCount() == 9)


def test_export_csv(page: DirectoryPage, tmp_path: Path) -> None:
    out = tmp_path / "directorio.csv"
    page.export_csv(str(out))
    assert "8 people written" in page.status.text()
    assert "Óscar René Banegas Díaz" in out.read_text(encoding="utf-8-sig")


def test_import_from_the_page_reads_in_the_dialog_and_imports(
    qtbot, context: AppContext, page: DirectoryPage, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gente.csv"
    path.write_text(
        "Nombre completo;Institución\nRosa Elvira Zelaya;Secretaría de Trabajo\n;Sin nombre\n",
        encoding="utf-8",
    )
    page.import_csv(str(path))
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.reading is not None)
    assert "1 row can be imported · 1 row rejected" in dialog.summary.text()
    assert not dialog.progress.isVisible() and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 9)
    assert page.import_dialog is None and count_people(context.database) == 9  # type: ignore[arg-type]
    # The reload the import causes keeps saying what it did, until the user searches.
    assert page.status.text() == "1 person imported. 9 people"
    qtbot.keyClicks(page.search, "Rosa")
    qtbot.waitUntil(lambda: page.status.text() == "1 person")


def test_an_unreadable_file_is_refused_and_the_preview_closes(
    qtbot, page: DirectoryPage, tmp_path: Path, answer_dialog
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "libro.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # a workbook named .csv
    said: list[str] = []

    def close(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    answer_dialog(close)
    page.import_csv(str(path))
    qtbot.waitUntil(lambda: page.import_dialog is None)
    assert said and "spreadsheet workbook" in said[0] and "save it as CSV" in said[0]
    answer_dialog(close)
    page.import_csv(str(tmp_path / "missing.csv"))
    qtbot.waitUntil(lambda: page.import_dialog is None and len(said) == 2)
    assert "missing.csv cannot be read" in said[1] and "choose another file" in said[1]


def _large_file_dialog(qtbot, profile: Profile, database: Database, folder: Path):  # type: ignore[no-untyped-def]
    """A shown import dialog on a background task runner, and a 5,000-row file for it."""
    from tests.benchmarks.csv_preview import people_csv

    context = app_context(profile, database, synchronous=False)
    path = folder / "grande.csv"
    path.write_bytes(people_csv(5000))
    dialog = CsvImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return context, dialog, path


def test_a_large_file_shows_progress_then_every_row_counted(
    qtbot, profile: Profile, demo_database: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """5,000 rows read off the UI thread: the bar moves, then the counts cover every row."""
    context, dialog, path = _large_file_dialog(qtbot, profile, demo_database, tmp_path)
    seen: list[tuple[int, int, bool]] = []
    shown = dialog._reading_progress

    def progress(done: int, total: int) -> None:
        shown(done, total)
        seen.append((done, total, dialog.progress.isVisible()))

    dialog._reading_progress = progress  # type: ignore[method-assign]
    dialog.read(path)
    assert dialog.progress.isVisible() and "Reading grande.csv" in dialog.summary.text()
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=30000)
    assert len(seen) >= 4 and all(visible for _done, _total, visible in seen)
    assert [done for done, _total, _visible in seen] == sorted(done for done, *_rest in seen)
    assert seen[-1][:2] == (5000, 5000)
    assert dialog.reading is not None
    total = len(dialog.reading.rows) + len(dialog.reading.rejected)
    assert total == 5000 and dialog.model.rowCount() == len(dialog.reading.rejected) > 0
    assert not dialog.progress.isVisible() and dialog.import_button.isEnabled()
    assert context.tasks.wait()


def test_cancel_stops_the_reading(
    qtbot, profile: Profile, demo_database: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    context, dialog, path = _large_file_dialog(qtbot, profile, demo_database, tmp_path)
    dialog.read(path)
    dialog.reject()
    assert context.tasks.wait()
    qtbot.waitUntil(lambda: not context.tasks.busy)
    assert dialog.reading is None and dialog.result() == 0
