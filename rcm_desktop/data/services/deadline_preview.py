"""How a deadline's due date is reached, in words: for a stored deadline, and for the one being
typed in the editor (a preview, read in its own unit of work and never saved)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Deadline, DocumentReview, MeetingSession
from rcm_desktop.data.services.due_dates import anchor_day, calendar_of, closures_in
from rcm_desktop.domain.due_dates import DeadlineDraft, deadline_problems
from rcm_desktop.domain.vocabulary import AnchorKind, DeadlineRule
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS, add_working_days
from rcm_desktop.i18n import _, format_date


def describe_due(session: Session, deadline: Deadline) -> str:
    """The rule, the anchor, the calendar and every day skipped, ending with the due date."""
    if deadline.rule == DeadlineRule.FIXED:
        return _("Fixed date: %(date)s") % {"date": format_date(deadline.fixed_date, "full")}  # type: ignore[arg-type]
    anchor = anchor_day(deadline)
    if anchor is None:
        return _("The anchor has no date yet, so the due date cannot be computed.")
    if deadline.rule == DeadlineRule.CALENDAR_DAYS:
        return _("%(n)d calendar days after %(anchor)s: %(due)s") % {
            "n": deadline.days,
            "anchor": format_date(anchor, "full"),
            "due": format_date(anchor + dt.timedelta(days=deadline.days or 0), "full"),
        }
    calendar = calendar_of(deadline, closures_in(session))
    assert calendar is not None and deadline.days
    return add_working_days(anchor, deadline.days, calendar).explain()


def preview_deadline(database: Database, draft: DeadlineDraft) -> str:
    """What the editor's deadline would be due on, explained; "" while the form is incomplete."""
    if deadline_problems(draft):
        return ""
    if (
        draft.rule == DeadlineRule.WORKING_DAYS
        and draft.calendar_country not in SUPPORTED_CALENDARS
    ):
        return ""
    with database.session() as session:
        deadline = Deadline(
            rule=draft.rule,
            fixed_date=draft.fixed_date,
            days=draft.days,
            anchor_kind=draft.anchor_kind,
            anchor_date=draft.anchor_date,
            calendar_country=draft.calendar_country,
            calendar_categories="public,optional" if draft.include_optional_days else "public",
        )
        if draft.anchor_kind == AnchorKind.SESSION and draft.anchor_session_id is not None:
            deadline.anchor_session = session.get(MeetingSession, draft.anchor_session_id)
        if draft.anchor_kind == AnchorKind.DOCUMENT and draft.anchor_document_review_id:
            deadline.anchor_document_review = session.get(
                DocumentReview, draft.anchor_document_review_id
            )
        described = describe_due(session, deadline)
        session.expunge_all()  # the preview is never saved
        return described
