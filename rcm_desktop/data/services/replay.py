"""Bring-back: the home journal's actions replayed on the server, in one transaction.

Each home entry after the checkout's journal position is replayed in order, inside a
savepoint, as the change it recorded: records are found by global id; a field is written
only where the server still holds the value the home change started from (else the field
is a conflict); a deletion goes only when the server's record, and everything deleting it
would take along, is still as the home copy deleted it. The server's rules then check the
result (delegation limits, one seat each, one nomination per seat) and a refused action is
a conflict. Version checks and row locks apply as for any save.

Work that only edits and adds is replayed in one batch first (`replay_fast`): the same
decisions in a few round trips; the careful replay runs when the batch cannot vouch for it.

Every replayed entry becomes one server journal entry that names the home entry it
replays, so a rerun after a crash applies each home entry exactly once. Conflicts block
the whole write unless each is settled: by `choices` (the conflicts screen) or `prefer`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from rcm_desktop.data.db import Database
from rcm_desktop.data.journal import EntryHeader, discard_pending, write_pending
from rcm_desktop.data.models import (
    JournalChange,
    JournalEntry,
    Meeting,
    MeetingSession,
    Nomination,
    Seat,
)
from rcm_desktop.data.services.replay_conflicts import as_plain as _as_plain
from rcm_desktop.data.services.replay_conflicts import from_plain as _from_plain
from rcm_desktop.data.services.replay_conflicts import settled_conflicts
from rcm_desktop.data.services.replay_records import Records
from rcm_desktop.data.take_home import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    REFUSED,
    BringBackReport,
    Conflict,
    FieldConflict,
    checkout_of,
)
from rcm_desktop.domain.nominations import ACTIVE_NOMINATION_STATUSES
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _

Progress = Callable[[int, int], None]
#: A choice for a conflict: "mine", "theirs", or ("edit", value) for one field.
Choice = Any


@dataclass(frozen=True)
class HomeChange:
    table: str
    gid: str
    operation: str
    old: dict[str, Any]
    new: dict[str, Any]


@dataclass(frozen=True)
class HomeEntry:
    uuid: str
    header: EntryHeader
    changes: tuple[HomeChange, ...]


class _Blocked(Exception):
    """Open conflicts: roll the whole server transaction back."""


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def home_entries(home: Database, mark: int) -> list[HomeEntry]:
    """The work done at home: the home journal's entries after *mark*, oldest first."""
    with home.session() as session:
        entries = session.scalars(
            select(JournalEntry).where(JournalEntry.id > mark).order_by(JournalEntry.id)
        ).all()
        changes: dict[int, list[HomeChange]] = {}
        for change in session.scalars(
            select(JournalChange)
            .where(JournalChange.entry_id > mark)
            .order_by(JournalChange.entry_id, JournalChange.position)
        ):
            changes.setdefault(change.entry_id, []).append(
                HomeChange(
                    change.table_name,
                    change.record_gid,
                    change.operation,
                    dict(change.old or {}),
                    dict(change.new or {}),
                )
            )
        return [
            HomeEntry(
                entry.entry_uuid,
                EntryHeader(
                    entry.who, entry.at, entry.action, dict(entry.arguments or {}), entry.entry_uuid
                ),
                tuple(changes.get(entry.id, ())),
            )
            for entry in entries
        ]


def bring_back(
    home: Database,
    server: Database,
    *,
    prefer: str | None = None,
    choices: dict[str, Choice] | None = None,
    progress: Progress | None = None,
) -> BringBackReport:
    """Replay the home copy's work on the server; see the module's docstring.

    Returns the report; `written` is False when open conflicts blocked the write (nothing
    was written then). Raises StorageError when the server changed a record while this ran.
    """
    from rcm_desktop.data.services.replay_fast import BatchReplayer, batchable

    checkout = checkout_of(home)
    entries = home_entries(home, checkout.mark)
    if batchable(entries):
        try:
            return _run(BatchReplayer, server, checkout.mark, entries, prefer, choices, progress)
        except (IntegrityError, StorageError, _Refused):
            pass  # the batch could not vouch for something: the careful replay decides
    return _run(_Replayer, server, checkout.mark, entries, prefer, choices, progress)


def _run(
    kind: type[_Replayer],
    server: Database,
    mark: int,
    entries: list[HomeEntry],
    prefer: str | None,
    choices: dict[str, Choice] | None,
    progress: Progress | None,
) -> BringBackReport:
    report = BringBackReport()
    try:
        with server.session() as session:
            replayer = kind(session, mark, prefer, choices or {}, report)
            done_before = replayer.applied([entry.uuid for entry in entries])
            replayer.start([entry for entry in entries if entry.uuid not in done_before])
            for number, entry in enumerate(entries, start=1):
                if entry.uuid in done_before:
                    report.already_applied += 1
                else:
                    replayer.replay(entry)
                    report.replayed += 1
                if progress:
                    progress(number, len(entries))
            if report.open_conflicts:
                raise _Blocked
            replayer.finish()
        report.written = True
    except _Blocked:
        report.written = False
    except StaleDataError as error:
        raise StorageError(
            _(
                "A record was saved on the server while bringing back. Nothing was written; "
                "run bring-back again."
            )
        ) from error
    return report


class _Replayer:
    """Replays home entries in one open server unit of work."""

    def __init__(
        self,
        session: Session,
        mark: int,
        prefer: str | None,
        choices: dict[str, Choice],
        report: BringBackReport,
    ) -> None:
        self.session = session
        self.records = Records(session)
        self.mark = mark
        self.prefer = prefer
        self.choices = choices
        self.report = report
        self.touched_nominations: set[int] = set()
        #: Meetings whose limit or seats an entry changed (their rules are checked again),
        #: and those whose sessions changed (their derived dates are counted again).
        self.touched_seats: set[int] = set()
        self.touched_meetings: set[str] = set()
        self.now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()

    def start(self, entries: list[HomeEntry]) -> None:
        """Before the first entry (the batch reads ahead here)."""

    def applied(self, uuids: list[str]) -> set[str]:
        """Home entries the server already replayed (a rerun after a crash); the conflicts
        settled then are reported again."""
        done: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            for replayed, arguments in self.session.execute(
                select(JournalEntry.replayed, JournalEntry.arguments).where(
                    JournalEntry.replayed.in_(chunk)
                )
            ):
                done.add(replayed)
                for plain in (arguments or {}).get("conflicts", ()):
                    self.report.conflicts.append(_from_plain(plain))
        return done

    # -- one entry ------------------------------------------------------------------------

    def replay(self, entry: HomeEntry) -> None:
        counts = (dict(self.report.created), dict(self.report.updated), dict(self.report.deleted))
        conflicts_before = len(self.report.conflicts)
        savepoint = self.session.begin_nested()
        self.records.forget()
        try:
            self._apply(entry)
            self.session.flush()
            self._check_rules(entry)
            savepoint.commit()
        except (_Refused, IntegrityError) as refusal:
            savepoint.rollback()
            discard_pending(self.session)
            self.records.forget()
            self.report.created, self.report.updated, self.report.deleted = counts
            del self.report.conflicts[conflicts_before:]  # the refusal stands for them all
            message = refusal.message if isinstance(refusal, _Refused) else _integrity(refusal)
            self._refused(entry, message)
        settled = [_as_plain(c) for c in self.report.conflicts[conflicts_before:]]
        arguments = {**entry.header.arguments, "brought_back_at": self.now}
        if settled:  # the server's entry keeps how each conflict was settled
            arguments["conflicts"] = settled
        write_pending(self.session, replace(entry.header, arguments=arguments))

    def _apply(self, entry: HomeEntry) -> None:
        deletes = [c for c in entry.changes if c.operation == "delete"]
        inserts = [c for c in entry.changes if c.operation == "insert"]
        updates = [c for c in entry.changes if c.operation == "update"]
        if deletes:
            self._delete_all(entry, deletes)
        for change in sorted(inserts, key=lambda c: self.records.order(c.table)):
            self._insert(entry, change)
        self.session.flush()
        self.places: list[tuple[Any, int]] = []
        for change in updates:
            self._update(entry, change)
        self._place_all()

    def _place_all(self) -> None:
        """New orders in two steps, as the editors save them: out of the way, then in place."""
        places, self.places = self.places, []
        if not places:
            return
        for offset, (record, _position) in enumerate(places, start=1):
            record.position = -offset
        self.session.flush()
        for record, position in places:
            self.records.assign(record, {"position": position})

    def _conflict(
        self, entry: HomeEntry, change: HomeChange, kind: str, **details: Any
    ) -> Conflict:
        conflict = Conflict(
            table=change.table,
            key=(change.gid,),
            kind=kind,
            mine=change.new or None,
            theirs=details.pop("theirs", None),
            entry=entry.uuid,
            action=entry.header.action,
            who_mine=entry.header.who,
            **details,
        )
        who, at = self.records.last_server_change(change.gid, self.mark)
        conflict.who_theirs, conflict.at_theirs = who, at
        self.report.conflicts.append(conflict)
        return conflict

    def _decide(self, conflict: Conflict, column: str = "") -> Choice:
        """The settled choice for a conflict (or one of its fields), or None while open."""
        choice = self.choices.get(conflict.choice_key(column))
        if choice is None and column:
            choice = self.choices.get(conflict.choice_key())
        if choice is None:
            choice = self.prefer
        return choice

    def _refused(self, entry: HomeEntry, message: str) -> None:
        first = entry.changes[0] if entry.changes else HomeChange("", "", "", {}, {})
        records = tuple(change.gid for change in entry.changes)
        conflict = self._conflict(entry, first, REFUSED, message=message, records=records)
        choice = self.choices.get(conflict.choice_key()) or self.prefer
        # A refused action cannot be forced; choosing either side leaves the server's.
        conflict.resolution = "theirs" if choice else None

    # -- deletions ------------------------------------------------------------------------

    def _delete_all(self, entry: HomeEntry, deletes: list[HomeChange]) -> None:
        """Delete what the home copy deleted, each record only if the server's is as the
        home copy deleted it; one changed below makes its parents conflicts too."""
        recorded = {change.gid: change for change in entry.changes}
        going = []
        for change in deletes:
            theirs = self.records.plain_of(change.table, change.gid)
            if theirs is None:
                continue  # already gone on the server
            changed = any(k in theirs and theirs[k] != v for k, v in change.old.items())
            under = self.records.busy_under(change.table, change.gid, recorded)
            if changed or under:
                conflict = self._conflict(
                    entry, change, DELETED_HERE, theirs=theirs, records=tuple(under)
                )
                choice = self._decide(conflict)
                conflict.resolution = choice if choice in ("mine", "theirs") else None
                if choice != "mine":
                    continue
            going.append(change)
        for change in sorted(going, key=lambda c: self.records.order(c.table)):
            record = self.records.get(change.table, change.gid)
            if record is not None:
                self.session.delete(record)
                self.session.flush()
                self.report.count(self.report.deleted, change.table)

    # -- insertions -----------------------------------------------------------------------

    def _insert(self, entry: HomeEntry, change: HomeChange) -> Any:
        """The record created, or None (the server has it, or what it belongs to is gone)."""
        if self.records.get(change.table, change.gid) is not None:
            return None  # the server has it already
        missing = self.records.missing_references(change.table, change.new)
        if missing:
            conflict = self._conflict(entry, change, DELETED_THERE)
            conflict.message = _("What it belongs to was deleted on the server.")
            conflict.resolution = "theirs" if self._decide(conflict) else None
            return None
        record = self.records.create(change.table, change.gid, change.new)
        self._touched(record)
        self.report.count(self.report.created, change.table)
        return record

    # -- field changes --------------------------------------------------------------------

    def _update(
        self, entry: HomeEntry, change: HomeChange
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The server's values before, and the values written (empty when none)."""
        record = self.records.get(change.table, change.gid, lock=True)
        if record is None:
            conflict = self._conflict(entry, change, DELETED_THERE)
            conflict.message = _("It was deleted on the server.")
            conflict.resolution = "theirs" if self._decide(conflict) else None
            return {}, {}
        theirs = self.records.plain(record)
        wanted: dict[str, Any] = {}
        clashes: list[FieldConflict] = []
        for column, mine in change.new.items():
            now = theirs.get(column)
            if now == mine:
                continue
            base = change.old.get(column)
            if column not in change.old or now == base:
                wanted[column] = mine
            else:
                clashes.append(FieldConflict(column, base, mine, now))
        if clashes:
            conflict = self._conflict(
                entry, change, BOTH_CHANGED, theirs=theirs, fields=tuple(clashes)
            )
            settled = True
            for clash in clashes:
                choice = self._decide(conflict, clash.column)
                if choice == "mine":
                    wanted[clash.column] = clash.mine
                elif isinstance(choice, tuple) and choice[:1] == ("edit",):
                    wanted[clash.column] = choice[1]
                elif choice != "theirs":
                    settled = False
            if settled:
                conflict.resolution = self._settled_as(conflict, clashes)
        if wanted:
            if self.records.missing_references(change.table, wanted):
                raise _Refused(_("A record it points to was deleted on the server."))
            if "position" in wanted:
                self.places.append((record, wanted.pop("position")))
            self.records.assign(record, wanted)
            self._touched(record, wanted)
            self.report.count(self.report.updated, change.table)
        return theirs, wanted

    def _touched(self, record: Any, wanted: dict[str, Any] | None = None) -> None:
        if isinstance(record, Nomination):
            self.touched_nominations.add(record.id)
        elif isinstance(record, Seat):
            self.touched_seats.add(record.meeting_id)
        elif isinstance(record, Meeting):
            self.touched_meetings.add(record.global_id)
            if wanted is None or "max_participants_per_country" in wanted:
                self.touched_seats.add(record.id)
        if isinstance(record, MeetingSession):
            meeting_gid = self.records.gid_of("meetings", record.meeting_id)
            if meeting_gid:
                self.touched_meetings.add(meeting_gid)

    def _settled_as(self, conflict: Conflict, clashes: list[FieldConflict]) -> str:
        kinds = {
            "edited" if isinstance(choice, tuple) else str(choice)
            for choice in (self._decide(conflict, clash.column) for clash in clashes)
        }
        return kinds.pop() if len(kinds) == 1 else "edited"

    # -- rules ----------------------------------------------------------------------------

    def _check_rules(self, entry: HomeEntry) -> None:
        from rcm_desktop.data.services.nominations import check_rules
        from rcm_desktop.data.services.seats import check_seat_rules
        from rcm_desktop.errors import ValidationError

        meetings, self.touched_seats = self.touched_seats, set()
        for meeting_id in sorted(meetings):
            try:
                check_seat_rules(self.session, meeting_id)
            except ValidationError as refusal:
                raise _Refused(refusal.message) from refusal
        touched, self.touched_nominations = self.touched_nominations, set()
        for nomination_id in sorted(touched):
            nomination = self.session.get(Nomination, nomination_id)
            if nomination is None or nomination.status not in ACTIVE_NOMINATION_STATUSES:
                continue
            refusal = check_rules(
                self.session,
                nomination.meeting_id,
                nomination.country_code,
                nomination.person_id,
                nomination.seat_id,
                replacing=None,
                excluding=nomination.id,
            )
            if refusal is not None:
                raise _Refused(refusal.message)

    def finish(self) -> None:
        """Values derived from what changed are counted again on the server: meetings'
        first dates (from their sessions), deadlines' due dates."""
        from rcm_desktop.data.services.due_dates import recompute_in

        for gid in sorted(self.touched_meetings):
            meeting = self.records.get("meetings", gid)
            if meeting is not None:
                self.session.refresh(meeting, ["sessions"])
                meeting.refresh_derived()
        self.session.flush()
        recompute_in(self.session)


def _integrity(error: IntegrityError) -> str:
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return _("The server's database refused it (%(reason)s).") % {"reason": reason}


__all__ = [
    "BOTH_CHANGED",
    "DELETED_HERE",
    "DELETED_THERE",
    "REFUSED",
    "BringBackReport",
    "Conflict",
    "FieldConflict",
    "bring_back",
    "home_entries",
    "settled_conflicts",
]
