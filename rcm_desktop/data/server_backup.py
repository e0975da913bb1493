"""Backups of a server database with `pg_dump` (the JSON export, when pg_dump cannot, is the
service's: `rcm_desktop.data.services.backups`).

The password never appears on a command line (where other users of the computer
could read it): `pg_dump` gets it through the PGPASSWORD environment variable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from rcm_desktop.data.db import Database
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import discard_temporary, temporary_file

PG_DUMP = "pg_dump"
SERVER_PREFIX = "server-"


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    #: "pg_dump" (a custom-format archive for pg_restore) or "json" (the app's own export).
    method: str


def _url(database: Database) -> URL:
    return database.url if isinstance(database.url, URL) else make_url(database.url)


def libpq_target(url: URL) -> tuple[str, dict[str, str]]:
    """A connection URI for libpq tools without the password, and the environment that carries it."""
    bare = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    uri = bare.render_as_string(hide_password=False)
    environment = {"PGPASSWORD": str(url.password)} if url.password else {}
    return uri, environment


def pg_dump_available() -> str | None:
    """The path of `pg_dump`, or None when it is not installed."""
    return shutil.which(PG_DUMP)


def dump_with_pg_dump(database: Database, target: Path) -> Path | None:
    """Back up a PostgreSQL database to *target* in pg_dump's custom format.

    None when that cannot be done here: not PostgreSQL, pg_dump not installed, or older than
    the server (the caller then writes the app's own JSON export).
    """
    url = _url(database)
    program = pg_dump_available() if url.get_backend_name() == "postgresql" else None
    if program is None:
        return None
    try:
        return _pg_dump(program, url, target)
    except _VersionMismatch:
        return None


class _VersionMismatch(Exception):
    pass


def _pg_dump(program: str, url: URL, target: Path) -> Path:
    uri, secret = libpq_target(url)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = temporary_file(target.parent, ".dump")
    except OSError as error:
        raise StorageError(
            _("The backup could not be written to %(path)s: %(reason)s. Nothing was changed.")
            % {"path": target, "reason": error.strerror or error}
        ) from error
    command = [
        program,
        "--format=custom",
        "--no-password",
        "--file",
        str(temporary),
        "--dbname",
        uri,
    ]
    try:
        finished = subprocess.run(
            command,
            env={**os.environ, **secret},
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        discard_temporary(temporary)
        raise StorageError(
            _("pg_dump could not run (%(reason)s). No backup was written.") % {"reason": error}
        ) from error
    if finished.returncode != 0:
        discard_temporary(temporary)
        message = finished.stderr.strip()
        if "version mismatch" in message:
            raise _VersionMismatch(message)
        raise StorageError(
            _("pg_dump failed (%(reason)s). No backup was written.")
            % {"reason": message.splitlines()[-1] if message else finished.returncode}
        )
    os.replace(temporary, target)
    return target


def describe(backup: ServerBackup) -> str:
    """One sentence for the user: where the backup is and how to restore it."""
    if backup.method == "pg_dump":
        return _(
            "Backup of the server database written to %(path)s by pg_dump (restore it with "
            "pg_restore)."
        ) % {"path": backup.path}
    return _(
        "Every table of the database was exported as JSON to %(path)s (pg_dump is not "
        "installed here, or is older than the server)."
    ) % {"path": backup.path}
