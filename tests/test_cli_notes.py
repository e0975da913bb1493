"""`extract-note` prints a note's draft as JSON and writes nothing; `import-note --yes` saves
it and prints the new meeting's id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcm_desktop.app import main

SEEDS = Path(__file__).parent / "data" / "seeds"
WORKSHOP = SEEDS / "mirps-workshop-2020-concept-note.txt"


def test_extract_note_prints_the_draft_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    assert main(["--profile", str(profile), "extract-note", str(WORKSHOP)]) == 0
    draft = json.loads(capsys.readouterr().out)
    assert draft["time_zone"] == "America/Costa_Rica"
    assert draft["dates"] == ["2020-10-06", "2020-10-07"]
    assert draft["limit_per_country"] == 2
    assert draft["sources"]["title"][0]["text"].startswith("Workshop on the Comprehensive")
    assert not profile.exists()  # nothing written, not even a profile folder


def test_extract_note_takes_the_language_of_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = Path(__file__).parent / "data" / "notes" / "taller-ninez-2026.txt"
    assert main(["extract-note", str(note), "--lang", "es"]) == 0
    draft = json.loads(capsys.readouterr().out)
    assert draft["language"] == "es"
    assert draft["title"] == "Taller regional sobre protección de niñez migrante no acompañada"


def test_import_note_needs_yes_and_then_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    assert main(["--profile", str(profile), "import-note", str(WORKSHOP)]) != 0
    assert "--yes" in capsys.readouterr().err
    assert main(["--profile", str(profile), "import-note", str(WORKSHOP), "--yes"]) == 0
    meeting_id = int(capsys.readouterr().out.strip())
    assert main(["--profile", str(profile), "--lang", "en", "meetings", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(item["id"] == meeting_id for item in listed)


def test_a_file_that_is_not_a_note_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = tmp_path / "note.pdf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    assert main(["extract-note", str(picture)]) != 0
    error = capsys.readouterr().err
    assert "note.pdf" in error and "Traceback" not in error
