"""What awaits the country's action on documents, by purpose, and the deadlines of each document.

A document's deadlines are the open ones that govern it (linked to it, "comments on these three
documents by 15 March") and those counted from the country's receipt of it. Its comments are
due while the country has not sent them; its approval is pending until decided; a document
for information asks nothing. One set of queries serves the dashboard, the navigation's count,
the documents list, the pack and the command line, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, literal, select, union_all
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.id_chunks import rows_for_ids
from rcm_desktop.data.models import Deadline, DeadlineDocument, Document, DocumentReview
from rcm_desktop.domain.document_workflow import ACTION_STAGES
from rcm_desktop.domain.vocabulary import DocumentPurpose, ReviewStage


@dataclass(frozen=True)
class DocumentDeadline:
    """An open deadline of a document."""

    deadline_id: int
    title: str
    due: dt.date


@dataclass(frozen=True)
class ActionRow:
    """A document awaiting the country's comments or approval, with its nearest due date."""

    document_id: int
    title: str
    version: str | None
    purpose: DocumentPurpose
    stage: ReviewStage
    due: dt.date | None


@dataclass(frozen=True)
class ActionCounts:
    """Documents awaiting the country's action, by purpose."""

    comments_due: int = 0
    comments_overdue: int = 0
    approvals_pending: int = 0

    @property
    def total(self) -> int:
        return self.comments_due + self.approvals_pending


def _country(country_code: Any) -> Any:
    """The country as SQL: a code, or an expression (the profile's setting, read in the query)."""
    return country_code if country_code is not None else ""


def _deadline_links(country_code: Any) -> Select:  # type: ignore[type-arg]
    """(document id, deadline id, title, due) of every open deadline with a due date that
    governs a document or counts from the country's receipt of it."""
    open_ = and_(Deadline.done_on.is_(None), Deadline.due_date.is_not(None))
    linked = (
        select(
            DeadlineDocument.document_id.label("document_id"),
            Deadline.id.label("deadline_id"),
            Deadline.title.label("title"),
            Deadline.due_date.label("due"),
        )
        .join(Deadline, Deadline.id == DeadlineDocument.deadline_id)
        .where(open_)
    )
    anchored = (
        select(DocumentReview.document_id, Deadline.id, Deadline.title, Deadline.due_date)
        .join(Deadline, Deadline.anchor_document_review_id == DocumentReview.id)
        .where(open_, DocumentReview.country_code == _country(country_code))
    )
    return union_all(linked, anchored)  # type: ignore[return-value]


def _next_due(country_code: str | None):  # type: ignore[no-untyped-def]
    links = _deadline_links(country_code).subquery()
    return (
        select(links.c.document_id, func.min(links.c.due).label("due"))
        .group_by(links.c.document_id)
        .subquery()
    )


def document_deadlines(
    session: Session, country_code: str | None, document_ids: Iterable[int]
) -> dict[int, list[DocumentDeadline]]:
    """Each document's open deadlines, soonest first (no entry when it has none)."""
    wanted = sorted(set(document_ids))
    links = _deadline_links(country_code).subquery()
    found: dict[int, list[DocumentDeadline]] = {}
    query = select(links.c.document_id, links.c.deadline_id, links.c.title, links.c.due).order_by(
        links.c.due, links.c.deadline_id
    )
    for document_id, deadline_id, title, due in rows_for_ids(
        session, query, links.c.document_id, wanted
    ):
        entries = found.setdefault(document_id, [])
        if all(entry.deadline_id != deadline_id for entry in entries):
            entries.append(DocumentDeadline(deadline_id, title, due))
    return found


def _awaiting(purpose: DocumentPurpose):  # type: ignore[no-untyped-def]
    return and_(
        Document.purpose == purpose,
        DocumentReview.stage.in_(sorted(ACTION_STAGES[purpose])),
    )


def action_count_columns(country: Any, today: dt.date) -> list[Any]:
    """Comments due, comments overdue, approvals pending: three scalar subqueries for *country*
    (a code or an SQL expression), to read in one statement with other figures."""
    due = _next_due(country)
    comments, approval = _awaiting(DocumentPurpose.COMMENTS), _awaiting(DocumentPurpose.APPROVAL)

    def counted(condition: Any) -> Any:
        return (
            select(func.count())
            .select_from(Document)
            .join(DocumentReview, DocumentReview.document_id == Document.id)
            .outerjoin(due, due.c.document_id == Document.id)
            .where(DocumentReview.country_code == _country(country), condition)
            .scalar_subquery()
        )

    return [counted(comments), counted(and_(comments, due.c.due < today)), counted(approval)]


def action_counts(
    database: Database, country_code: str | None, today: dt.date | None = None
) -> ActionCounts:
    """How many documents await the country's comments (and how many of those are overdue),
    and how many its approval, in one query."""
    if not country_code:
        return ActionCounts()
    columns = action_count_columns(country_code, today or dt.date.today())
    with database.session() as session:
        row = session.execute(select(*columns)).one()
    return ActionCounts(*(int(value or 0) for value in row))


def awaiting_action(
    database: Database,
    country_code: str | None,
    purpose: DocumentPurpose,
    limit: int | None = None,
) -> list[ActionRow]:
    """Documents awaiting the country's comments or approval: the oldest due date first (the
    most overdue leads), then those with none, newest first. Sorted and cut in SQL."""
    if not country_code or purpose == DocumentPurpose.INFORMATION:
        return []
    due = _next_due(country_code)
    query = (
        select(
            Document.id,
            Document.title,
            Document.version,
            literal(purpose.value),
            DocumentReview.stage,
            due.c.due,
        )
        .join(DocumentReview, DocumentReview.document_id == Document.id)
        .outerjoin(due, due.c.document_id == Document.id)
        .where(DocumentReview.country_code == country_code, _awaiting(purpose))
        .order_by(due.c.due.is_(None), due.c.due, Document.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    with database.session() as session:
        return [
            ActionRow(document_id, title, version, DocumentPurpose(kind), stage, day)
            for document_id, title, version, kind, stage, day in session.execute(query)
        ]
