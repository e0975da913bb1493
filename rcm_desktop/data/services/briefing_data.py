"""Everything a delegation briefing pack prints, read in one transaction.

The values are `rcm_desktop.printing.briefing.data`'s plain frozen dataclasses; the
schedule and questions are built by `briefing_schedule`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    Body,
    Deadline,
    Document,
    DocumentReview,
    Forum,
    Meeting,
    MeetingSession,
    Organisation,
    Presidency,
)
from rcm_desktop.data.services.briefing_schedule import question_groups, sessions_of
from rcm_desktop.data.services.delegation_reading import MeetingTerms, read_delegations
from rcm_desktop.data.services.seats import member_forums
from rcm_desktop.domain.timezones import zone
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    BodyKind,
    OrganisationKind,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _
from rcm_desktop.printing.briefing.data import (
    BodyData,
    BriefingData,
    DeadlineData,
    DocumentData,
    ForumData,
    OrganisationData,
)


def _forums(session: Session, meeting: Meeting, day: dt.date) -> tuple[ForumData, ...]:
    result = []
    for forum in meeting.forums:
        presidency = session.scalar(
            select(Presidency.country_code).where(
                Presidency.forum_id == forum.id, Presidency.year == day.year
            )
        )
        members = tuple(
            member.country_code
            for member in forum.members
            if member.joined_year <= day.year
            and (member.left_year is None or member.left_year >= day.year)
        )
        result.append(ForumData(forum.code, dict(forum.names), presidency, members))
    return tuple(result)


def deadline_data(deadline: Deadline) -> DeadlineData:
    """A deadline as the pack prints it, with the day it counts from."""
    anchor = deadline.anchor_date
    if deadline.anchor_kind == AnchorKind.SESSION and deadline.anchor_session is not None:
        anchor = deadline.anchor_session.date
    elif deadline.anchor_kind == AnchorKind.DOCUMENT and deadline.anchor_document_review:
        anchor = deadline.anchor_document_review.received_on
    return DeadlineData(
        title=deadline.title,
        kind=deadline.kind,
        rule=deadline.rule,
        days=deadline.days,
        anchor_kind=deadline.anchor_kind,
        anchor=anchor,
        calendar_country=deadline.calendar_country,
        due=deadline.due_date,
        done_on=deadline.done_on,
        notes=deadline.notes,
    )


def _documents_and_deadlines(
    session: Session, meeting: Meeting, country: str
) -> tuple[tuple[DocumentData, ...], tuple[DeadlineData, ...]]:
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.meeting_id == meeting.id)
            .options(selectinload(Document.reviews))
            .order_by(Document.id)
        )
    )
    reviews = {
        document.id: next((r for r in document.reviews if r.country_code == country), None)
        for document in documents
    }
    deadlines = list(
        session.scalars(
            select(Deadline)
            .outerjoin(DocumentReview, DocumentReview.id == Deadline.anchor_document_review_id)
            .outerjoin(Document, Document.id == DocumentReview.document_id)
            .where(
                or_(
                    Deadline.meeting_id == meeting.id,
                    Document.meeting_id == meeting.id,
                    Deadline.documents.any(Document.meeting_id == meeting.id),
                )
            )
            .options(
                selectinload(Deadline.anchor_session),
                selectinload(Deadline.anchor_document_review),
                selectinload(Deadline.documents),
            )
            .order_by(Deadline.due_date.is_(None), Deadline.due_date, Deadline.id)
        )
    )
    by_document: dict[int, list[DeadlineData]] = {}
    general: list[DeadlineData] = []
    for deadline in deadlines:
        review = deadline.anchor_document_review
        if review is not None and review.country_code != country:
            continue  # another delegation's receipt of the document
        data = deadline_data(deadline)
        governed = {document.id for document in deadline.documents}
        if review is not None:
            governed.add(review.document_id)
        for document_id in sorted(governed & reviews.keys()):
            by_document.setdefault(document_id, []).append(data)
        general.append(data)
    result = []
    for document in documents:
        review = reviews[document.id]
        result.append(
            DocumentData(
                title=document.title,
                kind=document.kind,
                version=document.version,
                stage=review.stage if review else None,
                received_on=review.received_on if review else None,
                comments_sent_on=review.comments_sent_on if review else None,
                approval_submitted_on=review.approval_submitted_on if review else None,
                decided_on=review.decided_on if review else None,
                deadlines=tuple(by_document.get(document.id, ())),
                purpose=document.purpose,
            )
        )
    return tuple(result), tuple(general)


def _observers(session: Session, meeting: Meeting) -> tuple[OrganisationData, ...]:
    if meeting.observers_invited is False and meeting.civil_society_invited is False:
        return ()
    forum_ids = [forum.id for forum in meeting.forums]
    result = []
    for organisation in session.scalars(
        select(Organisation)
        .options(selectinload(Organisation.observer_of))
        .order_by(Organisation.id)
    ):
        if not any(forum.id in forum_ids for forum in organisation.observer_of):
            continue
        civil = organisation.kind == OrganisationKind.CIVIL_SOCIETY
        if (civil and meeting.civil_society_invited is False) or (
            not civil and meeting.observers_invited is False
        ):
            continue
        result.append(
            OrganisationData(organisation.code, dict(organisation.names), organisation.kind)
        )
    return tuple(result)


def _body(body: Body) -> BodyData:
    return BodyData(dict(body.names), body.seat, body.forum.code if body.forum else None)


def gather_briefing(
    database: Database, meeting_id: int, country: str, delegation_zone: str | None
) -> BriefingData:
    """The briefing pack's content for *country*'s delegation, times also in *delegation_zone*."""
    country = (country or "").strip().upper()
    if len(country) != 2:
        raise ValidationError(
            _("Choose the country whose delegation the briefing pack is for."), field="country"
        )
    with database.session() as session:
        meeting = session.scalar(
            select(Meeting)
            .where(Meeting.id == meeting_id)
            .options(
                selectinload(Meeting.forums).selectinload(Forum.members),
                selectinload(Meeting.convening_body).selectinload(Body.forum),
                selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items),
                selectinload(Meeting.sessions).selectinload(MeetingSession.lead_countries),
                selectinload(Meeting.questions),
            )
        )
        if meeting is None:
            raise ValidationError(_("This meeting no longer exists; it may have been deleted."))
        day = meeting.start_date
        member_of = tuple(sorted(member_forums(session, country, day)))
        terms = MeetingTerms(day, meeting.max_participants_per_country)
        delegation = read_delegations(session, country, {meeting.id: terms})[meeting.id]
        documents, deadlines = _documents_and_deadlines(session, meeting, country)
        forum_ids = [forum.id for forum in meeting.forums]
        secretariats = tuple(
            _body(body)
            for body in session.scalars(
                select(Body)
                .where(Body.kind == BodyKind.SECRETARIAT, Body.forum_id.in_(forum_ids))
                .options(selectinload(Body.forum))
                .order_by(Body.code)
            )
        )
        delegation_zone = delegation_zone if delegation_zone and zone(delegation_zone) else None
        return BriefingData(
            meeting_id=meeting.id,
            title=meeting.title,
            kind=meeting.kind,
            modality=meeting.modality,
            status=meeting.status,
            convening_body=_body(meeting.convening_body) if meeting.convening_body else None,
            forums=_forums(session, meeting, day),
            start_date=meeting.start_date,
            end_date=meeting.end_date,
            venue=meeting.venue,
            platform=meeting.platform,
            organiser_zone=meeting.time_zone
            if meeting.time_zone and zone(meeting.time_zone)
            else None,
            organiser_zone_label=meeting.time_zone_label,
            delegation_zone=delegation_zone,
            objectives=meeting.objectives,
            methodology=meeting.methodology,
            interpretation=meeting.interpretation,
            participants=meeting.participants,
            context=meeting.context,
            notes=meeting.notes,
            max_participants=meeting.max_participants_per_country,
            limit_source=meeting.limit_source,
            observers_invited=meeting.observers_invited,
            civil_society_invited=meeting.civil_society_invited,
            country=country,
            country_forums=member_of,
            sessions=sessions_of(meeting, delegation_zone),
            seats=delegation.seats,
            delegates=delegation.delegates,
            empty_seats=delegation.empty,
            unfilled_places=delegation.unfilled,
            question_groups=question_groups(meeting),
            documents=documents,
            deadlines=deadlines,
            secretariats=secretariats,
            observers=_observers(session, meeting),
        )
