"""Directory entries in CSV files as spreadsheets write them (no database, no Qt).

Reading detects the encoding (UTF-8 with or without a byte-order mark, UTF-16 or UTF-32
with one, UTF-16 without one, else Windows-1252, the usual Excel exports), the delimiter
(comma, or semicolon as Excel writes in Spanish locales, or tab), and maps headers written
in English or Spanish ("Nombre completo", "Institución", "Correo electrónico"…) to the
fields. Each row becomes either entry fields or a rejection with its reasons.

Whatever the bytes, reading ends in a reading or an `ImportFileError` saying what is wrong
with the file and what to do: a workbook or other binary file, a file too large, a line the
CSV parser cannot read. Rows are checked as they will be stored (cleaned of control and
bidi characters); the caller may give the longest text each field can hold. Reading 50,000
rows takes about a second; *progress(done, total)* is called every PROGRESS_EVERY rows.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import gc
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rcm_desktop.domain.people import (
    PersonFields,
    gender_from_text,
    normalize_languages,
    problems,
)
from rcm_desktop.domain.text import clean_fields, excerpt, fold
from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.csv_cells import SafeWriter, restore
from rcm_desktop.i18n import _, format_number, ngettext

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

#: The largest file read: a directory of 50,000 people is about 7 MB.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Rows between two calls of the progress callback.
PROGRESS_EVERY = 1000
#: Characters of a value quoted in a message (a 200 KB cell is not repeated whole).
EXCERPT = 60

Progress = Callable[[int, int], None]

_HEADER_INDEX = {name: key for key, names in HEADER_NAMES.items() for name in names}
_HEADER_PUNCTUATION = re.compile(r"[_*:.()\ufeff]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
#: How files that are not text begin: spreadsheet workbooks (zipped, or the old .xls), PDF.
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk work that makes objects for each of 50,000 rows, with the cycle collector paused
    (it would walk every row made so far again and again: a fifth of the time), then given
    back as it was. The window already collects at moments of its own (`ui.garbage`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reading_progress(done: int, total: int) -> str:
    """The progress line of a reading ("Reading… 25,000 of 50,000 rows")."""
    return ngettext(
        "Reading… %(done)s of %(total)s row", "Reading… %(done)s of %(total)s rows", total
    ) % {"done": format_number(done), "total": format_number(total)}


def import_progress(done: int, total: int) -> str:
    """The progress line of an import ("Importing… 1,000 of 47,557 people")."""
    return ngettext(
        "Importing… %(done)s of %(total)s person", "Importing… %(done)s of %(total)s people", total
    ) % {"done": format_number(done), "total": format_number(total)}


def decode(data: bytes) -> tuple[str, str]:
    """The text of *data* and the encoding it was written in (never fails: Latin-1 last)."""
    body = data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                if encoding != "utf-8-sig":  # truncated or damaged: "�" where a unit is bad
                    return data.decode(encoding, errors="replace"), encoding
                body = data[len(bom) :]  # a UTF-8 mark before another encoding: read the rest
    wide = _utf16_without_mark(body)
    if wide:
        try:
            return body.decode(wide), wide
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "cp1252"):
        try:
            return body.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return body.decode("latin-1"), "latin-1"


def _utf16_without_mark(data: bytes) -> str | None:
    """The UTF-16 codec of *data* when it looks like mostly-Latin UTF-16 without a mark."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd > 0.4 * half and even == 0:
        return "utf-16-le"
    if even > 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: ";" , "," or tab, whichever splits it most."""
    header = _first_line(text)
    counts = {delimiter: _split_count(header, delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _first_line(text: str) -> str:  # not splitlines(): that would split the whole file
    end = len(text)
    for mark in ("\n", "\r"):
        at = text.find(mark, 0, end)
        if at != -1:
            end = at
    return text[:end]


def _split_count(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter), [])) - 1
    except csv.Error:  # a header cell over the parser's limit: count the marks instead
        return line.count(delimiter)


def header_field(header: str) -> str | None:
    """The field a column header names, or None if it names none."""
    if len(header) > 100:
        return None
    key = " ".join(_HEADER_PUNCTUATION.sub(" ", fold(header)).split())
    return _HEADER_INDEX.get(key)


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded country names in English, Spanish, French and Portuguese → ISO code."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in ("en", "es", "fr", "pt"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2:
                names.setdefault(fold(name), code)
    return names


@functools.lru_cache(maxsize=1024)
def country_from_text(text: str) -> str | None:
    """An ISO code from "HN", "hn", "Honduras" or "México"; None if not recognised."""
    value = text.strip()
    if not value:
        return None
    if len(value) == 2 and value.isalpha():
        return value.upper()
    return _country_names().get(fold(value))


_gender = functools.lru_cache(maxsize=256)(gender_from_text)
_languages = functools.lru_cache(maxsize=256)(normalize_languages)


def read_people_csv(
    data: bytes,
    progress: Progress | None = None,
    *,
    limits: Mapping[str, int] | None = None,
) -> CsvReading:
    """Read a CSV file's bytes into good rows and rejected rows with their reasons.

    *limits* gives the most characters a field may hold (a longer one rejects the row);
    *progress(done, total)* is told how far reading is, in lines of the file. Raises
    ImportFileError when the file cannot be a directory: it is empty, not text, too large,
    not readable as CSV, or it has no column for a name or an institution.
    """
    with gc_paused():
        return _read(data, progress, limits)


def _read(data: bytes, progress: Progress | None, limits: Mapping[str, int] | None) -> CsvReading:
    _refuse_what_is_not_text(data)
    text, encoding = decode(data)
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    sample = text[:65536]
    if len(_CONTROLS.findall(sample)) > max(16, len(sample) // 20):
        raise ImportFileError(_not_text())
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # one cell may be the file
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
        reading, mapped = _header(headers, encoding, delimiter)
        _read_rows(reader, reading, mapped, len(headers), limits or {}, progress, text)
    except csv.Error as error:
        raise ImportFileError(
            _(
                "Line %(line)d of the file cannot be read as CSV. Open the file in your "
                "spreadsheet, save it again as CSV, and import the new file."
            )
            % {"line": reader.line_num or 1}
        ) from error
    return reading


def _refuse_what_is_not_text(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
    if data.startswith(_WORKBOOK_MAGIC):
        raise ImportFileError(
            _(
                "This is a spreadsheet workbook (such as .xlsx, .xls or .ods), not a CSV file. "
                "Open it in your spreadsheet, save it as CSV, and import that file."
            )
        )
    if data.startswith(_OTHER_MAGIC):
        raise ImportFileError(_not_text())


def too_large(size: int) -> ImportFileError:
    """The refusal of a file of *size* bytes, over MAX_FILE_BYTES."""
    return ImportFileError(
        _(
            "The file is %(size)d MB; a directory file holds at most %(limit)d MB. "
            "Split it into smaller files and import them one by one."
        )
        % {"size": size // (1024 * 1024), "limit": MAX_FILE_BYTES // (1024 * 1024)}
    )


def _not_text() -> str:
    return _(
        "The file does not hold text, so it is not a CSV file. Choose the CSV file saved "
        "from your spreadsheet (columns separated by commas or semicolons)."
    )


def _header(
    headers: list[str], encoding: str, delimiter: str
) -> tuple[CsvReading, list[tuple[int, str]]]:
    """The reading the header line starts, and which column (by index) gives which field."""
    columns: dict[str, str] = {}
    mapped: list[tuple[int, str]] = []
    ignored: list[str] = []
    for index, header in enumerate(headers):
        name = header_field(header)
        if name and name not in columns.values():
            columns[header] = name
            mapped.append((index, name))
        elif header.strip():
            ignored.append(header)
    missing = [name for name in REQUIRED_FIELDS if name not in columns.values()]
    if missing:
        found = [excerpt(header.strip(), 40) for header in headers if header.strip()]
        shown = ", ".join(found[:12]) + (", …" if len(found) > 12 else "")
        raise ImportFileError(
            _(
                "The file has no column for %(missing)s. The columns found are: %(found)s. "
                "Name them for example “Full name” and “Institution” (or “Nombre completo” "
                "and “Institución”)."
            )
            % {
                "missing": ", ".join(field_label(name) for name in missing),
                "found": shown or "—",
            }
        )
    return CsvReading(encoding, delimiter, columns, tuple(ignored)), mapped


def _read_rows(  # the reader is a csv.reader: its line_num is the last line read
    reader: Any, reading: CsvReading, mapped: list[tuple[int, str]], width: int,
    limits: Mapping[str, int], progress: Progress | None, text: str,
) -> None:  # fmt: skip
    total = (text.count("\n") or text.count("\r")) - 1  # rows after the header, about
    next_report = PROGRESS_EVERY
    for values in reader:
        line = reader.line_num
        if progress is not None and line - 1 >= next_report:
            progress(line - 1, max(total, line - 1))
            next_report = (line - 1) // PROGRESS_EVERY * PROGRESS_EVERY + PROGRESS_EVERY
        if not "".join(values).strip():
            continue
        count = len(values)
        record = {
            key: restore(value) if (value := values[index].strip())[:1] == "'" else value
            for index, key in mapped
            if index < count
        }
        fields, cleaned, reasons = _entry(record, limits)
        if count > width:
            reasons.append(
                _("The row has %(found)d cells but the header has %(n)d columns.")
                % {"found": count, "n": width}
            )
        if reasons:
            name = excerpt(cleaned.full_name, 200)
            reading.rejected.append(RejectedRow(line, name, tuple(reasons)))
        else:
            reading.rows.append(CsvRow(line, fields))
    if progress is not None:
        done = max(reader.line_num - 1, 0)
        progress(done, done)


def field_label(name: str) -> str:
    """A field's name in a sentence ("full name", "ministry or agency")."""
    return {
        "full_name": _("full name"),
        "institution": _("institution"),
        "honorific": _("honorific"),
        "position": _("position"),
        "agency": _("ministry or agency"),
        "email": _("email"),
        "phone": _("phone"),
        "languages": _("languages"),
        "notes": _("notes"),
    }.get(name, name)


def _entry(
    record: dict[str, str], limits: Mapping[str, int]
) -> tuple[PersonFields, PersonFields, list[str]]:
    """The fields a row gives as written, the same as they will be stored, and its problems."""
    reasons: list[str] = []
    gender = _gender(record.get("gender", ""))
    if gender is None:
        reasons.append(
            _("“%(value)s” is not a gender this directory records (woman, man, other).")
            % {"value": excerpt(record.get("gender", ""), EXCERPT)}
        )
    country = None
    if record.get("country_code"):
        country = country_from_text(record["country_code"])
        if country is None:
            reasons.append(
                _("“%(value)s” is not a country name or an ISO code such as HN.")
                % {"value": excerpt(record["country_code"], EXCERPT)}
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
    cleaned = as_stored(fields)
    reasons[:0] = list(problems(cleaned).values())
    for name, limit in limits.items():
        length = len(getattr(cleaned, name, "") or "")
        if length > limit:
            reasons.append(
                ngettext(
                    "The %(field)s has %(n)s character; at most %(limit)d fit. Shorten it in "
                    "the file.",
                    "The %(field)s has %(n)s characters; at most %(limit)d fit. Shorten it in "
                    "the file.",
                    length,
                )
                % {"field": field_label(name), "n": format_number(length), "limit": limit}
            )
    if not reasons:
        fields.languages = _languages(fields.languages)[0] or ""
    return fields, cleaned, reasons


def as_stored(fields: PersonFields) -> PersonFields:
    """*fields* as they will be stored (`clean_fields`), cheaply when already clean."""
    # Joined by spaces, which compose with nothing: the whole is NFC when every part is.
    joined = " ".join(
        (fields.full_name, fields.institution, fields.honorific, fields.position, fields.agency,
         fields.email, fields.phone, fields.languages, fields.notes)
    )  # fmt: skip
    if joined.isprintable() and unicodedata.is_normalized("NFC", joined):
        return fields  # nothing clean_text would change: bidi marks are not printable
    return clean_fields(fields)


def write_people_csv(rows: Iterable[dict[str, str]]) -> str:
    """CSV text (comma-separated, English headers) of directory entries given as dictionaries."""
    out = io.StringIO(newline="")
    writer = SafeWriter(out)
    writer.writerow([header for _key, header in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([row.get(key) or "" for key, _header in EXPORT_COLUMNS])
    return out.getvalue()
