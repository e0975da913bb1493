"""The delegation directory: people the focal point nominates, searched as you type.

Search folds accents and case (`Person.search_text`) and reads at most a page of
rows, so each keystroke costs one bounded query. A new entry that looks like an
existing one (same email, or same name and institution) is refused with a
`SimilarPersonError` until the caller confirms it. CSV import is two steps: a
preview that writes nothing, then the accepted rows in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Country, Nomination, Person
from rcm_desktop.data.versioning import locked, refuse_if_changed
from rcm_desktop.domain.people import (
    PersonFields,
    email_key,
    name_key,
    normalize_languages,
    problems,
)
from rcm_desktop.domain.text import clean_fields, clean_text, escape_like, fold
from rcm_desktop.domain.vocabulary import Gender
from rcm_desktop.errors import ImportFileError, RcmDeskError, ValidationError
from rcm_desktop.exchange.files import write_text_file
from rcm_desktop.exchange.people_csv import (
    MAX_FILE_BYTES,
    CsvReading,
    CsvRow,
    Progress,
    RejectedRow,
    as_stored,
    excerpt,
    field_label,
    gc_paused,
    read_people_csv,
    too_large,
    write_people_csv,
)
from rcm_desktop.i18n import _, format_list, ngettext

#: Rows a search returns at most; the table says when there are more.
SEARCH_PAGE = 200


@dataclass(frozen=True)
class PersonRow:
    """A directory entry as the tables and dialogs show it."""

    id: int
    full_name: str
    institution: str
    honorific: str | None = None
    position: str | None = None
    agency: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: str | None = None
    gender: Gender = Gender.UNSPECIFIED
    country_code: str | None = None
    notes: str | None = None
    #: The stored record's version when read (to save the entry with).
    version: int | None = None

    def fields(self) -> PersonFields:
        """The entry as editable fields."""
        return PersonFields(
            full_name=self.full_name,
            institution=self.institution,
            honorific=self.honorific or "",
            position=self.position or "",
            agency=self.agency or "",
            email=self.email or "",
            phone=self.phone or "",
            languages=self.languages or "",
            gender=str(self.gender),
            notes=self.notes or "",
            country_code=self.country_code,
        )


@dataclass(frozen=True)
class SearchResult:
    rows: tuple[PersonRow, ...]
    more: bool  # more people match than the rows hold


class SimilarPersonError(ValidationError):
    """The entry looks like people already in the directory; save again to confirm."""

    def __init__(self, message: str, similar: tuple[PersonRow, ...]) -> None:
        super().__init__(message, field="full_name")
        self.similar = similar


_COLUMNS = (
    Person.id,
    Person.full_name,
    Person.institution,
    Person.honorific,
    Person.position,
    Person.agency,
    Person.email,
    Person.phone,
    Person.languages,
    Person.gender,
    Person.country_code,
    Person.notes,
    Person.row_version,
)


def _row(values: object) -> PersonRow:
    return PersonRow(*values)  # type: ignore[misc]


def _row_of(person: Person) -> PersonRow:
    return _row(tuple(getattr(person, column.key) for column in _COLUMNS))


def search_people(
    database: Database, text: str = "", *, country_code: str | None = None, limit: int = SEARCH_PAGE
) -> SearchResult:
    """People whose name, institution, position, agency or email hold every word of *text*.

    Accents and case are ignored; rows come by name, at most *limit* of them.
    """
    query = select(*_COLUMNS)
    for word in fold(clean_text(text)).split():
        query = query.where(Person.search_text.like(f"%{escape_like(word)}%", escape="\\"))
    if country_code:
        query = query.where(Person.country_code == country_code)
    query = query.order_by(Person.full_name, Person.id).limit(limit + 1)
    with database.session() as session:
        rows = [_row(values) for values in session.execute(query)]
    return SearchResult(tuple(rows[:limit]), len(rows) > limit)


def get_person(database: Database, person_id: int) -> PersonRow | None:
    with database.session() as session:
        values = session.execute(select(*_COLUMNS).where(Person.id == person_id)).first()
    return _row(values) if values else None


def count_people(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def _check(fields: PersonFields) -> None:
    found = problems(fields)
    if found:
        name, message = next(iter(found.items()))
        raise ValidationError(message, field=name)


def _similar(session: Session, fields: PersonFields, exclude: int | None) -> tuple[PersonRow, ...]:
    email = email_key(fields.email)
    folded_name = " ".join(fold(fields.full_name).split())
    prefix = escape_like(folded_name)
    conditions = [Person.search_text.like(f"{prefix}%", escape="\\")] if folded_name else []
    if email:
        conditions.append(func.lower(Person.email) == email)
    if not conditions:
        return ()
    query = select(*_COLUMNS).where(or_(*conditions))
    if exclude is not None:
        query = query.where(Person.id != exclude)
    wanted = name_key(fields.full_name, fields.institution)
    return tuple(
        row
        for row in (_row(values) for values in session.execute(query.limit(50)))
        if (email and email_key(row.email) == email)
        or name_key(row.full_name, row.institution) == wanted
    )


def _similar_message(similar: tuple[PersonRow, ...]) -> str:
    names = format_list(
        [
            _("%(name)s (%(institution)s)")
            % {"name": row.full_name, "institution": row.institution}
            for row in similar[:3]
        ]
    )
    return ngettext(
        "This looks like %(n)d person already in the directory (same email, or same name and "
        "institution): %(names)s. Save anyway to keep both entries.",
        "This looks like %(n)d people already in the directory (same email, or same name and "
        "institution): %(names)s. Save anyway to keep both entries.",
        len(similar),
    ) % {"n": len(similar), "names": names}


def similar_people(
    database: Database, fields: PersonFields, exclude: int | None = None
) -> tuple[PersonRow, ...]:
    """Entries with the same email, or the same name and institution (accents ignored)."""
    with database.session() as session:
        return _similar(session, fields, exclude)


def _apply(person: Person, fields: PersonFields) -> None:
    def clean(value: str) -> str | None:
        return value.strip() or None

    person.full_name = " ".join(fields.full_name.split())
    person.institution = fields.institution.strip()
    person.honorific = clean(fields.honorific)
    person.position = clean(fields.position)
    person.agency = clean(fields.agency)
    person.email = clean(fields.email)
    person.phone = clean(fields.phone)
    person.languages = normalize_languages(fields.languages)[0]
    person.gender = Gender(fields.gender or Gender.UNSPECIFIED)
    person.notes = clean(fields.notes)
    person.country_code = fields.country_code or None


def save_person(
    database: Database,
    fields: PersonFields,
    person_id: int | None = None,
    *,
    confirm_similar: bool = False,
    version: int | None = None,
) -> int:
    """Create or update a directory entry in one transaction; returns its id.

    Raises ValidationError for a bad field and SimilarPersonError when the entry looks
    like another one, unless *confirm_similar*; ConflictError (the stored entry's fields
    as `theirs`) when someone saved the entry since *version*, the version it was read at.
    """
    fields = clean_fields(fields)  # what is compared is what will be stored
    _check(fields)
    with database.session() as session:
        person = locked(session, Person, person_id) if person_id else Person()
        if person is None:
            raise ValidationError(_("This person is no longer in the directory."))
        if person_id:
            stored = person
            refuse_if_changed(person, version, "person", lambda: _row_of(stored).fields(), fields)
        if fields.country_code and session.get(Country, fields.country_code) is None:
            raise ValidationError(
                _("“%(code)s” is not a country code.") % {"code": fields.country_code},
                field="country_code",
            )
        if not confirm_similar:
            similar = _similar(session, fields, person_id)
            if similar:
                raise SimilarPersonError(_similar_message(similar), similar)
        _apply(person, fields)
        session.add(person)
        session.flush()
        return person.id


def delete_person(database: Database, person_id: int) -> None:
    """Remove an entry; refused while a nomination (even a past one) names the person."""
    with database.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            return
        used = session.scalar(
            select(func.count()).select_from(Nomination).where(Nomination.person_id == person_id)
        )
        if used:
            raise RcmDeskError(
                ngettext(
                    "%(name)s appears in %(n)d nomination, which keeps the delegation's "
                    "history; the entry cannot be deleted.",
                    "%(name)s appears in %(n)d nominations, which keep the delegations' "
                    "history; the entry cannot be deleted.",
                    used,
                )
                % {"name": person.full_name, "n": used}
            )
        session.delete(person)


# --- CSV -----------------------------------------------------------------------------------


def export_people_csv(database: Database, path: Path) -> int:
    """Write every entry to *path* as CSV (UTF-8 with a byte-order mark, for Excel); returns how many."""
    with database.session() as session:
        rows = [_row(values) for values in session.execute(select(*_COLUMNS).order_by(Person.id))]
    text = write_people_csv(
        {
            **{key: getattr(row, key) for key in ("honorific", "full_name", "position")},
            **{key: getattr(row, key) for key in ("institution", "agency", "email", "phone")},
            "languages": row.languages or "",
            "gender": "" if row.gender == Gender.UNSPECIFIED else str(row.gender),
            "country_code": row.country_code or "",
            "notes": row.notes or "",
        }
        for row in rows
    )
    write_text_file(path, text, "utf-8-sig")
    return len(rows)


#: The most characters each text of an entry holds: its column's length in the store.
PERSON_LIMITS: dict[str, int] = {
    name: Person.__table__.c[name].type.length  # type: ignore[attr-defined]
    for name in ("honorific", "full_name", "position", "institution", "agency", "email", "phone",
                 "languages")
}  # fmt: skip
#: Rows added between two flushes (and progress reports) of an import.
IMPORT_CHUNK = 1000


def preview_import(database: Database, path: Path, progress: Progress | None = None) -> CsvReading:
    """Read a CSV file and say which rows can be imported and why others cannot; writes nothing.

    A row is also rejected when its country code is not in the countries table, when it
    repeats an earlier row of the file, or when it looks like an entry already in the
    directory (same email, or same name and institution). *progress(done, total)* follows
    the reading, in rows. Whatever the file holds, the outcome is a reading or an
    ImportFileError (never an encoding or CSV exception).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large(size)
        reading = read_people_csv(path.read_bytes(), progress, limits=PERSON_LIMITS)
    except OSError as error:
        raise ImportFileError(
            _(
                "The file %(file)s cannot be read (%(reason)s). Check that it exists and that "
                "you may open it, or choose another file."
            )
            % {"file": path.name, "reason": error.strerror or error}
        ) from error
    except MemoryError as error:  # under the limit, on a computer short of memory
        raise ImportFileError(
            _(
                "The file %(file)s is too large to read in the memory this computer has free. "
                "Split it into smaller files and import them one by one."
            )
            % {"file": path.name}
        ) from error
    with gc_paused():
        _check_against_the_store(database, reading)
    return reading


def _check_against_the_store(database: Database, reading: CsvReading) -> None:
    """Move to the rejected rows those the store would refuse or that repeat another entry.

    Names are compared folded; the directory's names are folded only once a row is not
    already refused by its email (a file read again is refused on emails alone).
    """
    with database.session() as session:
        stored = session.execute(select(Person.email, Person.full_name, Person.institution)).all()
        countries = set(session.scalars(select(Country.code)))
    emails = {email_key(email) for email, _name, _institution in stored}
    keys: dict[tuple[str, str], str] = {}

    def key_of(name: str, institution: str) -> str:
        key = keys.get((name, institution))
        if key is None:
            key = keys[(name, institution)] = name_key(name, institution)
        return key

    names: set[str] | None = None
    seen_emails: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    good: list[CsvRow] = []
    rejected = len(reading.rejected)
    for row in reading.rows:
        fields = as_stored(row.fields)  # compared as they will be stored
        email = email_key(fields.email)
        key = ""
        if fields.country_code and fields.country_code not in countries:
            reason: str | None = _(
                "“%(code)s” is not a country code RCM Desk knows; use ISO codes such as GB, HN, MX."
            ) % {"code": fields.country_code}
        elif email and email in emails:
            reason = _("Someone in the directory already has the email %(email)s.") % {
                "email": fields.email
            }
        else:
            key = key_of(fields.full_name, fields.institution)
            if names is None:
                names = {key_of(name, institution) for _email, name, institution in stored}
            reason = _repeat(fields, email, key, names, seen_emails, seen_names)
        if reason:
            name = excerpt(fields.full_name, 200)
            reading.rejected.append(RejectedRow(row.line, name, (reason,)))
            continue
        if email:
            seen_emails[email] = row.line
        seen_names[key] = row.line
        good.append(row)
    reading.rows = good
    if len(reading.rejected) > rejected:  # both parts are in line order: merge them
        reading.rejected.sort(key=lambda item: item.line)


def _repeat(
    fields: PersonFields,
    email: str | None,
    key: str,
    names: set[str],
    seen_emails: dict[str, int],
    seen_names: dict[str, int],
) -> str | None:
    """Why a row repeats an entry of the directory or an earlier row of the file, or None."""
    if key in names:
        return _("%(name)s of %(institution)s is already in the directory.") % {
            "name": fields.full_name,
            "institution": fields.institution,
        }
    if email and email in seen_emails:
        return _("Line %(line)d of the file has the same email.") % {"line": seen_emails[email]}
    if key in seen_names:
        return _("Line %(line)d of the file has the same name and institution.") % {
            "line": seen_names[key]
        }
    return None


def _row_problem(row: CsvRow) -> str | None:
    """Why a row cannot be stored as it is (its first problem), or None."""
    found = problems(row.fields)
    if found:
        return next(iter(found.values()))
    for name, limit in PERSON_LIMITS.items():
        if len(getattr(row.fields, name) or "") > limit:
            return _("The %(field)s is longer than %(limit)d characters.") % {
                "field": field_label(name),
                "limit": limit,
            }
    return None


def import_people(database: Database, rows: list[CsvRow], progress: Progress | None = None) -> int:
    """Add the accepted rows of a preview, all in one transaction; returns how many.

    Raises ValidationError naming the line of a row that cannot be stored (nothing is then
    written), and ImportFileError when the database refuses the rows. *progress(done,
    total)* is told every IMPORT_CHUNK rows.
    """
    rows = [replace(row, fields=clean_fields(row.fields)) for row in rows]
    for row in rows:
        reason = _row_problem(row)
        if reason:
            raise ValidationError(
                _("Line %(line)d: %(reason)s Correct the file and preview it again.")
                % {"line": row.line, "reason": reason}
            )
    total = len(rows)
    try:
        with gc_paused(), database.session() as session:
            known = set(session.scalars(select(Country.code)))
            for done, row in enumerate(rows, start=1):
                fields = row.fields
                if fields.country_code and fields.country_code not in known:
                    raise ValidationError(
                        _("Line %(line)d: “%(code)s” is not a country code.")
                        % {"line": row.line, "code": fields.country_code}
                    )
                person = Person()
                _apply(person, fields)
                session.add(person)
                if done % IMPORT_CHUNK == 0 or done == total:
                    session.flush()
                    if progress is not None:
                        progress(done, total)
    except IntegrityError as error:
        raise ImportFileError(
            _(
                "The database refused the rows (%(reason)s), so nothing was imported. Preview "
                "the file again and import the rows it accepts."
            )
            % {"reason": excerpt(str(error.orig), 200)}
        ) from error
    return total
