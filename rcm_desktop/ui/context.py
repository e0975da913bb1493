"""What every page needs: the store, the profile, the user's preferences, events and the task
runner, and the reference data read when the store opened."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.events import DataEvents
from rcm_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from rcm_desktop.data.services.reference import Reference
    from rcm_desktop.data.services.store import Store


@dataclass
class AppContext:
    profile: Profile
    preferences: Preferences
    tasks: TaskRunner
    events: DataEvents = field(default_factory=DataEvents)
    database_url: str | None = None
    demo: bool = False
    database: Store | None = None
    #: Forums, bodies, countries and the profile's country, kept in memory (see services.reference).
    reference: Reference | None = None

    @property
    def country(self) -> str | None:
        """The country whose delegation the profile serves (None before the first run)."""
        return self.reference.country if self.reference is not None else None


def user_zone(context: AppContext) -> str | None:
    """The zone the user reads times in: their choice in Settings, else their country's capital."""
    from rcm_desktop.domain.timezones import capital_zone, zone

    chosen = context.preferences.get("time_zone")
    if isinstance(chosen, str) and zone(chosen) is not None:
        return chosen
    return capital_zone(context.country) if context.country else None
