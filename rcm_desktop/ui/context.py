"""What every page needs: the store, the profile, the user's preferences, events and the task runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.events import DataEvents
from rcm_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from rcm_desktop.data.services.store import Store as Database


@dataclass
class AppContext:
    profile: Profile
    preferences: Preferences
    tasks: TaskRunner
    events: DataEvents = field(default_factory=DataEvents)
    database_url: str | None = None
    demo: bool = False
    database: Database | None = None


def user_zone(context: AppContext) -> str | None:
    """The zone the user reads times in: their choice in Settings, else their country's capital."""
    from rcm_desktop.domain.timezones import capital_zone, zone

    chosen = context.preferences.get("time_zone")
    if isinstance(chosen, str) and zone(chosen) is not None:
        return chosen
    if context.database is None:
        return None
    from rcm_desktop.data.services.settings import profile_country

    country = profile_country(context.database)
    return capital_zone(country) if country else None
