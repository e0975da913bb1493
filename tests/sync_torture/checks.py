"""What must hold after a bring-back: nothing lost, every conflict reported, rules kept,
references intact, no duplicates, and the home copy equal to the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text

from rcm_desktop.data.db import Database
from rcm_desktop.data.journal import tracked_tables
from rcm_desktop.data.services.replay_records import Records
from rcm_desktop.data.take_home import Conflict
from tests.sync_torture.operations import Intent


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    unreported: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    different: list[tuple[str, str, str]] = field(default_factory=list)


def contents(database: Database) -> dict[str, dict[str, dict[str, Any]]]:
    """Every tracked record's content by table and global id, as the journal writes it."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    with database.session() as session:
        records = Records(session)
        for name, table in tracked_tables().items():
            rows = session.execute(select(table)).mappings().all()
            found[name] = {row["global_id"]: records.plain_row(name, row) for row in rows}
    return found


def _last(intents: list[Intent], side: str) -> dict[tuple[str, str], Intent]:
    last: dict[tuple[str, str], Intent] = {}
    for intent in intents:
        if intent.side == side and intent.kind == "field":
            last[(intent.gid, intent.field)] = intent
    return last


def check(
    server: Database,
    home: Database,
    intents: list[Intent],
    conflicts: list[Conflict],
    before: dict[str, dict[str, dict[str, dict[str, Any]]]],
) -> Verdict:
    """*before* holds each side's contents just before the bring-back: a record one side
    removed itself (a later deletion, or one of its parents deleted) is not expected back."""
    verdict = Verdict()
    stored = contents(server)

    def covered(gid: str) -> bool:
        return any(conflict.covers(gid) for conflict in conflicts)

    def row(intent: Intent) -> dict[str, Any] | None:
        return stored[intent.table].get(intent.gid)

    deleted = {(i.side, i.gid) for i in intents if i.kind == "delete"}
    home_fields, server_fields = _last(intents, "home"), _last(intents, "server")
    clashing: set[str] = set()
    for key, mine in home_fields.items():
        theirs = server_fields.get(key)
        if theirs is not None and theirs.value != mine.value and not covered(mine.gid):
            verdict.unreported.append(f"{mine.table} {key}: both changed, no conflict")
            clashing.add(mine.gid)
    for intent in intents:
        if (
            intent.side == "home"
            and intent.kind != "delete"
            and ("server", intent.gid) in deleted
            and not covered(intent.gid)
        ):
            verdict.unreported.append(f"{intent.table} {intent.gid}: edited here, deleted there")
            clashing.add(intent.gid)
        if intent.side == "home" and intent.kind == "delete":
            theirs = [
                i
                for i in intents
                if i.side == "server" and i.gid == intent.gid and i.kind != "delete"
            ]
            if theirs and ("server", intent.gid) not in deleted and not covered(intent.gid):
                verdict.unreported.append(
                    f"{intent.table} {intent.gid}: deleted here, edited there"
                )
                clashing.add(intent.gid)
    for intent in intents:
        if intent.gid in clashing or covered(intent.gid):
            continue
        if intent.kind != "delete" and intent.gid not in before[intent.side][intent.table]:
            continue  # its own side removed it afterwards
        other = "server" if intent.side == "home" else "home"
        present = row(intent)
        if intent.kind == "field":
            last = (home_fields if intent.side == "home" else server_fields)[
                (intent.gid, intent.field)
            ]
            if last is not intent or (intent.side, intent.gid) in deleted:
                continue
            agreed = other == "home" and home_fields.get((intent.gid, intent.field)) is not None
            if present is None or (present.get(intent.field) != intent.value and not agreed):
                verdict.lost.append(f"{intent.side} {intent.table} {intent.field} of {intent.gid}")
        elif intent.kind == "create":
            if (
                present is None
                and (intent.side, intent.gid) not in deleted
                and ((other, intent.gid) not in deleted)
            ):
                verdict.lost.append(f"{intent.side} created {intent.table} {intent.gid}")
            elif present is not None and intent.field:
                same = [
                    gid
                    for gid, values in stored[intent.table].items()
                    if values.get(intent.field) == intent.value
                ]
                if len(same) > 1:
                    verdict.duplicates.append(f"{intent.table} {intent.value!r} x{len(same)}")
        elif intent.kind == "delete" and present is not None:
            verdict.lost.append(f"{intent.side} deleted {intent.table} {intent.gid}: still there")
    with server.engine.connect() as connection:
        journaled = set(
            connection.execute(text("SELECT DISTINCT record_gid FROM journal_changes")).scalars()
        )
    for intent in intents:
        if intent.side == "home" and row(intent) is not None and intent.gid not in journaled:
            verdict.lost.append(
                f"history of {intent.table} {intent.gid}: not in the server's journal"
            )
    verdict.violations += rule_violations(server)
    verdict.different += differences(stored, contents(home))
    return verdict


def rule_violations(database: Database) -> list[str]:
    """Delegations over their limit, a seat held twice, a person nominated twice."""
    active = "('draft', 'submitted', 'confirmed')"
    found: list[str] = []
    with database.engine.connect() as connection:
        for meeting, country, count, limit, extra in connection.execute(
            text(
                f"SELECT n.meeting_id, n.country_code, COUNT(*), m.max_participants_per_country, "
                f"(SELECT COUNT(*) FROM seats s WHERE s.meeting_id = n.meeting_id "
                f"AND s.beyond_limit) FROM nominations n JOIN meetings m ON m.id = n.meeting_id "
                f"WHERE n.status IN {active} GROUP BY n.meeting_id, n.country_code, "
                f"m.max_participants_per_country"
            )
        ):
            if limit is not None and count > limit + extra:
                found.append(f"meeting {meeting} {country}: {count} nominated, limit {limit}")
        for meeting, seat, count in connection.execute(
            text(
                f"SELECT meeting_id, seat_id, COUNT(*) FROM nominations WHERE status IN {active} "
                f"AND seat_id IS NOT NULL GROUP BY meeting_id, seat_id HAVING COUNT(*) > 1"
            )
        ):
            found.append(f"meeting {meeting}: seat {seat} held {count} times")
        for meeting, person, count in connection.execute(
            text(
                f"SELECT meeting_id, person_id, COUNT(*) FROM nominations WHERE status IN {active} "
                f"GROUP BY meeting_id, person_id HAVING COUNT(*) > 1"
            )
        ):
            found.append(f"meeting {meeting}: person {person} nominated {count} times")
        for (wrong,) in connection.execute(
            text(
                "SELECT COUNT(*) FROM nominations n JOIN seats s ON s.id = n.seat_id "
                "WHERE s.meeting_id <> n.meeting_id"
            )
        ):
            if wrong:
                found.append(f"{wrong} nominations hold a seat of another meeting")
        replayed_twice = connection.execute(
            select(func.count()).select_from(
                text(
                    "(SELECT replayed FROM journal_entries WHERE replayed IS NOT NULL "
                    "GROUP BY replayed HAVING COUNT(*) > 1) AS twice"
                )
            )
        ).scalar()
        if replayed_twice:
            found.append(f"{replayed_twice} home entries replayed twice")
    return found


def differences(
    server: dict[str, dict[str, dict[str, Any]]], home: dict[str, dict[str, dict[str, Any]]]
) -> list[tuple[str, str, str]]:
    """(table, global id, field) of each difference between the server and the home copy."""
    found = []
    for table, rows in server.items():
        theirs = home.get(table, {})
        for gid in set(rows) ^ set(theirs):
            found.append((table, gid, "(record)"))
        for gid in set(rows) & set(theirs):
            found += [
                (table, gid, name)
                for name in set(rows[gid]) | set(theirs[gid])
                if rows[gid].get(name) != theirs[gid].get(name)
            ]
    return found
