"""What every command shares: opening the store (with the demo on top), the user's time zone,
and writing a line of output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from rcm_desktop.errors import ReadOnlyStoreError, StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile

if TYPE_CHECKING:  # the store is read only when a command runs, not to build the parser
    from rcm_desktop.data.services.store import Store


@contextmanager
def open_for_command(
    profile: Profile, database_url: str | None, demo: bool = False
) -> Iterator[Store]:
    """The profile's store (or *database_url*), upgraded; with the demo meetings when *demo*;
    its connections closed when the command is done with it, whatever happens."""
    from rcm_desktop.data.services.store import open_store

    try:
        store = open_store(profile, database_url).store
    except ReadOnlyStoreError as error:
        raise StorageError(read_only_advice(error)) from error
    try:
        if demo:
            from rcm_desktop.data.demo import load_demo

            load_demo(store)
        yield store
    finally:
        store.dispose()


def read_only_advice(error: ReadOnlyStoreError) -> str:
    """What the command line says of a healthy store it may not write: what is read-only,
    and where to work instead."""
    if error.folder_is_read_only:
        advice = _(
            "Copy the profile folder %(folder)s to a folder you may write to and run the "
            "command again with --profile naming the copy, or ask for write access to it."
        ) % {"folder": error.blocker}
    else:
        advice = _(
            "Copy the database to a profile folder you may write to and run the command "
            "again with --profile naming that folder, or ask for write access to the file."
        )
    return f"{error.message} {advice}"


def user_zone(profile: Profile, store: Store) -> str | None:
    """The user's zone: their choice in the profile's preferences, else their capital's."""
    from rcm_desktop.data.services.settings import profile_country
    from rcm_desktop.domain.timezones import capital_zone, zone
    from rcm_desktop.preferences import Preferences

    chosen = Preferences(profile.preferences_path).get("time_zone")
    if isinstance(chosen, str) and zone(chosen) is not None:
        return chosen
    country = profile_country(store)
    return capital_zone(country) if country else None


def document_language(code: str | None) -> str:
    """The language a command prints its document in: *code* (its own --lang), else the
    interface's; RcmDeskError for a language RCM Desk does not print in."""
    from rcm_desktop.errors import RcmDeskError
    from rcm_desktop.i18n import current_language, normalize_language

    if not code:
        return current_language()
    language = normalize_language(code)
    if not language:
        raise RcmDeskError(
            _("“%(code)s” is not a language RCM Desk prints in; use en, es, fr or pt.")
            % {"code": code}
        )
    return language


def say(out: TextIO, text: str) -> None:
    """Write one line of output."""
    out.write(text + "\n")
