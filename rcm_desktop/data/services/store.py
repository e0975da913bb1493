"""Opening a store, as the window, the command line and the self-test all do it.

`Store` is the handle every service takes. `open_store` checks the profile's file (never
modifying one that is not RCM Desk's), keeps a backup of an older store before upgrading
it, brings its schema up to date and adds missing reference data. The demo profile is
loaded on top of it by `rcm_desktop.data.demo`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rcm_desktop.data.changes import StoreChanges
from rcm_desktop.data.changes import changes_since as _changes_since
from rcm_desktop.data.db import Database, url_for_display
from rcm_desktop.data.schema import StoreState
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.store import set_aside_unreadable as _set_aside
from rcm_desktop.domain import identity
from rcm_desktop.paths import Profile

#: The handle of an open store, passed to every service.
Store = Database


@dataclass(frozen=True)
class OpenedStore:
    """An open store and the state it was found in (EMPTY, OLDER: upgraded, CURRENT)."""

    store: Store
    state: StoreState

    @property
    def is_sqlite(self) -> bool:
        return self.store.is_sqlite


def open_store(
    profile: Profile, database_url: str | None = None, *, user_name: str | None = None
) -> OpenedStore:
    """Open the profile's store (or *database_url*), upgraded and with reference data.

    Raises NotAnRcmDatabaseError, NewerSchemaError or StorageError with a message for the
    user; nothing is modified in a file that is not an RCM Desk database.
    """
    store = open_database(profile, database_url)
    try:
        state = prepare_store(store, profile)
    except BaseException:
        store.dispose()
        raise
    store.identity = identity.describe(user_name)
    return OpenedStore(store, state)


def set_aside_unreadable(profile: Profile) -> Path:
    """Rename the profile's unreadable database aside (bytes untouched), so a new one can start."""
    return _set_aside(profile)


def close_store(store: Store) -> None:
    """Close every pooled connection of *store* (at exit, before a restore)."""
    store.dispose()


def shown_location(profile: Profile, database_url: str | None) -> str:
    """Where the data lives, as it may be shown: the file's path, or the URL without password."""
    return url_for_display(database_url) if database_url else str(profile.database_path)


__all__ = [
    "OpenedStore",
    "Store",
    "StoreChanges",
    "StoreState",
    "changes_since",
    "close_store",
    "open_store",
    "set_aside_unreadable",
    "shown_location",
]


def changes_since(store: Store, seen: int | None) -> StoreChanges:
    """The change counter now and, when it moved since *seen*, what others changed."""
    return _changes_since(store, seen)
