"""Reference data for pickers and pages: forums and their members, convening bodies, countries.

It changes rarely, so the window reads it once when the store opens (`reference_data`, one
unit of work) and again only when reference data or settings change. Names stay as their
{language: text} mappings or codes, so a language switch needs no new read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Body, Country, Forum
from rcm_desktop.data.services.settings import COUNTRY_KEY, get_setting
from rcm_desktop.i18n import country_name, localized


@dataclass(frozen=True)
class ForumSummary:
    code: str
    names: Mapping[str, str]
    member_codes: tuple[str, ...]

    @property
    def name(self) -> str:
        """The forum's name in the interface's language."""
        return localized(self.names)


@dataclass(frozen=True)
class BodySummary:
    code: str
    names: Mapping[str, str]

    @property
    def name(self) -> str:
        """The body's name in the interface's language."""
        return localized(self.names)


@dataclass(frozen=True)
class CountryChoice:
    code: str
    forums: tuple[str, ...]

    @property
    def name(self) -> str:
        """The country's name in the interface's language."""
        return country_name(self.code)


@dataclass(frozen=True)
class Reference:
    """What the window keeps in memory: the profile's country, forums, bodies, countries."""

    country: str | None
    forums: tuple[ForumSummary, ...]
    bodies: tuple[BodySummary, ...]
    countries: tuple[CountryChoice, ...]

    def bodies_by_name(self) -> list[BodySummary]:
        """The bodies sorted by their name in the interface's language."""
        return sorted(self.bodies, key=lambda body: body.name.casefold())

    def countries_by_name(self) -> list[CountryChoice]:
        """Countries for a picker: forum members first (by name), then every other country."""
        return sorted(self.countries, key=lambda item: (not item.forums, item.name.casefold()))


def list_forums(database: Database) -> list[ForumSummary]:
    """Every forum with its member countries' codes, in code order."""
    with database.session() as session:
        forums = session.scalars(
            select(Forum).options(selectinload(Forum.members)).order_by(Forum.code)
        )
        return [
            ForumSummary(
                code=forum.code,
                names=dict(forum.names),
                member_codes=tuple(member.country_code for member in forum.members),
            )
            for forum in forums
        ]


def country_choices(database: Database) -> list[CountryChoice]:
    """Countries for a picker: forum members first (by name), then every other country."""
    return reference_data(database).countries_by_name()


def reference_data(database: Database) -> Reference:
    """The profile's country, the forums, bodies and countries, in one unit of work."""
    with database.session() as session:
        forums = list_forums(database)
        bodies = tuple(
            BodySummary(code, dict(names))
            for code, names in session.execute(select(Body.code, Body.names).order_by(Body.code))
        )
        codes = list(session.scalars(select(Country.code)))
        country = get_setting(session, COUNTRY_KEY)
    forums_of: dict[str, list[str]] = {}
    for forum in forums:
        for code in forum.member_codes:
            forums_of.setdefault(code, []).append(forum.code)
    countries = tuple(CountryChoice(code, tuple(forums_of.get(code, ()))) for code in codes)
    return Reference(country, tuple(forums), bodies, countries)
