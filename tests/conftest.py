"""Shared fixtures. Qt runs offscreen, set here before anything imports Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from pathlib import Path

import pytest

from rcm_desktop.data.db import Database
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.i18n import set_language
from rcm_desktop.paths import Profile


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English and leaves English behind."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    """An empty profile folder."""
    return Profile(tmp_path / "profile").ensure()


#: Set (e.g. by `.ci/postgres start`) to run the store tests on PostgreSQL instead of SQLite.
POSTGRES_URL = os.environ.get("RCM_DESK_TEST_DATABASE_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, run only the store tests, less those of the SQLite file itself."""
    if not POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="tests the profile's SQLite file, not a server database")
    store_tests, others = [], []
    for item in items:
        uses_store = "database" in getattr(item, "fixturenames", ())
        (store_tests if uses_store else others).append(item)
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = store_tests


@pytest.fixture
def database(profile: Profile) -> Iterator[Database]:
    """A real store, migrated with Alembic and holding reference data.

    SQLite in the profile; or, when RCM_DESK_TEST_DATABASE_URL names a PostgreSQL server,
    a fresh database on it, cloned from a template migrated once per run.
    """
    if POSTGRES_URL:
        from tests.postgres import fresh_database

        with fresh_database(POSTGRES_URL, profile) as store:
            yield store
        return
    store = open_database(profile)
    prepare_store(store, profile)
    yield store
    store.dispose()


@pytest.fixture
def demo_database(database: Database) -> Database:
    """The store with the demo meetings loaded."""
    from rcm_desktop.data.demo import load_demo

    load_demo(database)
    return database


def app_context(profile: Profile, database: Database | None, *, synchronous: bool = True):  # type: ignore[no-untyped-def]
    """What the window gives every page and dialog: the store, with its reference data read."""
    from rcm_desktop.data.services.reference import reference_data
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.tasks import TaskRunner

    return AppContext(
        profile=profile,
        preferences=Preferences(profile.preferences_path),
        tasks=TaskRunner(synchronous=synchronous),
        database=database,
        reference=reference_data(database) if database is not None else None,
    )


@pytest.fixture
def open_window(qtbot):  # type: ignore[no-untyped-def]
    """A factory of real main windows over a profile (demo data by default), shown offscreen."""
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.main_window import MainWindow
    from rcm_desktop.ui.tasks import TaskRunner

    def factory(profile: Profile, *, demo: bool = True) -> MainWindow:
        context = AppContext(
            profile=profile,
            preferences=Preferences(profile.preferences_path),
            tasks=TaskRunner(synchronous=True),
            demo=demo,
        )
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return factory


@pytest.fixture
def answer_dialog():  # type: ignore[no-untyped-def]
    """Run a handler on the next modal dialog as soon as it is shown (for exec()-ed dialogs)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer(handler) -> None:  # type: ignore[no-untyped-def]
        def attempt() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(10, attempt)
                return
            handler(dialog)

        QTimer.singleShot(0, attempt)

    return answer


@pytest.fixture
def type_text(qtbot):  # type: ignore[no-untyped-def]
    """Type text into a widget key by key, accents included (QTest.keyClicks takes ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:  # type: ignore[no-untyped-def]
        for character in text:
            if character.isascii():
                qtbot.keyClicks(widget, character)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
                QApplication.sendEvent(widget, event)

    return type_


@pytest.fixture
def type_date(qtbot, type_text):  # type: ignore[no-untyped-def]
    """Type into a date field as a person does: select all, type the keys, then Tab away."""
    from PySide6.QtCore import Qt

    def type_(field, text: str) -> None:  # type: ignore[no-untyped-def]
        edit = field.edit
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        type_text(edit, text)
        left = []
        edit.editingFinished.connect(lambda: left.append(True))
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        if not left:  # the offscreen window is not active: leaving sends this
            edit.editingFinished.emit()

    return type_
