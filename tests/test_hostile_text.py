"""Hostile text and files (part of #15): what is stored is clean, CSV exports run no formula,
and the CSV reader survives lying byte-order marks and enormous cells."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Person
from rcm_desktop.data.services.directory import (
    export_people_csv,
    import_people,
    preview_import,
    save_person,
)
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.text import clean_text
from rcm_desktop.exchange.csv_cells import neutralise, restore
from rcm_desktop.exchange.people_csv import decode, read_people_csv


def test_clean_text_removes_what_should_never_be_stored() -> None:
    assert clean_text("An\x00a") == "Ana"
    assert clean_text("Ana\u202eLópez\u2066x\u2069") == "AnaLópezx"
    assert clean_text("Ana\r\nLópez\tPeña") == "Ana López Peña", "one line: breaks become spaces"
    assert clean_text("uno\r\ndos\rtres\x07\tcuatro", multiline=True) == "uno\ndos\ntres\tcuatro"
    assert clean_text("Jose\u0301") == "José", "NFC"
    assert clean_text("Señora 👩🏽‍⚖️ <b>&amp;</b>") == "Señora 👩🏽‍⚖️ <b>&amp;</b>", "kept as typed"


def test_a_nul_in_a_name_is_not_stored(database: Database) -> None:
    person_id = save_person(
        database, PersonFields(full_name="An\x00a Peña", institution="INM\u202e", notes="a\x00\nb")
    )
    with database.session() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert (person.full_name, person.institution, person.notes) == ("Ana Peña", "INM", "a\nb")


def test_a_csv_with_nul_imports_without_a_database_error(
    database: Database, tmp_path: Path
) -> None:
    source = tmp_path / "directorio.csv"
    source.write_bytes("Nombre completo,Institución\nAn\x00a Peña,INM\n".encode())
    reading = preview_import(database, source)
    assert [row.fields.full_name for row in reading.rows] == ["An\x00a Peña"]
    assert import_people(database, reading.rows) == 1
    with database.session() as session:
        assert session.query(Person.full_name).scalar() == "Ana Peña"


def test_exports_neutralise_formulas_and_imports_read_them_back(
    database: Database, tmp_path: Path
) -> None:
    hostile = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3"]
    for index, text in enumerate(hostile):
        save_person(database, PersonFields(full_name=f"Persona {index}", institution=text))
    out = tmp_path / "export.csv"
    export_people_csv(database, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    institutions = [row[3] for row in rows[1:]]
    assert institutions == ["'" + text for text in hostile]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    again = read_people_csv(out.read_bytes())
    assert [row.fields.institution for row in again.rows] == hostile
    assert neutralise("Ana") == "Ana" and restore("'Ana") == "'Ana"


def test_lying_byte_order_marks_and_huge_cells_are_read() -> None:
    body = "Nombre completo;Institución\nJosé Núñez;Migración\n".encode("cp1252")
    text, _encoding = decode(codecs.BOM_UTF8 + body)
    assert "José Núñez" in text
    text, _encoding = decode(codecs.BOM_UTF16_LE + b"A\x00B")  # odd length after the mark
    assert text
    huge = "x" * 200_000
    reading = read_people_csv(f"Full name,Institution\n{huge},INM\n".encode())
    assert len(reading.rows) + len(reading.rejected) == 1


def test_an_attachment_named_with_controls_is_found_under_its_stored_name(
    database: Database, tmp_path: Path
) -> None:
    """The record keeps the cleaned name; the copy must be at the path that name gives."""
    from rcm_desktop.data.services.attachments import add_attachment, list_attachments
    from rcm_desktop.paths import Profile
    from tests.test_meeting_services import follow_up_draft, save_meeting

    profile = Profile(tmp_path / "profile").ensure()
    meeting_id = save_meeting(database, follow_up_draft())
    decomposed = "Nota\u202e conceptual\u0007 – revisio\u0301n.pdf"  # bidi override, BEL, NFD
    note = tmp_path / decomposed
    note.write_bytes(b"%PDF-1.4 revised")
    add_attachment(database, profile, meeting_id, note)
    [listed] = list_attachments(database, profile, meeting_id)
    assert listed.file_name == "Nota conceptual – revisión.pdf"
    assert listed.stored_path.read_bytes() == b"%PDF-1.4 revised"


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    """A JSON escape ("\\ud800") can carry one; no database or file can hold it."""
    assert clean_text("Mar\ud83cía") == "Mar\ufffdía"
    assert clean_text("Mar\udfffía\n", multiline=True) == "Mar\ufffdía\n"


def test_a_text_longer_than_its_column_is_refused_in_characters(database: Database) -> None:
    """SQLite would have kept 600 characters in a 500-character title; PostgreSQL refused it
    only at commit. Now both refuse it when it is set, naming the field and the limit."""
    import pytest

    from rcm_desktop.errors import ValidationError
    from tests.test_meeting_services import follow_up_draft, save_meeting

    draft = follow_up_draft()
    draft.title = "ñ" * 600  # 600 characters, 1,200 bytes
    with pytest.raises(ValidationError, match=r"“title” is 600 characters long; at most 500"):
        save_meeting(database, draft)
    draft.title = "ñ" * 500
    assert save_meeting(database, draft)
