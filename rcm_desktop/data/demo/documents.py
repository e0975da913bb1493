"""Demo documents drawn from the seed concept notes, with the demo country's review of each.

Each document carries a `source_key`, so loading twice adds nothing twice. The review steps go
through the workflow rules, so the demo never holds a state the app would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.models import (
    Deadline,
    Document,
    DocumentComment,
    DocumentReview,
    Meeting,
    ReviewConsultation,
)
from rcm_desktop.domain import document_workflow as workflow
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    DocumentPurpose,
    ReviewStage,
)
from rcm_desktop.paths import resources_dir


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def demo_documents() -> dict[str, Any]:
    """The bundled demo documents file, as a dictionary."""
    path = resources_dir() / "demo" / "documents" / "documents.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _review(entry: dict[str, Any], country: str) -> DocumentReview:
    steps = [(ReviewStage(stage), dt.date.fromisoformat(day)) for stage, day in entry["steps"]]
    today = max(day for _stage, day in steps)
    state = workflow.start(steps[0][1], today)
    for stage, day in steps[1:]:
        state = workflow.advance(state, stage, day, today)
    review = DocumentReview(
        country_code=country,
        stage=state.stage,
        received_on=state.received_on,
        review_started_on=state.review_started_on,
        comments_sent_on=state.comments_sent_on,
        approval_submitted_on=state.approval_submitted_on,
        decided_on=state.decided_on,
        notes=entry.get("notes"),
    )
    review.consultations = [
        ReviewConsultation(
            institution=item["institution"],
            due_on=_date(item.get("due_on")),
            answered_on=_date(item.get("answered_on")),
            notes=item.get("notes"),
        )
        for item in entry.get("consultations", [])
    ]
    return review


def load_demo_documents(session: Session) -> int:
    """Add the demo documents this store lacks; returns how many were added."""
    data = demo_documents()
    country = data["country"]
    existing = set(
        session.scalars(select(Document.source_key).where(Document.source_key.is_not(None)))
    )
    added = 0
    for entry in data["documents"]:
        if entry["key"] in existing:
            continue
        meeting = session.scalar(select(Meeting).where(Meeting.source_key == entry.get("meeting")))
        document = Document(
            source_key=entry["key"],
            title=entry["title"],
            kind=DocumentKind(entry["kind"]),
            purpose=DocumentPurpose(entry["purpose"]),
            version=entry.get("version"),
            meeting=meeting,
            notes=entry.get("notes"),
        )
        review = _review(entry["review"], country)
        document.reviews = [review]
        document.comments = [
            DocumentComment(
                country_code=country,
                position=position,
                section=item.get("section") or None,
                comment=item["comment"],
                proposed_wording=item.get("proposed_wording") or None,
            )
            for position, item in enumerate(entry.get("comments", []), start=1)
        ]
        session.add(document)
        for title in entry.get("governed_by", []):  # a deadline of the meeting, by its title
            deadline = session.scalar(
                select(Deadline).where(Deadline.title == title, Deadline.meeting == meeting)
            )
            if deadline is not None:
                deadline.documents.append(document)
        for item in entry.get("deadlines", []):
            session.add(
                Deadline(
                    title=item["title"],
                    kind=DeadlineKind(item["kind"]),
                    rule=DeadlineRule(item["rule"]),
                    days=item["days"],
                    anchor_kind=AnchorKind.DOCUMENT,
                    anchor_document_review=review,
                    calendar_country=item.get("calendar"),
                    meeting=meeting,
                    notes=item.get("notes"),
                )
            )
        added += 1
    session.flush()
    if added:
        from rcm_desktop.data.services.due_dates import recompute_in

        recompute_in(session)  # the due dates counted from the documents' receipt
    return added
