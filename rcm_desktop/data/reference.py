"""Reference data (forums, members, presidencies, bodies, observers) loaded from resources/.

Loading is idempotent and never overwrites: a row that exists (by its code) is
left as the user edited it; only missing rows are added. Country codes come from
CLDR via babel, so names follow the interface language.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.models import (
    Body,
    Country,
    Forum,
    ForumMember,
    Organisation,
    Presidency,
    Setting,
)
from rcm_desktop.domain.countries import iso_country_codes
from rcm_desktop.domain.vocabulary import BodyKind, OrganisationKind
from rcm_desktop.paths import resource

REFERENCE_FILES = ("forums", "bodies", "organisations")
VERSION_KEY = "reference.version"


def _read(name: str) -> dict[str, Any]:
    return json.loads(resource("reference", f"{name}.json").read_text(encoding="utf-8"))


def bundled_version() -> str:
    """A fingerprint of the bundled reference files' versions, e.g. "forums:1,bodies:1,…"."""
    return ",".join(f"{name}:{_read(name)['version']}" for name in REFERENCE_FILES)


def _by_code(session: Session, model: type, code: str) -> Any:
    return session.scalar(select(model).where(model.code == code))


def _load_countries(session: Session) -> None:
    existing = set(session.scalars(select(Country.code)))
    session.add_all(Country(code=code) for code in iso_country_codes() if code not in existing)
    session.flush()


def _load_forums(session: Session, data: dict[str, Any]) -> None:
    for entry in data["forums"]:
        forum = _by_code(session, Forum, entry["code"])
        if forum is None:
            forum = Forum(
                code=entry["code"], names=entry["names"], founded_year=entry["founded_year"]
            )
            session.add(forum)
            session.flush()
        present = {member.country_code for member in forum.members}
        for member in entry["members"]:
            if member["country"] not in present:
                forum.members.append(
                    ForumMember(country_code=member["country"], joined_year=member["joined"])
                )
    session.flush()
    for entry in data["presidencies"]:
        forum = _by_code(session, Forum, entry["forum"])
        exists = session.scalar(
            select(Presidency).where(
                Presidency.forum_id == forum.id, Presidency.year == entry["year"]
            )
        )
        if exists is None:
            session.add(
                Presidency(
                    forum_id=forum.id,
                    year=entry["year"],
                    country_code=entry["country"],
                    source=entry.get("source"),
                )
            )


def _load_bodies(session: Session, data: dict[str, Any]) -> None:
    for entry in data["bodies"]:
        if _by_code(session, Body, entry["code"]) is not None:
            continue
        forum = _by_code(session, Forum, entry["forum"]) if entry.get("forum") else None
        session.add(
            Body(
                code=entry["code"],
                forum=forum,
                kind=BodyKind(entry["kind"]),
                names=entry["names"],
                seat=entry.get("seat"),
            )
        )


def _load_organisations(session: Session, data: dict[str, Any]) -> None:
    for entry in data["organisations"]:
        if _by_code(session, Organisation, entry["code"]) is not None:
            continue
        forums = [_by_code(session, Forum, code) for code in entry.get("observer_of", [])]
        session.add(
            Organisation(
                code=entry["code"],
                kind=OrganisationKind(entry["kind"]),
                names=entry["names"],
                observer_of=[forum for forum in forums if forum is not None],
            )
        )


def reference_is_current(session: Session) -> bool:
    """True when this store already holds the bundled reference data's version."""
    stored = session.get(Setting, VERSION_KEY)
    return stored is not None and stored.value == bundled_version()


def load_reference_data(session: Session) -> None:
    """Add the bundled reference rows this store lacks; keeps every existing row as it is."""
    _load_countries(session)
    _load_forums(session, _read("forums"))
    _load_bodies(session, _read("bodies"))
    _load_organisations(session, _read("organisations"))
    session.merge(Setting(key=VERSION_KEY, value=bundled_version()))
    session.flush()
