"""The change journal: one entry per user action, each with the records it changed.

Entries are appended by `rcm_desktop.data.journal` in the transaction that made the
change, and read by the history and by bring-back. Nothing edits or deletes them but the
retention purge and the privacy scrub of a deleted person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from rcm_desktop.data.models.base import Base, utcnow


class JournalEntry(Base):
    """One user action: who did it, when (UTC), and the service it went through."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The entry's own global id; an entry replayed on a server keeps it (see `replayed`).
    entry_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(300))
    #: The service that made the change ("save_person"), and its plain arguments.
    action: Mapped[str] = mapped_column(String(100))
    arguments: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Set on an entry written by bring-back: the home entry it replayed.
    replayed: Mapped[str | None] = mapped_column(String(36), unique=True)


class JournalChange(Base):
    """One record's change inside an entry: its old and new field values.

    Foreign keys are stored as the referenced record's global id, so that a change reads
    the same on every copy of the store. The owner columns say whose history it belongs to.
    """

    __tablename__ = "journal_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = mapped_column(String(64))
    record_gid: Mapped[str] = mapped_column(String(36), index=True)
    #: "insert", "update" or "delete".
    operation: Mapped[str] = mapped_column(String(8))
    old: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    new: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: For a change of some fields: what names the record and its owners at the time.
    about: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    meeting_gid: Mapped[str | None] = mapped_column(String(36), index=True)
    person_gid: Mapped[str | None] = mapped_column(String(36), index=True)
    document_gid: Mapped[str | None] = mapped_column(String(36), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
