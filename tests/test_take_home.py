"""Working offline: take a shared database home, change it on both sides, bring it back.

The `database` fixture is the shared database: PostgreSQL under `make test-postgres`,
else a second SQLite file (the same code, SQLite to SQLite).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, JournalEntry, Meeting, Nomination, Person
from rcm_desktop.data.services.replay import bring_back
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.take_home import NotACheckoutError, checkout_of, take_home
from rcm_desktop.domain.vocabulary import NominationRole
from rcm_desktop.paths import Profile

ORIGIN = "postgresql+psycopg://focal:s3cret@server.example/rcm"


@pytest.fixture
def server(demo_database: Database) -> Database:
    return demo_database


@pytest.fixture
def home(server: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    profile = Profile(tmp_path / "home").ensure()
    store = open_database(profile)
    take_home(server, store, ORIGIN)
    yield store
    store.dispose()


def rename_meeting(store: Database, meeting_id: int, title: str) -> None:
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.title = title


def gid_of(store: Database, meeting_id: int) -> str:
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.global_id


def title_of(store: Database, meeting_id: int) -> str:
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.title


def test_checkout_records_origin_without_password_and_the_journal_position(
    home: Database, server: Database
) -> None:
    checkout = checkout_of(home)
    assert checkout.origin == "postgresql+psycopg://focal@server.example/rcm"
    assert checkout.checked_out_at[:2] == "20"
    with server.session() as session:
        last = session.scalar(select(func.max(JournalEntry.id)))
    assert checkout.mark == last


def test_a_change_made_only_at_home_is_applied(home: Database, server: Database) -> None:
    with server.session() as session:
        before = session.get(Meeting, 1).row_version  # type: ignore[union-attr]
    rename_meeting(home, 1, "Renamed on the plane")
    report = bring_back(home, server)
    assert report.written and report.updated == {"meetings": 1} and not report.conflicts
    assert title_of(server, 1) == "Renamed on the plane"
    with server.session() as session:
        assert session.get(Meeting, 1).row_version == before + 1  # type: ignore[union-attr]


def test_a_change_on_both_sides_is_a_conflict_and_nothing_is_overwritten(
    home: Database, server: Database
) -> None:
    rename_meeting(home, 1, "Mine")
    rename_meeting(home, 2, "Only mine")
    rename_meeting(server, 1, "Theirs")
    report = bring_back(home, server)
    assert not report.written
    [conflict] = report.conflicts
    assert (conflict.table, conflict.key, conflict.kind) == (
        "meetings",
        (gid_of(server, 1),),
        "both-changed",
    )
    assert ("title", "Mine", "Theirs") in conflict.differences()
    assert title_of(server, 1) == "Theirs" and title_of(server, 2) != "Only mine"
    assert title_of(home, 1) == "Mine"

    theirs = bring_back(home, server, prefer="theirs")
    assert theirs.written and title_of(server, 1) == "Theirs" and title_of(server, 2) == "Only mine"


def test_prefer_mine_writes_the_home_version(home: Database, server: Database) -> None:
    rename_meeting(home, 1, "Mine")
    rename_meeting(server, 1, "Theirs")
    assert bring_back(home, server, prefer="mine").written
    assert title_of(server, 1) == "Mine"


def test_rows_created_at_home_get_new_ids_and_references_follow(
    home: Database, server: Database
) -> None:
    with server.session() as session:  # takes the next id on the server meanwhile
        session.add(Person(full_name="Someone on the server", institution="Secretaría"))
    with home.session() as session:
        person = Person(full_name="Ana Peña Núñez", institution="Cancillería", country_code="HN")
        session.add(person)
        session.flush()
        session.add(
            Nomination(
                meeting_id=1, country_code="HN", person_id=person.id, role=NominationRole.DELEGATE
            )
        )
        home_person_id = person.id
    report = bring_back(home, server)
    assert report.written and report.created == {"people": 1, "nominations": 1}
    with server.session() as session:
        ana = session.scalars(select(Person).where(Person.full_name == "Ana Peña Núñez")).one()
        assert ana.id != home_person_id
        nomination = session.scalars(select(Nomination).where(Nomination.person_id == ana.id)).one()
        assert nomination.meeting_id == 1


def test_a_row_deleted_at_home_goes_only_if_unchanged_on_the_server(
    home: Database, server: Database
) -> None:
    with server.session() as session:
        first, second = session.scalars(select(Deadline.id).order_by(Deadline.id)).all()[:2]
        session.get(Deadline, second).notes = "Changed on the server"  # type: ignore[union-attr]
    with home.session() as session:
        session.delete(session.get(Deadline, first))
        session.delete(session.get(Deadline, second))
    report = bring_back(home, server)
    assert [(c.table, c.kind) for c in report.conflicts] == [("deadlines", "deleted-here")]
    with server.session() as session:
        assert report.conflicts[0].key == (session.get(Deadline, second).global_id,)  # type: ignore[union-attr]
    assert not report.written
    report = bring_back(home, server, prefer="theirs")
    # The demo's first deadline governs the Strategy: its link to the document goes with it.
    assert report.written and report.deleted == {"deadlines": 1}
    with server.session() as session:
        assert session.get(Deadline, first) is None
        assert session.get(Deadline, second) is not None


def test_a_profile_not_taken_home_has_nothing_to_bring_back(
    server: Database, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "plain").ensure()
    store = open_database(profile)
    prepare_store(store, profile)
    with pytest.raises(NotACheckoutError):
        bring_back(store, server)
    store.dispose()
