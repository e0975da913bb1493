"""Derived columns kept true on every flush, whoever changed the record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from rcm_desktop.data.models.delegations import Person
from rcm_desktop.data.models.meetings import Meeting, MeetingSession


@event.listens_for(Session, "before_flush")
def _refresh_derived_meeting_columns(session: Session, _context: Any, _instances: Any) -> None:
    """Keep each changed meeting's derived columns true, whoever changed it."""
    touched: set[Meeting] = set()
    for instance in list(session.new) + list(session.dirty):
        if isinstance(instance, Meeting):
            touched.add(instance)
        elif isinstance(instance, MeetingSession) and instance.meeting is not None:
            touched.add(instance.meeting)
    for instance in session.deleted:
        if isinstance(instance, MeetingSession) and instance.meeting is not None:
            touched.add(instance.meeting)
    for meeting in touched:
        if meeting not in session.deleted:
            meeting.refresh_derived()
    for instance in list(session.new) + list(session.dirty):
        if isinstance(instance, Person):
            instance.refresh_derived()
