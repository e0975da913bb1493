"""A shared database, as the user works with it: test a connection, copy a whole store to or
from a server, export every table, and take a copy home to work offline, then bring it back.

Each function here is one user action; the store modules do the work (`data.connection`,
`data.transfer`, `data.take_home`). Files (attachments, documents) are not in the database
and are never moved by these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from rcm_desktop.data.connection import (
    CONNECT_TIMEOUT,
    DEFAULT_PORT,
    PREFERENCE_KEY,
    PasswordNeededError,
    ServerAddress,
    address_of,
    connection_error,
    server_url,
    with_password,
    with_timeout,
    without_password,
)
from rcm_desktop.data.schema import StoreState, schema_status
from rcm_desktop.data.services.backups import keep_profile_copy
from rcm_desktop.data.services.replay import Choice, bring_back
from rcm_desktop.data.services.store import Store, shown_location
from rcm_desktop.data.store import database_at, open_database
from rcm_desktop.data.take_home import (
    BringBackReport,
    Checkout,
    NotACheckoutError,
    checkout_of,
    take_home,
)
from rcm_desktop.data.transfer import CopyReport, copy_store, export_data, user_rows
from rcm_desktop.errors import NewerSchemaError, NotAnRcmDatabaseError, RcmDeskError
from rcm_desktop.exchange.json_export import write_export
from rcm_desktop.i18n import _
from rcm_desktop.paths import Profile


@dataclass(frozen=True)
class ConnectionReport:
    """What a successful connection found."""

    server: str  # "PostgreSQL 16.4"
    #: "empty", "current", "older", "newer" or "foreign".
    state: str
    revision: str | None
    records: int | None = None


def check_connection(url: str, timeout: int = CONNECT_TIMEOUT) -> ConnectionReport:
    """Connect to *url* and say what it holds; raises StorageError (precise) when it cannot."""
    database = database_at(with_timeout(url, timeout))
    try:
        with database.engine.connect() as connection:
            if database.is_sqlite:
                version = connection.execute(text("SELECT sqlite_version()")).scalar()
                server = f"SQLite {version}"
            else:
                version = connection.execute(text("SHOW server_version")).scalar()
                server = f"PostgreSQL {str(version).split()[0]}"
        try:
            status = schema_status(database)
        except NewerSchemaError:
            return ConnectionReport(server, "newer", None)
        except NotAnRcmDatabaseError:
            return ConnectionReport(server, "foreign", None)
        records = None
        if status.state is not StoreState.EMPTY:
            with database.engine.connect() as connection:
                records = user_rows(connection) if status.state is StoreState.CURRENT else None
        return ConnectionReport(server, status.state.value, status.revision, records)
    except DBAPIError as error:
        raise connection_error(error, url) from error
    finally:
        database.dispose()


def describe_report(report: ConnectionReport) -> str:
    """The report in one or two sentences for the Settings page."""
    states = {
        "empty": _("The database is empty: RCM Desk will create its tables when it opens it."),
        "current": _("It holds an RCM Desk database of this version, up to date."),
        "older": _(
            "It holds an RCM Desk database of an older version: it will be brought up to date "
            "when RCM Desk opens it."
        ),
        "newer": _(
            "It holds an RCM Desk database written by a newer version; install that version "
            "to use it."
        ),
        "foreign": _("It holds tables RCM Desk did not create: choose another database."),
    }
    head = _("Connected to %(server)s.") % {"server": report.server}
    text_ = head + " " + states[report.state]
    if report.records is not None:
        text_ += " " + _("Records: %(n)d.") % {"n": report.records}
    return text_


@dataclass(frozen=True)
class CopyOutcome:
    """A whole store copied: what was copied, from where to where, and the file kept aside."""

    report: CopyReport
    source: str
    target: str
    saved: Path | None = None


def copy_profile_to_server(
    source: Store, profile: Profile, url: str, *, replace: bool
) -> CopyOutcome:
    """Copy the profile's open store into the database at *url* (one transaction there)."""
    target = open_database(profile, url)
    try:
        report = copy_store(source, target, replace=replace)
    finally:
        target.dispose()
    return CopyOutcome(report, str(profile.database_path), shown_location(profile, url))


def copy_server_to_profile(
    server: Store, profile: Profile, url: str, *, replace: bool
) -> CopyOutcome:
    """Copy the open server store into the profile's file, keeping a copy of that file first."""
    saved = keep_profile_copy(profile, "before-copy-")
    target = open_database(profile)
    try:
        report = copy_store(server, target, replace=replace)
    finally:
        target.dispose()
    return CopyOutcome(report, shown_location(profile, url), str(profile.database_path), saved)


def export_everything(store: Store, target: Path) -> Path:
    """Every table of the store written to *target* as JSON."""
    return write_export(export_data(store), target)


def take_home_from(server: Store, profile: Profile, url: str, *, replace: bool) -> CopyOutcome:
    """Copy a shared database into the profile to work offline, recording the checkout."""
    saved = keep_profile_copy(profile, "before-take-home-")
    home = open_database(profile)
    try:
        report = take_home(server, home, url, replace=replace)
    finally:
        home.dispose()
    return CopyOutcome(report, shown_location(profile, url), str(profile.root), saved)


@dataclass(frozen=True)
class BringBackOutcome:
    """What a bring-back did: its report, the checkout time, and the home copy kept aside."""

    report: BringBackReport
    checked_out_at: str
    saved: Path | None = None


def bring_back_profile(
    profile: Profile,
    url: str,
    choices: dict[str, Choice] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BringBackOutcome:
    """`bring_back_to` from the profile's own store, opened here and closed after."""
    home = open_database(profile)
    try:
        return bring_back_to(home, profile, url, None, choices, progress)
    finally:
        home.dispose()


def checkout_state(store: Store) -> Checkout | None:
    """Where and when this profile was taken home from, or None when it was not."""
    if not store.is_sqlite:
        return None
    try:
        return checkout_of(store)
    except NotACheckoutError:
        return None


def bring_back_to(
    home: Store,
    profile: Profile,
    url: str,
    prefer: str | None,
    choices: dict[str, Choice] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BringBackOutcome:
    """Replay the home copy's work on the server it came from; then refresh the home copy.

    With open conflicts (not settled by *choices* or *prefer*), nothing is written
    anywhere and the report lists them. A rerun after a crash applies nothing twice.
    """
    checkout = checkout_of(home)
    if without_password(url) != checkout.origin:
        raise RcmDeskError(
            _(
                "This profile was taken home from %(origin)s, not %(url)s. Bring it back to the "
                "database it came from."
            )
            % {"origin": checkout.origin, "url": shown_location(profile, url)}
        )
    server = open_database(profile, url)
    try:
        from rcm_desktop.data.store import prepare_store

        prepare_store(server, profile)
        report = bring_back(home, server, prefer=prefer, choices=choices, progress=progress)
        if not report.written:
            return BringBackOutcome(report, checkout.checked_out_at)
        home.dispose()
        saved = keep_profile_copy(profile, "before-bring-back-")
        fresh = open_database(profile)
        try:
            take_home(server, fresh, url, replace=True)
        finally:
            fresh.dispose()
        return BringBackOutcome(report, checkout.checked_out_at, saved)
    finally:
        server.dispose()


__all__ = [
    "CONNECT_TIMEOUT",
    "DEFAULT_PORT",
    "PREFERENCE_KEY",
    "BringBackOutcome",
    "ConnectionReport",
    "CopyOutcome",
    "PasswordNeededError",
    "ServerAddress",
    "address_of",
    "bring_back_to",
    "check_connection",
    "copy_profile_to_server",
    "copy_server_to_profile",
    "describe_report",
    "export_everything",
    "server_url",
    "take_home_from",
    "with_password",
    "without_password",
]
