"""Profile-wide settings: the delegation's country and other single values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Country, Setting
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _

COUNTRY_KEY = "profile.country"


def get_setting(session: Session, key: str) -> str | None:
    """The value stored under *key*, or None."""
    row = session.get(Setting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    """Store *value* under *key*."""
    session.merge(Setting(key=key, value=value))


def profile_country(database: Database) -> str | None:
    """The ISO code of the country whose delegation this profile serves, or None before first run."""
    with database.session() as session:
        return get_setting(session, COUNTRY_KEY)


def set_profile_country(database: Database, code: str) -> None:
    """Set the profile's country; refuses a code that is not a known country."""
    code = (code or "").strip().upper()
    with database.session() as session:
        if session.scalar(select(Country.code).where(Country.code == code)) is None:
            raise ValidationError(
                _("“%(code)s” is not a known country code. Choose a country from the list.")
                % {"code": code},
                field="country",
            )
        set_setting(session, COUNTRY_KEY, code)
