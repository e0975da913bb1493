"""Engine and sessions: one engine per store, one session per user action.

SQLite runs with foreign keys on, a WAL journal and `synchronous=FULL`; any
other SQLAlchemy URL (PostgreSQL for a shared database) is used as given.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from rcm_desktop.data import changes, journal, versioning  # noqa: F401 - registers the hooks
from rcm_desktop.data.journal_action import calling_action
from rcm_desktop.domain import identity
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _

T = TypeVar("T")


def url_for_display(url: str) -> str:
    """A database URL as it may be shown on screen: the password hidden."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_url(path: Path) -> URL:
    """The SQLAlchemy URL of a SQLite file (built, not pasted, so "#" or "?" in a path stay literal)."""
    return URL.create("sqlite", database=str(path))


def sqlite_read_only_url(path: Path) -> URL:
    """The SQLAlchemy URL that opens the SQLite file *path* read-only (see `read_only_uri`):
    reading works, and any write is refused by SQLite itself."""
    from urllib.parse import parse_qsl

    from rcm_desktop.data.sqlite_file import read_only_uri

    location, _separator, query = read_only_uri(path).partition("?")
    return URL.create("sqlite", database=location, query={**dict(parse_qsl(query)), "uri": "true"})


#: What every connection to the profile's file sets: foreign keys checked, a wait for a busy
#: file, and the write-ahead log with full syncs.
_STORE_PRAGMAS = (
    "foreign_keys = ON",
    "busy_timeout = 5000",
    "journal_mode = WAL",
    "synchronous = FULL",
)
#: A store opened read-only: the same, less the journal mode (switching it is a write, which
#: SQLite refuses there) and its syncs.
_READ_ONLY_PRAGMAS = _STORE_PRAGMAS[:2]


def _pragma_setter(pragmas: tuple[str, ...]) -> Callable[[Any, Any], None]:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
        # schema changes (CREATE, ALTER in a migration) are transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in pragmas:
                cursor.execute(f"PRAGMA {pragma}")
        finally:
            cursor.close()

    return set_pragmas


_set_sqlite_pragmas = _pragma_setter(_STORE_PRAGMAS)
_set_read_only_pragmas = _pragma_setter(_READ_ONLY_PRAGMAS)


def _begin_sqlite_transaction(connection: Any) -> None:
    if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str | URL, *, read_only: bool = False) -> Engine:
    """An engine for *url*; SQLite connections get the store's pragmas."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        pragmas = _set_read_only_pragmas if read_only else _set_sqlite_pragmas
        event.listen(engine, "connect", pragmas)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def opened_read_only() -> str:
    """What a save in a store opened read-only is told (the user chose it; say how to leave it)."""
    return _(
        "This profile is open read-only, so nothing was saved. To work on it, quit RCM Desk, "
        "open it again and choose “Copy to another folder…”."
    )


def storage_error_for(error: BaseException) -> StorageError | None:
    """A user-facing StorageError for a disk-level failure, or None if *error* is not one."""
    text = str(getattr(error, "orig", error)).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StorageError(
            _(
                "The database cannot be written because the disk or file is read-only. "
                "Nothing was saved. Move the profile to a writable folder, or ask your "
                "administrator for write access, then try again."
            )
        )
    if "disk is full" in text or "database or disk is full" in text or "no space" in text:
        return StorageError(
            _(
                "The disk is full. Nothing was saved. Free some space on the disk "
                "that holds the profile, then try again."
            )
        )
    if "database is locked" in text:
        return StorageError(
            _(
                "The database is busy with another program. Nothing was saved. "
                "Wait a moment and try again."
            )
        )
    if "unable to open database" in text:
        return StorageError(
            _(
                "The database file cannot be opened. Check that the profile folder "
                "exists and that you may write to it."
            )
        )
    too_long = re.search(r"value too long for type character varying\((\d+)\)", text)
    if too_long:
        return StorageError(
            _(
                "One of the texts is longer than the database accepts (at most %(limit)s "
                "characters). Nothing was saved. Shorten it and save again."
            )
            % {"limit": too_long.group(1)}
        )
    if any(
        sign in text
        for sign in (
            "connection refused",
            "could not connect",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "the connection is lost",
            "consuming input failed",
        )
    ):
        return StorageError(
            _(
                "The database server cannot be reached. Nothing was saved, and what you "
                "typed is still here. Check the network connection, or ask whoever runs "
                "the server, then save again."
            )
        )
    return None


class Database:
    """A store: its URL, engine and session factory.

    `session()` is one unit of work. Opened while another is open on the same thread, it
    joins that one instead (no second transaction, no second connection), so that a page
    or a user action that calls several services costs one BEGIN and one COMMIT.
    """

    def __init__(self, url: str | URL, *, read_only: bool = False) -> None:
        self.url = url
        #: Opened read-only (`sqlite_read_only_url`): every write is refused with a StorageError.
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._current = threading.local()
        #: Who saves through this store, written beside every record saved (see identity.py).
        self.identity = identity.describe()
        #: This handle's mark on the changes it writes, so the window can tell its own from others'.
        self.origin = uuid.uuid4().hex[:16]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back everything on any error."""
        current: Session | None = getattr(self._current, "session", None)
        if current is not None:
            yield current  # the unit of work already open on this thread
            return
        session = self._sessions(
            info={
                "identity": self.identity,
                "origin": self.origin,
                journal.ACTION_KEY: calling_action(__name__),
            }
        )
        self._current.session = session
        try:
            yield session
            session.commit()
        except (OperationalError, DBAPIError) as error:
            session.rollback()
            translated = storage_error_for(error)
            if translated is not None and self.read_only:
                raise StorageError(opened_read_only()) from error
            if translated is not None:
                raise translated from error
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            self._current.session = None
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection (before a restore or at exit)."""
        self.engine.dispose()


_MEMO_KEY = "rcm_desk.memo"


def remembered(session: Session, key: object, compute: Callable[[], T]) -> T:
    """*compute()* once per unit of work (a page read by several services asks it once).

    Forgotten whenever the unit writes (a flush, or an UPDATE, INSERT or DELETE sent directly),
    so that nothing written in the same unit is read stale.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()  # what this unit wrote first (the flush forgets what was remembered)
    memo: dict[object, Any] = session.info.setdefault(_MEMO_KEY, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


@event.listens_for(Session, "after_flush")
def _forget_remembered(session: Session, _context: Any) -> None:
    session.info.pop(_MEMO_KEY, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_remembered_on_write(state: Any) -> None:
    if not state.is_select:  # an UPDATE, INSERT or DELETE statement sent directly
        state.session.info.pop(_MEMO_KEY, None)
