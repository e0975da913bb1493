"""Qt's own words (file dialogs, message box buttons, text field menus) in the interface language."""

from __future__ import annotations

import ast
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox

from rcm_desktop.ui import language as ui_language
from rcm_desktop.ui.language import BUNDLED_QT_CATALOGS, apply_language, with_accelerator

ROOT = Path(__file__).resolve().parents[1]

#: What Qt's catalogs say: "Look in:", "Files of type:", Save, Cancel, Copy (accelerators dropped).
EXPECTED = {
    "en": ("Look in:", "Files of type:", "Save", "Cancel", "Copy"),
    "es": ("Ver en:", "Ficheros de tipo:", "Guardar", "Cancelar", "Copiar"),
    "fr": ("Voir dans\xa0:", "Fichiers de type\xa0:", "Enregistrer", "Annuler", "Copier"),
    "pt": ("Procurar em:", "Arquivos do tipo:", "Salvar", "Cancelar", "Copiar"),
}


@pytest.fixture
def interface_language(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Leave the interface, Qt's words included, in English."""
    yield
    apply_language("en")


def _what_qt_shows() -> tuple[str, ...]:
    dialog = QFileDialog(None, "Save")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    field = QLineEdit("text")
    menu = field.createStandardContextMenu()  # the menu a right click opens
    menu_words = [action.text().replace("&", "") for action in menu.actions()]
    shown = (
        labels["lookInLabel"].replace("&", ""),
        labels["fileTypeLabel"].replace("&", ""),
        box.button(QMessageBox.StandardButton.Save).text().replace("&", ""),
        buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", ""),
        next(word for word in menu_words if word.startswith("Cop")).split("\t")[0],
    )
    for widget in (dialog, box, buttons, menu, field):
        widget.deleteLater()
    return shown


@pytest.mark.parametrize("code", ["es", "fr", "pt"])
def test_qt_dialogs_speak_the_interface_language_and_english_again(
    code: str, interface_language: None
) -> None:
    apply_language(code)
    look_in, files_of_type, save, cancel, copy = EXPECTED[code]
    assert QCoreApplication.translate("QFileDialog", "Look in:") == look_in
    assert _what_qt_shows() == (look_in, files_of_type, save, cancel, copy)
    apply_language("en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    assert _what_qt_shows() == EXPECTED["en"]


def test_strings_qt_does_not_translate_stay_as_they_are(interface_language: None) -> None:
    apply_language("es")
    assert QCoreApplication.translate("NoSuchContext", "&Nothing here") == "&Nothing here"
    assert QCoreApplication.translate("NoSuchContext", "Nothing") == "Nothing"


def test_the_accelerator_goes_back_on_the_same_letter_when_it_can() -> None:
    assert with_accelerator("Ficheros de tipo:", "Files of &type:") == "Ficheros de &tipo:"
    assert with_accelerator("Ver en:", "&Look in:") == "&Ver en:"


def test_the_frozen_app_finds_its_bundled_catalogs(
    interface_language: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qt_folder = Path(ui_language._qt_translations_path())
    bundle = tmp_path / "bundle"
    (bundle / BUNDLED_QT_CATALOGS).mkdir(parents=True)
    shutil.copy(qt_folder / "qtbase_es.qm", bundle / BUNDLED_QT_CATALOGS)
    empty = tmp_path / "no-qt-translations"
    empty.mkdir()
    monkeypatch.setattr(ui_language, "_qt_translations_path", lambda: str(empty))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    apply_language("es")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Ver en:"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert ui_language.install_qt_translations("es") is False  # nowhere to find it: English
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"


def _spec_functions() -> dict[str, object]:
    """The spec's catalog list and its data filter, run outside PyInstaller."""
    tree = ast.parse((ROOT / "build_installer.spec").read_text(encoding="utf-8"))
    wanted_names = {
        "LANGUAGES",
        "QT_CATALOGS_DESTINATION",
        "QT_PLUGIN_FILES_UNUSED",
        "QT_PLUGINS_UNUSED",
        "QT_IMAGEFORMATS_KEPT",
    }
    nodes = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name in ("qt_catalogs", "wanted"))
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in wanted_names for t in node.targets)
        )
    ]
    namespace: dict[str, object] = {"Path": Path}
    exec(
        compile(ast.Module(body=nodes, type_ignores=[]), "build_installer.spec", "exec"), namespace
    )
    return namespace


def test_the_installer_bundles_qts_catalogs_where_the_app_looks() -> None:
    spec = _spec_functions()
    entries = spec["qt_catalogs"]()  # type: ignore[operator]
    names = {Path(source).name for source, _destination in entries}
    assert {"qtbase_es.qm", "qtbase_fr.qm", "qtbase_pt_BR.qm"} <= names
    assert {destination for _source, destination in entries} == {BUNDLED_QT_CATALOGS}
    for source, destination in entries:
        entry = (f"{destination}/{Path(source).name}", source, "DATA")
        assert spec["wanted"](entry), entry  # type: ignore[operator]
