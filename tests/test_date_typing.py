"""Dates typed key by key in every language: read as people write them, never stored wrong.

The defects this guards against: select-all then "6/10/2021" saved 12/10/2021; "9/28/2020"
became 9/28/2820; a half-typed date was saved as another day; in Spanish "10/06/2021" became
2/6/2021 and "31/02/2021" became 2/2/2021; typing in a session's Day field was ignored.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.domain.date_text import DateTextError, read_date, show_date
from rcm_desktop.domain.meetings import MeetingDraft
from rcm_desktop.i18n import set_language
from rcm_desktop.paths import Profile
from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor
from rcm_desktop.ui.widgets.dates import DateField
from tests.conftest import app_context

LANGUAGES = ("en", "es", "fr", "pt")
JUNE_10 = dt.date(2021, 6, 10)

READ = [
    ("en", "2021-06-10"), ("en", "10 Jun 2021"), ("en", "June 10, 2021"), ("en", "10th June 2021"),
    ("en", "Thu, Jun 10, 2021"), ("en", "jun 10 2021"),
    ("es", "10/06/2021"), ("es", "10-6-2021"), ("es", "10.06.21"), ("es", "10 de junio de 2021"),
    ("es", "jue, 10 jun 2021"), ("es", "2021-06-10"), ("es", "10 JUNIO 2021"),
    ("fr", "10/06/2021"), ("fr", "10 juin 2021"), ("fr", "jeudi 10 juin 2021"),
    ("pt", "10/06/2021"), ("pt", "10 de junho de 2021"), ("pt", "qui., 10 de jun. de 2021"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text"), READ)
def test_dates_are_read_in_the_languages_usual_order(language: str, text: str) -> None:
    assert read_date(text, language) == JUNE_10


REFUSED = [
    ("en", "6/10/2021", "could be June 10, 2021 or October 6, 2021"),
    ("en", "10 Jun", "whole date"),
    ("en", "9/28/202", "four digits"),
    ("en", "June 31, 2021", "has 30 days"),
    ("es", "31/02/2021", "has 28 days"),
    ("es", "10/06", "whole date"),
    ("es", "10/13/2021", "no month 13"),
    ("es", "", "whole date"),
    ("fr", "10 juinx 2021", "is not a month"),
    ("pt", "29/02/2023", "has 28 days"),
    ("pt", "1/1/2999", "from 1900 to 2100"),
]


@pytest.mark.parametrize(("language", "text", "why"), REFUSED)
def test_impossible_and_half_typed_dates_are_refused_with_the_fix(
    language: str, text: str, why: str
) -> None:
    with pytest.raises(DateTextError) as refused:
        read_date(text, language)
    assert why in refused.value.message


def test_month_first_english_dates_are_read_only_when_unambiguous() -> None:
    assert read_date("9/28/2020", "en") == dt.date(2020, 9, 28)
    assert read_date("28/9/2020", "en") == dt.date(2020, 9, 28)
    assert read_date("5/5/2020", "en") == dt.date(2020, 5, 5)


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_a_field_shows_reads_back_as_the_same_day(language: str) -> None:
    day = dt.date(2020, 1, 1)
    while day.year < 2022:
        shown = show_date(day, language)
        words = re.findall(r"[^\W\d_]{3,}", shown)
        assert len(words) >= 2, f"weekday and month as words, not numbers: {shown}"
        assert read_date(shown, language) == day, shown
        day += dt.timedelta(days=1)


# -- typed into a field, key by key ------------------------------------------------------------

TYPED = {
    "en": ("10 Jun 2021", "Thu, Jun 10, 2021", "31 Feb 2021", "February 2021 has 28 days"),
    "es": ("10/06/2021", "jue, 10 jun 2021", "31/02/2021", "28 días"),
    "fr": ("10/06/2021", "jeu. 10 juin 2021", "31/02/2021", "28 jours"),
    "pt": ("10/06/2021", "qui., 10 de jun. de 2021", "31/02/2021", "28 dias"),
}


@pytest.fixture
def language_of(request):  # type: ignore[no-untyped-def]
    def use(language: str) -> None:
        set_language(language)
        request.addfinalizer(lambda: set_language("en"))

    return use


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_date_shows_what_was_understood(
    qtbot, type_date, language_of, language: str
) -> None:  # type: ignore[no-untyped-def]
    language_of(language)
    typed, shown, impossible, why = TYPED[language]
    field = DateField(None, dt.date(2026, 9, 2))
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.dateChanged):
        type_date(field, typed)
    assert field.edit.text() == shown and field.value() == JUNE_10
    assert not field.hint.isVisible()

    type_date(field, impossible)
    assert field.value() is None and field.date().isValid() is False
    assert field.hint.isVisible() and why in field.hint.text()
    assert field.edit.text() == impossible, "what the user typed stays for them to correct"

    type_date(field, "10/06")
    assert field.edit.text() == "10/06" and field.hint.isVisible()


def test_while_typing_the_line_under_the_field_shows_the_date_understood(
    qtbot, type_text, language_of
) -> None:  # type: ignore[no-untyped-def]
    language_of("es")
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    type_text(field.edit, "3/9/202")
    assert not field.hint.isVisible() or "2026" not in field.hint.text()
    type_text(field.edit, "1")
    assert field.hint.isVisible() and field.hint.text() == "vie, 3 sept 2021"


def test_up_and_down_keys_move_the_day(qtbot, type_date) -> None:  # type: ignore[no-untyped-def]
    field = DateField()
    qtbot.addWidget(field)
    type_date(field, "2021-02-28")
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == dt.date(2021, 3, 1)
    qtbot.keyClick(field.edit, Qt.Key.Key_PageDown)
    assert field.value() == dt.date(2021, 2, 1)


def _editor(qtbot, database: Database, profile: Profile) -> MeetingEditor:  # type: ignore[no-untyped-def]
    editor = MeetingEditor(
        app_context(profile, database), MeetingDraft(start_date=dt.date(2021, 9, 28))
    )
    qtbot.addWidget(editor, before_close_func=lambda dialog: dialog.done(0))
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _stored(database: Database) -> list[tuple[dt.date, dt.date | None]]:
    with database.session() as session:
        return [(m.start_date, m.end_date) for m in session.query(Meeting).all()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_meeting_editor_saves_exactly_the_dates_typed(
    qtbot, type_text, type_date, language_of, database: Database, profile: Profile, language: str
) -> None:  # type: ignore[no-untyped-def]
    language_of(language)
    editor = _editor(qtbot, database, profile)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    type_text(editor.title, "Diálogo del Grupo de Trabajo")
    first, last = ("Sep 30, 2021", "2021-10-01") if language == "en" else ("30/09/2021", "1/10/21")
    type_date(editor.start_date, first)
    type_date(editor.end_date, "31/09/2021" if language != "en" else "Sep 31, 2021")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and _stored(database) == []
    assert editor.end_date.hint.isVisible() and editor.end_date.hasFocus() in (True, False)

    type_date(editor.end_date, last)
    editor.tabs.setCurrentWidget(editor.sessions_tab)
    qtbot.mouseClick(editor.sessions_tab.add_button, Qt.MouseButton.LeftButton)
    assert editor.sessions_tab.date.value() == dt.date(2021, 9, 30), "a first session: day one"
    qtbot.mouseClick(editor.sessions_tab.add_button, Qt.MouseButton.LeftButton)
    assert editor.sessions_tab.date.value() == dt.date(2021, 10, 1), "then the day after"
    type_date(editor.sessions_tab.date, "30/9" if language != "en" else "Sep 30")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and _stored(database) == [], "a half-typed day is not saved"
    assert editor.tabs.currentWidget() is editor.sessions_tab
    type_date(editor.sessions_tab.date, "2021-09-30")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert _stored(database) == [(dt.date(2021, 9, 30), dt.date(2021, 10, 1))]
    with database.session() as session:
        meeting = session.query(Meeting).one()
        assert sorted(s.date for s in meeting.sessions) == [dt.date(2021, 9, 30)] * 2
