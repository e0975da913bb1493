"""Reaching a shared database: building its URL, testing it, and saying precisely what went wrong.

The password is never written to the profile's preferences: the remembered URL has
none, and RCM Desk asks for it at start when the server wants one (libpq's own
password file, `~/.pgpass`, or the PGPASSWORD variable answer instead when set).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
#: Seconds to wait for a server before saying it does not answer.
CONNECT_TIMEOUT = 8
#: The profile preference holding the chosen shared database's URL, without its password.
PREFERENCE_KEY = "database.url"


class PasswordNeededError(StorageError):
    """The server wants a password and none was given."""


@dataclass(frozen=True)
class ServerAddress:
    """What the Settings form holds."""

    host: str
    port: int
    database: str
    user: str
    password: str = ""


def server_url(address: ServerAddress, *, with_password: bool = True) -> str:
    """The SQLAlchemy URL of a PostgreSQL server (the password left out unless asked)."""
    url = URL.create(
        DRIVER,
        username=address.user.strip() or None,
        password=(address.password or None) if with_password else None,
        host=address.host.strip() or None,
        port=address.port or None,
        database=address.database.strip() or None,
    )
    return url.render_as_string(hide_password=False)


def address_of(url: str) -> ServerAddress | None:
    """The form's fields for a PostgreSQL URL, or None for another kind of URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "postgresql":
        return None
    return ServerAddress(
        host=parsed.host or str(parsed.query.get("host", "")),
        port=parsed.port or DEFAULT_PORT,
        database=parsed.database or "",
        user=parsed.username or "",
        password=parsed.password or "",
    )


def without_password(url: str) -> str:
    """*url* with its password removed (what may be remembered in the preferences)."""
    parsed = make_url(url)
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False)


def with_password(url: str, password: str) -> str:
    """*url* carrying *password* (kept in memory only, for this run)."""
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def with_timeout(url: str, seconds: int) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # refused with its own message when the store is opened
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return url
    return parsed.update_query_dict({"connect_timeout": str(seconds)}).render_as_string(
        hide_password=False
    )


def connection_error(error: BaseException, url: str | URL) -> StorageError:
    """A message naming what stopped the connection, and what to check."""
    from rcm_desktop.data.db import storage_error_for

    parsed = make_url(url) if isinstance(url, str) else url
    reason = str(getattr(error, "orig", None) or error).strip()
    low = reason.lower()
    place = {
        "host": parsed.host or str(parsed.query.get("host", "")) or "localhost",
        "port": parsed.port or DEFAULT_PORT,
        "user": parsed.username or "",
        "database": parsed.database or "",
        "seconds": CONNECT_TIMEOUT,
    }
    if "no password supplied" in low or "password is required" in low:
        return PasswordNeededError(_("The server asks for the password of %(user)s.") % place)
    if "password authentication failed" in low or "authentication failed" in low:
        return StorageError(
            _(
                "The server refused the user name or password (user %(user)s). Check them "
                "and try again."
            )
            % place
        )
    if "does not exist" in low and "database" in low:
        return StorageError(
            _(
                "The server %(host)s has no database named “%(database)s”. Check the name, "
                "or ask whoever runs the server to create it."
            )
            % place
        )
    if "does not exist" in low and "role" in low:
        return StorageError(
            _("The server %(host)s has no user named “%(user)s”. Check the user name.") % place
        )
    if (
        "translate host name" in low
        or "name or service not known" in low
        or ("nodename nor servname" in low)
    ):
        return StorageError(
            _(
                "No server named “%(host)s” can be found. Check its spelling and the network "
                "(or VPN) connection."
            )
            % place
        )
    if "connection refused" in low:
        return StorageError(
            _(
                "The server %(host)s refused the connection on port %(port)s: no database "
                "server is listening there. Check the host and port, and that the server is "
                "running."
            )
            % place
        )
    if "timeout expired" in low or "timed out" in low:
        return StorageError(
            _(
                "The server %(host)s did not answer within %(seconds)d seconds. Check the host "
                "name and the network (or VPN) connection."
            )
            % place
        )
    if "pg_hba.conf" in low:
        return StorageError(
            _(
                "The server %(host)s does not accept connections from this computer for the "
                "user %(user)s. Ask whoever runs the server to allow it."
            )
            % place
        )
    translated = storage_error_for(error)
    if translated is not None:
        return translated
    first = reason.splitlines()[0] if reason else type(error).__name__
    return StorageError(
        _(
            "RCM Desk cannot reach the database (%(reason)s). Check that the server is "
            "running and the URL is right, then try again."
        )
        % {"reason": first}
    )
