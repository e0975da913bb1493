"""Bring-back in one batch: the same replay, in a few round trips instead of eight an action.

Over a slow link (100 ms a round trip) the careful replay's savepoint, lookups, writes and
journal entry for each action add up to minutes for a day's work. When the home work holds
only edits and additions that no rule of the server weighs on (no deletion, no nomination,
no seat or limit, no reordering), the batch replays it with every record read and locked
ahead (a query or two a table), nothing written until the end, the server's journal entries
written in two statements, and one flush: the ORM sends same-shaped writes together.

The result is the careful replay's, conflicts included: the same decisions are taken on
the same values, in the same order. Anything the batch cannot vouch for (a database
refusal at the final write) rolls the whole batch back, and the careful replay runs.
"""

from __future__ import annotations

from typing import Any

from rcm_desktop.data.journal import ENABLED_KEY, JournalRecordChange, about_of, write_entries
from rcm_desktop.data.journal_owners import tracked_tables
from rcm_desktop.data.services.replay import HomeChange, HomeEntry, _Replayer
from rcm_desktop.data.services.replay_conflicts import as_plain

#: Tables whose changes the server's rules weigh on: replayed carefully, one by one.
RULED = frozenset({"nominations", "seats"})
#: Fields whose change the batch leaves to the careful replay.
CAREFUL_FIELDS = frozenset({"position", "max_participants_per_country"})


def batchable(entries: list[HomeEntry]) -> bool:
    """Whether the home work can be replayed in one batch (see the module's docstring)."""
    for entry in entries:
        for change in entry.changes:
            if change.operation == "delete" or change.table in RULED:
                return False
            if change.operation == "insert" and change.table == "meetings":
                return False
            if change.operation == "update" and CAREFUL_FIELDS & set(change.new):
                return False
    return True


class BatchReplayer(_Replayer):
    """Replays home entries without savepoints, writing everything at the end."""

    def start(self, entries: list[HomeEntry]) -> None:
        """Read ahead and lock what the entries change, and the records they point at."""
        self.session.info[ENABLED_KEY] = False  # this batch writes its own entries
        self.records.batch = True
        self.out: list[tuple[Any, list[JournalRecordChange]]] = []
        self.written: list[JournalRecordChange] = []
        tracked = tracked_tables()
        changed: dict[str, set[str]] = {}
        pointed: dict[str, set[str]] = {}
        for entry in entries:
            for change in entry.changes:
                changed.setdefault(change.table, set()).add(change.gid)
                for foreign in tracked[change.table].foreign_keys:
                    target = foreign.column.table.name
                    value = change.new.get(foreign.parent.name)
                    if target in tracked and isinstance(value, str):
                        pointed.setdefault(target, set()).add(value)
        with self.session.no_autoflush:
            self.records.read_ahead(changed, pointed)

    def replay(self, entry: HomeEntry) -> None:
        conflicts_before = len(self.report.conflicts)
        self.written = []
        with self.session.no_autoflush:
            for change in sorted(
                (c for c in entry.changes if c.operation == "insert"),
                key=lambda c: self.records.order(c.table),
            ):
                self._insert(entry, change)
            for change in entry.changes:
                if change.operation == "update":
                    self._update(entry, change)
        settled = [as_plain(c) for c in self.report.conflicts[conflicts_before:]]
        arguments = {**entry.header.arguments, "brought_back_at": self.now}
        if settled:
            arguments["conflicts"] = settled
        header = entry.header.__class__(**{**entry.header.__dict__, "arguments": arguments})
        self.out.append((header, self.written))

    def _insert(self, entry: HomeEntry, change: HomeChange) -> Any:
        record = super()._insert(entry, change)
        if record is not None:
            values = dict(change.new)
            if "position" in values:
                values["position"] = record.position  # a place the server had taken moves
            self.written.append(
                JournalRecordChange(change.table, 0, change.gid, "insert", {}, values)
            )
        return record

    def _update(
        self, entry: HomeEntry, change: HomeChange
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        theirs, wanted = super()._update(entry, change)
        if wanted:
            about = about_of(theirs)
            old = {name: theirs.get(name) for name in wanted}
            self.written.append(
                JournalRecordChange(change.table, 0, change.gid, "update", old, dict(wanted), about)
            )
        return theirs, wanted

    def finish(self) -> None:
        """One flush for every record, the server's journal entries, then what is derived."""
        self.session.flush()
        write_entries(self.session, self.out)
        self.session.info.pop(ENABLED_KEY, None)
        super().finish()
