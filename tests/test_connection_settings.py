"""Settings › Shared database: test a connection, use it, and what is (not) remembered."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import make_url

from rcm_desktop.data.connection import (
    PREFERENCE_KEY,
    PasswordNeededError,
    ServerAddress,
    connection_error,
    server_url,
    without_password,
)
from rcm_desktop.data.db import Database
from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.tasks import TaskRunner
from rcm_desktop.ui.widgets.connection_panel import ConnectionPanel


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def panel(qtbot, profile: Profile) -> ConnectionPanel:  # type: ignore[no-untyped-def]
    context = AppContext(
        profile=profile,
        preferences=Preferences(profile.preferences_path),
        tasks=TaskRunner(synchronous=True),
    )
    widget = ConnectionPanel(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(qtbot, panel: ConnectionPanel, address: ServerAddress) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.server, Qt.MouseButton.LeftButton)
    for field, value in (
        (panel.host, address.host),
        (panel.database_name, address.database),
        (panel.user, address.user),
        (panel.password, address.password),
    ):
        field.clear()
        qtbot.keyClicks(field, value)
    panel.port.setValue(address.port)


def test_a_refused_connection_says_so_and_keeps_what_was_typed(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    typed = ServerAddress("127.0.0.1", port, "rcm", "focal", "s3cret")
    fill(qtbot, panel, typed)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    assert f"refused the connection on port {port}" in panel.result.text()
    assert panel.address() == typed
    assert panel.test_button.isEnabled() and panel.use_button.isEnabled()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)  # refused: nothing remembered
    assert panel.context.preferences.get(PREFERENCE_KEY) is None
    assert panel.address() == typed


def test_a_missing_database_name_is_asked_for(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, panel, ServerAddress("db.example", 5432, "", "focal"))
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    assert "name of the database" in panel.result.text()


def test_server_messages_are_precise() -> None:
    url = "postgresql+psycopg://focal@db.example:5433/rcm"
    cases = {
        'FATAL:  password authentication failed for user "focal"': "refused the user name or password",
        "fe_sendauth: no password supplied": "asks for the password of focal",
        'FATAL:  database "rcm" does not exist': "no database named “rcm”",
        'FATAL:  role "focal" does not exist': "no user named “focal”",
        'could not translate host name "db.example" to address': "No server named “db.example”",
        "timeout expired": "did not answer within",
        'no pg_hba.conf entry for host "10.0.0.5"': "does not accept connections from this computer",
    }
    for reason, expected in cases.items():
        assert expected in connection_error(RuntimeError(reason), url).message
    assert isinstance(
        connection_error(RuntimeError("no password supplied"), url), PasswordNeededError
    )


def test_the_password_is_never_remembered() -> None:
    url = server_url(ServerAddress("db.example", 5433, "rcm", "focal", "s3cret"))
    assert "s3cret" in url
    assert without_password(url) == "postgresql+psycopg://focal@db.example:5433/rcm"


def _address(database: Database) -> ServerAddress:
    url = make_url(database.url) if isinstance(database.url, str) else database.url
    return ServerAddress(url.host or "", url.port or 5432, url.database or "", url.username or "")


def test_a_working_server_says_its_version_and_schema_state(
    qtbot, panel, database: Database
) -> None:  # type: ignore[no-untyped-def]
    if database.is_sqlite:
        pytest.skip("needs PostgreSQL (make test-postgres)")
    fill(qtbot, panel, _address(database))
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    said = panel.result.text()
    assert said.startswith("Connected to PostgreSQL ") and "up to date" in said
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    remembered = panel.context.preferences.get(PREFERENCE_KEY)
    assert remembered == server_url(_address(database), with_password=False)
    assert "next time RCM Desk starts" in panel.result.text()


def test_use_this_database_reopens_the_window_on_the_server(
    qtbot, open_window, tmp_path: Path, database: Database
) -> None:  # type: ignore[no-untyped-def]
    if database.is_sqlite:
        pytest.skip("needs PostgreSQL (make test-postgres)")
    from rcm_desktop.data.services.settings import set_profile_country

    set_profile_country(database, "HN")
    window = open_window(Profile(tmp_path / "home").ensure())
    page = window.settings
    fill(qtbot, page.connection, _address(database))
    qtbot.mouseClick(page.connection.use_button, Qt.MouseButton.LeftButton)
    assert "In use now" in page.connection.result.text()
    assert window.context.database is not None and not window.context.database.is_sqlite
    assert window.backup_action.isEnabled() and not window.restore_action.isEnabled()
    text = Path(window.context.profile.preferences_path).read_text(encoding="utf-8")
    assert PREFERENCE_KEY in text
    qtbot.mouseClick(page.connection.local, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.connection.use_button, Qt.MouseButton.LeftButton)
    assert window.context.database.is_sqlite
    assert window.context.preferences.get(PREFERENCE_KEY) is None


def test_the_window_reads_the_preference_settings_writes() -> None:
    """The window looks for a remembered server under the key Settings writes it to."""
    from rcm_desktop.data.services.shared_database import PREFERENCE_KEY
    from rcm_desktop.ui.opening import SHARED_DATABASE_PREFERENCE

    assert SHARED_DATABASE_PREFERENCE == PREFERENCE_KEY
