"""The handover as a user does it: File ▸ Hand over to a successor…, typing paths and the
passphrase twice; then File ▸ Open a handover archive…, a wrong passphrase first, on the
successor's side. Refusals show in the dialog, which keeps what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.handover import HandoverResult, OpenedHandover
from rcm_desktop.data.services.settings import set_profile_country
from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from tests.conftest import app_context

PASSPHRASE = "una frase que sólo tú sabes"


def replace_text(qtbot, type_text, line, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select what the field holds and type *text* over it, as a person does."""
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    type_text(line, text)


def hand_over_dialog(qtbot, profile: Profile, database: Database):  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.dialogs.handover_dialog import HandOverDialog

    dialog = HandOverDialog(app_context(profile, database))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_hand_over_with_the_archive(  # type: ignore[no-untyped-def]
    qtbot, type_text, demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    set_profile_country(demo_database, "HN")
    dialog = hand_over_dialog(qtbot, profile, demo_database)
    assert "Honduras" in dialog.dossier.text() and not dialog.passphrase.isEnabled()
    replace_text(qtbot, type_text, dialog.dossier, str(tmp_path / "expediente"))
    qtbot.mouseClick(
        dialog.with_archive, Qt.MouseButton.LeftButton, pos=dialog.with_archive.rect().center()
    )
    assert dialog.passphrase.isEnabled()
    replace_text(qtbot, type_text, dialog.archive, str(tmp_path / "traspaso"))
    type_text(dialog.passphrase, "corta")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "at least 10 characters" in dialog.error.text()
    replace_text(qtbot, type_text, dialog.passphrase, PASSPHRASE)
    type_text(dialog.repeat, PASSPHRASE + "!")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "differ" in dialog.error.text()
    assert dialog.passphrase.text() == PASSPHRASE  # nothing typed is lost
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    result = dialog.result_value
    assert isinstance(result, HandoverResult)
    assert result.dossier == tmp_path / "expediente.pdf" and result.dossier.is_file()
    assert result.archive == tmp_path / "traspaso.rcmhandover" and result.archive.is_file()


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_open_the_archive_as_a_new_profile(  # type: ignore[no-untyped-def]
    qtbot, type_text, demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    from rcm_desktop.data.services.handover import hand_over
    from rcm_desktop.ui.dialogs.open_handover_dialog import OpenHandoverDialog

    archive = tmp_path / "traspaso.rcmhandover"
    hand_over(
        demo_database, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE
    )
    dialog = OpenHandoverDialog(app_context(profile, demo_database))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.archive, str(archive))
    assert dialog.folder.text() == str(profile.root.parent / "traspaso")
    type_text(dialog.passphrase, "no es la frase correcta")
    type_text(dialog.name, "Luis Peña")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "passphrase does not open" in dialog.error.text()
    assert not (profile.root.parent / "traspaso").exists()
    assert dialog.name.text() == "Luis Peña"
    replace_text(qtbot, type_text, dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.opened, OpenedHandover)
    made = dialog.opened.profile
    assert made.database_path.is_file()
    assert Preferences(made.preferences_path).get("user_name") == "Luis Peña"


def test_the_file_menu_offers_both(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.dialogs.handover_dialog import HandOverDialog

    window = open_window(Profile(tmp_path / "p").ensure())
    window.open_store()
    qtbot.waitUntil(lambda: window.context.database is not None)
    hand_over = window.findChild(QAction, "handOverAction")
    assert hand_over is not None and window.findChild(QAction, "openHandoverAction") is not None
    hand_over.trigger()
    qtbot.waitUntil(lambda: window.findChild(HandOverDialog) is not None)
    dialog = window.findChild(HandOverDialog)
    assert dialog.isVisible()
    dialog.reject()


def test_the_dossier_names_who_hands_over_and_asks_before_replacing(  # type: ignore[no-untyped-def]
    qtbot, type_text, answer_dialog, demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QMessageBox

    set_profile_country(demo_database, "HN")
    dialog = hand_over_dialog(qtbot, profile, demo_database)
    assert "Handover dossier Honduras" in dialog.dossier.text()
    dialog.language.setFocus()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert "Expediente de traspaso Honduras" in dialog.dossier.text()  # named in its language
    type_text(dialog.name, "Ana Peña Núñez")
    existing = tmp_path / "expediente.pdf"
    existing.write_bytes(b"an older dossier")
    replace_text(qtbot, type_text, dialog.dossier, str(existing))
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.No).click())
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and existing.read_bytes() == b"an older dossier"
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    printed = "\n".join(page.extract_text() or "" for page in PdfReader(existing).pages)
    assert "Ana Peña Núñez" in printed and "Expediente de traspaso" in printed
    assert Preferences(profile.preferences_path).get("user_name") == "Ana Peña Núñez"


@pytest.mark.sqlite_only  # the archive carries a profile's own SQLite store
def test_a_successor_opens_the_archive_from_the_first_run(  # type: ignore[no-untyped-def]
    qtbot, type_text, answer_dialog, monkeypatch, demo_database, profile, tmp_path
) -> None:
    """On a new computer the welcome offers the archive; the profile made from it opens at
    every start, and RCM Desk restarts on it."""
    from PySide6.QtWidgets import QWidget

    from rcm_desktop.data.services.handover import hand_over
    from rcm_desktop.data.services.reference import reference_data
    from rcm_desktop.paths import default_profile
    from rcm_desktop.ui import handover as handover_ui
    from rcm_desktop.ui.dialogs.first_run import FirstRunDialog

    archive = tmp_path / "traspaso.rcmhandover"
    hand_over(
        demo_database, profile, tmp_path / "d.pdf", "en", archive=archive, passphrase=PASSPHRASE
    )
    welcome = FirstRunDialog(reference_data(demo_database).countries_by_name())
    qtbot.addWidget(welcome)
    answer_dialog(lambda dialog: dialog.handover.click())
    assert welcome.exec() == FirstRunDialog.HANDOVER

    data_root = tmp_path / "data"
    newcomer = Profile(data_root / "profiles" / "default").ensure()
    monkeypatch.setattr("rcm_desktop.ui.data_root.qt_data_root", lambda: data_root)
    restarted: list[object] = []
    monkeypatch.setattr(
        handover_ui, "restart_on", lambda _w, folder: restarted.append(folder) or True
    )

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.archive, str(archive))
        type_text(dialog.passphrase, PASSPHRASE)
        type_text(dialog.name, "Luis Peña")
        dialog.open_button.click()

    answer_dialog(fill)
    window = QWidget()
    qtbot.addWidget(window)
    assert handover_ui.open_handover_first(window, app_context(newcomer, None), None)
    made = data_root / "profiles" / "traspaso"
    assert restarted == [made] and (made / "rcm-desk.sqlite3").is_file()
    assert default_profile(data_root).root == made.resolve()


def test_the_dialog_can_be_closed_after_an_unexpected_failure(  # type: ignore[no-untyped-def]
    qtbot, type_text, monkeypatch, demo_database: Database, profile: Profile, tmp_path: Path
) -> None:
    """A failure that is not a refusal (a locked database, a full disk) is reported by the
    task runner; the dialog then works again and closes (the reviewer's first finding)."""
    import rcm_desktop.data.services.handover as service

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(service, "hand_over", broken)
    dialog = hand_over_dialog(qtbot, profile, demo_database)
    replace_text(qtbot, type_text, dialog.dossier, str(tmp_path / "expediente"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert not dialog.progress.isVisible() and dialog.start_button.isEnabled()
    dialog.reject()
    assert not dialog.isVisible()


def test_browsing_for_the_archive_starts_in_the_documents_folder(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, database: Database, profile: Profile, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from rcm_desktop.ui.dialogs.open_handover_dialog import OpenHandoverDialog
    from rcm_desktop.ui.dialogs.print_briefing import pdf_folder

    asked: list[str] = []
    chosen = str(tmp_path / "traspaso.rcmhandover")

    def answer(_parent, _title, folder, _filter):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return chosen, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    context = app_context(profile, database)
    dialog = OpenHandoverDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Browse…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    # not the process's working folder: where the user keeps documents
    assert asked == [str(pdf_folder(context))] and asked[0] != str(Path.cwd())
    assert dialog.archive.text() == chosen
