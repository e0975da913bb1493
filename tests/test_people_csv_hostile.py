"""Hostile people CSV files (#15): whatever the bytes, the outcome is a preview or RCM Desk's
own error (ImportFileError, with what is wrong and what to do) — never an encoding, CSV or
database exception — in a bounded time; and what the preview accepts can be imported."""

from __future__ import annotations

import codecs
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rcm_desktop.data.db import Database
from rcm_desktop.data.services import directory
from rcm_desktop.data.services.directory import count_people, import_people, preview_import
from rcm_desktop.errors import ImportFileError, RcmDeskError
from rcm_desktop.exchange import people_csv
from rcm_desktop.exchange.people_csv import CsvReading, CsvRow, decode, read_people_csv

HEADER = "Full name,Institution,Email,Country,Notes\n"
#: A file under 1 MB is read (or refused) within this many seconds.
SECONDS = 5.0


def hostile_files(seed: int = 15) -> Iterator[tuple[str, bytes]]:
    """Named hostile files, the same for a given *seed*."""
    rng = random.Random(seed)
    for number in range(25):
        yield f"random bytes {number}", rng.randbytes(rng.randrange(1, 4000))
    body = (HEADER + "José Núñez,Migración,jn@inm.example,HN,\n").encode("cp1252")
    for name, bom in (("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                      ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
                      ("utf-32-be", codecs.BOM_UTF32_BE)):  # fmt: skip
        yield f"{name} mark, cp1252 body", bom + body
        yield f"{name} mark, random body", bom + rng.randbytes(rng.randrange(1, 500))
        yield f"{name} mark, odd length", bom + HEADER.encode("utf-16-le") + b"A"
        yield f"{name} mark alone", bom
    yield "utf-16 lone surrogate", codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le") + b"\x00\xd8"
    huge = "x" * 200_000
    yield "200 KB header", f"{huge},Institution\nAna,INM\n".encode()
    yield "200 KB name", (HEADER + f"{huge},INM,,,\n").encode()
    yield "200 KB note", (HEADER + f"Ana,INM,,,{huge}\n").encode()
    yield "200 KB gender", f"Full name,Institution,Gender\nAna,INM,{huge}\n".encode()
    yield "unbalanced quote", (HEADER + '"Ana,INM,,,\n' + "z" * 300_000 + "\n").encode()
    yield "quote in the header", b'"Full name,Institution\nAna,INM\n'
    yield "NUL in cells", (HEADER + "An\x00a,I\x00NM,,,\nLuis,\x00,,,\n").encode()
    yield "NUL in the header", b"Full\x00name,Institution\nAna,INM\n"
    yield "all NULs", b"\x00" * 5000
    yield "control characters", (HEADER + "\x01\x02\x03,\x1b[31mINM,,,\x07\n").encode()
    yield "bidi only", (HEADER + "\u202e\u2066,INM,,,\n").encode()
    columns = ",".join(f"c{number}" for number in range(10_000))
    yield "10,000 columns", f"Full name,Institution,{columns}\nAna,INM,{columns}\n".encode()
    yield "10,000 cells in a row", (HEADER + "Ana,INM" + ",x" * 10_000 + "\n").encode()
    yield "mixed separators", b"Full name;Institution,Email\tCountry\nAna;INM,a@b.example\tHN\n"
    yield "CR line ends", b"Full name,Institution\rAna,INM\rLuis,SRE\r"
    yield "header only", b"Full name,Institution\n"
    yield "formula cells", (HEADER + "=1+2,@SUM(A1),,,'+cmd\n").encode()
    yield "a workbook", b"PK\x03\x04" + rng.randbytes(2000)
    yield "an old workbook", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(2000)
    yield "a PDF", b"%PDF-1.4\n" + rng.randbytes(2000)
    alphabet = ",;\t\"'\n\r=+-@\x00\x85\u2028\u202e\ufeff éÁ👩🏽‍⚖️\u0301"
    for number in range(25):
        text = HEADER + "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 800)))
        yield f"random text {number}", text.encode(rng.choice(["utf-8", "utf-16", "utf-8-sig"]))


CASES = list(hostile_files())


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name, _data in CASES])
def test_a_hostile_file_gives_a_preview_or_our_own_error(name: str, data: bytes) -> None:
    began = time.perf_counter()
    try:
        reading = read_people_csv(data, limits=directory.PERSON_LIMITS)
    except ImportFileError as error:
        assert error.message and len(error.message) < 1000, "a message, not a dump of the file"
    else:
        assert isinstance(reading, CsvReading)
        assert all(len(row.name) <= 200 for row in reading.rejected)
        assert all(len(" ".join(row.reasons)) < 2000 for row in reading.rejected)
    assert time.perf_counter() - began < SECONDS


def test_hostile_files_through_the_store_preview_and_import(
    database: Database, tmp_path: Path
) -> None:
    """The service's preview and import of every case: ours or nothing, and what the preview
    accepts is imported without a database error."""
    path = tmp_path / "hostile.csv"
    imported = 0
    for name, data in CASES:
        path.write_bytes(data)
        try:
            reading = preview_import(database, path)
        except ImportFileError:
            continue
        try:
            imported += import_people(database, reading.rows)
        except RcmDeskError as error:  # pragma: no cover - would be a preview that lied
            pytest.fail(f"{name}: the preview accepted rows the import refused: {error}")
    assert count_people(database) == imported > 0


def test_what_the_hostile_files_are_read_as() -> None:
    cases = dict(CASES)
    text, encoding = decode(cases["utf-8 mark, cp1252 body"])
    assert "José Núñez" in text and encoding == "cp1252"
    assert decode("Full name,Institution\n".encode("utf-16-le"))[1] == "utf-16-le"
    assert decode(codecs.BOM_UTF32_LE + "Ana".encode("utf-32-le"))[0] == "Ana"
    cut = codecs.BOM_UTF16_LE + (HEADER + "Ana,INM,,,\n").encode("utf-16-le")[:-1]
    reading = read_people_csv(cut)  # a file cut short: what is there is read
    assert reading.encoding == "utf-16" and reading.rows[0].fields.full_name == "Ana"
    reading = read_people_csv(cases["200 KB name"], limits=directory.PERSON_LIMITS)
    [rejected] = reading.rejected
    assert len(rejected.name) == 200 and rejected.name.endswith("…")
    assert "The full name has 200,000 characters" in rejected.reasons[0]
    assert "at most 300 fit" in rejected.reasons[0]
    reading = read_people_csv(cases["200 KB note"], limits=directory.PERSON_LIMITS)
    assert len(reading.rows[0].fields.notes) == 200_000, "notes have no length limit"
    reading = read_people_csv(cases["10,000 columns"])
    assert len(reading.ignored_columns) == 10_000 and len(reading.rows) == 1
    reading = read_people_csv(cases["bidi only"])
    assert "full name" in reading.rejected[0].reasons[0], "nothing is left once cleaned"
    reading = read_people_csv(cases["formula cells"])
    assert reading.rows[0].fields.full_name == "=1+2"
    assert reading.rows[0].fields.institution == "@SUM(A1)"
    assert reading.rows[0].fields.notes == "+cmd", "the apostrophe of a safe export is read off"
    assert [row.fields.full_name for row in read_people_csv(cases["CR line ends"]).rows] == [
        "Ana",
        "Luis",
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("a workbook", "spreadsheet workbook"),
        ("an old workbook", "spreadsheet workbook"),
        ("a PDF", "does not hold text"),
        ("all NULs", "does not hold text"),
        ("random bytes 3", "does not hold text"),
        ("200 KB header", "no column for full name"),
        ("header only", None),
    ],
)
def test_refusals_say_what_is_wrong_and_what_to_do(name: str, words: str | None) -> None:
    data = dict(CASES)[name]
    if words is None:
        assert read_people_csv(data).rows == []
        return
    with pytest.raises(ImportFileError) as error:
        read_people_csv(data)
    assert words in error.value.message
    assert any(fix in error.value.message for fix in ("save it as CSV", "Choose", "Name them"))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(directory, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(people_csv, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "big.csv"
    path.write_bytes(HEADER.encode() + b"Ana,INM,,,\n" * 400_000)
    with pytest.raises(ImportFileError, match=r"The file is 4 MB; .* at most 2 MB\. Split it"):
        preview_import(database, path)
    with pytest.raises(ImportFileError, match="at most 2 MB"):
        read_people_csv(path.read_bytes())


def test_a_database_refusal_at_import_is_our_error_and_writes_nothing(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a row to slip past the checks, the store's own rule refuses it: one clear error."""
    from rcm_desktop.domain.people import PersonFields

    monkeypatch.setattr(directory, "_row_problem", lambda row: None)
    rows = [
        CsvRow(2, PersonFields(full_name="Ana Peña", institution="INM")),
        CsvRow(3, PersonFields(full_name="   ", institution="INM")),
    ]
    with pytest.raises(ImportFileError, match=r"so nothing was imported\. Preview the file again"):
        import_people(database, rows)
    assert count_people(database) == 0


def test_an_import_row_that_cannot_be_stored_names_its_line(database: Database) -> None:
    from rcm_desktop.domain.people import PersonFields

    rows = [
        CsvRow(2, PersonFields(full_name="Ana Peña", institution="INM")),
        CsvRow(7, PersonFields(full_name="Luis", institution="INM", phone="x" * 60)),
        CsvRow(9, PersonFields(full_name="Eva", institution="I" * 301)),
    ]
    with pytest.raises(RcmDeskError, match=r"^Line 7: Phone: .*Correct the file"):
        import_people(database, rows)
    with pytest.raises(RcmDeskError, match=r"^Line 9: The institution is longer than 300"):
        import_people(database, [rows[0], rows[2]])
    assert count_people(database) == 0
