"""Read-only views of the reference data for pickers and pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Country, Forum
from rcm_desktop.i18n import country_name, localized


@dataclass(frozen=True)
class ForumSummary:
    code: str
    name: str
    member_codes: tuple[str, ...]


@dataclass(frozen=True)
class CountryChoice:
    code: str
    name: str
    forums: tuple[str, ...]


def list_forums(database: Database) -> list[ForumSummary]:
    """Every forum with its member countries' codes, in code order."""
    with database.session() as session:
        forums = session.scalars(
            select(Forum).options(selectinload(Forum.members)).order_by(Forum.code)
        )
        return [
            ForumSummary(
                code=forum.code,
                name=localized(forum.names),
                member_codes=tuple(member.country_code for member in forum.members),
            )
            for forum in forums
        ]


def country_choices(database: Database) -> list[CountryChoice]:
    """Countries for a picker: forum members first (by name), then every other country."""
    forums_of: dict[str, list[str]] = {}
    for forum in list_forums(database):
        for code in forum.member_codes:
            forums_of.setdefault(code, []).append(forum.code)
    with database.session() as session:
        codes = list(session.scalars(select(Country.code)))
    choices = [
        CountryChoice(code, country_name(code), tuple(forums_of.get(code, ()))) for code in codes
    ]
    return sorted(choices, key=lambda choice: (not choice.forums, choice.name.casefold()))
