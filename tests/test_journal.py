"""The change journal: one entry per action, in its transaction, with old and new values."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Deadline,
    Document,
    JournalChange,
    JournalEntry,
    Meeting,
    Nomination,
    Person,
)
from rcm_desktop.data.services import deadlines, directory, meeting_editing, nominations
from rcm_desktop.data.services.history import history, purge_before
from rcm_desktop.data.services.history_restore import go_back
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import NominationStatus
from rcm_desktop.errors import ConflictError, RcmDeskError, ValidationError


def _entries(database: Database) -> list[JournalEntry]:
    with database.session() as session:
        return list(session.scalars(select(JournalEntry).order_by(JournalEntry.id)))


def _changes(database: Database, entry: JournalEntry) -> list[JournalChange]:
    with database.session() as session:
        return list(
            session.scalars(
                select(JournalChange)
                .where(JournalChange.entry_id == entry.id)
                .order_by(JournalChange.position)
            )
        )


def _person(database: Database, name: str = "Ana Peña", email: str = "ana@example.org") -> int:
    return directory.save_person(
        database,
        PersonFields(full_name=name, institution="Migración", email=email, country_code="HN"),
    )


def test_every_tracked_record_has_its_own_global_id(demo_database: Database) -> None:
    with demo_database.session() as session:
        ids = list(session.scalars(select(Meeting.global_id))) + list(
            session.scalars(select(Person.global_id))
        )
    assert len(ids) == len(set(ids)) > 5
    assert all(len(gid) == 36 for gid in ids)


def test_a_save_appends_one_entry_with_old_and_new_values(database: Database) -> None:
    person_id = _person(database)
    before = len(_entries(database))
    row = directory.get_person(database, person_id)
    assert row is not None
    changed = dataclasses.replace(row.fields(), institution="Cancillería")
    directory.save_person(database, changed, person_id, version=row.version)
    entries = _entries(database)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.action == "save_person"
    assert entry.arguments["person_id"] == person_id
    user = database.engine.url.username
    assert entry.who == (f"{database.identity} [{user}]" if user else database.identity)
    (change,) = _changes(database, entry)
    assert (change.table_name, change.operation) == ("people", "update")
    assert change.old == {"institution": "Migración"}
    assert change.new == {"institution": "Cancillería"}


def test_a_refused_save_leaves_no_entry(database: Database) -> None:
    person_id = _person(database)
    row = directory.get_person(database, person_id)
    assert row is not None
    before = len(_entries(database))
    with pytest.raises(ConflictError):
        directory.save_person(database, row.fields(), person_id, version=row.version - 1)
    assert len(_entries(database)) == before


def test_deleting_a_meeting_journals_what_the_database_cascades(demo_database: Database) -> None:
    with demo_database.session() as session:
        meeting = session.scalars(
            select(Meeting).join(Nomination, Nomination.meeting_id == Meeting.id)
        ).first()
        assert meeting is not None
        meeting_id, gid = meeting.id, meeting.global_id
        nominations_there = session.scalar(
            select(func.count()).select_from(Nomination).where(Nomination.meeting_id == meeting_id)
        )
        filed = session.scalar(
            select(func.count()).select_from(Document).where(Document.meeting_id == meeting_id)
        )
    meeting_editing.delete_meeting(demo_database, meeting_id)
    changes = _changes(demo_database, _entries(demo_database)[-1])
    deleted = [c for c in changes if c.operation == "delete"]
    assert sum(c.table_name == "nominations" for c in deleted) == nominations_there > 0
    unlinked = [c for c in changes if c.table_name == "documents"]
    assert len(unlinked) == filed
    assert all(c.old == {"meeting_id": gid} and c.new == {"meeting_id": None} for c in unlinked)
    assert all(c.meeting_gid == gid for c in deleted)


def test_foreign_keys_are_written_as_global_ids(demo_database: Database) -> None:
    with demo_database.session() as session:
        nomination = session.scalars(
            select(Nomination).where(Nomination.seat_id.is_not(None))
        ).first()
        assert nomination is not None
        change = session.scalars(
            select(JournalChange).where(JournalChange.record_gid == nomination.global_id)
        ).one()
        assert change.operation == "insert"
        assert change.new is not None
        assert change.new["person_id"] == nomination.person.global_id
        assert change.new["seat_id"] == nomination.seat.global_id
        assert change.new["meeting_id"] == nomination.meeting.global_id
        assert (change.meeting_gid, change.person_gid) == (
            nomination.meeting.global_id,
            nomination.person.global_id,
        )


def test_history_names_a_replacement_with_the_real_names(demo_database: Database) -> None:
    with demo_database.session() as session:
        nomination = session.scalars(
            select(Nomination).where(
                Nomination.status.in_((NominationStatus.SUBMITTED, NominationStatus.CONFIRMED))
            )
        ).first()
        assert nomination is not None
        taken = set(
            session.scalars(
                select(Nomination.person_id).where(Nomination.meeting_id == nomination.meeting_id)
            )
        )
        newcomer = session.scalars(select(Person).where(Person.id.not_in(taken))).first()
        assert newcomer is not None
        old_name = nomination.person.full_name
        seat = nomination.seat.position if nomination.seat else None
        meeting_id = nomination.meeting_id
    nominations.replace(demo_database, nomination.id, newcomer.id, dt.date(2026, 12, 1))
    found = history(demo_database, "meeting", meeting_id, "delegation")
    texts = [item.text for item in found.items]
    assert f"Seat {seat}: {old_name} replaced by {newcomer.full_name}" in texts
    assert all(item.category == "delegation" for item in found.items)
    person_history = history(demo_database, "person", newcomer.id)
    assert any("nominated" in item.text for item in person_history.items)


def test_deleting_a_person_leaves_no_personal_data_in_the_journal(database: Database) -> None:
    person_id = _person(database, "Zoë Quiñónez", "zoe@example.org")
    row = directory.get_person(database, person_id)
    assert row is not None
    directory.save_person(
        database,
        dataclasses.replace(row.fields(), phone="+504 2222 5555"),
        person_id,
        version=row.version,
    )
    directory.delete_person(database, person_id)
    with database.session() as session:
        stored = " ".join(
            str(values)
            for values in session.execute(select(JournalChange.old, JournalChange.new)).all()
        )
        arguments = " ".join(str(a) for a in session.scalars(select(JournalEntry.arguments)))
    for personal in ("Zoë", "Quiñónez", "zoe@example.org", "+504 2222 5555"):
        assert personal not in stored and personal not in arguments
    with database.session() as session:
        kept = session.scalar(
            select(func.count())
            .select_from(JournalChange)
            .where(JournalChange.table_name == "people")
        )
    assert kept == 3  # added, changed, deleted: the entries remain


def test_go_back_restores_a_person_through_the_service(database: Database) -> None:
    person_id = _person(database)
    for institution in ("Cancillería", "Instituto Nacional de Migración"):
        row = directory.get_person(database, person_id)
        assert row is not None
        directory.save_person(
            database,
            dataclasses.replace(row.fields(), institution=institution),
            person_id,
            version=row.version,
        )
    found = history(database, "person", person_id)
    middle = next(i for i in found.items if i.new.get("institution") == "Cancillería")
    restored = go_back(database, middle.change_id)
    assert restored.fields == ("institution",)
    row = directory.get_person(database, person_id)
    assert row is not None and row.institution == "Cancillería"
    newest = history(database, "person", person_id).items[0]
    assert newest.action == "go_back"
    assert newest.new == {"institution": "Cancillería"}
    with pytest.raises(ValidationError, match="stored now"):
        go_back(database, middle.change_id)


def test_go_back_is_refused_when_someone_saved_since(database: Database) -> None:
    person_id = _person(database)
    row = directory.get_person(database, person_id)
    assert row is not None
    directory.save_person(
        database,
        dataclasses.replace(row.fields(), phone="+504 2222 3333"),
        person_id,
        version=row.version,
    )
    first = history(database, "person", person_id).items[-1]
    with pytest.raises(ConflictError):
        go_back(database, first.change_id, version=row.version)


def test_go_back_on_a_deadline_and_a_meeting_text(demo_database: Database) -> None:
    with demo_database.session() as session:
        deadline_id = session.scalar(select(Deadline.id).limit(1))
        meeting_id = session.scalar(select(Meeting.id).limit(1))
    assert deadline_id is not None and meeting_id is not None
    draft = deadlines.load_deadline(demo_database, deadline_id)
    deadlines.save_deadline(demo_database, dataclasses.replace(draft, title="Renamed"))
    item = history(demo_database, "deadline", deadline_id).items[0]
    with pytest.raises(ValidationError):  # the version stored now: nothing to go back to
        go_back(demo_database, item.change_id)
    older = history(demo_database, "deadline", deadline_id).items[-1]
    go_back(demo_database, older.change_id)
    assert deadlines.load_deadline(demo_database, deadline_id).title == draft.title

    meeting = meeting_editing.load_draft(demo_database, meeting_id)
    meeting_editing.save_meeting(demo_database, dataclasses.replace(meeting, notes="¿Qué?"))
    items = history(demo_database, "meeting", meeting_id, "details").items
    created = next(i for i in reversed(items) if (i.table, i.operation) == ("meetings", "insert"))
    go_back(demo_database, created.change_id)
    assert meeting_editing.load_draft(demo_database, meeting_id).notes == meeting.notes


def test_purge_removes_only_older_entries(database: Database) -> None:
    _person(database)
    total = len(_entries(database))
    assert purge_before(database, dt.date(2000, 1, 1)) == 0
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    assert purge_before(database, tomorrow) == total
    assert _entries(database) == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(JournalChange)) == 0


def test_a_person_named_in_a_nomination_cannot_be_deleted_and_keeps_history(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        person_id = session.scalar(select(Nomination.person_id).limit(1))
    assert person_id is not None
    with pytest.raises(RcmDeskError):
        directory.delete_person(demo_database, person_id)
    assert history(demo_database, "person", person_id).items


def test_copies_carry_the_journal(demo_database: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.data.transfer import copy_store
    from rcm_desktop.paths import Profile

    meeting_id = 1
    draft = meeting_editing.load_draft(demo_database, meeting_id)
    meeting_editing.save_meeting(demo_database, dataclasses.replace(draft, notes="Copiada"))
    profile = Profile(tmp_path / "copy").ensure()
    copy = open_database(profile)
    prepare_store(copy, profile)
    copy_store(demo_database, copy, replace=True)
    here = history(demo_database, "meeting", meeting_id)
    there = history(copy, "meeting", meeting_id)
    assert [i.text for i in there.items] == [i.text for i in here.items]
    assert there.items[0].new == {"notes": "Copiada"}
    copy.dispose()


def test_hostile_values_are_journaled_whole_and_shown_cut(database: Database) -> None:
    person_id = _person(database)
    row = directory.get_person(database, person_id)
    assert row is not None
    hostile = "‮<b>&amp;</b> 🙂 " + "x" * 200_000
    directory.save_person(
        database, dataclasses.replace(row.fields(), notes=hostile), person_id, version=row.version
    )
    item = history(database, "person", person_id).items[0]
    assert len(item.new["notes"]) > 200_000 - 10
    assert item.text == "Directory entry “Ana Peña”: notes changed"
