"""Demo seats, limits and the demo country's delegation to each seed meeting.

Loading twice adds nothing twice: people are matched by email, a meeting's seats are
added only when it has none, and a delegation only when the country has no
nomination for that meeting yet. Active nominations go through the delegation rules,
so the demo never holds a state the app would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rcm_desktop.data.models import Forum, Meeting, Nomination, Person, Seat
from rcm_desktop.data.services.nominations import check_rules
from rcm_desktop.domain.vocabulary import (
    ACTIVE_NOMINATION_STATUSES,
    Gender,
    NominationRole,
    NominationStatus,
)
from rcm_desktop.paths import resources_dir

_PERSON_FIELDS = (
    "honorific",
    "full_name",
    "position",
    "institution",
    "agency",
    "email",
    "phone",
    "languages",
    "notes",
)


def demo_delegations() -> dict[str, Any]:
    """The bundled demo delegations file, as a dictionary."""
    path = resources_dir() / "demo" / "delegations" / "delegations.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _people(session: Session, entries: list[dict[str, Any]], country: str) -> dict[str, int]:
    ids: dict[str, int] = {}
    for entry in entries:
        person = session.scalar(select(Person).where(Person.email == entry["email"]))
        if person is None:
            person = Person(country_code=country, gender=Gender(entry.get("gender", "unspecified")))
            for name in _PERSON_FIELDS:
                setattr(person, name, entry.get(name))
            session.add(person)
            session.flush()
        ids[entry["key"]] = person.id
    return ids


def _seats(session: Session, meeting: Meeting, entry: dict[str, Any]) -> list[int]:
    if not meeting.seats:
        forums = {code: forum for forum, code in session.execute(select(Forum, Forum.code))}
        meeting.seats = [
            Seat(
                position=position,
                profile=seat["profile"],
                forum=forums[seat["forum"]] if seat.get("forum") else None,
                beyond_limit=seat.get("beyond_limit", False),
                source=seat.get("source"),
            )
            for position, seat in enumerate(entry["seats"], start=1)
        ]
        if meeting.limit_source is None:
            meeting.limit_source = entry.get("limit_source")
        session.flush()
    return [seat.id for seat in meeting.seats]


def _delegation(
    session: Session,
    meeting: Meeting,
    entries: list[dict[str, Any]],
    people: dict[str, int],
    seats: list[int],
    country: str,
) -> None:
    made: dict[str, Nomination] = {}
    replaced: list[tuple[Nomination, str]] = []
    for entry in entries:
        seat_id = seats[entry["seat"] - 1] if entry.get("seat") else None
        status = NominationStatus(entry["status"])
        if status in ACTIVE_NOMINATION_STATUSES:
            refusal = check_rules(session, meeting.id, country, people[entry["person"]], seat_id)
            if refusal is not None:
                raise AssertionError(f"demo delegation breaks a rule: {refusal.message}")
        nomination = Nomination(
            meeting_id=meeting.id,
            country_code=country,
            seat_id=seat_id,
            person_id=people[entry["person"]],
            role=NominationRole(entry["role"]),
            status=status,
            submitted_on=_date(entry.get("submitted_on")),
            status_changed_on=_date(entry.get("changed_on")),
        )
        session.add(nomination)
        session.flush()
        made[entry["person"]] = nomination
        if entry.get("replaced_by"):
            replaced.append((nomination, entry["replaced_by"]))
    for nomination, successor in replaced:
        nomination.replaced_by_id = made[successor].id
    session.flush()


def load_demo_delegations(session: Session) -> None:
    """Add the demo directory, seats, limit sources and delegations this store lacks."""
    data = demo_delegations()
    country = data["country"]
    people = _people(session, data["people"], country)
    for key, entry in data["meetings"].items():
        meeting = session.scalar(select(Meeting).where(Meeting.source_key == key))
        if meeting is None:
            continue
        seats = _seats(session, meeting, entry)
        has_delegation = session.scalar(
            select(func.count())
            .select_from(Nomination)
            .where(Nomination.meeting_id == meeting.id, Nomination.country_code == country)
        )
        if not has_delegation:
            _delegation(session, meeting, entry["nominations"], people, seats, country)
