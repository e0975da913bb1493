"""Documents are sent for comments, for approval or for information; one deadline can govern
several documents; what awaits the country's action is counted by purpose, the same way on
every screen."""

from __future__ import annotations

import datetime as dt

from rcm_desktop.data.db import Database
from rcm_desktop.data.services import document_reviews as reviews
from rcm_desktop.data.services.dashboard import attention, dashboard
from rcm_desktop.data.services.deadlines import load_deadline, mark_done, save_deadline
from rcm_desktop.data.services.document_actions import action_counts
from rcm_desktop.data.services.documents import delete_document, list_documents, save_document
from rcm_desktop.data.services.settings import set_profile_country
from rcm_desktop.domain.documents import DocumentDraft
from rcm_desktop.domain.due_dates import DeadlineDraft
from rcm_desktop.domain.vocabulary import (
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    ReviewStage,
)
from rcm_desktop.paths import Profile

RECEIVED = dt.date(2022, 2, 21)
TODAY = dt.date(2022, 3, 10)


def _document(database: Database, title: str, purpose: DocumentPurpose) -> int:
    return save_document(
        database, DocumentDraft(title, DocumentKind.REPORT, purpose=purpose),
        country_code="HN", received_on=RECEIVED, today=TODAY,
    )  # fmt: skip


def _report_of_a_working_group(database: Database) -> tuple[list[int], int, int, int]:
    """Comments on three documents by 15 March; approval of a fourth; one for information."""
    set_profile_country(database, "HN")
    commented = [
        _document(database, title, DocumentPurpose.COMMENTS)
        for title in ("Protocolo de atención", "Directorio de instituciones", "Hoja de ruta")
    ]
    approval = _document(database, "Informe de la reunión", DocumentPurpose.APPROVAL)
    information = _document(database, "Nota conceptual", DocumentPurpose.INFORMATION)
    deadline = save_deadline(
        database,
        DeadlineDraft("Comentarios a los tres documentos", DeadlineKind.COMMENTS,
                      DeadlineRule.FIXED, fixed_date=dt.date(2022, 3, 15),
                      document_ids=tuple(commented)),
    )  # fmt: skip
    return commented, approval, information, deadline


def test_comments_and_approvals_are_counted_apart(database: Database) -> None:
    commented, _approval, _information, deadline = _report_of_a_working_group(database)
    counts = action_counts(database, "HN", TODAY)
    assert (counts.comments_due, counts.comments_overdue, counts.approvals_pending) == (3, 0, 1)
    late = action_counts(database, "HN", dt.date(2022, 3, 16))
    assert (late.comments_due, late.comments_overdue, late.approvals_pending) == (3, 3, 1)
    assert load_deadline(database, deadline).document_ids == tuple(sorted(commented))

    review = reviews.get_review(database, commented[0], "HN")
    assert review is not None
    reviews.advance_review(database, review.id, ReviewStage.IN_REVIEW, TODAY, today=TODAY)
    review = reviews.get_review(database, commented[0], "HN")
    reviews.advance_review(database, review.id, ReviewStage.COMMENTS_SENT, TODAY, today=TODAY)  # type: ignore[union-attr]
    counts = action_counts(database, "HN", dt.date(2022, 3, 16))
    assert (counts.comments_due, counts.comments_overdue, counts.approvals_pending) == (2, 2, 1)


def test_each_document_shows_the_deadline_that_governs_it(database: Database) -> None:
    commented, approval, information, deadline = _report_of_a_working_group(database)
    rows = {row.id: row for row in list_documents(database, "HN")}
    for document_id in commented:
        assert rows[document_id].next_due == dt.date(2022, 3, 15)
        assert [d.title for d in rows[document_id].deadlines] == [
            "Comentarios a los tres documentos"
        ]
        assert rows[document_id].awaits_action
    assert rows[approval].deadlines == () and rows[approval].awaits_action
    assert rows[information].purpose == DocumentPurpose.INFORMATION
    assert not rows[information].awaits_action
    mark_done(database, deadline, TODAY)
    assert all(row.deadlines == () for row in list_documents(database, "HN"))


def test_the_dashboard_and_the_navigation_agree(database: Database) -> None:
    _report_of_a_working_group(database)
    later = dt.date(2022, 3, 16)
    board = dashboard(database, later)
    assert [row.title for row in board.comments] == [
        "Hoja de ruta", "Directorio de instituciones", "Protocolo de atención",
    ]  # fmt: skip
    assert all(row.due == dt.date(2022, 3, 15) for row in board.comments)
    assert [row.title for row in board.approvals] == ["Informe de la reunión"]
    counts = attention(database, later)
    assert counts.documents == board.attention.documents
    assert counts.awaiting == 4


def test_deleting_a_document_unlinks_it_from_its_deadline(
    database: Database, profile: Profile
) -> None:
    commented, _approval, _information, deadline = _report_of_a_working_group(database)
    delete_document(database, profile, commented[0])
    assert load_deadline(database, deadline).document_ids == tuple(sorted(commented[1:]))
