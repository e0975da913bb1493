"""Two people saving the same record: the second is told who and when, with both versions.

Runs on SQLite and, with RCM_DESK_TEST_DATABASE_URL set, on PostgreSQL; the eight
concurrent writers need a server (SQLite serialises writers on a single file).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.changes import read_data_version
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Nomination, Person
from rcm_desktop.data.services import deadlines, directory, meeting_editing, nominations
from rcm_desktop.data.services.nominations import NominationState
from rcm_desktop.data.versioning import when_text
from rcm_desktop.domain import identity
from rcm_desktop.domain.meetings import MeetingDraft
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    DeadlineKind,
    DeadlineRule,
    NominationRole,
    NominationStatus,
)
from rcm_desktop.errors import ConflictError, ValidationError

TODAY = dt.date(2026, 11, 24)
ANA = "Ana Peña (ana@LAPTOP-3)"
LUIS = "Luis Ortiz (luis@DESK-7)"


@pytest.fixture
def second(database: Database) -> Iterator[Database]:
    """The same store opened by someone else (another engine, as another computer would)."""
    database.identity = LUIS
    other = Database(database.url)
    other.identity = ANA
    yield other
    other.dispose()


def new_meeting(database: Database, limit: int | None = None) -> int:
    return meeting_editing.save_meeting(
        database,
        MeetingDraft(
            title="Taller regional sobre protección",
            start_date=dt.date(2027, 3, 2),
            max_participants_per_country=limit,
        ),
    )


def new_person(database: Database, name: str) -> int:
    return directory.save_person(
        database, PersonFields(full_name=name, institution="Cancillería", country_code="HN")
    )


def version_of(database: Database, model: type, record_id: int) -> int:
    with database.session() as session:
        return session.get(model, record_id).row_version


def test_identity_names_the_user_the_login_and_the_machine() -> None:
    assert identity.describe("  Ana   Peña ").startswith("Ana Peña (")
    assert "@" in identity.describe() and "(" not in identity.describe()


def test_saving_stamps_who_and_when_and_bumps_the_version(database: Database) -> None:
    database.identity = ANA
    person = new_person(database, "María José Núñez")
    with database.session() as session:
        row = session.get(Person, person)
        assert (row.row_version, row.updated_by) == (1, ANA)
    fields = directory.get_person(database, person).fields()
    directory.save_person(database, fields, person, version=1, confirm_similar=True)
    assert version_of(database, Person, person) == 1, "saving what is stored changes nothing"
    fields = PersonFields(**{**vars(fields), "position": "Directora"})
    directory.save_person(database, fields, person, version=1, confirm_similar=True)
    assert version_of(database, Person, person) == 2


def test_two_sessions_editing_one_nomination(database: Database, second: Database) -> None:
    meeting = new_meeting(database)
    person = new_person(database, "Carlos Andrés Mejía")
    nomination = nominations.nominate(
        database, meeting, "HN", person, None, NominationRole.HEAD, TODAY
    )
    loaded = version_of(database, Nomination, nomination)  # both forms show this version

    nominations.submit(second, nomination, TODAY, version=loaded)  # Ana saves first
    with pytest.raises(ConflictError) as caught:
        nominations.withdraw(database, nomination, TODAY, version=loaded)
    conflict = caught.value
    assert conflict.kind == "nomination" and conflict.changed_by == ANA
    assert ANA in conflict.message and when_text(conflict.changed_at) in conflict.message
    assert conflict.stored_version == loaded + 1 and conflict.your_version == loaded
    assert isinstance(conflict.theirs, NominationState)
    assert conflict.theirs.status is NominationStatus.SUBMITTED
    assert conflict.yours.status is NominationStatus.WITHDRAWN
    with database.session() as session:  # nothing was written
        assert session.get(Nomination, nomination).status is NominationStatus.SUBMITTED

    # "Keep mine": saved over theirs, deliberately, with their version number.
    nominations.withdraw(database, nomination, TODAY, version=conflict.stored_version)
    with database.session() as session:
        stored = session.get(Nomination, nomination)
        assert (stored.status, stored.updated_by) == (NominationStatus.WITHDRAWN, LUIS)


def test_two_sessions_editing_one_meeting(database: Database, second: Database) -> None:
    meeting = new_meeting(database)
    mine = meeting_editing.load_draft(database, meeting)
    theirs = meeting_editing.load_draft(second, meeting)
    assert mine.version == theirs.version is not None
    theirs.venue = "San Salvador"
    meeting_editing.save_meeting(second, theirs)
    mine.objectives = "Intercambiar buenas prácticas"
    with pytest.raises(ConflictError) as caught:
        meeting_editing.save_meeting(database, mine)
    conflict = caught.value
    assert conflict.changed_by == ANA and conflict.theirs.venue == "San Salvador"
    assert conflict.yours.objectives == "Intercambiar buenas prácticas"
    assert meeting_editing.load_draft(database, meeting).objectives == ""
    mine.version = conflict.stored_version  # keep mine
    meeting_editing.save_meeting(database, mine)
    saved = meeting_editing.load_draft(database, meeting)
    assert (saved.objectives, saved.venue) == ("Intercambiar buenas prácticas", "")


def test_a_change_to_a_session_counts_as_a_change_of_the_meeting(database: Database) -> None:
    from rcm_desktop.domain.meetings import SessionDraft

    meeting = new_meeting(database)
    draft = meeting_editing.load_draft(database, meeting)
    before = draft.version
    draft.sessions = [SessionDraft(title="Apertura", date=dt.date(2027, 3, 2))]
    meeting_editing.save_meeting(database, draft)
    after = meeting_editing.load_draft(database, meeting).version
    assert after is not None and before is not None and after > before
    stale = meeting_editing.load_draft(database, meeting)
    draft2 = meeting_editing.load_draft(database, meeting)
    draft2.sessions[0].title = "Apertura y bienvenida"
    meeting_editing.save_meeting(database, draft2)
    with pytest.raises(ConflictError):
        meeting_editing.save_meeting(database, stale)


def test_two_sessions_editing_one_person(database: Database, second: Database) -> None:
    person = new_person(database, "Sofía Hernández")
    mine = directory.get_person(database, person)
    theirs = directory.get_person(second, person)
    directory.save_person(
        second, PersonFields(**{**vars(theirs.fields()), "phone": "+504 2222-0000"}), person,
        version=theirs.version,
    )  # fmt: skip
    typed = PersonFields(**{**vars(mine.fields()), "email": "sofia@example.org"})
    with pytest.raises(ConflictError) as caught:
        directory.save_person(database, typed, person, version=mine.version)
    assert caught.value.theirs.phone == "+504 2222-0000" and caught.value.yours is typed
    directory.save_person(database, typed, person, version=caught.value.stored_version)
    assert directory.get_person(database, person).email == "sofia@example.org"


def test_two_sessions_editing_one_deadline(database: Database, second: Database) -> None:
    draft = deadlines.DeadlineDraft(
        title="Comentarios al protocolo", kind=DeadlineKind.COMMENTS, rule=DeadlineRule.FIXED,
        fixed_date=dt.date(2027, 1, 15), anchor_kind=None,
    )  # fmt: skip
    deadline = deadlines.save_deadline(database, draft)
    mine = deadlines.load_deadline(database, deadline)
    theirs = deadlines.load_deadline(second, deadline)
    theirs.notes = "Consultar a Gobernación"
    deadlines.save_deadline(second, theirs)
    mine.title = "Comentarios al protocolo (versión 2)"
    with pytest.raises(ConflictError) as caught:
        deadlines.save_deadline(database, mine)
    assert caught.value.theirs.notes == "Consultar a Gobernación"
    assert deadlines.load_deadline(database, deadline).title == "Comentarios al protocolo"


def test_every_write_bumps_the_change_counter_once(database: Database, second: Database) -> None:
    before = read_data_version(second)
    new_person(database, "Elena Ramírez")
    after = read_data_version(second)
    assert after == before + 1
    directory.search_people(database, "Elena")  # reading changes nothing
    assert read_data_version(second) == after


def _active(database: Database, meeting: int) -> int:
    with database.session() as session:
        return session.scalar(
            select(func.count(Nomination.id)).where(
                Nomination.meeting_id == meeting,
                Nomination.status.in_(sorted(ACTIVE_NOMINATION_STATUSES)),
            )
        )


def test_eight_concurrent_writers_never_exceed_the_limit(database: Database) -> None:
    """8 threads, each with its own engine, nominate and withdraw on one meeting with a limit."""
    if database.is_sqlite:
        pytest.skip("concurrent writers need a database server (PostgreSQL)")
    limit, writers, attempts = 3, 8, 20
    meeting = new_meeting(database, limit=limit)
    people = [new_person(database, f"Persona {n:03d}") for n in range(writers * attempts)]
    accepted: list[tuple[str, int]] = []  # ("nominate", id) / ("withdraw", id)
    rejected: list[tuple[str, str]] = []
    crashed: list[BaseException] = []
    lock = threading.Lock()
    deadline = time.monotonic() + 60

    def writer(number: int) -> None:
        store = Database(database.url)
        store.identity = f"writer {number}"
        try:
            for attempt in range(attempts):
                if time.monotonic() > deadline:
                    break
                person = people[number * attempts + attempt]
                try:
                    if attempt % 3 == 2:  # every third move withdraws someone's nomination
                        with store.session() as session:
                            row = session.execute(
                                select(Nomination.id, Nomination.row_version)
                                .where(
                                    Nomination.meeting_id == meeting,
                                    Nomination.status == NominationStatus.DRAFT,
                                )
                                .order_by(Nomination.id)
                                .limit(1)
                            ).first()
                        if row is None:
                            continue
                        nominations.withdraw(store, row.id, TODAY, version=row.row_version)
                        with lock:
                            accepted.append(("withdraw", row.id))
                    else:
                        made = nominations.nominate(
                            store, meeting, "HN", person, None, NominationRole.DELEGATE, TODAY
                        )
                        with lock:
                            accepted.append(("nominate", made))
                except (ConflictError, ValidationError) as error:
                    with lock:
                        rejected.append((type(error).__name__, error.message))
        except BaseException as error:  # reported below: a writer must never crash
            crashed.append(error)
        finally:
            store.dispose()

    started = time.monotonic()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert crashed == []

    nominated = {made for kind, made in accepted if kind == "nominate"}
    withdrawn = {made for kind, made in accepted if kind == "withdraw"}
    with database.session() as session:
        stored = dict(
            session.execute(
                select(Nomination.id, Nomination.status).where(Nomination.meeting_id == meeting)
            ).all()
        )
    assert set(stored) == nominated, "every accepted nomination is there, and nothing else"
    assert {i for i, status in stored.items() if status is NominationStatus.WITHDRAWN} == withdrawn
    assert _active(database, meeting) <= limit
    assert rejected, "the limit must have refused some"
    assert all(kind in ("ConflictError", "ValidationError") for kind, _ in rejected)
    assert len(withdrawn) == len([1 for kind, _ in accepted if kind == "withdraw"]), (
        "a nomination withdrawn twice"
    )
    print(
        f"\n8 writers: {len(accepted)} accepted ({len(nominated)} nominations, "
        f"{len(withdrawn)} withdrawals), {len(rejected)} rejected "
        f"({sum(kind == 'ConflictError' for kind, _ in rejected)} conflicts), "
        f"{elapsed:.2f} s"
    )
