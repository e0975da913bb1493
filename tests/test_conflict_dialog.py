"""The conflict dialog's three choices, with the form keeping what the user typed; the change watcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rcm_desktop.data.db import Database
from rcm_desktop.data.services import directory
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.paths import Profile
from rcm_desktop.ui.context import AppContext
from tests.conftest import app_context

ANA = "Ana Peña (ana@LAPTOP-3)"


@pytest.fixture
def context(profile: Profile, database: Database) -> AppContext:
    return app_context(profile, database)


@pytest.fixture
def ana(database: Database) -> Iterator[Database]:
    other = Database(database.url)
    other.identity = ANA
    yield other
    other.dispose()


def _editor_after_ana_saved(qtbot, context: AppContext, ana: Database):  # type: ignore[no-untyped-def]
    from rcm_desktop.ui.dialogs.person_editor import PersonEditor

    database = context.database
    assert database is not None
    person = directory.save_person(
        database, PersonFields(full_name="Sofía Hernández", institution="Cancillería")
    )
    row = directory.get_person(database, person)
    editor = PersonEditor(context, row.fields(), person, version=row.version)
    qtbot.addWidget(editor)
    editor.inputs["email"].setText("sofia@example.org")  # what I type
    theirs = directory.get_person(ana, person)
    directory.save_person(
        ana, PersonFields(**{**vars(theirs.fields()), "phone": "+504 2222-0000"}), person,
        version=theirs.version,
    )  # fmt: skip
    return editor, person


def _choose(answer_dialog, button: str, seen: dict) -> None:  # type: ignore[no-untyped-def]
    def handler(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["headline"] = dialog.headline.text()
        table = dialog.table
        seen["rows"] = [
            tuple(table.item(row, column).text() for column in range(3))
            for row in range(table.rowCount())
        ]
        getattr(dialog, button).click()

    answer_dialog(handler)


def test_go_back_and_edit_keeps_the_typed_text(qtbot, context, ana, answer_dialog) -> None:  # type: ignore[no-untyped-def]
    editor, person = _editor_after_ana_saved(qtbot, context, ana)
    seen: dict = {}
    _choose(answer_dialog, "edit_button", seen)
    editor.save()
    assert seen["headline"].startswith(f"{ANA} changed this directory entry at ")
    assert ("Email", "—", "sofia@example.org") in seen["rows"]
    assert ("Phone", "+504 2222-0000", "—") in seen["rows"]
    assert editor.inputs["email"].text() == "sofia@example.org" and editor.saved_id is None
    assert "Your edit is kept" in editor.error.text()
    assert directory.get_person(context.database, person).email is None
    editor.save()  # now deliberately over theirs: no second question
    assert directory.get_person(context.database, person).email == "sofia@example.org"


def test_keep_mine_saves_over_theirs(qtbot, context, ana, answer_dialog) -> None:  # type: ignore[no-untyped-def]
    editor, person = _editor_after_ana_saved(qtbot, context, ana)
    _choose(answer_dialog, "mine_button", {})
    editor.save()
    stored = directory.get_person(context.database, person)
    assert editor.saved_id == person and stored.email == "sofia@example.org"
    assert stored.phone is None  # mine replaced theirs, as chosen


def test_keep_theirs_discards_mine(qtbot, context, ana, answer_dialog) -> None:  # type: ignore[no-untyped-def]
    editor, person = _editor_after_ana_saved(qtbot, context, ana)
    _choose(answer_dialog, "theirs_button", {})
    with qtbot.waitSignal(context.events.changed):
        editor.save()
    stored = directory.get_person(context.database, person)
    assert (stored.email, stored.phone) == (None, "+504 2222-0000")
    assert editor.result() == 0 and editor.saved_id is None


def test_the_watcher_notices_a_save_by_someone_else(qtbot, context, ana) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from rcm_desktop.ui.change_watch import ChangeWatcher

    window = QWidget()
    qtbot.addWidget(window)
    watcher = ChangeWatcher(window, context)
    assert watcher.check() is False  # the first look sets the mark
    directory.save_person(context.database, PersonFields(full_name="Mía", institution="INM"))
    context.events.announce("people")  # my own save, announced: no second refresh
    assert watcher.check() is False
    oscar = directory.save_person(ana, PersonFields(full_name="Óscar Ruiz", institution="DGME"))
    with qtbot.waitSignal(context.events.changed) as blocker:
        assert watcher.check() is True
    change = blocker.args[0]
    assert change.remote and change.kinds == {"people"}, "only what the other user changed"
    assert change.ids_of("people") == {oscar}
