"""Every write sends the version its form or list read: a stale one is a conflict, nothing is
written (marking a deadline done, a review's step, receipt and notes, a comment, the seats, the
nomination being replaced)."""

from __future__ import annotations

import datetime as dt

import pytest

from rcm_desktop.data.db import Database
from rcm_desktop.data.services import nominations, seats
from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.data.services.deadlines import load_deadline, mark_done, save_deadline
from rcm_desktop.data.services.delegation_views import delegation
from rcm_desktop.data.services.directory import save_person
from rcm_desktop.data.services.document_reviews import (
    CommentDraft,
    advance_review,
    change_received_on,
    get_review,
    save_comment,
    set_review_notes,
    start_review,
)
from rcm_desktop.data.services.documents import save_document
from rcm_desktop.domain.documents import DocumentDraft
from rcm_desktop.domain.nominations import NominationAction, may
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import NominationStatus, ReviewStage
from rcm_desktop.errors import ConflictError
from tests.test_delegations_services import meeting_id

TODAY = dt.date(2021, 10, 1)


def test_marking_a_deadline_done_from_a_stale_list_is_a_conflict(demo_database: Database) -> None:
    row = list_deadlines(demo_database, today=TODAY)[0]
    draft = load_deadline(demo_database, row.id)
    draft.title += " (edited elsewhere)"
    save_deadline(demo_database, draft)
    with pytest.raises(ConflictError) as conflict:
        mark_done(demo_database, row.id, TODAY, version=row.version)
    assert conflict.value.yours.done_on == TODAY and conflict.value.theirs.done_on is None
    assert load_deadline(demo_database, row.id).done_on is None, "nothing written"
    mark_done(demo_database, row.id, TODAY, version=conflict.value.stored_version)
    assert load_deadline(demo_database, row.id).done_on == TODAY


def test_a_review_changed_meanwhile_refuses_the_step_the_receipt_and_the_notes(
    database: Database,
) -> None:
    document = save_document(database, DocumentDraft("Estrategia regional"))
    review = start_review(database, document, "HN", dt.date(2021, 9, 20), today=TODAY)
    set_review_notes(database, review.id, "Consultado con Cancillería", review.version)
    for stale_write in (
        lambda: advance_review(
            database, review.id, ReviewStage.IN_REVIEW, TODAY, TODAY, version=review.version
        ),
        lambda: change_received_on(
            database, review.id, dt.date(2021, 9, 21), TODAY, version=review.version
        ),
        lambda: set_review_notes(database, review.id, "Otra nota", review.version),
    ):
        with pytest.raises(ConflictError):
            stale_write()
    stored = get_review(database, document, "HN")
    assert stored is not None and stored.stage == ReviewStage.RECEIVED
    assert (
        stored.received_on == dt.date(2021, 9, 20) and stored.notes == "Consultado con Cancillería"
    )


def test_a_comment_edited_meanwhile_is_a_conflict(database: Database) -> None:
    document = save_document(database, DocumentDraft("Protocolo"))
    comment = save_comment(database, document, "HN", CommentDraft("Primera versión"))
    save_comment(database, document, "HN", CommentDraft("Editado por Ana", id=comment, version=1))
    with pytest.raises(ConflictError):
        save_comment(database, document, "HN", CommentDraft("Mío", id=comment, version=1))


def test_seats_changed_meanwhile_are_a_conflict(demo_database: Database) -> None:
    meeting = meeting_id(demo_database, "irregular-mass-migration-followup-2021")
    mine = seats.get_seat_setup(demo_database, meeting)
    assert mine is not None
    theirs = seats.get_seat_setup(demo_database, meeting)
    assert theirs is not None
    seats.save_seat_setup(
        demo_database, meeting, 4, "Ana's note", list(theirs.seats), version=theirs.version
    )
    with pytest.raises(ConflictError) as conflict:
        seats.save_seat_setup(demo_database, meeting, 4, "Mine", list(mine.seats), mine.version)
    assert conflict.value.theirs.limit_source == "Ana's note"
    after = seats.get_seat_setup(demo_database, meeting)
    assert after is not None and after.limit_source == "Ana's note"


def test_replacing_a_nomination_changed_meanwhile_is_a_conflict(demo_database: Database) -> None:
    meeting = meeting_id(demo_database, "irregular-mass-migration-followup-2021")
    view = delegation(demo_database, meeting, "HN")
    assert view is not None
    held = next(line.holder for line in view.seats if line.holder is not None)
    assert held is not None
    nominations.withdraw(demo_database, held.id, TODAY, version=held.version)
    someone = save_person(demo_database, PersonFields(full_name="Rosa Zelaya", institution="SRE"))
    with pytest.raises(ConflictError):
        nominations.replace(demo_database, held.id, someone, TODAY, version=held.version)
    again = delegation(demo_database, meeting, "HN")
    assert again is not None and someone not in {line.person_id for line in again.active}


def test_one_status_table_says_what_each_action_may_start_from() -> None:
    assert may(NominationAction.SUBMIT, NominationStatus.DRAFT)
    assert not may(NominationAction.CONFIRM, NominationStatus.WITHDRAWN)
    assert may(NominationAction.WITHDRAW, NominationStatus.CONFIRMED)
    assert not may(NominationAction.DELETE_DRAFT, NominationStatus.SUBMITTED)
    assert not any(may(action, NominationStatus.REPLACED) for action in NominationAction)
