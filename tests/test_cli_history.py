"""`history` prints a record's timeline (or JSON); `purge-history` removes old entries only
with --yes; a copy taken home by a version without the journal is refused with the way out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from rcm_desktop.app import main
from rcm_desktop.data.services.replay import bring_back
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.take_home import NotACheckoutError
from rcm_desktop.paths import Profile


def test_history_prints_sentences_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    assert main(["--demo", "--profile", profile, "history", "--meeting", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.count("\t") == 2 for line in lines)
    assert any("\tMeeting added: “" in line for line in lines)
    assert main(["--profile", profile, "history", "--person", "1", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["subject"] == "person" and found["changes"][0]["table"] in (
        "people",
        "nominations",
    )
    assert main(["--profile", profile, "history", "--meeting", "999"]) == 1
    assert "There is no record 999" in capsys.readouterr().err


def test_purge_history_asks_for_yes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(tmp_path / "p")
    assert main(["--demo", "--profile", profile, "purge-history", "--before", "2999-01-01"]) == 1
    assert "Nothing was removed; add --yes" in capsys.readouterr().out
    assert main(["--profile", profile, "purge-history", "--before", "2999-01-01", "--yes"]) == 0
    assert "1 history entry older than 2999-01-01 removed." in capsys.readouterr().out
    assert main(["--profile", profile, "history", "--meeting", "1"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--profile", profile, "purge-history", "--before", "1.1.2020"]) == 1
    assert "is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_a_copy_taken_home_before_the_journal_is_refused(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "old").ensure()
    store = open_database(profile)
    prepare_store(store, profile)
    with store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('take_home.base', '{}')")
        )
    with pytest.raises(NotACheckoutError, match="older version of RCM Desk"):
        bring_back(store, store)
    store.dispose()
