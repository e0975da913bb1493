"""The whole store's recent history in sentences, newest first: what a successor reads to learn
what was done lately (the handover dossier's last section)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rcm_desktop.data.id_chunks import rows_for_ids
from rcm_desktop.data.models import JournalChange, JournalEntry
from rcm_desktop.data.services.history import names_for_changes
from rcm_desktop.data.services.history_text import sentence
from rcm_desktop.data.versioning import local_time
from rcm_desktop.printing.handover.data import JournalLine

#: The most units of work written out (a period of bulk imports would fill a book).
MOST_ENTRIES = 600
#: The most changes written out for one unit of work; the others are counted.
CHANGES_PER_ENTRY = 8


@dataclass(frozen=True)
class Digest:
    """The units of work written out (as the dossier prints them), and how many were not."""

    entries: tuple[JournalLine, ...]
    #: Units of work in the period not written out (beyond MOST_ENTRIES).
    left_out: int


def recent_history(session: Session, since: dt.datetime) -> Digest:
    """The units of work recorded since *since* (UTC), newest first, in the active language.

    Reads at most MOST_ENTRIES entries and CHANGES_PER_ENTRY changes of each, in three queries.
    """
    in_period = JournalEntry.at >= since
    total = session.scalar(select(func.count()).select_from(JournalEntry).where(in_period)) or 0
    entries = list(
        session.scalars(
            select(JournalEntry)
            .where(in_period)
            .order_by(JournalEntry.id.desc())
            .limit(MOST_ENTRIES)
        )
    )
    ids = [entry.id for entry in entries]
    changes: dict[int, list[JournalChange]] = {}
    first_changes = (
        select(JournalChange)
        .where(JournalChange.position < CHANGES_PER_ENTRY)
        .order_by(JournalChange.entry_id, JournalChange.position)
    )
    for (change,) in rows_for_ids(session, first_changes, JournalChange.entry_id, ids):
        changes.setdefault(change.entry_id, []).append(change)
    counted = select(JournalChange.entry_id, func.count()).group_by(JournalChange.entry_id)
    counts: dict[int, int] = dict(
        rows_for_ids(session, counted, JournalChange.entry_id, ids)  # type: ignore[arg-type]
    )
    names = names_for_changes(session, [change for group in changes.values() for change in group])
    result = []
    for entry in entries:
        written = changes.get(entry.id, [])
        sentences = tuple(
            sentence(
                change.table_name,
                change.operation,
                change.old or {},
                change.new or {},
                change.about or {},
                names,
            )
            for change in written
        )
        result.append(
            JournalLine(
                at=local_time(entry.at) or entry.at,
                who=entry.who,
                sentences=sentences,
                more=max(0, counts.get(entry.id, 0) - len(written)),
            )
        )
    return Digest(tuple(result), max(0, total - len(entries)))
