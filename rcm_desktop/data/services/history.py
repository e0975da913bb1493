"""A record's history from the change journal, and the retention purge.

`history(database, "meeting", 12)` lists, newest first, every change to the meeting and
to what belongs to it (sessions, agenda, questions, seats, nominations, deadlines,
documents filed under it), each as a sentence with when and who.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.journal import tracked_tables
from rcm_desktop.data.models import (
    Body,
    Deadline,
    Document,
    Forum,
    JournalChange,
    JournalEntry,
    Meeting,
    Nomination,
    Person,
)
from rcm_desktop.data.services.history_text import CATEGORIES, Names, sentence
from rcm_desktop.data.versioning import local_time, when_text
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

#: The records that have a history, with their model and the journal column that finds it.
SUBJECTS = {
    "meeting": (Meeting, JournalChange.meeting_gid),
    "person": (Person, JournalChange.person_gid),
    "document": (Document, JournalChange.document_gid),
    "deadline": (Deadline, JournalChange.record_gid),
    "nomination": (Nomination, JournalChange.record_gid),
}
#: The longest history read at once (the newest first).
MOST = 5000


@dataclass(frozen=True)
class HistoryItem:
    """One change in a history: a sentence, when (UTC) and who, and what it changed."""

    change_id: int
    entry_uuid: str
    at: dt.datetime
    who: str
    action: str
    table: str
    record_gid: str
    operation: str
    category: str
    text: str
    old: dict[str, Any]
    new: dict[str, Any]
    #: For a change made on a copy taken home: when it was brought back (UTC), and how
    #: each conflict about it was settled ("mine", "theirs", "edited").
    brought_back_at: dt.datetime | None = None
    settled: tuple[str, ...] = ()


@dataclass(frozen=True)
class History:
    """A record's history: its name now and its changes, newest first."""

    subject: str
    record_id: int
    record_gid: str
    items: tuple[HistoryItem, ...]
    #: The names of the records the changes point at, by global id.
    names: dict[str, str]
    #: What the record is called now: a title, a person's name.
    name: str = ""


def category_of(table: str) -> str:
    """The kind of change (a key of `CATEGORIES`) a change to *table* is."""
    for key, (_label, tables) in CATEGORIES.items():
        if table in tables:
            return key
    return "details"


def history(
    database: Database, subject: str, record_id: int, category: str | None = None
) -> History:
    """The history of one meeting, person, document, deadline or nomination (newest first)."""
    model, column = SUBJECTS[subject]
    with database.session() as session:
        gid = session.scalar(select(model.global_id).where(model.id == record_id))  # type: ignore[attr-defined]
        if gid is None:
            raise ValidationError(
                _("There is no record %(id)d of this kind in the store.") % {"id": record_id}
            )
        query = (
            select(JournalChange, JournalEntry)
            .join(JournalEntry, JournalEntry.id == JournalChange.entry_id)
            .where(or_(column == gid, JournalChange.record_gid == gid))
            # The order the changes were made in this store (an entry brought back from a
            # copy keeps its own time, which may be earlier than changes made here meanwhile).
            .order_by(JournalEntry.id.desc(), JournalChange.position)
            .limit(MOST)
        )
        if category is not None:
            query = query.where(JournalChange.table_name.in_(CATEGORIES[category][1]))
        rows = session.execute(query).all()
        name = _name_of(session, subject, record_id)
        names = names_for_changes(session, [change for change, _entry in rows])
        items = tuple(
            HistoryItem(
                change_id=change.id,
                entry_uuid=entry.entry_uuid,
                at=entry.at,
                who=entry.who,
                action=entry.action,
                table=change.table_name,
                record_gid=change.record_gid,
                operation=change.operation,
                category=category_of(change.table_name),
                text=sentence(
                    change.table_name,
                    change.operation,
                    change.old or {},
                    change.new or {},
                    change.about or {},
                    names,
                ),
                old=dict(change.old or {}),
                new=dict(change.new or {}),
                brought_back_at=_brought_back_at(entry),
                settled=tuple(
                    str(conflict.get("resolution"))
                    for conflict in (entry.arguments or {}).get("conflicts", ())
                    if conflict.get("gid") == change.record_gid
                ),
            )
            for change, entry in rows
        )
    return History(subject, record_id, gid, items, names.by_gid, name)


def when_full(value: dt.datetime) -> str:
    """A stored UTC time as "3 Dec 2026, 10:42" in this computer's time zone, always dated."""
    from rcm_desktop.i18n import format_date, format_time

    local = local_time(value)
    assert local is not None
    return _("%(day)s, %(time)s") % {
        "day": format_date(local.date()),
        "time": format_time(local.time().replace(second=0, microsecond=0)),
    }


def _went_back(entry: JournalEntry) -> str:
    """ "Went back to an earlier version: " before the changes of a going back."""
    return _("Went back to an earlier version: ") if entry.action == "go_back" else ""


def _brought_back_at(entry: JournalEntry) -> dt.datetime | None:
    when = (entry.arguments or {}).get("brought_back_at") if entry.replayed else None
    try:
        return dt.datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        return None


def _name_of(session: Session, subject: str, record_id: int) -> str:
    """What the record is called: “a title”, or a person's name."""
    if subject == "person":
        return str(session.scalar(select(Person.full_name).where(Person.id == record_id)))
    if subject == "nomination":
        found = session.scalar(
            select(Person.full_name)
            .join(Nomination, Nomination.person_id == Person.id)
            .where(Nomination.id == record_id)
        )
        return _("the nomination of %(name)s") % {"name": found}
    model = SUBJECTS[subject][0]
    title = session.scalar(select(model.title).where(model.id == record_id))  # type: ignore[attr-defined]
    return f"“{title}”"


def names_for_changes(session: Session, changes: list[JournalChange]) -> Names:
    """Names of every record the changes point at, read in one query per table."""
    wanted: set[str] = set()
    for change in changes:
        for values in (change.old or {}, change.new or {}, change.about or {}):
            for key, value in values.items():
                if key.endswith("_id") and isinstance(value, str):
                    wanted.add(value)
    names: dict[str, str] = {}
    tracked = tracked_tables()
    if wanted:
        ids = sorted(wanted)
        people = tracked["people"]
        for gid, name in session.execute(
            select(people.c.global_id, people.c.full_name).where(people.c.global_id.in_(ids))
        ):
            names[gid] = name
        seats = tracked["seats"]
        for gid, position in session.execute(
            select(seats.c.global_id, seats.c.position).where(seats.c.global_id.in_(ids))
        ):
            names[gid] = _("Seat %(n)d") % {"n": position}
        nominations = tracked["nominations"]
        for gid, name in session.execute(
            select(nominations.c.global_id, people.c.full_name)
            .join(people, people.c.id == nominations.c.person_id)
            .where(nominations.c.global_id.in_(ids))
        ):
            names[gid] = name
        for table in ("meetings", "sessions", "documents"):
            model = tracked[table]
            for gid, title in session.execute(
                select(model.c.global_id, model.c.title).where(model.c.global_id.in_(ids))
            ):
                names[gid] = f"“{title}”"
    for body_id, code in session.execute(select(Body.id, Body.code)):
        names[f"bodies:{body_id}"] = code
    for forum_id, code in session.execute(select(Forum.id, Forum.code)):
        names[f"forums:{forum_id}"] = code
    return Names(names)


def _purgeable(session: Session, before: dt.date) -> Any:
    """Entries older than *before*; in a copy taken home, never the work not brought back."""
    from rcm_desktop.data.models import Setting
    from rcm_desktop.data.take_home import MARK_KEY

    condition = JournalEntry.at < dt.datetime.combine(before, dt.time())
    mark = session.scalar(select(Setting.value).where(Setting.key == MARK_KEY))
    if mark is not None:
        condition = condition & (JournalEntry.id <= int(mark))
    return condition


def purge_before(database: Database, before: dt.date) -> int:
    """Remove journal entries older than *before* (a ministry's retention rule); how many.

    In a profile taken home, the entries not yet brought back are kept whatever their date:
    they are the work bring-back replays.
    """
    with database.session() as session:
        condition = _purgeable(session, before)
        count = session.scalar(select(func.count()).select_from(JournalEntry).where(condition))
        old_entries = select(JournalEntry.id).where(condition)
        session.execute(delete(JournalChange).where(JournalChange.entry_id.in_(old_entries)))
        session.execute(delete(JournalEntry).where(condition))
    return int(count or 0)


def count_before(database: Database, before: dt.date) -> int:
    """How many journal entries `purge_before` would remove."""
    with database.session() as session:
        condition = _purgeable(session, before)
        count = session.scalar(select(func.count()).select_from(JournalEntry).where(condition))
    return int(count or 0)


__all__ = ["SUBJECTS", "History", "HistoryItem", "count_before", "history", "purge_before",
           "when_full", "when_text"]  # fmt: skip
