"""Bring-back replays the home journal through the server's rules: the probe's findings.

Each test is one finding of the probe that led to the change journal (see the issue),
done through the services as a focal point does it. The `database` fixture is the server:
PostgreSQL under `make test-postgres`, else a second SQLite file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.changes import read_data_version
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Document,
    DocumentComment,
    JournalEntry,
    Meeting,
    Nomination,
    Person,
)
from rcm_desktop.data.services import (
    directory,
    document_reviews,
    documents,
    meeting_editing,
    nominations,
)
from rcm_desktop.data.services.replay import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    REFUSED,
    bring_back,
)
from rcm_desktop.data.store import open_database
from rcm_desktop.data.take_home import take_home
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import ACTIVE_NOMINATION_STATUSES, NominationRole
from rcm_desktop.paths import Profile

ORIGIN = "postgresql+psycopg://focal@server.example/rcm"
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def server(demo_database: Database) -> Database:
    return demo_database


@pytest.fixture
def home(server: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_database(Profile(tmp_path / "home").ensure())
    take_home(server, store, ORIGIN)
    yield store
    store.dispose()


def _person(store: Database, name: str) -> int:
    return directory.save_person(
        store,
        PersonFields(full_name=name, institution="Cancillería", country_code="HN"),
        confirm_similar=True,
    )


def _full_meeting(store: Database) -> tuple[int, int]:
    """A meeting with a limit and its number of free places for Honduras."""
    with store.session() as session:
        for meeting in session.scalars(
            select(Meeting).where(Meeting.max_participants_per_country.is_not(None))
        ):
            held = session.scalar(
                select(func.count())
                .select_from(Nomination)
                .where(
                    Nomination.meeting_id == meeting.id,
                    Nomination.country_code == "HN",
                    Nomination.status.in_(ACTIVE_NOMINATION_STATUSES),
                )
            )
            free = (meeting.max_participants_per_country or 0) - int(held or 0)
            if free >= 1:
                return meeting.id, free
    pytest.skip("no meeting with a free place in the demo")


def _active(store: Database, meeting_id: int) -> int:
    with store.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Nomination)
                .where(
                    Nomination.meeting_id == meeting_id,
                    Nomination.country_code == "HN",
                    Nomination.status.in_(ACTIVE_NOMINATION_STATUSES),
                )
            )
            or 0
        )


def test_nominations_that_together_exceed_the_limit_are_refused(
    home: Database, server: Database
) -> None:
    meeting_id, free = _full_meeting(server)
    for n in range(free):  # the server fills every free place meanwhile
        nominations.nominate(
            server, meeting_id, "HN", _person(server, f"Servidor {n}"), None,
            NominationRole.DELEGATE, DAY,
        )  # fmt: skip
    nominations.nominate(
        home, meeting_id, "HN", _person(home, "Desde casa"), None, NominationRole.DELEGATE, DAY
    )
    report = bring_back(home, server)
    assert not report.written
    [refused] = report.open_conflicts
    assert refused.kind == REFUSED and refused.message
    limit_before = _active(server, meeting_id)
    report = bring_back(home, server, prefer="mine")  # a rule cannot be preferred away
    assert report.written and report.conflicts[0].resolution == "theirs"
    assert _active(server, meeting_id) == limit_before
    with server.session() as session:  # the person was created: that action was allowed
        assert session.scalar(select(Person.id).where(Person.full_name == "Desde casa"))


def test_an_ordinary_meeting_save_at_home_comes_back(home: Database, server: Database) -> None:
    draft = meeting_editing.load_draft(home, 1)
    meeting_editing.save_meeting(home, dataclasses.replace(draft, notes="Escrito en el avión"))
    version = read_data_version(server)
    report = bring_back(home, server)
    assert report.written and not report.conflicts and report.updated == {"meetings": 1}
    assert meeting_editing.load_draft(server, 1).notes == "Escrito en el avión"
    assert read_data_version(server) > version  # open windows are told to refresh


def test_both_sides_adding_a_comment_to_one_document_keep_both(
    home: Database, server: Database
) -> None:
    with server.session() as session:
        document_id = session.scalar(select(Document.id).limit(1))
    assert document_id is not None
    for store, text in ((server, "Del servidor"), (home, "De casa")):
        document_reviews.save_comment(
            store, document_id, "HN", document_reviews.CommentDraft(comment=text)
        )
    report = bring_back(home, server)
    assert report.written and not report.conflicts
    texts = [row.comment for row in document_reviews.list_comments(server, document_id, "HN")]
    assert texts[-2:] == ["Del servidor", "De casa"]


def test_a_deleted_id_reused_at_home_is_not_the_server_record(
    home: Database, server: Database
) -> None:
    victim = _person(server, "Borrada en casa")
    take_home(server, home, ORIGIN, replace=True)  # the person is in the copy
    directory.delete_person(home, victim)
    created = _person(home, "Nueva en casa")  # SQLite may give it the deleted id
    meeting_id, _free = _full_meeting(server)
    nominations.nominate(server, meeting_id, "HN", victim, None, NominationRole.DELEGATE, DAY)
    report = bring_back(home, server, prefer="mine")
    assert report.written
    assert any(conflict.kind == REFUSED for conflict in report.conflicts)
    with server.session() as session:
        kept = session.get(Person, victim)
        assert kept is not None and kept.full_name == "Borrada en casa"
        nominated = session.scalars(
            select(Person.full_name)
            .join(Nomination, Nomination.person_id == Person.id)
            .where(Nomination.meeting_id == meeting_id)
        ).all()
        assert "Borrada en casa" in nominated and "Nueva en casa" not in nominated
        new = session.scalars(select(Person).where(Person.full_name == "Nueva en casa")).one()
    assert created  # created at home, now on the server under its own global id
    assert new.global_id != kept.global_id


def test_prefer_theirs_keeps_a_document_whose_comment_the_server_edited(
    home: Database, server: Database, tmp_path: Path
) -> None:
    with server.session() as session:
        document_id = session.scalar(select(Document.id).limit(1))
    assert document_id is not None
    comment_id = document_reviews.save_comment(
        server, document_id, "HN", document_reviews.CommentDraft(comment="Primera versión")
    )
    take_home(server, home, ORIGIN, replace=True)
    document_reviews.save_comment(
        server, document_id, "HN",
        document_reviews.CommentDraft(comment="Corregida en el servidor", id=comment_id),
    )  # fmt: skip
    documents.delete_document(home, Profile(tmp_path / "home"), document_id)
    report = bring_back(home, server, prefer="theirs")
    assert report.written
    assert {(c.kind, c.resolution) for c in report.conflicts} == {(DELETED_HERE, "theirs")}
    with server.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert any(c.key == (document.global_id,) for c in report.conflicts)
        assert session.get(DocumentComment, comment_id).comment == "Corregida en el servidor"  # type: ignore[union-attr]


def test_deleting_a_meeting_the_server_filed_a_document_under_is_a_conflict(
    home: Database, server: Database
) -> None:
    draft = documents.DocumentDraft(title="Nota conceptual nueva", meeting_id=1)
    documents.save_document(server, draft)
    meeting_editing.delete_meeting(home, 1)
    report = bring_back(home, server)
    assert not report.written
    assert [c.kind for c in report.open_conflicts] == [DELETED_HERE]
    assert report.open_conflicts[0].records  # the document filed under it meanwhile


def test_a_rerun_after_the_server_committed_applies_nothing_twice(
    home: Database, server: Database
) -> None:
    _person(home, "Una sola vez")
    first = bring_back(home, server)
    assert first.written and first.created == {"people": 1}
    version = read_data_version(server)
    again = bring_back(home, server)  # as if the home copy were never refreshed
    assert again.written and again.already_applied == 1 and not again.created
    with server.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Person).where(Person.full_name == "Una sola vez")
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(JournalEntry)
                .where(JournalEntry.replayed.is_not(None))
            )
            == 1
        )
    assert read_data_version(server) == version


def test_prefer_mine_does_not_bring_back_a_record_the_server_deleted(
    home: Database, server: Database
) -> None:
    draft = meeting_editing.load_draft(home, 2)
    meeting_editing.save_meeting(home, dataclasses.replace(draft, notes="Mías"))
    meeting_editing.delete_meeting(server, 2)
    report = bring_back(home, server, prefer="mine")
    assert report.written
    [conflict] = report.conflicts
    assert conflict.kind == DELETED_THERE and conflict.mine == {"notes": "Mías"}
    with server.session() as session:
        assert session.get(Meeting, 2) is None


def test_a_field_changed_on_both_sides_can_be_settled_with_an_edit(
    home: Database, server: Database
) -> None:
    for store, notes in ((home, "Mía"), (server, "Suya")):
        draft = meeting_editing.load_draft(store, 1)
        meeting_editing.save_meeting(store, dataclasses.replace(draft, notes=notes))
    report = bring_back(home, server)
    [conflict] = report.open_conflicts
    assert conflict.kind == BOTH_CHANGED
    assert [(f.column, f.mine, f.theirs) for f in conflict.fields] == [("notes", "Mía", "Suya")]
    assert conflict.who_theirs.startswith(server.identity)  # and the database user on a server
    choices = {conflict.choice_key("notes"): ("edit", "Mía y suya")}
    settled = bring_back(home, server, choices=choices)
    assert settled.written and settled.conflicts[0].resolution == "edited"
    assert meeting_editing.load_draft(server, 1).notes == "Mía y suya"


def test_history_after_a_bring_back_follows_the_order_changes_were_made_here(
    home: Database, server: Database
) -> None:
    """The walkthrough's finding: going back on the newest version after a bring-back
    restored the notes from before both changes."""
    from rcm_desktop.data.services.history import history
    from rcm_desktop.data.services.history_restore import go_back, go_back_preview
    from rcm_desktop.errors import ValidationError

    for store, notes in ((home, "Mía"), (server, "Suya")):  # home's change is the older
        draft = meeting_editing.load_draft(store, 1)
        meeting_editing.save_meeting(store, dataclasses.replace(draft, notes=notes))
    [conflict] = bring_back(home, server).open_conflicts
    bring_back(home, server, choices={conflict.choice_key("notes"): ("edit", "Mía y suya")})
    items = [i for i in history(server, "meeting", 1, "details").items if "notes" in i.new]
    assert [i.new["notes"] for i in items[:2]] == ["Mía y suya", "Suya"]  # newest first
    assert items[0].brought_back_at is not None and items[0].settled == ("edited",)
    assert go_back_preview(server, items[0].change_id) == []
    with pytest.raises(ValidationError):
        go_back(server, items[0].change_id)
    go_back(server, items[1].change_id)
    assert meeting_editing.load_draft(server, 1).notes == "Suya"


def test_purging_the_history_at_home_keeps_the_work_not_brought_back(
    home: Database, server: Database
) -> None:
    from rcm_desktop.data.services.history import purge_before

    _person(home, "Trabajo de viaje")
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    purge_before(home, tomorrow)  # removes the shared past, never the trip's work
    report = bring_back(home, server)
    assert report.written and report.created == {"people": 1}


# -- the independent review's scenarios --------------------------------------------------


def test_sessions_and_agenda_lines_removed_in_the_editor_come_back(
    home: Database, server: Database
) -> None:
    draft = meeting_editing.load_draft(home, 2)
    sessions = list(draft.sessions)
    sessions[0] = dataclasses.replace(sessions[0], agenda=sessions[0].agenda[:-2])
    meeting_editing.save_meeting(home, dataclasses.replace(draft, sessions=sessions))
    report = bring_back(home, server)
    assert report.written and report.deleted == {"agenda_items": 2}
    kept = meeting_editing.load_draft(server, 2).sessions[0].agenda
    assert [line.activity for line in kept] == [line.activity for line in sessions[0].agenda]


def test_a_person_deleted_here_but_changed_on_the_server_is_a_conflict(
    home: Database, server: Database
) -> None:
    person_id = _person(server, "Ana Pérez")
    take_home(server, home, ORIGIN, replace=True)
    row = directory.get_person(server, person_id)
    assert row is not None
    directory.save_person(
        server, dataclasses.replace(row.fields(), email="ana@nuevo.example"), person_id,
        version=row.version,
    )  # fmt: skip
    directory.delete_person(home, person_id)
    report = bring_back(home, server)
    assert not report.written and [c.kind for c in report.open_conflicts] == [DELETED_HERE]


def test_lowering_a_limit_below_the_servers_nominations_is_refused(
    home: Database, server: Database
) -> None:
    from rcm_desktop.data.services.seats import get_seat_setup, save_seat_setup

    with server.session() as session:  # a meeting with no limit yet
        meeting_id = session.scalar(
            select(Meeting.id).where(Meeting.max_participants_per_country.is_(None)).limit(1)
        )
    assert meeting_id is not None
    for n in range(2):  # the server nominates two more people meanwhile
        nominations.nominate(
            server, meeting_id, "HN", _person(server, f"Servidor {n}"), None,
            NominationRole.DELEGATE, DAY,
        )  # fmt: skip
    setup = get_seat_setup(home, meeting_id)
    assert setup is not None
    limit = max(_active(home, meeting_id), 1, len([s for s in setup.seats if not s.beyond_limit]))
    save_seat_setup(home, meeting_id, limit, "nota conceptual", list(setup.seats), setup.version)
    assert _active(server, meeting_id) > limit
    report = bring_back(home, server)
    assert not report.written and [c.kind for c in report.open_conflicts] == [REFUSED]
    assert "withdraw some before lowering the limit" in report.open_conflicts[0].message


def test_a_meeting_created_at_home_keeps_its_first_day(home: Database, server: Database) -> None:
    from rcm_desktop.domain.meetings import MeetingDraft, SessionDraft

    draft = MeetingDraft(
        title="Reunión creada en casa",
        start_date=dt.date(2027, 3, 1),
        end_date=dt.date(2027, 3, 5),
        sessions=[SessionDraft(title="Única sesión", date=dt.date(2027, 3, 5))],
    )
    meeting_editing.save_meeting(home, draft)
    assert bring_back(home, server).written
    with server.session() as session:
        meeting = session.scalars(
            select(Meeting).where(Meeting.title == "Reunión creada en casa")
        ).one()
        assert meeting.first_date == dt.date(2027, 3, 5)


# -- the batch: edits and additions in a few round trips ----------------------------------


def test_edits_and_additions_come_back_in_a_few_round_trips(
    home: Database, server: Database
) -> None:
    from sqlalchemy import event

    with server.session() as session:
        document_id = session.scalar(select(Document.id).limit(1))
    assert document_id is not None
    for n in range(30):
        draft = meeting_editing.load_draft(home, 1 + n % 2)
        meeting_editing.save_meeting(home, dataclasses.replace(draft, notes=f"Nota {n}"))
        document_reviews.save_comment(
            home, document_id, "HN", document_reviews.CommentDraft(comment=f"Comentario {n}")
        )
    statements: list[str] = []
    event.listen(server.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    report = bring_back(home, server)
    assert report.written and report.replayed == 60 and not report.conflicts
    # The careful replay sends about 8 statements an action; SQLite adds rows one by one.
    assert len(statements) < report.replayed
    assert meeting_editing.load_draft(server, 2).notes == "Nota 29"
    texts = [row.comment for row in document_reviews.list_comments(server, document_id, "HN")]
    assert texts[-30:] == [f"Comentario {n}" for n in range(30)]
    from rcm_desktop.data.services.history import history

    assert (
        len(
            [
                i
                for i in history(server, "document", document_id).items
                if i.table == "document_comments"
            ]
        )
        >= 30
    )


def test_a_batch_the_database_refuses_is_replayed_carefully(
    home: Database, server: Database
) -> None:
    from rcm_desktop.data.services.closures import add_closure

    add_closure(home, "HN", dt.date(2027, 1, 4), "Feriado nacional")
    add_closure(server, "HN", dt.date(2027, 1, 4), "Cierre de oficinas")  # the same day
    _person(home, "Añadida en el viaje")
    report = bring_back(home, server, prefer="theirs")
    assert report.written
    assert [c.kind for c in report.conflicts] == [REFUSED]  # the day is the server's already
    with server.session() as session:
        assert session.scalar(select(Person.id).where(Person.full_name == "Añadida en el viaje"))
