"""The meetings list for large stores: filter and sort in SQL, then fetch only the rows shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, extract, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Body, Forum, Meeting, meeting_forums
from rcm_desktop.data.services.meetings import MeetingRow
from rcm_desktop.domain.text import escape_like, fold
from rcm_desktop.domain.vocabulary import MeetingStatus, Modality, label
from rcm_desktop.i18n import localized


@dataclass(frozen=True)
class MeetingFilter:
    """What the user narrowed the list to; empty values filter nothing."""

    text: str = ""
    forum: str | None = None
    body: str | None = None
    year: int | None = None
    status: MeetingStatus | None = None


#: Columns the list can be sorted by, in SQL.
SORT_COLUMNS = {
    "date": Meeting.first_date,
    "title": Meeting.search_text,  # folded: "Árbol" sorts with the A, not after Z
}


def _by_label(column, labels: dict[str, str]):  # type: ignore[no-untyped-def]
    """Sort *column* by what the user reads (labels in the active language), not stored codes."""
    order = {
        value: rank for rank, value in enumerate(sorted(labels, key=lambda v: fold(labels[v])))
    }
    return case(order, value=column, else_=len(order))


def _sort_expression(database: Database, sort: str):  # type: ignore[no-untyped-def]
    if sort == "status":
        return _by_label(Meeting.status, {status.value: label(status) for status in MeetingStatus})
    if sort == "modality":
        return _by_label(
            Meeting.modality, {modality.value: label(modality) for modality in Modality}
        )
    if sort == "body":
        with database.session() as session:
            names = {body.code: localized(body.names) for body in session.scalars(select(Body))}
        return _by_label(Body.code, names)
    return SORT_COLUMNS.get(sort, Meeting.first_date)


def _filtered(query: Select, meeting_filter: MeetingFilter) -> Select:  # type: ignore[type-arg]
    conditions = [
        Meeting.search_text.like(f"%{escape_like(word)}%", escape="\\")
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
    """The ids of the meetings that pass *meeting_filter*, in display order (one light query)."""
    with database.session() as session:
        column = _sort_expression(database, sort)
        order = column.desc() if descending else column.asc()
        query = select(Meeting.id)
        if sort == "body":
            query = query.outerjoin(Body, Body.id == Meeting.convening_body_id)
        query = _filtered(query, meeting_filter).order_by(
            order, Meeting.id.desc() if descending else Meeting.id
        )
        result = session.connection().execute(query)
        # Thousands of plain integers: read them from the DBAPI cursor, skipping Row objects.
        return [row[0] for row in result.cursor.fetchall()]


def meeting_rows(database: Database, ids: Sequence[int]) -> dict[int, MeetingRow]:
    """The list rows of *ids* (only those), by id, read with two plain queries."""
    if not ids:
        return {}
    wanted = list(ids)
    rows = (
        select(
            Meeting.id,
            Meeting.title,
            Meeting.first_date,
            Meeting.modality,
            Meeting.status,
            Body.names,
        )
        .outerjoin(Body, Body.id == Meeting.convening_body_id)
        .where(Meeting.id.in_(wanted))
    )
    forums = (
        select(meeting_forums.c.meeting_id, Forum.code)
        .join(Forum, Forum.id == meeting_forums.c.forum_id)
        .where(meeting_forums.c.meeting_id.in_(wanted))
        .order_by(Forum.code)
    )
    with database.session() as session:
        connection = session.connection()
        codes: dict[int, list[str]] = {}
        for meeting_id, code in connection.execute(forums):
            codes.setdefault(meeting_id, []).append(code)
        return {
            meeting_id: MeetingRow(
                id=meeting_id,
                title=title,
                first_date=first_date,
                forums=tuple(codes.get(meeting_id, ())),
                body=localized(names) if names else "",
                modality=modality,
                status=status,
            )
            for meeting_id, title, first_date, modality, status, names in connection.execute(rows)
        }


def meeting_years(database: Database) -> list[int]:
    """The years a user can filter the list by (those with a meeting), newest first."""
    with database.session() as session:
        return sorted(
            {
                int(year)
                for year in session.scalars(select(extract("year", Meeting.first_date)).distinct())
                if year
            },
            reverse=True,
        )
