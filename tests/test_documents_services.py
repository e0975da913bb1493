"""Documents, file versions, country reviews, consultations, comments and the deadlines they anchor."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Document, DocumentReview
from rcm_desktop.data.services import document_reviews as reviews
from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.data.services.deadlines import save_deadline
from rcm_desktop.data.services.document_actions import action_counts, awaiting_action
from rcm_desktop.data.services.document_files import (
    add_document_file,
    list_document_files,
    openable_file,
)
from rcm_desktop.data.services.document_lists import (
    approval_matrix,
    documents_for_meeting,
    review_choices,
)
from rcm_desktop.data.services.documents import (
    delete_document,
    list_documents,
    load_document,
    save_document,
)
from rcm_desktop.domain.documents import DocumentDraft
from rcm_desktop.domain.due_dates import DeadlineDraft
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    ReviewStage,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.paths import Profile

TODAY = dt.date(2021, 11, 30)


def _strategy(database: Database, received: dt.date = dt.date(2021, 10, 4)) -> int:
    return save_document(
        database,
        DocumentDraft("Regional Strategy to Address Irregular and Mass Migration",
                      DocumentKind.STRATEGY, "draft", purpose=DocumentPurpose.APPROVAL),
        country_code="HN", received_on=received, today=TODAY,
    )  # fmt: skip


def test_document_with_receipt_starts_the_country_review(database: Database) -> None:
    document_id = _strategy(database)
    review = reviews.get_review(database, document_id, "HN")
    assert review is not None and review.stage == ReviewStage.RECEIVED
    assert review.allowed_next == (ReviewStage.IN_REVIEW,) and not review.can_step_back
    draft = load_document(database, document_id)
    assert (draft.title[:17], draft.kind, draft.version) == (
        "Regional Strategy", DocumentKind.STRATEGY, "draft",
    )  # fmt: skip
    draft.version = "consolidated"
    save_document(database, draft)
    [row] = list_documents(database, "HN")
    assert (row.version, row.stage, row.files) == ("consolidated", ReviewStage.RECEIVED, 0)
    assert list_documents(database, "HN", search="estrategia") == []
    assert list_documents(database, "HN", search="IRREGULAR and")[0].id == document_id
    assert list_documents(database, "MX")[0].stage is None


def test_refusals_write_nothing(database: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        save_document(
            database, DocumentDraft("Protocol"), country_code="HN",
            received_on=dt.date(2022, 1, 3), today=TODAY,
        )  # fmt: skip
    assert refused.value.field == "date" and "in the future" in refused.value.message
    with pytest.raises(ValidationError) as untitled:
        save_document(database, DocumentDraft("  "))
    assert untitled.value.field == "title"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        assert session.scalar(select(func.count()).select_from(DocumentReview)) == 0
    document_id = _strategy(database)
    review = reviews.get_review(database, document_id, "HN")
    assert review is not None
    with pytest.raises(ValidationError):
        reviews.advance_review(database, review.id, ReviewStage.APPROVED, TODAY, today=TODAY)
    with pytest.raises(ValidationError):
        reviews.advance_review(
            database, review.id, ReviewStage.IN_REVIEW, dt.date(2021, 10, 1), today=TODAY
        )
    assert reviews.get_review(database, document_id, "HN") == review


def test_file_versions_are_copied_with_their_digest_and_kept(
    database: Database, profile: Profile, tmp_path: Path
) -> None:
    document_id = _strategy(database)
    first = tmp_path / "estrategia-borrador.pdf"
    first.write_bytes(b"%PDF-1.4 borrador")
    second = tmp_path / "estrategia-consolidada.pdf"
    second.write_bytes(b"%PDF-1.4 consolidada")
    one = add_document_file(database, profile, document_id, first, "draft")
    two = add_document_file(database, profile, document_id, second, "consolidated")
    assert one.sha256 == hashlib.sha256(b"%PDF-1.4 borrador").hexdigest()
    assert (
        one.stored_path.read_bytes() == first.read_bytes() and one.media_type == "application/pdf"
    )
    assert [info.version for info in list_document_files(database, profile, document_id)] == [
        "consolidated", "draft",
    ]  # fmt: skip
    assert load_document(database, document_id).version == "consolidated"
    assert openable_file(database, profile, one.id) == one.stored_path
    with pytest.raises(ValidationError, match="already a version"):
        add_document_file(database, profile, document_id, first, "again")
    with pytest.raises(ValidationError, match="not a file"):
        add_document_file(database, profile, document_id, tmp_path / "missing.pdf")
    assert not list((profile.attachments_dir / "documents").glob(".partial-*"))
    two.stored_path.unlink()
    with pytest.raises(ValidationError, match="missing from the profile"):
        openable_file(database, profile, two.id)
    delete_document(database, profile, document_id)
    assert not one.stored_path.exists() and list_documents(database, "HN") == []


def test_walk_the_workflow_with_consultations(database: Database) -> None:
    document_id = _strategy(database)
    review = reviews.get_review(database, document_id, "HN")
    assert review is not None
    review = reviews.advance_review(
        database, review.id, ReviewStage.IN_REVIEW, dt.date(2021, 10, 5), today=TODAY
    )
    consultation = reviews.save_consultation(
        database, review.id,
        reviews.ConsultationDraft("Secretaría de Relaciones Exteriores", dt.date(2021, 10, 11)),
        today=TODAY,
    )  # fmt: skip
    with pytest.raises(ValidationError) as early:
        reviews.save_consultation(
            database, review.id, reviews.ConsultationDraft("INM", dt.date(2021, 9, 1)), today=TODAY
        )
    assert early.value.field == "due_on"
    reviews.save_consultation(
        database, review.id,
        reviews.ConsultationDraft("Secretaría de Relaciones Exteriores", dt.date(2021, 10, 11),
                                  dt.date(2021, 10, 8), id=consultation),
        today=TODAY,
    )  # fmt: skip
    for stage, day in (
        (ReviewStage.COMMENTS_SENT, dt.date(2021, 10, 14)),
        (ReviewStage.APPROVAL_SUBMITTED, dt.date(2021, 11, 22)),
    ):
        review = reviews.advance_review(database, review.id, stage, day, today=TODAY)
    assert action_counts(database, "HN", TODAY).approvals_pending == 1
    review = reviews.advance_review(database, review.id, ReviewStage.APPROVED, TODAY, today=TODAY)
    assert review.consultations[0].answered_on == dt.date(2021, 10, 8)
    assert awaiting_action(database, "HN", DocumentPurpose.APPROVAL) == []
    assert action_counts(database, "HN", TODAY).total == 0
    review = reviews.step_back_review(database, review.id)
    assert review.stage == ReviewStage.APPROVAL_SUBMITTED and review.decided_on is None
    reviews.delete_consultation(database, consultation)
    assert reviews.get_review(database, document_id, "HN").consultations == ()  # type: ignore[union-attr]


def test_comments_keep_their_order(database: Database) -> None:
    document_id = _strategy(database)
    first = reviews.save_comment(
        database, document_id, "HN",
        reviews.CommentDraft("Incluir la protección de niñas y niños no acompañados.", "Fase II",
                             "…y la atención diferenciada de niñez migrante."),
    )  # fmt: skip
    second = reviews.save_comment(
        database, document_id, "HN", reviews.CommentDraft("Second", "§ 4")
    )
    third = reviews.save_comment(database, document_id, "HN", reviews.CommentDraft("Third"))
    reviews.save_comment(database, document_id, "MX", reviews.CommentDraft("Mexico's"))
    with pytest.raises(ValidationError) as empty:
        reviews.save_comment(database, document_id, "HN", reviews.CommentDraft("  ", "§ 1"))
    assert empty.value.field == "comment"
    reviews.move_comment(database, third, -1)
    assert [row.id for row in reviews.list_comments(database, document_id, "HN")] == [
        first, third, second,
    ]  # fmt: skip
    reviews.delete_comment(database, first)
    rows = reviews.list_comments(database, document_id, "HN")
    assert [(row.id, row.position) for row in rows] == [(third, 1), (second, 2)]
    assert len(reviews.list_comments(database, document_id)) == 3


def test_awaiting_approval_and_the_matrix(database: Database) -> None:
    strategy = _strategy(database)
    directory = save_document(
        database,
        DocumentDraft("Directory of programmes", DocumentKind.DIRECTORY,
                      purpose=DocumentPurpose.APPROVAL),
        country_code="HN", received_on=dt.date(2021, 11, 1), today=TODAY,
    )  # fmt: skip
    reviews.start_review(database, strategy, "GT", dt.date(2021, 10, 5), today=TODAY)
    with pytest.raises(ValidationError, match="already recorded"):
        reviews.start_review(database, strategy, "GT", dt.date(2021, 10, 5), today=TODAY)
    review = reviews.get_review(database, strategy, "HN")
    assert review is not None
    save_deadline(
        database,
        DeadlineDraft("Comments on the strategy", DeadlineKind.COMMENTS, DeadlineRule.WORKING_DAYS,
                      days=10, anchor_kind=AnchorKind.DOCUMENT,
                      anchor_document_review_id=review.id, calendar_country="HN"),
    )  # fmt: skip
    rows = awaiting_action(database, "HN", DocumentPurpose.APPROVAL)
    assert [(row.document_id, row.due) for row in rows] == [
        (strategy, dt.date(2021, 10, 21)), (directory, None),
    ]  # fmt: skip
    matrix = approval_matrix(database)
    assert matrix.countries == ("GT", "HN")
    cells = {title: cells for _id, title, _version, cells in matrix.rows}
    assert cells["Directory of programmes"] == {"GT": None, "HN": ReviewStage.RECEIVED}
    assert review_choices(database, "HN")[0][1].startswith(
        "Directory of programmes — received by Honduras on"
    )


def test_deadline_counted_from_receipt_moves_with_the_receipt_day(database: Database) -> None:
    document_id = _strategy(database, dt.date(2021, 9, 30))
    review = reviews.get_review(database, document_id, "HN")
    assert review is not None
    with pytest.raises(ValidationError) as unanchored:
        save_deadline(
            database,
            DeadlineDraft("Comments", days=10, anchor_kind=AnchorKind.DOCUMENT,
                          calendar_country="HN"),
        )  # fmt: skip
    assert unanchored.value.field == "anchor"
    deadline_id = save_deadline(
        database,
        DeadlineDraft("Comments", days=10, anchor_kind=AnchorKind.DOCUMENT,
                      anchor_document_review_id=review.id, calendar_country="HN"),
    )  # fmt: skip
    from rcm_desktop.data.services.deadlines import explain_deadline, load_deadline

    assert load_deadline(database, deadline_id).anchor_document_review_id == review.id
    # Honduras: 30 Sep 2021 + 10 working days skips the Morazán week holidays (6-8 Oct)
    due = {row.id: row.due for row in list_deadlines(database)}[deadline_id]
    assert due == dt.date(2021, 10, 19)
    assert "10 working days after Thu 30 Sep 2021" in explain_deadline(database, deadline_id)
    moved = reviews.change_received_on(database, review.id, dt.date(2021, 10, 4), today=TODAY)
    assert moved == 1
    assert {row.id: row.due for row in list_deadlines(database)}[deadline_id] == dt.date(
        2021, 10, 21
    )
    reviews.advance_review(
        database, review.id, ReviewStage.IN_REVIEW, dt.date(2021, 10, 5), today=TODAY
    )
    with pytest.raises(ValidationError):
        reviews.change_received_on(database, review.id, dt.date(2021, 10, 6), today=TODAY)
    assert reviews.get_review(database, document_id, "HN").received_on == dt.date(2021, 10, 4)  # type: ignore[union-attr]


def test_documents_for_meeting(demo_database: Database) -> None:
    from rcm_desktop.data.services.meetings import list_meetings

    meeting = next(m for m in list_meetings(demo_database) if m.first_date == dt.date(2021, 10, 1))
    document_id = save_document(
        demo_database,
        DocumentDraft("Regional Strategy (test copy)", DocumentKind.STRATEGY, "v2", meeting.id),
        country_code="HN", received_on=dt.date(2021, 9, 23), today=TODAY,
    )  # fmt: skip
    found = {row.id: row for row in documents_for_meeting(demo_database, meeting.id, "HN")}
    row = found[document_id]
    assert (row.kind_label, row.version, row.stage_label, row.received_on) == (
        "Regional strategy", "v2", "Received", dt.date(2021, 9, 23),
    )  # fmt: skip
    other = {row.id: row for row in documents_for_meeting(demo_database, meeting.id, "CA")}
    assert other[document_id].stage is None and other[document_id].stage_label == "Not received"


def test_demo_documents_in_different_states_and_loaded_once(demo_database: Database) -> None:
    from rcm_desktop.data.demo import load_demo

    rows = list_documents(demo_database, "HN")
    assert {row.stage for row in rows} == {
        ReviewStage.RECEIVED, ReviewStage.COMMENTS_SENT, ReviewStage.APPROVAL_SUBMITTED,
        ReviewStage.APPROVED,
    }  # fmt: skip
    assert load_demo(demo_database) == 0
    assert len(list_documents(demo_database, "HN")) == len(rows) == 4
    strategy = next(row for row in rows if row.title.startswith("Regional Strategy"))
    comments = reviews.list_comments(demo_database, strategy.id, "HN")
    assert "índice de migración" in comments[0].comment
    review = reviews.get_review(demo_database, strategy.id, "HN")
    assert review is not None and len(review.consultations) == 2
    compilation = next(row for row in rows if row.title.startswith("Compilation"))
    assert compilation.next_due == dt.date(2021, 10, 4), "10 Mexican working days after 20 Sep"
    comments = awaiting_action(demo_database, "HN", DocumentPurpose.COMMENTS)
    approvals = awaiting_action(demo_database, "HN", DocumentPurpose.APPROVAL)
    assert [row.title[:8] for row in comments] == ["Compilat"], "the strategy's were sent"
    assert [row.title[:8] for row in approvals] == ["Director"]
    strategy_row = next(row for row in list_documents(demo_database, "HN") if row.id == strategy.id)
    assert [d.title[:28] for d in strategy_row.deadlines] == ["Comments on the proposed Reg"]


def test_deleting_a_document_clears_the_due_date_of_deadlines_counted_from_it(
    database: Database, profile: Profile
) -> None:
    from rcm_desktop.data.services.deadline_lists import overdue_deadlines, pressing_counts
    from rcm_desktop.data.services.deadlines import load_deadline

    document_id = _strategy(database, dt.date(2021, 9, 30))
    review = reviews.get_review(database, document_id, "HN")
    assert review is not None
    deadline_id = save_deadline(
        database,
        DeadlineDraft("Comments", days=10, anchor_kind=AnchorKind.DOCUMENT,
                      anchor_document_review_id=review.id, calendar_country="HN"),
    )  # fmt: skip
    assert pressing_counts(database, TODAY).overdue == 1
    delete_document(database, profile, document_id)
    assert load_deadline(database, deadline_id).anchor_document_review_id is None
    assert {row.id: row.due for row in list_deadlines(database)}[deadline_id] is None
    assert pressing_counts(database, TODAY).overdue == 0
    assert overdue_deadlines(database, TODAY) == []


def test_a_refused_file_version_leaves_no_copy_in_the_profile(
    database: Database, profile: Profile, tmp_path: Path
) -> None:
    document_id = _strategy(database)
    first = tmp_path / "estrategia.pdf"
    first.write_bytes(b"%PDF-1.4 borrador")
    one = add_document_file(database, profile, document_id, first, "draft")
    renamed = tmp_path / "estrategia-copia.pdf"
    renamed.write_bytes(first.read_bytes())
    with pytest.raises(ValidationError, match="already a version"):
        add_document_file(database, profile, document_id, renamed, "again")
    assert sorted(path.name for path in one.stored_path.parent.iterdir()) == ["estrategia.pdf"]
    # The same name and content as the version kept: its copy stays.
    with pytest.raises(ValidationError, match="already a version"):
        add_document_file(database, profile, document_id, first, "again")
    assert one.stored_path.read_bytes() == first.read_bytes()
    other = tmp_path / "otro.pdf"
    other.write_bytes(b"%PDF-1.4 otro")
    with pytest.raises(ValidationError, match="no longer exists"):
        add_document_file(database, profile, document_id + 1, other)
    stored = [path for path in (profile.attachments_dir / "documents").rglob("*") if path.is_file()]
    assert stored == [one.stored_path]
