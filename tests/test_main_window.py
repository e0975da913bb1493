"""The main window, offscreen, over a real demo profile: pages, navigation, first run, bad stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton

from rcm_desktop.data.services.settings import profile_country
from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.tasks import TaskRunner


def test_window_shows_demo_meetings_and_every_page(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    assert window.open_store()
    assert window.meetings.model.rowCount() == 0, "pages load when first shown"
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [
        "Dashboard",
        "Meetings",
        "Delegations",
        "Documents & deadlines (4)",  # 2 deadlines overdue, 1 document for comments, 1 approval
        "Directory",
        "Settings",
    ]
    for row, title in enumerate(titles):
        item = window.navigation.item(row)
        qtbot.mouseClick(
            window.navigation.viewport(),
            Qt.MouseButton.LeftButton,
            pos=window.navigation.visualItemRect(item).center(),
        )
        page = window.current_page()
        assert page is window.page(row) and page.isVisible()
        assert page.heading.text() == title.removesuffix(" (4)")
    assert window.meetings.model.rowCount() == 3
    assert window.meetings.count_label.text() == "3 meetings recorded"
    assert "Honduras" in window.country_label.text()


def test_meeting_detail_shows_sessions_agenda_and_questions(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(1)
    model = window.meetings.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title.startswith("Workshop"))
    window.meetings.table.selectRow(row)
    text = window.meetings.view.toPlainText()
    assert "Costa Rica Time (America/Costa_Rica, UTC−06:00" in text, "named by CLDR"
    assert "Session 2. Participatory Segment" in text
    assert "MIRPS PPT Presentation (30 min)" in text
    assert "Tuesday, October 6, 2020" in text
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title.startswith("II Plenary"))
    window.meetings.table.selectRow(row)
    text = window.meetings.view.toPlainText()
    assert "Lead: Costa Rica and Panama" in text
    assert "What are the main routes for migrant smuggling in the American continent?" in text
    assert "Time zone: not stated in the concept note" in text


def test_starting_on_a_current_store_takes_a_backup(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    first = open_window(profile)
    first.open_store()
    first.close()
    assert not list(profile.backups_dir.glob("rcm-desk-*.sqlite3"))
    second = open_window(profile)
    second.open_store()
    assert not list(profile.backups_dir.glob("rcm-desk-*.sqlite3")), "the first page comes first"
    qtbot.waitUntil(lambda: "Backed up" in second.backups.label.text(), timeout=10000)
    assert len(list(profile.backups_dir.glob("rcm-desk-*.sqlite3"))) == 1


def test_geometry_and_page_are_remembered(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.resize(780, 560)
    window.show_page(5)
    window.close()
    again = open_window(profile)
    assert again.navigation.currentRow() == 5
    assert (again.width(), again.height()) == (780, 560)


def test_first_run_asks_the_country(qtbot, open_window, answer_dialog, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    def choose_guatemala(dialog: QDialog) -> None:
        ok = next(b for b in dialog.findChildren(QPushButton) if b.text() in ("OK", "&OK"))
        ok.click()  # nothing chosen yet: refused with a message
        assert dialog.isVisible() and dialog.error.text() == "Choose your country to continue."
        dialog.country.set_code("GT")
        dialog.language.set_code("es")
        assert dialog.windowTitle() == "Le damos la bienvenida a RCM Desk"
        assert dialog.country.currentText().startswith("Guatemala")
        ok.click()

    window = open_window(profile, demo=False)
    answer_dialog(choose_guatemala)
    assert window.open_store()
    assert profile_country(window.context.database) == "GT"
    assert window.context.preferences.get("language") == "es"
    assert window.navigation.item(1).text() == "Reuniones"
    window.show_page(1)
    assert window.meetings.count_label.text() == "0 reuniones registradas"


def test_unreadable_database_is_set_aside_for_a_new_profile(
    qtbot, open_window, answer_dialog, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    profile.database_path.write_bytes(b"this is not a database")

    def start_new(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox) and "not an RCM Desk database" in dialog.text()
        next(b for b in dialog.buttons() if "new profile" in b.text()).click()

    window = open_window(profile)
    answer_dialog(start_new)
    assert window.open_store()
    kept = list(profile.root.glob("rcm-desk.unreadable-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"this is not a database"
    window.show_page(1)
    assert window.meetings.model.rowCount() == 3


def test_unreadable_database_and_quit_leaves_it_alone(
    qtbot, open_window, answer_dialog, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    profile.database_path.write_bytes(b"this is not a database")

    def quit_(dialog: QDialog) -> None:
        next(b for b in dialog.buttons() if "Quit" in b.text()).click()

    window = open_window(profile)
    answer_dialog(quit_)
    assert not window.open_store()
    assert window.exit_status == 1
    assert profile.database_path.read_bytes() == b"this is not a database"
    qtbot.waitUntil(lambda: not window.isVisible())


def test_settings_page_saves_country(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(5)
    settings = window.settings
    settings.country.set_code("CR")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert profile_country(window.context.database) == "CR"
    assert settings.message.text() == "Saved."
    assert "Costa Rica" in window.country_label.text()


@pytest.mark.parametrize("real_threads", [True])
def test_manual_backup_runs_in_the_background(
    qtbot, open_window, profile: Profile, real_threads: bool
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.context.tasks = TaskRunner(window)
    qtbot.mouseClick(window.settings.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Backed up" in window.backups.label.text(), timeout=10000)
    assert len(list(profile.backups_dir.glob("rcm-desk-*.sqlite3"))) == 1
    assert not window.backups.progress.isVisible()
    assert "Last backup: none yet" not in window.settings.storage_text.text()


def test_profile_preferences_file_is_json(profile: Profile, tmp_path: Path) -> None:
    preferences = Preferences(profile.preferences_path)
    preferences.set("language", "es")
    assert Preferences(profile.preferences_path).get("language") == "es"


def test_keyboard_shortcuts_arrive_after_the_first_paint(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    qtbot.waitUntil(lambda: window.backup_action.shortcut().toString() == "Ctrl+Shift+B")
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    shortcuts = [action.shortcut().toString() for action in go_menu.actions()]
    assert shortcuts == [f"Ctrl+{n}" for n in range(1, 7)]
    assert go_menu.actions()[3].text() == "Documents && deadlines"


def test_preferences_on_a_full_or_read_only_disk_do_not_break_anything(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    preferences = Preferences(blocker / "preferences.json")
    assert preferences.remember("meetings.filter", {"text": "x"}) is False
    assert preferences.get("meetings.filter") == {"text": "x"}, "kept for this run"


def test_start_up_says_what_falls_due_this_week(qtbot, open_window, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    assert window.statusBar().currentMessage() == (
        "Ready. 0 deadlines fall due this week. 2 are overdue."
    )


def test_on_another_page_the_counts_come_once_that_page_has_read(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.tasks import TaskRunner

    Preferences(profile.preferences_path).set("window.page", 1)  # it opens on Meetings
    window = open_window(profile)
    window.context.tasks = TaskRunner(window)  # real threads: the page's read comes first
    order: list[str] = []
    window.meetings.loaded.connect(lambda: order.append("meetings"))
    show_counts = window._show_attention
    window._show_attention = lambda found: (order.append("counts"), show_counts(found))
    window.open_store()
    qtbot.waitUntil(lambda: window.attention is not None, timeout=10000)
    assert order[:2] == ["meetings", "counts"]
    assert window.navigation.item(3).text() == "Documents & deadlines (4)"
    assert window.statusBar().currentMessage().startswith("Ready.")


def test_first_run_suggests_the_countrys_language_and_backs_up_the_first_record(
    qtbot, open_window, answer_dialog, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.backup import list_backups
    from rcm_desktop.data.services.directory import save_person
    from rcm_desktop.domain.people import PersonFields

    seen: dict[str, str] = {}

    def choose_brazil(dialog: QDialog) -> None:
        dialog.country.set_code("BR")
        seen["language"] = dialog.language.code()
        seen["intro"] = dialog.intro.text()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    window = open_window(profile, demo=False)
    answer_dialog(choose_brazil)
    assert window.open_store()
    assert seen["language"] == "pt" and "Brasil" in seen["intro"]
    assert list_backups(profile) == [], "an empty new profile has nothing to back up"
    person = save_person(
        window.context.database, PersonFields(full_name="Ana Souza", institution="Polícia Federal")
    )
    window.context.events.announce("people", ids=[person])
    qtbot.waitUntil(lambda: len(list_backups(profile)) == 1)
    window.context.events.announce("people", ids=[person])
    assert len(list_backups(profile)) == 1, "only the first record triggers it"
