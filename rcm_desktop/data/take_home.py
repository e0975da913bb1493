"""Working offline from a shared database: take a copy home, bring the changes back.

See README, "Working offline from a shared database". A checkout records, in the home
copy's `settings`, the origin URL (no password), the checkout time and, per row, its
`row_version` (records users edit) and a digest of its content. Bringing back compares
checkout, home and server per row; conflicts are listed and nothing is written unless
the caller prefers one side. Everything is written in one transaction on the server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update

from rcm_desktop.data.connection import without_password
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Setting
from rcm_desktop.data.transfer import (
    REFERENCE_TABLES,
    CopyReport,
    _snapshot,
    copy_store,
    tables,
)
from rcm_desktop.domain.plain import to_plain
from rcm_desktop.errors import RcmDeskError, StorageError
from rcm_desktop.i18n import _

ORIGIN_KEY = "take_home.origin"
CHECKED_OUT_KEY = "take_home.checked_out_at"
BASE_KEY = "take_home.base"
#: Columns the app stamps on every save: not a difference of content between two sides.
STAMPS = frozenset({"row_version", "updated_at", "updated_by"})
VERSION = "row_version"


@dataclass(frozen=True)
class Conflict:
    """A row both sides changed (or one changed and the other deleted): both versions."""

    table: str
    key: tuple[Any, ...]
    kind: str  # "both-changed", "deleted-here", "deleted-there"
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None

    def differences(self) -> list[tuple[str, Any, Any]]:
        """(column, mine, theirs) for each column whose content differs."""
        mine, theirs = self.mine or {}, self.theirs or {}
        names = [name for name in (mine or theirs) if name not in STAMPS]
        return [(n, mine.get(n), theirs.get(n)) for n in names if mine.get(n) != theirs.get(n)]


@dataclass
class BringBackReport:
    updated: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    written: bool = False

    def count(self, what: dict[str, int], table: str) -> None:
        what[table] = what.get(table, 0) + 1


class NotACheckoutError(RcmDeskError):
    """The profile was not taken home from a shared database."""


def synced_tables() -> list[Table]:
    """Tables brought back: everything but reference data, settings and the change counter."""
    return [table for table in tables() if table.name not in REFERENCE_TABLES]


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _digest(row: dict[str, Any]) -> str:
    content = {name: value for name, value in row.items() if name not in STAMPS}
    text = json.dumps(content, default=to_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # a change marker, not security


def _read(connection: Connection, table: Table) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {
        _key(table, dict(row)): dict(row) for row in connection.execute(select(table)).mappings()
    }


def _state(row: dict[str, Any]) -> list[Any]:
    return [row.get(VERSION), _digest(row)]


# -- check out ----------------------------------------------------------------------------


def take_home(
    server: Database, home: Database, origin_url: str, *, replace: bool = False
) -> CopyReport:
    """Copy the server into the home profile and record what each row was at checkout."""
    report = copy_store(server, home, replace=replace)
    base: dict[str, dict[str, list[Any]]] = {}
    with home.engine.connect() as connection:
        for table in synced_tables():
            base[table.name] = {
                json.dumps(key, default=to_plain): _state(row)
                for key, row in _read(connection, table).items()
            }
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()
    with home.session() as session:
        for name, value in (
            (ORIGIN_KEY, without_password(origin_url)),
            (CHECKED_OUT_KEY, now),
            (BASE_KEY, json.dumps(base)),
        ):
            session.merge(Setting(key=name, value=value))
    return report


def checkout_of(home: Database) -> tuple[str, str, dict[str, dict[str, list[Any]]]]:
    """The origin URL, checkout time and per-row states a home copy recorded."""
    with home.engine.connect() as connection:
        values = dict(
            connection.execute(
                select(Setting.key, Setting.value).where(
                    Setting.key.in_((ORIGIN_KEY, CHECKED_OUT_KEY, BASE_KEY))
                )
            ).all()
        )
    if BASE_KEY not in values:
        raise NotACheckoutError(
            _(
                "This profile was not taken home from a shared database, so there is nothing "
                "to bring back. Use copy-database to copy a whole profile."
            )
        )
    return values[ORIGIN_KEY], values[CHECKED_OUT_KEY], json.loads(values[BASE_KEY])


# -- bring back ---------------------------------------------------------------------------


def bring_back(home: Database, server: Database, *, prefer: str | None = None) -> BringBackReport:
    """Apply the home copy's changes to the server; conflicts block the write unless *prefer*.

    *prefer* is None (list conflicts, write nothing if there are any), "mine" (the home
    version wins every conflict) or "theirs" (the server's version stays).
    """
    _origin, _when, base_states = checkout_of(home)
    base = {
        name: {tuple(json.loads(key)): state for key, state in rows.items()}
        for name, rows in base_states.items()
    }
    report = BringBackReport()
    try:
        with _snapshot(home) as reading, reading.begin(), server.engine.begin() as writing:
            home_rows = {table.name: _read(reading, table) for table in synced_tables()}
            server_rows = {table.name: _read(writing, table) for table in synced_tables()}
            plan = _Plan(base, home_rows, server_rows, prefer, report)
            plan.classify()
            if report.conflicts and prefer is None:
                writing.rollback()
                return report
            plan.apply(writing)
            report.written = True
    except RcmDeskError:
        raise
    except Exception as error:  # a constraint on the server: nothing was written
        from rcm_desktop.data.db import storage_error_for

        translated = storage_error_for(error)
        if translated is not None:
            raise translated from error
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise StorageError(
            _("The server refused the changes (%(reason)s). Nothing was written.")
            % {"reason": reason}
        ) from error
    return report


class _Plan:
    """Classifies each row (checkout, home, server) and writes the outcome."""

    def __init__(
        self,
        base: dict[str, dict[tuple[Any, ...], list[Any]]],
        home: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
        server: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
        prefer: str | None,
        report: BringBackReport,
    ) -> None:
        self.base, self.home, self.server = base, home, server
        self.prefer = prefer
        self.report = report
        self.updates: dict[str, list[tuple[Any, ...]]] = {}
        self.creates: dict[str, list[tuple[Any, ...]]] = {}
        self.deletes: dict[str, list[tuple[Any, ...]]] = {}

    def _changed_here(self, table: str, key: tuple[Any, ...]) -> bool:
        state = self.base[table][key]
        return _state(self.home[table][key]) != state

    def _changed_there(self, table: Table, key: tuple[Any, ...]) -> bool:
        version, digest = self.base[table.name][key]
        row = self.server[table.name][key]
        if VERSION in table.columns:
            return row[VERSION] != version
        return _digest(row) != digest

    def _conflict(self, table: Table, key: tuple[Any, ...], kind: str) -> bool:
        """Record a conflict; True when the home version should be written anyway."""
        mine = self.home[table.name].get(key)
        theirs = self.server[table.name].get(key)
        self.report.conflicts.append(Conflict(table.name, key, kind, mine, theirs))
        return self.prefer == "mine"

    def classify(self) -> None:
        for table in synced_tables():
            name = table.name
            base, home, server = self.base.get(name, {}), self.home[name], self.server[name]
            for key in home:
                if key not in base:
                    self.creates.setdefault(name, []).append(key)
                elif not self._changed_here(name, key):
                    continue
                elif key not in server:
                    if self._conflict(table, key, "deleted-there"):
                        self.creates.setdefault(name, []).append(key)
                elif not self._changed_there(table, key) or _digest(home[key]) == _digest(
                    server[key]
                ):
                    if _digest(home[key]) != _digest(server[key]):
                        self.updates.setdefault(name, []).append(key)
                elif self._conflict(table, key, "both-changed"):
                    self.updates.setdefault(name, []).append(key)
            for key in base:
                if key in home or key not in server:
                    continue
                if self._changed_there(table, key) or self._busy_under(table, key):
                    if self._conflict(table, key, "deleted-here"):
                        self.deletes.setdefault(name, []).append(key)
                else:
                    self.deletes.setdefault(name, []).append(key)

    def _busy_under(self, table: Table, key: tuple[Any, ...]) -> bool:
        """Whether the server added or changed rows that deleting this one would cascade to."""
        if len(key) != 1:
            return False
        for child in synced_tables():
            for foreign in child.foreign_keys:
                if foreign.column.table is not table or foreign.ondelete != "CASCADE":
                    continue
                for child_key, row in self.server[child.name].items():
                    if row[foreign.parent.name] != key[0]:
                        continue
                    if child_key not in self.base.get(child.name, {}):
                        return True
                    if self._changed_there(child, child_key):
                        return True
        return False

    # -- writing ---------------------------------------------------------------------------

    def apply(self, connection: Connection) -> None:
        mapping: dict[str, dict[Any, Any]] = {}
        for table in synced_tables():
            self._create(connection, table, mapping)
            for key in self.updates.get(table.name, []):
                self._update(connection, table, key, mapping)
        for table in reversed(synced_tables()):
            for key in self.deletes.get(table.name, []):
                connection.execute(delete(table).where(*_where(table, key)))
                self.report.count(self.report.deleted, table.name)

    def _values(
        self, table: Table, row: dict[str, Any], mapping: dict[str, dict[Any, Any]]
    ) -> dict[str, Any]:
        values = dict(row)
        for foreign in table.foreign_keys:
            target = mapping.get(foreign.column.table.name, {})
            name = foreign.parent.name
            if values.get(name) in target:
                values[name] = target[values[name]]
        return values

    def _create(
        self, connection: Connection, table: Table, mapping: dict[str, dict[Any, Any]]
    ) -> None:
        keys = self.creates.get(table.name, [])
        if not keys:
            return
        columns = list(table.primary_key.columns)
        generated = (
            len(columns) == 1
            and columns[0].autoincrement is not False
            and (columns[0].type.python_type is int)
        )
        own = mapping.setdefault(table.name, {})
        late = [
            foreign.parent.name for foreign in table.foreign_keys if foreign.column.table is table
        ]
        for key in keys:
            values = self._values(table, self.home[table.name][key], mapping)
            for name in late:
                values[name] = None  # may point at a row created after this one
            if generated:
                values.pop(columns[0].name)
                if VERSION in table.columns:
                    values[VERSION] = 1
                new_id = connection.execute(
                    table.insert().values(values).returning(columns[0])
                ).scalar_one()
                own[key[0]] = new_id
            else:
                if connection.execute(
                    select(table).where(*_where(table, _key(table, values)))
                ).first():
                    continue  # the server already has this link
                connection.execute(table.insert().values(values))
            self.report.count(self.report.created, table.name)
        for key in keys:
            row = self.home[table.name][key]
            fixes = {
                name: mapping[table.name].get(row[name], row[name])
                for name in late
                if row.get(name) is not None
            }
            if fixes and generated:
                connection.execute(update(table).where(columns[0] == own[key[0]]).values(fixes))

    def _update(
        self,
        connection: Connection,
        table: Table,
        key: tuple[Any, ...],
        mapping: dict[str, dict[Any, Any]],
    ) -> None:
        values = self._values(table, self.home[table.name][key], mapping)
        for column in table.primary_key.columns:
            values.pop(column.name)
        condition = list(_where(table, key))
        if VERSION in table.columns:
            theirs = self.server[table.name][key][VERSION]
            condition.append(table.c[VERSION] == theirs)  # still what was read
            values[VERSION] = theirs + 1
        done = connection.execute(update(table).where(*condition).values(values))
        if done.rowcount != 1:
            raise StorageError(
                _(
                    "A record of %(table)s was changed on the server while bringing back. "
                    "Nothing was written; run bring-back again."
                )
                % {"table": table.name}
            )
        self.report.count(self.report.updated, table.name)


def _where(table: Table, key: Iterable[Any]) -> list[Any]:
    return [column == value for column, value in zip(table.primary_key.columns, key, strict=True)]
