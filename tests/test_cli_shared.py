"""copy-database, export and backup of a database given by URL, from the command line.

The `database` fixture plays the shared database: PostgreSQL when the suite runs on
it (`make test-postgres`), else a second SQLite file reached by its URL.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from rcm_desktop.app import main
from rcm_desktop.data.db import Database


def url_of(database: Database) -> str:
    """The store's URL with its password, as a user would type it."""
    url = database.url
    return url if isinstance(url, str) else url.render_as_string(hide_password=False)


def meeting_titles(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(text("SELECT title FROM meetings ORDER BY id")).scalars())


def test_copy_to_a_shared_database_and_back(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "home")
    url = url_of(database)
    assert main(["--demo", "--profile", home, "copy-database", "--to", url]) == 0
    said = capsys.readouterr().out
    assert "Copied" in said and "files are not in the database" in said
    assert len(meeting_titles(database)) == 3

    # a second copy into the same database is refused: it now holds data
    assert main(["--profile", home, "copy-database", "--to", url]) == 1
    assert "already holds" in capsys.readouterr().err

    with database.session() as session:
        session.execute(text("UPDATE meetings SET title = 'Edited on the server' WHERE id = 1"))
    other = str(tmp_path / "other")
    assert main(["--profile", other, "copy-database", "--from", url]) == 0
    assert "previous database was kept" not in capsys.readouterr().out  # it had none
    assert main(["--profile", other, "meetings"]) == 0
    assert "Edited on the server" in capsys.readouterr().out


def test_copy_from_into_a_profile_with_data_needs_replace(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "home")
    assert main(["--demo", "--profile", home, "copy-database", "--to", url_of(database)]) == 0
    with database.session() as session:
        session.execute(text("DELETE FROM meetings WHERE id = 3"))
    capsys.readouterr()
    assert main(["--profile", home, "copy-database", "--from", url_of(database)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["--profile", home, "copy-database", "--from", url_of(database), "--replace"]) == 0
    assert "previous database was kept" in capsys.readouterr().out
    assert len(list((Path(home) / "backups").glob("before-copy-*.sqlite3"))) == 2
    assert main(["--profile", home, "meetings"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_export_every_table_as_json(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.json"
    profile = str(tmp_path / "p")
    assert (
        main(["--profile", profile, "--database-url", url_of(database), "export", "-o", str(out)])
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_revision"] and "meetings" in data["tables"]
    assert data["tables"]["countries"]["rows"]


def test_backup_of_a_url_store_without_pg_dump_is_a_json_export(
    database: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rcm_desktop.data import server_backup

    monkeypatch.setattr(server_backup, "pg_dump_available", lambda: None)
    target = tmp_path / "server-backup.json"
    profile = str(tmp_path / "p")
    assert (
        main(
            ["--profile", profile, "--database-url", url_of(database), "backup", "-o", str(target)]
        )
        == 0
    )
    assert "exported as JSON" in capsys.readouterr().out
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "rcm-desk-export"


def test_backup_of_postgresql_with_pg_dump(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rcm_desktop.data.server_backup import pg_dump_available

    if database.is_sqlite or pg_dump_available() is None:
        pytest.skip("needs PostgreSQL and pg_dump")
    target = tmp_path / "server.dump"
    profile = str(tmp_path / "p")
    assert (
        main(
            ["--profile", profile, "--database-url", url_of(database), "backup", "-o", str(target)]
        )
        == 0
    )
    assert "pg_dump" in capsys.readouterr().out
    assert target.read_bytes()[:5] == b"PGDMP"
    assert not list(tmp_path.glob(".partial-*"))


def test_pg_dump_gets_the_password_from_the_environment_only() -> None:
    from rcm_desktop.data.server_backup import libpq_target

    uri, environment = libpq_target(
        make_url("postgresql+psycopg://focal:s3cr%40t@db.example:5433/rcm")
    )
    assert uri == "postgresql://focal@db.example:5433/rcm"
    assert environment == {"PGPASSWORD": "s3cr@t"}


def test_take_home_then_bring_back(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rcm_desktop.data.store import open_database
    from rcm_desktop.paths import Profile

    seed = str(tmp_path / "seed")
    url = url_of(database)
    assert main(["--demo", "--profile", seed, "copy-database", "--to", url]) == 0
    trip = tmp_path / "trip"
    assert main(["--profile", str(trip), "take-home", "--from", url]) == 0
    assert "Took home" in capsys.readouterr().out
    home = open_database(Profile(trip))
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting

    save_meeting(home, dataclasses.replace(load_draft(home, 2), notes="Written offline"))
    home.dispose()
    assert main(["--profile", str(trip), "bring-back", "--to", "sqlite:///elsewhere.db"]) == 1
    assert "was taken home from" in capsys.readouterr().err
    assert main(["--profile", str(trip), "bring-back", "--to", url]) == 0
    out = capsys.readouterr().out
    assert "1 changed, 0 new, 0 deleted" in out and "fresh copy" in out
    with database.engine.connect() as connection:
        notes = connection.execute(text("SELECT notes FROM meetings WHERE id = 2")).scalar()
    assert notes == "Written offline"
    assert main(["--profile", str(trip), "bring-back", "--to", url]) == 0  # nothing twice
    assert "0 changed, 0 new, 0 deleted" in capsys.readouterr().out
