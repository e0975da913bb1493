"""What the delegations page shows, read in one unit of work: the meetings to choose from, the
chosen meeting's countries × seats matrix, and the chosen country's delegation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.delegation_views import (
    DelegationMatrix,
    DelegationView,
    MeetingChoice,
    default_meeting,
    delegation,
    delegation_matrix,
    meeting_choices,
)


@dataclass(frozen=True)
class DelegationsPage:
    choices: list[MeetingChoice]
    meeting_id: int | None
    countries: list[str]
    country: str | None
    view: DelegationView | None
    matrix: DelegationMatrix | None


def delegations_page(
    database: Database,
    meeting_id: int | None,
    country: str | None,
    own_country: str | None,
    *,
    with_choices: bool = True,
    today: dt.date | None = None,
) -> DelegationsPage:
    """The meetings to choose from (when asked), and for the chosen meeting (by default the next
    one) its matrix and the delegation of *country* (by default the profile's)."""
    today = today or dt.date.today()
    with database.session():
        choices = meeting_choices(database, include=meeting_id, today=today) if with_choices else []
        if meeting_id is None:
            first = default_meeting(choices, today)
            meeting_id = first.id if first else None
        if meeting_id is None:
            return DelegationsPage(choices, None, [], None, None, None)
        matrix = delegation_matrix(database, meeting_id)
        codes = {row.country_code for row in matrix.rows} if matrix else set()
        if own_country:
            codes.add(own_country)
        chosen = country if country in codes else own_country
        view = delegation(database, meeting_id, chosen) if chosen else None
    return DelegationsPage(choices, meeting_id, sorted(codes), chosen, view, matrix)
