"""The meetings list for large stores: filter and sort in SQL, then fetch only the rows shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, extract, func, select
from sqlalchemy.orm import selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.enums import MeetingStatus
from rcm_desktop.data.models import Body, Forum, Meeting, meeting_forums
from rcm_desktop.data.services.meetings import MeetingRow
from rcm_desktop.i18n import localized
from rcm_desktop.text_search import fold


@dataclass(frozen=True)
class MeetingFilter:
    """What the user narrowed the list to; empty values filter nothing."""

    text: str = ""
    forum: str | None = None
    body: str | None = None
    year: int | None = None
    status: MeetingStatus | None = None


@dataclass(frozen=True)
class FilterChoices:
    forums: list[tuple[str, str]]  # (code, name)
    bodies: list[tuple[str, str]]
    years: list[int]


#: Columns the list can be sorted by, in SQL.
SORT_COLUMNS = {
    "date": Meeting.first_date,
    "title": func.lower(Meeting.title),
    "modality": Meeting.modality,
    "status": Meeting.status,
    "body": Body.code,
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(query: Select, meeting_filter: MeetingFilter) -> Select:  # type: ignore[type-arg]
    conditions = [
        Meeting.search_text.like(f"%{_escape_like(word)}%", escape="\\")
        for word in fold(meeting_filter.text).split()
    ]
    if meeting_filter.forum:
        conditions.append(
            Meeting.id.in_(
                select(meeting_forums.c.meeting_id)
                .join(Forum, Forum.id == meeting_forums.c.forum_id)
                .where(Forum.code == meeting_filter.forum)
            )
        )
    if meeting_filter.body:
        conditions.append(
            Meeting.convening_body_id.in_(select(Body.id).where(Body.code == meeting_filter.body))
        )
    if meeting_filter.year:
        conditions.append(extract("year", Meeting.first_date) == meeting_filter.year)
    if meeting_filter.status:
        conditions.append(Meeting.status == meeting_filter.status)
    return query.where(and_(*conditions)) if conditions else query


def meeting_ids(
    database: Database,
    meeting_filter: MeetingFilter = MeetingFilter(),
    sort: str = "date",
    descending: bool = True,
) -> list[int]:
    """The ids of the meetings that pass *meeting_filter*, in display order."""
    column = SORT_COLUMNS.get(sort, Meeting.first_date)
    order = column.desc() if descending else column.asc()
    query = select(Meeting.id).outerjoin(Body, Body.id == Meeting.convening_body_id)
    query = _filtered(query, meeting_filter).order_by(
        order, Meeting.id.desc() if descending else Meeting.id
    )
    with database.session() as session:
        return list(session.scalars(query))


def meeting_rows(database: Database, ids: Sequence[int]) -> dict[int, MeetingRow]:
    """The list rows of *ids* (only those), by id."""
    if not ids:
        return {}
    with database.session() as session:
        meetings = session.scalars(
            select(Meeting)
            .where(Meeting.id.in_(list(ids)))
            .options(selectinload(Meeting.forums), selectinload(Meeting.convening_body))
        )
        return {
            meeting.id: MeetingRow(
                id=meeting.id,
                title=meeting.title,
                first_date=meeting.first_date,
                forums=tuple(forum.code for forum in meeting.forums),
                body=localized(meeting.convening_body.names) if meeting.convening_body else "",
                modality=meeting.modality,
                status=meeting.status,
            )
            for meeting in meetings
        }


def filter_choices(database: Database) -> FilterChoices:
    """The forums, convening bodies and years a user can filter the list by."""
    with database.session() as session:
        forums = [
            (forum.code, localized(forum.names))
            for forum in session.scalars(select(Forum).order_by(Forum.code))
        ]
        bodies = sorted(
            ((body.code, localized(body.names)) for body in session.scalars(select(Body))),
            key=lambda pair: pair[1].casefold(),
        )
        years = sorted(
            {
                int(year)
                for year in session.scalars(select(extract("year", Meeting.first_date)).distinct())
                if year
            },
            reverse=True,
        )
    return FilterChoices(forums=forums, bodies=bodies, years=years)
