"""Switching the interface language at run time: our catalogs and Qt's own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rcm_desktop.i18n import set_language

_qt_translators: list[QTranslator] = []


def install_qt_translations(language: str) -> None:
    """Make Qt's own dialogs (file pickers, message boxes, standard buttons) speak *language*."""
    app = QCoreApplication.instance()
    QLocale.setDefault(QLocale(language))
    if app is None:
        return
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)


def apply_language(code: str) -> str:
    """Activate *code* for our messages, babel formatting and Qt; returns the code in use."""
    language = set_language(code)
    install_qt_translations(language)
    return language
