"""`fill-form`: the organiser's form filled with the demo delegation, from the command line,
and the service under it (order of participants, remembered mapping, refusals)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcm_desktop.app import main
from tests.test_forms import _fillable_pdf, _sheet_with_title, _word_table

#: The demo's Honduran delegation to meeting 1, as the form must list it (head first).
DEMO_MEETING = 1


def run(profile: Path, *args: str) -> int:
    return main(["--demo", "--profile", str(profile), *args])


def _rows(path: Path) -> list[list[str]]:
    import docx

    return [[cell.text for cell in row.cells] for row in docx.Document(str(path)).tables[0].rows]


def test_a_word_form_is_filled_head_first_and_the_original_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = _word_table(tmp_path / "inscripcion.docx", ["Nombre completo", "Cargo", "Correo"], 1)
    original = form.read_bytes()
    out = tmp_path / "inscripcion-llena.docx"
    assert run(tmp_path / "p", "fill-form", str(form), "--meeting", "1", "-o", str(out)) == 0
    assert "3 participants written" in capsys.readouterr().out
    rows = _rows(out)
    assert rows[0] == ["Nombre completo", "Cargo", "Correo"]
    names = [row[0] for row in rows[1:] if row[0]]
    assert len(names) == 3 and all("@" in row[2] for row in rows[1:4])
    assert form.read_bytes() == original


def test_the_head_of_delegation_comes_first(tmp_path: Path) -> None:
    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.services.organiser_forms import delegation_participants
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    store = open_store(Profile(tmp_path / "p").ensure()).store
    try:
        load_demo(store)
        participants = delegation_participants(store, DEMO_MEETING, "HN")
    finally:
        store.dispose()
    roles = [participant.role for participant in participants]
    assert participants and ("Head of delegation" not in roles or roles[0] == "Head of delegation")
    seats = [p.seat for p in participants if p.seat is not None and p.role != "Head of delegation"]
    assert seats == sorted(seats)
    assert all(p.record.country == "Honduras" for p in participants)


def test_a_mapping_file_corrects_and_the_correction_is_remembered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = _word_table(tmp_path / "form.docx", ["Participante", "Dependencia", "Teléfono"], 3)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Dependencia": "institution", "Teléfono": ""}), "utf-8")
    profile = tmp_path / "p"
    first = tmp_path / "first.docx"
    arguments = ["fill-form", str(form), "--meeting", "1", "--show-mapping"]
    assert run(profile, *arguments, "--mapping", str(mapping), "-o", str(first)) == 0
    shown = json.loads(capsys.readouterr().out.split("\n3 participants")[0])
    assert {item["in_form"]: item["field"] for item in shown}["Dependencia"] == "institution"
    assert all(row[2] == "" for row in _rows(first)[1:])
    second = tmp_path / "second.docx"  # the next form of the same organiser: no file needed
    assert run(profile, "fill-form", str(form), "--meeting", "1", "-o", str(second)) == 0
    assert _rows(second)[1][1] and all(row[2] == "" for row in _rows(second)[1:])


def test_a_sheet_and_a_fillable_pdf_are_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet_with_title(tmp_path / "registro.xlsx")
    assert (
        run(
            tmp_path / "p",
            "fill-form",
            str(sheet),
            "--meeting",
            "1",
            "-o",
            str(tmp_path / "registro-lleno.xlsx"),
        )
        == 0
    )
    pdf = _fillable_pdf(tmp_path / "nominacion.pdf", participants=3)
    filled = tmp_path / "nominacion-llena.pdf"
    assert run(tmp_path / "p", "fill-form", str(pdf), "--meeting", "1", "-o", str(filled)) == 0
    captured = capsys.readouterr()
    assert "holds 10 characters" in captured.err  # "Instituto Nacional de Migración" is longer
    from pypdf import PdfReader

    values = {name: field.get("/V") for name, field in PdfReader(str(filled)).get_fields().items()}
    assert values["institucion_1"] == "Instituto Nacional de Migración"  # filled, never cut


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("dañado.docx", b"PK\x03\x04 not really", "cannot be read as a"),
        ("form.odt", b"anything", "is not a form RCM Desk can fill"),
    ],
)
def test_bad_forms_are_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    form = tmp_path / name
    form.write_bytes(content)
    out = tmp_path / f"out{form.suffix}"
    assert run(tmp_path / "p", "fill-form", str(form), "--meeting", "1", "-o", str(out)) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".partial-*"))


def test_blank_rows_are_removed_only_when_asked(tmp_path: Path) -> None:
    form = _word_table(tmp_path / "form.docx", ["N°", "Nombre completo", "Cargo"], 6)
    kept, trimmed = tmp_path / "kept.docx", tmp_path / "trimmed.docx"
    arguments = ["fill-form", str(form), "--meeting", "1"]
    assert run(tmp_path / "p", *arguments, "-o", str(kept)) == 0
    assert run(tmp_path / "p", *arguments, "--remove-blank-rows", "-o", str(trimmed)) == 0
    assert len(_rows(kept)) == 7  # the header and six rows, three of them left blank
    assert len(_rows(trimmed)) == 4 and all(row[1] for row in _rows(trimmed)[1:])


def test_a_workbook_with_a_picture_is_filled_and_the_loss_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    sheet = _sheet_with_title(tmp_path / "registro.xlsx")
    with zipfile.ZipFile(sheet, "a") as archive:  # a logo, as Excel stores one
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "lleno.xlsx"
    assert run(tmp_path / "p", "fill-form", str(sheet), "--meeting", "1", "-o", str(out)) == 0
    assert "pictures or charts" in capsys.readouterr().err


def test_names_split_as_ibero_american_names_run() -> None:
    from rcm_desktop.domain.people import split_full_name

    assert split_full_name("Héctor Iván Maradiaga Cruz") == ("Héctor Iván", "Maradiaga Cruz")
    assert split_full_name("José Núñez Peña") == ("José", "Núñez Peña")
    assert split_full_name("María de los Ángeles Pérez Soto") == (
        "María de los Ángeles",
        "Pérez Soto",
    )
    assert split_full_name("Ana Núñez") == ("Ana", "Núñez")
    assert split_full_name("Madonna") == ("Madonna", "")


def test_role_number_and_unmatched_columns_are_what_they_say(tmp_path: Path) -> None:
    """The role is the role (not the seat's profile), "No." numbers the rows written, and
    only the columns that really received nothing are reported."""
    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.services.organiser_forms import (
        delegation_participants,
        read_form,
        write_form,
    )
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    form = _word_table(tmp_path / "f.docx", ["No.", "Nombre", "Rol", "Perfil", "Pasaporte"], 1)
    store = open_store(Profile(tmp_path / "p").ensure()).store
    try:
        load_demo(store)
        participants = delegation_participants(store, DEMO_MEETING, "HN")[1:]  # one left out
    finally:
        store.dispose()
    layout = read_form(form, None, "")
    report = write_form(layout, tmp_path / "out.docx", participants)
    rows = _rows(tmp_path / "out.docx")[1:]
    assert [row[0] for row in rows] == ["1", "2"]
    assert {row[2] for row in rows} <= {"Head of delegation", "Delegate", "Alternate"}
    assert report.unmatched == ["Pasaporte"]
