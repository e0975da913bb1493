"""Opening a store, as the window, the command line and the self-test all do it.

`Store` is the handle every service takes. `open_store` checks the profile's file (never
modifying one that is not RCM Desk's), keeps a backup of an older store before upgrading
it, brings its schema up to date and adds missing reference data. The demo profile is
loaded on top of it by `rcm_desktop.data.demo`. A healthy store that cannot be written
where it is (ReadOnlyStoreError) may be opened read-only, or copied to a profile that can.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rcm_desktop.data.changes import StoreChanges
from rcm_desktop.data.changes import changes_since as _changes_since
from rcm_desktop.data.db import Database, opened_read_only, url_for_display
from rcm_desktop.data.schema import StoreState
from rcm_desktop.data.store import copy_profile as _copy_profile
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.store import set_aside_unreadable as _set_aside
from rcm_desktop.domain import identity
from rcm_desktop.errors import StorageError
from rcm_desktop.paths import (
    TEMPORARY_LEDGER,
    Profile,
    note_temporary_folders_in,
    sweep_profile_temporaries,
)

#: The handle of an open store, passed to every service.
Store = Database


@dataclass(frozen=True)
class OpenedStore:
    """An open store and the state it was found in (EMPTY, OLDER: upgraded, CURRENT;
    READ_ONLY: current, and opened read-only)."""

    store: Store
    state: StoreState

    @property
    def is_sqlite(self) -> bool:
        return self.store.is_sqlite

    @property
    def read_only(self) -> bool:
        return self.state is StoreState.READ_ONLY


def open_store(
    profile: Profile,
    database_url: str | None = None,
    *,
    user_name: str | None = None,
    read_only: bool = False,
) -> OpenedStore:
    """Open the profile's store (or *database_url*), upgraded and with reference data.

    Raises NotAnRcmDatabaseError, NewerSchemaError or StorageError (ReadOnlyStoreError for a
    healthy store that cannot be written where it is) with a message for the user; nothing is
    modified in a file that is not an RCM Desk database. *read_only* opens the profile's
    store read-only: nothing is written, upgraded or backed up, and every save is refused.
    """
    store = open_database(profile, database_url, read_only=read_only)
    if not read_only:  # a read-only folder keeps what it holds
        _sweep_leftovers(profile)
    try:
        state = prepare_store(store, profile)
    except BaseException:
        store.dispose()
        raise
    store.identity = identity.describe(user_name)
    return OpenedStore(store, state)


def _sweep_leftovers(profile: Profile) -> None:
    """Remove the temporary files a killed process left, and note where this one makes them."""
    note_temporary_folders_in(profile.root / TEMPORARY_LEDGER)
    sweep_profile_temporaries(profile)


def read_only_refusal() -> StorageError:
    """The refusal of a save while the store is open read-only."""
    return StorageError(opened_read_only())


def set_aside_unreadable(profile: Profile) -> Path:
    """Rename the profile's unreadable database aside (bytes untouched), so a new one can start."""
    return _set_aside(profile)


def copy_profile(source: Profile, target_root: Path) -> Profile:
    """Copy *source*'s store, attached files and preferences into a new profile at
    *target_root* (which holds no store yet); returns that profile. Raises StorageError."""
    return _copy_profile(source, Profile(target_root))


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
    "copy_profile",
    "open_store",
    "set_aside_unreadable",
    "shown_location",
]


def changes_since(store: Store, seen: int | None) -> StoreChanges:
    """The change counter now and, when it moved since *seen*, what others changed."""
    return _changes_since(store, seen)
