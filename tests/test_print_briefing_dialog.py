"""The file the print dialog suggests for a briefing pack: its name and its folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from rcm_desktop.data.db import Database
from rcm_desktop.paths import Profile
from rcm_desktop.preferences import PDF_FOLDER_KEY
from rcm_desktop.printing.file_names import briefing_pack_file_name
from rcm_desktop.ui.dialogs import print_briefing
from rcm_desktop.ui.dialogs.print_briefing import PrintBriefingDialog
from tests.conftest import app_context

TITLE = "Segunda Reunión de Seguimiento: ¿qué sigue?"
DAY = dt.date(2021, 10, 1)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Documents folder of its own, as Qt's standard paths give it."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    real = QStandardPaths.writableLocation

    def located(location):  # type: ignore[no-untyped-def]
        if location == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(folder)
        return real(location)

    monkeypatch.setattr(print_briefing.QStandardPaths, "writableLocation", located)
    return folder


def _dialog(qtbot, profile: Profile, database: Database) -> PrintBriefingDialog:  # type: ignore[no-untyped-def]
    dialog = PrintBriefingDialog(app_context(profile, database), TITLE, None, DAY)
    qtbot.addWidget(dialog)
    return dialog


def test_the_name_is_in_the_packs_language_in_the_documents_folder(  # type: ignore[no-untyped-def]
    qtbot, profile: Profile, database: Database, documents: Path
) -> None:
    dialog = _dialog(qtbot, profile, database)
    dialog.language.set_code("en")
    assert Path(dialog.path.text()) == documents / briefing_pack_file_name(TITLE, DAY, "en")
    assert Path(dialog.path.text()).name == (
        "Briefing pack – Segunda Reunión de Seguimiento ¿qué sigue – 2021-10-01.pdf"
    )
    dialog.language.set_code("es")  # the pack's language, not the interface's
    assert Path(dialog.path.text()) == documents / briefing_pack_file_name(TITLE, DAY, "es")
    # A path the user typed is theirs: another language leaves it alone.
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(documents / "mine.pdf"))
    dialog.language.set_code("fr")
    assert dialog.path.text() == str(documents / "mine.pdf")


def test_the_folder_last_used_for_a_pdf_is_offered_next_time(  # type: ignore[no-untyped-def]
    qtbot, profile: Profile, database: Database, documents: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "Delegación 2021"
    chosen.mkdir()
    dialog = _dialog(qtbot, profile, database)
    dialog.country.set_code("HN")
    dialog.path.setText(str(chosen / "pack.pdf"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PrintBriefingDialog.DialogCode.Accepted
    assert dialog.context.preferences.get(PDF_FOLDER_KEY) == str(chosen)
    again = _dialog(qtbot, profile, database)
    assert Path(again.path.text()).parent == chosen
    chosen.rmdir()  # a remembered folder that is gone: back to Documents
    third = _dialog(qtbot, profile, database)
    assert Path(third.path.text()).parent == documents
