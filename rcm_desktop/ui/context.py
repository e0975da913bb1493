"""What every page needs: the store, the profile, the user's preferences, events and the task runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rcm_desktop.paths import Profile
from rcm_desktop.preferences import Preferences
from rcm_desktop.ui.events import DataEvents
from rcm_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from rcm_desktop.data.db import Database


@dataclass
class AppContext:
    profile: Profile
    preferences: Preferences
    tasks: TaskRunner
    events: DataEvents = field(default_factory=DataEvents)
    database_url: str | None = None
    demo: bool = False
    database: Database | None = None
