"""Directory entries in CSV files as spreadsheets write them (no database, no Qt).

Reading detects the encoding (UTF-8 with or without a byte-order mark, UTF-16 with
one, else Windows-1252, the usual Excel exports), the delimiter (comma, or semicolon
as Excel writes in Spanish locales, or tab), and maps headers written in English or
Spanish ("Nombre completo", "Institución", "Correo electrónico"…) to the fields.
Each row becomes either entry fields or a rejection with its reasons.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rcm_desktop.domain.people import (
    PersonFields,
    gender_from_text,
    normalize_languages,
    problems,
)
from rcm_desktop.domain.text import fold
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.csv_cells import SafeWriter, restore
from rcm_desktop.i18n import _

#: Column order of exported files, with the English header each column gets.
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("honorific", "Honorific"),
    ("full_name", "Full name"),
    ("position", "Position"),
    ("institution", "Institution"),
    ("agency", "Ministry or agency"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("languages", "Languages"),
    ("gender", "Gender"),
    ("country_code", "Country"),
    ("notes", "Notes"),
)

#: Headers accepted for each field, folded (lower case, no accents, single spaces).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "full_name": ("full name", "name", "nombre completo", "nombre", "nombres y apellidos",
                  "nombre y apellido", "participant", "participante", "nom"),
    "honorific": ("honorific", "title", "salutation", "tratamiento", "titulo", "trato"),
    "position": ("position", "job title", "post", "cargo", "puesto", "funcion"),
    "institution": ("institution", "organization", "organisation", "institucion",
                    "organizacion", "entidad", "organismo"),
    "agency": ("ministry or agency", "ministry", "agency", "ministerio o agencia",
               "ministerio", "dependencia", "secretaria"),
    "email": ("email", "e-mail", "email address", "mail", "correo", "correo electronico",
              "correo-e", "e-mail address"),
    "phone": ("phone", "telephone", "phone number", "mobile", "telefono", "tel",
              "celular", "movil"),
    "languages": ("languages", "language", "idiomas", "idioma", "lenguas"),
    "gender": ("gender", "sex", "genero", "sexo"),
    "country_code": ("country", "country code", "pais", "codigo de pais"),
    "notes": ("notes", "note", "comments", "notas", "observaciones", "comentarios"),
}  # fmt: skip
REQUIRED_FIELDS = ("full_name", "institution")

_HEADER_INDEX = {name: key for key, names in HEADER_NAMES.items() for name in names}


@dataclass(frozen=True)
class CsvRow:
    """A good row of the file: its line number and the entry it gives."""

    line: int
    fields: PersonFields


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be imported: its line number, its name as written, and why."""

    line: int
    name: str
    reasons: tuple[str, ...]


@dataclass
class CsvReading:
    """What a CSV file holds, before anything is written."""

    encoding: str
    delimiter: str
    columns: dict[str, str]  # header as written → field
    ignored_columns: tuple[str, ...]
    rows: list[CsvRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str]:
    """The text of *data* and the encoding it was written in."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:  # a mark that lies about the rest: read the rest alone
                data = data[len(bom) :]
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: ";" , "," or tab, whichever splits it most."""
    header = text.splitlines()[0] if text else ""
    counts = {delimiter: _split_count(header, delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _split_count(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter), [])) - 1


def header_field(header: str) -> str | None:
    """The field a column header names, or None if it names none."""
    key = " ".join(re.sub(r"[_*:.()]+", " ", fold(header)).split())
    return _HEADER_INDEX.get(key)


def country_from_text(text: str) -> str | None:
    """An ISO code from "HN", "hn", "Honduras" or "México"; None if not recognised."""
    from babel import Locale

    value = text.strip()
    if not value:
        return None
    if len(value) == 2 and value.isalpha():
        return value.upper()
    wanted = fold(value)
    for language in ("en", "es", "fr", "pt"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and fold(name) == wanted:
                return code
    return None


def read_people_csv(data: bytes) -> CsvReading:
    """Read a CSV file's bytes into good rows and rejected rows with their reasons.

    Raises ValidationError when the file cannot be a directory: it is empty, or it has
    no column for a name or an institution.
    """
    text, encoding = decode(data)
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # one cell may be the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader)
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        name = header_field(header)
        if name and name not in columns.values():
            columns[header] = name
        elif header.strip():
            ignored.append(header)
    missing = [name for name in REQUIRED_FIELDS if name not in columns.values()]
    if missing:
        raise ValidationError(
            _(
                "The file has no column for %(missing)s. The columns found are: %(found)s. "
                "Name them for example “Full name” and “Institution” (or “Nombre completo” "
                "and “Institución”)."
            )
            % {
                "missing": ", ".join(_field_label(name) for name in missing),
                "found": ", ".join(header for header in headers if header.strip()) or "—",
            }
        )
    reading = CsvReading(encoding, delimiter, columns, tuple(ignored))
    fields_of = [columns.get(header) for header in headers]
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        record = {
            key: restore(value.strip())
            for key, value in zip(fields_of, values, strict=False)
            if key is not None
        }
        fields, reasons = _entry(record)
        if len(values) > len(headers):
            reasons.append(
                _("The row has %(found)d cells but the header has %(n)d columns.")
                % {"found": len(values), "n": len(headers)}
            )
        if reasons:
            reading.rejected.append(RejectedRow(line, fields.full_name, tuple(reasons)))
        else:
            reading.rows.append(CsvRow(line, fields))
    return reading


def _field_label(name: str) -> str:
    return {"full_name": _("full name"), "institution": _("institution")}.get(name, name)


def _entry(record: dict[str, str]) -> tuple[PersonFields, list[str]]:
    reasons: list[str] = []
    gender = gender_from_text(record.get("gender", ""))
    if gender is None:
        reasons.append(
            _("“%(value)s” is not a gender this directory records (woman, man, other).")
            % {"value": record.get("gender", "")}
        )
    country = None
    if record.get("country_code"):
        country = country_from_text(record["country_code"])
        if country is None:
            reasons.append(
                _("“%(value)s” is not a country name or an ISO code such as HN.")
                % {"value": record["country_code"]}
            )
    fields = PersonFields(
        full_name=record.get("full_name", ""),
        institution=record.get("institution", ""),
        honorific=record.get("honorific", ""),
        position=record.get("position", ""),
        agency=record.get("agency", ""),
        email=record.get("email", ""),
        phone=record.get("phone", ""),
        languages=record.get("languages", ""),
        gender=gender or "unspecified",
        notes=record.get("notes", ""),
        country_code=country,
    )
    reasons[:0] = list(problems(fields).values())
    if not reasons:
        fields.languages = normalize_languages(fields.languages)[0] or ""
    return fields, reasons


def write_people_csv(rows: Iterable[dict[str, str]]) -> str:
    """CSV text (comma-separated, English headers) of directory entries given as dictionaries."""
    out = io.StringIO(newline="")
    writer = SafeWriter(out)
    writer.writerow([header for _key, header in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([row.get(key) or "" for key, _header in EXPORT_COLUMNS])
    return out.getvalue()
