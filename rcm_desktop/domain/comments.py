"""A delegation's comments on a document, as the comments matrix lays them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rcm_desktop.i18n import N_

#: The matrix's columns, marked for translation (each document prints them in its language).
HEADERS = (
    N_("#"),
    N_("Section or paragraph"),
    N_("Comment"),
    N_("Proposed wording"),
    N_("Country"),
)


@dataclass(frozen=True)
class MatrixRow:
    """One comment: its number, where it applies, what it says, the wording it proposes."""

    number: int
    section: str
    comment: str
    proposed_wording: str
    country_code: str


@dataclass(frozen=True)
class CommentsMatrix:
    """The comments on one document, of one country (`country_code`) or of every country (None)."""

    title: str
    version: str
    country_code: str | None
    date: dt.date
    rows: tuple[MatrixRow, ...]
