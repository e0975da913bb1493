"""The directory: checks, search, similar entries, CSV import and export."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcm_desktop.data.db import Database
from rcm_desktop.data.services import directory
from rcm_desktop.data.services.directory import SimilarPersonError
from rcm_desktop.domain.people import (
    PersonFields,
    email_problem,
    gender_from_text,
    phone_problem,
    problems,
)
from rcm_desktop.errors import StorageError, ValidationError
from rcm_desktop.exchange.people_csv import decode, header_field, read_people_csv, sniff_delimiter

SPANISH_HEADER = "Nombre completo;Institución;Cargo;Correo electrónico;Teléfono;Género;País"
ROWS = [
    "María José Núñez Peña;Instituto Nacional de Migración;Directora;mjnunez@inm.gob.hn;+504 2234-5678;F;Honduras",
    "José Ángel Cárcamo;Secretaría de Relaciones Exteriores;Asesor;jcarcamo@sre.gob.hn;(504) 2236 0200 ext. 14;M;HN",
]


def fields(**values: str) -> PersonFields:
    base = {"full_name": "Ana Lucía Ferrera", "institution": "Instituto Nacional de Migración"}
    base.update(values)
    return PersonFields(**base)  # type: ignore[arg-type]


# --- Checks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("ana.ferrera@inm.gob.hn", None),
        ("ana ferrera@inm.gob.hn", "spaces"),
        ("ana.ferrera.inm.gob.hn", "exactly one"),
        ("a@b@inm.gob.hn", "exactly one"),
        ("@inm.gob.hn", "before"),
        ("ana@inm", "needs a dot"),
        ("ana@inm..hn", "letters, digits"),
        ("ana..f@inm.gob.hn", "before"),
        ("ana@inm.gob.h", "not a domain"),
    ],
)
def test_email_reasons(email: str, reason: str | None) -> None:
    found = email_problem(email)
    assert (found is None) if reason is None else (found is not None and reason in found)


@pytest.mark.parametrize(
    ("phone", "reason"),
    [
        ("+504 2234-5678", None),
        ("(504) 2236 0200 ext. 14", None),
        ("2236.0200 x14", None),
        ("+504 2234 56a8", "“a”"),
        ("504+2234-5678", "+"),
        ("(504 2234-5678", "parentheses"),
        ("2234", "at least 7"),
        ("+504 2234 5678 9999 1234", "at most"),
    ],
)
def test_phone_reasons(phone: str, reason: str | None) -> None:
    found = phone_problem(phone)
    assert (found is None) if reason is None else (found is not None and reason in found)


def test_name_and_institution_are_required() -> None:
    found = problems(PersonFields(full_name=" ", institution=""))
    assert set(found) == {"full_name", "institution"}
    assert set(problems(fields(email="x@", phone="abc", languages="es, english"))) == {
        "email",
        "phone",
        "languages",
    }


def test_gender_words() -> None:
    assert gender_from_text("Mujer") == "female"
    assert gender_from_text("HOMBRE") == "male"
    assert gender_from_text("") == "unspecified"
    assert gender_from_text("???") is None


# --- Saving and searching ---------------------------------------------------------------------


def test_save_search_accent_insensitive(database: Database) -> None:
    person_id = directory.save_person(
        database, fields(full_name="María José Núñez", email="mjnunez@inm.gob.hn")
    )
    assert [row.id for row in directory.search_people(database, "nunez maria").rows] == [person_id]
    assert directory.search_people(database, "MIGRACIÓN").rows[0].id == person_id
    assert directory.search_people(database, "50%").rows == ()
    assert directory.get_person(database, person_id).full_name == "María José Núñez"  # type: ignore[union-attr]


def test_bad_fields_are_refused_with_the_field(database: Database) -> None:
    with pytest.raises(ValidationError) as error:
        directory.save_person(database, fields(email="ana@inm"))
    assert error.value.field == "email" and "dot" in error.value.message
    with pytest.raises(ValidationError) as error:
        directory.save_person(database, fields(institution=""))
    assert error.value.field == "institution"
    assert directory.count_people(database) == 0


def test_similar_entries_warn_until_confirmed(database: Database) -> None:
    directory.save_person(database, fields(email="ana@inm.gob.hn"))
    with pytest.raises(SimilarPersonError) as same_name:
        directory.save_person(database, fields(full_name="ANA LUCIA  FERRERA"))
    assert "Ana Lucía Ferrera" in same_name.value.message
    with pytest.raises(SimilarPersonError):
        directory.save_person(
            database, fields(full_name="Otra Persona", email="ANA@inm.gob.hn", institution="SRE")
        )
    directory.save_person(database, fields(full_name="ANA LUCIA FERRERA"), confirm_similar=True)
    assert directory.count_people(database) == 2
    # Editing an entry does not compare it with itself.
    unique = directory.save_person(database, fields(full_name="Única Persona", email="u@sre.hn"))
    row = directory.get_person(database, unique)
    assert row is not None
    directory.save_person(database, row.fields(), row.id)


def test_search_is_bounded(database: Database) -> None:
    for number in range(5):
        directory.save_person(database, fields(full_name=f"Persona {number}"))
    result = directory.search_people(database, "persona", limit=3)
    assert len(result.rows) == 3 and result.more


# --- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_the_usual_encodings(database: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text("\r\n".join([SPANISH_HEADER, *ROWS]) + "\r\n", encoding=encoding)
    preview = directory.preview_import(database, path)
    assert preview.encoding == encoding and preview.delimiter == ";"
    assert [row.fields.full_name for row in preview.rows] == [
        "María José Núñez Peña",
        "José Ángel Cárcamo",
    ]
    assert preview.rows[0].fields.country_code == "HN" and preview.rows[0].fields.gender == "female"
    assert directory.count_people(database) == 0  # the preview writes nothing
    assert directory.import_people(database, preview.rows) == 2
    assert directory.search_people(database, "carcamo").rows[0].phone == "(504) 2236 0200 ext. 14"


def test_english_comma_file_and_helpers() -> None:
    text = "Full name,Institution,E-mail\nAna,INM,ana@inm.gob.hn\n"
    assert sniff_delimiter(text) == ","
    assert header_field("Correo electrónico") == "email"
    assert header_field("E-mail") == "email"
    assert header_field("Whatever") is None
    assert decode("Núñez".encode("cp1252")) == ("Núñez", "cp1252")
    reading = read_people_csv(text.encode())
    assert [row.fields.email for row in reading.rows] == ["ana@inm.gob.hn"]


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValidationError) as error:
        read_people_csv(b"Nombre;Correo\nAna;ana@inm.gob.hn\n")
    assert "institution" in error.value.message and "Nombre, Correo" in error.value.message
    with pytest.raises(ValidationError, match="empty"):
        read_people_csv(b"  \n")


def test_bad_rows_are_reported_and_nothing_is_written(database: Database, tmp_path: Path) -> None:
    directory.save_person(database, fields(full_name="Ya Existe", email="existe@inm.gob.hn"))
    lines = [
        SPANISH_HEADER,
        ROWS[0],
        ";Instituto Nacional de Migración;;sin@nombre.hn;;;",  # no name
        "Correo Malo;INM;;correo-malo;;;",
        "Teléfono Malo;INM;;;22-AB-33;;",
        "Otro;INM;;existe@inm.gob.hn;;;",  # same email as the directory
        ROWS[0].replace("mjnunez", "otra"),  # same name and institution as line 2
        "Género Raro;INM;;;;Q;",
        "País Raro;INM;;;;;Atlántida",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = directory.preview_import(database, path)
    assert [row.line for row in preview.rows] == [2]
    reasons = {row.line: " ".join(row.reasons) for row in preview.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "full name" in reasons[3]
    assert "Email" in reasons[4] and "Phone" in reasons[5]
    assert "already has the email" in reasons[6]
    assert "Line 2" in reasons[7]
    assert "gender" in reasons[8] and "country" in reasons[9]
    assert directory.count_people(database) == 1


def test_export_then_import_round_trip(database: Database, tmp_path: Path) -> None:
    directory.save_person(
        database,
        fields(
            full_name="Ñusta Peñalba", email="np@sre.gob.hn", languages="ES, en", gender="female"
        ),
    )
    path = tmp_path / "out.csv"
    assert directory.export_people_csv(database, path) == 1
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    reading = read_people_csv(path.read_bytes())
    assert reading.rows[0].fields.full_name == "Ñusta Peñalba"
    assert reading.rows[0].fields.languages == "es,en"
    preview = directory.preview_import(database, path)
    assert preview.rows == [] and len(preview.rejected) == 1


def test_an_unknown_country_code_is_rejected_in_the_preview(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "uk.csv"
    path.write_text(
        "Full name,Institution,Country\nJane Smith,Home Office,UK\nAna,INM,hn\n",
        encoding="utf-8",
    )
    preview = directory.preview_import(database, path)
    assert [row.fields.full_name for row in preview.rows] == ["Ana"]
    assert [(row.line, row.reasons) for row in preview.rejected] == [
        (2, ("“UK” is not a country code RCM Desk knows; use ISO codes such as GB, HN, MX.",))
    ]
    assert directory.import_people(database, preview.rows) == 1


def test_a_csv_export_to_a_bad_path_is_a_storage_error_and_leaves_no_part_file(
    database: Database, tmp_path: Path
) -> None:
    directory.save_person(database, fields(full_name="Ñusta Peñalba"))
    folder = tmp_path / "out" / "people.csv"
    folder.mkdir(parents=True)  # a folder where the file should go: the final rename fails
    with pytest.raises(StorageError, match=r"could not be written to .*people\.csv"):
        directory.export_people_csv(database, folder)
    assert sorted(path.name for path in folder.parent.iterdir()) == ["people.csv"]
    with pytest.raises(StorageError, match="Choose another folder"):
        directory.export_people_csv(database, tmp_path / "missing" / "people.csv")


def test_preview_and_import_report_progress(database: Database, tmp_path: Path) -> None:
    from rcm_desktop.exchange.people_csv import PROGRESS_EVERY

    rows = [f"Persona {number};INM;p{number}@inm.gob.hn" for number in range(2500)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(["Nombre;Institución;Correo", *rows]) + "\n", encoding="utf-8")
    read: list[tuple[int, int]] = []
    preview = directory.preview_import(
        database, path, lambda done, total: read.append((done, total))
    )
    assert read == [(PROGRESS_EVERY, 2500), (2 * PROGRESS_EVERY, 2500), (2500, 2500)]
    added: list[tuple[int, int]] = []
    count = directory.import_people(database, preview.rows, lambda *step: added.append(step))
    assert count == 2500 and added == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert directory.count_people(database) == 2500


def test_a_text_longer_than_its_column_is_rejected_in_the_preview(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "Full name,Institution,Honorific,Full name\n"
        f"Ana,INM,{'Excelentísima ' * 4},Second column ignored\n",
        encoding="utf-8",
    )
    preview = directory.preview_import(database, path)
    [rejected] = preview.rejected
    assert rejected.name == "Ana", "the first of two columns of one field is read"
    assert rejected.reasons == (
        "The honorific has 55 characters; at most 50 fit. Shorten it in the file.",
    )
    assert preview.ignored_columns == ("Full name",)
    assert directory.PERSON_LIMITS["full_name"] == 300 and "notes" not in directory.PERSON_LIMITS
