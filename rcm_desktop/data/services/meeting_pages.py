"""What the meetings page shows, each read in one unit of work: the filtered list (ids, the rows
around the selection, the years to filter by, and the selected meeting in full) and, when the
selection moves, one meeting in full with its files and history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.attachments import AttachmentInfo, list_attachments
from rcm_desktop.data.services.meeting_editing import status_history
from rcm_desktop.data.services.meeting_list import (
    MeetingFilter,
    meeting_ids,
    meeting_rows,
    meeting_years,
)
from rcm_desktop.data.services.meetings import MeetingDetail, MeetingRow, get_meeting
from rcm_desktop.domain.vocabulary import MeetingStatus
from rcm_desktop.paths import Profile

#: Rows read with the list: a screenful around the selection; the rest as the user scrolls.
FIRST_ROWS = 60


@dataclass(frozen=True)
class MeetingPage:
    """One meeting as the meetings page shows it."""

    detail: MeetingDetail
    attachments: list[AttachmentInfo]
    history: list[tuple[MeetingStatus, dt.date, str]]


@dataclass(frozen=True)
class MeetingsListing:
    """The meetings that pass the filter, in order, with the rows to show first, the years
    to filter by (when asked) and the meeting to show selected (when asked)."""

    ids: list[int]
    rows: dict[int, MeetingRow]
    years: list[int] | None
    selected: MeetingPage | None = None


def meetings_listing(
    database: Database,
    meeting_filter: MeetingFilter,
    sort: str = "date",
    descending: bool = True,
    *,
    around: int | None = None,
    with_choices: bool = True,
    profile: Profile | None = None,
) -> MeetingsListing:
    """The ids that pass *meeting_filter*, the rows of the screenful around *around* and,
    with a *profile*, the meeting that stays selected (*around*, else the first) in full."""
    with database.session():
        years = meeting_years(database) if with_choices else None
        ids = meeting_ids(database, meeting_filter, sort, descending)
        position = ids.index(around) if around is not None and around in ids else 0
        start = max(0, position - FIRST_ROWS // 4)
        rows = meeting_rows(database, ids[start : start + FIRST_ROWS])
        selected = None
        if profile is not None and ids:
            selected = meeting_page(database, profile, ids[position])
    return MeetingsListing(ids, rows, years, selected)


def meeting_page(database: Database, profile: Profile, meeting_id: int) -> MeetingPage | None:
    """The meeting in full, its attached files and the history of its status; None if gone."""
    with database.session():
        detail = get_meeting(database, meeting_id)
        if detail is None:
            return None
        return MeetingPage(
            detail,
            list_attachments(database, profile, meeting_id),
            status_history(database, meeting_id),
        )
