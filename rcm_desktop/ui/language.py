"""Switching the interface language at run time: our catalogs and Qt's own.

Qt's own words (file dialogs, message box buttons, the context menu of text fields) come from
its `qtbase_<lang>.qm` catalogs: in Qt's translations folder when running from Python, and in
`rcm_desktop/qt_translations/` inside the frozen app (see build_installer.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from rcm_desktop.i18n import set_language

#: Where the frozen app keeps Qt's catalogs, under its bundle folder (build_installer.spec).
BUNDLED_QT_CATALOGS = "rcm_desktop/qt_translations"

_qt_translators: list[QTranslator] = []


def _qt_translations_path() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_catalog_folders() -> list[Path]:
    """The folders that may hold Qt's catalogs, the frozen app's own copy first."""
    folders = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / BUNDLED_QT_CATALOGS)
    folders.append(Path(_qt_translations_path()))
    return [folder for folder in folders if folder.is_dir()]


def with_accelerator(translation: str, source: str) -> str:
    """*translation* with an "&" on the letter *source* marks, else on its first letter."""
    letter = source[source.index("&") + 1 :][:1].lower()
    at = translation.lower().find(letter) if letter.isalnum() else -1
    if at < 0:
        at = next((i for i, char in enumerate(translation) if char.isalnum()), 0)
    return translation[:at] + "&" + translation[at:]


class AcceleratorFallback(QTranslator):
    """Qt 6 gave some words an accelerator ("&Look in:", "Files of &type:") that Qt's Spanish,
    French and Portuguese catalogs only have without it ("Look in:"): translate those through
    the catalog's entry without the "&", and put the accelerator back. Asked only when the
    catalog itself has no answer."""

    def __init__(self, catalog: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if "&" not in source or "&&" in source:
            return None  # None, not "": an empty answer would print as an empty label
        found = self._catalog.translate(context, source.replace("&", "", 1), disambiguation, n)
        return with_accelerator(found, source) if found else None

    def isEmpty(self) -> bool:
        return self._catalog.isEmpty()


def install_qt_translations(language: str) -> bool:
    """Make Qt's own dialogs (file pickers, message boxes, standard buttons, text menus) speak
    *language*; returns whether Qt's catalog for it was found (English needs none)."""
    app = QCoreApplication.instance()
    QLocale.setDefault(QLocale(language))
    if app is None:
        return False
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if language == "en":
        return True
    for folder in qt_catalog_folders():
        catalog = QTranslator(app)
        if catalog.load(QLocale(language), "qtbase", "_", str(folder)):
            fallback = AcceleratorFallback(catalog, app)
            app.installTranslator(fallback)  # the last installed is asked first: the catalog
            app.installTranslator(catalog)
            _qt_translators.extend((catalog, fallback))
            return True
    return False


def apply_language(code: str) -> str:
    """Activate *code* for our messages, babel formatting and Qt; returns the code in use."""
    language = set_language(code)
    install_qt_translations(language)
    return language
