"""The briefing pack's schedule and questions from a meeting: times in both zones, questions grouped."""

from __future__ import annotations

import datetime as dt

from rcm_desktop.data.models import Meeting
from rcm_desktop.domain.timezones import convert, format_utc_offset, utc_offset, zone
from rcm_desktop.printing.briefing.data import (
    AgendaLineData,
    Moment,
    QuestionData,
    QuestionGroup,
    SessionData,
)


def moment(
    day: dt.date, start: dt.time | None, end: dt.time | None, source: str | None, target: str | None
) -> Moment | None:
    """*start*–*end* of *day* in zone *source*, shown in *target* (None when it cannot be)."""
    if source is None or target is None or zone(source) is None or zone(target) is None:
        return None
    if start is None:
        offset = utc_offset(target, day)
        return Moment(day, None, None, format_utc_offset(offset) if offset is not None else None)
    first = convert(day, start, source, target)
    last = convert(day, end, source, target) if end is not None else None
    offset = first.utcoffset()
    return Moment(
        first.date(),
        first.time().replace(tzinfo=None),
        last.time().replace(tzinfo=None) if last is not None else None,
        format_utc_offset(offset) if offset is not None else None,
        last.date() if last is not None else None,
    )


def sessions_of(meeting: Meeting, delegation_zone: str | None) -> tuple[SessionData, ...]:
    source = meeting.time_zone if meeting.time_zone and zone(meeting.time_zone) else None
    result = []
    for item in meeting.sessions:
        organiser = delegation = None
        if item.date is not None:
            if source is not None:
                organiser = moment(item.date, item.start_time, item.end_time, source, source)
                delegation = moment(
                    item.date, item.start_time, item.end_time, source, delegation_zone
                )
            else:
                organiser = Moment(item.date, item.start_time, item.end_time, None)
        agenda = []
        for line in item.agenda_items:
            line_organiser = line_delegation = None
            if item.date is not None and line.start_time is not None:
                if source is not None:
                    line_organiser = moment(
                        item.date, line.start_time, line.end_time, source, source
                    )
                    line_delegation = moment(
                        item.date, line.start_time, line.end_time, source, delegation_zone
                    )
                else:
                    line_organiser = Moment(item.date, line.start_time, line.end_time, None)
            agenda.append(
                AgendaLineData(line.activity, line.coordinator, line_organiser, line_delegation)
            )
        result.append(
            SessionData(
                position=item.position,
                title=item.title,
                description=item.description,
                leads=tuple(country.code for country in item.lead_countries),
                organiser=organiser,
                delegation=delegation,
                agenda=tuple(agenda),
            )
        )
    return tuple(result)


def question_groups(meeting: Meeting) -> tuple[QuestionGroup, ...]:
    """Questions grouped in the order they come: by session, else by phase, else general."""
    groups: list[QuestionGroup] = []
    keys: list[tuple[object, ...]] = []
    members: dict[tuple[object, ...], list[QuestionData]] = {}
    sessions = {item.id: item for item in meeting.sessions}
    for question in meeting.questions:
        owner = sessions.get(question.session_id) if question.session_id else None
        key: tuple[object, ...] = (
            ("session", owner.position) if owner is not None else ("phase", question.phase or "")
        )
        if key not in members:
            keys.append(key)
            members[key] = []
            groups.append(
                QuestionGroup(
                    session_title=owner.title if owner is not None else None,
                    phase=None if owner is not None else (question.phase or None),
                    leads=tuple(c.code for c in owner.lead_countries) if owner else (),
                    questions=(),
                )
            )
        members[key].append(
            QuestionData(question.text, question.context, question.delegation_position)
        )
    return tuple(
        QuestionGroup(group.session_title, group.phase, group.leads, tuple(members[key]))
        for group, key in zip(groups, keys, strict=True)
    )
