"""Everything a handover dossier prints, read in one transaction.

The values are `rcm_desktop.printing.handover.data`'s plain frozen dataclasses. The history's
sentences are written in the dossier's language (`i18n.speaking`), whatever the interface's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from rcm_desktop.data.backup import last_backup_time
from rcm_desktop.data.db import Database, url_for_display
from rcm_desktop.data.id_chunks import rows_for_ids
from rcm_desktop.data.models import (
    CalendarClosure,
    Deadline,
    Document,
    DocumentReview,
    GuidingQuestion,
    Meeting,
    Nomination,
    ReviewConsultation,
)
from rcm_desktop.data.services.briefing_data import deadline_data
from rcm_desktop.data.services.deadline_preview import describe_due
from rcm_desktop.data.services.delegation_reading import MeetingTerms, read_delegations
from rcm_desktop.data.services.document_actions import document_deadlines
from rcm_desktop.data.services.history_digest import recent_history
from rcm_desktop.data.services.settings import COUNTRY_KEY, get_setting
from rcm_desktop.domain import identity
from rcm_desktop.domain.document_workflow import ACTION_STAGES, DATE_FIELD
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    DeadlineRule,
    NominationStatus,
)
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.i18n import speaking
from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.printing.handover.data import (
    DelegationBlock,
    DocumentLine,
    HandoverData,
    MeetingLine,
    PendingDeadline,
    Place,
    PositionBlock,
    PositionLine,
    SettingsFacts,
)

#: Meetings held within this many days count as recent; the history covers them too.
RECENT_DAYS = 90
#: Meetings listed as the latest held when none was held in the last RECENT_DAYS.
LATEST_HELD = 5
Progress = Callable[[int, int], None]


def gather_handover(
    database: Database,
    profile: Profile,
    language: str,
    *,
    prepared_by: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> HandoverData:
    """The dossier's content: the profile's meetings, delegations, deadlines, documents,
    positions and recent history, where things are kept and the settings that matter."""
    today = today or dt.date.today()
    since = today - dt.timedelta(days=RECENT_DAYS)
    preferences = Preferences(profile.preferences_path)
    steps = 7

    def step(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    with database.session() as session:
        country = get_setting(session, COUNTRY_KEY)
        ahead, recent = _meetings(session, country, today, since)
        step(1)
        delegations = _delegations(session, country, ahead, recent, since) if country else ()
        step(2)
        with speaking(language):
            deadlines = _deadlines(session)
        step(3)
        documents = _documents(session, country) if country else ()
        step(4)
        positions = _positions(session, [*ahead, *recent])
        step(5)
        with speaking(language):
            digest = recent_history(session, _utc_midnight(since))
        step(6)
        closures = (
            session.scalar(
                select(func.count())
                .select_from(CalendarClosure)
                .where(CalendarClosure.country_code == country)
            )
            if country
            else 0
        )
        taken_home_from = get_setting(session, "take_home.origin")
    settings = SettingsFacts(
        country=country,
        calendar_country=country if country in SUPPORTED_CALENDARS else None,
        closures=closures or 0,
        shared_database=None if database.is_sqlite else url_for_display(str(database.url)),
        taken_home_from=url_for_display(taken_home_from) if taken_home_from else None,
        language=str(preferences.get("language") or ""),
        time_zone=_text(preferences.get("time_zone")),
        user_name=_text(preferences.get(identity.USER_NAME_KEY)),
        last_backup=last_backup_time(profile) if database.is_sqlite else None,
    )
    step(7)
    return HandoverData(
        country=country,
        prepared_by=" ".join((prepared_by or "").split())
        or database.identity
        or identity.describe(settings.user_name),
        prepared_on=today,
        since=since,
        meetings_ahead=tuple(ahead),
        meetings_recent=tuple(recent),
        delegations=delegations,
        deadlines=deadlines,
        documents=documents,
        positions=positions,
        journal=digest.entries,
        journal_left_out=digest.left_out,
        places=_places(profile, database),
        settings=settings,
    )


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _utc_midnight(day: dt.date) -> dt.datetime:
    """Local midnight of *day*, in UTC without zone (as the journal stores its times)."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _meetings(
    session: Session, country: str | None, today: dt.date, since: dt.date
) -> tuple[list[MeetingLine], list[MeetingLine]]:
    """The meetings not over yet, and those held since *since*, soonest (then latest) first."""
    last_day = func.coalesce(Meeting.end_date, Meeting.start_date)
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(or_(last_day >= today, Meeting.start_date >= since))
            .options(selectinload(Meeting.convening_body))
            .order_by(Meeting.first_date, Meeting.id)
        )
    )
    if not any((meeting.end_date or meeting.start_date) < today for meeting in meetings):
        # None held lately: the latest held, whenever that was.
        meetings += reversed(
            session.scalars(
                select(Meeting)
                .where(last_day < today)
                .options(selectinload(Meeting.convening_body))
                .order_by(Meeting.first_date.desc(), Meeting.id.desc())
                .limit(LATEST_HELD)
            ).all()
        )
    return _lines(session, meetings, country, today)


def _lines(
    session: Session, meetings: list[Meeting], country: str | None, today: dt.date
) -> tuple[list[MeetingLine], list[MeetingLine]]:
    """The meetings as lines with the country's figures: those not over yet, and the others."""
    ids = [meeting.id for meeting in meetings]
    nominated = _per_meeting(
        session,
        ids,
        select(
            Nomination.meeting_id,
            _counted(Nomination.status.in_(sorted(ACTIVE_NOMINATION_STATUSES))),
            _counted(Nomination.status == NominationStatus.DRAFT),
        )
        .where(Nomination.country_code == (country or ""))
        .group_by(Nomination.meeting_id),
        Nomination.meeting_id,
    )
    deadlines = _per_meeting(
        session,
        ids,
        select(Deadline.meeting_id, func.count())
        .where(Deadline.done_on.is_(None))
        .group_by(Deadline.meeting_id),
        Deadline.meeting_id,
    )
    awaiting = or_(
        *(
            and_(Document.purpose == purpose, DocumentReview.stage.in_(sorted(stages)))
            for purpose, stages in ACTION_STAGES.items()
            if stages
        )
    )
    documents = _per_meeting(
        session,
        ids,
        select(Document.meeting_id, func.count())
        .join(DocumentReview, DocumentReview.document_id == Document.id)
        .where(DocumentReview.country_code == (country or ""), awaiting)
        .group_by(Document.meeting_id),
        Document.meeting_id,
    )
    ahead, recent = [], []
    for meeting in meetings:
        counts = nominated.get(meeting.id, (0, 0))
        line = MeetingLine(
            id=meeting.id,
            title=meeting.title,
            first_day=meeting.start_date,
            last_day=meeting.end_date,
            status=meeting.status,
            modality=meeting.modality,
            body=dict(meeting.convening_body.names) if meeting.convening_body else None,
            nominated=int(counts[0]),
            limit=meeting.max_participants_per_country,
            drafts=int(counts[1]),
            open_deadlines=int(deadlines.get(meeting.id, (0,))[0]),
            documents_awaiting=int(documents.get(meeting.id, (0,))[0]),
        )
        (ahead if (meeting.end_date or meeting.start_date) >= today else recent).append(line)
    recent.reverse()  # the latest first
    return ahead, recent


def _per_meeting(
    session: Session,
    ids: list[int],
    query: Select,  # type: ignore[type-arg]
    column: Any,
) -> dict[int, tuple[int, ...]]:
    """*query*'s rows by meeting id (its first column), for the meetings in *ids*."""
    return {row[0]: tuple(row[1:]) for row in rows_for_ids(session, query, column, ids)}


def _delegations(
    session: Session,
    country: str,
    ahead: list[MeetingLine],
    recent: list[MeetingLine],
    since: dt.date,
) -> tuple[DelegationBlock, ...]:
    """The country's delegation to each meeting ahead where it has nominations or seats to
    fill, soonest first; then to each meeting held since *since* (or the latest held), latest
    first."""
    # Those held in the period; when none was, the latest held (their people are the
    # colleagues and contacts a successor will meet first).
    held = [line for line in recent if line.first_day >= since] or recent
    listed = [*((line, False) for line in ahead), *((line, True) for line in held)]
    delegations = read_delegations(
        session, country, {line.id: MeetingTerms(line.first_day, line.limit) for line, _ in listed}
    )
    blocks = []
    for line, was_held in listed:
        delegation = delegations[line.id]
        if line.nominated or delegation.seats:
            blocks.append(
                DelegationBlock(
                    line.title,
                    line.first_day,
                    was_held,
                    line.limit,
                    delegation.delegates,
                    delegation.empty,
                    delegation.unfilled,
                )
            )
    return tuple(blocks)


#: Deadlines whose counting is written out day by day (the soonest); the others give the rule.
EXPLAINED = 200


def _deadlines(session: Session) -> tuple[PendingDeadline, ...]:
    """Every deadline not done, soonest first (unknown dates last), the soonest explained."""
    found = session.scalars(
        select(Deadline)
        .where(Deadline.done_on.is_(None))
        .options(
            selectinload(Deadline.meeting),
            selectinload(Deadline.anchor_session),
            selectinload(Deadline.anchor_document_review),
        )
        .order_by(Deadline.due_date.is_(None), Deadline.due_date, Deadline.id)
    ).all()
    return tuple(
        PendingDeadline(
            deadline.meeting.title if deadline.meeting else "",
            deadline_data(deadline),
            _explained(session, deadline) if number < EXPLAINED else "",
        )
        for number, deadline in enumerate(found)
    )


def _explained(session: Session, deadline: Deadline) -> str:
    """How the deadline's due date was reached, or "" when its rule cannot be worked out."""
    if deadline.rule == DeadlineRule.WORKING_DAYS and (
        deadline.calendar_country not in SUPPORTED_CALENDARS or not deadline.days
    ):
        return ""
    return describe_due(session, deadline)


def _documents(session: Session, country: str) -> tuple[DocumentLine, ...]:
    """The country's review of every document, by stage and title."""
    rows = session.execute(
        select(Document, DocumentReview, Meeting.title)
        .join(DocumentReview, DocumentReview.document_id == Document.id)
        .outerjoin(Meeting, Meeting.id == Document.meeting_id)
        .where(DocumentReview.country_code == country)
        .order_by(Document.title, Document.id)
    ).all()
    due = document_deadlines(session, country, [document.id for document, _review, _t in rows])
    waiting: dict[int, list[str]] = {}
    for review_id, institution in session.execute(
        select(ReviewConsultation.review_id, ReviewConsultation.institution)
        .join(DocumentReview, DocumentReview.id == ReviewConsultation.review_id)
        .where(DocumentReview.country_code == country, ReviewConsultation.answered_on.is_(None))
        .order_by(ReviewConsultation.id)
    ):
        waiting.setdefault(review_id, []).append(institution)
    return tuple(
        DocumentLine(
            title=document.title,
            version=document.version,
            meeting_title=meeting_title or "",
            kind=document.kind,
            purpose=document.purpose,
            stage=review.stage,
            stage_day=getattr(review, DATE_FIELD[review.stage]) if review.stage else None,
            next_due=due[document.id][0].due if due.get(document.id) else None,
            consultations_open=tuple(waiting.get(review.id, ())),
        )
        for document, review, meeting_title in rows
    )


def _positions(session: Session, lines: Iterable[MeetingLine]) -> tuple[PositionBlock, ...]:
    """The guiding questions of the meetings ahead and recent, with the positions drafted."""
    by_id = {line.id: line for line in lines}
    questions: dict[int, list[PositionLine]] = {}
    query = select(GuidingQuestion).order_by(
        GuidingQuestion.meeting_id, GuidingQuestion.position, GuidingQuestion.id
    )
    for (question,) in rows_for_ids(session, query, GuidingQuestion.meeting_id, sorted(by_id)):
        questions.setdefault(question.meeting_id, []).append(
            PositionLine(question.text, (question.delegation_position or "").strip() or None)
        )
    blocks = [
        PositionBlock(by_id[meeting_id].title, by_id[meeting_id].first_day, tuple(found))
        for meeting_id, found in questions.items()
    ]
    return tuple(sorted(blocks, key=lambda block: (block.first_day, block.meeting_title)))


def _places(profile: Profile, database: Database) -> tuple[Place, ...]:
    """Where the profile keeps its data and files."""
    store = str(profile.database_path) if database.is_sqlite else url_for_display(str(database.url))
    return (
        Place("profile", str(profile.root)),
        Place("database", store),
        Place("attachments", str(profile.attachments_dir)),
        Place("backups", str(profile.backups_dir)),
        Place("logs", str(profile.logs_dir)),
        Place("preferences", str(profile.preferences_path)),
    )
