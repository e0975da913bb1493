"""Go back to a version from the history: the record as one journal change left it.

The version is rebuilt from the record's values now by undoing, newest first, every later
change to it; the result is then saved through the record's own service (its checks, its
version check, its journal entry), so going back is itself a change in the history.
Only a meeting's texts, a person, a deadline and a document go back this way: a meeting's
sessions, seats and nominations have rules of their own and are changed by their editors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.journal import tracked_tables
from rcm_desktop.data.models import JournalChange
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

#: The fields each kind of record goes back on, by table.
RESTORED = {
    "meetings": ("title", "venue", "platform", "context", "objectives", "methodology",
                 "interpretation", "participants", "notes"),
    "people": ("full_name", "institution", "honorific", "position", "agency", "email", "phone",
               "languages", "gender", "notes", "country_code"),
    "deadlines": ("title", "kind", "rule", "fixed_date", "days", "anchor_kind", "anchor_date",
                  "calendar_country", "notes", "done_on"),
    "documents": ("title", "kind", "purpose", "version", "notes"),
}  # fmt: skip


@dataclass(frozen=True)
class Restored:
    """What going back changed: the fields, by their column names."""

    table: str
    record_id: int
    fields: tuple[str, ...]


def can_go_back(table: str, operation: str) -> bool:
    """Whether a change of *table* offers "Go back to this version"."""
    return table in RESTORED and operation in ("insert", "update")


def version_after(database: Database, change_id: int) -> tuple[str, int, dict[str, Any]]:
    """The record a change is about (table, id) and its restorable fields as it left them."""
    table, record_id, _now, state = _versions(database, change_id)
    return table, record_id, state


def _versions(
    database: Database, change_id: int
) -> tuple[str, int, dict[str, Any], dict[str, Any]]:
    """The record a change is about (table, id), its restorable fields now, and as the
    change left them."""
    with database.session() as session:
        chosen = session.get(JournalChange, change_id)
        if chosen is None or not can_go_back(chosen.table_name, chosen.operation):
            raise ValidationError(_("This change cannot be gone back to."))
        table = tracked_tables()[chosen.table_name]
        row = (
            session.execute(select(table).where(table.c.global_id == chosen.record_gid))
            .mappings()
            .first()
        )
        if row is None:
            raise ValidationError(_("This record has been deleted since; it cannot go back."))
        # Later in the order changes were made in this store: entry ids (an entry brought back
        # from a copy keeps its own time, which may be earlier than changes made here).
        later = session.execute(
            select(JournalChange.old)
            .where(
                JournalChange.record_gid == chosen.record_gid,
                JournalChange.entry_id > chosen.entry_id,
            )
            .order_by(JournalChange.entry_id.desc(), JournalChange.position.desc())
        ).scalars()
        now = {name: _plain(row[name]) for name in RESTORED[chosen.table_name]}
        state = dict(now)
        for old in later:
            for name, value in (old or {}).items():
                if name in state:
                    state[name] = value
        return chosen.table_name, int(row["id"]), now, state


def go_back_preview(database: Database, change_id: int) -> list[tuple[str, Any, Any]]:
    """What going back would change: (field, value now, value then) for each field."""
    _table, _record_id, now, state = _versions(database, change_id)
    return [
        (name, now[name], then)
        for name, then in state.items()
        if (now[name] or None) != (then or None)
    ]


def _plain(value: Any) -> Any:
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def go_back(database: Database, change_id: int, version: int | None = None) -> Restored:
    """Save the record as change *change_id* left it, through its service.

    *version* is the record's version the history was read at (ConflictError when
    someone saved it since); refused when the record is already that way.
    """
    table, record_id, state = version_after(database, change_id)
    saver = {"meetings": _meeting, "people": _person, "deadlines": _deadline,
             "documents": _document}[table]  # fmt: skip
    changed = saver(database, record_id, state, version)
    if not changed:
        raise ValidationError(_("This version is the one stored now; nothing to go back to."))
    return Restored(table, record_id, tuple(changed))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _differences(before: Any, after: Any, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if getattr(before, name) != getattr(after, name)]


def _meeting(
    database: Database, record_id: int, state: dict[str, Any], version: int | None
) -> list[str]:
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting

    draft = load_draft(database, record_id)
    texts = {name: _text(state[name]) for name in RESTORED["meetings"]}
    wanted = dataclasses.replace(draft, **texts, version=version or draft.version)
    changed = _differences(draft, wanted, RESTORED["meetings"])
    if changed:
        save_meeting(database, wanted)
    return changed


def _person(
    database: Database, record_id: int, state: dict[str, Any], version: int | None
) -> list[str]:
    from rcm_desktop.data.services.directory import get_person, save_person

    row = get_person(database, record_id)
    if row is None:
        raise ValidationError(_("This person is no longer in the directory."))
    fields = row.fields()
    wanted = PersonFields(
        **{name: _text(state[name]) for name in RESTORED["people"] if name != "country_code"},
        country_code=state["country_code"],
    )
    if not wanted.gender:
        wanted = dataclasses.replace(wanted, gender="unspecified")
    names = tuple(field.name for field in dataclasses.fields(PersonFields))
    changed = _differences(fields, wanted, names)
    if changed:
        save_person(
            database, wanted, record_id, confirm_similar=True, version=version or row.version
        )
    return changed


def _deadline(
    database: Database, record_id: int, state: dict[str, Any], version: int | None
) -> list[str]:
    from rcm_desktop.data.services.deadlines import load_deadline, save_deadline

    draft = load_deadline(database, record_id)
    wanted = dataclasses.replace(
        draft,
        title=_text(state["title"]),
        kind=DeadlineKind(state["kind"]),
        rule=DeadlineRule(state["rule"]),
        fixed_date=_date(state["fixed_date"]),
        days=state["days"],
        anchor_kind=AnchorKind(state["anchor_kind"]) if state["anchor_kind"] else None,
        anchor_date=_date(state["anchor_date"]),
        calendar_country=state["calendar_country"],
        notes=_text(state["notes"]),
        done_on=_date(state["done_on"]),
        version=version or draft.version,
    )
    names = ("title", "kind", "rule", "fixed_date", "days", "anchor_kind", "anchor_date",
             "calendar_country", "notes", "done_on")  # fmt: skip
    changed = _differences(draft, wanted, names)
    if changed:
        save_deadline(database, wanted)
    return changed


def _document(
    database: Database, record_id: int, state: dict[str, Any], version: int | None
) -> list[str]:
    from rcm_desktop.data.services.documents import load_document, save_document

    draft = load_document(database, record_id)
    wanted = dataclasses.replace(
        draft,
        title=_text(state["title"]),
        kind=DocumentKind(state["kind"]),
        purpose=DocumentPurpose(state["purpose"]),
        version=_text(state["version"]),
        notes=_text(state["notes"]),
        row_version=version or draft.row_version,
    )
    changed = _differences(draft, wanted, ("title", "kind", "purpose", "version", "notes"))
    if changed:
        save_document(database, wanted)
    return changed
