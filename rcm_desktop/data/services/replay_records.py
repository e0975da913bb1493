"""Records by global id on the server, read and written as the journal writes them.

Values are the journal's plain values: enums as their value, dates as ISO text, foreign
keys to tracked records as global ids, link collections (a meeting's forums, a session's
lead countries, a deadline's documents) as sorted lists of codes or global ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from rcm_desktop.data.journal import LINKS, NOT_CONTENT, plain, tracked_tables
from rcm_desktop.data.journal_owners import model_classes
from rcm_desktop.data.models import Base, Country, Document, Forum, JournalChange, JournalEntry

#: Order fields unique among a parent's records: a taken place moves the record to the end.
ORDERED = {
    "seats": ("meeting_id",), "sessions": ("meeting_id",), "agenda_items": ("session_id",),
    "guiding_questions": ("meeting_id",), "document_comments": ("document_id", "country_code"),
}  # fmt: skip
_LINK_MODELS = {"forums": (Forum, "code"), "lead_countries": (Country, "code"),
                "documents": (Document, "global_id")}  # fmt: skip


class Records:
    """Finds, reads and writes the server's records by global id in one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tables = tracked_tables()
        self.models = model_classes()
        self.positions = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
        self.gids: dict[tuple[str, int], str] = {}
        #: In one batch (see `replay_fast`): records read ahead or created, by global id;
        #: global ids known absent; ids of records pointed at; order places claimed.
        self.batch = False
        self.held: dict[str, Any] = {}
        self.absent: set[str] = set()
        self.ids: dict[str, int] = {}
        self.claimed: dict[tuple[Any, ...], set[int]] = {}

    def forget(self) -> None:
        """Forget cached ids (after a savepoint was rolled back)."""
        self.gids.clear()

    def read_ahead(self, by_table: dict[str, set[str]], pointed: dict[str, set[str]]) -> None:
        """Lock and hold the records a batch changes, and the ids of those it points at: a
        few queries in all, instead of several for each action."""
        for table, gids in by_table.items():
            model = self.models[table]
            wanted = sorted(gids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                query = select(model).where(model.global_id.in_(chunk)).with_for_update()
                for record in self.session.scalars(query):
                    self.held[record.global_id] = record
                    self.gids[(table, record.id)] = record.global_id
                self.absent.update(gid for gid in chunk if gid not in self.held)
        for table, gids in pointed.items():
            model = self.tables[table]
            wanted = sorted(gids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self.session.execute(
                    select(model.c.id, model.c.global_id).where(model.c.global_id.in_(chunk))
                )
                for record_id, gid in rows:
                    self.ids[gid] = record_id
                    self.gids[(table, record_id)] = gid

    def order(self, table: str) -> int:
        """Parents before children."""
        return self.positions.get(table, 0)

    # -- reading --------------------------------------------------------------------------

    def get(self, table: str, gid: str, *, lock: bool = False) -> Any:
        if self.batch and gid in self.held:
            return self.held[gid]
        if self.batch and gid in self.absent:
            return None
        model = self.models[table]
        query = (
            select(model).where(model.global_id == gid).execution_options(populate_existing=True)
        )
        if lock:
            query = query.with_for_update()
        return self.session.scalars(query).first()

    def id_of(self, table: str, gid: str) -> int | None:
        if self.batch:
            if gid in self.ids:
                return self.ids[gid]
            held = self.held.get(gid)
            if held is not None:
                if held.id is None:
                    self.session.flush()  # created earlier in the batch: its id, now
                return int(held.id)
        model = self.tables[table]
        return self.session.execute(select(model.c.id).where(model.c.global_id == gid)).scalar()

    def gid_of(self, table: str, record_id: int) -> str | None:
        key = (table, record_id)
        if key not in self.gids:
            model = self.tables[table]
            found = self.session.execute(
                select(model.c.global_id).where(model.c.id == record_id)
            ).scalar()
            if found is None:
                return None
            self.gids[key] = found
        return self.gids[key]

    def _foreign(self, table: str) -> dict[str, str]:
        """Foreign-key columns of *table* that point at tracked records, and their tables."""
        return {
            foreign.parent.name: foreign.column.table.name
            for foreign in self.tables[table].foreign_keys
            if foreign.column.table.name in self.tables
        }

    def plain_row(self, table: str, row: Any) -> dict[str, Any]:
        """A stored row's content as the journal writes it."""
        foreign = self._foreign(table)
        values: dict[str, Any] = {}
        for name, value in row.items():
            if name in NOT_CONTENT:
                continue
            if name in foreign and isinstance(value, int):
                value = self.gid_of(foreign[name], value)
            values[name] = plain(value)
        return values

    def plain(self, record: Any) -> dict[str, Any]:
        """A record's content and links as the journal writes them."""
        table = inspect(record).mapper.local_table.name
        row = {
            attribute.columns[0].name: getattr(record, attribute.key)
            for attribute in inspect(record).mapper.column_attrs
        }
        values = self.plain_row(table, row)
        if table in LINKS:
            name, attribute = LINKS[table]
            values[name] = sorted(str(getattr(item, attribute)) for item in getattr(record, name))
        return values

    def plain_of(self, table: str, gid: str) -> dict[str, Any] | None:
        record = self.get(table, gid, lock=True)
        return None if record is None else self.plain(record)

    def busy_under(self, table: str, gid: str, recorded: dict[str, Any]) -> list[str]:
        """The server rows deleting the record would take along or unlink that the home copy
        did not delete or unlink as they are now (added or changed on the server since)."""
        record_id = self.id_of(table, gid)
        frontier = {table: {record_id}} if record_id is not None else {}
        seen: set[str] = set()
        busy: list[str] = []
        while frontier:
            following: dict[str, set[int]] = {}
            for parent, ids in frontier.items():
                for child in self.tables.values():
                    for foreign in child.foreign_keys:
                        if foreign.column.table.name != parent or foreign.ondelete not in (
                            "CASCADE",
                            "SET NULL",
                        ):
                            continue
                        rows = self.session.execute(
                            select(child).where(foreign.parent.in_(sorted(ids)))
                        ).mappings()
                        for row in rows:
                            child_gid = row["global_id"]
                            if child_gid in seen:
                                continue
                            seen.add(child_gid)
                            change = recorded.get(child_gid)
                            now = self.plain_row(child.name, row)
                            if change is None or any(
                                now.get(k, v) != v for k, v in change.old.items()
                            ):
                                busy.append(child_gid)
                            if foreign.ondelete == "CASCADE":
                                following.setdefault(child.name, set()).add(row["id"])
            frontier = following
        return busy

    def missing_references(self, table: str, values: dict[str, Any]) -> list[str]:
        """The fields of *values* that point at records the server does not hold."""
        missing = []
        for name, target in self._foreign(table).items():
            value = values.get(name)
            if isinstance(value, str) and self.id_of(target, value) is None:
                missing.append(name)
        if table == "deadlines" and values.get("documents"):
            model = self.tables["documents"]
            found = set(
                self.session.scalars(
                    select(model.c.global_id).where(model.c.global_id.in_(values["documents"]))
                )
            )
            if found != set(values["documents"]):
                missing.append("documents")
        return missing

    def last_server_change(self, gid: str, mark: int) -> tuple[str, dt.datetime | None]:
        """Who changed record *gid* on the server since take-home, and when."""
        found = self.session.execute(
            select(JournalEntry.who, JournalEntry.at)
            .join(JournalChange, JournalChange.entry_id == JournalEntry.id)
            .where(JournalChange.record_gid == gid, JournalEntry.id > mark)
            .order_by(JournalEntry.id.desc())
            .limit(1)
        ).first()
        return (found[0], found[1]) if found else ("", None)

    # -- writing --------------------------------------------------------------------------

    def _native(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        """Plain values as the model's attributes take them."""
        model = self.models[table]
        columns = inspect(model).columns
        foreign = self._foreign(table)
        native: dict[str, Any] = {}
        for name, value in values.items():
            if name in LINKS.get(table, ("",))[:1]:
                continue
            if name in foreign and isinstance(value, str):
                value = self.id_of(foreign[name], value)
            elif value is not None and name in columns:
                kind = columns[name].type
                enum_class = getattr(kind, "enum_class", None)
                python = None if enum_class else getattr(kind, "python_type", None)
                if enum_class is not None and isinstance(value, str):
                    value = enum_class(value)
                elif python is dt.date and isinstance(value, str):
                    value = dt.date.fromisoformat(value)
                elif python is dt.time and isinstance(value, str):
                    value = dt.time.fromisoformat(value)
                elif python is dt.datetime and isinstance(value, str):
                    value = dt.datetime.fromisoformat(value)
            native[name] = value
        return native

    def _set_links(self, record: Any, table: str, values: dict[str, Any]) -> None:
        if table not in LINKS or LINKS[table][0] not in values:
            return
        name = LINKS[table][0]
        model, key = _LINK_MODELS[name]
        wanted = list(values[name] or [])
        items = self.session.scalars(select(model).where(getattr(model, key).in_(wanted))).all()
        setattr(record, name, list(items))

    def create(self, table: str, gid: str, values: dict[str, Any]) -> Any:
        model = self.models[table]
        record = model(global_id=gid, **self._native(table, values))
        self._set_links(record, table, values)
        self._free_place(table, record)
        self.session.add(record)
        if self.batch:
            self.held[gid] = record
            self.absent.discard(gid)
        else:
            self.session.flush()
        return record

    def assign(self, record: Any, values: dict[str, Any]) -> None:
        table = inspect(record).mapper.local_table.name
        for name, value in self._native(table, values).items():
            setattr(record, name, value)
        self._set_links(record, table, values)
        if "position" in values:
            self._free_place(table, record)
        if not self.batch:
            self.session.flush()

    def _free_place(self, table: str, record: Any) -> None:
        """A place (order) taken by another record moves *record* to the end."""
        if table not in ORDERED or getattr(record, "position", None) is None:
            return
        model = self.models[table]
        same = [getattr(model, name) == getattr(record, name) for name in ORDERED[table]]
        if self.batch:  # the parent's places read once, then claimed as records are added
            parent = (table, *(getattr(record, name) for name in ORDERED[table]))
            if parent not in self.claimed:
                with self.session.no_autoflush:
                    self.claimed[parent] = set(
                        self.session.scalars(select(model.position).where(*same))
                    )
            taken = self.claimed[parent]
            if record.position in taken:
                record.position = max(taken) + 1
            taken.add(record.position)
            return
        if record.id is not None:
            same.append(model.id != record.id)
        with self.session.no_autoflush:
            taken_here = self.session.scalar(
                select(func.count())
                .select_from(model)
                .where(*same, model.position == record.position)
            )
            if taken_here:
                last = self.session.scalar(
                    select(func.max(model.position)).where(*same[: len(ORDERED[table])])
                )
                record.position = (last or 0) + 1
