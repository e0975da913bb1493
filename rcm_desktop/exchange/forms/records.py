"""A participant as the forms receive one: plain strings the service fills from the delegation."""

from __future__ import annotations

from dataclasses import dataclass

from rcm_desktop.exchange.forms.fields import Field


@dataclass(frozen=True)
class ParticipantRecord:
    """One participant's details, ready to be written into a form (empty when unknown)."""

    full_name: str = ""
    given_names: str = ""
    family_names: str = ""
    honorific: str = ""
    position: str = ""
    institution: str = ""
    ministry: str = ""
    country: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""
    gender: str = ""
    seat: str = ""
    profile: str = ""
    number: str = ""


def value_for(record: ParticipantRecord, field: Field) -> str:
    """The text *record* gives for *field*; the full name is built from its parts if missing."""
    value: str = getattr(record, field.value)
    if not value and field is Field.FULL_NAME:
        value = " ".join(part for part in (record.given_names, record.family_names) if part)
    return value
